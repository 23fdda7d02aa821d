"""What happened to one input file: counts, reasons, the first rejects, notes (printed or as JSON)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

MAX_KEPT_REJECTS = 1000  # in the report; the rejects table keeps them all


@dataclass
class FileReport:
    """What happened to one input file."""

    path: str
    format: str | None = None
    table: str | None = None  # the table its rows go to
    batch_id: int | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_duplicate: int = 0
    rows_rejected: int = 0
    rows_updated: int = 0
    rows_flagged: int = 0  # part of rows_loaded: loaded as published, with a warning worth a look (a quirk)
    reasons: Counter = field(default_factory=Counter)
    rejects: list[tuple[int, str]] = field(default_factory=list)  # the first few (line, reason), by line
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # the file could not be read at all
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 2 if self.error else (1 if self.rows_rejected else 0)

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.rows_loaded + self.rows_duplicate + self.rows_rejected

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_duplicate": self.rows_duplicate,
            "rows_rejected": self.rows_rejected,
            "rows_updated": self.rows_updated,
            "rows_flagged": self.rows_flagged,
            "reasons": dict(self.reasons),
            "rejects": [{"line": n, "reason": r} for n, r in self.rejects[:100]],
            "notes": self.notes,
            "error": self.error,
        }
