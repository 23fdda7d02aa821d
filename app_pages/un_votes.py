"""UN votes: one resolution's official totals and its recorded roll call; how the chosen countries voted and agreed.

URL: `res` (resolution id, e.g. A/RES/75/287), `issue` (e.g. nuclear-weapons), plus the shared `c`, `from`, `to`.
The content is monitor/views/un_votes.py's (the briefing shows the same); this file adds the pickers.
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import streamlit as st

from app_pages.common import built, filters, q, render
from monitor import links, urls
from monitor.queries.filters import Filters
from monitor.views import un_votes as view


def pick_issue(f: Filters) -> str | None:
    """The subject selectbox, bound to `issue` (shown when roll calls have issues); choosing one picks that
    subject's most recent roll call."""
    issues, allowed = view.issue_choices(q, f)
    links.bind(urls.ISSUE, "issue", allowed=allowed)
    if not allowed:
        return None
    labels = view.issue_labels(issues)
    return st.selectbox("Issue (the roll calls' subject)", [None, *allowed], key="issue", placeholder=labels[None],
                        format_func=lambda i: labels.get(i, str(i)), on_change=links.forget,
                        args=(urls.RESOLUTION, "res"))


def pick_resolution(f: Filters, issue: str | None) -> str | None:
    """The resolution selectbox, bound to `res`; the most recent resolution in the filters by default."""
    listed, known, default = view.resolution_choices(q, f, issue)
    links.bind(urls.RESOLUTION, "res", default, allowed=known)
    if st.session_state["res"] is None:
        render([view.section(view.NO_RESOLUTION)])
        return None
    options = list(listed["resolution_id"])
    if st.session_state["res"] not in options:  # a linked resolution outside the date range is still shown
        options.insert(0, st.session_state["res"])
    labels = view.resolution_labels(listed)
    return st.selectbox(view.picker_label(q, f, listed, issue), options, key="res",
                        format_func=lambda r: labels.get(r, r))


st.title(view.TITLE)
issue = pick_issue(filters())
rid = pick_resolution(filters(), issue)
if rid:
    render(built(view.resolution_sections, rid))
render(built(view.countries_sections, filters(), issue))
