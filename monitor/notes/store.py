"""Where notes are kept: one schema and one code path (SQLAlchemy Core) over SQLite or PostgreSQL.

- By default a SQLite file beside the events database (`data/monitor.notes.sqlite` beside `data/monitor.duckdb`),
  in WAL mode with a busy timeout: readers never wait, writers queue. Each write is `BEGIN IMMEDIATE`, so a
  read-then-write (an edit) takes the write lock first and cannot deadlock with another writer.
- For a team on several servers, PostgreSQL: `MONITOR_NOTES_URL=postgresql://user@host/db` (psycopg 3). An edit
  locks its row (`SELECT … FOR UPDATE`).
- The schema carries its version (`notes_schema`); opening a store upgrades an older one in place, in one
  transaction, adding and never dropping.

Notes are kept like data: an edit moves the earlier text to `note_revisions`, a delete only marks the note deleted
(who, when). The events database is never opened here: it stays read-only to the app.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from monitor.notes.model import Anchors, Draft, Note, NoteError, Revision, Writer, checked_text, checked_writer
from monitor.store import default_db_path

ENV_URL = "MONITOR_NOTES_URL"
BUSY_TIMEOUT_SECONDS = 30  # a SQLite writer waits this long for another's transaction before giving up
SCHEMA_VERSION = 1
PG_UPGRADE_LOCK = 20_200_001  # an advisory lock id: one process upgrades a PostgreSQL store at a time
WRITES = "notes_writes"  # an execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)

metadata = MetaData()
notes_table = Table(
    "notes", metadata,
    Column("note_id", Integer, primary_key=True, autoincrement=True),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("author_verified", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),  # UTC, as every time here
    Column("edited_at", DateTime),
    Column("edited_by", String(200)),
    Column("page", String(100), nullable=False),
    Column("query", Text, nullable=False),
    Column("data_version", Integer),
    Column("day_from", Date, index=True),
    Column("day_to", Date),
    Column("event_id", String(300), index=True),
    Column("resolution_id", String(300), index=True),
    Column("pair", String(7), index=True),
    Column("region", String(300)),
    Column("deleted_at", DateTime),
    Column("deleted_by", String(200)),
)
revisions_table = Table(
    "note_revisions", metadata,
    Column("revision_id", Integer, primary_key=True, autoincrement=True),
    Column("note_id", Integer, ForeignKey("notes.note_id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("written_at", DateTime, nullable=False),
    Column("written_by", String(200), nullable=False),
    Column("replaced_at", DateTime, nullable=False),
    Column("replaced_by", String(200), nullable=False),
)
schema_table = Table("notes_schema", metadata, Column("version", Integer, nullable=False))


def _v1(conn: Connection) -> None:
    notes_table.create(conn)
    revisions_table.create(conn)


# Schema version -> the step that brings the one before it there. Steps only add (tables, columns, indexes).
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1}


def default_path(events_db: Path | None = None) -> Path:
    """The SQLite file beside the events database: data/monitor.duckdb -> data/monitor.notes.sqlite."""
    db = events_db or default_db_path()
    return db.with_name(f"{db.stem}.notes.sqlite")


def store_url(url: str | None = None, events_db: Path | None = None) -> str:
    """The store's SQLAlchemy URL: `url`, else $MONITOR_NOTES_URL, else SQLite beside the events database.
    `postgresql://…` means psycopg 3."""
    chosen = url or os.environ.get(ENV_URL) or f"sqlite:///{default_path(events_db)}"
    if chosen.startswith(("postgresql://", "postgres://")):
        chosen = "postgresql+psycopg://" + chosen.split("://", 1)[1]
    return chosen


def now() -> datetime:
    """UTC now, without a time zone (both stores keep UTC as it is), to the second."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _sqlite_begin_immediate(engine: Engine) -> None:
    """pysqlite begins transactions lazily, as DEFERRED: an edit would read under a shared lock and could not
    take the write lock if another writer got in between. SQLAlchemy's documented recipe: let pysqlite do no
    transaction handling and emit BEGIN IMMEDIATE ourselves; WAL and the busy timeout on every connection."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Readers begin DEFERRED: in WAL mode they never wait for a writer, nor make one wait.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITES) else "BEGIN")


def _row_to_note(row: Any) -> Note:
    m = row._mapping
    return Note(
        note_id=m["note_id"], text=m["text"], author=m["author"], author_verified=bool(m["author_verified"]),
        created_at=m["created_at"], page=m["page"], query=m["query"],
        anchors=Anchors(m["day_from"], m["day_to"], m["event_id"], m["resolution_id"], m["pair"], m["region"]),
        data_version=m["data_version"], edited_at=m["edited_at"], edited_by=m["edited_by"],
        deleted_at=m["deleted_at"], deleted_by=m["deleted_by"])


def may_change(note: Note, by: Writer) -> bool:
    """With sign-in only a note's author changes it; without, anyone may change a note not written signed in."""
    if by.verified:
        return note.author_verified and note.author == by.name
    return not note.author_verified


class NotesStore:
    """The notes of one store (SQLite file or PostgreSQL database), opened and upgraded on first use."""

    def __init__(self, url: str | None = None, events_db: Path | None = None) -> None:
        self.url = store_url(url, events_db)
        try:
            parsed = make_url(self.url)
        except ArgumentError:
            raise NoteError(f"{ENV_URL} is not a database URL (e.g. postgresql://user@host/notes).") from None
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(
                parsed, pool_pre_ping=True,
                **({"connect_args": {"timeout": BUSY_TIMEOUT_SECONDS}} if parsed.get_backend_name() == "sqlite"
                   else {}))
        except (NoSuchModuleError, ModuleNotFoundError) as e:
            raise NoteError(f"Cannot use {parsed.get_backend_name()} for notes here ({e}). For PostgreSQL install "
                            "the team extras: pip install -e '.[team]'.") from None
        if self.engine.dialect.name == "sqlite":
            _sqlite_begin_immediate(self.engine)
        self._writing = self.engine.execution_options(**{WRITES: True})  # the same pool, its writes IMMEDIATE
        self._ready = False

    @property
    def kind(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    def where(self) -> str:
        """The store for a reader: the SQLite file, or the PostgreSQL URL without its password."""
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # --- schema -----------------------------------------------------------------------------------------------

    def upgrade(self) -> int:
        """Create or upgrade the schema in place (one transaction; concurrent openers wait); its version."""
        with self._writing.begin() as conn:
            if self.kind == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": PG_UPGRADE_LOCK})
            schema_table.create(conn, checkfirst=True)
            current = conn.execute(select(func.max(schema_table.c.version))).scalar() or 0
            if current > SCHEMA_VERSION:
                raise NoteError(f"The notes store {self.where()} has schema version {current}, newer than this "
                                f"code's {SCHEMA_VERSION}: update Conflict Monitor to use it.")
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](conn)
            if current != SCHEMA_VERSION:
                conn.execute(schema_table.delete())
                conn.execute(insert(schema_table).values(version=SCHEMA_VERSION))
        self._ready = True
        return SCHEMA_VERSION

    def _begin(self, writes: bool = False) -> Any:
        if not self._ready:
            self.upgrade()
        return (self._writing if writes else self.engine).begin()

    # --- writing ----------------------------------------------------------------------------------------------

    def add(self, draft: Draft) -> Note:
        """Keep a new note (checked first: NoteError says what is wrong); the note as kept, with its id."""
        d = draft.checked()
        a = d.anchors
        values = dict(text=d.text, author=d.writer.name, author_verified=d.writer.verified, created_at=now(),
                      page=d.page, query=d.query, data_version=d.data_version, day_from=a.day_from, day_to=a.day_to,
                      event_id=a.event_id, resolution_id=a.resolution_id, pair=a.pair, region=a.region)
        with self._begin(writes=True) as conn:
            note_id = conn.execute(insert(notes_table).values(**values).returning(notes_table.c.note_id)).scalar_one()
        return Note(note_id=note_id, text=d.text, author=d.writer.name, author_verified=d.writer.verified,
                    created_at=values["created_at"], page=d.page, query=d.query, anchors=a,
                    data_version=d.data_version)

    def _locked(self, conn: Connection, note_id: int, by: Writer, doing: str) -> Note:
        row = conn.execute(select(notes_table).where(notes_table.c.note_id == note_id).with_for_update()).first()
        if row is None:
            raise NoteError(f"There is no note {note_id}.")
        note = _row_to_note(row)
        if note.deleted_at is not None:
            raise NoteError(f"Note {note_id} was deleted by {note.deleted_by} on {note.deleted_at:%d %b %Y %H:%M} "
                            "UTC.")
        if not may_change(note, by):
            who = note.writer.label()
            raise NoteError(f"Only its author ({who}), signed in, can {doing} note {note_id}.")
        return note

    def edit(self, note_id: int, new_text: str, by: Writer) -> Note:
        """Replace a note's text, keeping the earlier one in its history."""
        body, by = checked_text(new_text), checked_writer(by)
        with self._begin(writes=True) as conn:
            note = self._locked(conn, note_id, by, "edit")
            if body == note.text:
                return note
            at = now()
            conn.execute(insert(revisions_table).values(
                note_id=note_id, text=note.text, written_at=note.edited_at or note.created_at,
                written_by=note.edited_by or note.author, replaced_at=at, replaced_by=by.name))
            conn.execute(update(notes_table).where(notes_table.c.note_id == note_id).values(
                text=body, edited_at=at, edited_by=by.name))
        return self.get(note_id)  # type: ignore[return-value]

    def delete(self, note_id: int, by: Writer) -> Note:
        """Hide a note, keeping it (who deleted it, when)."""
        by = checked_writer(by)
        with self._begin(writes=True) as conn:
            self._locked(conn, note_id, by, "delete")
            conn.execute(update(notes_table).where(notes_table.c.note_id == note_id).values(
                deleted_at=now(), deleted_by=by.name))
        return self.get(note_id)  # type: ignore[return-value]

    # --- reading ----------------------------------------------------------------------------------------------

    def get(self, note_id: int) -> Note | None:
        """A note by its id, deleted or not; None when there is none."""
        with self._begin() as conn:
            row = conn.execute(select(notes_table).where(notes_table.c.note_id == note_id)).first()
        return _row_to_note(row) if row else None

    def notes(self, page: str | None = None, query: str | None = None, include_deleted: bool = False) -> list[Note]:
        """Notes oldest first: all of them, or those written on `page` (and `query`, compared as text)."""
        stmt = select(notes_table).order_by(notes_table.c.note_id)
        if page is not None:
            stmt = stmt.where(notes_table.c.page == page)
        if query is not None:
            stmt = stmt.where(notes_table.c.query == query)
        if not include_deleted:
            stmt = stmt.where(notes_table.c.deleted_at.is_(None))
        with self._begin() as conn:
            return [_row_to_note(r) for r in conn.execute(stmt)]

    def count(self) -> int:
        with self._begin() as conn:
            return conn.execute(select(func.count()).select_from(notes_table)).scalar_one()

    def history(self, note_id: int) -> list[Revision]:
        """A note's earlier texts, oldest first."""
        stmt = select(revisions_table).where(revisions_table.c.note_id == note_id).order_by(
            revisions_table.c.revision_id)
        with self._begin() as conn:
            return [Revision(r.note_id, r.text, r.written_at, r.written_by, r.replaced_at, r.replaced_by)
                    for r in conn.execute(stmt)]

    # --- moving between stores ----------------------------------------------------------------------------------

    def export_records(self) -> Iterator[dict[str, Any]]:
        """Every note, deleted ones too, with its earlier texts: one JSON-ready dict each (`import_records` reads
        them back)."""
        with self._begin() as conn:
            revisions: dict[int, list[dict[str, Any]]] = {}
            for r in conn.execute(select(revisions_table).order_by(revisions_table.c.revision_id)):
                m = dict(r._mapping)
                m.pop("revision_id")
                revisions.setdefault(m.pop("note_id"), []).append(_jsonable(m))
            rows = conn.execute(select(notes_table).order_by(notes_table.c.note_id)).all()
        for row in rows:
            record = _jsonable(dict(row._mapping))
            record["history"] = revisions.get(row.note_id, [])
            yield record

    def import_records(self, records: Iterable[dict[str, Any]]) -> tuple[int, int]:
        """Keep exported notes with their ids and history, in one transaction: (added, already here). A note whose
        id is taken by a different note is a NoteError, and nothing is imported."""
        added = same = 0
        columns = {c.name for c in notes_table.columns}
        with self._begin(writes=True) as conn:
            for record in records:
                values = _from_json({k: v for k, v in record.items() if k in columns}, notes_table)
                if "note_id" not in values or "text" not in values:
                    raise NoteError("A line of the export has no note_id or text: is it an export of notes?")
                here = conn.execute(select(notes_table).where(notes_table.c.note_id == values["note_id"])).first()
                if here is not None:
                    kept = _jsonable({k: here._mapping[k] for k in ("text", "author", "created_at")})
                    if kept != _jsonable({k: values.get(k) for k in kept}):
                        raise NoteError(f"Note {values['note_id']} in the export differs from note "
                                        f"{values['note_id']} in {self.where()}: nothing was imported.")
                    same += 1
                    continue
                conn.execute(insert(notes_table).values(**values))
                for past in record.get("history", []):
                    conn.execute(insert(revisions_table).values(note_id=values["note_id"],
                                                                **_from_json(past, revisions_table)))
                added += 1
            if self.kind == "postgresql" and added:  # ids given explicitly: move the sequence past them
                conn.execute(text("SELECT setval(pg_get_serial_sequence('notes', 'note_id'), "
                                  "(SELECT max(note_id) FROM notes))"))
                conn.execute(text("SELECT setval(pg_get_serial_sequence('note_revisions', 'revision_id'), "
                                  "(SELECT coalesce(max(revision_id), 1) FROM note_revisions))"))
        return added, same


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in values.items()}


def _from_json(values: dict[str, Any], table: Table) -> dict[str, Any]:
    """Dates and times back from their ISO text, for the table's date and time columns."""
    out = {}
    for k, v in values.items():
        if k not in table.c:
            continue
        kind = table.c[k].type
        if isinstance(v, str) and isinstance(kind, DateTime):
            v = datetime.fromisoformat(v)
        elif isinstance(v, str) and isinstance(kind, Date):
            v = date.fromisoformat(v)
        out[k] = v
    return out


_opened: dict[str, NotesStore] = {}


def open_store(url: str | None = None, events_db: Path | None = None) -> NotesStore:
    """The store for this process (one engine per URL: its connection pool is shared by the app's sessions)."""
    key = store_url(url, events_db)
    if key not in _opened:
        _opened[key] = NotesStore(key)
    return _opened[key]


def is_unavailable(error: Exception) -> bool:
    """The store could not be reached (a server down, a file not writable): the page says so and goes on."""
    return isinstance(error, OperationalError)
