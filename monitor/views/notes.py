"""Analysts' notes on a view, as blocks the page and the briefing both draw: the notes that show on it, the
timeline with their marks, and the note a link asks for (`note`). Pure: the notes are read by the caller."""

from __future__ import annotations

from collections.abc import Sequence

from monitor import phrases
from monitor.figures.notes import note_by_line, with_note_marks
from monitor.notes.model import Note
from monitor.views.blocks import Chart, Notice, Quote, Section, View, section

TIMELINE_CHART = "timeline"  # the chart key of the timeline (monitor/views/timeline.py) the marks go on
TITLE = "Notes on this selection"


def about(note: Note) -> str:
    """What a note is anchored to, in words ('' when only its link)."""
    a, parts = note.anchors, []
    if a.day_from:
        parts.append(phrases.date_span(a.day_from, a.day_to) if a.day_to else f"{a.day_from:%d %b %Y}")
    parts += [f"event {a.event_id}"] if a.event_id else []
    parts += [f"resolution {a.resolution_id}"] if a.resolution_id else []
    parts += [f"{a.pair}"] if a.pair else []
    parts += [f"region {a.region}"] if a.region else []
    return ", ".join(parts)


def by_line(note: Note) -> str:
    """Who wrote it, when, whether edited, what it is about and where it was written."""
    parts = [note_by_line(note)]
    if note.edited_at:
        parts.append(f"edited {note.edited_at:%d %b %Y %H:%M} UTC by {note.edited_by}")
    if about(note):
        parts.append(f"about {about(note)}")
    parts.append(f"written on {note.link}")
    return " · ".join(parts)


def quote(note: Note) -> Quote:
    return Quote(note.text, by_line(note))


def notes_section(notes: Sequence[Note], title: str = TITLE) -> Section | None:
    """The notes that show on a view, oldest first; None when there are none."""
    if not notes:
        return None
    return section(*(quote(n) for n in notes), title=title)


def shown_note(note: Note | None, asked: int) -> Section:
    """The note a link asks for (`note=ID`), for the top of the view."""
    if note is None:
        return section(Notice(f"The link asks for note {asked}, which this notes store does not hold.", "warning"))
    if note.deleted_at is not None:
        return section(Notice(f"Note {asked} was deleted by {note.deleted_by} on {note.deleted_at:%d %b %Y %H:%M} UTC.",
                              "warning"))
    return section(quote(note), title=f"Note {note.note_id}")


def with_marks(sections: Sequence[Section], notes: Sequence[Note]) -> list[Section]:
    """The sections with the timeline chart copied and the dated notes drawn on it (the built ones are shared by
    every session and stay as they are)."""
    if not any(n.anchors.day_from for n in notes):
        return list(sections)
    out = []
    for part in sections:
        blocks = tuple(Chart(with_note_marks(b.figure, notes), b.key, b.geo)
                       if isinstance(b, Chart) and b.key == TIMELINE_CHART else b for b in part.blocks)
        out.append(Section(blocks, part.title, part.level))
    return out


def with_notes(view: View, notes: Sequence[Note], shown: Section | None = None) -> View:
    """A built view with its notes: the asked-for note first, the marks on the timeline, the notes at the end."""
    sections = with_marks(view.sections, notes)
    listed = notes_section(notes)
    return View(view.title, view.choices, (*([shown] if shown else []), *sections, *([listed] if listed else [])),
                view.warnings)
