"""Map: where the events in the filters happened, precise places apart from approximate ones.

URL: `est` (low | best | high: the fatality estimate that sizes the markers), `place` (lat,lon of the place whose
events are listed, e.g. 55.7520,37.6178), plus `c`, `from`, `to`. (Clicking a marker does not pick it: Streamlit's
plotly selections did not fire on scattergeo markers when tried in Chromium; the place picker does.)
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import caption, filters, q
from monitor import links
from monitor.figures import map as figures
from monitor.figures.common import GEO_CONFIG
from monitor.queries import map as queries
from monitor.queries.filters import Filters
from monitor.urls import parse_place

DATE = st.column_config.DateColumn("date", format="YYYY-MM-DD")
PRECISION_NOTE = ("Hollow markers: approximate locations — near a place, a region's or country's centre, "
                  "city-level GDELT, or a place name geocoded by us (GeoNames); filled: the exact place "
                  "(UCDP where_prec 1) or the town itself (ACLED geo_precision 1)")


def _place(values: list[str]) -> str:
    try:
        lat, lon = parse_place(values[0])
    except ValueError as e:
        raise links.BadParam(str(e)) from None
    return f"{lat:.4f},{lon:.4f}"


def events_at(f: Filters, places: pd.DataFrame, cell: float | None) -> None:
    """The place picker (bound to `place`) and the table of the chosen place's events."""
    links.bind("place", "map_place", _place, None, lambda v: v)
    chosen = st.session_state["map_place"]
    options = list(places["place"].head(1000))
    if chosen and chosen not in options:
        options.insert(0, chosen)
    labels = {r.place: f"{r.location} ({r.countries}) — {r.events:,} events" for r in places.itertuples()}
    st.selectbox("Events at a place (busiest first; hover a marker to see its name)", options, key="map_place",
                 index=None,
                 placeholder="Choose a place…", format_func=lambda p: labels.get(p, p))
    if not chosen:
        return
    lat, lon = parse_place(chosen)
    rows = q(queries.place_events, f, lat, lon, cell)
    if rows.empty:
        st.info(f"No events at {chosen} in the current filters.")
        return
    where = f"the {cell:g}° grid cell around {chosen}" if cell else chosen
    st.dataframe(rows.drop(columns=["source_id", "source_title", "url"]), hide_index=True, column_config={
        "event_date": DATE, "end_date": st.column_config.DateColumn("until", format="YYYY-MM-DD"),
        "event_type": "kind", "country_iso3": "country"})
    sources = rows.rename(columns={"source": "publisher", "source_title": "title"})
    caption(sources, pd.Timestamp(rows["event_date"].max()).date(),
            note=f"{len(rows):,} events at {where}" + (" (the latest 1,000)" if len(rows) == 1000 else ""))


st.title("Map")
f = filters()
links.bind("est", "map_est", lambda v: links.parse_choice(v[0], links.ESTIMATES), "best", lambda v: v)
est = st.radio("Fatality estimate", links.ESTIMATES, key="map_est", horizontal=True,
               help="Which of the sources' low / best / high fatality figures sizes the markers")
places, cell = q(queries.map_places, f, est)
counts = q(queries.map_counts, f)
if places.empty:
    st.info("No event in the filters has coordinates." + (f" {counts['unlocated']:,} events have none."
                                                          if counts["unlocated"] else ""))
else:
    st.plotly_chart(figures.events_map(places, cell, est), config=GEO_CONFIG, key="map_chart")
    parts = [f"{counts['located']:,} events at {counts['places']:,} places"]
    if cell:
        parts.append(f"Aggregated: more than {queries.MAP_MAX_POINTS:,} places in view, so the events are counted "
                     f"per {cell:g}° grid cell; pick a cell to list its events")
    else:
        parts.append(PRECISION_NOTE)
    if counts["unlocated"]:
        parts.append(f"{counts['unlocated']:,} events in the filters have no coordinates and are not drawn")
    caption(q(queries.map_sources, f), pd.Timestamp(places["last"].max()).date(), note=". ".join(parts))
    events_at(f, places, cell)
