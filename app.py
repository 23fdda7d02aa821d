"""Conflict Monitor: the entry point. Navigation over app_pages/ and nothing else yet."""

from __future__ import annotations

import streamlit as st

from monitor.schema import TABLES
from monitor.store import Store

st.set_page_config(page_title="Conflict Monitor", layout="wide")


@st.cache_resource
def store() -> Store:
    return Store()


def home() -> None:
    st.title("Conflict Monitor")
    db = store()
    if not db.exists():
        st.error(f"No database at {db.path}. Run `make run` (or `python -m etl build`).")
        return
    counts = {t: int(db.query(f"SELECT count(*) AS n FROM {t}")["n"][0]) for t in TABLES}
    st.dataframe({"table": list(counts), "rows": list(counts.values())}, hide_index=True)


st.navigation([st.Page(home, title="Overview", default=True)]).run()
