"""UN votes in news prose: the body, the totals however they are told, and each country's vote.

Totals come in many shapes: "119 countries voted in favour", "approved by 120 votes to 14", "passed 141-7",
"supported by 143 out of 193 members", "five states (A, B …) voted against", "Four countries joined Russia in
voting against", "none against", "In favour: 13". A country votes when a clause says so ("Belarus voted
against", "vetoed", "abstained, along with Pakistan", "Myanmar's envoy … voted in favour"); a country that
drafted, sponsored or presided, or did not take part, is not a vote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor.countries import country_name
from monitor.extract.common import Reading, fact_date
from monitor.extract.entities import countries_in, people_in
from monitor.extract.lexicon import NATIONAL_BODIES, NUMBER, UN_BODIES, number
from monitor.extract.model import Candidate
from monitor.extract.text import Sentence

_N = rf"(?P<n>\b{NUMBER}\b)"
_COUNT = r"(?:other\s+|more\s+|remaining\s+)?(?:UN\s+|U\.N\.\s+)?(?:member\s+)?" \
         r"(?:countries|countries'|nations|states|members|member states|delegations|council members|governments|" \
         r"country|nation|state|member|delegation)"
# What may stand between a count and its verb: "(Russia, Belarus …)", "— A, B and C —", ", including Serbia,".
_BETWEEN = r"(?:\s*\([^)]{0,200}\)|\s*,?\s*[—–-]\s[^—–]{0,200}?\s[—–-]|" \
           r"\s*,\s*(?:including|among them|such as|notably|mostly|led by)\s[^;.]{0,160}?,|\s*,\s*[A-Z][^,;.]{0,40},|" \
           r"\s+(?:including|among them)\s[^;.,]{0,100}?" \
           r"(?=\s+(?:abstain|voted|voting|backed|opposed|rejected)))*"
_YES = r"(?:yes|in favou?r|for)\b"
_NO = r"(?:against|no)\b"
TOTALS: dict[str, list[re.Pattern]] = {
    "yes": [
        re.compile(rf"(?i)\b(?:approved|adopted|backed|supported|passed|endorsed|carried)\s+(?:by|with)\s+"
                   rf"(?:a vote of\s+|the support of\s+|a recorded vote of\s+)?{_N}(?![-–]\d)"),
        re.compile(rf"(?i){_N}\s+(?:{_COUNT})?{_BETWEEN}\s*(?:voting|voted|votes?|cast votes?)\s+(?:“|\")?{_YES}"),
        re.compile(rf"(?i){_N}\s+votes?\s+(?:were cast\s+)?in favou?r\b"),
        re.compile(rf"(?i)\b(?:with|won|gained|received|had|got|garnered|secured)\s+the\s+support\s+of\s+{_N}"),
        re.compile(rf"(?i)\b(?:won|gained|received|got|garnered|secured)\s+{_N}\s+votes?\b"),
        re.compile(rf"(?i){_N}\s+{_COUNT}{_BETWEEN}\s*(?:backed|supported|condemned|endorsed|approved|favou?red)\b"),
        re.compile(rf"(?i)\bin favou?r\s*:\s*{_N}"),
    ],
    "no": [
        re.compile(rf"(?i){_N}\s+(?:{_COUNT})?{_BETWEEN}\s*(?:voting|voted|votes?|cast votes?)\s+(?:“|\")?{_NO}"),
        re.compile(rf"(?i){_N}\s+(?:votes?\s+)?against\b"),
        re.compile(rf"(?i){_N}\s+(?:{_COUNT})?{_BETWEEN}\s*(?:rejected|opposed)\b"),
        re.compile(rf"(?i)\bof\s+{_N}\s+(?:{_COUNT})\s+(?:who|that|which)\s+(?:voted|cast votes?)\s+{_NO}"),
        re.compile(rf"(?i)\bagainst\s*:\s*{_N}"),
        re.compile(r"(?i)\b(?P<zero>none|no country|no member|no state|nobody|no one)\s+"
                   r"(?:voted\s+|voting\s+)?against\b"),
    ],
    "abstain": [
        re.compile(rf"(?i){_N}\s+(?:{_COUNT})?{_BETWEEN}\s*(?:abstaining|abstained|abstentions?)\b"),
        re.compile(rf"(?i)\babstain(?:ed|ing|tions?)?\s*:\s*{_N}"),
    ],
}
# "passed 141-7", "by a vote of 12-2-1": yes, no (and abstentions).
_SCORE = re.compile(r"(?i)\b(?:passed|adopted|approved|vote of|voted|by|was|were|result was|margin of)\s+"
                    r"(?:(?:the|a|its|their) (?:resolution|text|draft|measure|motion)\s+)?"
                    r"(?P<y>\d{1,3})\s*[-–]\s*(?P<n>\d{1,3})(?:\s*[-–]\s*(?P<a>\d{1,3}))?\b(?!\s*(?:%|per|years?))|"
                    r"\b(?:voted|vote of|margin of)\s+(?P<y2>\d{1,3})\s+to\s+(?P<n2>\d{1,3})\b(?!\s*(?:%|per|years?))")
# "by 120 votes to 14", "by 119 votes to one".
_VOTES_TO = re.compile(rf"(?i)\b(?P<y>{NUMBER})\s+votes?\s+to\s+(?P<n>{NUMBER})\b")
# "Four countries — A, B, C and D — joined Russia in voting against": the count and who they joined.
_JOINED = re.compile(rf"(?i){_N}\s+(?:{_COUNT})?{_BETWEEN}\s*joined\s+(?P<joined>[^,;.]{{2,60}}?)\s+in\s+"
                     rf"(?:voting|opposing|rejecting|abstaining)\b(?:\s+(?P<how>against|in favou?r|for))?")

_VOTE_TRIGGER = re.compile(r"(?i)\b(resolution|vote[sd]?|voting|adopted|approved|passed|calling on|calls on|"
                           r"called on|demands?|condemn\w*|text|draft|veto(?:ed)?|abstain\w*|oppos\w+|reject\w*|"
                           r"against|in favou?r)\b")
# A country votes: verb after it ("Belarus voted against", "Russia vetoed", "abstained", "opposed the text").
_CAST = re.compile(
    r"(?i)(?:\bvoted|\bvoting|\bvotes?)\s+(?:“|\")?(?P<code>against|no|yes|in favou?r(?: of)?|for)\b|"
    r"\b(?P<abstain>abstain(?:ed|ing)?|abstentions?)\b|"
    r"\b(?P<veto>vetoed|vetoes|vetoing|cast (?:a|its|their|the) vetos?|used (?:its|their) vetos?|opposed|opposing|"
    r"rejected)\b|\bamong the (?:(?P<among>no|yes|against)|(?P<among_abstain>abstaining)) votes?\b|"
    r"\bamong the (?P<abstentions>abstentions)\b|"
    rf"\b(?:{NUMBER})\s+(?P<against>against)\b")
# A list that follows the verb: "abstained, along with Pakistan", "voting against it were A, B and C".
_LIST_AFTER = re.compile(r"^[\s,]*(?:from|on|in|for)?\s*(?:it|the text|the resolution|the draft|the measure|the motion|"
                         r"the vote|the ballot)?[\s,]*(?:too|also|as well)?[\s,]*"
                         r"(?:including|among them|such as|notably|along with|alongside|as did|as well as|namely|"
                         r"were|was|are|included|include|[—–:-])(?:\s|$)")
# Spans naming countries that are not votes: drafters, sponsors, movers, presidents, non-participants.
_NOT_A_VOTE = re.compile(
    r"(?i)\b(?:drafted|put forward|prepared|introduced|sponsored|co-?sponsored|proposed|submitted|tabled|written|"
    r"presented|penned|moved|led|championed|backed|supported|requested)\s+by\s+[^,;.]*|"
    r",\s*which\s+(?:drafted|introduced|sponsored|proposed|put forward|wrote|tabled|presides?|chairs?|holds)[^,;.]*|"
    r"\bon behalf of\s+[^,;.]*|\b(?:presided|presiding|presidency|chaired)\b[^,;.]*|"
    r"\b(?:with the exception of|except(?: for)?|apart from)\s+[^,;.]*|"
    r"[^,;.]*\bdid not (?:take part|participate|vote)[^,;.]*|[^,;.]*\bwere absent[^,;.]*")
# "Myanmar's envoy to the world body, Kyaw Moe Tun, voted in favour": the seat votes, and who held it matters.
_SEAT = re.compile(r"^\s+(?:UN\s+|U\.N\.\s+|permanent\s+|deputy\s+)*(?:envoy|ambassador|permanent representative|"
                   r"representative|delegation|delegate|mission)\b", re.I)
_BODY_MEMBER = re.compile(r"(?i)\b(?:members?|seat) of the\s+$")


@dataclass
class _Fact:
    """A total or a country's vote, where it is in the article, and the UN body it belongs to."""

    sentence: int
    offset: int
    body: str | None
    named_in: int  # the sentence that names the body
    total: tuple[str, int] | None = None
    vote: tuple[str, str, str | None] | None = None
    note: str | None = None  # how a total was read, when not plainly stated


@dataclass
class _Group:
    body: str
    sentences: list[Sentence] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    votes: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _code(m: re.Match) -> str:
    if m["abstain"] or m["among_abstain"] or m["abstentions"]:
        return "A"
    if m["veto"] or m["against"]:
        return "N"
    if m["among"]:
        return "Y" if m["among"].lower() == "yes" else "N"
    return "N" if m["code"].lower() in {"against", "no"} else "Y"


def _voters(clause: str) -> list[tuple[str, str | None]]:
    """(iso3, note) for each country a clause names as voting: not a possessive ('Myanmar’s main ally') nor a
    demonym, unless it names a country's seat ('Myanmar’s envoy …', 'the Kenyan ambassador, …'), whose holder
    goes in the note; never a drafter, sponsor, president or non-participant."""
    clause = _NOT_A_VOTE.sub(lambda m: " " * len(m.group()), clause)
    found: list[tuple[str, str | None]] = []
    for c in countries_in(clause):
        after = clause[c.end + (2 if c.possessive else 0):]
        if _SEAT.match(after):
            holder = next((p for p in people_in(clause) if p.start > c.end), None)
            seat = clause[c.start:holder.start if holder else c.end + len(_SEAT.match(after).group()) + 2]
            seat = seat.strip(" ,")
            found.append((c.iso3, f"Cast by {holder.name} ({seat})" if holder else f"Cast by {seat}"))
        elif c.kind != "demonym" and not c.possessive and not _BODY_MEMBER.search(clause[:c.start]):
            found.append((c.iso3, None))
    return found


def country_votes(text: str) -> list[tuple[str, str, str | None, int]]:
    """(iso3, Y/N/A, note, offset) for each country the text says voted a way."""
    votes: list[tuple[str, str, str | None, int]] = []
    casts = list(_CAST.finditer(text))
    previous_end = 0
    for i, cast in enumerate(casts):
        code = _code(cast)
        clause = re.split(r"[;.]|\b(?:while|but|whereas|although|after|when|because|since|before|until)\b|"
                          r",\s*(?:and\s+)?(?=\d)", text[previous_end:cast.start()])
        head = clause[-1]
        counted = re.search(rf"\b{NUMBER}\s+(?:{_COUNT})?\s*(?:who\s+|that\s+)?$", head, re.I)
        among = re.match(rf"(?i)(.*?)\b(?:were|was|are|is)\s+(?:among\s+)?(?:\w+\s+of\s+)?(?:the\s+)?{NUMBER}\b", head)
        relative = re.search(r"(?i)([^,]*),\s*(?:which|who)\s+(?:also\s+|instead\s+)?$", head)
        if relative:  # "with the exception of Lebanon, which voted in favor": Lebanon votes
            named = [c for c in countries_in(relative[1]) if c.kind != "demonym" and not c.possessive]
            votes += [(named[-1].iso3, code, None, cast.start())] if named else []
        elif counted and among:  # "The US and Russia were two of 18 members who voted against it"
            votes += [(iso3, code, note, cast.start()) for iso3, note in _voters(among[1])]
        elif not counted:
            votes += [(iso3, code, note, cast.start()) for iso3, note in _voters(head)]
        tail_end = casts[i + 1].start() if i + 1 < len(casts) else len(text)
        tail = text[cast.end():tail_end]
        if _LIST_AFTER.match(tail):
            listed = re.split(r"[;]|\.(?!\d)|\b(?:while|but|whereas)\b|,\s*and\s+(?=\d)", tail)[0]
            votes += [(iso3, code, note, cast.start()) for iso3, note in _voters(listed)]
        previous_end = cast.end()
    seen: dict[str, tuple[str, str, str | None, int]] = {}
    for vote in votes:
        seen.setdefault(vote[0], vote)
    return list(seen.values())


def _country_votes(text: str) -> list[tuple[str, str, str | None]]:
    """(iso3, Y/N/A, note) for each country the text says voted a way (kept for the rule tests)."""
    return [(iso3, code, note) for iso3, code, note, _ in country_votes(text)]


def _totals_in(text: str) -> list[tuple[str, int, int, str | None]]:
    """(field, total, offset, how it was read) for each total the text states, at most one of each field."""
    found: dict[str, tuple[str, int, int, str | None]] = {}
    for m in _SCORE.finditer(text):
        for key, name in (("y", "yes"), ("n", "no"), ("a", "abstain"), ("y2", "yes"), ("n2", "no")):
            if m[key] is not None:
                found.setdefault(name, (name, int(m[key]), m.start(), None))
    for m in _VOTES_TO.finditer(text):
        for key, name in (("y", "yes"), ("n", "no")):
            if (n := number(m[key])) is not None:
                found.setdefault(name, (name, n, m.start(), None))
    for m in _JOINED.finditer(text):
        joined = [c for c in countries_in(m["joined"]) if c.kind != "demonym"]
        how = (m["how"] or "against").lower()
        name = "no" if how == "against" or "oppos" in m.group().lower() or "reject" in m.group().lower() else (
            "abstain" if "abstain" in m.group().lower() else "yes")
        if (n := number(m["n"])) is not None and joined:
            found.setdefault(name, (name, n + len(joined), m.start(),
                                    f"{m['n']} countries joined {m['joined']}: {n + len(joined)} in all"))
    for name, patterns in TOTALS.items():
        if name in found:
            continue
        for pattern in patterns:
            for m in pattern.finditer(text):
                if m.groupdict().get("zero"):
                    found[name] = (name, 0, m.start(), None)
                    break
                if (n := number(m["n"])) is None or _is_size(text, m):
                    continue
                other = "other" in m.group().lower().split()
                found[name] = (name, n + 1 if other else n, m.start(), None)
                break
            if name in found:
                break
    return list(found.values())


def _is_size(text: str, m: re.Match) -> bool:
    """'the 15-nation council', 'of 193 members', 'out of 193': a body's size, not a total."""
    before = text[max(0, m.start() - 12):m.start()].lower()
    after = text[m.end("n"):m.end("n") + 8]
    return bool(re.search(r"(?<!total )(?:out of|of the|of)\s+$", before) and "support" not in before) \
        or after.startswith("-")


def _bodies(text: str) -> list[tuple[str, int]]:
    """The UN bodies a sentence names, with their offsets ('a member of the Security Council' names no vote)."""
    out = []
    for code, pattern in UN_BODIES:
        for m in pattern.finditer(text):
            if not _BODY_MEMBER.search(text[:m.start()]) and not re.match(r"\s+members?\b", text[m.end():]):
                out.append((code, m.start()))
    out += [("UNSC", m.start()) for m in re.finditer(r"\b\d+-(?:nation|member) (?:UN )?(?:Security )?[Cc]ouncil\b",
                                                     text)]
    out += [("UNGA", m.start()) for m in re.finditer(r"\b\d+-(?:nation|member) (?:UN )?(?:General )?[Aa]ssembly\b",
                                                     text)]
    return sorted(set(out), key=lambda b: b[1])


def _nearest(bodies: list[tuple[str, int]], at: int) -> str | None:
    return min(bodies, key=lambda b: abs(b[1] - at))[0] if bodies else None


def _facts(sentences: list[Sentence]) -> list[_Fact]:
    """Every total and country vote in the article, each given the body named nearest to it (in its sentence, else
    in the sentences just before or after)."""
    named = [_bodies(s.text) for s in sentences]
    facts: list[_Fact] = []
    for i, s in enumerate(sentences):
        if NATIONAL_BODIES.search(s.text):
            continue
        totals = _totals_in(s.text)
        votes = country_votes(s.text)
        if not totals and not votes:
            continue
        origin = i
        if named[i]:
            body_at = lambda at, here=named[i]: _nearest(here, at)  # noqa: E731
        else:
            # the last body named before (or the first named just after) the sentence, or the last one voting
            near = next(((j, named[j]) for j in (i - 1, i - 2, i - 3, i + 1) if 0 <= j < len(sentences) and named[j]
                         and not NATIONAL_BODIES.search(sentences[j].text)), None)
            recent = facts[-1].body if facts and i - facts[-1].sentence <= 3 else None
            body = (_nearest(near[1], 10**6 if near[0] < i else 0) if near else None) or recent
            if body is None or not _VOTE_TRIGGER.search(s.text):
                continue
            origin = near[0] if near else facts[-1].named_in
            body_at = lambda at, body=body: body  # noqa: E731
        facts += [_Fact(i, at, body_at(at), origin, total=(name, n), note=note) for name, n, at, note in totals]
        facts += [_Fact(i, at, body_at(at), origin, vote=(iso3, code, note)) for iso3, code, note, at in votes]
    return sorted(facts, key=lambda f: (f.sentence, f.offset))


def _groups(facts: list[_Fact], sentences: list[Sentence]) -> list[_Group]:
    """Facts in article order become resolutions: a fact joins the last resolution of its body, unless its sentence
    states totals that differ from that resolution's (a second vote) or it comes more than three sentences later."""
    groups: list[_Group] = []
    last: dict[str, tuple[_Group, int]] = {}
    for i in sorted({f.sentence for f in facts}):
        here = [f for f in facts if f.sentence == i and f.body is not None]
        for body in dict.fromkeys(f.body for f in here):
            mine = [f for f in here if f.body == body]
            current = last.get(body)
            stated = {f.total[0]: f.total[1] for f in mine if f.total is not None}
            if current is None or i - current[1] > 3 or any(
                    current[0].totals.get(k, v) != v for k, v in stated.items()):
                group = _Group(body)
                groups.append(group)
            else:
                group = current[0]
            last[body] = (group, i)
            for j in sorted({i, *(f.named_in for f in mine)}):
                if sentences[j] not in group.sentences:
                    group.sentences.append(sentences[j])
            for f in mine:
                if f.total is not None:
                    group.totals.setdefault(*f.total)
                    if f.note:
                        group.notes.append(f.note)
                elif f.vote is not None:
                    group.votes.setdefault(f.vote[0], f.vote)
    return groups


def _derive_from_lists(group: _Group) -> None:
    """A Security Council of 15: a total left unstated is the number of countries named with that vote, when
    the stated totals and those lists make up the whole council."""
    if group.body != "UNSC":
        return
    named = {code: [iso3 for iso3, c, _ in group.votes.values() if c == code] for code in ("Y", "N", "A")}
    missing = {k: named[c] for k, c in (("yes", "Y"), ("no", "N"), ("abstain", "A")) if k not in group.totals
               and named[c]}
    if not missing or sum(group.totals.values()) + sum(len(v) for v in missing.values()) != 15:
        return
    for key, countries in missing.items():
        group.totals[key] = len(countries)
        group.notes.append(f"{key} total not stated: {len(countries)} derived from the countries named "
                           f"({', '.join(country_name(c) for c in countries)})")


def un_votes(sentences: list[Sentence], reading: Reading) -> list[Candidate]:
    """A UN body's votes in the article: one resolution per vote told, with its totals and countries' votes."""
    found: list[Candidate] = []
    ids: dict[str, int] = {}
    for group in _groups(_facts(sentences), sentences):
        _derive_from_lists(group)
        found += _resolution(group, reading, ids)
    return found


def _resolution(group: _Group, reading: Reading, ids: dict[str, int]) -> list[Candidate]:
    window = sorted(group.sentences, key=lambda s: s.index)
    when = fact_date(window[0].text, reading)
    text = " ".join(x.text for x in window)
    symbol = re.search(r"\b(?:A|S|A/HRC)/RES/[\dA-Z\-/.]+", text)
    resolution_id = symbol.group() if symbol else f"{group.body}-{when.start.isoformat()}"
    ids[resolution_id] = ids.get(resolution_id, 0) + 1
    if ids[resolution_id] > 1:
        resolution_id += f"-{ids[resolution_id]}"
    body = group.body
    session = (when.start.year - 1945 if when.start.month >= 9 else when.start.year - 1946) if body == "UNGA" else None
    subjects = [c.text for c in countries_in(window[0].text) if not c.possessive and c.kind == "country"
                and c.iso3 not in group.votes]
    adopted = True if re.search(r"(?i)\b(approved|adopted|passed)\b", text) else (
        False if re.search(r"(?i)\b(rejected|failed|vetoed|defeated)\b", text) else None)
    uncertain = [*when.notes, *group.notes]
    if not symbol:
        uncertain.append(f"resolution number not in the article: '{resolution_id}' is a placeholder; "
                         "give its symbol (e.g. A/RES/75/287) before loading")
    unstated = [k for k in ("yes", "no", "abstain") if k not in group.totals]
    uncertain += [f"{k} total not stated" for k in unstated]
    confidence = 0.85 - 0.1 * len(unstated) - 0.1 * len(group.notes) - (0.05 if len(window) > 2 else 0)
    resolution = Candidate("resolutions", "resolution", {
        "resolution_id": resolution_id, "body": body, "vote_date": when.start, "session": session,
        "title": None, "subjects": "; ".join(dict.fromkeys(subjects)) or None,
        "yes": group.totals.get("yes"), "no": group.totals.get("no"), "abstain": group.totals.get("abstain"),
        "non_voting": None, "adopted": adopted,
    }, window, uncertain, max(0.3, confidence))
    votes = []
    for iso3, code, note in group.votes.values():
        evidence = [x for x in window if _mentions(x.text, iso3)] or window
        doubts = []
        if len(window) > 1 and not any(_bodies(x.text) for x in evidence):
            doubts.append("the body is named in another sentence: check this vote belongs to this resolution")
        votes.append(Candidate("votes", "vote", {"resolution_id": resolution_id, "country_iso3": iso3, "vote": code,
                                                 "note": note}, evidence, doubts, 0.8 - 0.15 * len(doubts)))
    return [resolution, *votes]


def _mentions(text: str, iso3: str) -> bool:
    return any(c.iso3 == iso3 for c in countries_in(text))
