"""Hostile data in real Chromium (issue 8, failures 5 and 7): text fields full of Markdown, HTML, plotly tags
and dangerous URLs, loaded through the real ETL, shown on every page as text and nothing else.

On every page: no request leaves the host, no dialog opens, no link or image points at the attacker's host,
no link uses a script or data URL, and the hostile strings are on screen literally."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import ARTIFACTS, streamlit_on
from tests.e2e.helpers import errors_on, settle
from tests.hostile import EVIL, HOSTILE, NOTE_ATTACKS, NOTE_HOST, hostile_db, hostile_notes

WORD_JOINER = "\u2060"
PAGES = {
    "overview": "/?c=MMR&from=2021-01-01&to=2021-12-31",
    "timeline": "/timeline?c=MMR&from=2021-01-01&to=2021-12-31",
    "un_votes": "/un-votes?res=HX/RES/1&c=MMR&c=RUS&from=2021-01-01&to=2021-12-31",
    "relationships": "/relationships?pair=RUS-MMR&from=2021-01-01&to=2021-12-31",
    "map": "/map?c=MMR&from=2021-01-01&to=2021-12-31&place=21.0000,96.0000",
    "data_sources": "/data?tab=sources",
    "data_events": "/data?tab=events&c=MMR&from=2021-01-01&to=2021-12-31",
    "actors": "/actors?c=MMR&from=2021-01-01&to=2021-12-31",  # the busiest actors: every name an attack
    "trends": "/trends?c=MMR&asof=2021-06-30",
}


@pytest.fixture(scope="module")
def hostile_server(bundled_db, chromium_path, tmp_path_factory) -> Iterator[str]:
    db = hostile_db(bundled_db, tmp_path_factory.mktemp("hostile"))
    hostile_notes(db)
    with streamlit_on(db, "hostile-server.log") as base:
        yield base


class Watch:
    """Every request the page makes (others than to the app are refused and recorded), and every dialog."""

    def __init__(self, page, base: str) -> None:
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        host = base.split("//", 1)[1]

        def route(r):
            if r.request.url.split("//", 1)[-1].startswith(host) or r.request.url.startswith(("data:", "blob:")):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


LINKS = """() => [...document.querySelectorAll('a, img, image, iframe, script, link, source, video, audio, object')]
  .map(e => ['href', 'src', 'xlink:href', 'data', 'srcset']
    .map(a => e.getAttribute(a)).filter(Boolean).map(v => e.tagName + ' ' + v)).flat()"""
SVG_TEXT = "() => [...document.querySelectorAll('svg text, svg tspan')].map(t => t.textContent).join('\\n')"


@pytest.fixture(scope="module")
def opened(hostile_server, browser):
    """open(name): the page of PAGES, opened once for this file, watched (Watch) from its first request, settled,
    then settled again in a window as tall as its content. The three tests below read the same page: a page load in
    Chromium costs seconds, and each test's checks are unchanged."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pages: dict[str, tuple] = {}

    def open_(name: str):
        if name not in pages:
            page = context.new_page()
            watch = Watch(page, hostile_server)
            page.goto(hostile_server + PAGES[name])
            settle(page, timeout=120_000)  # a cold server builds its gazetteer on the first Relationships view
            height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 6000)})
            settle(page, timeout=120_000)
            pages[name] = page, watch
        return pages[name]

    yield open_
    context.close()


def visible_text(page) -> str:
    main = page.inner_text('[data-testid="stApp"]') + "\n" + page.evaluate(SVG_TEXT)
    return main.replace(WORD_JOINER, "")


@pytest.mark.parametrize("name", PAGES)
def test_hostile_data_is_only_text(opened, name):
    page, watch = opened(name)
    page.screenshot(path=str(ARTIFACTS / f"hostile-{name}.png"))
    refs = page.evaluate(LINKS)
    assert watch.outside == [], watch.outside
    assert watch.dialogs == [], watch.dialogs
    assert [r for r in refs if EVIL in r] == []
    assert [r for r in refs if r.split(" ", 1)[1].lower().lstrip().startswith(("javascript:", "data:text"))] == []
    assert page.locator("script:not([src])").evaluate_all(
        "els => els.filter(e => e.textContent.includes('HX')).length") == 0
    assert errors_on(page) == []


SHOWN_ON = {  # where each attack must be readable, as typed (tables draw on a canvas, so not those)
    "overview": ["md_image", "plotly", "html_a", "md_link"],
    "timeline": ["html_a", "plotly"],
    "un_votes": ["md_link"],
}


@pytest.mark.parametrize("name", SHOWN_ON)
def test_hostile_strings_are_shown_literally(opened, name):
    page, _ = opened(name)
    text = visible_text(page)
    for key in SHOWN_ON[name]:
        # case-blind: an origin is shown in capitals (HX-ANCHOR)
        assert HOSTILE[key].lower() in text.lower(), f"{key}: {HOSTILE[key]!r} not shown as text on {name}"


NOTES_SHOWN_ON = ("overview", "timeline", "un_votes", "map")


@pytest.mark.parametrize("name", NOTES_SHOWN_ON)
def test_hostile_notes_are_shown_literally(opened, name):
    """Markup, javascript: links and 10,000 characters in analysts' notes: shown as typed; the only links are the
    http(s) addresses written out in them, each showing exactly where it goes."""
    page, watch = opened(name)
    text = visible_text(page)
    for key, attack in NOTE_ATTACKS.items():
        assert attack in text, f"{key}: not shown as typed on {name}"
    assert "<b>NX-author-0</b> (not verified)" in text
    links = page.evaluate(f"""() => [...document.querySelectorAll('a[href*="{NOTE_HOST}"]')]
        .map(a => [a.getAttribute('href'), a.textContent.replaceAll('\u2060', '')])""")
    assert links and all(href == shown for href, shown in links), links  # no hidden target
    assert page.locator(f'img[src*="{NOTE_HOST}"]').count() == 0
    assert watch.outside == [] and watch.dialogs == []
    assert errors_on(page) == []
