"""Map: where the events in the filters happened, precise places apart from approximate ones.

URL: `est` (low | best | high: the fatality estimate that sizes the markers), `measure` (fatalities | events),
`frame` (selection | all), `place` (lat,lon of the place whose events are listed, e.g. 55.7520,37.6178), plus the
shared filters. The content is monitor/views/map.py's (the briefing shows the same); this file adds the pickers.
(Clicking a marker does not pick it: Streamlit's plotly selections did not fire on scattergeo markers when tried in
Chromium; the place picker does.)
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import built, filters, q, render
from monitor import links, urls
from monitor.queries import map as queries
from monitor.queries.filters import Filters
from monitor.schema import ESTIMATES
from monitor.views import map as view


def events_at(f: Filters, places: pd.DataFrame, cell: float | None) -> None:
    """The place picker (bound to `place`) and the table of the chosen place's events."""
    links.bind(urls.PLACE, "map_place")
    chosen = st.session_state["map_place"]
    options = list(places["place"].head(1000))
    if chosen and chosen not in options:
        options.insert(0, chosen)
    labels = {r.place: f"{r.location} ({r.countries}) — {r.events:,} events" for r in places.itertuples()}
    st.selectbox("Events at a place (busiest first; hover a marker to see its name)", options, key="map_place",
                 index=None, placeholder="Choose a place…", format_func=lambda p: labels.get(p, p))
    if chosen:
        render(built(view.place_sections, f, chosen, cell))


st.title(view.TITLE)
f = filters()
links.bind(urls.ESTIMATE, "map_est")
links.bind(urls.MEASURE, "map_measure")
links.bind(urls.FRAME, "map_frame")
left, middle, right = st.columns(3)
measure = left.radio("Marker size", urls.MEASURE.choices, key="map_measure", horizontal=True,
                     help="Fatalities (where the sources state them) or the number of events")
est = middle.radio("Fatality estimate", ESTIMATES, key="map_est", horizontal=True,
                   help="Which of the sources' low / best / high fatality figures sizes the markers")
box = q(queries.frame, f)
if box and box["outside"]:  # one click shows the events beyond the selected countries' frame
    right.radio("Frame", urls.FRAME.choices, key="map_frame", horizontal=True,
                format_func=lambda choice: view.frame_label(choice, box["outside"]))
places, cell = view.places(q, f, est)
render(built(view.map_sections, f, est, places, cell, measure, st.session_state["map_frame"] == "all"))
if not places.empty:
    events_at(f, places, cell)
