"""`make bench`: ETL throughput on SYNTHETIC data, against a baseline in the same run.

The baseline is reading the same file with the csv module alone, so the ratio says what our
parsing, validation and loading cost on top of just reading the text (machines here are noisy).
"""

from __future__ import annotations

import csv
import os
import platform
import resource
import sys
import time
from pathlib import Path

import duckdb

from bench.synthetic import OUT, synthetic_events, synthetic_sources
from etl.load import load_file
from monitor import schema


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def csv_baseline(path: Path) -> float:
    t = time.perf_counter()
    with path.open(newline="") as f:
        for _ in csv.reader(f):
            pass
    return time.perf_counter() - t


def bench_events(rows: int) -> None:
    events = synthetic_events(OUT / f"events_{rows}.csv", rows)
    db = OUT / "bench.duckdb"
    db.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    schema.create_all(con)
    load_file(con, synthetic_sources(OUT / "sources.csv"), progress=False)
    baseline = csv_baseline(events)
    t = time.perf_counter()
    report = load_file(con, events, progress=False)
    elapsed = time.perf_counter() - t
    t = time.perf_counter()
    again = load_file(con, events, progress=False)
    reload = time.perf_counter() - t
    con.close()
    assert report.rows_loaded == rows and again.rows_duplicate == rows
    print(f"events load   {rows:>9,} rows  {elapsed:6.2f} s  {rows / elapsed:>9,.0f} rows/s  "
          f"({elapsed / baseline:.1f}x csv.reader alone: {baseline:.2f} s)")
    print(f"events reload {rows:>9,} rows  {reload:6.2f} s  {rows / reload:>9,.0f} rows/s  (all duplicates)")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    print(f"machine: {machine()}")
    print("data: SYNTHETIC (bench/synthetic.py)")
    bench_events(rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
