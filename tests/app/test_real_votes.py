"""The real unvotes sample on the UN votes page: the Myanmar human rights resolutions of sessions 73 and 74
with their full roll calls (skipped where ../shared/realdata is absent)."""

from __future__ import annotations

import pytest

from tests.app.conftest import serving
from tests.conftest import etl


@pytest.fixture(scope="module")
def real_votes_db(tmp_path_factory, bundled_db):
    from tests.conftest import realdata

    calls, votes = realdata("unga/unvotes_un_roll_calls_s65-74.csv"), realdata("unga/unvotes_un_votes_s65-74.csv")
    db = tmp_path_factory.mktemp("real") / "votes.duckdb"
    db.write_bytes(bundled_db.read_bytes())
    done = etl("load", str(votes), str(calls), "--db", str(db))  # either order: roll calls load first
    assert done.returncode == 0, done.stdout + done.stderr
    with serving(db):
        yield db


@pytest.mark.parametrize(("resolution", "yes", "no", "abstain"), [
    ("A/RES/73/264", 136, 8, 22),  # Situation of human rights in Myanmar, 22 Dec 2018
    ("A/RES/74/246", 134, 9, 28),  # Rohingya Muslims and other minorities in Myanmar, 27 Dec 2019
])
def test_full_roll_call_of_a_myanmar_resolution(real_votes_db, open_page, resolution, yes, no, abstain):
    at = open_page("un_votes", res=resolution, c=["MMR", "RUS", "CHN", "USA"])
    by_vote = next(d.value for d in at.dataframe if "Abstain" in d.value.columns)
    listed = {column: by_vote[column].replace("", None).dropna().tolist() for column in ("Yes", "No", "Abstain")}
    assert (len(listed["Yes"]), len(listed["No"]), len(listed["Abstain"])) == (yes, no, abstain)
    assert {"Myanmar", "Russia", "China", "Belarus"} <= set(listed["No"])
    assert "United States" in listed["Yes"]
    assert not at.warning, [w.value for w in at.warning]
