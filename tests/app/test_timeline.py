"""Timeline page, opened by deep link against the bundled database: what an analyst sees in the figure."""

from __future__ import annotations

import json

MYANMAR_2021 = {"c": ["MMR"], "from_": "2021-01-01", "to": "2021-07-31"}


def _figure(at) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def _trace(fig: dict, name: str) -> dict:
    return next(t for t in fig["data"] if t.get("name") == name)


def test_870_is_a_stepped_lower_bound(open_page):
    fig = _figure(open_page("timeline", **MYANMAR_2021))
    series = next(t for t in fig["data"] if "≥ 870" in (t.get("text") or []))
    assert series["line"]["shape"] == "hv"
    i = series["text"].index("≥ 870")
    assert series["y"][i] == 870
    assert series["marker"]["symbol"][i] == "triangle-up-open"  # hollow: dated by the report, not the count
    assert "at least 870 civilians killed" in series["hovertext"][i]
    assert "lower bound" in series["hovertext"][i]
    assert "since 1 Feb 2021, reported on 21 Jun 2021" in series["hovertext"][i]


def test_aapp_reports_keep_their_own_series_and_qualifiers(open_page):
    fig = _figure(open_page("timeline", **MYANMAR_2021))
    aapp = next(t for t in fig["data"] if "AAPP" in (t.get("name") or ""))
    assert aapp["line"]["shape"] == "hv"
    # AAPP's verified 810 and the "at least 861/858" of the news are all lower bounds, in the order reported.
    assert [c[3] for c in aapp["customdata"]] == ["≥ 810", "≥ 861", "≥ 858"]
    assert aapp["text"] == ["", "", "≥ 858"]  # only the latest figure is printed; the others are in the hover
    assert aapp["marker"]["symbol"] == ["triangle-up", "triangle-up-open", "triangle-up-open"]


def test_visit_markers_say_who_where_and_source(open_page):
    fig = _figure(open_page("timeline", **MYANMAR_2021))
    visits = _trace(fig, "Visits")
    i = next(i for i, c in enumerate(visits["customdata"]) if "Min Aung Hlaing" in c[0] and c[1] == "Moscow")
    assert "Moscow" in visits["hovertext"][i]
    assert "Source: " in visits["hovertext"][i]
    assert "20 Jun 2021" in visits["hovertext"][i]


def test_reported_dates_say_on_or_before(open_page):
    fig = _figure(open_page("timeline", **MYANMAR_2021))
    meetings = _trace(fig, "Meetings")
    i = next(i for i, h in enumerate(meetings["hovertext"]) if "Mikheyev" in h)
    assert "on or before 21 Jun 2021 (the date it was reported)" in meetings["hovertext"][i]


def test_un_vote_is_a_line_across_the_lanes_on_18_june(open_page):
    fig = _figure(open_page("timeline", **MYANMAR_2021))
    lines = [s for s in fig["layout"]["shapes"] if s["type"] == "line"]
    assert any(s["x0"] == "2021-06-18" and s["yref"] == "paper" for s in lines)
    labels = [a["text"] for a in fig["layout"]["annotations"]]
    assert any("A/RES/75/287" in t and "119 for, 1 against, 36 abstaining" in t for t in labels)


def test_month_only_event_is_a_span_not_a_day(open_page):
    fig = _figure(open_page("timeline", **MYANMAR_2021))
    parade = _trace(fig, "Parade")
    i = next(i for i, h in enumerate(parade["hovertext"]) if "Mar 2021 (month only" in h)
    assert parade["x"][i] != "2021-03-01"  # drawn mid-month over a bar spanning March, not on the 1st
    spans = [t for t in fig["data"] if t.get("mode") == "lines" and t.get("y") and "Parade" in t["y"]]
    assert spans and spans[0]["x"][:2] == ["2021-03-01T00:00:00", "2021-04-01T00:00:00"]


def test_est_from_the_link_selects_the_estimate(open_page):
    at = open_page("timeline", est="low", **MYANMAR_2021)
    assert at.radio(key="timeline_est").value == "low"
    assert at.query_params["est"] == ["low"] or at.query_params["est"] == "low"
    assert not at.warning


def test_bogus_est_warns_and_shows_best(open_page):
    at = open_page("timeline", est="bogus", **MYANMAR_2021)
    assert any("est" in w.value and "bogus" in w.value for w in at.warning)
    assert at.radio(key="timeline_est").value == "best"
    assert len(at.get("plotly_chart")) == 1


def test_caption_names_the_source_and_as_of(open_page):
    at = open_page("timeline", **MYANMAR_2021)
    text = " ".join(c.value for c in at.caption)
    assert "Al Arabiya English" in text and "Data as of" in text
    assert "lower bound" in text


def test_empty_selection_says_so(open_page):
    at = open_page("timeline", c=["NZL"], from_="2021-01-01", to="2021-07-31")
    assert any("Nothing dated" in i.value for i in at.info)
    assert not at.get("plotly_chart")
