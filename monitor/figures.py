"""Pure functions: DataFrame -> plotly Figure. No Streamlit here; pages render what these return."""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from monitor import phrases
from monitor.countries import country_name

# --- votes ---

VOTE_COLOURS = {  # Okabe-Ito hues, readable with the common colour-vision deficiencies
    "Yes": "#0072B2", "No": "#D55E00", "Abstain": "#F0E442", "Not voting": "#7F7F7F", "Not recorded": "#D9D9D9",
}
VOTE_LETTERS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}
# plotly.js fetches its basemap from a CDN unless told otherwise; static/topojson/ serves it from the app.
# Relative to the page, so it also works under a server.baseUrlPath (pages have one-segment paths).
GEO_CONFIG = {"topojsonURL": "app/static/topojson/", "displaylogo": False}


def world_geo(fig: go.Figure, **geo: Any) -> go.Figure:
    """The common basemap look: the 110m world that static/topojson/ serves, land and borders drawn."""
    # Equirectangular with Antarctica cropped fills a wide column; rounded projections get clipped at the edges.
    if "fitbounds" not in geo:  # a fixed range would stop plotly zooming to the data
        geo.setdefault("lataxis_range", [-58, 84])
    fig.update_geos(projection_type="equirectangular", resolution=110, showframe=False, showcountries=True,
                    countrycolor="#8c8c8c", countrywidth=0.5, showcoastlines=True, coastlinecolor="#8c8c8c",
                    showland=True, landcolor="#f4f1ea", showocean=True, oceancolor="#e8f0f6", **geo)
    fig.update_layout(margin=dict(l=0, r=0, t=30, b=0))
    return fig


def official_totals_bar(yes: int | None, no: int | None, abstain: int | None, non_voting: int | None) -> go.Figure:
    """The official totals of one vote as horizontal bars; a total the source does not state is labelled so."""
    rows = [("Yes", yes), ("No", no), ("Abstain", abstain), ("Not voting", non_voting)]
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
            customdata=list(part["country"]), name=f"{label} ({len(part)})", showlegend=True, showscale=False,
            colorscale=[[0, colour], [1, colour]], marker_line_color="#666", marker_line_width=0.4,
            hovertemplate="%{customdata}: %{text}<extra></extra>", locationmode="ISO-3",
        ))
    world_geo(fig)
    fig.update_layout(height=380, legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", title_text="Vote"))
    return fig


def country_votes_heatmap(votes: pd.DataFrame) -> go.Figure:
    """Resolution x country grid of Y / N / A / X, and — where no vote row is loaded."""
    order = ["Y", "A", "N", "X", "—"]
    names = {**VOTE_LETTERS, "—": "Not recorded"}
    colours = [VOTE_COLOURS[names[k]] for k in order]
    data = votes.assign(code=votes["vote"].fillna("—"))
    columns = list(dict.fromkeys(data["resolution_id"]))  # already oldest first
    rows = sorted(dict.fromkeys(data["country_iso3"]), key=country_name)  # top-down by name
    grid = data.pivot(index="country_iso3", columns="resolution_id", values="code").reindex(index=rows, columns=columns)
    titles = data.drop_duplicates("resolution_id").set_index("resolution_id")
    hover = [[f"{_plain(c)}<br>{names[grid.at[r, c]]}<br>{titles.at[c, 'vote_date']:%d %b %Y}" for c in columns]
             for r in rows]
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / len(colours), colour], [(i + 1) / len(colours), colour]]
    letters = len(columns) <= 40  # a letter in each cell while they fit
    fig = go.Figure(go.Heatmap(
        z=[[order.index(v) for v in grid.loc[r]] for r in rows], x=[_plain(c) for c in columns],
        y=[country_name(r) for r in rows],
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
        z=z, x=[str(y) for y in years], y=pairs, text=text, texttemplate="%{text}" if len(years) <= 15 else None,
        customdata=n, zmin=0, zmax=1, colorscale="RdBu", xgap=2, ygap=2,
        hovertemplate="%{y}, %{x}: %{z:.2f} over %{customdata} shared votes<extra></extra>",
        colorbar=dict(title="agreement", tickvals=[0, 0.5, 1], ticktext=["0 opposite", "0.5", "1 same"]),
    ))
    fig.update_layout(height=110 + 34 * len(pairs), margin=dict(l=0, r=0, t=10, b=0),
                      xaxis=dict(type="category", title="year of the vote"), yaxis=dict(autorange="reversed"))
    return fig


# --- relationships ---

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


def _plain(text: Any) -> str:
    """Text from data inside plotly hover labels, which read a subset of HTML: escaped, never markup."""
    return html.escape("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text))


def bent_path(a: tuple[float, float], b: tuple[float, float], bend: float = 0.0,
              n: int = 32) -> list[tuple[float, float]]:
    """Great-circle points from a to b, pushed sideways by `bend` x the length at the middle (0 = the arc itself)."""
    from monitor.geo import great_circle_path

    points = great_circle_path(a, b, n)
    lats, lons = [p[0] for p in points], [points[0][1]]
    for _, lon in points[1:]:  # unwrap longitudes so an arc across the date line stays continuous
        lons.append(lon + 360 * round((lons[-1] - lon) / 360))
    dlat, dlon = lats[-1] - lats[0], lons[-1] - lons[0]
    length = (dlat**2 + dlon**2) ** 0.5 or 1.0
    out = []
    for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        push = bend * length * math.sin(math.pi * i / n)
        lon2 = lon - push * dlat / length
        out.append((max(-89.9, min(89.9, lat + push * dlon / length)), (lon2 + 180) % 360 - 180))
    return out


def _line(fig: go.Figure, path: list[tuple[float, float]], colour: str, width: float, name: str, group: str,
          legend: bool, hover: str) -> None:
    """One curve plus a hover point at its middle (plotly geo lines only hover on their points)."""
    fig.add_trace(go.Scattergeo(lat=[p[0] for p in path], lon=[p[1] for p in path], mode="lines", name=name,
                                line=dict(width=width, color=colour), legendgroup=group, showlegend=legend,
                                hoverinfo="skip", opacity=0.8))
    mid = path[len(path) // 2]
    fig.add_trace(go.Scattergeo(lat=[mid[0]], lon=[mid[1]], mode="markers", marker=dict(size=7, color=colour),
                                legendgroup=group, showlegend=False, hovertext=[hover], hoverinfo="text", name=name))


def _nodes(fig: go.Figure, nodes: pd.DataFrame, labels: int = 25) -> None:
    """Country markers at their capitals, area by interactions; the busiest `labels` named on the map."""
    placed = nodes[nodes["lat"].notna()].sort_values("n", ascending=False)
    top = max(float(placed["n"].max()), 1.0) if len(placed) else 1.0
    fig.add_trace(go.Scattergeo(
        lat=placed["lat"], lon=placed["lon"], mode="markers+text", textposition="top center",
        text=[c if i < labels else "" for i, c in enumerate(placed["country"])],
        marker=dict(size=[8 + 18 * (n / top) ** 0.5 for n in placed["n"]], color="#333",
                    line=dict(color="white", width=1)),
        hovertext=[f"{_plain(r.country)} — shown at its capital, {_plain(r.capital)}; {r.n:,} interactions"
                   for r in placed.itertuples()], hoverinfo="text", name="country (at its capital)"))


NETWORK_MAX_PAIRS = 40  # more lines than this is a hairball; the caption says how many are drawn
NETWORK_MAX_KINDS = 7  # the rest are drawn together as "other kinds" (grey), so colours stay distinguishable


def network_edges(edges: pd.DataFrame, max_pairs: int = NETWORK_MAX_PAIRS,
                  max_kinds: int = NETWORK_MAX_KINDS) -> pd.DataFrame:
    """The busiest pairs, the rarer kinds of interaction merged into 'other kinds'."""
    if edges.empty:
        return edges
    common = edges.groupby("kind")["n"].sum().sort_values(ascending=False).index[:max_kinds]
    merged = (edges.assign(kind=edges["kind"].where(edges["kind"].isin(common), "other kinds"))
              .groupby(["a", "b", "kind"], as_index=False).agg(n=("n", "sum"), first=("first", "min"),
                                                                last=("last", "max")))
    busiest = merged.groupby(["a", "b"])["n"].sum().nlargest(max_pairs)
    keep = merged.set_index(["a", "b"]).index.isin(busiest.index)
    return merged[keep].reset_index(drop=True)


def network_map(nodes: pd.DataFrame, edges: pd.DataFrame) -> go.Figure:
    """Countries at their capitals; a curve per pair and kind of interaction, width by count, colour by kind.

    `edges` as network_edges returns them; only the countries of those edges are drawn.
    """
    fig = go.Figure()
    where = {r.iso3: (r.lat, r.lon) for r in nodes.itertuples() if pd.notna(r.lat)}
    kinds = sorted(k for k in edges["kind"].unique() if k != "other kinds")
    top = max(float(edges["n"].max()), 1.0) if len(edges) else 1.0
    shown: set[str] = set()
    for (a, b), part in edges.groupby(["a", "b"], sort=False):
        if a not in where or b not in where:
            continue
        part = part.sort_values("kind")
        step = min(0.12, 0.5 / max(len(part) - 1, 1))  # fan the kinds out, but never wider than +-0.25
        for i, r in enumerate(part.itertuples()):
            hover = (f"{_plain(country_name(a))} – {_plain(country_name(b))}: {_plain(r.kind)} × {r.n:,}"
                     f"<br>{r.first:%d %b %Y} – {r.last:%d %b %Y}")
            colour = "#9E9E9E" if r.kind == "other kinds" else kind_colour(r.kind, kinds)
            _line(fig, bent_path(where[a], where[b], (i - (len(part) - 1) / 2) * step), colour,
                  1 + 8 * (r.n / top) ** 0.5, _plain(r.kind), r.kind, r.kind not in shown, hover)
            shown.add(r.kind)
    _nodes(fig, nodes[nodes["iso3"].isin(set(edges["a"]) | set(edges["b"]))])
    world_geo(fig, fitbounds="locations")
    fig.update_layout(height=520, legend=dict(title_text="Interaction (width = count)", traceorder="normal"))
    return fig


def agreement_network_map(nodes: pd.DataFrame, overall: pd.DataFrame) -> go.Figure:
    """Countries at their capitals; a line per pair coloured by UN vote agreement (0 red … 1 blue)."""
    from plotly.colors import sample_colorscale

    fig = go.Figure()
    where = {r.iso3: (r.lat, r.lon) for r in nodes.itertuples() if pd.notna(r.lat)}
    for r in overall.itertuples():
        if r.a in where and r.b in where:
            colour = sample_colorscale(AGREEMENT_SCALE, [float(r.agreement)])[0]
            hover = f"{_plain(r.pair)}: agreement {r.agreement:.2f} over {r.shared} shared votes"
            _line(fig, bent_path(where[r.a], where[r.b]), colour, min(8.0, 1 + r.shared**0.5), r.pair, r.pair,
                  False, hover)
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
        name = (f"{_plain(r.visitor_name)}, {r.start_date:%d %b %Y}: {_plain(r.origin)} → {_plain(r.city)} "
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
            hovertext=[f"{_plain(r.origin)} (capital of the visitor's country: assumed origin)",
                       f"{_plain(r.city)} ({_plain(r.geo_precision)})"], hoverinfo="text"))
    world_geo(fig, fitbounds="locations")
    fig.update_layout(height=440, legend=dict(orientation="h", y=-0.02, title_text=""))
    return fig


def pair_timeline(events: pd.DataFrame, visits: pd.DataFrame) -> go.Figure:
    """Interactions of a pair over time, a row per kind; hollow markers where the date is not a known day."""
    rows = [(r.event_date, r.end_date, r.event_type, r.date_precision,
             f"{_plain(r.actor1)} · {_plain(r.actor2)}<br>{_plain(textwrap.shorten(str(r.summary or ''), 160))}",
             r.source) for r in events.itertuples()]
    rows += [(r.start_date, r.end_date, "visit", r.date_precision,
              f"{_plain(r.visitor_name)} ({_plain(r.visitor_role)}) in {_plain(r.city or r.host_iso3)}", r.source)
             for r in visits.itertuples()]
    data = pd.DataFrame(rows, columns=["start", "end", "kind", "precision", "what", "source"])
    kinds = sorted(data["kind"].unique())
    fig = go.Figure()
    for kind in kinds:
        part = data[data["kind"] == kind]
        vague = part["precision"].isin(_APPROXIMATE_DATES)
        fig.add_trace(go.Scatter(
            x=part["start"], y=[_plain(kind)] * len(part), mode="markers", name=_plain(kind), marker=dict(
                size=13, color=kind_colour(kind, kinds), symbol=["circle-open" if v else "circle" for v in vague],
                line=dict(width=2, color=kind_colour(kind, kinds))),
            hovertext=[f"{s:%d %b %Y}" + (f" ({_plain(p)} precision)" if v else "")
                       + f"<br>{w}<br>source: {_plain(src)}" for s, p, v, w, src in zip(
                           part["start"], part["precision"], vague, part["what"], part["source"], strict=True)],
            hoverinfo="text"))
        for r in part[part["end"].notna()].itertuples():
            fig.add_trace(go.Scatter(x=[r.start, r.end], y=[_plain(kind)] * 2, mode="lines", showlegend=False,
                                     line=dict(width=4, color=kind_colour(kind, kinds)), hoverinfo="skip"))
    fig.update_layout(height=140 + 40 * len(kinds), margin=dict(l=0, r=0, t=10, b=0), showlegend=False,
                      yaxis=dict(type="category", categoryorder="array",
                                 categoryarray=[_plain(k) for k in kinds[::-1]]),
                      xaxis=dict(title="hollow: the date is a month, a range or 'reported by'"))
    return fig


# --- map ---

EVENT_COLOUR = "#B2182B"


def _view(lats: pd.Series, lons: pd.Series) -> dict[str, Any]:
    """Axis ranges around the points with a margin (fitbounds zooms a lone point to street level)."""
    if lats.empty:
        return {}
    pad_lat = max(6.0, 0.15 * (lats.max() - lats.min()))
    pad_lon = max(10.0, 0.15 * (lons.max() - lons.min()))
    return {"lataxis_range": [max(-90.0, lats.min() - pad_lat), min(90.0, lats.max() + pad_lat)],
            "lonaxis_range": [max(-180.0, lons.min() - pad_lon), min(180.0, lons.max() + pad_lon)]}


def _sizes(values: pd.Series) -> list[float]:
    """Marker diameters with area proportional to the value (6 px for none, 40 px for the largest)."""
    top = float(values.max()) if len(values) and values.max() > 0 else 1.0
    return [6 + 34 * (float(v) / top) ** 0.5 if pd.notna(v) and v > 0 else 6 for v in values]


def events_map(places: pd.DataFrame, cell: float | None, est: str) -> go.Figure:
    """Events per place: precise places filled, approximate ones hollow; per grid cell when aggregated.

    Marker area: fatalities (the chosen estimate) when any place in view states them, else the event count.
    """
    by_fatalities = bool(places["fatalities"].fillna(0).gt(0).any())
    value = places["fatalities"] if by_fatalities else places["events"]
    data = places.assign(size=_sizes(value), hover=[
        f"<b>{_plain(r.location)}</b> ({_plain(r.countries)})<br>{r.events:,} events: {_plain(r.kinds)}"
        f"<br>fatalities ({est}): " + (f"{int(r.fatalities):,} in {r.with_fatalities} of {r.events} events"
                                      if r.with_fatalities else "not stated")
        + f"<br>{r.first:%d %b %Y} – {r.last:%d %b %Y}" for r in places.itertuples()])
    groups = ([(f"events per {cell:g}° grid cell (aggregated)", data, "circle", 0.55)] if cell else [
        ("exact location", data[data["approximate"] < 0.5], "circle", 0.8),
        ("approximate location", data[data["approximate"] >= 0.5], "circle-open", 0.6)])
    fig = go.Figure()
    for name, part, symbol, opacity in groups:
        if part.empty:
            continue
        fig.add_trace(go.Scattergeo(
            lat=part["lat"], lon=part["lon"], mode="markers", name=f"{name} ({len(part):,})",
            customdata=part["place"], hovertext=part["hover"], hoverinfo="text", opacity=opacity,
            marker=dict(size=part["size"], symbol=symbol, color=EVENT_COLOUR, line=dict(width=2, color=EVENT_COLOUR)),
            text=[f"{n:,}" for n in part["events"]] if cell else None))
    world_geo(fig, **_view(places["lat"], places["lon"]))
    sized = f"fatalities ({est} estimate)" if by_fatalities else "number of events"
    fig.update_layout(height=560, showlegend=True, legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0,
                                              title_text=f"Marker area: {sized}. "))
    return fig


# --- timeline ---------------------------------------------------------------------------------------------
# One time axis, lanes stacked under it: casualty figures as reported, fatalities counted from events, and
# one row of markers per kind of event. Dates are drawn as precisely as the source gave them: a month-only
# event is a bar over its month, never a dot on the 1st; "reported" dates are open markers (on or before).

KIND_LABELS = {"visit": "Visits", "un_vote": "UN votes", "statement": "Statements", "meeting": "Meetings",
               "coup": "Coups", "conference": "Conferences"}
KIND_ORDER = ("visit", "un_vote", "statement", "meeting")
MAX_KIND_ROWS = 10
MAX_VOTE_ANCHORS = 8
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
            "#bcbd22", "#393b79")


def _text(value: Any) -> str:
    """A cell as text, '' for NULL/NaN (a NaN is truthy, so `if value` alone would print 'nan')."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _list(values: pd.Series) -> list[float | None]:
    """Numbers as a plain list: the figure's JSON then shows them as numbers, not as a base64 typed array."""
    return [None if pd.isna(v) else float(v) for v in values]


def _esc(text: Any) -> str:
    """Data text for plotly labels: plotly renders a subset of HTML, data must stay text."""
    return html.escape(_text(text))


def _wrap(text: Any, width: int = 90) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(_text(text), width))


def _source_line(row: Mapping[str, Any]) -> str:
    parts = [row.get("publisher"), row.get("title")]
    return "Source: " + _esc(" — ".join(str(p) for p in parts if isinstance(p, str) and p))


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, str(kind).replace("_", " ").capitalize())


def marker_span(start: Any, end: Any, precision: Any) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The stretch of time an imprecise date covers (month, year, range), or None for a single day."""
    a = pd.Timestamp(start)
    p = str(precision or "day").lower()
    if p == "month":
        return a.replace(day=1), a.replace(day=1) + pd.DateOffset(months=1)
    if p == "year":
        return a.replace(month=1, day=1), a.replace(month=1, day=1) + pd.DateOffset(years=1)
    if end is not None and not pd.isna(end) and pd.Timestamp(end) > a:
        return a, pd.Timestamp(end) + pd.Timedelta(days=1)
    return None


def _bucket_bounds(period: Any, bucket: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    a = pd.Timestamp(period)
    return a, a + (pd.Timedelta(days=7) if bucket == "week" else pd.DateOffset(months=1))


def report_points(reports: pd.DataFrame, est: str) -> pd.DataFrame:
    """Casualty reports with the value to draw for `est`, its label ('≥ 870') and whether it is a bound.

    A report that gives no `est` figure is drawn at the figure it states: 'at least 870' stays 870, a
    lower bound, whatever the estimate chosen.
    """
    out = reports.copy()
    if out.empty:
        return out.assign(value=[], label=[], bound=[], substituted=[])
    column = {"low": "killed_low", "best": "killed_best", "high": "killed_high"}[est]
    stated = out.apply(lambda r: phrases.stated_figure(r.to_dict()), axis=1)
    out["substituted"] = out[column].isna()
    out["value"] = out[column].astype("Float64").fillna(stated.astype("Float64"))
    qualifier = out["qualifier"].fillna("")
    uses_low = out["substituted"] | (column == "killed_low")
    uses_high = out["substituted"] | (column == "killed_high")
    out["bound"] = ["lower" if q == "at least" and lo else "upper" if q == "up to" and hi else ""
                    for q, lo, hi in zip(qualifier, uses_low, uses_high, strict=True)]
    sign = [("≥ " if b == "lower" else "≤ " if b == "upper" else "~" if q == "about" else "")
            for b, q in zip(out["bound"], qualifier, strict=True)]
    out["label"] = [f"{s}{phrases.count(v)}" if pd.notna(v) else "" for s, v in zip(sign, out["value"], strict=True)]
    return out[out["value"].notna()]


def _report_traces(fig: go.Figure, reports: pd.DataFrame, est: str, row: int) -> None:
    points = report_points(reports, est)
    groups = list(points.groupby(["country_iso3", "victims", "reported_by"], sort=False))
    # Only each series' latest figure is labelled (the rest are in the hover); series ending close together
    # get their labels above and below, highest on top, so "≥ 870" and "≥ 858" do not print over each other.
    by_height = sorted(range(len(groups)), key=lambda k: -float(groups[k][1]["value"].iloc[-1]))
    positions = {k: ("top right", "bottom right", "middle right")[min(n, 2)] for n, k in enumerate(by_height)}
    labelled_starts: set = set()
    for i, ((country, victims, reporter), series) in enumerate(groups):
        color = _PALETTE[i % len(_PALETTE)]
        name = f"{phrases.victims_word(victims).capitalize()} killed in {country_name(country)}, per {reporter}"
        cumulative = series[series["cumulative"].fillna(False).astype(bool)]
        latest = cumulative.iloc[-1] if not cumulative.empty else None
        if latest is not None and pd.notna(latest["period_start"]):
            # The latest total covers a period: a thin bracket along the zero line from its start (where a
            # count "since" a date is 0) to the report. A line at the figure's height, or a filled area, would
            # read as "870 all along".
            x0, x1 = pd.Timestamp(latest["period_start"]), pd.Timestamp(latest["as_of"])
            covers = _esc(f"The {latest['label']} count covers {phrases.date_span(x0, x1)}; "
                          "when within it the deaths occurred is not shown")
            fig.add_trace(go.Scatter(x=[x0, x1], y=[0, 0], mode="lines", hoverinfo="skip", showlegend=False,
                                     line={"width": 1, "color": color, "dash": "dot"}, name="period covered"),
                          row=row, col=1)
            fig.add_trace(go.Scatter(
                x=[x0], y=[0], mode="markers+text", showlegend=False, name="period start",
                marker={"symbol": "line-ns", "size": 12, "line": {"width": 1.5, "color": color}},
                text=[f"counted from {phrases.day(x0)}" if x0 not in labelled_starts else ""],
                textposition="top right",
                textfont={"size": 10, "color": "#555"}, hovertext=[covers], hoverinfo="text",
            ), row=row, col=1)
            labelled_starts.add(x0)
        band = series.dropna(subset=["killed_low", "killed_high"])
        if not band.empty:
            fig.add_trace(go.Scatter(x=band["as_of"], y=_list(band["killed_low"]), mode="lines", line_shape="hv",
                                     line={"width": 0, "color": color}, showlegend=False, hoverinfo="skip"),
                          row=row, col=1)
            fig.add_trace(go.Scatter(x=band["as_of"], y=_list(band["killed_high"]), mode="lines", line_shape="hv",
                                     line={"width": 0, "color": color}, fill="tonexty", opacity=0.25,
                                     name=f"{name}: low–high", hoverinfo="skip"), row=row, col=1)
        hover = []
        for r in series.to_dict("records"):
            lead, detail = phrases.killed_headline(r)
            note = {"lower": f"<br>{r['label']}: a lower bound (at least {phrases.count(r['value'])}); the true "
                             "number may be higher", "upper": "<br>An upper bound (up to)"}.get(r["bound"], "")
            if r["substituted"]:
                note += f"<br>No {est} estimate given: drawn at the stated figure"
            kind = "cumulative total" if r["cumulative"] else "count for the period"
            hover.append(f"<b>{_esc(lead)}</b><br>{_esc(detail)}<br>Reported {phrases.day(r['as_of'])} ({kind})"
                         f"{note}<br>{_source_line(r)}")
        symbols = ["triangle-up" if b == "lower" else "triangle-down" if b == "upper" else "circle"
                   for b in series["bound"]]
        fig.add_trace(go.Scatter(
            x=series["as_of"], y=_list(series["value"]), name=name, mode="lines+markers+text", line_shape="hv",
            line={"color": color, "width": 2}, marker={"symbol": symbols, "size": 13, "color": color},
            text=[""] * (len(series) - 1) + [series["label"].iloc[-1]], textposition=positions[i],
            textfont={"size": 14, "color": color}, hovertext=hover, hoverinfo="text",
            customdata=series[["report_id", "qualifier", "bound", "label"]].to_numpy().tolist(),
        ), row=row, col=1)


def _fatality_traces(fig: go.Figure, fatalities: pd.DataFrame, est: str, bucket: str, row: int) -> None:
    placed = fatalities[fatalities["fits"].astype(bool)]
    for i, (origin, rows) in enumerate(placed.groupby("origin", sort=True)):
        bounds = [_bucket_bounds(p, bucket) for p in rows["period"]]
        mid = [a + (b - a) / 2 for a, b in bounds]
        width = [(b - a).total_seconds() * 1000 * 0.85 for a, b in bounds]
        hover = []
        for r, (a, _) in zip(rows.to_dict("records"), bounds, strict=True):
            when = f"week of {phrases.day(a)}" if bucket == "week" else f"{a:%B %Y}"
            text = f"<b>{_esc(str(origin).upper())} · {when}</b><br>{phrases.count(r['killed'])} killed"
            text += f" ({est} estimate) in {phrases.count(r['events'])} events"
            if pd.notna(r["low"]) and pd.notna(r["high"]):
                text += f"<br>low {phrases.count(r['low'])} · high {phrases.count(r['high'])} (where given)"
            if r["single_figure"]:
                text += f"<br>{phrases.count(r['single_figure'])} events give one figure, used for every estimate"
            hover.append(text)
        fig.add_trace(go.Bar(x=mid, y=_list(rows["killed"]), width=width,
                             name=f"{str(origin).upper()}: killed per {bucket}", opacity=0.75,
                             marker_color=_PALETTE[(i + 5) % len(_PALETTE)], hovertext=hover, hoverinfo="text"),
                      row=row, col=1)


def marker_rows(markers: pd.DataFrame, density: pd.DataFrame | None = None) -> list[str]:
    """The kinds that get a row of their own (visits, votes, statements, meetings first), most common next."""
    totals = dict(zip(markers["kind"], markers["kind_total"], strict=True))
    if density is not None and not density.empty:
        totals.update(zip(density["kind"], density["kind_total"], strict=True))
    known = [k for k in KIND_ORDER if k in totals]
    rest = sorted((k for k in totals if k not in KIND_ORDER), key=lambda k: (-int(totals[k]), str(k)))
    return known + rest


def _merge_same_day(xs: list, hover: list, symbols: list, custom: list) -> tuple[list, list, list, list]:
    """Items of one kind on the same day share one marker whose hover lists them all (none hides another)."""
    rank = {"circle": 0, "circle-open": 1, "line-ns": 2}
    merged: dict[Any, list] = {}
    for x, h, s, c in zip(xs, hover, symbols, custom, strict=True):
        if x in merged:
            m = merged[x]
            m[0] += f"<br>──────────<br>{h}"
            m[1] = min(m[1], s, key=lambda v: rank.get(v, 3))
            m[2] = [f"{a}; {b}" if a != b else a for a, b in zip(m[2], c, strict=True)]
        else:
            merged[x] = [h, s, c]
    return list(merged), [m[0] for m in merged.values()], [m[1] for m in merged.values()], \
        [m[2] for m in merged.values()]


def _density_trace(fig: go.Figure, rows: pd.DataFrame, y_label: str, color: str, bucket: str, row: int) -> None:
    """A busy kind as one bubble per week/month, area for the count: every period shown, none sampled away."""
    bounds = [_bucket_bounds(p, bucket) for p in rows["period"]]
    biggest = max(int(rows["items"].max()), 1)
    hover = []
    for r, (a, _) in zip(rows.to_dict("records"), bounds, strict=True):
        when = f"week of {phrases.day(a)}" if bucket == "week" else f"{a:%B %Y}"
        text = f"<b>{_esc(kind_label(r['kind']))}</b> · {when}: {phrases.count(r['items'])} recorded"
        if r["killed"]:
            text += f", {phrases.count(r['killed'])} killed (best estimate)"
        if r["imprecise"]:
            text += f"<br>{phrases.count(r['imprecise'])} dated only to the month or year, counted where it begins"
        hover.append(text + "<br>Too many to draw one by one: the Data page lists them")
    fig.add_trace(go.Scatter(
        x=[a + (b - a) / 2 for a, b in bounds], y=[y_label] * len(rows), mode="markers", name=y_label,
        showlegend=False, hovertext=hover, hoverinfo="text", customdata=[[int(n)] for n in rows["items"]],
        marker={"size": [4 + 14 * (int(n) / biggest) ** 0.5 for n in rows["items"]], "color": color,
                "opacity": 0.7, "line": {"width": 0}},
    ), row=row, col=1)


def _marker_traces(fig: go.Figure, markers: pd.DataFrame, density: pd.DataFrame, bucket: str, row: int) -> None:
    kinds = marker_rows(markers, density)
    keep = kinds[:MAX_KIND_ROWS - 1] if len(kinds) > MAX_KIND_ROWS else kinds
    label = {k: kind_label(k) if k in keep else "Other events" for k in kinds}
    yref = "y" if row == 1 else f"y{row}"
    for i, kind in enumerate(kinds):
        y_label = label[kind]
        color = _PALETTE[i % len(_PALETTE)] if kind in keep else "#7f7f7f"
        busy = density[density["kind"] == kind] if not density.empty else density
        if not busy.empty:
            _density_trace(fig, busy, y_label, color, bucket, row)
            if kind in keep:
                fig.add_annotation(x=1, xref="paper", y=y_label, yref=yref, xanchor="left", showarrow=False,
                                   text=f"{int(busy['kind_total'].iloc[0]):,}, per {bucket}",
                                   font={"size": 10, "color": "#555"})
            continue
        rows = markers[markers["kind"] == kind]
        xs, hover, symbols, custom, span_x = [], [], [], [], []
        for r in rows.to_dict("records"):
            span = marker_span(r["date"], r["end_date"], r["date_precision"])
            if span:
                span_x += [span[0], span[1], None]
            xs.append(span[0] + (span[1] - span[0]) / 2 if span else pd.Timestamp(r["date"]))
            reported = str(r["date_precision"] or "").lower() == "reported"
            symbols.append("circle-open" if reported else "line-ns" if span else "circle")
            where = ", ".join(_esc(p) for p in (_text(r["place"]), _text(r["country"]) and country_name(r["country"]))
                              if p)
            when = phrases.when(r["date"], r["end_date"], r["date_precision"])
            text = [f"<b>{_esc(kind_label(kind))}</b> · {_esc(when)}"]
            text += [f"Who: {_wrap(r['who'])}" if _text(r["who"]) else "", f"Where: {where}" if where else "",
                     _wrap(r["summary"]), _wrap(r["detail"]), _source_line(r)]
            hover.append("<br>".join(t for t in text if t))
            custom.append([_text(r["who"]), _text(r["place"]), str(pd.Timestamp(r["date"]).date()),
                           _text(r["date_precision"])])
        xs, hover, symbols, custom = _merge_same_day(xs, hover, symbols, custom)
        crowded = len(xs) > 60  # smaller, lighter marks, so a crowded row still reads
        if span_x:
            fig.add_trace(go.Scatter(x=span_x, y=[y_label if x is not None else None for x in span_x],
                                     mode="lines", line={"width": 5 if crowded else 10, "color": color},
                                     opacity=0.2 if crowded else 0.35, hoverinfo="skip", showlegend=False),
                          row=row, col=1)
        fig.add_trace(go.Scatter(
            x=xs, y=[y_label] * len(xs), mode="markers", name=label[kind], showlegend=False,
            marker={"symbol": symbols, "size": 7 if crowded else 12, "color": color,
                    "opacity": 0.6 if crowded else 1, "line": {"width": 1 if crowded else 2, "color": color}},
            hovertext=hover, hoverinfo="text", customdata=custom,
        ), row=row, col=1)
    order = list(dict.fromkeys(label[k] for k in kinds))
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], row=row, col=1)


def _anchors(fig: go.Figure, markers: pd.DataFrame, start: date, end: date) -> None:
    """The coup(s) and the UN votes as labelled lines across every lane (spans when only the month is known)."""
    coups = markers[markers["kind"] == "coup"]
    votes = markers[markers["kind"] == "un_vote"]
    anchors = list(coups.to_dict("records"))
    if len(votes) <= MAX_VOTE_ANCHORS:
        anchors += votes.to_dict("records")
    for i, r in enumerate(sorted(anchors, key=lambda r: r["date"])):
        span = marker_span(r["date"], r["end_date"], r["date_precision"])
        if r["kind"] == "un_vote":
            label = f"UN vote {r['place']} ({r['detail']})" if _text(r["detail"]) else f"UN vote {r['place']}"
        else:
            when = phrases.when(r["date"], r["end_date"], r["date_precision"])
            label = f"{kind_label(r['kind']).rstrip('s')}: {when}"
        x = span[0] + (span[1] - span[0]) / 2 if span else pd.Timestamp(r["date"])
        if span:
            fig.add_shape(type="rect", xref="x", yref="paper", x0=span[0].date().isoformat(),
                          x1=span[1].date().isoformat(), y0=0, y1=1, fillcolor="rgba(214,39,40,0.08)",
                          line={"width": 0}, layer="below")
        else:
            fig.add_shape(type="line", xref="x", yref="paper", x0=x.date().isoformat(), x1=x.date().isoformat(),
                          y0=0, y1=1, line={"color": "#d62728", "width": 1.5, "dash": "dot"})
        # Labels sit above the lane titles, staggered, and open towards the middle so they stay on the page.
        right_half = x > pd.Timestamp(start) + (pd.Timestamp(end) - pd.Timestamp(start)) / 2
        fig.add_annotation(x=x.isoformat() if span else x.date().isoformat(), xref="x", y=1, yref="paper",
                           xanchor="right" if right_half else "left", yanchor="bottom", yshift=30 + 17 * (i % 3),
                           showarrow=False, text=_esc(label),
                           font={"size": 11, "color": "#a11d1e"}, bgcolor="rgba(255,255,255,0.8)")


def timeline_figure(reports: pd.DataFrame, fatalities: pd.DataFrame, markers: pd.DataFrame, *, est: str,
                    bucket: str, start: date, end: date, density: pd.DataFrame | None = None) -> go.Figure:
    """The Timeline page's figure: one shared time axis, a lane per kind of evidence, anchors across all.

    `density` (queries.marker_density) carries the kinds too busy to draw item by item.
    """
    density = density if density is not None else pd.DataFrame(columns=["kind", "period", "items", "killed",
                                                                          "imprecise", "kind_total"])
    lanes = []
    if not reports.empty:
        lanes.append(("reports", "Killed, as reported (cumulative figures as stepped lines)", 230))
    if not fatalities.empty and fatalities["fits"].astype(bool).any():
        lanes.append(("fatalities", f"Killed in recorded events, per {bucket} ({est} estimate)", 200))
    if not markers.empty or not density.empty:
        n_rows = min(len(marker_rows(markers, density)), MAX_KIND_ROWS)
        lanes.append(("markers", "Visits, votes, statements, meetings and other events", 60 + 34 * n_rows))
    if not lanes:
        fig = go.Figure()
        fig.add_annotation(text="Nothing dated in this selection", showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper")
        return fig
    heights = [h for _, _, h in lanes]
    fig = make_subplots(rows=len(lanes), cols=1, shared_xaxes=True, vertical_spacing=0.22 / len(lanes) + 0.02,
                        row_heights=[h / sum(heights) for h in heights], subplot_titles=[t for _, t, _ in lanes])
    for row, (lane, _, _) in enumerate(lanes, start=1):
        if lane == "reports":
            _report_traces(fig, reports, est, row)
            top = float(report_points(reports, est)["value"].max() or 1)
            fig.update_yaxes(range=[0, top * 1.35], title_text="killed", row=row, col=1)
        elif lane == "fatalities":
            _fatality_traces(fig, fatalities, est, bucket, row)
            fig.update_yaxes(rangemode="tozero", title_text=f"killed per {bucket}", row=row, col=1)
        else:
            _marker_traces(fig, markers, density, bucket, row)
    if not markers.empty:
        _anchors(fig, markers, start, end)
    fig.update_xaxes(range=[pd.Timestamp(start).isoformat(), (pd.Timestamp(end) + pd.Timedelta(days=1)).isoformat()],
                     type="date")
    fig.update_layout(height=sum(heights) + 170, margin={"t": 110, "b": 40, "l": 10, "r": 100}, hovermode="closest",
                      barmode="overlay", legend={"orientation": "h", "y": -0.06, "yanchor": "top"},
                      hoverlabel={"align": "left"})
    return fig
