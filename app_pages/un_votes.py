"""UN votes: one resolution's official totals and its recorded roll call; how the chosen countries voted and agreed.

URL: `res` (resolution id, e.g. A/RES/75/287), plus the shared `c`, `from`, `to`. The content is
monitor/views/un_votes.py's (the briefing shows the same); this file adds the resolution picker.
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import streamlit as st

from app_pages.common import built, filters, q, render
from monitor import links, urls
from monitor.queries.filters import Filters
from monitor.views import un_votes as view


def pick_resolution(f: Filters) -> str | None:
    """The resolution selectbox, bound to `res`; the most recent resolution in the filters by default."""
    listed, known, default = view.resolution_choices(q, f)
    links.bind(urls.RESOLUTION, "res", default, allowed=known)
    if st.session_state["res"] is None:
        render([view.section(view.NO_RESOLUTION)])
        return None
    options = list(listed["resolution_id"])
    if st.session_state["res"] not in options:  # a linked resolution outside the date range is still shown
        options.insert(0, st.session_state["res"])
    labels = view.resolution_labels(listed)
    return st.selectbox(f"Resolution ({len(listed)} in the date range, most recent first)", options, key="res",
                        format_func=lambda r: labels.get(r, r))


st.title(view.TITLE)
rid = pick_resolution(filters())
if rid:
    render(built(view.resolution_sections, rid))
render(built(view.countries_sections, filters()))
