"""Relationships: the network of bilateral interactions, and a dossier on one pair of countries.

URL: `tab` (interactions | votes: what the network's lines show), `pair` (e.g. RUS-MMR), plus `c`, `from`, `to`.
The content is monitor/views/relationships.py's (the briefing shows the same); this file adds the pickers.
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import built, filters, q, render
from monitor import links, urls
from monitor.views import relationships as view


def pick_pair(options: pd.DataFrame, labels: dict[str, str]) -> tuple[str, str] | None:
    """The pair selectbox, bound to `pair` (A-B); the pair with most interactions by default."""
    links.bind(urls.PAIR, "pair", None if options.empty else options["pair"].iloc[0])
    chosen = st.session_state["pair"]
    if chosen is None:
        render([view.section(view.NO_PAIR)])
        return None
    a, b = chosen.split("-")
    pairs = [p for p in options["pair"] if p != f"{b}-{a}"]  # the linked orientation replaces its mirror
    if chosen not in pairs:
        pairs.insert(0, chosen)
    st.selectbox("Pair of countries", pairs, key="pair", format_func=lambda p: view.pair_label(p, labels))
    return a, b


st.title(view.TITLE)
f = filters()
edges = view.bilateral_edges(q, f)
links.bind(urls.TAB, "rel_tab", "interactions", allowed=list(view.TABS))
tab = st.radio("Lines show", list(view.TABS), key="rel_tab", format_func=view.TABS.get, horizontal=True)
render(built(view.network_sections, f, edges, tab))
st.header("Bilateral dossier")
pair = pick_pair(*built(view.pair_choices, f))
if pair:
    render(built(view.dossier, f, *pair))
