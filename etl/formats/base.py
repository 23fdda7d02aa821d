"""What an input format is: how to recognise it, and how one input row becomes table records.

Each real-world source gets one module in etl/formats/ with one Format subclass; they all share one
validation (etl/validate.py) and one load path (etl/load.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal, Protocol


class Reject(Exception):
    """This row cannot be loaded; the message is the reason an analyst reads."""


@dataclass
class Record:
    """One row for one table. The first record a row yields is its primary record (it is what the
    row's accounting follows); further records are derived (e.g. a resolution named on every vote line)
    and are inserted once, when new."""

    table: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Detection:
    """How a format reads a file: its column names, and whether the first row is that header."""

    columns: list[str]
    first_row_is_header: bool = True


class Context(Protocol):
    """What a parser may ask of the database it is loading into."""

    def source_exists(self, source_id: str) -> bool: ...

    def resolution_exists(self, resolution_id: str) -> bool: ...

    def ensure_source(self, source_id: str, **values: Any) -> None: ...

    def lookup(self, sql: str, params: list[Any]) -> list[tuple]: ...

    def warn(self, message: str) -> None: ...

    input_name: str
    accessed_on: date
    extras: dict[str, Any]


@dataclass
class Format:
    """Base class: subclasses set the ClassVars and implement detect() and parse()."""

    name: ClassVar[str]
    primary_table: ClassVar[str]
    description: ClassVar[str] = ""
    # Loading order when several files come together: sources before what cites them,
    # resolutions before their votes.
    priority: ClassVar[int] = 50
    # What a re-load does with an existing key whose content changed: reject it (curated files:
    # two different facts under one id is an error) or update it (exports whose publisher revises rows).
    on_changed: ClassVar[Literal["reject", "update"]] = "reject"
    options: dict[str, Any] = field(default_factory=dict)

    # Header cells (lower-case) that identify the format; the default detect() looks for all of them.
    required: ClassVar[tuple[str, ...]] = ()

    def detect(self, first_row: list[str]) -> Detection | None:
        """Return a Detection if this format reads a file whose first row is `first_row`."""
        header = normalise_header(first_row)
        if self.required and all(c in header for c in self.required):
            return Detection(header)
        return None

    def parse(self, row: dict[str, str], ctx: Context) -> list[Record]:
        """Turn one input row into records (primary first). Raise Reject with a reason."""
        raise NotImplementedError

    def skip_row(self, fields: list[str]) -> str | None:
        """A non-data row to report and skip (e.g. a repeated header or HXL tags), or None."""
        return None


def normalise_header(fields: list[str]) -> list[str]:
    """Header cells compared case-insensitively, without BOM or surrounding spaces."""
    return [f.strip().lstrip("\ufeff").strip().lower() for f in fields]
