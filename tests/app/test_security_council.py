"""Security Council roll calls on the UN votes page: the body named, the members of that day, vetoes marked as
such and no veto where a permanent member's No did not defeat the draft (fixture: tests/wide_fixture.py)."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import serving
from tests.conftest import run_etl
from tests.wide_fixture import ROWS, STATES, UN_HEADER, write_csv


@pytest.fixture(scope="module")
def council_db(tmp_path_factory, bundled_db):
    where = tmp_path_factory.mktemp("council")
    matrix = write_csv(where / "un_wide.csv", UN_HEADER + STATES, ROWS)
    db = where / "monitor.duckdb"
    db.write_bytes(bundled_db.read_bytes())
    done = run_etl("load", str(matrix), "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    with serving(db):
        yield db


def _by_vote(at):
    return next(d.value for d in at.dataframe if "Abstain" in d.value.columns)


def _map_traces(at) -> dict[str, list[str]]:
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    vote_map = next(c for c in charts if c["data"] and c["data"][0]["type"] == "choropleth")
    return {t["name"]: t["locations"] for t in vote_map["data"]}


def test_a_double_veto_is_shown_as_one(council_db, open_page):
    at = open_page("un_votes", res="S/2011/612")
    said = " ".join(m.value for m in at.markdown)
    assert "UN Security Council" in said and "not adopted — vetoed by China and Russia" in said
    by_vote = _by_vote(at)
    assert list(by_vote.columns) == ["Yes", "No", "No (veto)", "Abstain", "Not voting"]
    assert set(by_vote["No (veto)"]) - {""} == {"China", "Russia"} and set(by_vote["No"]) == {""}
    assert len(set(by_vote["Abstain"]) - {""}) == 4 and len(set(by_vote["Yes"]) - {""}) == 9
    traces = _map_traces(at)
    assert sorted(traces["No (veto) (2)"]) == ["CHN", "RUS"]
    assert sum(len(v) for v in traces.values()) == 15  # the Council that day, not the 193 members
    assert any("A veto: a permanent member's No" in c.value for c in at.caption)


@pytest.mark.parametrize("resolution", ["S/RES/88(1950)", "S/2012/9999"])
def test_a_permanent_members_no_that_defeated_nothing_is_no_veto(council_db, open_page, resolution):
    at = open_page("un_votes", res=resolution)
    by_vote = _by_vote(at)
    assert "No (veto)" not in by_vote.columns and "China" in set(by_vote["No"])
    assert "veto" not in " ".join(m.value for m in at.markdown)
    assert not any("veto" in name for name in _map_traces(at))


def test_council_votes_count_only_for_countries_that_sat(council_db, open_page):
    """Myanmar never sat on the Council: its votes across 2010-2012 hold no Council roll call (no '—' rows for
    votes it could not cast); China's hold all three."""
    at = open_page("un_votes", res="S/2011/612", c=["MMR"], from_="2010-01-01", to="2012-12-31")
    assert any("No resolution in the date range for Myanmar" in n.value for n in [*at.info, *at.warning])
    at = open_page("un_votes", res="S/2011/612", c=["CHN", "MMR"], from_="2010-01-01", to="2012-12-31")
    grid = next(d.value for d in at.dataframe if "resolution_id" in d.value.columns)
    assert sorted(grid["resolution_id"]) == ["S/2011/612", "S/2012/9999", "S/RES/1966(2010)"]
