"""Issue 8, failure 10: sessions queued behind each other rebuilding the same views (their figures above all)
under the GIL. A second session opening the same view gets what the first one built; another view, or a new
data version, builds its own."""

from __future__ import annotations

import functools

import pytest

from app_pages.common import _built
from monitor.figures import timeline


@pytest.fixture()
def builds(monkeypatch) -> list[dict]:
    """Every call of the Timeline's figure function (it still builds the real figure)."""
    calls: list[dict] = []
    real = timeline.timeline_figure

    @functools.wraps(real)
    def counted(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(timeline, "timeline_figure", counted)
    _built.clear()
    yield calls
    _built.clear()


def test_a_second_session_on_the_same_view_does_not_rebuild_its_figure(open_page, builds):
    for _ in range(2):  # two visitors, each a session of their own
        at = open_page("timeline", c=["MMR"], from_="2021-01-01", to="2021-07-31", est="best")
        assert at.get("plotly_chart")
    assert len(builds) == 1


def test_another_view_builds_its_own_figure(open_page, builds):
    open_page("timeline", c=["MMR"], from_="2021-01-01", to="2021-07-31", est="best")
    at = open_page("timeline", c=["MMR"], from_="2021-01-01", to="2021-07-31", est="low")
    assert [b["est"] for b in builds] == ["best", "low"]
    assert at.get("plotly_chart")


def test_a_built_figure_makes_its_dict_once_and_draws_the_same():
    import plotly.graph_objects as go
    import plotly.io

    from app_pages.common import SharedFigure, _share_figures
    from monitor.views.blocks import Chart, Columns, Folded, section

    drawn = [go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name=f"fig {i}")) for i in range(3)]
    sections = [section(Chart(drawn[0], "a")), section(Columns(((Chart(drawn[1], "b"),),)),
                                                        Folded("more", (Chart(drawn[2], "c"),)))]
    _share_figures(sections)
    charts = [sections[0].blocks[0], sections[1].blocks[0].parts[0][0], sections[1].blocks[1].blocks[0]]
    for chart, original in zip(charts, drawn, strict=True):
        assert isinstance(chart.figure, SharedFigure)
        assert chart.figure.to_dict() is chart.figure.to_dict()  # made once, shared by every run that shows it
        assert plotly.io.to_json(chart.figure.to_dict()) == plotly.io.to_json(original.to_dict())
