"""Small builders of SQL text that every format and the validation share.

Everything here returns SQL as a string; nothing runs a query. The macros (`MACROS`) are created once
per connection by `install_macros`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import duckdb

ISO_DATE_TIME = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
# An absolute http(s) URL that parses: scheme, a host (no spaces, brackets or quotes), then anything
# without spaces.
WEB_URL = r"^https?://[^\s/?#\[\]@\"'<>\\]+(:[0-9]+)?([/?#][^\s\"<>\\]*)?$"
# Markers an export writes for "no value" (compared trimmed and case-insensitively).
MISSING = ("", "na", "n/a", "null", "none", "nan")


def literal(value: object) -> str:
    """A SQL literal for a Python constant (text, number, bool, None)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def literal_list(values: Iterable[object]) -> str:
    """A SQL list of literals: ['a', 'b']."""
    return "[" + ", ".join(literal(v) for v in values) + "]"


def ident(name: str) -> str:
    """A quoted identifier."""
    return '"' + name.replace('"', '""') + '"'


def case_map(expr: str, mapping: Mapping[str, object], default: str = "NULL") -> str:
    """`CASE expr WHEN k THEN v ... ELSE default END` from a Python dict (the one definition of a code list)."""
    if not mapping:
        return default
    whens = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in mapping.items())
    return f"(CASE {expr} {whens} ELSE {default} END)"


def in_list(expr: str, values: Iterable[object]) -> str:
    return f"({expr} IN ({', '.join(literal(v) for v in values)}))"


def json_object(pairs: Iterable[tuple[str, str]]) -> str:
    """A JSON object of (key, text expression) pairs, leaving out missing values; NULL when all are."""
    parts = [f"CASE WHEN present({expr}) IS NOT NULL THEN {literal(json.dumps(key, ensure_ascii=False) + ':')} "
             f"|| to_json(trim({expr})) END" for key, expr in pairs]
    if not parts:
        return "NULL"
    body = f"concat_ws(',', {', '.join(parts)})"
    return f"nullif('{{' || {body} || '}}', '{{}}')"


# `cell` decides most values on their first and last character, so lower(trim(x)) and trim(x) (which decode and
# copy the whole string) run only for short values that could be a marker (empty, starting with n/N or a space:
# 32, or a Unicode space, >127) or values with a space (or a non-ASCII character) at either end.
_MIGHT_BE_MARKER = "strlen(x) <= 8 AND (strlen(x) = 0 OR ascii(x) IN (32, 78, 110) OR ascii(x) > 127)"
_MIGHT_NEED_TRIM = "ascii(x) = 32 OR ascii(x) > 127 OR ascii(x[-1]) = 32 OR ascii(x[-1]) > 127"
_MARKERS = f"({', '.join(literal(m) for m in MISSING)})"
# The white space Python's str.strip() removes and DuckDB's trim() keeps (trim() strips only space separators).
EDGE_CONTROLS = (9, 10, 11, 12, 13, 28, 29, 30, 31, 133, 8232, 8233)
# White space at either end of a text, as str.strip() sees it (RE2's \s lacks the vertical tab).
_EDGE_SPACE = r"^[\s\x0b\x1c-\x1f\x85\p{Z}]+|[\s\x0b\x1c-\x1f\x85\p{Z}]+$"

MACROS = {
    # The value, or NULL when it is one of the MISSING markers. Never trims what it returns.
    "present(x)": f"CASE WHEN x IS NULL THEN NULL WHEN strlen(x) <= 8 AND lower(trim(x)) IN {_MARKERS} THEN NULL "
                  "ELSE x END",
    # The trimmed value, or NULL when missing.
    "val(x)": "trim(present(x))",
    # val(x) for a column: the same value at a third of the cost on ACLED rows (etl/typed.py reads every mapped
    # value through it). x is written a dozen times over, so give it a column, never an expression to compute.
    "cell(x)": f"CASE WHEN x IS NULL OR ({_MIGHT_BE_MARKER} AND lower(trim(x)) IN {_MARKERS}) THEN NULL "
               f"WHEN {_MIGHT_NEED_TRIM} THEN trim(x) ELSE x END",
    # Python's repr() of a string, as the reasons have always quoted values: 'x' or "it's".
    "py_repr(x)": (
        "CASE WHEN contains(x, '''') AND NOT contains(x, '\"') "
        "THEN '\"' || replace(replace(replace(replace(x, '\\', '\\\\'), chr(10), '\\n'), chr(13), '\\r'), "
        "chr(9), '\\t') || '\"' "
        "ELSE '''' || replace(replace(replace(replace(replace(x, '\\', '\\\\'), chr(10), '\\n'), chr(13), '\\r'), "
        "chr(9), '\\t'), '''', '\\''') || '''' END"
    ),
    # Dates as exports write them: 2021-01-02, 2021-01-02T00:00:00Z, 02 January 2021, 20210102, 02/01/2021.
    "parse_date(t)": (
        "coalesce("
        "CASE WHEN strlen(t) = 10 AND t[5] = '-' THEN try_cast(t AS DATE) END, "
        f"CASE WHEN regexp_matches(t, '{ISO_DATE_TIME}') "
        "THEN try_cast(t[1:10] AS DATE) END, "
        "CASE WHEN regexp_matches(t, '^\\d{8}$') THEN try_strptime(t, '%Y%m%d')::DATE END, "
        "try_strptime(t, ['%Y-%m-%d', '%d %B %Y', '%d %b %Y', '%d/%m/%Y', '%Y/%m/%d', '%B %d, %Y'])::DATE)"
    ),
    # A number as an export writes it ("1,234", " 5 "); NULL when it is none.
    "parse_number(t)": "try_cast(replace(t, ',', '') AS DOUBLE)",
    # The text without white space at either end, '' for NULL: tabs and line breaks too, which trim() keeps
    # (it strips spaces, Unicode's included). For the rare lines skip_kind looks at, not for every cell.
    "strip_space(c)": f"regexp_replace(coalesce(c, ''), {literal(_EDGE_SPACE)}, '', 'g')",
    # A line that is no data: '' when blank, else why (the header again, a row of HXL tags), else NULL. `cells`
    # are the line's fields, `header` the header's names in lower case.
    "skip_kind(cells, header)": (
        "CASE WHEN array_to_string(list_transform(cells, lambda c: strip_space(c)), '') = '' THEN '' "
        "WHEN list_transform(cells, lambda c: lower(strip_space(c))) = header THEN 'the header repeated' "
        "WHEN len(list_filter(cells, lambda c: strip_space(c) <> '' AND NOT starts_with(strip_space(c), '#'))) = 0 "
        "THEN 'a row of HXL tags (#event+date …)' END"
    ),
    # Anything that is not a WEB_URL is kept as text, never as a link.
    "is_web_url(u)": f"regexp_matches(u, {literal(WEB_URL)}, 'i')",
}


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    for signature, body in MACROS.items():
        con.execute(f"CREATE OR REPLACE TEMP MACRO {signature} AS ({body})")
