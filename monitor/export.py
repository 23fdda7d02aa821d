"""Downloads: CSV that a spreadsheet opens as data, never as formulas; and the whole selection of any dashboard
link, streamed from DuckDB, with its citations.

    python -m monitor.export LINK --out FILE.csv|FILE.parquet|DIR/ [--partition origin,year] [--db PATH]

The table is the link's `tab` (the Data page's table; events by default) under all its filters (c, from, to, type,
sub, actor, region, src, and `v`: a pinned link exports the data as of its version). DuckDB writes the file itself
(COPY): no row passes through Python, so memory stays flat whatever the selection's size. A CSV neutralises
spreadsheet formulas in SQL (the same rule as `neutralise`). `DIR/` with `--partition origin,year` writes a
Hive-partitioned Parquet dataset (DIR/origin=acled/year=2021/…) that Spark, Trino or BigQuery read as it is.
Beside the data: FILE.citations.csv (DIR/_citations.csv), every source the rows cite, with how many rows cite it,
the full citation, and the acknowledgement its publisher's terms ask for.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from monitor import attribution, pinned, urls
from monitor.cli import run
from monitor.queries.data import SUBSETS, rows_of
from monitor.queries.filters import Filters
from monitor.schema import TABLES
from monitor.store import Store
from monitor.text import echo

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (CSV injection);
# tab and carriage return can hide one behind whitespace.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
# The same two rules in DuckDB's regular expressions (RE2), for CSVs DuckDB writes itself.
_FORMULA_SQL = r"^[=+\-@\t\r]"
_PLAIN_NUMBER_SQL = r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?$"
BOM = "\ufeff".encode()
INTERNAL = ("row_hash",)  # bookkeeping no reader needs (the Data page leaves it out too)
YEAR_OF = {"events": "event_date", "visits": "start_date", "resolutions": "vote_date", "casualty_reports": "as_of",
           "event_counts": "period_start"}


def neutralise(value: object) -> object:
    """A string that a spreadsheet would run as a formula gets a leading apostrophe; anything else is kept.

    Numbers stay numbers, and so do strings that are plain numbers ('-5'): they cannot run anything.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def safe_csv(df: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with BOM, so spreadsheets read accents), formulas neutralised in text cells."""
    out = df.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_datetime64_any_dtype(out[column])):
            out[column] = out[column].map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out.to_csv(index=False).encode("utf-8-sig")


def neutralise_sql(column: str) -> str:
    """SQL: `neutralise` of a text column, inside DuckDB."""
    return (f"CASE WHEN regexp_matches({column}, '{_FORMULA_SQL}') AND NOT regexp_matches({column}, "
            f"'{_PLAIN_NUMBER_SQL}') THEN '''' || {column} ELSE {column} END")


# --- the selection of a link -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """What a link selects: a table (or a subset of one: `flagged`) under the filters, at a data version."""

    table: str
    filters: Filters
    version: int | None = None  # pinned (`v` older than the latest); None: the latest
    warnings: tuple[str, ...] = ()

    @property
    def base(self) -> str:
        return SUBSETS.get(self.table, (self.table, ""))[0]


def selection_of(store: Store, link: str) -> Selection:
    """The selection a dashboard link shows on the Data page (any page's link: its filters, events by default)."""
    from monitor.views.blocks import store_runner
    from monitor.views.data import NAMES
    from monitor.views.state import parse_link, shared_filters

    _, state = parse_link(link)
    versions = pinned.all_versions(store)
    chosen = state.read(urls.VERSION, allowed=[v.number for v in versions])
    version = chosen if versions and chosen is not None and chosen != versions[-1].number else None
    reader = pinned.at(store, version)
    f = shared_filters(store_runner(reader), state)
    tab = state.params.get(urls.TAB.name, [])
    table = tab[0] if tab and tab[0] in NAMES else "events"
    if tab and tab[0] not in NAMES:
        state.warnings.append(f"Link parameter `tab`: no table {echo(tab[0])}; the events are exported.")
    return Selection(table, f, version, tuple(state.warnings))


def _select(selection: Selection, csv: bool, partition: tuple[str, ...] = ()) -> tuple[str, list]:
    """SQL (and its parameters) for the rows of a selection, as they are written."""
    base, where, params = rows_of(selection.table, selection.filters)
    columns = [c for c in TABLES[base].columns if c.name not in INTERNAL]
    exprs = [f"{neutralise_sql(c.name)} AS {c.name}" if csv and c.type == "VARCHAR" else c.name for c in columns]
    if "year" in partition:
        exprs.append(f"year({YEAR_OF[base]}) AS year")
    return f"SELECT {', '.join(exprs)} FROM {base} WHERE {where}", params


def _citations(selection: Selection) -> tuple[str, list]:
    """SQL: every source the selection's rows cite, with how many, the full citation and any acknowledgement."""
    base, where, params = rows_of(selection.table, selection.filters)
    if "source_id" not in TABLES[base].column_names:
        return ("SELECT NULL::VARCHAR AS source_id, NULL::VARCHAR AS publisher, NULL::VARCHAR AS title, "
                "NULL::VARCHAR AS url, NULL::VARCHAR AS license, NULL::DATE AS published_on, "
                "NULL::DATE AS accessed_on, 0 AS rows, NULL::VARCHAR AS citation, NULL::VARCHAR AS acknowledgement "
                "LIMIT 0", [])
    text = "lower(coalesce(s.publisher, '') || ' ' || coalesce(s.url, ''))"
    acknowledgement = "CASE " + " ".join(
        f"WHEN {' OR '.join(f'contains({text}, {_literal(m)})' for m in t.matches)} THEN "
        f"replace(replace({_literal(t.policy)}, '{{year}}', coalesce(strftime(s.accessed_on, '%Y'), '[year]')), "
        f"'{{date}}', coalesce(strftime(s.accessed_on, '%Y-%m-%d'), '[date]'))" for t in attribution.TERMS) + " END"
    citation = ("concat_ws(', ', coalesce(s.publisher, 'Unknown publisher'), '“' || s.title || '”', "
                "'published ' || strftime(s.published_on, '%Y-%m-%d'), s.url) || coalesce(' (accessed ' || "
                "strftime(s.accessed_on, '%Y-%m-%d') || ')', '')")
    cols = ["source_id", "publisher", "title", "url", "license", "citation", "acknowledgement"]
    return (f"""SELECT {', '.join(f'{neutralise_sql(c)} AS {c}' for c in cols[:5])}, s.published_on, s.accessed_on,
        c.n AS rows, {neutralise_sql('citation')} AS citation, {neutralise_sql('acknowledgement')} AS acknowledgement
        FROM (SELECT s.*, {citation} AS citation, {acknowledgement} AS acknowledgement FROM sources s) s
        JOIN (SELECT source_id, count(*) AS n FROM {base} WHERE {where} GROUP BY source_id) c USING (source_id)
        ORDER BY c.n DESC, s.source_id""", params)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- writing ------------------------------------------------------------------------------------------------------


def _copy(store: Store, sql: str, params: list, target: Path, options: str) -> None:
    """DuckDB's COPY of a query to `target` (a pinned store reads its version)."""
    statement = f"COPY ({sql}) TO '{str(target).replace(chr(39), chr(39) * 2)}' ({options})"
    store.execute(statement, params)


def _csv_with_bom(store: Store, sql: str, params: list, target: Path) -> None:
    """A CSV with a byte-order mark (so spreadsheets read accents): DuckDB writes it, then it is appended, in
    chunks, after the mark."""
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        body = Path(scratch) / "body.csv"
        _copy(store, sql, params, body, "FORMAT csv, HEADER")
        with target.open("wb") as out, body.open("rb") as src:
            out.write(BOM)
            shutil.copyfileobj(src, out, 1 << 20)


def citations_path(out: Path, directory: bool) -> Path:
    return out / "_citations.csv" if directory else out.with_name(f"{out.stem}.citations.csv")


def write(store: Store, selection: Selection, out: Path, partition: tuple[str, ...] = ()) -> tuple[Path, Path]:
    """Write the selection to `out` (.csv, .parquet, or a directory of Parquet), and its citations beside it; the
    two paths."""
    reader = pinned.at(store, selection.version)
    directory = out.suffix.lower() not in (".csv", ".parquet")
    base_columns = [c.name for c in TABLES[selection.base].columns if c.name not in INTERNAL]
    unknown = [p for p in partition if p not in (*base_columns, *(("year",) if selection.base in YEAR_OF else ()))]
    if unknown:
        raise ValueError(f"cannot partition {selection.table} by {', '.join(unknown)} (its columns, or year)")
    if partition and not directory:
        raise ValueError("--partition writes a directory of Parquet files: give --out DIR/")
    sql, params = _select(selection, csv=out.suffix.lower() == ".csv", partition=partition)
    if directory:
        out.mkdir(parents=True, exist_ok=True)
        by = f", PARTITION_BY ({', '.join(partition)}), OVERWRITE_OR_IGNORE" if partition else ""
        _copy(reader, sql, params, out if partition else out / f"{selection.table}.parquet", f"FORMAT parquet{by}")
    elif out.suffix.lower() == ".csv":
        _csv_with_bom(reader, sql, params, out)
    else:
        _copy(reader, sql, params, out, "FORMAT parquet")
    cited = citations_path(out, directory)
    _csv_with_bom(reader, *_citations(selection), cited)
    return out, cited


def zipped(store: Store, selection: Selection, kind: str) -> bytes:
    """The selection as `kind` (csv or parquet) and its citations in one zip (the Data page's download)."""
    with tempfile.TemporaryDirectory() as scratch:
        data, cited = write(store, selection, Path(scratch) / f"{selection.table}.{kind}")
        archive = Path(scratch) / "selection.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(data, data.name)
            z.write(cited, cited.name)
        return archive.read_bytes()


def main(argv: list[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.export", description=__doc__.splitlines()[0])
    parser.add_argument("link", help="a dashboard link, e.g. 'http://localhost:8501/data?c=MMR&type=Battles'")
    parser.add_argument("--out", required=True, type=Path, help="FILE.csv, FILE.parquet, or DIR/ (Parquet)")
    parser.add_argument("--partition", default="", help="with --out DIR/: Hive partitions, e.g. origin,year")
    parser.add_argument("--db", type=Path, help="the database (default: $MONITOR_DB, else data/monitor.duckdb)")
    args = parser.parse_args(argv)
    store = Store(args.db)
    if not store.exists():
        print(f"No database at {store.path}. Build it with `python -m etl build`, or pass --db.", file=sys.stderr)
        return 2
    partition = tuple(p.strip() for p in args.partition.split(",") if p.strip())
    selection = selection_of(store, args.link)
    for warning in selection.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        data, cited = write(store, selection, args.out, partition)
    except ValueError as e:
        print(f"Cannot export {args.link!r}: {e}.", file=sys.stderr)
        return 2
    out(f"wrote {data} ({selection.table}) and {cited}")
    return 0


if __name__ == "__main__":
    run(main)
