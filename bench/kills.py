"""`python -m bench.kills`: SIGKILL `etl load` at random moments and check what every kill left.

    python -m bench.kills --kills 30            # a 100,000-row SYNTHETIC file into a copy of the bundled case

Each round kills a load of the SYNTHETIC ACLED-shaped file (bench/gen_acled.py) into a database holding the
bundled case, at a moment drawn between 0 and the load's own duration (measured once, unkilled), then checks:
the database opens, and holds either the old events or all the new ones (never a part); the next load (a
one-source file) succeeds and leaves nothing beside the database. Prints one line per kill and a summary.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from bench.loads import csv_for, etl, remove_database

SOURCE_CSV = "source_id,publisher,title\nbench-kills,SYNTHETIC,SYNTHETIC source for bench.kills\n"


def _events(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        con.close()


def _beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.glob(f"{db.name}*") if p != db)


def _load(path: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "etl", "load", str(path), "--db", str(db), "--json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.kills", description=__doc__.splitlines()[0])
    p.add_argument("--kills", type=int, default=30)
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--data-dir", type=Path, default=Path(__file__).resolve().parent / "out")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    big = csv_for(args.events, args.data_dir)
    small = args.data_dir / "bench_kills_source.csv"
    small.write_text(SOURCE_CSV, encoding="utf-8")
    base, db = args.data_dir / "kills_base.duckdb", args.data_dir / "kills.duckdb"
    remove_database(base)
    etl("build", "--db", str(base))
    old = _events(base)
    remove_database(db)
    shutil.copy(base, db)
    started = time.monotonic()
    _load(big, db).wait()
    duration = time.monotonic() - started
    new = _events(db)
    print(f"unkilled load: {duration:.1f} s, events {old:,} -> {new:,}; killing within 0-{duration:.1f} s")
    rng = random.Random(args.seed)
    outcomes = {"old": 0, "new": 0, "mixed": 0, "leftovers": 0}
    for k in range(1, args.kills + 1):
        remove_database(db)
        shutil.copy(base, db)
        proc = _load(big, db)
        at = rng.uniform(0, duration)
        time.sleep(at)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        count = _events(db)
        state = "old" if count == old else "new" if count == new else "mixed"
        outcomes[state] += 1
        etl("load", str(small), "--db", str(db))  # the next load cleans up after the dead one
        left = _beside(db)
        outcomes["leftovers"] += bool(left)
        print(f"kill {k:>3} at {at:5.2f} s: {state} database ({count:,} events); after the next load beside it: "
              f"{', '.join(left) or 'nothing'}")
    remove_database(db)
    remove_database(base)
    print(f"{args.kills} kills: {outcomes['old']} left the old database, {outcomes['new']} the new, "
          f"{outcomes['mixed']} a mix; {outcomes['leftovers']} left files behind after the next load")
    return 1 if outcomes["mixed"] or outcomes["leftovers"] else 0


if __name__ == "__main__":
    sys.exit(main())
