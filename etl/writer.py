"""The apply step: what a command staged goes into the database in ONE transaction, as a new data version
(when it changes the data).

A revised row is never overwritten in place: the stored row moves to `<table>_history`, valid from the
version that made it until this one, and the new row takes its place (monitor/versions.py reads them).
A load that stages no fact row and rejects nothing (the same file again) makes no new version: the data
is what it was, so a link pinned to the version before stays the latest. Its batch is still logged, under
the version it left in place. A transaction that does not commit (a crash, a kill) leaves nothing behind:
DuckDB's write-ahead log only replays committed work.
"""

from __future__ import annotations

import json
from datetime import datetime

import duckdb

from etl.report import FileReport
from etl.sql import ident
from etl.workspace import Workspace, key_match
from monitor import aggregate
from monitor.schema import FACT_TABLES, TABLES, history_name


def _revise(con: duckdb.DuckDBPyConnection, target: str, name: str, version: int, revising: bool) -> None:
    """Move the stored rows the staged ones revise to history (when any file revised rows of this
    table), then write the staged rows."""
    table = TABLES[name]
    cols = ", ".join(table.column_names)
    stored = f"{target}.{name}"
    revised = revising and con.execute(f"""INSERT INTO {target}.{history_name(name)} ({cols}, valid_from, valid_to)
        SELECT {', '.join(f's.{c}' for c in table.column_names)}, coalesce(s.version, 0), {version}
        FROM {stored} s JOIN stage_{name} n ON {key_match(table, 'n', 's')}""").fetchone()[0]
    values = ", ".join(c if c != "version" else f"{version} AS version" for c in table.column_names)
    verb = "INSERT OR REPLACE" if revised else "INSERT"
    con.execute(f"{verb} INTO {stored} ({cols}) SELECT {values} FROM stage_{name}")


def _copy(con: duckdb.DuckDBPyConnection, target: str, name: str, version: int | None = None) -> None:
    cols = TABLES[name].column_names
    values = ", ".join(c if c != "version" or version is None else f"{version} AS version" for c in cols)
    verb = "INSERT OR REPLACE" if name == "rejects" else "INSERT"
    con.execute(f"{verb} INTO {target}.{name} ({', '.join(cols)}) SELECT {values} FROM stage_{name}")


def _touched_days(target: str, version: int) -> str:
    """SQL: the (origin, day) pairs of the events this version adds or revises, new rows and the old ones it moved
    to history: the aggregate is recomputed for them after the rows are written."""
    return (f"(SELECT origin, event_date FROM stage_events UNION SELECT origin, event_date "
            f"FROM {target}.{history_name('events')} WHERE valid_to = {int(version)})")


def _update_aggregate(con: duckdb.DuckDBPyConnection, target: str, version: int) -> None:
    """`events_daily` after this version's events are written: added to when every event is new (a small load reads
    the aggregate's rows of its days, not the days' events), recomputed for the touched days when any was revised."""
    revised = con.execute(f"SELECT count(*) FROM {target}.{history_name('events')} WHERE valid_to = {int(version)}"
                          ).fetchone()[0]
    if revised:
        aggregate.refresh(con, target, _touched_days(target, version))
    else:
        # the new rows as written: this version's, appended at the table's end, so the scan skips the stored row
        # groups by their version range (reading the staged view would classify the file's rows once more)
        aggregate.add(con, target, f"(SELECT * FROM {target}.events WHERE version = {int(version)})")


def _changes_data(con: duckdb.DuckDBPyConnection, reports: list[FileReport]) -> bool:
    """Whether the staged work adds or revises a fact row, or rejects one (the Changes page lists rejects
    by version)."""
    staged = sum(con.execute(f"SELECT count(*) FROM stage_{name}").fetchone()[0] for name in FACT_TABLES)
    return bool(staged or sum(r.rows_rejected for r in reports if r.error is None))


def apply(ws: Workspace, command: str, reports: list[FileReport]) -> int | None:
    """Write everything `ws` staged into its live database in one transaction; the data version the database is then
    at (a new one unless a load changed nothing), or None if nothing was staged (every file failed to read)."""
    con = ws.con
    if not con.execute("SELECT count(*) FROM stage_batches").fetchone()[0]:
        return None
    ws.without_empty_parts()
    target = ident(ws.live)
    con.execute("BEGIN TRANSACTION")
    try:
        current = con.execute(f"SELECT coalesce(max(version), 0) FROM {target}.versions").fetchone()[0]
        if command == "load" and not _changes_data(con, reports):
            _copy(con, target, "batches", current)
            _copy(con, target, "warnings")
            con.execute("COMMIT")
            return current
        version = current + 1
        revising = {r.table for r in reports if r.rows_updated}.union(*(r.revises for r in reports))
        for name in FACT_TABLES:
            _revise(con, target, name, version, name in revising)
        if con.execute("SELECT count(*) FROM stage_events").fetchone()[0]:
            _update_aggregate(con, target, version)
        _copy(con, target, "batches", version)
        _copy(con, target, "rejects")
        _copy(con, target, "warnings")
        read = [r for r in reports if r.error is None]
        con.execute(f"INSERT INTO {target}.versions VALUES (?, ?, ?, ?, ?, ?, ?)", [
            version, datetime.now(), command, json.dumps([r.path for r in read]),
            sum(r.rows_loaded for r in read), sum(r.rows_updated for r in read),
            sum(r.rows_rejected for r in read)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return version
