"""Careless arguments and killed loads (issue 8): an `error:` line and exit 2, never a traceback, and nothing
left behind — by the failing command, or by a load that was killed (the next load cleans up)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from etl.cli import main
from monitor.store import intent_path

SOURCES = "source_id,publisher,title\nsrc1,Test Publisher,A test source\n"
DEAD_PID = 2**22 + 12345  # above the default pid_max: no such process


def beside(db: Path) -> list[str]:
    """Files next to the database other than itself."""
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name) and p != db)


@pytest.fixture()
def sources(tmp_path) -> Path:
    path = tmp_path / "s.csv"
    path.write_text(SOURCES, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["load", "check"])
def test_db_pointing_at_a_folder(tmp_path, sources, capsys, command):
    folder = tmp_path / "folder"
    folder.mkdir()
    assert main([command, str(sources), "--db", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --db ") and "is a folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "s.csv"]  # no stray folder.lock


@pytest.mark.parametrize("command", ["load", "check", "status"])
def test_db_pointing_at_a_file_that_is_no_duckdb_database(tmp_path, sources, capsys, command):
    db = tmp_path / "notes.txt"
    db.write_text("my notes, not a database\n" * 20, encoding="utf-8")
    argv = [command, "--db", str(db)] + ([str(sources)] if command != "status" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --db ") and "not a DuckDB database" in err
    assert beside(db) == [] and db.read_text(encoding="utf-8").startswith("my notes")


def test_leftovers_of_killed_loads_are_removed_by_the_next_load(tmp_path, sources, capsys):
    db = tmp_path / "m.duckdb"
    assert main(["load", str(sources), "--db", str(db)]) == 0
    scratch = db.with_name(f"{db.name}.loading-{DEAD_PID}")
    duckdb.connect(str(scratch)).close()
    Path(f"{scratch}.tmp").mkdir()
    (Path(f"{scratch}.tmp") / "utf8-1.csv").write_text("x")
    db.with_name(f"{db.name}.building-{DEAD_PID}").write_bytes(b"half a database")
    intent_path(db).write_text(str(DEAD_PID))
    assert len(beside(db)) == 4
    again = tmp_path / "s2.csv"
    again.write_text("source_id,publisher,title\nsrc2,P,T\n", encoding="utf-8")
    assert main(["load", str(again), "--db", str(db)]) == 0
    assert beside(db) == []
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 2
    con.close()


def test_a_load_leaves_nothing_beside_the_database(tmp_path, sources):
    db = tmp_path / "m.duckdb"
    assert main(["load", str(sources), "--db", str(db)]) == 0
    assert main(["build", "--db", str(db), "--json"]) in (0, 1)
    assert beside(db) == []
    assert os.path.exists(db)


def test_a_load_out_of_memory_says_what_to_do_and_writes_nothing(tmp_path, sources, capsys, monkeypatch):
    db = tmp_path / "m.duckdb"
    assert main(["load", str(sources), "--db", str(db)]) == 0
    events = tmp_path / "events.csv"
    rows = "".join(f"e{i},2021-03-{1 + i % 28:02d},battle,MMR,src1,curated\n" for i in range(20_000))
    events.write_text("event_id,event_date,event_type,country_iso3,source_id,origin\n" + rows, encoding="utf-8")
    monkeypatch.setenv("MONITOR_ETL_MEMORY", "8MB")  # far too little for DuckDB: it fails mid-command
    assert main(["load", str(events), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: DuckDB failed: Out of Memory") and "MONITOR_ETL_MEMORY" in err
    assert "Traceback" not in err and "delimited text" not in err
    assert beside(db) == []
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    con.close()


def test_the_load_memory_limit_grows_with_the_input(tmp_path, monkeypatch):
    from etl.session import memory_limit

    monkeypatch.delenv("MONITOR_ETL_MEMORY", raising=False)
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    small.write_bytes(b"x" * 1000)
    with big.open("wb") as f:
        f.truncate(4 << 30)  # sparse: a 4 GiB input (10M ACLED rows are 3.9 GB)
    assert memory_limit(tmp_path / "none.duckdb", [small]) == "450MB"
    assert memory_limit(tmp_path / "none.duckdb", [big]) == "962MB"
    monkeypatch.setenv("MONITOR_ETL_MEMORY", "2GB")
    assert memory_limit(tmp_path / "none.duckdb", [big]) == "2GB"
