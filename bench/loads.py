"""The load figures: `python -m etl load` of a SYNTHETIC ACLED-shaped file, DuckDB's own read of the same file
(the floor), and a 1,000-row load into the big database. Each runs as its own process, measured from outside."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from bench.gen_acled import GENERATION, generate
from bench.procs import Measured, python_measured

# DuckDB's own read of the file, nothing of ours: the floor the ETL is compared to.
RAW_READ = """
import sys, duckdb
con = duckdb.connect(sys.argv[2])
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [sys.argv[1]])
print(con.execute("SELECT count(*) FROM t").fetchone()[0])
con.close()
"""


class BenchError(RuntimeError):
    """A step that did not do what it must (the ETL failed, a page did not settle): the figures would lie."""


@dataclass
class Load:
    """One `python -m etl load FILE --json`: its measurement and the accounting it printed."""

    run: Measured
    rows_read: int
    rows_loaded: int
    rows_duplicate: int
    rows_rejected: int

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.run.seconds


def csv_for(events: int, data_dir: Path) -> Path:
    """The SYNTHETIC file for `events` rows, generated once and reused (10M rows take minutes to write)."""
    path = data_dir / f"synthetic_acled_{GENERATION}_{events}.csv"
    if not path.exists():
        partial = path.with_suffix(".partial")
        generate(events, partial)
        partial.rename(path)
    return path


def remove_database(db: Path) -> None:
    """The database and anything the ETL keeps beside it (lock, WAL, snapshots)."""
    for leftover in db.parent.glob(f"{db.name}*"):
        leftover.unlink()


def etl(*args: str) -> Measured:
    run = python_measured("-m", "etl", *args, "--json")
    if run.returncode not in (0, 1):  # 1: some rows rejected, the rest loaded
        raise BenchError(f"`python -m etl {' '.join(args)}` exited {run.returncode}:\n{run.stderr[-2000:]}")
    return run


def etl_load(path: Path, db: Path) -> Load:
    run = etl("load", str(path), "--db", str(db))
    try:
        report = json.loads(run.stdout)["files"][0]
        return Load(run, report["rows_read"], report["rows_loaded"], report["rows_duplicate"],
                    report["rows_rejected"])
    except (ValueError, KeyError, IndexError) as e:
        raise BenchError(f"`etl load {path}` printed no report ({e}):\n"
                         f"{run.stdout[-2000:]}{run.stderr[-2000:]}") from e


def build(path: Path, db: Path) -> Load:
    """A fresh database with the bundled case (so every page has content), then the big file: that load is
    the figure."""
    remove_database(db)
    etl("build", "--db", str(db))
    return etl_load(path, db)


def raw_read(path: Path, scratch: Path) -> Measured:
    remove_database(scratch)
    try:
        run = python_measured("-c", RAW_READ, str(path), str(scratch))
    finally:
        remove_database(scratch)
    if run.returncode != 0:
        raise BenchError(f"DuckDB's read_csv of {path} failed:\n{run.stderr[-2000:]}")
    return run


def small_load(db: Path, data_dir: Path, rows: int = 1_000) -> Load:
    """`rows` new events (ids never used before, so they are loaded, not duplicates) into the big database."""
    stamp = time.strftime("%Y%m%d%H%M%S")
    path = generate(rows, data_dir / f"synthetic_acled_small_{stamp}.csv", seed=11, id_prefix=f"SMALL{stamp}-")
    try:
        return etl_load(path, db)
    finally:
        path.unlink()


def events_in(db: Path) -> int:
    run = etl("status", "--db", str(db))
    return int(json.loads(run.stdout)["tables"]["events"])
