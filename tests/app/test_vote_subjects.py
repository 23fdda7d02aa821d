"""What a vote was on, on the UN votes page: a UN Digital Library vote on an amendment or a paragraph shown as
such (not as a resolution), and the `issue` filter narrowing the roll calls to one subject.

The UNDL rows are ILLUSTRATIVE (tests/fixtures/undl_separate_votes.csv: made-up record ids and totals in the
export's shape); the unvotes rows are the small fixtures of tests/fixtures.
"""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import serving
from tests.conftest import FIXTURES, run_etl

AMENDMENT = "Vote on an amendment to draft resolution A/C.3/79/L.40"


@pytest.fixture(scope="module")
def subjects_db(tmp_path_factory, bundled_db):
    db = tmp_path_factory.mktemp("subjects") / "votes.duckdb"
    db.write_bytes(bundled_db.read_bytes())
    files = ["undl_separate_votes.csv", "unvotes_issues.csv", "unvotes_votes.csv", "unvotes_roll_calls.csv"]
    done = run_etl("load", *(str(FIXTURES / f) for f in files), "--db", str(db))
    assert done.returncode == 1, done.stdout + done.stderr  # the fixtures' own bad rows are rejected
    with serving(db):
        yield db


def _options(at, key: str) -> list[str]:
    return list(at.selectbox(key=key).options)


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_an_amendment_vote_is_shown_as_a_vote_on_an_amendment(subjects_db, open_page):
    at = open_page("un_votes", res="undl:9100001", from_="2024-01-01", to="2024-12-31")
    assert not at.warning, [w.value for w in at.warning]
    assert at.selectbox(key="res").value == "undl:9100001" and at.query_params["res"] == "undl:9100001"
    assert f"{AMENDMENT} — UN Digital Library record 9100001 (14 Nov 2024)" in _options(at, "res")
    assert AMENDMENT in _markdown(at)  # the heading
    assert any(i.value.startswith(f"{AMENDMENT}, not a resolution: UN Digital Library record 9100001")
               for i in at.info)
    bars = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if '"bar"' in c.proto.spec)["data"][0]
    assert dict(zip(bars["y"], bars["x"], strict=True))["No"] == 90  # the vote's own official totals


def test_paragraph_and_procedural_votes_say_what_they_were(subjects_db, open_page):
    at = open_page("un_votes", from_="2024-01-01", to="2024-12-31")
    assert _options(at, "res") == [
        "A/RES/79/999 — Amendment of the Treaty Banning Nuclear Weapon Tests (17 Dec 2024)",
        "Separate vote on operative paragraph 5 of draft resolution A/79/L.30 — UN Digital Library record 9100002 "
        "(04 Dec 2024)",
        "Procedural vote: Motion to adjourn the debate — UN Digital Library record 9100003 (20 Nov 2024)",
        f"{AMENDMENT} — UN Digital Library record 9100001 (14 Nov 2024)",
    ]


def test_the_issue_filter_narrows_the_roll_calls_with_counts(subjects_db, open_page):
    everything = open_page("un_votes", from_="2012-01-01", to="2012-12-31")
    assert everything.selectbox(key="res").label.startswith("Resolution (4 in the date range")
    assert _options(everything, "issue") == [
        "All subjects", "Human rights (3 roll calls in the date range)",
        "Nuclear weapons and nuclear material (1 roll call in the date range)",
        "Palestinian conflict (1 roll call in the date range)"]
    at = open_page("un_votes", issue="human-rights", from_="2012-01-01", to="2012-12-31")
    assert at.selectbox(key="res").label == "Resolution (3 on human rights in the date range, most recent first)"
    assert [o.split(" — ")[0] for o in _options(at, "res")] == [
        "A/RES/67/176 (rcid 9005)", "A/RES/67/176 (rcid 9003)", "A/RES/67/176"]
    assert at.query_params["issue"] == "human-rights"
    assert "Issues: Human rights" in _markdown(at)


def test_the_issue_filter_narrows_the_countries_votes(subjects_db, open_page):
    at = open_page("un_votes", issue="palestinian-conflict", c=["USA", "FRA"], from_="2012-01-01", to="2012-12-31")
    assert at.selectbox(key="res").value == "A/RES/67/19"
    assert any(h.value == "How the chosen countries voted on palestinian conflict" for h in at.header)
    grid = next(d.value for d in at.dataframe if "France" in d.value.columns)
    assert list(grid["resolution_id"]) == ["A/RES/67/19"]  # not the human rights roll calls
    assert (grid["France"].iloc[0], grid["United States"].iloc[0]) == ("Y", "N")


def test_choosing_an_issue_opens_its_latest_roll_call_and_goes_in_the_link(subjects_db, open_page):
    at = open_page("un_votes", res="A/RES/67/19", from_="2012-01-01", to="2012-12-31")
    at.selectbox(key="issue").select("nuclear-weapons").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="res").value == "A/RES/67/176"
    assert (at.query_params["issue"], at.query_params["res"]) == ("nuclear-weapons", "A/RES/67/176")


def test_an_unknown_issue_warns_and_shows_every_subject(subjects_db, open_page):
    at = open_page("un_votes", issue="whaling", from_="2012-01-01", to="2012-12-31")
    assert any("“whaling” is not an issue of any roll call here" in w.value for w in at.warning)
    assert at.selectbox(key="issue").value is None and "issue" not in at.query_params
    assert at.selectbox(key="res").label.startswith("Resolution (4 in the date range")
