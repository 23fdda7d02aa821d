"""Each validation rule: bad input in, the exact reason out; and the accounting that holds for every file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from etl.load import FileReport, load_file

SOURCES = """source_id,publisher,title,url,published_on
src1,Test Publisher,A test source,https://example.org/a,2021-06-21
"""
EVENTS_HEADER = ("event_id,event_date,end_date,event_type,country_iso3,"
                 "fatalities_low,fatalities_best,fatalities_high,source_id\n")
RESOLUTION = """resolution_id,body,vote_date,yes,no,abstain,non_voting,source_id
A/RES/75/287,UNGA,2021-06-18,2,1,1,,src1
"""


def load(con, tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> FileReport:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return load_file(con, path, progress=False)


def only_reason(report: FileReport) -> str:
    assert report.rows_rejected == 1, report.rejects
    return report.rejects[0][1]


def events(con, tmp_path, *rows: str) -> FileReport:
    load(con, tmp_path, "sources.csv", SOURCES)
    return load(con, tmp_path, "events.csv", EVENTS_HEADER + "".join(r + "\n" for r in rows))


def test_unknown_country_names_the_value(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-02-01,,coup,Atlantis,,,,src1")
    assert only_reason(report) == "unknown country 'Atlantis' in country_iso3 (use an ISO-3 code such as MMR)"
    assert report.rejects[0][0] == 2  # the line number in the file, header = line 1


def test_country_names_become_iso3(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-02-01,,coup,Burma,,,,src1")
    assert report.rows_loaded == 1
    assert con.execute("SELECT country_iso3 FROM events").fetchone()[0] == "MMR"


def test_impossible_date(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-02-30,,coup,MMR,,,,src1")
    assert only_reason(report) == "bad date '2021-02-30' in event_date (use YYYY-MM-DD, a real calendar date)"


def test_end_before_start(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-06-24,2021-06-22,conference,RUS,,,,src1")
    assert only_reason(report) == "end_date 2021-06-22 is before event_date 2021-06-24"


def test_negative_count(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-06-24,,battle,MMR,,-3,,src1")
    assert only_reason(report) == "negative count in fatalities_best: '-3'"


def test_inverted_counts(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-06-24,,battle,MMR,10,5,20,src1")
    assert only_reason(report) == "inverted counts: fatalities_low 10 > fatalities_best 5 (need low <= best <= high)"


def test_missing_source(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-06-24,,battle,MMR,,,,nowhere")
    assert only_reason(report) == "unknown source 'nowhere': add it to sources.csv (load that file first)"


def test_missing_required_value(con, tmp_path):
    report = events(con, tmp_path, "e1,,,battle,MMR,,,,src1")
    assert only_reason(report) == "missing event_date"


def test_duplicate_key_with_different_content_in_one_file(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-06-24,,battle,MMR,,,,src1", "e1,2021-06-25,,battle,MMR,,,,src1")
    assert only_reason(report).startswith("duplicate event_id 'e1' with different content from line 2")
    assert report.rejects[0][0] == 3


def test_identical_row_twice_is_a_duplicate_not_a_reject(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-06-24,,battle,MMR,,,,src1", "e1,2021-06-24,,battle,MMR,,,,src1")
    assert (report.rows_loaded, report.rows_duplicate, report.rows_rejected) == (1, 1, 0)


def test_changed_row_on_reload_is_rejected_for_curated_files(con, tmp_path):
    events(con, tmp_path, "e1,2021-06-24,,battle,MMR,,,,src1")
    again = load(con, tmp_path, "events2.csv", EVENTS_HEADER + "e1,2021-06-24,,battle,MMR,,7,,src1\n")
    assert "'e1' is already loaded with different content (batch 2)" in only_reason(again)
    assert con.execute("SELECT fatalities_best FROM events").fetchone()[0] is None


def test_vote_for_unknown_resolution(con, tmp_path):
    load(con, tmp_path, "sources.csv", SOURCES)
    report = load(con, tmp_path, "votes.csv", "resolution_id,country_iso3,vote\nA/RES/1/1,BLR,Y\n")
    assert only_reason(report) == "unknown resolution 'A/RES/1/1': load the file with its official totals first"


def test_unknown_vote_code(con, tmp_path):
    load(con, tmp_path, "sources.csv", SOURCES)
    load(con, tmp_path, "res.csv", RESOLUTION)
    report = load(con, tmp_path, "votes.csv", "resolution_id,country_iso3,vote\nA/RES/75/287,BLR,maybe\n")
    assert only_reason(report) == "unknown vote code 'maybe' (use Y, N, A or X)"


def test_votes_beyond_official_totals_are_rejected(con, tmp_path):
    load(con, tmp_path, "sources.csv", SOURCES)
    load(con, tmp_path, "res.csv", RESOLUTION)  # official: 1 against
    report = load(con, tmp_path, "votes.csv",
                  "resolution_id,country,vote\nA/RES/75/287,BLR,N\nA/RES/75/287,RUS,N\nA/RES/75/287,CHN,A\n")
    assert report.rows_loaded == 1 and report.rows_rejected == 2
    reasons = {line: reason for line, reason in report.rejects}
    assert set(reasons) == {2, 3}
    assert reasons[2] == ("resolution A/RES/75/287: the roll call lists 2 'no' votes but the official total is 1; "
                          "check the roll call and the totals (every 'no' line of this file for it is rejected)")
    assert con.execute("SELECT country_iso3, vote FROM votes").fetchall() == [("CHN", "A")]
    assert con.execute("SELECT count(*) FROM rejects WHERE reason LIKE 'resolution A/RES/75/287%'").fetchone()[0] == 2


def test_casualty_qualifier_and_lower_bound(con, tmp_path):
    load(con, tmp_path, "sources.csv", SOURCES)
    report = load(con, tmp_path, "cas.csv",
                  "report_id,country_iso3,as_of,victims,killed_low,qualifier,cumulative,reported_by,source_id\n"
                  "r1,MMR,2021-06-21,civilians,870,at least,true,AAPP,src1\n"
                  "r2,MMR,2021-06-21,civilians,870,roughly,true,AAPP,src1\n")
    assert report.rows_loaded == 1
    assert report.rejects[0][1].startswith("unknown qualifier 'roughly'")
    assert con.execute("SELECT killed_low, killed_best, qualifier FROM casualty_reports").fetchone() == (
        870, None, "at least")


def test_field_count_mismatch(con, tmp_path):
    report = events(con, tmp_path, "e1,2021-06-24,,battle,MMR,,,src1")
    assert only_reason(report) == ("has 8 fields but the header has 9: look for a stray delimiter or an "
                                   "unclosed quote")


def test_accounting_adds_up_and_rejects_are_stored(con, tmp_path):
    report = events(con, tmp_path,
                    "e1,2021-06-24,,battle,MMR,,,,src1",
                    "e1,2021-06-24,,battle,MMR,,,,src1",
                    "e2,2021-13-01,,battle,MMR,,,,src1",
                    "e3,2021-06-24,,battle,Narnia,,,,src1")
    assert report.rows_read == 4
    assert report.rows_read == report.rows_loaded + report.rows_duplicate + report.rows_rejected
    batch = con.execute("SELECT rows_read, rows_loaded, rows_duplicate, rows_rejected FROM batches "
                        "WHERE format = 'events'").fetchone()
    assert batch == (4, 1, 1, 2)
    stored = con.execute("SELECT line_no, reason, raw_record FROM rejects ORDER BY line_no").fetchall()
    assert [s[0] for s in stored] == [4, 5]
    assert stored[1][2] == "e3,2021-06-24,,battle,Narnia,,,,src1"


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_a_rejects_raw_record_is_its_line_again_quoted_where_needed(con, tmp_path, delimiter):
    lines = [["e1", "2021-06-24", "", "battle", "Narnia", "", "", "", "src1"],
             ["e2", "2021-06-24", "", 'a, "quoted"\nbattle\twith a tab', "Narnia", "", "", "", "src1"]]
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\n").writerows([EVENTS_HEADER.strip().split(","), *lines])
    load(con, tmp_path, "sources.csv", SOURCES)
    report = load(con, tmp_path, "events.csv", text.getvalue())
    assert report.rows_rejected == 2
    stored = con.execute("SELECT line_no, raw_record FROM rejects WHERE input_path LIKE '%events.csv' "
                         "ORDER BY line_no").fetchall()
    assert [n for n, _ in stored] == [2, 3]
    assert stored[0][1] == delimiter.join(lines[0])  # nothing to quote: as written
    assert [next(csv.reader(io.StringIO(raw), delimiter=delimiter)) for _, raw in stored] == lines


def test_reload_changes_nothing(con, tmp_path):
    events(con, tmp_path, "e1,2021-06-24,,battle,MMR,,,,src1", "e2,2021-06-25,,battle,MMR,,,,src1")
    before = con.execute("SELECT count(*), sum(hash(row_hash)) FROM events").fetchone()
    again = load(con, tmp_path, "events.csv", EVENTS_HEADER + "e1,2021-06-24,,battle,MMR,,,,src1\n"
                 "e2,2021-06-25,,battle,MMR,,,,src1\n")
    assert (again.rows_loaded, again.rows_duplicate) == (0, 2)
    assert con.execute("SELECT count(*), sum(hash(row_hash)) FROM events").fetchone() == before


def test_cp1252_file_is_detected(con, tmp_path):
    load(con, tmp_path, "sources.csv", SOURCES)
    load(con, tmp_path, "res.csv", RESOLUTION)
    report = load(con, tmp_path, "votes_cp.csv", "resolution_id,country,vote\nA/RES/75/287,Côte d’Ivoire,Y\n",
                  encoding="cp1252")
    assert report.rows_loaded == 1
    assert con.execute("SELECT country_iso3 FROM votes").fetchone()[0] == "CIV"


def test_hxl_tag_row_is_reported_not_counted(con, tmp_path):
    report = events(con, tmp_path, "#event+id,#date,,#event+type,#country+code,,,,#meta+source",
                    "e1,2021-06-24,,battle,MMR,,,,src1")
    assert (report.rows_read, report.rows_loaded) == (1, 1)
    assert any("HXL" in note for note in report.notes)


def test_blank_lines_a_repeated_header_and_hxl_tags_are_notes_not_rows(con, tmp_path):
    """Lines that are no data are not read, loaded or rejected; a note names each, but the blank ones, by line."""
    header = EVENTS_HEADER.strip()
    # blank: commas only; spaces; a tab and spaces (trim() keeps tabs); a quoted line break and a no-break space;
    # a next-line and a line-separator character (white space to Python, kept by trim())
    report = events(con, tmp_path, "e1,2021-06-24,,battle,MMR,,,,src1", ",,,,,,,,", "  ,, ,,,,,, ", " \t ,,\t,,,,,,",
                    '"\n",\u00a0,,,,,,,', "\u0085,\u2028,,,,,,,", header.upper().replace(",", " , "),
                    header.replace(",", "\t,", 1), "#event+id,#date,,#event+type,,,,,#meta+source",
                    "#e2,2021-06-25,,battle,MMR,,,,src1", "\te3,2021-06-26,,battle,MMR,,,,src1")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 3, 0)
    assert [n for n in report.notes if "not loaded as data" in n] == [
        "line 9: the header repeated; not loaded as data",
        "line 10: the header repeated; not loaded as data",  # its first name ends in a tab
        "line 11: a row of HXL tags (#event+date …); not loaded as data"]
    # '#e2' is data: a tag row has only tags and blanks
    # a first cell that starts with a tab is data, its value kept as given (values lose only space separators:
    # tests/unit/test_sql_macros.py)
    assert con.execute("SELECT list(event_id ORDER BY event_id) FROM events").fetchone()[0] == ["\te3", "#e2", "e1"]


def test_places_are_geocoded_offline_and_marked(con, tmp_path):
    load(con, tmp_path, "sources.csv", SOURCES)
    load(con, tmp_path, "ev.csv", "event_id,event_date,event_type,country_iso3,location,source_id\n"
                                  "e1,2021-06-21,meeting,RUS,Moscow,src1\n")
    lat, lon, precision = con.execute("SELECT latitude, longitude, geo_precision FROM events").fetchone()
    assert round(lat) == 56 and round(lon) == 38
    assert precision.endswith("(geocoded)")


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_reject_line_numbers_count_the_empty_lines_before_them(con, tmp_path, newline):
    """DuckDB's reader skips empty lines; a reject after them still names the line it is on in the file, as an
    editor counts (the line feeds before it, plus one), whether an empty line stands alone, in a run, inside a
    quoted field (part of its record) or before a line that cannot be read; and a line of white space without the
    delimiters, which the reader cannot split, is blank too."""
    header = EVENTS_HEADER.replace("source_id\n", "source_id,notes")
    lines = [header, 'e1,2021-06-24,,battle,MMR,,,,src1,"two', "", 'lines"', "",
             "e2,2021-13-01,,battle,MMR,,,,src1,", "", "", "broken,line", "",
             "e3,2021-06-24,,battle,Narnia,,,,src1,", "   ", " \t", 'e4,2021-13-02,,battle,MMR,,,,src1,"x', 'y"',
             "e5,2021-13-03,,battle,MMR,,,,src1,", "", ""]
    text = newline.join(lines)

    def line_of(start: str) -> int:
        return text[:text.index(newline + start)].count("\n") + 2

    load(con, tmp_path, "sources.csv", SOURCES)
    report = load(con, tmp_path, "events.csv", text)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 1, 5)
    stored = con.execute("SELECT line_no, reason FROM rejects ORDER BY line_no").fetchall()
    assert [line for line, _ in stored] == [line_of(s) for s in ("e2", "broken", "e3", "e4", "e5")]
    assert [line for line, _ in stored] == [6, 9, 11, 14, 16]  # the lines of white space: blank, not rejects
    assert "has 2 fields" in stored[1][1] and "Narnia" in stored[2][1]


@pytest.mark.parametrize("first_note", ["plain", "two\nlines", "three\r\nlines\r\nhere"],
                         ids=["one line a record", "a line break", "two CRLF breaks"])
@pytest.mark.parametrize("ending", ["\n", ""], ids=["final newline", "no final newline"])
def test_reject_line_numbers_count_the_lines_records_span(con, tmp_path, first_note, ending):
    """A reject names the line its record starts on. Lines are counted here by Python's csv module, not by the ETL,
    whether or not a record spans lines (the ETL only searches the cells for line breaks when the file has more
    lines than records)."""
    rows = [["e1", "2021-06-24", "", "battle", "MMR", "", "", "", "src1", first_note],
            ["e2", "2021-13-01", "", "battle", "MMR", "", "", "", "src1", ""],
            ["e3", "2021-06-24", "", "battle", "Narnia", "", "", "", "src1", "the last"]]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    text = EVENTS_HEADER.replace("source_id\n", "source_id,notes\n") + out.getvalue()
    text = text[:-1] + ending
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    starts = {}
    for row in reader:  # the line each record starts on: the reader's line count before it read the record
        starts[row[0]] = reader.line_num - sum(cell.count("\n") for cell in row)
    load(con, tmp_path, "sources.csv", SOURCES)
    report = load(con, tmp_path, "events.csv", text)
    assert (report.rows_loaded, report.rows_rejected) == (1, 2)
    stored = con.execute("SELECT line_no FROM rejects ORDER BY line_no").fetchall()
    assert [s[0] for s in stored] == [starts["e2"], starts["e3"]]
