"""Data page by deep link: every table, filtered where it makes sense, capped, downloadable."""

from __future__ import annotations


def test_votes_tab_lists_belarus_against(open_page, query):
    at = open_page("data", tab="votes")
    assert at.selectbox(key="data_tab").value == "votes"
    rows = at.dataframe[0].value
    (total,), = query("SELECT count(*) FROM votes")
    assert len(rows) == total >= 3
    assert rows.set_index("country_iso3").loc["BLR", "vote"] == "N"
    assert any(f"{total:,} rows" in m.value for m in at.markdown)


def test_bogus_tab_warns_and_shows_events(open_page):
    at = open_page("data", tab="bogus")
    assert any("tab" in w.value and "bogus" in w.value for w in at.warning)
    assert at.selectbox(key="data_tab").value == "events"


def test_country_filter_applies(open_page, query):
    at = open_page("data", tab="visits", c=["BLR"])
    assert at.dataframe[0].value.empty
    at = open_page("data", tab="visits", c=["MMR"])
    (n,), = query("SELECT count(*) FROM visits WHERE 'MMR' IN (visitor_iso3, host_iso3)")
    assert len(at.dataframe[0].value) == n > 0


def test_download_offers_the_whole_selection(open_page):
    at = open_page("data", tab="sources")
    shown = at.dataframe[0].value
    button = at.get("download_button")[0]
    assert f"Download this selection: {len(shown):,} rows (CSV)" in button.proto.label
    assert "row_hash" not in shown.columns and "url" in shown.columns


def test_ingest_log_lists_the_loads(open_page):
    at = open_page("data", tab="batches")
    text = "\n".join(m.value for m in at.markdown)
    assert "Loads" in text and "Rejected rows, by reason" in text
    assert any("votes.csv" in str(p) for p in at.dataframe[1].value["input_path"])
