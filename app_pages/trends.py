"""Trends: what is changing, measured against what is normal, by published early-warning methods. The content is
monitor/views/trends.py's (the briefing and `python -m monitor.alerts` show the same flags); this file adds the
pickers: `asof` (the day the flags are computed for) and `base` (the change level's baseline).
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import streamlit as st

from app_pages.common import built, filters, q, render
from monitor import links, trends, urls
from monitor.views import trends as view

st.title(view.TITLE)
f = filters()
links.bind(urls.ASOF, "trends_asof", view.default_asof(q, f))
links.bind(urls.BASE, "trends_base")
left, right = st.columns(2)
left.date_input("Flags as of", key="trends_asof", format="YYYY-MM-DD",
                help="The day the flags are computed for: each dataset's windows end at its last complete week or "
                     "month on or before it. Default: the last day of the selection's data.")
right.radio("Change level baseline", list(trends.BASE_WEEKS), key="trends_base", horizontal=True,
            format_func=lambda b: f"previous {trends.BASE_WEEKS[b]} weeks",
            help="ACLED Trendfinder compares the latest week with the previous 4 weeks or the previous 52")
asof, base = st.session_state["trends_asof"], st.session_state["trends_base"]
render([view.section(view.headline(f, asof, base)), *built(view.sections, f, asof, base)])
