"""Relationships: pairs, nodes at capitals, visit arcs and their distances, bent arcs."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from monitor import figures, queries
from monitor.geo import distance_km, great_circle_path

CAPITALS = {"RUS": ("Moscow", 55.75, 37.62), "MMR": ("Nay Pyi Taw", 19.75, 96.13)}


def _capital(iso3: str):
    return CAPITALS.get(iso3)


EDGES = pd.DataFrame({"a": ["MMR", "MMR", "IDN", "MMR"], "b": ["RUS", "RUS", "MMR", "RUS"],
                      "kind": ["meeting", "visit", "visit", "statement"], "n": [4, 2, 1, 2],
                      "first": [pd.Timestamp("2021-03-26")] * 4, "last": [pd.Timestamp("2021-06-22")] * 4})


def test_pairs_are_ranked_by_interactions_with_a_breakdown():
    options = queries.pair_options(EDGES)
    assert options["pair"].tolist() == ["MMR-RUS", "IDN-MMR"]
    assert options["n"].tolist() == [8, 1]
    assert options["kinds"].iloc[0] == "meeting 4, statement 2, visit 2"


def test_nodes_sit_at_capitals_and_say_when_none_is_known():
    nodes = queries.network_nodes(EDGES, _capital).set_index("iso3")
    assert nodes.loc["MMR", "n"] == 9 and nodes.loc["RUS", "n"] == 8
    assert nodes.loc["RUS", "capital"] == "Moscow" and nodes.loc["RUS", "lat"] == 55.75
    assert pd.isna(nodes.loc["IDN", "lat"])  # not in the fake gazetteer: not invented


def test_a_visit_starts_at_the_visitors_capital_and_measures_the_distance():
    visits = pd.DataFrame({"visitor_iso3": ["MMR", "RUS"], "latitude": [55.75, None], "longitude": [37.62, None]})
    arcs = queries.visit_arcs(visits, _capital, distance_km)
    assert arcs["origin"].tolist() == ["Nay Pyi Taw", "Moscow"]
    assert 6200 <= arcs["distance_km"].iloc[0] <= 6300
    assert pd.isna(arcs["distance_km"].iloc[1])  # no place given: no distance


def test_an_unbent_path_is_the_great_circle():
    a, b = (19.75, 96.13), (55.75, 37.62)
    flat = [x for point in figures.bent_path(a, b, 0.0, 10) for x in point]
    assert flat == pytest.approx([x for point in great_circle_path(a, b, 10) for x in point])


def test_a_bent_path_keeps_its_ends_and_leaves_the_great_circle():
    a, b = (19.75, 96.13), (55.75, 37.62)
    bent, straight = figures.bent_path(a, b, 0.2, 10), great_circle_path(a, b, 10)
    assert bent[0] == pytest.approx(a) and bent[-1] == pytest.approx(b)
    assert distance_km(bent[5], straight[5]) > 300


def test_a_path_across_the_date_line_stays_short():
    path = figures.bent_path((-17.7, 178.4), (-13.8, -171.8), 0.1, 20)  # Suva -> Apia
    hops = [distance_km(p, q) for p, q in zip(path, path[1:], strict=False)]
    assert max(hops) < 200


def test_network_map_draws_a_curve_per_kind_and_escapes_text():
    nodes = queries.network_nodes(EDGES, _capital)
    fig = figures.network_map(nodes, figures.network_edges(EDGES))
    curves = [t for t in fig.data if t.mode == "lines"]
    assert sorted(t.name for t in curves) == ["meeting", "statement", "visit"]  # IDN has no capital here
    assert {t.legendgroup for t in curves} == {"meeting", "statement", "visit"}


def test_pair_timeline_marks_vague_dates_hollow():
    events = pd.DataFrame({"event_date": [date(2021, 3, 1), date(2021, 6, 21)], "end_date": [None, None],
                           "event_type": ["parade", "meeting"], "date_precision": ["month", "day"],
                           "actor1": ["<b>x</b>", "a"], "actor2": [None, "b"], "summary": ["s", "t"],
                           "source": ["P", "Q"]})
    visits = pd.DataFrame(columns=["start_date", "end_date", "date_precision", "visitor_name", "visitor_role",
                                   "city", "host_iso3", "source"])
    fig = figures.pair_timeline(events, visits)
    by_kind = {t.name: t for t in fig.data}
    assert list(by_kind["parade"].marker.symbol) == ["circle-open"]
    assert list(by_kind["meeting"].marker.symbol) == ["circle"]
    assert "&lt;b&gt;x&lt;/b&gt;" in by_kind["parade"].hovertext[0]


def test_only_the_busiest_pairs_and_commonest_kinds_are_drawn():
    drawn = figures.network_edges(EDGES, max_pairs=1, max_kinds=2)
    assert set(zip(drawn["a"], drawn["b"], strict=True)) == {("MMR", "RUS")}
    assert dict(zip(drawn["kind"], drawn["n"], strict=True)) == {"meeting": 4, "visit": 2, "other kinds": 2}


def test_kinds_from_data_are_escaped_in_legends_and_axes():
    edges = EDGES.assign(kind=["<img src=x>", "visit", "visit", "statement"])
    fig = figures.network_map(queries.network_nodes(edges, _capital), figures.network_edges(edges))
    assert "&lt;img src=x&gt;" in {t.name for t in fig.data}
    assert all("<img" not in (t.name or "") for t in fig.data)
