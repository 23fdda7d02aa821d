"""The Extract page's reads (read-only): rows already in the database that a candidate may repeat or contradict,
each with the source that states it."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor.store import Store

_SOURCE = "s.publisher, s.title, s.url, s.published_on"


def resolutions_on(store: Store, body: str, vote_date: date) -> pd.DataFrame:
    """Resolutions of a body voted on a date."""
    return store.query(
        f"""SELECT r.resolution_id, r.body, r.vote_date, r.yes, r.no, r.abstain, r.source_id, {_SOURCE}
            FROM resolutions r LEFT JOIN sources s USING (source_id)
            WHERE r.body = ? AND r.vote_date = ? ORDER BY r.resolution_id""", [body, vote_date])


def votes_on(store: Store, resolution_id: str) -> pd.DataFrame:
    """Every country's recorded vote on a resolution."""
    return store.query(
        f"""SELECT v.country_iso3, v.vote, v.note, v.source_id, {_SOURCE}
            FROM votes v LEFT JOIN sources s USING (source_id)
            WHERE v.resolution_id = ? ORDER BY v.country_iso3""", [resolution_id])


def casualty_reports_near(store: Store, country_iso3: str, as_of: date, days: int = 14) -> pd.DataFrame:
    """Casualty figures for a country dated within `days` of `as_of`, nearest first."""
    return store.query(
        f"""SELECT c.report_id, c.as_of, c.date_precision, c.victims, c.killed_low, c.killed_best, c.killed_high,
                   c.qualifier, c.reported_by, c.source_id, {_SOURCE}
            FROM casualty_reports c LEFT JOIN sources s USING (source_id)
            WHERE c.country_iso3 = ? AND abs(date_diff('day', c.as_of, ?::DATE)) <= ?
            ORDER BY abs(date_diff('day', c.as_of, ?::DATE)), c.as_of""", [country_iso3, as_of, days, as_of])


def similar_events(store: Store, event_type: str, country_iso3: str | None, start: date, end: date) -> pd.DataFrame:
    """Events of a type in a country (or with it as counterpart) between two dates."""
    return store.query(
        f"""SELECT e.event_id, e.event_date, e.date_precision, e.actor1, e.actor2, e.summary, e.source_id, {_SOURCE}
            FROM events e LEFT JOIN sources s USING (source_id)
            WHERE e.event_type = ? AND (? IS NULL OR e.country_iso3 = ? OR e.counterpart_iso3 = ?)
              AND e.event_date BETWEEN ? AND ? ORDER BY e.event_date LIMIT 5""",
        [event_type, country_iso3, country_iso3, country_iso3, start, end])


def similar_visits(store: Store, visitor_name: str, host_iso3: str, start: date, end: date) -> pd.DataFrame:
    """Visits by a person to a country between two dates."""
    return store.query(
        f"""SELECT v.visit_id, v.start_date, v.city, v.met, v.source_id, {_SOURCE}
            FROM visits v LEFT JOIN sources s USING (source_id)
            WHERE lower(v.visitor_name) = lower(?) AND v.host_iso3 = ? AND v.start_date BETWEEN ? AND ?
            ORDER BY v.start_date LIMIT 5""", [visitor_name, host_iso3, start, end])
