"""The Extract page in a real browser: paste the founding article, propose rows, see the highlighted article
beside the candidates (a screenshot to look at). Nothing is loaded: the server's database is shared."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import errors_on, settle

SEED = ROOT.parent / "shared" / "seed" / "article.txt"


def propose(page, text: str, published: str, publisher: str | None = None) -> str:
    """Paste an article, date it, propose rows, and screenshot the whole review: the page's text."""
    page.get_by_label("…or paste the article's text").fill(text)
    if publisher:
        page.get_by_label("Publisher").fill(publisher)
    dates = page.locator('[data-testid="stDateInput"] input')
    dates.last.fill(published)
    dates.last.press("Enter")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Propose rows").click()
    page.wait_for_selector("mark", timeout=60_000)
    settle(page)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 9000)})
    settle(page)
    return page.inner_text('[data-testid="stMain"]')


def test_paste_the_founding_article_and_review(server, context):
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED}")
    page = context.new_page()
    page.goto(server + "/extract")
    settle(page)
    text = propose(page, SEED.read_text(encoding="utf-8"), "2021-06-21", "Al Arabiya English")
    page.screenshot(path=str(ARTIFACTS / "extract.png"))
    assert "14 candidate rows" in text
    assert "#7 casualties: at least 870 civilians killed in MMR since 2021-02-01 reported 2021-06-21" in text
    assert "Counts for Myanmar within two weeks disagree" in text
    assert page.locator("mark").count() >= 10
    assert errors_on(page) == []


def test_least_certain_rows_first_in_the_browser(server, context):
    """A corpus article (written for testing): the rows' confidences read top to bottom in increasing order."""
    import re
    import tomllib

    article = tomllib.loads((ROOT / "tests" / "corpus" / "c10-chin-rights-group-children.toml").read_text())
    page = context.new_page()
    page.goto(server + "/extract")
    settle(page)
    text = propose(page, article["text"], article["published"].isoformat())
    page.screenshot(path=str(ARTIFACTS / "extract-least-certain.png"))
    confidences = [float(x) for x in re.findall(r"· confidence (\d\.\d\d) ·", text)]
    assert len(confidences) >= 3 and confidences == sorted(confidences) and len(set(confidences)) > 1
    assert "counter carried from an earlier sentence (the Chin Human Rights Organisation)" in text
    assert errors_on(page) == []
