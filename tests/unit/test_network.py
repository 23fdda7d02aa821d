"""The network of interactions as pure pandas: pairs ranked, countries at their capitals, visit arcs, lines drawn."""

from __future__ import annotations

import pandas as pd

from monitor import network
from monitor.geo import distance_km
from tests.fixture_db import CAPITALS, EDGES


def test_pairs_are_ranked_by_interactions_with_a_breakdown():
    options = network.pair_options(EDGES)
    assert options["pair"].tolist() == ["MMR-RUS", "IDN-MMR"]
    assert options["n"].tolist() == [8, 1]
    assert options["kinds"].iloc[0] == "meeting 4, statement 2, visit 2"


def test_nodes_sit_at_capitals_and_say_when_none_is_known():
    nodes = network.network_nodes(EDGES, CAPITALS.get).set_index("iso3")
    assert nodes.loc["MMR", "n"] == 9 and nodes.loc["RUS", "n"] == 8
    assert nodes.loc["RUS", "capital"] == "Moscow" and nodes.loc["RUS", "lat"] == 55.75
    assert pd.isna(nodes.loc["IDN", "lat"])  # not in the fake gazetteer: not invented


def test_a_visit_starts_at_the_visitors_capital_and_measures_the_distance():
    visits = pd.DataFrame({"visitor_iso3": ["MMR", "RUS"], "latitude": [55.75, None], "longitude": [37.62, None]})
    arcs = network.visit_arcs(visits, CAPITALS.get, distance_km)
    assert arcs["origin"].tolist() == ["Nay Pyi Taw", "Moscow"]
    assert 6200 <= arcs["distance_km"].iloc[0] <= 6300
    assert pd.isna(arcs["distance_km"].iloc[1])  # no place given: no distance


def test_only_the_busiest_pairs_and_commonest_kinds_are_drawn():
    drawn = network.network_edges(EDGES, max_pairs=1, max_kinds=2)
    assert set(zip(drawn["a"], drawn["b"], strict=True)) == {("MMR", "RUS")}
    assert dict(zip(drawn["kind"], drawn["n"], strict=True)) == {"meeting": 4, "visit": 2, "other kinds": 2}
