"""UN votes as the pages show them: the vote codes and labels (defined once here), roll calls, tallies, agreement.

Pure pandas over the frames monitor.queries.votes returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from monitor.countries import country_name

# The `votes.vote` codes (DESIGN.md) and how they are said on screen, in display order.
VOTE_LABELS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}
# The `resolutions` column holding each code's official total.
OFFICIAL_TOTALS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}
NOT_RECORDED = "Not recorded"  # a member state with no vote row: absent, not a member yet, or missing in the source


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
