"""UN votes as pure pandas: roll calls with the states that have no vote row, tallies against the official totals."""

from __future__ import annotations

import pandas as pd

from monitor import votes


def test_roll_call_lists_the_universe_with_not_recorded():
    cast = pd.DataFrame({"country_iso3": ["BLR", "RUS"], "vote": ["N", "A"], "note": [None, None]})
    roll = votes.roll_call(cast, {"FRA", "RUS"})
    assert dict(zip(roll["country_iso3"], roll["label"], strict=True)) == {
        "BLR": "No", "FRA": votes.NOT_RECORDED, "RUS": "Abstain"}
    by_vote = votes.countries_by_vote(roll)
    assert list(by_vote.columns) == ["Yes", "No", "Abstain", "Not voting", "Not recorded"]
    assert by_vote["No"].tolist() == ["Belarus"] and by_vote["Not recorded"].tolist() == ["France"]


def test_recorded_is_compared_with_the_official_totals():
    roll = pd.DataFrame({"label": ["No", "Abstain", "Abstain", votes.NOT_RECORDED]})
    tally = votes.recorded_vs_official({"yes": 119, "no": 1, "abstain": 36, "non_voting": None}, roll)
    assert tally["vote"].tolist() == ["Yes", "No", "Abstain", "Not voting"]
    assert tally["official"].tolist()[:3] == [119, 1, 36] and pd.isna(tally["official"].iloc[3])
    assert tally["recorded"].tolist() == [0, 1, 2, 0]
