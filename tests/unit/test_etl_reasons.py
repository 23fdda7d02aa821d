"""Reject reasons that read (issue 16, item 2): --json and the terminal group them by kind of reason, a count and
a few example lines each, never one entry per row; every row stays in the rejects table."""

from __future__ import annotations

import duckdb

from tests.conftest import etl, etl_json

SOURCES = "source_id,publisher,title\nsrc1,Test Publisher,A test source\n"


def events_with_bad_countries(path, n: int):
    """n events each with its own unknown country, and one with a bad date: two kinds of reason."""
    lines = [f"e{i},2021-02-01,coup,Atlantis{i},src1" for i in range(n)]
    lines.append("bad,2021-02-31,coup,MMR,src1")
    path.write_text("event_id,event_date,event_type,country_iso3,source_id\n" + "\n".join(lines) + "\n",
                    encoding="utf-8")
    return path


def test_json_groups_reasons_by_kind_with_counts_and_three_examples(tmp_path):
    sources = tmp_path / "s.csv"
    sources.write_text(SOURCES, encoding="utf-8")
    events = events_with_bad_countries(tmp_path / "e.csv", 120)
    db = tmp_path / "r.duckdb"
    code, report = etl_json("load", str(sources), str(events), "--db", str(db))
    assert code == 1
    ev = next(f for f in report["files"] if f["path"].endswith("e.csv"))
    assert ev["rows_rejected"] == 121
    assert ev["reasons"] == {
        "unknown country … in country_iso3 (use an ISO-3 code such as MMR)": {"count": 120, "examples": [
            {"line": 2, "reason": "unknown country 'Atlantis0' in country_iso3 (use an ISO-3 code such as MMR)"},
            {"line": 3, "reason": "unknown country 'Atlantis1' in country_iso3 (use an ISO-3 code such as MMR)"},
            {"line": 4, "reason": "unknown country 'Atlantis2' in country_iso3 (use an ISO-3 code such as MMR)"}]},
        "bad date … in event_date (use YYYY-MM-DD, a real calendar date)": {"count": 1, "examples": [
            {"line": 122, "reason": "bad date '2021-02-31' in event_date (use YYYY-MM-DD, a real calendar "
                                    "date)"}]},
    }
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM rejects WHERE input_path LIKE '%e.csv'").fetchone()[0] == 121
    finally:
        con.close()


def test_the_terminal_summary_shows_each_kind_once_with_its_count(tmp_path):
    sources = tmp_path / "s.csv"
    sources.write_text(SOURCES, encoding="utf-8")
    events = events_with_bad_countries(tmp_path / "e.csv", 120)
    done = etl("check", str(sources), str(events), "--db", str(tmp_path / "r.duckdb"))
    assert done.returncode == 1
    assert "     120 × unknown country … in country_iso3 (use an ISO-3 code such as MMR)" in done.stdout
    assert "line 4: unknown country 'Atlantis2'" in done.stdout
    assert "Atlantis3'" not in done.stdout, "three examples a kind, not every row"
    assert "       1 × bad date … in event_date" in done.stdout
