"""Classified rows -> the staging tables the writer applies: rows, derived records, rejects, warnings.

Also reads back what the file report shows (counts by outcome, reasons, the first rejects, notes):
aggregates and a bounded number of rows, never the file.
"""

from __future__ import annotations

from collections import Counter

from etl.report import EXAMPLES_PER_KIND, MAX_KEPT_REJECTS, MAX_KINDS, FileReport, ReasonKind, reason_kind_sql
from etl.sql import literal
from etl.stage import FileJob, input_relation, raw_record
from etl.typed import Record, content_hash, records_of
from etl.workspace import Workspace
from monitor.schema import TABLES

MAX_NOTES = 50


def _insert(ws: Workspace, table: str, select: str) -> None:
    cols = ", ".join(TABLES[table].column_names)
    ws.con.execute(f"INSERT INTO derived_{table} ({cols}) SELECT {cols} FROM ({select})")


def _row_select(record: Record, relation: str, batch_id: int, ignore: tuple[str, ...]) -> str:
    t = record.table
    cols = [f"{record.col(c)} AS {c}" for c in t.content_columns]
    row_hash = f"lpad(to_hex({content_hash(t, record.col, ignore)}), 16, '0')"
    return (f"SELECT {', '.join(cols)}, {batch_id} AS batch_id, {row_hash} AS row_hash, "
            f"CAST(NULL AS INTEGER) AS version FROM {relation}")


def stage_derived(ws: Workspace, job: FileJob, batch_id: int) -> None:
    """Records each line implies (a resolution, a source): the first line's, when the key is new (neither
    stored nor staged)."""
    for i, derived in enumerate(job.mapping.derived):
        record = Record(f"d{i}.", TABLES[derived.table])
        t, ignore = record.table, job.fmt.hash_ignores
        key = ", ".join(record.col(k) for k in t.key)
        h = content_hash(t, record.col, ignore)
        present = " AND ".join(f"{record.col(k)} IS NOT NULL" for k in t.key)
        ws.create(f"dd{job.n}", f"""SELECT {key}, min(rec) AS _first_rec, arg_min({h}, rec) AS _first_dh,
            min({h}) <> max({h}) AS _disagree FROM c{job.n} WHERE outcome <> 'rejected' AND {present} GROUP BY ALL""")
        if derived.on_conflict == "warn":
            _derived_warnings(ws, job, record, batch_id)
        match = " AND ".join(f"s.{k} = d.{record.col(k)}" for k in t.key)
        new = (f"(SELECT d.* FROM c{job.n} d JOIN dd{job.n} f ON d.rec = f._first_rec "
               f"WHERE NOT EXISTS (SELECT 1 FROM {ws.current(t.name)} s WHERE {match}))")
        _insert(ws, t.name, _row_select(record, new, batch_id, ignore))
        ws.drop(f"dd{job.n}")


def _derived_warnings(ws: Workspace, job: FileJob, record: Record, batch_id: int) -> None:
    """A line whose derived record disagrees with the first line's, or with the stored row: kept the first."""
    t, ignore = record.table, job.fmt.hash_ignores
    line_h = content_hash(t, lambda c: record.col(c, "d"), ignore)
    stored_h = content_hash(t, lambda c: f"s.{c}", ignore)
    parts = [f"py_repr(CAST({record.col(k, 'd')} AS VARCHAR))" for k in t.key]
    key_tuple = "'(' || " + " || ', ' || ".join(parts) + (" || ',)'" if len(parts) == 1 else " || ')'")
    on_key = " AND ".join(f"f.{record.col(k)} = d.{record.col(k)}" for k in t.key)
    match = " AND ".join(f"s.{k} = d.{record.col(k)}" for k in t.key)
    warn(ws, batch_id, job, f"""SELECT d.line_no, {record.row_key('d')} AS row_key, '{t.name} ' || {key_tuple}
        || ': this line disagrees with an earlier line; kept the first' AS reason
        FROM c{job.n} d JOIN dd{job.n} f ON {on_key}
        WHERE f._disagree AND d.outcome <> 'rejected' AND {line_h} <> f._first_dh""", t.name)
    warn(ws, batch_id, job, f"""SELECT d.line_no, {record.row_key('d')} AS row_key, '{t.name}: a row with this
        key already exists with different content; kept the existing one' AS reason
        FROM c{job.n} d JOIN dd{job.n} f ON d.rec = f._first_rec JOIN {ws.current(t.name)} s ON {match}
        WHERE {stored_h} <> {line_h}""", t.name)


def warn(ws: Workspace, batch_id: int, job: FileJob, select: str, table: str | None = None) -> None:
    """Warning rows from `select`: line_no, reason and, when `table` names the row's table, its row_key."""
    seq = f"(SELECT count(*) FROM stage_warnings WHERE batch_id = {batch_id})"
    concerns = f"{literal(table)}, row_key" if table else "NULL, NULL"
    ws.con.execute(f"""INSERT INTO stage_warnings (batch_id, seq, line_no, input_path, table_name, row_key, reason)
        SELECT {batch_id}, {seq} + row_number() OVER (ORDER BY line_no), line_no, {literal(str(job.text.path))},
        {concerns}, reason FROM ({select})""")


def stage_rejects_and_warnings(ws: Workspace, job: FileJob, batch_id: int) -> None:
    """Every rejected row with its line, raw record (rebuilt from its fields) and reason; the warnings of the
    rows that load."""
    path = literal(str(job.text.path))
    ws.con.execute(f"""INSERT INTO stage_rejects (batch_id, line_no, input_path, raw_record, reason)
        SELECT {batch_id}, c.line_no, {path}, {raw_record(job)}, c.reason
        FROM c{job.n} c JOIN {input_relation(job)} i ON i.rec = c.rec WHERE c.outcome = 'rejected'
        UNION ALL
        SELECT {batch_id}, e.line + coalesce(o.cum_breaks, 0), {path}, e.raw_record, e.reason
        FROM {job.csv_errors} e JOIN unread{job.n} u USING (line)
        ASOF LEFT JOIN (SELECT pos, cum_breaks FROM off{job.n}) o ON u.pos >= o.pos WHERE NOT e.blank""")
    primary = records_of(job.mapping)[0]
    warn(ws, batch_id, job, f"SELECT line_no, {primary.row_key()} AS row_key, unnest(_warnings) AS reason "
                            f"FROM c{job.n} WHERE outcome <> 'rejected' AND len(_warnings) > 0", primary.table.name)
    for note in job.mapping.notes:  # about the file as a whole: on the header line
        warn(ws, batch_id, job, f"SELECT {job.header_lines} AS line_no, {literal(note)} AS reason")


def fill_report(ws: Workspace, job: FileJob, batch_id: int, report: FileReport) -> None:
    """Counts, reasons and the first rejects and notes, read back from the staged tables."""
    counts = dict(ws.con.execute(f"SELECT outcome, count(*) FROM c{job.n} GROUP BY ALL").fetchall())
    csv_errors = ws.scalar(f"SELECT count(*) FROM {job.csv_errors} WHERE NOT blank")
    report.rows_loaded = counts.get("loaded", 0) + counts.get("updated", 0)
    report.rows_updated = counts.get("updated", 0)
    report.rows_flagged = ws.scalar(f"SELECT count(*) FROM c{job.n} WHERE outcome IN ('loaded', 'updated') "
                                    "AND len(_warnings) > 0")
    report.rows_duplicate = counts.get("duplicate", 0)
    report.rows_rejected = counts.get("rejected", 0) + csv_errors
    report.rows_read = report.rows_loaded + report.rows_duplicate + report.rows_rejected
    report.reasons = Counter(dict(ws.con.execute(
        "SELECT reason, count(*) FROM stage_rejects WHERE batch_id = ? GROUP BY ALL ORDER BY 2 DESC, 1",
        [batch_id]).fetchall()))
    report.reason_kinds = reason_kinds(ws, batch_id)
    report.rejects = ws.con.execute(
        f"SELECT line_no, reason FROM stage_rejects WHERE batch_id = ? ORDER BY line_no LIMIT {MAX_KEPT_REJECTS}",
        [batch_id]).fetchall()
    skipped = ws.con.execute(f"SELECT line_no, _skip FROM {job.checked} WHERE _skip <> '' ORDER BY 1 "
                             f"LIMIT {MAX_NOTES}").fetchall()
    warnings = ws.con.execute(f"SELECT line_no, reason FROM stage_warnings WHERE batch_id = ? ORDER BY seq "
                              f"LIMIT {MAX_NOTES}", [batch_id]).fetchall()
    report.notes = [f"line {n}: {why}; not loaded as data" for n, why in skipped]
    report.notes += [f"line {n}: {reason}" for n, reason in warnings]


def reason_kinds(ws: Workspace, batch_id: int) -> list[ReasonKind]:
    """The file's rejects grouped by kind of reason (etl.report.reason_kind_sql), the most frequent first, each
    with its count and first few lines; kinds past MAX_KINDS are tallied together."""
    rows = ws.con.execute(f"""
        WITH kinds AS (SELECT {reason_kind_sql('reason')} AS kind, count(*) AS n,
                              min_by(struct_pack(line := line_no, reason := reason), line_no, {EXAMPLES_PER_KIND})
                              AS examples
                       FROM stage_rejects WHERE batch_id = ? GROUP BY kind),
        ranked AS (SELECT *, row_number() OVER (ORDER BY n DESC, kind) AS rank FROM kinds)
        SELECT kind, n, examples FROM ranked WHERE rank <= {MAX_KINDS}
        UNION ALL
        SELECT 'other kinds of reason (see the rejects table)', sum(n), min_by(examples[1], examples[1].line,
               {EXAMPLES_PER_KIND}) FROM ranked WHERE rank > {MAX_KINDS} HAVING count(*) > 0
        ORDER BY n DESC, kind""", [batch_id]).fetchall()
    return [ReasonKind(kind, int(n), [(e["line"], e["reason"]) for e in examples]) for kind, n, examples in rows]


def drop_file_tables(ws: Workspace, job: FileJob) -> None:
    """What only this file's staging needed (the tables the writer reads stay until the command ends)."""
    ws.drop(job.raw, job.csv_errors, f"off{job.n}", f"unread{job.n}",
            *(lk.alias for lk in (job.src.lookups if job.src else [])))
