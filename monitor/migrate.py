"""Bringing an older database up to this version's schema (DESIGN.md: columns are added, never renamed).

`python -m etl upgrade` and every load run create_all; the app, which never writes, asks missing_parts and
tells the analyst to upgrade.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor import aggregate
from monitor.regions import admin_from_extra_sql
from monitor.schema import FACT_TABLES, HISTORY_COLUMNS, TABLES, Column, history_ddl, history_name

# Our own (non-contract) columns renamed to the contract's name: (table, old name, new name).
RENAMED = (("warnings", "message", "reason"),)


def create_all(con) -> None:  # con: duckdb.DuckDBPyConnection
    """Create every table that does not exist yet, and add the columns a newer version defines to an
    older database (columns are only ever added, so an analyst's loaded data survives an upgrade)."""
    have = _columns_by_table(con)  # one catalog query: every load runs this, on new and up-to-date databases
    for table, old, new in RENAMED:
        columns = have.get(table, set())
        if old in columns and new not in columns:
            con.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")
            columns ^= {old, new}
    for table in TABLES.values():
        con.execute(table.ddl())
        added = _add_missing_columns(con, table.name, table.columns, have)
        if table.name in FACT_TABLES:
            con.execute(history_ddl(table))
            added_to_history = _add_missing_columns(con, history_name(table.name), table.columns + HISTORY_COLUMNS,
                                                    have)
            if table.name == "events":
                _fill_regions(con, "events", added)
                _fill_regions(con, history_name("events"), added_to_history)
    new_aggregate = aggregate.NAME not in have
    con.execute(aggregate.ddl())
    if new_aggregate:  # an older database: built from its events (empty for a new one)
        aggregate.rebuild(con)


def _columns_by_table(con) -> dict[str, set[str]]:
    """The current database's tables, each with its columns."""
    have: dict[str, set[str]] = {}
    for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                     "WHERE table_catalog = current_database()").fetchall():
        have.setdefault(table, set()).add(column)
    return have


def _fill_regions(con, name: str, added: list[str]) -> None:
    """Events loaded before admin1/admin2 were columns kept them in `extra`: fill the new columns from there
    (every row kept, none re-hashed: the importers fill the same values, so a reload is still a duplicate)."""
    if "admin1" not in added and "admin2" not in added:
        return
    admin1, admin2 = admin_from_extra_sql()
    con.execute(f"UPDATE {name} SET admin1 = {admin1}, admin2 = {admin2} WHERE extra IS NOT NULL "
                "AND origin IN ('acled', 'ucdp', 'gdelt')")


def expected_columns() -> dict[str, list[str]]:
    """Every table this version of the code reads and writes, with its columns (history tables included)."""
    expected = {t.name: t.column_names for t in TABLES.values()}
    expected |= {history_name(t): TABLES[t].column_names + [c.name for c in HISTORY_COLUMNS] for t in FACT_TABLES}
    expected[aggregate.NAME] = [c for c, _ in aggregate.COLUMNS]
    return expected


def missing_parts(have: Iterable[tuple[str, str]]) -> list[str]:
    """What a database with these (table, column) pairs lacks for this version of the code: whole tables
    ('versions') first, then columns of the tables it has ('events.version'). Empty when it is up to date;
    create_all adds them all."""
    present: dict[str, set[str]] = {}
    for table, column in have:
        present.setdefault(table, set()).add(column)
    expected = expected_columns()
    tables = [t for t in expected if t not in present]
    return tables + [f"{t}.{c}" for t, columns in expected.items() if t in present
                     for c in columns if c not in present[t]]


def _add_missing_columns(con, name: str, columns: tuple[Column, ...], have: dict[str, set[str]]) -> list[str]:
    """Add the columns `name` lacks; the names added. A table not in `have` was just created whole."""
    added = [column for column in columns if name in have and column.name not in have[name]]
    for column in added:
        con.execute(f"ALTER TABLE {name} ADD COLUMN {column.name} {column.type}")
    return [column.name for column in added]
