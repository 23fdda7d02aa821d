"""Shared fixtures: the bundled database built once per session, and helpers to run the ETL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT.parent / "shared" / "realdata"


def run_etl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m etl ...` in a subprocess, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=600)


def etl_json(*args: str) -> tuple[int, dict]:
    done = run_etl(*args, "--json")
    return done.returncode, json.loads(done.stdout)


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory) -> Path:
    """data/sources/ built into a fresh database file."""
    db = tmp_path_factory.mktemp("bundled") / "monitor.duckdb"
    done = run_etl("build", "--db", str(db))
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
