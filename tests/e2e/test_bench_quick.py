"""The benchmark harness, so it never rots between benchmark runs.

`make test` runs every step small, in about 25 seconds: the ETL, alerts, export and small-load steps on 2,000
SYNTHETIC events, the page visits on the floor page and the app's first page, rendered into the table, and the
command line (`python -m bench --db … --json …`) on that database. `BENCH_QUICK=1` adds the whole
`python -m bench --quick` (100,000 events, every page; a minute and a half on a quiet 2-core machine).

They assert that the table came out with every row, never a time: performance is measured in bench/, not
asserted in tests (the machines are shared and noisy).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ROOT, realdata

LOAD_ROWS = [
    "input: SYNTHETIC ACLED-shaped CSV", "events in the benchmark database", "`etl load`: seconds",
    "`etl load`: rows/s", "`etl load`: peak RSS", "DuckDB `CREATE TABLE AS read_csv`: seconds",
    "DuckDB `CREATE TABLE AS read_csv`: peak RSS", "ETL time ÷ DuckDB's", "ETL peak RSS ÷ DuckDB's",
    "1,000-row `etl load` into this database", "floor (one-line Streamlit page)", "server peak RSS after all pages",
]  # fmt: skip


def _rows(table: str) -> set[str]:
    return {line.split(" | ")[0].strip("| *") for line in table.splitlines() if line.startswith("| ")}


async def _first_page(db, logs):
    """bench.visits.visit_all's steps on the floor page and the app's first page (not every page)."""
    from playwright.async_api import async_playwright

    from bench import browser
    from bench.procs import peak_rss_mib, streamlit_server
    from bench.visits import FLOOR_SCRIPT, PageFigures, VisitFigures

    async def once(b, base: str, path: str) -> PageFigures:
        context = await browser.new_context(b)
        try:
            return PageFigures(path, await browser.visit(context, base + path), None)
        finally:
            await context.close()

    async with async_playwright() as p:
        b = await browser.launch(p)
        try:
            with streamlit_server(FLOOR_SCRIPT, None, logs / "floor-server.log") as floor_server:
                floor = await once(b, floor_server.url, "/")
            figures = VisitFigures(floor, chromium=b.version)
            with streamlit_server("app.py", db, logs / "app-server.log") as server:
                figures.pages.append(await once(b, server.url, "/"))
                paths = browser.page_paths(figures.pages[0].first.links)
                figures.server_peak_rss_mib = peak_rss_mib(server.pid)
        finally:
            await b.close()
    return figures, paths


@pytest.mark.bench
def test_bench_smoke_fills_every_row_of_the_table(chromium_path, tmp_path):
    from bench.__main__ import measure
    from bench.machine import machine
    from bench.table import SizeRun, render

    run = SizeRun(2_000, db=tmp_path / "synthetic_acled_2000.duckdb")
    measure(run, tmp_path, ["etl", "alerts", "export", "small"], visits=1, lens=False)
    assert run.etl.rows_read == 2_000 and run.events_in_db >= 2_000 and run.notes == []
    assert run.alerts.returncode == 0 and run.exports.export.returncode == run.exports.copy.returncode == 0
    assert run.small.rows_loaded == 1_000
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API may keep an event loop running in this thread
        run.visits, paths = pool.submit(asyncio.run, _first_page(run.db, tmp_path)).result()
    assert paths[0] == "/" and len(paths) >= 6, paths  # every page the app's navigation lists
    for page in (run.visits.floor, *run.visits.pages):
        assert page.first.errors == [] and page.first.bytes > 0 and page.first.seconds > 0, page
    table = render([run], machine(), "smoke")
    assert "SYNTHETIC" in table and "| 2,000 events |" in table and "| – |" not in table.replace(
        "second visit (target ≤ 1.5× floor) | – |", "")  # every figure filled in but the second visits
    rows = _rows(table)
    for label in LOAD_ROWS:
        assert any(row.startswith(label) for row in rows), f"no row {label!r} in\n{table}"
    for figure in ("first visit", "second visit", "sent over the websocket"):
        assert f"`/` {figure}" in table
    for label in ("`monitor.export` of every event", "DuckDB's own `COPY", "`monitor.alerts --json`"):
        assert any(row.startswith(label) for row in rows), f"no row {label!r} in\n{table}"
    # the command line on that database: its table and its --json
    done = subprocess.run([sys.executable, "-m", "bench", "--events", "2000", "--db", str(run.db), "--steps", "alerts",
                           "--data-dir", str(tmp_path), "--json", str(tmp_path / "figures.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| 2,000 events |" in done.stdout and "`monitor.alerts --json`, all countries" in done.stdout
    cli = json.loads((tmp_path / "figures.json").read_text())["runs"][0]
    assert cli["events_in_db"] == run.events_in_db + run.small.rows_loaded and cli["alerts"]["returncode"] == 0


@pytest.mark.bench
@pytest.mark.skipif(not os.environ.get("BENCH_QUICK"), reason="the whole `python -m bench --quick` runs with "
                    "BENCH_QUICK=1 (docs/testing.md); make test runs test_bench_smoke_fills_every_row_of_the_table")
@pytest.mark.timeout(900)  # ~1 min on a quiet machine; a shared one at load 25 took 6 min, which is no failure
def test_quick_benchmark_prints_the_whole_table(chromium_path, tmp_path):
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--data-dir", str(tmp_path),
                           "--json", str(tmp_path / "figures.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=880)
    assert done.returncode == 0, done.stderr[-3000:]
    table = done.stdout
    assert "SYNTHETIC" in table and "| 100,000 events |" in table
    rows = _rows(table)
    for label in LOAD_ROWS:
        assert any(row.startswith(label) for row in rows), f"no row {label!r} in\n{table}"
    run = json.loads((tmp_path / "figures.json").read_text())["runs"][0]
    assert run["etl"]["rows_read"] == 100_000
    assert run["events_in_db"] >= 100_000
    pages = [p["path"] for p in run["visits"]["pages"]]
    assert pages[0] == "/" and len(pages) >= 6, pages  # every page the app's navigation lists
    for path in pages:
        for figure in ("first visit", "second visit", "sent over the websocket"):
            assert f"`{path}` {figure}" in table


@pytest.mark.bench
def test_small_loads_benchmark_loads_every_row_and_prints_its_table(tmp_path):
    """`python -m bench.small_loads` on a small real-shaped database: the database is built and every small load
    loads its 1,000 rows (the harness raises otherwise); the table names the target."""
    realdata("acled/acled_bangladesh_sample.csv")
    done = subprocess.run([sys.executable, "-m", "bench.small_loads", "--events", "20000", "--loads", "1",
                           "--data-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "1,000-row `etl load` into a real-shaped ACLED database built in SQL (21,000 events" in done.stdout
    assert "| 1 | " in done.stdout and "targets: ≤ 1.5 s and ≤ 300 MB" in done.stdout


@pytest.mark.bench
def test_gazetteer_benchmark_builds_then_reads_back_the_index():
    """`python -m bench.gazetteer --runs 1`: one process with an empty cache folder, one reading it back; each row of
    the table has its wall time, CPU and peak RSS."""
    done = subprocess.run([sys.executable, "-m", "bench.gazetteer", "--runs", "1"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line.split(" | ") for line in done.stdout.splitlines() if line.startswith("| ") and " s" not in line[:4]]
    labels = [r[0].lstrip("| ") for r in rows if r[-1].endswith("MiB |")]
    assert labels == ["built (empty cache folder)", "read back from the cache folder"]
    assert "read back ÷ built: " in done.stdout
