"""A view as one self-contained HTML file: `python -m monitor.briefing LINK --out FILE.html`.

The briefing holds what the page shows — the same sections, built by the same functions in monitor/views/ —
with the filters in words, the link, every chart as interactive plotly (plotly.js inlined once, the basemap
inlined so maps draw with no network), the figures and tables, each caption with its full citations and the
acknowledgements the publishers' terms ask for, the data version and when the briefing was made. It opens
with no network at all and prints to PDF a section a page.

Every string from data is escaped here (monitor.text.html_text); nothing from data is ever written as HTML.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline

from monitor import attribution, pinned, urls
from monitor.cli import run
from monitor.notes import anchors
from monitor.notes import model as notes_model
from monitor.notes import store as notes_store
from monitor.store import PROJECT_ROOT, Store
from monitor.text import html_paragraphs, html_text, plain
from monitor.urls import query_string
from monitor.views import blocks as b
from monitor.views import notes as notes_view
from monitor.views.state import LinkState, parse_link, shared_filters

# Pages whose notes depend on the shared filters (the selection's days and countries, or its events).
FILTERED_NOTES = notes_model.SELECTION_PAGES | notes_model.EVENT_PAGES

TOPOJSON = PROJECT_ROOT / "static" / "topojson" / "world_110m.json"
TABLE_ROW_LIMIT = 500  # a briefing is read, not queried: longer tables are cut and say so
TEMPLATE = "plotly_white"
CHART_CONFIG = {"displaylogo": False, "responsive": True}
CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 2rem auto;
       max-width: 1100px; padding: 0 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.35rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
header p, .meta { color: #555; margin: .15rem 0; } .link { word-break: break-all; font-family: monospace; }
.warning { background: #fff4e5; border-left: 4px solid #e8a33d; padding: .5rem .8rem; margin: .6rem 0; }
.info { background: #eef4fb; border-left: 4px solid #4a8fd6; padding: .5rem .8rem; margin: .6rem 0; }
.metrics { display: flex; gap: 1rem; flex-wrap: wrap; }
.metric { border: 1px solid #ddd; border-radius: 6px; padding: .5rem .9rem; min-width: 9rem; }
.metric .label { color: #555; font-size: .85rem; } .metric .value { font-size: 1.6rem; }
.columns { display: flex; gap: 1.5rem; } .columns > div { min-width: 0; }
.chart { width: 100%; break-inside: avoid; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
th, td { border: 1px solid #ddd; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } .caption { color: #555; font-size: .85rem; margin: .3rem 0 1rem; }
.caption ol { margin: .2rem 0; padding-left: 1.4rem; } details > summary { cursor: pointer; font-weight: 600; }
blockquote.note { border-left: 4px solid #6a3d9a; margin: .6rem 0; padding: .3rem .9rem; background: #f7f3fb;
                  overflow-wrap: anywhere; } blockquote.note .meta { color: #555; font-size: .85rem; margin: 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.page { break-before: page; } section.page:first-of-type { break-before: auto; }
  .columns { display: block; } .chart, table, .metrics { break-inside: avoid; }
  details > summary { list-style: none; }
}
"""


# --- blocks as HTML --------------------------------------------------------------------------------------------


def _cell(value: Any, fmt: str | None, is_date: bool) -> str:
    if is_date and plain(value):
        return html_text(pd.Timestamp(value).strftime("%Y-%m-%d"))
    if fmt and plain(value) and isinstance(value, int | float):
        return html_text(fmt % value)
    return html_text(value)


def _table(t: b.Table) -> str:
    frame = t.frame.head(TABLE_ROW_LIMIT)
    head = "".join(f"<th>{html_text(t.labels.get(str(c), str(c)))}</th>" for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        rows.append("<tr>" + "".join(
            f"<td>{_cell(v, t.formats.get(str(c)), str(c) in t.dates)}</td>"
            for c, v in zip(frame.columns, row, strict=True)) + "</tr>")
    cut = (f'<p class="caption">The first {TABLE_ROW_LIMIT:,} of {len(t.frame):,} rows; the dashboard lists all.'
           "</p>" if len(t.frame) > TABLE_ROW_LIMIT else "")
    title = f"<p><strong>{html_text(t.title)}</strong></p>" if t.title else ""
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{cut}"


def _caption(c: b.Caption) -> str:
    parts = [html_text(c.note)] if c.note else []
    if c.as_of:
        parts.append(f"Data as of {c.as_of:%d %B %Y}")
    text = f"<p>{' · '.join(parts)}</p>" if parts else ""
    if c.sources is None:
        return f'<div class="caption">{text}</div>'
    sources = c.sources.drop_duplicates("source_id").to_dict("records") if not c.sources.empty else []
    if not sources:
        return f'<div class="caption">{text}<p>Sources: none in the selection.</p></div>'
    cited = "".join(f"<li>{html_text(attribution.citation(s))}</li>" for s in sources)
    acks = "".join(f"<p>{html_text(ack)}</p>" for _, ack in attribution.acknowledgements(sources))
    return f'<div class="caption">{text}<p>Sources:</p><ol>{cited}</ol>{acks}</div>'


class _Html:
    """Renders blocks; numbers the charts so the same view gives the same file."""

    def __init__(self) -> None:
        self.charts = 0
        self.sources: list[Mapping[str, Any]] = []

    def block(self, block: b.Block) -> str:
        if isinstance(block, b.Text):
            lead = f"<strong>{html_text(block.strong)}</strong>" if block.strong else ""
            return f"<{'li' if block.bullet else 'p'}>{lead}{html_text(block.text)}</{'li' if block.bullet else 'p'}>"
        if isinstance(block, b.Notice):
            return f'<p class="{"warning" if block.kind == "warning" else "info"}">{html_text(block.text)}</p>'
        if isinstance(block, b.Metrics):
            return '<div class="metrics">' + "".join(
                f'<div class="metric"><div class="label">{html_text(m.label)}</div>'
                f'<div class="value">{html_text(m.value)}</div></div>' for m in block.items) + "</div>"
        if isinstance(block, b.Chart):
            self.charts += 1
            # One template whatever the process's default (importing Streamlit makes it 'streamlit'), so the
            # page's button and the CLI write the same file; white prints well.
            figure = go.Figure(block.figure).update_layout(template=pio.templates[TEMPLATE])
            div = figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{self.charts}",
                                 config=CHART_CONFIG)
            return f'<div class="chart">{div}</div>'
        if isinstance(block, b.Table):
            return _table(block)
        if isinstance(block, b.Caption):
            if block.sources is not None and not block.sources.empty:
                self.sources += block.sources.to_dict("records")
            return _caption(block)
        if isinstance(block, b.Columns):
            return '<div class="columns">' + "".join(
                f'<div style="flex: {w}">{"".join(self.block(x) for x in part)}</div>'
                for part, w in zip(block.parts, block.widths or (1,) * len(block.parts), strict=True)) + "</div>"
        if isinstance(block, b.Folded):
            return (f"<details open><summary>{html_text(block.label)}</summary>"
                    + "".join(self.block(x) for x in block.blocks) + "</details>")
        if isinstance(block, b.Quote):
            return (f'<blockquote class="note"><p class="meta">{html_text(block.by)}</p>'
                    f"<p>{html_paragraphs(block.text)}</p></blockquote>")
        raise TypeError(f"no HTML for {type(block).__name__}")

    def section(self, s: b.Section) -> str:
        title = f"<h{s.level + 1}>{html_text(s.title)}</h{s.level + 1}>" if s.title else ""
        parts: list[str] = []
        bullets: list[str] = []
        for block in s.blocks:  # consecutive bullets make one list
            if isinstance(block, b.Text) and block.bullet:
                bullets.append(self.block(block))
                continue
            if bullets:
                parts.append(f"<ul>{''.join(bullets)}</ul>")
                bullets = []
            parts.append(self.block(block))
        if bullets:
            parts.append(f"<ul>{''.join(bullets)}</ul>")
        return f'<section class="{"page" if s.level == 1 else "part"}">{title}{"".join(parts)}</section>'


# --- the file ---------------------------------------------------------------------------------------------------


def _basemap_script() -> str:
    """The world basemap registered where plotly.js looks before fetching one (window.PlotlyGeoAssets)."""
    topojson = json.dumps(json.loads(TOPOJSON.read_text()), separators=(",", ":")).replace("</", "<\\/")
    return f'<script>window.PlotlyGeoAssets = {{topojson: {{"world_110m": {topojson}}}}};</script>'


def data_version_words(pinned_to: pinned.Version | None, latest: pinned.Version | None) -> str:
    """'data version 12 (loaded …); the latest is 15', or the latest's own."""
    if latest is None:
        return "a database without data versions"
    shown = pinned_to or latest
    words = f"data version {shown.number} (loaded {shown.loaded_on()})"
    return words + (f"; the latest is version {latest.number}" if shown.number != latest.number else
                    ", the latest")


def render(view: b.View, link: str, version: str, made_at: datetime) -> str:
    """The briefing of a built view, as one HTML document."""
    out = _Html()
    body = "".join(out.section(s) for s in view.sections)
    acks = attribution.acknowledgements(out.sources)
    terms = "".join(f"<li><strong>{html_text(t.name)}</strong>: {html_text(text)} "
                    f"(terms: {html_text(t.policy_url)})</li>" for t, text in acks)
    warnings = "".join(f'<p class="warning">{html_text(w)}</p>' for w in view.warnings)
    choices = "".join(f"<li>{html_text(c)}</li>" for c in view.choices)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html_text(view.title)} — Conflict Monitor briefing</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style>
{_basemap_script() if out.charts else ""}
{f'<script>{plotly.offline.get_plotlyjs()}</script>' if out.charts else ""}
</head><body>
<header><h1>{html_text(view.title)}</h1>
<p>Conflict Monitor briefing, made <time datetime="{made_at.isoformat()}">{made_at:%d %B %Y %H:%M} UTC</time>
from {html_text(version)}.</p>
<p>The view: <span class="link">{html_text(link)}</span></p>
<ul>{choices}</ul>{warnings}</header>
{body}
<section class="page"><h2>Sources and attribution</h2>
<p>Every figure above cites its sources in the caption under it. The publishers below ask for these
acknowledgements:</p><ul>{terms or "<li>None of the sources shown asks for a particular acknowledgement.</li>"}</ul>
</section></body></html>
"""


def has_view(url_path: str) -> bool:
    """Whether the page at `url_path` ('' for home) can be briefed."""
    from monitor.views import pages

    return url_path.strip("/") in pages.VIEWS


def build(store: Store, link: str, made_at: datetime | None = None) -> str:
    """The briefing of the view a dashboard link opens (any host: its path and query string decide the view)."""
    from monitor.views import pages  # the page list imports every view

    path, state = parse_link(link)
    make = pages.VIEWS.get(path)
    if make is None:
        raise ValueError(f"{path!r} is not a page of the dashboard (pages: "
                         + ", ".join(repr(p or "/") for p in pages.VIEWS) + ")")
    versions = pinned.all_versions(store)
    latest = versions[-1] if versions else None
    chosen = state.read(urls.VERSION, allowed=[v.number for v in versions])
    pinned_to = next((v for v in versions if v.number == chosen), None) if chosen else None
    state.version = chosen
    reader = store if path in pages.UNPINNED or pinned_to is None or pinned_to == latest else pinned.at(
        store, chosen)
    view = make(b.store_runner(reader), state)
    view = _with_notes(store, b.store_runner(reader), path, state, view)
    view = b.View(view.title, view.choices, view.sections, (*view.warnings, *state.warnings))
    made_at = (made_at or datetime.now(UTC)).replace(microsecond=0)
    state.used.pop("v", None)
    state.used["v"] = str((pinned_to or latest).number) if latest else ""  # the link always carries it, last
    return render(view, canonical_link(link, state), data_version_words(pinned_to, latest), made_at)


def _with_notes(store: Store, run: b.Run, path: str, state: LinkState, view: b.View) -> b.View:
    """The view with the analysts' notes that show on it, as the page shows them (none when no store is there)."""
    asked = state.read(urls.NOTE)
    where = notes_store.store_url(events_db=store.path)
    if where.startswith("sqlite:///") and not Path(where.removeprefix("sqlite:///")).exists():
        return view  # no note was ever written beside this database: make no store for it
    try:
        kept = notes_store.open_store(where)
        every = kept.notes()
        shown = notes_view.shown_note(kept.get(asked), asked) if asked else None
    except Exception as e:  # a team's server down must not stop a briefing: it says so instead
        if not notes_store.is_unavailable(e):
            raise
        state.warnings.append(f"The analysts' notes could not be read ({type(e).__name__}); they are not in this "
                              "briefing.")
        return view
    f = shared_filters(run, LinkState(state.params)) if path in FILTERED_NOTES else None
    query = query_string({k: v for k, v in state.used.items() if k not in ("v", urls.NOTE.name)})
    return notes_view.with_notes(view, anchors.view_notes(every, run, path, query, f), shown)


def canonical_link(link: str, state: LinkState) -> str:
    """The link as the page writes it: the same host and path, the values the view used, in the page's order."""
    parts = urlsplit(link.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query_string(state.used), ""))


def main(argv: list[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.briefing", description=__doc__.splitlines()[0])
    parser.add_argument("link", help="a dashboard link, e.g. 'http://localhost:8501/un-votes?res=A/RES/75/287'")
    parser.add_argument("--out", required=True, type=Path, help="the HTML file to write")
    parser.add_argument("--db", type=Path, help="the database (default: $MONITOR_DB, else data/monitor.duckdb)")
    parser.add_argument("--made-at", type=datetime.fromisoformat, help="the time to print as made (default: now)")
    args = parser.parse_args(argv)
    store = Store(args.db)
    if not store.exists():
        print(f"No database at {store.path}. Build it with `python -m etl build`, or pass --db.", file=sys.stderr)
        return 2
    try:
        html = build(store, args.link, args.made_at)
    except ValueError as e:
        print(f"Cannot make a briefing of {args.link!r}: {e}.", file=sys.stderr)
        return 2
    args.out.write_text(html, encoding="utf-8")
    out(f"wrote {args.out} ({len(html.encode()) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    run(main)
