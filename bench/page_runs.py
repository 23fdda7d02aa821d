"""Every page's script run as Streamlit runs it (AppTest, no browser), first and second visit, on any database.

    python -m bench.page_runs DB [--pages timeline,map] [--query from=2000-01-01 --query c=MMR]

A quick inner loop for page work: the real page scripts with their real queries and caches, timed from the
script's start to its end (no websocket, no browser: bench/ 's Chromium harness measures those). The first
visit clears Streamlit's caches; the second is a new session on the same process, as a second analyst opening
the same link. The floor is a one-line page run the same way. Prints the rows each dataframe and chart got, and
the process's peak RSS (DuckDB's buffers included).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"overview": "app_pages/overview.py", "timeline": "app_pages/timeline.py", "un_votes": "app_pages/un_votes.py",
         "relationships": "app_pages/relationships.py", "map": "app_pages/map.py", "data": "app_pages/data.py"}


def _visit(page: str, params: dict[str, list[str]], cold: bool) -> tuple[float, AppTest]:
    """One session opening `page` by link; `cold`: with Streamlit's caches emptied first (a first visit).

    AppTest always runs the home page first, so the session lands on the home page untimed, then the caches are
    emptied (cold) and the run that switches to `page` is timed: app.py's shared filters plus the page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    for key, values in params.items():
        at.query_params[key] = values
    if page != "overview":
        at.run()
        at.switch_page(PAGES[page])
        for key, values in params.items():
            at.query_params[key] = values
    if cold:
        st.cache_data.clear()
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].value}")
    return seconds, at


def _floor() -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write("import streamlit as st\nst.write('hello')\n")
    started = time.perf_counter()
    AppTest.from_file(f.name, default_timeout=60).run()
    os.unlink(f.name)
    return time.perf_counter() - started


def _shown(at: AppTest) -> str:
    frames = [len(d.value) for d in at.dataframe]
    return f"dataframes {frames}" if frames else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--query", action="append", default=[], help="a link parameter, key=value (repeatable)")
    args = parser.parse_args()
    os.environ["MONITOR_DB"] = str(args.db)
    params: dict[str, list[str]] = {}
    for item in args.query:
        key, _, value = item.partition("=")
        params.setdefault(key, []).append(value)
    floor = min(_floor() for _ in range(3))
    print(f"floor (one-line page): {floor:.2f} s")
    for page in args.pages.split(","):
        first, _ = _visit(page, params, cold=True)
        second, at = _visit(page, params, cold=False)
        print(f"{page:<14} first {first:6.2f} s ({first / floor:5.1f}x)  second {second:6.2f} s "
              f"({second / floor:5.1f}x)  {_shown(at)}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:,.0f} MiB")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
