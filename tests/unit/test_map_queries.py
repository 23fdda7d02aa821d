"""Map queries on a small fixture database: precision classes, grid aggregation, a place's events."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from monitor import figures, queries, schema
from monitor.queries import Filters
from monitor.store import Store

ALL = Filters(date(2000, 1, 1), date(2030, 1, 1))
PRECISIONS = {  # geo_precision -> drawn as approximate?
    "exact (ucdp 1)": False, "city (acled 1)": False, "exact": False,
    "near (ucdp 2)": True, "near (acled 2)": True, "region (acled 3)": True, "city (gdelt 4)": True,
    "capital (geocoded)": True, "city (geocoded)": True, None: True,
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("map") / "map.duckdb"
    con = duckdb.connect(str(path))
    schema.create_all(con)
    con.execute("INSERT INTO sources (source_id, publisher, title) VALUES ('s', 'P', 'T')")
    rows = []
    for i, (precision, _) in enumerate(PRECISIONS.items()):  # one place per precision, along the equator
        rows.append((f"p{i}", 0.0, float(i * 20 - 90), precision, 1, "MMR"))
    for i in range(60):  # a dense cluster: 60 distinct points within one 1-degree cell, 3 of them with deaths
        rows.append((f"c{i}", 21.0 + i / 100, 96.0 + i / 100, "exact (ucdp 1)", 5 if i < 3 else None, "MMR"))
    rows.append(("x", None, None, None, None, "MMR"))  # no coordinates
    for event_id, lat, lon, precision, killed, country in rows:
        con.execute("INSERT INTO events (event_id, event_date, event_type, country_iso3, location, latitude, "
                    "longitude, geo_precision, fatalities_best, origin, source_id) "
                    "VALUES (?, DATE '2021-06-01', 'battle', ?, ?, ?, ?, ?, ?, 'test', 's')",
                    [event_id, country, event_id, lat, lon, precision, killed])
    con.close()
    return Store(path)


def test_precision_decides_exact_or_approximate(store):
    places, cell = queries.map_places(store, ALL, "best")
    assert cell is None
    at_equator = places[places["lat"] == 0.0].set_index("location")["approximate"]
    for i, (precision, approximate) in enumerate(PRECISIONS.items()):
        assert at_equator[f"p{i}"] == (1.0 if approximate else 0.0), precision


def test_counts_say_what_is_not_drawn(store):
    assert queries.map_counts(store, ALL) == {"located": 70, "unlocated": 1, "places": 70}


def test_too_many_places_are_aggregated_to_a_grid_in_sql(store):
    # 10 equator places + the cluster: 16 cells at 0.1 degrees, 13 at 0.25, 12 at 0.5 (the cluster in two), 11 at 1.
    places, cell = queries.map_places(store, ALL, "best", max_points=11)
    assert cell == 1.0
    assert len(places) == 11
    assert places["events"].sum() == 70  # nothing lost
    cluster = places[places["events"] == 60].iloc[0]
    assert (cluster["lat"], cluster["lon"]) == (21.5, 96.5)  # the cell's centre
    assert cluster["fatalities"] == 15 and cluster["with_fatalities"] == 3
    assert cluster["location"] == "60 places"


def test_a_cells_events_are_listed_from_any_point_in_it(store):
    events = queries.place_events(store, ALL, 21.5, 96.5, 1.0)
    assert len(events) == 60
    assert len(queries.place_events(store, ALL, 21.3, 96.3, None)) == 1  # exact coordinates: one event


def test_the_aggregated_map_has_one_sized_trace_with_counts(store):
    places, cell = queries.map_places(store, ALL, "best", max_points=11)
    fig = figures.events_map(places, cell, "best")
    assert len(fig.data) == 1 and "1° grid cell" in fig.data[0].name
    assert "60" in list(fig.data[0].text)


def test_places_map_splits_exact_and_approximate(store):
    places, _ = queries.map_places(store, ALL, "best")
    fig = figures.events_map(places, None, "best")
    names = {t.name.split(" (")[0]: t for t in fig.data}
    assert names["approximate location"].marker.symbol == "circle-open"
    assert names["exact location"].marker.symbol == "circle"
    assert len(names["approximate location"].lat) == sum(PRECISIONS.values())


@pytest.mark.parametrize("bad", ["banana", "1,2,3", "91,0", "0,181"])
def test_bad_places_are_refused(bad):
    with pytest.raises(ValueError):
        queries.parse_place(bad)
