"""Map page: events by place, approximate locations apart, a place's events listed from the link."""

from __future__ import annotations

import json


def _map(at) -> dict:
    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart"))


def test_events_are_drawn_with_scattergeo_and_approximate_places_in_their_own_trace(open_page, query):
    at = open_page("map")
    traces = _map(at)["data"]
    assert traces and all(t["type"] == "scattergeo" for t in traces)
    approximate = [t for t in traces if t["name"].startswith("approximate location")]
    assert len(approximate) == 1 and approximate[0]["marker"]["symbol"] == "circle-open"
    # The bundled case's places are geocoded from their names: approximate, every one of them.
    assert "55.7520,37.6178" in approximate[0]["customdata"]  # Moscow
    located = query("SELECT count(DISTINCT (round(latitude, 4), round(longitude, 4))) FROM events "
                    "WHERE latitude IS NOT NULL")[0][0]
    assert sum(len(t["lat"]) for t in traces) == located


def test_the_caption_says_how_many_events_have_no_coordinates(open_page, query):
    at = open_page("map")
    unlocated = query("SELECT count(*) FROM events WHERE latitude IS NULL")[0][0]
    assert unlocated > 0
    assert any(f"{unlocated} events in the filters have no coordinates" in c.value for c in at.caption)


def test_a_place_in_the_link_lists_its_events(open_page):
    at = open_page("map", place="55.7520,37.6178")
    assert at.selectbox(key="map_place").value == "55.7520,37.6178"
    events = next(d.value for d in at.dataframe if "event_type" in d.value.columns)
    assert set(events["location"]) == {"Moscow"}
    assert events["actor2"].fillna("").str.contains("Patrushev").any()
    assert at.query_params["place"] == "55.7520,37.6178"


def test_a_bad_place_or_estimate_warns_and_falls_back(open_page):
    at = open_page("map", place="banana", est="worst")
    warnings = " ".join(w.value for w in at.warning)
    assert "place" in warnings and "est" in warnings
    assert at.selectbox(key="map_place").value is None
    assert at.radio(key="map_est").value == "best"


def test_the_estimate_is_kept_in_the_link(open_page):
    at = open_page("map", est="high")
    assert at.query_params["est"] == "high"
    assert at.radio(key="map_est").value == "high"


def _geo(at) -> dict:
    return _map(at)["layout"]["geo"]


MOSCOW_LON = 37.6178


def test_myanmar_is_framed_on_its_own_events_and_the_caption_counts_the_rest(open_page):
    # The bundled case, Myanmar in 2021: located events in Myanmar at Naypyidaw; five meetings and statements in
    # Moscow that involve Myanmar (counted by hand from data/sources/events.csv: 12 Mar, 1 Apr, 21 Jun twice,
    # 22 Jun). They stay in the data, outside the frame.
    at = open_page("map", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    west, east = _geo(at)["lonaxis"]["range"]
    assert west > MOSCOW_LON and west < 96.13 < east  # Naypyidaw's longitude in, Moscow's out
    assert any("5 events lie outside the frame" in c.value for c in at.caption)
    assert at.radio(key="map_frame").value == "selection"


def test_show_all_frames_every_event_and_stays_in_the_link(open_page):
    at = open_page("map", c=["MMR"], from_="2021-01-01", to="2021-12-31", frame="all")
    west, east = _geo(at)["lonaxis"]["range"]
    assert west < MOSCOW_LON < east
    assert at.query_params["frame"] == "all"


def test_markers_sized_by_events_on_request(open_page):
    at = open_page("map", measure="events")
    assert "number of events" in _map(at)["layout"]["legend"]["title"]["text"]
    assert at.query_params["measure"] == "events"
