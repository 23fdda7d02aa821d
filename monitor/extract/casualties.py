"""Casualty figures in news prose: every figure of the dead in a sentence, each with its own victims, qualifier,
period and counter; the counter carried from an earlier sentence when the text says only 'he said' or 'the
ministry said'.

"Four people, including two children, were killed" is two figures (4 people; 2 children among them); "killed five
people and wounded 27, including six children" is one (the children are among the wounded); "killed or injured"
is not a death toll.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from monitor.extract.common import Reading, fact_date
from monitor.extract.dates import find_dates, period_in
from monitor.extract.entities import countries_in
from monitor.extract.lexicon import NUMBER, number
from monitor.extract.model import Candidate
from monitor.extract.text import Sentence
from monitor.geo import place_country

_Q = r"(?:(?P<q>at least|more than|over|about|around|nearly|almost|some|up to|as many as|an estimated|roughly|" \
     r"approximately|at most|fewer than|less than)\s+)?"
_N = rf"(?P<n>\b{NUMBER}\b)"
_NOUNS = r"civilians|people|persons|protesters|demonstrators|soldiers|troops|children|fighters|militants|policemen|" \
         r"police officers|officers|villagers|residents|individuals|members|migrants|refugees|journalists|women|men|" \
         r"girls|boys|auxiliaries|Palestinians|Israelis|patients|workers|peacekeepers|students|worshippers|" \
         r"passengers|minors|infants|babies|teenagers|volunteers|servicemen|rebels|insurgents|jihadists|gunmen|" \
         r"hostages|detainees|prisoners|staff|doctors|nurses|medics|farmers|miners|pilgrims|" \
         r"civilian|person|soldier|child|woman|man|girl|boy|policeman|officer|journalist|worker|peacekeeper|" \
         r"fighter|resident|villager|baby|toddler|infant|teenager|student|patient|migrant|refugee"
_VICTIMS = rf"(?P<v>(?:[a-z\-]+\s){{0,2}}?(?:{_NOUNS}))\b"
_DEAD = r"(?:have been |had been |were |was |are |is |being |have |had |has )?(?:reported |confirmed |also )?" \
        r"(?:killed|dead|died|slain|shot dead|lost their lives|perished|executed|massacred)\b"
_NOT_DEAD = r"(?!\s+or\s+(?:injured|wounded|hurt|missing))"
# What may stand between a figure and its verb: "(1,347 men, 273 women and 40 children)", ", including two
# children,", " including children", ", aged three and nine,".
_BETWEEN = r"(?P<between>\s*\([^)]{0,200}\)|\s*,\s*(?:including|among them|aged|most of them|mostly)\s[^,]{0,80},|" \
           r"\s+including\s+[a-z][^,]{0,40}?(?=\s+(?:were|was|have|had)))?"

_RANGE = rf"(?:between\s+)?{_N}\s*(?:to|-|–|and)\s*(?P<n2>\b{NUMBER}\b)"
FIGURES: list[tuple[str, re.Pattern]] = [
    # ranges: "between 20 and 30 people were killed", "killed 40 to 50 civilians"
    ("range", re.compile(rf"(?i)\b{_RANGE}\s+{_VICTIMS}{_BETWEEN}\s+{_DEAD}{_NOT_DEAD}")),
    ("range", re.compile(rf"(?i)\b(?:killed|killing|kills|left)\s+{_RANGE}\s+{_VICTIMS}"
                         rf"(?!\s+(?:injured|wounded|homeless|displaced))")),
    # "1,660 persons (…) were killed", "Four people, including two children, were killed", "43 were killed"
    ("subject", re.compile(rf"(?i){_Q}{_N}\s+{_VICTIMS}{_BETWEEN}\s+{_DEAD}{_NOT_DEAD}")),
    ("subject", re.compile(rf"(?i)(?:(?<=said )|(?<=that )|(?<=, and ))\b{_Q}{_N}\s+{_DEAD}{_NOT_DEAD}")),
    # "killed at least eight people", "killing at least 57 civilians"
    ("object", re.compile(rf"(?i)\b(?:killed|killing|kills|left|claimed the lives of|took the lives of)\s+{_Q}{_N}\s+"
                          rf"{_VICTIMS}(?!\s+(?:injured|wounded|homeless|displaced))")),
    # "the death toll … reached 10,569", "has risen to 10", "put the number of dead at seven"
    ("toll", re.compile(rf"(?i)\b(?:death toll|toll|number of (?:people |civilians |those )?(?:killed|dead)|"
                        rf"number of (?:the )?dead|number of deaths|tally)\b[^.;]{{0,150}}?\b(?:to|of|at|reached|hit|"
                        rf"stood at|stands at|is|was|now)\s+{_Q}{_N}\b"
                        rf"(?!\s*(?:%|per\b|wounded|injured|people injured))")),
    # "documented the deaths of at least 782 civilians", "recorded 1,104 killings"
    ("documented", re.compile(rf"(?i)\b(?:documented|recorded|counted|registered|confirmed|verified)\s+"
                              rf"(?:the deaths of\s+|the killings? of\s+)?{_Q}{_N}\s+(?P<v>(?:[a-z\-]+\s)?"
                              rf"(?:{_NOUNS}|killings|deaths))\b")),
    # "A two-year-old girl was killed"
    ("one", re.compile(r"(?i)\b(?:an?|one)\s+(?:\w+-)+year-old\s+(?P<v>girl|boy|child|woman|man|baby|toddler)\s+"
                       r"(?:was|has been|had been)\s+killed\b")),
    # "99 of the recent casualties … were deaths"
    ("subject", re.compile(rf"(?i){_N}\s+of the\s+(?:\w+\s+)?casualties\b[^.;]{{0,60}}?\bwere (?P<v>deaths)\b")),
]
# Figures among a larger one: "including two children", "4,324 children among the dead", "now includes 1,873
# children", "including at least 1,350 in El Fasher alone".
_AMONG = re.compile(rf"(?i){_N}\s+{_VICTIMS}(?:,\s*aged [^,]{{1,30}},)?\s+(?:were\s+)?among the dead"
                    rf"(?:\s+and\s+(?P<n2>\b{NUMBER}\b)\s+(?P<v2>{_NOUNS}))?")
_INCLUDES = re.compile(rf"(?i)\b(?:now\s+)?(?:includes?|including)\s+{_Q}{_N}\s+(?:{_VICTIMS}|(?=in\s+[A-Z]))")
_ROSE_FROM = re.compile(rf"(?i)\b(?:rose|risen|up|increased|climbed|jumped)\s+from\s+{_N}\b")
_COORDINATED = re.compile(rf"(?i){_Q}{_N}\s+{_VICTIMS}\s*,?\s*(?:and\s+)?$")

QUALIFIERS = {"at least": "at least", "more than": "at least", "over": "at least", "about": "about",
              "around": "about", "nearly": "about", "almost": "about", "some": "about", "roughly": "about",
              "approximately": "about", "an estimated": "about", "up to": "up to", "as many as": "up to",
              "at most": "up to", "fewer than": "up to", "less than": "up to", None: "exactly"}
_PLURAL = {"child": "children", "girl": "children", "boy": "children", "baby": "children", "toddler": "children",
           "infant": "children", "woman": "women", "man": "men", "person": "people", "persons": "people",
           "policeman": "policemen", "killings": "people", "deaths": "people", "individuals": "people"}

_SAID = r"(?:said|says|reported|reports|announced|told|stated|added|confirmed|estimated|wrote|tweeted)"
_ACCORDING = re.compile(r"(?i)\baccording to (?P<r>[^,.;“”]+)")
_SAID_AFTER = re.compile(rf",\s*(?P<s>[^,.;“”]+?)\s+(?:later\s+|also\s+|earlier\s+)?{_SAID}\b")
_SAID_FIRST = re.compile(rf"^(?P<s>(?:[^.;“”](?!\b{_SAID}\b)){{2,120}}?)\s+"
                         rf"(?:later\s+|also\s+|earlier\s+|had\s+|has\s+)?(?:{_SAID}|put the|recorded|documented)\b")
_RECORDED = re.compile(r"(?P<s>\b[Tt]he (?:(?!(?:said|says|reported)\b)[\w’'\-]+ ){0,5}?[\w’'\-]+|"
                       r"[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){0,4})\s+"
                       r"(?:had |has |have )?(?:recorded|documented|counted|registered|verified)\b")
_TOLL_FROM = re.compile(r"(?i)\btoll from (?P<r>[^,.;]+?)\s+(?:had|has|put|said)\b")
_PRONOUN = re.compile(r"(?i)^(?:he|she|it|they|we|the statement|the report|the spokesman|the spokesperson|"
                      r"the official|officials|the source|sources)$")
_DEFINITE = re.compile(r"(?i)^the (?:same\s)?(ministry|office|group|mission|agency|service|organi[sz]ation|army|"
                       r"military|council|committee|authority|authorities|department|union|monitor|observatory)$")
_SINCE = re.compile(r"(?i)\bsince (?:the )?(?P<what>[^,.;]{0,40}?\b(?:coup|takeover|war|conflict|invasion|"
                    r"fighting|crackdown|protests?|began|started)\b(?:\s+(?:on|in)\s+(?:[A-Z][a-z]+ \d{1,2}|\d{1,2} "
                    r"[A-Z][a-z]+|[A-Z][a-z]+)(?:,? \d{4})?)?|[A-Z][a-z]+ \d{1,2}(?:, \d{4})?|\d{1,2} [A-Z][a-z]+"
                    r"(?: \d{4})?|(?:January|February|March|April|May|June|July|August|September|October|November|"
                    r"December)(?: \d{4})?)")


_ADMIN_WORDS = {"State", "Region", "Province", "Governorate", "District", "Division", "Oblast", "County", "Territory"}


@dataclass(frozen=True)
class _Figure:
    n: int
    raw_n: str
    qualifier: str | None
    victims: str
    start: int
    end: int
    parent: int | None = None  # index of the figure this one is part of ("including two children")
    high: int | None = None  # the top of a range ("between 20 and 30")


def _victims(word: str | None, default: str = "people") -> str:
    if not word:
        return default
    last = word.split()[-1].lower()
    if last in {"palestinians", "israelis"}:
        return word.split()[-1]
    return _PLURAL.get(last, last)


def _figures(text: str) -> list[_Figure]:
    """Every figure of the dead a sentence states, with the figures among them."""
    found: list[_Figure] = []

    def add(n_text: str | None, q: str | None, victims: str, start: int, end: int, parent: int | None = None,
            high: int | None = None) -> int:
        n = 1 if n_text is None else number(n_text)
        if n is None or any(f.start <= start < max(f.end, f.start + 1) and f.parent is None and parent is None
                            or f.start == start for f in found) or re.fullmatch(r"(?:19|20)\d\d", n_text or ""):
            return -1
        found.append(_Figure(n, n_text or "one", (q or "").lower() or None, victims, start, end, parent, high))
        return len(found) - 1

    for kind, pattern in FIGURES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            victims = _victims(groups.get("v"))
            high = number(groups["n2"]) if kind == "range" else None
            if kind == "range" and (high is None or high <= (number(groups["n"]) or 0)):
                continue  # "2 to 1" is no range
            at = add(groups.get("n"), groups.get("q"), victims, m.start("n") if groups.get("n") else m.start(), m.end(),
                     high=high)
            if at < 0:
                continue
            if kind == "subject":
                head = _COORDINATED.search(text[:m.start()])
                if head:  # "At least 31 soldiers and three army auxiliaries were killed"
                    add(head["n"], head["q"], _victims(head["v"]), head.start("n"), head.end())
                if groups.get("between"):
                    for sub in re.finditer(rf"(?i){_Q}{_N}\s+{_VICTIMS}", groups["between"]):
                        offset = m.start("between") + sub.start("n")
                        add(sub["n"], sub["q"], _victims(sub["v"]), offset, offset + len(sub.group()), at)
            # "killed 27 Palestinians overnight in Rafah, among them 11 children" (not "… and wounded 27, including")
            after = re.match(rf"(?i)(?:\s+(?!and\b)[\w’'\-]+){{0,5}}?\s*,?\s*"
                             rf"(?:including|among them|among whom|of whom)\s+{_Q}{_N}\s+{_VICTIMS}", text[m.end():])
            if kind == "object" and after:
                add(after["n"], after["q"], _victims(after["v"]), m.end() + after.start("n"), m.end() + after.end(), at)
    for m in _AMONG.finditer(text):
        add(m["n"], None, _victims(m["v"]), m.start("n"), m.end("v"))
        if m["n2"]:
            add(m["n2"], None, _victims(m["v2"]), m.start("n2"), m.end())
    if found or re.search(r"(?i)\b(?:toll|figure|dead|killed|deaths)\b", text):
        for m in _INCLUDES.finditer(text):
            if re.search(r"(?i)\b(?:wounded|injured|hurt)\b[^.;]{0,25}$", text[:m.start()]):
                continue  # "wounded 27, including six children": the children are among the wounded
            parent = next((i for i, f in enumerate(found) if f.start < m.start()), None)
            victims = _victims(m["v"], found[parent].victims if parent is not None else "people")
            add(m["n"], m["q"], victims, m.start("n"), m.end(), parent)
    return sorted(found, key=lambda f: f.start)


@dataclass
class _Counter:
    """Who counted: named in this sentence, or carried from an earlier one."""

    name: str | None
    carried: bool = False


class _Sources:
    """The sources an article has named so far ('according to X', 'X said'), for 'he said' and 'the ministry said'."""

    def __init__(self) -> None:
        self.named: list[str] = []

    def counter(self, text: str, figure_at: int) -> _Counter:
        said = _stated_by(text, figure_at)
        if said is None:
            return _Counter(None)
        if _PRONOUN.match(said):
            return _Counter(self.named[-1], True) if self.named else _Counter(said)
        if d := _DEFINITE.match(said):
            earlier = next((n for n in reversed(self.named) if d[1].lower() in n.lower()), None)
            return _Counter(earlier, True) if earlier else _Counter(said)
        return _Counter(said)

    def note(self, text: str) -> None:
        said = _stated_by(text, len(text))
        if said and not _PRONOUN.match(said) and not _DEFINITE.match(said):
            self.named.append(said)


def _stated_by(text: str, figure_at: int) -> str | None:
    """The source a sentence names for what it reports: 'according to X', '…, X said', 'X said …', 'toll from X'."""
    if m := _TOLL_FROM.search(text):
        return m["r"].strip()
    if m := _ACCORDING.search(text):
        return m["r"].strip()
    after = [m for m in _SAID_AFTER.finditer(text) if m.start() >= figure_at - 1]
    if after:
        return _tidy(after[0]["s"])
    if (m := _RECORDED.search(text)) and m.end() >= figure_at - 40:
        return _tidy(m["s"])
    first = _SAID_FIRST.match(text)
    if first and first.end("s") <= figure_at and len(first["s"].split()) <= 14 and not re.search(r"\d", first["s"]):
        return _tidy(first["s"])
    if m := _SAID_AFTER.search(text):
        return _tidy(m["s"])
    return None


def _tidy(source: str) -> str:
    source = re.sub(r"^(?:Separately|Meanwhile|However|Earlier|Later|And|But)\s+", "", source.strip())
    source = re.sub(r"\s+(?:on|in|late|early)\s+(?:[A-Z][a-z]+day|\w+ \d+)$", "", source)
    return source.strip(" ,")


def _country(text: str, reading: Reading, last: str | None) -> tuple[str | None, str | None]:
    """(iso3, why it is uncertain): a country or place the sentence names, else the last one named before."""
    named = [c.iso3 for c in countries_in(text) if c.kind != "demonym"]
    if named:
        return named[0], None
    for run in re.finditer(r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*", text):
        words = run.group().split()
        for size in range(len(words), 0, -1):
            for i in range(len(words) - size + 1):
                following = " ".join(words[i + size:i + size + 1])
                if following in _ADMIN_WORDS:
                    continue  # "Chin State", "Sagaing Region": an area's name, not a city's
                if (place := place_country(" ".join(words[i:i + size]))) and len(words[i]) > 3:
                    return place[0], f"country taken from the place named ({' '.join(words[i:i + size])})"
    demonym = next((c for c in countries_in(text) if c.kind == "demonym" and re.search(
        r"(?i)\bin (?:the |a )?$", text[:c.start])), None)
    if demonym:
        return demonym.iso3, f"country taken from '{demonym.text}'"
    if last:
        return last, "country not named in the sentence: the one named before it"
    fallback = reading.ctx.country_for_words(text) or reading.ctx.main_country
    return fallback, "country not named in the sentence: inferred from the article"


def casualty_reports(sentences: list[Sentence], reading: Reading) -> list[Candidate]:
    """Every casualty figure in the article, in order, each with its own sentence."""
    found: list[Candidate] = []
    sources = _Sources()
    last_country: str | None = None
    previous: _Figure | None = None
    for s in sentences:
        figures = _figures(s.text)
        rose = _ROSE_FROM.search(s.text) if (figures or previous) else None
        if rose and not any(f.start == rose.start("n") for f in figures) and (n := number(rose["n"])) is not None:
            victims = previous.victims if previous else (figures[0].victims if figures else "people")
            figures.append(_Figure(n, rose["n"], None, victims, rose.start("n"), rose.end()))
        country, country_note = _country(s.text, reading, last_country)
        if not country_note or country_note.startswith("country taken"):
            last_country = country
        for f in figures:
            counter = sources.counter(s.text, f.start)
            parent = figures[f.parent] if f.parent is not None and f.parent < len(figures) else None
            found.append(_candidate(s, f, parent, counter, country, country_note, reading))
        sources.note(s.text)
        if figures:
            previous = figures[0]
    return found


def _candidate(s: Sentence, f: _Figure, parent: _Figure | None, counter: _Counter, country: str | None,
               country_note: str | None, reading: Reading) -> Candidate:
    qualifier = QUALIFIERS.get(f.qualifier, "about")
    n = f.n
    uncertain: list[str] = []
    confidence = 0.85
    if f.high is not None:
        qualifier = "about"
        uncertain.append(f"a range, {f.raw_n} to {f.high}: stored as low and high, no best figure")
    elif f.qualifier in {"more than", "over"}:
        n += 1
        uncertain.append(f"stated as '{f.qualifier} {f.raw_n}': stored as at least {n}")
    elif f.qualifier:
        uncertain.append(f"'{f.qualifier}': the figure is not exact")
    if parent is not None:
        uncertain.append(f"figure among a larger one ({parent.raw_n} {parent.victims})")
        confidence -= 0.05
    if counter.name is None:
        uncertain.append("no counter named: who counted is not stated")
        confidence -= 0.25
    elif counter.carried:
        uncertain.append(f"counter carried from an earlier sentence ({counter.name})")
        confidence -= 0.15
    if country_note:
        uncertain.append(country_note)
        confidence -= 0.1
    since = _SINCE.search(s.text)
    span = period_in(s.text, reading.published)
    rest = s.text[:f.start] + " " * (f.end - f.start) + s.text[f.end:]
    for phrase in (since.group() if since else None, span.phrase if span else None):
        if phrase:
            rest = rest.replace(phrase, " " * len(phrase))
    as_of = fact_date(rest, reading)
    start: date | None = None
    end: date | None = None
    if span:
        start, end = span.start, span.end
        uncertain.append(f"period '{span.phrase}': {start:%d %B %Y} to {end:%d %B %Y}")
    elif since:
        # "since the start of the war on October 7" looks back, whatever 'start' says
        dates = find_dates(re.sub(r"(?i)\b(?:start(?:ed|ing)?|beg[ia]n(?:ning)?)\b", "", since.group()),
                           reading.published)
        if dates:
            start = dates[0].start
            if dates[0].precision == "month":
                uncertain.append(f"period starts in {dates[0].start:%B %Y} (month only)")
        else:
            uncertain.append(f"period starts at '{since['what']}', undated here")
        end = as_of.start if as_of.precision == "day" else None
    fields = {
        # 'reported': the figure is only dated by the report that carried it (as of then or earlier)
        "country_iso3": country, "as_of": end or as_of.start, "date_precision": "day" if end else as_of.precision,
        "period_start": start, "period_end": end, "victims": f.victims,
        "killed_low": n if qualifier == "at least" or f.high is not None else None,
        "killed_best": n if qualifier in {"about", "exactly"} and f.high is None else None,
        "killed_high": f.high if f.high is not None else (n if qualifier == "up to" else None),
        "qualifier": qualifier, "cumulative": bool(since or span), "reported_by": counter.name or "not stated",
        "notes": f"“{s.text}”",
        "_since": since["what"] if since and not span else None,
    }
    return Candidate("casualty_reports", "casualties", fields, [s], uncertain, max(0.2, confidence))
