"""Analysts' notes in the app (AppTest): written through "Add a note to this link", shown where they belong,
edited with history, deleted and kept; bad input answered with a message."""

from __future__ import annotations

import json
from datetime import date

import pytest

from monitor.notes.model import Anchors, Draft, Writer
from monitor.notes.store import open_store

MYANMAR_2021 = {"c": ["MMR"], "from_": "2021-01-01", "to": "2021-07-31"}


@pytest.fixture()
def notes_url(tmp_path, monkeypatch) -> str:
    """A store of its own for each test (the app opens $MONITOR_NOTES_URL)."""
    url = f"sqlite:///{tmp_path}/notes.sqlite"
    monkeypatch.setenv("MONITOR_NOTES_URL", url)
    return url


def _write(at, text: str, name: str = "Ana", day: date | None = None, **fields: str):
    at.sidebar.text_area(key="note_text").input(text)
    at.sidebar.text_input(key="note_author_new").input(name)
    if day:
        at.sidebar.date_input(key="note_day").set_value(day)
    for key, value in fields.items():
        at.sidebar.text_input(key=f"note_{key}").input(value)
    next(b for b in at.sidebar.button if b.label == "Add note").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _notes_markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def _figure(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_a_note_written_on_the_timeline_at_a_day_is_marked_there_and_on_the_overview(open_page, notes_url):
    at = _write(open_page("timeline", **MYANMAR_2021), "The coup: the army detains the government",
                day=date(2021, 2, 1))
    note_id = int(at.query_params["note"][0] if isinstance(at.query_params["note"], list) else at.query_params["note"])
    marks = next(t for t in _figure(at)["data"] if t.get("name") == "Analysts' notes")
    assert marks["x"] == ["2021-02-01"]
    assert "The coup: the army detains the government" in marks["hovertext"][0]
    assert "Ana (not verified)" in marks["hovertext"][0]
    shown = _notes_markdown(at)
    assert f"Note {note_id}" in "\n".join(h.value for h in at.subheader)  # at the top, as the link asks
    assert "The coup" in shown and "Ana (not verified)" in shown
    kept = open_store(notes_url).get(note_id)
    assert (kept.page, kept.anchors.day_from, kept.author) == ("timeline", date(2021, 2, 1), "Ana")
    assert "c=MMR" in kept.query and "from=2021-01-01" in kept.query
    # Another analyst, another session: the Overview of the same selection lists it.
    other = open_page("overview", **MYANMAR_2021)
    assert "Notes on this selection" in [h.value for h in other.subheader]
    assert "The coup: the army detains the government" in _notes_markdown(other)
    # Outside its days or its country it does not show.
    assert "The coup" not in _notes_markdown(open_page("overview", c=["MMR"], from_="2021-03-01", to="2021-07-31"))
    assert "The coup" not in _notes_markdown(open_page("overview", c=["RUS"], from_="2021-01-01", to="2021-07-31"))


def test_empty_text_and_unknown_anchors_get_a_message_and_nothing_is_kept(open_page, notes_url):
    at = _write(open_page("timeline", **MYANMAR_2021), "   ")
    assert any("needs some text" in e.value for e in at.sidebar.error)
    at = _write(at, "About an event", event="no-such-event")
    assert any("There is no event" in e.value for e in at.sidebar.error)
    at = _write(at, "About a region", region="Narnia:North")
    assert any("Unknown region" in e.value for e in at.sidebar.error)
    assert at.sidebar.text_area(key="note_text").value == "About a region"  # the text is kept to correct
    assert open_store(notes_url).count() == 0


def test_un_votes_and_relationships_show_the_notes_on_what_they_show(open_page, notes_url):
    store = open_store(notes_url)
    store.add(Draft("Myanmar's seat voted yes", Writer("Bo"), "un-votes", "res=A/RES/75/287",
                    Anchors(resolution_id="A/RES/75/287")))
    store.add(Draft("Moscow courts the junta", Writer("Cy"), "relationships", "pair=RUS-MMR",
                    Anchors(pair="MMR-RUS")))
    votes = open_page("un_votes", res="A/RES/75/287")
    assert "Myanmar's seat voted yes" in _notes_markdown(votes)
    assert "Moscow courts" not in _notes_markdown(votes)
    pair = open_page("relationships", pair="MMR-RUS")  # the pair either way round
    assert "Moscow courts the junta" in _notes_markdown(pair)
    assert "Notes on this pair" in [h.value for h in pair.subheader]


def test_an_edit_keeps_the_history_and_a_delete_hides_the_note(open_page, notes_url):
    store = open_store(notes_url)
    note = store.add(Draft("First reading", Writer("Ana"), "timeline", "c=MMR&from=2021-01-01&to=2021-07-31",
                           Anchors(day_from=date(2021, 2, 1))))
    at = open_page("timeline", **MYANMAR_2021)
    at.text_area(key=f"edit-text-{note.note_id}").input("Second reading")
    at.text_input(key=f"edit-author-{note.note_id}").input("Bo")
    next(b for b in at.button if b.label == "Save").click()
    at.run()
    assert "Second reading" in _notes_markdown(at)
    assert [p.text for p in store.history(note.note_id)] == ["First reading"]
    at.text_input(key=f"delete-author-{note.note_id}").input("Cy")
    next(b for b in at.button if b.label == f"Delete note {note.note_id}").click()
    at.run()
    assert "Second reading" not in _notes_markdown(at)
    assert store.get(note.note_id).deleted_by == "Cy"


def test_a_link_to_a_missing_note_says_so(open_page, notes_url):
    at = open_page("overview", note="999", **MYANMAR_2021)
    assert any("does not hold" in w.value for w in at.warning)
    at = open_page("overview", note="x", **MYANMAR_2021)
    assert any("is not a note" in w.value for w in at.warning)


def test_map_and_data_show_the_notes_on_events_in_the_selection(open_page, notes_url):
    open_store(notes_url).add(Draft("Fomin in Naypyitaw: arms talk", Writer("Di"), "data", "tab=events",
                                    Anchors(event_id="rus-mmr-2021-03-26-fomin")))
    for page, extra in (("map", {}), ("data", {"tab": "events"})):
        at = open_page(page, **MYANMAR_2021, **extra)
        assert "Fomin in Naypyitaw: arms talk" in _notes_markdown(at), page
        assert "Notes on events in this selection" in [h.value for h in at.subheader]
    outside = open_page("map", c=["MMR"], from_="2021-04-01", to="2021-07-31")  # the event is not in it
    assert "Fomin in Naypyitaw" not in _notes_markdown(outside)


def test_the_app_writes_to_a_postgresql_store(open_page, monkeypatch):
    """The same form, the same code path, a real PostgreSQL server (MONITOR_NOTES_URL=postgresql://…)."""
    from tests.pg import fresh_database, postgres_server

    with postgres_server() as server:
        url = fresh_database(server, "app")
        monkeypatch.setenv("MONITOR_NOTES_URL", url)
        at = _write(open_page("timeline", **MYANMAR_2021), "Written to PostgreSQL", name="Eve", day=date(2021, 3, 27))
        kept = open_store(url).notes()
        assert [(n.text, n.author, n.anchors.day_from) for n in kept] == [("Written to PostgreSQL", "Eve",
                                                                          date(2021, 3, 27))]
        assert "Written to PostgreSQL" in _notes_markdown(at)
        open_store(url).close()
