"""HDX HAPI conflict events: monthly counts per admin area into `event_counts`, never into `events`; an empty
fatalities figure stays unknown (NULL), never 0."""

from __future__ import annotations

import csv
import json

from tests.conftest import FIXTURES, etl_json, load_accounted, realdata

FIXTURE = FIXTURES / "hdx_hapi_conflict_events.csv"  # UTF-8 with BOM and CRLF, as HDX writes it; test values


def count_row(con, area: str, event_type: str, start: str = "2025-01-01") -> dict:
    cur = con.execute("SELECT * FROM event_counts WHERE admin_area = ? AND event_type = ? AND period_start = ?",
                      [area, event_type, start])
    row = cur.fetchone()
    assert row is not None, (area, event_type, start)
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def test_fixture_accounting_and_reasons(con):
    report = load_accounted(con, FIXTURE)
    assert (report.format, report.table) == ("hdx-hapi", "event_counts")
    assert (report.rows_read, report.rows_loaded, report.rows_duplicate, report.rows_rejected) == (13, 9, 1, 3)
    assert report.reasons == {
        "events is not a number: 'many'": 1,
        "period_end 2025-01-01 is before period_start 2025-01-31": 1,
        "unknown country 'XXX' in country_iso3 (use an ISO-3 code such as MMR)": 1,
    }
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 0  # counts are not events


def test_a_row_keeps_its_area_period_and_source(con):
    load_accounted(con, FIXTURE)
    row = count_row(con, "Sagaing / Shwebo", "political_violence")
    assert (row["origin"], row["country_iso3"], row["admin1"], row["admin2"], row["admin_level"]) == (
        "hdx-hapi", "MMR", "Sagaing", "Shwebo", 2)
    assert (str(row["period_start"]), str(row["period_end"]), row["events"], row["fatalities"]) == (
        "2025-01-01", "2025-01-31", 10, 20)
    publisher, = con.execute("SELECT publisher FROM sources WHERE source_id = ?", [row["source_id"]]).fetchone()
    assert "HDX HAPI" in publisher and "ACLED" in publisher
    whole = count_row(con, "(whole country)", "political_violence")
    assert (whole["country_iso3"], whole["admin1"], whole["admin2"], whole["admin_level"]) == ("ALB", None, None, 0)


def test_empty_fatalities_are_unknown_not_zero(con):
    load_accounted(con, FIXTURE)
    assert count_row(con, "Sagaing / Shwebo", "demonstration")["fatalities"] is None
    assert count_row(con, "Sagaing / Shwebo", "political_violence", "2025-02-01")["fatalities"] == 0  # a stated 0


def test_hdx_s_own_pcode_notes_stay_with_the_row(con):
    load_accounted(con, FIXTURE)
    extra = json.loads(count_row(con, "Kachin / Bhamo", "political_violence")["extra"])
    assert extra["warning"] == "PCode mismatch MMR001D002 != Bhamo" and extra["admin2_code"] == "MMR001D002"


def test_detected_from_the_header_not_the_name(tmp_path):
    renamed = tmp_path / "export.csv"
    renamed.write_bytes(FIXTURE.read_bytes())
    code, out = etl_json("check", str(renamed))
    assert code == 1 and out["files"][0]["format"] == "hdx-hapi"


def test_a_reload_changes_nothing(con):
    load_accounted(con, FIXTURE)
    again = load_accounted(con, FIXTURE)
    assert (again.rows_loaded, again.rows_duplicate, again.rows_rejected) == (0, 10, 3)


def test_real_global_2025_file(con):
    path = realdata("hdx/hdx_hapi_conflict_event_global_2025.csv")
    report = load_accounted(con, path)
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_duplicate, report.rows_rejected,
            report.rows_flagged) == ("hdx-hapi", 14373, 14373, 0, 0, 0)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 14373
    demonstrations = [r for r in rows if r["event_type"] == "demonstration"]
    assert demonstrations and all(r["fatalities"] == "" for r in demonstrations)
    by_type = {t: (n, events, fatalities, known) for t, n, events, fatalities, known in con.execute(
        "SELECT event_type, count(*), sum(events), sum(fatalities), count(fatalities) FROM event_counts GROUP BY 1"
    ).fetchall()}
    for event_type in ("political_violence", "civilian_targeting", "demonstration"):
        mine = [r for r in rows if r["event_type"] == event_type]
        stated = [int(r["fatalities"]) for r in mine if r["fatalities"] != ""]
        assert by_type[event_type] == (len(mine), sum(int(r["events"]) for r in mine),
                                       sum(stated) if stated else None, len(stated))
    assert by_type["demonstration"][2:] == (None, 0)  # 4,791 rows, no fatality figure: unknown, not 0
