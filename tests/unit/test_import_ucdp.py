"""UCDP GED: low/best/high kept, multi-day events, precision codes, line breaks in quoted fields."""

from __future__ import annotations

import csv
import json

import duckdb

from monitor import migrate
from tests.conftest import FIXTURES, etl_json, fetch_row, load_accounted, realdata

load = load_accounted


def event(con, event_id: str) -> dict:
    return fetch_row(con, "events", "event_id", event_id)


def test_fixture_accounting_and_reasons(con):
    report = load(con, FIXTURES / "ucdp_ged.csv")
    assert report.format == "ucdp"
    assert (report.rows_read, report.rows_loaded, report.rows_flagged, report.rows_rejected) == (8, 6, 2, 2)
    assert report.reasons == {
        "end_date 2019-03-01 is before event_date 2019-03-02": 1,
        "unknown country 'Ruritania' in country": 1,
    }


def test_estimates_out_of_order_load_as_published_and_flagged(con):
    """UCDP published them: best kept, low/high the smallest and largest of the three, the quirk in words."""
    load(con, FIXTURES / "ucdp_ged.csv")
    reversed_ = event(con, "ucdp:900005")  # published low 46, best 37, high 31
    assert (reversed_["fatalities_low"], reversed_["fatalities_best"], reversed_["fatalities_high"]) == (31, 37, 46)
    assert reversed_["flag"] == "low 46 > best 37 > high 31 as published; the range shown is 31–46"
    above = event(con, "ucdp:900008")  # published low 0, best 3, high 0
    assert (above["fatalities_low"], above["fatalities_best"], above["fatalities_high"]) == (0, 3, 3)
    assert above["flag"] == "best 3 > high 0 as published (low 0, best 3, high 0); the range shown is 0–3"
    assert event(con, "ucdp:900002")["flag"] is None
    warnings = [m for (m,) in con.execute("SELECT reason FROM warnings ORDER BY seq").fetchall()]
    assert warnings == ["UCDP event 900005: low 46 > best 37 > high 31 as published; the range shown is 31–46",
                        ("UCDP event 900008: best 3 > high 0 as published (low 0, best 3, high 0); the range "
                         "shown is 0–3")]
    concerns = con.execute("SELECT table_name, row_key FROM warnings ORDER BY seq").fetchall()
    assert concerns == [("events", "ucdp:900005"), ("events", "ucdp:900008")]  # the row each warning is about


def test_a_reload_of_flagged_rows_is_a_duplicate(con):
    load(con, FIXTURES / "ucdp_ged.csv")
    again = load(con, FIXTURES / "ucdp_ged.csv")
    assert (again.rows_loaded, again.rows_duplicate, again.rows_flagged) == (0, 6, 0)


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
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_duplicate, report.rows_rejected,
            report.rows_flagged) == ("ucdp", 7374, 7374, 0, 0, 10)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out_of_order = {r["id"] for r in rows if not int(r["low"]) <= int(r["best"]) <= int(r["high"])}
    assert len(out_of_order) == 10  # published so (e.g. best 3, high 0): loaded, each flagged, none rejected
    flagged = dict(con.execute("SELECT origin_id, flag FROM events WHERE flag IS NOT NULL").fetchall())
    assert set(flagged) == out_of_order
    assert flagged["71686"] == "best 3 > high 0 as published (low 0, best 3, high 0); the range shown is 0–3"
    warned = {m.split(":")[0] for (m,) in con.execute("SELECT reason FROM warnings").fetchall()}
    assert warned == {f"UCDP event {i}" for i in out_of_order}
    # best is UCDP's own total; low and high are the smallest and largest of each event's three numbers
    three = [(int(r["low"]), int(r["best"]), int(r["high"])) for r in rows]
    expected = (sum(min(t) for t in three), sum(t[1] for t in three), sum(max(t) for t in three))
    assert expected[1] == 28721
    got = con.execute("SELECT sum(fatalities_low), sum(fatalities_best), sum(fatalities_high) FROM events").fetchone()
    assert got == expected
    multi_day = con.execute("SELECT count(*) FROM events WHERE end_date > event_date").fetchone()[0]
    assert multi_day == sum(1 for r in rows if r["date_end"][:10] > r["date_start"][:10])
    assert con.execute("SELECT list(DISTINCT country_iso3) FROM events").fetchone()[0] == ["MMR"]
    with_breaks = {r["id"] for r in rows if any("\n" in v for v in r.values())}
    assert len(with_breaks) == 1410  # mostly where_description; \r\n kept as written
    loaded = {origin_id for origin_id, extra in con.execute("SELECT origin_id, extra FROM events").fetchall()
              if any("\n" in v for v in json.loads(extra).values())}
    assert loaded == with_breaks


def test_a_database_made_before_flags_gains_the_column_on_the_next_load(tmp_path):
    """Columns are only ever added: an analyst's older database takes the flagged rows without a rebuild."""
    db = tmp_path / "old.duckdb"
    old = duckdb.connect(str(db))
    migrate.create_all(old)
    old.execute("ALTER TABLE events DROP COLUMN flag")
    old.execute("ALTER TABLE events_history DROP COLUMN flag")
    old.close()
    code, out = etl_json("load", str(FIXTURES / "ucdp_ged.csv"), "--db", str(db))
    assert code == 1 and out["files"][0]["rows_flagged"] == 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT flag FROM events WHERE event_id = 'ucdp:900008'").fetchone()[0].startswith(
            "best 3 > high 0 as published")
    finally:
        con.close()
