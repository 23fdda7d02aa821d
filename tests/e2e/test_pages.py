"""Every page by deep link in a real browser: the content a user came for, no error, a screenshot to look at."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import errors_on, settle

PAGES = [
    ("overview", "/?c=MMR&from=2021-01-01&to=2021-12-31", ["at least 870 civilians killed", "Latest events"]),
    ("timeline", "/timeline?c=MMR&from=2021-01-01&to=2021-07-31", ["Timeline"]),
    ("un_votes", "/un-votes?res=A/RES/75/287", ["The situation in Myanmar", "119", "Countries by vote"]),
    ("relationships", "/relationships?pair=RUS-MMR", ["Min Aung Hlaing", " km"]),
    ("map", "/map?c=MMR", ["Map"]),
    ("data", "/data?tab=sources", ["sources: 19 rows", "Ingest log"]),
]

LAND_DRAWN = """() => {
  const land = [...document.querySelectorAll('.geo .layer.land path')];
  return land.length > 0 && land.every(p => (p.getAttribute('d') || '').length > 1000);
}"""


@pytest.fixture(scope="module")
def opened(server, browser):
    """open(path): the page at `path`, opened once for this file and settled; open.requests: every URL the
    context's pages requested. The maps' and the requests' tests read the pages the deep-link tests opened (a page
    load in Chromium costs seconds); what each test checks is unchanged."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))  # every request of every page, from the first
    pages = {}

    def open_(path: str):
        if path not in pages:
            pages[path] = context.new_page()
            pages[path].goto(server + path)
            settle(pages[path])
        return pages[path]

    open_.requests = requests
    yield open_
    context.close()


@pytest.mark.parametrize(("name", "path", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_page_opens_by_deep_link(opened, name, path, expected):
    page = opened(path)
    text = page.inner_text('[data-testid="stMain"]')
    # Streamlit scrolls inside its main block, so a tall window is what shows the whole page
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 6000)})
    settle(page)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    for phrase in expected:
        assert phrase in text, f"{phrase!r} not on the {name} page"
    assert errors_on(page) == []


@pytest.mark.parametrize("path", ["/un-votes?res=A/RES/75/287", "/map?c=MMR"])
def test_maps_draw_land_from_the_bundled_basemap(opened, path):
    """plotly's basemap comes from static/, not a CDN: without it no land is drawn at all."""
    page = opened(path)
    page.wait_for_function(LAND_DRAWN, timeout=15_000)
    land = page.evaluate("() => [...document.querySelectorAll('.geo .layer.land path')].map(p => p.getAttribute('d'))")
    assert land and all(len(d) > 1000 for d in land)  # outlines of the world, not an empty layer


def test_vote_map_colours_every_member_state(opened):
    page = opened("/un-votes?res=A/RES/75/287")
    assert page.locator("path.choroplethlocation").count() >= 190


def test_every_request_stays_on_the_app_host(server, opened):
    """No CDN, no usage statistics: an analyst's browsing must not leave their network. Every page above, each
    recorded from its first request."""
    for _, path, _ in PAGES:
        opened(path)
    foreign = [u for u in opened.requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert any(u.startswith(f"{server}/static/") for u in opened.requests), "no requests recorded"
    assert foreign == []
