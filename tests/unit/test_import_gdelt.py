"""GDELT 1.0/2.0 events, raw (no header; 57, 58, 61 columns) and with a header; FIPS and CAMEO codes."""

from __future__ import annotations

import csv
import json

import pytest

from etl.formats.base import Reject
from etl.formats.gdelt import (
    COLUMNS_V1,
    COLUMNS_V1_BACKFILE,
    COLUMNS_V2,
    FIPS_TO_ISO3,
    GdeltFormat,
    UnknownCode,
    cameo_country,
    fips_to_iso3,
)
from monitor.countries import is_known_iso3
from tests.conftest import FIXTURES, fetch_row, load_accounted, realdata

load = load_accounted


def event(con, event_id: str) -> dict:
    return fetch_row(con, "events", "event_id", event_id)


def test_raw_shapes_are_the_documented_column_counts():
    assert (len(COLUMNS_V1_BACKFILE), len(COLUMNS_V1), len(COLUMNS_V2)) == (57, 58, 61)
    assert COLUMNS_V2[-2:] == ["DATEADDED", "SOURCEURL"] and "ActionGeo_ADM2Code" in COLUMNS_V2
    assert "ActionGeo_ADM2Code" not in COLUMNS_V1


@pytest.mark.parametrize("name, rows", [("gdelt2_raw.export.CSV", 7), ("gdelt1_raw.export.CSV", 3),
                                        ("gdelt1_backfile.csv", 2), ("gdelt2_header.csv", 5)])
def test_every_shape_is_detected_and_read(con, name, rows):
    report = load(con, FIXTURES / name)
    assert report.format == "gdelt" and report.rows_read == rows


def test_headerless_detection_needs_the_shape_not_just_the_count():
    fmt = GdeltFormat()
    assert fmt.detect(["x"] * 61) is None
    with (FIXTURES / "gdelt2_raw.export.CSV").open(encoding="utf-8", newline="") as f:
        first = next(csv.reader(f, delimiter="\t"))
    detection = fmt.detect(first)
    assert detection is not None and not detection.first_row_is_header and detection.columns == COLUMNS_V2


def test_visit_codes_get_a_clear_type(con):
    load(con, FIXTURES / "gdelt2_raw.export.CSV")
    visit = event(con, "gdelt:700000001")
    assert visit["event_type"] == "visit"
    assert visit["sub_event_type"] == "make a visit (Actor1 visits Actor2) (CAMEO 042)"
    assert (visit["actor1"], visit["actor2"]) == ("MYANMAR", "RUSSIA")
    assert event(con, "gdelt:700000002")["sub_event_type"].startswith("host a visit (Actor1 hosts Actor2)")
    assert event(con, "gdelt:700000003")["event_type"] == "meeting"
    assert event(con, "gdelt:700000004")["event_type"] == "fight"  # CAMEO root 19


def test_fips_places_become_iso3_and_actor2_is_the_counterpart(con):
    report = load(con, FIXTURES / "gdelt2_raw.export.CSV")
    moscow = event(con, "gdelt:700000001")
    assert (moscow["country_iso3"], moscow["counterpart_iso3"]) == ("RUS", "RUS")  # FIPS RS is Russia
    assert (moscow["latitude"], moscow["longitude"]) == (55.7522, 37.6156)
    assert moscow["geo_precision"] == "city (gdelt 4)" and moscow["location"] == "Moscow, Moskva, Russia"
    assert event(con, "gdelt:700000004")["country_iso3"] == "MMR"  # FIPS BM is Burma
    nowhere = event(con, "gdelt:700000005")
    assert nowhere["country_iso3"] is None and nowhere["latitude"] is None
    assert nowhere["counterpart_iso3"] is None  # CAMEO AFR is a region
    assert event(con, "gdelt:700000006")["country_iso3"] is None  # Spratly Islands: no ISO country
    assert report.reasons == {"unknown FIPS 10-4 country code 'QQ' in ActionGeo_CountryCode": 1}


def test_source_url_becomes_the_source(con):
    load(con, FIXTURES / "gdelt2_raw.export.CSV")
    assert event(con, "gdelt:700000001")["source_id"] == "gdelt:https://example.org/news/mah-moscow"
    publisher, url = con.execute("SELECT publisher, url FROM sources WHERE source_id = ?",
                                 ["gdelt:https://example.org/news/mah-moscow"]).fetchone()
    assert (publisher, url) == ("example.org", "https://example.org/news/mah-moscow")
    # two events from one article: one source row
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 5


def test_backfile_without_url_cites_the_file(con):
    load(con, FIXTURES / "gdelt1_backfile.csv")
    assert event(con, "gdelt:700000001")["source_id"] == "gdelt:gdelt1_backfile.csv"


def test_codes_keep_leading_zeros_and_header_descriptions_are_used(con):
    load(con, FIXTURES / "gdelt2_header.csv")
    e = event(con, "gdelt:700000005")
    assert e["sub_event_type"] == "Make statement, not specified below (CAMEO 010)"
    extra = json.loads(e["extra"])
    assert extra["EventCode"] == "010" and extra["EventRootCode"] == "01"


def test_fips_table():
    assert fips_to_iso3("UK") == "GBR" and fips_to_iso3("GM") == "DEU" and fips_to_iso3("AS") == "AUS"
    assert fips_to_iso3("AU") == "AUT" and fips_to_iso3("SF") == "ZAF" and fips_to_iso3("KV") == "XKX"
    assert fips_to_iso3("OD") == "SSD" and fips_to_iso3("GZ") == "PSE" and fips_to_iso3("OS") is None
    with pytest.raises(UnknownCode):
        fips_to_iso3("QQ")
    assert all(code is None or is_known_iso3(code) for code in FIPS_TO_ISO3.values())


def test_cameo_countries():
    assert cameo_country("USA") == "USA" and cameo_country("ROM") == "ROU" and cameo_country("EUR") is None
    with pytest.raises(Reject, match="unknown CAMEO country code 'QQQ'"):
        cameo_country("QQQ")


def test_real_gdelt2_sample_with_header(con):
    path = realdata("gdelt/gdeltpyr_events2samps_20170701234500.csv")
    report = load(con, path)
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_rejected) == ("gdelt", 6090, 6090, 0)
    types = dict(con.execute("SELECT sub_event_type[:20], count(*) FROM events "
                             "WHERE event_type IN ('visit', 'meeting') GROUP BY 1").fetchall())
    assert types == {"make a visit (Actor1": 480, "host a visit (Actor1": 430, "meet at a third loca": 2}
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 1383  # one per article URL
    by_country = dict(con.execute("SELECT country_iso3, count(*) FROM events GROUP BY 1").fetchall())
    assert by_country["GBR"] == 306 and by_country["RUS"] == 96 and by_country[None] == 105
