"""Timeline: casualty figures as reported, deaths counted from events, and visits, votes and statements
on one time axis, so an analyst can see what happened around what."""

from __future__ import annotations

import streamlit as st

from app_pages.common import caption, filters, md_escape, q
from monitor import links, phrases
from monitor.figures import timeline as figures
from monitor.queries import timeline as queries
from monitor.queries.filters import selection_sources

st.title("Timeline")
f = filters()

# --- URL state in
links.bind("est", "timeline_est", lambda v: links.parse_choice(v[0], links.ESTIMATES), "best", str)
st.radio("Estimate for death tolls", links.ESTIMATES, key="timeline_est", horizontal=True,
         help="UCDP gives low, best and high estimates per event; sources that give one figure are drawn at "
              "that figure whichever you choose, and a stated lower bound ('at least') stays a lower bound.")
est = st.session_state["timeline_est"]
bucket = "week" if (f.end - f.start).days <= 190 else "month"  # weekly bars while they stay readable
st.markdown(f"**{md_escape(links.countries_label(f.countries))}**, {phrases.date_span(f.start, f.end)}")

# --- queries
reports = q(queries.reported_casualties, f)
fatalities = q(queries.fatalities_per_period, f, bucket, est)
markers = q(queries.timeline_markers, f)
density = q(queries.marker_density, f, bucket)  # kinds too busy to draw one by one
sources = q(selection_sources, f, ("casualty_reports", "fatalities", "events", "visits", "resolutions"))

# --- figure
if reports.empty and fatalities.empty and markers.empty and density.empty:
    # not st.stop(): app.py must still write the URL and the warnings after the page
    st.info("Nothing dated in this selection. Widen the date range or clear the country filter.")
else:
    fig = figures.timeline_figure(reports, fatalities, markers, est=est, bucket=bucket, start=f.start, end=f.end,
                                  density=density)
    st.plotly_chart(fig, config={"displaylogo": False})

    notes = ["▲ a lower bound (“at least”): the true number may be higher",
             "● exact day · ○ on or before the date it was reported · ▬ only the month (or a range) is known",
             "red lines and bands: the coup and UN votes"]
    unplaced = fatalities[~fatalities["fits"].astype(bool)] if not fatalities.empty else fatalities
    if not unplaced.empty:
        notes.append(f"{phrases.count(unplaced['killed'].sum())} killed in {phrases.count(unplaced['events'].sum())} "
                     f"events dated less precisely than a {bucket} are not in the bars")
    if not density.empty:
        notes.append(f"rows of more than {queries.MARKERS_PER_KIND} items are counts per {bucket} (bubble area); "
                     "the Data page lists every one")
    as_of = phrases.latest(reports.get("as_of", []), markers.get("date", []), markers.get("end_date", []))
    caption(sources, as_of, note=" · ".join(notes))

    # --- the same events as a list, for reading without hovering
    if not markers.empty:
        with st.expander(f"The {len(markers):,} dated items in the chart, as a list"):
            listing = markers.assign(
                When=[phrases.when(d, e, p) for d, e, p in zip(markers["date"], markers["end_date"],
                                                               markers["date_precision"], strict=True)],
                Kind=markers["kind"].map(figures.kind_label))
            st.dataframe(listing[["When", "Kind", "who", "place", "summary", "detail", "publisher"]], hide_index=True,
                         column_config={"who": "Who", "place": "Where", "summary": "What", "detail": "Details",
                                        "publisher": "Source"})
