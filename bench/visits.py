"""Every page of the app in real Chromium against a server on the benchmark database, and the floor page the same
way: first visit and second visit (each a fresh browser context on the same server), bytes over the websocket,
and the server's peak RSS after all pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import async_playwright

from bench import browser
from bench.loads import BenchError
from bench.procs import peak_rss_mib, streamlit_server

FLOOR_SCRIPT = "bench/floor_page.py"
# Each page is also visited with one what/who/where filter set, to a value the SYNTHETIC data holds most of
# (bench/gen_acled.py: actor 0 and region 0 are the most frequent).
LENS_QUERIES = ("", "?type=political-violence", "?actor=Synthetic+actor+0", "?region=MMR:Synthetic+region+0")


@dataclass
class PageFigures:
    path: str
    first: browser.Visit
    second: browser.Visit | None  # None when only first visits were asked for (--quick)


@dataclass
class VisitFigures:
    floor: PageFigures
    pages: list[PageFigures] = field(default_factory=list)
    server_peak_rss_mib: float = 0.0
    chromium: str = ""


async def _visits(b, url: str, path: str, times: int) -> PageFigures:
    visits: list[browser.Visit | None] = [None, None]
    for i in range(times):
        context = await browser.new_context(b)
        try:
            visits[i] = await browser.visit(context, url + path)
        finally:
            await context.close()
    return PageFigures(path, *visits)


async def visit_all(db: Path, logs: Path, times: int = 2, queries: tuple[str, ...] = ("",)) -> VisitFigures:
    """The floor page on its own server, then every page the app's navigation lists ("/" first); each visited
    `times` (1 or 2) times, with each of `queries` (a query string, "" for none)."""
    async with async_playwright() as p:
        b = await browser.launch(p)
        try:
            with streamlit_server(FLOOR_SCRIPT, None, logs / "floor-server.log") as floor_server:
                floor = await _visits(b, floor_server.url, "/", times)
            figures = VisitFigures(floor, chromium=b.version)
            with streamlit_server("app.py", db, logs / "app-server.log") as server:
                figures.pages.append(await _visits(b, server.url, "/", times))
                paths = browser.page_paths(figures.pages[0].first.links)
                for query in queries:
                    for path in paths[1:] if not query else paths:
                        figures.pages.append(await _visits(b, server.url, path + query, times))
                figures.server_peak_rss_mib = peak_rss_mib(server.pid)
        except TimeoutError as e:
            raise BenchError(f"{e} (server log in {logs})") from e
        finally:
            await b.close()
    return figures
