"""The Actors page's reads: one actor's record under the shared filters. Its events and deaths over time, where
(countries and regions), against whom (the other side of its events), its first and last event, and the sources.

An actor is matched as published, as the shared `actor` filter matches it (actor1, actor2 or, in ACLED, an
associated actor), in the events that happened in the selected countries: the rows the Overview's "Who" counts, so
its figures and this page's agree.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from monitor.queries.breakdowns import happened
from monitor.queries.filters import SOURCE_COLUMNS, Filters
from monitor.queries.timeline import BUCKETS
from monitor.store import Store

LISTED = 25  # places and opponents listed, the busiest first


def _actor_events(f: Filters, actor: str) -> tuple[str, list]:
    """The selection's events naming `actor` (the shared filter's rule, for this one actor)."""
    return happened(replace(f, actors=(actor,)))


# The other side of an event: actor1 when the actor is actor2 or associated with it (ACLED), else actor2.
_OTHER_SIDE = ("CASE WHEN actor2 = ? OR (origin = 'acled' AND list_contains(coalesce(string_split("
               "json_extract_string(extra, '$.assoc_actor_2'), '; '), []), ?)) THEN actor1 ELSE actor2 END")


_TOTALS = """count(*) AS events, count(fatalities_low) AS n_low, count(fatalities_best) AS n_best,
             count(fatalities_high) AS n_high, sum(fatalities_low) AS low, sum(fatalities_best) AS best,
             sum(fatalities_high) AS high"""


def actor_summary(store: Store, f: Filters, actor: str) -> pd.DataFrame:
    """Per dataset: events, deaths (low/best/high sums and how many events state each), the first and the last
    event's day."""
    where, params = _actor_events(f, actor)
    return store.query(
        f"""SELECT origin, {_TOTALS}, min(event_date) AS first, max(coalesce(end_date, event_date)) AS last
            FROM events WHERE {where} GROUP BY origin ORDER BY events DESC, origin""", params)


def actor_over_time(store: Store, f: Filters, actor: str, bucket: str) -> pd.DataFrame:
    """Events and deaths (best estimate) per dataset and week, month or year."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    where, params = _actor_events(f, actor)
    return store.query(
        f"""SELECT origin, date_trunc('{bucket}', event_date)::DATE AS period, count(*) AS events,
                   sum(fatalities_best) AS best, count(fatalities_best) AS n_best
            FROM events WHERE {where} GROUP BY ALL ORDER BY origin, period""", params)


def actor_places(store: Store, f: Filters, actor: str, limit: int = LISTED) -> pd.DataFrame:
    """Where: events and deaths per dataset, country and first-level region (NULL: none given), busiest first."""
    where, params = _actor_events(f, actor)
    return store.query(
        f"""SELECT *, count(*) OVER (PARTITION BY origin) AS places FROM (
                SELECT origin, country_iso3, admin1, {_TOTALS} FROM events WHERE {where} GROUP BY ALL)
            QUALIFY row_number() OVER (PARTITION BY origin ORDER BY events DESC, best DESC NULLS LAST,
                                       country_iso3, admin1) <= {int(limit)}
            ORDER BY origin, events DESC, best DESC NULLS LAST, country_iso3, admin1""", params)


def actor_opponents(store: Store, f: Filters, actor: str, limit: int = LISTED) -> pd.DataFrame:
    """Against whom: the other side of the actor's events (actor1 where it is actor2 or associated with actor2,
    else actor2; NULL: none named), with events and deaths, busiest first."""
    where, params = _actor_events(f, actor)
    return store.query(
        f"""SELECT *, count(*) OVER (PARTITION BY origin) AS opponents FROM (
                SELECT origin, {_OTHER_SIDE} AS opponent, {_TOTALS}
                FROM events WHERE {where} GROUP BY ALL)
            QUALIFY row_number() OVER (PARTITION BY origin ORDER BY events DESC, best DESC NULLS LAST,
                                       opponent NULLS LAST) <= {int(limit)}
            ORDER BY origin, events DESC, best DESC NULLS LAST, opponent NULLS LAST""", [actor, actor, *params])


def actor_sources(store: Store, f: Filters, actor: str) -> pd.DataFrame:
    """The sources of the actor's events, most cited first."""
    where, params = _actor_events(f, actor)
    return store.query(
        f"""SELECT source_id, {SOURCE_COLUMNS}, c.n AS rows FROM sources s
            JOIN (SELECT source_id, count(*) AS n FROM events WHERE {where} GROUP BY source_id) c USING (source_id)
            ORDER BY c.n DESC, s.publisher, source_id LIMIT 50""", params)
