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

from etl.formats._shared import extra_json, labelled
from etl.formats.base import Context, Format, Record, Reject
from etl.validate import is_missing
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


def country_of(row: dict[str, str]) -> tuple[str | None, str | None]:
    """(ISO-3, body of water): from `iso3`, else the numeric `iso` (UN M49), else the `country` name."""
    for column in ("iso3", "iso"):
        value = row.get(column, "")
        if not is_missing(value) and value.strip() not in ("0", "0.0"):
            if code := to_iso3(value):
                return code, None
    name = row.get("country", "").strip()
    if code := to_iso3(name):
        return code, None
    if name and is_water_body(name):
        if is_missing(row.get("latitude")) or is_missing(row.get("longitude")):
            raise Reject(f"event at sea ({name!r}) without coordinates: nothing places it")
        return None, name
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

    def parse(self, r: dict[str, str], ctx: Context) -> list[Record]:
        event_id = r["event_id_cnty"].strip()
        if not event_id:
            raise Reject("missing event_id_cnty")
        iso3, water = country_of(r)
        location = r.get("location", "").strip()
        if water and water.lower() not in location.lower():
            location = f"{location}, {water}" if location else water
        source_id = f"acled:{ctx.input_name}"
        ctx.ensure_source(
            source_id,
            publisher="ACLED (Armed Conflict Location & Event Data)",
            title=f"ACLED export {ctx.input_name}",
            url="https://acleddata.com/",
            accessed_on=ctx.accessed_on,
            license="ACLED terms of use (attribution; no redistribution of raw rows)",
            notes="One row per event; the reporting outlets are in each event's extra.source.",
        )
        values = {
            "event_id": f"acled:{event_id}",
            "event_date": r["event_date"],
            "date_precision": TIME_PRECISION.get(r.get("time_precision", "").strip()),
            "event_type": r["event_type"],
            "sub_event_type": r.get("sub_event_type"),
            "country_iso3": iso3,
            "location": location or None,
            "latitude": r.get("latitude"),
            "longitude": r.get("longitude"),
            "geo_precision": labelled(GEO_PRECISION.get(r.get("geo_precision", "").strip()), "acled",
                                      r.get("geo_precision", "")),
            "actor1": r["actor1"],
            "actor2": r.get("actor2"),
            "fatalities_best": r["fatalities"],
            "summary": r.get("notes"),
            "origin": "acled",
            "origin_id": event_id,
            "source_id": source_id,
            "extra": extra_json(r, MAPPED),
        }
        return [Record("events", values)]


FORMATS: list[type[Format]] = [AcledFormat]
