"""Who and where in a sentence: countries (names, demonyms, capitals, organisations), people and their roles.

Countries resolve through monitor.countries, places and capitals through monitor.geo; the word lists that
those tables do not hold (demonyms, 'the Kremlin') are in lexicon.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from monitor.countries import to_iso3
from monitor.extract.lexicon import DEMONYMS, NOT_NAME_WORDS, ORG_COUNTRY, TITLES
from monitor.geo import place_country

_ACRONYMS = {"US", "UK", "UAE", "DRC", "USA", "DPRK", "PRC", "U.S.", "U.K."}
_TOKEN = re.compile(r"[A-Z][\w’'.\-]*")
_CAP_RUN = re.compile(r"[A-Z][\w’'.\-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+|for\s+)?[A-Z][\w’'.\-]*)*")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_COMPOUND = re.compile(r"-(?:made|backed|led|based|built|supplied|allied|born|owned)$")
ROLE_NOUNS = re.compile(
    r"(?i)\b(head|chief|minister|leader|president|secretary|spokes(?:wo)?(?:man|person)|envoy|ambassador|"
    r"commander|general|official|director|chairman|chair|governor|premier|adviser|advisor|representative|"
    r"king|queen|emir|prince|princess|sheikh|chancellor|deputy|officer|diplomat|spokesperson)\b")
# Words too general to tie a role to a country through the article ("Myanmar's main ally").
_GENERIC = {"leader", "chief", "head", "secretary", "minister", "official", "main", "senior", "state", "of",
            "the", "a", "an", "top", "ally", "new", "former", "military", "own", "deputy", "and", "its"}


@dataclass(frozen=True)
class Mention:
    """A country named in a sentence, and how: 'country', 'demonym', 'capital' or 'org'."""

    text: str
    start: int
    end: int
    iso3: str
    kind: str
    possessive: bool = False


@dataclass(frozen=True)
class PersonMention:
    name: str
    start: int
    end: int
    possessive: bool = False


def _strip(token: str) -> tuple[str, bool]:
    """('Russia', True) for "Russia’s"; trailing dots of a sentence end dropped."""
    token = token.rstrip(".") if not token.endswith("U.S.") else token
    if _POSSESSIVE.search(token) and len(token) > 2:
        return _POSSESSIVE.sub("", token), True
    return token, False


def _country_of_phrase(text: str) -> tuple[str, str] | None:
    """(iso3, kind) for a name, demonym, organisation or capital; None otherwise."""
    base = _COMPOUND.sub("", text)
    if base in DEMONYMS:
        return DEMONYMS[base], "demonym"
    if text in ORG_COUNTRY:
        return ORG_COUNTRY[text], "org"
    if (len(text) >= 4 or text in _ACRONYMS) and text not in NOT_NAME_WORDS and (code := to_iso3(text)):
        return code, "country"
    if len(text) >= 4 and text[0].isupper() and (place := place_country(text)) and place[1] and " " not in text:
        return place[0], "capital"
    return None


def countries_in(sentence: str) -> list[Mention]:
    """Every country a sentence names, longest phrase first at each place ('South Korean' before 'Korean')."""
    found: list[Mention] = []
    for run in _CAP_RUN.finditer(sentence):
        tokens = list(_TOKEN.finditer(run.group()))
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + 6), i, -1):
                first, last = tokens[i], tokens[j - 1]
                raw = run.group()[first.start():last.end()]
                text, possessive = _strip(raw)
                if hit := _country_of_phrase(text):
                    start = run.start() + first.start()
                    found.append(Mention(text, start, start + len(text), hit[0], hit[1], possessive))
                    i = j
                    break
            else:
                i += 1
    return found


def _name_token(token: str) -> bool:
    core, _ = _strip(token)
    return (bool(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?", core)) and core not in NOT_NAME_WORDS
            and _country_of_phrase(core) is None)


def people_in(sentence: str, surnames: frozenset[str] = frozenset()) -> list[PersonMention]:
    """Runs of two to four capitalised name words that are not countries, places, titles or organisations;
    a single word only if it is the surname of someone the article named in full."""
    people: list[PersonMention] = []
    for m in re.finditer(r"\b[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?\b(?:’s|'s)?", sentence) if surnames else ():
        core, possessive = _strip(m.group())
        prev = sentence[:m.start()].rstrip()
        if core in surnames and not re.search(r"[A-Z][a-z]+$", prev):
            people.append(PersonMention(core, m.start(), m.start() + len(core), possessive))
    for run in _CAP_RUN.finditer(sentence):
        tokens = list(_TOKEN.finditer(run.group()))
        group: list[re.Match] = []
        for tok in [*tokens, None]:
            joined = tok is not None and _name_token(tok.group()) and (
                not group or run.group()[group[-1].end():tok.start()].strip() == "")
            if joined:
                group.append(tok)
                if _strip(tok.group())[1]:  # "Hlaing’s" ends a name
                    joined = False
            if not joined and group:
                _add_person(sentence, run, group, people)
                group = [tok] if tok is not None and _name_token(tok.group()) and not (
                    group and group[-1] is tok) else []
        # a run ends at punctuation: nothing carries over
    return sorted(people, key=lambda p: p.start)


def _add_person(sentence: str, run: re.Match, group: list[re.Match], people: list[PersonMention]) -> None:
    start = run.start() + group[0].start()
    raw = run.group()[group[0].start():group[-1].end()]
    if not 2 <= len(group) <= 4 and not (len(group) == 1 and _PARTICLE.match(sentence[start + len(raw):])):
        return  # one word is a name only with a family particle after it ("Faisal bin Nayef")
    name, possessive = _strip(raw)
    following = sentence[start + len(raw):start + len(raw) + 30]
    if re.match(r"\s+(?:League|Party|Council|Group|Army|Front|Movement|Agency|Ministry|News)\b", following):
        return
    if place_country(name):
        return  # "New York", "Kuala Lumpur"
    if not possessive and (particle := _PARTICLE.match(sentence[start + len(raw):])):
        tail, possessive = _strip(particle.group())  # "Abdel Fattah al-Burhan": the family name is part of it
        name += tail
    people.append(PersonMention(name, start, start + len(name), possessive))


# Lower-case particles inside a family name ("al-Burhan", "bin Salman", "van der Leyen").
_PARTICLE = re.compile(r"\s+(?:al|el|ad|as|bin|ibn|abu|ben|van|von|de|da|du|dos|del|der|le|la)(?:[- ](?:der |den )?)"
                       r"[A-Z][\w’'\-]*")


# Lower-case words a role is made of ("Junta leader", "civilian leader", "Russian deputy defense minister").
_ROLE_WORDS = {"junta", "civilian", "deputy", "defense", "defence", "foreign", "senior", "former", "top",
               "military", "army", "state", "prime", "vice", "security", "interior", "opposition", "rebel",
               "ousted", "elected", "acting", "interim", "national", "affairs", "trade", "finance", "special",
               "regional", "local", "party", "government", "arms", "de", "facto", "chief", "its", "their",
               "general", "armed", "forces", "navy", "air", "police", "intelligence", "economy", "health"}


def role_before(sentence: str, person: PersonMention) -> str | None:
    """The role words just before a name ('Junta leader', 'Russian Defense Minister', 'its chief')."""
    head = sentence[:person.start]
    if head.rstrip().endswith(","):
        return _appositive_before(head)
    words = re.findall(r"[\w’'\-]+", head)[-6:]
    role: list[str] = []
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        core, possessive = _strip(w)
        two_words = " ".join(words[k:k + 2]) in DEMONYMS or " ".join(words[k - 1:k + 1]) in DEMONYMS if k else \
            " ".join(words[k:k + 2]) in DEMONYMS  # "North Korean", "Sri Lankan"
        lower_ok = w.lower() in _ROLE_WORDS or bool(ROLE_NOUNS.fullmatch(w))
        upper_ok = w[0].isupper() and (core in DEMONYMS or possessive or w in NOT_NAME_WORDS or two_words
                                       or any(w in t.split() for t in TITLES))
        if not (lower_ok or upper_ok) or w in {"The", "A", "An", "While", "Only", "And", "But"}:
            break
        role.insert(0, w)
        if possessive:
            break
    text = " ".join(role)
    return text if role and ROLE_NOUNS.search(text) else None


def _appositive_before(head: str) -> str | None:
    """'met the head of Russia’s state arms exporter Rosoboronexport, ' -> the role phrase."""
    body = head.rstrip().rstrip(",")
    cut = max((m.end() for m in re.finditer(r"(?:\bmet(?: with)?|\bwith|\bby|\bsaid|\band|[,;:])\s+", body)),
              default=0)
    phrase = body[cut:].strip()
    if 2 <= len(phrase.split()) <= 12 and ROLE_NOUNS.search(phrase) and phrase[0].islower():
        return re.sub(r"^(?:the|a|an) ", "", phrase)
    return None


def role_after(sentence: str, person: PersonMention) -> str | None:
    """'Nikolai Patrushev, secretary of the Security Council, said' -> 'secretary of the Security Council'."""
    m = re.match(r",\s+((?:the |a |an )?[a-z][^,.;“\"]{2,90}?)(?=,|\.|;|\s+said\b|\s+told\b|$)",
                 sentence[person.end:])
    if not m or re.match(r"(?:who|which|that|said|and|but|where|when|while|according|to|in|on)\b", m.group(1)):
        return None
    return m.group(1) if ROLE_NOUNS.search(m.group(1)) else None


@dataclass
class Person:
    name: str
    role: str | None = None
    iso3: str | None = None


@dataclass
class ArticleContext:
    """What the whole article says that a single sentence may not: whose a 'junta' is, who a person is."""

    possessed: dict[str, Counter] = field(default_factory=dict)  # word -> countries that 'own' it
    people: dict[str, Person] = field(default_factory=dict)
    country_counts: Counter = field(default_factory=Counter)

    @property
    def main_country(self) -> str | None:
        return self.country_counts.most_common(1)[0][0] if self.country_counts else None

    def country_for_words(self, text: str) -> str | None:
        """The country a role or noun belongs to through the article ('junta leader' -> MMR)."""
        votes: Counter = Counter()
        for word in re.findall(r"[a-z]+", text.lower()):
            if word not in _GENERIC and word in self.possessed:
                votes.update(self.possessed[word])
        return votes.most_common(1)[0][0] if votes else None

    @property
    def surnames(self) -> frozenset[str]:
        """The single words an article may use for someone it named in full: the last word ('Modi',
        'Burhan' for al-Burhan) and, as East Asian names put the family name first, the first ('Kim', 'Xi')."""
        last = {n.split()[-1].split("-")[-1] for n in self.people}
        first = {n.split()[0] for n in self.people if n.split()[0] not in NOT_NAME_WORDS}
        return frozenset(last | first)

    def person(self, name: str) -> Person | None:
        """A person by full name, surname, or family name first ('Kim' for Kim Jong Un, 'Xi' for Xi Jinping)."""
        if name in self.people:
            return self.people[name]
        return next((p for n, p in self.people.items() if n.split()[-1] == name or
                     n.split()[-1].split("-")[-1] == name), None) or next(
            (p for n, p in self.people.items() if n.split()[0] == name), None)

    def person_by_role(self, description: str) -> Person | None:
        """'the junta chief' -> the one person whose role shares its distinctive word ('junta')."""
        words = {w for w in re.findall(r"[a-z]+", description.lower()) if w not in _GENERIC}
        hits = [p for p in self.people.values() if p.role and words & set(re.findall(r"[a-z]+", p.role.lower()))]
        return hits[0] if len(hits) == 1 else None


def _record_possessions(sentence: str, ctx: ArticleContext) -> None:
    for m in countries_in(sentence):
        if m.kind != "demonym":
            ctx.country_counts[m.iso3] += 1
        if m.possessive:
            owned = re.match(r"\s+((?:[\w\-]+\s*){1,3})", sentence[m.end + 2:])
            if owned:
                for word in re.findall(r"[a-z]+", owned.group(1).lower()):
                    ctx.possessed.setdefault(word, Counter())[m.iso3] += 1
    for m in re.finditer(r"\bthe (\w+) in ([A-Z]\w+)", sentence):
        if code := to_iso3(m.group(2)):
            ctx.possessed.setdefault(m.group(1).lower(), Counter())[code] += 1


def role_owner(sentence: str, person: PersonMention, role: str) -> str:
    """'its chief' -> 'chief of Russia’s Security Council' (the subject that said it)."""
    if not re.match(r"(?:its|their) ", role):
        return role
    subject = re.search(r"((?:[A-Z][\w’'\-]*\s?)+)\s+said\s+(?:its|their)\s", sentence[:person.start])
    noun = role.split(" ", 1)[1]
    return f"{noun} of {subject.group(1).strip()}" if subject else noun


def build_context(sentences: list[str]) -> ArticleContext:
    ctx = ArticleContext()
    for s in sentences:
        _record_possessions(s, ctx)
    for s in sentences:
        for p in people_in(s):
            role = role_after(s, p) or role_before(s, p)
            role = role_owner(s, p, role) if role else None
            known = ctx.person(p.name)
            if known is None:
                ctx.people[p.name] = known = Person(p.name)
            if role and not known.role:
                known.role = role
    for person in ctx.people.values():
        if person.role:
            countries = [m.iso3 for m in countries_in(person.role)]
            person.iso3 = countries[0] if countries else ctx.country_for_words(person.role)
    return ctx
