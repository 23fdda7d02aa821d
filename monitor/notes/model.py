"""What a note is, without a database: its fields, the checks a new note passes, and where it shows.

A note is an analyst's plain text on a view: who wrote it, when, the link it was written on (page, filters, data
version) and optional anchors (a day or a range, an event, a resolution, a country pair, a region). Pure: the
store (monitor/notes/store.py) keeps notes, the pages and the briefing show them (monitor/views/notes.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from urllib.parse import parse_qsl, urlsplit

from monitor import urls
from monitor.countries import to_iso3
from monitor.ids import resolution_id
from monitor.text import echo, one_line

MAX_TEXT = 10_000  # characters a note holds
MAX_NAME = 200  # characters of an author's name
# Keys that say which copy of a view a link is, not what it shows: a note's own link is compared without them.
NOT_THE_VIEW = frozenset({urls.VERSION.name, "note"})


class NoteError(ValueError):
    """A note that cannot be written or changed; the message says why and what to do (shown as it is)."""


@dataclass(frozen=True)
class Writer:
    """Who writes: a signed-in identity (verified), or a name the writer typed (not verified)."""

    name: str
    verified: bool = False

    def label(self) -> str:
        return self.name if self.verified else f"{self.name} (not verified)"


@dataclass(frozen=True)
class Anchors:
    """What a note is about, beyond its link; each optional."""

    day_from: date | None = None
    day_to: date | None = None  # a range's last day (None: the one day)
    event_id: str | None = None
    resolution_id: str | None = None
    pair: str | None = None  # two ISO-3 codes in alphabetical order, 'MMR-RUS'
    region: str | None = None  # 'ISO3:Name', a first-level area

    def countries(self) -> set[str]:
        """The countries the pair and the region name."""
        found = set(self.pair.split("-")) if self.pair else set()
        if self.region:
            found.add(self.region.split(":", 1)[0])
        return found


@dataclass(frozen=True)
class Note:
    """A note as kept: its text now, who wrote it, its link and anchors, and whether it was deleted."""

    note_id: int
    text: str
    author: str
    author_verified: bool
    created_at: datetime
    page: str  # the URL path it was written on, '' for the Overview
    query: str  # the link's query string
    anchors: Anchors = field(default_factory=Anchors)
    data_version: int | None = None
    edited_at: datetime | None = None
    edited_by: str | None = None
    deleted_at: datetime | None = None
    deleted_by: str | None = None

    @property
    def writer(self) -> Writer:
        return Writer(self.author, self.author_verified)

    @property
    def link(self) -> str:
        """The app-relative link it was written on: '/timeline?c=MMR&from=…'."""
        return f"/{self.page}" + (f"?{self.query}" if self.query else "")

    def link_countries(self) -> tuple[str, ...]:
        codes, _ = urls.parse_countries(_values(self.query, urls.COUNTRIES.name))
        return tuple(codes)

    def link_dates(self) -> tuple[date | None, date | None]:
        return _date_of(self.query, urls.FROM.name), _date_of(self.query, urls.TO.name)

    def countries(self) -> set[str]:
        """Every country the note concerns: its link's, its pair's and its region's."""
        return set(self.link_countries()) | self.anchors.countries()

    def dates(self) -> tuple[date | None, date | None]:
        """The days it is about: its anchor day or range, else its link's dates (None: open)."""
        if self.anchors.day_from:
            return self.anchors.day_from, self.anchors.day_to or self.anchors.day_from
        return self.link_dates()


@dataclass(frozen=True)
class Revision:
    """An earlier text of a note, kept when an edit replaced it."""

    note_id: int
    text: str
    written_at: datetime
    written_by: str
    replaced_at: datetime
    replaced_by: str


@dataclass(frozen=True)
class Draft:
    """A note about to be written: checked by `checked()` before the store keeps it."""

    text: str
    writer: Writer
    page: str
    query: str
    anchors: Anchors = field(default_factory=Anchors)
    data_version: int | None = None

    def checked(self) -> Draft:
        """The draft with its text and name checked and anchors in their one spelling; NoteError says what is
        wrong."""
        return replace(self, text=checked_text(self.text), writer=checked_writer(self.writer),
                       anchors=checked_anchors(self.anchors))


def _values(query: str, key: str) -> list[str]:
    return [v for k, v in parse_qsl(query, keep_blank_values=False) if k == key]


def _date_of(query: str, key: str) -> date | None:
    values = _values(query, key)
    try:
        return date.fromisoformat(values[0].strip()) if values else None
    except ValueError:
        return None


def checked_text(text: str) -> str:
    """The text without surrounding blank space; NoteError when empty or too long."""
    body = (text or "").strip()
    if not body:
        raise NoteError("A note needs some text: write what you want colleagues to know about this view.")
    if len(body) > MAX_TEXT:
        raise NoteError(f"A note holds at most {MAX_TEXT:,} characters; this one has {len(body):,}. "
                        "Shorten it, or split it into two notes.")
    return body


def checked_writer(writer: Writer) -> Writer:
    name = one_line(writer.name)
    if not name:
        raise NoteError("A note needs an author: type your name (without sign-in it is shown as not verified).")
    if len(name) > MAX_NAME:
        raise NoteError(f"An author's name holds at most {MAX_NAME} characters.")
    return Writer(name, writer.verified)


def checked_anchors(a: Anchors) -> Anchors:
    """Anchors in their one spelling (pair sorted, region's country as ISO-3); NoteError for one that is not."""
    if a.day_to and not a.day_from:
        raise NoteError("A range needs its first day too (the note's day).")
    if a.day_from and a.day_to and a.day_to < a.day_from:
        raise NoteError(f"The range ends ({a.day_to}) before it starts ({a.day_from}).")
    pair = None
    if a.pair:
        try:
            pair = "-".join(sorted(urls.parse_pair(a.pair)))
        except urls.BadParam as e:
            raise NoteError(f"Unknown country pair: {e}") from None
    region = None
    if a.region:
        country, _, name = a.region.partition(":")
        code = to_iso3(country)
        if code is None or not one_line(name):
            raise NoteError(f"Unknown region {echo(a.region)}: write it as a country and its area, e.g. "
                            "MMR:Sagaing.")
        region = f"{code}:{one_line(name)}"
    resolution = None
    if one_line(a.resolution_id):
        resolution = resolution_id(a.resolution_id)
        if not resolution:
            raise NoteError(f"{echo(a.resolution_id)} is not a resolution id (e.g. A/RES/75/287).")
    event = one_line(a.event_id) or None
    return Anchors(a.day_from, a.day_to if a.day_to != a.day_from else None, event, resolution, pair, region)


def split_link(link: str) -> tuple[str, str]:
    """(page path without slashes, query string without `note`) of any dashboard link (the host does not
    matter)."""
    parts = urlsplit(link.strip())
    page = parts.path.strip("/").split("/")[-1]
    pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=False) if k != "note"]
    return page, urls.query_string(_grouped(pairs))


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for k, v in pairs:
        grouped.setdefault(k, []).append(v)
    return grouped


def link_anchors(page: str, query: str) -> Anchors:
    """The anchors a link implies: the resolution a UN votes link shows, the pair a Relationships link shows."""
    res = _values(query, urls.RESOLUTION.name) if page == urls.page("un_votes").path else []
    pair = _values(query, urls.PAIR.name) if page == urls.page("relationships").path else []
    return Anchors(resolution_id=resolution_id(res[0]) if res else None, pair=pair[0] if pair else None)


def draft_from_link(link: str, text: str, writer: Writer, anchors: Anchors | None = None) -> Draft:
    """A draft written on `link`: its page, query and data version, the anchors the link implies, and `anchors`
    (which win where both give one)."""
    page, query = split_link(link)
    implied = link_anchors(page, query)
    given = anchors or Anchors()
    merged = Anchors(given.day_from, given.day_to, given.event_id,
                     given.resolution_id or implied.resolution_id, given.pair or implied.pair, given.region)
    version = _values(query, urls.VERSION.name)
    return Draft(text, writer, page, query, merged, int(version[0]) if version and version[0].isdigit() else None)


# --- where a note shows -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """A view as notes see it: its page and link, its selection, and what it is about."""

    page: str
    query: str
    countries: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    resolution: str | None = None
    pair: str | None = None  # sorted, 'MMR-RUS'
    event_ids: frozenset[str] = frozenset()  # anchored events that are in the view's selection
    regions: tuple[str, ...] = ()  # the view's region filter ('ISO3:Name'; empty: every region)


SELECTION_PAGES = frozenset({urls.page("overview").path, urls.page("timeline").path})
EVENT_PAGES = frozenset({urls.page("map").path, urls.page("data").path})


def same_view(query_a: str, query_b: str) -> bool:
    """Two query strings show the same view: the same values, whatever their order, data version or note."""
    def values(q: str) -> set[tuple[str, str]]:
        return {(k, v) for k, v in parse_qsl(q) if k not in NOT_THE_VIEW}
    return values(query_a) == values(query_b)


def in_selection(note: Note, countries: Sequence[str], start: date | None, end: date | None,
                 regions: Sequence[str] = ()) -> bool:
    """The note concerns the selection: a country in common (or the selection is every country), days in
    common (a note with no days is about any time), and its region among the selection's (when both name one)."""
    if countries and not (note.countries() & set(countries)):
        return False
    if regions and note.anchors.region and note.anchors.region.casefold() not in {r.casefold() for r in regions}:
        return False
    first, last = note.dates()
    if start and last and last < start:
        return False
    return not (end and first and first > end)


def shows_in(note: Note, scope: Scope) -> bool:
    """Whether the note shows on the view: written on it, or anchored inside it (docs/notes.md says where)."""
    if note.page == scope.page and same_view(note.query, scope.query):
        return True
    if scope.page in SELECTION_PAGES:
        return in_selection(note, scope.countries, scope.start, scope.end, scope.regions)
    if scope.page == urls.page("un_votes").path:
        return bool(scope.resolution) and note.anchors.resolution_id == scope.resolution
    if scope.page == urls.page("relationships").path:
        return bool(scope.pair) and note.anchors.pair == scope.pair
    if scope.page in EVENT_PAGES:
        return note.anchors.event_id is not None and note.anchors.event_id in scope.event_ids
    return False


def notes_in(notes: Iterable[Note], scope: Scope) -> list[Note]:
    """The notes that show on the view, oldest first (deleted ones never do)."""
    return sorted((n for n in notes if n.deleted_at is None and shows_in(n, scope)), key=lambda n: n.created_at)


def sorted_pair(value: str | None) -> str | None:
    """'RUS-MMR' -> 'MMR-RUS' (a note's pair, in its one spelling); None when it is no pair."""
    if not value:
        return None
    try:
        return "-".join(sorted(urls.parse_pair(value)))
    except urls.BadParam:
        return None
