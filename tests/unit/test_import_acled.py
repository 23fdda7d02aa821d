"""ACLED exports: old and current columns, NA, three date spellings, events at sea, revisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.formats.acled import country_of, is_water_body
from etl.formats.base import Reject
from tests.conftest import FIXTURES, fetch_row, load_accounted, realdata

load = load_accounted


def event(con, event_id: str) -> dict:
    return fetch_row(con, "events", "event_id", event_id)


def test_current_columns_account_for_every_row(con):
    report = load(con, FIXTURES / "acled_current.csv")
    assert report.format == "acled"
    assert (report.rows_read, report.rows_loaded, report.rows_duplicate, report.rows_rejected) == (8, 4, 1, 3)
    assert report.reasons == {
        "unknown country 'Atlantis' in country (and no usable iso3/iso code)": 1,
        "event at sea ('Andaman Sea') without coordinates: nothing places it": 1,
        "negative count in fatalities_best: '-1'": 1,
    }


def test_fatalities_are_the_best_estimate_and_precision_codes_are_kept(con):
    load(con, FIXTURES / "acled_current.csv")
    e = event(con, "acled:MMR1001")
    assert (e["fatalities_low"], e["fatalities_best"], e["fatalities_high"]) == (None, 60, None)
    assert e["country_iso3"] == "MMR" and e["origin"] == "acled" and e["origin_id"] == "MMR1001"
    assert e["date_precision"] == "day" and e["geo_precision"] == "city (acled 1)"
    assert e["source_id"] == "acled:acled_current.csv"
    assert event(con, "acled:MMR1002")["date_precision"] == "week"
    assert event(con, "acled:MMR1003")["date_precision"] == "month"


def test_three_date_spellings_and_na(con):
    load(con, FIXTURES / "acled_current.csv")
    assert str(event(con, "acled:MMR1002")["event_date"]) == "2021-01-02"  # 02 January 2021
    assert str(event(con, "acled:MMR1003")["event_date"]) == "2021-04-01"  # 2021-04-01T00:00:00Z
    assert event(con, "acled:MMR1003")["fatalities_best"] is None  # NA
    assert "cluster_note" not in json.loads(event(con, "acled:MMR1003")["extra"])  # NA is not kept as text


def test_unmapped_and_analyst_columns_are_kept_in_extra(con):
    load(con, FIXTURES / "acled_current.csv")
    extra = json.loads(event(con, "acled:MMR1001")["extra"])
    assert extra["disorder_type"] == "Political violence"
    assert extra["inter1"] == "State forces"  # text inter codes, as newer exports write them
    assert extra["civilian_targeting"] == "Civilian targeting"
    assert extra["cluster_note"] == "checked"
    assert extra["source"] == "Myanmar Now"


def test_quoted_notes_keep_their_line_break(con):
    load(con, FIXTURES / "acled_current.csv")
    assert event(con, "acled:MMR1002")["summary"] == "Students marched, chanting slogans;\nno injuries were reported."


def test_event_at_sea_keeps_coordinates_and_names_the_water(con):
    load(con, FIXTURES / "acled_current.csv")
    e = event(con, "acled:BGD2001")
    assert e["country_iso3"] is None
    assert e["location"] == "Bay of Bengal"
    assert (e["latitude"], e["longitude"]) == (21.0, 91.5)
    assert json.loads(e["extra"])["country"] == "Bay of Bengal"


def test_old_columns_cp1252_and_hxl_row(con):
    report = load(con, FIXTURES / "acled_old_cp1252.csv")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 2, 0)
    assert any("HXL" in note for note in report.notes)
    first = event(con, "acled:CIV501")
    assert first["country_iso3"] == "CIV"  # from the iso3 column
    assert str(first["event_date"]) == "2019-03-12"  # "12 March 2019"
    assert first["summary"] == "Des étudiants ont manifesté à Cocody."
    assert event(con, "acled:CIV502")["country_iso3"] == "CIV"  # iso3 blank: numeric iso 384
    assert json.loads(first["extra"])["event_id_no_cnty"] == "501"


def test_country_prefers_iso3_then_numeric_iso_then_name():
    assert country_of("MMR", "50", "Bangladesh") == "MMR"
    assert country_of(None, "104", "Nowhere") == "MMR"
    assert country_of(None, "0", "Kosovo") == "XKX"
    assert country_of(None, None, "Red Sea", placed=True) is None  # at sea, placed by its coordinates
    with pytest.raises(Reject, match="event at sea"):
        country_of(None, None, "Red Sea", placed=False)
    with pytest.raises(Reject, match="unknown country 'Narnia'"):
        country_of(None, None, "Narnia")
    assert is_water_body("Gulf of Aden") and is_water_body("Strait of Hormuz") and not is_water_body("Mali")


def _rewrite(source: Path, target: Path, changes: dict[str, tuple[str, str]]) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        for event_id, (old, new) in changes.items():
            if line.startswith(event_id + ","):
                line = line.replace(old, new)
        out.append(line)
    target.write_text("".join(out), encoding="utf-8")
    return target


def test_a_newer_export_updates_changed_rows_and_counts_them(con, tmp_path):
    first = load(con, FIXTURES / "acled_current.csv")
    newer = _rewrite(FIXTURES / "acled_current.csv", tmp_path / "acled_2021-06-01.csv",
                     {"MMR1003": (",NA,,1618000002,", ",7,,1620000000,")})  # ACLED revised one event
    second = load(con, newer)
    assert second.rows_updated == 1
    assert second.rows_loaded == 1 and second.rows_duplicate == first.rows_loaded + first.rows_duplicate - 1
    revised = event(con, "acled:MMR1003")
    assert revised["fatalities_best"] == 7 and revised["source_id"] == "acled:acled_2021-06-01.csv"
    # unchanged events keep the export they first came from
    assert event(con, "acled:MMR1001")["source_id"] == "acled:acled_current.csv"
    assert con.execute("SELECT rows_updated FROM batches ORDER BY batch_id DESC LIMIT 1").fetchone()[0] == 1


def test_loading_the_same_export_twice_changes_nothing(con):
    load(con, FIXTURES / "acled_current.csv")
    before = con.execute("SELECT count(*), sum(fatalities_best) FROM events").fetchone()
    again = load(con, FIXTURES / "acled_current.csv")
    assert again.rows_loaded == 0 and again.rows_updated == 0
    assert con.execute("SELECT count(*), sum(fatalities_best) FROM events").fetchone() == before


def test_real_bangladesh_sample(con):
    path = realdata("acled/acled_bangladesh_sample.csv")
    report = load(con, path)
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_rejected) == ("acled", 3000, 3000, 0)
    total, protests, countries = con.execute(
        "SELECT sum(fatalities_best), count(*) FILTER (event_type = 'Protests'), list(DISTINCT country_iso3) "
        "FROM events WHERE origin = 'acled'").fetchone()
    assert (total, protests, countries) == (849, 1311, ["BGD"])
    precision = dict(con.execute("SELECT date_precision, count(*) FROM events GROUP BY 1").fetchall())
    assert precision == {"day": 2980, "week": 18, "month": 2}
    extra = json.loads(event(con, "acled:BGD28612")["extra"])
    assert extra["inter_type"] == "political militia versus civilians"  # the sample's added column
