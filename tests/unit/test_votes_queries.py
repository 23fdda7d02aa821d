"""Vote agreement and roll calls: the pure functions and the SQL that must agree with them."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from monitor import queries, schema
from monitor.queries import Filters, agreement, agreement_score
from monitor.store import Store


def test_same_vote_scores_one():
    assert agreement({"r1": "Y", "r2": "N", "r3": "A"}, {"r1": "Y", "r2": "N", "r3": "A"}) == (1.0, 3)


def test_one_abstention_scores_half():
    assert agreement({"r1": "Y"}, {"r1": "A"}) == (0.5, 1)
    assert agreement_score("A", "N") == 0.5


def test_opposite_votes_score_zero():
    assert agreement({"r1": "Y"}, {"r1": "N"}) == (0.0, 1)


def test_not_voting_and_absent_are_excluded_not_counted_as_disagreement():
    a = {"r1": "Y", "r2": "X", "r3": "Y", "r4": "N"}
    b = {"r1": "Y", "r2": "N", "r4": "N"}  # r3: no row for b
    assert agreement(a, b) == (1.0, 2)
    assert agreement({"r1": "X"}, {"r1": "X"}) == (None, 0)


def test_mean_over_shared_votes():
    assert agreement(pd.Series({"r1": "Y", "r2": "Y"}), pd.Series({"r1": "N", "r2": "A"})) == (0.25, 2)


VOTES = {  # resolution -> {country: vote}
    "R/1": {"AAA": "Y", "BBB": "Y", "CCC": "N", "DDD": "X"},
    "R/2": {"AAA": "Y", "BBB": "A", "CCC": "N"},
    "R/3": {"AAA": "N", "BBB": "Y", "DDD": "Y"},
    "R/4": {"AAA": "A", "BBB": "A", "CCC": "Y"},
}
DATES = {"R/1": date(2020, 3, 1), "R/2": date(2020, 9, 1), "R/3": date(2021, 2, 1), "R/4": date(2021, 6, 1)}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("votes") / "votes.duckdb"
    con = duckdb.connect(str(path))
    schema.create_all(con)
    con.execute("INSERT INTO sources (source_id, publisher, title) VALUES ('s', 'P', 'T')")
    for rid, day in DATES.items():
        con.execute("INSERT INTO resolutions (resolution_id, body, vote_date, yes, no, abstain, source_id) "
                    "VALUES (?, 'UNGA', ?, 3, 1, 0, 's')", [rid, day])
        for country, vote in VOTES[rid].items():
            con.execute("INSERT INTO votes (resolution_id, country_iso3, vote) VALUES (?, ?, ?)", [rid, country, vote])
    con.close()
    return Store(path)


def _of(country: str) -> dict[str, str]:
    return {r: v[country] for r, v in VOTES.items() if country in v}


def test_sql_agreement_matches_the_pure_function(store):
    f = Filters(date(2000, 1, 1), date(2030, 1, 1))
    countries = ("AAA", "BBB", "CCC", "DDD")
    per_year = queries.pairwise_agreement(store, f, countries)
    overall = queries.overall_agreement(per_year).set_index(["a", "b"])
    for a in countries:
        for b in countries:
            if a >= b:
                continue
            expected = agreement(_of(a), _of(b))
            if expected[1] == 0:
                assert (a, b) not in overall.index
            else:
                assert overall.loc[(a, b), "agreement"] == pytest.approx(expected[0])
                assert overall.loc[(a, b), "shared"] == expected[1]


def test_agreement_per_year_and_date_range(store):
    per_year = queries.pairwise_agreement(store, Filters(date(2020, 1, 1), date(2020, 12, 31)), ("AAA", "BBB"))
    assert per_year[["a", "b", "year", "shared"]].values.tolist() == [["AAA", "BBB", 2020, 2]]
    assert per_year["agreement"].iloc[0] == pytest.approx(0.75)  # Y-Y 1, Y-A 0.5


def test_country_votes_marks_missing_rows_as_null(store):
    f = Filters(date(2000, 1, 1), date(2030, 1, 1), ("CCC",))
    got = queries.country_votes(store, f)
    assert got["resolution_id"].tolist() == ["R/1", "R/2", "R/3", "R/4"]
    assert got["vote"].tolist()[:2] == ["N", "N"] and pd.isna(got["vote"].iloc[2])


def test_roll_call_lists_the_universe_with_not_recorded():
    votes = pd.DataFrame({"country_iso3": ["BLR", "RUS"], "vote": ["N", "A"], "note": [None, None]})
    roll = queries.roll_call(votes, {"FRA", "RUS"})
    assert dict(zip(roll["country_iso3"], roll["label"], strict=True)) == {
        "BLR": "No", "FRA": queries.NOT_RECORDED, "RUS": "Abstain"}
    by_vote = queries.countries_by_vote(roll)
    assert list(by_vote.columns) == ["Yes", "No", "Abstain", "Not voting", "Not recorded"]
    assert by_vote["No"].tolist() == ["Belarus"] and by_vote["Not recorded"].tolist() == ["France"]


def test_recorded_is_compared_with_the_official_totals():
    roll = pd.DataFrame({"label": ["No", "Abstain", "Abstain", queries.NOT_RECORDED]})
    tally = queries.recorded_vs_official({"yes": 119, "no": 1, "abstain": 36, "non_voting": None}, roll)
    assert tally["vote"].tolist() == ["Yes", "No", "Abstain", "Not voting"]
    assert tally["official"].tolist()[:3] == [119, 1, 36] and pd.isna(tally["official"].iloc[3])
    assert tally["recorded"].tolist() == [0, 1, 2, 0]
