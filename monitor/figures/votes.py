"""The UN votes page's figures: official totals, the roll call on a map, the chosen countries' votes, agreement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from monitor.countries import country_name
from monitor.figures.common import world_geo
from monitor.text import plot
from monitor.votes import NOT_RECORDED, OFFICIAL_TOTALS, VETO, VOTE_LABELS

# Okabe-Ito hues, readable with the common colour-vision deficiencies; keyed by the label a user sees.
_CODE_COLOURS = {"Y": "#0072B2", "N": "#D55E00", "A": "#F0E442", "X": "#7F7F7F"}
# A veto (a permanent member's No that defeated a Security Council draft) is a darker vermilion than No, after it.
_COLOURS = {**{VOTE_LABELS[code]: colour for code, colour in _CODE_COLOURS.items()}, VETO: "#6B1F00",
            NOT_RECORDED: "#D9D9D9"}
VOTE_COLOURS = {label: _COLOURS[label] for label in (*list(VOTE_LABELS.values())[:2], VETO,
                                                     *list(VOTE_LABELS.values())[2:], NOT_RECORDED)}


def official_totals_bar(resolution: Mapping[str, Any]) -> go.Figure:
    """The official totals of one vote (a resolutions row) as bars; a total the source does not state is labelled so."""
    rows = [(label, resolution[OFFICIAL_TOTALS[code]]) for code, label in VOTE_LABELS.items()]
    values = [0 if pd.isna(v) else int(v) for _, v in rows]
    text = ["not stated" if pd.isna(v) else f"{int(v):,}" for _, v in rows]
    fig = go.Figure(go.Bar(
        y=[label for label, _ in rows], x=values, orientation="h", text=text, textposition="outside",
        marker_color=[VOTE_COLOURS[label] for label, _ in rows], marker_line_color="#555", marker_line_width=0.5,
        hovertemplate="%{y}: %{text}<extra>official total</extra>", cliponaxis=False,
    ))
    fig.update_layout(title="Official totals", height=220, margin=dict(l=0, r=40, t=40, b=10),
                      yaxis=dict(autorange="reversed"), xaxis=dict(title="countries", rangemode="tozero"))
    return fig


def vote_map(roll: pd.DataFrame) -> go.Figure:
    """World choropleth of one roll call: a trace per vote label (country_iso3, country, label columns)."""
    fig = go.Figure()
    for label, colour in VOTE_COLOURS.items():
        part = roll[roll["label"] == label]
        if part.empty:
            continue
        fig.add_trace(go.Choropleth(
            locations=list(part["country_iso3"]), z=[1] * len(part), text=[label] * len(part),
            customdata=[plot(c) for c in part["country"]], name=f"{label} ({len(part)})", showlegend=True,
            showscale=False,
            colorscale=[[0, colour], [1, colour]], marker_line_color="#666", marker_line_width=0.4,
            hovertemplate="%{customdata}: %{text}<extra></extra>", locationmode="ISO-3",
        ))
    world_geo(fig)
    fig.update_layout(height=380, legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", title_text="Vote"))
    return fig


def country_votes_heatmap(votes: pd.DataFrame) -> go.Figure:
    """Resolution x country grid of Y / N / A / X, and — where no vote row is loaded."""
    order = ["Y", "A", "N", "X", "—"]
    names = {**VOTE_LABELS, "—": NOT_RECORDED}
    colours = [VOTE_COLOURS[names[k]] for k in order]
    data = votes.assign(code=votes["vote"].fillna("—"))
    columns = list(dict.fromkeys(data["resolution_id"]))  # already oldest first
    rows = sorted(dict.fromkeys(data["country_iso3"]), key=country_name)  # top-down by name
    grid = data.pivot(index="country_iso3", columns="resolution_id", values="code").reindex(index=rows, columns=columns)
    titles = data.drop_duplicates("resolution_id").set_index("resolution_id")
    hover = [[f"{plot(c)}<br>{names[grid.at[r, c]]}<br>{titles.at[c, 'vote_date']:%d %b %Y}" for c in columns]
             for r in rows]
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / len(colours), colour], [(i + 1) / len(colours), colour]]
    letters = len(columns) <= 40  # a letter in each cell while they fit
    fig = go.Figure(go.Heatmap(
        z=[[order.index(v) for v in grid.loc[r]] for r in rows], x=[plot(c) for c in columns],
        y=[plot(country_name(r)) for r in rows],
        text=grid.values.tolist() if letters else None, texttemplate="%{text}" if letters else None,
        customdata=hover, hovertemplate="%{y}<br>%{customdata}<extra></extra>", zmin=-0.5, zmax=len(order) - 0.5,
        colorscale=scale, xgap=1 if len(columns) <= 100 else 0, ygap=1,  # gaps would hide sub-pixel columns
        colorbar=dict(tickvals=list(range(len(order))), ticktext=[names[k] for k in order], title="vote"),
    ))
    fig.update_layout(height=120 + 36 * len(rows), margin=dict(l=0, r=0, t=10, b=0), yaxis=dict(autorange="reversed"),
                      xaxis=dict(type="category", showticklabels=len(columns) <= 40, title="resolutions, oldest first"))
    return fig


def agreement_grid(per_year: pd.DataFrame) -> go.Figure:
    """Pairwise agreement per year as a pair x year grid (0 = always opposite, 1 = always the same vote)."""
    data = per_year.assign(pair=[f"{country_name(a)} – {country_name(b)}"
                                 for a, b in zip(per_year["a"], per_year["b"], strict=True)])
    pairs = sorted(data["pair"].unique())
    years = sorted(int(y) for y in data["year"].unique())
    cell = data.set_index(["pair", "year"])
    z = [[cell.at[(p, y), "agreement"] if (p, y) in cell.index else None for y in years] for p in pairs]
    n = [[int(cell.at[(p, y), "shared"]) if (p, y) in cell.index else 0 for y in years] for p in pairs]
    text = [[f"{v:.2f}<br>n={k}" if v is not None else "" for v, k in zip(zr, nr, strict=True)]
            for zr, nr in zip(z, n, strict=True)]
    fig = go.Figure(go.Heatmap(
        z=z, x=[str(y) for y in years], y=[plot(p) for p in pairs], text=text,
        texttemplate="%{text}" if len(years) <= 15 else None,
        customdata=n, zmin=0, zmax=1, colorscale="RdBu", xgap=2, ygap=2,
        hovertemplate="%{y}, %{x}: %{z:.2f} over %{customdata} shared votes<extra></extra>",
        colorbar=dict(title="agreement", tickvals=[0, 0.5, 1], ticktext=["0 opposite", "0.5", "1 same"]),
    ))
    fig.update_layout(height=110 + 34 * len(pairs), margin=dict(l=0, r=0, t=10, b=0),
                      xaxis=dict(type="category", title="year of the vote"), yaxis=dict(autorange="reversed"))
    return fig
