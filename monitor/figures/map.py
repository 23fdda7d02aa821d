"""The Map page's figure: events per place, precise places filled and approximate ones hollow."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from monitor.figures.common import world_geo
from monitor.text import plain, plot

EVENT_COLOUR = "#B2182B"
CELL_SCALE = [[0.0, "#FDDBC7"], [1.0, "#67001F"]]  # grid cells: light (few) to dark red (most)
LABELLED_REGIONS = 10  # the busiest regions are named on the map; every one in its hover and the table
MAP_WIDTH_PX = 1000  # about the chart's width in a wide layout: how many pixels a degree of longitude gets


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


def _cell_marker(value: pd.Series, cell: float, view: dict[str, Any]) -> dict[str, Any]:
    """Grid cells as squares about a cell wide on screen, coloured by value: sized like places, thousands of
    neighbouring cells overlapped into one red block."""
    lon_span = (view["lonaxis_range"][1] - view["lonaxis_range"][0]) if view else 360.0
    side = min(14.0, max(3.0, 0.85 * cell * MAP_WIDTH_PX / lon_span))
    values = value.fillna(0)
    return dict(size=side, symbol="square", color=values, colorscale=CELL_SCALE, line=dict(width=0),
                cmin=0, cmax=max(float(values.max()), 1.0), colorbar=dict(thickness=12, len=0.6))  # from 0: no zoom


def framed(box: Mapping[str, float] | None, lats: pd.Series, lons: pd.Series) -> dict[str, Any]:
    """The map's view: around `box` (the selection's events, queries.map.frame) when given, else every point."""
    if box is None:
        return _view(lats, lons)
    return _view(pd.Series([box["lat_min"], box["lat_max"]]), pd.Series([box["lon_min"], box["lon_max"]]))


def sized_by(rows: pd.DataFrame, measure: str) -> bool:
    """True when markers are sized by fatalities: the measure chosen, and some row in view states them."""
    return measure == "fatalities" and bool(rows["fatalities"].fillna(0).gt(0).any())


def events_map(places: pd.DataFrame, cell: float | None, est: str, box: Mapping[str, float] | None = None,
               measure: str = "fatalities") -> go.Figure:
    """Events per place: precise places filled, approximate ones hollow; per grid cell when aggregated.

    Marker area (colour, for grid cells): the `measure`, fatalities (the chosen estimate) when any place in view
    states them, else the event count. `box`: the frame (queries.map.frame); None frames every place.
    """
    by_fatalities = sized_by(places, measure)
    value = places["fatalities"] if by_fatalities else places["events"]
    data = places.assign(size=_sizes(value), hover=[
        f"<b>{plot(r.location)}</b> ({plot(r.countries)})<br>{r.events:,} events"
        + (f": {plot(r.kinds)}" if plain(r.kinds) else "")
        + f"<br>fatalities ({est}): " + (f"{int(r.fatalities):,} in {r.with_fatalities} of {r.events} events"
                                        if r.with_fatalities else "not stated")
        + f"<br>{r.first:%d %b %Y} – {r.last:%d %b %Y}" for r in places.itertuples()])
    groups = ([(f"events per {cell:g}° grid cell (aggregated)", data, "square", 0.85)] if cell else [
        ("exact location", data[data["approximate"] < 0.5], "circle", 0.8),
        ("approximate location", data[data["approximate"] >= 0.5], "circle-open", 0.6)])
    view = framed(box, places["lat"], places["lon"])
    fig = go.Figure()
    for name, part, symbol, opacity in groups:
        if part.empty:
            continue
        marker = _cell_marker(value, cell, view) if cell else dict(
            size=part["size"], symbol=symbol, color=EVENT_COLOUR, line=dict(width=2, color=EVENT_COLOUR))
        fig.add_trace(go.Scattergeo(
            lat=part["lat"], lon=part["lon"], mode="markers", name=f"{name} ({len(part):,})",
            customdata=part["place"], hovertext=part["hover"], hoverinfo="text", opacity=opacity, marker=marker,
            text=[f"{n:,}" for n in part["events"]] if cell else None))
    world_geo(fig, **view)
    sized = f"fatalities ({est} estimate)" if by_fatalities else "number of events"
    fig.update_layout(height=560, showlegend=True, legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0,
                                              title_text=f"{'Colour' if cell else 'Marker area'}: {sized}. "))
    return fig


def regions_map(regions: pd.DataFrame, est: str, box: Mapping[str, float] | None = None,
                measure: str = "fatalities") -> go.Figure:
    """Events per first-level region, each drawn at its events' centre (not the region's own centre: where the
    events were), marker area by the `measure`; events that name no region hollow, per place."""
    by_fatalities = sized_by(regions, measure)
    value = regions["fatalities"] if by_fatalities else regions["events"]
    sizes = pd.Series(_sizes(value), index=regions.index)
    rank = value.rank(ascending=False, method="first")
    hover = pd.Series([
        f"<b>{plot(r.location)}</b> ({plot(r.country_iso3)}, {plot(plain(r.origin).upper())})<br>{r.events:,} events"
        + ("" if plain(r.admin1) else " (no region given)") + f"<br>fatalities ({est}): "
        + (f"{int(r.fatalities):,} in {r.with_fatalities:,} of {r.events:,} events" if r.with_fatalities
           else "not stated") + f"<br>{r.first:%d %b %Y} – {r.last:%d %b %Y}" for r in regions.itertuples()],
        index=regions.index)
    fig = go.Figure()
    named = regions["admin1"].notna()
    for part, name, symbol in ((regions[named], "events per region, at their centre", "circle"),
                               (regions[~named], "events naming no region, per place", "circle-open")):
        if part.empty:
            continue
        labels = [plot(r.location) if plain(r.admin1) and rank[i] <= LABELLED_REGIONS else ""
                  for i, r in zip(part.index, part.itertuples(), strict=True)]
        fig.add_trace(go.Scattergeo(
            lat=part["lat"], lon=part["lon"], mode="markers+text", name=f"{name} ({len(part):,})",
            hovertext=hover[part.index], hoverinfo="text", opacity=0.75 if symbol == "circle" else 0.6, text=labels,
            textposition="top center", textfont=dict(size=10, color="#444444"),
            marker=dict(size=sizes[part.index], symbol=symbol, color=EVENT_COLOUR,
                        line=dict(width=1 if symbol == "circle" else 2, color=EVENT_COLOUR))))
    world_geo(fig, **framed(box, regions["lat"], regions["lon"]))
    sized = f"fatalities ({est} estimate)" if by_fatalities else "number of events"
    fig.update_layout(height=560, showlegend=True, legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0,
                                                               title_text=f"Marker area: {sized}. "))
    return fig
