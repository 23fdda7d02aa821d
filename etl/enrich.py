"""Filling in what a row implies but does not state: coordinates for a named place.

Coordinates come from the offline gazetteer (monitor.geo), and the row says so in geo_precision, so a
geocoded point is never mistaken for one the source gave. The gazetteer runs once per DISTINCT
(place, country) of the rows that lack coordinates, a small set (a lookup, etl/lookups.py).
"""

from __future__ import annotations

PLACE_COLUMN = {"events": ("location", "country_iso3"), "visits": ("city", "host_iso3")}
GEOCODED = " (geocoded)"


def geocode(place: str | None, country: str | None) -> tuple[float, float, str] | None:
    """(latitude, longitude, precision) for a place without coordinates, or None."""
    if not place:
        return None
    from monitor.geo import locate  # here: geopy and the gazetteer load only for a file with places to place

    found = locate(place, country)
    if found is None:
        return None
    latitude, longitude, precision = found
    return latitude, longitude, precision + GEOCODED
