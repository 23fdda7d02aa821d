"""The Trends page's figures: one small chart per flag, the series the method read and its baseline.

The period the flag is about is drawn in red, the periods before it in grey, and each reference line the method
compares with (the 4-week average, the 2-SD line, HDX Signals' minimum of 100) as a dashed line, labelled.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor.flags import Flag
from monitor.text import plot

CURRENT, BEFORE, LINE = "#b2182b", "#9e9e9e", "#2166ac"
Y_LABELS = {"peak": "killed in 30 days", "vote-shift": "agreement (0–1)", "volatility": "violent events a week",
            "surge": "violent events a week", "threat": "violent events a month", "change": "events a week"}


def flag_chart(flag: Flag) -> go.Figure | None:
    """The flag's series (bars, the last one red; a line for 30-day totals) with its reference lines."""
    series = flag.series
    if series is None or len(series) == 0:
        return None
    fig = go.Figure()
    x = list(series.index)
    if flag.method == "peak":
        fig.add_trace(go.Scatter(x=x, y=series.values, mode="lines", line=dict(color=BEFORE, width=1.5),
                                 name="30-day total", hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<extra></extra>"))
        fig.add_trace(go.Scatter(x=[x[-1]], y=[series.iloc[-1]], mode="markers", marker=dict(color=CURRENT, size=9),
                                 name="latest", hovertemplate="%{x|%d %b %Y}: %{y:,.0f}<extra></extra>"))
    else:
        colours = [BEFORE] * (len(series) - 1) + [CURRENT]
        hover = "session %{x}: %{y:.2f}" if flag.method == "vote-shift" else "%{x|%d %b %Y}: %{y:,.0f}"
        fig.add_trace(go.Bar(x=x, y=series.values, marker_color=colours, name=plot(flag.level),
                             hovertemplate=hover + "<extra></extra>"))
    for label, value in flag.lines:
        if value is None or pd.isna(value):
            continue
        fig.add_hline(y=float(value), line=dict(color=LINE, dash="dash", width=1),
                      annotation_text=plot(f"{label}: {value:,.1f}"), annotation_position="top left",
                      annotation_font=dict(size=10, color=LINE))
    fig.update_layout(height=190, margin=dict(l=40, r=10, t=10, b=30), showlegend=False, bargap=0.15,
                      yaxis_title=Y_LABELS.get(flag.method, ""), yaxis_title_font=dict(size=10),
                      template="plotly_white")
    return fig
