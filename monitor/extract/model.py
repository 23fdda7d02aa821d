"""What the extractor proposes: candidate rows in the table contract's terms, each tied to its sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from monitor.extract.text import Article, Sentence

# The curated CSV each table is written to (data/sources/ uses these names).
FILES = {"sources": "sources.csv", "events": "events.csv", "casualty_reports": "casualties.csv",
         "visits": "visits.csv", "resolutions": "resolutions.csv", "votes": "votes.csv"}
KEYS = {"events": "event_id", "casualty_reports": "report_id", "visits": "visit_id",
        "resolutions": "resolution_id"}


@dataclass
class Candidate:
    """One proposed row: its table, its fields, the sentences it came from, what is uncertain, a confidence."""

    table: str  # events, casualty_reports, visits, resolutions, votes
    kind: str  # visit, meeting, statement, event, casualties, resolution, vote
    fields: dict[str, Any]
    evidence: list[Sentence]
    uncertain: list[str] = field(default_factory=list)
    confidence: float = 0.5

    @property
    def key(self) -> str:
        if self.table == "votes":
            return f"{self.fields['resolution_id']}/{self.fields['country_iso3']}"
        return str(self.fields.get(KEYS[self.table], ""))

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.table, "kind": self.kind, "key": self.key,
            "fields": {k: v.isoformat() if isinstance(v, date) else v for k, v in self.fields.items()},
            "sentences": [{"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in self.evidence],
            "uncertain": self.uncertain, "confidence": round(self.confidence, 2),
        }


@dataclass
class Extraction:
    """The cleaned article, the source row that every candidate cites, and the candidates."""

    article: Article
    source: dict[str, Any]
    candidates: list[Candidate]

    def as_json(self) -> dict[str, Any]:
        return {
            "source": {k: v.isoformat() if isinstance(v, date) else v for k, v in self.source.items()},
            "text": self.article.text,
            "candidates": [c.as_json() for c in self.candidates],
        }
