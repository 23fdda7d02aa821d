"""Browser tests: a real Streamlit server on the bundled database, driven by the system Chromium.

Nothing is downloaded: Playwright drives Debian's Chromium, the headless shell (package chromium-headless-shell,
the build Playwright itself uses for headless runs) where it is installed, else the full browser (package
chromium). Without either these tests skip and say how to enable them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT

# The headless shell renders the same pages for a fifth less CPU than the full browser headless (docs/testing.md).
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get("MONITOR_CHROMIUM") or (
    HEADLESS_SHELL if Path(HEADLESS_SHELL).exists() else "/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def worker_name(name: str) -> str:
    """`name` made unique to this pytest-xdist worker ('server.gw1.log'): two workers may each start a server
    from the same fixture, and must not write one log."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{worker}.{suffix}" if dot else f"{name}.{worker}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium-headless-shell) "
                    "or set MONITOR_CHROMIUM to a Chromium binary to run the browser tests")
    return CHROMIUM


def _start(db: Path, log: Path) -> tuple[subprocess.Popen, str] | None:
    """One try at `streamlit run app.py` on a free port: the process and its base URL once healthy, or None
    when it exited first (another process took the port between our probe and its bind)."""
    port = _free_port()
    env = {**os.environ, "MONITOR_DB": str(db), "STREAMLIT_SERVER_PORT": str(port)}
    with log.open("a") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    proc.wait(timeout=20)
    return None


@contextmanager
def streamlit_on(db: Path, log_name: str = "server.log") -> Iterator[str]:
    """`streamlit run app.py` over `db` on a free port; yields its base URL, stops it after."""
    log = ARTIFACTS / worker_name(log_name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log.write_text("")
    for _ in range(3):
        started = _start(db, log)
        if started:
            break
    else:
        pytest.fail(f"Streamlit did not start: see {log}")
    proc, base = started
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def server(bundled_db, chromium_path) -> Iterator[str]:
    """The app over the bundled database; yields its base URL."""
    with streamlit_on(bundled_db) as base:
        yield base


@pytest.fixture(scope="session")
def real_server(real_db, chromium_path) -> Iterator[str]:
    """The app over the real samples' database (tests.conftest.real_db); yields its base URL."""
    with streamlit_on(real_db, "real-server.log") as base:
        yield base


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield ctx
    ctx.close()
