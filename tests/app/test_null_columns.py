"""Issue 8, failure 1: an events file with only the required columns (every optional column NULL) is valid,
and every page that shows events still opens. A NULL reaches the page code from pandas as NaN, which is
truthy: `(precision or "day").strip()` broke Overview and Timeline for every visitor."""

from __future__ import annotations

import pytest

from tests.app.conftest import serving
from tests.conftest import etl

REQUIRED_ONLY = "event_id,event_date,event_type,source_id\n" + "".join(
    f"bare-{i},2021-03-{i:02d},statement,abc-2021-02-01\n" for i in range(1, 6))


@pytest.fixture(scope="module")
def bare_events_db(tmp_path_factory, bundled_db):
    folder = tmp_path_factory.mktemp("bare")
    events = folder / "events.csv"
    events.write_text(REQUIRED_ONLY, encoding="utf-8")
    db = folder / "bare.duckdb"
    db.write_bytes(bundled_db.read_bytes())
    done = etl("load", str(events), "--db", str(db), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    with serving(db):
        yield db


@pytest.mark.parametrize("page", ["overview", "timeline", "map", "data", "relationships", "un_votes"])
def test_events_without_optional_columns_open_every_page(bare_events_db, open_page, page):
    at = open_page(page, from_="2021-03-01", to="2021-03-31")  # open_page fails on any exception
    assert not at.error, [e.value for e in at.error]


def test_overview_lists_the_bare_events_as_day_precise(bare_events_db, open_page):
    at = open_page("overview", from_="2021-03-01", to="2021-03-31")
    table = next(d.value for d in at.dataframe if "Summary" in d.value.columns)  # the latest events
    bare = table[table["When"].isin([f"{d} Mar 2021" for d in range(1, 6)])]
    assert len(bare) == 5, table
    assert set(bare["Type"]) == {"statement"}


def test_timeline_lists_the_bare_statements(bare_events_db, open_page):
    at = open_page("timeline", from_="2021-03-01", to="2021-03-31")
    listing = at.dataframe[0].value
    assert {f"{d} Mar 2021" for d in range(1, 6)} <= set(listing["When"])
