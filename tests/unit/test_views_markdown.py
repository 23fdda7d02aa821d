"""What the pages hand to Streamlit, prepared in monitor/views/markdown.py and monitor/views/pinning.py."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor.views.markdown import caption_markdown, split_links
from monitor.views.pinning import comparison


def sources(n: int, url: str = "https://example.org/r") -> pd.DataFrame:
    return pd.DataFrame({"source_id": [f"s{i}" for i in range(n)], "publisher": ["UN"] * n,
                         "title": [f"Report {i}" for i in range(n)], "url": [url] * n})


def test_a_caption_cites_eight_sources_counts_the_rest_and_dates_the_data():
    text = caption_markdown(sources(10), date(2021, 6, 18), note="Deaths per week")
    assert text.startswith("Deaths per week · Sources: [UN: Report 0](https://example.org/r); ")
    assert "Report 7" in text and "Report 8" not in text and text.endswith(" and 2 more · Data as of 18 June 2021")


def test_a_caption_links_only_web_urls_and_says_when_there_are_no_sources():
    assert caption_markdown(sources(1, "javascript:alert(1)")) == "Sources: UN: Report 0"
    assert caption_markdown(sources(0)) == "Sources: none in the selection"
    assert caption_markdown(None, note="A note alone") == "A note alone"


def test_a_link_column_keeps_web_urls_and_app_pages_and_shows_the_rest_as_text():
    frame = pd.DataFrame({"url": ["https://example.org/a", "/data?tab=events", "javascript:alert(1)", None]})
    linked, as_text = split_links(frame, "url")
    assert as_text == "url_not_linked"
    assert linked["url"].tolist()[:2] == ["https://example.org/a", "/data?tab=events"]
    assert linked["url"].isna().tolist()[2:] == [True, True]
    assert linked[as_text].tolist()[2] == "javascript:alert(1)" and linked[as_text].isna().tolist() == [
        True, True, False, True]
    assert split_links(frame.head(2), "url")[1] is None


def test_the_pinned_notice_says_how_the_latest_differs():
    assert comparison({"events": 12}, {"events": 15}) == "In the latest, for this selection: events: 12 then, 15 in " \
                                                         "the latest."
    assert comparison({"events": 12}, {"events": 12}) == "This selection's headline numbers are the same in the latest."
