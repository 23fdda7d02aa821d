"""Two publishers of one roll call, in either order (issue 16, item 1), on small files of the real exports' shapes
(made up for the test: ids, titles and votes are not real records). The real files: test_real_un_publishers.py.

The UN Digital Library's wide matrix (record 9200001) and unvotes (roll call 9901) both give A/RES/70/999. unvotes
lists Serbia as "Yugoslavia, YU" (with a note saying so) and records Greece's abstention as a Yes."""

from __future__ import annotations

import duckdb

from monitor import migrate
from tests.conftest import load_accounted

WIDE = ("Council,Date,Title,Resolution,token,SERBIA,GREECE,FRANCE,INDIA,CHINA\n"
        "General Assembly,2015-12-01,A test resolution,A/RES/70/999,9200001,Y,A,Y,N,Y\n")
ROLL_CALLS = ("rcid,session,importantvote,date,unres,amend,para,short,descr\n"
              "9901,70,0,2015-12-01,R/70/999,0,0,TEST,A test resolution\n")
VOTES = "rcid,country,country_code,vote\n9901,Yugoslavia,YU,yes\n9901,Greece,GR,yes\n9901,France,FR,yes\n"
COLUMNS = "resolution_id, country_iso3, vote, note, source_id, other_source_ids"


def load_in_order(tmp_path, name: str, order: list[str]) -> tuple[list, list, list]:
    files = {"wide": ("wide.csv", WIDE), "calls": ("calls.csv", ROLL_CALLS), "votes": ("votes.csv", VOTES)}
    con = duckdb.connect(str(tmp_path / f"{name}.duckdb"))
    migrate.create_all(con)
    reports = []
    for key in order:
        path = tmp_path / files[key][0]
        path.write_text(files[key][1], encoding="utf-8")
        reports.append(load_accounted(con, path))
    votes = con.execute(f"SELECT {COLUMNS} FROM votes ORDER BY 1, 2").fetchall()
    said = con.execute("SELECT row_key, reason FROM warnings WHERE table_name = 'votes' ORDER BY 1").fetchall()
    con.close()
    return reports, votes, said


def test_either_order_gives_the_same_votes_and_warnings_and_rejects_nothing(tmp_path):
    wide_first, votes_a, said_a = load_in_order(tmp_path, "a", ["wide", "calls", "votes"])
    unvotes_first, votes_b, said_b = load_in_order(tmp_path, "b", ["calls", "votes", "wide"])
    assert [r.rows_rejected for r in wide_first + unvotes_first] == [0] * 6
    assert (wide_first[2].rows_loaded, wide_first[2].rows_duplicate) == (0, 3)  # all three votes already there
    assert votes_a == votes_b
    assert said_a == said_b


def test_the_same_vote_is_one_row_naming_both_publishers(tmp_path):
    _, votes, _ = load_in_order(tmp_path, "a", ["wide", "calls", "votes"])
    rows = {v[1]: v[2:] for v in votes}
    unvotes = "unvotes:votes.csv"
    assert rows["SRB"] == ("Y", "listed as 'Yugoslavia' in unvotes; the seat was held by SRB on that date",
                           "undl:9200001", unvotes)
    assert rows["FRA"] == ("Y", None, "undl:9200001", unvotes)
    assert rows["IND"] == ("N", None, "undl:9200001", None)  # the library alone gives it


def test_a_disagreement_keeps_the_un_record_with_a_warning_naming_both(tmp_path):
    _, votes, said = load_in_order(tmp_path, "b", ["calls", "votes", "wide"])
    assert {v[1]: v[2:] for v in votes}["GRC"] == ("A", None, "undl:9200001", None)
    assert said == [("A/RES/70/999, GRC", "votes (A/RES/70/999, GRC): two publishers disagree: United Nations Digital "
                     "Library (undl:9200001) records 'A' (abstain); Erik Voeten et al., United Nations General "
                     "Assembly Voting Data (unvotes R package) (unvotes:votes.csv) records 'Y' (yes). Kept the first, "
                     "the official record; check the roll call")]
