"""UCDP Georeferenced Event Dataset (GED) exports (ucdp.uu.se), all 49 columns, into `events`.

Low, best and high death estimates stay three numbers; an event may span days (date_start..date_end);
where_prec and date_prec are kept. Quoted fields may hold line breaks (the reader handles them).
"""

from __future__ import annotations

from typing import ClassVar

from etl.formats._shared import labelled
from etl.formats.base import Format, Mapping, Reject, Rule, Source
from etl.sql import case_map, literal
from monitor.countries import to_iso3

REQUIRED = ("id", "date_start", "date_end", "where_prec", "date_prec", "low", "best", "high", "country")

# GED codebook, type_of_violence.
VIOLENCE = {"1": "state-based conflict", "2": "non-state conflict", "3": "one-sided violence"}
# date_prec 1 = exact day; 2 = within 2-6 days; 3 = only the week; 4 = within 8-30 days or only the month;
# 5 = a range longer than a month, or only the year.
DATE_PRECISION = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
# where_prec 1 = exact place; 2 = within about 25 km of a known point; 3 = second-order administrative
# division; 4 = first-order division; 5 = part of a country larger than that, or a linear feature (road,
# river, border); 6 = only the country; 7 = international waters or airspace.
WHERE_PRECISION = {"1": "exact", "2": "near", "3": "region", "4": "region", "5": "region", "6": "country",
                   "7": "water"}

MAPPED = {"id", "date_start", "date_end", "date_prec", "type_of_violence", "conflict_name", "country",
          "where_coordinates", "latitude", "longitude", "where_prec", "side_a", "side_b", "low", "best", "high"}
IN_EXTRA_TOO = MAPPED - {"country"}  # the name as UCDP writes it ("Myanmar (Burma)") stays visible
DEATHS = (("side_a", "side A", "deaths_a"), ("side_b", "side B", "deaths_b"),
          ("civilians", None, "deaths_civilians"), ("unknown", None, "deaths_unknown"))


def country_code(name: str | None) -> str:
    """ISO-3 for UCDP's country name; Reject naming it."""
    if code := to_iso3(name or ""):
        return code
    raise Reject(f"unknown country {(name or '').strip()!r} in country")


def summary(src: Source) -> str:
    """SQL: the dyad, where, and the deaths by side: 'Government of Myanmar - KIA. Near Mindat. Deaths …'."""
    c = src.col
    deaths = []
    for who_col, default, n_col in DEATHS:
        who = f"coalesce({c(who_col)}, {literal(default)})" if default else literal(who_col)
        deaths.append(f"CASE WHEN present({c(n_col)}) IS NOT NULL THEN {who} || ' ' || {c(n_col)} END")
    by_side = f"nullif(concat_ws(', ', {', '.join(deaths)}), '')"
    return (f"concat_ws('. ', nullif(trim({c('dyad_name')}), ''), nullif(trim({c('where_description')}), ''), "
            f"'Deaths (best estimate) by side: ' || {by_side}) || '.'")


class UcdpFormat(Format):
    name: ClassVar[str] = "ucdp"
    required: ClassVar[tuple[str, ...]] = REQUIRED
    primary_table: ClassVar[str] = "events"
    description: ClassVar[str] = (
        "UCDP GED export: id, relid, date_start, date_end, date_prec, where_prec, low, best, high, country, ..."
    )
    on_changed: ClassVar[str] = "update"  # each GED release revises events
    hash_ignores: ClassVar[tuple[str, ...]] = ("source_id",)
    # GED publishes some events with low/best/high out of order (best 3, high 0): UCDP's own totals count them,
    # so they load as published, flagged, with low/high the smallest and largest of the three.
    counts_as_published: ClassVar[bool] = True

    def mapping(self, src: Source) -> Mapping:
        c = src.col
        country = src.lookup(country_code, f"trim({c('country')})")
        source_id = f"ucdp:{src.input_name}"
        columns = {
            "event_id": f"'ucdp:' || trim({c('id')})",
            "event_date": c("date_start"),
            "end_date": c("date_end"),
            "date_precision": case_map(f"trim({c('date_prec')})", DATE_PRECISION),
            "event_type": case_map(f"trim({c('type_of_violence')})", VIOLENCE, "'organized violence'"),
            "sub_event_type": c("conflict_name"),
            "country_iso3": country.value,
            # also kept in extra, as before they were columns: a reload after `etl upgrade` is a duplicate
            "admin1": f"val({c('adm_1')})",
            "admin2": f"val({c('adm_2')})",
            "location": c("where_coordinates"),
            "latitude": c("latitude"),
            "longitude": c("longitude"),
            "geo_precision": labelled(c("where_prec"), WHERE_PRECISION, "ucdp"),
            "actor1": c("side_a"),
            "actor2": c("side_b"),
            "fatalities_low": c("low"),
            "fatalities_best": c("best"),
            "fatalities_high": c("high"),
            "summary": summary(src),
            "origin": "'ucdp'",
            "origin_id": f"trim({c('id')})",
            "source_id": literal(source_id),
            "extra": src.extra(IN_EXTRA_TOO),
        }
        rules = [Rule("id", f"CASE WHEN coalesce(trim({c('id')}), '') = '' THEN 'missing id' END"),
                 Rule("country", country.reason)]
        export = src.export_source(
            source_id,
            publisher="Uppsala Conflict Data Program (UCDP)",
            title=f"UCDP Georeferenced Event Dataset (GED) export {src.input_name}",
            url="https://ucdp.uu.se/downloads/",
            license="CC BY 4.0",
            notes="Each event's own sources (source_article, source_office ...) are in its extra.",
        )
        return Mapping("events", columns, rules, derived=[export])


FORMATS: list[type[Format]] = [UcdpFormat]
