"""Extract: paste a news article (or upload it), review the rows it proposes beside the sentences they came from,
correct them, accept or reject each, and load the accepted ones through the ETL with the article as their source."""

from __future__ import annotations

import streamlit as st

from app_pages.common import q, store
from monitor.extract import Extraction, extract
from monitor.extract.merge import describe
from monitor.extract.review import accepted_tables, frames, highlight_html, least_certain_first, load, review
from monitor.text import md

TABLE_TITLES = {"visits": "Visits", "events": "Events (meetings, statements, dated events)",
                "casualty_reports": "Casualty reports", "resolutions": "Resolutions", "votes": "Votes"}

st.title("Extract rows from an article")
st.caption("Candidate rows are proposed by rules over the article's sentences (no model, no network). Nothing is "
           "loaded until you accept it; every loaded row cites the article.")

# --- the article in
upload = st.file_uploader("Article file (text or HTML)", type=["txt", "html", "htm"], key="x_upload")
st.text_area("…or paste the article's text", key="x_text", height=180)
c1, c2, c3 = st.columns(3)
c1.text_input("URL", key="x_url")
c2.text_input("Publisher", key="x_publisher")
c3.date_input("Published on", value=None, key="x_published", format="YYYY-MM-DD",
              help="Relative dates ('on Friday', 'in March') are resolved against it.")

if st.button("Propose rows", type="primary", key="x_propose"):
    raw = upload.getvalue().decode("utf-8", errors="replace") if upload else st.session_state["x_text"]
    if not raw.strip():
        st.warning("Paste an article or upload a file first.")
    else:
        st.session_state["x_result"] = extract(
            raw, published=st.session_state["x_published"], url=st.session_state["x_url"].strip() or None,
            publisher=st.session_state["x_publisher"].strip() or None)
        st.session_state.pop("x_report", None)



def review_and_load(result: Extraction) -> None:
    """The candidates beside the article, the fields to correct, and the load of the accepted rows."""
    # candidates checked against the database (read-only)
    items = review(result, q)
    source = result.source
    st.subheader(f"{len(items)} candidate rows")
    st.caption(md(f"Source: {source['publisher']}: “{source['title']}”, published "
                         f"{source['published_on'] or 'on an unknown date (relative dates resolved against today)'}"
                         f" · source_id {source['source_id']}"))

    left, right = st.columns([5, 6], gap="large")
    with left:
        st.markdown("**The article** — highlighted sentences carry the numbers of the rows they support.")
        st.html(highlight_html(result.article.text, items))
    with right:
        st.caption("Least certain first: each row shows its confidence and what made it uncertain.")
        for item in least_certain_first(items):
            c = item.candidate
            with st.container(border=True):
                st.checkbox(f"#{item.number} {md(describe(c))}", value=item.accept_by_default,
                            key=f"x_accept_{item.number}")
                st.caption(md(f"{c.table} · confidence {c.confidence:.2f} · {item.status}"))
                for note in c.uncertain:
                    st.text(f"uncertain: {note}")
                for message in item.messages:
                    st.info(md(message))
                for message in item.disagreements:
                    st.warning(md(message))

    # edit fields, then load what is accepted
    st.subheader("Correct the fields")
    st.caption("Edit any cell; the rows ticked above are loaded as edited here.")
    edited = {}
    for table, frame in frames(items).items():
        st.markdown(f"**{TABLE_TITLES[table]}**")
        edited[table] = st.data_editor(frame, key=f"x_edit_{table}", hide_index=True, disabled=["#"], width="stretch")

    accepted = {item.number for item in items if st.session_state.get(f"x_accept_{item.number}")}
    st.write(f"{len(accepted)} of {len(items)} rows accepted.")
    if st.button(f"Load {len(accepted)} accepted rows into {store().path.name}", disabled=not accepted, key="x_load"):
        tables = accepted_tables(edited, accepted, source["source_id"])
        with st.spinner("Loading through the ETL …"):
            st.session_state["x_report"] = load(source, tables, store().path)

    if report := st.session_state.get("x_report"):
        code, payload = report
        if "error" in payload:
            st.error(md(f"The ETL could not load the rows: {payload['error']}"))
        for f in payload.get("files", []):
            line = (f"{f['path'].rsplit('/', 1)[-1]}: loaded {f['rows_loaded']}, duplicate {f['rows_duplicate']}, "
                    f"rejected {f['rows_rejected']}")
            (st.success if not f["rows_rejected"] else st.warning)(md(line))
            for kind, grouped in (f.get("reasons") or {}).items():  # by kind: a count and a few lines each
                st.text(f"  {grouped['count']} × {kind}")
                for example in grouped["examples"]:
                    st.text(f"      line {example['line']}: {example['reason']}")
        if code == 0:
            st.caption("Loaded: the other pages show the new rows now.")


# Not st.stop() when there is nothing to review: app.py must still write the URL and the warnings after the page.
result = st.session_state.get("x_result")
if result is None:
    st.info("Paste an article above and press **Propose rows**.")
elif not result.candidates:
    st.warning("No candidate rows found in this text." if result.article.sentences else
               "No article text found: nothing in it reads as sentences.")
else:
    review_and_load(result)
