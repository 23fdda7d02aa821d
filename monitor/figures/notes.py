"""Analysts' notes drawn on a time axis, as Grafana draws annotations: a line at the day (a band over a range)
across every lane, and a marker at the top that shows the note on hover."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import timedelta

import plotly.graph_objects as go

from monitor.notes.model import Note
from monitor.text import plain, plot, short

COLOR = "#6a3d9a"
HOVER_CHARACTERS = 400  # of a note's text on hover; the list below the chart has all of it
TRACE_NAME = "Analysts' notes"


def note_by_line(note: Note) -> str:
    """'Note 3 · Ana (not verified) · 6 Dec 2026 07:43 UTC'."""
    return f"Note {note.note_id} · {note.writer.label()} · {note.created_at:%d %b %Y %H:%M} UTC"


def _hover(note: Note) -> str:
    first, last = note.dates()
    day = f"{first:%d %b %Y}" + (f" – {last:%d %b %Y}" if last and last != first else "")
    body = "<br>".join(plot(line) for line in textwrap.wrap(short(note.text, HOVER_CHARACTERS), 70))
    return f"<b>{plot(note_by_line(note))}</b><br>{plot(day)}<br>{body}"


def _free_axis(fig: go.Figure) -> str:
    """The name of a y-axis the figure does not use yet ('y9')."""
    used = {plain(k) for k in fig.layout.to_plotly_json() if k.startswith("yaxis")}
    number = 2
    while f"yaxis{number}" in used:
        number += 1
    return f"y{number}"


def with_note_marks(figure: go.Figure, notes: Sequence[Note]) -> go.Figure:
    """A copy of a time-axis figure (x: dates, first lane on y) with the dated notes drawn on it."""
    dated = [n for n in notes if n.anchors.day_from]
    if not dated:
        return figure
    fig = go.Figure(figure)
    axis = _free_axis(fig)
    xs, hovers = [], []
    for note in dated:
        first, last = note.dates()
        if last and last != first:
            fig.add_shape(type="rect", xref="x", yref="paper", x0=first.isoformat(),
                          x1=(last + timedelta(days=1)).isoformat(), y0=0, y1=1, fillcolor="rgba(106,61,154,0.10)",
                          line={"width": 0}, layer="below")
        else:
            fig.add_shape(type="line", xref="x", yref="paper", x0=first.isoformat(), x1=first.isoformat(), y0=0, y1=1,
                          line={"color": COLOR, "width": 1.5, "dash": "dash"})
        xs.append(first.isoformat())
        hovers.append(_hover(note))
    # The markers ride on an axis of their own over the first lane, from 0 to 1, so they sit at its top whatever
    # its numbers.
    top_domain = fig.layout.yaxis.domain or (0, 1)
    fig.update_layout({f"yaxis{axis[1:]}": {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True,
                                            "domain": top_domain}})
    fig.add_trace(go.Scatter(x=xs, y=[0.97] * len(xs), yaxis=axis, xaxis="x", mode="markers", name=TRACE_NAME,
                             marker={"symbol": "triangle-down", "size": 15, "color": COLOR,
                                     "line": {"width": 1, "color": "white"}},
                             hovertext=hovers, hoverinfo="text", showlegend=True))
    return fig
