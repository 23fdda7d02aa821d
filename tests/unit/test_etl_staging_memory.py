"""A file's checked rows are staged in memory while the command's input fits twice the load's memory limit, and
compressed into the scratch file past it (etl.workspace.Workspace.hold_in_memory; docs/etl-performance.md). Where
they were staged changes no outcome: the same files loaded with no room, with room for some of them and with room
for all give the same database, row for row, and the same reports."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from etl import load as etl_load
from etl import session
from etl.stage import read_file
from monitor.schema import TABLES
from tests.conftest import FIXTURES, etl

# 3,013 + 3,805 + 2,598 bytes: with room for 3,200 only the first is held in memory. Events from two publishers,
# and a roll-call matrix whose votes are derived records.
FILES = ["acled_current.csv", "ucdp_ged.csv", "undl_votes.csv"]
TIMES = {"accessed_on", "started_at", "finished_at", "created_at"}  # when the load ran, not what it loaded
HOLD = session.Workspace.hold_in_memory  # the rule itself, recorded around


def load_with_room(monkeypatch, db, limit_bytes: int) -> tuple[dict, dict[str, bool]]:
    """`etl load` of FILES with the memory limit read as `limit_bytes`: its --json report, and for each file
    whether its checked rows were held in memory."""
    held: dict[int, bool] = {}

    def recorded(ws, input_bytes):
        held[input_bytes] = HOLD(ws, input_bytes)
        return held[input_bytes]

    monkeypatch.setattr(session, "memory_limit_bytes", lambda con: limit_bytes)
    monkeypatch.setattr(session.Workspace, "hold_in_memory", recorded)
    done = etl("load", *(str(FIXTURES / f) for f in FILES), "--db", str(db), "--json")
    assert done.returncode == 1, done.stderr  # the fixtures' deliberately bad lines
    report = json.loads(done.stdout)
    for f in report["files"]:
        f.pop("seconds", None)
    return report, {f: held[(FIXTURES / f).stat().st_size] for f in FILES}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[dict, Path]:
    """The three loads, once for this file: {name: (report, held)} and the folder of their databases."""
    where = tmp_path_factory.mktemp("rooms")
    out = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name, limit in (("no_room", 0), ("some_room", 1_600), ("room_for_all", 1 << 30)):
            out[name] = load_with_room(monkeypatch, where / f"{name}.duckdb", limit)
    return out, where


@pytest.fixture()
def three_ways(loaded) -> dict:
    return loaded[0]


def test_the_room_decides_which_files_are_held_in_memory(three_ways):
    assert set(three_ways["no_room"][1].values()) == {False}
    assert three_ways["some_room"][1] == {"acled_current.csv": True, "ucdp_ged.csv": False, "undl_votes.csv": False}
    assert set(three_ways["room_for_all"][1].values()) == {True}


def test_every_table_and_report_is_the_same_wherever_the_rows_were_staged(three_ways, loaded):
    assert three_ways["no_room"][0] == three_ways["some_room"][0] == three_ways["room_for_all"][0]
    con = duckdb.connect()
    for name in three_ways:
        con.execute(f"ATTACH '{loaded[1] / name}.duckdb' AS {name} (READ_ONLY)")
    for table in TABLES.values():
        cols = ", ".join(c.name for c in table.columns if c.name not in TIMES)
        for other in ("some_room", "room_for_all"):
            a, b = f"SELECT {cols} FROM no_room.{table.name}", f"SELECT {cols} FROM {other}.{table.name}"
            differ = con.execute(f"SELECT (SELECT count(*) FROM ({a} EXCEPT ALL {b})) + "
                                 f"(SELECT count(*) FROM ({b} EXCEPT ALL {a}))").fetchone()[0]
            assert differ == 0, f"{table.name}: {differ} rows differ between no room and {other}"
    for table in ("events", "resolutions", "votes", "rejects"):  # each kind of row was compared, not empty tables
        assert con.execute(f"SELECT count(*) FROM no_room.{table}").fetchone()[0] > 0, table


class LimitAtRead:
    """A load's DuckDB connection, recording its memory_limit whenever a statement reads a CSV file."""

    def __init__(self, con, seen: list[str]) -> None:
        self._con, self._seen = con, seen

    def execute(self, sql: str, *args):
        if "read_csv(" in sql:
            self._seen.append(self._con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def limits_around_reads(monkeypatch, tmp_path) -> tuple[list[str], list[str]]:
    """`etl load` of one fixture: DuckDB's memory_limit while its raw read ran, and right after the read."""
    seen: list[str] = []
    after: list[str] = []

    def watched(ws, job, scratch):
        con = ws.con
        ws.con = LimitAtRead(con, seen)
        try:
            read_file(ws, job, scratch)
        finally:
            ws.con = con
        after.append(ws.scalar("SELECT current_setting('memory_limit')"))

    monkeypatch.setattr(etl_load, "read_file", watched)
    done = etl("load", str(FIXTURES / FILES[0]), "--db", str(tmp_path / "m.duckdb"), "--json")
    assert done.returncode == 1, done.stderr  # the fixture's deliberately bad lines
    return seen, after


def test_the_ordered_read_gets_a_memory_floor_and_the_load_its_own_limit_back(monkeypatch, tmp_path):
    monkeypatch.delenv(session.MEMORY_LIMIT_ENV, raising=False)
    seen, after = limits_around_reads(monkeypatch, tmp_path)
    assert seen == ["1.0 GiB"]  # the floor: the load's own limit is 450 MB for a file this small
    # 450 MB again for the rest of the command (as DuckDB shows it, to a tenth of a MiB: 429.2 or 429.1)
    (shown,) = after
    number, unit = shown.split()
    assert unit == "MiB" and abs(float(number) * (1 << 20) - 450e6) < 0.2 * (1 << 20), shown


def test_a_limit_the_user_sets_holds_for_the_read_too(monkeypatch, tmp_path):
    monkeypatch.setenv(session.MEMORY_LIMIT_ENV, "300MB")
    seen, after = limits_around_reads(monkeypatch, tmp_path)
    assert seen == after == ["286.1 MiB"]
