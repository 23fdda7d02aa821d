"""Opening the database, for the app (reading) and for the ETL (one writer at a time).

DuckDB lets one process write a file, and only when no other process has it open. So the ETL stages a
load elsewhere (reading this file read-only, like the app), and only for its short apply step announces
itself in `<db>.writing` (its PID): the app's Store closes its connection while that file names a live
process, waits, and reconnects to the new state. The apply step is one transaction, so the app never
sees a half-loaded database, and a load killed at any point leaves the previous state.
"""

from __future__ import annotations

import fcntl
import os
import shlex
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # the ETL opens databases through this module and never needs pandas
    import pandas as pd

from monitor import migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The app's read-only connection is shared by every session of one server. DuckDB's defaults (80% of RAM, a
# thread per core) let one heavy query take the machine; these keep a server on a 2-core machine within
# ~1.5 GB whatever the data's size (bigger sorts and hash tables spill to the temp directory instead).
# Measured at 10M events with bench/page_runs.py and the Chromium bench (README, Performance).
READER_MEMORY_LIMIT = os.environ.get("MONITOR_DUCKDB_MEMORY", "768MB")
READER_THREADS = int(os.environ.get("MONITOR_DUCKDB_THREADS", "2"))
# A page of the Data page is `ORDER BY … LIMIT 1000` over millions of wide rows. With late materialisation DuckDB
# sorts the row ids and a few key columns, then reads the whole rows of the 1,000 it keeps; its default stops at
# 50 rows. At 10M events a pair's latest 1,000 events took 3.1 s on a cold server without it, 0.8 s with it.
LATE_MATERIALISATION_ROWS = 1000
WAIT_FOR_WRITER_SECONDS = 300
WATCH_INTERVAL = 0.2


def default_db_path() -> Path:
    """$MONITOR_DB, else data/monitor.duckdb in the project."""
    env = os.environ.get("MONITOR_DB")
    return Path(env) if env else PROJECT_ROOT / "data" / "monitor.duckdb"


def _identity(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def intent_path(db: Path) -> Path:
    return db.with_name(db.name + ".writing")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def writer_pid(db: Path) -> int | None:
    """The PID of a live process applying a load to `db`, or None."""
    try:
        pid = int(intent_path(db).read_text().strip() or 0)
    except (OSError, ValueError):
        return None
    return pid if pid and pid_alive(pid) else None


def reader_config() -> dict[str, str | int]:
    """DuckDB settings for the app's read-only connection (memory bounded, spills to a private temp folder)."""
    spill = Path(tempfile.gettempdir()) / f"conflict-monitor-duckdb-{os.getuid()}"
    return {"memory_limit": READER_MEMORY_LIMIT, "threads": READER_THREADS, "temp_directory": str(spill),
            "late_materialization_max_rows": LATE_MATERIALISATION_ROWS}


class Store:
    """Read-only access to one database file, a cursor per query (a DuckDB connection is not thread-safe).

    Steps aside while the ETL applies a load (see the module docstring)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_db_path()
        self._lock = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int, int] | None = None
        self._active = 0
        self._watcher: threading.Thread | None = None

    def exists(self) -> bool:
        return self.path.exists()

    def _wait_for_writer(self) -> None:
        """Called with the lock held: close and wait while a load is being applied (bounded)."""
        deadline = time.monotonic() + WAIT_FOR_WRITER_SECONDS
        told = False
        while (pid := writer_pid(self.path)) is not None and pid != os.getpid():
            self._close_if_idle()
            if time.monotonic() > deadline:
                raise TimeoutError(f"a load into {self.path} (process {pid}) has not finished after "
                                   f"{WAIT_FOR_WRITER_SECONDS} s")
            if not told:
                print(f"waiting for a load into {self.path} (process {pid}) to finish …", file=sys.stderr)
                told = True
            self._lock.wait(WATCH_INTERVAL)

    def _close_if_idle(self) -> None:
        if self._con is not None and self._active == 0:
            self._con.close()
            self._con = None

    def _watch(self) -> None:
        """Give the connection up as soon as a writer announces itself, even when no one is querying."""
        while True:
            time.sleep(WATCH_INTERVAL)
            if writer_pid(self.path) is not None:
                with self._lock:
                    self._close_if_idle()

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if not self.path.exists():
            raise FileNotFoundError(
                f"No database at {self.path}. Build it with `python -m etl build` (or `make run`)."
            )
        self._wait_for_writer()
        identity = _identity(self.path)
        if self._con is None or identity != self._identity:
            if self._con is not None and self._active == 0:
                self._con.close()
            self._con = duckdb.connect(str(self.path), read_only=True)
            # SET, not connect(config=…): another connection to the same file in this process (a test's,
            # the briefing's) must not be refused for asking with a different configuration. GLOBAL: every query
            # runs on a cursor, a connection of its own, which a plain SET of a per-connection setting misses.
            for name, value in reader_config().items():
                self._con.execute(f"SET GLOBAL {name} = '{value}'")
            self._identity = identity
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, daemon=True, name="store-watch")
            self._watcher.start()
        return self._con

    def query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        """Run one parameterised query on its own cursor and return a DataFrame."""
        with self._lock:
            cursor = self._connection().cursor()
            self._active += 1
        try:
            return cursor.execute(sql, list(params)).df()
        finally:
            cursor.close()
            with self._lock:
                self._active -= 1
                self._lock.notify_all()

    def execute(self, sql: str, params: list | tuple = ()) -> None:
        """Run one statement that returns no rows (a COPY of a query to a file) on its own cursor."""
        with self._lock:
            cursor = self._connection().cursor()
            self._active += 1
        try:
            cursor.execute(sql, list(params))
        finally:
            cursor.close()
            with self._lock:
                self._active -= 1
                self._lock.notify_all()

    def version(self) -> tuple[int, int, int]:
        """Changes whenever the ETL writes to the database; a key for caches."""
        return _identity(self.path)

    def missing_schema(self) -> list[str]:
        """The tables and columns this version of the code needs that the database lacks (an older
        database: migrate.missing_parts). The app never writes; `python -m etl upgrade` adds them."""
        have = self.query("SELECT table_name, column_name FROM information_schema.columns "
                          "WHERE table_catalog = current_database()")
        return migrate.missing_parts(have.itertuples(index=False, name=None))


def upgrade_command(db: Path) -> str:
    """The command that brings an older database up to date, for a user to paste."""
    return f"python -m etl upgrade --db {shlex.quote(str(db))}"


def outdated_notice(db: Path, missing: list[str], shown: int = 4) -> str:
    """What the app says instead of a page when the database is older than the code (plain text)."""
    named = ", ".join(missing[:shown]) + (f" and {len(missing) - shown} more" if len(missing) > shown else "")
    return (f"This database ({db.name}) was built by an older version of Conflict Monitor: it has no {named}. "
            "Your data is fine. Bring the database up to date with the command below (it adds what is missing "
            "and keeps every row; loading a file into it with python -m etl load does the same first), then "
            "reload this page.")


# --- the writer's side -------------------------------------------------------------------------------

LEFTOVER_MARKERS = (".loading-", ".building-")


def clean_leftovers(db: Path) -> list[Path]:
    """Remove what killed loads left beside `db` (scratch databases, announcements of dead writers)."""
    removed = []
    for path in db.parent.glob(f"{db.name}.*"):
        rest = path.name[len(db.name):]
        marker = next((m for m in LEFTOVER_MARKERS if rest.startswith(m)), None)
        if marker is None:
            continue
        pid_text = rest[len(marker):].split(".", 1)[0]
        if pid_text.isdigit() and not pid_alive(int(pid_text)) and int(pid_text) != os.getpid():
            _remove(path)
            removed.append(path)
    intent = intent_path(db)
    if intent.exists() and writer_pid(db) is None:
        intent.unlink(missing_ok=True)
        removed.append(intent)
    return removed


def _remove(path: Path) -> None:
    if path.is_dir():
        for child in path.iterdir():
            _remove(child)
        path.rmdir()
    else:
        path.unlink(missing_ok=True)


@contextmanager
def writer_lock(target: Path) -> Iterator[None]:
    """One writer at a time. The lock file is removed on release, so nothing is left behind."""
    lock_path = target.with_name(target.name + ".lock")
    told = False
    while True:
        lock = open(lock_path, "a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not told:
                print(f"waiting for another load into {target} to finish …", file=sys.stderr)
                told = True
            fcntl.flock(lock, fcntl.LOCK_EX)
        # The holder before us removes the file as it releases: lock the file that is there now.
        if lock_path.exists() and os.fstat(lock.fileno()).st_ino == lock_path.stat().st_ino:
            break
        lock.close()
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        lock.close()


@contextmanager
def announced_write(target: Path) -> Iterator[None]:
    """Announce an apply step in `<db>.writing` so that readers step aside; removed afterwards."""
    intent = intent_path(target)
    intent.write_text(str(os.getpid()))
    try:
        yield
    finally:
        intent.unlink(missing_ok=True)
