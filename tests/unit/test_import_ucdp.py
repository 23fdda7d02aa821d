"""UCDP GED: low/best/high kept, multi-day events, precision codes, line breaks in quoted fields."""

from __future__ import annotations

import csv
import json

from tests.conftest import FIXTURES, fetch_row, load_accounted, realdata

load = load_accounted


def event(con, event_id: str) -> dict:
    return fetch_row(con, "events", "event_id", event_id)


def test_fixture_accounting_and_reasons(con):
    report = load(con, FIXTURES / "ucdp_ged.csv")
    assert report.format == "ucdp"
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (7, 4, 3)
    assert report.reasons == {
        "inverted counts: fatalities_low 46 > fatalities_best 37 (need low <= best <= high)": 1,
        "end_date 2019-03-01 is before event_date 2019-03-02": 1,
        "unknown country 'Ruritania' in country": 1,
    }


def test_low_best_high_stay_three_numbers(con):
    load(con, FIXTURES / "ucdp_ged.csv")
    e = event(con, "ucdp:900002")
    assert (e["fatalities_low"], e["fatalities_best"], e["fatalities_high"]) == (8, 10, 25)
    assert e["origin"] == "ucdp" and e["origin_id"] == "900002" and e["country_iso3"] == "MMR"


def test_multi_day_event_keeps_its_span_and_precision(con):
    load(con, FIXTURES / "ucdp_ged.csv")
    e = event(con, "ucdp:900002")
    assert (str(e["event_date"]), str(e["end_date"])) == ("2021-05-13", "2021-05-17")
    assert e["date_precision"] == "week" and e["geo_precision"] == "near (ucdp 2)"
    year = event(con, "ucdp:900003")
    assert year["date_precision"] == "year" and year["geo_precision"] == "country (ucdp 6)"
    assert year["event_type"] == "one-sided violence"
    assert event(con, "ucdp:900004")["geo_precision"] == "water (ucdp 7)"


def test_line_break_inside_a_quoted_field_survives(con):
    load(con, FIXTURES / "ucdp_ged.csv")
    extra = json.loads(event(con, "ucdp:900002")["extra"])
    assert extra["source_headline"] == "Fighting in Mindat;\nmartial law declared"
    assert extra["deaths_a"] == "4" and extra["relid"] == "TST-2021-1-1-2"


def test_real_myanmar_sample(con):
    path = realdata("ucdp/ged_myanmar_1989_2023_netify.csv")
    report = load(con, path)
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_rejected) == ("ucdp", 7374, 7364, 10)
    # The ten rejects are GED rows whose estimates are out of order (e.g. best 3, high 0).
    assert all(reason.startswith("inverted counts") for reason in report.reasons)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ordered = [r for r in rows if int(r["low"]) <= int(r["best"]) <= int(r["high"])]
    expected = (sum(int(r["low"]) for r in ordered), sum(int(r["best"]) for r in ordered),
                sum(int(r["high"]) for r in ordered))
    assert expected[1] == 28398  # 28,721 in the file, less the 323 of the rejected rows
    got = con.execute("SELECT sum(fatalities_low), sum(fatalities_best), sum(fatalities_high) FROM events").fetchone()
    assert got == expected
    multi_day = con.execute("SELECT count(*) FROM events WHERE end_date > event_date").fetchone()[0]
    assert multi_day == sum(1 for r in ordered if r["date_end"][:10] > r["date_start"][:10])
    assert con.execute("SELECT list(DISTINCT country_iso3) FROM events").fetchone()[0] == ["MMR"]
    with_breaks = {r["id"] for r in rows if any("\n" in v for v in r.values())}
    assert len(with_breaks) == 1410  # mostly where_description; \r\n kept as written
    loaded = {origin_id for origin_id, extra in con.execute("SELECT origin_id, extra FROM events").fetchall()
              if any("\n" in v for v in json.loads(extra).values())}
    assert loaded == with_breaks & {r["id"] for r in ordered}
