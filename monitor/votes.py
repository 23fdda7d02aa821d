"""UN votes as the pages show them: the vote codes and labels (defined once here), roll calls, tallies, agreement.

Pure pandas over the frames monitor.queries.votes returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from monitor.countries import country_name

# The `votes.vote` codes (DESIGN.md) and how they are said on screen, in display order.
VOTE_LABELS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}
# The `resolutions` column holding each code's official total.
OFFICIAL_TOTALS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}
NOT_RECORDED = "Not recorded"  # a member state with no vote row: absent, not a member yet, or missing in the source

# What a vote on less than a whole draft was on (resolutions.vote_kind), said as the start of a sentence.
VOTE_KINDS = {"amendment": "Vote on an amendment", "paragraph": "Separate vote on a paragraph",
              "separate vote": "Separate vote"}
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


def roll_call(votes: pd.DataFrame, universe: Iterable[str]) -> pd.DataFrame:
    """Every country of `universe` (plus any with a vote row): iso3, country, vote label; no row = Not recorded."""
    codes = sorted(set(universe) | set(votes["country_iso3"]))
    out = pd.DataFrame({"country_iso3": codes})
    out = out.merge(votes[["country_iso3", "vote", "note"]], on="country_iso3", how="left")
    out["label"] = out["vote"].map(VOTE_LABELS).fillna(NOT_RECORDED)
    out["country"] = out["country_iso3"].map(country_name)
    return out.sort_values("country", key=lambda s: s.str.casefold()).reset_index(drop=True)


def countries_by_vote(roll: pd.DataFrame) -> pd.DataFrame:
    """One column a vote (Yes / No / Abstain / Not voting), country names listed under each; a Not recorded
    column only when some country of the roll call has no vote row (a full roll call has none)."""
    unrecorded = bool((roll["label"] == NOT_RECORDED).any())
    labels = [*VOTE_LABELS.values(), *([NOT_RECORDED] if unrecorded else [])]
    columns = {label: list(roll.loc[roll["label"] == label, "country"]) for label in labels}
    depth = max((len(v) for v in columns.values()), default=0)
    return pd.DataFrame({k: v + [""] * (depth - len(v)) for k, v in columns.items()})


def recorded_vs_official(resolution: Mapping[str, Any], roll: pd.DataFrame) -> pd.DataFrame:
    """Per vote label: the official total (None if not stated) and how many country votes are loaded."""
    counts = roll["label"].value_counts()
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
