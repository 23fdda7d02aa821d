"""The corrected case as a user sees it on the Overview and the Timeline."""

from __future__ import annotations

import json

BEFORE_JUNE = {"c": ["MMR"], "from_": "2021-02-01", "to": "2021-05-31"}
MYANMAR_2021 = {"c": ["MMR"], "from_": "2021-01-01", "to": "2021-07-31"}


def _timeline(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_overview_says_at_least_810_with_aapps_own_date(open_page):
    at = open_page("overview", **BEFORE_JUNE)
    line = next(m.value for m in at.markdown if "810" in m.value)
    assert "at least 810 people killed" in line
    assert "1 Feb – 20 May 2021" in line and "Assistance Association for Political Prisoners" in line


def test_overview_says_when_a_figure_was_reported(open_page):
    at = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    line = next(m.value for m in at.markdown if "858" in m.value)
    assert "at least 858 people killed" in line and "since 1 Feb 2021, reported on 19 Jun 2021" in line


def test_timeline_hover_says_at_least_810(open_page):
    fig = _timeline(open_page("timeline", **MYANMAR_2021))
    aapp = next(t for t in fig["data"] if "AAPP" in (t.get("name") or ""))
    assert aapp["hovertext"][0].startswith("<b>at least 810 people killed</b>")
    assert aapp["customdata"][0][3] == "≥ 810"


def test_timeline_draws_the_kremlins_concern_on_12_march_not_21_june(open_page):
    fig = _timeline(open_page("timeline", **MYANMAR_2021))
    statements = next(t for t in fig["data"] if t.get("name") == "Statements")
    concerned = [(x, h) for x, h in zip(statements["x"], statements["hovertext"], strict=True) if "concerned" in h]
    assert len(concerned) == 1 and concerned[0][0].startswith("2021-03-12")
    assert "12 Mar 2021" in concerned[0][1] and "Peskov" in concerned[0][1]


def test_timeline_names_patrushev_as_secretary(open_page):
    fig = _timeline(open_page("timeline", **MYANMAR_2021))
    meetings = next(t for t in fig["data"] if t.get("name") == "Meetings")
    hover = " ".join(meetings["hovertext"]).replace("<br>", " ")
    assert "Secretary of Russia’s Security Council" in hover and "chief of Russia" not in hover
