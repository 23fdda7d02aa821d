"""Shared fixtures: the bundled database built once per session, and helpers to run the ETL."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import duckdb
import pytest

from etl.cli import main
from etl.load import FileReport, load_file
from monitor import migrate

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT.parent / "shared" / "realdata"

# The gazetteer's name index is kept between processes (monitor/geo.py): in the tests', their servers' and their
# commands' own folder, not the developer's home. Built by the first process of a run, read back by the rest.
os.environ.setdefault("MONITOR_CACHE_DIR", str(Path(tempfile.gettempdir()) / f"conflict-monitor-tests-{os.getuid()}"))


# The slowest files, longest first (seconds on one worker of `make test`, 2 workers, --durations=0, Dec 2026):
# started first so that no worker is left running a long file at the end while the other idles (longest
# processing time first). `make test` passes --no-loadscope-reorder so that pytest-xdist keeps this order rather
# than its own (files with the most tests first, which put these few-test files last). A stale list costs time,
# never a result.
SLOWEST_FILES = (
    "tests/e2e/test_team_proxy.py",  # 92
    "tests/e2e/test_hostile_data.py",  # 78
    "tests/e2e/test_team_login.py",  # 64
    "tests/unit/test_real_un_publishers.py",  # 62
    "tests/e2e/test_filter_links.py",  # 52
    "tests/e2e/test_links.py",  # 51
    "tests/e2e/test_notes.py",  # 50
    "tests/fuzz/test_etl_fuzz.py",  # 42
    "tests/e2e/test_pages.py",  # 39
    "tests/e2e/test_bench_quick.py",  # 34
    "tests/unit/test_real_wide_votes.py",  # 23
    "tests/unit/test_notes_store.py",  # 22
    "tests/e2e/test_extract.py",  # 21
    "tests/e2e/test_versions.py",  # 20
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {path: i for i, path in enumerate(SLOWEST_FILES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: the rest keep their order


def run_etl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m etl ...` in a subprocess, as a user runs it: for what only the real process shows (the
    interpreter's exit status, a kill mid-write, another process holding the database)."""
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=600)


def etl(*args: str) -> subprocess.CompletedProcess:
    """`python -m etl ...` in this process (etl.cli.main): its exit code and what it printed, as run_etl
    returns them, without starting an interpreter. An exception is what the command would print as a
    traceback, exit 1."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as e:  # argparse
            code = e.code if isinstance(e.code, int) else 2
        except Exception:
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(["python", "-m", "etl", *args], code, out.getvalue(), err.getvalue())


def etl_json(*args: str) -> tuple[int, dict]:
    done = etl(*args, "--json")
    return done.returncode, json.loads(done.stdout)


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory) -> Path:
    """data/sources/ built into a fresh database file."""
    db = tmp_path_factory.mktemp("bundled") / "monitor.duckdb"
    done = etl("build", "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    return db


@pytest.fixture()
def query(bundled_db):
    def run(sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(bundled_db), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    return run


def realdata(relative: str) -> Path:
    """A file of ../shared/realdata, or skip the test (a clone outside this team has no shared/)."""
    path = REALDATA / relative
    if not path.exists():
        pytest.skip(f"real-data sample {relative} not found at {REALDATA}: tests over real exports need it")
    return path


FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture()
def con(tmp_path):
    """An empty database with the full schema, opened for writing."""
    connection = duckdb.connect(str(tmp_path / "t.duckdb"))
    migrate.create_all(connection)
    yield connection
    connection.close()


def load_accounted(con, path: Path) -> FileReport:
    """Load a file in-process and check the accounting every file must keep."""
    report = load_file(con, path, progress=False)
    assert report.error is None, report.error
    assert report.rows_read == report.rows_loaded + report.rows_duplicate + report.rows_rejected
    return report


def fetch_row(con, table: str, key_column: str, key: str) -> dict:
    """One row as {column: value}; fails when it was not loaded."""
    cur = con.execute(f"SELECT * FROM {table} WHERE {key_column} = ?", [key])
    names = [d[0] for d in cur.description]
    row = cur.fetchone()
    assert row is not None, f"{table} {key} not loaded"
    return dict(zip(names, row, strict=True))


# The real UCDP Myanmar, ACLED Bangladesh and GDELT samples of ../shared/realdata in one database (and nothing
# else: numbers computed from the raw files are the whole database's), for the breakdown, Actors, Map and GDELT
# balance tests; skipped, with the reason, where the samples are absent.
REAL_UCDP = "ucdp/ged_myanmar_1989_2023_netify.csv"
REAL_ACLED = "acled/acled_bangladesh_sample.csv"
REAL_GDELT = "gdelt/gdeltpyr_events2samps_20170701234500.csv"


@pytest.fixture(scope="session")
def real_db(tmp_path_factory) -> Path:
    files = [str(realdata(name)) for name in (REAL_UCDP, REAL_ACLED, REAL_GDELT)]
    db = tmp_path_factory.mktemp("real") / "real.duckdb"
    loaded = etl("load", *files, "--db", str(db), "--json")
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    return db


@pytest.fixture()
def real_store(real_db):
    from monitor.store import Store

    return Store(real_db)
