"""HDX HAPI's monthly counts on the Timeline, the Overview and the Data page: their own chart and caption, apart
from the event rows, and demonstrations' fatalities shown as not reported (never 0)."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.app.conftest import serving
from tests.conftest import FIXTURES, realdata, run_etl

JAN_FEB_2025 = {"c": ["MMR"], "from_": "2025-01-01", "to": "2025-02-28"}
CAPTION = "HDX HAPI (monthly aggregates of ACLED): events and fatalities per month"


def _with(bundled_db, folder, *files) -> object:
    db = folder / "counts.duckdb"
    shutil.copyfile(bundled_db, db)
    for path in files:
        done = run_etl("load", str(path), "--db", str(db))
        assert done.returncode in (0, 1), done.stdout + done.stderr
    return db


@pytest.fixture(scope="module")
def counts_db(bundled_db, tmp_path_factory):
    with serving(_with(bundled_db, tmp_path_factory.mktemp("counts"), FIXTURES / "hdx_hapi_conflict_events.csv")):
        yield


def _counts_chart(at) -> dict:
    return next(fig for fig in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
                if any(a.get("text") == "Events per month" for a in fig["layout"].get("annotations", [])))


def _caption(at) -> str:
    return next(c.value for c in at.caption if CAPTION in c.value)


def test_the_timeline_draws_the_counts_in_their_own_chart_and_caption(counts_db, open_page):
    at = open_page("timeline", **JAN_FEB_2025)
    assert any(h.value == "Monthly counts from HDX HAPI (aggregates of ACLED)" for h in at.subheader)
    fig = _counts_chart(at)
    events = {t["name"]: t["y"] for t in fig["data"] if t["yaxis"] == "y"}
    assert events == {"Political violence": [15, 7], "Civilian targeting": [4], "Demonstrations": [5, 1]}
    fatalities = {t["name"]: t["y"] for t in fig["data"] if t["yaxis"] == "y2"}
    assert fatalities == {"Political violence": [21, 0], "Civilian targeting": [6]}  # none for demonstrations
    caption = _caption(at)
    assert "never added to them" in caption
    assert "fatalities: not reported for demonstrations (unknown, not zero)" in caption
    assert "OCHA Humanitarian Data Exchange: HDX HAPI" in caption  # the source, cited


def test_the_overview_says_the_totals_and_that_demonstration_fatalities_are_not_reported(counts_db, open_page):
    at = open_page("overview", **JAN_FEB_2025)
    lines = [m.value for m in at.markdown]
    assert any("**Demonstrations**: 6 events, fatalities not reported" in v for v in lines)
    assert any("**Political violence**: 22 events, 21 fatalities" in v for v in lines)
    assert not any("Demonstrations" in v and "0 fatalities" in v for v in lines)
    assert CAPTION in _caption(at)
    assert _counts_chart(at)["data"]


def test_the_counts_are_not_in_the_killed_from_events_lines(counts_db, open_page):
    at = open_page("overview", **JAN_FEB_2025)
    assert not any(m.value.startswith("- **HDX") for m in at.markdown)


def test_the_data_page_has_an_event_counts_tab(counts_db, open_page):
    at = open_page("data", tab="event_counts", **JAN_FEB_2025)
    rows = at.dataframe[0].value
    assert len(rows) == 7 and set(rows["country_iso3"]) == {"MMR"}
    demo = rows[(rows["event_type"] == "demonstration") & (rows["admin_area"] == "Sagaing / Shwebo")]
    assert demo["fatalities"].isna().all()  # shown empty, not 0


def test_a_selection_without_counts_shows_no_counts_section(counts_db, open_page):
    at = open_page("timeline", c=["MMR"], from_="2021-01-01", to="2021-07-31")
    assert not any("HDX HAPI" in h.value for h in at.subheader)


def test_real_myanmar_january_2025(bundled_db, tmp_path, open_page):
    path = realdata("hdx/hdx_hapi_conflict_event_global_2025.csv")
    with serving(_with(bundled_db, tmp_path, path)):
        at = open_page("overview", c=["MMR"], from_="2025-01-01", to="2025-01-31")
        lines = [m.value for m in at.markdown]
        assert any("**Political violence**: 248 events, 433 fatalities" in v for v in lines)
        assert any("**Demonstrations**: 29 events, fatalities not reported" in v for v in lines)
        assert "fatalities: not reported for demonstrations" in _caption(at)
