"""monitor.extract.review against the bundled database: repeats, similar rows, contradictions with both sources,
and the article rendered as escaped HTML."""

from __future__ import annotations

from datetime import date

from monitor.extract import extract
from monitor.extract.review import DIFFERS, NEW, SIMILAR, highlight_html, review
from monitor.store import Store

MEETINGS = """Talks in Moscow

Min Aung Hlaing met Alexander Mikheyev, head of Russia's state arms exporter, in Moscow on Monday.

Min Aung Hlaing met Ivan Petrovsky, a Russian deputy trade minister, in Moscow on Monday.
"""


def checked(db, text: str, published: date):
    store = Store(db)
    return review(extract(text, published=published), lambda query, *args: query(store, *args))


def test_a_meeting_is_similar_only_with_the_same_people(bundled_db):
    items = checked(bundled_db, MEETINGS, date(2021, 6, 21))
    status = {it.candidate.fields["actor2"].split(" (")[0]: it.status for it in items if it.candidate.kind == "meeting"}
    assert status == {"Alexander Mikheyev": SIMILAR, "Ivan Petrovsky": NEW}
    [mikheyev] = [it for it in items if "Mikheyev" in it.candidate.fields["actor2"]]
    assert mikheyev.messages[0].startswith("Similar: rus-mmr-2021-06-mikheyev on 21 Jun 2021")
    assert not mikheyev.accept_by_default


def test_a_casualty_count_that_differs_names_both_sources(bundled_db):
    text = "Toll\n\nThe crackdown has killed at least 880 people in Myanmar since the coup, according to AAPP."
    [item] = checked(bundled_db, text, date(2021, 6, 20))
    assert item.status == DIFFERS
    [message] = item.disagreements
    assert "This article: at least 880 people reported 20 Jun 2021, AAPP." in message
    assert "at least 858 people reported 19 Jun 2021" in message and "Aluta News (dpa)" in message


def test_highlights_are_escaped_html():
    text = "Headline\n\nAt least 5 civilians were killed in Myanmar on Monday, <b>a group</b> & others said."
    result = extract(text, published=date(2021, 6, 21))
    html = highlight_html(result.article.text, [type("I", (), {"number": 1, "candidate": c})()
                                                for c in result.candidates])
    assert "&lt;b&gt;a group&lt;/b&gt;" in html and "&amp; others" in html and "<b>" not in html
    assert html.count("<mark") == 1
