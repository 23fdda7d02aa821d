"""Changes: what each data version added, revised (field by field, old → new) and rejected, per table.

URL: `since` and `v` (the version range: changes after `since`, up to `v`; the last load's by default), plus the
shared `c`, `from`, `to`. The content is monitor/views/changes.py's (the briefing shows the same); the page reads
the history itself, so its queries ignore the pin `v` puts on the other pages.
"""

from __future__ import annotations

import streamlit as st

from app_pages.common import filters, q_latest, render
from monitor import links, pinned, urls
from monitor.views import changes as view

st.title(view.TITLE)
versions = q_latest(pinned.all_versions)
if not versions:
    st.info("This database has no data versions: it was built before versions existed. Rebuild it with "
            "`python -m etl build`, and every load after that is listed here.")
else:
    until = st.session_state.get("data_version") or versions[-1].number
    links.bind(urls.SINCE, "changes_since", max(until - 1, 0), allowed=[0, *(v.number for v in versions)])
    since = st.session_state["changes_since"]
    if since >= until:
        links.warn(f"`since` ({since}) is not before `v` ({until}): showing the changes version {until} made.")
        since = until - 1
    render(view.overview_sections(q_latest, filters(), since, until, versions)
           + view.table_sections(q_latest, filters(), since, until))
