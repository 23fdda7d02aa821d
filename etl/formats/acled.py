"""ACLED exports (acleddata.com): one row per event, old and current column sets, into `events`.

Columns vary by vintage and by tool: the API and the Explorer add or drop `data_id`, `iso3`,
`event_id_no_cnty`, `disorder_type`, `civilian_targeting`, `tags`, `timestamp`; `inter1`/`inter2` are
numbers in older exports and words in newer ones; analysts add columns of their own. Only the columns
below are required; everything not mapped is kept in `events.extra`. Dates may be written 2021-01-02,
02 January 2021 or 2021-01-02T00:00:00Z; `NA` is missing. Events at sea name a body of water in
`country` ("Bay of Bengal"): they keep their coordinates, with no country.
"""

from __future__ import annotations

import re
from typing import ClassVar

from etl.formats._shared import labelled
from etl.formats.base import Format, Mapping, Reject, Rule, Source
from etl.sql import case_map, literal
from monitor.countries import to_iso3

REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "country", "fatalities")

# ACLED codebook: time_precision 1 = the day is known, 2 = within a week (or the date given is the middle
# of a reported range), 3 = only the month is known.
TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
# geo_precision 1 = the town itself, 2 = near a town or part of a region (the nearest town's coordinates),
# 3 = only a larger region (its capital's coordinates).
GEO_PRECISION = {"1": "city", "2": "near", "3": "region"}

MAPPED = {
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "iso3", "location", "latitude", "longitude", "geo_precision", "notes", "fatalities",
}  # fmt: skip

WATER = re.compile(r"\b(sea|ocean|gulf|bay|straits?|channel|canal|sound|bight|waters|lake)\b", re.IGNORECASE)


def is_water_body(name: str) -> bool:
    return bool(WATER.search(name))


def country_of(iso3: str | None, iso: str | None, country: str | None, placed: bool = True) -> str | None:
    """ISO-3 from `iso3`, else the numeric `iso` (UN M49), else the `country` name; None for an event at
    sea ("Bay of Bengal") that has coordinates. Reject when nothing places the event."""
    for value in (iso3, iso):
        if value and value.strip() not in ("0", "0.0") and (code := to_iso3(value)):
            return code
    name = (country or "").strip()
    if code := to_iso3(name):
        return code
    if name and is_water_body(name):
        if not placed:
            raise Reject(f"event at sea ({name!r}) without coordinates: nothing places it")
        return None
    raise Reject(f"unknown country {name!r} in country (and no usable iso3/iso code)")


class AcledFormat(Format):
    name: ClassVar[str] = "acled"
    required: ClassVar[tuple[str, ...]] = REQUIRED
    primary_table: ClassVar[str] = "events"
    description: ClassVar[str] = (
        "ACLED export: event_id_cnty, event_date, event_type, actor1, country, fatalities, ... (any vintage)"
    )
    on_changed: ClassVar[str] = "update"  # ACLED revises events; a newer export updates them
    hash_ignores: ClassVar[tuple[str, ...]] = ("source_id",)  # the export file, not the fact

    def mapping(self, src: Source) -> Mapping:
        c = src.col
        placed = f"(val({c('latitude')}) IS NOT NULL AND val({c('longitude')}) IS NOT NULL)"
        country = src.lookup(country_of, f"val({c('iso3')})", f"val({c('iso')})", f"val({c('country')})", placed)
        # An event at sea names the water in `location` (when the location does not already say it).
        water = f"CASE WHEN {country.value} IS NULL THEN val({c('country')}) END"
        location = (f"CASE WHEN {water} IS NOT NULL AND NOT contains(lower(coalesce(val({c('location')}), '')), "
                    f"lower({water})) THEN concat_ws(', ', val({c('location')}), {water}) "
                    f"ELSE val({c('location')}) END")
        source_id = f"acled:{src.input_name}"
        columns = {
            "event_id": f"'acled:' || trim({c('event_id_cnty')})",
            "event_date": c("event_date"),
            "date_precision": case_map(f"trim({c('time_precision')})", TIME_PRECISION),
            "event_type": c("event_type"),
            "sub_event_type": c("sub_event_type"),
            "country_iso3": country.value,
            # also kept in extra, as before they were columns: a reload after `etl upgrade` is a duplicate
            "admin1": f"val({c('admin1')})",
            "admin2": f"val({c('admin2')})",
            "location": location,
            "latitude": c("latitude"),
            "longitude": c("longitude"),
            "geo_precision": labelled(c("geo_precision"), GEO_PRECISION, "acled"),
            "actor1": c("actor1"),
            "actor2": c("actor2"),
            "fatalities_best": c("fatalities"),
            "summary": c("notes"),
            "origin": "'acled'",
            "origin_id": f"trim({c('event_id_cnty')})",
            "source_id": literal(source_id),
            "extra": src.extra(MAPPED),
        }
        rules = [
            Rule("event id",
                 f"CASE WHEN coalesce(trim({c('event_id_cnty')}), '') = '' THEN 'missing event_id_cnty' END"),
            Rule("country", country.reason),
        ]
        export = src.export_source(
            source_id,
            publisher="ACLED (Armed Conflict Location & Event Data)",
            title=f"ACLED export {src.input_name}",
            url="https://acleddata.com/",
            license="ACLED terms of use (attribution; no redistribution of raw rows)",
            notes="One row per event; the reporting outlets are in each event's extra.source.",
        )
        return Mapping("events", columns, rules, derived=[export])


FORMATS: list[type[Format]] = [AcledFormat]
