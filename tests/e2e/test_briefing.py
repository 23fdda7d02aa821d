"""The briefing in a real Chromium: it draws with every request blocked, and the page's button gives the CLI's file."""

from __future__ import annotations

import re
from pathlib import Path

from monitor import briefing
from tests.e2e.helpers import settle

FOUNDING = "/un-votes?res=A/RES/75/287"
FILE_URL = "http://briefing.invalid/briefing.html"  # served from the file by the route below, never fetched


def _open_offline(context, html: str) -> tuple[object, list[str]]:
    """The briefing in a tab where every request but the document itself is aborted (and recorded)."""
    blocked: list[str] = []

    def route(r):
        if r.request.url == FILE_URL:
            r.fulfill(body=html, content_type="text/html; charset=utf-8")
        else:
            blocked.append(r.request.url)
            r.abort()

    page = context.new_page()
    page.route("**/*", route)
    page.goto(FILE_URL)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length > 0 && "
                           "[...document.querySelectorAll('.js-plotly-plot')].every(p => p._fullLayout)")
    page.wait_for_timeout(500)
    return page, blocked


def _without_time(html: str) -> str:
    return re.sub(r'<time datetime="[^"]*">[^<]*</time>', "<time></time>", html)


def test_the_founding_vote_briefing_draws_offline_with_totals_and_sources(context, bundled_db, tmp_path):
    out = tmp_path / "briefing.html"
    assert briefing.main([f"http://analyst.example:8501{FOUNDING}", "--out", str(out), "--db", str(bundled_db)],
                         out=lambda _: None) == 0
    page, blocked = _open_offline(context, out.read_text())
    assert blocked == []  # nothing asked for: plotly.js and the basemap are in the file
    charts = page.locator(".js-plotly-plot")
    assert charts.count() == 2  # the totals bar and the roll-call map
    assert page.locator(".js-plotly-plot svg.main-svg").count() >= 4
    assert page.locator(".choroplethlocation").count() >= 190  # every member state coloured on the inlined basemap
    assert page.locator(".geo .land, .geo path.land, .layer.land path").count() >= 1
    bars = [t.text_content() for t in page.locator(".js-plotly-plot .bartext").all()]
    assert bars[:3] == ["119", "1", "36"]
    text = page.inner_text("body")
    assert "The situation in Myanmar" in text and "A/RES/75/287" in text
    assert "United Nations Digital Library" in text  # the roll call's source, cited in full
    assert "© United Nations, " in text and "https://digitallibrary.un.org, downloaded on" in text
    assert "http://analyst.example:8501/un-votes?" in text
    page.screenshot(path=str(Path(__file__).parent / "artifacts" / "briefing_offline.png"), full_page=True)
    page.pdf(path=str(Path(__file__).parent / "artifacts" / "briefing_offline.pdf"))


def test_the_download_button_gives_the_cli_file(server, context, bundled_db, tmp_path):
    page = context.new_page()
    page.goto(f"{server}{FOUNDING}&c=MMR")
    settle(page)
    link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').inner_text().strip()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download briefing").click()
    downloaded = tmp_path / "downloaded.html"
    download.value.save_as(downloaded)
    cli = tmp_path / "cli.html"
    assert briefing.main([link, "--out", str(cli), "--db", str(bundled_db)], out=lambda _: None) == 0
    assert "c=MMR" in link and "res=A/RES/75/287" in link
    assert _without_time(downloaded.read_text()) == _without_time(cli.read_text())
