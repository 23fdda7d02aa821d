"""The Map page's figure on the places fixture: exact places filled, approximate hollow, grid cells counted."""

from __future__ import annotations

from monitor.figures import map as figures
from monitor.queries import map as queries
from tests.fixture_db import ALL_DATES, PRECISIONS


def test_the_aggregated_map_has_one_sized_trace_with_counts(map_store):
    places, cell = queries.map_places(map_store, ALL_DATES, "best", max_points=11)
    fig = figures.events_map(places, cell, "best")
    assert len(fig.data) == 1 and "1° grid cell" in fig.data[0].name
    assert "60" in list(fig.data[0].text)


def test_places_map_splits_exact_and_approximate(map_store):
    places, _ = queries.map_places(map_store, ALL_DATES, "best")
    fig = figures.events_map(places, None, "best")
    names = {t.name.split(" (")[0]: t for t in fig.data}
    assert names["approximate location"].marker.symbol == "circle-open"
    assert names["exact location"].marker.symbol == "circle"
    assert len(names["approximate location"].lat) == sum(PRECISIONS.values())


def test_grid_cells_are_squares_coloured_from_zero(map_store):
    """Sized circles for thousands of neighbouring cells overlapped into one block: cells are coloured instead."""
    places, cell = queries.map_places(map_store, ALL_DATES, "best", max_points=11)
    marker = figures.events_map(places, cell, "best").data[0].marker
    assert marker.symbol == "square" and marker.cmin == 0 and marker.cmax == max(places["fatalities"].max(), 1)
    assert 3 <= marker.size <= 14
