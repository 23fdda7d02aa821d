"""Timeline: casualty figures as reported, deaths counted from events, and visits, votes and statements
on one time axis, so an analyst can see what happened around what. The content is monitor/views/timeline.py's
(the briefing shows the same); this file adds the estimate picker."""

from __future__ import annotations

import streamlit as st

from app_pages.common import built, filters, render, with_note_marks
from monitor import links, urls
from monitor.schema import ESTIMATES
from monitor.views import timeline as view

st.title(view.TITLE)
f = filters()

links.bind(urls.ESTIMATE, "timeline_est")
st.radio("Estimate for death tolls", ESTIMATES, key="timeline_est", horizontal=True,
         help="UCDP gives low, best and high estimates per event; sources that give one figure are drawn at "
              "that figure whichever you choose, and a stated lower bound ('at least') stays a lower bound.")
# not st.stop() on an empty selection: app.py must still write the URL and the warnings after the page
render([view.section(view.headline(f)), *with_note_marks(built(view.sections, f, st.session_state["timeline_est"]))])
