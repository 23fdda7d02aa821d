"""UN votes: one resolution's official totals and its recorded roll call; how the chosen countries voted and agreed.

URL: `res` (resolution id, e.g. A/RES/75/287, or a library record, undl:3929594), `issue` (only roll calls on
that subject, e.g. nuclear-weapons), plus the shared `c`, `from`, `to`.
"""

from __future__ import annotations

import pandas as pd

from monitor import phrases, urls, votes
from monitor.countries import country_name
from monitor.figures import votes as figures
from monitor.queries import votes as queries
from monitor.queries.filters import Filters
from monitor.reference import UN_MEMBERS
from monitor.views.blocks import (
    Caption,
    Chart,
    Columns,
    Folded,
    Notice,
    Run,
    Section,
    Table,
    Text,
    View,
    date_of,
    section,
)
from monitor.views.state import LinkState, filters_in_words, shared_filters

TITLE = "UN votes"
NOT_RECORDED_NOTE = ("'Not recorded': one of today's 193 UN member states with no vote row for this resolution — "
                     "absent, not yet a member, or missing from the source; the list below includes the small "
                     "states the map cannot draw")
COUNCIL_NOTE = "The Security Council's members that day, as recorded"
VETO_NOTE = (". A veto: a permanent member's No on a draft that had the votes it needed (9, or 7 before 1966) and so "
             "was not adopted")
AGREEMENT_NOTE = ("Agreement per roll call: same vote 1, one abstains 0.5, opposite votes 0; votes where either "
                  "country did not vote (X) or has no row are left out, and 'shared votes' counts the rest")
NO_RESOLUTION = Notice("No resolution was voted in the date range. Widen the dates, or load a UN voting export "
                       "(`python -m etl load FILE`).")


def issue_choices(run: Run, f: Filters) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """(the roll calls' subjects with how many roll calls in the date range have each; their ids, for `issue`)."""
    issues = run(queries.issue_list, f)
    return issues, tuple(issues["issue_id"])


def issue_name(issues: pd.DataFrame, issue: str | None) -> str | None:
    """An issue's name as the publisher gives it ('Nuclear weapons and nuclear material'); None for none."""
    found = issues.loc[issues["issue_id"] == issue, "issue"]
    return None if found.empty else str(found.iloc[0])


def issue_labels(issues: pd.DataFrame) -> dict[str | None, str]:
    """The issue picker's lines: 'Nuclear weapons and nuclear material (37 roll calls in the date range)'."""
    labels: dict[str | None, str] = {None: "All subjects"}
    labels |= {i.issue_id: f"{i.issue} ({phrases.count(int(i.in_range))} roll call{'' if i.in_range == 1 else 's'} "
               "in the date range)" for i in issues.itertuples()}
    return labels


def resolution_choices(run: Run, f: Filters, issue: str | None = None
                       ) -> tuple[pd.DataFrame, frozenset[str], str | None]:
    """(resolutions voted in the range, on `issue` if given, most recent first; every resolution id; the
    default: the most recent)."""
    listed = run(queries.resolution_list, f, issue)
    return listed, run(queries.resolution_ids), None if listed.empty else listed["resolution_id"].iloc[0]


def resolution_labels(listed: pd.DataFrame) -> dict[str, str]:
    return {r.resolution_id: votes.vote_label(r.resolution_id, r.title, r.vote_kind) + (
            f" ({r.vote_date:%d %b %Y})" if pd.notna(r.vote_date) else "") for r in listed.itertuples()}


def picker_label(run: Run, f: Filters, listed: pd.DataFrame, issue: str | None) -> str:
    """The resolution picker's label: how many roll calls it offers, and on what subject."""
    named = issue_name(run(queries.issue_list, f), issue)
    on = f" on {named.lower()}" if named else ""
    return f"Resolution ({phrases.count(len(listed))}{on} in the date range, most recent first)"


def what_was_voted(res: pd.Series, issues: pd.DataFrame) -> list[Notice | Text]:
    """A vote on less than a whole draft says so (an amendment, a paragraph), and a roll call its subjects."""
    rid, title = res["resolution_id"], res["title"] if isinstance(res["title"], str) else ""
    out: list[Notice | Text] = []
    if subject := votes.vote_subject(title, res["vote_kind"]):
        titled = f", titled “{title}”" if title and title != subject else ""
        out.append(Notice(f"{subject}, not a resolution: {votes.record_name(rid)}{titled}. The totals are those of "
                          "this vote.", "info"))
    if not issues.empty:
        out.append(Text("Issues: " + "; ".join(issues["issue"].drop_duplicates())))
    return out


def resolution_sections(run: Run, rid: str) -> list[Section]:
    """Official totals, the recorded roll call on a map and as lists, and the notes on individual votes."""
    res = run(queries.resolution_detail, rid).iloc[0]
    cast = run(queries.resolution_votes, rid)
    issues = run(queries.resolution_issue_list, rid)
    council = res["body"] == "UNSC"
    vetoed = votes.vetoes(res["body"], res["adopted"], res["vote_date"], res["yes"],
                          dict(zip(cast["country_iso3"], cast["vote"], strict=True)))
    # The General Assembly's roll call is read against today's members; the Council's is its members that day.
    roll = votes.roll_call(cast, () if council else UN_MEMBERS, vetoed)
    cited = {res["source_id"], *cast["source_id"].dropna(), *issues["source_id"]}
    sources = run(queries.sources_by_id, tuple(sorted(cited)))
    as_of = date_of(res["vote_date"])
    outcome = {True: "adopted", False: "not adopted"}.get(res["adopted"], "outcome not stated")
    if vetoed:
        outcome += " — vetoed by " + " and ".join(sorted(country_name(c) for c in vetoed))
    subject = votes.vote_subject(res["title"], res["vote_kind"])
    body = votes.BODY_NAMES.get(res["body"], res["body"])
    heading = Text(f" · {body} · " + (f"voted {as_of:%d %B %Y} · " if as_of else "") + outcome,
                   strong=subject or str(res["title"] or rid))
    what = what_was_voted(res, issues)
    tally = votes.recorded_vs_official(res, roll)
    if tally["official"].isna().all():
        totals_note = ("The source gives no official totals for this vote. Country votes recorded in the database: "
                       + ", ".join(f"{t.recorded} {t.vote}" for t in tally.itertuples()) + ".")
    else:
        totals_note = ("These are the official totals. Country votes recorded in the database: " + ", ".join(
            f"{t.recorded} of {'?' if pd.isna(t.official) else t.official} {t.vote}" for t in tally.itertuples())
            + ".")
    too_many = [Notice(f"More {t.vote} votes are recorded ({t.recorded}) than the official total ({t.official}).",
                       "warning") for t in tally[tally["recorded"] > tally["official"].fillna(10**6)].itertuples()]
    unrecorded = int((roll["label"] == votes.NOT_RECORDED).sum())
    left = (Chart(figures.official_totals_bar(res), "totals"), Caption(None, note=totals_note), *too_many)
    right = (Chart(figures.vote_map(roll), "vote_map", geo=True),
             Caption(sources, as_of, note=f"Each country's recorded vote ({int(res['recorded'])} loaded). " + (
                 NOT_RECORDED_NOTE if unrecorded else COUNCIL_NOTE if council else
                 "The full roll call: every member state's vote is loaded") + (VETO_NOTE if vetoed else "")))
    out = [section(heading, *what, Columns((left, right), (2, 3))),
           section(Table(votes.countries_by_vote(roll), height=260), title="Countries by vote")]
    noted = roll[roll["note"].notna()]
    if not noted.empty:
        out.append(section(Table(noted[["country", "label", "note"]], labels={"label": "vote"}),
                           title="Notes on the votes"))
    out.append(section(Caption(sources, as_of)))
    return out


def countries_sections(run: Run, f: Filters, issue: str | None = None) -> list[Section]:
    """How the countries of the shared filter voted on every resolution in the range (on `issue` if given), and
    how often they agreed."""
    named = issue_name(run(queries.issue_list, f), issue)
    title = "How the chosen countries voted" + (f" on {named.lower()}" if named else "")
    if not f.countries:
        return [section(Notice("Choose countries in the sidebar filter to compare how they voted across the "
                               "resolutions in the date range, and how often they agreed."), title=title, level=1)]
    chosen = run(queries.country_votes, f, issue)
    if chosen.empty:
        return [section(Notice(f"No resolution in the date range for {phrases.countries_label(f.countries)}."),
                        title=title, level=1)]
    sources, as_of = run(queries.vote_sources, f, issue), pd.to_datetime(chosen["vote_date"]).max().date()
    table = chosen.assign(vote=chosen["vote"].fillna("—"), country=chosen["country_iso3"].map(country_name))
    grid = table.pivot(index=["vote_date", "resolution_id", "title"], columns="country", values="vote").reset_index()
    out = [section(Chart(figures.country_votes_heatmap(chosen), "country_votes"),
                   Caption(sources, as_of, note=f"{chosen['resolution_id'].nunique()} resolutions; Y yes, N no, "
                           "A abstain, X present but not voting or absent, — no vote row loaded"),
                   Folded("As a table", (Table(grid, labels={"vote_date": "date"}, dates=("vote_date",)),)),
                   title=title, level=1)]
    per_year = run(queries.pairwise_agreement, f, f.countries, issue) if len(f.countries) > 1 else pd.DataFrame()
    if per_year.empty:
        out.append(section(Notice("Choose at least two countries: agreement needs a resolution on which two of "
                                  "them both have a Yes, No or Abstain recorded."), title="Agreement"))
        return out
    out.append(section(Chart(figures.agreement_grid(per_year), "agreement"),
                       Table(votes.overall_agreement(per_year).drop(columns=["a", "b"]),
                             labels={"shared": "shared votes"}, formats={"agreement": "%.2f"}),
                       Caption(sources, pd.Timestamp(per_year["last_vote"].max()).date(), note=AGREEMENT_NOTE),
                       title="Agreement"))
    return out


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)
    issues, issue_ids = issue_choices(run, f)
    issue = link.read(urls.ISSUE, allowed=issue_ids)
    listed, known, default = resolution_choices(run, f, issue)
    rid = link.read(urls.RESOLUTION, default, allowed=known)
    sections = resolution_sections(run, rid) if rid else [section(NO_RESOLUTION)]
    choices = [f"Issue: {issue_labels(issues)[issue]}"] if issue else []
    choices += [f"Resolution: {resolution_labels(listed).get(rid, rid)}"] if rid else []
    return View(TITLE, (*filters_in_words(f), *choices), (*sections, *countries_sections(run, f, issue)))
