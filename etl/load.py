"""The one load path: a file -> DuckDB's reader -> the format's SQL mapping -> validation -> classified
(new, duplicate, revised, rejected) -> staged; then one transaction writes what was staged.

Accounting is per input row: every row read is loaded, reported as a duplicate, or rejected with a
reason in `rejects`. Python orchestrates; the rows stay in DuckDB.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb

from etl.classify import classify, corroborate
from etl.fanout import stage_fanout
from etl.formats import detect_format
from etl.formats.base import Source
from etl.progress import Progress
from etl.reader import InputError, open_text
from etl.report import FileReport
from etl.stage import FileJob, line_offsets, read_file, unique_names
from etl.staged import drop_file_tables, fill_report, stage_derived, stage_rejects_and_warnings
from etl.typed import check_rows
from etl.workspace import Workspace
from etl.writer import apply


def stage_file(ws: Workspace, path: Path, requested: str, scratch: Path, *, progress: bool = False) -> FileReport:
    """Stage one file in `ws`; never raises for bad input (the report says what happened)."""
    report = FileReport(str(path))
    started = time.monotonic()
    try:
        text = open_text(path)
        fmt, detection = detect_format(text.first_row, requested, path)
    except InputError as e:
        report.error = str(e)
        return report
    report.format, report.table = fmt.name, fmt.primary_table
    batch_id = report.batch_id = ws.next_batch_id()
    ws.con.execute("INSERT INTO stage_batches (batch_id, started_at, input_path, input_sha256, format) "
                   "VALUES (?, ?, ?, ?, ?)", [batch_id, datetime.now(), str(path), text.sha256, fmt.name])
    ws.files += 1
    job = FileJob(ws.files, text, fmt, unique_names([c.lower() for c in detection.columns]),
                  list(detection.columns), detection.first_row_is_header)
    meter = Progress(path.name, progress, ws.con)
    try:
        with meter:
            read_file(ws, job, scratch)
        job.src = Source(job.columns, job.originals, path.name, ws.accessed_on,
                         {t: ws.current(t) for t in ("sources", "events", "resolutions", "votes", "visits")})
        job.mapping = fmt.mapping(job.src)
        job.jumps = line_offsets(ws, job)
        check_rows(ws, job)
        classify(ws, job, batch_id)
        stage_derived(ws, job, batch_id)
        corroborate(ws, job, batch_id)
        spread = stage_fanout(ws, job, batch_id)
        stage_rejects_and_warnings(ws, job, batch_id)
        fill_report(ws, job, batch_id, report)
        report.revises = job.revises
        if job.mapping.fanout:
            report.notes.insert(0, f"{spread:,} new {job.mapping.fanout[0].table} rows from the lines' cells")
    except InputError as e:
        report.error = str(e)
    finally:
        drop_file_tables(ws, job)
    report.seconds = time.monotonic() - started
    meter.finish(report.rows_read, report.seconds)
    ws.con.execute("""UPDATE stage_batches SET finished_at = ?, rows_read = ?, rows_loaded = ?, rows_duplicate = ?,
        rows_rejected = ?, rows_updated = ? WHERE batch_id = ?""",
                   [datetime.now(), report.rows_read, report.rows_loaded, report.rows_duplicate,
                    report.rows_rejected, report.rows_updated, batch_id])
    return report


def load_file(con: duckdb.DuckDBPyConnection, path: Path, format_name: str = "auto", *, progress: bool = True
              ) -> FileReport:
    """Load one file into the database `con` holds open for writing, as one data version (in-process use:
    tests, benchmarks). The command line stages in a scratch database instead (etl/session.py)."""
    live = con.execute("SELECT current_database()").fetchone()[0]
    ws = Workspace(con, live, temp=True)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            report = stage_file(ws, Path(path), format_name, Path(scratch), progress=progress)
        apply(ws, "load", [report])
    finally:
        ws.close()
    return report
