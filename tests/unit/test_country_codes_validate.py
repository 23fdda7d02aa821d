"""One definition of a valid country (issue 16, item 3): every code the resolver (monitor/countries.py, its tables
in monitor/country_names.py) can return is valid wherever a country is checked: it resolves to itself, and the
ETL loads it in country_iso3. Zanzibar's votes in the full unvotes history came out as "unknown country 'XZN'"."""

from __future__ import annotations

import duckdb

from monitor.countries import alias_pairs, known_codes, to_iso3
from monitor.country_names import ALIASES, DISPLAY, PROJECT_CODES, RENAMED
from tests.conftest import etl_json


def every_code() -> set[str]:
    """What the resolver can return, gathered from its tables and its index, not from the check under test."""
    return ({code for _, code in alias_pairs()} | set(ALIASES.values()) | set(DISPLAY) | set(PROJECT_CODES)
            | set(RENAMED.values()) | set(known_codes()))


def test_the_walk_covers_the_project_codes():
    assert {"XZN", "XHI", "XKX", "SUN", "YUG", "MMR"} <= every_code()
    assert to_iso3("Zanzibar") == "XZN" and to_iso3("Hawaii") == "XHI"


def test_every_code_the_resolver_returns_resolves_to_itself():
    wrong = {code: to_iso3(code) for code in sorted(every_code()) if to_iso3(code) != code}
    assert wrong == {}


def test_every_code_the_resolver_returns_loads_as_a_country(tmp_path):
    codes = sorted(every_code())
    sources = tmp_path / "sources.csv"
    sources.write_text("source_id,publisher,title\nsrc1,Test Publisher,A test source\n", encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text("event_id,event_date,event_type,country_iso3,source_id\n"
                      + "".join(f"e-{code},2021-02-01,test,{code},src1\n" for code in codes), encoding="utf-8")
    db = tmp_path / "codes.duckdb"
    code, report = etl_json("load", str(sources), str(events), "--db", str(db))
    ev = next(f for f in report["files"] if f["path"].endswith("events.csv"))
    assert ev["reasons"] == {} and code == 0
    assert (ev["rows_read"], ev["rows_loaded"]) == (len(codes), len(codes))
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert sorted(r[0] for r in con.execute("SELECT country_iso3 FROM events").fetchall()) == codes
    finally:
        con.close()
