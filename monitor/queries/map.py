"""The Map page's reads: events per place (or per grid cell when too many), a place's events, their sources."""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import Filters, table_filter
from monitor.schema import estimate_column
from monitor.store import Store

MAP_MAX_POINTS = 5000  # more distinct places than this in view: aggregate to a grid in SQL
GRID_STEPS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)  # degrees, finest first
# Precise: a point the source gives as the exact place (UCDP where_prec 1, a curated 'exact') or as the town
# itself (ACLED geo_precision 1). Everything else is approximate: near a place, a region's or a country's
# centre, city-level GDELT geocoding, our own geocoding of a place name, and an unknown precision.
_APPROXIMATE_SQL = "NOT coalesce(geo_precision ILIKE 'exact%' OR geo_precision LIKE '%(acled 1)', FALSE)"


def _mapped(f: Filters) -> tuple[str, list]:
    """Events in the shared filters that have coordinates."""
    where, params = table_filter("events", f)
    return f"{where} AND latitude IS NOT NULL AND longitude IS NOT NULL", params


def map_counts(store: Store, f: Filters) -> dict[str, int]:
    """Events in the filters with and without coordinates, and distinct places among the located ones."""
    where, params = table_filter("events", f)
    row = store.query(
        f"""
        SELECT count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS located,
               count(*) FILTER (WHERE latitude IS NULL OR longitude IS NULL) AS unlocated,
               count(DISTINCT CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL
                     THEN (round(latitude, 4), round(longitude, 4), {_APPROXIMATE_SQL}) END) AS places
        FROM events WHERE {where}
        """,
        params,
    ).iloc[0]
    return {k: int(row[k]) for k in ("located", "unlocated", "places")}


def grid_step(store: Store, f: Filters, max_points: int = MAP_MAX_POINTS) -> float:
    """The finest grid whose cells in view number at most max_points (one scan for all candidate steps)."""
    where, params = _mapped(f)
    cells = ", ".join(f"count(DISTINCT (floor(latitude / {s}), floor(longitude / {s}))) AS s{i}"
                      for i, s in enumerate(GRID_STEPS))
    row = store.query(f"SELECT {cells} FROM events WHERE {where}", params).iloc[0]
    return next((s for i, s in enumerate(GRID_STEPS) if row[f"s{i}"] <= max_points), GRID_STEPS[-1])


def map_places(store: Store, f: Filters, est: str,
               max_points: int = MAP_MAX_POINTS) -> tuple[pd.DataFrame, float | None]:
    """Events per place (or per grid cell when more than max_points places are in view), and the cell size.

    Columns: place ('lat,lon'), lat, lon, approximate (share of events, 0-1), location, countries, events,
    fatalities (sum of the chosen estimate), with_fatalities (events stating it), kinds, first, last.
    """
    col = estimate_column("fatalities", est)
    where, params = _mapped(f)
    cell = None if map_counts(store, f)["places"] <= max_points else grid_step(store, f, max_points)
    if cell is None:
        lat, lon, group = "round(latitude, 4)", "round(longitude, 4)", f"1, 2, {_APPROXIMATE_SQL}"
    else:
        lat, lon = f"(floor(latitude / {cell}) + 0.5) * {cell}", f"(floor(longitude / {cell}) + 0.5) * {cell}"
        group = "1, 2"
    places = store.query(
        f"""
        SELECT {lat} AS lat, {lon} AS lon, avg(CASE WHEN {_APPROXIMATE_SQL} THEN 1.0 ELSE 0.0 END) AS approximate,
               CASE WHEN count(DISTINCT location) > 1 THEN count(DISTINCT location) || ' places'
                    ELSE coalesce(any_value(location), 'unnamed place') END AS location,
               string_agg(DISTINCT country_iso3, ', ' ORDER BY country_iso3) AS countries,
               count(*) AS events, sum({col}) AS fatalities, count({col}) AS with_fatalities,
               string_agg(DISTINCT event_type, ', ' ORDER BY event_type) AS kinds,
               min(event_date) AS first, max(coalesce(end_date, event_date)) AS last
        FROM events WHERE {where}
        GROUP BY {group} ORDER BY events DESC, lat, lon
        """,
        params,
    )
    places.insert(0, "place", [f"{a:.4f},{o:.4f}" for a, o in zip(places["lat"], places["lon"], strict=True)])
    return places, cell


def place_events(store: Store, f: Filters, lat: float, lon: float, cell: float | None,
                 limit: int = 1000) -> pd.DataFrame:
    """The events at one place (cell None: those coordinates, to 4 decimals) or in the grid cell holding it."""
    where, params = _mapped(f)
    if cell is None:
        at, at_params = "round(latitude, 4) = round(?, 4) AND round(longitude, 4) = round(?, 4)", [lat, lon]
    else:
        at = f"floor(latitude / {cell}) = floor(? / {cell}) AND floor(longitude / {cell}) = floor(? / {cell})"
        at_params = [lat, lon]
    return store.query(
        f"""
        SELECT e.event_date, e.end_date, e.event_type, e.sub_event_type, e.location, e.country_iso3,
               e.actor1, e.actor2, e.fatalities_low, e.fatalities_best, e.fatalities_high, e.geo_precision,
               e.summary, s.publisher AS source, e.source_id, s.title AS source_title, s.url
        FROM events e LEFT JOIN sources s USING (source_id)
        WHERE {where.replace('events.', 'e.')} AND {at}
        ORDER BY e.event_date DESC, e.event_id LIMIT {int(limit)}
        """,
        [*params, *at_params],
    )


def map_sources(store: Store, f: Filters) -> pd.DataFrame:
    """Sources of the located events in the filters, most cited first."""
    where, params = _mapped(f)
    return store.query(
        f"""
        SELECT s.*, c.n FROM sources s
        JOIN (SELECT source_id, count(*) AS n FROM events WHERE {where} GROUP BY source_id) c USING (source_id)
        ORDER BY c.n DESC, s.publisher
        """,
        params,
    )
