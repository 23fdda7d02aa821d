"""The Trends page and the alerts feed in real Chromium, on the real UCDP Myanmar file."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import alerts
from tests.conftest import etl, realdata
from tests.e2e.conftest import ARTIFACTS, streamlit_on
from tests.e2e.helpers import errors_on, query_of, settle


@pytest.fixture(scope="module")
def ucdp_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("trends-e2e") / "ucdp.duckdb"
    done = etl("load", str(realdata("ucdp/ged_myanmar_1989_2023_netify.csv")), "--db", str(db))
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return db


def test_trends_page_by_deep_link(ucdp_db, chromium_path, context):
    with streamlit_on(ucdp_db, "trends-server.log") as base:
        page = context.new_page()
        page.goto(base + "/trends?c=MMR&asof=2021-03-31")
        settle(page, timeout=90_000)
        height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 8000)})
        settle(page, timeout=90_000)
        page.screenshot(path=str(ARTIFACTS / "trends.png"))
        text = page.inner_text('[data-testid="stMain"]')
        assert "events in the week to 28 Mar 2021" in text
        assert "Fatality peak" in text and "ACLED Trendfinder" in text
        assert page.locator(".js-plotly-plot").count() > 0
        assert errors_on(page) == []
        url = query_of(page.url)
        assert url["asof"] == ["2021-03-31"] and url["c"] == ["MMR"]
        # the 52-week baseline: the URL follows the radio
        page.get_by_text("previous 52 weeks").click()
        settle(page, timeout=90_000)
        assert query_of(page.url)["base"] == ["52w"]
        assert errors_on(page) == []


def test_atom_feed_opens_in_chromium(ucdp_db, context, tmp_path):
    feed = tmp_path / "mmr.atom"
    assert alerts.main(["http://localhost:8501/trends?c=MMR&asof=2017-08-31", "--db", str(ucdp_db), "--atom",
                        str(feed)], out=lambda _: None) == 0
    page = context.new_page()
    page.goto(feed.as_uri())
    text = page.inner_text("body")
    assert "Rakhine state" in text and "Subnational surge" in text
    assert "error" not in text.lower().split("rakhine")[0]  # Chromium's XML viewer shows no parse error first
