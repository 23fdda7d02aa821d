"""How numbers and dates are said on screen: never a bare number, never a false precision.

Pure functions over plain values and DataFrame rows (Mappings), shared by the pages and the figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from monitor.countries import country_name
from monitor.text import missing, plain, present


def _date(value: Any) -> date | None:
    """A date from a date, Timestamp or ISO string; None for missing values."""
    if missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None


def _num(value: Any) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(value)


def day(value: Any) -> str:
    """'21 Jun 2021' (no leading zero)."""
    d = _date(value)
    return f"{d.day} {d:%b %Y}" if d else "undated"


def date_span(start: Any, end: Any) -> str:
    """'1 Feb – 21 Jun 2021'; the year once when both ends share it; one date when they are the same."""
    a, b = _date(start), _date(end)
    if a is None or b is None or a == b:
        return day(a or b)
    if a.year == b.year and a.month == b.month:
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {day(b)}"
    return f"{day(a)} – {day(b)}"


def when(start: Any, end: Any = None, precision: str | None = None, short: bool = False) -> str:
    """A date said as precisely as the source gave it ('Mar 2021 (month only)', 'on or before …')."""
    d = _date(start)
    if d is None:
        return "undated"
    p = (present(precision) or "day").lower()
    if p == "month":
        return f"{d:%b %Y} (month only)" if short else f"{d:%b %Y} (month only; day not known)"
    if p == "year":
        return f"{d.year} (year only)"
    if p == "reported":
        return f"on or before {day(d)}" + ("" if short else " (the date it was reported)")
    if _date(end) and _date(end) != d:
        return date_span(d, end)
    if p in ("day", "range"):
        return day(d)
    return f"{day(d)} ({p})"


def count(n: Any) -> str:
    """1234 -> '1,234'."""
    return f"{int(n):,}"


QUALIFIED_COLUMN = {"at least": "killed_low", "up to": "killed_high", "about": "killed_best", "exactly": "killed_best"}


def stated_figure(row: Mapping[str, Any]) -> int | None:
    """The number a report states with its qualifier: the low end of 'at least', the high end of 'up to'."""
    column = QUALIFIED_COLUMN.get(present(row.get("qualifier")) or "", "killed_best")
    for name in (column, "killed_best", "killed_low", "killed_high"):
        if (value := _num(row.get(name))) is not None:
            return value
    return None


def killed_number(row: Mapping[str, Any]) -> str:
    """'at least 870', 'about 1,200', 'between 800 and 1,000 (best estimate 900)'."""
    low, best, high = (_num(row.get(c)) for c in ("killed_low", "killed_best", "killed_high"))
    if low is not None and high is not None and low != high:
        return f"between {count(low)} and {count(high)}" + (f" (best estimate {count(best)})" if best else "")
    figure = stated_figure(row)
    if figure is None:
        return "an unstated number of"
    qualifier = present(row.get("qualifier")) or ""
    return f"{count(figure)}" if qualifier in ("", "exactly") else f"{qualifier} {count(figure)}"


def victims_word(victims: Any) -> str:
    word = present(victims)
    return "people" if word is None or word.lower() in ("all", "total") else word


def only_reported(row: Mapping[str, Any]) -> bool:
    """True when a casualty report's as_of is the date a report carried the figure, not the reporter's own."""
    return (present(row.get("date_precision")) or "").lower() == "reported"


def report_period(row: Mapping[str, Any]) -> str:
    """'1 Feb – 20 May 2021' (the reporter's own as-of date), or 'since 1 Feb 2021, reported on 19 Jun 2021'
    when only the report's date is known: the count is as of that date or earlier, so it is no period end."""
    start, as_of = _date(row.get("period_start")), _date(row.get("as_of"))
    if only_reported(row):
        return (f"since {day(start)}, " if start else "") + f"reported on {day(as_of)}"
    end = _date(row.get("period_end")) or as_of
    return date_span(start, end) if start else f"as of {day(end)}"


def killed_headline(row: Mapping[str, Any]) -> tuple[str, str]:
    """('at least 870 civilians killed', 'in Myanmar, since 1 Feb 2021, reported on 21 Jun 2021, per a local
    monitoring group')."""
    lead = f"{killed_number(row)} {victims_word(row.get('victims'))} killed"
    period = report_period(row)
    reporter = present(row.get("reported_by")) or "an unnamed reporter"
    detail = f"in {country_name(present(row.get('country_iso3')) or '')}, {period}, per {reporter}"
    return lead, detail


def fatalities_phrase(row: Mapping[str, Any]) -> str:
    """One origin's summed event fatalities with their range where the source keeps one.

    Expects the columns of queries.fatalities_by_origin: events, n_low, n_best, n_high, low, best, high.
    """
    n = int(row["events"])
    best, low, high = _num(row.get("best")), _num(row.get("low")), _num(row.get("high"))
    n_low, n_high, n_best = int(row.get("n_low") or 0), int(row.get("n_high") or 0), int(row.get("n_best") or 0)
    events = f"in {count(n)} event{'s' if n != 1 else ''}"
    if best is None:
        if low is not None:
            return f"at least {count(low)} killed {events} (only lower bounds given)"
        return f"{count(high or 0)} at most killed {events} (only upper bounds given)"
    text = f"{count(best)} killed (best estimate) {events}"
    if n_low == n_best == n_high == n and low is not None and high is not None:
        return f"{text}; range {count(low)}–{count(high)}"
    if n_low or n_high:
        return f"{text}; a low–high range is given for {count(min(n_low, n_high))} of them"
    return f"{text}; one figure per event, no range given"


def latest(*columns: Any) -> date | None:
    """The latest date in any of the given Series/iterables (the data's as-of date for a caption)."""
    dates = [d for column in columns for d in (_date(v) for v in column) if d]
    return max(dates) if dates else None


def countries_text(country: Any, counterpart: Any = None) -> str:
    """'Russia, with Myanmar' for an event's country and its counterpart; one name when there is none."""
    names = [country_name(c) for c in map(present, (country, counterpart)) if c]
    return ", with ".join(names)


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """A compact, readable table of events: when (as precisely as known), type, countries, summary, source; and
    a "⚑ Flag" column after "When" when a row has a flag (loaded as published, worth a look)."""
    flags = events["flag"].map(present) if "flag" in events.columns else pd.Series([None] * len(events))
    flagged = {"⚑ Flag": [plain(x) if x else "" for x in flags]} if flags.notna().any() else {}
    return pd.DataFrame({
        "When": [when(r.event_date, r.end_date, r.date_precision, short=True) for r in events.itertuples()],
        **flagged,
        "Type": [plain(t).replace("_", " ") for t in events["event_type"]],
        "Countries": [countries_text(a, b) for a, b in zip(events["country_iso3"], events["counterpart_iso3"],
                                                            strict=True)],
        "Summary": [plain(s) for s in events["summary"]],
        "Source": [" — ".join(filter(None, (present(p), present(t))))
                   for p, t in zip(events["publisher"], events["title"], strict=True)],
    })


def countries_label(codes: Sequence[str]) -> str:
    """'Myanmar, Russia' for the chosen countries; 'all countries' when none is chosen."""
    return ", ".join(country_name(c) for c in codes) if codes else "all countries"


def change(now: Any, before: Any) -> str:
    """'+484 (from 55)', '−3 (from 8)', 'same (12)', 'new': a figure against the previous period's."""
    n, b = _num(now) or 0, _num(before)
    if not b:
        return "new" if n else "none before"
    if n == b:
        return f"same ({count(b)})"
    return f"{'+' if n > b else '−'}{count(abs(n - b))} (from {count(b)})"


def killed_cell(row: Mapping[str, Any]) -> str:
    """An aggregate's death toll in a table cell: the best estimate's sum; 'at least N' when only lower bounds are
    stated; '—' when no event states one."""
    if int(row.get("n_best") or 0):
        return count(row["best"])
    if int(row.get("n_low") or 0):
        return f"at least {count(row['low'])}"
    if int(row.get("n_high") or 0):
        return f"at most {count(row['high'])}"
    return "—"


def range_cell(row: Mapping[str, Any]) -> str:
    """'945–5,496': the sums of the low and high estimates, when every event in the row states both; else ''."""
    n = int(row.get("events") or 0)
    if n and int(row.get("n_low") or 0) == int(row.get("n_high") or 0) == n:
        return f"{count(row['low'])}–{count(row['high'])}"
    return ""
