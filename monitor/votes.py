"""UN votes as the pages show them: the vote codes and labels (defined once here), roll calls, tallies, agreement.

Pure pandas over the frames monitor.queries.votes returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pandas as pd

from monitor.council import ENLARGED_COUNCIL, PERMANENT_MEMBERS  # noqa: F401  (re-exported)
from monitor.countries import country_name

# The `votes.vote` codes (DESIGN.md) and how they are said on screen, in display order.
VOTE_LABELS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}
# The `resolutions` column holding each code's official total.
OFFICIAL_TOTALS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}
NOT_RECORDED = "Not recorded"  # a member state with no vote row: absent, not a member yet, or missing in the source
VETO = "No (veto)"  # a permanent member's No that defeated a Security Council draft (vetoes() below)
BODY_NAMES = {"UNGA": "UN General Assembly", "UNSC": "UN Security Council", "HRC": "UN Human Rights Council"}


def council_majority(vote_date: date | None) -> int | None:
    """Yes votes a Security Council decision needed on that day (None: the day is unknown)."""
    if vote_date is None or pd.isna(vote_date):
        return None
    return 9 if pd.Timestamp(vote_date) >= pd.Timestamp(ENLARGED_COUNCIL) else 7


def council_adopted(yes: int | None, permanent_no: bool, vote_date: date | None) -> bool | None:
    """Whether a Security Council draft passed: the required majority and no permanent member voting No.
    (A resolution number, S/RES/…, is proof of adoption on its own: procedural votes pass despite a No.)"""
    majority = council_majority(vote_date)
    if majority is None or yes is None or pd.isna(yes):
        return None
    return int(yes) >= majority and not permanent_no


def vetoes(body: str, adopted: bool | None, vote_date: date | None, yes: int | None,
           cast: Mapping[str, str]) -> frozenset[str]:
    """The permanent members whose No vetoed a Security Council draft (`cast`: ISO-3 -> Y/N/A/X).

    A veto is a permanent member's No on a draft that was NOT adopted although it had the required majority
    (9 yes, 7 before 1966): the UN's own list of vetoes counts only drafts "not adopted owing to the negative
    vote of a permanent member". So a No on an adopted resolution (the 1950s procedural votes) is none, nor is
    one on a draft that failed for want of votes, nor one where the outcome or the day is not known.
    """
    majority = council_majority(vote_date)
    if body != "UNSC" or adopted is None or pd.isna(adopted) or bool(adopted) or majority is None:
        return frozenset()
    ayes = sum(v == "Y" for v in cast.values()) if yes is None or pd.isna(yes) else int(yes)
    if ayes < majority:
        return frozenset()
    return frozenset(c for c, v in cast.items() if v == "N" and c in PERMANENT_MEMBERS)

# What a vote on less than a whole draft was on (resolutions.vote_kind), said as the start of a sentence.
VOTE_KINDS = {"amendment": "Vote on an amendment", "paragraph": "Separate vote on a paragraph",
              "separate vote": "Separate vote", "procedural": "Procedural vote"}
_AMENDED = re.compile(r"\b(draft (?:resolution|decision)|resolution|document)\s+([AS]/[^\s,;:]+)", re.IGNORECASE)
_PARAGRAPH = re.compile(r"^(?:(?:operative|preambular)\s+)?paragraphs?\b", re.IGNORECASE)
UNDL_RECORD_PREFIX = "undl:"


def vote_subject(title: str | None, kind: str | None) -> str | None:
    """A vote on less than a whole draft, said as what it was: 'Vote on an amendment to draft resolution
    A/C.3/79/L.40', 'Separate vote on operative paragraph 5 of draft resolution A/79/L.30'; None for a whole
    resolution or draft (its title says what it is)."""
    if not isinstance(kind, str) or not kind:  # NULL reaches here as None, NaN or pd.NA
        return None
    title = title.strip() if isinstance(title, str) else ""
    if title.lower().startswith(tuple(p.lower() for p in VOTE_KINDS.values())):
        return title  # unvotes roll calls are titled so already
    phrase = VOTE_KINDS.get(kind, VOTE_KINDS["separate vote"])
    if kind == "amendment" and (amended := _AMENDED.search(title)):
        return f"{phrase} to {amended.group(1).lower()} {amended.group(2)}"
    if kind == "paragraph" and _PARAGRAPH.match(title):
        return f"Separate vote on {title[0].lower()}{title[1:]}"
    return f"{phrase}: {title}" if title else phrase


def record_name(resolution_id: str) -> str:
    """How a vote's id reads: a resolution symbol as it is, a library record as 'UN Digital Library record N'."""
    if resolution_id.startswith(UNDL_RECORD_PREFIX):
        return f"UN Digital Library record {resolution_id[len(UNDL_RECORD_PREFIX):]}"
    return resolution_id


def vote_label(resolution_id: str, title: str | None, kind: str | None) -> str:
    """The picker's line for a vote: 'A/RES/75/287 — The situation in Myanmar'; a vote on an amendment or a
    paragraph says so first: 'Vote on an amendment to draft resolution A/C.3/79/L.40 — UN Digital Library record
    9100001'."""
    subject = vote_subject(title, kind)
    if subject and resolution_id.startswith(UNDL_RECORD_PREFIX):
        return f"{subject} — {record_name(resolution_id)}"
    return f"{resolution_id} — {subject or (title if isinstance(title, str) and title else 'untitled')}"


def roll_call(votes: pd.DataFrame, universe: Iterable[str], vetoed: Iterable[str] = ()) -> pd.DataFrame:
    """Every country of `universe` (plus any with a vote row): iso3, country, vote label; no row = Not recorded;
    the No of a country in `vetoed` (vetoes()) is labelled a veto."""
    codes = sorted(set(universe) | set(votes["country_iso3"]))
    out = pd.DataFrame({"country_iso3": codes})
    out = out.merge(votes[["country_iso3", "vote", "note"]], on="country_iso3", how="left")
    out["label"] = out["vote"].map(VOTE_LABELS).fillna(NOT_RECORDED)
    out.loc[out["country_iso3"].isin(set(vetoed)) & (out["vote"] == "N"), "label"] = VETO
    out["country"] = out["country_iso3"].map(country_name)
    return out.sort_values("country", key=lambda s: s.str.casefold()).reset_index(drop=True)


def labels_shown(roll: pd.DataFrame) -> list[str]:
    """The vote labels in display order; a veto after No and Not recorded last, each only where it occurs."""
    present = set(roll["label"])
    return [VOTE_LABELS["Y"], VOTE_LABELS["N"], *([VETO] if VETO in present else []), VOTE_LABELS["A"],
            VOTE_LABELS["X"], *([NOT_RECORDED] if NOT_RECORDED in present else [])]


def countries_by_vote(roll: pd.DataFrame) -> pd.DataFrame:
    """One column a vote (Yes / No / Abstain / Not voting), country names listed under each; a Not recorded
    column only when some country of the roll call has no vote row (a full roll call has none), a veto column
    only where there is a veto."""
    columns = {label: list(roll.loc[roll["label"] == label, "country"]) for label in labels_shown(roll)}
    depth = max((len(v) for v in columns.values()), default=0)
    return pd.DataFrame({k: v + [""] * (depth - len(v)) for k, v in columns.items()})


def recorded_vs_official(resolution: Mapping[str, Any], roll: pd.DataFrame) -> pd.DataFrame:
    """Per vote: the official total (None if not stated) and how many country votes are loaded (a veto is a No)."""
    counts = roll["label"].replace({VETO: VOTE_LABELS["N"]}).value_counts()
    rows = [(label, None if pd.isna(total := resolution[OFFICIAL_TOTALS[code]]) else int(total),
             int(counts.get(label, 0))) for code, label in VOTE_LABELS.items()]
    return pd.DataFrame(rows, columns=["vote", "official", "recorded"]).astype({"official": "Int64"})


def overall_agreement(per_year: pd.DataFrame) -> pd.DataFrame:
    """Per pair over the whole range: agreement weighted by shared votes, and the shared votes."""
    if per_year.empty:
        return pd.DataFrame(columns=["pair", "a", "b", "agreement", "shared"])
    g = per_year.assign(points=per_year["agreement"] * per_year["shared"]).groupby(["a", "b"], as_index=False)
    out = g[["points", "shared"]].sum()
    out["agreement"] = out["points"] / out["shared"]
    out["pair"] = [f"{country_name(a)} – {country_name(b)}" for a, b in zip(out["a"], out["b"], strict=True)]
    return out[["pair", "a", "b", "agreement", "shared"]].sort_values("agreement", ascending=False, ignore_index=True)
