"""Counts from an aggregate source (HDX HAPI's monthly ACLED figures) as their own figure: events per period and
fatalities per period, one bar per event type side by side (the types overlap: civilian targeting is a part of
political violence, so stacking them would add what must not be added). A fatality figure the source does not
give is drawn as no bar and said in words, never as a zero bar.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from monitor.text import plain, plot

TYPE_LABELS = {"political_violence": "Political violence", "civilian_targeting": "Civilian targeting",
               "demonstration": "Demonstrations"}
TYPE_COLOURS = {"political_violence": "#b2182b", "civilian_targeting": "#ef8a62", "demonstration": "#2166ac"}
ORIGIN_LABELS = {"hdx-hapi": "HDX HAPI (monthly aggregates of ACLED)"}
_OTHER = ("#5e3c99", "#1b9e77", "#7f7f7f")


def type_label(event_type: str) -> str:
    return TYPE_LABELS.get(event_type, plain(event_type).replace("_", " ").capitalize())


def origin_label(origin: str) -> str:
    return ORIGIN_LABELS.get(origin, plain(origin).upper())


def _types(counts: pd.DataFrame) -> list[str]:
    known = [t for t in TYPE_LABELS if t in set(counts["event_type"])]
    return known + sorted(set(counts["event_type"]) - set(known))


def _span(row: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = pd.Timestamp(row["period"])
    end = pd.Timestamp(row["period_end"]) if not pd.isna(row["period_end"]) else start
    return start, end


def _period_words(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start.day == 1 and end == start + pd.offsets.MonthEnd(0):
        return f"{start:%B %Y}"
    return f"{start:%d %b %Y} – {end:%d %b %Y}"


def _hover(rows: pd.DataFrame, what: str, origin: str) -> list[str]:
    out = []
    for _, r in rows.iterrows():
        start, end = _span(r)
        head = f"<b>{plot(type_label(r['event_type']))}</b>, {_period_words(start, end)}"
        if what == "events":
            body = f"{int(r['events']):,} events in {int(r['areas']):,} area" + ("s" if r["areas"] != 1 else "")
        elif pd.isna(r["fatalities"]):
            body = "fatalities: not reported"
        else:
            given = int(r["with_fatalities"])
            body = f"{int(r['fatalities']):,} fatalities" + (
                f" (given for {given:,} of {int(r['areas']):,} areas)" if given < int(r["areas"]) else "")
        out.append(f"{head}<br>{body}<br>{plot(origin_label(origin))}")
    return out


def _slots(rows: pd.DataFrame, i: int, n: int) -> tuple[list[str], list[float]]:
    """Where type i of n draws its bars: its share of each period (so the types stand side by side inside the
    month they count, never stacked), as bar centres and widths in milliseconds."""
    centres, widths = [], []
    for _, r in rows.iterrows():
        start, end = _span(r)
        slot = (end + pd.Timedelta(days=1) - start) / n
        centres.append((start + slot * (i + 0.5)).isoformat())
        widths.append(slot.total_seconds() * 1000 * 0.85)
    return centres, widths


def counts_figure(counts: pd.DataFrame, start: date, end: date) -> go.Figure:
    """Events (top) and fatalities (bottom) per period and event type, from `counts` (queries.event_counts.
    counts_per_period), over the whole months of [start, end], so it lines up with the page's other charts."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=("Events per month", "Fatalities per month"))
    unreported = []
    for origin, rows in counts.groupby("origin", sort=True):
        types = _types(rows)
        for i, event_type in enumerate(types):
            mine = rows[rows["event_type"] == event_type].sort_values("period")
            colour = TYPE_COLOURS.get(event_type, _OTHER[i % len(_OTHER)])
            name = type_label(event_type) + ("" if origin in ORIGIN_LABELS else f" ({plain(origin)})")
            common = dict(name=plot(name), legendgroup=f"{origin}:{event_type}", marker_color=colour,
                          hoverinfo="text")
            x, width = _slots(mine, i, len(types))
            fig.add_trace(go.Bar(x=x, width=width, y=[int(v) for v in mine["events"]],
                                 hovertext=_hover(mine, "events", origin), **common), row=1, col=1)
            known = mine[mine["fatalities"].notna()]
            if known.empty:
                unreported.append(type_label(event_type).lower())
                continue
            x, width = _slots(known, i, len(types))
            fig.add_trace(go.Bar(x=x, width=width, y=[int(v) for v in known["fatalities"]], showlegend=False,
                                 hovertext=_hover(known, "fatalities", origin), **common), row=2, col=1)
    if unreported:  # said over the panel: absent because unknown, not because zero
        title = next(a for a in fig.layout.annotations if a.text == "Fatalities per month")
        title.text = plot("Fatalities per month — not reported for " + ", ".join(unreported) + " (unknown, not 0)")
    if not counts.empty:  # which months the data counts: outside them an empty month is unknown, not zero
        first = pd.Timestamp(counts["period"].min())
        last = pd.Timestamp(counts["period_end"].max()) + pd.Timedelta(days=1)
        fig.add_vrect(x0=first.isoformat(), x1=last.isoformat(), fillcolor="#ececec", opacity=0.6, layer="below",
                      line_width=0, row="all", col=1)
    month_start = pd.Timestamp(start).replace(day=1)
    month_end = pd.Timestamp(end) + pd.offsets.MonthEnd(0) + pd.Timedelta(days=1)
    # Ticks label whole months (or quarters, years), centred on them: a bar's place inside its month is its
    # type's slot, not a day, and day ticks ("Jan 12") would make three types read as three weeks.
    months = (month_end.year - month_start.year) * 12 + month_end.month - month_start.month
    step, label = (("M1", "%b %Y") if months <= 14 else ("M3", "%b %Y") if months <= 40 else
                   ("M12", "%Y") if months <= 240 else ("M60", "%Y"))
    fig.update_xaxes(range=[month_start.isoformat(), month_end.isoformat()], type="date", dtick=step,
                     tick0=(month_start if step == "M1" else month_start.replace(month=1)).isoformat(),
                     tickformat=label, ticklabelmode="period")
    fig.update_yaxes(rangemode="tozero", title_text="events", row=1, col=1)
    fig.update_yaxes(rangemode="tozero", title_text="fatalities", row=2, col=1)
    fig.update_layout(barmode="overlay", height=430, margin={"t": 40, "b": 30, "l": 10, "r": 100},
                      legend={"orientation": "h", "y": -0.12}, hovermode="closest")
    return fig
