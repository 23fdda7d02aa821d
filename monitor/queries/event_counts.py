"""Reads of `event_counts` (aggregates such as HDX HAPI's monthly ACLED figures) that the Timeline and the
Overview draw, in their own section: never summed with event rows.

A fatality figure a row does not give is unknown, so sums count only the rows that give one and say how many
did (`with_fatalities`); a period with none sums to NULL, not 0.
"""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import Filters, table_filter
from monitor.store import Store

MAX_ROWS = 20_000  # origin x event type x period: a century of months of a few types stays under this


def counts_per_period(store: Store, f: Filters) -> pd.DataFrame:
    """Per origin, event type and period (the source's own, e.g. a month): the areas counted, events, and
    fatalities summed over the areas that give a figure. Columns: origin, event_type, period, period_end, areas,
    events, fatalities (NULL when no area gives one), with_fatalities."""
    where, params = table_filter("event_counts", f)
    return store.query(
        f"""
        SELECT origin, event_type, period_start AS period, max(period_end) AS period_end, count(*) AS areas,
               sum(events) AS events, sum(fatalities) AS fatalities, count(fatalities) AS with_fatalities
        FROM event_counts WHERE {where}
        GROUP BY ALL ORDER BY origin, event_type, period LIMIT {MAX_ROWS}
        """,
        params,
    )


def counts_by_type(store: Store, f: Filters) -> pd.DataFrame:
    """Per origin and event type, over the selection: periods, areas, events, fatalities where given (NULL when
    none is), how many rows give them, and the first and last day covered."""
    where, params = table_filter("event_counts", f)
    return store.query(
        f"""
        SELECT origin, event_type, count(DISTINCT period_start) AS periods,
               count(DISTINCT (country_iso3, admin_area)) AS areas, count(*) AS rows, sum(events) AS events,
               sum(fatalities) AS fatalities,
               count(fatalities) AS with_fatalities, min(period_start) AS first,
               max(coalesce(period_end, period_start)) AS last
        FROM event_counts WHERE {where}
        GROUP BY ALL ORDER BY origin, events DESC, event_type LIMIT 100
        """,
        params,
    )
