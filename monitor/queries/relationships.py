"""The Relationships page's reads: bilateral interactions (events naming a counterpart, visits) and one pair's file."""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import Filters
from monitor.store import Store

# Bilateral interactions: events that name a counterpart country, and visits (visitor -> host).
_INTERACTIONS_SQL = """
    SELECT country_iso3 AS p, counterpart_iso3 AS q, event_type AS kind, event_date AS day, source_id FROM events
    WHERE counterpart_iso3 IS NOT NULL AND country_iso3 IS NOT NULL AND counterpart_iso3 <> country_iso3
      AND event_date BETWEEN ? AND ?
    UNION ALL
    SELECT visitor_iso3, host_iso3, 'visit', start_date, source_id FROM visits
    WHERE visitor_iso3 <> host_iso3 AND start_date BETWEEN ? AND ?
"""


def bilateral_edges(store: Store, f: Filters) -> pd.DataFrame:
    """Country pairs (a < b) by kind of interaction: n, first and last date; touching a chosen country if any."""
    where, params = f.country_clause("p", "q")
    return store.query(
        f"""
        SELECT least(p, q) AS a, greatest(p, q) AS b, kind, count(*) AS n, min(day) AS first, max(day) AS last
        FROM ({_INTERACTIONS_SQL}) x WHERE {where}
        GROUP BY ALL ORDER BY n DESC, a, b, kind
        """,
        [f.start, f.end, f.start, f.end, *params],
    )


def interaction_sources(store: Store, f: Filters, pair: tuple[str, str] | None = None) -> pd.DataFrame:
    """Sources of the interactions in the filters (or between one pair), most cited first."""
    where, params = f.country_clause("p", "q")
    if pair:
        where, params = "((p = ? AND q = ?) OR (p = ? AND q = ?))", [*pair, *reversed(pair)]
    return store.query(
        f"""
        SELECT s.*, c.n FROM sources s
        JOIN (SELECT source_id, count(*) AS n FROM ({_INTERACTIONS_SQL}) x WHERE {where} GROUP BY source_id) c
        USING (source_id) ORDER BY c.n DESC, s.publisher, s.source_id
        """,
        [f.start, f.end, f.start, f.end, *params],
    )


def pair_events(store: Store, f: Filters, a: str, b: str) -> pd.DataFrame:
    """Events between two countries (either way round) in the date range, oldest first, with their source."""
    return store.query(
        """
        SELECT e.event_date, e.end_date, e.date_precision, e.event_type, e.sub_event_type, e.country_iso3,
               e.counterpart_iso3, e.location, e.actor1, e.actor2, e.summary, s.publisher AS source, s.url
        FROM events e LEFT JOIN sources s USING (source_id)
        WHERE ((e.country_iso3 = ? AND e.counterpart_iso3 = ?) OR (e.country_iso3 = ? AND e.counterpart_iso3 = ?))
          AND e.event_date BETWEEN ? AND ?
        ORDER BY e.event_date, e.event_id
        """,
        [a, b, b, a, f.start, f.end],
    )


def pair_visits(store: Store, f: Filters, a: str, b: str) -> pd.DataFrame:
    """Visits between two countries (either direction) in the date range, oldest first, with their source."""
    return store.query(
        """
        SELECT v.start_date, v.end_date, v.date_precision, v.visitor_name, v.visitor_role, v.visitor_iso3,
               v.host_iso3, v.city, v.latitude, v.longitude, v.geo_precision, v.met, v.purpose, v.occasion,
               v.multilateral, s.publisher AS source, s.url
        FROM visits v LEFT JOIN sources s USING (source_id)
        WHERE ((v.visitor_iso3 = ? AND v.host_iso3 = ?) OR (v.visitor_iso3 = ? AND v.host_iso3 = ?))
          AND v.start_date BETWEEN ? AND ?
        ORDER BY v.start_date, v.visit_id
        """,
        [a, b, b, a, f.start, f.end],
    )


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
