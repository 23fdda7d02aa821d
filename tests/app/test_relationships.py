"""Relationships page: the network and the bilateral dossier, driven by deep links."""

from __future__ import annotations

import json


def _geo_charts(at) -> list[dict]:
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [c for c in charts if c["data"] and all(t["type"] == "scattergeo" for t in c["data"])]


def _table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_dossier_shows_min_aung_hlaings_visit_to_moscow_with_its_distance(open_page):
    at = open_page("relationships", pair="RUS-MMR")
    visits = _table_with(at, "distance_km").set_index("visitor_name")
    moscow = visits.loc["Min Aung Hlaing"]
    assert moscow["city"] == "Moscow" and moscow["host"] == "Russia" and moscow["visitor_country"] == "Myanmar"
    # Nay Pyi Taw -> Moscow, geodesic: 6,256 km.
    assert 6200 <= int(moscow["distance_km"]) <= 6300
    assert "Patrushev" in moscow["met"]


def test_the_dossier_lists_the_patrushev_meeting(open_page):
    at = open_page("relationships", pair="RUS-MMR")
    events = _table_with(at, "actor2")
    assert events["actor2"].str.contains("Patrushev").any()


def test_the_link_keeps_the_pair_as_given(open_page):
    at = open_page("relationships", pair="RUS-MMR")
    assert at.query_params["pair"] == "RUS-MMR"
    assert at.selectbox(key="pair").value == "RUS-MMR"
    assert not at.warning


def test_an_invalid_pair_warns_and_falls_back(open_page):
    at = open_page("relationships", pair="XXX-YYY")
    assert any("XXX-YYY" in w.value for w in at.warning)
    assert at.selectbox(key="pair").value in ("MMR-RUS", "RUS-MMR")  # the pair with most interactions


def test_visits_are_drawn_as_arcs_with_distance_labels(open_page):
    at = open_page("relationships", pair="RUS-MMR")
    visits_map = next(c for c in _geo_charts(at) if any("km" in " ".join(t.get("text") or []) for t in c["data"]))
    names = [t["name"] for t in visits_map["data"] if t.get("showlegend", True) and t.get("mode") == "lines"]
    assert any(n.startswith("Min Aung Hlaing") and "Moscow" in n and "6,2" in n for n in names)


def test_the_network_places_countries_and_types_edges_by_kind(open_page):
    at = open_page("relationships")
    network = _geo_charts(at)[0]
    nodes = next(t for t in network["data"] if t["name"].startswith("country"))
    assert {"Russia", "Myanmar"} <= set(nodes["text"])
    kinds = {t["name"] for t in network["data"] if t.get("mode") == "lines"}
    assert {"meeting", "visit"} <= kinds
    assert at.query_params["tab"] == "interactions"


def test_vote_agreement_lines_for_the_chosen_countries(open_page):
    at = open_page("relationships", tab="votes", c=["RUS", "CHN", "BLR"])
    network = _geo_charts(at)[0]
    hovers = " ".join(h for t in network["data"] for h in (t.get("hovertext") or []) if h)
    assert "China – Russia: agreement 1.00" in hovers
    assert "Belarus – Russia: agreement 0.50" in hovers


def test_an_unknown_tab_warns(open_page):
    at = open_page("relationships", tab="bogus")
    assert any("tab" in w.value for w in at.warning)
    assert at.radio(key="rel_tab").value == "interactions"
