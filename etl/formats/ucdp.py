"""UCDP Georeferenced Event Dataset (GED) exports (ucdp.uu.se), all 49 columns, into `events`.

Low, best and high death estimates stay three numbers; an event may span days (date_start..date_end);
where_prec and date_prec are kept. Quoted fields may hold line breaks (the reader handles them).
"""

from __future__ import annotations

from typing import ClassVar

from etl.formats._shared import extra_json, labelled
from etl.formats.base import Context, Format, Record, Reject
from etl.validate import is_missing
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


def _summary(r: dict[str, str]) -> str:
    parts = [r.get("dyad_name", "").strip()]
    if where := r.get("where_description", "").strip():
        parts.append(where)
    deaths = [(r.get("side_a", "side A"), r.get("deaths_a")), (r.get("side_b", "side B"), r.get("deaths_b")),
              ("civilians", r.get("deaths_civilians")), ("unknown", r.get("deaths_unknown"))]
    known = [f"{who} {n}" for who, n in deaths if not is_missing(n)]
    if known:
        parts.append("Deaths (best estimate) by side: " + ", ".join(known))
    return ". ".join(p for p in parts if p) + "."


class UcdpFormat(Format):
    name: ClassVar[str] = "ucdp"
    required: ClassVar[tuple[str, ...]] = REQUIRED
    primary_table: ClassVar[str] = "events"
    description: ClassVar[str] = (
        "UCDP GED export: id, relid, date_start, date_end, date_prec, where_prec, low, best, high, country, ..."
    )
    on_changed: ClassVar[str] = "update"  # each GED release revises events
    hash_ignores: ClassVar[tuple[str, ...]] = ("source_id",)

    def parse(self, r: dict[str, str], ctx: Context) -> list[Record]:
        event_id = r["id"].strip()
        if not event_id:
            raise Reject("missing id")
        country = r["country"].strip()
        iso3 = to_iso3(country)
        if iso3 is None:
            raise Reject(f"unknown country {country!r} in country")
        source_id = f"ucdp:{ctx.input_name}"
        ctx.ensure_source(
            source_id,
            publisher="Uppsala Conflict Data Program (UCDP)",
            title=f"UCDP Georeferenced Event Dataset (GED) export {ctx.input_name}",
            url="https://ucdp.uu.se/downloads/",
            accessed_on=ctx.accessed_on,
            license="CC BY 4.0",
            notes="Each event's own sources (source_article, source_office ...) are in its extra.",
        )
        date_prec = r.get("date_prec", "").strip()
        where_prec = r.get("where_prec", "").strip()
        values = {
            "event_id": f"ucdp:{event_id}",
            "event_date": r["date_start"],
            "end_date": r["date_end"],
            "date_precision": DATE_PRECISION.get(date_prec),
            "event_type": VIOLENCE.get(r.get("type_of_violence", "").strip(), "organized violence"),
            "sub_event_type": r.get("conflict_name"),
            "country_iso3": iso3,
            "location": r.get("where_coordinates"),
            "latitude": r.get("latitude"),
            "longitude": r.get("longitude"),
            "geo_precision": labelled(WHERE_PRECISION.get(where_prec), "ucdp", where_prec),
            "actor1": r.get("side_a"),
            "actor2": r.get("side_b"),
            "fatalities_low": r["low"],
            "fatalities_best": r["best"],
            "fatalities_high": r["high"],
            "summary": _summary(r),
            "origin": "ucdp",
            "origin_id": event_id,
            "source_id": source_id,
            "extra": extra_json(r, IN_EXTRA_TOO),
        }
        return [Record("events", values)]


FORMATS: list[type[Format]] = [UcdpFormat]
