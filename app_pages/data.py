"""Data: every table browsable under the shared filters, downloadable as safe CSV, with the sources list
and the ingest log (what was loaded, what was rejected and why). The content is monitor/views/data.py's (the
briefing shows the same); this file adds the table picker, the pager and the CSV download."""

from __future__ import annotations

import streamlit as st

from app_pages.common import built, filters, pinned_version, q, render, store
from monitor import export, links, urls
from monitor.queries.data import PAGE_ROWS
from monitor.views import data as view


def first_page() -> None:
    """Another table starts at its first page."""
    st.session_state["data_page"] = 1


def turn(by: int) -> None:
    st.session_state["data_page"] += by


st.title(view.TITLE)
f = filters()

links.bind(urls.TAB, "data_tab", "events", allowed=view.NAMES)
st.selectbox("Table", view.NAMES, key="data_tab", format_func=view.table_label, on_change=first_page)
table = st.session_state["data_tab"]
links.bind(urls.PAGE, "data_page")
page, pages, past = view.page_of(q, f, table, st.session_state["data_page"])
if past:
    links.warn(past)
    st.session_state["data_page"] = page
    links.bind(urls.PAGE, "data_page")  # bound already: this publishes the last page

rows, total = view.shown_rows(q, f, table, page)  # one screen, paged in SQL: at most PAGE_ROWS rows to the browser
render(built(view.table_sections, f, table, rows, total, page))
if pages > 1:
    previous, number, following = st.columns([1, 2, 1], vertical_alignment="bottom")
    previous.button("← Previous", on_click=turn, args=(-1,), disabled=page <= 1, width="stretch")
    number.number_input(f"Page (of {pages:,}, {PAGE_ROWS:,} rows each)", min_value=1, max_value=pages, step=1,
                        key="data_page")
    following.button("Next →", on_click=turn, args=(1,), disabled=page >= pages, width="stretch")
# The whole selection, not this screen: DuckDB writes the file (monitor.export), with the citations beside it.
selection = export.Selection(table, f, pinned_version())
as_csv, as_parquet = st.columns(2)
for column, kind, what in ((as_csv, "csv", "CSV"), (as_parquet, "parquet", "Parquet")):
    column.download_button(f"Download this selection: {total:,} rows ({what})",
                           data=lambda kind=kind: export.zipped(store(), selection, kind), on_click="ignore",
                           file_name=f"{table}-selection-{kind}.zip", mime="application/zip", disabled=not total,
                           icon=":material/download:", width="stretch",
                           help=f"Every row under the filters as {what}, with a file of the sources they cite, "
                                "zipped. Text a spreadsheet would run as a formula (=, +, -, @) starts with an "
                                "apostrophe. From a shell, for any link: python -m monitor.export LINK --out "
                                "FILE.csv|FILE.parquet|DIR/")
render([built(view.table_caption, f, table, total), *built(view.ingest_log, f)])
