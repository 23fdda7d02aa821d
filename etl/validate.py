"""One validation for every format: text values -> typed values by the schema, or a Reject with a reason."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from etl.formats.base import Context, Reject
from monitor.countries import to_iso3
from monitor.schema import TABLES

MISSING = {"", "na", "n/a", "null", "none", "nan"}
QUALIFIERS = {"at least", "about", "exactly", "up to"}
VOTE_CODES = {
    "y": "Y", "yes": "Y",
    "n": "N", "no": "N",
    "a": "A", "abstain": "A", "abstention": "A", "abstained": "A",
    # present but not voting, absent, or non-voting: kept apart from abstentions
    "x": "X", "nv": "X", "non-voting": "X", "not voting": "X", "absent": "X",
}  # fmt: skip
TRUE = {"true", "t", "yes", "y", "1"}
FALSE = {"false", "f", "no", "n", "0"}
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%Y/%m/%d", "%B %d, %Y")
_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    # every marker is short: skip the strip/lower for ordinary values (this runs per cell)
    return isinstance(value, str) and len(value) <= 8 and value.strip().lower() in MISSING


@lru_cache(maxsize=1 << 16)  # real exports repeat the same few thousand dates
def parse_date(text: str) -> date:
    """Dates as exports write them: 2021-01-02, 2021-01-02T00:00:00Z, 02 January 2021, 20210102."""
    text = text.strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    if m := _ISO_PREFIX.match(text):
        text = m.group(1)
    elif re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _as_date(column: str, value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError:
        raise Reject(f"bad date {str(value)!r} in {column} (use YYYY-MM-DD, a real calendar date)") from None


def _as_int(column: str, value: Any) -> int:
    try:
        number = float(str(value).replace(",", "").strip()) if not isinstance(value, int) else value
    except ValueError:
        raise Reject(f"{column} is not a number: {value!r}") from None
    if number != int(number):
        raise Reject(f"{column} is not a whole number: {value!r}")
    if number < 0:
        raise Reject(f"negative count in {column}: {value!r}")
    return int(number)


def _as_float(column: str, value: Any) -> float:
    try:
        return float(str(value).strip()) if not isinstance(value, float) else value
    except ValueError:
        raise Reject(f"{column} is not a number: {value!r}") from None


def _as_bool(column: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise Reject(f"{column} must be true or false, not {value!r}")


@lru_cache(maxsize=1 << 14)
def _as_country(column: str, value: Any) -> str:
    code = to_iso3(value)
    if code is None:
        raise Reject(f"unknown country {str(value).strip()!r} in {column} (use an ISO-3 code such as MMR)")
    return code


def _typed(column: str, sql_type: str, value: Any) -> Any:
    if column.endswith("_iso3"):
        return _as_country(column, value)
    if sql_type == "DATE":
        return _as_date(column, value)
    if sql_type == "INTEGER":
        return _as_int(column, value)
    if sql_type == "DOUBLE":
        return _as_float(column, value)
    if sql_type == "BOOLEAN":
        return _as_bool(column, value)
    return str(value).strip() if isinstance(value, str) else str(value)


def _check_order(values: dict[str, Any], *columns: str) -> None:
    present = [(c, values[c]) for c in columns if values.get(c) is not None]
    for (a, x), (b, y) in zip(present, present[1:], strict=False):
        if x > y:
            raise Reject(f"inverted counts: {a} {x} > {b} {y} (need low <= best <= high)")


def _check_dates(values: dict[str, Any], start: str, end: str) -> None:
    if values.get(start) and values.get(end) and values[end] < values[start]:
        raise Reject(f"{end} {values[end]} is before {start} {values[start]}")


def _table_rules(table: str, v: dict[str, Any]) -> None:
    if table == "events":
        _check_dates(v, "event_date", "end_date")
        _check_order(v, "fatalities_low", "fatalities_best", "fatalities_high")
    elif table == "casualty_reports":
        _check_dates(v, "period_start", "period_end")
        _check_order(v, "killed_low", "killed_best", "killed_high")
        if v["qualifier"] not in QUALIFIERS:
            raise Reject(f"unknown qualifier {v['qualifier']!r} (use one of: {', '.join(sorted(QUALIFIERS))})")
        if all(v.get(c) is None for c in ("killed_low", "killed_best", "killed_high")):
            raise Reject("no figure: give at least one of killed_low, killed_best, killed_high")
    elif table == "visits":
        _check_dates(v, "start_date", "end_date")
    for column in ("latitude", "longitude"):
        limit = 90 if column == "latitude" else 180
        if v.get(column) is not None and not -limit <= v[column] <= limit:
            raise Reject(f"{column} {v[column]} is outside -{limit}..{limit}")


def split_ids(text: str | None) -> list[str]:
    """'a; b;c' -> ['a', 'b', 'c']."""
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def normalise_vote(value: Any) -> str:
    code = VOTE_CODES.get(str(value).strip().lower())
    if code is None:
        raise Reject(f"unknown vote code {str(value).strip()!r} (use Y, N, A or X)")
    return code


_CONTENT = {name: [c for c in t.columns if c.name not in ("batch_id", "row_hash")] for name, t in TABLES.items()}


def clean(table: str, raw: dict[str, Any], ctx: Context | None = None) -> dict[str, Any]:
    """All the table's columns, typed and checked; missing optional values are None."""
    values: dict[str, Any] = {}
    for col in _CONTENT[table]:
        value = raw.get(col.name)
        if is_missing(value):
            if col.required:
                raise Reject(f"missing {col.name}")
            values[col.name] = None
            continue
        if table == "votes" and col.name == "vote":
            values[col.name] = normalise_vote(value)
        else:
            values[col.name] = _typed(col.name, col.type, value)
    _table_rules(table, values)
    if ctx is not None and table != "sources":
        cited = [values.get("source_id")] + split_ids(values.get("other_source_ids"))
        for source_id in filter(None, cited):
            if not ctx.source_exists(source_id):
                raise Reject(f"unknown source {source_id!r}: add it to sources.csv (load that file first)")
        if values.get("other_source_ids"):
            values["other_source_ids"] = "; ".join(split_ids(values["other_source_ids"]))
    if ctx is not None and table == "votes" and not ctx.resolution_exists(values["resolution_id"]):
        raise Reject(
            f"unknown resolution {values['resolution_id']!r}: load the file with its official totals first"
        )
    return values
