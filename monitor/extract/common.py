"""What every rule shares: the reading context, sentence dates, negation, reporting verbs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from monitor.countries import country_name
from monitor.extract.dates import When, find_dates
from monitor.extract.entities import ArticleContext, Mention, countries_in

# A fact that did not happen, or has not happened yet, is not a row.
NEGATED = re.compile(r"(?i)\b(cancel+ed|called off|postponed|scrapped|did not|didn't|never|will not|won't|"
                     r"was due to|were due to|had been due to|had planned|planned to|plans to|would have|"
                     r"denied|refused to|failed to|is expected to|are expected to|will|is due to|is set to|"
                     r"are set to|could not|couldn't|rejected reports)\b")
REPORTING = re.compile(r"(?i)\b(said|says|reported|reports|announced|told|stated|added|confirmed)\b")
_REPORT_BEFORE = re.compile(r"(?i)\b(said|reported|announced|told \w+|stated|confirmed)"
                            r"(?: in a statement| in a (?:televised )?speech| on state (?:television|media))?"
                            r"\s+(?:on\s+)?$")
_REPORT_AFTER = re.compile(r"(?i)^\s*(said|reported|announced|told|stated|confirmed)\b")


@dataclass(frozen=True)
class Reading:
    """The article-wide facts a rule needs: when it was published, and who is who in it."""

    published: date
    ctx: ArticleContext


def is_reporting_date(sentence: str, when: When) -> bool:
    """'said in a statement on Monday', 'on Sunday reported': the day of the report, not of the fact."""
    return bool(_REPORT_BEFORE.search(sentence[:when.offset]) or _REPORT_AFTER.match(sentence[when.end_offset:]))


@dataclass(frozen=True)
class FactDate:
    start: date
    precision: str  # day, month, reported
    notes: tuple[str, ...]
    when: When | None


def fact_date(sentence: str, reading: Reading, near: int | None = None) -> FactDate:
    """The date a fact happened: a stated date (nearest to `near`), else the report's date ('reported':
    on or before), else the publication date."""
    dates = find_dates(sentence, reading.published)
    stated = [w for w in dates if not is_reporting_date(sentence, w)]
    if stated:
        w = min(stated, key=lambda w: abs(w.offset - near)) if near is not None else stated[0]
        return FactDate(w.start, w.precision, tuple(filter(None, [w.note])), w)
    reported = [w for w in dates if is_reporting_date(sentence, w)]
    if reported:
        w = reported[0]
        return FactDate(w.start, "reported", (f"no date for the fact itself: on or before the report of "
                                               f"{w.start:%d %B %Y} ({w.phrase})",), w)
    return FactDate(reading.published, "reported",
                    ("no date in the sentence: on or before the publication date",), None)


def countries(sentence: str, *, possessive: bool | None = None) -> list[Mention]:
    return [m for m in countries_in(sentence) if possessive is None or m.possessive == possessive]


def government(m: Mention) -> str:
    """How a speaking country is named as an actor: 'Government of Russia' for 'Moscow' or 'Russia'."""
    return m.text if m.kind == "org" else f"Government of {country_name(m.iso3)}"


def person_label(name: str, role: str | None) -> str:
    return f"{name} ({role})" if role else name
