"""Filling in what a row implies but does not state: coordinates for a named place.

Coordinates come from the offline gazetteer (monitor.geo), and the row says so in geo_precision, so a
geocoded point is never mistaken for one the source gave. The gazetteer runs once per DISTINCT
(place, country) of the rows that lack coordinates, a small set, and the result is joined back in SQL.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from monitor.geo import locate

PLACE_COLUMN = {"events": ("location", "country_iso3"), "visits": ("city", "host_iso3")}
GEOCODED = " (geocoded)"


def geocode_table(con: duckdb.DuckDBPyConnection, name: str, relation: str, table: str, *, temp: bool) -> bool:
    """Create `name` (place, country, latitude, longitude, precision) for the places of `relation` (typed
    rows of `table`) that have no coordinates; False when the table has no place column."""
    if table not in PLACE_COLUMN:
        return False
    place, country = PLACE_COLUMN[table]
    wanted = con.execute(
        f"SELECT DISTINCT {place}, {country} FROM {relation} WHERE latitude IS NULL AND {place} IS NOT NULL"
    ).fetchall()
    found = [(p, c, *hit) for p, c in wanted if (hit := locate(p, c)) is not None]
    arrow = pa.table({
        "place": pa.array([f[0] for f in found], pa.string()),
        "country": pa.array([f[1] for f in found], pa.string()),
        "latitude": pa.array([f[2] for f in found], pa.float64()),
        "longitude": pa.array([f[3] for f in found], pa.float64()),
        "precision": pa.array([f[4] + GEOCODED for f in found], pa.string()),
    })
    con.register("_places", arrow)
    try:
        con.execute(f"CREATE OR REPLACE {'TEMP ' if temp else ''}TABLE {name} AS SELECT * FROM _places")
    finally:
        con.unregister("_places")
    return True
