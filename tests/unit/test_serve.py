"""`python -m monitor.serve`'s configuration, rendered from deploy/'s templates (the running deployment is tested in
tests/e2e/test_team_proxy.py), and what the sidebar says about who is signed in."""

from __future__ import annotations

import configparser
import subprocess
import sys

import pytest

from monitor import serve, signin
from tests.conftest import ROOT


def deployment(tmp_path, **kw) -> serve.Deployment:
    return serve.Deployment(kw.pop("workers", 3), 9100, tmp_path / "team.duckdb", tmp_path / "run", **kw)


def test_a_placeholder_without_a_value_is_an_error_not_an_empty_string():
    with pytest.raises(KeyError, match="listen"):
        serve.fill("listen {{listen}};", {})
    assert serve.fill("listen {{listen}};", {"listen": "127.0.0.1:80"}) == "listen 127.0.0.1:80;"


def test_the_proxy_lists_every_worker_and_routes_by_its_own_cookie(tmp_path):
    conf = serve.nginx_config(deployment(tmp_path))
    assert [line.split()[1] for line in conf.splitlines() if line.strip().startswith("server 127.")] == \
        ["127.0.0.1:9101", "127.0.0.1:9102", "127.0.0.1:9103"]
    assert "hash $monitor_route consistent;" in conf
    assert "map $cookie_monitor_worker $monitor_route" in conf
    assert "location = /_stcore/stream" in conf and "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "listen 127.0.0.1:9100;" in conf and "{{" not in conf


def test_workers_may_start_elsewhere_than_after_the_proxy(tmp_path):
    d = deployment(tmp_path, workers=2, first_worker_port=9500)
    assert d.worker_ports == [9500, 9501]


def test_the_supervisor_runs_one_worker_a_port_and_nginx(tmp_path):
    d = deployment(tmp_path / "100%")  # a literal % must survive supervisord's own %(name)s expansion
    text = serve.supervisord_config(d, "/usr/sbin/nginx", "s3cret")
    parsed = configparser.RawConfigParser()
    parsed.read_string(text)
    worker = parsed["program:worker"]
    assert (worker["numprocs"], worker["numprocs_start"]) == ("3", "9101")
    assert "--server.port %(process_num)d" in worker["command"] and worker["autorestart"] == "true"
    assert 'STREAMLIT_SERVER_COOKIE_SECRET="s3cret"' in worker["environment"]
    assert "100%%" in worker["environment"] and "100%%" in parsed["supervisord"]["logfile"]
    assert parsed["program:nginx"]["command"].startswith("/usr/sbin/nginx -p ")


def test_render_writes_configurations_that_nginx_accepts(tmp_path, bundled_db):
    if serve.nginx_binary() is None:
        pytest.skip("nginx is not installed: apt-get install nginx-light (.ci/run does)")
    out = tmp_path / "rendered"
    done = subprocess.run([sys.executable, "-m", "monitor.serve", "--workers", "2", "--port", "9300", "--db",
                           str(bundled_db), "--render", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.glob("*.conf")) == ["nginx.conf", "supervisord.conf"]
    assert (out / "supervisord.conf").stat().st_mode & 0o077 == 0  # the cookie secret is in it


def test_a_missing_database_is_a_message_not_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "monitor.serve", "--db", str(tmp_path / "none.duckdb"),
                           "--render", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "python -m etl build" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("user", "shown"), [
    ({"name": "Ana Lyst", "email": "ana@example.org"}, "Ana Lyst (ana@example.org)"),
    ({"email": "ana@example.org"}, "ana@example.org"),
    ({"name": "Ana\nLyst", "email": "Ana\nLyst"}, "Ana Lyst"),
    ({"sub": "1234"}, "1234"),
])
def test_the_sidebar_names_who_is_signed_in(user, shown):
    assert signin.signed_in_as(user) == shown
