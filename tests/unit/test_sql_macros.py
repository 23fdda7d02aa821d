"""The macros every format's mapping uses to read a cell (etl/sql.py): `val`, and `cell` (its quicker form for a
column), must equal trimming Unicode's space separators and treating the MISSING markers as no value, whatever
shortcut they take to get there."""

from __future__ import annotations

import sys
import unicodedata

import duckdb
import pytest

from etl.sql import EDGE_CONTROLS, MISSING, install_macros


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    install_macros(con)
    return con


def expected_val(x: str | None) -> str | None:
    """Written from the definition, not from the SQL: strip Zs characters at both ends; a cell of at most 8 bytes
    that is a marker once stripped is no value (the rule the stored rows were loaded by: '   null   ' is text)."""
    if x is None:
        return None
    start, end = 0, len(x)
    while start < end and unicodedata.category(x[start]) == "Zs":
        start += 1
    while end > start and unicodedata.category(x[end - 1]) == "Zs":
        end -= 1
    stripped = x[start:end]
    return None if len(x.encode()) <= 8 and stripped.lower() in MISSING else stripped


CELLS = [None, "", " ", "  ", "NA", "na", " N/A ", "null", "NULL", "None", "nan", "NaN", "\u3000na\u3000", "\u00a0",
         "n", "no", "nav", "Nigeria", "N/A but more", "  null  ", "   null   ", "value", " value", "value ",
         " two words ", "\tTab\t", "x\u2003", "\u2003x", "Mandalay\u00a0", "ရန်ကုန်", " ရန်ကုန် ", "é\u0301 ", "e\u0301",
         "a" * 500 + " ", " " + "b" * 500, "c" * 500, "12", " 3 ", "0", "-", "?", "'quoted'"]


@pytest.mark.parametrize("macro", ["val", "cell"])
@pytest.mark.parametrize("cell", CELLS, ids=[repr(c) for c in CELLS])
def test_val_is_the_trimmed_value_or_none(con: duckdb.DuckDBPyConnection, cell: str | None, macro: str) -> None:
    assert con.execute(f"SELECT {macro}(?)", [cell]).fetchone()[0] == expected_val(cell)


@pytest.mark.parametrize("cell", CELLS, ids=[repr(c) for c in CELLS])
def test_present_keeps_the_value_untrimmed_unless_it_is_a_marker(con: duckdb.DuckDBPyConnection,
                                                                  cell: str | None) -> None:
    expected = None if cell is None or expected_val(cell) is None else cell
    assert con.execute("SELECT present(?)", [cell]).fetchone()[0] == expected


def test_every_character_at_either_end_is_trimmed_exactly_when_it_is_a_space_separator(
        con: duckdb.DuckDBPyConnection) -> None:
    """Every code point before and after a word: `cell` strips exactly Unicode's Zs characters (DuckDB's trim()
    decides; the shortcut must never skip a string it would change)."""
    wrong = con.execute("""
        SELECT coalesce(list(i), []) FROM range(1, 1114112) t(i)
        WHERE (i < 55296 OR i > 57343)
          AND (cell(chr(CAST(i AS INTEGER)) || 'word') IS DISTINCT FROM trim(chr(CAST(i AS INTEGER)) || 'word')
               OR cell('word' || chr(CAST(i AS INTEGER))) IS DISTINCT FROM trim('word' || chr(CAST(i AS INTEGER))))
        """).fetchone()[0]
    assert wrong == []
    spaces = [c for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF
              and unicodedata.category(chr(c)) == "Zs"]
    stripped = con.execute("SELECT list(i) FROM range(1, 1114112) t(i) WHERE (i < 55296 OR i > 57343) "
                           "AND cell('word' || chr(CAST(i AS INTEGER))) = 'word'").fetchone()[0]
    assert stripped == spaces


def test_strip_space_strips_what_pythons_strip_does_at_either_end_and_nothing_inside(
        con: duckdb.DuckDBPyConnection) -> None:
    """`strip_space` (lines that are no data: a line of white space is blank) against str.strip(), every code
    point before and after a word and inside it."""
    got = con.execute("""
        SELECT list(i ORDER BY i) FROM range(1, 1114112) t(i)
        WHERE (i < 55296 OR i > 57343) AND strip_space(chr(CAST(i AS INTEGER)) || 'w' || chr(CAST(i AS INTEGER))) = 'w'
        """).fetchone()[0]
    assert got == [c for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and chr(c).isspace()]
    assert con.execute("SELECT strip_space(?), strip_space(NULL)", ["\t x \n\u2028y \u00a0"]).fetchone() == (
        "x \n\u2028y", "")


def test_edge_controls_are_the_white_space_trim_keeps(con: duckdb.DuckDBPyConnection) -> None:
    """The guard before skip_kind (etl/stage.py) sends a line on when its first cell starts or ends with one of
    these: every code point str.strip() removes and trim() does not."""
    kept = [c for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and chr(c).isspace()
            and con.execute("SELECT trim(?)", [chr(c) + "w"]).fetchone()[0] != "w"]
    assert list(EDGE_CONTROLS) == kept
