"""Overview (home): the headline figures for the selection, each with its qualifier and source, the latest
events, and links into the other pages with the same filters."""

from __future__ import annotations

import streamlit as st

from app_pages.common import built, filters, render
from monitor import links, urls
from monitor.views import overview as view

st.title(view.TITLE)
f = filters()
render([view.section(view.headline(f)), *built(view.sections, f)])

# --- into the other pages, with the same filters
st.subheader("Explore")
shared = links.shared_params()
cols = st.columns(3)
for i, page in enumerate(p for p in urls.PAGES if p.path):  # every page but this one
    cols[i % 3].page_link(page.file, label=page.blurb, icon=page.icon, query_params=shared)
