"""A team deployment for the tests: `python -m monitor.serve` (nginx and Streamlit workers under supervisord) from
the repository's templates in deploy/, on loopback ports, in a temporary folder. Skips when nginx is missing."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from monitor import serve

LOG_LINE = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d+) upstream=(?P<upstream>\S+) route=(?P<route>\S+)')


def need_nginx() -> None:
    if serve.nginx_binary() is None:
        pytest.skip("nginx is not installed: apt-get install nginx-light (.ci/run does) to run the team deployment "
                    "tests")


free_ports = serve.free_ports


def deployment(db: Path, run_dir: Path, workers: int = 2, secrets: Path | None = None,
               port: int | None = None, health_timeout: float = 20.0) -> serve.Deployment:
    """The proxy on `port` (default: free ports found here) and the workers on the ports after it."""
    return serve.Deployment(workers, port or free_ports(workers + 1), db, run_dir, secrets=secrets,
                            health_timeout=health_timeout)


@contextmanager
def team_server(db: Path, run_dir: Path, workers: int = 2, secrets: Path | None = None,
                port: int | None = None, health_timeout: float = 20.0) -> Iterator[serve.Deployment]:
    need_nginx()
    d = deployment(db, run_dir, workers, secrets, port, health_timeout)
    with serve.running(d, run_dir.parent / f"{run_dir.name}-serve.log"):
        yield d


def copy_db(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(db, folder / "monitor.duckdb"))


def upstreams_by_route(d: serve.Deployment) -> dict[str, set[str]]:
    """From nginx's access log: each route cookie and the workers that answered its requests."""
    seen: dict[str, set[str]] = defaultdict(set)
    log = d.run_dir / "nginx-access.log"
    for line in log.read_text().splitlines() if log.exists() else []:
        if m := LOG_LINE.search(line):
            seen[m["route"]].add(m["upstream"].split(",")[-1].strip())  # a retried request: the last one answered
    return seen


def port_of(upstream: str) -> int:
    return int(upstream.rsplit(":", 1)[1])
