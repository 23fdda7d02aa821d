"""What a note is and where it shows: the checks a new note passes and the views it belongs to (pure)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from monitor.notes.model import (
    MAX_TEXT,
    Anchors,
    Note,
    NoteError,
    Scope,
    Writer,
    draft_from_link,
    notes_in,
    shows_in,
    split_link,
)


def note(page: str, query: str, anchors: Anchors | None = None, note_id: int = 1, **kw) -> Note:
    return Note(note_id, "text", "Ana", False, datetime(2026, 1, 1, 12), page, query, anchors or Anchors(), **kw)


def test_empty_text_is_refused_with_a_message():
    with pytest.raises(NoteError, match="needs some text"):
        draft_from_link("/timeline", " \n\t ", Writer("Ana")).checked()


def test_ten_thousand_characters_fit_and_one_more_does_not():
    assert len(draft_from_link("/", "x" * MAX_TEXT, Writer("Ana")).checked().text) == 10_000
    with pytest.raises(NoteError, match="at most 10,000 characters; this one has 10,001"):
        draft_from_link("/", "x" * 10_001, Writer("Ana")).checked()


def test_an_author_is_needed():
    with pytest.raises(NoteError, match="needs an author"):
        draft_from_link("/", "text", Writer("  ")).checked()


@pytest.mark.parametrize("anchors, message", [
    (Anchors(pair="RUS-XXX"), "Unknown country pair"),
    (Anchors(region="Narnia:North"), "Unknown region"),
    (Anchors(day_from=date(2021, 3, 1), day_to=date(2021, 2, 1)), "ends .* before it starts"),
    (Anchors(day_to=date(2021, 2, 1)), "needs its first day"),
    (Anchors(resolution_id="   "), None),
])
def test_unknown_anchors_are_answered_with_a_message(anchors, message):
    draft = draft_from_link("/", "text", Writer("Ana"), anchors)
    if message is None:
        assert draft.checked().anchors.resolution_id is None
        return
    with pytest.raises(NoteError, match=message):
        draft.checked()


def test_anchors_take_one_spelling():
    a = draft_from_link("/", "t", Writer("Ana"), Anchors(pair="Russia-Burma", region="Myanmar:Sagaing")).checked()
    assert (a.anchors.pair, a.anchors.region) == ("MMR-RUS", "MMR:Sagaing")


def test_a_link_gives_page_query_version_and_the_anchors_it_shows():
    draft = draft_from_link("http://host:8501/un-votes?res=A/RES/75/287&c=MMR&v=4&note=9", "t", Writer("Ana"))
    assert (draft.page, draft.query, draft.data_version) == ("un-votes", "res=A/RES/75/287&c=MMR&v=4", 4)
    assert draft.anchors.resolution_id == "A/RES/75/287"
    assert draft_from_link("/relationships?pair=RUS-MMR", "t", Writer("A")).checked().anchors.pair == "MMR-RUS"
    assert split_link("http://elsewhere/?c=MMR") == ("", "c=MMR")


def test_a_note_shows_on_its_own_link_whatever_the_order_version_or_note():
    n = note("changes", "since=2&c=MMR&v=3")
    assert shows_in(n, Scope("changes", "c=MMR&since=2&v=5&note=1"))
    assert not shows_in(n, Scope("changes", "c=MMR&since=3"))
    assert not shows_in(n, Scope("data", "c=MMR&since=2"))


def test_overview_and_timeline_show_notes_whose_country_and_days_are_in_the_selection():
    coup = note("timeline", "c=MMR", Anchors(day_from=date(2021, 2, 1)))
    spring = Scope("", "c=MMR&from=2021-01-01&to=2021-06-30", ("MMR",), date(2021, 1, 1), date(2021, 6, 30))
    assert shows_in(coup, spring)
    assert shows_in(coup, Scope("timeline", "", (), date(2021, 1, 1), date(2021, 6, 30)))  # all countries
    assert not shows_in(coup, Scope("", "", ("RUS",), date(2021, 1, 1), date(2021, 6, 30)))
    assert not shows_in(coup, Scope("", "", ("MMR",), date(2021, 2, 2), date(2021, 6, 30)))
    ranged = note("", "c=RUS", Anchors(day_from=date(2021, 1, 20), day_to=date(2021, 2, 10)))
    assert shows_in(ranged, Scope("", "", ("RUS",), date(2021, 2, 10), date(2021, 3, 1)))
    assert not shows_in(ranged, Scope("", "", ("RUS",), date(2021, 2, 11), date(2021, 3, 1)))
    by_pair = note("relationships", "pair=MMR-RUS", Anchors(pair="MMR-RUS"))  # no days: any time
    assert shows_in(by_pair, Scope("", "", ("MMR",), date(2001, 1, 1), date(2001, 2, 1)))


def test_un_votes_relationships_map_and_data_show_the_notes_on_what_they_show():
    vote = note("un-votes", "res=A/RES/75/287", Anchors(resolution_id="A/RES/75/287"))
    assert shows_in(vote, Scope("un-votes", "res=A/RES/75/287&c=RUS", resolution="A/RES/75/287"))
    assert not shows_in(vote, Scope("un-votes", "res=A/RES/76/1", resolution="A/RES/76/1"))
    pair = note("relationships", "pair=RUS-MMR", Anchors(pair="MMR-RUS"))
    assert shows_in(pair, Scope("relationships", "pair=MMR-RUS&tab=votes", pair="MMR-RUS"))
    event = note("data", "tab=events", Anchors(event_id="ev-1"))
    assert shows_in(event, Scope("map", "c=MMR", event_ids=frozenset({"ev-1"})))
    assert not shows_in(event, Scope("map", "c=MMR", event_ids=frozenset({"ev-2"})))


def test_deleted_notes_never_show_and_the_rest_come_oldest_first():
    later = Note(2, "b", "Bo", False, datetime(2026, 1, 2), "changes", "", Anchors())
    first = Note(3, "a", "Ana", False, datetime(2026, 1, 1), "changes", "", Anchors())
    gone = Note(4, "c", "Cy", False, datetime(2026, 1, 1), "changes", "", Anchors(),
                deleted_at=datetime(2026, 1, 3), deleted_by="Cy")
    assert [n.note_id for n in notes_in([later, first, gone], Scope("changes", ""))] == [3, 2]


def test_a_region_note_shows_when_the_view_has_that_region_or_no_region_filter():
    sagaing = note("", "c=MMR", Anchors(region="MMR:Sagaing", day_from=date(2021, 3, 1)))
    days = (date(2021, 1, 1), date(2021, 6, 30))
    assert shows_in(sagaing, Scope("", "", ("MMR",), *days))
    assert shows_in(sagaing, Scope("", "", ("MMR",), *days, regions=("MMR:sagaing",)))
    assert not shows_in(sagaing, Scope("", "", ("MMR",), *days, regions=("MMR:Mandalay",)))
    assert shows_in(sagaing, Scope("timeline", "", (), *days))  # every country: its region's country is in
