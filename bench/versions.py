"""What data versions cost: database size after reloads that revise 1% of a SYNTHETIC ACLED export each time,
and an as-of query's time against the latest's.

    python -m bench.versions [--csv /work/benchdata/synthetic_acled_100000.csv] [--reloads 10] [--share 0.01]

SYNTHETIC data only (bench/gen_acled.py's rows, labelled so in every row). Prints its figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from monitor import pinned
from monitor.queries import overview
from monitor.queries.filters import Filters
from monitor.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = Path("/work/benchdata/synthetic_acled_100000.csv")


def revise(source: Path, target: Path, share: float, round_no: int) -> int:
    """`source` with another `share` of its rows revised (fatalities + round) each round; how many rows."""
    con = duckdb.connect()
    try:
        every = round(1 / share)
        chosen = f"hash(event_id_cnty) % {every} = {round_no % every}"
        con.execute(f"""COPY (SELECT * REPLACE (CASE WHEN {chosen}
                                   THEN (coalesce(TRY_CAST(fatalities AS INTEGER), 0) + {round_no})::VARCHAR
                                   ELSE fatalities END AS fatalities)
                              FROM read_csv('{source}', all_varchar=true, header=true))
                        TO '{target}' (HEADER)""")
        return con.execute(f"SELECT count(*) FROM read_csv('{source}', all_varchar=true, header=true) "
                           f"WHERE {chosen}").fetchone()[0]
    finally:
        con.close()


def load(db: Path, csv: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(csv), "--db", str(db), "--json"], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"etl load {csv} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def size_mb(db: Path) -> float:
    con = duckdb.connect(str(db))
    con.execute("CHECKPOINT")
    con.close()
    return db.stat().st_size / 1e6


def timed(store, runs: int = 7) -> float:
    """Median ms of the Overview's headline queries over every country and date."""
    f = Filters(date(1900, 1, 1), date(2100, 1, 1))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        overview.selection_counts(store, f)
        overview.fatalities_by_origin(store, f)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--reloads", type=int, default=10)
    parser.add_argument("--share", type=float, default=0.01)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench_versions_"))
    db = folder / "versions.duckdb"
    db.unlink(missing_ok=True)
    print(f"SYNTHETIC rows: {args.csv} into {db}", file=sys.stderr)
    seconds = load(db, args.csv)
    first = size_mb(db)
    print(f"version 1: {first:.1f} MB after one load ({seconds:.1f} s)")
    previous = args.csv
    for n in range(1, args.reloads + 1):  # each export is the previous one with another 1% revised
        revised = folder / f"revised_{n}.csv"
        rows = revise(previous, revised, args.share, n)
        seconds = load(db, revised)
        print(f"version {n + 1}: {size_mb(db):.1f} MB after a reload revising {rows:,} rows ({seconds:.1f} s)")
        if previous != args.csv:
            previous.unlink()
        previous = revised
    if previous != args.csv:
        previous.unlink()
    last = size_mb(db)
    store = Store(db)
    history = store.query("SELECT count(*) AS n FROM events_history").iloc[0]["n"]
    latest_ms = timed(store)
    middle = 1 + args.reloads // 2
    asof_ms = timed(pinned.at(store, middle))
    print(f"size: {first:.1f} MB after one load, {last:.1f} MB after {args.reloads} revising reloads "
          f"(x{last / first:.2f}); events_history holds {history:,} rows")
    print(f"Overview headline queries, all countries and dates: latest {latest_ms:.0f} ms, as of version {middle} "
          f"{asof_ms:.0f} ms (x{asof_ms / latest_ms:.2f}), median of 7")


if __name__ == "__main__":
    main()
