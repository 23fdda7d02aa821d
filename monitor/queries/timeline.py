"""The Timeline page's reads: casualty reports, fatalities per week or month, and the dated markers.

Dates stay as precise as the source gave them: a month-only event is never pinned to a week.
"""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import SOURCE_COLUMNS, Filters, resolutions_naming, table_filter, with_fatalities
from monitor.schema import ESTIMATES, estimate_column
from monitor.store import Store

BUCKETS = ("week", "month")
MARKERS_PER_KIND = 150


def reported_casualties(store: Store, f: Filters) -> pd.DataFrame:
    """Casualty reports dated in the range, oldest first, with their sources."""
    where, params = table_filter("casualty_reports", f)
    return store.query(
        f"""
        SELECT casualty_reports.*, {SOURCE_COLUMNS}
        FROM casualty_reports LEFT JOIN sources s USING (source_id)
        WHERE {where} ORDER BY as_of, report_id LIMIT 2000
        """,
        params,
    )


def fatalities_per_period(store: Store, f: Filters, bucket: str, est: str) -> pd.DataFrame:
    """Event fatalities per origin and week/month, using the `est` figure (the single figure where only one is given).

    `fits` is False for events dated less precisely than the bucket (a month-only event in a weekly chart):
    the chart must not pin them to the first week.
    """
    if bucket not in BUCKETS or est not in ESTIMATES:
        raise ValueError(f"bucket must be one of {BUCKETS} and est one of {ESTIMATES}")
    col = estimate_column("fatalities", est)
    where, params = with_fatalities(f)
    return store.query(
        f"""
        SELECT origin, date_trunc('{bucket}', event_date)::DATE AS period,
               (coalesce(lower(date_precision), 'day') NOT IN ('month', 'year') OR '{bucket}' = 'month'
                   AND lower(date_precision) = 'month')
               AND date_trunc('{bucket}', event_date) = date_trunc('{bucket}', coalesce(end_date, event_date)) AS fits,
               count(*) AS events, sum(coalesce({col}, fatalities_best)) AS killed,
               count(*) FILTER ({col} IS NULL AND fatalities_best IS NOT NULL) AS single_figure,
               sum(fatalities_low) AS low, sum(fatalities_best) AS best, sum(fatalities_high) AS high
        FROM events WHERE {where}
        GROUP BY ALL ORDER BY origin, period
        """,
        params,
    )


def _markers_cte(f: Filters) -> tuple[str, list]:
    """Visits, UN votes (resolutions naming the countries) and events as one dated list, `m`, with kind totals.

    An un_vote event that duplicates a recorded resolution on the same day is left to the resolution.
    """
    ev, ev_p = table_filter("events", f)
    vi, vi_p = table_filter("visits", f)
    rs, rs_p = resolutions_naming(f)
    sql = f"""
        WITH m0 AS (
            SELECT 'visit' AS kind, start_date AS date, end_date, date_precision,
                   concat_ws(', ', visitor_name, visitor_role) AS who,
                   city AS place, host_iso3 AS country, purpose AS summary,
                   concat_ws(' · ', 'met ' || nullif(met, ''), occasion) AS detail, 0 AS weight, source_id
            FROM visits WHERE {vi}
            UNION ALL
            SELECT 'un_vote', vote_date, NULL, 'day', body, resolution_id, NULL,
                   title, format('{{}} for, {{}} against, {{}} abstaining', yes, no, abstain), 0, source_id
            FROM resolutions WHERE {rs}
            UNION ALL
            SELECT event_type, event_date, end_date, date_precision, concat_ws(' and ', actor1, actor2),
                   location, country_iso3, summary,
                   concat_ws(' · ', sub_event_type, 'killed ' || fatalities_best::VARCHAR, origin),
                   coalesce(fatalities_best, fatalities_low, 0), source_id
            FROM events
            WHERE {ev} AND NOT (event_type = 'un_vote' AND EXISTS (
                SELECT 1 FROM resolutions r WHERE r.vote_date = events.event_date))
        ),
        m AS (SELECT *, count(*) OVER (PARTITION BY kind) AS kind_total FROM m0)
    """
    return sql, [*vi_p, *rs_p, *ev_p]


def timeline_markers(store: Store, f: Filters, per_kind: int = MARKERS_PER_KIND) -> pd.DataFrame:
    """One row per item of every kind with at most `per_kind` items in the selection (busier kinds: marker_density).

    Columns: kind, date, end_date, date_precision, who, place, country, summary, detail, weight, kind_total, sources.
    """
    cte, params = _markers_cte(f)
    return store.query(
        f"""{cte}
        SELECT m.*, {SOURCE_COLUMNS}
        FROM m LEFT JOIN sources s USING (source_id)
        WHERE kind_total <= ? ORDER BY date, kind
        """,
        [*params, per_kind],
    )


def marker_density(store: Store, f: Filters, bucket: str, per_kind: int = MARKERS_PER_KIND) -> pd.DataFrame:
    """Kinds with more than `per_kind` items, counted per week/month: too many to draw one by one, and a
    capped sample would invent gaps. Columns: kind, period, items, killed, imprecise, kind_total."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    cte, params = _markers_cte(f)
    return store.query(
        f"""{cte}
        SELECT kind, date_trunc('{bucket}', CASE lower(date_precision) WHEN 'month' THEN date_trunc('month', date)
                   WHEN 'year' THEN date_trunc('year', date) ELSE date END)::DATE AS period,
               count(*) AS items, sum(weight) AS killed,
               count(*) FILTER (lower(coalesce(date_precision, 'day')) IN ('month', 'year')) AS imprecise,
               any_value(kind_total) AS kind_total
        FROM m WHERE kind_total > ? GROUP BY ALL ORDER BY kind, period
        """,
        [*params, per_kind],
    )
