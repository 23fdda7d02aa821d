"""Visits, meetings and statements: who went where, whom they met, who said what."""

from __future__ import annotations

import re

from monitor.extract.common import (
    NEGATED,
    REPORTING,
    FactDate,
    Reading,
    countries,
    fact_date,
    government,
    person_label,
)
from monitor.extract.dates import find_dates
from monitor.extract.entities import Person, PersonMention, countries_in, people_in
from monitor.extract.lexicon import DEMONYMS
from monitor.extract.model import Candidate
from monitor.extract.text import Sentence
from monitor.geo import place_country

_PLACE = r"(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)"
# A trip, told as travel, arrival, landing, crossing, or a visit made or paid.
VISIT = re.compile(
    r"\b(?:arrived in|arrives in|arriving in|arrived at|(?:has |had )?travell?ed to|travels to|flew (?:in)?to|"
    r"flies to|landed in|landed at|touched down in|touched down at|visited|is visiting|was visiting|reached|"
    r"crossed into|pulled into|rolled into|drove into|on (?:an?|his|her|their) (?:[\w\-]+ ){0,3}?"
    r"(?:visit|trip) to|(?:made|paid|began|started|makes|pays) an? (?:[\w\-]+ ){0,2}(?:visit|trip|journey) to|"
    r"(?:made|paid|makes) an? (?:[\w\-]+ ){0,2}(?:stop|stopover) in|stopped (?:off )?in|"
    r"(?:was|is|were) attending [^.,;]*? in|attended [^.,;]*? in|(?:was|is|were) in(?= [A-Z]))\s+(?:the\s+)?" + _PLACE)
# "left Pyongyang on Sunday for Russia", "left Naypyitaw to attend a regional summit in Bangkok"
_LEFT = re.compile(r"\bleft\s+(?P<origin>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)\b(?:[^.;]|[ap]\.m\.){0,80}?\b(?:for|"
                   r"to (?:begin|start) (?:his|her|their|a) (?:journey|trip|visit|tour) to|to travel to|to visit|"
                   r"to attend [^.;]{0,80}? in|to take part in [^.;]{0,80}? in)\s+(?:the\s+)?" + _PLACE)
# A host receiving a visitor: "Putin greeted Kim … at the spaceport in Russia's Far East".
_RECEIVED = re.compile(r"\b(?:greeted|welcomed|received|hosted)\b")
# Where a meeting or welcome happened: "in Kyiv", "in the Russian resort of Sochi", "in Russia's Far East".
_WHERE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:(?P<demonym>[A-Z][a-z]+)\s+(?:resort|city|town|port|capital|village|"
                    r"region)\s+of\s+)?" + _PLACE)
MEET = re.compile(r"\b(?:had |has |have )?(?:met|meets|held talks|talked|spoke)(?: with)?\b")
SAY = re.compile(r"\b(said|says|warned|announced|declared|urged|condemned|vowed|pledged)\b")
_PURPOSE = re.compile(r"\b(?:for|to attend) (?:an? |the )?(?P<what>[^,.;]*?(?:conference|summit|forum|talks|"
                      r"meeting|parade|ceremony|celebrations?|assembly|games|exercises?))\b")
_MULTILATERAL = re.compile(r"(?i)\b(international|conference|summit|forum|assembly|multilateral|regional)\b")
_PRONOUN_SPEAKER = re.compile(r"(?i)^(it|he|she|they|we|i|this|that|the officials?|officials|the statement)$")


def _visitor(sentence: str, before: int, reading: Reading) -> tuple[Person, str | None] | None:
    """The person travelling: a name before the verb, or a role ('the junta chief') the article ties to one."""
    names = [p for p in people_in(sentence, reading.ctx.surnames) if p.end <= before]
    if names:
        p = reading.ctx.person(names[-1].name)
        return (p, None) if p else None
    m = re.search(r"\bthe ((?:[\w\-]+\s){0,3}(?:chief|leader|head|president|minister))\s*$", sentence[:before].rstrip()
                  + " ")
    if m and (p := reading.ctx.person_by_role(m.group(1))):
        return p, f"visitor named in the sentence only as 'the {m.group(1)}': taken to be {p.name}"
    return None


def _where(place: str) -> tuple[str | None, str | None]:
    """(host country, city) for a place as written: 'Moscow’s Vnukovo' -> (RUS, Moscow), 'Russia' -> (RUS, None)."""
    head = re.split(r"(?:’s|'s)\b", place)[0].strip()
    located = place_country(head)
    if located:
        return located[0], head
    named = countries_in(place)
    return (named[0].iso3, None) if named else (None, None)


def _trip(s: Sentence, reading: Reading) -> tuple[Person, str | None, str | None, int, int, list[str]] | None:
    """(visitor, host, city, where the trip is told, its end, notes) for the first way the sentence tells one."""
    text = s.text
    if m := _LEFT.search(text):
        found = _visitor(text, m.start(), reading)
        host, city = _where(m["place"])
        origin = _where(m["origin"])[0]
        if found and host and host != origin:
            visitor, note = found
            if visitor.iso3 is None and origin:
                visitor = Person(visitor.name, visitor.role, origin)
                note = "; ".join(filter(None, [note, f"visitor's country taken from where he left ({m['origin']})"]))
            notes = [n for n in [note, "trip told as leaving for it: dated by the departure"] if n]
            return visitor, host, city, m.start(), m.end(), notes
    if m := VISIT.search(text):
        found = _visitor(text, m.start(), reading)
        host, city = _where(m["place"])
        if re.match(r"(?:was|is|were) in\b", m.group()) and city is None:
            host = None  # "was in Kyiv" is a trip; "was in Russia's interest" is not
        if found and host:
            visitor, note = found
            return visitor, host, city, m.start(), m.end(), [note] if note else []
    if m := _RECEIVED.search(text):  # the host greets: the visitor is named after the verb
        guests = [p for p in people_in(text, reading.ctx.surnames) if p.start > m.end()]
        where = _WHERE.search(text, m.end())
        if guests and where and where.start() - m.end() < 90 and (guest := reading.ctx.person(guests[0].name)):
            host, city = _place_of(where)
            if host and city:
                return guest, host, city, m.start(), where.end(), ["visit told as the host receiving the visitor"]
    if m := MEET.search(text):  # a meeting in another country's city is a visit by whoever came
        where = _WHERE.search(text, m.end())
        found = _visitor(text, m.start(), reading)
        if where and found and where.start() - m.end() < 90:  # "met X in New Delhi", not "… interference in Myanmar"
            host, city = _place_of(where)
            if host and city:
                return found[0], host, city, m.start(), where.end(), [
                    f"visit inferred from a meeting in {where['place']}"]
    return None


def _place_of(where: re.Match) -> tuple[str | None, str | None]:
    if where["demonym"] and where["demonym"] in DEMONYMS:
        located = place_country(where["place"])
        return DEMONYMS[where["demonym"]], where["place"] if located else None
    return _where(where["place"])


def visits(s: Sentence, reading: Reading) -> list[Candidate]:
    if NEGATED.search(s.text):
        return []
    trip = _trip(s, reading)
    if trip is None:
        return []
    visitor, host, city, at, end, notes = trip
    if host == visitor.iso3 or (visitor.iso3 is None and notes and notes[-1].startswith("visit inferred")):
        return []
    when = fact_date(s.text, reading, near=at)
    if when.when is not None and when.when.offset > end + 40:  # "kicking off Tuesday" dates the conference
        when = fact_date("", reading)
    purpose = _PURPOSE.search(s.text[at:])
    occasion = purpose["what"] if purpose else None
    uncertain = [*when.notes, *notes]
    if visitor.iso3 is None:
        uncertain.append("the visitor's country is not stated")
    confidence = (0.8 if when.precision == "day" else 0.7) - 0.1 * len(notes) - (0.1 if visitor.iso3 is None else 0)
    return [Candidate("visits", "visit", {
        "start_date": when.start, "end_date": None, "date_precision": when.precision,
        "visitor_name": visitor.name, "visitor_role": visitor.role, "visitor_iso3": visitor.iso3,
        "host_iso3": host, "city": city, "met": None,
        "purpose": f"Attend {occasion}" if occasion else None,
        "multilateral": bool(occasion and _MULTILATERAL.search(occasion)), "occasion": occasion,
    }, [s], uncertain, max(0.3, confidence))]


def _person(p: PersonMention, reading: Reading) -> Person:
    return reading.ctx.person(p.name) or Person(p.name)


def meetings(s: Sentence, reading: Reading) -> list[Candidate]:
    m = MEET.search(s.text)
    if not m or NEGATED.search(s.text):
        return []
    named = people_in(s.text, reading.ctx.surnames)
    before = [p for p in named if p.end <= m.start()]
    after = [p for p in named if p.start >= m.end()]
    if len(before) >= 2 and not after and re.search(r"\band\s*$", s.text[before[-2].end:before[-1].start]):
        after = [before.pop()]  # "A and B met"
    if not before or not after:
        return []
    a, b = _person(before[-1], reading), _person(after[0], reading)
    when = fact_date(s.text, reading, near=m.start())
    place = next((c for c in countries_in(s.text[m.end():]) if c.kind == "capital"), None)
    return [Candidate("events", "meeting", {
        "event_date": when.start, "end_date": None, "date_precision": when.precision, "event_type": "meeting",
        "sub_event_type": "bilateral talks", "country_iso3": place.iso3 if place else None,
        "counterpart_iso3": None, "location": place.text if place else None,
        "actor1": person_label(a.name, a.role), "actor2": person_label(b.name, b.role), "summary": s.text,
        "_people": (a, b),
    }, [s], list(when.notes), 0.75)]


def _speaker_span(text: str, verb: re.Match) -> str:
    """The words before the verb back to the clause start, dates and 'While' dropped."""
    head = re.split(r"[,;:“”\"]|\bthat\b", text[:verb.start()])[-1]
    head = re.sub(r"\b(?:in|on|last|this)\s+(?:[A-Z][a-z]+|\d+)(?:\s+\d+)?\s*$", "", head.strip())
    return re.sub(r"^(?:While|But|And|However|Meanwhile|Also)\s+", "", head.strip()).strip()


def statements(s: Sentence, reading: Reading) -> list[Candidate]:
    verb = SAY.search(s.text)
    if not verb or NEGATED.search(s.text[:verb.start()]):
        return []
    speaker = _speaker_span(s.text, verb)
    if not speaker or _PRONOUN_SPEAKER.match(speaker) or len(speaker.split()) > 8:
        return []
    named = countries(speaker)
    people = people_in(speaker, reading.ctx.surnames)
    if people:
        p = _person(people[-1], reading)
        actor, iso3 = person_label(p.name, p.role), p.iso3
    elif named:
        actor, iso3 = (government(named[0]) if len(named[0].text) == len(speaker.removeprefix("the ")) or
                       named[0].kind in {"capital", "org"} else speaker), named[0].iso3
    else:
        return []
    content = s.text[verb.end():] if verb.start() < len(s.text) / 2 else s.text[:verb.start()]
    others = [c.iso3 for c in countries_in(content) if c.iso3 != iso3]
    dates = find_dates(s.text[:verb.end() + 25], reading.published)
    said_on = min(dates, key=lambda w: abs(w.offset - verb.start())) if dates else None
    when = FactDate(said_on.start, said_on.precision, (said_on.note,) if said_on.note else (), said_on) \
        if said_on else fact_date("", reading)
    precision = when.precision
    capital = next((c.text for c in named if c.kind == "capital"), None)
    return [Candidate("events", "statement", {
        "event_date": when.start, "end_date": None, "date_precision": precision, "event_type": "statement",
        "sub_event_type": None, "country_iso3": iso3, "counterpart_iso3": others[0] if others else None,
        "location": capital, "actor1": actor, "actor2": None, "summary": s.text,
    }, [s], list(when.notes), 0.55 if REPORTING.search(verb.group()) else 0.6)]
