"""The Relationships page's figures: the country network on a map, vote agreement between them, one pair's
visits as arcs and its interactions over time."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from monitor.countries import country_name
from monitor.figures.common import world_geo
from monitor.geo import bent_path
from monitor.text import plain, plot, present

KIND_COLOURS = {"visit": "#0072B2", "meeting": "#D55E00", "agreement": "#009E73", "statement": "#CC79A7",
                "parade": "#E69F00", "conference": "#56B4E9", "un_vote": "#7F7F7F"}
_MORE_COLOURS = ("#8C564B", "#17BECF", "#BCBD22", "#9467BD", "#2CA02C", "#7F3C8D")
_VISIT_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
_APPROXIMATE_DATES = {"month", "year", "reported", "range"}
# Agreement 0 red, 0.5 purple, 1 blue: a visible middle, so "half agree" lines do not vanish into the map.
AGREEMENT_SCALE = [[0.0, "#D7191C"], [0.5, "#8E63B5"], [1.0, "#2C7BB6"]]


def kind_colour(kind: str, kinds: list[str]) -> str:
    """A stable colour per kind of interaction (the common ones fixed, the rest from a palette)."""
    extra = [k for k in kinds if k not in KIND_COLOURS]
    return KIND_COLOURS.get(kind) or _MORE_COLOURS[extra.index(kind) % len(_MORE_COLOURS)]


def _lines(fig: go.Figure, paths: list[list[tuple[float, float]]], colour: str, width: float, name: str, group: str,
           legend: bool) -> None:
    """Curves of one colour and width as one trace (gaps between them): plotly draws a trace at one width, and a
    trace per curve costs the server and the browser time on a busy network."""
    lats = [lat for path in paths for lat in (*(p[0] for p in path), None)]
    lons = [lon for path in paths for lon in (*(p[1] for p in path), None)]
    fig.add_trace(go.Scattergeo(lat=lats[:-1], lon=lons[:-1], mode="lines", name=name,
                                line=dict(width=width, color=colour), legendgroup=group, showlegend=legend,
                                hoverinfo="skip", opacity=0.8))


def _hover_points(fig: go.Figure, points: list[tuple[tuple[float, float], str, str]], name: str, group: str) -> None:
    """The curves' middles (plotly geo lines only hover on their points) as one trace: (middle, colour, text).
    One trace for many curves, not one each: building plotly traces is what a network's figure costs."""
    fig.add_trace(go.Scattergeo(lat=[p[0][0] for p in points], lon=[p[0][1] for p in points], mode="markers",
                                marker=dict(size=7, color=[p[1] for p in points]), legendgroup=group,
                                showlegend=False, hovertext=[p[2] for p in points], hoverinfo="text", name=name))


def _nodes(fig: go.Figure, nodes: pd.DataFrame, labels: int = 25) -> None:
    """Country markers at their capitals, area by interactions; the busiest `labels` named on the map."""
    placed = nodes[nodes["lat"].notna()].sort_values("n", ascending=False)
    top = max(float(placed["n"].max()), 1.0) if len(placed) else 1.0
    fig.add_trace(go.Scattergeo(
        lat=placed["lat"], lon=placed["lon"], mode="markers+text", textposition="top center",
        text=[plot(c) if i < labels else "" for i, c in enumerate(placed["country"])],
        marker=dict(size=[8 + 18 * (n / top) ** 0.5 for n in placed["n"]], color="#333",
                    line=dict(color="white", width=1)),
        hovertext=[f"{plot(r.country)} — shown at its capital, {plot(r.capital)}; {r.n:,} interactions"
                   for r in placed.itertuples()], hoverinfo="text", name="country (at its capital)"))


def network_map(nodes: pd.DataFrame, edges: pd.DataFrame) -> go.Figure:
    """Countries at their capitals; a curve per pair and kind of interaction, width by count, colour by kind.

    `edges` as network_edges returns them; only the countries of those edges are drawn.
    """
    fig = go.Figure()
    where = {r.iso3: (r.lat, r.lon) for r in nodes.itertuples() if pd.notna(r.lat)}
    kinds = sorted(k for k in edges["kind"].unique() if k != "other kinds")
    top = max(float(edges["n"].max()), 1.0) if len(edges) else 1.0
    curves: dict[tuple[str, str, int], list] = {}  # (kind, colour, width in whole pixels) -> its curves
    middles: dict[str, list] = {}
    for (a, b), part in edges.groupby(["a", "b"], sort=False):
        if a not in where or b not in where:
            continue
        part = part.sort_values("kind")
        step = min(0.12, 0.5 / max(len(part) - 1, 1))  # fan the kinds out, but never wider than +-0.25
        for i, r in enumerate(part.itertuples()):
            hover = (f"{plot(country_name(a))} – {plot(country_name(b))}: {plot(r.kind)} × {r.n:,}"
                     f"<br>{r.first:%d %b %Y} – {r.last:%d %b %Y}")
            colour = "#9E9E9E" if r.kind == "other kinds" else kind_colour(r.kind, kinds)
            path = bent_path(where[a], where[b], (i - (len(part) - 1) / 2) * step)
            curves.setdefault((r.kind, colour, round(1 + 8 * (r.n / top) ** 0.5)), []).append(path)
            middles.setdefault(r.kind, []).append((path[len(path) // 2], colour, hover))
    legended: set[str] = set()
    for (kind, colour, width), paths in curves.items():
        _lines(fig, paths, colour, width, plot(kind), kind, kind not in legended)
        legended.add(kind)
    for kind, points in middles.items():
        _hover_points(fig, points, plot(kind), kind)
    _nodes(fig, nodes[nodes["iso3"].isin(set(edges["a"]) | set(edges["b"]))])
    world_geo(fig, fitbounds="locations")
    fig.update_layout(height=520, legend=dict(title_text="Interaction (width = count)", traceorder="normal"))
    return fig


def agreement_network_map(nodes: pd.DataFrame, overall: pd.DataFrame) -> go.Figure:
    """Countries at their capitals; a line per pair coloured by UN vote agreement (0 red … 1 blue)."""
    fig = go.Figure()
    where = {r.iso3: (r.lat, r.lon) for r in nodes.itertuples() if pd.notna(r.lat)}
    middles = []
    for r in overall.itertuples():
        if r.a in where and r.b in where:
            colour = sample_colorscale(AGREEMENT_SCALE, [float(r.agreement)])[0]
            hover = f"{plot(r.pair)}: agreement {r.agreement:.2f} over {r.shared} shared votes"
            path = bent_path(where[r.a], where[r.b])
            _lines(fig, [path], colour, min(8.0, 1 + r.shared**0.5), plot(r.pair), r.pair, False)
            middles.append((path[len(path) // 2], colour, hover))
    if middles:
        _hover_points(fig, middles, "agreement", "agreement")
    _nodes(fig, nodes)
    fig.add_trace(go.Scattergeo(lat=[None], lon=[None], mode="markers", showlegend=False, hoverinfo="skip",
                                marker=dict(colorscale=AGREEMENT_SCALE, cmin=0, cmax=1, color=[0.5], showscale=True,
                                            colorbar=dict(title="agreement", tickvals=[0, 0.5, 1]))))
    world_geo(fig, fitbounds="locations")
    fig.update_layout(height=520, showlegend=False)
    return fig


def visits_map(arcs: pd.DataFrame) -> go.Figure:
    """Each visit as a great-circle arc from the visitor's capital to the visit's place, distance at the middle."""
    fig = go.Figure()
    drawable = arcs[arcs["distance_km"].notna()].reset_index(drop=True)
    routes: dict[frozenset, int] = {}
    for r in drawable.itertuples():
        route = frozenset({(r.origin_lat, r.origin_lon), (r.latitude, r.longitude)})
        k = routes[route] = routes.get(route, -1) + 1  # visits on the same route are fanned out, not drawn over
        path = bent_path((r.origin_lat, r.origin_lon), (r.latitude, r.longitude), 0.08 * k * (1 if k % 2 else -1))
        colour = _VISIT_COLOURS[r.Index % len(_VISIT_COLOURS)]
        name = (f"{plot(r.visitor_name)}, {r.start_date:%d %b %Y}: {plot(r.origin)} → {plot(r.city)} "
                f"({r.distance_km:,} km)")
        fig.add_trace(go.Scattergeo(lat=[p[0] for p in path], lon=[p[1] for p in path], mode="lines", name=name,
                                    line=dict(width=2.5, color=colour), legendgroup=name, hoverinfo="skip"))
        # Direction is in the legend (origin → destination): plotly geo does not rotate arrow markers reliably.
        mid = path[len(path) // 2]
        fig.add_trace(go.Scattergeo(
            lat=[mid[0]], lon=[mid[1]], mode="markers+text", legendgroup=name, showlegend=False,
            marker=dict(size=6, color=colour), text=[f"{r.distance_km:,} km"], textposition="middle right",
            hovertext=[name], hoverinfo="text"))
        fig.add_trace(go.Scattergeo(
            lat=[r.origin_lat, r.latitude], lon=[r.origin_lon, r.longitude], mode="markers", legendgroup=name,
            marker=dict(symbol=["circle-open", "circle"], size=10, color=colour, line=dict(width=2)), showlegend=False,
            hovertext=[f"{plot(r.origin)} (capital of the visitor's country: assumed origin)",
                       f"{plot(r.city)} ({plot(r.geo_precision)})"], hoverinfo="text"))
    world_geo(fig, fitbounds="locations")
    fig.update_layout(height=440, legend=dict(orientation="h", y=-0.02, title_text=""))
    return fig


def pair_timeline(events: pd.DataFrame, visits: pd.DataFrame) -> go.Figure:
    """Interactions of a pair over time, a row per kind; hollow markers where the date is not a known day."""
    rows = [(r.event_date, r.end_date, r.event_type, r.date_precision,
             f"{plot(r.actor1)} · {plot(r.actor2)}<br>{plot(textwrap.shorten(plain(r.summary), 160))}",
             r.source) for r in events.itertuples()]
    rows += [(r.start_date, r.end_date, "visit", r.date_precision,
              f"{plot(r.visitor_name)} ({plot(r.visitor_role)}) in {plot(present(r.city) or r.host_iso3)}", r.source)
             for r in visits.itertuples()]
    data = pd.DataFrame(rows, columns=["start", "end", "kind", "precision", "what", "source"])
    kinds = sorted(data["kind"].unique())
    fig = go.Figure()
    for kind in kinds:
        part = data[data["kind"] == kind]
        vague = part["precision"].isin(_APPROXIMATE_DATES)
        fig.add_trace(go.Scatter(
            x=part["start"], y=[plot(kind)] * len(part), mode="markers", name=plot(kind), marker=dict(
                size=13, color=kind_colour(kind, kinds), symbol=["circle-open" if v else "circle" for v in vague],
                line=dict(width=2, color=kind_colour(kind, kinds))),
            hovertext=[f"{s:%d %b %Y}" + (f" ({plot(p)} precision)" if v else "")
                       + f"<br>{w}<br>source: {plot(src)}" for s, p, v, w, src in zip(
                           part["start"], part["precision"], vague, part["what"], part["source"], strict=True)],
            hoverinfo="text"))
        for r in part[part["end"].notna()].itertuples():
            fig.add_trace(go.Scatter(x=[r.start, r.end], y=[plot(kind)] * 2, mode="lines", showlegend=False,
                                     line=dict(width=4, color=kind_colour(kind, kinds)), hoverinfo="skip"))
    fig.update_layout(height=140 + 40 * len(kinds), margin=dict(l=0, r=0, t=10, b=0), showlegend=False,
                      yaxis=dict(type="category", categoryorder="array",
                                 categoryarray=[plot(k) for k in kinds[::-1]]),
                      xaxis=dict(title="hollow: the date is a month, a range or 'reported by'"))
    return fig


# Cooperation in blues, conflict in reds; material darker than verbal (GDELT's QuadClass 1-4).
QUAD_COLOURS = {1: "#92C5DE", 2: "#2166AC", 3: "#F4A582", 4: "#B2182B"}


def gdelt_balance(balance: pd.DataFrame, quad_classes: dict[int, str]) -> go.Figure:
    """A pair's GDELT rows per month by QuadClass (stacked bars, cooperation below conflict) and their mean
    Goldstein score (a line on its own axis, -10 to +10). Each month is drawn across its whole width."""
    fig = go.Figure()
    months = pd.to_datetime(balance["month"])
    monthly = dict(xperiod="M1", xperiodalignment="middle")
    for q, label in quad_classes.items():
        fig.add_trace(go.Bar(x=months, y=[int(n) for n in balance[f"q{q}"]], name=label, marker_color=QUAD_COLOURS[q],
                             hovertemplate="%{x|%B %Y}: %{y:,} " + label.lower() + "<extra></extra>", **monthly))
    scored = balance[balance["scored"] > 0]
    fig.add_trace(go.Scatter(x=pd.to_datetime(scored["month"]), y=[round(float(g), 2) for g in scored["goldstein"]],
                             name="Mean Goldstein score (right axis)", mode="lines+markers", yaxis="y2",
                             line=dict(color="#333333", width=2), marker=dict(size=8),
                             hovertemplate="%{x|%B %Y}: mean Goldstein %{y:+.2f}<extra></extra>", **monthly))
    first, last = months.min(), months.max()
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    fig.update_layout(barmode="stack", bargap=0.15, height=380, margin=dict(l=0, r=0, t=30, b=0),
                      yaxis=dict(title="GDELT rows (reports coded)", rangemode="tozero"),
                      yaxis2=dict(title="mean Goldstein", overlaying="y", side="right", range=[-10.5, 10.5],
                                  tickvals=[-10, -5, 0, 5, 10], zeroline=True, zerolinecolor="#999999",
                                  showgrid=False),
                      xaxis=dict(type="date", ticklabelmode="period", tickformat="%b %Y",
                                 **({"dtick": "M1"} if span <= 24 else {}),
                                 range=[first - pd.Timedelta(days=3), last + pd.DateOffset(months=1)
                                        + pd.Timedelta(days=3)]),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, traceorder="normal"))
    return fig
