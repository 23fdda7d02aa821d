"""The Data page's reads: any table under the shared filters (capped in SQL), row counts, rejects by reason."""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import Filters, table_filter
from monitor.schema import TABLES
from monitor.store import Store

DATA_ROW_LIMIT = 5000
_DATA_ORDER = {
    "events": "event_date DESC, event_id", "casualty_reports": "as_of DESC, report_id",
    "visits": "start_date DESC, visit_id", "resolutions": "vote_date DESC, resolution_id",
    "votes": "resolution_id, country_iso3", "sources": "source_id", "batches": "batch_id DESC",
    "rejects": "batch_id DESC, line_no", "warnings": "batch_id DESC, seq",
}


def table_rows(store: Store, table: str, f: Filters, limit: int = DATA_ROW_LIMIT) -> tuple[pd.DataFrame, int]:
    """(the first `limit` rows of `table` under the shared filters, how many rows match in all)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    where, params = table_filter(table, f)
    total = int(store.query(f"SELECT count(*) AS n FROM {table} WHERE {where}", params).iloc[0]["n"])
    order = _DATA_ORDER.get(table, "1")
    rows = store.query(f"SELECT * FROM {table} WHERE {where} ORDER BY {order} LIMIT ?", [*params, limit])
    return rows, total


def table_counts(store: Store) -> pd.DataFrame:
    """Rows per table."""
    sql = " UNION ALL ".join(f"SELECT '{t}' AS table_name, count(*) AS rows FROM {t}" for t in TABLES)
    return store.query(sql)


def reject_reasons(store: Store) -> pd.DataFrame:
    """Rejected input rows per file and kind of reason (the text before ':'), most frequent first, with an example."""
    return store.query(
        """
        SELECT input_path, split_part(reason, ':', 1) AS reason, count(*) AS rows, min(line_no) AS first_line,
               arg_min(reason, line_no) AS example
        FROM rejects GROUP BY ALL ORDER BY rows DESC, input_path, reason LIMIT 200
        """
    )
