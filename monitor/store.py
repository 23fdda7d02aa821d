"""Opening the database.

The app reads; the ETL writes a new snapshot file and swaps it in with os.replace (DuckDB allows one
writer process and blocks readers of the same file). Readers notice the swap by the file's identity
(inode, mtime) and reconnect, so the dashboard never sees a half-loaded database.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from monitor import schema

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_db_path() -> Path:
    """$MONITOR_DB, else data/monitor.duckdb in the project."""
    env = os.environ.get("MONITOR_DB")
    return Path(env) if env else PROJECT_ROOT / "data" / "monitor.duckdb"


def _identity(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Store:
    """Read-only access to one database file, a cursor per query (a DuckDB connection is not thread-safe)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_db_path()
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int, int] | None = None

    def exists(self) -> bool:
        return self.path.exists()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if not self.path.exists():
            raise FileNotFoundError(
                f"No database at {self.path}. Build it with `python -m etl build` (or `make run`)."
            )
        identity = _identity(self.path)
        with self._lock:
            if self._con is None or identity != self._identity:
                if self._con is not None:
                    self._con.close()
                self._con = duckdb.connect(str(self.path), read_only=True)
                self._identity = identity
            return self._con

    def query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        """Run one parameterised query on its own cursor and return a DataFrame."""
        cursor = self._connection().cursor()
        try:
            return cursor.execute(sql, list(params)).df()
        finally:
            cursor.close()

    def version(self) -> tuple[int, int, int]:
        """Changes whenever the ETL swaps in a new database; a key for caches."""
        return _identity(self.path)


# --- the writer's side -------------------------------------------------------------------------------


def new_snapshot(target: Path, *, fresh: bool = False, where: Path | None = None) -> Path:
    """A private copy of `target` (or a new empty database) to write into: beside it on the same disk
    (so os.replace is atomic), or in `where` for a copy that is thrown away."""
    folder = where or target.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{target.name}.loading-{os.getpid()}"
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if target.exists() and not fresh:
        shutil.copyfile(target, tmp)
    con = duckdb.connect(str(tmp))
    try:
        schema.create_all(con)
    finally:
        con.close()
    return tmp


@contextmanager
def writer_lock(target: Path) -> Iterator[None]:
    """One writer at a time: two loads that both copy the database would each drop the other's rows."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(target.name + ".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another load into {target} to finish …", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def publish_snapshot(tmp: Path, target: Path) -> None:
    """Atomically replace `target` with the finished snapshot."""
    os.replace(tmp, target)


def discard_snapshot(tmp: Path) -> None:
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
