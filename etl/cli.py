"""`python -m etl build|load|check|status|upgrade|extract` (DESIGN.md, "ETL")."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import duckdb

from etl import session
from etl.formats import detect_format, format_names
from etl.reader import SNIFF_BYTES, InputError, detect_delimiter, first_record
from etl.report import FileReport
from monitor import store
from monitor.schema import TABLES

SOURCES_DIR = store.PROJECT_ROOT / "data" / "sources"


def _priority(path: Path, requested: str) -> int:
    """Sort key so that sources load before what cites them, and resolutions before votes."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            head = f.read(SNIFF_BYTES)
        first = first_record(head, detect_delimiter(head.split("\n", 1)[0]))
        fmt, _ = detect_format(first or [], requested, path)
    except (OSError, InputError):
        return 50  # stage_file reports the problem
    return fmt.priority


def _ordered(paths: list[Path], requested: str) -> list[Path]:
    return sorted(paths, key=lambda p: _priority(p, requested))


def _print_reports(reports: list[FileReport], as_json: bool) -> None:
    if as_json:
        print(json.dumps({"files": [r.as_json() for r in reports]}, indent=2, default=str))
        return
    for r in reports:
        if r.error:
            print(f"error: {r.error}", file=sys.stderr)
            continue
        rate = f", {r.rows_read / r.seconds:,.0f} rows/s" if r.seconds > 0.5 else ""
        of_which = [f"{n:,} {what}" for n, what in ((r.rows_updated, "updated"), (r.rows_flagged, "flagged"))
                    if n]
        updated = f" (of which {', '.join(of_which)})" if of_which else ""
        print(f"{r.path} [{r.format}]: read {r.rows_read:,}, loaded {r.rows_loaded:,}{updated}, "
              f"duplicate {r.rows_duplicate:,}, rejected {r.rows_rejected:,}{rate}")
        for kind in r.reason_kinds:  # grouped: 800 rejects of one kind are one count and a few lines
            print(f"  {kind.count:>8,} × {kind.kind}")
            for line_no, reason in kind.examples:
                print(f"             line {line_no}: {reason}")
        if r.rows_rejected:
            print("  every rejected row, with its line and reason: the rejects table (python -m etl status, the "
                  "Data page)")
        for note in r.notes[:20]:
            print(f"  note: {note}")


def _exit_code(reports: list[FileReport]) -> int:
    return max((r.exit_code for r in reports), default=0)


def cmd_build(args: argparse.Namespace) -> int:
    paths = sorted(SOURCES_DIR.glob("*.csv"))
    if not paths:
        print(f"error: no CSV files in {SOURCES_DIR}", file=sys.stderr)
        return 2
    reports = session.build(args.db, _ordered(paths, "auto"), quiet=args.json)
    _print_reports(reports, args.json)
    if not args.json:
        print(f"built {args.db}")
    return _exit_code(reports)


def cmd_load(args: argparse.Namespace) -> int:
    reports = session.load(args.db, _ordered(args.files, args.format), args.format, quiet=args.json)
    _print_reports(reports, args.json)
    return _exit_code(reports)


def cmd_check(args: argparse.Namespace) -> int:
    reports = session.check(args.db, _ordered(args.files, args.format), args.format, quiet=args.json)
    _print_reports(reports, args.json)
    return _exit_code(reports)


def _status(db: Path) -> dict:
    session.check_db_path(db)
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as e:
        raise InputError(f"--db {db}: cannot be opened ({str(e).splitlines()[0]})") from None
    try:
        have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES if t in have}
        cols = ["batch_id", "finished_at", "input_path", "format", "rows_read", "rows_loaded",
                "rows_duplicate", "rows_rejected"]
        batches = con.execute(f"SELECT {', '.join(cols)} FROM batches ORDER BY batch_id DESC LIMIT 10").fetchall()
        vcols = ["version", "created_at", "command", "files", "rows_loaded", "rows_updated", "rows_rejected"]
        versions = (con.execute(f"SELECT {', '.join(vcols)} FROM versions ORDER BY version DESC LIMIT 20").fetchall()
                    if "versions" in have else [])
    finally:
        con.close()
    return {"db": str(db), "tables": counts,
            "batches": [dict(zip(cols, b, strict=True)) for b in batches],
            "versions": [{**dict(zip(vcols, v, strict=True)), "files": json.loads(v[3] or "[]")} for v in versions]}


def cmd_status(args: argparse.Namespace) -> int:
    if not args.db.exists():
        print(f"error: no database at {args.db}. Run `python -m etl build` first.", file=sys.stderr)
        return 2
    status = _status(args.db)
    if args.json:
        print(json.dumps(status, default=str))
        return 0
    print(f"database {args.db}")
    for table, n in status["tables"].items():
        print(f"  {table:<18} {n:>10,}")
    print("data versions:")
    for v in status["versions"]:
        print(f"  v{v['version']} {v['created_at']:%Y-%m-%d %H:%M} {v['command']:<5} {len(v['files'])} file(s): "
              f"loaded {v['rows_loaded']:,} (updated {v['rows_updated']:,}), rejected {v['rows_rejected']:,}")
    print("last batches:")
    for b in status["batches"]:
        print(f"  #{b['batch_id']} {b['finished_at']:%Y-%m-%d %H:%M} {b['format']:<12} read {b['rows_read']:,} "
              f"loaded {b['rows_loaded']:,} duplicate {b['rows_duplicate']:,} rejected {b['rows_rejected']:,}  "
              f"{b['input_path']}")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    added = session.upgrade(args.db)
    if args.json:
        print(json.dumps({"db": str(args.db), "added": added}))
    elif added:
        print(f"upgraded {args.db}: added {', '.join(added)}")
    else:
        print(f"{args.db} is up to date")
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
    common(sub.add_parser("status", help="tables, row counts, data versions, last batches"), files=False)
    common(sub.add_parser("upgrade", help="bring a database built by an older version up to date (keeps every row)"),
           files=False)
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
               "upgrade": cmd_upgrade, "extract": cmd_extract}[args.command]
    try:
        return command(args)
    except KeyboardInterrupt:
        print("interrupted: the database was left as it was", file=sys.stderr)
        return 130
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except duckdb.Error as e:  # the engine itself failed (out of memory, disk full): the transaction rolled back
        print(f"error: DuckDB failed: {_first_line(e)}. Each command writes in one transaction, so nothing from "
              f"it was written. If it ran out of memory, set {session.MEMORY_LIMIT_ENV} higher "
              "(e.g. MONITOR_ETL_MEMORY=2GB) and run it again.", file=sys.stderr)
        return 2


def _first_line(error: Exception) -> str:
    lines = [line for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
