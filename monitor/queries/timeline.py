"""The Timeline page's reads: casualty reports, fatalities per week or month, and the dated markers.

Dates stay as precise as the source gave them: a month-only event is never pinned to a week.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor import event_types
from monitor.queries.filters import (
    SOURCE_COLUMNS,
    Filters,
    cited_rows,
    daily,
    resolutions_naming,
    table_filter,
)
from monitor.schema import ESTIMATES
from monitor.store import Store

BUCKETS = ("week", "month", "year")
MARKERS_PER_KIND = 150  # a kind with more items than this is drawn as counts per period (marker_density)
MAX_MARKERS = 1500  # items drawn one by one, all kinds together
MAX_PERIOD_ROWS = 20_000  # (origin or kind) x period rows: a year bucket keeps 160 years of 50 kinds under this


def reported_casualties(store: Store, f: Filters) -> pd.DataFrame:
    """Casualty reports dated in the range, oldest first, with their sources."""
    rows, params = cited_rows("casualty_reports", f)
    return store.query(f"{rows} ORDER BY as_of, report_id LIMIT 2000", params)


def bucket_for(start: date, end: date) -> str:
    """The bar width that keeps a span readable: weeks up to ~6 months, months up to ~8 years, then years."""
    days = (end - start).days
    return "week" if days <= 190 else "month" if days <= 8 * 366 else "year"


# An event fits a bucket when it is dated at least that precisely and does not straddle two buckets.
_FITS_SQL = """(CASE lower(coalesce(date_precision, 'day')) WHEN 'year' THEN '{b}' = 'year'
                    WHEN 'month' THEN '{b}' IN ('month', 'year') ELSE TRUE END)
               AND date_trunc('{b}', event_date) = date_trunc('{b}', coalesce(end_date, event_date))"""


def fatalities_per_period(store: Store, f: Filters, bucket: str, est: str) -> pd.DataFrame:
    """Event fatalities per origin and week/month/year, using the `est` figure (the single figure where only one
    is given).

    `fits` is False for events dated less precisely than the bucket (a month-only event in a weekly chart):
    the chart must not pin them to the first week.
    """
    return _fatalities(store, f, bucket, est)


def _fatalities(store: Store, f: Filters, bucket: str, est: str, keys: str = "") -> pd.DataFrame:
    """fatalities_per_period, each row further split by `keys` (SQL select items over the aggregate `d`)."""
    if bucket not in BUCKETS or est not in ESTIMATES:
        raise ValueError(f"bucket must be one of {BUCKETS} and est one of {ESTIMATES}")
    killed, single = {"low": ("low_or_best", "only_best_low"), "best": ("fatalities_best", "0"),
                      "high": ("high_or_best", "only_best_high")}[est]
    relation, params = daily(f, fatalities=True)  # the ETL's aggregate (monitor/aggregate.py)
    fits = (_FITS_SQL.format(b=bucket).replace("coalesce(date_precision, 'day')", "date_precision")
            .replace("coalesce(end_date, event_date)", "last_date"))
    return store.query(
        f"""
        SELECT origin, date_trunc('{bucket}', event_date)::DATE AS period, {fits} AS fits, {keys}
               sum(counted)::BIGINT AS events, sum({killed})::BIGINT AS killed, sum({single})::BIGINT AS single_figure,
               sum(fatalities_low)::BIGINT AS low, sum(fatalities_best)::BIGINT AS best,
               sum(fatalities_high)::BIGINT AS high
        FROM {relation} d
        GROUP BY ALL ORDER BY ALL LIMIT {MAX_PERIOD_ROWS}
        """,
        params,
    )


# Disjoint kinds for stacked bars, from the cross-dataset groups (monitor/event_types.py): civilian targeting is
# part of political violence there, so it is taken out of it here, and the bars never count a death twice.
GROUP_KINDS = (("civilian-targeting", "Civilian targeting"), ("political-violence", "Other political violence"),
               ("demonstrations", "Demonstrations"))
OTHER_KIND = "Other"


def fatalities_per_type(store: Store, f: Filters, bucket: str, est: str) -> pd.DataFrame:
    """fatalities_per_period's rows split by the publisher's event type, each with its disjoint group (`group`:
    Civilian targeting, Other political violence, Demonstrations or Other): the Timeline stacks deaths by the
    groups when datasets are mixed and by the publisher's own types when one dataset is shown."""
    group = " ".join(f"WHEN {event_types.group_sql(key, 'd', 'd.civilian_targeting')} THEN '{label}'"
                     for key, label in GROUP_KINDS)
    return _fatalities(store, f, bucket, est, f"""event_type, CASE {group} ELSE '{OTHER_KIND}' END AS "group",""")


def by_kind(rows: pd.DataFrame) -> pd.DataFrame:
    """fatalities_per_type's rows summed per (origin, period, fits, kind): `kind` the publisher's own type when one
    dataset is shown, else its group (types are each publisher's own words; the groups mean the same across)."""
    if rows.empty:
        return rows.assign(kind=pd.Series(dtype="object"))
    kind = rows["event_type"] if rows["origin"].nunique() == 1 else rows["group"]
    sums = ["events", "killed", "single_figure", "low", "best", "high"]
    return (rows.assign(kind=kind).groupby(["origin", "period", "fits", "kind"], as_index=False, dropna=False)[sums]
            .sum(min_count=1))


def _items(f: Filters, columns: dict[str, tuple[str, str, str]], kinds: tuple[str, ...] | None) -> tuple[str, list]:
    """Visits, UN votes (resolutions naming the countries) and events as one dated list with `columns` (name:
    (visit's, vote's, event's expression)), only of `kinds` when given.

    An un_vote event that duplicates a recorded resolution on the same day is left to the resolution (an
    uncorrelated IN: a correlated EXISTS made DuckDB materialise every event row first).
    """
    ev, ev_p = table_filter("events", f)
    vi, vi_p = table_filter("visits", f)
    rs, rs_p = resolutions_naming(f)
    picked = {"visit": "visit" in kinds, "un_vote": "un_vote" in kinds} if kinds is not None else {}
    only, only_p = ("list_contains(?::VARCHAR[], event_type)", [list(kinds)]) if kinds is not None else ("TRUE", [])
    select = [", ".join(f"{exprs[i]} AS {name}" for name, exprs in columns.items()) for i in range(3)]
    parts, params = [], []
    if picked.get("visit", True):
        parts.append(f"SELECT 'visit' AS kind, {select[0]} FROM visits WHERE {vi}")
        params += vi_p
    if picked.get("un_vote", True):
        parts.append(f"SELECT 'un_vote' AS kind, {select[1]} FROM resolutions WHERE {rs}")
        params += rs_p
    parts.append(f"""SELECT event_type AS kind, {select[2]} FROM events
        WHERE {ev} AND {only} AND NOT (event_type = 'un_vote' AND event_date IN (
            SELECT vote_date FROM resolutions WHERE vote_date IS NOT NULL))""")
    params += [*ev_p, *only_p]
    return " UNION ALL ".join(parts), params


_MARKER_COLUMNS = {
    "date": ("start_date", "vote_date", "event_date"),
    "end_date": ("end_date", "NULL::DATE", "end_date"),
    "date_precision": ("date_precision", "'day'", "date_precision"),
    "who": ("concat_ws(', ', visitor_name, visitor_role)", "body", "concat_ws(' and ', actor1, actor2)"),
    "place": ("city", "resolution_id", "location"),
    "country": ("host_iso3", "NULL::VARCHAR", "country_iso3"),
    "summary": ("purpose", "title", "summary"),
    "detail": ("concat_ws(' · ', 'met ' || nullif(met, ''), occasion)",
               "format('{} for, {} against, {} abstaining', yes, no, abstain)",
               "concat_ws(' · ', sub_event_type, 'killed ' || fatalities_best::VARCHAR, origin, '⚑ ' || flag)"),
    "weight": ("0", "0", "coalesce(fatalities_best, fatalities_low, 0)"),
    "source_id": ("source_id", "source_id", "source_id"),
}
_DENSITY_COLUMNS = {k: _MARKER_COLUMNS[k] for k in ("date", "date_precision", "weight")}


def kind_totals(store: Store, f: Filters) -> dict[str, int]:
    """How many dated items of each kind (visit, un_vote, each event type) the filters select: one lean scan."""
    items, params = _items(f, {"one": ("1", "1", "1")}, None)
    totals = store.query(f"SELECT kind, count(*) AS n FROM ({items}) GROUP BY kind", params)
    return dict(zip(totals["kind"], totals["n"].astype(int), strict=True))


def _kinds(store: Store, f: Filters, per_kind: int, busy: bool) -> dict[str, int]:
    return {k: n for k, n in kind_totals(store, f).items() if (n > per_kind) == busy}


def timeline_markers(store: Store, f: Filters, per_kind: int = MARKERS_PER_KIND) -> pd.DataFrame:
    """One row per item of every kind with at most `per_kind` items in the selection (busier kinds: marker_density).

    Columns: kind, date, end_date, date_precision, who, place, country, summary, detail, weight, kind_total, and
    the source's columns. At most MAX_MARKERS rows (the kinds with fewest items first).
    """
    few = _kinds(store, f, per_kind, busy=False)
    kept: dict[str, int] = {}
    for kind, n in sorted(few.items(), key=lambda kn: (kn[1], kn[0])):
        if sum(kept.values()) + n <= MAX_MARKERS:
            kept[kind] = n
    items, params = _items(f, _MARKER_COLUMNS, tuple(kept))
    markers = store.query(
        f"""
        SELECT m.*, {SOURCE_COLUMNS}
        FROM ({items}) m LEFT JOIN sources s USING (source_id)
        ORDER BY date, kind
        """,
        params,
    )
    markers.insert(markers.columns.get_loc("weight") + 1, "kind_total", markers["kind"].map(kept).astype("int64"))
    return markers


def marker_density(store: Store, f: Filters, bucket: str, per_kind: int = MARKERS_PER_KIND) -> pd.DataFrame:
    """Kinds with more than `per_kind` items, counted per week/month/year: too many to draw one by one, and a
    capped sample would invent gaps. Columns: kind, period, items, killed, imprecise, kind_total."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    busy = _kinds(store, f, per_kind, busy=True)
    columns = ["kind", "period", "items", "killed", "imprecise", "kind_total"]
    if not busy:
        return pd.DataFrame(columns=columns)
    items, params = _items(f, _DENSITY_COLUMNS, tuple(busy))
    density = store.query(
        f"""
        SELECT kind, date_trunc('{bucket}', CASE lower(date_precision) WHEN 'month' THEN date_trunc('month', date)
                   WHEN 'year' THEN date_trunc('year', date) ELSE date END)::DATE AS period,
               count(*) AS items, sum(weight) AS killed,
               count(*) FILTER (lower(coalesce(date_precision, 'day')) IN ('month', 'year')) AS imprecise
        FROM ({items}) m GROUP BY ALL ORDER BY kind, period LIMIT {MAX_PERIOD_ROWS}
        """,
        params,
    )
    return density.assign(kind_total=density["kind"].map(busy).astype("int64"))[columns]
