"""What every page shares: the database, cached queries, the shared filters, and captions with sources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from types import FunctionType
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from monitor.queries.filters import Filters
from monitor.store import Store

T = TypeVar("T")


@st.cache_resource
def store() -> Store:
    return Store()


def _function_key(fn: FunctionType) -> str:
    """A query function's cache key: where it is defined (Streamlit cannot hash a function by itself)."""
    return f"{fn.__module__}.{fn.__qualname__}"


@st.cache_data(max_entries=512, show_spinner=False, hash_funcs={FunctionType: _function_key})
def _cached(query: Callable[..., Any], version: tuple, args: tuple) -> Any:
    return query(store(), *args)


def q(query: Callable[..., T], *args: Any) -> T:
    """Run a query from monitor.queries, cached until the ETL swaps in a new database (a new store version)."""
    return _cached(query, store().version(), args)


def filters() -> Filters:
    """The shared filters app.py bound to the URL (c, from, to)."""
    return st.session_state["_filters"]


def caption(sources: pd.DataFrame | None, as_of: date | None = None, note: str = "") -> None:
    """Under every chart: where its numbers come from, linked, and the data's as-of date."""
    parts = [note] if note else []
    if sources is not None and not sources.empty:
        cited = []
        for row in sources.drop_duplicates("source_id").itertuples():
            label = f"{row.publisher}: {row.title}"
            cited.append(f"[{md_escape(label)}]({row.url})" if getattr(row, "url", None) else md_escape(label))
        parts.append("Sources: " + "; ".join(cited[:8]) + (f" and {len(cited) - 8} more" if len(cited) > 8 else ""))
    else:
        parts.append("Sources: none in the selection")
    if as_of:
        parts.append(f"Data as of {as_of:%d %B %Y}")
    st.caption(" · ".join(parts))


def md_escape(text: str) -> str:
    """Text from data is shown as text: neutralise Markdown and HTML control characters."""
    for ch in "\\`*_{}[]()<>#+!|$~":
        text = text.replace(ch, "\\" + ch)
    return text
