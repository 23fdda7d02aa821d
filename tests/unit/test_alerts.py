"""`python -m monitor.alerts`: the Trends page's flags as text, JSON and an Atom feed, on the real UCDP file.

What a cron job and a feed reader rely on: stable entry ids, `--since-version` keeping only new flags, `error:` lines
with status 2. The feed is parsed with feedparser, a real feed reader.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import feedparser
import pandas as pd
import pytest

from monitor import alerts
from tests.conftest import etl, realdata

LINK = "http://analyst.example:8501/trends?c=MMR&asof=2021-03-31"


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory) -> Path:
    """Version 1: UCDP Myanmar; version 2: the ACLED Bangladesh sample added."""
    db = tmp_path_factory.mktemp("alerts") / "real.duckdb"
    for relative in ("ucdp/ged_myanmar_1989_2023_netify.csv", "acled/acled_bangladesh_sample.csv"):
        done = etl("load", str(realdata(relative)), "--db", str(db))
        assert done.returncode in (0, 1), done.stdout + done.stderr
    return db


def _alerts(*args: str) -> tuple[int, str, str]:
    err = io.StringIO()
    lines: list[str] = []
    with contextlib.redirect_stderr(err):
        code = alerts.main(list(args), out=lines.append)
    return code, "\n".join(lines), err.getvalue()


def test_json_flags_carry_what_a_reader_needs(two_versions):
    code, out, _ = _alerts(LINK, "--db", str(two_versions), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["asof"] == "2021-03-31" and doc["data_version"] == 2
    assert doc["flags"], "March 2021 raises flags in Myanmar"
    for flag in doc["flags"]:
        assert {"method", "country", "region", "type", "window", "value", "baseline", "change", "level", "sentence",
                "link", "sources"} <= set(flag)
        assert flag["country"] == "MMR" and flag["dataset"] == "ucdp"
        assert flag["link"].startswith("http://analyst.example:8501/trends?c=MMR")
        assert "asof=2021-03-31" in flag["link"] and flag["link"].endswith("&v=2")
        assert flag["sources"][0]["publisher"] == "Uppsala Conflict Data Program (UCDP)"
    # the country's change level, checked by hand from the raw file: week 22-28 March 2021 against 4 weeks before
    raw = pd.read_csv(realdata("ucdp/ged_myanmar_1989_2023_netify.csv"), usecols=["date_start"])
    day = pd.to_datetime(raw["date_start"].str[:10])
    week = int(day.between("2021-03-22", "2021-03-28").sum())
    base = int(day.between("2021-02-22", "2021-03-21").sum()) / 4
    change = next(f for f in doc["flags"] if f["method"] == "change" and f["region"] is None)
    assert (change["value"], change["baseline"], change["window"]) == (
        week, base, {"start": "2021-03-22", "end": "2021-03-28"})


def test_since_version_keeps_only_new_flags(two_versions):
    _, everything, _ = _alerts("--db", str(two_versions), "--json")
    _, new, _ = _alerts("--db", str(two_versions), "--json", "--since-version", "1")
    all_flags, new_flags = json.loads(everything)["flags"], json.loads(new)["flags"]
    # Version 2 added ACLED's Bangladesh rows; UCDP's flags (windows ending December 2023) were there at version 1.
    assert {f["dataset"] for f in new_flags} == {"acled"}
    assert [f["id"] for f in new_flags] == [f["id"] for f in all_flags if f["dataset"] == "acled"]
    assert any(f["dataset"] == "ucdp" for f in all_flags)
    _, none, _ = _alerts("--db", str(two_versions), "--json", "--since-version", "2")
    assert json.loads(none)["flags"] == []


def test_atom_feed_parses_and_keeps_its_entry_ids(two_versions, tmp_path):
    first, second = tmp_path / "a.atom", tmp_path / "b.atom"
    assert _alerts(LINK, "--db", str(two_versions), "--atom", str(first))[0] == 0
    assert _alerts(LINK, "--db", str(two_versions), "--atom", str(second))[0] == 0
    feed = feedparser.parse(first.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    _, out, _ = _alerts(LINK, "--db", str(two_versions), "--json")
    flags = json.loads(out)["flags"]
    assert [e.id for e in feed.entries] == [f["id"] for f in flags]
    assert [e.summary for e in feed.entries] == [f["sentence"] for f in flags]
    assert feed.entries[0].link == flags[0]["link"]
    again = feedparser.parse(second.read_bytes())
    assert [(e.id, e.updated) for e in again.entries] == [(e.id, e.updated) for e in feed.entries]


@pytest.mark.parametrize(("args", "says"), [
    (["--as-of", "2021-02-30"], "error: --as-of: "),
    (["--since-version", "99"], "error: --since-version 99 is not a data version"),
    (["http://h/nowhere?c=MMR"], "is not a link to a page"),
    (["http://h/trends?c=Atlantis"], "error: Unknown country in the link: “Atlantis”"),
])
def test_errors_are_error_lines_with_status_2(two_versions, args, says):
    code, _, err = _alerts(*args, "--db", str(two_versions))
    assert code == 2 and says in err and "Traceback" not in err


def test_no_database_is_an_error(tmp_path):
    code, _, err = _alerts("--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and err.startswith("error: no database at")


def test_an_older_database_says_how_to_upgrade(tmp_path, bundled_db):
    from tests.app.test_old_database import older_database

    db = older_database(bundled_db, tmp_path)
    code, _, err = _alerts("--db", str(db))
    assert code == 2 and err.startswith("error: ") and "python -m etl upgrade --db" in err
    assert "Traceback" not in err
