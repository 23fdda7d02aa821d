"""The UN votes page's queries on the roll-calls fixture: agreement in SQL, per year, votes missing or not cast."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from monitor import votes
from monitor.queries import votes as queries
from monitor.queries.filters import Filters
from tests.fixture_db import ALL_DATES


def test_agreement_is_one_for_the_same_vote_half_for_one_abstention_zero_for_opposite(votes_store):
    # Per pair over the four roll calls of tests/fixture_db.ROLL_CALLS; X (present, not voting) and a missing
    # row are left out, not counted as disagreement: AAA-DDD share R/3 only, CCC-DDD share nothing.
    per_year = queries.pairwise_agreement(votes_store, ALL_DATES, ("AAA", "BBB", "CCC", "DDD"))
    overall = votes.overall_agreement(per_year).set_index(["a", "b"])
    expected = {("AAA", "BBB"): ((1 + 0.5 + 0 + 1) / 4, 4), ("AAA", "CCC"): ((0 + 0 + 0.5) / 3, 3),
                ("AAA", "DDD"): (0.0, 1), ("BBB", "CCC"): ((0 + 0.5 + 0.5) / 3, 3), ("BBB", "DDD"): (1.0, 1)}
    assert set(overall.index) == set(expected)
    for pair, (agreement, shared) in expected.items():
        assert overall.loc[pair, "agreement"] == pytest.approx(agreement), pair
        assert overall.loc[pair, "shared"] == shared, pair


def test_agreement_per_year_and_date_range(votes_store):
    per_year = queries.pairwise_agreement(votes_store, Filters(date(2020, 1, 1), date(2020, 12, 31)), ("AAA", "BBB"))
    assert per_year[["a", "b", "year", "shared"]].values.tolist() == [["AAA", "BBB", 2020, 2]]
    assert per_year["agreement"].iloc[0] == pytest.approx(0.75)  # Y-Y 1, Y-A 0.5


def test_country_votes_marks_missing_rows_as_null(votes_store):
    f = Filters(ALL_DATES.start, ALL_DATES.end, ("CCC",))
    got = queries.country_votes(votes_store, f)
    assert got["resolution_id"].tolist() == ["R/1", "R/2", "R/3", "R/4"]
    assert got["vote"].tolist()[:2] == ["N", "N"] and pd.isna(got["vote"].iloc[2])
