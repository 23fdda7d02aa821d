"""Identifiers written one way everywhere, so a row loaded by the ETL and a value typed in a link meet."""

from __future__ import annotations

import re


def resolution_id(text: str) -> str:
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
