"""A/RES/75/287, the founding vote: the UN's full recorded vote, transcribed with its citation.

Checked against the built database (what the pages read) and, when ../shared/realdata is present,
against the UN Digital Library export it was transcribed from.
"""

from __future__ import annotations

import csv

import pytest

from monitor.countries import to_iso3
from monitor.reference import UN_MEMBERS
from tests.conftest import REALDATA, ROOT

RESOLUTION = "A/RES/75/287"
RECORD = "undl-3929594"
WIDE = REALDATA / "unga" / "un_votes_wide_un_data_2022.csv"


def _votes(query) -> dict[str, str]:
    return dict(query("SELECT country_iso3, vote FROM votes WHERE resolution_id = ?", [RESOLUTION]))


def test_193_votes_reconcile_with_the_official_totals(query):
    votes = _votes(query)
    assert len(votes) == 193 and set(votes) == UN_MEMBERS
    tally = {v: sum(1 for x in votes.values() if x == v) for v in "YNAX"}
    official = query("SELECT yes, no, abstain, non_voting FROM resolutions WHERE resolution_id = ?", [RESOLUTION])
    assert official == [(119, 1, 36, 37)]
    assert (tally["Y"], tally["N"], tally["A"], tally["X"]) == official[0]


def test_india_and_thailand_abstained_belarus_alone_voted_no(query):
    votes = _votes(query)
    abstained = {c for c, v in votes.items() if v == "A"}
    assert {"IND", "THA", "CHN", "RUS", "BRN", "KHM", "LAO", "BGD", "NPL", "IRN", "EGY"} <= abstained
    assert len(abstained) == 36
    assert [c for c, v in votes.items() if v == "N"] == ["BLR"]
    assert {votes[c] for c in ("SGP", "MYS", "VNM", "IDN", "PHL", "USA", "GBR")} == {"Y"}


def test_myanmar_yes_keeps_the_note_on_its_seat(query):
    (vote, note, source), = query("SELECT vote, note, source_id FROM votes WHERE resolution_id = ? "
                                  "AND country_iso3 = 'MMR'", [RESOLUTION])
    assert vote == "Y" and source == RECORD
    assert "Kyaw Moe Tun" in note and "Not a vote of the junta" in note


def test_every_vote_cites_the_un_digital_library_record(query):
    assert query("SELECT DISTINCT source_id FROM votes WHERE resolution_id = ?", [RESOLUTION]) == [(RECORD,)]
    assert query("SELECT publisher, title, url, accessed_on::VARCHAR FROM sources WHERE source_id = ?", [RECORD]) == [
        ("United Nations Digital Library", "The situation in Myanmar : resolution / adopted by the General Assembly",
         "https://digitallibrary.un.org/record/3929594", "2026-11-29")]
    assert query("SELECT source_id FROM resolutions WHERE resolution_id = ?", [RESOLUTION]) == [(RECORD,)]


def test_transcription_matches_the_un_export_cell_by_cell():
    if not WIDE.exists():
        pytest.skip(f"real UN voting export not found at {WIDE}")
    with WIDE.open(encoding="utf-8-sig", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["token"].strip() == "3929594")
    assert row["Resolution"] == RESOLUTION and row["Date"] == "2021-06-18"
    published = {to_iso3(name): cell.strip() for name, cell in list(row.items())[11:] if cell and cell.strip()}
    with (ROOT / "data" / "sources" / "votes.csv").open(encoding="utf-8", newline="") as handle:
        ours = {r["country_iso3"]: r["vote"] for r in csv.DictReader(handle) if r["resolution_id"] == RESOLUTION}
    assert ours == published
    # the export's "ABSENT COUNT" holds the abstentions and "NO-VOTE COUNT" the non-voting members
    assert (row["YES COUNT"], row["NO COUNT"], row["ABSENT COUNT"], row["NO-VOTE COUNT"]) == ("119", "1", "36", "37")


def test_a_full_roll_call_has_no_not_recorded_column():
    import pandas as pd

    from monitor.votes import countries_by_vote, roll_call

    cast = pd.DataFrame({"country_iso3": ["BLR", "FRA"], "vote": ["N", "Y"], "note": [None, None],
                         "source_id": [RECORD, RECORD]})
    assert list(countries_by_vote(roll_call(cast, {"BLR", "FRA"})).columns) == ["Yes", "No", "Abstain", "Not voting"]
    partial = countries_by_vote(roll_call(cast, {"BLR", "FRA", "DEU"}))
    assert partial["Not recorded"].tolist() == ["Germany"]
