"""timeline page (placeholder until built)."""

import streamlit as st

from app_pages.common import filters

st.title("timeline")
st.write(filters())
