"""A page visit in real Chromium, timed until Streamlit's script settles, with the bytes its websocket received.

"Settled" means: the server sent `script_finished` for the last run, the browser shows the app idle (no script
running, no skeleton placeholders), and no new run starts for QUIET seconds after (a run can trigger another,
e.g. when the URL is rewritten). The time reported is when it became idle, not the end of the quiet wait.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from monitor import urls

CHROMIUM = os.environ.get("MONITOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
QUIET = 1.0
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
NAV_LINKS = 'a[data-testid="stSidebarNavLink"], a[data-testid="stTopNavLink"]'
# Runs in every page before Streamlit's own code: remembers since when no script has been running (browser
# clock). It reads one cached element's attribute every 25 ms: a selector over the whole DOM at that rate
# costs real CPU on a page full of plotly SVG, and 20 pages of it starve the machine being measured.
IDLE_TRACKER = """(() => {
  const s = window.__bench = {idleSince: null};
  let app = null;
  setInterval(() => {
    if (!(app && app.isConnected)) app = document.querySelector('[data-testid="stApp"]');
    const idle = !!app && app.getAttribute('data-test-script-state') === 'notRunning';
    if (!idle) s.idleSince = null;
    else if (s.idleSince === null) s.idleSince = performance.now();
  }, 25);
})();"""
# Idle since when, unless placeholders are still showing; and the browser's clock now.
IDLE_STATE = """() => [window.__bench && !document.querySelector('[data-testid="stSkeleton"]')
                       ? window.__bench.idleSince : null, performance.now()]"""
SCRIPT_STATE = "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"


@dataclass
class Frame:
    at: float  # perf_counter() when Playwright delivered it
    size: int
    kind: str  # the ForwardMsg type, e.g. "delta", "new_session", "script_finished"
    final: bool = False  # a script_finished that is not "finished early for a rerun"


def _frame(payload: str | bytes) -> Frame:
    data = payload.encode() if isinstance(payload, str) else payload
    try:
        msg = ForwardMsg.FromString(data)
        kind = msg.WhichOneof("type") or "?"
    except Exception:  # noqa: BLE001 — a frame we cannot decode is still counted
        return Frame(time.perf_counter(), len(data), "?")
    final = kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
    return Frame(time.perf_counter(), len(data), kind, final)


@dataclass
class Wire:
    """Every websocket frame a page received, in order."""

    frames: list[Frame] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: self.frames.append(_frame(p))))

    def settled_run_end(self, since: int) -> float | None:
        """When the last run after frame `since` finished, if no run has started since it finished."""
        end = None
        for f in self.frames[since:]:
            if f.kind == "new_session":
                end = None
            elif f.final:
                end = f.at
        return end

    def runs_started(self, since: int) -> int:
        return sum(f.kind == "new_session" for f in self.frames[since:])

    def bytes(self, since: int = 0) -> int:
        return sum(f.size for f in self.frames[since:])


async def settle(page, wire: Wire, since: int, started: float, timeout: float) -> float:
    """Seconds from `started` until the page settled after frame `since` (see the module docstring)."""
    while time.perf_counter() - started < timeout:
        run_end = wire.settled_run_end(since)
        idle_since, now = await page.evaluate(IDLE_STATE) if run_end else (None, 0)
        if run_end is None or idle_since is None:
            await asyncio.sleep(0.02)  # frames keep arriving meanwhile: Playwright delivers them on this loop
            continue
        idle_at = time.perf_counter() - (now - idle_since) / 1000
        seen = len(wire.frames)
        await asyncio.sleep(QUIET)
        still_idle_since, _ = await page.evaluate(IDLE_STATE)
        if still_idle_since == idle_since and wire.runs_started(seen) == 0:
            return max(run_end, idle_at) - started
    kinds = [f.kind for f in wire.frames[since:]]
    state = await page.evaluate(SCRIPT_STATE)
    raise TimeoutError(f"{page.url} did not settle within {timeout:.0f} s "
                       f"(frames since: {len(kinds)}, new_session {kinds.count('new_session')}, "
                       f"script_finished {kinds.count('script_finished')}, script state {state})")


@dataclass
class Visit:
    url: str
    seconds: float
    bytes: int
    errors: list[str]
    links: list[str]


async def visit(context, url: str, timeout: float = 300) -> Visit:
    """Open `url` in a new tab of `context` (a fresh context is a visitor with nothing cached)."""
    page = await context.new_page()
    try:
        wire = Wire()
        wire.attach(page)
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=timeout * 1000)
        seconds = await settle(page, wire, 0, started, timeout)
        errors = [await e.inner_text() for e in await page.query_selector_all(ERRORS)]
        links = await page.eval_on_selector_all(NAV_LINKS, "els => els.map(e => e.href)")
        return Visit(url, seconds, wire.bytes(), errors, links)
    finally:
        await page.close()


async def new_context(browser):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    await context.add_init_script(IDLE_TRACKER)
    return context


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def page_paths(links: list[str]) -> list[str]:
    """The app's pages as URL paths, from the navigation the browser showed; from the page list (monitor/urls.py)
    when the navigation is hidden. The default page is "/"."""
    paths = [urlparse(link).path or "/" for link in links]
    if not paths:
        paths = [urls.page_url(page.name) for page in urls.PAGES]
    return list(dict.fromkeys(["/", *paths]))
