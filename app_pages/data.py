"""Data: every table browsable under the shared filters, downloadable as safe CSV, with the sources list
and the ingest log (what was loaded, what was rejected and why)."""

from __future__ import annotations

import streamlit as st

from app_pages.common import caption, filters, q
from monitor import links, phrases
from monitor.export import safe_csv
from monitor.queries import data as queries
from monitor.queries.filters import selection_sources
from monitor.schema import TABLES

FILTERED = {"events": "country or counterpart, and dates", "casualty_reports": "country, and the report's as-of date",
            "visits": "visitor or host, and dates", "resolutions": "naming or voted on by the countries, and vote date",
            "votes": "the countries' votes and votes on resolutions naming them, and vote date"}

st.title("Data")
f = filters()

# --- URL state in
names = list(TABLES)
links.bind("tab", "data_tab", lambda v: links.parse_choice(v[0], names), "events", str)
st.selectbox("Table", names, key="data_tab", format_func=lambda t: f"{t} — {TABLES[t].doc}")
table = st.session_state["data_tab"]

# --- query (capped in SQL: the browser never gets more than DATA_ROW_LIMIT rows)
rows, total = q(queries.table_rows, table, f)
if table in FILTERED:
    scope = (f"Filtered by {FILTERED[table]}: {links.countries_label(f.countries)}, "
             f"{phrases.date_span(f.start, f.end)}.")
else:
    scope = "Not filtered: this table is the same for every selection."
shown = f"showing the first {len(rows):,} of {total:,} rows" if total > len(rows) else f"{total:,} rows"
st.markdown(f"**{table}**: {shown}. {scope}")

config = {"url": st.column_config.LinkColumn("url")} if "url" in rows.columns else {}
first = [c for c in ("batch_id", "line_no", "reason") if table == "rejects" and c in rows.columns]  # why, then what
rows = rows[first + [c for c in rows.columns if c not in first and c != "row_hash"]]  # row_hash: internal
st.dataframe(rows, hide_index=True, column_config=config)
st.download_button(f"Download these {len(rows):,} rows (CSV)", safe_csv(rows), file_name=f"{table}.csv",
                   mime="text/csv", disabled=rows.empty,
                   help="Cells that a spreadsheet would run as a formula (=, +, -, @) start with an apostrophe.")
if table in FILTERED:
    caption(q(selection_sources, f, (table,)), None, note=f"What the {total:,} selected rows cite")
elif table == "sources":
    st.caption("Every fact row points to one of these sources.")

# --- the ingest log
st.subheader("Ingest log")
counts = q(queries.table_counts)
st.caption(" · ".join(f"{r.table_name} {r.rows:,}" for r in counts.itertuples()))
batches, n_batches = q(queries.table_rows, "batches", f, 20)
st.markdown(f"**Loads** (latest {len(batches):,} of {n_batches:,})")
st.dataframe(batches, hide_index=True)
reasons = q(queries.reject_reasons)
st.markdown("**Rejected rows, by reason**")
if reasons.empty:
    st.write("No row has been rejected.")
else:
    st.dataframe(reasons, hide_index=True, column_config={"example": st.column_config.TextColumn(width="large")})
    st.caption("Open the `rejects` table above for each rejected line as it was read.")
warnings, n_warnings = q(queries.table_rows, "warnings", f, 200)
st.markdown(f"**Warnings** (loaded, but worth a look): {n_warnings:,}")
if not warnings.empty:
    st.dataframe(warnings, hide_index=True)
