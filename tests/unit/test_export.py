"""CSV downloads neutralise spreadsheet formulas in text, and leave numbers alone."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from monitor.export import neutralise, safe_csv


def _roundtrip(df: pd.DataFrame) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(safe_csv(df)), encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("cell, expected", [
    ("=1+2", "'=1+2"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("-2+3", "'-2+3"),
    ("\t=1", "'\t=1"),
    ("Belarus", "Belarus"),
    ("a=b", "a=b"),
    ("-5", "-5"),  # a plain number in text cannot run anything
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_formulas_get_an_apostrophe_in_the_csv():
    out = _roundtrip(pd.DataFrame({"note": ["=1+2", "+cmd", "@SUM(A1)", "plain"]}))
    assert list(out["note"]) == ["'=1+2", "'+cmd", "'@SUM(A1)", "plain"]


def test_negative_numbers_stay_numbers():
    out = pd.read_csv(io.BytesIO(safe_csv(pd.DataFrame({"n": [-5, 3], "x": [-1.5, 2.0]}))), encoding="utf-8-sig")
    assert list(out["n"]) == [-5, 3] and list(out["x"]) == [-1.5, 2.0]


def test_missing_values_and_dates_survive():
    df = pd.DataFrame({"d": pd.to_datetime(["2021-06-18", None]), "s": ["=x", None]})
    out = _roundtrip(df)
    assert list(out["d"]) == ["2021-06-18", ""] and list(out["s"]) == ["'=x", ""]


def test_header_is_neutralised_too():
    assert _roundtrip(pd.DataFrame({"=evil": [1]})).columns[0] == "'=evil"


def test_utf8_with_bom_keeps_accents():
    data = safe_csv(pd.DataFrame({"name": ["Côte d’Ivoire"]}))
    assert data.startswith(b"\xef\xbb\xbf") and "Côte d’Ivoire" in data.decode("utf-8-sig")
