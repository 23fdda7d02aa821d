"""The Overview's What, Who and Where: the selection's event types, actors and first-level regions, each with
its events and fatalities (low, best and high where the dataset gives them) beside the previous period of the same
length.

Rows are per dataset (`origin`): ACLED and UCDP name types, actors and regions in their own words and record many of
the same deaths, so a row never adds one dataset's count to another's.

Each series dataset is compared over the part of the window it covers: a window running past the end of UCDP's data
(31 Dec 2023) is cut there for UCDP and compared with the same number of days before it, so months without data are
not read as a fall (`windows`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd

from monitor import trends
from monitor.queries.filters import Filters, daily, table_filter
from monitor.queries.trends import SERIES_ORIGINS, YEARLY_RELEASES, coverage
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


@dataclass(frozen=True)
class Window:
    """What one dataset's rows are compared over: [start, end] (the filters' dates, cut at the last day the dataset
    covers) against [before_start, before_end] (as many days just before), and the dataset's own span."""

    origin: str
    start: date
    end: date
    before_start: date
    before_end: date
    first: date  # the dataset's first day
    covered_to: date  # the last day it covers
    asked_end: date  # the filters' end

    @property
    def cut(self) -> bool:
        """The window runs past the dataset's data, so it is compared over less than the whole window."""
        return self.end < self.asked_end

    @property
    def data_before(self) -> bool:
        """The dataset has data in the previous period (else no row can be called new)."""
        return self.first <= self.before_end

    @property
    def part_before(self) -> bool:
        """The dataset starts within the previous period: its previous figures cover only part of it."""
        return self.before_start < self.first <= self.before_end


def windows(store: Store, f: Filters) -> list[Window]:
    """Each dataset's comparison windows under `f`. A series dataset (SERIES_ORIGINS) ending before `f.end` is
    compared up to the last day it covers (its last event's day; 31 December of that year for a yearly release),
    against as many days before `f.start`. Curated case files are compared over the whole window."""
    spans = coverage(store, origins=None)
    found = []
    for row in spans.itertuples():
        first, last = pd.Timestamp(row.first).date(), pd.Timestamp(row.last).date()
        covered = trends.covered_to(last, row.origin in YEARLY_RELEASES)
        end = min(f.end, covered) if row.origin in SERIES_ORIGINS else f.end
        before = previous_period(replace(f, end=max(end, f.start)))
        found.append(Window(row.origin, f.start, end, before.start, before.end, first, covered, f.end))
    return found


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
    day), prev_events, prev_best (the same key in the previous period; 0 events when it had none; the period is the
    dataset's, see `windows`), data_before (the dataset has data in its previous period), keys (how many
    keys the dataset has in the selection), rank. The busiest dataset first (for the actor breakdown: the most actor
    mentions), then by events and fatalities, busiest first.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {tuple(DIMENSIONS)}")
    before = previous_period(f)  # the longest previous period: a cut window's is shorter, so within it
    rows, params = _keyed_rows(dimension, replace(f, start=before.start))
    # Each dataset's windows (a row per dataset); a dataset without one (none in the aggregate) takes the filters'.
    spans = windows(store, f) or [Window("", f.start, f.end, before.start, before.end, before.start, f.end, f.end)]
    values = ", ".join("(?, ?::DATE, ?::DATE, ?::DATE, ?::DATE, ?)" for _ in spans)
    window_params = [v for w in spans for v in (w.origin, w.start, w.end, w.before_start, w.before_end,
                                                 w.data_before)]
    return store.query(
        f"""
        WITH w(origin, now_start, now_end, was_start, was_end, data_before) AS (VALUES {values}),
        r AS (SELECT k.*, k.event_date <= coalesce(w.now_end, ?) AND k.last_date >= coalesce(w.now_start, ?) AS now,
                     k.event_date <= coalesce(w.was_end, ?) AND k.last_date >= coalesce(w.was_start, ?) AS was,
                     coalesce(w.data_before, true) AS data_before
              FROM ({rows}) k LEFT JOIN w USING (origin)),
        per_key AS (
            SELECT origin, key, sum(events) FILTER (now)::BIGINT AS events, sum(n_low) FILTER (now)::BIGINT AS n_low,
                   sum(n_best) FILTER (now)::BIGINT AS n_best, sum(n_high) FILTER (now)::BIGINT AS n_high,
                   sum(fatalities_low) FILTER (now)::BIGINT AS low, sum(fatalities_best) FILTER (now)::BIGINT AS best,
                   sum(fatalities_high) FILTER (now)::BIGINT AS high, max(last_date) FILTER (now) AS last,
                   coalesce(sum(events) FILTER (was), 0)::BIGINT AS prev_events,
                   sum(fatalities_best) FILTER (was)::BIGINT AS prev_best, bool_and(data_before) AS data_before
            FROM r GROUP BY origin, key HAVING bool_or(now)),
        ranked AS (
            SELECT *, count(*) OVER (PARTITION BY origin) AS keys,
                   sum(events) OVER (PARTITION BY origin) AS dataset_events,
                   row_number() OVER (PARTITION BY origin ORDER BY events DESC, best DESC NULLS LAST, key NULLS LAST)
                       AS rank
            FROM per_key)
        SELECT * EXCLUDE (dataset_events) FROM ranked WHERE rank <= ? ORDER BY dataset_events DESC, origin, rank
        """,
        [*window_params, f.end, f.start, before.end, before.start, *params, limit],
    )
