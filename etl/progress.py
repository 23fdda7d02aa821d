"""Progress on a terminal: while DuckDB reads a file, its share done; then the rows and the rate.

Silent when stderr is no terminal (or with --json): a script reading the output sees only the report.
"""

from __future__ import annotations

import sys
import threading

import duckdb

INTERVAL = 0.5


class Progress:
    """A single updating line on stderr for one file."""

    def __init__(self, label: str, enabled: bool, con: duckdb.DuckDBPyConnection) -> None:
        self.label, self.con = label, con
        self.enabled = enabled and sys.stderr.isatty()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._watch, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(INTERVAL):
            try:
                done = self.con.query_progress()
            except duckdb.Error:
                return
            if done >= 0:
                print(f"\r{self.label}: reading … {done:.0f}%", end="", file=sys.stderr, flush=True)

    def finish(self, rows: int, seconds: float) -> None:
        if self.enabled:
            rate = rows / seconds if seconds > 0 else 0
            print(f"\r{self.label}: {rows:,} rows ({rate:,.0f} rows/s)   ", file=sys.stderr, flush=True)
