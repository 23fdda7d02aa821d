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


def test_a_veto_is_labelled_and_still_counts_as_a_no():
    from datetime import date

    cast = {"CHN": "N", "RUS": "N", "FRA": "Y", "BRA": "A"}
    vetoed = votes.vetoes("UNSC", False, date(2011, 10, 4), 9, cast)
    assert vetoed == {"CHN", "RUS"}
    frame = pd.DataFrame({"country_iso3": list(cast), "vote": list(cast.values()), "note": [None] * 4})
    roll = votes.roll_call(frame, (), vetoed)
    assert dict(zip(roll["country_iso3"], roll["label"], strict=True)) == {
        "CHN": votes.VETO, "RUS": votes.VETO, "FRA": "Yes", "BRA": "Abstain"}
    assert list(votes.countries_by_vote(roll).columns) == ["Yes", "No", "No (veto)", "Abstain", "Not voting"]
    tally = votes.recorded_vs_official({"yes": 9, "no": 2, "abstain": 4, "non_voting": 0}, roll)
    assert tally["recorded"].tolist() == [1, 2, 1, 0]


def test_no_veto_on_an_adopted_or_general_assembly_vote_or_a_draft_short_of_votes():
    from datetime import date

    cast = {"CHN": "N", "FRA": "Y"}
    assert votes.vetoes("UNSC", True, date(1950, 11, 8), 8, cast) == frozenset()  # adopted: procedural
    assert votes.vetoes("UNGA", False, date(2018, 12, 6), 87, cast) == frozenset()  # no veto in the Assembly
    assert votes.vetoes("UNSC", False, date(2018, 4, 10), 5, cast) == frozenset()  # failed for want of votes
    assert votes.vetoes("UNSC", None, date(2011, 10, 4), 9, cast) == frozenset()  # outcome unknown
    assert votes.vetoes("UNSC", False, None, 9, cast) == frozenset()  # day unknown: the majority needed too
    assert votes.vetoes("UNSC", False, date(1960, 1, 1), None, {"SUN": "N", **dict.fromkeys("ABCDEFG", "Y")}) == {
        "SUN"}  # no official total: the yes votes are counted (7 were enough before 1966)
    assert votes.council_majority(date(1965, 12, 31)) == 7 and votes.council_majority(date(1966, 1, 1)) == 9
