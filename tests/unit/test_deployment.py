"""A team deployment (docs/team.md): the security settings in .streamlit/config.toml stay on, docs/team.md
names each of them, secrets stay out of git, and the app cannot write to the events database."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import duckdb
import pytest

from monitor.store import Store
from tests.conftest import ROOT

REQUIRED = {
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.corsAllowedOrigins": [],
    "server.maxUploadSize": 10,
    "server.enableAgentApi": False,
    "browser.gatherUsageStats": False,
}


def _config() -> dict:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as f:
        return tomllib.load(f)


@pytest.mark.parametrize(("option", "value"), REQUIRED.items())
def test_config_toml_sets_the_security_settings(option, value):
    section, key = option.split(".")
    assert _config()[section][key] == value


def _as_streamlit_reads(options: list[str]) -> dict:
    """The options as Streamlit itself reads them, started from the project folder as `make run` starts it: a
    misspelt option or section would be silently ignored, and the default would win."""
    script = ("import streamlit.config as c; c.get_config_options(force_reparse=True); "
              f"print(repr({{k: c.get_option(k) for k in {options!r}}}))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=env)
    assert done.returncode == 0, done.stderr
    return eval(done.stdout.strip().splitlines()[-1])  # noqa: S307 - our own repr


def test_streamlit_reads_them_as_set():
    assert _as_streamlit_reads(list(REQUIRED)) == REQUIRED


def test_the_server_does_not_watch_its_source_files():
    # Watching made a fresh server's first pages cost it about twice the CPU (.streamlit/config.toml).
    assert _as_streamlit_reads(["server.fileWatcherType", "server.runOnSave"]) == {
        "server.fileWatcherType": "none", "server.runOnSave": False}


@pytest.mark.parametrize("option", REQUIRED)
def test_the_team_docs_explain_each_setting(option):
    team = (ROOT / "docs" / "team.md").read_text(encoding="utf-8")
    settings = team.split("## Settings that must stay as they are", 1)[1].split("\n## ", 1)[0]
    assert f"`{option}`" in settings


def test_secrets_are_git_ignored():
    done = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT, timeout=30)
    assert done.returncode == 0


def test_the_app_opens_the_database_read_only(bundled_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(bundled_db.read_bytes())
    store = Store(copy)
    assert store.query("SELECT count(*) AS n FROM events")["n"].iloc[0] > 0
    for statement in ("CREATE TABLE intruder (a INTEGER)", "DELETE FROM events",
                      "UPDATE sources SET url = 'https://evil.example'", "INSERT INTO rejects SELECT * FROM rejects"):
        with pytest.raises(duckdb.Error, match="read-only"):
            store.query(statement)
