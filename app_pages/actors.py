"""Actors: one actor's record under the shared filters (`actor` in the link, as the dataset names it): events and
deaths over time, where, against whom, first and last event, sources. Without an actor, the busiest actors, each a
link to its record. The content is monitor/views/actors.py's (the briefing shows the same).
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import streamlit as st

from app_pages.common import built, filters, render
from monitor.views import actors as view

st.title(view.TITLE)
f = filters()
actor = view.first_actor(list(f.actors))
render([view.section(view.headline_text(f, actor)), *built(view.sections, f, actor)])
