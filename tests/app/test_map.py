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
