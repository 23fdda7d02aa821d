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
    """The flag's series (bars, the last one red; a line for 30-day totals) with its reference lines.

    Built from plain dicts in one go: plotly validates every property it is handed, and update_layout, add_hline
    and templates each cost more than the data (20 charts a page took 7 s that way)."""
    series = flag.series
    if series is None or len(series) == 0:
        return None
    x = list(series.index)
    y = [None if pd.isna(v) else float(v) for v in series.values]
    if flag.method == "peak":
        hover = "%{x|%d %b %Y}: %{y:,.0f}<extra></extra>"
        data = [dict(type="scatter", x=x, y=y, mode="lines", line=dict(color=BEFORE, width=1.5), name="30-day total",
                     hovertemplate=hover),
                dict(type="scatter", x=[x[-1]], y=[y[-1]], mode="markers", marker=dict(color=CURRENT, size=9),
                     name="latest", hovertemplate=hover)]
    else:
        hover = "session %{x}: %{y:.2f}" if flag.method == "vote-shift" else "%{x|%d %b %Y}: %{y:,.0f}"
        data = [dict(type="bar", x=x, y=y, marker=dict(color=[BEFORE] * (len(y) - 1) + [CURRENT]),
                     name=plot(flag.level), hovertemplate=hover + "<extra></extra>")]
    lines = [(label, float(value)) for label, value in flag.lines if value is not None and not pd.isna(value)]
    layout = dict(
        height=190, margin=dict(l=40, r=10, t=10, b=30), showlegend=False, bargap=0.15,
        plot_bgcolor="white", paper_bgcolor="white",
        xaxis=dict(showgrid=False, linecolor="#cccccc"),
        yaxis=dict(title=dict(text=Y_LABELS.get(flag.method, ""), font=dict(size=10)), gridcolor="#eeeeee",
                   zeroline=False, rangemode="tozero"),
        shapes=[dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=v, y1=v,
                     line=dict(color=LINE, dash="dash", width=1)) for _, v in lines],
        annotations=[dict(xref="paper", x=0, xanchor="left", yref="y", y=v, yanchor="bottom", showarrow=False,
                          text=plot(f"{label}: {v:,.1f}"), font=dict(size=10, color=LINE)) for label, v in lines],
    )
    return go.Figure(dict(data=data, layout=layout))
