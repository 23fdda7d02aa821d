"""Overview (home): the headline figures for the selection, each with its qualifier and source, the latest
events, and links into the other pages with the same filters."""

from __future__ import annotations

import streamlit as st

from app_pages.common import built, filters, render
from monitor import links
from monitor.views import overview as view

st.title(view.TITLE)
f = filters()
render([view.section(view.headline(f)), *built(view.sections, f)])

# --- into the other pages, with the same filters
st.subheader("Explore")
shared = links.shared_params()
EXPLORE = [
    ("app_pages/timeline.py", "Timeline: tolls, visits and votes on one axis", ":material/timeline:"),
    ("app_pages/un_votes.py", "UN votes: who voted how", ":material/how_to_vote:"),
    ("app_pages/relationships.py", "Relationships between countries", ":material/hub:"),
    ("app_pages/map.py", "Map: where it happened", ":material/map:"),
    ("app_pages/data.py", "Data: every table, CSV, ingest log", ":material/table_view:"),
]
cols = st.columns(3)
for i, (page, label, icon) in enumerate(EXPLORE):
    cols[i % 3].page_link(page, label=label, icon=icon, query_params=shared)
