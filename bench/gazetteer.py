"""What placing the first name costs a new process: the gazetteer's name index built (an empty cache folder, as
on a fresh machine or after an upgrade) against read back from the cache folder (every later process), each a
process of its own measured from outside, alternated.

    python -m bench.gazetteer              # three of each
    python -m bench.gazetteer --runs 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile

from bench.machine import machine
from bench.procs import Measured, run_measured

# One process placing one name, as a load with places to place or a server's first Relationships view does.
PLACE_ONE = ("import time; t = time.process_time(); from monitor import geo; "
             "assert geo.locate('Mandalay', 'MMR'); print(time.process_time() - t)")


def place_one(cache: str) -> Measured:
    done = run_measured([sys.executable, "-c", PLACE_ONE], env={**os.environ, "MONITOR_CACHE_DIR": cache})
    if done.returncode:
        sys.exit(f"placing a name failed:\n{done.stderr[-2000:]}")
    return done


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args(argv).runs
    built: list[Measured] = []
    read: list[Measured] = []
    with tempfile.TemporaryDirectory() as where:
        cache = os.path.join(where, "cache")
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            built.append(place_one(cache))  # writes the index for the next
            read.append(place_one(cache))
    print(f"A new process placing one name (`monitor.geo.locate('Mandalay', 'MMR')`); {machine()}\n")
    print("| gazetteer index | wall s with Python's start-up, each run | CPU s from the import (median) "
          "| peak RSS (median) |")
    print("|---|---|---|---|")
    for label, rows in (("built (empty cache folder)", built), ("read back from the cache folder", read)):
        walls = ", ".join(f"{m.seconds:.2f}" for m in rows)
        cpu = statistics.median(float(m.stdout.split()[-1]) for m in rows)
        rss = statistics.median(m.peak_rss_mib for m in rows)
        print(f"| {label} | {walls} | {cpu:.2f} | {rss:.0f} MiB |")
    ratio = statistics.median(m.seconds for m in built) / statistics.median(m.seconds for m in read)
    print(f"\nread back ÷ built: {1 / ratio:.2f} of the wall time")


if __name__ == "__main__":
    main()
