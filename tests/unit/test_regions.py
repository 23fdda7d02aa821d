"""Regions as data (issue 17): admin1/admin2 columns filled by every importer, and by `etl upgrade` from `extra`
for a database loaded before they were columns. Expectations come from the raw files, read with pandas."""

from __future__ import annotations

import duckdb
import pandas as pd

from monitor.regions import parse_region, region_key
from tests.conftest import etl, etl_json, load_accounted, realdata

UCDP = "ucdp/ged_myanmar_1989_2023_netify.csv"
ACLED = "acled/acled_bangladesh_sample.csv"
GDELT = "gdelt/gdeltpyr_events2samps_20170701234500.csv"
VIOLENCE = {1: "state-based conflict", 2: "non-state conflict", 3: "one-sided violence"}  # GED codebook


def _ucdp_2022_by_region_and_type() -> dict[tuple[str, str], int]:
    raw = pd.read_csv(realdata(UCDP))
    year = raw[raw["date_start"].str[:4] == "2022"]
    sums = year.groupby([year["adm_1"].str.strip(), year["type_of_violence"].map(VIOLENCE)])["best"].sum()
    return {key: int(n) for key, n in sums.items()}


def test_ucdp_fatalities_per_region_and_type_in_2022_match_the_raw_file(con):
    load_accounted(con, realdata(UCDP))
    got = con.execute("""SELECT admin1, event_type, sum(fatalities_best) FROM events
        WHERE origin = 'ucdp' AND year(event_date) = 2022 AND admin1 IS NOT NULL GROUP BY ALL""").fetchall()
    assert {(a, t): int(n) for a, t, n in got} == _ucdp_2022_by_region_and_type()
    assert ("Sagaing region", "state-based conflict") in _ucdp_2022_by_region_and_type()


def test_acled_admin1_and_admin2_counts_match_the_raw_file(con):
    load_accounted(con, realdata(ACLED))
    raw = pd.read_csv(realdata(ACLED), dtype=str)
    for column in ("admin1", "admin2"):
        got = dict(con.execute(f"SELECT {column}, count(*) FROM events WHERE {column} IS NOT NULL GROUP BY ALL"
                               ).fetchall())
        assert got == raw[column].str.strip().value_counts().to_dict()


def _gdelt_admin1(geo_type: str, full_name: object) -> str | None:
    """GDELT codebook: 'City, ADM1, Country' (types 3, 4) or 'ADM1, Country' (types 2, 5)."""
    if not isinstance(full_name, str):
        return None
    parts = [p.strip() for p in full_name.split(",")]
    inner = parts[1:-1] if geo_type in ("3", "4") else parts[:-1] if geo_type in ("2", "5") else []
    name = ", ".join(inner)
    return None if not name or name.endswith("(general)") else name


def test_gdelt_admin1_comes_from_the_action_geography(con):
    report = load_accounted(con, realdata(GDELT))
    raw = pd.read_csv(realdata(GDELT), dtype=str, keep_default_na=False)
    raw["admin1"] = [_gdelt_admin1(t, f or None) for t, f in zip(raw["ActionGeo_Type"], raw["ActionGeo_FullName"],
                                                                  strict=True)]
    loaded = {r[0] for r in con.execute("SELECT origin_id FROM events WHERE origin = 'gdelt'").fetchall()}
    assert len(loaded) == report.rows_loaded
    expected = raw[raw["GLOBALEVENTID"].isin(loaded)].groupby("admin1").size().to_dict()
    got = dict(con.execute("SELECT admin1, count(*) FROM events WHERE admin1 IS NOT NULL GROUP BY ALL").fetchall())
    assert got == expected
    assert got["Al Qahirah"] >= 1 and "United Kingdom (general)" not in got
    assert con.execute("SELECT count(*) FROM events WHERE admin2 IS NOT NULL").fetchone()[0] == 0


def test_upgrade_fills_regions_from_extra_keeping_every_row(tmp_path):
    db = tmp_path / "old.duckdb"
    for path in (UCDP, ACLED, GDELT):
        assert etl("load", str(realdata(path)), "--db", str(db)).returncode in (0, 1)
    con = duckdb.connect(str(db))
    before = con.execute("SELECT event_id, admin1, admin2 FROM events ORDER BY event_id").fetchall()
    for table in ("events", "events_history"):  # as a database loaded before the columns existed
        con.execute(f"ALTER TABLE {table} DROP COLUMN admin1")
        con.execute(f"ALTER TABLE {table} DROP COLUMN admin2")
    con.close()
    code, report = etl_json("upgrade", "--db", str(db))
    assert code == 0 and "events.admin1" in report["added"], report
    con = duckdb.connect(str(db), read_only=True)
    after = con.execute("SELECT event_id, admin1, admin2 FROM events ORDER BY event_id").fetchall()
    con.close()
    assert after == before and len(after) > 16_000
    code, again = etl_json("load", str(realdata(UCDP)), "--db", str(db))
    assert again["files"][0]["rows_loaded"] == 0  # the importer fills the same values: a reload is a duplicate


def test_region_keys_round_trip():
    assert parse_region(region_key("MMR", "Sagaing region")) == ("MMR", "Sagaing region")
    assert parse_region("mmr: Shan state ") == ("MMR", "Shan state")
    assert parse_region("Sagaing") is None and parse_region("MMR:") is None and parse_region("MYAN:x") is None
