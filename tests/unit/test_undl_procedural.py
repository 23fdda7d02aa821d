"""UN Digital Library votes with a General Assembly session but no symbol (issue 16, item 5): procedural motions on
the floor of the Assembly (a "no action" motion), with no resolution, draft or meeting symbol, titled by a sentence
of the verbatim record. One real export of 67,147 rows lost 184 such rows ("cannot tell the UN body from the title
or the meeting"). They are General Assembly votes, keyed by their library record, shown as procedural votes.

The rows below are ILLUSTRATIVE, in the export's shape: the record ids (9100020 …), titles and totals are made up
for the test, not taken from real records."""

from __future__ import annotations

from monitor.votes import vote_label
from tests.conftest import load_accounted

HEADER = ("undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,agenda_title,"
          "subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link")
NO_ACTION = "Motion that no action be taken on the proposal before the Assembly"
ROWS = [
    f"9100020,USA,UNITED STATES,N,2024-11-20,79,,,,,{NO_ACTION},Human rights questions,,,80,60,30,23,193,",
    f"9100020,CHN,CHINA,Y,2024-11-20,79,,,,,{NO_ACTION},Human rights questions,,,80,60,30,23,193,",
    "9100021,RUS,RUSSIAN FEDERATION,Y,2022-03-02,ES-11,,,,,Motion to close the debate,,,,40,90,20,43,193,",
]


def test_a_procedural_motion_with_a_session_and_no_symbol_loads_as_an_assembly_vote(con, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    report = load_accounted(con, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 3, 0), report.reasons
    got = con.execute("SELECT resolution_id, body, session, title, vote_kind, yes, no FROM resolutions "
                      "ORDER BY 1").fetchall()
    assert got == [("undl:9100020", "UNGA", 79, NO_ACTION, "procedural", 80, 60),
                   ("undl:9100021", "UNGA", None, "Motion to close the debate", "procedural", 40, 90)]
    assert dict(con.execute("SELECT country_iso3, vote FROM votes WHERE resolution_id = 'undl:9100020'").fetchall()) \
        == {"USA": "N", "CHN": "Y"}


def test_the_un_votes_page_names_it_a_procedural_vote():
    assert vote_label("undl:9100020", NO_ACTION, "procedural").startswith(f"Procedural vote: {NO_ACTION}")
