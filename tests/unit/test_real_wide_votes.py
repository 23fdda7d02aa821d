"""The UN Digital Library's wide voting export (General Assembly and Security Council, 1946-2021) loaded on top of
the bundled case, as an analyst would: its accounting, its quirks flagged and never rejected, the founding
vote's full roll call, and Security Council roll calls with no false veto. Skipped where ../shared/realdata is
absent."""

from __future__ import annotations

import duckdb
import pytest

from monitor.votes import PERMANENT_MEMBERS, vetoes
from tests.conftest import etl_json, realdata

WIDE = "unga/un_votes_wide_un_data_2022.csv"
# Non-empty cells of the state columns, less the one in DONOTKNOW and the 193 of a repeated record (A/76/L.14).
VOTES_IN_FILE = 897_469


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, bundled_db) -> tuple[dict, duckdb.DuckDBPyConnection]:
    path = realdata(WIDE)
    db = tmp_path_factory.mktemp("wide") / "monitor.duckdb"
    db.write_bytes(bundled_db.read_bytes())
    code, out = etl_json("load", str(path), "--db", str(db))
    assert code == 0, out
    con = duckdb.connect(str(db), read_only=True)
    yield out["files"][0], con
    con.close()


def count(con, sql: str, params: list | None = None) -> int:
    return con.execute(sql, params or []).fetchone()[0]


def test_accounting_nothing_rejected(loaded):
    report, con = loaded
    assert report["format"] == "wide"
    # 7,855 rows: A/RES/75/287 is already in the bundled case with the same totals, and A/76/L.14 comes twice
    # (UN Digital Library records 3949879 and 3949880, identical): two duplicates, no reject.
    assert (report["rows_read"], report["rows_loaded"], report["rows_duplicate"], report["rows_rejected"]) == \
        (7855, 7853, 2, 0)
    assert report["reasons"] == {}
    assert count(con, "SELECT count(*) FROM resolutions WHERE origin = 'undl'") == 7853
    assert count(con, "SELECT count(*) FROM votes WHERE source_id LIKE 'undl:%'") == VOTES_IN_FILE - 193


def test_publisher_quirks_are_flagged(loaded):
    _, con = loaded
    said = con.execute("SELECT line_no, reason FROM warnings WHERE batch_id = (SELECT max(batch_id) FROM batches) "
                       "ORDER BY line_no, seq").fetchall()
    lines = {}
    for line, message in said:
        lines.setdefault(line, []).append(message)
    assert sorted(lines) == [1, 380, 381, 708, 1449, 2702, 2705, 4668]
    assert lines[380] == ["no resolution symbol ('MISSING_DATA'): keyed as undl:3836031"]
    assert lines[381][0].startswith("a draft symbol (A/73/L.42) where a resolution symbol should be")
    assert lines[708] == ["the date is a year alone (2011): vote_date left empty, the year kept in extra"]
    assert lines[1449] == [
        "the official totals (yes 14, no 0, abstain 1, non-voting 0) disagree with the country columns (yes 13, no "
        "0, abstain 1, non-voting 0): both kept, the totals in resolutions and the cells in votes",
        "column 'DONOTKNOW' names no member state: its vote 'Y' is kept in extra, not counted as any state's vote"]
    assert "'COTE D’IVOIRE' (CIV)" in lines[1][0] and "' UNITED KINGDOM' (GBR)" in lines[1][0]


def test_misleading_total_headers_against_the_cells(loaded):
    """ABSENT COUNT holds the abstentions, NO-VOTE COUNT the non-voting: read so, every row but the DONOTKNOW one
    agrees with its cells; read as labelled, 5,619 rows would disagree."""
    _, con = loaded
    tallies = """WITH t AS (SELECT resolution_id, count(*) FILTER (WHERE vote = 'A') AS a,
                                   count(*) FILTER (WHERE vote = 'X') AS x, count(*) FILTER (WHERE vote = 'Y') AS y
                            FROM votes GROUP BY ALL)
                 SELECT count(*) FROM resolutions r JOIN t USING (resolution_id) WHERE r.origin = 'undl' AND {}"""
    assert count(con, tallies.format("(r.abstain <> t.a OR r.non_voting <> t.x OR r.yes <> t.y)")) == 1
    # 5,619 rows of the file, less A/RES/75/287 (the bundled row is kept) and the repeated record of A/76/L.14
    assert count(con, tallies.format("(r.abstain <> t.x OR r.non_voting <> t.a)")) == 5619 - 2


def test_the_founding_vote_reconciles(loaded):
    _, con = loaded
    cast = dict(con.execute("SELECT country_iso3, vote FROM votes WHERE resolution_id = 'A/RES/75/287'").fetchall())
    assert [sum(v == c for v in cast.values()) for c in "YNAX"] == [119, 1, 36, 37]
    assert cast["IND"] == cast["THA"] == "A" and cast["BLR"] == "N" and cast["MMR"] == "Y"
    # The bundled roll call and the wide file agree vote for vote: nothing was flagged for it, and the
    # bundled row (with the note on Myanmar's seat) is the one kept.
    assert count(con, "SELECT count(*) FROM warnings WHERE reason LIKE '%A/RES/75/287%'") == 0
    assert "Kyaw Moe Tun" in con.execute("SELECT note FROM votes WHERE resolution_id = 'A/RES/75/287' "
                                         "AND country_iso3 = 'MMR'").fetchone()[0]


def test_security_council_roll_calls_and_no_false_veto(loaded):
    _, con = loaded
    council = con.execute("SELECT resolution_id, adopted, vote_date, yes FROM resolutions WHERE body = 'UNSC' "
                          "AND origin = 'undl'").fetchall()
    assert len(council) == 2617 and all(rid.startswith("S/RES/") and adopted for rid, adopted, _, _ in council)
    cast: dict[str, dict[str, str]] = {}
    for rid, iso3, vote in con.execute("SELECT resolution_id, country_iso3, vote FROM votes "
                                       "WHERE starts_with(resolution_id, 'S/RES/')").fetchall():
        cast.setdefault(rid, {})[iso3] = vote
    # Members present that day only: 11 before 1966, 15 after.
    assert len(cast["S/RES/88(1950)"]) == 11 and len(cast["S/RES/2323(2016)"]) == 15
    # The file holds no failed draft of the Council, so no veto; nine adopted resolutions carry a permanent
    # member's No (procedural votes of the 1950s among them) and none of them is a veto.
    assert sum(len(vetoes("UNSC", adopted, day, yes, cast[rid])) for rid, adopted, day, yes in council) == 0
    with_permanent_no = {rid for rid, votes in cast.items()
                         if any(v == "N" and c in PERMANENT_MEMBERS for c, v in votes.items())}
    assert with_permanent_no == {"S/RES/34(1947)", "S/RES/87(1950)", "S/RES/88(1950)", "S/RES/110(1955)",
                                 "S/RES/119(1956)", "S/RES/120(1956)", "S/RES/132(1959)", "S/RES/157(1960)",
                                 "S/RES/462(1980)"}
    assert cast["S/RES/119(1956)"]["GBR"] == cast["S/RES/119(1956)"]["FRA"] == "N"  # Suez: referred to the GA
    assert cast["S/RES/462(1980)"]["SUN"] == "N"  # Afghanistan: referred to the GA


def test_after_the_unvotes_roll_calls_nothing_is_rejected(tmp_path):
    """The unvotes sample (sessions 65-74) loaded first: its roll calls are kept, the wide file's rows for them are
    duplicates with a warning giving the official totals unvotes lacks — no row rejected."""
    calls, wide = realdata("unga/unvotes_un_roll_calls_s65-74.csv"), realdata(WIDE)
    db = tmp_path / "monitor.duckdb"
    code, out = etl_json("load", str(calls), str(wide), "--db", str(db))
    assert code == 0, out
    report = next(f for f in out["files"] if f["format"] == "wide")
    assert (report["rows_read"], report["rows_loaded"], report["rows_duplicate"], report["rows_rejected"]) == \
        (7855, 7084, 771, 0)
    con = duckdb.connect(str(db), read_only=True)
    try:
        kept = [m for (m,) in con.execute("SELECT reason FROM warnings WHERE reason LIKE '% is already stored "
                                          "(source unvotes:%: kept as stored; this file says %'").fetchall()]
        assert len(kept) == 770 and all("yes " in m for m in kept)
        # one date disagrees: unvotes says 8 December 2010, the UN Digital Library 10 December
        assert [m.split(": kept")[0] for m in kept if "vote_date" in m] == [
            "A/RES/65/100 is already stored (source unvotes:unvotes_un_roll_calls_s65-74.csv)"]
        assert count(con, "SELECT origin FROM resolutions WHERE resolution_id = 'A/RES/73/264'") == "unvotes"
    finally:
        con.close()
