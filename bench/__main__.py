"""`make bench`: the ETL and every page at 1M and 10M SYNTHETIC events, as one table with the machine and sizes.

    python -m bench                                   # 1,000,000 and 10,000,000 events (make bench)
    python -m bench --events 1000000                  # one size
    python -m bench --quick                           # 100,000 events, first visits only: run by `make test`

Every page is visited as linked with no what/who/where filter, then with each of type, actor and region set to a
value that holds many events (LENS_QUERIES in bench/visits.py; not with --quick). The export step times
`python -m monitor.export` of every event to Parquet against DuckDB's own COPY of the same query.
    python -m bench --events 10000000 --steps etl     # a long run in steps: build the database first …
    python -m bench --events 10000000 --steps pages small   # … then measure it (or --db PATH for any database)

Inputs are SYNTHETIC ACLED-shaped CSVs (bench/gen_acled.py), generated into --data-dir once and reused; the
databases are built there by the project's own `python -m etl`. Each figure sits next to a floor measured in
the same run (DuckDB's own read of the file, a one-line Streamlit page), because the machines are noisy: the
ratios are the figures. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shlex
import sys
import time
from dataclasses import asdict, is_dataclass
from pathlib import Path

from bench import loads
from bench.exports import export_vs_copy
from bench.machine import machine
from bench.procs import python_measured
from bench.table import SizeRun, render
from bench.visits import LENS_QUERIES, visit_all

OUT = Path(__file__).resolve().parent / "out"
STEPS = ("etl", "pages", "alerts", "export", "small")


STARTED = time.monotonic()


def _log(message: str) -> None:
    print(f"bench [{time.monotonic() - STARTED:6.1f} s]: {message}", file=sys.stderr, flush=True)


def measure(run: SizeRun, data_dir: Path, steps: list[str], visits: int, lens: bool = True) -> None:
    """The figures for one size, filled into `run` as they come (an error keeps what was measured). The pages
    run before the small load, which adds 1,000 rows to the database."""
    events = run.events
    if "etl" in steps:
        run.csv = loads.csv_for(events, data_dir)
        _log(f"{events:,} events: DuckDB's own read of {run.csv}")
        run.raw = loads.raw_read(run.csv, data_dir / f"duckdb_read_csv_{events}.duckdb")
        _log(f"  {run.raw.seconds:.1f} s, peak {run.raw.peak_rss_mib:,.0f} MiB; now `etl load` into {run.db}")
        run.etl = loads.build(run.csv, run.db)
        _log(f"  {run.etl.run.seconds:.1f} s, peak {run.etl.run.peak_rss_mib:,.0f} MiB")
        if run.etl.rows_rejected:
            run.notes.append(f"`etl load` rejected {run.etl.rows_rejected:,} rows (see its --json reasons)")
    _log("counting events")
    if not run.db.exists():
        raise loads.BenchError(f"no database at {run.db}: run with --steps etl first, or pass --db")
    run.events_in_db = loads.events_in(run.db)
    if "pages" in steps:
        _log(f"{run.events_in_db:,} events: every page in Chromium (server logs in {data_dir})")
        run.visits = asyncio.run(visit_all(run.db, data_dir, visits, LENS_QUERIES if lens else ("",)))
        for page in run.visits.pages:
            for v in filter(None, (page.first, page.second)):
                run.notes += [f"{page.path}: {e.splitlines()[0][:200]}" for e in v.errors[:1]]
    if "alerts" in steps:  # the early-warning flags over every country, as a cron job runs them after a load
        run.alerts = python_measured("-m", "monitor.alerts", "--db", str(run.db), "--json")
        _log(f"  monitor.alerts over all countries: {run.alerts.seconds:.1f} s")
        if run.alerts.returncode:
            run.notes.append(f"monitor.alerts exited {run.alerts.returncode}: {run.alerts.stderr[-200:]}")
    if "export" in steps:
        _log("  monitor.export of every event to Parquet, and DuckDB's own COPY of the same query")
        run.exports = export_vs_copy(run.db, data_dir)
        _log(f"  export {run.exports.export.seconds:.1f} s, COPY {run.exports.copy.seconds:.1f} s")
        for step in (run.exports.export, run.exports.copy):
            if step.returncode:
                run.notes.append(f"export step exited {step.returncode}: {step.stderr[-300:]}")
    if "small" in steps:
        run.small = loads.small_load(run.db, data_dir)
        _log(f"  1,000-row load: {run.small.run.seconds:.1f} s")


def _plain(value):
    if is_dataclass(value):
        return {k: _plain(v) for k, v in asdict(value).items() if k not in ("stdout", "stderr")}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in ("stdout", "stderr")}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, Path) else value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--events", type=int, nargs="+", default=[1_000_000, 10_000_000], metavar="N",
                   help="database sizes (default: 1000000 10000000)")
    p.add_argument("--quick", action="store_true", help="100,000 events, first visits only")
    p.add_argument("--data-dir", type=Path, default=OUT,
                   help="where the SYNTHETIC CSVs and databases go (default: bench/out/)")
    p.add_argument("--db", type=Path, help="measure this prebuilt database (one size; default step: pages)")
    p.add_argument("--steps", nargs="+", choices=STEPS,
                   help="what to run (default: all, or pages with --db); small adds 1,000 SYNTHETIC events")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write every figure to FILE")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    sizes = [100_000] if args.quick else args.events
    if args.db and len(sizes) != 1:
        parser().error("--db measures one database: give one --events size (its nominal size)")
    # A database of yours gets no SYNTHETIC rows unless asked for: with --db, the small load is opt-in.
    steps = args.steps or (["pages", "alerts"] if args.db else list(STEPS))
    args.data_dir.mkdir(parents=True, exist_ok=True)
    command = "python -m bench " + shlex.join(argv if argv is not None else sys.argv[1:])
    runs: list[SizeRun] = []
    try:
        for events in sizes:
            runs.append(SizeRun(events, db=args.db or args.data_dir / f"synthetic_acled_{events}.duckdb"))
            measure(runs[-1], args.data_dir, steps, visits=1 if args.quick else 2, lens=not args.quick)
    except loads.BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        failed = True
    else:
        failed = False
    print(render(runs, machine(), command.strip()))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "runs": _plain(runs)}, indent=2, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
