"""`python -m etl build|load|check|status` (DESIGN.md, "ETL")."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import duckdb

from etl.formats import detect_format, format_names
from etl.load import FileReport, load_file
from etl.reader import InputError, detect_delimiter
from monitor import store
from monitor.schema import TABLES

SOURCES_DIR = store.PROJECT_ROOT / "data" / "sources"
MAX_LISTED_REJECTS = 200


def _peek_priority(path: Path, requested: str) -> int:
    """Sort key so that sources load before what cites them, and resolutions before votes."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            line = f.readline()
        first = next(csv.reader([line], delimiter=detect_delimiter(line)))
        fmt, _ = detect_format(first, requested, path)
    except (OSError, StopIteration, InputError):
        return 50  # load_file reports the problem
    return fmt.priority


def _ordered(paths: list[Path], requested: str) -> list[Path]:
    return sorted(paths, key=lambda p: _peek_priority(p, requested))


def _load_into(db: Path, paths: list[Path], requested: str, *, fresh: bool, keep: bool, quiet: bool
               ) -> list[FileReport]:
    """Load files into a snapshot of `db`; publish it (keep=True) or throw it away (check)."""
    with store.writer_lock(db) if keep else tempfile.TemporaryDirectory() as scratch:
        snapshot = store.new_snapshot(db, fresh=fresh, where=None if keep else Path(scratch))
        try:
            con = duckdb.connect(str(snapshot))
            try:
                reports = [load_file(con, p, requested, progress=not quiet) for p in _ordered(paths, requested)]
                con.execute("CHECKPOINT")
            finally:
                con.close()
            if keep:
                store.publish_snapshot(snapshot, db)
            return reports
        finally:
            store.discard_snapshot(snapshot)


def _print_reports(reports: list[FileReport], as_json: bool) -> None:
    if as_json:
        print(json.dumps({"files": [r.as_json() for r in reports]}, indent=2, default=str))
        return
    for r in reports:
        if r.error:
            print(f"error: {r.error}", file=sys.stderr)
            continue
        rate = f", {r.rows_read / r.seconds:,.0f} rows/s" if r.seconds > 0.5 else ""
        updated = f" (of which {r.rows_updated:,} updated)" if r.rows_updated else ""
        print(f"{r.path} [{r.format}]: read {r.rows_read:,}, loaded {r.rows_loaded:,}{updated}, "
              f"duplicate {r.rows_duplicate:,}, rejected {r.rows_rejected:,}{rate}")
        for line_no, reason in sorted(r.rejects)[:MAX_LISTED_REJECTS]:
            print(f"  line {line_no}: {reason}")
        if r.rows_rejected > MAX_LISTED_REJECTS:
            print(f"  … {r.rows_rejected - MAX_LISTED_REJECTS:,} more rejects: see the rejects table or --json")
            for reason, n in r.reasons.most_common(10):
                print(f"  {n:>8,} × {reason}")
        for note in r.notes[:20]:
            print(f"  note: {note}")


def _exit_code(reports: list[FileReport]) -> int:
    return max((r.exit_code for r in reports), default=0)


def cmd_build(args: argparse.Namespace) -> int:
    paths = sorted(SOURCES_DIR.glob("*.csv"))
    if not paths:
        print(f"error: no CSV files in {SOURCES_DIR}", file=sys.stderr)
        return 2
    reports = _load_into(args.db, paths, "auto", fresh=True, keep=True, quiet=args.json)
    _print_reports(reports, args.json)
    if not args.json:
        print(f"built {args.db}")
    return _exit_code(reports)


def cmd_load(args: argparse.Namespace) -> int:
    reports = _load_into(args.db, args.files, args.format, fresh=False, keep=True, quiet=args.json)
    _print_reports(reports, args.json)
    return _exit_code(reports)


def cmd_check(args: argparse.Namespace) -> int:
    reports = _load_into(args.db, args.files, args.format, fresh=False, keep=False, quiet=args.json)
    _print_reports(reports, args.json)
    return _exit_code(reports)


def cmd_status(args: argparse.Namespace) -> int:
    if not args.db.exists():
        print(f"error: no database at {args.db}. Run `python -m etl build` first.", file=sys.stderr)
        return 2
    con = duckdb.connect(str(args.db), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        cols = ["batch_id", "finished_at", "input_path", "format", "rows_read", "rows_loaded",
                "rows_duplicate", "rows_rejected"]
        batches = con.execute(f"SELECT {', '.join(cols)} FROM batches ORDER BY batch_id DESC LIMIT 10").fetchall()
    finally:
        con.close()
    if args.json:
        print(json.dumps({"db": str(args.db), "tables": counts,
                          "batches": [dict(zip(cols, b, strict=True)) for b in batches]}, default=str))
        return 0
    print(f"database {args.db}")
    for table, n in counts.items():
        print(f"  {table:<18} {n:>10,}")
    print("last batches:")
    for b in batches:
        print(f"  #{b[0]} {b[1]:%Y-%m-%d %H:%M} {b[3]:<12} read {b[4]:,} loaded {b[5]:,} "
              f"duplicate {b[6]:,} rejected {b[7]:,}  {b[2]}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Candidate rows from a news article (issue 12); with --out, curated CSVs ready for `etl load`."""
    from monitor.extract import extract
    from monitor.extract.merge import describe
    from monitor.extract.rows import write_csvs

    try:
        raw = args.article.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        print(f"error: cannot read {args.article}: {e.strerror}. Give the path of a text or HTML file.",
              file=sys.stderr)
        return 2
    result = extract(raw, published=args.published, url=args.url, publisher=args.publisher)
    if not result.article.sentences:
        print(f"error: {args.article}: no article text found (nothing that reads as sentences).", file=sys.stderr)
        return 2
    written = write_csvs(result.source, result.candidates, args.out) if args.out else []
    if args.json:
        print(json.dumps({**result.as_json(), "written": [str(p) for p in written]}, indent=2, ensure_ascii=False))
        return 0
    print(f"{len(result.candidates)} candidates from {args.article} (source {result.source['source_id']})")
    for c in result.candidates:
        print(f"\n[{c.confidence:.2f}] {describe(c)}")
        for s in c.evidence:
            print(f"  sentence {s.index} [{s.start}:{s.end}]: {s.text}")
        for note in c.uncertain:
            print(f"  uncertain: {note}")
    if written:
        print(f"\nwrote {', '.join(str(p) for p in written)}\nload with: python -m etl load {args.out}/*.csv")
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m etl", description="Load conflict data into the monitor's database.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, files: bool) -> None:
        sp.add_argument("--db", type=Path, default=store.default_db_path(),
                        help="database file (default: $MONITOR_DB or data/monitor.duckdb)")
        sp.add_argument("--json", action="store_true", help="print one JSON object, no progress")
        if files:
            sp.add_argument("files", nargs="+", type=Path, metavar="FILE")
            sp.add_argument("--format", default="auto", choices=["auto", *format_names()],
                            help="skip detection from the header")

    common(sub.add_parser("build", help="rebuild the database from data/sources/"), files=False)
    common(sub.add_parser("load", help="load files into the database"), files=True)
    common(sub.add_parser("check", help="validate files; writes nothing"), files=True)
    common(sub.add_parser("status", help="tables, row counts, last batches"), files=False)
    ex = sub.add_parser("extract", help="candidate rows from a news article (text or HTML)")
    ex.add_argument("article", type=Path, metavar="ARTICLE")
    ex.add_argument("--url", help="the article's address (cited in sources.csv)")
    ex.add_argument("--published", type=_iso_date, help="publication date, YYYY-MM-DD: relative dates use it")
    ex.add_argument("--publisher", help="who published it (cited in sources.csv)")
    ex.add_argument("--json", action="store_true", help="print one JSON object")
    ex.add_argument("--out", type=Path, metavar="DIR", help="write curated CSVs here, ready for `etl load`")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = {"build": cmd_build, "load": cmd_load, "check": cmd_check, "status": cmd_status,
               "extract": cmd_extract}[args.command]
    try:
        return command(args)
    except KeyboardInterrupt:
        print("interrupted: the database was left as it was", file=sys.stderr)
        return 130
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
