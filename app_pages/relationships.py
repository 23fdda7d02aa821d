"""Relationships: the network of bilateral interactions, and a dossier on one pair of countries.

URL: `tab` (interactions | votes: what the network's lines show), `pair` (e.g. RUS-MMR), plus `c`, `from`, `to`.
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import caption, filters, q
from monitor import geo, links, network, votes
from monitor.countries import country_name
from monitor.figures import relationships as figures
from monitor.figures.common import GEO_CONFIG
from monitor.queries import relationships as queries
from monitor.queries import votes as vote_queries
from monitor.queries.filters import Filters
from monitor.reference import capital

TABS = {"interactions": "Visits, meetings and other bilateral events", "votes": "UN vote agreement"}
PLACED = "Countries are drawn at their capital (GeoNames, via the offline gazetteer)"
DATE = st.column_config.DateColumn("date", format="YYYY-MM-DD")
VISIT_NOTE = ("Arcs start at the capital of the visitor's country — an assumed origin, not a stated departure "
              "point — and end at the visit's city; distances are geodesic (WGS-84) in km")


def country_network(f: Filters, edges: pd.DataFrame) -> None:
    """The country network: interactions by kind, or (tab=votes) UN vote agreement between the same countries."""
    links.bind("tab", "rel_tab", lambda v: links.parse_choice(v[0], list(TABS)), "interactions", lambda v: v)
    tab = st.radio("Lines show", list(TABS), key="rel_tab", format_func=TABS.get, horizontal=True)
    nodes = network.network_nodes(edges, capital)
    if tab == "votes":
        countries = f.countries or tuple(nodes["iso3"])
        per_year = q(vote_queries.pairwise_agreement, f, countries) if len(countries) > 1 else pd.DataFrame()
        overall = votes.overall_agreement(per_year) if not per_year.empty else votes.overall_agreement(
            pd.DataFrame(columns=["a", "b", "year", "agreement", "shared"]))
        if overall.empty:
            st.info(f"No two of {links.countries_label(countries)} both have a Yes, No or Abstain recorded on a "
                    "resolution in the date range.")
            return
        agreement_nodes = network.network_nodes(overall.assign(n=overall["shared"]), capital)
        st.plotly_chart(figures.agreement_network_map(agreement_nodes, overall), config=GEO_CONFIG,
                        key="agreement_network")
        caption(q(vote_queries.vote_sources, Filters(f.start, f.end, countries)),
                pd.Timestamp(per_year["last_vote"].max()).date(),
                note=f"{PLACED}. Agreement: same vote 1, one abstains 0.5, opposite 0, over the votes both cast")
        return
    if edges.empty:
        st.info("No bilateral events or visits in the filters.")
        return
    drawn = network.network_edges(edges)
    st.plotly_chart(figures.network_map(nodes, drawn), config=GEO_CONFIG, key="network")
    missing = nodes.loc[nodes["lat"].isna(), "country"].tolist()
    pairs, shown = len(edges[["a", "b"]].drop_duplicates()), len(drawn[["a", "b"]].drop_duplicates())
    caption(q(queries.interaction_sources, f), pd.Timestamp(edges["last"].max()).date(),
            note=f"{PLACED}{'; not drawn (no capital in the gazetteer): ' + ', '.join(missing) if missing else ''}. "
                 f"{int(edges['n'].sum()):,} interactions between {len(nodes):,} countries: events naming a "
                 f"counterpart country, and visits. " + (f"The {shown} busiest of {pairs:,} pairs are drawn. "
                 if shown < pairs else "") + "Line width: how many; colour: what kind")


def pick_pair(options: pd.DataFrame) -> tuple[str, str] | None:
    """The pair selectbox, bound to `pair` (A-B); the pair with most interactions by default."""
    def parse(values: list[str]) -> str:
        return "-".join(links.parse_pair(values[0]))

    links.bind("pair", "pair", parse, None if options.empty else options["pair"].iloc[0], lambda v: v)
    chosen = st.session_state["pair"]
    if chosen is None:
        st.info("No pair of countries has an interaction in the filters; link one with `pair=RUS-MMR`.")
        return None
    a, b = chosen.split("-")
    pairs = [p for p in options["pair"] if p != f"{b}-{a}"]  # the linked orientation replaces its mirror
    if chosen not in pairs:
        pairs.insert(0, chosen)
    counts = dict(zip(options["pair"], options["n"], strict=True))
    st.selectbox("Pair of countries", pairs, key="pair", format_func=lambda p: f"{country_name(p[:3])} – "
                 f"{country_name(p[4:])} ({counts.get(p, counts.get(p[4:] + '-' + p[:3], 0))} interactions)")
    return a, b


def dossier(f: Filters, a: str, b: str) -> None:
    """Everything between two countries: timeline, who visited whom, the visits on a map, their UN votes."""
    events, visits = q(queries.pair_events, f, a, b), q(queries.pair_visits, f, a, b)
    per_year = q(vote_queries.pairwise_agreement, f, (a, b))
    overall = votes.overall_agreement(per_year) if not per_year.empty else pd.DataFrame()
    sources = q(queries.interaction_sources, f, (a, b))
    days = pd.concat([events["event_date"], visits["start_date"]])
    as_of = pd.Timestamp(days.max()).date() if len(days) else None
    left, mid, right = st.columns(3)
    left.metric("Events between them", len(events))
    mid.metric("Visits", len(visits))
    shared = 0 if overall.empty else int(overall["shared"].iloc[0])
    right.metric(f"UN vote agreement ({shared} shared votes)", "—" if overall.empty else
                 f"{overall['agreement'].iloc[0]:.2f}", help="Same vote 1, one abstains 0.5, opposite 0")
    if events.empty and visits.empty:
        st.info(f"No events or visits between {country_name(a)} and {country_name(b)} in the date range.")
    else:
        st.plotly_chart(figures.pair_timeline(events, visits), key="pair_timeline")
        caption(sources, as_of, note="Interactions between the two, by kind")
    if not visits.empty:
        st.subheader("Who visited whom")
        arcs = network.visit_arcs(visits, capital, geo.distance_km)
        table = arcs.assign(visitor_country=arcs["visitor_iso3"].map(country_name),
                            host=arcs["host_iso3"].map(country_name))
        st.dataframe(table[["start_date", "visitor_name", "visitor_role", "visitor_country", "host", "city", "met",
                            "purpose", "distance_km", "source"]], hide_index=True,
                     column_config={"start_date": DATE, "visitor_name": "visitor", "visitor_role": "role",
                                    "visitor_country": "from", "distance_km": st.column_config.NumberColumn(
                                        "distance (km)", format="%d", help=VISIT_NOTE)})
        if arcs["distance_km"].notna().any():
            st.plotly_chart(figures.visits_map(arcs), config=GEO_CONFIG, key="visits_map")
        unplaced = int(arcs["distance_km"].isna().sum())
        caption(sources, as_of, note=VISIT_NOTE + (f"; {unplaced} visit(s) without a known place are not drawn"
                                                   if unplaced else ""))
    if not events.empty:
        st.subheader("Events")
        st.dataframe(events[["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "summary",
                             "source"]], hide_index=True, column_config={"event_date": DATE, "event_type": "kind"})
    st.subheader("UN votes")
    if overall.empty:
        st.info("No resolution in the date range on which both have a Yes, No or Abstain recorded.")
    else:
        st.dataframe(per_year[["year", "agreement", "shared"]], hide_index=True,
                     column_config={"year": st.column_config.NumberColumn(format="%d"),
                                    "agreement": st.column_config.NumberColumn(format="%.2f"),
                                    "shared": "shared votes"})
        notes = q(queries.vote_notes, f, (a, b))
        if not notes.empty:
            st.dataframe(notes.assign(country=notes["country_iso3"].map(country_name))[
                ["vote_date", "resolution_id", "country", "vote", "note"]], hide_index=True,
                column_config={"vote_date": DATE, "resolution_id": "resolution"})
        caption(q(vote_queries.vote_sources, Filters(f.start, f.end, (a, b))),
                pd.Timestamp(per_year["last_vote"].max()).date(),
                note="Agreement per year; notes say, for example, whose delegation held a seat")


st.title("Relationships")
f = filters()
edges = q(queries.bilateral_edges, f)
country_network(f, edges)
st.header("Bilateral dossier")
pair = pick_pair(network.pair_options(edges))
if pair:
    dossier(f, *pair)
