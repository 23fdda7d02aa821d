"""The Timeline page's queries on the June 2021 fixture: SQL aggregation per week/month, date precision, markers."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor.queries import timeline as queries
from tests.fixture_db import JUNE, JUNE_MMR


def test_weekly_fatalities_are_summed_in_sql_and_month_only_events_are_not_pinned_to_a_week(june_store):
    rows = queries.fatalities_per_period(june_store, JUNE_MMR, "week", "best")
    placed = rows[rows["fits"]].set_index("period")
    assert placed.loc[pd.Timestamp("2021-05-31"), "killed"] == 14  # u1 + u2, the week starting Monday 31 May
    assert placed.loc[pd.Timestamp("2021-05-31"), "events"] == 2
    unplaced = rows[~rows["fits"]]
    assert list(unplaced["killed"]) == [5]  # u3: June, day unknown
    assert set(rows["origin"]) == {"ucdp"}  # the BGD event is not Myanmar's


def test_monthly_bucket_takes_month_only_events(june_store):
    rows = queries.fatalities_per_period(june_store, JUNE_MMR, "month", "high")
    assert rows["fits"].all() and rows["killed"].sum() == 20 + 3 + 9


def test_low_estimate_falls_back_to_the_single_figure_and_says_so(june_store):
    rows = queries.fatalities_per_period(june_store, JUNE, "week", "low")
    acled = rows[rows["origin"] == "acled"].iloc[0]
    assert acled["killed"] == 7 and acled["single_figure"] == 1


def test_bad_bucket_or_estimate_is_refused(june_store):
    with pytest.raises(ValueError):
        queries.fatalities_per_period(june_store, JUNE, "day; DROP TABLE events", "best")


def test_markers_leave_an_un_vote_to_its_resolution(june_store):
    markers = queries.timeline_markers(june_store, JUNE_MMR)
    assert list(markers[markers["kind"] == "un_vote"]["place"]) == ["A/RES/75/287"]
    assert len(markers[markers["kind"] == "state-based"]) == 3


def test_busy_kinds_are_counted_per_period_not_sampled(june_store):
    markers = queries.timeline_markers(june_store, JUNE_MMR, per_kind=2)
    assert "state-based" not in set(markers["kind"]) and "un_vote" in set(markers["kind"])
    density = queries.marker_density(june_store, JUNE_MMR, "week", per_kind=2)
    assert set(density["kind"]) == {"state-based"}
    by_week = density.set_index("period")
    # u1 and u2 in the week of Monday 31 May; u3 (June, day unknown) is counted where June begins, not on the 15th
    first = by_week.loc[pd.Timestamp("2021-05-31")]
    assert (first["items"], first["killed"], first["imprecise"]) == (3, 19, 1)
    assert density["items"].sum() == density["kind_total"].iloc[0] == 3
