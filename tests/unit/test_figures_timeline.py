"""The timeline figure as JSON: lower bounds stay lower bounds, imprecise dates stay imprecise, text stays text."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from monitor.figures import timeline as figures

START, END = date(2021, 1, 1), date(2021, 7, 31)
MARKER_COLUMNS = ["kind", "date", "end_date", "date_precision", "who", "place", "country", "summary", "detail",
                  "weight", "source_id", "kind_total", "publisher", "title", "url"]


def _reports(*rows: dict) -> pd.DataFrame:
    base = {"report_id": "r", "country_iso3": "MMR", "as_of": pd.Timestamp("2021-06-21"),
            "period_start": pd.Timestamp("2021-02-01"), "period_end": pd.Timestamp("2021-06-21"),
            "victims": "civilians", "killed_low": pd.NA, "killed_best": pd.NA, "killed_high": pd.NA,
            "qualifier": "at least", "cumulative": True, "reported_by": "a local monitoring group",
            "source_id": "s", "publisher": "Pub", "title": "Title", "url": None}
    frame = pd.DataFrame([{**base, **row} for row in rows], columns=list(base))
    return frame.astype({c: "Int64" for c in ("killed_low", "killed_best", "killed_high")})


def _markers(*rows: dict) -> pd.DataFrame:
    base = {"end_date": pd.NaT, "date_precision": "day", "who": "", "place": None, "country": None, "summary": "",
            "detail": "", "weight": 0, "source_id": "s", "kind_total": 1, "publisher": "Pub", "title": "Title",
            "url": None}
    frame = pd.DataFrame([{**base, **row} for row in rows], columns=MARKER_COLUMNS)
    return frame.assign(date=pd.to_datetime(frame["date"]), end_date=pd.to_datetime(frame["end_date"]))


NO_FATALITIES = pd.DataFrame(columns=["origin", "period", "fits", "events", "killed", "single_figure", "low", "best",
                                      "high"])
NO_MARKERS = _markers().iloc[0:0]


def _spec(reports=None, fatalities=None, markers=None, est="best", bucket="week", density=None) -> dict:
    fig = figures.timeline_figure(_reports().iloc[0:0] if reports is None else reports,
                                  NO_FATALITIES if fatalities is None else fatalities,
                                  NO_MARKERS if markers is None else markers,
                                  est=est, bucket=bucket, start=START, end=END, density=density)
    return json.loads(fig.to_json())


def test_at_least_stays_a_lower_bound_whatever_the_estimate():
    for est in ("low", "best", "high"):
        points = figures.report_points(_reports({"killed_low": 870}), est)
        assert points["value"].tolist() == [870]
        assert points["bound"].tolist() == ["lower"] and points["label"].tolist() == ["≥ 870"]


def test_a_range_is_drawn_as_a_band_and_the_estimate_picks_the_line():
    reports = _reports({"report_id": "a", "killed_low": 800, "killed_best": 900, "killed_high": 1000,
                        "qualifier": "about"})
    spec = _spec(reports=reports, est="high")
    line = next(t for t in spec["data"] if t.get("mode") == "lines+markers+text")
    assert line["line"]["shape"] == "hv"
    assert line["y"] == [1000.0] and line["text"] == ["~1,000"]
    band = [t for t in spec["data"] if t.get("fill") == "tonexty"]
    assert band and band[0]["y"] == [1000.0]


def test_the_period_a_count_covers_is_a_bracket_on_the_zero_line():
    """Not a line at the figure's height, which would read as "870 killed since February"."""
    spec = _spec(reports=_reports({"killed_low": 870}))
    start = next(t for t in spec["data"] if t.get("name") == "period start")
    assert start["x"] == ["2021-02-01T00:00:00"] and start["y"] == [0]
    bracket = next(t for t in spec["data"] if t.get("name") == "period covered")
    assert bracket["y"] == [0, 0]
    assert "1 Feb – 21 Jun 2021" in start["hovertext"][0]


def test_weekly_bars_span_their_week_and_skip_imprecise_events():
    fatalities = pd.DataFrame({
        "origin": ["ucdp", "ucdp"], "period": pd.to_datetime(["2021-05-31", "2021-06-01"]), "fits": [True, False],
        "events": [2, 1], "killed": [14, 5], "single_figure": [0, 0], "low": [11, 5], "best": [14, 5],
        "high": [23, 9]})
    spec = _spec(fatalities=fatalities)
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert len(bars) == 1 and bars[0]["y"] == [14.0]
    assert bars[0]["x"] == ["2021-06-03T12:00:00"]  # the middle of the week of Monday 31 May
    assert "week of 31 May 2021" in bars[0]["hovertext"][0] and "low 11 · high 23" in bars[0]["hovertext"][0]


def test_month_only_events_span_their_month():
    assert figures.marker_span(pd.Timestamp("2021-03-01"), pd.NaT, "month") == (
        pd.Timestamp("2021-03-01"), pd.Timestamp("2021-04-01"))
    assert figures.marker_span(pd.Timestamp("2021-06-22"), pd.Timestamp("2021-06-24"), "range")[1] == pd.Timestamp(
        "2021-06-25")
    assert figures.marker_span(pd.Timestamp("2021-06-18"), pd.NaT, "day") is None


def test_coup_and_votes_are_anchored_across_lanes():
    markers = _markers({"kind": "coup", "date": "2021-02-01", "date_precision": "month"},
                       {"kind": "un_vote", "date": "2021-06-18", "place": "A/RES/75/287",
                        "detail": "119 for, 1 against, 36 abstaining"})
    shapes = _spec(markers=markers)["layout"]["shapes"]
    assert {"type": "rect", "x0": "2021-02-01", "x1": "2021-03-01"}.items() <= shapes[0].items()
    assert {"type": "line", "x0": "2021-06-18", "yref": "paper"}.items() <= shapes[1].items()


def test_too_many_votes_are_markers_only():
    markers = _markers(*({"kind": "un_vote", "date": f"2021-06-{d:02d}", "place": f"R{d}"} for d in range(1, 12)))
    spec = _spec(markers=markers)
    assert not spec["layout"].get("shapes")
    assert len(next(t for t in spec["data"] if t.get("name") == "UN votes")["x"]) == 11


def test_text_from_data_is_escaped_in_hovers_and_labels():
    markers = _markers({"kind": "statement", "date": "2021-06-01", "summary": "<img src=x onerror=alert(1)>",
                        "who": "<b>Kremlin</b>"},
                       {"kind": "un_vote", "date": "2021-06-18", "place": "<script>"})
    spec = _spec(markers=markers)
    hover = next(t for t in spec["data"] if t.get("name") == "Statements")["hovertext"][0]
    assert "&lt;img src=x" in hover and "<img" not in hover and "&lt;b&gt;Kremlin" in hover
    assert all("<script>" not in a["text"] for a in spec["layout"]["annotations"])


def test_same_day_items_share_one_marker_and_both_are_in_its_hover():
    markers = _markers({"kind": "meeting", "date": "2021-06-21", "who": "Patrushev"},
                       {"kind": "meeting", "date": "2021-06-21", "who": "Mikheyev", "date_precision": "reported"})
    trace = next(t for t in _spec(markers=markers)["data"] if t.get("name") == "Meetings")
    assert len(trace["x"]) == 1 and "Patrushev" in trace["hovertext"][0] and "Mikheyev" in trace["hovertext"][0]
    assert trace["marker"]["symbol"] == ["circle"]  # the exact date wins over "on or before"


def test_empty_selection_says_nothing_is_dated():
    spec = _spec()
    assert spec["layout"]["annotations"][0]["text"] == "Nothing dated in this selection"


def test_busy_kinds_are_bubbles_per_period_with_counts():
    density = pd.DataFrame({"kind": ["Riots", "Riots"], "period": pd.to_datetime(["2024-01-01", "2024-01-08"]),
                            "items": [4, 16], "killed": [0, 2], "imprecise": [0, 1], "kind_total": [20, 20]})
    spec = _spec(markers=_markers({"kind": "visit", "date": "2021-06-20", "who": "Min Aung Hlaing"}), density=density)
    riots = next(t for t in spec["data"] if t.get("name") == "Riots")
    assert riots["customdata"] == [[4], [16]]
    assert riots["marker"]["size"][1] > riots["marker"]["size"][0]
    assert "week of 8 Jan 2024: 16 recorded, 2 killed" in riots["hovertext"][1]
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert "20 in all, counted per week" in texts
    assert any(t.endswith("— 20 of them shown as weekly counts (bubble area)") for t in texts)  # the lane's title
    inside = next(a for a in spec["layout"]["annotations"] if a["text"] == "20 in all, counted per week")
    assert (inside["x"], inside["xanchor"]) == (1, "right")  # ends at the plot's right edge, not past it


LINK = '<a href="https://evil.example/phish">click</a>'


def test_origin_and_reporter_in_the_legend_are_text_not_links():
    # Issue 8, failure 7: plotly renders <a href> in trace names; events.origin was put there unescaped.
    fatalities = pd.DataFrame([{"origin": LINK, "period": pd.Timestamp("2021-03-01"), "fits": True, "events": 2,
                                "killed": 5, "single_figure": 0, "low": None, "best": 5, "high": None}])
    reports = _reports({"killed_low": 870, "reported_by": LINK, "victims": "<b>civilians</b>"})
    spec = _spec(reports=reports, fatalities=fatalities)
    names = [t.get("name") or "" for t in spec["data"]]
    assert '&lt;A HREF="HTTPS://EVIL.EXAMPLE/PHISH"&gt;CLICK&lt;/A&gt;: killed per week' in names
    assert any('per &lt;a href="https://evil.example/phish"&gt;click&lt;/a&gt;' in n for n in names), names
    texts = json.dumps(spec)
    assert "<a " not in texts.replace("\\u003c", "<").lower() and "<b>civilians" not in texts


def test_event_types_from_data_are_text_in_the_lane_titles():
    markers = _markers({"kind": "<b>odd</b> $x$", "date": "2021-06-01"})
    spec = _spec(markers=markers)
    lanes = next(t for t in spec["data"] if t.get("mode") == "markers")["y"]
    assert lanes == ["&lt;b&gt;odd&lt;/b&gt; &#36;x&#36;"]
