"""Classified rows -> the staging tables the writer applies: rows, derived records, rejects, warnings.

Also reads back what the file report shows (counts by outcome, reasons, the first rejects, notes):
aggregates and a bounded number of rows, never the file.
"""

from __future__ import annotations

from collections import Counter

from etl.classify import Record, content_hash, rows_over_official_totals
from etl.report import MAX_KEPT_REJECTS, FileReport
from etl.sql import literal
from etl.stage import FileJob
from etl.workspace import Workspace
from monitor.schema import TABLES

MAX_NOTES = 50


def _insert(ws: Workspace, table: str, select: str) -> None:
    cols = ", ".join(TABLES[table].column_names)
    ws.con.execute(f"INSERT INTO stage_{table} ({cols}) SELECT {cols} FROM ({select})")


def _row_select(record: Record, relation: str, batch_id: int, ignore: tuple[str, ...]) -> str:
    t = record.table
    cols = [f"{record.col(c)} AS {c}" for c in t.content_columns]
    row_hash = f"lpad(to_hex({content_hash(t, record.col, ignore)}), 16, '0')"
    return (f"SELECT {', '.join(cols)}, {batch_id} AS batch_id, {row_hash} AS row_hash, "
            f"CAST(NULL AS INTEGER) AS version FROM {relation}")


def stage_rows(ws: Workspace, job: FileJob, batch_id: int) -> None:
    """The primary rows that load (new or revised) replace any staged row of their key."""
    record = Record("p.", TABLES[job.mapping.table])
    t = record.table
    rows = f"(SELECT * FROM c{job.n} WHERE outcome IN ('loaded', 'updated'))"
    match = " AND ".join(f"c.{record.col(k)} = s.{k}" for k in t.key)
    ws.con.execute(f"DELETE FROM stage_{t.name} s WHERE EXISTS (SELECT 1 FROM {rows} c WHERE {match})")
    _insert(ws, t.name, _row_select(record, rows, batch_id, job.fmt.hash_ignores))
    if t.name == "votes":
        rows_over_official_totals(ws, job, batch_id)


def stage_derived(ws: Workspace, job: FileJob, batch_id: int) -> None:
    """Records each line implies (a resolution, a source): the first line's, when the key is new."""
    for i, derived in enumerate(job.mapping.derived):
        record = Record(f"d{i}.", TABLES[derived.table])
        t = record.table
        key = ", ".join(record.col(k) for k in t.key)
        h = content_hash(t, record.col, job.fmt.hash_ignores)
        ws.create(f"dd{job.n}", f"""SELECT *, {h} AS _dh, first_value({h}) OVER w AS _first_dh,
            row_number() OVER w AS _dk FROM c{job.n}
            WHERE outcome <> 'rejected' AND {' AND '.join(f'{record.col(k)} IS NOT NULL' for k in t.key)}
            WINDOW w AS (PARTITION BY {key} ORDER BY rec)""")
        stored = f"{ws.current(t.name)} s"
        match = " AND ".join(f"s.{k} = d.{record.col(k)}" for k in t.key)
        if derived.on_conflict == "warn":
            parts = [f"py_repr(CAST({record.col(k, 'd')} AS VARCHAR))" for k in t.key]
            key_tuple = "'(' || " + " || ', ' || ".join(parts) + (" || ',)'" if len(parts) == 1 else " || ')'")
            _warn(ws, batch_id, job, f"""SELECT line_no, '{t.name} ' || {key_tuple} ||
                ': this line disagrees with an earlier line; kept the first' AS message
                FROM dd{job.n} d WHERE _dk > 1 AND _dh <> _first_dh""")
            stored_h = content_hash(t, lambda c: f"s.{c}", job.fmt.hash_ignores)
            _warn(ws, batch_id, job, f"""SELECT d.line_no, '{t.name}: a row with this key already exists with
                different content; kept the existing one' AS message
                FROM dd{job.n} d JOIN {stored} ON {match} WHERE d._dk = 1 AND {stored_h} <> d._dh""")
        new = f"(SELECT * FROM dd{job.n} d WHERE _dk = 1 AND NOT EXISTS (SELECT 1 FROM {stored} WHERE {match}))"
        _insert(ws, t.name, _row_select(record, new, batch_id, job.fmt.hash_ignores))
        ws.drop(f"dd{job.n}")


def _warn(ws: Workspace, batch_id: int, job: FileJob, select: str) -> None:
    seq = f"(SELECT count(*) FROM stage_warnings WHERE batch_id = {batch_id})"
    ws.con.execute(f"""INSERT INTO stage_warnings (batch_id, seq, line_no, input_path, message)
        SELECT {batch_id}, {seq} + row_number() OVER (ORDER BY line_no), line_no, {literal(str(job.text.path))},
        message FROM ({select})""")


def stage_rejects_and_warnings(ws: Workspace, job: FileJob, batch_id: int) -> None:
    path = literal(str(job.text.path))
    ws.con.execute(f"""INSERT INTO stage_rejects (batch_id, line_no, input_path, raw_record, reason)
        SELECT {batch_id}, line_no, {path}, _raw, reason FROM c{job.n} WHERE outcome = 'rejected'
        UNION ALL
        SELECT {batch_id}, e.line + coalesce(o.cum_breaks, 0), {path}, e.raw_record, e.reason
        FROM {job.csv_errors} e ASOF LEFT JOIN (SELECT pos, cum_breaks FROM off{job.n}) o
             ON e.line - 1 - {job.header_lines} >= o.pos""")
    _warn(ws, batch_id, job, f"SELECT line_no, unnest(_warnings) AS message FROM c{job.n} "
                             f"WHERE outcome <> 'rejected' AND len(_warnings) > 0")


def fill_report(ws: Workspace, job: FileJob, batch_id: int, report: FileReport) -> None:
    """Counts, reasons and the first rejects and notes, read back from the staged tables."""
    counts = dict(ws.con.execute(f"SELECT outcome, count(*) FROM c{job.n} GROUP BY ALL").fetchall())
    csv_errors = ws.scalar(f"SELECT count(*) FROM {job.csv_errors}")
    report.rows_loaded = counts.get("loaded", 0) + counts.get("updated", 0)
    report.rows_updated = counts.get("updated", 0)
    report.rows_duplicate = counts.get("duplicate", 0)
    report.rows_rejected = counts.get("rejected", 0) + csv_errors
    report.rows_read = report.rows_loaded + report.rows_duplicate + report.rows_rejected
    report.reasons = Counter(dict(ws.con.execute(
        "SELECT reason, count(*) FROM stage_rejects WHERE batch_id = ? GROUP BY ALL ORDER BY 2 DESC, 1",
        [batch_id]).fetchall()))
    report.rejects = ws.con.execute(
        f"SELECT line_no, reason FROM stage_rejects WHERE batch_id = ? ORDER BY line_no LIMIT {MAX_KEPT_REJECTS}",
        [batch_id]).fetchall()
    skipped = ws.con.execute(f"""SELECT {job.header_lines} + 1 + v.rec + coalesce(o.cum, 0), v._skip
        FROM {job.checked} v ASOF LEFT JOIN off{job.n} o ON v.rec >= o.pos
        WHERE v._skip <> '' ORDER BY 1 LIMIT {MAX_NOTES}""").fetchall()
    warnings = ws.con.execute(f"SELECT line_no, message FROM stage_warnings WHERE batch_id = ? ORDER BY seq "
                              f"LIMIT {MAX_NOTES}", [batch_id]).fetchall()
    report.notes = [f"line {n}: {why}; not loaded as data" for n, why in skipped]
    report.notes += [f"line {n}: {message}" for n, message in warnings]


def drop_file_tables(ws: Workspace, job: FileJob) -> None:
    ws.drop(job.raw, job.csv_errors, job.checked, f"c{job.n}", f"off{job.n}", f"geo{job.n}",
            *(lk.alias for lk in (job.src.lookups if job.src else [])))
