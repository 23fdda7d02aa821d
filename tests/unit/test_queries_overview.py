"""The Overview page's queries on the June 2021 fixture: headline reports, deaths per dataset, what is on record."""

from __future__ import annotations

from datetime import date

from monitor.queries import overview as queries
from monitor.queries.filters import Filters
from tests.fixture_db import JUNE, JUNE_MMR


def test_fatalities_by_origin_keep_the_range(june_store):
    rows = queries.fatalities_by_origin(june_store, JUNE).set_index("origin")
    assert (rows.loc["ucdp", "low"], rows.loc["ucdp", "best"], rows.loc["ucdp", "high"]) == (16, 19, 32)
    assert rows.loc["acled", "n_low"] == 0 and rows.loc["acled", "best"] == 7


def test_latest_report_per_reporter_and_victims(june_store):
    rows = queries.casualty_headlines(june_store, Filters(date(2021, 1, 1), date(2021, 12, 31), ("MMR",)))
    assert sorted(zip(rows["report_id"], rows["killed_low"], strict=True)) == [("r2", 858), ("r3", 870)]


def test_counts_resolutions_naming_a_country_and_the_votes_it_cast(june_store):
    counts = queries.selection_counts(june_store, JUNE_MMR)
    assert counts["resolutions"] == 1  # the title names Myanmar
    assert counts["votes"] == 0  # Myanmar's own vote is not recorded
    assert counts["events"] == 4  # u1, u2, u3 and the meeting with Myanmar as counterpart
    belarus = queries.selection_counts(june_store, Filters(date(2021, 6, 1), date(2021, 6, 30), ("BLR",)))
    assert (belarus["resolutions"], belarus["votes"], belarus["events"]) == (0, 1, 0)
    everyone = queries.selection_counts(june_store, JUNE)
    assert (everyone["resolutions"], everyone["votes"], everyone["events"]) == (1, 2, 5)
