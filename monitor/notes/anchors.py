"""Anchors checked against the events database, and a view's scope read from a link or from its filters.

Reads the events database through monitor.store (read-only) and never writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qs

from monitor import urls
from monitor.ids import resolution_id
from monitor.notes.model import EVENT_PAGES, Anchors, Note, NoteError, Scope, notes_in, sorted_pair, split_link
from monitor.queries.filters import Filters, table_filter
from monitor.store import Store
from monitor.text import echo

Run = Callable[..., Any]  # run(query, *args): a query on the events database (monitor.views.blocks.Run)


def check_known(store: Store, anchors: Anchors) -> None:
    """NoteError when the note names an event or a resolution the database does not hold."""
    if anchors.event_id:
        found = store.query("SELECT count(*) AS n FROM events WHERE event_id = ?", [anchors.event_id])
        if not int(found.iloc[0]["n"]):
            raise NoteError(f"There is no event {echo(anchors.event_id)} in the database: copy its id from the Data "
                            "page (Events) or the Map.")
    if anchors.resolution_id:
        found = store.query("SELECT count(*) AS n FROM resolutions WHERE resolution_id = ?", [anchors.resolution_id])
        if not int(found.iloc[0]["n"]):
            raise NoteError(f"There is no resolution {echo(anchors.resolution_id)} in the database (e.g. "
                            "A/RES/75/287).")


def events_in_selection(store: Store, f: Filters, event_ids: Iterable[str]) -> frozenset[str]:
    """Which of `event_ids` (the events notes are anchored to) are in the selection."""
    ids = sorted(set(event_ids))
    if not ids:
        return frozenset()
    where, params = table_filter("events", f)
    marks = ", ".join("?" for _ in ids)
    found = store.query(f"SELECT DISTINCT event_id FROM events WHERE event_id IN ({marks}) AND {where}",
                        [*ids, *params])
    return frozenset(found["event_id"].astype(str))


def scope_of(page: str, query: str, f: Filters | None, event_ids: frozenset[str] = frozenset()) -> Scope:
    """A view's scope: its link, its filters as the page applied them (None: the link's own dates and
    countries), and the anchored events in its selection."""
    params = parse_qs(query)
    res = params.get(urls.RESOLUTION.name, [])
    pair = params.get(urls.PAIR.name, [])
    if f is None:
        countries, _ = urls.parse_countries(params.get(urls.COUNTRIES.name, []))
        start, _ = urls.FROM.value_of(params.get(urls.FROM.name, []))
        end, _ = urls.TO.value_of(params.get(urls.TO.name, []))
        f_countries: tuple[str, ...] = tuple(countries)
        regions = tuple(params.get("region", []))
    else:
        f_countries, start, end, regions = f.countries, f.start, f.end, f.regions
    return Scope(page, query, f_countries, start, end, resolution_id(res[0]) if res else None,
                 sorted_pair(pair[0]) if pair else None, event_ids, regions)


def scope_of_link(link: str) -> Scope:
    """A link's scope from its own values alone (the command line's `list LINK`)."""
    page, query = split_link(link)
    return scope_of(page, query, None)


def view_notes(notes: Sequence[Note], run: Run, page: str, query: str, f: Filters | None) -> list[Note]:
    """The notes that show on a view (`run`: a query runner on the events database, for the anchored events)."""
    event_ids: frozenset[str] = frozenset()
    anchored = tuple(sorted({n.anchors.event_id for n in notes if n.anchors.event_id and n.deleted_at is None}))
    if page in EVENT_PAGES and anchored and f is not None:
        event_ids = run(events_in_selection, f, anchored)
    return notes_in(notes, scope_of(page, query, f, event_ids))
