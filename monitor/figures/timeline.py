"""The Timeline page's figure: one time axis, lanes stacked under it.

Casualty figures as reported, fatalities counted from events, and one row of markers per kind of event. Dates
are drawn as precisely as the source gave them: a month-only event is a bar over its month, never a dot on the
1st; "reported" dates are open markers (on or before).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from monitor import phrases
from monitor.countries import country_name
from monitor.schema import estimate_column
from monitor.text import plain, plot, present

KIND_LABELS = {"visit": "Visits", "un_vote": "UN votes", "statement": "Statements", "meeting": "Meetings",
               "coup": "Coups", "conference": "Conferences"}
KIND_ORDER = ("visit", "un_vote", "statement", "meeting")
MAX_KIND_ROWS = 10
BUCKET_ADJECTIVE = {"week": "weekly", "month": "monthly", "year": "yearly"}
MAX_VOTE_ANCHORS = 8
_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
            "#bcbd22", "#393b79")


def _list(values: pd.Series) -> list[float | None]:
    """Numbers as a plain list: the figure's JSON then shows them as numbers, not as a base64 typed array."""
    return [None if pd.isna(v) else float(v) for v in values]


def _wrap(text: Any, width: int = 90) -> str:
    return "<br>".join(plot(line) for line in textwrap.wrap(plain(text), width))


def _source_line(row: Mapping[str, Any]) -> str:
    parts = [row.get("publisher"), row.get("title")]
    return "Source: " + plot(" — ".join(filter(None, map(present, parts))))


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, plain(kind).replace("_", " ").capitalize())


def marker_span(start: Any, end: Any, precision: Any) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The stretch of time an imprecise date covers (month, year, range), or None for a single day."""
    a = pd.Timestamp(start)
    p = (present(precision) or "day").lower()
    if p == "month":
        return a.replace(day=1), a.replace(day=1) + pd.DateOffset(months=1)
    if p == "year":
        return a.replace(month=1, day=1), a.replace(month=1, day=1) + pd.DateOffset(years=1)
    if end is not None and not pd.isna(end) and pd.Timestamp(end) > a:
        return a, pd.Timestamp(end) + pd.Timedelta(days=1)
    return None


def _bucket_bounds(period: Any, bucket: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    a = pd.Timestamp(period)
    step = {"week": pd.Timedelta(days=7), "month": pd.DateOffset(months=1), "year": pd.DateOffset(years=1)}[bucket]
    return a, a + step


def period_label(start: pd.Timestamp, bucket: str) -> str:
    """'week of 31 May 2021', 'June 2021', '2021'."""
    return {"week": f"week of {phrases.day(start)}", "month": f"{start:%B %Y}", "year": f"{start:%Y}"}[bucket]


def report_points(reports: pd.DataFrame, est: str) -> pd.DataFrame:
    """Casualty reports with the value to draw for `est`, its label ('≥ 870') and whether it is a bound.

    A report that gives no `est` figure is drawn at the figure it states: 'at least 870' stays 870, a
    lower bound, whatever the estimate chosen.
    """
    out = reports.copy()
    if out.empty:
        return out.assign(value=[], label=[], bound=[], substituted=[])
    column = estimate_column("killed", est)
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


def _towards_middle(x: Any, start: date, end: date) -> str:
    """'left' for a point in the right half of the axis, else 'right': a label opening towards the middle stays
    inside the plot (a label opening outwards at the edge was clipped: "≥ 870" showed as "≥")."""
    middle = pd.Timestamp(start) + (pd.Timestamp(end) - pd.Timestamp(start)) / 2
    return "left" if pd.Timestamp(x) > middle else "right"


def _report_traces(fig: go.Figure, reports: pd.DataFrame, est: str, row: int, start: date, end: date) -> None:
    points = report_points(reports, est)
    groups = list(points.groupby(["country_iso3", "victims", "reported_by"], sort=False))
    # Only each series' latest figure is labelled (the rest are in the hover); series ending close together
    # get their labels above and below, highest on top, so "≥ 870" and "≥ 858" do not print over each other.
    by_height = sorted(range(len(groups)), key=lambda k: -float(groups[k][1]["value"].iloc[-1]))
    positions = {k: ("top", "bottom", "middle")[min(n, 2)] for n, k in enumerate(by_height)}
    labelled_starts: set = set()
    for i, ((country, victims, reporter), series) in enumerate(groups):
        color = _PALETTE[i % len(_PALETTE)]
        name = plot(f"{phrases.victims_word(victims).capitalize()} killed in {country_name(country)}, per {reporter}")
        cumulative = series[series["cumulative"].fillna(False).astype(bool)]
        latest = cumulative.iloc[-1] if not cumulative.empty else None
        if latest is not None and pd.notna(latest["period_start"]):
            # The latest total covers a period: a thin bracket along the zero line from its start (where a
            # count "since" a date is 0) to the report. A line at the figure's height, or a filled area, would
            # read as "870 all along".
            x0, x1 = pd.Timestamp(latest["period_start"]), pd.Timestamp(latest["as_of"])
            span = (f"runs from {phrases.day(x0)} and was reported on {phrases.day(x1)}"
                    if phrases.only_reported(latest) else f"covers {phrases.date_span(x0, x1)}")
            covers = plot(f"The {latest['label']} count {span}; when within it the deaths occurred is not shown")
            fig.add_trace(go.Scatter(x=[x0, x1], y=[0, 0], mode="lines", hoverinfo="skip", showlegend=False,
                                     line={"width": 1, "color": color, "dash": "dot"}, name="period covered"),
                          row=row, col=1)
            fig.add_trace(go.Scatter(
                x=[x0], y=[0], mode="markers+text", showlegend=False, name="period start",
                marker={"symbol": "line-ns", "size": 12, "line": {"width": 1.5, "color": color}},
                text=[f"counted from {phrases.day(x0)}" if x0 not in labelled_starts else ""],
                textposition=f"top {_towards_middle(x0, start, end)}",
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
            kind = "A cumulative total" if r["cumulative"] else "A count for the period"
            hover.append(f"<b>{plot(lead)}</b><br>{plot(detail)}<br>{kind}{note}<br>{_source_line(r)}")
        # Hollow when only the report's date is known, as for events dated "on or before" (the caption's key).
        symbols = [("triangle-up" if b == "lower" else "triangle-down" if b == "upper" else "circle")
                   + ("-open" if phrases.only_reported(r) else "")
                   for b, r in zip(series["bound"], series.to_dict("records"), strict=True)]
        fig.add_trace(go.Scatter(
            x=series["as_of"], y=_list(series["value"]), name=name, mode="lines+markers+text", line_shape="hv",
            line={"color": color, "width": 2}, marker={"symbol": symbols, "size": 13, "color": color,
                                                     "line": {"width": 2, "color": color}},
            text=[""] * (len(series) - 1) + [series["label"].iloc[-1]],
            textposition=f"{positions[i]} {_towards_middle(series['as_of'].iloc[-1], start, end)}",
            textfont={"size": 14, "color": color}, hovertext=hover, hoverinfo="text",
            customdata=series[["report_id", "qualifier", "bound", "label"]].to_numpy().tolist(),
        ), row=row, col=1)


# Bars of deaths by kind of event: the cross-dataset groups in a fixed order and colour (civilian targeting,
# the rest of political violence, demonstrations, other), a publisher's own types from the palette.
GROUP_COLOURS = {"Civilian targeting": "#B2182B", "Other political violence": "#F4A582", "Demonstrations": "#4393C3",
                 "Other": "#BABABA"}
DATASET_PATTERNS = ("", "/", ".", "x", "-", "+")  # datasets side by side within a period, told apart by hatching


def _kind_colours(kinds: list[str]) -> dict[str, str]:
    others = [k for k in kinds if k not in GROUP_COLOURS]
    return {k: GROUP_COLOURS.get(k) or _PALETTE[(others.index(k) + 5) % len(_PALETTE)] for k in kinds}


def _fatality_hover(r: Mapping[str, Any], origin: str, kind: str | None, bucket: str, start: pd.Timestamp,
                    est: str) -> str:
    head = plot(plain(origin).upper()) + (f" · {plot(kind)}" if kind else "")
    text = f"<b>{head} · {period_label(start, bucket)}</b><br>{phrases.count(r['killed'])} killed"
    text += f" ({est} estimate) in {phrases.count(r['events'])} events"
    if pd.notna(r["low"]) and pd.notna(r["high"]):
        text += f"<br>low {phrases.count(r['low'])} · high {phrases.count(r['high'])} (where given)"
    if r["single_figure"]:
        text += f"<br>{phrases.count(r['single_figure'])} events give one figure, used for every estimate"
    return text


def _fatality_traces(fig: go.Figure, fatalities: pd.DataFrame, est: str, bucket: str, row: int) -> None:
    """Deaths per period: one bar per dataset (side by side, never added up: datasets overlap), stacked by kind of
    event when the frame has a `kind` column (groups across datasets, or one dataset's own types)."""
    placed = fatalities[fatalities["fits"].astype(bool)]
    if "kind" not in placed.columns:
        placed = placed.assign(kind=None)
    origins = sorted(placed["origin"].unique())
    kinds = list(placed.groupby("kind", sort=False)["killed"].sum().sort_values(ascending=False).index)
    colours = _kind_colours([k for k in kinds if k is not None])
    for i, origin in enumerate(origins):
        mine = placed[placed["origin"] == origin]
        stacked: dict[Any, float] = {}  # each period's height so far: the next kind starts on top of it
        for kind in kinds if kinds else [None]:
            rows = mine[mine["kind"] == kind] if kind is not None else mine[mine["kind"].isna()]
            if rows.empty:
                continue
            bounds = [_bucket_bounds(p, bucket) for p in rows["period"]]
            slot = [(b - a) / len(origins) for a, b in bounds]  # each dataset's share of the period
            mid = [a + w * i + w / 2 for (a, _), w in zip(bounds, slot, strict=True)]
            width = [w.total_seconds() * 1000 * 0.85 for w in slot]
            base = [stacked.get(p, 0.0) for p in rows["period"]]
            for p, k in zip(rows["period"], rows["killed"], strict=True):
                stacked[p] = stacked.get(p, 0.0) + float(k or 0)
            hover = [_fatality_hover(r, origin, kind, bucket, a, est)
                     for r, (a, _) in zip(rows.to_dict("records"), bounds, strict=True)]
            dataset = plot(plain(origin).upper())
            name = f"{dataset}: killed per {bucket}" if kind is None else (
                f"{plot(kind)} ({dataset})" if len(origins) > 1 else plot(kind))
            colour = _PALETTE[(i + 5) % len(_PALETTE)] if kind is None else colours[kind]
            fig.add_trace(go.Bar(x=mid, y=_list(rows["killed"]), base=base if kind is not None else None,
                                 width=width, name=name, opacity=0.85 if kind is not None else 0.75,
                                 marker=dict(color=colour, pattern_shape=DATASET_PATTERNS[i % len(DATASET_PATTERNS)]
                                             if len(origins) > 1 and kind is not None else ""),
                                 hovertext=hover, hoverinfo="text"), row=row, col=1)


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
        when = period_label(a, bucket)
        text = f"<b>{plot(kind_label(r['kind']))}</b> · {when}: {phrases.count(r['items'])} recorded"
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
    label = {k: plot(kind_label(k)) if k in keep else "Other events" for k in kinds}  # lane titles: tick labels
    yref = "y" if row == 1 else f"y{row}"
    for i, kind in enumerate(kinds):
        y_label = label[kind]
        color = _PALETTE[i % len(_PALETTE)] if kind in keep else "#7f7f7f"
        busy = density[density["kind"] == kind] if not density.empty else density
        if not busy.empty:
            _density_trace(fig, busy, y_label, color, bucket, row)
            if kind in keep:
                # Above the lane's bubbles (up to 18 px across), not over them: they are what it explains.
                fig.add_annotation(x=1, xref="paper", y=y_label, yref=yref, xanchor="right", yanchor="bottom",
                                   yshift=11, showarrow=False, font={"size": 10, "color": "#555"},
                                   text=f"{int(busy['kind_total'].iloc[0]):,} in all, counted per {bucket}")
            continue
        rows = markers[markers["kind"] == kind]
        xs, hover, symbols, custom, span_x = [], [], [], [], []
        for r in rows.to_dict("records"):
            span = marker_span(r["date"], r["end_date"], r["date_precision"])
            if span:
                span_x += [span[0], span[1], None]
            xs.append(span[0] + (span[1] - span[0]) / 2 if span else pd.Timestamp(r["date"]))
            reported = (present(r["date_precision"]) or "").lower() == "reported"
            symbols.append("circle-open" if reported else "line-ns" if span else "circle")
            places = (plain(r["place"]), plain(r["country"]) and country_name(r["country"]))
            where = ", ".join(plot(p) for p in places if p)
            when = phrases.when(r["date"], r["end_date"], r["date_precision"])
            text = [f"<b>{plot(kind_label(kind))}</b> · {plot(when)}"]
            text += [f"Who: {_wrap(r['who'])}" if plain(r["who"]) else "", f"Where: {where}" if where else "",
                     _wrap(r["summary"]), _wrap(r["detail"]), _source_line(r)]
            hover.append("<br>".join(t for t in text if t))
            custom.append([plain(r["who"]), plain(r["place"]), str(pd.Timestamp(r["date"]).date()),
                           plain(r["date_precision"])])
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
            label = f"UN vote {r['place']} ({r['detail']})" if plain(r["detail"]) else f"UN vote {r['place']}"
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
                           showarrow=False, text=plot(label),
                           font={"size": 11, "color": "#a11d1e"}, bgcolor="rgba(255,255,255,0.8)")


def markers_title(density: pd.DataFrame, bucket: str) -> str:
    """The markers lane's title, saying so when busy kinds are drawn as counts (a bubble is not one event)."""
    title = "Visits, votes, statements, meetings and other events"
    if density.empty:
        return title
    counted = int(density.drop_duplicates("kind")["kind_total"].sum())
    return f"{title} — {counted:,} of them shown as {BUCKET_ADJECTIVE[bucket]} counts (bubble area)"


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
        lanes.append(("markers", markers_title(density, bucket), 60 + 34 * n_rows))
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
            _report_traces(fig, reports, est, row, start, end)
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
