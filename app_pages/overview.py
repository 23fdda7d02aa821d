"""Overview (home): the headline figures for the selection, each with its qualifier and source, the latest
events, and links into the other pages with the same filters."""

from __future__ import annotations

import streamlit as st

from app_pages.common import caption, filters, md_escape, q
from monitor import links, phrases
from monitor.queries import overview as queries
from monitor.queries.filters import selection_sources

st.title("Conflict Monitor")
f = filters()
st.markdown(f"**{md_escape(links.countries_label(f.countries))}**, {phrases.date_span(f.start, f.end)}")

# --- killed: as reported (qualifier kept), then as counted from events (range kept)
st.subheader("Killed")
reports = q(queries.casualty_headlines, f)
if reports.empty:
    st.write("No casualty report dated in this selection.")
for row in reports.to_dict("records"):
    lead, detail = phrases.killed_headline(row)
    st.markdown(f"- **{md_escape(lead)}** {md_escape(detail)}")
if not reports.empty:
    caption(reports, phrases.latest(reports["as_of"]),
            note="As reported: the latest report per country, victims and reporter, with the reporter's qualifier")

by_origin = q(queries.fatalities_by_origin, f)
for row in by_origin.to_dict("records"):
    span = phrases.date_span(row["first"], row["last"])
    st.markdown(f"- **{md_escape(str(row['origin']).upper())}**: {phrases.fatalities_phrase(row)}, {span}")
if not by_origin.empty:
    caption(q(selection_sources, f, ("fatalities",)), phrases.latest(by_origin["last"]),
            note="Counted from events where they happened; datasets overlap, so do not add them up")

# --- what else is on record
st.subheader("On record")
counts = q(queries.selection_counts, f)
cols = st.columns(4)
cols[0].metric("Events", phrases.count(counts["events"]))
cols[1].metric("Visits", phrases.count(counts["visits"]))
if f.countries:
    cols[2].metric("UN resolutions naming them", phrases.count(counts["resolutions"]))
    cols[3].metric("UN votes they cast (recorded)", phrases.count(counts["votes"]))
else:
    cols[2].metric("UN resolutions voted", phrases.count(counts["resolutions"]))
    cols[3].metric("Country votes recorded", phrases.count(counts["votes"]))
caption(q(selection_sources, f, ("events", "visits", "resolutions")), None,
        note="Rows in this database for the selection: events in or involving the countries, visits by or to "
             "them; a roll call may be partial")

# --- latest events
st.subheader("Latest events")
latest = q(queries.latest_events, f, 8)
if latest.empty:
    st.write("No events in this selection.")
else:
    st.dataframe(phrases.events_table(latest), hide_index=True,
                 column_config={"When": st.column_config.TextColumn(width="medium"),
                                "Summary": st.column_config.TextColumn(width="large")})
    caption(latest, phrases.latest(latest["event_date"]), note=f"The {len(latest)} latest of {counts['events']:,}")

# --- into the other pages, with the same filters
st.subheader("Explore")
shared = links.shared_params()
EXPLORE = [
    ("app_pages/timeline.py", "Timeline: tolls, visits and votes on one axis", ":material/timeline:"),
    ("app_pages/un_votes.py", "UN votes: who voted how", ":material/how_to_vote:"),
    ("app_pages/relationships.py", "Relationships between countries", ":material/hub:"),
    ("app_pages/map.py", "Map: where it happened", ":material/map:"),
    ("app_pages/data.py", "Data: every table, CSV, ingest log", ":material/table_view:"),
]
cols = st.columns(3)
for i, (page, label, icon) in enumerate(EXPLORE):
    cols[i % 3].page_link(page, label=label, icon=icon, query_params=shared)
