"""The floor: a one-line Streamlit page, served the same way as the app, that every page's time is compared to."""

import streamlit as st

st.write("A one-line Streamlit page: the benchmark's floor.")
