"""A real PostgreSQL server for tests, started in a temporary directory on loopback and stopped afterwards.

Debian puts the server programs off PATH (/usr/lib/postgresql/<major>/bin), and initdb and pg_ctl refuse to run
as root: as root they run as the `postgres` user the package creates, in a directory it owns. (pytest-postgresql
has no option for that, so this does the same few steps itself.) Without the programs the tests skip and say how
to get them.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

HOW_TO = ("PostgreSQL's server programs (initdb, pg_ctl) were not found: install Debian's `postgresql` package "
          "(`apt-get install postgresql`; .ci/run does) to run the notes tests on PostgreSQL")


def server_programs() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else the newest of Debian's /usr/lib/postgresql/*/bin."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh server; yields its URL (user `notes`, database `postgres`, trust on loopback only)."""
    programs = server_programs()
    if programs is None:
        pytest.skip(HOW_TO)
    root = Path(tempfile.mkdtemp(prefix="notes-pg-"))  # not under pytest's tmp: its parents are closed to others
    run_as: dict = {}
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no `postgres` user to run the server as: " + HOW_TO)
        os.chown(root, owner.pw_uid, owner.pw_gid)
        run_as = {"user": owner.pw_uid, "group": owner.pw_gid}
    data, log = root / "data", root / "server.log"
    port = _free_port()
    try:
        subprocess.run([str(programs / "initdb"), "-D", str(data), "-U", "notes", "--auth=trust", "-E", "UTF8",
                        "--no-instructions", "--no-sync"], check=True, capture_output=True, cwd=root, **run_as)
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
        subprocess.run([str(programs / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60",
                        "start"], check=True, capture_output=True, cwd=root, **run_as)
        yield f"postgresql://notes@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([str(programs / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, cwd=root, **run_as)
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(server_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}"')
        con.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"
