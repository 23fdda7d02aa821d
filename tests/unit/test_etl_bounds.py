"""Numbers and links from data (issue 8): every bad value is a reject with its reason or a warning, never a
crash, and one bad row never stops the rest of the file."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, load_accounted
from tests.unit.test_etl_validation import EVENTS_HEADER, SOURCES, load

ROW = "e{n},2021-06-24,,battle,MMR,,{best},,src1"


def events_with_counts(con, tmp_path, *counts: str):
    load(con, tmp_path, "sources.csv", SOURCES)
    rows = [ROW.format(n=0, best="3")] + [ROW.format(n=i, best=c) for i, c in enumerate(counts, 1)]
    return load(con, tmp_path, "events.csv", EVENTS_HEADER + "".join(r + "\n" for r in rows))


@pytest.mark.parametrize("count", ["inf", "-inf", "nan", "-nan", "Infinity"])
def test_non_finite_counts_are_rejected_with_a_reason(con, tmp_path, count):
    report = events_with_counts(con, tmp_path, count)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 1, 1)
    assert report.rejects == [(3, f"fatalities_best is not a finite number: {count!r}")]


@pytest.mark.parametrize("count", ["3000000000", "1e10", "1e308", "100000001"])
def test_counts_beyond_reason_are_rejected_and_the_rest_loads(con, tmp_path, count):
    report = events_with_counts(con, tmp_path, count, "5")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert report.rejects == [(3, f"fatalities_best {count!r} is out of range: a count here is at most 100,000,000")]
    assert con.execute("SELECT sum(fatalities_best) FROM events").fetchone()[0] == 8


def test_vote_totals_are_bounded_too(con, tmp_path):
    load(con, tmp_path, "sources.csv", SOURCES)
    report = load(con, tmp_path, "res.csv", "resolution_id,body,vote_date,yes,no,abstain,source_id\n"
                                            "A/RES/1/1,UNGA,2021-06-18,5000,1,1,src1\n")
    assert report.rejects == [(2, "yes '5000' is out of range: a count here is at most 1,000")]


@pytest.mark.parametrize("column, value, reason", [
    ("latitude", "95", "latitude 95.0 is outside -90..90"),
    ("longitude", "-181.5", "longitude -181.5 is outside -180..180"),
    ("latitude", "inf", "latitude is not a finite number: 'inf'"),
])
def test_coordinates_are_bounded(con, tmp_path, column, value, reason):
    load(con, tmp_path, "sources.csv", SOURCES)
    lat, lon = (value, "10") if column == "latitude" else ("10", value)
    report = load(con, tmp_path, "ev.csv", "event_id,event_date,event_type,country_iso3,latitude,longitude,source_id\n"
                                           f"e1,2021-06-21,meeting,RUS,{lat},{lon},src1\n")
    assert report.rejects == [(2, reason)]


def test_a_link_that_is_no_web_url_is_kept_as_text_with_a_warning(con, tmp_path):
    report = load(con, tmp_path, "sources.csv",
                  "source_id,publisher,title,url\n"
                  "ok,P,T,https://example.org/a\n"
                  "js,P,T,javascript:alert(1)\n"
                  "md,P,T,https://example.com/x) ![img](https://evil.example/track.png)\n")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    rows = dict(con.execute("SELECT source_id, url FROM sources").fetchall())
    assert rows == {"ok": "https://example.org/a", "js": None, "md": None}
    notes = con.execute("SELECT notes FROM sources WHERE source_id = 'js'").fetchone()[0]
    assert notes == "Link as given (not a web URL): javascript:alert(1)"
    warned = [m for (m,) in con.execute("SELECT reason FROM warnings ORDER BY line_no").fetchall()]
    assert len(warned) == 2 and warned[0].startswith("source 'js': the link 'javascript:alert(1)' is not an absolute")


def test_a_broken_gdelt_source_url_neither_crashes_nor_becomes_a_link(con, tmp_path):
    text = (FIXTURES / "gdelt2_raw.export.CSV").read_text(encoding="utf-8")
    broken = tmp_path / "gdelt_broken.CSV"
    broken.write_text(text.replace("https://example.org/news/mah-moscow", "http://[x"), encoding="utf-8")
    report = load_accounted(con, broken)
    assert report.rows_loaded == 6
    url, notes = con.execute("SELECT url, notes FROM sources WHERE source_id = 'gdelt:http://[x'").fetchone()
    assert url is None and notes.endswith("Link as given (not a web URL): http://[x")
    assert con.execute("SELECT count(*) FROM warnings WHERE reason LIKE '%http://[x%'").fetchone()[0] >= 1
