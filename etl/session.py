"""One command's load: stage every file in a scratch database, then apply it to the real one at once.

The scratch database (`<db>.loading-<pid>`, beside the target, removed afterwards) does the heavy work
with the target ATTACHed read-only, so the app keeps reading while a big file is staged. The apply step
opens the target for writing only for one transaction (monitor/store.py explains how the app steps
aside). `build` makes a new database beside the target and swaps it in whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl.load import stage_file
from etl.reader import InputError
from etl.report import FileReport
from etl.sql import ident
from etl.workspace import Workspace, memory_limit_bytes
from etl.writer import apply
from monitor import migrate, store

MEMORY_LIMIT_ENV = "MONITOR_ETL_MEMORY"
# The base of every command's limit. At 1M SYNTHETIC ACLED rows the load peaks ~155 MiB above its limit (the
# interpreter's 77 included) while the typed query builds the checked rows: 500 put that peak at 1.31-1.35x
# DuckDB's own read of the file (issue 21's target is 1.3x), 450 at 1.2x for the same CPU and wall time
# (alternated, docs/etl-performance.md); at 400 the checked rows spilled and the insert cost more.
BASE_MEMORY_MB = 450
OPEN_FOR_WRITING_SECONDS = 120
LIVE = "etl_target"  # the database being loaded into, as the scratch connection names it
SCRATCH = "etl_scratch"


def check_db_path(db: Path) -> None:
    """A careless --db gets a clear error (exit 2) before anything is created."""
    if db.is_dir():
        raise InputError(f"--db {db} is a folder: name a database file, e.g. {db / 'monitor.duckdb'}")
    if db.exists():
        with db.open("rb") as f:
            head = f.read(12)
        if len(head) >= 12 and head[8:12] != b"DUCK":
            raise InputError(f"--db {db} is not a DuckDB database (the monitor's databases are). "
                             "Name another file; a new one is created on the first load.")


# The ordered raw read (etl/stage.py) keeps each thread's rows until they can be appended in file order, and under
# a tight memory_limit the threads wait on one another: in a 1M-row real-shaped load (640 MB) the read took 7.2-7.4 s
# under the load's 580 MB and 5.3-5.7 s under 1 GiB, at the same peak RSS (~700 MiB). So the read alone gets at
# least this much, unless MONITOR_ETL_MEMORY sets the limit (docs/etl-performance.md).
READ_MEMORY_FLOOR = 1 << 30


def memory_limit(db: Path, paths: list[Path]) -> str:
    """DuckDB's memory_limit for one command: a flat base, plus room for what cannot spill to disk. The
    tables' key indexes (ART) live in memory and grow with the rows: 10M events need ~0.5 GB of them, so a
    fixed 500 MB failed at commit. Grows by an eighth of the input and a quarter of the target database,
    and never past 40% of the machine. MONITOR_ETL_MEMORY (e.g. 2GB) overrides."""
    if os.environ.get(MEMORY_LIMIT_ENV):
        return os.environ[MEMORY_LIMIT_ENV]
    mib = 1 << 20
    inputs = sum(p.stat().st_size for p in paths if p.is_file())
    target = db.stat().st_size if db.is_file() else 0
    wanted = BASE_MEMORY_MB + (inputs // 8 + target // 4) // mib
    ceiling = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * 2 // 5 // mib
    return f"{max(BASE_MEMORY_MB, min(wanted, ceiling))}MB"


def _scratch(db: Path, where: Path, paths: list[Path]) -> tuple[duckdb.DuckDBPyConnection, Path]:
    path = where / f"{db.name}.loading-{os.getpid()}"
    tmp = Path(f"{path}.tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config={"memory_limit": memory_limit(db, paths), "temp_directory": str(tmp),
                                 "preserve_insertion_order": False})  # rows carry their position
    con.execute("SET enable_progress_bar = false")  # our own progress line, and never into --json
    con.execute(f"ATTACH '{path}' AS {SCRATCH}")
    con.execute(f"USE {SCRATCH}")
    return con, tmp


def _attach(con: duckdb.DuckDBPyConnection, db: Path | None, *, read_only: bool) -> None:
    """The target as `live`; an empty in-memory one with the schema when it does not exist yet."""
    if db is None or not db.exists():
        con.execute(f"ATTACH ':memory:' AS {LIVE}")
        _create_schema(con)
        return
    mode = " (READ_ONLY)" if read_only else ""
    try:
        con.execute(f"ATTACH '{db}' AS {LIVE}{mode}")
    except duckdb.IOException as e:
        raise InputError(f"--db {db}: cannot be opened ({str(e).splitlines()[0]})") from None
    except duckdb.Error as e:
        raise InputError(f"--db {db} is not a DuckDB database the monitor can read ({str(e).splitlines()[0]})"
                         ) from None


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Every table in `live` (new or older databases), then back to the scratch database."""
    home = con.execute("SELECT current_database()").fetchone()[0]
    con.execute(f"USE {LIVE}")
    try:
        migrate.create_all(con)
    finally:
        con.execute(f"USE {ident(home)}")


def _missing_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    have = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       f"WHERE table_catalog = '{LIVE}'").fetchall()
    return migrate.missing_parts(have)


def _bring_up_to_date(con: duckdb.DuckDBPyConnection, db: Path) -> list[str]:
    """Add the tables and columns an older database lacks (a short write); what was missing."""
    missing = _missing_schema(con) if db.exists() else []
    if missing:
        with _writing(con, db):
            pass  # _writing's create_all brings the schema up to date
        _attach(con, db, read_only=True)
    return missing


def _open_for_writing(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """Attach the target read-write, waiting (bounded) for readers that have not let go yet."""
    deadline = time.monotonic() + OPEN_FOR_WRITING_SECONDS
    while True:
        try:
            con.execute(f"ATTACH '{db}' AS {LIVE}")
            return
        except duckdb.IOException as e:
            if time.monotonic() > deadline:
                raise InputError(f"{db} stayed open in another program for {OPEN_FOR_WRITING_SECONDS} s "
                                 f"({str(e).splitlines()[0]}); close it and load again. Nothing was written.") from None
            time.sleep(0.2)


@contextmanager
def _writing(con: duckdb.DuckDBPyConnection, db: Path) -> Iterator[None]:
    """`live` = the target, open for writing, announced to readers, for as short as possible."""
    con.execute(f"DETACH {LIVE}")
    with store.announced_write(db):
        _open_for_writing(con, db)
        try:
            _create_schema(con)
            yield
        finally:
            con.execute(f"DETACH {LIVE}")


def _stage_all(con: duckdb.DuckDBPyConnection, paths: list[Path], requested: str, tmp: Path, quiet: bool
               ) -> tuple[Workspace, list[FileReport]]:
    ws = Workspace(con, LIVE, temp=False, memory_room=2 * memory_limit_bytes(con),
                   read_memory=0 if os.environ.get(MEMORY_LIMIT_ENV) else READ_MEMORY_FLOOR)
    reports = [stage_file(ws, p, requested, tmp, progress=not quiet) for p in paths]
    return ws, reports


def load(db: Path, paths: list[Path], requested: str, *, quiet: bool) -> list[FileReport]:
    """`etl load`: stage everything, then one transaction into `db` (created when new)."""
    check_db_path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    with _loading(db, paths) as (con, tmp):
        _bring_up_to_date(con, db)
        ws, reports = _stage_all(con, paths, requested, tmp, quiet)
        if con.execute("SELECT count(*) FROM stage_batches").fetchone()[0]:
            with _writing(con, db):
                apply(ws, "load", reports)
        return reports


def upgrade(db: Path) -> list[str]:
    """`etl upgrade`: add what an older database lacks (tables, columns), keeping every row; what was added."""
    check_db_path(db)
    if not db.exists():
        raise InputError(f"no database at {db}: `python -m etl build --db {db}` makes one")
    with _loading(db, []) as (con, _):
        return _bring_up_to_date(con, db)


@contextmanager
def _loading(db: Path, paths: list[Path]) -> Iterator[tuple[duckdb.DuckDBPyConnection, Path]]:
    """The one writer's session for loading `paths`: the lock, a scratch database beside `db` reading it
    (`live`, read-only), and nothing of it left afterwards."""
    with store.writer_lock(db):
        store.clean_leftovers(db)
        con, tmp = _scratch(db, db.parent, paths)
        scratch = Path(str(tmp).removesuffix(".tmp"))
        try:
            _attach(con, db, read_only=True)
            yield con, tmp
        finally:
            con.close()
            for leftover in (scratch, Path(f"{scratch}.wal"), tmp):
                if leftover.exists():
                    shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()


def check(db: Path, paths: list[Path], requested: str, *, quiet: bool) -> list[FileReport]:
    """`etl check`: the same staging against `db` (read-only, if it exists); nothing is written."""
    check_db_path(db)
    with tempfile.TemporaryDirectory() as where:
        con, tmp = _scratch(db, Path(where), paths)
        try:
            _attach(con, db if db.exists() else None, read_only=True)
            _, reports = _stage_all(con, paths, requested, tmp, quiet)
            return reports
        finally:
            con.close()


def build(db: Path, paths: list[Path], *, quiet: bool) -> list[FileReport]:
    """`etl build`: a new database from `paths`, swapped in whole over `db` when done."""
    check_db_path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    with store.writer_lock(db):
        store.clean_leftovers(db)
        fresh = db.with_name(f"{db.name}.building-{os.getpid()}")
        con, tmp = _scratch(db, db.parent, paths)
        scratch = Path(str(tmp).removesuffix(".tmp"))
        try:
            new = duckdb.connect(str(fresh))
            migrate.create_all(new)
            new.close()
            _attach(con, fresh, read_only=True)
            ws, reports = _stage_all(con, paths, "auto", tmp, quiet)
            con.execute(f"DETACH {LIVE}")
            con.execute(f"ATTACH '{fresh}' AS {LIVE}")
            apply(ws, "build", reports)
            con.execute(f"DETACH {LIVE}")
            con.close()
            os.replace(fresh, db)
            return reports
        finally:
            con.close()
            for leftover in (scratch, Path(f"{scratch}.wal"), tmp, fresh, Path(f"{fresh}.wal")):
                if leftover.exists():
                    shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
