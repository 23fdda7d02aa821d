"""Dated events mentioned in passing: the coup, a parade, a conference, an election."""

from __future__ import annotations

import re
from datetime import date, timedelta

from monitor.countries import country_name
from monitor.extract.common import NEGATED, Reading, fact_date
from monitor.extract.dates import month_end
from monitor.extract.entities import countries_in
from monitor.extract.lexicon import number
from monitor.extract.model import Candidate
from monitor.extract.text import Sentence

TRIGGERS: list[tuple[str, str, re.Pattern]] = [
    ("coup", "military seizure of power",
     re.compile(r"\b(coup|overthrew|overthrown|seized power|took power|military takeover)\b")),
    ("parade", "parade", re.compile(r"\bparades?\b")),
    ("conference", "international meeting", re.compile(r"\b(conference|summit|forum)\b")),
    ("election", "election", re.compile(r"\belections?\b")),
]
_DURATION = re.compile(r"\b(?P<n>\w+)-day\b")
_SUBJECT = re.compile(r"(?i)(?P<subj>\b(?:the|a|an)\s+(?:[\w’'\-]+\s+){0,4}?)(?:in \w+\s+|on \w+\s+)?"
                      r"(?:overthrew|seized|took|joined|attended|held|staged|led)\b")


def _date_near(text: str, reading: Reading, at: int):
    when = fact_date(text, reading, near=at)
    if when.when is None or when.precision == "reported":
        return None
    between = text[min(at, when.when.offset):max(at, when.when.offset)]
    if abs(when.when.offset - at) > 60 and (when.when.offset < at or re.search(r"[,;]", between)):
        return None  # a date far from the trigger belongs to something else in the sentence
    return when


def dated_events(s: Sentence, reading: Reading) -> list[Candidate]:
    found: list[Candidate] = []
    for event_type, sub_type, pattern in TRIGGERS:
        m = pattern.search(s.text)
        if not m or (NEGATED.search(s.text) and event_type != "conference"):
            continue
        when = _date_near(s.text, reading, m.start())
        if when is None:
            continue
        end: date | None = None
        precision = when.precision
        duration = _DURATION.search(s.text[max(0, m.start() - 60):m.end()])
        days = number(duration["n"]) if duration else None
        if days and days > 1 and when.precision == "day":
            end, precision = when.start + timedelta(days=days - 1), "range"
        mentions = countries_in(s.text)
        place = next((c for c in mentions if c.kind == "capital"), None)
        owner = next((c for c in mentions if c.possessive), None)
        country = place or owner or next((c for c in mentions if c.kind == "country"), None)
        iso3 = country.iso3 if country else reading.ctx.main_country
        counterpart = next((c.iso3 for c in mentions if c.iso3 != iso3), None)
        subject = _SUBJECT.search(s.text)
        actor1 = subject["subj"].strip() if subject else None
        if event_type == "coup" and actor1 and actor1.lower() in {"the military", "the army"} and iso3:
            actor1 = f"{country_name(iso3)} military"
        uncertain = list(when.notes)
        if when.precision == "month":
            uncertain.append(f"stored as the first of the month; the event fell between "
                             f"{when.start:%d %B} and {month_end(when.start):%d %B %Y}")
        found.append(Candidate("events", "event", {
            "event_date": when.start, "end_date": end, "date_precision": precision, "event_type": event_type,
            "sub_event_type": sub_type, "country_iso3": iso3, "counterpart_iso3": counterpart,
            "location": place.text if place else None, "actor1": actor1, "actor2": None, "summary": s.text,
        }, [s], uncertain, 0.7 if precision != "month" else 0.6))
    return found
