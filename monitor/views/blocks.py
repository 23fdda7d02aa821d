"""What a page shows, said without Streamlit: sections of text, figures, charts, tables and captions.

A page's content is built once, by a function in monitor/views/, from the URL state and the data. The
Streamlit page renders those blocks with widgets (app_pages/common.py); the briefing renders the very same
blocks as one HTML file (monitor/briefing.py). So the page and its briefing cannot disagree.

Every string in a block is plain text — from data or from code — and each renderer escapes it for its
medium. No block carries Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

# run(query, *args): a query from monitor.queries run on the store (the page passes its cached runner).
Run = Callable[..., Any]


@dataclass(frozen=True)
class Text:
    """A line of prose: `strong` (a lead, in bold) then `text`."""

    text: str
    strong: str = ""
    bullet: bool = False


@dataclass(frozen=True)
class Notice:
    """A message in a box: 'info' (nothing to show, and why) or 'warning' (something to be wary of)."""

    text: str
    kind: str = "info"


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    help: str = ""


@dataclass(frozen=True)
class Metrics:
    """Headline figures side by side."""

    items: tuple[Metric, ...]


@dataclass(frozen=True)
class Chart:
    """A plotly figure; `geo`: it draws a basemap (the app serves it from static/, the briefing inlines it)."""

    figure: go.Figure
    key: str
    geo: bool = False


@dataclass(frozen=True)
class Table:
    """A table of rows. `labels`: column headings; `dates`: date columns (YYYY-MM-DD); `links`: URL columns;
    `formats`: printf formats for numbers ('%.2f'); `wide`: long-text columns."""

    frame: pd.DataFrame
    title: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)
    dates: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    link_text: str = ""  # what a link cell says on screen (the briefing prints the address)
    link_texts: Mapping[str, str] = field(default_factory=dict)  # the same, per link column (over link_text)
    formats: Mapping[str, str] = field(default_factory=dict)
    wide: tuple[str, ...] = ()
    height: int | None = None


@dataclass(frozen=True)
class Caption:
    """Under a chart or table: where its numbers come from (a `sources` frame: publisher, title, url,
    published_on, accessed_on …), the data's as-of date, and a note on how to read it."""

    sources: pd.DataFrame | None
    as_of: date | None = None
    note: str = ""


@dataclass(frozen=True)
class Columns:
    """Blocks side by side on screen (one after the other in print)."""

    parts: tuple[tuple[Block, ...], ...]
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Folded:
    """Blocks a reader opens on demand (an expander on screen; printed open in the briefing)."""

    label: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Quote:
    """Someone's own words (an analyst's note): `by` says who and when; `text` may hold several lines, and its
    http(s) addresses are shown as links."""

    text: str
    by: str


Block = Text | Notice | Metrics | Chart | Table | Caption | Columns | Folded | Quote


@dataclass(frozen=True)
class Section:
    """A titled part of a page (level 1: a header, 2: a subheader; no title: continues the page)."""

    blocks: tuple[Block, ...]
    title: str = ""
    level: int = 2


@dataclass(frozen=True)
class View:
    """A whole page as the briefing shows it: its title, the choices the link made in words, its sections."""

    title: str
    choices: tuple[str, ...]
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()


def section(*blocks: Block | None, title: str = "", level: int = 2) -> Section:
    """A section of the blocks that are not None (so a view can say `Notice(...) if empty else None`)."""
    return Section(tuple(b for b in blocks if b is not None), title, level)


def store_runner(store: Any) -> Run:
    """run(query, *args) straight on a store, uncached (the briefing's runner)."""
    return lambda query, *args: query(store, *args)


def date_of(value: Any) -> date | None:
    """A date from a Timestamp/date column value; None when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()
