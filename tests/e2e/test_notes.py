"""Analysts' notes in real Chromium: a note written on the Timeline at a day is seen by another analyst (a second
browser context) as a mark at that day with the note on hover, on the Overview, and in the briefing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import ARTIFACTS, streamlit_on
from tests.e2e.helpers import errors_on, query_of, settle

WORD_JOINER = "\u2060"  # monitor.text breaks autolink patterns with it: invisible, but in the DOM's text
SELECTION = "c=MMR&from=2021-01-01&to=2021-07-31"
TEXT = "The coup: the army detains Aung San Suu Kyi. Context: https://example.org/coup-2021"
SECOND = "Min Aung Hlaing in Moscow, a week after the UN vote"


@pytest.fixture(scope="module")
def notes_server(bundled_db, chromium_path, tmp_path_factory, monkeypatch_module) -> Iterator[str]:
    """The app over a copy of the bundled database, so its notes store (the file beside it) is this test's own."""
    db = tmp_path_factory.mktemp("notes") / "monitor.duckdb"
    shutil.copy(bundled_db, db)
    monkeypatch_module.delenv("MONITOR_NOTES_URL", raising=False)
    with streamlit_on(db, "notes-server.log") as base:
        yield base


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def write_note(page, text: str, name: str, day: str) -> None:
    """Through the sidebar's "Add a note to this link", as an analyst does."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Add a note to this link").click()
    note = sidebar.get_by_label("Note (plain text; http(s) links become links)")
    note.wait_for(state="visible", timeout=60_000)
    settle(page)  # the form as the finished run drew it: typing into one being redrawn can be lost
    note.fill(text)
    sidebar.get_by_label("Your name (shown as not verified: no sign-in here)").fill(name)
    day_input = sidebar.locator('[data-testid="stDateInput"]').filter(has_text="About a day").locator("input")
    day_input.fill(day)
    day_input.press("Enter")
    page.keyboard.press("Escape")
    sidebar.get_by_role("button", name="Add note").click()
    page.wait_for_function("() => location.search.includes('note=')", timeout=120_000)  # a busy machine's minute or two
    settle(page)


MARKS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const trace = gd._fullData.find(t => t.name === "Analysts' notes");
  if (!trace) return null;
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout[trace.yaxis.replace('y', 'yaxis')];
  const box = gd.getBoundingClientRect();
  return trace.x.map((x, i) => ({x: x, px: box.left + xa._offset + xa.l2p(xa.d2l(x)),
                                 py: box.top + ya._offset + ya.l2p(trace.y[i])}));
}"""


def test_a_note_on_the_timeline_reaches_another_analyst_the_overview_and_the_briefing(notes_server, browser,
                                                                                       tmp_path):
    first = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = first.new_page()
    page.goto(f"{notes_server}/timeline?{SELECTION}")
    settle(page)
    write_note(page, TEXT, "Ana", "2021-02-01")
    note_id = query_of(page.url)["note"][0]
    assert page.get_by_text("Ana (not verified)").count() >= 1
    first.close()

    second = browser.new_context(viewport={"width": 1400, "height": 1100})  # another analyst: nothing shared
    page = second.new_page()
    page.goto(f"{notes_server}/timeline?{SELECTION}")
    settle(page)
    write_note(page, SECOND, "Bo", "2021-06-22")
    page.goto(f"{notes_server}/timeline?{SELECTION}")
    settle(page)
    marks = page.evaluate(MARKS)
    assert marks is not None and [m["x"] for m in marks] == ["2021-02-01", "2021-06-22"]
    page.mouse.move(marks[0]["px"], marks[0]["py"])
    page.wait_for_selector(".hoverlayer .hovertext", timeout=10_000)
    hover = page.evaluate("() => document.querySelector('.hoverlayer').textContent")
    assert f"Note {note_id}" in hover and "Ana (not verified)" in hover and "The coup" in hover
    page.screenshot(path=str(ARTIFACTS / "notes-timeline.png"))
    page.mouse.move(5, 5)
    listed = page.inner_text('[data-testid="stMain"]').replace(WORD_JOINER, "")
    assert TEXT in listed and SECOND in listed
    link = page.locator('[data-testid="stMain"] a[href="https://example.org/coup-2021"]')
    assert link.first.inner_text().replace(WORD_JOINER, "") == "https://example.org/coup-2021"  # a link, as written
    assert errors_on(page) == []

    page.goto(f"{notes_server}/?{SELECTION}")
    settle(page)
    overview = page.inner_text('[data-testid="stMain"]').replace(WORD_JOINER, "")
    assert "Notes on this selection" in overview and TEXT in overview and SECOND in overview

    page.goto(f"{notes_server}/timeline?{SELECTION}")
    settle(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download briefing").click()
    briefing = tmp_path / "briefing.html"
    download.value.save_as(briefing)
    html = briefing.read_text()
    assert "Notes on this selection" in html and "Ana (not verified)" in html and "Bo (not verified)" in html
    assert '<a href="https://example.org/coup-2021" rel="noopener noreferrer">' in html
    assert "Analysts&#x27; notes" in html or "Analysts' notes" in html  # the marks on the briefing's timeline
    second.close()


def test_a_link_with_a_note_shows_it_at_the_top(notes_server, context):
    page = context.new_page()
    page.goto(f"{notes_server}/timeline?{SELECTION}")
    settle(page)
    write_note(page, "Shown at the top of the view", "Cy", "2021-03-27")
    note_id = query_of(page.url)["note"][0]
    link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text().strip()
    assert f"note={note_id}" in link  # the share box carries it
    other = context.browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(notes_server + "/" + link.split("/", 3)[3])
    settle(other)
    headings = [h.inner_text() for h in other.locator('[data-testid="stMain"] h3').all()]
    assert headings[0] == f"Note {note_id}"  # the first thing on the view, above the chart
    assert other.get_by_text("Shown at the top of the view").count() >= 1
