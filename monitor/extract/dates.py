"""Dates in news prose, resolved against the publication date, keeping the precision the text gives.

"on Friday" in an article of Monday 21 June 2021 is 18 June 2021 (a day, flagged as given only as a
weekday); "kicking off Tuesday" looks forward (22 June); "in March" is March 2021 (month precision).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|per|people|civilians|countries))"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_MONTH}(?:,?\s+{_YEAR})?\b"),
    re.compile(r"\b(?:(?P<rel>last|next|this)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
               r"Sunday)\b"),
    re.compile(r"\b(?P<deictic>yesterday|today|tonight|last night|tomorrow)\b", re.I),
]
# Words before a date that make it point forward from the publication date.
_FUTURE = re.compile(r"\b(will|shall|is due|are due|due to|set to|is to|are to|kick(?:ing|s)? off|begins?|"
                     r"beginning|starts?|starting|opens?|opening|upcoming|scheduled|planned|plans?|expected|"
                     r"to be held|to attend|from)\W+(?:\w+\W+){0,4}$", re.I)
# "May" is a month only where the context says so (it is also a verb).
_MAY_CONTEXT = re.compile(r"(?:\b(in|since|of|early|late|mid|until|by|from|on|last|next|this|between)\s+|-)$", re.I)


@dataclass(frozen=True)
class When:
    """A resolved date: where it is in the sentence, what it means, and how sure we are."""

    start: date
    precision: str  # day, month, year
    phrase: str
    offset: int  # in the sentence
    length: int
    note: str = ""  # what is uncertain about it

    @property
    def end_offset(self) -> int:
        return self.offset + self.length


def _year_for(month: int, day: int, published: date, forward: bool) -> int:
    """The year that puts a month (and day) nearest the publication date, in the right direction."""
    guess = date(published.year, month, min(day, calendar.monthrange(published.year, month)[1]))
    if forward and guess < published - timedelta(days=7):
        return published.year + 1
    if not forward and guess > published + timedelta(days=7):
        return published.year - 1
    return published.year


def _forward(sentence: str, at: int) -> bool:
    return bool(_FUTURE.search(sentence[max(0, at - 60):at]))


def _weekday(m: re.Match, sentence: str, published: date) -> When:
    wd = WEEKDAYS[m["weekday"].lower()]
    rel = (m["rel"] or "").lower()
    forward = rel == "next" or (rel != "last" and _forward(sentence, m.start()))
    if forward:
        delta = (wd - published.weekday()) % 7 or (7 if rel == "next" else 0)
        day = published + timedelta(days=delta)
    else:
        delta = (published.weekday() - wd) % 7 or (7 if rel == "last" else 0)
        day = published - timedelta(days=delta)
    note = f"given only as a weekday ({m.group().strip()}), resolved against the publication date"
    return When(day, "day", m.group(), m.start(), len(m.group()), note)


def _deictic(m: re.Match, published: date) -> When:
    word = m["deictic"].lower()
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return When(published + timedelta(days=shift), "day", m.group(), m.start(), len(m.group()),
                f"given as '{m.group()}', resolved against the publication date")


def find_dates(sentence: str, published: date) -> list[When]:
    """Every date the sentence states, in order of appearance, without overlaps."""
    found: list[When] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            when = _resolve(m, sentence, published)
            if when is not None:
                found.append(when)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda w: w.offset)


def _resolve(m: re.Match, sentence: str, published: date) -> When | None:
    groups = m.groupdict()
    if groups.get("weekday"):
        return _weekday(m, sentence, published)
    if groups.get("deictic"):
        return _deictic(m, published)
    month_word = groups["month"]
    if month_word == "May" and not groups.get("day") and not groups.get("year") \
            and not _MAY_CONTEXT.search(sentence[:m.start()]):
        return None
    month = MONTHS[month_word.lower().rstrip(".")]
    day = int(groups["day"]) if groups.get("day") else 0
    if day > calendar.monthrange(2000, month)[1]:
        return None
    forward = _forward(sentence, m.start())
    year = int(groups["year"]) if groups.get("year") else _year_for(month, day or 1, published, forward)
    note = "" if groups.get("year") else f"year not stated: {year} is the one nearest the publication date"
    if day:
        try:
            return When(date(year, month, day), "day", m.group(), m.start(), len(m.group()), note)
        except ValueError:
            return None
    month_note = "month only"
    return When(date(year, month, 1), "month", m.group(), m.start(), len(m.group()),
                "; ".join(filter(None, [month_note, note])))


def month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
