"""`python -m bench.load`: concurrent analysts on one deployment, on loopback only, bounded, then it stops.

    python -m bench.load                          # 1 then 20 sessions on 100,000 SYNTHETIC events, `streamlit run`
    python -m bench.load --workers 0 2 --jitter 0.5   # plain `streamlit run`, then nginx + 2 workers (docs/team.md)
    python -m bench.load --workers 2 --kill-after 15  # one worker SIGKILLed 15 s into the largest phase
    python -m bench.load --url http://127.0.0.1:8500 [--run-dir DIR]   # any running deployment
    python -m bench.load --client chromium        # the sessions as Chromium contexts in one browser
    python -m bench.load --sessions 1 5 20 --views 12 --max-seconds 300 --db PATH

`--workers` names the deployments to start and compare in one run: 0 is one plain `streamlit run`, N is
`python -m monitor.serve --workers N` (nginx in front of N Streamlit processes, sticky by a cookie). `--url` drives
a deployment that is already running instead (its server CPU is then not measured; `--run-dir` gives its
supervisord folder, for `--kill-after`).

A session first GETs the app (keeping the cookies it is given, as a browser does: nginx's route cookie keeps it on
one worker), opens a page by its link, then moves through the app's navigation as an analyst does, one view after
the other, starting 0.25 s after the previous session. By default a session is a websocket client that speaks
Streamlit's protocol as the frontend does and renders nothing (bench/wsclient.py): a view's time runs until the
server's `script_finished`. On this 2-core machine, 20 Chromium contexts (`--client chromium`, timed until the
page settles, bench/browser.py) measure Chromium rather than the server: with the machine shared, most of the
20 never finished loading Streamlit's JavaScript within 300 s while the server sat idle (2% of a core).
Before the phases, one session opens every page once on each worker (on its own port) so that the phases compare
warm servers; the single
session's p50 is the baseline the target is checked against: p95 with 20 sessions ≤ 3× the single-session p50.
The table also gives the cores the server and the client kept busy, to show who was waiting.

When a session's worker dies (`--kill-after`), its websocket closes: it reconnects with its cookies (nginx sends it
to a live worker), opens the same view again from its link, and goes on. Such a view is counted as repeated, and
its time runs from the first attempt; a view that cannot be had after reconnecting is a failed view.

Sessions are a closed loop: after a view, a session pauses 1 s (the pause a Chromium session makes to see that a
page settled; `--jitter 0.5` draws it uniformly from 0.5–1.5 s) plus, with `--think MEAN`, a reading time drawn
at random (exponential, seeded), then asks for the next. Without reading time 20 sessions ask for a view the moment
the last one arrived; with a fixed one they move in lock-step and arrive in bursts of 20. A Streamlit process runs
its Python on one core at a time (the GIL), so the interactive response-time law bounds the mean time per view from
below: sessions × server CPU per view ÷ the cores the deployment can use (1 for one process; min(workers, cores))
− the mean pause. The table prints that bound: when it is above 3 × the single session's p50, views made cheaper
cannot meet the target; more server processes (cores) can, or analysts who pause to read.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from bench import browser, loads, wsclient
from bench.machine import machine
from bench.procs import peak_rss_mib, rss_mib, streamlit_server, tree
from monitor import serve

OUT = Path(__file__).resolve().parent / "out"
VIEW_TIMEOUT = 300.0
RAMP = 0.25  # seconds between session starts: analysts open their links close together, not at one instant
RECONNECTS = 6  # attempts to get a view back after the session's worker went away (backing off up to 5 s)
LOST_CONNECTION = (OSError, ConnectionClosed, InvalidHandshake, TimeoutError)


@dataclass(frozen=True)
class Pacing:
    """The pause between a session's views: `pause` s (± `jitter` × pause, uniform) plus a reading time (mean
    `think` s, exponential)."""

    pause: float = browser.QUIET
    jitter: float = 0.0
    think: float = 0.0

    def draw(self, rng: random.Random) -> float:
        pause = self.pause * (1 + rng.uniform(-self.jitter, self.jitter)) if self.jitter else self.pause
        return pause + (rng.expovariate(1 / self.think) if self.think else 0.0)

    @property
    def mean(self) -> float:
        return self.pause + self.think

    def describe(self) -> str:
        text = f"{self.pause:g} s" + (f" (±{self.jitter:.0%}, uniform)" if self.jitter else "")
        return text + (f" plus a reading time of {self.think:g} s on average (exponential)" if self.think else "")


@dataclass
class Target:
    """A deployment under test."""

    name: str
    url: str
    pid: int | None  # the process tree whose CPU is the server's (None: not measured)
    cores: int  # Python processes that can run at once: 1 for one process, min(workers, cores) behind nginx
    run_dir: Path | None = None  # supervisord's folder, to kill a worker
    workers: list[str] = field(default_factory=list)  # each worker's own URL, to warm every one of them up


@dataclass
class Phase:
    sessions: int
    target: str = ""
    seconds: float = 0.0
    views: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    repeated: int = 0  # views asked for again after the session reconnected to another worker
    kill: str = ""
    server_cpu_seconds: float = float("nan")
    client_cpu_seconds: float = 0.0  # Chromium, Playwright and this process
    rss_mib: float = float("nan")
    peak_rss_mib: float = float("nan")

    def cpu_per_view(self) -> float:
        """The server's CPU seconds per view (DuckDB's threads and nginx included)."""
        return self.server_cpu_seconds / len(self.views) if self.views else float("nan")

    def percentile(self, q: float) -> float:
        if len(self.views) < 2:
            return self.views[0] if self.views else float("nan")
        return statistics.quantiles(self.views, n=100, method="inclusive")[round(q) - 1]


def _cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of a process tree so far, with its exited children's."""
    if pid is None:
        return float("nan")
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


async def _view_again_if_cut(session: wsclient.Session, path: str, phase: Phase) -> list[str]:
    """One view; when the connection is lost (its worker died), reconnect and ask for the same view again."""
    cut: BaseException | None = None
    for attempt in range(RECONNECTS + 1):
        if cut is not None:
            await asyncio.sleep(min(0.5 * 2 ** (attempt - 1), 5))
            try:
                await session.connect()
            except LOST_CONNECTION as e:
                cut = e
                continue
        try:
            _, errors = await session.view(path.lstrip("/"), VIEW_TIMEOUT)
        except (OSError, ConnectionClosed) as e:
            cut = e
            continue
        phase.repeated += cut is not None
        return errors
    raise ConnectionError(f"no view after {RECONNECTS} reconnects: {cut!r}")


async def _protocol_session(base: str, paths: list[str], start: int, views: int, deadline: float,
                            phase: Phase, pacing: Pacing) -> None:
    await asyncio.sleep(start * RAMP)
    rng = random.Random(start)  # seeded: the same pauses in every run
    try:
        session = await wsclient.Session(base).__aenter__()
    except LOST_CONNECTION as e:
        phase.errors.append(f"connecting: {e!r}")
        return
    try:
        for i in range(views):
            if time.perf_counter() > deadline:
                return
            path = paths[(start + i) % len(paths)]
            started = time.perf_counter()
            try:
                errors = await _view_again_if_cut(session, path, phase)
            except (TimeoutError, ConnectionError) as e:
                phase.errors.append(f"{path}: {str(e).splitlines()[0]}")
                return
            phase.views.append(time.perf_counter() - started)
            phase.errors += [f"{path}: {e.splitlines()[0][:200]}" for e in errors[:1]]
            await asyncio.sleep(pacing.draw(rng))
    finally:
        with contextlib.suppress(*LOST_CONNECTION):
            await session.__aexit__(None, None, None)


async def _kill_a_worker(run_dir: Path, after: float, phase: Phase) -> None:
    """SIGKILL the first worker `after` s into the phase; note when supervisord had it running again."""
    await asyncio.sleep(after)
    before = await asyncio.to_thread(serve.running_workers, run_dir)
    port, pid = min(before.items())
    killed_at = time.perf_counter()
    os.kill(pid, signal.SIGKILL)
    while time.perf_counter() - killed_at < 120:
        now = await asyncio.to_thread(serve.running_workers, run_dir)
        if now.get(port, pid) != pid and await asyncio.to_thread(serve.healthy, f"http://127.0.0.1:{port}"):
            phase.kill = (f"worker on port {port} (pid {pid}) killed {after:g} s in; supervisord had it serving "
                          f"again (pid {now[port]}) {time.perf_counter() - killed_at:.1f} s later")
            return
        await asyncio.sleep(0.5)
    phase.kill = f"worker on port {port} (pid {pid}) killed {after:g} s in; not serving again within 120 s"


async def run_phase(b, target: Target, paths: list[str], sessions: int, views: int, max_seconds: float,
                    pacing: Pacing = Pacing(), kill_after: float | None = None) -> Phase:
    """`sessions` sessions at once, each `views` views; in Chromium when `b` is a browser, else over the
    websocket protocol."""
    phase = Phase(sessions, target.name)
    cpu, everything, started = _cpu_seconds(target.pid), _cpu_seconds(os.getpid()), time.perf_counter()
    deadline = started + max_seconds
    killer = asyncio.create_task(_kill_a_worker(target.run_dir, kill_after, phase)) \
        if kill_after is not None and target.run_dir else None
    await asyncio.gather(*(
        _chromium_session(b, target.url, paths, i, views, deadline, phase) if b else
        _protocol_session(target.url, paths, i, views, deadline, phase, pacing) for i in range(sessions)))
    if killer:
        await killer
    phase.seconds = time.perf_counter() - started
    phase.server_cpu_seconds = _cpu_seconds(target.pid) - cpu
    phase.client_cpu_seconds = _cpu_seconds(os.getpid()) - everything - (phase.server_cpu_seconds
                                                                          if target.pid else 0.0)
    if target.pid:
        phase.rss_mib, phase.peak_rss_mib = rss_mib(target.pid), peak_rss_mib(target.pid)
    return phase


async def _phases(b, target: Target, paths: list[str], sessions: list[int], views: int, max_seconds: float,
                  pacing: Pacing, kill_after: float | None) -> list[Phase]:
    for url in target.workers or [target.url]:  # every worker warmed up on its own port, not reported
        await run_phase(b, Target(target.name, url, None, 1), paths, 1, len(paths), max_seconds)
    most = max(sessions)
    return [await run_phase(b, target, paths, n, views, max_seconds, pacing, kill_after if n == most else None)
            for n in sessions]


async def load_test(target: Target, client: str, sessions: list[int], views: int, max_seconds: float,
                    pacing: Pacing = Pacing(), kill_after: float | None = None) -> list[Phase]:
    if client == "protocol":
        async with wsclient.Session(target.url) as first:
            await first.view("", VIEW_TIMEOUT)
        paths = ["/" + name for name in first.page_names] or ["/"]
        return await _phases(None, target, list(dict.fromkeys(paths)), sessions, views, max_seconds, pacing,
                             kill_after)
    async with async_playwright() as p:
        b = await browser.launch(p)
        try:
            context = await browser.new_context(b)
            first = await browser.visit(context, target.url + "/")
            await context.close()
            return await _phases(b, target, browser.page_paths(first.links), sessions, views, max_seconds, pacing,
                                 kill_after)
        finally:
            await b.close()


@contextmanager
def deployed(workers: int, db: Path, logs: Path) -> Iterator[Target]:
    """0: one plain `streamlit run`; N: `python -m monitor.serve --workers N` (nginx + N workers)."""
    if workers == 0:
        with streamlit_server("app.py", db, logs / "load-server.log") as server:
            yield Target("streamlit run (1 process)", server.url, server.pid, 1)
        return
    d = serve.Deployment(workers, serve.free_ports(workers + 1), db, logs / f"team-{workers}")
    with serve.running(d, logs / f"team-{workers}.log") as proc:
        name = f"nginx + {workers} worker{'s' if workers > 1 else ''}"
        yield Target(name, d.url, proc.pid, min(workers, os.cpu_count() or 1), d.run_dir,
                     [f"http://127.0.0.1:{port}" for port in d.worker_ports])


CLIENTS = {
    "chromium": "sessions as Chromium contexts in one browser, time to a settled page",
    "protocol": "sessions as websocket clients of Streamlit's protocol (bench/wsclient.py, no rendering), "
                "time to the server's script_finished",
}


def bound_on_mean(ph: Phase, cores: int, pacing: Pacing) -> float:
    """The response-time law's lower bound on the mean view time: sessions × CPU per view ÷ cores − mean pause
    (never below one view's CPU)."""
    d = ph.cpu_per_view()
    return max(ph.sessions * d / cores - pacing.mean, d)


def _f(value: float, fmt: str) -> str:
    return "–" if value != value else format(value, fmt)  # NaN: not measured


def render(results: list[tuple[Target, list[Phase]]], events: int, client: str, views: int, max_seconds: float,
           pacing: Pacing = Pacing(), load_before: str = "") -> str:
    lines = [
        f"Load test on SYNTHETIC data ({events:,} events; bench/gen_acled.py), on 127.0.0.1; "
        f"{CLIENTS[client]}; {views} views a session, {pacing.describe()} between a session's views, "
        f"no new view after {max_seconds:.0f} s",
        f"machine: {machine()} (at the end); load average when the run began: {load_before or '?'}", "",
        "| deployment | sessions | views | failed | repeated | seconds | views/s | p50 s | p95 s "
        "| cores busy: server / client | server RSS after | server CPU per view | bound on the mean |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for target, phases in results:
        for ph in phases:
            lines.append(
                f"| {target.name} | {ph.sessions} | {len(ph.views)} | {len(ph.errors)} | {ph.repeated} "
                f"| {ph.seconds:.1f} | {len(ph.views) / ph.seconds:.2f} | {ph.percentile(50):.2f} "
                f"| {ph.percentile(95):.2f} | {_f(ph.server_cpu_seconds / ph.seconds, '.2f')} / "
                f"{ph.client_cpu_seconds / ph.seconds:.2f} | {_f(ph.rss_mib, ',.0f')} MiB "
                f"| {_f(ph.cpu_per_view(), '.3f')} s | {_f(bound_on_mean(ph, target.cores, pacing), '.2f')} s |")
    lines.append("")
    for target, phases in results:
        single = next((ph for ph in phases if ph.sessions == 1 and ph.views), None)
        most = max(phases, key=lambda ph: ph.sessions)
        if single and most is not single and most.views:
            p95, limit = most.percentile(95), 3 * single.percentile(50)
            verdict = "met" if p95 <= limit else f"missed by {p95 / limit:.1f}×"
            lines.append(f"{target.name}: p95 with {most.sessions} sessions {p95:.2f} s ≤ 3 × single-session p50 "
                         f"({single.percentile(50):.2f} s) = {limit:.2f} s: {verdict}")
        lines += [f"{target.name}: {ph.kill}; {len(ph.errors)} views failed, {ph.repeated} repeated after "
                  f"reconnecting" for ph in phases if ph.kill]
    if len(results) > 1:
        base_target, base_phases = results[0]
        base = max(base_phases, key=lambda ph: ph.sessions)
        for target, phases in results[1:]:
            most = max(phases, key=lambda ph: ph.sessions)
            ratio = (len(most.views) / most.seconds) / (len(base.views) / base.seconds)
            lines.append(f"{target.name} ÷ {base_target.name}, {most.sessions} sessions: {ratio:.2f}× the views "
                         f"per second")
    for target, phases in results:
        for ph in phases:
            lines += [f"failed ({target.name}, {ph.sessions} sessions): {e}" for e in ph.errors[:10]]
    return "\n".join(lines)


def _load_average() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


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
    p.add_argument("--jitter", type=float, default=0.0,
                   help="the 1 s pause drawn uniformly within ± this fraction (0.5: 0.5–1.5 s; default 0)")
    p.add_argument("--workers", type=int, nargs="+", default=[0],
                   help="deployments to start and compare: 0 = one `streamlit run`, N = nginx + N workers "
                        "(python -m monitor.serve); default 0")
    p.add_argument("--url", help="drive this running deployment instead of starting one")
    p.add_argument("--run-dir", type=Path, help="with --url: the deployment's supervisord folder (for --kill-after)")
    p.add_argument("--kill-after", type=float, default=None,
                   help="SIGKILL one worker this many seconds into the largest phase (deployments with workers)")
    args = p.parse_args(argv)
    pacing = Pacing(jitter=args.jitter, think=args.think)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    db = args.db or args.data_dir / f"synthetic_acled_{args.events}.duckdb"
    if args.url is None and not db.exists():
        print(f"building {db} with `python -m etl` …", file=sys.stderr, flush=True)
        loads.build(loads.csv_for(args.events, args.data_dir), db)
    load_before = _load_average()
    results = []
    if args.url:
        target = Target(args.url, args.url.rstrip("/"), None, 1, args.run_dir)
        results.append((target, asyncio.run(load_test(target, args.client, args.sessions, args.views,
                                                      args.max_seconds, pacing, args.kill_after))))
    for workers in ([] if args.url else args.workers):
        with deployed(workers, db, args.data_dir) as target:
            print(f"{target.name} on {target.url} …", file=sys.stderr, flush=True)
            results.append((target, asyncio.run(load_test(target, args.client, args.sessions, args.views,
                                                          args.max_seconds, pacing, args.kill_after))))
    print(render(results, loads.events_in(db) if db.exists() else 0, args.client, args.views, args.max_seconds,
                 pacing, load_before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
