"""The Map page's reads: events per place (or per grid cell when too many), a place's events, their sources."""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import Filters, table_filter
from monitor.schema import estimate_column
from monitor.store import Store

MAP_MAX_POINTS = 5000  # more distinct places than this in view: aggregate to a grid in SQL
# Grid cells in tenths of a degree, finest first: each a multiple of the finest, so one pass over the 0.1-degree
# cells counts them all (0.1, 0.2, 0.5, 1, 2, 5, 10 degrees).
GRID_TENTHS = (1, 2, 5, 10, 20, 50, 100)
GRID_STEPS = tuple(t / 10 for t in GRID_TENTHS)
WORLD_CELLS = 18 * 36  # 10-degree cells on the globe
# Precise: a point the source gives as the exact place (UCDP where_prec 1, a curated 'exact') or as the town
# itself (ACLED geo_precision 1). Everything else is approximate: near a place, a region's or a country's
# centre, city-level GDELT geocoding, our own geocoding of a place name, and an unknown precision.
_APPROXIMATE_SQL = "NOT coalesce(geo_precision ILIKE 'exact%' OR geo_precision LIKE '%(acled 1)', FALSE)"
_PLACE_SQL = "(round(latitude, 4), round(longitude, 4))"


def _mapped(f: Filters) -> tuple[str, list]:
    """Events in the shared filters that have coordinates."""
    where, params = table_filter("events", f)
    return f"{where} AND latitude IS NOT NULL AND longitude IS NOT NULL", params


def _cell(cell: float, lat: str = "latitude", lon: str = "longitude") -> tuple[str, str]:
    """SQL for the grid cell's row and column: whole tenths first, so every step nests in the finest."""
    tenths = round(cell * 10)
    return f"floor(floor({lat} * 10) / {tenths})", f"floor(floor({lon} * 10) / {tenths})"


def map_counts(store: Store, f: Filters, max_points: int = MAP_MAX_POINTS) -> dict[str, int]:
    """Events in the filters with and without coordinates, and distinct places among the located ones
    (`places_estimated` 1: more than 2 x max_points, so counted by DuckDB's HyperLogLog, within a few percent)."""
    where, params = table_filter("events", f)
    row = store.query(
        f"""
        SELECT count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS located,
               count(*) FILTER (WHERE latitude IS NULL OR longitude IS NULL) AS unlocated,
               approx_count_distinct({_PLACE_SQL}) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL)
                   AS places
        FROM events WHERE {where}
        """,
        params,
    ).iloc[0]
    counts = {k: int(row[k]) for k in ("located", "unlocated", "places")}
    counts["places_estimated"] = int(counts["places"] > 2 * max_points)
    if not counts["places_estimated"]:  # few enough to count exactly
        mapped, params = _mapped(f)
        counts["places"] = int(store.query(f"SELECT count(DISTINCT {_PLACE_SQL}) AS n FROM events WHERE {mapped}",
                                           params).iloc[0]["n"])
    return counts


def grid_step(store: Store, f: Filters, max_points: int = MAP_MAX_POINTS) -> float:
    """The finest grid whose cells in view number at most max_points (one scan for all candidate steps)."""
    where, params = _mapped(f)
    lat, lon = _cell(GRID_STEPS[0])
    counts = ", ".join(f"count(DISTINCT (floor(i / {t}), floor(j / {t}))) AS s{t}" for t in GRID_TENTHS)
    row = store.query(f"SELECT {counts} FROM (SELECT {lat} AS i, {lon} AS j FROM events WHERE {where} GROUP BY ALL)",
                      params).iloc[0]
    return next((t / 10 for t in GRID_TENTHS if row[f"s{t}"] <= max_points), GRID_STEPS[-1])


def _grouped(store: Store, f: Filters, est: str, cell: float | None, limit: int) -> pd.DataFrame:
    """Events per place (cell None) or per grid cell, busiest first, at most `limit` rows."""
    col = estimate_column("fatalities", est)
    where, params = _mapped(f)
    if cell is None:
        lat, lon, group = "round(latitude, 4)", "round(longitude, 4)", f"1, 2, {_APPROXIMATE_SQL}"
        detail = f"""avg(CASE WHEN {_APPROXIMATE_SQL} THEN 1.0 ELSE 0.0 END) AS approximate,
            CASE WHEN count(DISTINCT location) > 1 THEN count(DISTINCT location) || ' places'
                 ELSE coalesce(any_value(location), 'unnamed place') END AS location,
            string_agg(DISTINCT country_iso3, ', ' ORDER BY country_iso3) AS countries,
            string_agg(DISTINCT event_type, ', ' ORDER BY event_type) AS kinds"""
    else:
        # A cell's centre. Its markers are all drawn alike, and exact distinct lists over millions of rows cost
        # seconds: places are estimated (HyperLogLog), countries given as a range, kinds left to the place list.
        row, column = _cell(cell)
        lat, lon, group = f"({row} + 0.5) * {cell}", f"({column} + 0.5) * {cell}", "1, 2"
        detail = """NULL::DOUBLE AS approximate,
            CASE WHEN approx_count_distinct(location) > 1 THEN 'about ' || approx_count_distinct(location) || ' places'
                 ELSE coalesce(any_value(location), 'unnamed place') END AS location,
            CASE WHEN min(country_iso3) = max(country_iso3) THEN min(country_iso3)
                 ELSE min(country_iso3) || ' … ' || max(country_iso3) END AS countries,
            NULL::VARCHAR AS kinds"""
    return store.query(
        f"""
        SELECT {lat} AS lat, {lon} AS lon, {detail},
               count(*) AS events, sum({col}) AS fatalities, count({col}) AS with_fatalities,
               min(event_date) AS first, max(coalesce(end_date, event_date)) AS last
        FROM events WHERE {where}
        GROUP BY {group} ORDER BY events DESC, lat, lon LIMIT {int(limit)}
        """,
        params,
    )


def map_places(store: Store, f: Filters, est: str,
               max_points: int = MAP_MAX_POINTS) -> tuple[pd.DataFrame, float | None]:
    """Events per place (or per grid cell when more than max_points places are in view), and the cell size.

    Columns: place ('lat,lon'), lat, lon, approximate (share of events, 0-1; NULL per cell), location, countries,
    events, fatalities (sum of the chosen estimate), with_fatalities (events stating it), kinds, first, last.
    At most max_points rows (or the 648 cells of the coarsest grid, if max_points is smaller).
    """
    step = grid_step(store, f, max_points)
    places = None
    if step == GRID_STEPS[0]:  # the finest cells fit: the places themselves may (there are at least as many)
        places = _grouped(store, f, est, None, max_points + 1)
    cell = None if places is not None and len(places) <= max_points else step
    if cell is not None:  # even the coarsest grid may not fit a tiny max_points: it has at most 648 cells, all drawn
        places = _grouped(store, f, est, cell, max(max_points, WORLD_CELLS))
    places.insert(0, "place", [f"{a:.4f},{o:.4f}" for a, o in zip(places["lat"], places["lon"], strict=True)])
    return places, cell


def place_events(store: Store, f: Filters, lat: float, lon: float, cell: float | None,
                 limit: int = 1000) -> pd.DataFrame:
    """The events at one place (cell None: those coordinates, to 4 decimals) or in the grid cell holding it."""
    where, params = _mapped(f)
    if cell is None:
        at, at_params = "round(latitude, 4) = round(?, 4) AND round(longitude, 4) = round(?, 4)", [lat, lon]
    else:
        (row, column), (want_row, want_column) = _cell(cell), _cell(cell, "?::DOUBLE", "?::DOUBLE")
        at, at_params = f"{row} = {want_row} AND {column} = {want_column}", [lat, lon]
    return store.query(
        f"""
        SELECT e.*, s.publisher AS source, s.title AS source_title, s.url FROM (
            SELECT event_id, event_date, end_date, flag, event_type, sub_event_type, location, country_iso3,
                   actor1, actor2, fatalities_low, fatalities_best, fatalities_high, geo_precision, summary, source_id
            FROM events WHERE {where} AND {at}
            ORDER BY event_date DESC, event_id LIMIT {int(limit)}) e
        LEFT JOIN sources s USING (source_id)
        ORDER BY e.event_date DESC, e.event_id
        """,
        [*params, *at_params],
    ).drop(columns="event_id")


def map_sources(store: Store, f: Filters) -> pd.DataFrame:
    """Sources of the located events in the filters, most cited first."""
    where, params = _mapped(f)
    return store.query(
        f"""
        SELECT s.*, c.n FROM sources s
        JOIN (SELECT source_id, count(*) AS n FROM events WHERE {where} GROUP BY source_id) c USING (source_id)
        ORDER BY c.n DESC, s.publisher LIMIT 50
        """,
        params,
    )


REGION_THRESHOLD = 1000  # more distinct places than this: draw first-level regions at their events' centre
REGIONS_LISTED = 25  # the ranked table beside the map


def frame(store: Store, f: Filters) -> dict[str, float | int] | None:
    """The box the map frames: around the located events that happened in the selected countries (all located
    events when none is chosen), not every place the rows touch (a Myanmar selection holds a meeting in Moscow).

    Keys: lat_min, lat_max, lon_min, lon_max, and `outside`: located events in the filters beyond the box. None when
    no selected country's event has coordinates (the map then frames all it draws)."""
    where, params = _mapped(f)
    here, here_params = f.country_clause("events.country_iso3")
    row = store.query(
        f"""
        WITH box AS (SELECT min(latitude) AS lat_min, max(latitude) AS lat_max, min(longitude) AS lon_min,
                            max(longitude) AS lon_max FROM events WHERE {where} AND {here})
        SELECT box.*, (SELECT count(*) FROM events WHERE {where} AND NOT (latitude BETWEEN lat_min AND lat_max
                                                                        AND longitude BETWEEN lon_min AND lon_max))
                      AS outside
        FROM box
        """,
        [*params, *here_params, *params],
    ).iloc[0]
    if pd.isna(row["lat_min"]):
        return None
    return {k: float(row[k]) for k in ("lat_min", "lat_max", "lon_min", "lon_max")} | {"outside": int(row["outside"])}


def map_regions(store: Store, f: Filters, est: str) -> pd.DataFrame:
    """Located events per dataset and first-level region (admin1), at the mean of their coordinates; events that
    name no region per place instead (admin1 NULL, `location` the place's name). Columns: origin, country_iso3,
    admin1, location, lat, lon, events, fatalities (the `est` figure's sum), with_fatalities, first, last. Busiest
    first (fatalities, then events)."""
    col = estimate_column("fatalities", est)
    where, params = _mapped(f)
    return store.query(
        f"""
        SELECT origin, country_iso3, admin1, coalesce(admin1, any_value(location), 'unnamed place') AS location,
               avg(latitude) AS lat, avg(longitude) AS lon, count(*) AS events,
               sum({col}) AS fatalities, count({col}) AS with_fatalities,
               min(event_date) AS first, max(coalesce(end_date, event_date)) AS last
        FROM events WHERE {where}
        GROUP BY origin, country_iso3, admin1, CASE WHEN admin1 IS NULL THEN round(latitude, 4) END,
                 CASE WHEN admin1 IS NULL THEN round(longitude, 4) END
        ORDER BY fatalities DESC NULLS LAST, events DESC, origin, country_iso3, admin1
        LIMIT {MAP_MAX_POINTS + 1}
        """,
        params,
    )
