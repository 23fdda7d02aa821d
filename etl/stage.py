"""One file into typed, checked rows, in SQL: DuckDB reads it, the format maps it, validation types it.

`read_file` makes `raw<n>` (every field as text, `rec` = the record's position) and `csverr<n>` (lines
DuckDB's reader could not split into the header's fields, with their line number and raw text).
`map_and_check` makes `v<n>`: for each record, the typed values of its primary record and of the
records it derives, the reject reason of the first rule it breaks (NULL when it is valid), the
warnings it earns and the line breaks inside its fields (for line numbers). Lines that are no data
(a repeated header, HXL tags) are marked `_skip` and reported as notes. The raw text of a record is
rebuilt only for rejects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.formats.base import Format, Lookup, Mapping, Source
from etl.lookups import key_match, materialise
from etl.reader import InputError, TextFile, utf8_copy
from etl.sql import ident, literal
from etl.validate import Typed, notes_with_url, table_rules, typed_column, url_warning, web_url
from etl.workspace import Workspace
from monitor.countries import to_iso3
from monitor.schema import TABLES

MAX_LINE_BYTES = 1 << 25  # a record may hold long free text (UCDP source articles)


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
    records: list[tuple[str, Mapping | object]] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return f"raw{self.n}"

    @property
    def csv_errors(self) -> str:
        return f"csverr{self.n}"

    @property
    def checked(self) -> str:
        return f"v{self.n}"

    @property
    def header_lines(self) -> int:
        return 1 if self.header else 0


def unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
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
    try:
            ws.create(job.raw, f"""SELECT * FROM read_csv({literal(str(path))}, header={str(job.header).lower()},
        columns={columns}, delim={delim}, quote='"', escape='"', auto_detect=false, strict_mode=true,
        store_rejects=true, rejects_table='{job.csv_errors}_e', rejects_scan='{job.csv_errors}_s',
        max_line_size={MAX_LINE_BYTES})""")
    except duckdb.Error as e:
        first = str(e).strip().splitlines()[0]
        raise InputError(f"{job.text.path}: DuckDB could not read it as a table ({first}). "
                         "Check that it is a delimited text export.") from None
    ws.create(job.csv_errors, f"""SELECT line, ltrim(csv_line, chr(10) || chr(13)) AS raw_record,
        CASE WHEN error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS')
             THEN 'has ' || regexp_extract(error_message, 'Found: (\\d+)', 1) || ' fields but the header has '
                  || {len(job.columns)} || ': look for a stray delimiter or an unclosed quote'
             ELSE 'the CSV structure is broken here (' || lower(error_type) || '): check for an unclosed quote '
                  || 'or a stray character near this line' END AS reason
        FROM {job.csv_errors}_e""")
    ws.drop(f"{job.csv_errors}_e", f"{job.csv_errors}_s")


def input_relation(job: FileJob) -> str:
    """The raw table with the file's own column names, and the record's position as `rec`."""
    cols = ", ".join(f"c{i} AS {ident(name)}" for i, name in enumerate(job.columns))
    return f"(SELECT rowid AS rec, {cols} FROM {job.raw})"


def _joins(lookups: list[Lookup]) -> str:
    return " ".join(f"LEFT JOIN {lk.alias} ON {key_match(lk.alias, lk.exprs)}" for lk in lookups)


def _country_lookups(src: Source, table: str, columns: dict[str, str]) -> dict[str, str]:
    """For each ISO-3 column a format gives as text, the lookup that resolves it (by distinct value)."""
    given = {lk.value for lk in src.lookups}
    found = {}
    for name, expr in columns.items():
        if name.endswith("_iso3") and name in TABLES[table].column_names:
            found[name] = expr if expr in given else src.lookup(to_iso3, f"val(CAST(({expr}) AS VARCHAR))").value
    return found


def _skip(job: FileJob) -> str:
    """Why a line is no data (reported as a note, not counted), or NULL: a data row."""
    cells = [f"i.{ident(c)}" for c in job.columns]
    blank = " AND ".join(f"coalesce(trim({c}), '') = ''" for c in cells)
    header = " AND ".join(f"lower(trim(coalesce({c}, ''))) = {literal(h)}"
                          for c, h in zip(cells, job.columns, strict=True))
    hxl = " AND ".join(f"(coalesce(trim({c}), '') = '' OR starts_with(trim({c}), '#'))" for c in cells)
    first = cells[0]
    return (f"CASE WHEN lower(coalesce(trim({first}), '')) NOT IN ('', {literal(job.columns[0])}) AND NOT "
            f"starts_with(trim({first}), '#') THEN NULL WHEN {blank} THEN '' "
            f"WHEN {header} THEN 'the header repeated' WHEN {hxl} THEN 'a row of HXL tags (#event+date …)' END")


def _newlines(job: FileJob) -> str:
    """Line breaks inside the record's quoted fields (so later records' line numbers stay right)."""
    cells = [f"i.{ident(c)}" for c in job.columns]
    any_break = " OR ".join(f"contains({c}, chr(10))" for c in cells)
    count = " + ".join(f"coalesce(strlen({c}) - strlen(replace({c}, chr(10), '')), 0)" for c in cells)
    return f"CASE WHEN {any_break} THEN {count} ELSE 0 END"


def raw_record(job: FileJob) -> str:
    """The record as a line of the file again (fields quoted where needed), for the rejects table."""
    d = job.text.delimiter
    pattern = literal("[" + ("\\t" if d == "\t" else d) + '"\r\n]')
    cells = [f"CASE WHEN i.{ident(c)} IS NULL THEN '' WHEN regexp_matches(i.{ident(c)}, {pattern}) THEN "
             f"'\"' || replace(i.{ident(c)}, '\"', '\"\"') || '\"' ELSE i.{ident(c)} END" for c in job.columns]
    return f"concat_ws({literal(d)}, {', '.join(cells)})"


def _typed_record(table: str, prefix: str, columns: dict[str, str], countries: set[str]
                  ) -> tuple[dict[str, Typed], list[str]]:
    """Typed values of one record (keyed by column) over the text level `x`, and the warnings it earns."""
    typed: dict[str, Typed] = {}
    for col in TABLES[table].columns:
        if col.name not in TABLES[table].content_columns:
            continue
        if col.name in columns:
            t, raw = f"x.{ident(prefix + col.name + '#t')}", f"x.{ident(prefix + col.name + '#r')}"
        else:
            t = raw = "CAST(NULL AS VARCHAR)"
        country = f"x.{ident(prefix + col.name + '@iso3')}" if col.name in countries else None
        typed[col.name] = typed_column(table, col, t, raw, country)
    warnings = []
    if table == "sources":  # a link is kept as a link only when it is a web URL (else as text, with a warning)
        url, name = typed["url"].value, typed["source_id"].value
        warnings.append(url_warning(url, name))
        typed["notes"] = Typed(notes_with_url(typed["notes"].value, url), typed["notes"].reasons)
        typed["url"] = Typed(web_url(url), typed["url"].reasons)
    return typed, warnings


def map_and_check(ws: Workspace, job: FileJob) -> None:
    """Create `v<n>`: the file's records mapped, typed and checked (see the module docstring)."""
    src, mapping = job.src, job.mapping
    assert src is not None and mapping is not None
    records = [("p.", mapping.table, mapping.columns)] + [
        (f"d{i}.", d.table, d.columns) for i, d in enumerate(mapping.derived)]
    mapped = [f"{expr} AS {ident(prefix + col)}" for prefix, _, cols in records for col, expr in cols.items()]
    countries: dict[str, set[str]] = {}
    for prefix, table, cols in records:
        found = _country_lookups(src, table, cols)
        countries[prefix] = set(found)
        mapped += [f"{value} AS {ident(prefix + col + '@iso3')}" for col, value in found.items()]
    rules = [f"{rule.sql} AS {ident('_rule:' + rule.name)}" for rule in mapping.rules]
    warns = [f"{w} AS _fw{i}" for i, w in enumerate(mapping.warnings)]
    relation = f"{input_relation(job)} i"
    for i, lk in enumerate(src.lookups):
        materialise(ws.con, lk, f"{relation} {_joins(src.lookups[:i])}", temp=ws.temp)
    level_m = (f"SELECT i.rec, {_skip(job)} AS _skip, {_newlines(job)} AS _nl, "
               f"{', '.join(rules + warns + mapped)} FROM {relation} {_joins(src.lookups)}")

    carried = ["rec", "_skip", "_nl"] + [ident("_rule:" + r.name) for r in mapping.rules]
    carried += [f"_fw{i}" for i in range(len(mapping.warnings))]
    texts = [f"{ident(p + c + '@iso3')}" for p, _, cols in records for c in countries[p]]
    for prefix, _, cols in records:
        for c in cols:
            raw = f"CAST(m.{ident(prefix + c)} AS VARCHAR)"
            texts += [f"{raw} AS {ident(prefix + c + '#r')}", f"val({raw}) AS {ident(prefix + c + '#t')}"]
    level_x = f"SELECT {', '.join(carried + texts)} FROM ({level_m}) m"
    carried = [f"x.{c}" for c in carried]
    typed_cols: list[str] = []
    reasons = [f"t.{ident('_rule:' + r.name)}" for r in mapping.rules]
    warnings = [f"t._fw{i}" for i in range(len(mapping.warnings))]
    primary: list[str] = []
    for prefix, table, cols in records:
        typed, record_warnings = _typed_record(table, prefix, cols, countries[prefix])
        column_reasons = []
        for name, t in typed.items():
            typed_cols.append(f"{t.value} AS {ident(prefix + name)}")
            for k, r in enumerate(t.reasons):
                alias = ident(f"_cr:{prefix}{name}:{k}")
                typed_cols.append(f"{r} AS {alias}")
                column_reasons.append(f"t.{alias}")
        for k, w in enumerate(record_warnings):
            typed_cols.append(f"{w} AS {ident(f'_rw:{prefix}{k}')}")
            warnings.append(f"t.{ident(f'_rw:{prefix}{k}')}")
        row_rules = table_rules(table, lambda c, p=prefix: f"t.{ident(p + c)}")
        if prefix == "p.":
            primary += column_reasons + row_rules
        else:  # a derived record exists only where its key does: a vote line names its resolution
            present = " AND ".join(f"t.{ident(prefix + k)} IS NOT NULL" for k in TABLES[table].key)
            reasons.append(f"CASE WHEN {present} THEN coalesce({', '.join(column_reasons + row_rules)}) END")
    level_t = f"SELECT {', '.join(carried + typed_cols)} FROM ({level_x}) x"
    values = [f"t.{ident(prefix + c)}" for prefix, table, _ in records for c in TABLES[table].content_columns]
    warning_list = f"list_filter([{', '.join(warnings)}], lambda x: x IS NOT NULL)" if warnings else "[]::VARCHAR[]"
    reason = f"coalesce({', '.join(reasons + primary)})"
    ws.create(job.checked, f"""SELECT t.rec, t._skip, t._nl, {reason} AS _reason,
        {warning_list} AS _warnings, {', '.join(values)} FROM ({level_t}) t""")
