"""The Actors page's figure: one actor's events and deaths over time, a bar per dataset and period."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from monitor.text import plain, plot

DATASET_COLOURS = ("#B2182B", "#2166AC", "#5AAE61", "#9970AB", "#E08214", "#7F7F7F")


def _bar_x(periods: pd.Series, bucket: str) -> tuple[list[pd.Timestamp], list[float]]:
    """Each bar at the middle of its week, month or year, as wide as 85% of it (milliseconds, plotly's date unit)."""
    starts = [pd.Timestamp(p) for p in periods]
    step = {"week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1), "year": pd.DateOffset(years=1)}[bucket]
    ends = [s + step for s in starts]
    return ([s + (e - s) / 2 for s, e in zip(starts, ends, strict=True)],
            [(e - s).total_seconds() * 1000 * 0.85 for s, e in zip(starts, ends, strict=True)])


def actor_timeline(per_period: pd.DataFrame, bucket: str, start: date, end: date,
                   data_ends: dict[str, date] | None = None) -> go.Figure:
    """Events (top) and deaths, best estimate (bottom) per `bucket`, side by side per dataset (never added up:
    datasets record many of the same events). `data_ends`: {'UCDP': 31 Dec 2023} for each dataset whose data ends before
    `end`: the days after are shaded and labelled, so an empty tail does not read as the actor stopping."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=(f"Events per {bucket}", f"Killed per {bucket} (best estimate, where stated)"))
    for i, (origin, rows) in enumerate(per_period.groupby("origin", sort=True)):
        colour, name = DATASET_COLOURS[i % len(DATASET_COLOURS)], plot(plain(origin).upper())
        x, width = _bar_x(rows["period"], bucket)
        fig.add_trace(go.Bar(x=x, y=[int(n) for n in rows["events"]], width=width, name=name, marker_color=colour,
                             legendgroup=name, opacity=0.75, hovertemplate="%{y:,} events<extra>" + name + "</extra>"),
                      row=1, col=1)
        killed = rows[rows["n_best"] > 0]
        if not killed.empty:
            x, width = _bar_x(killed["period"], bucket)
            fig.add_trace(go.Bar(x=x, y=[int(n) for n in killed["best"]], width=width, name=name, showlegend=False,
                                 marker_color=colour, legendgroup=name, opacity=0.75,
                                 hovertemplate="%{y:,} killed<extra>" + name + "</extra>"), row=2, col=1)
    fig.update_xaxes(range=[pd.Timestamp(start).isoformat(), (pd.Timestamp(end) + pd.Timedelta(days=1)).isoformat()],
                     type="date")
    fig.update_yaxes(rangemode="tozero")
    for last in (data_ends or {}).values():
        after = (pd.Timestamp(last) + pd.Timedelta(days=1)).isoformat()
        fig.add_vrect(x0=after, x1=(pd.Timestamp(end) + pd.Timedelta(days=1)).isoformat(), fillcolor="#888",
                      opacity=0.12, line_width=0)
    if data_ends:
        text = "; ".join(f"{plot(name)}: data ends {pd.Timestamp(last).day} {pd.Timestamp(last):%b %Y}"
                         for name, last in data_ends.items())
        fig.add_annotation(text=text, xref="paper", yref="paper", x=1, y=1.0, xanchor="right", yanchor="bottom",
                           yshift=14, showarrow=False, font={"size": 11, "color": "#555"})
    fig.update_layout(height=420, barmode="overlay", margin={"t": 40, "b": 20, "l": 10, "r": 10},
                      legend={"orientation": "h", "y": 1.08, "yanchor": "bottom", "title_text": "Dataset: "})
    return fig
