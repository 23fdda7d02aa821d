"""Aggregate counts (HDX HAPI): summed per month and type in SQL under the shared filters, unknown fatalities never
summed as zero, bounded, and drawn side by side (the types overlap: never stacked)."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from etl.load import load_file
from monitor import migrate, pinned
from monitor.figures import event_counts as figures
from monitor.queries import event_counts as queries
from monitor.queries.filters import Filters, data_date_range
from monitor.store import Store
from monitor.views import event_counts as view
from tests.conftest import FIXTURES

HDX = FIXTURES / "hdx_hapi_conflict_events.csv"  # test values, not HDX's
MMR_2025 = Filters(date(2025, 1, 1), date(2025, 2, 28), ("MMR",))


@pytest.fixture(scope="module")
def counts_store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("counts") / "counts.duckdb"
    con = duckdb.connect(str(path))
    migrate.create_all(con)
    load_file(con, HDX, progress=False)
    con.close()
    return Store(path)


def _by(frame, *keys):
    def plain(v):
        return v.date() if isinstance(v, pd.Timestamp) else v
    return {tuple(plain(r[k]) for k in keys): r for r in frame.to_dict("records")}


def test_counts_per_month_sum_the_areas_of_the_selected_countries(counts_store):
    rows = _by(queries.counts_per_period(counts_store, MMR_2025), "event_type", "period")
    january = rows[("political_violence", date(2025, 1, 1))]
    assert (january["areas"], january["events"], january["fatalities"], january["with_fatalities"]) == (2, 15, 21, 2)
    assert rows[("political_violence", date(2025, 2, 1))]["fatalities"] == 0  # a stated 0 stays 0
    assert len(rows) == 5  # Albania's rows are not Myanmar's


def test_demonstration_fatalities_are_not_summed_as_zero(counts_store):
    rows = _by(queries.counts_per_period(counts_store, MMR_2025), "event_type", "period")
    demonstrations = rows[("demonstration", date(2025, 1, 1))]
    assert demonstrations["events"] == 5 and demonstrations["with_fatalities"] == 0
    assert pd.isna(demonstrations["fatalities"])  # unknown: NULL, not 0
    totals = _by(queries.counts_by_type(counts_store, MMR_2025), "event_type")
    assert totals[("demonstration",)]["events"] == 6
    lines = [t.strong + t.text for t in view.totals_lines(lambda q, *a: q(counts_store, *a), MMR_2025)]
    assert "Demonstrations: 6 events, fatalities not reported; 1 Jan – 28 Feb 2025, 2 areas" in lines
    assert ("Civilian targeting (a part of political violence): 4 events, 6 fatalities; 1–31 Jan 2025, 1 area"
            in lines)


def test_the_dates_pick_whole_months_that_overlap_them(counts_store):
    mid_february = Filters(date(2025, 2, 10), date(2025, 2, 12), ("MMR",))
    rows = queries.counts_per_period(counts_store, mid_february)
    assert set(rows["period"]) == {pd.Timestamp(2025, 2, 1)} and int(rows["events"].sum()) == 8
    assert queries.counts_per_period(counts_store, Filters(date(2024, 1, 1), date(2024, 12, 31))).empty


def test_the_counts_are_in_the_data_s_span(counts_store):
    assert data_date_range(counts_store, ("ALB",)) == (date(2025, 1, 1), date(2025, 1, 31))


def test_a_pinned_version_before_the_counts_has_none(counts_store):
    assert queries.counts_per_period(pinned.at(counts_store, 0), MMR_2025).empty
    assert not queries.counts_per_period(pinned.at(counts_store, 1), MMR_2025).empty


def test_reads_are_bounded(counts_store, monkeypatch):
    monkeypatch.setattr(queries, "MAX_ROWS", 2)
    everything = Filters(date(2000, 1, 1), date(2030, 1, 1))
    assert len(queries.counts_per_period(counts_store, everything)) == 2


def test_the_figure_puts_the_types_side_by_side_and_says_what_is_not_reported(counts_store):
    fig = figures.counts_figure(queries.counts_per_period(counts_store, MMR_2025), MMR_2025.start, MMR_2025.end)
    assert fig.layout.barmode == "overlay"  # positioned side by side inside the month: nothing stacked
    events = [t for t in fig.data if t.yaxis == "y"]
    assert [t.name for t in events] == ["Political violence", "Civilian targeting", "Demonstrations"]
    january = [t.x[0] for t in events]
    assert january == sorted(january) and len(set(january)) == 3  # three slots within January, none on another
    assert all(x.startswith("2025-01") for x in january)
    axis = fig.layout.xaxis2
    assert (axis.dtick, axis.tickformat, axis.ticklabelmode) == ("M1", "%b %Y", "period")  # months, never days
    fatalities = [t.name for t in fig.data if t.yaxis == "y2"]
    assert fatalities == ["Political violence", "Civilian targeting"]  # no zero bar for demonstrations
    assert [a.text for a in fig.layout.annotations if "not reported" in a.text] == [
        "Fatalities per month — not reported for demonstrations (unknown, not 0)"]
    assert "fatalities: not reported" not in " ".join(events[2].hovertext)  # events hover: events only


def test_the_caption_says_which_source_and_that_they_are_not_added(counts_store):
    note = view.caption_note(queries.counts_per_period(counts_store, MMR_2025), MMR_2025)
    assert note.startswith("HDX HAPI (monthly aggregates of ACLED): events and fatalities per month")
    assert "never added to them" in note and "ACLED's own events" in note
    assert "fatalities: not reported for demonstrations (unknown, not zero)" in note
