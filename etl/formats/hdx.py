"""HDX HAPI conflict events (hapi.humdata.org): monthly ACLED aggregates per admin area and event type, into
`event_counts`.

These are counts, not events: one row says "in Kachin / Bhamo in January 2025, 12 political-violence events,
30 fatalities". They go to a table of their own and are never added to event rows (ACLED's own included).
`event_type` is political_violence, civilian_targeting or demonstration; in ACLED's aggregates civilian
targeting is a part of political violence, so the types overlap. An empty `fatalities` (every demonstration
row) is unknown: NULL, never 0.

The admin area is the provider's (ACLED's) `provider_admin1_name` / `provider_admin2_name`: HDX's matched
p-codes and names (`admin1_code`, `admin1_name` …) sometimes map two of ACLED's areas onto one code (the file's
own `warning` column says "PCode mismatch"), so they stay in `extra` with that warning.
"""

from __future__ import annotations

from typing import ClassVar

from etl.formats.base import Format, Mapping, Source
from etl.sql import literal
from monitor.schema import WHOLE_COUNTRY

REQUIRED = ("location_code", "event_type", "events", "fatalities", "reference_period_start", "reference_period_end")
MAPPED = {"location_code", "provider_admin1_name", "provider_admin2_name", "admin_level", "event_type", "events",
          "fatalities", "reference_period_start", "reference_period_end"}
ORIGIN = "hdx-hapi"


class HdxHapiConflictFormat(Format):
    name: ClassVar[str] = "hdx-hapi"
    required: ClassVar[tuple[str, ...]] = REQUIRED
    primary_table: ClassVar[str] = "event_counts"
    description: ClassVar[str] = (
        "HDX HAPI conflict events: location_code, admin1/admin2 names, event_type, events, fatalities, "
        "reference_period_start, reference_period_end, ..."
    )
    on_changed: ClassVar[str] = "update"  # ACLED revises its figures; a newer export updates the month
    hash_ignores: ClassVar[tuple[str, ...]] = ("source_id",)

    def mapping(self, src: Source) -> Mapping:
        c = src.col
        admin1 = f"coalesce(val({c('provider_admin1_name')}), val({c('admin1_name')}))"
        admin2 = f"coalesce(val({c('provider_admin2_name')}), val({c('admin2_name')}))"
        source_id = f"{ORIGIN}:{src.input_name}"
        columns = {
            "origin": literal(ORIGIN),
            "country_iso3": c("location_code"),
            "admin_area": f"coalesce(nullif(concat_ws(' / ', {admin1}, {admin2}), ''), {literal(WHOLE_COUNTRY)})",
            "event_type": c("event_type"),
            "period_start": c("reference_period_start"),
            "period_end": c("reference_period_end"),
            "admin_level": c("admin_level"),
            "admin1": admin1,
            "admin2": admin2,
            "events": c("events"),
            "fatalities": c("fatalities"),  # empty stays NULL: not reported, not zero
            "source_id": literal(source_id),
            "extra": src.extra(MAPPED),
        }
        export = src.export_source(
            source_id,
            publisher="OCHA Humanitarian Data Exchange: HDX HAPI (data from ACLED)",
            title=f"HDX HAPI conflict events, monthly aggregates of ACLED data ({src.input_name})",
            url="https://hapi.humdata.org/",
            license="ACLED terms of use and attribution policy (https://acleddata.com/terms-of-use/)",
            notes="Counts of events and fatalities per admin area and month, aggregated by HDX HAPI from ACLED; "
                  "see https://hdx-hapi.readthedocs.io/en/latest/data_usage_guides/coordination_and_context/",
        )
        return Mapping("event_counts", columns, derived=[export])


FORMATS: list[type[Format]] = [HdxHapiConflictFormat]
