"""One validation for every format, in SQL: mapped values -> typed values by the schema, and each row's
reject reason (the first rule it breaks), each rule a small named SQL expression.

`typed_column` turns one mapped value into its type and gives the reason it cannot be; `table_rules` are
the checks across columns of one row. Reasons quote values as Python's repr() would ('x'), so the
wording an analyst reads is the same whatever format the row came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from etl.sql import case_map, literal
from monitor.schema import TABLES, Column

QUALIFIERS = ("about", "at least", "exactly", "up to")
VOTE_CODES = {
    "y": "Y", "yes": "Y",
    "n": "N", "no": "N",
    "a": "A", "abstain": "A", "abstention": "A", "abstained": "A",
    # present but not voting, absent, or non-voting: kept apart from abstentions
    "x": "X", "nv": "X", "non-voting": "X", "not voting": "X", "absent": "X",
}  # fmt: skip
TRUE = ("true", "t", "yes", "y", "1")
FALSE = ("false", "f", "no", "n", "0")
# Bounds on counts: within INTEGER, and within reason (no single report counts more deaths; a UN vote
# has at most a few hundred members).
COUNT_MAX = 100_000_000
VOTE_TOTAL_MAX = 1_000
COUNT_LIMITS = {"session": VOTE_TOTAL_MAX, "yes": VOTE_TOTAL_MAX, "no": VOTE_TOTAL_MAX,
                "abstain": VOTE_TOTAL_MAX, "non_voting": VOTE_TOTAL_MAX}
COORDINATE_LIMITS = {"latitude": 90, "longitude": 180}


@dataclass(frozen=True)
class Typed:
    """One column of one record: its typed SQL value and the rules it must keep (reason or NULL each)."""

    value: str
    reasons: tuple[str, ...]


def typed_column(table: str, col: Column, t: str, raw: str, country: str | None = None) -> Typed:
    """A column's value as its type: `t` is the value as trimmed text (NULL when missing), `raw` as given
    (quoted in reasons); `country` the ISO-3 a lookup found for the value."""
    name = col.name
    missing = (f"CASE WHEN {t} IS NULL THEN 'missing {name}' END",) if col.required else ()
    quoted = f"py_repr({raw})"
    if name.endswith("_iso3") and country is not None:
        reason = (f"CASE WHEN {t} IS NOT NULL AND {country} IS NULL THEN 'unknown country ' || py_repr({t}) "
                  f"|| ' in {name} (use an ISO-3 code such as MMR)' END")
        return Typed(country, (*missing, reason))
    if table == "votes" and name == "vote":
        code = case_map(f"lower({t})", VOTE_CODES)
        reason = (f"CASE WHEN {t} IS NOT NULL AND {code} IS NULL THEN 'unknown vote code ' || py_repr({t}) "
                  f"|| ' (use Y, N, A or X)' END")
        return Typed(code, (*missing, reason))
    if col.type == "DATE":
        value = f"parse_date({t})"
        reason = (f"CASE WHEN {t} IS NOT NULL AND {value} IS NULL THEN 'bad date ' || {quoted} || "
                  f"' in {name} (use YYYY-MM-DD, a real calendar date)' END")
        return Typed(value, (*missing, reason))
    if col.type == "INTEGER":
        return _count(name, t, raw, missing)
    if col.type == "DOUBLE":
        n = f"try_cast({t} AS DOUBLE)"
        reason = (f"CASE WHEN {t} IS NULL THEN NULL WHEN {n} IS NULL THEN '{name} is not a number: ' || {quoted} "
                  f"WHEN NOT isfinite({n}) THEN '{name} is not a finite number: ' || {quoted} END")
        return Typed(f"CASE WHEN isfinite({n}) THEN {n} END", (*missing, reason))
    if col.type == "BOOLEAN":
        value = f"CASE WHEN lower({t}) IN {TRUE} THEN TRUE WHEN lower({t}) IN {FALSE} THEN FALSE END"
        reason = (f"CASE WHEN {t} IS NOT NULL AND {value} IS NULL THEN '{name} must be true or false, not ' "
                  f"|| {quoted} END")
        return Typed(value, (*missing, reason))
    if name == "other_source_ids":
        ids = f"list_filter(list_transform(string_split({t}, ';'), lambda s: trim(s)), lambda s: s <> '')"
        return Typed(f"nullif(array_to_string({ids}, '; '), '')", missing)
    return Typed(t, missing)


def _count(name: str, t: str, raw: str, missing: tuple[str, ...]) -> Typed:
    """A count: a whole number, not negative, within the column's type and within reason. `nan` is no
    count either (elsewhere it means missing): a count written as nan is a broken export."""
    n = f"parse_number({t})"
    quoted = f"py_repr({raw})"
    limit = COUNT_LIMITS.get(name, COUNT_MAX)
    reason = (f"CASE WHEN lower(trim({raw})) IN ('nan', '-nan', '+nan') THEN '{name} is not a finite number: ' "
              f"|| {quoted} WHEN {t} IS NULL THEN NULL "
              f"WHEN {n} IS NULL THEN '{name} is not a number: ' || {quoted} "
              f"WHEN NOT isfinite({n}) THEN '{name} is not a finite number: ' || {quoted} "
              f"WHEN {n} <> floor({n}) THEN '{name} is not a whole number: ' || {quoted} "
              f"WHEN {n} < 0 THEN 'negative count in {name}: ' || {quoted} "
              f"WHEN {n} > {limit} THEN '{name} ' || {quoted} || ' is out of range: a count here is at most "
              f"{limit:,}' END")
    value = f"CASE WHEN {n} BETWEEN 0 AND {limit} AND {n} = floor({n}) THEN CAST({n} AS INTEGER) END"
    return Typed(value, (*missing, reason))


def _order(ref: Callable[[str], str], *columns: str) -> str:
    """Counts that must not decrease (low <= best <= high), comparing those given, as the old rule did."""
    low, best, high = (ref(c) for c in columns)
    def msg(a: str, x: str, b: str, y: str) -> str:
        return f"'inverted counts: {a} ' || {x} || ' > {b} ' || {y} || ' (need low <= best <= high)'"
    return (f"CASE WHEN {low} > {best} THEN {msg(columns[0], low, columns[1], best)} "
            f"WHEN {best} > {high} THEN {msg(columns[1], best, columns[2], high)} "
            f"WHEN {best} IS NULL AND {low} > {high} THEN {msg(columns[0], low, columns[2], high)} END")


def counts_as_published(ref: Callable[[str], str], low: str, best: str, high: str) -> tuple[str, str, str]:
    """For a publisher whose estimates may be out of order (UCDP): the row loads as published, `best` kept, and
    (low, high) become the smallest and largest of the three numbers, so a range stays a range. Returns SQL for
    that low, that high, and the flag, which keeps the numbers as published: 'best 3 > high 0 as published (low 0,
    best 3, high 0); the range shown is 0–3' (NULL when they are in order)."""
    lo, be, hi = ref(low), ref(best), ref(high)
    text = {c: f"'{c} ' || CAST({v} AS VARCHAR)" for c, v in (("low", lo), ("best", be), ("high", hi))}
    smallest, largest = f"least({lo}, {be}, {hi})", f"greatest({lo}, {be}, {hi})"
    broken = (f"CASE WHEN {lo} > {be} AND {be} > {hi} THEN {text['low']} || ' > ' || {text['best']} || ' > ' || "
              f"{text['high']} WHEN {lo} > {be} THEN {text['low']} || ' > ' || {text['best']} "
              f"WHEN {be} > {hi} THEN {text['best']} || ' > ' || {text['high']} "
              f"WHEN {be} IS NULL AND {lo} > {hi} THEN {text['low']} || ' > ' || {text['high']} END")
    every = f"' (' || concat_ws(', ', {text['low']}, {text['best']}, {text['high']}) || ')'"
    whole_chain = f"{lo} > {be} AND {be} > {hi}"  # names all three already
    flag = (f"{broken} || ' as published' || CASE WHEN {whole_chain} THEN '' ELSE {every} END || "
            f"'; the range shown is ' || CAST({smallest} AS VARCHAR) || '–' || CAST({largest} AS VARCHAR)")
    # least/greatest skip NULLs: a row giving only low and best keeps high NULL (and vice versa)
    return (f"CASE WHEN {lo} IS NULL THEN NULL ELSE {smallest} END",
            f"CASE WHEN {hi} IS NULL THEN NULL ELSE {largest} END", flag)


def _dates(ref: Callable[[str], str], start: str, end: str) -> str:
    return (f"CASE WHEN {ref(end)} < {ref(start)} THEN '{end} ' || CAST({ref(end)} AS VARCHAR) || "
            f"' is before {start} ' || CAST({ref(start)} AS VARCHAR) END")


def _coordinates(ref: Callable[[str], str], table: str) -> list[str]:
    return [f"CASE WHEN NOT {ref(c)} BETWEEN -{limit} AND {limit} THEN '{c} ' || CAST({ref(c)} AS VARCHAR) || "
            f"' is outside -{limit}..{limit}' END"
            for c, limit in COORDINATE_LIMITS.items() if c in TABLES[table].column_names]


def table_rules(table: str, ref: Callable[[str], str], *, counts_as_published: bool = False) -> list[str]:
    """The checks across columns of one row of `table`, in order (typed values via `ref(column)`).
    `counts_as_published`: events' estimates out of order are flagged, not rejected (see counts_as_published())."""
    rules: list[str] = []
    if table == "events":
        rules.append(_dates(ref, "event_date", "end_date"))
        if not counts_as_published:
            rules.append(_order(ref, "fatalities_low", "fatalities_best", "fatalities_high"))
    elif table == "casualty_reports":
        figures = " AND ".join(f"{ref(c)} IS NULL" for c in ("killed_low", "killed_best", "killed_high"))
        rules += [_dates(ref, "period_start", "period_end"),
                  _order(ref, "killed_low", "killed_best", "killed_high"),
                  f"CASE WHEN {ref('qualifier')} NOT IN {QUALIFIERS} THEN 'unknown qualifier ' || "
                  f"py_repr({ref('qualifier')}) || ' (use one of: {', '.join(QUALIFIERS)})' END",
                  f"CASE WHEN {figures} THEN 'no figure: give at least one of killed_low, killed_best, "
                  "killed_high' END"]
    elif table == "visits":
        rules.append(_dates(ref, "start_date", "end_date"))
    elif table == "event_counts":
        rules.append(_dates(ref, "period_start", "period_end"))
    return rules + _coordinates(ref, table)


def url_warning(url: str, source_id: str) -> str:
    """Links are kept only when they are absolute http(s) URLs that parse; anything else is text (a warning)."""
    return (f"CASE WHEN {url} IS NOT NULL AND NOT is_web_url({url}) THEN 'source ' || py_repr({source_id}) || "
            f"': the link ' || py_repr(left({url}, 200)) || ' is not an absolute http/https URL; kept as text in "
            f"notes, not as a link' END")


def web_url(url: str) -> str:
    """The url column as stored: the URL when it is a web link, else NULL (the text goes to notes)."""
    return f"CASE WHEN is_web_url({url}) THEN {url} END"


def notes_with_url(notes: str, url: str) -> str:
    return (f"CASE WHEN {url} IS NOT NULL AND NOT is_web_url({url}) THEN concat_ws(' ', {notes}, "
            f"{literal('Link as given (not a web URL):')} || ' ' || {url}) ELSE {notes} END")
