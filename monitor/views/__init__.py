"""What each page shows, without Streamlit: built once, drawn by the page and by the briefing."""
