"""Wide roll-call matrices (etl/formats/wide.py): one row per vote, one column per member state."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.formats.wide import WideVotesFormat, layout, state_of_header
from monitor.votes import council_adopted, vetoes
from tests.conftest import etl_json, load_accounted
from tests.wide_fixture import ROWS, STATES, UN_HEADER, write_csv


@pytest.fixture()
def un_file(tmp_path) -> Path:
    return write_csv(tmp_path / "un_wide.csv", UN_HEADER + STATES, ROWS)


def one(con, sql: str, params: list | None = None):
    return con.execute(sql, params or []).fetchone()


def votes(con, rid: str) -> dict[str, str]:
    return dict(con.execute("SELECT country_iso3, vote FROM votes WHERE resolution_id = ?", [rid]).fetchall())


def warnings(con) -> list[tuple[int, str]]:
    return con.execute("SELECT line_no, reason FROM warnings ORDER BY line_no, seq").fetchall()


def test_header_shape_not_name_decides(tmp_path):
    assert WideVotesFormat().detect(["\ufeffCouncil", "Resolution", "token", *STATES]) is not None
    assert WideVotesFormat().detect(["rcid", "USA", "RUS", "CHN", "GBR", "FRA"]) is not None
    assert WideVotesFormat().detect(["rcid", "USA", "RUS", "CHN", "GBR"]) is None  # too few states
    assert WideVotesFormat().detect(["title", *STATES]) is None  # nothing names the vote
    assert state_of_header("id") is None and state_of_header("no") is None  # never ISO-2: Indonesia, Norway
    assert state_of_header(" UNITED KINGDOM") == "GBR" and state_of_header("usa") == "USA"
    path = write_csv(tmp_path / "votes_long.csv", ["rcid", "Bolivia", "CHILE", "peru", "ECU", "col"], [["1"] * 6])
    assert etl_json("check", str(path))[1]["files"][0]["format"] == "wide"


def test_un_export_accounting_bom_crlf(con, un_file):
    report = load_accounted(con, un_file)
    assert report.format == "wide"
    assert (report.rows_read, report.rows_loaded, report.rows_duplicate, report.rows_rejected) == (9, 9, 0, 0)
    assert one(con, "SELECT count(*) FROM resolutions")[0] == 9
    cells = sum(1 for row in ROWS for v in row[len(UN_HEADER):-1] if v)  # every cell but DONOTKNOW's
    assert one(con, "SELECT count(*) FROM votes")[0] == cells - 1  # less the conflicting second Côte d'Ivoire


def test_mislabelled_totals_read_as_the_cells_say(con, un_file):
    load_accounted(con, un_file)
    row = one(con, "SELECT yes, no, abstain, non_voting FROM resolutions WHERE resolution_id = 'A/RES/75/900'")
    assert row == (3, 1, 3, 1)  # ABSENT COUNT -> abstain, NO-VOTE COUNT -> non_voting
    disagree = [n for n, m in warnings(con) if m.startswith("the official totals")]
    assert disagree == [6, 9]  # only the rows with a cell not loaded: two votes for one state, a junk column


def test_near_duplicate_columns_are_one_state(con, un_file):
    load_accounted(con, un_file)
    assert votes(con, "A/RES/75/900")["CIV"] == "Y"  # from 'COTE D’IVOIRE' (curly apostrophe)
    assert votes(con, "A/RES/75/900")["GBR"] == "Y"  # from ' UNITED KINGDOM'
    assert votes(con, "A/RES/75/901")["CIV"] == "Y"  # both columns vote, differently: the first is kept ...
    said = [m for n, m in warnings(con) if n == 6]  # ... and a warning names both
    assert """columns "COTE D'IVOIRE" and 'COTE D’IVOIRE' all name CIV and hold the votes Y / N: kept the first""" \
        in said
    header = [m for n, m in warnings(con) if n == 1]
    assert any(""""COTE D'IVOIRE" + 'COTE D’IVOIRE' (CIV)""" in m for m in header)


def test_empty_cell_is_no_member_and_no_row(con, un_file):
    load_accounted(con, un_file)
    assert "SUN" not in votes(con, "S/2011/612") and len(votes(con, "S/2011/612")) == 15
    assert set(votes(con, "S/RES/88(1950)")) >= {"SUN", "CHN"} and "RUS" not in votes(con, "S/RES/88(1950)")


def test_junk_column_is_kept_and_reported(con, un_file):
    load_accounted(con, un_file)
    extra, yes = one(con, "SELECT extra, yes FROM resolutions WHERE resolution_id = 'S/RES/1966(2010)'")
    assert '"DONOTKNOW":"Y"' in extra and yes == 3
    line9 = [m for n, m in warnings(con) if n == 9]
    assert "column 'DONOTKNOW' names no member state: its vote 'Y' is kept in extra, not counted as any state's " \
           "vote" in line9
    assert any(m.startswith("the official totals (yes 3, no 0, abstain 0, non-voting 0) disagree with the country "
                            "columns (yes 2,") for m in line9)
    assert ("columns that name no member state, kept in extra: 'DONOTKNOW'") in [m for n, m in warnings(con) if n == 1]


def test_draft_and_missing_symbols_and_year_alone(con, un_file):
    load_accounted(con, un_file)
    rows = dict(con.execute("SELECT resolution_id, adopted FROM resolutions").fetchall())
    assert rows["A/73/L.42"] is None  # a General Assembly draft: the majority it needed is not in the data
    assert rows["undl:104"] is None and rows["A/RES/75/900"] is True
    assert one(con, "SELECT draft, session FROM resolutions WHERE resolution_id = 'A/73/L.42'") == ("A/73/L.42", 73)
    date, extra = one(con, "SELECT vote_date, extra FROM resolutions WHERE resolution_id = 'A/RES/32/900'")
    assert date is None and '"Date":"1977"' in extra
    title = one(con, "SELECT title FROM resolutions WHERE resolution_id = 'A/RES/75/900'")[0]
    assert title == "The situation somewhere"
    said = dict(warnings(con))
    assert said[7] == "no resolution symbol ('MISSING_DATA'): keyed as undl:104"
    assert said[8] == "the date is a year alone (1977): vote_date left empty, the year kept in extra"


def test_security_council_adoption_and_vetoes(con, un_file):
    load_accounted(con, un_file)
    got = {}
    for rid in ("S/2011/612", "S/2012/9999", "S/RES/88(1950)"):
        body, adopted, day, yes = one(con, "SELECT body, adopted, vote_date, yes FROM resolutions "
                                           "WHERE resolution_id = ?", [rid])
        got[rid] = (body, adopted, vetoes(body, adopted, day, yes, votes(con, rid)))
    assert got["S/2011/612"] == ("UNSC", False, {"CHN", "RUS"})  # 9 yes, two permanent Nos: a double veto
    assert got["S/2012/9999"] == ("UNSC", False, frozenset())  # 4 yes: failed for want of votes, no veto
    assert got["S/RES/88(1950)"] == ("UNSC", True, frozenset())  # adopted despite China's No: no veto


def test_sources_cite_the_library_record_or_the_file(con, un_file):
    load_accounted(con, un_file)
    src = one(con, "SELECT r.source_id, s.publisher, s.url FROM resolutions r JOIN sources s USING (source_id) "
                   "WHERE resolution_id = 'A/RES/75/900'")
    assert src == ("undl:102", "United Nations Digital Library", "https://digitallibrary.un.org/record/102")
    assert one(con, "SELECT origin, origin_id FROM resolutions WHERE resolution_id = 'A/RES/75/900'") == ("undl", "102")
    assert one(con, "SELECT source_id FROM resolutions WHERE resolution_id = 'S/2011/612'")[0] == "wide:un_wide.csv"


def test_load_twice_changes_nothing(con, un_file):
    load_accounted(con, un_file)
    again = load_accounted(con, un_file)
    assert (again.rows_loaded, again.rows_duplicate) == (0, 9)
    assert one(con, "SELECT count(*) FROM votes")[0] == sum(1 for r in ROWS for v in r[len(UN_HEADER):-1] if v) - 1


def test_iso3_rcid_matrix_with_numeric_codes(con, tmp_path):
    """unvotes codes: 1 yes, 2 abstain, 3 no, 8 absent (X), 9 not a member (no row); no BOM, LF lines."""
    path = write_csv(tmp_path / "matrix.csv", ["rcid", "session", "date", "USA", "RUS", "CHN", "GBR", "FRA", "MMR"],
                     [["3001", "75", "2021-06-18", "1", "2", "2", "1", "1", "1.0"],
                      ["3002", "19", "1964-12-01", "3", "8", "9", "1", "", "1"]], bom=False, crlf=False)
    report = load_accounted(con, path)
    assert (report.format, report.rows_loaded, report.rows_rejected) == ("wide", 2, 0)
    assert votes(con, "rcid 3001") == {"USA": "Y", "RUS": "A", "CHN": "A", "GBR": "Y", "FRA": "Y", "MMR": "Y"}
    assert votes(con, "rcid 3002") == {"USA": "N", "RUS": "X", "GBR": "Y", "MMR": "Y"}
    row = one(con, "SELECT body, session, yes, origin, origin_id FROM resolutions WHERE resolution_id = 'rcid 3002'")
    assert row == ("UNGA", 19, None, "wide", "3002")  # an rcid: the unvotes roll-call id, General Assembly


def test_unknown_cell_code_rejects_the_row_naming_line_and_column(con, tmp_path):
    path = write_csv(tmp_path / "bad.csv", ["Council", "Resolution", "CHINA", "FRANCE", "INDIA", "GABON", "BRAZIL"],
                     [["General Assembly", "A/RES/1/1", "Y", "Y", "Y", "Y", "Y"],
                      ["General Assembly", "A/RES/1/2", "Y", "maybe", "Y", "Y", "Y"]])
    report = load_accounted(con, path)
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert report.rejects == [(3, "unknown vote code 'maybe' in column 'FRANCE' (use Y, N, A, X or the unvotes codes "
                                  "1, 2, 3, 8, 9)")]
    assert votes(con, "A/RES/1/2") == {}


def test_a_stored_roll_call_is_kept_and_a_different_vote_flagged(con, tmp_path):
    first = write_csv(tmp_path / "a.csv", ["Council", "Resolution", "CHINA", "FRANCE", "INDIA", "GABON", "BRAZIL"],
                      [["General Assembly", "A/RES/1/1", "Y", "Y", "A", "Y", "Y"]])
    second = write_csv(tmp_path / "b.csv", ["Council", "Resolution", "CHINA", "FRANCE", "INDIA", "GABON", "BRAZIL"],
                       [["General Assembly", "A/RES/1/1", "Y", "Y", "N", "Y", "Y"]])
    load_accounted(con, first)
    report = load_accounted(con, second)
    assert report.rows_duplicate == 1 and votes(con, "A/RES/1/1")["IND"] == "A"
    assert [m for _, m in warnings(con)] == [
        "votes (A/RES/1/1, IND): this line says vote 'N', the database already holds vote 'A'; kept the stored row"]


def test_layout_reads_roles_states_and_junk():
    found = layout(UN_HEADER + STATES)
    assert found.roles["abstain"] == UN_HEADER.index("ABSENT COUNT")
    assert found.roles["non_voting"] == UN_HEADER.index("NO-VOTE COUNT")
    assert found.states["CIV"] == [len(UN_HEADER) + STATES.index("COTE D'IVOIRE"),
                                   len(UN_HEADER) + STATES.index("COTE D\u2019IVOIRE")]
    assert [(UN_HEADER + STATES)[i] for i in found.unnamed] == ["DONOTKNOW"]


@pytest.mark.parametrize(("yes", "permanent_no", "day", "adopted"), [
    (9, False, "2011-10-04", True), (9, True, "2011-10-04", False), (8, False, "2011-10-04", False),
    (7, False, "1950-11-08", True), (7, True, "1950-11-08", False), (9, False, None, None),
])
def test_council_adoption_rule(yes, permanent_no, day, adopted):
    from datetime import date
    assert council_adopted(yes, permanent_no, date.fromisoformat(day) if day else None) is adopted


def test_a_vote_stored_from_another_source_is_kept_its_roll_call_filled_never_rejected(con, tmp_path):
    """E.g. unvotes roll calls (no official totals) loaded first: the matrix's row is a duplicate of the stored
    one, a warning gives what the matrix adds, and its votes fill the roll call, citing the matrix."""
    states = ["CHINA", "FRANCE", "INDIA", "GABON", "BRAZIL"]
    first = write_csv(tmp_path / "a.csv", ["Council", "Resolution", *states],
                      [["General Assembly", "A/RES/1/1", "Y", "Y", "", "", ""]])
    second = write_csv(tmp_path / "b.csv", ["Council", "Resolution", "YES COUNT", "NO COUNT", *states, "NIGERIA"],
                       [["General Assembly", "A/RES/1/1", "5", "0", "Y", "Y", "Y", "Y", "Y", "Y"]])
    load_accounted(con, first)
    report = load_accounted(con, second)
    assert (report.rows_loaded, report.rows_duplicate, report.rows_rejected) == (0, 1, 0)
    assert one(con, "SELECT yes, source_id FROM resolutions WHERE resolution_id = 'A/RES/1/1'") == (None, "wide:a.csv")
    assert [m for _, m in warnings(con)][-1:] == [
        "A/RES/1/1 is already stored (source wide:a.csv): kept as stored; this file says yes 5 (stored: none), no 0 "
        "(stored: none)"]
    cited = dict(con.execute("SELECT country_iso3, source_id FROM votes WHERE resolution_id = 'A/RES/1/1'").fetchall())
    assert cited == {"CHN": "wide:a.csv", "FRA": "wide:a.csv", **dict.fromkeys(["IND", "GAB", "BRA", "NGA"],
                                                                                "wide:b.csv")}
