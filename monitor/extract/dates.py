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


@dataclass(frozen=True)
class Span:
    """A period a figure covers ('between 1 January and 31 March', 'in the first half of the year')."""

    start: date
    end: date
    phrase: str


_YEAR_OF = r"(?:the year|this year|(?P<last>last) year|(?P<year>(?:19|20)\d\d))"
_HALF = re.compile(rf"(?i)\b(?:in\s+)?the\s+(?P<which>first|second)\s+half\s+of\s+{_YEAR_OF}")
_MONTHS_OF = re.compile(rf"(?i)\b(?:in\s+)?the\s+(?P<which>first|last|final)\s+(?P<count>two|three|four|six|nine|\d)\s+"
                        rf"months\s+of\s+{_YEAR_OF}")
_DATE_WORDS = r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}|[A-Z][a-z]+)(?:,?\s+(?:19|20)\d\d)?"
_BETWEEN = re.compile(rf"\b[Bb]etween\s+(?P<a>{_DATE_WORDS})\s+and\s+(?P<b>{_DATE_WORDS}|\d{{1,2}}\b)")
_FROM_TO = re.compile(rf"\b[Ff]rom\s+(?P<a>{_DATE_WORDS})\s+(?:to|through|until|till)\s+(?:the\s+end\s+of\s+)?"
                      rf"(?P<b>{_DATE_WORDS})")
_COUNTS = {"two": 2, "three": 3, "four": 4, "six": 6, "nine": 9}


def _year(m: re.Match, published: date) -> int:
    if m["year"]:
        return int(m["year"])
    return published.year - 1 if m["last"] else published.year


def period_in(sentence: str, published: date) -> Span | None:
    """The period a sentence says its figures cover, resolved against the publication date; None if none."""
    if m := _HALF.search(sentence):
        year = _year(m, published)
        first = m["which"].lower() == "first"
        return Span(date(year, 1 if first else 7, 1), date(year, 6 if first else 12, 30 if first else 31), m.group())
    if m := _MONTHS_OF.search(sentence):
        year, count = _year(m, published), _COUNTS.get(m["count"].lower()) or int(m["count"])
        if m["which"].lower() == "first":
            return Span(date(year, 1, 1), month_end(date(year, count, 1)), m.group())
        return Span(date(year, 13 - count, 1), date(year, 12, 31), m.group())
    for pattern in (_BETWEEN, _FROM_TO):
        if (m := pattern.search(sentence)) and (span := _span(m, published)):
            return span
    return None


def _span(m: re.Match, published: date) -> Span | None:
    first = find_dates(m["a"], published)
    if not first:
        return None
    start = first[0]
    if m["b"].isdigit():
        try:
            end = start.start.replace(day=int(m["b"]))
        except ValueError:
            return None
    else:
        last = find_dates(m["b"], published)
        if not last:
            return None
        end = month_end(last[0].start) if last[0].precision == "month" else last[0].start
        if not re.search(r"\d{4}", m["b"]):  # "from January to June": the end is in the start's year (or the next)
            end = end.replace(year=start.start.year)
            if end < start.start:
                end = end.replace(year=start.start.year + 1)
    return Span(start.start, end, m.group()) if end >= start.start else None
