"""Rows loaded as published with a quirk (UCDP estimates out of order) carry their flag wherever they are listed:
the Data page's events (and its `flagged` tab), the Map's events at a place, the Overview's latest events."""

from __future__ import annotations

import json

import pytest

from tests.app.conftest import serving
from tests.conftest import FIXTURES, run_etl

FLAG = "best 3 > high 0 as published (low 0, best 3, high 0); the range shown is 0–3"
REVERSED = "low 46 > best 37 > high 31 as published; the range shown is 31–46"
MAY_2021 = {"from_": "2021-05-01", "to": "2021-05-31"}


@pytest.fixture(scope="module")
def ucdp_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("flags") / "ucdp.duckdb"
    done = run_etl("load", str(FIXTURES / "ucdp_ged.csv"), "--db", str(db))
    assert done.returncode == 1, done.stdout + done.stderr  # two rows of the fixture are rejected for real errors
    with serving(db):
        yield db


def _column_label(frame_element, column: str) -> str:
    """The heading a user sees over `column` (Streamlit's column config, else the column's name)."""
    config = json.loads(frame_element.proto.columns or "{}")
    return (config.get(column) or {}).get("label") or column


def test_the_events_table_shows_the_flag_beside_the_id(ucdp_db, open_page):
    at = open_page("data", tab="events", **MAY_2021)
    table = at.dataframe[0]
    rows = table.value
    assert list(rows.columns[:2]) == ["event_id", "flag"]
    assert _column_label(table, "flag") == "⚑ flag"
    flags = rows.set_index("event_id")["flag"]
    assert flags["ucdp:900008"] == FLAG
    assert flags["ucdp:900005"] == REVERSED
    assert (flags.drop(["ucdp:900005", "ucdp:900008"]) == "").all()  # blank, not "None"


def test_the_flagged_tab_lists_only_flagged_rows_and_is_in_the_link(ucdp_db, open_page):
    at = open_page("data", tab="flagged", from_="1989-01-01", to="2023-12-31")
    assert at.selectbox(key="data_tab").value == "flagged"
    assert at.query_params["tab"] == "flagged"
    rows = at.dataframe[0].value
    assert sorted(rows["event_id"]) == ["ucdp:900005", "ucdp:900008"]
    assert any("2 rows" in m.value for m in at.markdown)
    # ... and the warnings of the ingest log name each event and its quirk
    warnings = next(d.value for d in at.dataframe if "row_key" in d.value.columns)
    assert f"UCDP event 900008: {FLAG}" in set(warnings["reason"])
    assert ("events", "ucdp:900008") in set(zip(warnings["table_name"], warnings["row_key"], strict=True))


def test_the_map_lists_a_place_s_events_with_their_flags(ucdp_db, open_page):
    at = open_page("map", place="21.3748,93.9725", **MAY_2021)
    events = next(d for d in at.dataframe if "event_type" in d.value.columns)
    assert _column_label(events, "flag") == "⚑ flag"
    assert FLAG in set(events.value["flag"]) and set(events.value["flag"]) <= {FLAG, REVERSED, ""}  # blank, not None


def test_the_overview_s_latest_events_show_the_flag(ucdp_db, open_page):
    at = open_page("overview", **MAY_2021)
    latest = next(d.value for d in at.dataframe if "Summary" in d.value.columns)
    assert FLAG in set(latest["⚑ Flag"])
