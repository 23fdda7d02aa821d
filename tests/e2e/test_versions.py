"""In Chromium: a link made at data version 2 shows version 2's numbers after a load that revises them."""

from __future__ import annotations

from tests import versioned
from tests.e2e.conftest import ARTIFACTS, streamlit_on
from tests.e2e.helpers import errors_on, query_of, settle

VIEW = "/?c=MMR&from=2021-01-01&to=2021-12-31"


def _ucdp_line(page) -> str:
    return next(t for t in page.locator('[data-testid="stMarkdownContainer"] li').all_inner_texts() if "UCDP" in t)


def test_a_pinned_link_keeps_its_numbers_after_a_revising_load(chromium_path, context, bundled_db, tmp_path):
    db = versioned.at_version_2(bundled_db, tmp_path)
    with streamlit_on(db, "server_versions.log") as base:
        page = context.new_page()
        page.goto(base + VIEW)
        settle(page)
        then = _ucdp_line(page)
        link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text().strip()
        assert query_of(link)["v"] == ["2"] and "65 killed" in then

        versioned.load(db, versioned.revised_ucdp(tmp_path))  # version 3, while the app is running

        pinned = context.new_page()
        pinned.goto(link)
        settle(pinned)
        assert _ucdp_line(pinned) == then
        notice = pinned.locator('[data-testid="stAlertContentInfo"]').first.inner_text()
        assert "Data as of version 2" in notice and "the latest is 3" in notice
        assert "UCDP events (best): 65 then, 84 in the latest" in notice
        pinned.screenshot(path=str(ARTIFACTS / "pinned_version.png"), full_page=True)

        pinned.get_by_role("button", name="Show latest").click()
        settle(pinned)
        assert "84 killed" in _ucdp_line(pinned)
        assert "v" not in query_of(pinned.url)
        pinned.goto(link)
        settle(pinned)
        pinned.get_by_role("button", name="What changed since version 2").click()
        changes = pinned
        settle(changes)
        assert "/changes" in changes.url and query_of(changes.url)["since"] == ["2"]
        assert query_of(changes.url)["c"] == ["MMR"] and "v" not in query_of(changes.url)
        text = changes.inner_text('[data-testid="stMain"]')
        assert "Changes after version 2, up to version 3" in text and "Revised (3 fields changed)" in text
        changes.screenshot(path=str(ARTIFACTS / "changes.png"), full_page=True)
        assert errors_on(changes) == []
