"""A Security Council veto in a real browser: the body named, the veto in the heading and the map's legend,
and a screenshot to look at (tests/e2e/artifacts/un_votes_veto.png). Fixture: tests/wide_fixture.py."""

from __future__ import annotations

import pytest

from tests.conftest import run_etl
from tests.e2e.conftest import ARTIFACTS, streamlit_on
from tests.e2e.helpers import errors_on, settle
from tests.wide_fixture import ROWS, STATES, UN_HEADER, write_csv


@pytest.fixture(scope="module")
def council_server(tmp_path_factory, bundled_db, chromium_path):
    where = tmp_path_factory.mktemp("council")
    db = where / "monitor.duckdb"
    db.write_bytes(bundled_db.read_bytes())
    done = run_etl("load", str(write_csv(where / "un_wide.csv", UN_HEADER + STATES, ROWS)), "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    with streamlit_on(db, "council_server.log") as base:
        yield base


def test_a_double_veto_in_the_browser(council_server, context):
    page = context.new_page()
    page.goto(council_server + "/un-votes?res=S/2011/612")
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "un_votes_veto.png"))
    text = page.inner_text('[data-testid="stMain"]')
    assert "UN Security Council" in text and "vetoed by China and Russia" in text
    assert page.locator(".legendtext", has_text="No (veto) (2)").count() == 1
    assert page.locator("path.choroplethlocation").count() == 15  # the Council that day
    assert errors_on(page) == []
