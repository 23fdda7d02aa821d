"""The Relationships page's reads: bilateral interactions (events naming a counterpart, visits) and one pair's file."""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import Filters, lens_of
from monitor.store import Store

PAIR_ROWS = 1000  # a pair's events (and visits) listed and drawn: the latest, with the total beside them

# Bilateral interactions: events that name a counterpart country, and visits (visitor -> host).
_INTERACTIONS_SQL = """
    SELECT country_iso3 AS p, counterpart_iso3 AS q, event_type AS kind, event_date AS day, source_id FROM events
    WHERE counterpart_iso3 IS NOT NULL AND country_iso3 IS NOT NULL AND counterpart_iso3 <> country_iso3
      AND event_date BETWEEN ? AND ? AND {events_lens}
    UNION ALL
    SELECT visitor_iso3, host_iso3, 'visit', start_date, source_id FROM visits
    WHERE visitor_iso3 <> host_iso3 AND start_date BETWEEN ? AND ? AND {visits_lens}
"""


def _interactions(f: Filters) -> tuple[str, list]:
    """SQL for the interactions in the date range under the what/who/where filters (on visits: `src` alone), and
    its parameters."""
    events_lens, events_params = lens_of("events", f)
    visits_lens, visits_params = lens_of("visits", f)
    return (_INTERACTIONS_SQL.format(events_lens=events_lens, visits_lens=visits_lens),
            [f.start, f.end, *events_params, f.start, f.end, *visits_params])


def bilateral_edges(store: Store, f: Filters) -> pd.DataFrame:
    """Country pairs (a < b) by kind of interaction: n, first and last date; touching a chosen country if any."""
    where, params = f.country_clause("p", "q")
    interactions, interaction_params = _interactions(f)
    return store.query(
        f"""
        SELECT least(p, q) AS a, greatest(p, q) AS b, kind, count(*) AS n, min(day) AS first, max(day) AS last
        FROM ({interactions}) x WHERE {where}
        GROUP BY ALL ORDER BY n DESC, a, b, kind
        """,
        [*interaction_params, *params],
    )


def interaction_sources(store: Store, f: Filters, pair: tuple[str, str] | None = None) -> pd.DataFrame:
    """Sources of the interactions in the filters (or between one pair), most cited first."""
    where, params = f.country_clause("p", "q")
    if pair:
        where, params = "((p = ? AND q = ?) OR (p = ? AND q = ?))", [*pair, *reversed(pair)]
    interactions, interaction_params = _interactions(f)
    return store.query(
        f"""
        SELECT s.*, c.n FROM sources s
        JOIN (SELECT source_id, count(*) AS n FROM ({interactions}) x WHERE {where} GROUP BY source_id) c
        USING (source_id) ORDER BY c.n DESC, s.publisher, s.source_id
        """,
        [*interaction_params, *params],
    )


def pair_events(store: Store, f: Filters, a: str, b: str, limit: int = PAIR_ROWS) -> pd.DataFrame:
    """Events between two countries (either way round) in the date range, with their source: the latest `limit`,
    oldest first (pair_totals counts them all)."""
    # No count(*) OVER () here: it would keep DuckDB from reading whole rows for the `limit` kept ones only.
    where, params = _between_pair("events", f, a, b)
    return store.query(
        f"""
        SELECT e.*, s.publisher AS source, s.url FROM (
            SELECT event_id, event_date, end_date, date_precision, event_type, sub_event_type, country_iso3,
                   counterpart_iso3, location, actor1, actor2, summary, source_id
            FROM events WHERE {where}
            ORDER BY event_date DESC, event_id DESC LIMIT {int(limit)}) e
        LEFT JOIN sources s USING (source_id)
        ORDER BY e.event_date, e.event_id
        """,
        params,
    ).drop(columns=["event_id", "source_id"])


def pair_visits(store: Store, f: Filters, a: str, b: str, limit: int = PAIR_ROWS) -> pd.DataFrame:
    """Visits between two countries (either direction) in the date range, with their source: the latest `limit`,
    oldest first (pair_totals counts them all)."""
    where, params = _between_pair("visits", f, a, b)
    return store.query(
        f"""
        SELECT v.*, s.publisher AS source, s.url FROM (
            SELECT visit_id, start_date, end_date, date_precision, visitor_name, visitor_role, visitor_iso3,
                   host_iso3, city, latitude, longitude, geo_precision, met, purpose, occasion, multilateral,
                   source_id
            FROM visits WHERE {where}
            ORDER BY start_date DESC, visit_id DESC LIMIT {int(limit)}) v
        LEFT JOIN sources s USING (source_id)
        ORDER BY v.start_date, v.visit_id
        """,
        params,
    ).drop(columns=["visit_id", "source_id"])


_PAIR_COLUMNS = {"events": ("country_iso3", "counterpart_iso3", "event_date"),
                 "visits": ("visitor_iso3", "host_iso3", "start_date")}


def _between_pair(table: str, f: Filters, a: str, b: str) -> tuple[str, list]:
    """SQL keeping `table`'s rows between the two countries (either way round) dated in the range."""
    one, other, day = _PAIR_COLUMNS[table]
    lens, lens_params = lens_of(table, f)
    return (f"{one} IN (?, ?) AND {other} IN (?, ?) AND {one} <> {other} AND {day} BETWEEN ? AND ? AND {lens}",
            [a, b, a, b, f.start, f.end, *lens_params])


def pair_totals(store: Store, f: Filters, a: str, b: str) -> dict[str, int]:
    """How many events and visits there are between two countries in the date range (pair_events lists at most
    PAIR_ROWS of them)."""
    parts, params = [], []
    for table in _PAIR_COLUMNS:
        where, where_params = _between_pair(table, f, a, b)
        parts.append(f"(SELECT count(*) FROM {table} WHERE {where}) AS {table}")
        params += where_params
    row = store.query("SELECT " + ", ".join(parts), params).iloc[0]
    return {table: int(row[table]) for table in _PAIR_COLUMNS}


def vote_notes(store: Store, f: Filters, countries: tuple[str, ...]) -> pd.DataFrame:
    """Notes on these countries' votes in the date range (e.g. whose delegation held the seat)."""
    return store.query(
        """
        SELECT r.vote_date, v.resolution_id, v.country_iso3, v.vote, v.note
        FROM votes v JOIN resolutions r USING (resolution_id)
        WHERE v.note IS NOT NULL AND list_contains(?::VARCHAR[], v.country_iso3) AND r.vote_date BETWEEN ? AND ?
        ORDER BY r.vote_date, v.resolution_id, v.country_iso3
        """,
        [list(countries), f.start, f.end],
    )


# GDELT's four primary classes of the CAMEO taxonomy (QuadClass; GDELT Event Codebook V2.0).
QUAD_CLASSES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}


def _extra_number(key: str, cast: str) -> str:
    """SQL: a number the GDELT importer kept in `extra` under GDELT's own column name (header or raw shape)."""
    reads = ", ".join(f"json_extract_string(extra, '$.{k}')" for k in (key, key.lower(), key.upper()))
    return f"TRY_CAST(coalesce({reads}) AS {cast})"


def pair_gdelt_balance(store: Store, f: Filters, a: str, b: str) -> pd.DataFrame:
    """GDELT's rows between two countries (either way round) per month: how many in each QuadClass (q1 verbal
    cooperation … q4 material conflict), all of them (`reports`, with `unclassed` lacking a QuadClass), and their
    mean Goldstein score (-10 conflict … +10 cooperation), the month's last day with a row. Empty when no GDELT row
    concerns the pair."""
    where, params = _between_pair("events", f, a, b)
    quad, goldstein = _extra_number("QuadClass", "INTEGER"), _extra_number("GoldsteinScale", "DOUBLE")
    return store.query(
        f"""
        SELECT month, {', '.join(f'count(*) FILTER (quad = {q}) AS q{q}' for q in QUAD_CLASSES)},
               count(*) AS reports, count(*) FILTER (quad IS NULL OR quad NOT IN (1, 2, 3, 4)) AS unclassed,
               avg(goldstein) AS goldstein, count(goldstein) AS scored, max(event_date) AS last
        FROM (SELECT date_trunc('month', event_date)::DATE AS month, event_date, {quad} AS quad,
                     {goldstein} AS goldstein
              FROM events WHERE origin = 'gdelt' AND {where})
        GROUP BY month ORDER BY month
        """,
        params,
    )
