"""Vote figures as JSON: what an analyst sees must match the data, and the basemap must come from the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from monitor import votes
from monitor.figures import votes as figures
from monitor.figures.common import GEO_CONFIG

ROOT = Path(__file__).resolve().parents[2]


def test_a_total_the_source_does_not_state_is_labelled_not_zero():
    bar = figures.official_totals_bar({"yes": 119, "no": 1, "abstain": 36, "non_voting": None}).data[0]
    assert list(bar.x) == [119, 1, 36, 0]
    assert list(bar.text) == ["119", "1", "36", "not stated"]


def test_vote_map_has_a_trace_per_vote_with_not_recorded_its_own_colour():
    cast = pd.DataFrame({"country_iso3": ["BLR", "RUS", "MMR"], "vote": ["N", "A", "Y"], "note": [None] * 3})
    fig = figures.vote_map(votes.roll_call(cast, {"FRA", "DEU", "RUS"}))
    by_name = {t.name.split(" (")[0]: t for t in fig.data}
    assert list(by_name["No"].locations) == ["BLR"] and list(by_name["No"].text) == ["No"]
    assert set(by_name["Not recorded"].locations) == {"FRA", "DEU"}
    colours = {t.colorscale[0][1] for t in fig.data}
    assert len(colours) == len(fig.data)  # every vote its own colour
    assert by_name["Not recorded"].name == "Not recorded (2)"


def test_the_basemap_is_served_by_the_app():
    assert GEO_CONFIG["topojsonURL"] == "app/static/topojson/"
    assert (ROOT / "static" / "topojson" / "world_110m.json").stat().st_size > 100_000
    assert (ROOT / "static" / "topojson" / "LICENSE").read_text().startswith("The MIT License")


def test_country_grid_marks_missing_rows_with_a_dash():
    chosen = pd.DataFrame({"resolution_id": ["R/1", "R/1", "R/2", "R/2"], "vote_date": [date(2021, 1, 1)] * 2 + [
        date(2021, 2, 1)] * 2, "title": ["t"] * 4, "country_iso3": ["RUS", "CHN", "RUS", "CHN"],
        "vote": ["A", "A", "N", None]})
    heat = figures.country_votes_heatmap(chosen).data[0]
    assert list(heat.y) == ["China", "Russia"]
    assert [list(r) for r in heat.text] == [["A", "—"], ["A", "N"]]


def test_agreement_grid_shows_score_and_shared_votes():
    per_year = pd.DataFrame({"a": ["CHN"], "b": ["RUS"], "year": [2021], "agreement": [1.0], "shared": [3]})
    heat = figures.agreement_grid(per_year).data[0]
    assert list(heat.y) == ["China – Russia"] and heat.z[0][0] == 1.0 and "n=3" in heat.text[0][0]
