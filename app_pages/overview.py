"""Overview (home): the headline figures for the selection, each with its qualifier and source, the latest
events, and links into the other pages with the same filters."""

from __future__ import annotations

import streamlit as st

from app_pages.common import _md_escape, caption, filters, q
from monitor import links, phrases, queries

st.title("Conflict Monitor")
f = filters()
st.markdown(f"**{_md_escape(links.countries_label(f.countries))}**, {phrases.date_span(f.start, f.end)}")

# --- killed: as reported (qualifier kept), then as counted from events (range kept)
st.subheader("Killed")
reports = q(queries.casualty_headlines, f)
if reports.empty:
    st.write("No casualty report dated in this selection.")
for row in reports.to_dict("records"):
    lead, detail = phrases.killed_headline(row)
    st.markdown(f"- **{_md_escape(lead)}** {_md_escape(detail)}")
if not reports.empty:
    caption(reports, phrases.latest(reports["as_of"]),
            note="As reported: the latest report per country, victims and reporter, with the reporter's qualifier")

by_origin = q(queries.fatalities_by_origin, f)
for row in by_origin.to_dict("records"):
    span = phrases.date_span(row["first"], row["last"])
    st.markdown(f"- **{_md_escape(str(row['origin']).upper())}**: {phrases.fatalities_phrase(row)}, {span}")
if not by_origin.empty:
    caption(q(queries.selection_sources, f, ("fatalities",)), phrases.latest(by_origin["last"]),
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
caption(q(queries.selection_sources, f, ("events", "visits", "resolutions")), None,
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
cols = st.columns(3)
cols[0].page_link("app_pages/timeline.py", label="Timeline: tolls, visits and votes on one axis", icon=":material/timeline:",
                  query_params=shared)
cols[1].page_link("app_pages/un_votes.py", label="UN votes: who voted how", icon=":material/how_to_vote:", query_params=shared)
cols[2].page_link("app_pages/relationships.py", label="Relationships between countries", icon=":material/hub:",
                  query_params=shared)
cols[0].page_link("app_pages/map.py", label="Map: where it happened", icon=":material/map:", query_params=shared)
cols[1].page_link("app_pages/data.py", label="Data: every table, CSV, ingest log", icon=":material/table_view:", query_params=shared)
