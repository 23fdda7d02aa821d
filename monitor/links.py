"""The Streamlit glue for monitor/urls.py: widgets bound to URL keys, the link warnings, the share box.

The one place in `monitor` that imports Streamlit. Widgets are seeded from the URL once per session, and at the
end of every run the URL is rewritten from the widgets, so the address bar is always the shareable link.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import streamlit as st

from monitor import urls
from monitor.notes.model import MAX_NAME, MAX_TEXT, Anchors, Draft, Note, NoteError, Writer, draft_from_link
from monitor.text import md, short

T = TypeVar("T")
WARNING_LIMIT = 300


@dataclass
class UrlState:
    """What this run's URL should hold, collected while the page draws."""

    params: dict[str, str | list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _state() -> UrlState:
    if "_url_state" not in st.session_state:
        st.session_state["_url_state"] = UrlState()
    return st.session_state["_url_state"]


def begin_run() -> None:
    """Start collecting this run's URL (call first thing in app.py)."""
    st.session_state["_url_state"] = UrlState()


def bind(key: urls.Key[T], widget: str, default: T | None = None, allowed: Collection[Any] | None = None) -> None:
    """Seed the widget `widget` from the URL's `key` once (a bad value: its warning, and the default), and put
    the widget's value in this run's URL.

    `default` replaces the key's own (a data-dependent one); `allowed` its choices (the options the page offers).
    Call before drawing the widget; the widget then takes its value from st.session_state[widget].
    """
    state = _state()
    seeded = f"_seeded_{widget}"
    if widget not in st.session_state or not st.session_state.get(seeded):
        value, warning = key.value_of(st.query_params.get_all(key.name), default, allowed)
        if warning:
            state.warnings.append(warning)
        st.session_state[widget] = value
        st.session_state[seeded] = True
    chosen = st.session_state[widget]
    state.params[key.name] = "" if chosen is None else key.encode(chosen)


def put(key: urls.Key[T], value: T) -> None:
    """Put a bound widget's value, changed before the widget was drawn, in this run's URL."""
    _state().params[key.name] = "" if value is None else key.encode(value)


def forget(key: urls.Key[Any], widget: str) -> None:
    """Drop a bound widget's value and its value in the URL, so the next bind() gives the default: for a widget
    whose choices another one has just changed (a widget's on_change callback)."""
    st.session_state.pop(widget, None)
    st.session_state[f"_seeded_{widget}"] = False
    if key.name in st.query_params:
        del st.query_params[key.name]


def warn(message: str) -> None:
    _state().warnings.append(message)


def current_params() -> dict[str, str | list[str]]:
    return {k: v for k, v in _state().params.items() if v not in ("", [], None)}


def shared_params() -> dict[str, str | list[str]]:
    """The filters that travel with every page link."""
    return {k: v for k, v in current_params().items() if k in urls.SHARED_KEYS}


def finish_run(warnings_slot: Any, share_slot: Any, share_also: dict[str, str] | None = None) -> None:
    """Rewrite the URL from this run's state; fill the warnings and share-link slots made earlier."""
    state = _state()
    with warnings_slot:
        for message in state.warnings:
            st.warning(md(short(message, WARNING_LIMIT)), icon="⚠️")  # it quotes the link: text, and short
    with share_slot:
        share_box(share_also)
    wanted = current_params()
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    normalised = {k: [v] if isinstance(v, str) else list(v) for k, v in wanted.items()}
    if normalised != have:
        st.query_params.from_dict(wanted)


def share_query(also: dict[str, str] | None = None) -> str:
    """The query string of this exact view (`also`: keys the share box always carries, such as the data version,
    last)."""
    params = {k: v for k, v in current_params().items() if k not in (also or {})}
    return urls.query_string({**params, **(also or {})})


def share_link(also: dict[str, str] | None = None) -> str:
    """The link to this exact view: the page's address and this run's query string."""
    base = st.context.url or ""
    query = share_query(also)
    return f"{base}?{query}" if query else base


def share_box(also: dict[str, str] | None = None) -> None:
    """The link to this exact view, with a copy button."""
    st.caption("Link to this view")
    st.code(share_link(also), language=None, wrap_lines=True)


# --- analysts' notes: who is writing, and "Add a note to this link" ----------------------------------------------

NOTE_WIDGETS = ("note_text", "note_day", "note_until", "note_event", "note_region")


def signed_in_as() -> str | None:
    """The signed-in identity when sign-in is on (an [auth] section: st.login), else None."""
    if not st.user.get("is_logged_in"):
        return None
    return str(st.user.get("email") or st.user.get("name") or st.user.get("sub") or "") or None


def current_writer(typed_key: str = "note_author") -> Writer:
    """Who writes: the signed-in identity (verified), else the name typed in the widget `typed_key`."""
    identity = signed_in_as()
    if identity:
        return Writer(identity, verified=True)
    return Writer(str(st.session_state.get(typed_key) or ""), verified=False)


def name_input(key: str = "note_author") -> None:
    """Without sign-in: the writer's name, kept for the session (shown with every note as not verified)."""
    if signed_in_as() is None:
        if key not in st.session_state and "note_author" in st.session_state:
            st.session_state[key] = st.session_state["note_author"]
        st.text_input("Your name (shown as not verified: no sign-in here)", key=key, max_chars=MAX_NAME)


def _add_note(link: str, save: Callable[[Draft], Note]) -> None:
    """The form's button (a callback, so that it may clear the form): save the note, show it at the top of the
    view (`note` in the link); a refused note's message stays beside the form, with the text kept."""
    s = st.session_state
    anchors = Anchors(s.get("note_day"), s.get("note_until"), s.get("note_event") or None, None, None,
                      s.get("note_region") or None)
    try:
        note = save(draft_from_link(link, s.get("note_text") or "", current_writer("note_author_new"), anchors))
    except NoteError as e:
        s["_note_error"] = str(e)
        return
    s["_note_error"] = None
    s["note_author"] = s.get("note_author_new")
    for key in NOTE_WIDGETS:
        s[key] = None if key in ("note_day", "note_until") else ""
    s["shown_note"] = note.note_id


def note_box(page_path: str, also: dict[str, str], save: Callable[[Draft], Note]) -> None:
    """'Add a note to this link': a note on this exact view, with an optional day or range, event or region (a UN
    votes link gives its resolution, a Relationships link its pair). `save` checks and keeps it."""
    with st.expander("Add a note to this link", icon=":material/edit_note:"):
        with st.form("add_note", border=False):
            st.text_area("Note (plain text; http(s) links become links)", key="note_text", max_chars=MAX_TEXT,
                         height=120)
            name_input("note_author_new")
            bounds = {"min_value": date(1800, 1, 1), "max_value": date(2100, 12, 31), "format": "YYYY-MM-DD"}
            st.date_input("About a day (optional)", value=None, key="note_day", **bounds)
            st.date_input("… to a day (optional: a range)", value=None, key="note_until", **bounds)
            st.text_input("About an event (its id, optional)", key="note_event")
            st.text_input("About a region (optional, e.g. MMR:Sagaing)", key="note_region")
            link = f"/{page_path}?{share_query(also)}"  # the page's own path: whatever host serves it
            st.form_submit_button("Add note", on_click=_add_note, args=(link, save), type="primary")
        if st.session_state.get("_note_error"):
            st.error(md(st.session_state["_note_error"]), icon=":material/error:")
