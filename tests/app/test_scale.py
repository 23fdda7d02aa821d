"""The pages over a database bigger than a screen: a SYNTHETIC one spanning 1997-2025 with the cited case inside.

The Data page pages through rows; a link without dates opens on the last two years; busy rows are counted, and
the chart says so.
"""

from __future__ import annotations

import json

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic_db import build
from monitor.queries import data as data_queries
from monitor.queries import map as map_queries
from monitor.queries import timeline as timeline_queries
from tests.app.conftest import serving
from tests.conftest import ROOT

EVENTS = 2500  # SYNTHETIC, 1997-01-01 .. 2025-06-30, plus the bundled case's rows


@pytest.fixture(scope="module")
def big_db(tmp_path_factory, bundled_db):
    db = tmp_path_factory.mktemp("scale") / "synthetic.duckdb"
    build(EVENTS, db, case=bundled_db)
    with serving(db):
        yield db


def _open(page_file: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key.rstrip("_")] = value
    at.run()
    at.switch_page(f"app_pages/{page_file}.py")
    for key, value in params.items():  # as a deep link into the page: the first run was the home page's
        at.query_params[key.rstrip("_")] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _text(at: AppTest) -> str:
    """The page's Markdown as read (data text is escaped for Markdown: '\\(' shows as '(')."""
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def _link(at: AppTest) -> dict[str, list[str]]:
    """The URL after the run, every key's values as a list."""
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def test_data_page_shows_one_screen_with_the_total_and_pages_through_the_url(big_db):
    con = duckdb.connect(str(big_db), read_only=True)
    (total,) = con.execute("SELECT count(*) FROM events WHERE event_date >= DATE '1900-01-01'").fetchone()
    con.close()
    at = _open("data", tab="events", from_="1900-01-01", to="2025-12-31")
    rows = at.dataframe[0].value
    per_page = data_queries.PAGE_ROWS
    pages = -(-total // per_page)
    assert len(rows) == per_page and pages > 2
    text = _text(at)
    assert f"rows 1–{per_page:,} of {total:,} (page 1 of {pages})" in text
    assert "page" not in _link(at)  # the first page is the default: not in the link

    next(b for b in at.button if b.label == "Next →").click().run()
    assert _link(at)["page"] == ["2"]
    assert f"rows {per_page + 1:,}–{2 * per_page:,} of {total:,} (page 2 of {pages})" in _text(at)
    assert at.dataframe[0].value["event_id"].iloc[0] != rows["event_id"].iloc[0]
    assert f"Download this selection: {total:,} rows (CSV)" in at.get("download_button")[0].proto.label

    next(b for b in at.button if b.label == "← Previous").click().run()
    assert "page" not in _link(at)
    assert at.dataframe[0].value["event_id"].tolist() == rows["event_id"].tolist()


def test_a_linked_page_opens_there_and_one_past_the_end_warns(big_db):
    con = duckdb.connect(str(big_db), read_only=True)
    (total,) = con.execute("SELECT count(*) FROM events WHERE event_date >= DATE '1900-01-01'").fetchone()
    con.close()
    last = -(-total // data_queries.PAGE_ROWS)
    at = _open("data", tab="events", page="3", from_="1900-01-01", to="2025-12-31")
    assert at.number_input(key="data_page").value == 3
    assert 0 < len(at.dataframe[0].value) <= data_queries.PAGE_ROWS
    at = _open("data", tab="events", page="999", from_="1900-01-01", to="2025-12-31")
    assert any("past the last page" in w.value for w in at.warning)
    assert _link(at)["page"] == [str(last)]


def test_a_link_without_dates_opens_on_the_last_two_years_and_says_what_it_shows(big_db):
    at = _open("timeline")
    assert (at.date_input(key="f_from").value.isoformat(), at.date_input(key="f_to").value.isoformat()) == (
        "2023-07-01", "2025-06-30")
    link = _link(at)
    assert (link["from"], link["to"]) == (["2023-07-01"], ["2025-06-30"])  # the share box writes what is shown
    # the whole span is one click away, and lands in the URL too
    next(b for b in at.button if b.label == "All 1997–2025").click().run()
    assert (_link(at)["from"], _link(at)["to"]) == (["1997-01-01"], ["2025-06-30"])


def test_the_linked_dates_round_trip(big_db):
    at = _open("timeline", from_="2021-01-01", to="2021-07-31", c=["MMR"])
    assert (_link(at)["from"], _link(at)["to"]) == (["2021-01-01"], ["2021-07-31"])
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert fig["layout"]["xaxis"]["range"][0].startswith("2021-01-01")
    assert any("≥ 870" in (t.get("text") or []) for t in fig["data"])  # the case still reads in its own window


def test_the_case_country_opens_on_its_own_data(big_db):
    at = _open("timeline", c=["MMR"])  # MMR's last row is SYNTHETIC, in 2025: its last two years
    assert at.date_input(key="f_to").value.isoformat() <= "2025-06-30"


def test_busy_rows_are_counted_per_period_and_the_chart_says_so(big_db, monkeypatch):
    monkeypatch.setattr(timeline_queries, "MARKERS_PER_KIND", 20)
    at = _open("timeline")
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert any("of them shown as monthly counts (bubble area)" in t for t in titles), titles


def test_many_places_become_grid_cells_and_the_caption_says_so(big_db, monkeypatch):
    monkeypatch.setattr(map_queries, "MAP_MAX_POINTS", 40)
    at = _open("map", from_="1997-01-01", to="2025-06-30")
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert sum(len(t["lat"]) for t in fig["data"]) <= 40
    assert any("Aggregated: more than 40 places in view" in c.value for c in at.caption)
