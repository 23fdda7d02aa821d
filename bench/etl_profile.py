"""`python -m bench.etl_profile FILE…`: one `etl load` of the files into a new database, timed statement by statement.

    python -m bench.etl_profile bench/out/synthetic_acled_g2_1000000.csv
    python -m bench.etl_profile roll_calls.csv votes.csv issues.csv  # one command, as `etl load` takes them
    python -m bench.etl_profile FILE --db existing.duckdb --top 20     # into a database that holds data already

Every statement the load's scratch connection runs is timed in CPU seconds (`time.process_time()`: every thread
of this process, which other processes' load inflates less than wall time) and wall seconds; the heaviest are
printed with their share, then the rest together, the totals and the peak RSS. docs/etl-performance.md has the
figures this printed. The database named by --db is loaded into for real (a new temporary one by default).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.machine import machine


@dataclass(frozen=True)
class Statement:
    cpu: float
    wall: float
    sql: str


class TimedConnection:
    """A DuckDB connection whose execute() records each statement's CPU and wall seconds."""

    def __init__(self, con, record: Callable[[Statement], None]) -> None:
        self._con, self._record = con, record

    def execute(self, sql: str, params=None):
        cpu, wall = time.process_time(), time.perf_counter()
        result = self._con.execute(sql) if params is None else self._con.execute(sql, params)
        self._record(Statement(time.process_time() - cpu, time.perf_counter() - wall, " ".join(sql.split())))
        return result

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def profile(paths: list[Path], db: Path) -> tuple[list[Statement], float, float]:
    """The load's statements, its CPU and wall seconds (the command's own Python included)."""
    from etl import cli, session

    statements: list[Statement] = []
    scratch = session._scratch

    def timed_scratch(*args, **kwargs):
        con, tmp = scratch(*args, **kwargs)
        return TimedConnection(con, statements.append), tmp

    session._scratch = timed_scratch
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["load", *map(str, paths), "--db", str(db), "--json"])
    finally:
        session._scratch = scratch
    if code not in (0, 1):
        raise SystemExit(f"`etl load {' '.join(map(str, paths))}` exited {code}")
    return statements, time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.etl_profile", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--db", type=Path, help="load into this database (default: a new one, removed afterwards)")
    p.add_argument("--top", type=int, default=8)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as where:
        statements, cpu, wall = profile(args.files, args.db or Path(where) / "profile.duckdb")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ranked = sorted(statements, key=lambda s: s.cpu, reverse=True)
    names = " ".join(f.name for f in args.files)
    print(f"`etl load {names}`: {cpu:.1f} CPU s, {wall:.1f} s wall, {len(statements)} statements, "
          f"peak RSS {peak:,.0f} MiB ({machine()})\n")
    print("| statement | CPU s | wall s | share of CPU |")
    print("|---|---|---|---|")
    for s in ranked[:args.top]:
        print(f"| `{s.sql[:90]}` | {s.cpu:.2f} | {s.wall:.2f} | {s.cpu / cpu:.0%} |")
    rest = ranked[args.top:]
    print(f"| the other {len(rest)} statements | {sum(s.cpu for s in rest):.2f} | {sum(s.wall for s in rest):.2f} | "
          f"{sum(s.cpu for s in rest) / cpu:.0%} |")
    outside = cpu - sum(s.cpu for s in statements)
    print(f"| outside the statements (Python: start, lookups, report) | {outside:.2f} | – | {outside / cpu:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
