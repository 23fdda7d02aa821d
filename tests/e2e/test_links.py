"""Links in a real browser: deep links, page switches, widget changes and fresh contexts keep the view."""

from __future__ import annotations

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import errors_on, query_of, settle


def chips(page) -> list[str]:
    """The selected countries as the countries picker shows them."""
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Countries")
    return [c.get_attribute("aria-label") for c in picker.locator(".react-aria-ComboBox [data-tag]").all()]


def test_switching_pages_keeps_the_shared_filters(server, context):
    page = context.new_page()
    page.goto(f"{server}/?c=MMR&c=RUS&from=2021-01-01&to=2021-12-31")
    settle(page)
    assert chips(page) == ["Myanmar (MMR)", "Russia (RUS)"]
    page.get_by_role("link", name="Timeline").first.click()
    settle(page)
    assert page.url.split("?")[0].endswith("/timeline")
    assert query_of(page.url)["c"] == ["MMR", "RUS"]
    assert query_of(page.url)["from"] == ["2021-01-01"]
    page.get_by_role("link", name="UN votes").first.click()
    settle(page)
    assert query_of(page.url)["c"] == ["MMR", "RUS"]
    assert chips(page) == ["Myanmar (MMR)", "Russia (RUS)"]
    assert errors_on(page) == []


def test_changing_a_widget_changes_the_url_and_the_url_reopens_the_view(server, context, browser):
    page = context.new_page()
    page.goto(f"{server}/timeline?c=MMR")
    settle(page)
    # The countries picker (the sidebar has one multiselect per shared filter).
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Countries")
    box = picker.locator("input")
    box.click()
    box.fill("Belarus")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)
    page.wait_for_function("() => window.location.search.includes('BLR')", timeout=10_000)
    assert query_of(page.url)["c"] == ["MMR", "BLR"]
    shared = page.url
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = fresh.new_page()
        other.goto(shared)
        settle(other)
        assert chips(other) == ["Myanmar (MMR)", "Belarus (BLR)"]
        assert other.url.split("?")[0].endswith("/timeline")
        assert query_of(other.url) == query_of(shared)
    finally:
        fresh.close()


def test_bad_link_values_warn_and_fall_back(server, context):
    page = context.new_page()
    page.goto(f"{server}/?c=MMR&c=ATLANTIS&from=2021-99-01")
    settle(page)
    text = page.inner_text('[data-testid="stMain"]')
    assert "Unknown country in the link: “ATLANTIS”" in text
    assert "“2021-99-01” is not a date" in text
    assert chips(page) == ["Myanmar (MMR)"]
    assert errors_on(page) == []
    page.screenshot(path=str(ARTIFACTS / "bad_link.png"), full_page=True)

