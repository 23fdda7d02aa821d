"""The team deployment (docs/team.md): nginx and 2 Streamlit workers from deploy/'s templates, under supervisord.

A browser stays on one worker by the cookie nginx sets (every client here is 127.0.0.1, so the client address could
not tell them apart); a load while the team works fails no view and every worker then shows the new data version;
a worker killed under a reader is restarted, and the reader's view comes back from its URL."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest

from bench import wsclient
from monitor import serve
from tests.conftest import FIXTURES, ROOT
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import errors_on, query_of, settle
from tests.e2e.team import copy_db, port_of, team_server, upstreams_by_route

VIEW_TIMEOUT = 60


@pytest.fixture(scope="module")
def team(bundled_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("team")
    with team_server(copy_db(bundled_db, folder), folder / "run") as d:
        yield d


def run_async(coro):
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def route_of(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == serve.ROUTE_COOKIE)


async def _sessions_viewing(base: str, count: int, pages: list[str]) -> list[str]:
    """`count` sessions, each opening `pages` in turn; their route cookies."""
    async def one() -> str:
        async with wsclient.Session(base) as s:
            for name in pages:
                _, errors = await s.view(name, VIEW_TIMEOUT)
                assert errors == []
            return next(c.value for c in s.cookies if c.name == serve.ROUTE_COOKIE)
    return list(await asyncio.gather(*(one() for _ in range(count))))


def test_sessions_are_spread_over_the_workers_by_cookie_and_each_stays_on_one(team):
    # 12 clients from the same address: by address they would all land on one worker. A split that puts all 12 on
    # one worker by chance has probability 2 / 2**12.
    routes = run_async(_sessions_viewing(team.url, 12, ["", "un-votes"]))
    assert len(set(routes)) == 12
    seen = upstreams_by_route(team)
    assert all(len(seen[r]) == 1 for r in routes), {r: seen[r] for r in routes}
    assert {port_of(u) for r in routes for u in seen[r]} == set(team.worker_ports)


def test_a_browser_switching_pages_stays_on_one_worker(team, context):
    page = context.new_page()
    page.goto(f"{team.url}/?c=MMR")
    settle(page)
    for name in ("UN votes", "Timeline", "Map"):
        page.get_by_role("link", name=name).first.click()
        settle(page)
    page.reload()  # a new page load and a new websocket: the cookie brings it back to the same worker
    settle(page)
    assert page.url.split("?")[0].endswith("/map") and query_of(page.url)["c"] == ["MMR"]
    assert errors_on(page) == []
    requests = [line for line in (team.run_dir / "nginx-access.log").read_text().splitlines()
                if f"route={route_of(context)} " in line]
    assert any("/_stcore/stream" in line for line in requests) and any('"GET /map' in line for line in requests)
    assert len(upstreams_by_route(team)[route_of(context)]) == 1


def _versions(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT coalesce(max(version), 0) FROM versions").fetchone()[0]
    finally:
        con.close()


async def _keep_viewing(base: str, stop: asyncio.Event, views: list[float], failures: list[str]) -> None:
    async with wsclient.Session(base) as s:
        pages = ["", "timeline", "un-votes", "data"]
        i = 0
        while not stop.is_set():
            try:
                seconds, errors = await s.view(pages[i % len(pages)], VIEW_TIMEOUT)
            except Exception as e:  # noqa: BLE001 - any failure is a failed view, counted
                failures.append(f"{pages[i % len(pages)]}: {e!r}")
                return
            views.append(seconds)
            failures += errors
            i += 1


async def _views_during(base: str, sessions: int, work) -> tuple[list[float], list[str], object]:
    stop, views, failures = asyncio.Event(), [], []
    readers = [asyncio.create_task(_keep_viewing(base, stop, views, failures)) for _ in range(sessions)]
    await asyncio.sleep(3)  # the readers are in the middle of their views when the load starts
    result = await asyncio.to_thread(work)
    await asyncio.sleep(2)
    stop.set()
    await asyncio.gather(*readers)
    return views, failures, result


async def _share_link_on(worker_url: str) -> str:
    async with wsclient.Session(worker_url) as s:
        await s.view("", VIEW_TIMEOUT)
        return next(c for c in s.codes if "v=" in c)


def test_a_load_while_the_team_reads_fails_no_view_and_every_worker_shows_the_new_version(team):
    before = _versions(team.db)

    def load() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "etl", "load", str(FIXTURES / "acled_current.csv"),
                               "--db", str(team.db)], cwd=ROOT, capture_output=True, text=True, timeout=300)

    views, failures, done = run_async(_views_during(team.url, 4, load))
    assert done.returncode in (0, 1), done.stderr  # 1: some rows rejected, the rest loaded
    after = _versions(team.db)
    assert after == before + 1
    assert failures == [] and len(views) >= 8
    for port in team.worker_ports:  # each worker on its own port, not through the proxy
        link = run_async(_share_link_on(f"http://127.0.0.1:{port}"))
        assert f"v={after}" in link, (port, link)


def test_a_killed_worker_is_restarted_and_its_reader_gets_the_view_back(team, context):
    link = f"{team.url}/un-votes?res=A/RES/75/287&c=MMR"
    page = context.new_page()
    sockets = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(link)
    settle(page)
    (port,) = {port_of(u) for u in upstreams_by_route(team)[route_of(context)]}
    victim = serve.worker_pid(team, port)
    started = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    # The frontend reconnects (nginx skips the dead worker) and reruns the page from its URL on the other worker.
    while len(sockets) < 2 and time.monotonic() - started < 60:
        page.wait_for_timeout(250)
    assert len(sockets) == 2, "the page did not open a new websocket after its worker was killed"
    deadline = time.monotonic() + 90
    while (serve.worker_pid(team, port) in (0, victim) or not serve.healthy(f"http://127.0.0.1:{port}")) \
            and time.monotonic() < deadline:
        time.sleep(0.5)
    restarted = serve.worker_pid(team, port)
    assert restarted not in (0, victim) and serve.healthy(f"http://127.0.0.1:{port}"), "the worker was not restarted"
    settle(page, timeout=60_000)
    assert time.monotonic() - started < 90
    shown = query_of(page.url)  # the app adds the dates it shows (from, to) to the link it was given
    assert (shown["res"], shown["c"]) == (["A/RES/75/287"], ["MMR"]) and page.url.split("?")[0].endswith("/un-votes")
    assert "A/RES/75/287" in page.inner_text("body")
    assert errors_on(page) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "team-after-kill.png"), full_page=True)


def test_a_worker_that_hangs_is_restarted_by_the_health_check(bundled_db, tmp_path):
    # SIGSTOP: the process is still there, so only a check of /_stcore/health can tell that it serves nothing.
    with team_server(copy_db(bundled_db, tmp_path), tmp_path / "run", workers=1, health_timeout=2) as d:
        (port,) = d.worker_ports
        hung = serve.worker_pid(d, port)
        os.kill(hung, signal.SIGSTOP)
        deadline = time.monotonic() + 120
        while (serve.worker_pid(d, port) in (0, hung) or not serve.healthy(f"http://127.0.0.1:{port}")) \
                and time.monotonic() < deadline:
            time.sleep(0.5)
        assert serve.worker_pid(d, port) not in (0, hung) and serve.healthy(d.url)
        log = (d.run_dir / f"health-{port}.log").read_text()
        assert f"worker:worker-{port} is in RUNNING state, restarting" in log
