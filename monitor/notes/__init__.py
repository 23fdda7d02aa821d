"""Analysts' notes: shared annotations on views, dates, events and votes, kept in a transactional store.

model.py  what a note is and where it shows (pure)
store.py  where notes are kept: SQLite beside the events database, or PostgreSQL (MONITOR_NOTES_URL)
cli.py    `python -m monitor.notes add|list|export|import`
docs/notes.md says it for readers.
"""

from monitor.notes.model import Anchors, Draft, Note, NoteError, Revision, Scope, Writer, draft_from_link, notes_in
from monitor.notes.store import NotesStore, open_store

__all__ = ["Anchors", "Draft", "Note", "NoteError", "NotesStore", "Revision", "Scope", "Writer", "draft_from_link",
           "notes_in", "open_store"]
