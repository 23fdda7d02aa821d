"""What happened to one input file: counts, reasons, the first rejects, notes (printed or as JSON)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from etl.sql import literal

MAX_KEPT_REJECTS = 1000  # in the report; the rejects table keeps them all
EXAMPLES_PER_KIND = 3
MAX_KINDS = 50  # more kinds than this are tallied as one, "other kinds of reason"
# What makes one reason differ from another of its kind: a quoted value, a document symbol, a number. Masked,
# 800 reasons "… 'A/RES/65/100, SRB' is already loaded …" are one kind with a count.
_VALUES = r"""'[^']*'|"[^"]*\"|\b[A-Z][A-Za-z.]*/[^\s,:;)]+"""
_NUMBERS = r"(^|[\s(#])\d[\d,.]*"


def reason_kind_sql(reason: str) -> str:
    """SQL: a reject reason with its row's own values masked ('…', N): the kind of reason it is."""
    return (f"regexp_replace(regexp_replace({reason}, {literal(_VALUES)}, '…', 'g'), {literal(_NUMBERS)}, "
            "'\\1N', 'g')")


@dataclass(frozen=True)
class ReasonKind:
    """Rejects of one kind: how many, and the first few (line, reason)."""

    kind: str
    count: int
    examples: list[tuple[int, str]]

    def as_json(self) -> dict[str, Any]:
        return {"count": self.count, "examples": [{"line": n, "reason": r} for n, r in self.examples]}


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
    reasons: Counter = field(default_factory=Counter)  # every distinct reason, for callers in Python
    reason_kinds: list[ReasonKind] = field(default_factory=list)  # what --json and the terminal show
    rejects: list[tuple[int, str]] = field(default_factory=list)  # the first few (line, reason), by line
    notes: list[str] = field(default_factory=list)
    revises: set[str] = field(default_factory=set)  # tables whose stored rows it replaces besides its updates
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
            "reasons": {k.kind: k.as_json() for k in self.reason_kinds},
            "rejects": [{"line": n, "reason": r} for n, r in self.rejects[:100]],
            "notes": self.notes,
            "error": self.error,
        }
