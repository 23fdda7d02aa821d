"""The one load path: rows -> records -> validated -> classified (new, duplicate, changed) -> tables.

Accounting is per input row: every row read is loaded, reported as a duplicate, or rejected with a
reason in `rejects`. All writes go to a private snapshot of the database that replaces the real file
only when every file has been loaded (see monitor.store).
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from etl.enrich import add_coordinates
from etl.formats import detect_format
from etl.formats.base import Format, Reject
from etl.reader import InputError, TextFile, iter_rows, open_text, raw_line
from etl.validate import clean
from monitor.schema import TABLES, Table

FLUSH_ROWS = 20_000
REFERENCED = {"sources": "source_id", "resolutions": "resolution_id"}
ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
}


@dataclass
class FileReport:
    """What happened to one input file."""

    path: str
    format: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_duplicate: int = 0
    rows_rejected: int = 0
    rows_updated: int = 0
    reasons: Counter = field(default_factory=Counter)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # the first few, for the terminal
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # the file could not be read at all
    seconds: float = 0.0

    def reject(self, line_no: int, reason: str) -> None:
        self.rows_rejected += 1
        self.reasons[reason] += 1
        if len(self.rejects) < 1000:
            self.rejects.append((line_no, reason))

    @property
    def exit_code(self) -> int:
        return 2 if self.error else (1 if self.rows_rejected else 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_duplicate": self.rows_duplicate,
            "rows_rejected": self.rows_rejected,
            "rows_updated": self.rows_updated,
            "reasons": dict(self.reasons),
            "rejects": [{"line": n, "reason": r} for n, r in self.rejects[:100]],
            "notes": self.notes,
            "error": self.error,
        }


CONTENT_COLUMNS = {
    name: tuple(c for c in table.column_names if c not in ("batch_id", "row_hash")) for name, table in TABLES.items()
}


def row_hash(table: Table, values: dict[str, Any], ignore: tuple[str, ...] = ()) -> str:
    """A stable fingerprint of a record's content (not of its provenance). A format may `ignore` columns
    that name the export file rather than the fact, so a newer export of an unchanged row is a duplicate."""
    columns = CONTENT_COLUMNS[table.name]
    content = tuple([values.get(c) for c in columns if c not in ignore] if ignore else [values.get(c) for c in columns])
    return hashlib.blake2b(repr(content).encode(), digest_size=12).hexdigest()


def insert_sql(table: str, relation: str, *, replace: bool = False) -> str:
    """INSERT naming every column: a migrated database may hold them in another order."""
    cols = ", ".join(TABLES[table].column_names)
    return f"INSERT {'OR REPLACE ' if replace else ''}INTO {table} ({cols}) SELECT {cols} FROM {relation}"


def _arrow(table: Table, rows: list[dict[str, Any]]) -> pa.Table:
    schema = pa.schema([(c.name, ARROW_TYPES[c.type]) for c in table.columns])
    return pa.Table.from_pylist(rows, schema=schema)


def _key_match(table: Table, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in table.key)


class LoadContext:
    """The parser's view of the database being loaded (etl.formats.base.Context)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, batch_id: int, input_name: str) -> None:
        self.con = con
        self.batch_id = batch_id
        self.input_name = input_name
        self.accessed_on = date.today()
        self.extras: dict[str, Any] = {}
        self.line_no = 0
        self.warnings: list[tuple[int, str]] = []
        # Ids other rows refer to, from the database and from this load so far.
        self._known = {
            table: {r[0] for r in con.execute(f"SELECT {key} FROM {table}").fetchall()}
            for table, key in REFERENCED.items()
        }
        self._sources = self._known["sources"]
        # Ids that the row being parsed derives (e.g. the resolution named on a vote line), so its
        # primary record may cite them before they are written.
        self.provisional: set[tuple[str, Any]] = set()
        self._new_sources: list[dict[str, Any]] = []

    def source_exists(self, source_id: str) -> bool:
        return source_id in self._sources

    def resolution_exists(self, resolution_id: str) -> bool:
        return resolution_id in self._known["resolutions"] or ("resolutions", resolution_id) in self.provisional

    def remember(self, table: str, values: dict[str, Any]) -> None:
        if table in REFERENCED:
            self._known[table].add(values[REFERENCED[table]])

    def ensure_source(self, source_id: str, **values: Any) -> None:
        """Register the source a whole export cites (e.g. the ACLED file itself), once."""
        if source_id in self._sources:
            return
        record = clean("sources", {"source_id": source_id, **values})
        record["batch_id"] = self.batch_id
        record["row_hash"] = row_hash(TABLES["sources"], record)
        self._new_sources.append(record)  # written in bulk (one source per GDELT article adds thousands)
        self._sources.add(source_id)

    def flush_sources(self) -> None:
        if self._new_sources:
            self.con.register("_source", _arrow(TABLES["sources"], self._new_sources))
            self.con.execute(insert_sql("sources", "_source"))
            self.con.unregister("_source")
            self._new_sources = []

    def lookup(self, sql: str, params: list[Any]) -> list[tuple]:
        return self.con.execute(sql, params).fetchall()

    def warn(self, message: str) -> None:
        self.warnings.append((self.line_no, message))


class TableWriter:
    """Buffers validated records of one table and writes them in bulk, classifying each against the
    rows already there."""

    def __init__(self, con: duckdb.DuckDBPyConnection, table: Table, batch_id: int, on_changed: str):
        self.con, self.table, self.batch_id, self.on_changed = con, table, batch_id, on_changed
        self.pending: list[tuple[int, dict[str, Any]]] = []

    def add(self, line_no: int, values: dict[str, Any], content_hash: str | None = None) -> None:
        values["batch_id"] = self.batch_id
        values["row_hash"] = content_hash or row_hash(self.table, values)
        self.pending.append((line_no, values))

    def flush(self) -> list[tuple[int, str, str | None]]:
        """Write what is pending; return (line_no, outcome, reason) with outcome in
        loaded / updated / duplicate / rejected."""
        if not self.pending:
            return []
        t = self.table
        keys = [{"line_no": n, "row_hash": v["row_hash"], **{k: v[k] for k in t.key}} for n, v in self.pending]
        key_schema = pa.schema(
            [("line_no", pa.int64()), ("row_hash", pa.string())]
            + [(k, ARROW_TYPES[t.column(k).type]) for k in t.key]
        )
        self.con.register("_keys", pa.Table.from_pylist(keys, schema=key_schema))
        existing = dict(
            self.con.execute(
                f"SELECT s.line_no, t.row_hash || '|' || coalesce(CAST(t.batch_id AS VARCHAR), '?') "
                f"FROM _keys s JOIN {t.name} t ON {_key_match(t, 's', 't')}"
            ).fetchall()
        )
        self.con.unregister("_keys")
        inserts, updates, outcomes = [], [], []
        for line_no, values in self.pending:
            found = existing.get(line_no)
            if found is None:
                inserts.append(values)
                outcomes.append((line_no, "loaded", None))
                continue
            old_hash, old_batch = found.split("|")
            if old_hash == values["row_hash"]:
                outcomes.append((line_no, "duplicate", None))
            elif self.on_changed == "update":
                updates.append(values)
                outcomes.append((line_no, "updated", None))
            else:
                key = ", ".join(str(values[k]) for k in t.key)
                outcomes.append((line_no, "rejected",
                                 f"{'/'.join(t.key)} {key!r} is already loaded with different content "
                                 f"(batch {old_batch}): give a new fact its own id, or correct this row"))
        if updates:
            self.con.register("_updates", _arrow(t, updates))
            self.con.execute(f"DELETE FROM {t.name} t WHERE EXISTS "
                             f"(SELECT 1 FROM _updates u WHERE {_key_match(t, 'u', 't')})")
            self.con.unregister("_updates")
        if inserts or updates:
            self.con.register("_rows", _arrow(t, inserts + updates))
            self.con.execute(insert_sql(t.name, "_rows"))
            self.con.unregister("_rows")
        self.pending = []
        return outcomes


class Progress:
    """A single updating line on a terminal; silent otherwise."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label, self.enabled = label, enabled and sys.stderr.isatty()
        self.start = self.last = time.monotonic()

    def tick(self, rows: int) -> None:
        now = time.monotonic()
        if self.enabled and now - self.last > 0.5:
            self.last = now
            rate = rows / max(now - self.start, 1e-9)
            print(f"\r{self.label}: {rows:,} rows ({rate:,.0f} rows/s)", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.enabled and self.last != self.start:
            print(file=sys.stderr)


def _next_batch_id(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchone()[0])


def _primary_key(table: Table, values: dict[str, Any]) -> tuple:
    return tuple(values[k] for k in table.key)


def _check_vote_totals(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[tuple[str, str, int, int]]:
    """(resolution, vote, listed, official) where this batch made a roll call exceed official totals."""
    return con.execute(
        """
        WITH touched AS (SELECT DISTINCT resolution_id FROM votes WHERE batch_id = ?),
        counts AS (
            SELECT resolution_id, vote, count(*) AS listed FROM votes
            WHERE resolution_id IN (SELECT resolution_id FROM touched) GROUP BY ALL)
        SELECT c.resolution_id, c.vote, c.listed,
               CASE c.vote WHEN 'Y' THEN r.yes WHEN 'N' THEN r.no WHEN 'A' THEN r.abstain
                           ELSE r.non_voting END AS official
        FROM counts c JOIN resolutions r USING (resolution_id)
        WHERE official IS NOT NULL AND c.listed > official
        ORDER BY ALL
        """,
        [batch_id],
    ).fetchall()


VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non-voting"}


def load_file(
    con: duckdb.DuckDBPyConnection, path: Path, format_name: str = "auto", *, progress: bool = True
) -> FileReport:
    """Load one file into the open snapshot; never raises for bad input (the report says what happened)."""
    report = FileReport(str(path))
    started = time.monotonic()
    try:
        text = open_text(path)
        rows = iter_rows(text)
        first = next(rows, None)
        if first is None:
            raise InputError(f"{path}: the file has no rows. Nothing to load.")
        fmt, detection = detect_format(first[1], format_name, path)
    except InputError as e:
        report.error = str(e)
        return report
    report.format = fmt.name
    batch_id = _next_batch_id(con)
    con.execute(
        "INSERT INTO batches (batch_id, started_at, input_path, input_sha256, format) VALUES (?, ?, ?, ?, ?)",
        [batch_id, datetime.now(), str(path), text.sha256, fmt.name],
    )
    try:
        _load_rows(con, fmt, detection.columns, first if not detection.first_row_is_header else None,
                   rows, text, batch_id, report, progress)
    except InputError as e:
        report.error = str(e)
    report.seconds = time.monotonic() - started
    con.execute(
        """UPDATE batches SET finished_at = ?, rows_read = ?, rows_loaded = ?, rows_duplicate = ?,
           rows_rejected = ?, rows_updated = ? WHERE batch_id = ?""",
        [datetime.now(), report.rows_read, report.rows_loaded, report.rows_duplicate,
         report.rows_rejected, report.rows_updated, batch_id],
    )
    return report


def _load_rows(
    con: duckdb.DuckDBPyConnection,
    fmt: Format,
    columns: list[str],
    first_data_row: tuple[int, list[str]] | None,
    rows,
    text: TextFile,
    batch_id: int,
    report: FileReport,
    progress: bool,
) -> None:
    ctx = LoadContext(con, batch_id, text.path.name)
    primary = TABLES[fmt.primary_table]
    writers: dict[str, TableWriter] = {}
    seen: dict[tuple, tuple[str, int]] = {}  # primary key -> (hash, line) within this file
    seen_secondary: dict[tuple[str, tuple], str] = {}
    rejects: list[tuple[int, str, str]] = []
    raw_by_line: dict[int, str] = {}
    meter = Progress(text.path.name, progress)
    header = [c.lower() for c in columns]
    ignore: tuple[str, ...] = getattr(fmt, "hash_ignores", ())

    def writer(table: str) -> TableWriter:
        if table not in writers:
            writers[table] = TableWriter(con, TABLES[table], batch_id, fmt.on_changed)
        return writers[table]

    def flush() -> None:
        ctx.flush_sources()
        for name, w in writers.items():
            if name == primary.name:
                continue
            for line_no, outcome, _ in w.flush():
                if outcome == "rejected":  # derived rows conflicting: keep the first, say so
                    ctx.warnings.append((line_no, f"{name}: a row with this key already exists with "
                                                  f"different content; kept the existing one"))
        for line_no, outcome, reason in writer(primary.name).flush():
            raw = raw_by_line.pop(line_no, "")
            if outcome == "loaded":
                report.rows_loaded += 1
            elif outcome == "updated":
                report.rows_loaded += 1
                report.rows_updated += 1
            elif outcome == "duplicate":
                report.rows_duplicate += 1
            else:
                report.reject(line_no, reason)
                rejects.append((line_no, raw, reason))
        raw_by_line.clear()
        if rejects:
            _write_rejects(con, batch_id, text.path, rejects)
            rejects.clear()

    def handle(line_no: int, fields: list[str]) -> None:
        ctx.line_no = line_no
        if skip := _non_data_row(fields, header, fmt):
            report.notes.append(f"line {line_no}: {skip}; not loaded as data")
            return
        report.rows_read += 1
        raw = raw_line(fields, text.delimiter)
        try:
            if len(fields) != len(columns):
                raise Reject(
                    f"has {len(fields)} fields but the header has {len(columns)}: "
                    "look for a stray delimiter or an unclosed quote"
                )
            records = fmt.parse(dict(zip(columns, fields, strict=True)), ctx)
            # Derived records first: the primary record may cite them (a vote line its resolution).
            derived = [(r.table, add_coordinates(r.table, clean(r.table, r.values, ctx))) for r in records[1:]]
            ctx.provisional = {(t, v[REFERENCED[t]]) for t, v in derived if t in REFERENCED}
            head = records[0]
            cleaned = [(head.table, add_coordinates(head.table, clean(head.table, head.values, ctx))), *derived]
        except Reject as e:
            report.reject(line_no, str(e))
            rejects.append((line_no, raw, str(e)))
            return
        (table, values), derived = cleaned[0], cleaned[1:]
        key = _primary_key(primary, values)
        h = row_hash(primary, values, ignore)
        if key in seen:
            first_hash, first_line = seen[key]
            if first_hash == h:
                report.rows_duplicate += 1
            else:
                reason = (f"duplicate {'/'.join(primary.key)} {', '.join(map(str, key))!r} with different "
                          f"content from line {first_line}: give each fact its own id")
                report.reject(line_no, reason)
                rejects.append((line_no, raw, reason))
            return
        seen[key] = (h, line_no)
        for dtable, dvalues in derived:
            dkey = (dtable, _primary_key(TABLES[dtable], dvalues))
            dhash = row_hash(TABLES[dtable], dvalues, ignore)
            if dkey not in seen_secondary:
                seen_secondary[dkey] = dhash
                writer(dtable).add(line_no, dvalues, dhash)
                ctx.remember(dtable, dvalues)
            elif seen_secondary[dkey] != dhash:
                ctx.warn(f"{dtable} {dkey[1]}: this line disagrees with an earlier line; kept the first")
        raw_by_line[line_no] = raw
        writer(table).add(line_no, values, h)
        ctx.remember(table, values)
        if len(writer(table).pending) >= FLUSH_ROWS:
            flush()

    if first_data_row is not None:
        handle(*first_data_row)
    for line_no, fields in rows:
        handle(line_no, fields)
        meter.tick(report.rows_read)
    flush()
    meter.done()
    if primary.name == "votes":
        _reject_votes_over_totals(con, batch_id, text.path, seen, report)
    _write_warnings(con, batch_id, text.path, ctx.warnings)
    report.notes += [f"line {n}: {m}" for n, m in ctx.warnings[:50]]


def _non_data_row(fields: list[str], header: list[str], fmt: Format) -> str | None:
    first = fields[0].strip()
    if first and not first.startswith("#") and first.lower() != header[0]:
        return fmt.skip_row(fields)  # the common case: a data row
    cells = [f.strip() for f in fields]
    if [c.lower() for c in cells] == header:
        return "the header repeated"
    if all(c.startswith("#") for c in cells if c) and any(cells):
        return "a row of HXL tags (#event+date …)"
    return fmt.skip_row(fields)


def _reject_votes_over_totals(con, batch_id, path, seen, report) -> None:
    """A roll call may be partial, but never longer than the official totals: reject what overflows."""
    for resolution, vote, listed, official in _check_vote_totals(con, batch_id):
        in_batch = con.execute(
            "SELECT country_iso3 FROM votes WHERE batch_id = ? AND resolution_id = ? AND vote = ?",
            [batch_id, resolution, vote],
        ).fetchall()
        countries = {c for (c,) in in_batch}
        lines = sorted(line for key, (_, line) in seen.items() if key[0] == resolution and key[1] in countries)
        reason = (f"resolution {resolution}: the roll call lists {listed} {VOTE_WORDS[vote]!r} votes but the "
                  f"official total is {official}; check the roll call and the totals "
                  f"(every {VOTE_WORDS[vote]!r} line of this file for it is rejected)")
        con.execute("DELETE FROM votes WHERE batch_id = ? AND resolution_id = ? AND vote = ?",
                    [batch_id, resolution, vote])
        for line in lines:
            report.rows_loaded -= 1
            report.reject(line, reason)
        _write_rejects(con, batch_id, path, [(line, "", reason) for line in lines])


def _write_rejects(con, batch_id: int, path: Path, rejects: list[tuple[int, str, str]]) -> None:
    rows = [{"batch_id": batch_id, "line_no": n, "input_path": str(path), "raw_record": raw, "reason": reason}
            for n, raw, reason in rejects]
    con.register("_rejects", _arrow(TABLES["rejects"], rows))
    con.execute(insert_sql("rejects", "_rejects", replace=True))
    con.unregister("_rejects")


def _write_warnings(con, batch_id: int, path: Path, warnings: list[tuple[int, str]]) -> None:
    if not warnings:
        return
    rows = [{"batch_id": batch_id, "seq": i, "line_no": n, "input_path": str(path), "message": m}
            for i, (n, m) in enumerate(warnings, 1)]
    con.register("_warnings", _arrow(TABLES["warnings"], rows))
    con.execute(insert_sql("warnings", "_warnings"))
    con.unregister("_warnings")
