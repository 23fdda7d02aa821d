"""un_votes page (placeholder until built)."""

import streamlit as st

from app_pages.common import filters

st.title("un_votes")
st.write(filters())
