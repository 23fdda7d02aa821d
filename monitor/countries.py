"""Resolve country names and codes from any source (UN, unvotes, ACLED, UCDP, State Dept) to ISO-3.

Codes, for every state that ever sat in the UN General Assembly:
- a current state: its ISO 3166-1 alpha-3 code, also for the names it voted under before (Burma, Upper
  Volta, Siam, Ukrainian SSR, Federal Republic of Germany, Yemen Arab Republic, United Arab Republic,
  Tanganyika ...), because the state and its UN seat continued;
- a state that no longer exists: its ISO 3166-3 code (SUN Soviet Union, YUG Yugoslavia, CSK
  Czechoslovakia, DDR German Democratic Republic, YMD Democratic Yemen, SCG Serbia and Montenegro, ZAR Zaire);
- a state with no ISO code of either kind: a project code from ISO's user-assigned range (PROJECT_CODES:
  XZN Zanzibar; XHI Hawaii before 1898; XKX Kosovo, which is not a UN member).

The tables it reads (aliases, renamed and retired codes, display names) are in monitor/country_names.py.
"""

from __future__ import annotations

import functools
import numbers
import re
import unicodedata

import pycountry

from monitor.country_names import ALIASES, DISPLAY, EXTRA_NUMERIC, FORMER_UN_MEMBERS, KOSOVO, RENAMED

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4\u02bc\u2032]")
_SAINT = re.compile(r"\bst\b\.?")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_NUMERIC = re.compile(r"\d{1,3}(?:\.0+)?")


def _fold(text: str) -> str:
    """Drop accents and case: 'Côte' -> 'cote', 'TÜRKIYE' -> 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _key(text: str) -> str:
    """Normalise a name for matching: no accents, case, punctuation or leading 'the'; '&'='and'."""
    text = _fold(text)
    text = _APOSTROPHES.sub("", text)  # "People's" == "Peoples" == "People’s".
    text = text.replace("&", " and ")
    text = _SAINT.sub("saint ", text)
    text = text.replace(".", "")  # "U.S." == "US", "Dem." == "Dem".
    text = _NOT_WORD.sub(" ", text).strip()  # commas, parentheses, hyphens, whitespace runs -> one space.
    return text.removeprefix("the ")


def _inverted(text: str) -> str | None:
    """'Congo, Democratic Republic of the' -> 'Democratic Republic of the Congo' (one comma only)."""
    head, sep, tail = text.partition(",")
    if not sep or "," in tail or not tail.strip():
        return None
    return f"{tail.strip()} {head.strip()}"


@functools.cache
def _index() -> tuple[dict[str, str], dict[int, str]]:
    """Build (name/code key -> ISO-3, numeric -> ISO-3); later layers override earlier ones."""
    names: dict[str, str] = {}
    numeric: dict[int, str] = {}

    # Layer 1: historic states (lowest priority; current countries and ALIASES win on any clash).
    current_alpha2 = {c.alpha_2 for c in pycountry.countries}
    hist_alpha2 = [h.alpha_2 for h in pycountry.historic_countries]
    for h in pycountry.historic_countries:
        code = RENAMED.get(h.alpha_3, h.alpha_3)
        names[_key(h.alpha_3)] = code
        names[_key(h.alpha_4)] = code
        # Historic alpha-2 codes were often reused ("BY", "GE", "CS" twice): only index unambiguous ones.
        if h.alpha_2 not in current_alpha2 and hist_alpha2.count(h.alpha_2) == 1:
            names[_key(h.alpha_2)] = code
        if num := getattr(h, "numeric", None):
            numeric[int(num)] = code
        names[_key(h.name)] = code
        # "Zaire, Republic of" -> "Republic of Zaire" and "Zaire" (only where nothing else claims it).
        names.setdefault(_key(h.name.partition(",")[0]), code)
        if inv := _inverted(h.name):
            names.setdefault(_key(inv), code)

    # Layer 2: current ISO 3166-1 countries.
    for c in pycountry.countries:
        numeric[int(c.numeric)] = c.alpha_3
        for attr in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            if value := getattr(c, attr, None):
                names[_key(value)] = c.alpha_3
        if inv := _inverted(c.name):
            names.setdefault(_key(inv), c.alpha_3)
    numeric.update(EXTRA_NUMERIC)

    # Layer 3: our display names and explicit aliases (highest priority).
    for code, display in DISPLAY.items():
        names[_key(display)] = code
    for alias, code in ALIASES.items():
        names[_key(alias)] = code
    # Every code the resolver gives resolves to itself, so what it wrote validates when read again (the ETL checks
    # country_iso3 through to_iso3; a link's `c`): project codes such as XZN are values above, never keys.
    for code in {*names.values(), *numeric.values()}:
        names[_key(code)] = code
    return names, numeric


def name_key(text: str) -> str:
    """The normalised form names are matched on ('Côte d’Ivoire' -> 'cote divoire'), for alias_pairs()."""
    return _key(text)


def alias_pairs() -> list[tuple[str, str]]:
    """Every (name_key, iso3) pair to_iso3 matches by name or letter code, sorted: an alias table for SQL.

    Join on `name_key(value)`. Not covered (ask to_iso3 for these): numeric codes, the "Name, The" and
    "Modern (Former)" spellings to_iso3 reorders before matching.
    """
    return sorted(_index()[0].items())


def to_iso3(value: object) -> str | None:
    """Return the ISO-3 code for any country name or ISO-2/ISO-3/numeric code, or None if unknown."""
    names, numeric = _index()
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, numbers.Integral):
        return numeric.get(int(value))
    if isinstance(value, float):  # pandas turns integer columns with gaps into floats (104.0, nan).
        return numeric.get(int(value)) if value.is_integer() else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if _NUMERIC.fullmatch(text):
        return numeric.get(int(float(text)))
    if found := names.get(_key(text)):
        return found
    # "Bahamas, The" / "Congo, Democratic Republic of the": try the un-inverted form.
    if (inv := _inverted(text)) and (found := names.get(_key(inv))):
        return found
    # UCDP writes "Modern (Former)": "Russia (Soviet Union)", "Zimbabwe (Rhodesia)" -> the modern name.
    # A bare "Congo" before the parentheses is too ambiguous to guess from ("Congo (Zaire)").
    head, paren, _ = text.partition("(")
    if paren and (head_key := _key(head)) and head_key != "congo":
        return names.get(head_key)
    return None


@functools.cache
def known_codes() -> frozenset[str]:
    """Every code to_iso3 can return (current, kept historic, project codes): each one validates."""
    return frozenset(_index()[0].values()) | frozenset(_index()[1].values())


def is_known_iso3(code: str) -> bool:
    """True for an exact upper-case ISO-3 code to_iso3 can produce (current, historic 3166-3, project codes)."""
    return isinstance(code, str) and code in known_codes()


def country_name(iso3: str) -> str:
    """Return a short English display name for an ISO-3 code, or the code itself if unknown."""
    code = iso3.strip().upper() if isinstance(iso3, str) else str(iso3)
    if display := DISPLAY.get(code):
        return display
    if country := pycountry.countries.get(alpha_3=code):
        return getattr(country, "common_name", None) or country.name
    if historic := pycountry.historic_countries.get(alpha_3=code):
        return historic.name.partition(",")[0]  # "Burma, Socialist Republic of the Union of" -> "Burma".
    return iso3


@functools.cache
def _all_countries() -> tuple[tuple[str, str], ...]:
    """Current ISO 3166-1 countries, Kosovo and the former UN members, sorted by display name."""
    codes = [c.alpha_3 for c in pycountry.countries] + [KOSOVO, *FORMER_UN_MEMBERS]
    # Accent-insensitive, so "Åland Islands" sorts with the A's rather than after "Zimbabwe".
    return tuple(sorted(((c, country_name(c)) for c in codes), key=lambda pair: _fold(pair[1])))


def all_countries() -> list[tuple[str, str]]:
    """Return (iso3, display name) for current countries, XKX and former UN members, sorted by name (pickers)."""
    return list(_all_countries())
