"""The real unvotes sample with its issue codes on the UN votes page: the issue filter narrows the roll calls of
2019 to one subject, with counts (skipped where ../shared/realdata is absent)."""

from __future__ import annotations

import pytest

from tests.app.conftest import serving
from tests.conftest import realdata, run_etl


@pytest.fixture(scope="module")
def real_issues_db(tmp_path_factory, bundled_db):
    files = [realdata(f"unga/unvotes_un_{name}_s65-74.csv") for name in ("roll_call_issues", "votes", "roll_calls")]
    db = tmp_path_factory.mktemp("real_issues") / "votes.duckdb"
    db.write_bytes(bundled_db.read_bytes())
    done = run_etl("load", *map(str, files), "--db", str(db))  # any order: roll calls first, issues last
    assert done.returncode == 0, done.stdout + done.stderr
    with serving(db):
        yield db


def test_the_issue_filter_narrows_2019_to_nuclear_weapons(real_issues_db, open_page):
    at = open_page("un_votes", issue="nuclear-weapons", from_="2019-01-01", to="2019-12-31", c=["USA", "RUS"])
    assert not at.warning, [w.value for w in at.warning]
    issues = list(at.selectbox(key="issue").options)
    assert issues == ["All subjects", "Arms control and disarmament (16 roll calls in the date range)",
                      "Colonialism (16 roll calls in the date range)",
                      "Economic development (16 roll calls in the date range)",
                      "Human rights (14 roll calls in the date range)",
                      "Nuclear weapons and nuclear material (17 roll calls in the date range)",
                      "Palestinian conflict (14 roll calls in the date range)"]
    picker = at.selectbox(key="res")
    assert picker.label == ("Resolution (17 on nuclear weapons and nuclear material in the date range, most recent "
                            "first)")
    assert len(picker.options) == 17 and not any("74/246" in o for o in picker.options)  # Myanmar: human rights
    grid = next(d.value for d in at.dataframe if "Russia" in d.value.columns)
    assert len(grid) == 17  # the chosen countries' votes: the same 17 roll calls
    assert at.query_params["issue"] == "nuclear-weapons"


def test_a_myanmar_resolution_is_filed_under_human_rights(real_issues_db, open_page):
    at = open_page("un_votes", issue="human-rights", res="A/RES/74/246", from_="2019-01-01", to="2019-12-31")
    assert at.selectbox(key="res").value == "A/RES/74/246"
    assert "Issues: Human rights" in "\n".join(m.value for m in at.markdown)
    assert any("UN General Assembly roll-call issues (unvotes" in c.value
               for c in at.caption)  # the subject is cited like the votes
    assert at.selectbox(key="res").label.startswith("Resolution (14 on human rights in the date range")
