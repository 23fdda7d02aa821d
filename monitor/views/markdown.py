"""What the pages hand to Streamlit, prepared without it: captions as Markdown, link columns split into links
and text. Pure; app_pages/common.py draws them (monitor/briefing.py draws the same blocks as HTML)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor.text import app_path, md, md_link, plain, present, web_url

CITED_IN_A_CAPTION = 8  # sources named under a chart; the rest are counted
NOT_LINKED = "{column}_not_linked"  # beside a link column: its values that are no link, as text


def caption_markdown(sources: pd.DataFrame | None, as_of: date | None = None, note: str = "") -> str:
    """Under every chart: where its numbers come from, linked, and the data's as-of date (sources None: a
    note alone). All of it is text: a source is linked only to a web URL (monitor.text.md_link)."""
    parts = [md(note)] if note else []
    if sources is not None and not sources.empty:
        cited = [md_link(f"{plain(row.publisher)}: {plain(row.title)}", getattr(row, "url", None))
                 for row in sources.drop_duplicates("source_id").itertuples()]
        more = len(cited) - CITED_IN_A_CAPTION
        parts.append("Sources: " + "; ".join(cited[:CITED_IN_A_CAPTION]) + (f" and {more} more" if more > 0 else ""))
    elif sources is not None:
        parts.append("Sources: none in the selection")
    if as_of:
        parts.append(f"Data as of {as_of:%d %B %Y}")
    return " · ".join(parts)


def split_links(frame: pd.DataFrame, column: str) -> tuple[pd.DataFrame, str | None]:
    """`frame` with `column` holding only link targets (a web URL or a page of the app; else empty), and any
    other value it held, as text, in a column of its own beside it: (the frame, that column's name or None)."""
    linked = frame[column].map(lambda v: web_url(v) or app_path(v))
    unlinked = frame[column].where(linked.isna() & frame[column].map(present).notna())
    frame = frame.assign(**{column: linked})
    if not unlinked.notna().any():
        return frame, None
    name = NOT_LINKED.format(column=column)
    return frame.assign(**{name: unlinked}), name
