"""The Actors page's reads: one actor's record under the shared filters. Its events and deaths over time, where
(countries and regions), against whom (the other side of its events), its first and last event, and the sources.

An actor is matched as published, as the shared `actor` filter matches it (actor1, actor2 or, in ACLED, an
associated actor), in the events that happened in the selected countries: the rows the Overview's "Who" counts, so
its figures and this page's agree.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

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


# Totals over the events within the filters' dates (`inside`); first_all and last_all over every loaded date (the
# actor's own first and last event under the other filters: a busy actor's first event within the dates is the
# dates' first day, which says nothing about when it first appears).
_TOTALS = """count(*) FILTER (inside) AS events, count(fatalities_low) FILTER (inside) AS n_low,
             count(fatalities_best) FILTER (inside) AS n_best, count(fatalities_high) FILTER (inside) AS n_high,
             sum(fatalities_low) FILTER (inside) AS low, sum(fatalities_best) FILTER (inside) AS best,
             sum(fatalities_high) FILTER (inside) AS high, min(event_date) FILTER (inside) AS first,
             max(coalesce(end_date, event_date)) FILTER (inside) AS last, min(event_date) AS first_all,
             max(coalesce(end_date, event_date)) AS last_all"""
ALL_DATES = (date(1, 1, 1), date(9999, 12, 31))
# The parts of a record, each a grouping set of one scan (the actor filter reads every event of the selection).
PARTS = {"summary": "(origin)", "period": "(origin, period)", "place": "(origin, country_iso3, admin1)",
         "opponent": "(origin, opponent)", "source": "(source_id)"}


def actor_record(store: Store, f: Filters, actor: str, bucket: str) -> pd.DataFrame:
    """One actor's record in one scan: its events' totals (events, n_low/n_best/n_high, low/best/high, first,
    last: within the filters' dates; first_all, last_all: the actor's first and last event on any date) per `part`:
    summary (per dataset), period (per dataset and week, month or year), place (per dataset, country and first-level
    region), opponent (per dataset and other side: actor1 where the actor is actor2 or associated with actor2, else
    actor2; NULL: none named) and source (per source_id). A group with no event within the dates is left out."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    where, params = _actor_events(replace(f, start=ALL_DATES[0], end=ALL_DATES[1], event_days=None), actor)
    part = " ".join(f"WHEN grouping({column}) = 0 THEN '{name}'" for name, column in (
        ("source", "source_id"), ("period", "period"), ("place", "country_iso3"), ("opponent", "opponent")))
    return store.query(
        f"""SELECT CASE {part} ELSE 'summary' END AS part, origin, period, country_iso3, admin1, opponent, source_id,
                   {_TOTALS}
            FROM (SELECT *, date_trunc('{bucket}', event_date)::DATE AS period, {_OTHER_SIDE} AS opponent,
                         event_date <= ? AND coalesce(end_date, event_date) >= ? AS inside
                  FROM events WHERE {where})
            GROUP BY GROUPING SETS ({', '.join(PARTS.values())}) HAVING bool_or(inside)
            ORDER BY part, origin, events DESC, best DESC NULLS LAST, period, country_iso3, admin1, opponent,
                     source_id""",
        [actor, actor, f.end, f.start, *params])


def part(record: pd.DataFrame, name: str, limit: int | None = None) -> pd.DataFrame:
    """One part of actor_record, the busiest `limit` rows per dataset (all when None), with `total`: how many
    rows the dataset has in that part."""
    rows = record[record["part"] == name].reset_index(drop=True)
    if name == "source":
        return rows
    rows = rows.assign(total=rows.groupby("origin")["events"].transform("size"))
    return rows if limit is None else rows.groupby("origin", sort=False).head(limit).reset_index(drop=True)


def cited(store: Store, source_ids: tuple[str, ...]) -> pd.DataFrame:
    """The sources rows of these ids, in the order given (the most cited first)."""
    rows = store.query(f"SELECT source_id, {SOURCE_COLUMNS} FROM sources s WHERE list_contains(?, source_id)",
                       [list(source_ids)])
    order = {sid: i for i, sid in enumerate(source_ids)}
    return rows.sort_values("source_id", key=lambda ids: ids.map(order)).reset_index(drop=True)
