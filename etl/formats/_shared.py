"""Helpers the real-world import formats share: the `extra` JSON, precision labels, UN symbols."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from etl.formats.base import normalise_header
from etl.validate import MISSING, is_missing


def extra_json(row: Mapping[str, str], mapped: AbstractSet[str]) -> str | None:
    """The row's other non-empty columns as a JSON object (source column names, raw text), or None."""
    kept = {}
    for key, value in row.items():
        if key in mapped:
            continue
        text = value.strip()
        if text and text.lower() not in MISSING:  # `NA`, `null` ... are missing, not text
            kept[key] = text
    return json.dumps(kept, ensure_ascii=False) if kept else None


def columns_of(first_row: list[str]) -> list[str]:
    """Header cells as row keys: lower-case, without BOM or spaces (exports differ: EVENT_DATE, event_date)."""
    return normalise_header(first_row)


def labelled(word: str | None, origin: str, code: str) -> str | None:
    """A precision in our words with the source's own code kept: 'city (acled 1)'."""
    code = code.strip()
    if not code or is_missing(code):
        return None
    return f"{word or 'unknown'} ({origin} {code})"


_BODY_PREFIXES = (("A/HRC/RES/", "HRC"), ("A/RES/", "UNGA"), ("S/RES/", "UNSC"), ("A/", "UNGA"), ("S/", "UNSC"))


def normalise_resolution_id(text: str) -> str:
    """UN resolution symbols in one spelling: 'R/67/234', 'a/res/67/234 ', '67/234' -> 'A/RES/67/234'.

    Only the prefix and spacing change; the rest of the symbol is kept as written.
    """
    s = " ".join(text.strip().upper().split())
    s = re.sub(r"\s*/\s*", "/", s)
    if s.startswith("R/"):
        return "A/RES/" + s[2:]
    if s.startswith("RES/"):
        return "A/" + s
    if re.match(r"^(ES-)?\d+/\d+", s):
        return "A/RES/" + s
    return s


def body_of(symbol: str) -> str | None:
    """UNGA, UNSC or HRC from a document symbol; None if the symbol says neither."""
    for prefix, body in _BODY_PREFIXES:
        if symbol.startswith(prefix):
            return body
    return None


def is_resolution_symbol(symbol: str) -> bool:
    """A resolution number is given only on adoption: A/RES/…, S/RES/…, A/HRC/RES/…."""
    return any(symbol.startswith(p) for p in ("A/RES/", "S/RES/", "A/HRC/RES/"))


def session_number(text: str) -> int | None:
    """'75', '75th session', '75.0' -> 75; emergency special sessions ('ES-11') have no regular number."""
    m = re.match(r"^\s*(\d+)(?:\.0+)?(?:st|nd|rd|th)?\b", text or "")
    return int(m.group(1)) if m else None
