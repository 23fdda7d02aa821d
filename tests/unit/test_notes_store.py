"""The notes store on SQLite and on a real PostgreSQL server: kept like data, concurrent writers, kills, moves.

PostgreSQL runs from Debian's `postgresql` package, started here in a temporary directory (tests/pg.py); without
it those cases skip and say how to get it.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text

from bench.notes import concurrent_run, go, worker
from monitor.notes.cli import main as notes_cli
from monitor.notes.model import Anchors, Draft, NoteError, Writer, draft_from_link
from monitor.notes.store import SCHEMA_VERSION, NotesStore, default_path, store_url
from tests.pg import fresh_database, postgres_server

ANA, BO = Writer("Ana"), Writer("Bo")


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_at(request, tmp_path) -> str:
    """A new, empty store's URL, of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/notes.sqlite"
    server = request.getfixturevalue("pg_server")
    return fresh_database(server, f"t{time.monotonic_ns()}")


@pytest.fixture()
def store(store_at) -> Iterator[NotesStore]:
    s = NotesStore(store_at)
    yield s
    s.close()


def test_the_default_store_is_a_sqlite_file_beside_the_events_database(tmp_path, monkeypatch):
    monkeypatch.delenv("MONITOR_NOTES_URL", raising=False)
    assert default_path(tmp_path / "mine.duckdb") == tmp_path / "mine.notes.sqlite"
    assert store_url(events_db=tmp_path / "mine.duckdb") == f"sqlite:///{tmp_path}/mine.notes.sqlite"
    monkeypatch.setenv("MONITOR_NOTES_URL", "postgresql://team@db.internal/notes")
    assert store_url() == "postgresql+psycopg://team@db.internal/notes"


def test_sqlite_store_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    s = NotesStore(f"sqlite:///{tmp_path}/n.sqlite")
    s.add(Draft("x", ANA, "", ""))
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_a_note_keeps_its_link_anchors_author_and_times(store):
    added = store.add(draft_from_link("http://h/timeline?c=MMR&from=2021-01-01&to=2021-06-30&v=3", "Coup day",
                                      ANA, Anchors(day_from=date(2021, 2, 1))))
    got = store.get(added.note_id)
    assert (got.text, got.author, got.author_verified, got.page, got.link) == (
        "Coup day", "Ana", False, "timeline", "/timeline?c=MMR&from=2021-01-01&to=2021-06-30&v=3")
    assert (got.anchors.day_from, got.data_version, got.edited_at, got.deleted_at) == (date(2021, 2, 1), 3, None, None)
    assert got.created_at == added.created_at


def test_an_edit_keeps_the_earlier_text_in_the_history(store):
    n = store.add(Draft("first", ANA, "", ""))
    store.edit(n.note_id, "second", BO)
    store.edit(n.note_id, "third", ANA)
    now = store.get(n.note_id)
    assert (now.text, now.edited_by) == ("third", "Ana")
    assert [(p.text, p.written_by, p.replaced_by) for p in store.history(n.note_id)] == [
        ("first", "Ana", "Bo"), ("second", "Bo", "Ana")]


def test_a_delete_hides_the_note_and_keeps_it_with_who_and_when(store):
    kept = store.add(Draft("stays", ANA, "", ""))
    gone = store.add(Draft("goes", ANA, "", ""))
    store.delete(gone.note_id, BO)
    assert [n.text for n in store.notes()] == ["stays"]
    deleted = store.get(gone.note_id)
    assert (deleted.text, deleted.deleted_by) == ("goes", "Bo") and deleted.deleted_at is not None
    with pytest.raises(NoteError, match="was deleted by Bo"):
        store.edit(gone.note_id, "again", ANA)
    assert kept.note_id != gone.note_id


def test_with_sign_in_only_the_author_edits_or_deletes(store):
    signed = store.add(Draft("mine", Writer("ana@example.org", verified=True), "", ""))
    for other in (Writer("bo@example.org", verified=True), Writer("ana@example.org")):  # typed name: not her
        with pytest.raises(NoteError, match="Only its author"):
            store.edit(signed.note_id, "theirs", other)
        with pytest.raises(NoteError, match="Only its author"):
            store.delete(signed.note_id, other)
    assert store.edit(signed.note_id, "still mine", Writer("ana@example.org", verified=True)).text == "still mine"
    anyone = store.add(Draft("open", ANA, "", ""))
    assert store.edit(anyone.note_id, "edited by Bo", BO).text == "edited by Bo"  # without sign-in, anyone can


def test_bad_text_is_a_message_and_nothing_is_written(store):
    with pytest.raises(NoteError, match="10,000"):
        store.add(Draft("x" * 10_001, ANA, "", ""))
    with pytest.raises(NoteError, match="no note 99"):
        store.edit(99, "x", ANA)
    assert store.count() == 0


def test_the_schema_is_versioned_and_a_newer_one_is_refused(store):
    assert store.upgrade() == SCHEMA_VERSION
    assert store.upgrade() == SCHEMA_VERSION  # again: nothing to do
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE notes_schema SET version = :v"), {"v": SCHEMA_VERSION + 1})
    with pytest.raises(NoteError, match="newer than this code"):
        NotesStore(store.url).upgrade()


def test_export_and_import_move_notes_with_their_numbers_and_history(tmp_path, store_at):
    source = NotesStore(f"sqlite:///{tmp_path}/from.sqlite")
    a = source.add(Draft("one", ANA, "timeline", "c=MMR", Anchors(day_from=date(2021, 2, 1))))
    b = source.add(Draft("two", BO, "", ""))
    source.edit(a.note_id, "one, edited", BO)
    source.delete(b.note_id, ANA)
    export = tmp_path / "notes.jsonl"
    assert notes_cli(["--store", source.url, "export", "--out", str(export)], out=lambda _: None) == 0
    assert len(export.read_text().splitlines()) == 2
    said: list[str] = []
    assert notes_cli(["--store", store_at, "import", str(export)], out=said.append) == 0
    assert said[0].startswith("imported 2 notes")
    target = NotesStore(store_at)
    moved = target.get(a.note_id)
    assert (moved.text, moved.anchors.day_from, [p.text for p in target.history(a.note_id)]) == (
        "one, edited", date(2021, 2, 1), ["one"])
    assert target.get(b.note_id).deleted_by == "Ana"
    assert target.add(Draft("three", ANA, "", "")).note_id == 3  # numbering goes on after the imported ones
    said.clear()
    assert notes_cli(["--store", store_at, "import", str(export)], out=said.append) == 0  # again: nothing doubled
    assert "0 notes" in said[0] and target.count() == 3


def test_import_refuses_a_different_note_under_a_taken_number(tmp_path, store):
    store.add(Draft("here already", ANA, "", ""))
    export = tmp_path / "other.jsonl"
    export.write_text(json.dumps({"note_id": 1, "text": "another", "author": "Bo", "author_verified": False,
                                  "created_at": "2026-01-01T00:00:00", "page": "", "query": ""}) + "\n")
    assert notes_cli(["--store", store.url, "import", str(export)], out=print) == 1
    assert [n.text for n in store.notes()] == ["here already"]


def test_the_command_line_adds_and_lists_by_link(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    none = ["--store", url, "--db", str(tmp_path / "absent.duckdb")]
    assert notes_cli([*none, "add", "http://h/timeline?c=MMR&from=2021-01-01&to=2021-12-31", "--text", "Coup",
                      "--day", "2021-02-01", "--author", "Ana"]) == 0
    assert notes_cli([*none, "add", "/un-votes?res=A/RES/75/287", "--text", "Vote", "--author", "Bo"]) == 0
    capsys.readouterr()
    assert notes_cli([*none, "list", "/?c=MMR&from=2021-01-01&to=2021-03-01", "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(n["text"], n["author"], n["day_from"]) for n in listed] == [("Coup", "Ana", "2021-02-01")]
    assert notes_cli([*none, "add", "/", "--text", ""]) == 1
    assert "needs some text" in capsys.readouterr().err


def _texts_as_written(url: str, writers: int, notes: int, editor: bool) -> tuple[Counter, list[list[int]]]:
    run = concurrent_run(url, writers, notes, editor)
    return Counter(run.originals), run.committed


@pytest.mark.parametrize("editor", [False, True], ids=["two writers", "two writers and an editor"])
def test_two_processes_adding_500_notes_each_keep_exactly_1000(store_at, editor):
    kept, committed = _texts_as_written(store_at, 2, 500, editor)
    expected = Counter(f"w{w}-{i}" for w in range(2) for i in range(500))
    assert kept == expected  # every one, none twice, nothing else
    assert sum(map(len, committed)) == 1000 and len({i for ids in committed for i in ids}) == 1000


def test_a_kill_mid_write_leaves_every_committed_note(store_at):
    proc = worker("write", store_at, "k", "100000")
    go([proc])
    seen: list[int] = []
    while len(seen) < 200:  # kill while it is writing, at a moment it chose
        seen.append(int(proc.stdout.readline()))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    seen += [int(x) for x in proc.stdout.read().split()]  # committed and printed before the kill
    store = NotesStore(store_at)
    ids = {n.note_id for n in store.notes()}
    assert set(seen) <= ids  # every note it saw committed is there
    assert len(ids) - len(seen) <= 1  # at most the one committed as the kill came, before it was printed
    if store.kind == "sqlite":
        path = store.engine.url.database
        with sqlite3.connect(path) as con:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store.add(Draft("after the kill", ANA, "", ""))  # and it takes new notes
    assert store.count() == len(ids) + 1


def test_each_store_runs_on_its_own_driver(store_at):
    s = NotesStore(store_at)
    assert (s.kind, s.engine.driver) in {("sqlite", "pysqlite"), ("postgresql", "psycopg")}
    assert s.upgrade() == SCHEMA_VERSION
