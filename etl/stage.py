"""DuckDB reads one file: every field as text, each record with its position and, where needed, its line.

`read_file` makes `raw<n>` (`rec` = the record's position) and `csverr<n>` (lines DuckDB's reader could
not split into the header's fields, with their line number and raw text); `line_offsets` makes
`off<n>`, where line numbers jump. The raw text of a record is rebuilt (`raw_record`) only for rejects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.formats.base import Format, Mapping, Source
from etl.reader import InputError, TextFile, blank_lines, utf8_copy
from etl.sql import EDGE_CONTROLS, ident, literal, literal_list
from etl.workspace import Workspace, shown_bytes

MAX_LINE_BYTES = 1 << 23  # a record may hold long free text (UCDP source articles: a few KB)
# DuckDB sizes its read buffer from max_line_size (16×: 128 MiB a thread, over the load's memory_limit on a file
# larger than one buffer); two lines' worth is all a record needs.
READ_BUFFER_BYTES = 2 * MAX_LINE_BYTES


@dataclass
class FileJob:
    """One input file through the stages; `n` names its work tables."""

    n: int
    text: TextFile
    fmt: Format
    columns: list[str]  # lower-case, unique
    originals: list[str]
    header: bool
    src: Source | None = None
    mapping: Mapping | None = None
    jumps: bool = False  # line numbers jump (see line_offsets)
    revises: set[str] = field(default_factory=set)  # tables whose stored rows this file's merged rows replace

    @property
    def raw(self) -> str:
        return f"raw{self.n}"

    @property
    def csv_errors(self) -> str:
        return f"csverr{self.n}"

    @property
    def checked(self) -> str:
        return f"b{self.n}"

    @property
    def header_lines(self) -> int:
        return 1 if self.header else 0


def unique_names(names: list[str]) -> list[str]:
    """The header's names as SQL column names: a blank one named by its position ('column_3': SQL has no
    empty identifier), a repeated one numbered ('notes_2')."""
    seen: dict[str, int] = {}
    out = []
    for position, name in enumerate(names, 1):
        name = name if name.strip() else f"column_{position}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def read_file(ws: Workspace, job: FileJob, scratch: Path) -> None:
    """DuckDB reads the file: every field as text; malformed lines go to `csverr<n>` with their line."""
    path = job.text.path
    if job.text.encoding not in ("utf-8", "utf-8-sig"):
        path = utf8_copy(job.text, scratch / f"utf8-{job.n}.csv")
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(job.columns))) + "}"
    delim = literal(job.text.delimiter)
    # A record's position is its rowid: the one statement whose output order must follow the file.
    ordered = ws.scalar("SELECT current_setting('preserve_insertion_order')")
    ws.con.execute("SET preserve_insertion_order = true")
    limit = ws.scalar("SELECT current_setting('memory_limit')")
    raised = shown_bytes(limit) < ws.read_memory
    if raised:  # the read alone (etl/session.py READ_MEMORY_FLOOR); the command's own limit again after it
        ws.con.execute(f"SET memory_limit = '{ws.read_memory}B'")
    try:
        ws.create(job.raw, f"""SELECT * FROM read_csv({literal(str(path))}, header={str(job.header).lower()},
        columns={columns}, delim={delim}, quote='"', escape='"', auto_detect=false, strict_mode=true,
        store_rejects=true, rejects_table='{job.csv_errors}_e', rejects_scan='{job.csv_errors}_s',
        max_line_size={MAX_LINE_BYTES}, buffer_size={READ_BUFFER_BYTES})""")
    except duckdb.OutOfMemoryException:
        raise  # the machine's limit, not the file's shape: etl.cli says what to do
    except duckdb.Error as e:
        first = str(e).strip().splitlines()[0]
        raise InputError(f"{job.text.path}: DuckDB could not read it as a table ({first}). "
                         "Check that it is a delimited text export.") from None
    finally:
        ws.con.execute(f"SET preserve_insertion_order = {str(ordered).lower()}")
        if raised:
            ws.con.execute(f"SET memory_limit = '{limit}'")
    # A line of white space is a blank line (not a reject), but its line is still counted (line_offsets).
    ws.create(job.csv_errors, f"""SELECT line, ltrim(csv_line, chr(10) || chr(13)) AS raw_record,
        strip_space(csv_line) = '' AS blank,
        CASE WHEN error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS')
             THEN 'has ' || regexp_extract(error_message, 'Found: (\\d+)', 1) || ' fields but the header has '
                  || {len(job.columns)} || ': look for a stray delimiter or an unclosed quote'
             ELSE 'the CSV structure is broken here (' || lower(error_type) || '): check for an unclosed quote '
                  || 'or a stray character near this line' END AS reason
        FROM {job.csv_errors}_e
        QUALIFY row_number() OVER (PARTITION BY line ORDER BY column_idx, byte_position) = 1""")
    # One reject a line: DuckDB reports a short line once per missing column ('Found: 3', 'Found: 4' …), and
    # the first of them says how many fields the line has.
    ws.drop(f"{job.csv_errors}_e", f"{job.csv_errors}_s")


def input_relation(job: FileJob) -> str:
    """The raw table with the file's own column names, and the record's position as `rec`."""
    cols = ", ".join(f"c{i} AS {ident(name)}" for i, name in enumerate(job.columns))
    return f"(SELECT rowid AS rec, {cols} FROM {job.raw})"


def skip_reason(job: FileJob) -> str:
    """Why a line is no data (reported as a note, not counted), or NULL: a data row (macro `skip_kind`)."""
    first = f"trim(i.{ident(job.columns[0])})"
    controls = "(" + ", ".join(map(str, EDGE_CONTROLS)) + ")"
    # The cheap test every row passes: a first cell that is blank, the header's or a tag, or that starts or ends
    # with white space trim() keeps (tabs, line breaks: EDGE_CONTROLS), sends the line to skip_kind, which looks at
    # all its cells.
    return (f"CASE WHEN lower(coalesce({first}, '')) NOT IN ('', {literal(job.columns[0])}) AND NOT "
            f"starts_with({first}, '#') AND ascii({first}) NOT IN {controls} "
            f"AND ascii({first}[-1]) NOT IN {controls} THEN NULL "
            f"ELSE skip_kind({cell_list(job)}, {literal_list(job.columns)}) END")


def cell_list(job: FileJob) -> str:
    """The record's cells as one SQL list, for lambdas: the query names each cell once, however many checks."""
    return "[" + ", ".join(f"i.{ident(c)}" for c in job.columns) + "]"


def line_offsets(ws: Workspace, job: FileJob) -> bool:
    """Create `off<n>`: where line numbers jump past a record's position (line breaks inside quoted fields, lines
    DuckDB could not read, empty lines it skipped); False when they never do (most files: line = header + 1 +
    position). Also `unread<n>`: each unread line (DuckDB's number, `line`) and the records before it (`pos`)."""
    records, unread = (ws.scalar(f"SELECT count(*) FROM {t}") for t in (job.raw, job.csv_errors))
    if not unread and job.text.lines == job.header_lines + records:
        _unread_lines(ws, job, [])
        # as many lines as records: none spans two lines, so no cell needs searching for line breaks (a scan of
        # every cell: 0.9 of the UN wide file's 10 CPU s, its 270 columns)
        ws.create(f"off{job.n}", "SELECT NULL::BIGINT AS pos, NULL::HUGEINT AS cum, NULL::HUGEINT AS cum_breaks "
                                 "WHERE false")
        return False
    cells = [f"i.{ident(c)}" for c in job.columns]
    any_break = " OR ".join(f"contains({c}, chr(10))" for c in cells)
    count = " + ".join(f"coalesce(strlen({c}) - strlen(replace({c}, chr(10), '')), 0)" for c in cells)
    ws.create(f"breaks{job.n}", f"SELECT i.rec + 1 AS pos, {count} AS breaks FROM {input_relation(job)} i "
                                f"WHERE {any_break}")
    # Every line is the header, a record or one of its line breaks, an unread line or its breaks, or empty. When
    # they do not add up, the empty lines DuckDB skipped are found (a pass in Python) and numbered too.
    counted = job.header_lines + records + unread + ws.scalar(
        f"SELECT (SELECT coalesce(sum(breaks), 0) FROM breaks{job.n}) + (SELECT coalesce(sum(strlen(raw_record) - "
        f"strlen(replace(raw_record, chr(10), ''))), 0) FROM {job.csv_errors})")
    missing = job.text.empty_lines and counted + job.text.trailing_empty_lines < job.text.lines
    _unread_lines(ws, job, blank_lines(job.text) if missing else [])
    ws.create(f"off{job.n}", f"""
        SELECT pos, sum(delta) OVER (ORDER BY pos) AS cum, sum(breaks) OVER (ORDER BY pos) AS cum_breaks FROM (
            SELECT pos, breaks AS delta, breaks FROM breaks{job.n}
            UNION ALL
            SELECT pos, 1, 0 FROM unread{job.n})""")
    ws.drop(f"breaks{job.n}")
    return ws.scalar(f"SELECT count(*) FROM off{job.n}") > 0


def _unread_lines(ws: Workspace, job: FileJob, blank: list[int]) -> None:
    """Create `unread<n>`: each line DuckDB could not read, and each empty line it skipped (`blank`), by its line
    number as DuckDB counts (a record spanning lines is one), with the records before it (`pos`): as many as the
    lines before it, less the header and the unread lines before it."""
    ws.con.execute(f"""CREATE OR REPLACE TEMP TABLE unread{job.n} AS
        SELECT line, line - 1 - {job.header_lines} - (row_number() OVER (ORDER BY line) - 1) AS pos FROM (
            SELECT line FROM {job.csv_errors} UNION ALL SELECT unnest(?::BIGINT[]))""", [blank])


def raw_record(job: FileJob) -> str:
    """The record as a line of the file again (fields quoted where needed), for the rejects table."""
    d = job.text.delimiter
    pattern = literal("[" + ("\\t" if d == "\t" else d) + '"\r\n]')
    quoted = (f"CASE WHEN c IS NULL THEN '' WHEN regexp_matches(c, {pattern}) THEN "
              f"'\"' || replace(c, '\"', '\"\"') || '\"' ELSE c END")
    return f"array_to_string(list_transform({cell_list(job)}, lambda c: {quoted}), {literal(d)})"
