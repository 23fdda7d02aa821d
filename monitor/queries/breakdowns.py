"""The Overview's What, Who and Where: the selection's event types, actors and first-level regions, each with
its events and fatalities (low, best and high where the dataset gives them) beside the previous period of the same
length.

Rows are per dataset (`origin`): ACLED and UCDP name types, actors and regions in their own words and record many of
the same deaths, so a row never adds one dataset's count to another's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pandas as pd

from monitor.queries.filters import Filters, daily, table_filter
from monitor.store import Store

TOP_ROWS = 10  # rows a breakdown lists per dataset (the busiest); the rest are counted
# What each breakdown groups by. Actors: actor1 and actor2, each once per event. ACLED's associated actors are not
# counted here: they sit in `extra` (JSON), and reading it for every event took 10 s per million events against
# 1.6 s for the two columns. The actor filter and the Actors page do match them (filters.py), so an ACLED actor's
# record may count more events than its row here; the view's caption says so.
DIMENSIONS = {
    "type": "event_type",
    "actor": ("actor1", "actor2"),
    "region": "CASE WHEN admin1 IS NOT NULL AND country_iso3 IS NOT NULL THEN country_iso3 || ':' || admin1 END",
}
_MEASURES = """event_date, coalesce(end_date, event_date) AS last_date, 1 AS events,
               (fatalities_low IS NOT NULL)::INT AS n_low, (fatalities_best IS NOT NULL)::INT AS n_best,
               (fatalities_high IS NOT NULL)::INT AS n_high, fatalities_low, fatalities_best, fatalities_high"""


def previous_period(f: Filters) -> Filters:
    """The filters moved back by their own length: 1-31 Mar 2021 -> 29 Jan - 28 Feb 2021 (31 days each)."""
    days = (f.end - f.start).days + 1
    return replace(f, start=f.start - timedelta(days=days), end=f.start - timedelta(days=1))


def happened(f: Filters) -> tuple[str, list]:
    """Events under every shared filter that happened in a selected country (not merely involved it as the
    counterpart): the rows the Killed section counts, so the breakdowns add up to it."""
    where, params = table_filter("events", f)
    here, here_params = f.country_clause("events.country_iso3")
    return f"{where} AND {here}", [*params, *here_params]


def _keyed_rows(dimension: str, f: Filters) -> tuple[str, list]:
    """Rows under `f` with their key, dates and measures (events, n_low/n_best/n_high, fatalities low/best/high).
    Types and regions are columns of the ETL's aggregate (filters.daily: thousands of rows, not millions); actors
    are not, so each event gives a row for actor1 and one for actor2 (when it is another actor)."""
    if dimension == "actor":
        where, params = happened(f)
        return (f"""SELECT origin, actor1 AS key, {_MEASURES} FROM events WHERE {where} AND actor1 <> ''
                    UNION ALL
                    SELECT origin, actor2 AS key, {_MEASURES} FROM events
                    WHERE {where} AND actor2 <> '' AND actor2 IS DISTINCT FROM actor1""", [*params, *params])
    relation, params = daily(f)
    here, here_params = f.country_clause("d.country_iso3")  # happened there, not merely involved it
    return (f"""SELECT origin, {DIMENSIONS[dimension]} AS key, event_date, last_date, events, n_low, n_best, n_high,
                       fatalities_low, fatalities_best, fatalities_high FROM {relation} d WHERE {here}""",
            [*params, *here_params])


def breakdown(store: Store, f: Filters, dimension: str, limit: int = TOP_ROWS) -> pd.DataFrame:
    """The busiest `limit` keys of `dimension` (type, actor or region) per dataset: events, fatalities and the
    previous period's figures (both periods in one scan).

    Columns: origin, key (NULL: the events that name none, e.g. no region given), events, n_low, n_best, n_high
    (events stating each estimate), low, best, high (their sums; NULL when no event states one), last (the latest
    day), prev_events, prev_best (the same key in the previous period; 0 events when it had none), keys (how many
    keys the dataset has in the selection), rank. The busiest dataset first (for the actor breakdown: the most actor
    mentions), then by events and fatalities, busiest first.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {tuple(DIMENSIONS)}")
    before = previous_period(f)
    rows, params = _keyed_rows(dimension, replace(f, start=before.start))
    return store.query(
        f"""
        WITH r AS (SELECT *, event_date <= ? AND last_date >= ? AS now, event_date <= ? AND last_date >= ? AS was
                   FROM ({rows})),
        per_key AS (
            SELECT origin, key, sum(events) FILTER (now)::BIGINT AS events, sum(n_low) FILTER (now)::BIGINT AS n_low,
                   sum(n_best) FILTER (now)::BIGINT AS n_best, sum(n_high) FILTER (now)::BIGINT AS n_high,
                   sum(fatalities_low) FILTER (now)::BIGINT AS low, sum(fatalities_best) FILTER (now)::BIGINT AS best,
                   sum(fatalities_high) FILTER (now)::BIGINT AS high, max(last_date) FILTER (now) AS last,
                   coalesce(sum(events) FILTER (was), 0)::BIGINT AS prev_events,
                   sum(fatalities_best) FILTER (was)::BIGINT AS prev_best
            FROM r GROUP BY origin, key HAVING bool_or(now)),
        ranked AS (
            SELECT *, count(*) OVER (PARTITION BY origin) AS keys,
                   sum(events) OVER (PARTITION BY origin) AS dataset_events,
                   row_number() OVER (PARTITION BY origin ORDER BY events DESC, best DESC NULLS LAST, key NULLS LAST)
                       AS rank
            FROM per_key)
        SELECT * EXCLUDE (dataset_events) FROM ranked WHERE rank <= ? ORDER BY dataset_events DESC, origin, rank
        """,
        [f.end, f.start, before.end, before.start, *params, limit],
    )
