"""UN votes: the UN Digital Library export and the unvotes/Voeten long form, into resolutions and votes."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.formats._shared import body_of, normalise_resolution_id, session_number
from tests.conftest import FIXTURES, etl_json, load_accounted, realdata

load = load_accounted


def votes(con, resolution_id: str) -> dict[str, str]:
    return dict(con.execute("SELECT country_iso3, vote FROM votes WHERE resolution_id = ?", [resolution_id]).fetchall())


@pytest.mark.parametrize("raw, symbol", [
    ("R/67/234", "A/RES/67/234"), ("A/RES/74/246", "A/RES/74/246"), (" a/res/67/19 ", "A/RES/67/19"),
    ("67/234", "A/RES/67/234"), ("R/ES-10/19", "A/RES/ES-10/19"), ("S/RES/2334 (2016)", "S/RES/2334 (2016)"),
    ("A / RES / 75 / 287", "A/RES/75/287"),
])
def test_resolution_ids_are_normalised(raw, symbol):
    assert normalise_resolution_id(raw) == symbol


def test_body_and_session_from_the_symbol():
    assert body_of("A/RES/75/287") == "UNGA" and body_of("S/RES/2334 (2016)") == "UNSC"
    assert body_of("A/HRC/RES/46/21") == "HRC" and body_of("E/RES/2020/1") is None
    assert session_number("75") == 75 and session_number("75th session") == 75 and session_number("ES-11") is None


# --- UN Digital Library ----------------------------------------------------------------------------------

def test_undl_votes_and_official_totals(con):
    report = load(con, FIXTURES / "undl_votes.csv")
    assert report.format == "undl"
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (10, 9, 1)
    assert report.reasons == {"unknown country 'ATLANTIS' (ms_code 'XXA', ms_name 'ATLANTIS')": 1}
    row = con.execute("SELECT body, vote_date, session, title, yes, no, abstain, non_voting, adopted, draft, origin "
                      "FROM resolutions WHERE resolution_id = 'A/RES/75/287'").fetchone()
    assert row[0] == "UNGA" and str(row[1]) == "2021-06-18" and row[2] == 75
    assert row[3] == "The situation in Myanmar"
    assert row[4:] == (119, 1, 36, 37, True, "A/75/L.85/Rev.1", "undl")
    assert votes(con, "A/RES/75/287") == {"MMR": "Y", "BLR": "N", "CHN": "A", "RUS": "A", "VEN": "X", "USA": "Y"}


def test_undl_non_voting_is_kept_apart_from_abstain(con):
    load(con, FIXTURES / "undl_votes.csv")
    assert votes(con, "A/RES/ES-11/1")["VEN"] == "X"  # written NV, as the codebook says
    note = con.execute("SELECT note FROM votes WHERE resolution_id = 'A/RES/75/287' AND country_iso3 = 'VEN'")
    assert note.fetchone()[0] == "In arrears under Article 19"


def test_undl_name_only_row_and_emergency_session(con):
    load(con, FIXTURES / "undl_votes.csv")
    assert votes(con, "A/RES/75/287")["USA"] == "Y"  # ms_code blank: resolved from ms_name
    session, yes = con.execute("SELECT session, yes FROM resolutions WHERE resolution_id = 'A/RES/ES-11/1'").fetchone()
    assert (session, yes) == (None, 141)


def test_undl_disagreeing_totals_become_a_warning_and_the_first_is_kept(con):
    report = load(con, FIXTURES / "undl_votes.csv")
    assert any("A/RES/ES-11/1" in note and "disagrees" in note for note in report.notes)
    assert con.execute("SELECT abstain FROM resolutions WHERE resolution_id = 'A/RES/ES-11/1'").fetchone()[0] == 35
    assert con.execute("SELECT count(*) FROM warnings").fetchone()[0] == 1


def test_undl_resolution_cites_its_library_record(con):
    load(con, FIXTURES / "undl_votes.csv")
    source_id, url = con.execute("SELECT r.source_id, s.url FROM resolutions r JOIN sources s USING (source_id) "
                                 "WHERE resolution_id = 'A/RES/75/287'").fetchone()
    assert (source_id, url) == ("undl:3929813", "https://digitallibrary.un.org/record/3929813")


# --- unvotes / Voeten ------------------------------------------------------------------------------------

def test_unvotes_both_files_in_one_command_load_roll_calls_first(tmp_path):
    db = tmp_path / "u.duckdb"
    code, out = etl_json("load", str(FIXTURES / "unvotes_votes.csv"), str(FIXTURES / "unvotes_roll_calls.csv"),
                         "--db", str(db))
    assert code == 1
    files = {Path(f["path"]).name: f for f in out["files"]}
    assert [Path(f["path"]).name for f in out["files"]] == ["unvotes_roll_calls.csv", "unvotes_votes.csv"]
    assert (files["unvotes_roll_calls.csv"]["rows_read"], files["unvotes_roll_calls.csv"]["rows_loaded"]) == (5, 5)
    v = files["unvotes_votes.csv"]
    assert (v["rows_read"], v["rows_loaded"], v["rows_duplicate"], v["rows_rejected"]) == (15, 12, 1, 2)
    assert {kind: [e["reason"] for e in k["examples"]] for kind, k in v["reasons"].items()} == {
        "unknown country … (country_code …)": ["unknown country 'Atlantis' (country_code '')"],
        "roll call rcid N not loaded: load un_roll_calls.csv first or in the same command":
            ["roll call rcid 9999 not loaded: load un_roll_calls.csv first or in the same command"],
    }


def test_unvotes_votes_before_roll_calls_are_rejected_with_what_to_do(con):
    report = load(con, FIXTURES / "unvotes_votes.csv")
    assert report.rows_rejected == 15
    assert "roll call rcid 9001 not loaded: load un_roll_calls.csv first or in the same command" in report.reasons


def test_unvotes_one_after_the_other(con):
    load(con, FIXTURES / "unvotes_roll_calls.csv")
    report = load(con, FIXTURES / "unvotes_votes.csv")
    assert report.rows_loaded == 12
    assert votes(con, "A/RES/67/19") == {"USA": "N", "ISR": "N", "CAN": "N", "FRA": "Y", "DEU": "A", "SRB": "Y",
                                         "MMR": "Y", "CIV": "Y", "FSM": "X"}


def test_unvotes_separate_votes_get_their_own_ids(con):
    load(con, FIXTURES / "unvotes_roll_calls.csv")
    load(con, FIXTURES / "unvotes_votes.csv")
    ids = dict(con.execute("SELECT origin_id, resolution_id FROM resolutions").fetchall())
    assert ids == {"9001": "A/RES/67/19", "9002": "A/RES/67/176", "9003": "A/RES/67/176 (rcid 9003)",
                   "9004": "rcid 9004", "9005": "A/RES/67/176 (rcid 9005)"}
    assert votes(con, "A/RES/67/176") == {"USA": "N"}
    assert votes(con, "A/RES/67/176 (rcid 9003)") == {"USA": "Y"}  # the paragraph vote, not the resolution
    title = con.execute("SELECT title FROM resolutions WHERE origin_id = '9003'").fetchone()[0]
    assert title.startswith("Separate vote on a paragraph: ")


def test_unvotes_yugoslavia_label_is_serbias_seat_after_2006(con):
    load(con, FIXTURES / "unvotes_roll_calls.csv")
    load(con, FIXTURES / "unvotes_votes.csv")
    vote, note = con.execute("SELECT vote, note FROM votes WHERE country_iso3 = 'SRB'").fetchone()
    assert vote == "Y" and "Yugoslavia" in note
    assert con.execute("SELECT count(*) FROM votes WHERE country_iso3 = 'YUG'").fetchone()[0] == 0


def test_real_unvotes_sessions_65_to_74(tmp_path):
    calls = realdata("unga/unvotes_un_roll_calls_s65-74.csv")
    votes_file = realdata("unga/unvotes_un_votes_s65-74.csv")
    db = tmp_path / "u.duckdb"
    code, out = etl_json("load", str(votes_file), str(calls), "--db", str(db))
    assert code == 0, out
    got = {Path(f["path"]).name: (f["rows_read"], f["rows_loaded"], f["rows_duplicate"], f["rows_rejected"])
           for f in out["files"]}
    assert got == {calls.name: (921, 921, 0, 0), votes_file.name: (163038, 163038, 0, 0)}
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = lambda sql, *p: con.execute(sql, list(p)).fetchall()  # noqa: E731
        # 822 distinct `unres` strings; 28 are written both R/71/174 and A/RES/71/174: 794 resolutions
        assert q("SELECT count(DISTINCT regexp_replace(resolution_id, ' \\(rcid \\d+\\)$', '')) FROM resolutions "
                 "WHERE resolution_id NOT LIKE 'rcid %'") == [(794,)]
        # Status of Palestine in the UN, 29 November 2012: 138 in favour, 9 against, 41 abstentions
        assert q("SELECT vote, count(*) FROM votes WHERE resolution_id = 'A/RES/67/19' GROUP BY 1 ORDER BY 1") == [
            ("A", 41), ("N", 9), ("Y", 138)]
        named = dict(q("SELECT country_iso3, vote FROM votes WHERE resolution_id = 'A/RES/67/19' "
                       "AND country_iso3 IN ('USA', 'ISR', 'CAN', 'FRA', 'DEU', 'GBR', 'SRB', 'MMR')"))
        assert named == {"USA": "N", "ISR": "N", "CAN": "N", "FRA": "Y", "DEU": "A", "GBR": "A", "SRB": "Y",
                         "MMR": "Y"}
        assert q("SELECT count(*) FROM votes WHERE country_iso3 = 'YUG'") == [(0,)]
    finally:
        con.close()


def test_unvotes_a_renamed_release_of_the_same_rows_is_all_duplicates(con, tmp_path):
    load(con, FIXTURES / "unvotes_roll_calls.csv")
    load(con, FIXTURES / "unvotes_votes.csv")
    calls = tmp_path / "un_roll_calls_2024.csv"
    calls.write_text((FIXTURES / "unvotes_roll_calls.csv").read_text(encoding="utf-8"), encoding="utf-8")
    again = load(con, calls)
    assert (again.rows_loaded, again.rows_duplicate) == (0, 5)
    newer_votes = tmp_path / "un_votes_2024.csv"
    newer_votes.write_text((FIXTURES / "unvotes_votes.csv").read_text(encoding="utf-8")
                           .replace("9001,France,FR,yes", "9001,France,FR,abstain"), encoding="utf-8")
    report = load(con, newer_votes)
    assert (report.rows_loaded, report.rows_duplicate, report.rows_rejected) == (0, 12, 3)
    changed = [r for r in report.reasons if "already loaded with different content" in r]
    assert len(changed) == 1 and "A/RES/67/19, FRA" in changed[0]
