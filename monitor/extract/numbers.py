"""Casualty reports and UN votes: the numbers, their qualifiers, who counted, and each country's vote."""

from __future__ import annotations

import re
from datetime import date

from monitor.extract.common import Reading, fact_date
from monitor.extract.dates import find_dates
from monitor.extract.entities import countries_in, people_in
from monitor.extract.lexicon import NATIONAL_BODIES, NUMBER, UN_BODIES, number
from monitor.extract.model import Candidate
from monitor.extract.text import Sentence

_N = rf"(?P<n>\b{NUMBER}\b)"
_Q = r"(?:(?P<q>at least|more than|over|about|around|nearly|almost|some|up to|as many as|an estimated|roughly)\s+)?"
_VICTIMS = r"(?P<v>(?:[a-z\-]+\s){0,2}?(?:civilians|people|protesters|demonstrators|soldiers|troops|children|" \
           r"fighters|militants|policemen|police officers|officers|villagers|residents|persons|individuals|" \
           r"members|migrants|refugees|journalists))"
KILLED = [
    re.compile(rf"\b(?:killed|kills|killing|left)\s+{_Q}{_N}\s+{_VICTIMS}(?!\s+(?:injured|wounded|homeless))"),
    re.compile(rf"(?i){_Q}{_N}\s+{_VICTIMS}\s+(?:have been |had been |were |was |are |being )?"
               rf"(?:killed|dead|died|slain|shot dead)\b"),
    re.compile(rf"\bdeath toll\s+(?:[\w\-]+\s){{0,4}}?(?:to|of|at|reached|hit)\s+{_Q}{_N}\b"),
]
QUALIFIERS = {"at least": "at least", "more than": "at least", "over": "at least", "about": "about",
              "around": "about", "nearly": "about", "almost": "about", "some": "about", "roughly": "about",
              "an estimated": "about", "up to": "up to", "as many as": "up to", None: "exactly"}
_REPORTER = re.compile(r"\baccording to (?P<r>[^,.;“”]+)|,\s*(?P<s>[^,.;“”]+?) said\b")
_SINCE = re.compile(r"\bsince (?:the )?(?P<what>[^,.;]{0,40}?\b(?:coup|takeover|war|conflict|invasion|"
                    r"fighting|crackdown|protests?|began|started)\b|[A-Z][a-z]+ \d{1,2}(?:, \d{4})?|\d{1,2} "
                    r"[A-Z][a-z]+(?: \d{4})?)")


def casualties(s: Sentence, reading: Reading) -> list[Candidate]:
    for pattern in KILLED:
        if m := pattern.search(s.text):
            break
    else:
        return []
    n = number(m["n"])
    if n is None:
        return []
    raw_q = (m["q"] or "").lower() or None
    qualifier = QUALIFIERS[raw_q]
    uncertain = []
    if raw_q in {"more than", "over"}:
        n += 1
        uncertain.append(f"stated as '{raw_q} {m['n']}': stored as at least {n}")
    elif raw_q:
        uncertain.append(f"'{raw_q}': the figure is not exact")
    victims = (m.groupdict().get("v") or "people").split()[-1]
    reporter = _REPORTER.search(s.text)
    reported_by = (reporter["r"] or reporter["s"]).strip() if reporter else None
    if reported_by is None:
        uncertain.append("no reporter named: who counted is not stated")
    since = _SINCE.search(s.text)
    rest = s.text[:m.start()] + s.text[m.end():]
    if since:
        rest = s.text.replace(since.group(), "").replace(m.group(), "")
    as_of = fact_date(rest, reading)
    start: date | None = None
    if since:
        dates = find_dates(since.group(), reading.published)
        if dates:
            start = dates[0].start
            if dates[0].precision == "month":
                uncertain.append(f"period starts in {dates[0].start:%B %Y} (month only)")
        else:
            uncertain.append(f"period starts at '{since['what']}', undated here")
    named = [c.iso3 for c in countries_in(s.text) if c.kind != "demonym"]
    country = named[0] if named else reading.ctx.country_for_words(s.text) or reading.ctx.main_country
    if not named:
        uncertain.append("country not named in the sentence: inferred from the article")
    fields = {
        # 'reported': the figure is only dated by the report that carried it (as of then or earlier)
        "country_iso3": country, "as_of": as_of.start, "date_precision": as_of.precision, "period_start": start,
        "period_end": as_of.start if since and as_of.precision == "day" else None, "victims": victims,
        "killed_low": n if qualifier == "at least" else None,
        "killed_best": n if qualifier in {"about", "exactly"} else None,
        "killed_high": n if qualifier == "up to" else None,
        "qualifier": qualifier, "cumulative": bool(since), "reported_by": reported_by or "not stated",
        "notes": f"“{s.text}”",
        "_since": since["what"] if since else None,
    }
    return [Candidate("casualty_reports", "casualties", fields, [s], uncertain, 0.85 if reporter else 0.6)]


# --- UN votes ----------------------------------------------------------------------------------------------

_VOTE_TRIGGER = re.compile(r"(?i)\b(resolution|vote[sd]?|voting|adopted|approved|passed|calling on|calls on|"
                           r"called on|demands?|condemn\w*|text)\b")
TOTALS = {
    "yes": [re.compile(rf"(?i)\b(?:approved|adopted|backed|supported|passed)\s+(?:by|with)\s+(?:the support of\s+)?"
                       rf"{_N}"),
            re.compile(rf"(?i){_N}\s+(?:other\s+)?(?:countries|nations|states|members|member states)?\s*"
                       rf"(?:voting|voted|votes)\s+(?:“|\")?(?:yes|in favou?r|for)\b"),
            re.compile(rf"(?i)\bwith the support of\s+{_N}")],
    "no": [re.compile(rf"(?i){_N}\s+(?:other\s+)?(?:countr(?:y|ies)|nations?|states?|members?)?(?:,[^,]{{2,40}},)?\s*"
                      rf"(?:voting|voted|votes?)\s+(?:“|\")?(?:against|no)\b"),
           re.compile(rf"(?i){_N}\s+against\b")],
    "abstain": [re.compile(rf"(?i){_N}\s+(?:other\s+)?(?:countries\s+|nations\s+|states\s+|members\s+)?"
                           rf"(?:abstaining|abstained|abstentions?)\b")],
}
_CAST = re.compile(r"(?i)(?:voted|voting|votes?)\s+(?:“|\")?(?P<code>against|no|yes|in favou?r(?: of)?|for)\b|"
                   r"\b(?P<abstain>abstain(?:ed|ing)?|abstentions?)\b")
_LIST_AFTER = re.compile(r"^[\s,]*(?:including|among them|such as|notably|with)\b")


def _code(m: re.Match) -> str:
    if m["abstain"]:
        return "A"
    return "N" if m["code"].lower() in {"against", "no"} else "Y"


# "Myanmar's envoy to the world body, Kyaw Moe Tun, voted in favour": the seat votes, and who held it matters.
_SEAT = re.compile(r"^\s+(?:UN\s+|U\.N\.\s+)?(?:envoy|ambassador|permanent representative|representative|"
                   r"delegation|mission)\b")


def _voters(clause: str) -> list[tuple[str, str | None]]:
    """(iso3, note) for each country a clause names as voting: not a possessive ('Myanmar’s main ally'),
    unless it is a country's seat ('Myanmar’s envoy …'), whose holder goes in the note."""
    found: list[tuple[str, str | None]] = []
    for c in countries_in(clause):
        if c.kind == "demonym":
            continue
        if not c.possessive:
            found.append((c.iso3, None))
        elif _SEAT.match(clause[c.end + 2:]):
            holder = next((p for p in people_in(clause) if p.start > c.end), None)
            seat = clause[c.start:holder.start if holder else len(clause)].strip(" ,")
            found.append((c.iso3, f"Cast by {holder.name} ({seat})" if holder else f"Cast by {seat}"))
    return found


def _country_votes(text: str) -> list[tuple[str, str, str | None]]:
    """(iso3, Y/N/A, note) for each country the text says voted a way."""
    votes: list[tuple[str, str, str | None]] = []
    casts = list(_CAST.finditer(text))
    previous_end = 0
    for i, cast in enumerate(casts):
        code = _code(cast)
        clause = re.split(r"[;.]|\b(?:while|but|whereas)\b", text[previous_end:cast.start()])[-1]
        if not re.search(rf"\b{NUMBER}\s+(?:other\s+)?(?:countries|nations|states|members)?\s*$", clause):
            votes += [(iso3, code, note) for iso3, note in _voters(clause)]
        tail_end = casts[i + 1].start() if i + 1 < len(casts) else len(text)
        tail = text[cast.end():tail_end]
        if _LIST_AFTER.match(tail):
            votes += [(iso3, code, note) for iso3, note in _voters(re.split(r"[;.]", tail)[0])]
        previous_end = cast.end()
    seen: dict[str, tuple[str, str, str | None]] = {}
    for vote in votes:
        seen.setdefault(vote[0], vote)
    return list(seen.values())


def _totals(text: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for field_name, patterns in TOTALS.items():
        for pattern in patterns:
            if (m := pattern.search(text)) and (n := number(m["n"])) is not None:
                other = "other" in m.group().lower().split()
                totals[field_name] = n + 1 if other else n
                break
    return totals


def un_votes(sentences: list[Sentence], reading: Reading) -> list[Candidate]:
    """A UN body's vote: the sentence naming the body and its date, and the next few giving the numbers."""
    found: list[Candidate] = []
    for i, s in enumerate(sentences):
        body = next((code for code, p in UN_BODIES if p.search(s.text)), None)
        if body is None or not _VOTE_TRIGGER.search(s.text) or NATIONAL_BODIES.search(s.text):
            continue
        window = [s]
        for nxt in sentences[i + 1:i + 5]:
            if any(p.search(nxt.text) for _, p in UN_BODIES) or NATIONAL_BODIES.search(nxt.text):
                break
            if _totals(nxt.text) or _country_votes(nxt.text) or re.search(r"(?i)\bresolution\b", nxt.text):
                window.append(nxt)
        text = " ".join(x.text for x in window)
        totals = _totals(text)
        country_votes = _country_votes(text)
        if not totals and not country_votes:
            continue
        found += _resolution(body, window, totals, country_votes, reading)
    return found


def _resolution(body: str, window: list[Sentence], totals: dict[str, int],
                country_votes: list[tuple[str, str, str | None]], reading: Reading) -> list[Candidate]:
    when = fact_date(window[0].text, reading)
    symbol = re.search(r"\b(?:A|S|A/HRC)/RES/[\dA-Z\-/.]+", " ".join(x.text for x in window))
    resolution_id = symbol.group() if symbol else f"{body}-{when.start.isoformat()}"
    session = (when.start.year - 1945 if when.start.month >= 9 else when.start.year - 1946) if body == "UNGA" else None
    subjects = [c.text for c in countries_in(window[0].text) if not c.possessive and c.kind == "country"]
    text = " ".join(x.text for x in window)
    adopted = True if re.search(r"(?i)\b(approved|adopted|passed)\b", text) else (
        False if re.search(r"(?i)\b(rejected|failed|vetoed|defeated)\b", text) else None)
    uncertain = list(when.notes)
    if not symbol:
        uncertain.append(f"resolution number not in the article: '{resolution_id}' is a placeholder; "
                         "give its symbol (e.g. A/RES/75/287) before loading")
    uncertain += [f"{k} total not stated" for k in ("yes", "no", "abstain") if k not in totals]
    resolution = Candidate("resolutions", "resolution", {
        "resolution_id": resolution_id, "body": body, "vote_date": when.start, "session": session,
        "title": None, "subjects": "; ".join(dict.fromkeys(subjects)) or None,
        "yes": totals.get("yes"), "no": totals.get("no"), "abstain": totals.get("abstain"), "non_voting": None,
        "adopted": adopted,
    }, list(window), uncertain, 0.8 if len(totals) == 3 else 0.6)
    votes = [Candidate("votes", "vote", {"resolution_id": resolution_id, "country_iso3": iso3, "vote": code,
                                         "note": note},
                       [x for x in window if _mentions(x.text, iso3)] or list(window),
                       [], 0.75) for iso3, code, note in country_votes]
    return [resolution, *votes]


def _mentions(text: str, iso3: str) -> bool:
    return any(c.iso3 == iso3 for c in countries_in(text))
