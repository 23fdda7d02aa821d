"""The Relationships page's figures as JSON: a curve per kind, vague dates hollow, text from data escaped."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor import network
from monitor.figures import relationships as figures
from tests.fixture_db import CAPITALS, EDGES


def test_network_map_draws_a_curve_per_kind_and_escapes_text():
    nodes = network.network_nodes(EDGES, CAPITALS.get)
    fig = figures.network_map(nodes, network.network_edges(EDGES))
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


def test_kinds_from_data_are_escaped_in_legends_and_axes():
    edges = EDGES.assign(kind=["<img src=x>", "visit", "visit", "statement"])
    fig = figures.network_map(network.network_nodes(edges, CAPITALS.get), network.network_edges(edges))
    assert "&lt;img src=x&gt;" in {t.name for t in fig.data}
    assert all("<img" not in (t.name or "") for t in fig.data)


def test_curves_of_one_kind_and_width_share_a_trace_and_every_pair_still_hovers():
    places = {"RUS": ("Moscow", 55.75, 37.62), "MMR": ("Nay Pyi Taw", 19.75, 96.13), "CHN": ("Beijing", 39.9, 116.4),
              "IND": ("New Delhi", 28.6, 77.2)}
    pairs = [("CHN", "MMR"), ("IND", "MMR"), ("MMR", "RUS"), ("CHN", "RUS")]
    edges = pd.DataFrame({"a": [a for a, _ in pairs], "b": [b for _, b in pairs], "kind": "meeting", "n": 3,
                          "first": pd.Timestamp("2021-03-26"), "last": pd.Timestamp("2021-06-22")})
    fig = figures.network_map(network.network_nodes(edges, places.get), network.network_edges(edges))
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == 1 and list(lines[0].lat).count(None) == len(pairs) - 1  # four curves, gaps between
    (hovers,) = [t for t in fig.data if t.mode == "markers" and t.legendgroup == "meeting"]
    assert len(hovers.hovertext) == len(pairs)
