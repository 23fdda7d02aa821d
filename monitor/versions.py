"""Data versions: every load that changes the data is one; any query can read a table as it was at a version.

A fact table holds its current rows, each with the `version` that made it current; `<table>_history`
holds the rows later loads revised, valid from the version that made them until the one that replaced
them. So "table X as of version N" is the current rows made at or before N, plus the superseded rows
that were current at N. History costs only the revised rows.
"""

from __future__ import annotations

from monitor.schema import FACT_TABLES, TABLES, history_name

LATEST_SQL = "SELECT coalesce(max(version), 0) FROM versions"


def as_of(table: str, version: int | None = None) -> str:
    """SQL (a table name or a parenthesised subquery) for `table` as of data `version`; None: the latest."""
    if version is None or table not in FACT_TABLES:
        return table
    v = int(version)
    cols = ", ".join(TABLES[table].column_names)
    return (f"(SELECT {cols} FROM {table} WHERE coalesce(version, 0) <= {v} "
            f"UNION ALL SELECT {cols} FROM {history_name(table)} WHERE valid_from <= {v} AND valid_to > {v})")
