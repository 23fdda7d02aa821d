"""What every page shares: the database, cached queries, the shared filters, and captions with sources."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from types import FunctionType
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from monitor import links, pinned, urls
from monitor.figures.common import GEO_CONFIG
from monitor.notes.anchors import check_known, view_notes
from monitor.notes.model import MAX_TEXT, Draft, Note, NoteError
from monitor.notes.store import NotesStore, is_unavailable, open_store
from monitor.queries import lens
from monitor.queries.filters import Filters
from monitor.store import Store
from monitor.text import md, md_paragraphs
from monitor.views import blocks as b
from monitor.views import notes as notes_view
from monitor.views.markdown import caption_markdown, split_links

T = TypeVar("T")


@st.cache_resource
def store() -> Store:
    return Store()


def _function_key(fn: FunctionType) -> str:
    """A query function's cache key: where it is defined (Streamlit cannot hash a function by itself)."""
    return f"{fn.__module__}.{fn.__qualname__}"


def cache_key() -> tuple:
    """What every cached read and built view of this run is keyed by, beside its own arguments (the rest of the URL
    state): the database file's identity (a load makes a new one) and the data version the link pins (`v`)."""
    return store().version(), pinned_version()


@st.cache_data(max_entries=512, show_spinner=False, hash_funcs={FunctionType: _function_key})
def _cached(query: Callable[..., Any], version: tuple, pinned_to: int | None, args: tuple) -> Any:
    return query(pinned.at(store(), pinned_to), *args)


def pinned_version() -> int | None:
    """The older data version the link pins (`v`), or None for the latest."""
    return st.session_state.get("_pinned")


def q(query: Callable[..., T], *args: Any) -> T:
    """Run a query from monitor.queries on the data version the link pins (the latest by default), cached until
    the ETL loads a new version."""
    return _cached(query, *cache_key(), args)


def q_latest(query: Callable[..., T], *args: Any) -> T:
    """Run a query on the latest data whatever the link pins (the Changes page reads the history itself)."""
    return _cached(query, cache_key()[0], None, args)


class SharedFigure(go.Figure):
    """A figure in a built view, which every session showing the view renders. Streamlit asks each run for the
    figure's dict (plotly deep-copies it every time) before writing its JSON: a shared figure makes it once.
    Nothing changes a built view, so the one dict serves every run."""

    def to_dict(self) -> dict:
        if "_dict" not in self.__dict__:
            self.__dict__["_dict"] = super().to_dict()
        return self.__dict__["_dict"]


def _share_figures(blocks: Any) -> None:
    """Turn the charts of built sections into SharedFigures (once, as the view is built)."""
    for block in blocks:
        if isinstance(block, b.Section):
            _share_figures(block.blocks)
        elif isinstance(block, b.Chart) and not isinstance(block.figure, SharedFigure):
            object.__setattr__(block, "figure", SharedFigure(block.figure))  # frozen dataclass: set once, here
        elif isinstance(block, b.Columns):
            for part in block.parts:
                _share_figures(part)
        elif isinstance(block, b.Folded):
            _share_figures(block.blocks)


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs={FunctionType: _function_key})
def _built(build: Callable[..., Any], version: tuple, pinned_to: int | None, args: tuple) -> Any:
    view = build(q, *args)  # q runs on pinned_to: this session's pin, part of the key
    _share_figures(view if isinstance(view, list | tuple) else [view])
    return view


def built(build: Callable[..., T], *args: Any) -> T:
    """Sections of a view from monitor.views (`build(q, *args)`), built once per cache_key() and arguments and
    shared by every session.

    Building a view, its plotly figures above all, is the costliest part of a page run and pure Python, so
    concurrent sessions queue for it on the GIL; the second analyst to open a view gets what the first one
    built, figure dicts included (SharedFigure). Shared, not copied: nothing changes a built view (the renderer
    only reads it).
    """
    return _built(build, *cache_key(), args)


def filters() -> Filters:
    """The shared filters app.py bound to the URL (c, from, to)."""
    return st.session_state["_filters"]


def caption(sources: pd.DataFrame | None, as_of: date | None = None, note: str = "") -> None:
    """Under every chart: its sources, linked, and the data's as-of date (monitor.views.markdown)."""
    st.caption(caption_markdown(sources, as_of, note))


# --- the views' blocks, drawn with Streamlit (monitor/briefing.py draws the same blocks as HTML) ---------------


def render(sections: list[b.Section]) -> None:
    for part in sections:
        if part.title:
            (st.header if part.level == 1 else st.subheader)(md(part.title))
        for block in part.blocks:
            _block(block)


def _table(t: b.Table) -> None:
    config: dict[str, Any] = {c: st.column_config.DateColumn(t.labels.get(c, c), format="YYYY-MM-DD")
                              for c in t.dates}
    config |= {c: st.column_config.LinkColumn(t.labels.get(c, c),
                                              display_text=t.link_texts.get(c, t.link_text) or None) for c in t.links}
    frame = t.frame
    for c in t.links:  # a link only to a web URL or a page of the app; any other value is text beside it
        frame, as_text = split_links(frame, c)
        if as_text:
            config[as_text] = st.column_config.TextColumn(f"{t.labels.get(c, c)} (not a web link: text)")
    config |= {c: st.column_config.NumberColumn(t.labels.get(c, c), format=fmt) for c, fmt in t.formats.items()}
    config |= {c: st.column_config.TextColumn(t.labels.get(c, c), width="large") for c in t.wide}
    config |= {c: label for c, label in t.labels.items() if c not in config}
    if t.title:
        st.markdown(f"**{md(t.title)}**")
    st.dataframe(frame, hide_index=True, column_config=config, **({"height": t.height} if t.height else {}))


def _block(block: b.Block) -> None:
    if isinstance(block, b.Text):
        lead = f"**{md(block.strong)}**" if block.strong else ""
        # md() trims the text, but a space between the bold lead and the text is part of the sentence.
        gap = " " if lead and block.text[:1].isspace() else ""
        st.markdown(("- " if block.bullet else "") + lead + gap + md(block.text))
    elif isinstance(block, b.Notice):
        (st.warning if block.kind == "warning" else st.info)(md(block.text))
    elif isinstance(block, b.Metrics):
        for col, m in zip(st.columns(len(block.items)), block.items, strict=True):
            col.metric(m.label, m.value, help=m.help or None)
    elif isinstance(block, b.Chart):
        st.plotly_chart(block.figure, key=block.key, config=GEO_CONFIG if block.geo else {"displaylogo": False})
    elif isinstance(block, b.Table):
        _table(block)
    elif isinstance(block, b.Caption):
        caption(block.sources, block.as_of, block.note)
    elif isinstance(block, b.Columns):
        for col, part in zip(st.columns(list(block.widths) or len(block.parts)), block.parts, strict=True):
            with col:
                for inner in part:
                    _block(inner)
    elif isinstance(block, b.Folded):
        with st.expander(block.label):
            for inner in block.blocks:
                _block(inner)
    elif isinstance(block, b.Quote):
        with st.container(border=True):
            st.caption(md(block.by))
            st.markdown(md_paragraphs(block.text))


def version_notice(slot: Any, pinned_to: pinned.Version, latest: pinned.Version) -> None:
    """At the top of a pinned view: which version it shows, how the selection's headline numbers differ in the
    latest, and buttons to the latest data and to what changed since. (Buttons, not links: a link within the
    app keeps the session, and with it the pin.)"""
    from monitor.views import pinning

    then = pinning.headline_numbers(q, filters())
    now = pinning.headline_numbers(q_latest, filters())
    with slot:
        st.info(md(pinning.notice(pinned_to, latest)) + "\n\n" + md(pinning.comparison(then, now)),
                icon=":material/history:")
        left, right = st.columns(2)
        if left.button("Show latest", key="show_latest", icon=":material/update:"):
            st.session_state["data_version"] = None
            st.rerun()
        if right.button(f"What changed since version {pinned_to.number}", key="changes_since_pin",
                        icon=":material/difference:"):
            st.session_state["data_version"] = None
            st.switch_page(urls.page("changes").file, query_params={**links.shared_params(),
                                                                    "since": str(pinned_to.number)})


# --- the what/who/where pickers in the sidebar (URL keys type, sub, actor, region, src) ----------------------------
# Each lists the values that exist under the other filters, with their counts; a value the data does not hold is
# named in a warning and left out, and the rest of the link applies. The reads are monitor/queries/lens.py's.

PICKERS = (  # key, widget, label, placeholder
    (urls.EVENT_TYPE, "f_type", "Event type", "All types"),
    (urls.SUB_TYPE, "f_sub", "Sub-event type", "All sub-event types"),
    (urls.ACTOR, "f_actor", "Actor", "All actors (type to search)"),
    (urls.REGION, "f_region", "Region", "All regions (type to search)"),
    (urls.SOURCE, "f_src", "Dataset", "All datasets"),
)


SEARCHED = {"actor": "an actor", "region": "a region"}  # pickers with a search box of their own


def with_lens(base: Filters) -> Filters:
    """`base` with the pickers' values (as bound from the URL, before the widgets are drawn)."""
    chosen = {lens.FIELD[key.name]: tuple(st.session_state.get(widget) or ()) for key, widget, _, _ in PICKERS}
    return dataclasses.replace(base, **chosen)


def lens_pickers(base: Filters) -> Filters:
    """Bind each key to the URL, drop values the data does not hold (with a warning), draw the pickers; the filters
    with what was chosen."""
    for key, widget, _, _ in PICKERS:
        links.bind(key, widget)
    for key, widget, label, placeholder in PICKERS:
        f = with_lens(base)
        search = ""
        if key.name in SEARCHED:  # tens of thousands of values: the database finds those containing the text
            search = st.text_input(f"Find {SEARCHED[key.name]}", key=f"{widget}_find", placeholder="part of a name",
                                   help="Lists the values containing this text (any case) in the picker below")
        offered = q(lens.options, f, key.name, search.strip()[:urls.MAX_FILTER_VALUE_LENGTH])
        counts = dict(zip(offered["value"], offered["events"], strict=True))
        chosen = list(st.session_state[widget])
        unlisted = tuple(v for v in chosen if v not in counts)
        if unlisted:
            held = q(lens.known, key.name, unlisted)
            kept, warning = urls.unknown_values(key, chosen, set(counts) | held)
            if warning:
                links.warn(warning)
                st.session_state[widget] = kept
                links.put(key, kept)
        chosen = st.session_state[widget]
        shown = list(dict.fromkeys([*chosen, *counts]))
        st.multiselect(label, shown, key=widget, placeholder=placeholder, accept_new_options=True,
                       format_func=lambda v, c=counts, k=key.name: f"{lens.label(k, v)} · {c.get(v, 0):,}",
                       help=f"{urls.KEYS[key.name].doc}. Lists the {lens.PICKER_LIMIT} values with the most events "
                            "under the other filters; type any other value as published.")
    return with_lens(base)


# --- analysts' notes (monitor/notes; docs/notes.md) ----------------------------------------------------------------

NOTES_TITLES = {urls.page("un_votes").path: "Notes on this resolution", urls.page("relationships").path:
                "Notes on this pair", urls.page("map").path: "Notes on events in this selection",
                urls.page("data").path: "Notes on events in this selection"}


def notes_store() -> NotesStore:
    """The notes store: $MONITOR_NOTES_URL, else the SQLite file beside the events database."""
    return open_store(events_db=store().path)


def _notes_on(page_path: str) -> list[Note]:
    """The notes that show on this run's view of `page_path` (its link as bound so far, the shared filters)."""
    query = urls.query_string({k: v for k, v in links.current_params().items() if k not in ("v", urls.NOTE.name)})
    return view_notes(notes_store().notes(), q, page_path, query, filters())


def _unavailable(error: Exception) -> None:
    if not is_unavailable(error):
        raise error
    st.warning(md(f"The analysts' notes cannot be read just now ({type(error).__name__}: "
                  f"{str(error).splitlines()[0]}). The data below is complete; notes will be back when the notes "
                  "store is."), icon=":material/sticky_note_2:")


def with_note_marks(sections: list[b.Section]) -> list[b.Section]:
    """The Timeline's sections with the notes dated inside the view drawn on its chart."""
    try:
        return notes_view.with_marks(sections, _notes_on(urls.page("timeline").path))
    except Exception as e:  # noqa: BLE001 - a store that is down: the page says so and draws without notes
        _unavailable(e)
        return sections


def save_note(draft: Draft) -> Note:
    """Check a new note (its text, name and anchors, against this database) and keep it."""
    checked = draft.checked()
    check_known(pinned.at(store(), None), checked.anchors)
    return notes_store().add(checked)


def shown_note(slot: Any) -> None:
    """At the top of the view: the note the link asks for (`note`)."""
    asked = st.session_state.get("shown_note")
    if not asked:
        return
    try:
        found = notes_store().get(asked)
    except Exception as e:  # noqa: BLE001
        with slot:
            _unavailable(e)
        return
    with slot:
        render([notes_view.shown_note(found, asked)])


def notes_block(page_path: str) -> None:
    """Under the view: the notes that show on it, each with its history, edit and delete."""
    try:
        notes = _notes_on(page_path)
    except Exception as e:  # noqa: BLE001
        _unavailable(e)
        return
    st.subheader(NOTES_TITLES.get(page_path, notes_view.TITLE))
    if not notes:
        st.caption("No analyst's note on this view yet: “Add a note to this link” in the sidebar writes one.")
    for note in notes:
        _note_card(note)


def _note_card(note: Note) -> None:
    with st.container(border=True, key=f"note-{note.note_id}"):
        st.caption(md(notes_view.by_line(note)))
        st.markdown(md_paragraphs(note.text))
        history, edit, delete, _ = st.columns((1, 1, 1, 4))  # small buttons, on the left
        if note.edited_at:
            with history.popover("History", icon=":material/history:"):
                for past in notes_store().history(note.note_id):
                    st.caption(md(f"{past.written_by}, {past.written_at:%d %b %Y %H:%M} UTC (replaced "
                                  f"{past.replaced_at:%d %b %Y %H:%M} UTC by {past.replaced_by})"))
                    st.markdown(md_paragraphs(past.text))
        with edit.popover("Edit", icon=":material/edit:"):
            with st.form(f"edit-{note.note_id}", border=False):
                st.text_area("Note", value=note.text, key=f"edit-text-{note.note_id}", max_chars=MAX_TEXT)
                links.name_input(f"edit-author-{note.note_id}")
                st.form_submit_button("Save", on_click=_change_note, args=("edit", note.note_id))
        with delete.popover("Delete", icon=":material/delete:"):
            with st.form(f"delete-{note.note_id}", border=False):
                st.caption("The note is hidden, and kept with who deleted it and when.")
                links.name_input(f"delete-author-{note.note_id}")
                st.form_submit_button(f"Delete note {note.note_id}", on_click=_change_note,
                                      args=("delete", note.note_id))
        if message := st.session_state.get(f"_note_error_{note.note_id}"):
            st.error(md(message), icon=":material/error:")


def _change_note(action: str, note_id: int) -> None:
    """An edit or delete form's button (a callback): change the note, or keep the refusal to show by it."""
    writer = links.current_writer(f"{action}-author-{note_id}")
    try:
        if action == "edit":
            notes_store().edit(note_id, st.session_state.get(f"edit-text-{note_id}") or "", writer)
        else:
            notes_store().delete(note_id, writer)
    except NoteError as e:
        st.session_state[f"_note_error_{note_id}"] = str(e)
        return
    st.session_state[f"_note_error_{note_id}"] = None
    if writer.name and not writer.verified:
        st.session_state["note_author"] = writer.name
