"""Pure functions DataFrame -> plotly Figure, one module a page; no Streamlit here, pages render what they return."""
