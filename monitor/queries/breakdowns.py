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
# ACLED's associated actors ("; "-separated in `extra`): the `actor` filter matches them too (filters.py), so the
# ranking counts them, and a row's "Apply" link opens on its own count.
_ASSOCIATED = ("CASE WHEN origin = 'acled' AND extra IS NOT NULL THEN list_concat("
               "coalesce(string_split(json_extract_string(extra, '$.assoc_actor_1'), '; '), []), "
               "coalesce(string_split(json_extract_string(extra, '$.assoc_actor_2'), '; '), [])) ELSE [] END")
# What each breakdown groups by: SQL giving one key per row (the actors: a list of keys, one row each).
DIMENSIONS = {
    "type": "event_type",
    # An event naming one actor twice counts once for it; NULLs and blanks drop.
    "actor": f"list_filter(list_distinct(list_concat([actor1, actor2], {_ASSOCIATED})), lambda a: a <> '')",
    "region": "CASE WHEN admin1 IS NOT NULL AND country_iso3 IS NOT NULL THEN country_iso3 || ':' || admin1 END",
}


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


def _per_key(dimension: str, f: Filters) -> tuple[str, list]:
    """Events and fatalities per (origin, key) under `f`. Types and regions are columns of the ETL's aggregate
    (filters.daily: thousands of rows, not millions); actors are not, so they are unnested from the events."""
    key = DIMENSIONS[dimension]
    if dimension == "actor":
        where, params = happened(f)
        rows = f"""(SELECT origin, unnest({key}) AS key, 1 AS events, (fatalities_low IS NOT NULL)::INT AS n_low,
                           (fatalities_best IS NOT NULL)::INT AS n_best, (fatalities_high IS NOT NULL)::INT AS n_high,
                           fatalities_low, fatalities_best, fatalities_high, coalesce(end_date, event_date) AS last_date
                    FROM events WHERE {where})"""
    else:
        relation, params = daily(f)
        here, here_params = f.country_clause("d.country_iso3")  # happened there, not merely involved it
        rows = f"(SELECT *, {key} AS key FROM {relation} d WHERE {here})"
        params = [*params, *here_params]
    sql = f"""
        SELECT origin, key, sum(events)::BIGINT AS events, sum(n_low)::BIGINT AS n_low,
               sum(n_best)::BIGINT AS n_best, sum(n_high)::BIGINT AS n_high, sum(fatalities_low)::BIGINT AS low,
               sum(fatalities_best)::BIGINT AS best, sum(fatalities_high)::BIGINT AS high, max(last_date) AS last
        FROM {rows} GROUP BY ALL"""
    return sql, params


def breakdown(store: Store, f: Filters, dimension: str, limit: int = TOP_ROWS) -> pd.DataFrame:
    """The busiest `limit` keys of `dimension` (type, actor or region) per dataset: events, fatalities and the
    previous period's figures.

    Columns: origin, key (NULL: the events that name none, e.g. no region given), events, n_low, n_best, n_high
    (events stating each estimate), low, best, high (their sums; NULL when no event states one), last (the latest
    day), prev_events,
    prev_best (the same key in the previous period; 0 events when it had none), keys (how many keys the dataset
    has in the selection), rank. The busiest dataset first (for the actor breakdown: the most actor mentions),
    then by events and fatalities, busiest first.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {tuple(DIMENSIONS)}")
    now, now_params = _per_key(dimension, f)
    before, before_params = _per_key(dimension, previous_period(f))
    return store.query(
        f"""
        WITH now AS ({now}), before AS ({before}),
        ranked AS (
            SELECT now.*, coalesce(before.events, 0) AS prev_events, before.best AS prev_best,
                   count(*) OVER (PARTITION BY now.origin) AS keys,
                   sum(now.events) OVER (PARTITION BY now.origin) AS dataset_events,
                   row_number() OVER (PARTITION BY now.origin
                                      ORDER BY now.events DESC, now.best DESC NULLS LAST, now.key NULLS LAST) AS rank
            FROM now LEFT JOIN before ON before.origin = now.origin AND before.key IS NOT DISTINCT FROM now.key)
        SELECT * EXCLUDE (dataset_events) FROM ranked WHERE rank <= ? ORDER BY dataset_events DESC, origin, rank
        """,
        [*now_params, *before_params, limit],
    )
