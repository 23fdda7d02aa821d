"""The Map page's queries on the places fixture: precision classes, grid aggregation, a place's events."""

from __future__ import annotations

from monitor.queries import map as queries
from tests.fixture_db import ALL_DATES, PRECISIONS


def test_precision_decides_exact_or_approximate(map_store):
    places, cell = queries.map_places(map_store, ALL_DATES, "best")
    assert cell is None
    at_equator = places[places["lat"] == 0.0].set_index("location")["approximate"]
    for i, (precision, approximate) in enumerate(PRECISIONS.items()):
        assert at_equator[f"p{i}"] == (1.0 if approximate else 0.0), precision


def test_counts_say_what_is_not_drawn(map_store):
    assert queries.map_counts(map_store, ALL_DATES) == {"located": 70, "unlocated": 1, "places": 70,
                                                        "places_estimated": 0}


def test_many_places_are_estimated_not_counted_one_by_one(map_store):
    counts = queries.map_counts(map_store, ALL_DATES, max_points=10)
    assert counts["places_estimated"] == 1 and 60 <= counts["places"] <= 80  # HyperLogLog: within a few percent


def test_too_many_places_are_aggregated_to_a_grid_in_sql(map_store):
    # 10 equator places + the cluster: 16 cells at 0.1 degrees, 13 at 0.25, 12 at 0.5 (the cluster in two), 11 at 1.
    places, cell = queries.map_places(map_store, ALL_DATES, "best", max_points=11)
    assert cell == 1.0
    assert len(places) == 11
    assert places["events"].sum() == 70  # nothing lost
    cluster = places[places["events"] == 60].iloc[0]
    assert (cluster["lat"], cluster["lon"]) == (21.5, 96.5)  # the cell's centre
    assert cluster["fatalities"] == 15 and cluster["with_fatalities"] == 3
    about, n, word = cluster["location"].split()  # estimated (HyperLogLog): exact distinct lists cost seconds at 10M
    assert (about, word) == ("about", "places") and 57 <= int(n) <= 63


def test_a_cells_events_are_listed_from_any_point_in_it(map_store):
    events = queries.place_events(map_store, ALL_DATES, 21.5, 96.5, 1.0)
    assert len(events) == 60
    assert len(queries.place_events(map_store, ALL_DATES, 21.3, 96.3, None)) == 1  # exact coordinates: one event
