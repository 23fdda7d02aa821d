"""What a UN vote was on: UNDL votes on amendments and paragraphs (no symbol, keyed by their library record),
and the unvotes issue codes (subjects of roll calls already loaded).

tests/fixtures/undl_separate_votes.csv is ILLUSTRATIVE: rows in the UN Digital Library export's shape, with
titles written as the library catalogues such votes ("Amendment to draft resolution A/C.3/…"), but the record
ids (9100001 …), symbols and totals are made up for the test, not taken from real records.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.formats._shared import normalise_resolution_id
from monitor.ids import issue_id
from monitor.queries import data as data_queries
from monitor.queries.filters import Filters
from monitor.store import Store
from tests.conftest import FIXTURES, etl_json, load_accounted, realdata

load = load_accounted


def row(con, sql: str, *params):
    return con.execute(sql, list(params)).fetchone()


@pytest.mark.parametrize("raw", ["undl:3929594", "UNDL 3929594", " undl:3929594.0 ",
                                 "https://digitallibrary.un.org/record/3929594",
                                 "digitallibrary.un.org/record/3929594/"])
def test_a_library_record_has_one_spelling(raw):
    assert normalise_resolution_id(raw) == "undl:3929594"


@pytest.mark.parametrize("raw, slug", [
    ("Nuclear weapons and nuclear material", "nuclear-weapons"), ("nu", "nuclear-weapons"),
    ("Nuclear-Weapons", "nuclear-weapons"), ("Palestinian conflict", "palestinian-conflict"),
    ("me", "palestinian-conflict"),
    ("Arms control and disarmament", "arms-control"), (" Human rights ", "human-rights"),
    ("Climate change", "climate-change"), ("", ""),
])
def test_an_issue_has_one_spelling(raw, slug):
    assert issue_id(raw) == slug


# --- UN Digital Library: votes on amendments and paragraphs ---------------------------------------------------

def test_undl_amendment_and_paragraph_votes_load_under_their_record(con):
    report = load(con, FIXTURES / "undl_separate_votes.csv")
    assert (report.rows_read, report.rows_loaded, report.rows_duplicate, report.rows_rejected) == (8, 7, 0, 1)
    kinds = dict(con.execute("SELECT resolution_id, vote_kind FROM resolutions").fetchall())
    # "Motion to adjourn the debate" names no document: a procedural vote (issue 16). A resolution about amending a
    # treaty is a resolution all the same.
    assert kinds == {"undl:9100001": "amendment", "undl:9100002": "paragraph", "undl:9100003": "procedural",
                     "A/RES/79/999": None}
    got = row(con, "SELECT body, title, yes, no, abstain, non_voting, adopted, source_id, origin_id FROM resolutions "
                   "WHERE resolution_id = 'undl:9100001'")
    assert got == ("UNGA", "Amendment to draft resolution A/C.3/79/L.40", 70, 90, 20, 13, None, "undl:9100001",
                   "9100001")
    assert dict(con.execute("SELECT country_iso3, vote FROM votes WHERE resolution_id = 'undl:9100001'").fetchall()) \
        == {"RUS": "Y", "FRA": "N", "IND": "A"}
    url = row(con, "SELECT url FROM sources WHERE source_id = 'undl:9100002'")[0]
    assert url == "https://digitallibrary.un.org/record/9100002"  # no undl_link: the record's address


def test_undl_no_row_is_rejected_for_lacking_a_symbol_when_it_has_a_record(con):
    report = load(con, FIXTURES / "undl_separate_votes.csv")
    assert report.reasons == {"no resolution symbol, no draft symbol and no UN Digital Library record id (undl_id): "
                              "nothing names what was voted on": 1}
    assert [line for line, _ in report.rejects] == [9]  # the row with neither a symbol nor a record id


def test_undl_record_id_that_is_not_a_number_is_rejected_with_its_value(con, tmp_path):
    lines = (FIXTURES / "undl_separate_votes.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "export.csv"
    bad.write_text("\n".join([lines[0], lines[6].replace("9100003", "rec-3", 1)]) + "\n", encoding="utf-8")
    report = load(con, bad)
    assert report.reasons == {"undl_id 'rec-3' is not a UN Digital Library record number, and the row has no "
                              "resolution or draft symbol: nothing names what was voted on": 1}


def test_unvotes_separate_roll_calls_say_what_they_were(con):
    load(con, FIXTURES / "unvotes_roll_calls.csv")
    kinds = dict(con.execute("SELECT origin_id, vote_kind FROM resolutions").fetchall())
    assert kinds == {"9001": None, "9002": None, "9003": "paragraph", "9004": "amendment", "9005": None}


# --- unvotes issues ---------------------------------------------------------------------------------------------

def test_unvotes_issues_attach_to_loaded_roll_calls_and_report_the_rest(tmp_path):
    code, out = etl_json("load", str(FIXTURES / "unvotes_issues.csv"), str(FIXTURES / "unvotes_roll_calls.csv"),
                         "--db", str(tmp_path / "u.duckdb"))
    assert code == 1
    issues = next(f for f in out["files"] if Path(f["path"]).name == "unvotes_issues.csv")
    assert issues["format"] == "unvotes_issues"
    counts = (issues["rows_read"], issues["rows_loaded"], issues["rows_duplicate"], issues["rows_rejected"])
    assert counts == (8, 5, 1, 2)
    assert {kind: [e["reason"] for e in k["examples"]] for kind, k in issues["reasons"].items()} == {
        "roll call rcid N is not loaded: load the roll calls file (un_roll_calls.csv) first, or in the same command":
            ["roll call rcid 9999 is not loaded: load the roll calls file (un_roll_calls.csv) first, or in the same "
             "command"],
        "missing issue: give the issue name (issue) or its code (short_name)":
            ["missing issue: give the issue name (issue) or its code (short_name)"],
    }
    con = duckdb.connect(str(tmp_path / "u.duckdb"), read_only=True)
    try:
        got = con.execute("SELECT resolution_id, issue_id, issue, issue_code FROM resolution_issues ORDER BY 1, 2")
        assert got.fetchall() == [
            ("A/RES/67/176", "human-rights", "Human rights", "hr"),
            ("A/RES/67/176", "nuclear-weapons", "Nuclear weapons and nuclear material", "nu"),
            ("A/RES/67/176 (rcid 9003)", "human-rights", "Human rights", "hr"),
            ("A/RES/67/176 (rcid 9005)", "human-rights", "Human rights", "hr"),
            ("A/RES/67/19", "palestinian-conflict", "Palestinian conflict", "me"),
        ]
    finally:
        con.close()


def test_unvotes_issues_before_their_roll_calls_load_once_the_roll_calls_are_there(con):
    first = load(con, FIXTURES / "unvotes_issues.csv")
    assert (first.rows_loaded, first.rows_rejected) == (0, 8)
    load(con, FIXTURES / "unvotes_roll_calls.csv")
    again = load(con, FIXTURES / "unvotes_issues.csv")
    assert (again.rows_loaded, again.rows_duplicate, again.rows_rejected) == (5, 1, 2)
    assert (load(con, FIXTURES / "unvotes_issues.csv").rows_duplicate) == 6  # loading it again changes nothing


# --- the real files ---------------------------------------------------------------------------------------------

def test_real_unvotes_roll_calls_votes_and_issues(tmp_path):
    calls = realdata("unga/unvotes_un_roll_calls_s65-74.csv")
    votes_file = realdata("unga/unvotes_un_votes_s65-74.csv")
    issues = realdata("unga/unvotes_un_roll_call_issues_s65-74.csv")
    db = tmp_path / "u.duckdb"
    code, out = etl_json("load", str(issues), str(votes_file), str(calls), "--db", str(db))
    assert code == 0, out
    got = {Path(f["path"]).name: (f["format"], f["rows_read"], f["rows_loaded"], f["rows_duplicate"],
                                  f["rows_rejected"], f["reasons"], f["notes"]) for f in out["files"]}
    assert got == {calls.name: ("unvotes", 921, 921, 0, 0, {}, []),
                   votes_file.name: ("unvotes", 163038, 163038, 0, 0, {}, []),
                   issues.name: ("unvotes_issues", 1027, 1027, 0, 0, {}, [])}
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        assert q("SELECT count(*) FROM warnings") == [(0,)]
        assert q("SELECT issue_id, count(*) FROM resolution_issues GROUP BY 1 ORDER BY 1") == [
            ("arms-control", 229), ("colonialism", 116), ("economic-development", 121), ("human-rights", 215),
            ("nuclear-weapons", 189), ("palestinian-conflict", 157)]
        assert q("SELECT count(DISTINCT resolution_id) FROM resolution_issues") == [(697,)]
        # Status of Palestine in the UN (A/RES/67/19, rcid 5182 in unvotes) is filed under the Palestinian conflict
        palestine = q("SELECT issue FROM resolution_issues WHERE resolution_id = 'A/RES/67/19'")
        assert palestine == [("Palestinian conflict",)]
        assert q("SELECT vote_kind, count(*) FROM resolutions GROUP BY 1 ORDER BY 1 NULLS FIRST") == [
            (None, 779), ("amendment", 15), ("paragraph", 127)]
    finally:
        con.close()


def test_the_data_page_filters_issues_by_their_roll_calls_dates_and_countries(tmp_path):
    db = tmp_path / "u.duckdb"
    files = ("unvotes_issues.csv", "unvotes_votes.csv", "unvotes_roll_calls.csv")
    etl_json("load", *(str(FIXTURES / f) for f in files), "--db", str(db))
    store = Store(db)
    year_2012 = Filters(date(2012, 1, 1), date(2012, 12, 31))
    assert data_queries.table_count(store, "resolution_issues", year_2012) == 5
    assert data_queries.table_count(store, "resolution_issues", Filters(date(2013, 1, 1), date(2013, 12, 31))) == 0
    france = Filters(date(2012, 1, 1), date(2012, 12, 31), ("FRA",))  # France's only recorded vote: A/RES/67/19
    assert list(data_queries.table_page(store, "resolution_issues", france)["issue_id"]) == ["palestinian-conflict"]
