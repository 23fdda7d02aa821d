"""Helpers the real-world import formats share: precision labels, UN symbols (in Python and as SQL)."""

from __future__ import annotations

import re

from etl.formats.base import normalise_header
from etl.sql import case_map
from monitor.ids import resolution_id as normalise_resolution_id  # one spelling for the ETL and the links


def columns_of(first_row: list[str]) -> list[str]:
    """Header cells as column names: lower-case, without BOM or spaces (exports differ: EVENT_DATE, event_date)."""
    return normalise_header(first_row)


def labelled(code: str, words: dict[str, str], origin: str) -> str:
    """SQL: a precision in our words with the source's own code kept: 'city (acled 1)'; NULL if no code."""
    return (f"CASE WHEN val({code}) IS NOT NULL THEN coalesce({case_map(f'val({code})', words)}, 'unknown') "
            f"|| ' ({origin} ' || val({code}) || ')' END")


_BODY_PREFIXES = (("A/HRC/RES/", "HRC"), ("A/RES/", "UNGA"), ("S/RES/", "UNSC"), ("A/", "UNGA"), ("S/", "UNSC"))


def resolution_id_of(symbol: str | None) -> str | None:
    """normalise_resolution_id for a lookup over symbols that may be missing."""
    return normalise_resolution_id(symbol) if symbol else None


# A UN document symbol inside a text: "Amendment to draft resolution A/C.3/75/L.13/Rev.1" -> A/C.3/75/L.13/Rev.1.
SYMBOL_PATTERN = r"\b[AS]/[A-Z0-9.-]+(/[A-Za-z0-9.-]*[A-Za-z0-9])+"


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
    m = re.match(SESSION_PATTERN, text or "")
    return int(m.group(1)) if m else None


def body_sql(symbol: str) -> str:
    """SQL: body_of() for a symbol expression."""
    whens = " ".join(f"WHEN starts_with({symbol}, '{prefix}') THEN '{body}'" for prefix, body in _BODY_PREFIXES)
    return f"(CASE {whens} END)"


def is_resolution_sql(symbol: str) -> str:
    """SQL: is_resolution_symbol() for a symbol expression."""
    return "(" + " OR ".join(f"starts_with({symbol}, '{p}')" for p in ("A/RES/", "S/RES/", "A/HRC/RES/")) + ")"


SESSION_PATTERN = r"^\s*(\d+)(?:\.0+)?(?:st|nd|rd|th)?\b"


def session_sql(text: str) -> str:
    """SQL: session_number() for a text expression."""
    return f"TRY_CAST(nullif(regexp_extract({text}, '{SESSION_PATTERN}', 1), '') AS INTEGER)"
