"""One command for a team server: N Streamlit workers on loopback behind nginx, all under supervisord.

    python -m monitor.serve [--workers N] [--port P] [--db PATH] [--run-dir DIR] [--secrets FILE]
    python -m monitor.serve --render DIR [...]       # write the configuration for a real server, start nothing

nginx keeps each browser on one worker by a cookie it sets on the first response, passes the websocket
upgrade on /_stcore/stream, and skips a worker that stops answering; supervisord restarts a worker whose
process ended, and (superlance's httpok) one whose /_stcore/health stops answering. Both configurations are
templates in deploy/ (docs/team.md).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from monitor.cli import run
from monitor.store import PROJECT_ROOT, default_db_path

DEPLOY = PROJECT_ROOT / "deploy"
NGINX_TEMPLATE = DEPLOY / "nginx.conf.template"
SUPERVISORD_TEMPLATE = DEPLOY / "supervisord.conf.template"
ROUTE_COOKIE = "monitor_worker"
DEFAULT_PORT = 8500
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class Deployment:
    """What the templates are filled with."""

    workers: int
    port: int
    db: Path
    run_dir: Path
    host: str = "127.0.0.1"
    secrets: Path | None = None
    server_name: str = "_"
    first_worker_port: int = 0  # 0: the port after the proxy's
    health_timeout: float = 20.0  # a worker whose /_stcore/health takes longer is restarted

    @property
    def worker_ports(self) -> list[int]:
        first = self.first_worker_port or self.port + 1
        return list(range(first, first + self.workers))

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def fill(template: str, values: Mapping[str, object]) -> str:
    """Replace every {{name}} in `template`; a name without a value is an error, not an empty string."""
    missing = sorted({m.group(1) for m in PLACEHOLDER.finditer(template)} - set(values))
    if missing:
        raise KeyError(f"no value for {', '.join(missing)} in the deployment template")
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def nginx_binary() -> str | None:
    """Debian's nginx (in /usr/sbin, which is not on every user's PATH)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def nginx_config(d: Deployment) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in d.worker_ports)
    return fill(NGINX_TEMPLATE.read_text(), {
        "run_dir": d.run_dir, "listen": f"{d.host}:{d.port}", "server_name": d.server_name,
        "route_cookie": ROUTE_COOKIE, "upstream_servers": servers, "workers": d.workers})


def _supervisor_value(value: object) -> str:
    """supervisord expands %(name)s in its values: a literal % is written %%."""
    return str(value).replace("%", "%%")


def supervisord_config(d: Deployment, nginx: str, cookie_secret: str) -> str:
    env = {"MONITOR_DB": d.db, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret,
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1",
           # visitors see no tracebacks; the worker's log in the run folder keeps them
           "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "none"}
    environment = ",".join(f'{k}="{_supervisor_value(v)}"' for k, v in env.items())
    args = f" --secrets.files {_supervisor_value(d.secrets)}" if d.secrets else ""
    return fill(SUPERVISORD_TEMPLATE.read_text(), {
        "run_dir": _supervisor_value(d.run_dir), "workers": d.workers, "first_worker_port": d.worker_ports[0],
        "app_dir": _supervisor_value(PROJECT_ROOT), "python": _supervisor_value(sys.executable),
        "streamlit_args": args, "worker_environment": environment, "nginx": _supervisor_value(nginx),
        "health_timeout": f"{d.health_timeout:g}"})


def write_configs(d: Deployment, nginx: str) -> Path:
    """Both configurations in the run directory (private: the cookie secret is in it); the supervisord file's path."""
    d.run_dir.mkdir(parents=True, exist_ok=True)
    d.run_dir.chmod(0o700)
    (d.run_dir / "nginx.conf").write_text(nginx_config(d))
    conf = d.run_dir / "supervisord.conf"
    # The workers share one cookie secret, so a browser's cookies stay valid on whichever worker it reaches.
    conf.write_text(supervisord_config(d, nginx, secrets.token_hex(32)))
    conf.chmod(0o600)
    return conf


def check_nginx(nginx: str, d: Deployment) -> str | None:
    """nginx's own test of the rendered configuration: None when it passes, else what nginx said."""
    done = subprocess.run([nginx, "-t", "-q", "-p", str(d.run_dir), "-c", str(d.run_dir / "nginx.conf"),
                           "-e", str(d.run_dir / "nginx-error.log")], capture_output=True, text=True)
    return None if done.returncode == 0 else (done.stderr or done.stdout).strip()


# --- a deployment started from Python (the tests and bench.load) ---------------------------------------------

def command(d: Deployment) -> list[str]:
    """The command line that starts deployment `d`."""
    cmd = [sys.executable, "-m", "monitor.serve", "--workers", str(d.workers), "--port", str(d.port),
           "--host", d.host, "--db", str(d.db), "--run-dir", str(d.run_dir)]
    if d.first_worker_port:
        cmd += ["--worker-port", str(d.first_worker_port)]
    cmd += ["--health-timeout", f"{d.health_timeout:g}"]
    return cmd + (["--secrets", str(d.secrets)] if d.secrets else [])


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def wait_until_healthy(d: Deployment, proc: subprocess.Popen | None = None, timeout: float = 120) -> None:
    """Until every worker and the proxy answer /_stcore/health; an error naming the logs if not in time."""
    deadline = time.monotonic() + timeout
    urls = [f"http://127.0.0.1:{p}" for p in d.worker_ports] + [d.url]
    while not all(healthy(u) for u in urls):
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the deployment exited with {proc.returncode}: see {d.run_dir}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the deployment was not healthy within {timeout:.0f} s: see {d.run_dir}")
        time.sleep(0.3)


def supervisorctl(run_dir: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "supervisor.supervisorctl", "-c", str(run_dir / "supervisord.conf"),
                           *args], capture_output=True, text=True, timeout=30)
    return done.stdout.strip()


def worker_pid(d: Deployment, port: int) -> int:
    """The PID of the worker on `port`, as supervisord knows it (0 while it is not running)."""
    return int(supervisorctl(d.run_dir, "pid", f"worker:worker-{port}") or 0)


def running_workers(run_dir: Path) -> dict[int, int]:
    """The workers supervisord has running in the deployment whose folder is `run_dir`: {port: pid}."""
    found = re.findall(r"^worker:worker-(\d+)\s+RUNNING\s+pid (\d+)", supervisorctl(run_dir, "status"), re.M)
    return {int(port): int(pid) for port, pid in found}


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports (the proxy's and its workers')."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        start = s.getsockname()[1]
    for first in range(start, min(start + 2000, 65535 - count)):
        if all(_free(p) for p in range(first, first + count)):
            return first
    raise RuntimeError("no free loopback ports")


@contextmanager
def running(d: Deployment, log: Path | None = None) -> Iterator[subprocess.Popen]:
    """Deployment `d` started in the background, healthy; stopped with all its processes when the block ends."""
    out = open(log or os.devnull, "w")
    proc = subprocess.Popen(command(d), cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        wait_until_healthy(d, proc)
        yield proc
    finally:
        _stop(proc)
        out.close()


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM to supervisord (it stops the workers and nginx), then SIGKILL to the whole group if need be."""
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=40)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m monitor.serve", description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="Streamlit processes (default: this machine's cores, %(default)s)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="the proxy's port (default %(default)s)")
    p.add_argument("--host", default="127.0.0.1",
                   help="the proxy's address (default 127.0.0.1: put TLS in front, docs/team.md)")
    p.add_argument("--worker-port", type=int, default=0,
                   help="the first worker's port; the others follow (default: the port after --port)")
    p.add_argument("--db", type=Path, default=None, help="the events database (default $MONITOR_DB or "
                                                         "data/monitor.duckdb)")
    p.add_argument("--run-dir", type=Path, default=None,
                   help="where configurations, logs and sockets go (default: a new folder under /tmp)")
    p.add_argument("--secrets", type=Path, default=None,
                   help="a secrets.toml with an [auth] section for the workers (default: .streamlit/secrets.toml)")
    p.add_argument("--server-name", default="_", help="nginx's server_name (default: any)")
    p.add_argument("--health-timeout", type=float, default=20.0,
                   help="restart a worker whose /_stcore/health takes longer than this (seconds, default 20)")
    p.add_argument("--render", type=Path, metavar="DIR", default=None,
                   help="write nginx.conf and supervisord.conf for this deployment into DIR and exit")
    args = p.parse_args(argv)
    if args.workers < 1:
        p.error("--workers must be 1 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    db = (args.db or default_db_path()).resolve()
    if not db.exists():
        print(f"error: no database at {db}. Build it with `python -m etl build --db {db}` first.", file=sys.stderr)
        return 2
    nginx = nginx_binary()
    if nginx is None:
        print("error: nginx is not installed. Install Debian's package (apt-get install nginx-light) and run "
              "this again.", file=sys.stderr)
        return 2
    run_dir = (args.render or args.run_dir or Path(tempfile.mkdtemp(prefix="conflict-monitor-"))).resolve()
    d = Deployment(args.workers, args.port, db, run_dir, args.host,
                   args.secrets.resolve() if args.secrets else None, args.server_name, args.worker_port,
                   args.health_timeout)
    conf = write_configs(d, nginx)
    if problem := check_nginx(nginx, d):
        print(f"error: nginx refused the configuration in {run_dir / 'nginx.conf'}:\n{problem}", file=sys.stderr)
        return 2
    if args.render:
        print(f"wrote {run_dir / 'nginx.conf'} and {conf}")
        return 0
    print(f"Conflict Monitor: {d.url} ({d.workers} workers on ports {d.worker_ports[0]}–{d.worker_ports[-1]}); "
          f"logs in {run_dir}", file=sys.stderr, flush=True)
    # supervisord takes this process's place: a SIGTERM to it stops every worker and nginx.
    os.execv(sys.executable, [sys.executable, "-m", "supervisor.supervisord", "-n", "-c", str(conf)])
    return 0  # not reached


if __name__ == "__main__":
    run(main)
