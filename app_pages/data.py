"""Data: every table browsable under the shared filters, downloadable as safe CSV, with the sources list
and the ingest log (what was loaded, what was rejected and why). The content is monitor/views/data.py's (the
briefing shows the same); this file adds the table picker and the CSV download."""

from __future__ import annotations

import streamlit as st

from app_pages.common import filters, q, render
from monitor import links
from monitor.export import safe_csv
from monitor.views import data as view

st.title(view.TITLE)
f = filters()

links.bind("tab", "data_tab", lambda v: links.parse_choice(v[0], view.NAMES), "events", str)
st.selectbox("Table", view.NAMES, key="data_tab", format_func=view.table_label)
table = st.session_state["data_tab"]

rows, total = view.shown_rows(q, f, table)  # capped in SQL: the browser never gets more than DATA_ROW_LIMIT rows
render(view.table_sections(q, f, table, rows, total))
st.download_button(f"Download these {len(rows):,} rows (CSV)", safe_csv(rows), file_name=f"{table}.csv",
                   mime="text/csv", disabled=rows.empty,
                   help="Cells that a spreadsheet would run as a formula (=, +, -, @) start with an apostrophe.")
render([view.table_caption(q, f, table, total), *view.ingest_log(q, f)])
