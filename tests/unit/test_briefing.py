"""monitor.briefing: every page's view as one HTML file; data stays text; the CLI's messages and exit codes."""

from __future__ import annotations

from datetime import datetime

import pytest

from monitor import attribution, briefing
from monitor.store import Store
from tests.fixture_db import build_store

MADE = datetime(2026, 11, 29, 8, 0)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def bundled(bundled_db) -> Store:
    return Store(bundled_db)


@pytest.mark.parametrize("path", ["/", "/timeline", "/un-votes", "/relationships?pair=RUS-MMR", "/map",
                                  "/data?tab=sources", "/changes"])
def test_every_page_makes_a_briefing(bundled, path):
    html = briefing.build(bundled, f"http://host{path}", MADE)
    assert html.startswith("<!DOCTYPE html>") and "Sources and attribution" in html
    assert "29 November 2026 08:00 UTC" in html
    assert "Countries: all countries" in html


def test_the_same_link_gives_the_same_file(bundled):
    link = "https://x.example/un-votes?res=A/RES/75/287&c=MMR&c=RUS"
    assert briefing.build(bundled, link, MADE) == briefing.build(bundled, link, MADE)


def test_plotly_and_the_basemap_are_inlined_once(bundled):
    html = briefing.build(bundled, "http://h/un-votes?res=A/RES/75/287", MADE)
    assert html.count("window.PlotlyGeoAssets = {topojson:") == 1
    assert html.count("Plotly.newPlot(") == 2
    assert "cdn.plot.ly" not in html.replace("https://cdn.plot.ly/un/", "")  # only plotly.js's unused default


def test_the_link_is_the_page_link_with_the_values_used_and_bad_values_warn(bundled):
    html = briefing.build(bundled, "http://analyst:8501/un-votes?res=A/RES/99/999&c=XXX&from=2021-06-01", MADE)
    assert "http://analyst:8501/un-votes?from=2021-06-01&amp;to=" in html
    assert "Unknown country in the link: “XXX”" in html
    assert "“A/RES/99/999” is not a resolution in the database" in html


def test_text_from_data_stays_text(tmp_path):
    store = build_store(tmp_path / "hostile.duckdb", {
        "sources": [{"source_id": "s", "publisher": HOSTILE, "title": HOSTILE, "url": "https://x"}],
        "events": [{"event_id": "e", "event_date": "2021-06-02", "event_type": HOSTILE, "country_iso3": "MMR",
                    "summary": HOSTILE, "origin": "curated", "source_id": "s"}],
    })
    html = briefing.build(store, "http://h/?c=MMR", MADE)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_acknowledgements_follow_each_publishers_terms():
    acled = {"publisher": "ACLED (Armed Conflict Location & Event Data)", "url": "https://acleddata.com/data"}
    undl = {"publisher": "United Nations Digital Library", "url": "https://digitallibrary.un.org/record/3929594",
            "accessed_on": "2026-11-29"}
    found = dict((t.name, text) for t, text in attribution.acknowledgements([acled, undl]))
    assert set(found) == {"ACLED", "United Nations Digital Library"}
    assert "© United Nations, 2026, https://digitallibrary.un.org, downloaded on 2026-11-29" in found[
        "United Nations Digital Library"]
    assert "full citation which includes a link to ACLED’s website" in found["ACLED"]
    assert attribution.citation(undl) == ("United Nations Digital Library, "
                                          "https://digitallibrary.un.org/record/3929594 (accessed 2026-11-29)")


def test_the_cli_writes_the_file_and_says_what_is_wrong(bundled_db, tmp_path, capsys):
    out = tmp_path / "b.html"
    said: list[str] = []
    assert briefing.main(["http://h/un-votes?res=A/RES/75/287", "--out", str(out), "--db", str(bundled_db)],
                         out=said.append) == 0
    assert out.read_text().count("<section") >= 3 and said[0].startswith(f"wrote {out}")
    assert briefing.main(["http://h/nowhere", "--out", str(out), "--db", str(bundled_db)]) == 2
    assert "'nowhere' is not a page of the dashboard" in capsys.readouterr().err
    assert briefing.main(["http://h/", "--out", str(out), "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "No database at" in capsys.readouterr().err
