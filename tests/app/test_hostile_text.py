"""Hostile data on every page in AppTest (issue 8, failures 5 and 7): what the pages hand to Streamlit's
Markdown is escaped, links go only to web URLs, and a `)` in a source URL cannot leave its link."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import serving
from tests.hostile import EVIL, URLS, hostile_db

PAGES = {
    "overview": {"c": ["MMR"], "from_": "2021-01-01", "to": "2021-12-31"},
    "timeline": {"c": ["MMR"], "from_": "2021-01-01", "to": "2021-12-31"},
    "un_votes": {"res": "HX/RES/1", "c": ["MMR", "RUS"], "from_": "2021-01-01", "to": "2021-12-31"},
    "relationships": {"pair": "RUS-MMR", "from_": "2021-01-01", "to": "2021-12-31"},
    "map": {"c": ["MMR"], "from_": "2021-01-01", "to": "2021-12-31", "place": "21.0000,96.0000"},
    "data": {"tab": "sources"},
}
LINK = re.compile(r"(?<!\\)\]\((?P<target>[^)\s]*)\)")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, bundled_db):
    db = hostile_db(bundled_db, tmp_path_factory.mktemp("hostile-app"))
    with serving(db):
        yield db


def _markdown(at) -> list[str]:
    kinds = ("markdown", "caption", "warning", "info", "error", "title", "header", "subheader")
    return [e.value for kind in kinds for e in getattr(at, kind)]


@pytest.mark.parametrize("page", PAGES)
def test_markdown_from_data_links_only_to_web_urls(hostile, open_page, page):
    at = open_page(page, **PAGES[page])
    shown = _markdown(at)
    targets = [m["target"] for text in shown for m in LINK.finditer(text)]
    assert all(t.startswith(("https://", "http://")) for t in targets), targets
    assert not [t for t in targets if EVIL in t], targets
    for text in shown:
        assert not re.search(r"(?<!\\)!\[", text), text  # no image
        assert not re.search(r"(?<!\\)<\w", text), text  # no HTML


def test_a_bracket_in_a_source_url_stays_inside_its_link(hostile, open_page):
    at = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    caption = next(c.value for c in at.caption if "HX" in c.value)
    # the report cites the source whose URL is URLS["breakout"]: it is not a URL (it has a space), so no link
    assert not [m["target"] for m in LINK.finditer(caption) if "example.com" in m["target"]]
    assert "evil.example/track.png" not in "".join(m["target"] for m in LINK.finditer(caption))


def test_data_page_links_only_web_urls_and_shows_the_rest_as_text(hostile, open_page):
    at = open_page("data", tab="sources")
    table = at.dataframe[0].value
    linked = table["url"].dropna().tolist()
    assert linked and all(u.startswith(("https://", "http://")) for u in linked)
    # the ETL keeps a non-web URL as text in the source's notes (older databases may hold it in `url`: the page
    # then shows it as text beside the links)
    as_text = " ".join(table.get("url_not_linked", table["url"].iloc[0:0]).dropna()) + " ".join(table["notes"].dropna())
    for name, url in URLS.items():
        if name != "good":
            assert url not in linked and url in as_text, name


HOSTILE_ARTICLE = """Assembly calls for arms halt ![x](https://evil.example/t.png) <img src=x onerror=alert(1)>

The UN General Assembly on Friday adopted a resolution calling on states to prevent the flow of arms into Myanmar.

It was approved by 119 countries, with 34 abstaining, while Belarus [voted](https://evil.example/p) against it.
"""


def test_extract_page_shows_a_hostile_article_as_text(app_db):
    from datetime import date

    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/extract.py")
    at.run()
    at.text_area(key="x_text").input(HOSTILE_ARTICLE)
    at.text_input(key="x_publisher").input("[Evil](https://evil.example) <b>Press</b>")
    at.date_input(key="x_published").set_value(date(2021, 6, 21))
    at.button(key="x_propose").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for text in _markdown(at):
        assert not [m["target"] for m in LINK.finditer(text) if EVIL in m["target"]], text
        assert not re.search(r"(?<!\\)!\[", text) and not re.search(r"(?<!\\)<\w", text), text
    article = next(h.proto.body for h in at.get("html"))
    assert "<img" not in article and "<a " not in article and "[voted](https://evil.example/p)" in article
    title = next(c.value for c in at.caption if "Source:" in c.value)
    assert "\\<img src=x onerror=alert(1)>" in title and "\\[Evil\\](https\\:\u2060//evil.example)" in title
