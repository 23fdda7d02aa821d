"""overview page (placeholder until built)."""

import streamlit as st

from app_pages.common import filters

st.title("overview")
st.write(filters())
