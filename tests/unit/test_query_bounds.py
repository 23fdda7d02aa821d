"""Every read a page makes at scale returns a bounded number of rows, whatever the data's size: checked on a
SYNTHETIC 3,000-event database with the bounds turned down so that they bite."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from bench.synthetic_db import build
from monitor.queries import data, overview, relationships, timeline
from monitor.queries import map as map_queries
from monitor.queries.filters import Filters, longest_event_days, selection_sources
from monitor.store import Store

EVERYTHING = Filters(date(1990, 1, 1), date(2025, 12, 31))


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("bounds") / "synthetic.duckdb"
    build(3000, path)
    return Store(path)


def test_map_places_stay_under_the_threshold_as_grid_cells(big):
    places, cell = map_queries.map_places(big, EVERYTHING, "best", max_points=700)
    assert cell is not None and 0 < len(places) <= 700
    assert places["events"].sum() == 3000  # nothing lost: every located event is in a cell
    assert len(map_queries.place_events(big, EVERYTHING, places["lat"][0], places["lon"][0], cell, limit=5)) <= 5
    assert len(map_queries.map_sources(big, EVERYTHING)) <= 50


def test_the_coarsest_grid_is_never_cut_short(big):
    places, cell = map_queries.map_places(big, EVERYTHING, "best", max_points=30)
    assert cell == 10.0 and places["events"].sum() == 3000 and len(places) <= 18 * 36


def test_timeline_draws_few_items_and_counts_the_rest(big, monkeypatch):
    monkeypatch.setattr(timeline, "MAX_MARKERS", 10)
    markers = timeline.timeline_markers(big, EVERYTHING, per_kind=600)  # the six kinds: 500 events each
    assert len(markers) == 0  # no kind fits in 10 items: none is sampled
    density = timeline.marker_density(big, EVERYTHING, "year", per_kind=600)
    assert density.empty  # ... and a kind under per_kind is not counted either: it waits for the markers
    density = timeline.marker_density(big, EVERYTHING, "year", per_kind=100)
    assert len(density) <= 6 * 29 and density["items"].sum() == 3000
    assert len(timeline.fatalities_per_period(big, EVERYTHING, "year", "best")) <= 29 * 2


def test_data_and_overview_reads_are_capped(big):
    assert len(data.table_page(big, "events", EVERYTHING)) == data.PAGE_ROWS
    assert len(data.table_page(big, "events", EVERYTHING, offset=3000 - 100)) == 100
    assert data.table_count(big, "events", EVERYTHING) == 3000
    assert len(overview.latest_events(big, EVERYTHING, 8)) == 8
    assert len(selection_sources(big, EVERYTHING, ("events", "visits"))) <= 50


def test_a_pairs_file_lists_at_most_the_latest_rows_and_counts_them_all(big):
    pair = tuple(big.query("SELECT country_iso3 AS a, counterpart_iso3 AS b FROM events WHERE counterpart_iso3 "
                           "IS NOT NULL AND counterpart_iso3 <> country_iso3 GROUP BY ALL ORDER BY count(*) DESC, a, b "
                           "LIMIT 1").iloc[0])
    totals = relationships.pair_totals(big, EVERYTHING, *pair)
    events = relationships.pair_events(big, EVERYTHING, *pair, limit=1)
    assert totals["events"] > 1 and len(events) == 1
    everything = relationships.pair_events(big, EVERYTHING, *pair, limit=totals["events"])
    assert len(everything) == totals["events"]
    assert list(events["event_date"]) == list(everything["event_date"].tail(1))  # the latest
    assert len(relationships.pair_visits(big, EVERYTHING, *pair, limit=1)) <= 1


def test_the_prunable_date_filter_selects_the_same_events(tmp_path):
    """Filters.event_days adds `event_date >= start - longest span`: the same rows, a filter DuckDB prunes on."""
    path = tmp_path / "spans.duckdb"
    build(300, path)
    with duckdb.connect(str(path)) as con:  # an event of 22 days that began before the range and ends inside it
        con.execute("UPDATE events SET event_date = DATE '2019-12-20', end_date = DATE '2020-01-10' "
                    "WHERE event_id = 'synthetic:SYN7'")
    store = Store(path)
    days = longest_event_days(store)
    assert days == 21
    for start, end in ((date(2020, 1, 1), date(2020, 12, 31)), (date(2020, 1, 10), date(2020, 1, 10)),
                       (date(1990, 1, 1), date(2025, 12, 31))):
        plain, pruned = Filters(start, end), Filters(start, end, event_days=days)
        assert data.table_count(store, "events", plain) == data.table_count(store, "events", pruned) > 0
        assert len(data.table_page(store, "events", pruned, limit=1000)) == data.table_count(store, "events", plain)
    assert data.table_count(store, "events", Filters(date(2020, 1, 10), date(2020, 1, 10), event_days=days)) >= 1
