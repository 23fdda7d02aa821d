"""The Streamlit glue for monitor/urls.py: widgets bound to URL keys, the link warnings, the share box.

The one place in `monitor` that imports Streamlit. Widgets are seeded from the URL once per session, and at the
end of every run the URL is rewritten from the widgets, so the address bar is always the shareable link.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, TypeVar

import streamlit as st

from monitor import urls
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


def share_link(also: dict[str, str] | None = None) -> str:
    """The link to this exact view: the page's address and this run's query string (`also`: keys the share box
    always carries, such as the data version, last)."""
    base = st.context.url or ""
    params = {k: v for k, v in current_params().items() if k not in (also or {})}
    query = urls.query_string({**params, **(also or {})})
    return f"{base}?{query}" if query else base


def share_box(also: dict[str, str] | None = None) -> None:
    """The link to this exact view, with a copy button."""
    st.caption("Link to this view")
    st.code(share_link(also), language=None, wrap_lines=True)
