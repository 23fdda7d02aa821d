"""`python -m monitor.notes`: analysts' notes from a shell (docs/notes.md).

    add LINK --text T [--author NAME] [--day D [--until D]] [--event ID] [--resolution R] [--pair P] [--region R]
    list [LINK] [--json] [--deleted]
    edit ID --text T [--author NAME]          delete ID [--author NAME]          history ID [--json]
    export [--out FILE]                       import FILE       (JSON lines: backups, SQLite -> PostgreSQL)

The store is --store URL, else $MONITOR_NOTES_URL, else the SQLite file beside the events database (--db).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import SQLAlchemyError

from monitor.notes import anchors as anchor_checks
from monitor.notes.model import Anchors, Note, NoteError, Writer, draft_from_link, notes_in
from monitor.notes.store import NotesStore, _jsonable
from monitor.store import Store, default_db_path


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day (use YYYY-MM-DD)") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m monitor.notes", description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="the notes store's URL (default: $MONITOR_NOTES_URL, else a SQLite file "
                                        "beside the events database)")
    parser.add_argument("--db", type=Path, help="the events database (default: $MONITOR_DB, else "
                                                "data/monitor.duckdb): anchors are checked against it")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="write a note on a dashboard link")
    add.add_argument("link", help="a dashboard link, e.g. 'http://localhost:8501/timeline?c=MMR'")
    add.add_argument("--text", required=True, help="the note: plain text, http(s) links shown as links")
    add.add_argument("--author", help="your name, shown as not verified (default: your login name)")
    add.add_argument("--day", type=_day, help="the day it is about (YYYY-MM-DD)")
    add.add_argument("--until", type=_day, help="with --day: the last day of the range it is about")
    add.add_argument("--event", help="an event id it is about")
    add.add_argument("--resolution", help="a resolution id it is about (a UN votes link gives its own)")
    add.add_argument("--pair", help="a country pair it is about, e.g. RUS-MMR (a Relationships link gives its own)")
    add.add_argument("--region", help="a first-level area it is about, e.g. MMR:Sagaing")
    add.add_argument("--json", action="store_true", help="print the note as JSON")
    listing = sub.add_parser("list", help="notes, all or those that show on a link's view")
    listing.add_argument("link", nargs="?", help="a dashboard link: only the notes its view shows")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.add_argument("--deleted", action="store_true", help="deleted notes too")
    edit = sub.add_parser("edit", help="replace a note's text (the earlier text is kept)")
    edit.add_argument("note_id", type=int)
    edit.add_argument("--text", required=True)
    edit.add_argument("--author", help="who edits (default: your login name)")
    delete = sub.add_parser("delete", help="hide a note (it is kept, with who deleted it and when)")
    delete.add_argument("note_id", type=int)
    delete.add_argument("--author", help="who deletes (default: your login name)")
    history = sub.add_parser("history", help="a note's earlier texts")
    history.add_argument("note_id", type=int)
    history.add_argument("--json", action="store_true")
    export = sub.add_parser("export", help="every note, deleted ones and history too, as JSON lines")
    export.add_argument("--out", type=Path, help="the file to write (default: standard output)")
    imp = sub.add_parser("import", help="notes from an export (keeps their numbers, so links still open them)")
    imp.add_argument("file", type=Path, help="a JSON lines export ('-' for standard input)")
    return parser


def _writer(name: str | None) -> Writer:
    return Writer(name or os.environ.get("MONITOR_NOTES_AUTHOR") or getpass.getuser(), verified=False)


def note_record(note: Note) -> dict[str, Any]:
    """A note as the command prints it in JSON."""
    a = note.anchors
    return _jsonable({
        "note_id": note.note_id, "text": note.text, "author": note.author, "author_verified": note.author_verified,
        "created_at": note.created_at, "edited_at": note.edited_at, "link": note.link,
        "data_version": note.data_version, "day_from": a.day_from, "day_to": a.day_to, "event_id": a.event_id,
        "resolution_id": a.resolution_id, "pair": a.pair, "region": a.region, "deleted_at": note.deleted_at,
        "deleted_by": note.deleted_by})


def note_line(note: Note) -> str:
    """One note for a terminal: its number, author, time, link and first line."""
    edited = f", edited {note.edited_at:%Y-%m-%d %H:%M}" if note.edited_at else ""
    deleted = f" [deleted by {note.deleted_by}]" if note.deleted_at else ""
    first = note.text.splitlines()[0] if note.text else ""
    return (f"#{note.note_id} {note.writer.label()}, {note.created_at:%Y-%m-%d %H:%M} UTC{edited}{deleted} "
            f"on {note.link}\n    {first[:200]}")


def _events_store(path: Path | None) -> Store | None:
    store = Store(path or default_db_path())
    return store if store.exists() else None


def run(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    notes = NotesStore(args.store, args.db)
    if args.command == "add":
        anchors = Anchors(args.day, args.until, args.event, args.resolution, args.pair, args.region)
        draft = draft_from_link(args.link, args.text, _writer(args.author), anchors).checked()
        events = _events_store(args.db)
        if events is not None:
            anchor_checks.check_known(events, draft.anchors)
        note = notes.add(draft)
        out(json.dumps(note_record(note)) if args.json else f"added note {note.note_id} ({notes.where()})")
    elif args.command == "list":
        found = notes.notes(include_deleted=args.deleted)
        if args.link:
            found = notes_in(found, anchor_checks.scope_of_link(args.link))
        for note in found:
            out(json.dumps(note_record(note)) if args.json else note_line(note))
    elif args.command == "edit":
        note = notes.edit(args.note_id, args.text, _writer(args.author))
        out(f"edited note {note.note_id}")
    elif args.command == "delete":
        note = notes.delete(args.note_id, _writer(args.author))
        out(f"deleted note {note.note_id} (kept, with who deleted it and when)")
    elif args.command == "history":
        for past in notes.history(args.note_id):
            out(json.dumps(_jsonable(past.__dict__)) if args.json else
                f"{past.written_at:%Y-%m-%d %H:%M} by {past.written_by}, replaced {past.replaced_at:%Y-%m-%d %H:%M} "
                f"by {past.replaced_by}:\n    {past.text[:200]}")
    elif args.command == "export":
        stream: TextIO = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
        count = 0
        try:
            for record in notes.export_records():
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if args.out:
                stream.close()
        if args.out:
            out(f"exported {count} notes to {args.out}")
    elif args.command == "import":
        added, same = notes.import_records(_read_lines(args.file))
        out(f"imported {added} notes into {notes.where()}" + (f"; {same} were already there" if same else ""))
    return 0


def _read_lines(path: Path) -> list[dict[str, Any]]:
    stream = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
    records = []
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise NoteError(f"{path}, line {number}: not JSON ({e.msg}). Is it an export of "
                                "`python -m monitor.notes export`?") from None
    return records


def main(argv: list[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args, out)
    except NoteError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except FileNotFoundError as e:
        print(f"error: {e.filename}: no such file", file=sys.stderr)
        return 2
    except SQLAlchemyError as e:
        print(f"error: the notes store could not be used ({type(e).__name__}: {str(e).splitlines()[0]}). Check "
              "--store / $MONITOR_NOTES_URL and that the server is running.", file=sys.stderr)
        return 2
