"""The briefing carries the view's notes: a section with authors and times, the marks on its timeline, the note a
link asks for first; and a briefing of a database nobody annotated makes no notes store."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest

from monitor import briefing
from monitor.notes.model import Anchors, Draft, Writer
from monitor.notes.store import NotesStore, default_path
from monitor.store import Store

SELECTION = "c=MMR&from=2021-01-01&to=2021-07-31"
MADE = datetime(2026, 1, 1, 12)


@pytest.fixture()
def annotated(bundled_db, tmp_path, monkeypatch):
    monkeypatch.delenv("MONITOR_NOTES_URL", raising=False)
    db = tmp_path / "monitor.duckdb"
    shutil.copy(bundled_db, db)
    notes = NotesStore(events_db=db)
    coup = notes.add(Draft("The coup <b>day</b>", Writer("Ana"), "timeline", SELECTION,
                           Anchors(day_from=date(2021, 2, 1))))
    vote = notes.add(Draft("Russia abstained", Writer("Bo"), "un-votes", "res=A/RES/75/287",
                           Anchors(resolution_id="A/RES/75/287")))
    notes.close()
    return Store(db), coup.note_id, vote.note_id


def test_a_timeline_briefing_has_its_notes_and_their_marks(annotated):
    store, coup, _ = annotated
    html = briefing.build(store, f"http://h/timeline?{SELECTION}", MADE)
    assert "<h3>Notes on this selection</h3>" in html
    assert f"Note {coup} · Ana (not verified)" in html and "The coup &lt;b&gt;day&lt;/b&gt;" in html
    assert "Russia abstained" not in html  # about a resolution, not this selection
    assert '"name":"Analysts\' notes"' in html and '"x":["2021-02-01"]' in html


def test_a_un_votes_briefing_has_the_resolutions_notes_and_the_asked_note_first(annotated):
    store, coup, vote = annotated
    html = briefing.build(store, f"http://h/un-votes?res=A/RES/75/287&note={coup}", MADE)
    assert "Russia abstained" in html
    assert html.index(f"<h3>Note {coup}</h3>") < html.index("<h3>Notes on this selection</h3>")
    assert f"note={coup}" in html  # the link as the page writes it keeps the note


def test_a_briefing_without_notes_makes_no_store(bundled_db, tmp_path, monkeypatch):
    monkeypatch.delenv("MONITOR_NOTES_URL", raising=False)
    db = tmp_path / "plain.duckdb"
    shutil.copy(bundled_db, db)
    html = briefing.build(Store(db), f"http://h/?{SELECTION}", MADE)
    assert "Notes on this selection" not in html
    assert not default_path(db).exists()
