"""Downloads: CSV that a spreadsheet opens as data, never as formulas."""

from __future__ import annotations

import re

import pandas as pd

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (CSV injection);
# tab and carriage return can hide one behind whitespace.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def neutralise(value: object) -> object:
    """A string that a spreadsheet would run as a formula gets a leading apostrophe; anything else is kept.

    Numbers stay numbers, and so do strings that are plain numbers ('-5'): they cannot run anything.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def safe_csv(df: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with BOM, so spreadsheets read accents), formulas neutralised in text cells."""
    out = df.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_datetime64_any_dtype(out[column])):
            out[column] = out[column].map(neutralise, na_action="ignore")
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out.to_csv(index=False).encode("utf-8-sig")
