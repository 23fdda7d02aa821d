"""A team server (docs/team.md): with a login configured, nothing is shown before it;
and opening every page leaves the events database exactly as it was."""

from __future__ import annotations

import hashlib

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import PAGE_FILES
from tests.conftest import ROOT


def test_a_visitor_who_is_not_logged_in_sees_only_the_login(app_db):
    # What st.user says when secrets.toml has an [auth] section and the visitor has not logged in.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.user = {"is_logged_in": False}
    at.query_params["c"] = "MMR"
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Log in"]
    assert not at.dataframe and not at.metric and not at.sidebar.multiselect
    assert "870" not in " ".join(m.value for m in at.markdown)


def test_a_logged_in_visitor_sees_the_pages(app_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.user = {"is_logged_in": True, "email": "analyst@example.org"}
    at.run()
    assert not at.exception
    assert "Log in" not in [b.label for b in at.button]
    assert at.metric


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_opening_a_page_does_not_write_to_the_database(app_db, open_page, page):
    before = hashlib.sha256(app_db.read_bytes()).hexdigest(), app_db.stat().st_mtime_ns
    open_page(page, c=["MMR", "RUS"], from_="2021-01-01", to="2021-12-31")
    assert (hashlib.sha256(app_db.read_bytes()).hexdigest(), app_db.stat().st_mtime_ns) == before
