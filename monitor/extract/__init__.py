"""From a news article to candidate rows, each tied to the sentence it came from (issue 12).

Pure and offline: text or HTML in, `Extraction` out. Rules over sentences, no model, no network.
Used by `python -m etl extract` and by the review page; neither needs anything else from here but
`extract`, `rows` and `write_csvs`.
"""

from __future__ import annotations

from datetime import date

from monitor.extract.casualties import casualty_reports
from monitor.extract.common import Reading
from monitor.extract.entities import build_context
from monitor.extract.events import dated_events
from monitor.extract.merge import finish
from monitor.extract.model import Candidate, Extraction
from monitor.extract.people import meetings, statements, visits
from monitor.extract.sources import source_row
from monitor.extract.text import clean
from monitor.extract.votes import un_votes

__all__ = ["Candidate", "Extraction", "extract"]

_SENTENCE_RULES = (visits, meetings, dated_events)


def extract(raw: str, *, published: date | None = None, url: str | None = None, publisher: str | None = None,
            title: str | None = None, accessed: date | None = None) -> Extraction:
    """Candidate rows from an article (text or HTML), dates resolved against its publication date."""
    article = clean(raw)
    published = published or article.published
    reading = Reading(published or date.today(), build_context([s.text for s in article.sentences]))
    source = source_row(article, published=published, url=url, publisher=publisher, title=title,
                        accessed=accessed)
    figures = casualty_reports(article.sentences, reading)
    found: list[Candidate] = []
    for s in article.sentences:
        here = [c for rule in _SENTENCE_RULES for c in rule(s, reading)]
        here += [c for c in figures if c.evidence[0].index == s.index]
        found += here or statements(s, reading)
    found += un_votes(article.sentences, reading)
    candidates = finish(found, source["source_id"])
    if published is None:
        for c in candidates:
            c.uncertain.append("publication date unknown: relative dates resolved against today; "
                               "give --published")
            c.confidence = min(c.confidence, 0.4)
    return Extraction(article, source, candidates)
