"""`python -m bench.load`: concurrent analysts on one server (issue 8), on loopback only, bounded, then it stops.

    python -m bench.load                          # 1 then 20 sessions on 100,000 SYNTHETIC events
    python -m bench.load --client chromium        # the sessions as Chromium contexts in one browser
    python -m bench.load --sessions 1 5 20 --views 12 --max-seconds 300 --db PATH

A session opens a page by its link, then moves through the app's navigation as an analyst does, one view after
the other, starting 0.25 s after the previous session. By default a session is a websocket client that speaks
Streamlit's protocol as the frontend does and renders nothing (bench/wsclient.py): a view's time runs until the
server's `script_finished`. On this 2-core machine, 20 Chromium contexts (`--client chromium`, timed until the
page settles, bench/browser.py) measure Chromium rather than the server: with the machine shared, most of the
20 never finished loading Streamlit's JavaScript within 300 s while the server sat idle (2% of a core).
Before the phases, one session opens every page once so that the phases compare warm servers; the single
session's p50 is the baseline the target is checked against: p95 with 20 sessions ≤ 3× the single-session p50.
The table also gives the cores the server and the client kept busy, to show who was waiting.

Sessions are a closed loop: after a view, a session pauses 1 s (the pause a Chromium session makes to see that a
page settled) plus, with `--think MEAN`, a reading time drawn at random (exponential, seeded), then asks for the
next. Without reading time 20 sessions ask for a view the moment the last one arrived; with a fixed one they move
in lock-step and arrive in bursts of 20. On one server process, whose Python holds one core at a time (the GIL),
the interactive response-time law bounds the mean time per view from below: sessions × server CPU per view −
pause. The table prints that bound: when it is above 3 × the single session's p50, views made cheaper cannot meet
the target; more server processes (cores) can, or analysts who pause to read.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright
from websockets.exceptions import ConnectionClosed

from bench import browser, loads, wsclient
from bench.machine import machine
from bench.procs import Server, peak_rss_mib, rss_mib, streamlit_server, tree

OUT = Path(__file__).resolve().parent / "out"
VIEW_TIMEOUT = 300.0
RAMP = 0.25  # seconds between session starts: analysts open their links close together, not at one instant


@dataclass
class Phase:
    sessions: int
    seconds: float = 0.0
    views: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    server_cpu_seconds: float = 0.0
    client_cpu_seconds: float = 0.0  # Chromium, Playwright and this process
    rss_mib: float = 0.0
    peak_rss_mib: float = 0.0

    def cpu_per_view(self) -> float:
        """The server's CPU seconds per view (DuckDB's threads included)."""
        return self.server_cpu_seconds / len(self.views) if self.views else float("nan")

    def percentile(self, q: float) -> float:
        if len(self.views) < 2:
            return self.views[0] if self.views else float("nan")
        return statistics.quantiles(self.views, n=100, method="inclusive")[round(q) - 1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process tree so far, with its exited children's."""
    total = 0
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


async def _view(page, wire: browser.Wire, url: str, first: bool) -> tuple[float, list[str]]:
    since, started = len(wire.frames), time.perf_counter()
    if first:
        await page.goto(url, wait_until="commit", timeout=VIEW_TIMEOUT * 1000)
    else:  # the app's own navigation, as an analyst moves on
        links = page.locator(browser.NAV_LINKS)
        hrefs = await links.evaluate_all("els => els.map(e => e.href)")
        if url not in hrefs:
            raise TimeoutError(f"no navigation link to {url}")
        await links.nth(hrefs.index(url)).click(timeout=VIEW_TIMEOUT * 1000)
    seconds = await browser.settle(page, wire, since, started, VIEW_TIMEOUT)
    return seconds, [await e.inner_text() for e in await page.query_selector_all(browser.ERRORS)]


async def _chromium_session(b, base: str, paths: list[str], start: int, views: int, deadline: float,
                            phase: Phase) -> None:
    await asyncio.sleep(start * RAMP)
    context = await browser.new_context(b)
    try:
        page = await context.new_page()
        wire = browser.Wire()
        wire.attach(page)
        for i in range(views):
            if time.perf_counter() > deadline:
                return
            url = base + paths[(start + i) % len(paths)]
            try:
                seconds, errors = await _view(page, wire, url, first=i == 0)
            except (TimeoutError, PlaywrightError) as e:
                phase.errors.append(f"{url}: {str(e).splitlines()[0]}")
                return  # a session that lost its page stops; the others go on
            phase.views.append(seconds)
            phase.errors += [f"{url}: {e.splitlines()[0][:200]}" for e in errors[:1]]
    finally:
        await context.close()


async def _protocol_session(base: str, paths: list[str], start: int, views: int, deadline: float,
                            phase: Phase, think: float) -> None:
    await asyncio.sleep(start * RAMP)
    reading = random.Random(start)  # seeded: the same pauses in every run
    async with wsclient.Session(base) as session:
        for i in range(views):
            if time.perf_counter() > deadline:
                return
            path = paths[(start + i) % len(paths)]
            try:
                seconds, errors = await session.view(path.lstrip("/"), VIEW_TIMEOUT)
            except (TimeoutError, OSError, ConnectionClosed) as e:
                phase.errors.append(f"{path}: {str(e).splitlines()[0]}")
                return
            phase.views.append(seconds)
            phase.errors += [f"{path}: {e.splitlines()[0][:200]}" for e in errors[:1]]
            await asyncio.sleep(browser.QUIET + (reading.expovariate(1 / think) if think else 0.0))


async def run_phase(b, server: Server, paths: list[str], sessions: int, views: int, max_seconds: float,
                    think: float = 0.0) -> Phase:
    """`sessions` sessions at once, each `views` views; in Chromium when `b` is a browser, else over the
    websocket protocol."""
    phase = Phase(sessions)
    cpu, everything, started = _cpu_seconds(server.pid), _cpu_seconds(os.getpid()), time.perf_counter()
    deadline = started + max_seconds
    await asyncio.gather(*(
        _chromium_session(b, server.url, paths, i, views, deadline, phase) if b else
        _protocol_session(server.url, paths, i, views, deadline, phase, think) for i in range(sessions)))
    phase.seconds = time.perf_counter() - started
    phase.server_cpu_seconds = _cpu_seconds(server.pid) - cpu
    phase.client_cpu_seconds = _cpu_seconds(os.getpid()) - everything - phase.server_cpu_seconds
    phase.rss_mib, phase.peak_rss_mib = rss_mib(server.pid), peak_rss_mib(server.pid)
    return phase


async def _phases(b, server: Server, paths: list[str], sessions: list[int], views: int, max_seconds: float,
                  think: float) -> list[Phase]:
    await run_phase(b, server, paths, 1, len(paths), max_seconds)  # warm-up, not reported
    return [await run_phase(b, server, paths, n, views, max_seconds, think) for n in sessions]


async def load_test(db: Path, client: str, sessions: list[int], views: int, max_seconds: float, logs: Path,
                    think: float = 0.0) -> list[Phase]:
    with streamlit_server("app.py", db, logs / "load-server.log") as server:
        if client == "protocol":
            async with wsclient.Session(server.url) as first:
                await first.view("", VIEW_TIMEOUT)
            paths = ["/" + name for name in first.page_names] or ["/"]
            return await _phases(None, server, list(dict.fromkeys(paths)), sessions, views, max_seconds, think)
        async with async_playwright() as p:
            b = await browser.launch(p)
            try:
                context = await browser.new_context(b)
                first = await browser.visit(context, server.url + "/")
                await context.close()
                return await _phases(b, server, browser.page_paths(first.links), sessions, views, max_seconds,
                                     think)
            finally:
                await b.close()


CLIENTS = {
    "chromium": "sessions as Chromium contexts in one browser, time to a settled page",
    "protocol": "sessions as websocket clients of Streamlit's protocol (bench/wsclient.py, no rendering), "
                "time to the server's script_finished",
}


def render(phases: list[Phase], events: int, client: str, views: int, max_seconds: float,
           think: float = 0.0) -> str:
    lines = [
        f"Load test on SYNTHETIC data ({events:,} events; bench/gen_acled.py): one Streamlit server on 127.0.0.1; "
        f"{CLIENTS[client]}; {views} views a session, 1 s between a session's views"
        f"{f' plus a reading time of {think:g} s on average' if think and client == 'protocol' else ''}, "
        f"no new view after {max_seconds:.0f} s",
        f"machine: {machine()}", "",
        "| sessions | views | errors | seconds | views/s | p50 s | p95 s | cores busy: server / client "
        "| server RSS after | server peak RSS | server CPU per view | GIL bound on the mean |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for ph in phases:
        lines.append(f"| {ph.sessions} | {len(ph.views)} | {len(ph.errors)} | {ph.seconds:.1f} "
                     f"| {len(ph.views) / ph.seconds:.2f} | {ph.percentile(50):.2f} | {ph.percentile(95):.2f} "
                     f"| {ph.server_cpu_seconds / ph.seconds:.2f} / {ph.client_cpu_seconds / ph.seconds:.2f} "
                     f"| {ph.rss_mib:,.0f} MiB "
                     f"| {ph.peak_rss_mib:,.0f} MiB | {ph.cpu_per_view():.3f} s "
                     f"| {max(ph.sessions * ph.cpu_per_view() - browser.QUIET - think, 0):.2f} s |")
    single = next((ph for ph in phases if ph.sessions == 1 and ph.views), None)
    most = max(phases, key=lambda ph: ph.sessions)
    if single and most is not single and most.views:
        p95, bound = most.percentile(95), 3 * single.percentile(50)
        verdict = "met" if p95 <= bound else f"missed by {p95 / bound:.1f}×"
        lines += ["", f"target: p95 with {most.sessions} sessions {p95:.2f} s ≤ 3 × single-session p50 "
                      f"({single.percentile(50):.2f} s) = {bound:.2f} s: {verdict}"]
    for ph in phases:
        lines += [f"error ({ph.sessions} sessions): {e}" for e in ph.errors[:10]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--events", type=int, default=100_000, help="size of the SYNTHETIC database (default 100000)")
    p.add_argument("--db", type=Path, help="use this database instead of building one")
    p.add_argument("--sessions", type=int, nargs="+", default=[1, 20], help="concurrent sessions per phase")
    p.add_argument("--views", type=int, default=12, help="views per session (default 12: every page twice)")
    p.add_argument("--max-seconds", type=float, default=300, help="no new view starts after this, per phase")
    p.add_argument("--client", choices=sorted(CLIENTS), default="protocol",
                   help="protocol (default: websocket clients that render nothing) or chromium")
    p.add_argument("--data-dir", type=Path, default=OUT, help="where the CSV and database go (default bench/out/)")
    p.add_argument("--think", type=float, default=0.0,
                   help="mean reading time (s) a protocol session adds to its 1 s pause between views, drawn at "
                        "random (default 0)")
    args = p.parse_args(argv)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    db = args.db or args.data_dir / f"synthetic_acled_{args.events}.duckdb"
    if not db.exists():
        print(f"building {db} with `python -m etl` …", file=sys.stderr, flush=True)
        loads.build(loads.csv_for(args.events, args.data_dir), db)
    phases = asyncio.run(load_test(db, args.client, args.sessions, args.views, args.max_seconds, args.data_dir,
                                   args.think))
    print(render(phases, loads.events_in(db), args.client, args.views, args.max_seconds, args.think))
    return 0


if __name__ == "__main__":
    sys.exit(main())
