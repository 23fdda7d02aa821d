"""UN votes: one resolution's official totals and its recorded roll call; how the chosen countries voted and agreed.

URL: `res` (resolution id, e.g. A/RES/75/287), plus the shared `c`, `from`, `to`.
No st.stop() here: it would also stop app.py from writing the URL and the warnings after the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import caption, filters, md_escape, q
from monitor import links, votes
from monitor.countries import country_name
from monitor.figures import votes as figures
from monitor.figures.common import GEO_CONFIG
from monitor.queries import votes as queries
from monitor.queries.filters import Filters
from monitor.reference import UN_MEMBERS

NOT_RECORDED_NOTE = ("'Not recorded': one of today's 193 UN member states with no vote row for this resolution — "
                     "absent, not yet a member, or missing from the source; the list below includes the small "
                     "states the map cannot draw")
AGREEMENT_NOTE = ("Agreement per roll call: same vote 1, one abstains 0.5, opposite votes 0; votes where either "
                  "country did not vote (X) or has no row are left out, and 'shared votes' counts the rest")


def pick_resolution(f: Filters) -> str | None:
    """The resolution selectbox, bound to `res`; the most recent resolution in the filters by default."""
    listed = q(queries.resolution_list, f)
    known = q(queries.resolution_ids)

    def parse(values: list[str]) -> str:
        if values[0].strip() not in known:
            raise links.BadParam(f"{values[0]!r} is not a resolution in the database")
        return values[0].strip()

    links.bind("res", "res", parse, None if listed.empty else listed["resolution_id"].iloc[0], lambda v: v)
    if st.session_state["res"] is None:
        st.info("No resolution was voted in the date range. Widen the dates, or load a UN voting export "
                "(`python -m etl load FILE`).")
        return None
    options = list(listed["resolution_id"])
    if st.session_state["res"] not in options:  # a linked resolution outside the date range is still shown
        options.insert(0, st.session_state["res"])
    labels = {r.resolution_id: f"{r.resolution_id} — {r.title}" + (f" ({r.vote_date:%d %b %Y})"
              if pd.notna(r.vote_date) else "") for r in listed.itertuples()}
    return st.selectbox(f"Resolution ({len(listed)} in the date range, most recent first)", options, key="res",
                        format_func=lambda r: labels.get(r, r))


def one_resolution(rid: str) -> None:
    """Official totals, the recorded roll call on a map and as lists, and the notes on individual votes."""
    res = q(queries.resolution_detail, rid).iloc[0]
    cast = q(queries.resolution_votes, rid)
    roll = votes.roll_call(cast, UN_MEMBERS)
    sources = q(queries.sources_by_id, tuple(sorted({res["source_id"], *cast["source_id"].dropna()})))
    as_of = res["vote_date"] if pd.notna(res["vote_date"]) else None
    outcome = {True: "adopted", False: "not adopted"}.get(res["adopted"], "outcome not stated")
    st.markdown(f"**{md_escape(str(res['title'] or rid))}** · {md_escape(str(res['body']))} · "
                + (f"voted {as_of:%d %B %Y} · " if as_of else "") + outcome)
    left, right = st.columns([2, 3])
    with left:
        st.plotly_chart(figures.official_totals_bar(res), key="totals")
        tally = votes.recorded_vs_official(res, roll)
        if tally["official"].isna().all():
            st.caption("The source gives no official totals for this vote. Country votes recorded in the database: "
                       + ", ".join(f"{t.recorded} {t.vote}" for t in tally.itertuples()) + ".")
        else:
            st.caption("These are the official totals. Country votes recorded in the database: " + ", ".join(
                f"{t.recorded} of {'?' if pd.isna(t.official) else t.official} {t.vote}" for t in tally.itertuples())
                + ".")
        for t in tally[tally["recorded"] > tally["official"].fillna(10**6)].itertuples():
            st.warning(f"More {t.vote} votes are recorded ({t.recorded}) than the official total ({t.official}).")
    with right:
        st.plotly_chart(figures.vote_map(roll), config=GEO_CONFIG, key="vote_map")
        unrecorded = int((roll["label"] == votes.NOT_RECORDED).sum())
        caption(sources, as_of, note=f"Each country's recorded vote ({int(res['recorded'])} loaded). "
                + (NOT_RECORDED_NOTE if unrecorded else "The full roll call: every member state's vote is loaded"))
    st.subheader("Countries by vote")
    st.dataframe(votes.countries_by_vote(roll), hide_index=True, height=260)
    noted = roll[roll["note"].notna()]
    if not noted.empty:
        st.subheader("Notes on the votes")
        st.dataframe(noted[["country", "label", "note"]], hide_index=True, column_config={"label": "vote"})
    caption(sources, as_of)


def chosen_countries(f: Filters) -> None:
    """How the countries of the shared filter voted on every resolution in the range, and how often they agreed."""
    st.header("How the chosen countries voted")
    if not f.countries:
        st.info("Choose countries in the sidebar filter to compare how they voted across the resolutions in the "
                "date range, and how often they agreed.")
        return
    chosen = q(queries.country_votes, f)
    who = links.countries_label(f.countries)
    if chosen.empty:
        st.info(f"No resolution in the date range for {who}.")
        return
    sources, as_of = q(queries.vote_sources, f), pd.to_datetime(chosen["vote_date"]).max().date()
    st.plotly_chart(figures.country_votes_heatmap(chosen), key="country_votes")
    caption(sources, as_of, note=f"{chosen['resolution_id'].nunique()} resolutions; Y yes, N no, A abstain, "
            "X present but not voting or absent, — no vote row loaded")
    with st.expander("As a table"):
        table = chosen.assign(vote=chosen["vote"].fillna("—"), country=chosen["country_iso3"].map(country_name))
        st.dataframe(table.pivot(index=["vote_date", "resolution_id", "title"], columns="country", values="vote")
                     .reset_index(), hide_index=True,
                     column_config={"vote_date": st.column_config.DateColumn("date", format="YYYY-MM-DD")})
    st.subheader("Agreement")
    per_year = q(queries.pairwise_agreement, f, f.countries) if len(f.countries) > 1 else pd.DataFrame()
    if per_year.empty:
        st.info("Choose at least two countries: agreement needs a resolution on which two of them both have a "
                "Yes, No or Abstain recorded.")
        return
    st.plotly_chart(figures.agreement_grid(per_year), key="agreement")
    st.dataframe(votes.overall_agreement(per_year).drop(columns=["a", "b"]), hide_index=True,
                 column_config={"agreement": st.column_config.NumberColumn(format="%.2f"),
                                "shared": st.column_config.NumberColumn("shared votes")})
    caption(sources, pd.Timestamp(per_year["last_vote"].max()).date(), note=AGREEMENT_NOTE)


st.title("UN votes")
rid = pick_resolution(filters())
if rid:
    one_resolution(rid)
chosen_countries(filters())
