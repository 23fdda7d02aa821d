"""`python -m bench.real_shaped`: `etl load` of a real-shaped ACLED export against DuckDB's own read of the same file.

    python -m bench.real_shaped                          # 1,000,000 rows (make bench)
    python -m bench.real_shaped --rows 100000 1000000 --data-dir /work/benchdata

The file repeats the rows of the ACLED sample in ../shared/realdata (real columns, real notes, real admin areas and
actors) under new ids (event_id_cnty + '~copy'), until it holds --rows rows; it is written once into --data-dir and
reused, labelled SYNTHETIC in its name, and never committed. The SYNTHETIC files of `python -m bench` are shorter
and more regular (one short note a row), so this is the harder case. Both commands run as their own process,
measured from outside (wall time with Python's start-up, peak RSS); the ETL loads into a new database. Target:
the ETL within 2× DuckDB's time and 1.3× its peak RSS. Without ../shared/realdata it says so and measures nothing.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from bench.loads import BenchError, etl_load, raw_read, remove_database
from bench.machine import machine
from bench.small_loads import OUT, SAMPLE


def write_file(path: Path, rows: int) -> Path:
    """The sample's rows repeated under new ids until `rows` (written beside, then renamed: a killed run leaves
    no half file to reuse)."""
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        sample = list(reader)
    id_column = header.index("event_id_cnty")
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for i in range(rows):
            row = list(sample[i % len(sample)])
            row[id_column] = f"{row[id_column]}~{i // len(sample)}"
            writer.writerow(row)
    partial.rename(path)
    return path


def measure(rows: int, data_dir: Path) -> dict:
    path = data_dir / f"acled_realshaped_SYNTHETIC_{rows}.csv"
    if not path.exists():
        write_file(path, rows)
    duckdb_read = raw_read(path, data_dir / f"duckdb_read_realshaped_{rows}.duckdb")
    db = data_dir / f"etl_realshaped_{rows}.duckdb"
    remove_database(db)
    try:
        load = etl_load(path, db)
    finally:
        remove_database(db)
    if load.rows_loaded != rows:
        raise BenchError(f"`etl load` loaded {load.rows_loaded:,} of {rows:,} rows "
                         f"({load.rows_rejected:,} rejected, {load.rows_duplicate:,} duplicates)")
    return {"rows": rows, "mb": path.stat().st_size / 1e6, "duckdb": duckdb_read, "etl": load.run}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.real_shaped", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    p.add_argument("--data-dir", type=Path, default=OUT)
    args = p.parse_args(argv)
    if not SAMPLE.exists():
        print(f"bench.real_shaped: no ACLED sample at {SAMPLE} (../shared/realdata): nothing measured")
        return 0
    args.data_dir.mkdir(parents=True, exist_ok=True)
    runs = [measure(rows, args.data_dir) for rows in args.rows]
    print(f"\n`etl load` of a real-shaped ACLED export (the sample's rows repeated, SYNTHETIC) against DuckDB's "
          f"`CREATE TABLE AS read_csv` of the same file, each its own process ({machine()})\n")
    print("| rows | file | DuckDB read | `etl load` | time ratio (target ≤ 2) | peak RSS DuckDB / ETL | "
          "RSS ratio (target ≤ 1.3) |")
    print("|---|---|---|---|---|---|---|")
    for r in runs:
        d, e = r["duckdb"], r["etl"]
        print(f"| {r['rows']:,} | {r['mb']:,.0f} MB | {d.seconds:.1f} s | {e.seconds:.1f} s | "
              f"{e.seconds / d.seconds:.1f}× | {d.peak_rss_mib:,.0f} / {e.peak_rss_mib:,.0f} MiB | "
              f"{e.peak_rss_mib / d.peak_rss_mib:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
