"""The input formats the ETL knows, and format detection from a file's first row (never its name)."""

from __future__ import annotations

from pathlib import Path

from etl.formats import acled, curated, gdelt, hdx, historian, ucdp, undl, unvotes, wide
from etl.formats.base import Detection, Format
from etl.reader import InputError

# Order matters only where two formats could claim one header: the more specific comes first.
FORMATS: list[type[Format]] = [
    *acled.FORMATS, *ucdp.FORMATS, *gdelt.FORMATS, *undl.FORMATS, *unvotes.FORMATS, *historian.FORMATS, *hdx.FORMATS,
    *wide.FORMATS, *curated.FORMATS,
]


def format_names() -> list[str]:
    return [f.name for f in FORMATS]


def get_format(name: str) -> type[Format]:
    for f in FORMATS:
        if f.name == name:
            return f
    raise InputError(f"unknown format {name!r}; known formats: {', '.join(format_names())}")


def detect_format(first_row: list[str], requested: str, path: Path) -> tuple[Format, Detection]:
    """The format that reads this file; InputError (exit 2) naming what was seen and what is known."""
    candidates = FORMATS if requested == "auto" else [get_format(requested)]
    for cls in candidates:
        fmt = cls()
        if detection := fmt.detect(first_row):
            return fmt, detection
    seen = ", ".join(first_row[:25]) + (" …" if len(first_row) > 25 else "")
    if requested != "auto":
        raise InputError(
            f"{path}: the columns do not match the {requested!r} format. Columns seen: {seen}. "
            f"Expected: {candidates[0].description}"
        )
    known = "\n".join(f"  {f.name:<12} {f.description}" for f in FORMATS)
    raise InputError(
        f"{path}: format not recognised from its header. Columns seen: {seen}.\n"
        f"Known formats:\n{known}\nRename the columns to one of these, or pass --format."
    )
