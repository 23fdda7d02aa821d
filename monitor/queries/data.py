"""The Data page's reads: any table under the shared filters (capped in SQL), row counts, rejects by reason."""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import SOURCE_COLUMNS, Filters, selection_sources, table_filter
from monitor.schema import TABLES
from monitor.store import Store

# Rows per screen of the Data page (~0.1 MB of events to the browser). Newest first, a screen's rows lie anywhere in
# the file: at 10M events reading 1,000 whole rows cost 2.5-3.7 s on a cold server, 250 about 0.8 s.
PAGE_ROWS = 250
_DATA_ORDER = {
    "events": "event_date DESC, event_id", "casualty_reports": "as_of DESC, report_id",
    "visits": "start_date DESC, visit_id", "resolutions": "vote_date DESC, resolution_id",
    "votes": "resolution_id, country_iso3", "sources": "source_id", "batches": "batch_id DESC",
    "rejects": "batch_id DESC, line_no", "warnings": "batch_id DESC, seq",
    "event_counts": "period_start DESC, country_iso3, admin_area, event_type",
}
# Listings of one table's rows that a condition picks, offered beside the tables: (table, condition).
SUBSETS = {"flagged": ("events", "events.flag IS NOT NULL")}


def rows_of(table: str, f: Filters) -> tuple[str, str, list]:
    """(the table to read, the WHERE clause, its parameters) for a table or a subset under the shared filters."""
    base, condition = SUBSETS.get(table, (table, "TRUE"))
    if base not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    where, params = table_filter(base, f)
    return base, f"{where} AND {condition}", params


def table_count(store: Store, table: str, f: Filters) -> int:
    """How many rows of `table` (or of a subset: SUBSETS) the shared filters select."""
    base, where, params = rows_of(table, f)
    return int(store.query(f"SELECT count(*) AS n FROM {base} WHERE {where}", params).iloc[0]["n"])


def table_page(store: Store, table: str, f: Filters, limit: int = PAGE_ROWS, offset: int = 0) -> pd.DataFrame:
    """`limit` rows of `table` (or of a subset: SUBSETS) under the shared filters from row `offset` (newest first),
    paged in SQL."""
    base, where, params = rows_of(table, f)
    order = _DATA_ORDER.get(base, "1")
    return store.query(f"SELECT * FROM {base} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                       [*params, int(limit), int(offset)])


def cited_by(store: Store, table: str, f: Filters) -> pd.DataFrame:
    """The sources the selected rows of `table` (or of a subset) cite, most used first (at most 50)."""
    if table not in SUBSETS:
        return selection_sources(store, f, (table,))
    base, where, params = rows_of(table, f)
    return store.query(
        f"""SELECT source_id, {SOURCE_COLUMNS}, count(*) AS rows FROM {base} JOIN sources s USING (source_id)
        WHERE {where} GROUP BY ALL ORDER BY rows DESC, source_id LIMIT 50""", params)


def table_rows(store: Store, table: str, f: Filters, limit: int = PAGE_ROWS,
               offset: int = 0) -> tuple[pd.DataFrame, int]:
    """(`limit` rows of `table` under the shared filters from row `offset`; how many match in all)."""
    return table_page(store, table, f, limit, offset), table_count(store, table, f)


def page_count(total: int, per_page: int = PAGE_ROWS) -> int:
    """Screens needed for `total` rows (one for none, so page 1 always exists)."""
    return max(1, -(-total // per_page))


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
