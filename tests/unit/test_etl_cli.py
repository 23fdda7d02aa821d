"""`python -m etl` as a user runs it: exit codes, messages, JSON, accounting, atomic replacement.

The real process (run_etl) where it is the point: exit statuses, and loads killed mid-write; in-process
(etl) elsewhere."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from monitor.store import intent_path
from tests.conftest import ROOT, etl, etl_json, run_etl

SOURCES = "source_id,publisher,title\nsrc1,Test Publisher,A test source\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_check_names_each_bad_row_and_exits_1(tmp_path):
    db = tmp_path / "new.duckdb"
    sources = write(tmp_path / "s.csv", SOURCES)
    events = write(tmp_path / "e.csv", "event_id,event_date,event_type,country_iso3,source_id\n"
                                       "e1,2021-02-01,coup,MMR,src1\n"
                                       "e2,2021-02-31,coup,MMR,src1\n"
                                       "e3,2021-02-01,coup,Atlantis,src1\n")
    done = run_etl("check", str(sources), str(events), "--db", str(db))
    assert done.returncode == 1
    assert "line 3: bad date '2021-02-31' in event_date" in done.stdout
    assert "line 4: unknown country 'Atlantis' in country_iso3" in done.stdout
    assert "Traceback" not in done.stderr
    assert not db.exists(), "check writes nothing"


def test_binary_file_exits_2_with_a_message(tmp_path):
    binary = tmp_path / "export.xlsx"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    done = run_etl("check", str(binary))
    assert done.returncode == 2
    assert "binary file, not a delimited text table" in done.stderr
    assert "Traceback" not in done.stderr


def test_empty_file_exits_2(tmp_path):
    done = run_etl("load", str(write(tmp_path / "empty.csv", "")), "--db", str(tmp_path / "x.duckdb"))
    assert done.returncode == 2
    assert "the file is empty" in done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_header_names_columns_and_known_formats(tmp_path):
    done = etl("check", str(write(tmp_path / "odd.csv", "foo,bar,baz\n1,2,3\n")))
    assert done.returncode == 2
    assert "Columns seen: foo, bar, baz" in done.stderr
    assert "events" in done.stderr and "casualties" in done.stderr


def test_a_header_with_a_blank_column_name_is_read_not_a_traceback(tmp_path):  # found by tests/fuzz
    events = write(tmp_path / "e.csv", "event_id,event_date,,event_type,country_iso3,source_id\n"
                                       "e1,2021-02-01,x,coup,MMR,src1\ne2,2021-02-01,,coup,MMR,src1\n")
    done = etl("check", str(write(tmp_path / "s.csv", SOURCES)), str(events))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert "e.csv [events]: read 2, loaded 2, duplicate 0, rejected 0" in done.stdout


def test_a_short_line_is_one_reject_however_many_fields_it_lacks(tmp_path):  # DuckDB reports one per field
    events = write(tmp_path / "e.csv", "event_id,event_date,event_type,country_iso3,source_id\n"
                                       "e1,2021-02-01,coup,MMR,src1\ne2,2021-02-01,coup\nMMR,src1\n")
    done = etl("check", str(write(tmp_path / "s.csv", SOURCES)), str(events))
    assert done.returncode == 1
    assert "e.csv [events]: read 3, loaded 1, duplicate 0, rejected 2" in done.stdout
    grouped = "       2 × has N fields but the header has N: look for a stray delimiter or an unclosed quote"
    assert grouped in done.stdout
    assert [line.strip() for line in done.stdout.splitlines() if line.strip().startswith("line ")] == [
        "line 3: has 3 fields but the header has 5: look for a stray delimiter or an unclosed quote",
        "line 4: has 2 fields but the header has 5: look for a stray delimiter or an unclosed quote"]


def test_json_report_accounts_for_every_row(tmp_path):
    db = tmp_path / "j.duckdb"
    sources = write(tmp_path / "s.csv", SOURCES)
    events = write(tmp_path / "e.csv", "event_id,event_date,event_type,country_iso3,source_id\n"
                                       "e1,2021-02-01,coup,MMR,src1\ne1,2021-02-01,coup,MMR,src1\n"
                                       "e2,2021-02-01,coup,XX1,src1\n")
    code, report = etl_json("load", str(sources), str(events), "--db", str(db))
    assert code == 1
    by_format = {f["format"]: f for f in report["files"]}
    ev = by_format["events"]
    assert (ev["rows_read"], ev["rows_loaded"], ev["rows_duplicate"], ev["rows_rejected"]) == (3, 1, 1, 1)
    assert ev["reasons"] == {"unknown country … in country_iso3 (use an ISO-3 code such as MMR)": {
        "count": 1, "examples": [{"line": 4, "reason": "unknown country 'XX1' in country_iso3 (use an ISO-3 code "
                                                        "such as MMR)"}]}}
    # loading the same files again changes nothing
    code, again = etl_json("load", str(sources), str(events), "--db", str(db))
    ev2 = {f["format"]: f for f in again["files"]}["events"]
    assert (ev2["rows_loaded"], ev2["rows_duplicate"], ev2["rows_rejected"]) == (0, 2, 1)
    assert count(db, "events") == 1


def test_status_lists_tables_and_batches(bundled_db):
    done = etl("status", "--db", str(bundled_db), "--json")
    status = json.loads(done.stdout)
    assert status["tables"]["resolutions"] >= 1
    assert status["tables"]["rejects"] == 0
    assert {b["format"] for b in status["batches"]} >= {"sources", "events", "votes"}


def big_events(path: Path, rows: int = 400_000) -> Path:
    """Enough events citing src1 that a load takes seconds: time to kill it at a chosen step."""
    with path.open("w") as f:
        f.write("event_id,event_date,event_type,country_iso3,fatalities_best,source_id\n")
        for i in range(rows):
            f.write(f"e{i},2021-03-{1 + i % 28:02d},battle,MMR,{i % 7},src1\n")
    return path


def test_killed_load_leaves_the_old_database_intact(tmp_path):
    db = tmp_path / "atomic.duckdb"
    sources = write(tmp_path / "s.csv", SOURCES)
    assert etl("load", str(sources), "--db", str(db)).returncode == 0
    big = big_events(tmp_path / "big.csv")
    before = count(db, "batches")
    proc = subprocess.Popen([sys.executable, "-m", "etl", "load", str(big), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    snapshot = db.with_name(f"{db.name}.loading-{proc.pid}")
    deadline = time.monotonic() + 120
    # kill it once rows are being written into its snapshot
    while time.monotonic() < deadline and proc.poll() is None:
        if snapshot.exists() and snapshot.stat().st_size > db.stat().st_size:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the load finished before it could be killed; make the file bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert count(db, "events") == 0
    assert count(db, "batches") == before
    assert count(db, "sources") == 1


@pytest.mark.parametrize("delay", [0.0, 0.6, 1.5])
def test_a_load_killed_while_it_writes_leaves_the_old_or_the_new_database_and_nothing_after_the_next(tmp_path, delay):
    """The apply step, the one transaction into the live file (announced in <db>.writing), killed `delay` s in."""
    db = tmp_path / "apply.duckdb"
    assert etl("load", str(write(tmp_path / "s.csv", SOURCES)), "--db", str(db)).returncode == 0
    old = {t: count(db, t) for t in ("events", "batches", "versions")}
    proc = subprocess.Popen([sys.executable, "-m", "etl", "load", str(big_events(tmp_path / "big.csv")), "--db",
                             str(db)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    writing = intent_path(db)
    deadline = time.monotonic() + 300
    while proc.poll() is None and not writing.exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    assert proc.poll() is None, "the load finished before it wrote; make the file bigger"
    time.sleep(delay)
    killed_while_writing = proc.poll() is None and writing.exists()
    proc.kill()  # SIGKILL; a no-op if the load finished during the delay (poll() has reaped it)
    proc.wait()
    if delay == 0.0:
        assert killed_while_writing  # the apply step of 400,000 rows takes about two seconds
    now = {t: count(db, t) for t in ("events", "batches", "versions")}  # read-only, as the app reads it
    new = {"events": 400_000, "batches": old["batches"] + 1, "versions": old["versions"] + 1}
    assert now in (old, new), (delay, killed_while_writing, now)
    # the next load finds the database as the kill left it, and leaves nothing of either run behind
    again = write(tmp_path / "s2.csv", SOURCES.replace("src1", "src2"))
    assert etl("load", str(again), "--db", str(db)).returncode == 0
    assert count(db, "sources") == 2 and count(db, "events") == now["events"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apply.duckdb", "big.csv", "s.csv", "s2.csv"]
