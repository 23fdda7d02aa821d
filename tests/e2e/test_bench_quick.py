"""`python -m bench --quick` once per `make test`, so the benchmark harness never rots between benchmark runs.

It asserts that the table came out with every row, never a time: performance is measured in bench/, not
asserted in tests (the machines are shared and noisy).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, realdata

LOAD_ROWS = [
    "input: SYNTHETIC ACLED-shaped CSV", "events in the benchmark database", "`etl load`: seconds",
    "`etl load`: rows/s", "`etl load`: peak RSS", "DuckDB `CREATE TABLE AS read_csv`: seconds",
    "DuckDB `CREATE TABLE AS read_csv`: peak RSS", "ETL time ÷ DuckDB's", "ETL peak RSS ÷ DuckDB's",
    "1,000-row `etl load` into this database", "floor (one-line Streamlit page)", "server peak RSS after all pages",
]  # fmt: skip


@pytest.mark.bench
@pytest.mark.timeout(900)  # ~1 min on a quiet machine; a shared one at load 25 took 6 min, which is no failure
def test_quick_benchmark_prints_the_whole_table(chromium_path, tmp_path):
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--data-dir", str(tmp_path),
                           "--json", str(tmp_path / "figures.json")],
                          cwd=ROOT, capture_output=True, text=True, timeout=880)
    assert done.returncode == 0, done.stderr[-3000:]
    table = done.stdout
    assert "SYNTHETIC" in table and "| 100,000 events |" in table
    rows = {line.split(" | ")[0].strip("| *") for line in table.splitlines() if line.startswith("| ")}
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
