"""What a small load costs in a big database that the benchmark did not build through its own path: 1,000 rows
of a real-shaped ACLED export into 10M real-shaped events, measured from outside (wall time including Python's
start-up, peak RSS). Target: at most 1.5 s and 300 MB, whatever the database holds.

    python -m bench.small_loads                              # 10,000,000 events (make bench)
    python -m bench.small_loads --events 1000000 --data-dir /work/benchdata

The database is made in SQL, not by `etl load` of a big file: the ACLED sample of ../shared/realdata is loaded
by the ETL once (3,000 rows: real columns, `extra`, admin areas, sources), then its events are copied with new
ids until the table holds --events rows, each copy moved back a whole number of years (1997–2024), in copy
order (not date order, as a database grown by many loads is), and `events_daily` rebuilt. The small file is
1,000 rows of the sample under ids no copy has, dated in the database's last year. The rows are real ACLED
rows, repeated: their counts mean nothing (the database is labelled SYNTHETIC in its file name); nothing of
them is committed. Without ../shared/realdata the benchmark says so and measures nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import duckdb

from bench.loads import BenchError, etl, events_in, remove_database
from bench.machine import machine
from bench.procs import ROOT, Measured, python_measured
from monitor import aggregate, migrate, schema

SAMPLE = ROOT.parent / "shared" / "realdata" / "acled" / "acled_bangladesh_sample.csv"
OUT = Path(__file__).resolve().parent / "out"
YEARS = 28  # copies spread over 1997–2024, the years ACLED covers
SMALL_ROWS = 1_000

COPY_SQL = """
INSERT INTO events BY NAME
SELECT s.* REPLACE (event_id || '~' || k AS event_id, origin_id || '~' || k AS origin_id,
                  CAST(event_date - INTERVAL (k % {years}) YEAR AS DATE) AS event_date,
                  CAST(end_date - INTERVAL (k % {years}) YEAR AS DATE) AS end_date)
FROM seed.events s, range(?, ?) r(k)
ORDER BY k
"""
COPIES_A_STATEMENT = 100


def build(db: Path, events: int, data_dir: Path) -> None:
    """The real-shaped database (see the module docstring), made once and reused."""
    remove_database(db)
    seed = data_dir / "acled_sample_seed.duckdb"
    remove_database(seed)
    etl("load", str(SAMPLE), "--db", str(seed))
    con = duckdb.connect(str(db))
    try:
        migrate.create_all(con)
        con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
        for table in schema.TABLES:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM seed.{table}")
        sample = con.execute("SELECT count(*) FROM events").fetchone()[0]
        copies = -(-events // sample)
        for first in range(1, copies, COPIES_A_STATEMENT):
            con.execute(COPY_SQL.format(years=YEARS), [first, min(first + COPIES_A_STATEMENT, copies)])
        con.execute("DETACH seed")
        aggregate.rebuild(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
        remove_database(seed)


def small_file(path: Path, stamp: str) -> Path:
    """The sample's first 1,000 rows under ids no copy has (event_id_cnty + a stamp)."""
    with SAMPLE.open(encoding="utf-8", newline="") as f, path.open("w", encoding="utf-8", newline="") as out:
        reader = csv.reader(f)
        writer = csv.writer(out)
        header = next(reader)
        writer.writerow(header)
        id_column = header.index("event_id_cnty")
        for i, row in enumerate(reader):
            if i == SMALL_ROWS:
                break
            row[id_column] = f"{row[id_column]}-{stamp}"
            writer.writerow(row)
    return path


def measure(db: Path, data_dir: Path) -> dict:
    stamp = time.strftime("NEW%Y%m%d%H%M%S")
    path = small_file(data_dir / f"acled_small_{stamp}.csv", stamp)
    try:
        start_up: Measured = python_measured("-c", "import etl.cli")
        run = etl("load", str(path), "--db", str(db))
        report = json.loads(run.stdout)["files"][0]
    finally:
        path.unlink()
    if report["rows_loaded"] != SMALL_ROWS:
        raise BenchError(f"the small load loaded {report['rows_loaded']:,} rows, not {SMALL_ROWS:,}: {report}")
    return {"seconds": run.seconds, "peak_rss_mib": run.peak_rss_mib, "import_seconds": start_up.seconds,
            "rows_loaded": report["rows_loaded"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.small_loads", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--events", type=int, default=10_000_000)
    p.add_argument("--data-dir", type=Path, default=OUT)
    p.add_argument("--loads", type=int, default=3, help="small loads measured one after another (default 3)")
    p.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)  # the child that builds
    args = p.parse_args(argv)
    if not SAMPLE.exists():
        print(f"bench.small_loads: no ACLED sample at {SAMPLE} (../shared/realdata): nothing measured")
        return 0
    args.data_dir.mkdir(parents=True, exist_ok=True)
    db = args.data_dir / f"acled_realshaped_SYNTHETIC_{args.events}.duckdb"
    if args.build_only:
        build(db, args.events, args.data_dir)
        return 0
    if not db.exists():  # in a child: DuckDB's memory in this process would count in every measured child's RSS
        done = python_measured("-m", "bench.small_loads", "--build-only", "--events", str(args.events),
                               "--data-dir", str(args.data_dir))
        if done.returncode != 0:
            raise BenchError(f"building {db} failed:\n{done.stderr[-2000:]}")
        print(f"built {db} in {done.seconds:.0f} s", file=sys.stderr)
    events = events_in(db)
    runs = [measure(db, args.data_dir) for _ in range(args.loads)]
    m = machine()
    print(f"\n1,000-row `etl load` into a real-shaped ACLED database built in SQL ({events:,} events, "
          f"{db.stat().st_size / 1e9:.1f} GB; {m})\n")
    print("| load | seconds (with Python start-up) | peak RSS | `import etl.cli` alone |")
    print("|---|---|---|---|")
    for i, r in enumerate(runs, 1):
        print(f"| {i} | {r['seconds']:.2f} | {r['peak_rss_mib']:,.0f} MiB | {r['import_seconds']:.2f} s |")
    print("\ntargets: ≤ 1.5 s and ≤ 300 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
