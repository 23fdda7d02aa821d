"""map page (placeholder until built)."""

import streamlit as st

from app_pages.common import filters

st.title("map")
st.write(filters())
