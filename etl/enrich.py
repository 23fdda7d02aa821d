"""Filling in what a row implies but does not state: coordinates for a named place.

Coordinates come from the offline gazetteer (monitor.geo), and the row says so in geo_precision,
so a geocoded point is never mistaken for one the source gave.
"""

from __future__ import annotations

from typing import Any

from monitor.geo import locate

PLACE_COLUMN = {"events": ("location", "country_iso3"), "visits": ("city", "host_iso3")}


def add_coordinates(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """Geocode the row's place when it names one but gives no coordinates."""
    if table not in PLACE_COLUMN or values.get("latitude") is not None:
        return values
    place_col, country_col = PLACE_COLUMN[table]
    place = values.get(place_col)
    if not place:
        return values
    found = locate(place, values.get(country_col))
    if found is not None:
        values["latitude"], values["longitude"], precision = found
        values["geo_precision"] = f"{precision} (geocoded)"
    return values
