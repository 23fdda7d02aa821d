"""Resolve country names and codes from any source (UN, unvotes, ACLED, UCDP, State Dept) to ISO-3.

Codes, for every state that ever sat in the UN General Assembly:
- a current state: its ISO 3166-1 alpha-3 code, also for the names it voted under before (Burma, Upper
  Volta, Siam, Ukrainian SSR, Federal Republic of Germany, Yemen Arab Republic, United Arab Republic,
  Tanganyika ...), because the state and its UN seat continued;
- a state that no longer exists: its ISO 3166-3 code (SUN Soviet Union, YUG Yugoslavia, CSK
  Czechoslovakia, DDR German Democratic Republic, YMD Democratic Yemen, SCG Serbia and Montenegro, ZAR Zaire);
- a state with no ISO code of either kind: a project code from ISO's user-assigned range (PROJECT_CODES:
  XZN Zanzibar; XKX Kosovo, which is not a UN member).
"""

from __future__ import annotations

import functools
import numbers
import re
import unicodedata

import pycountry

# Why our own resolver: `country_converter` breaks under pandas 3 and pycountry alone misses the UN,
# unvotes, ACLED/UCDP and State Dept spellings (see DESIGN.md "Known pitfalls"). Everything is matched
# on a normalised key (see `_key`), so aliases below are written naturally and need no case/accent variants.

# Historic ISO 3166-3 entries that are a *rename* of a state that still exists: same state, same UN
# seat, so its facts must land on the modern code or a country's history splits in two. Everything else
# in pycountry.historic_countries keeps its own 3166-3 code (SUN, YUG, CSK, DDR, YMD, SCG, ZAR ...).
_RENAMED: dict[str, str] = {
    "BUR": "MMR",  # Burma -> Myanmar (1989): continuous state; ISO re-coded it, the state did not change.
    "TMP": "TLS",  # East Timor -> Timor-Leste.
    "BYS": "BLR",  # Byelorussian SSR held the UN seat that Belarus holds today.
    "HVO": "BFA",  # Upper Volta -> Burkina Faso.
    "DHY": "BEN",  # Dahomey -> Benin.
}

# Project codes for states that have no ISO 3166-1 or 3166-3 code at all. Both are in the range ISO
# 3166-1 reserves for user assignment (XAA-XZZ), so ISO will never give them to another country.
# Kosovo: XK/XKX is the user-assigned code used by the EU, IMF, ACLED and others.
_KOSOVO = "XKX"
# Zanzibar: a UN member from 16 December 1963 until its union with Tanganyika (26 April 1964); it cast
# General Assembly votes in December 1963. ISO 3166 was first published in 1974, so it never had a code.
_ZANZIBAR = "XZN"
PROJECT_CODES: dict[str, str] = {_KOSOVO: "Kosovo", _ZANZIBAR: "Zanzibar"}

# Explicit aliases: they override everything pycountry says (so "Burma" can never reach pycountry's BUR).
ALIASES: dict[str, str] = {
    # --- Kosovo (user-assigned code, see _KOSOVO) ---
    "Kosovo": _KOSOVO,
    "XK": _KOSOVO,
    "XKX": _KOSOVO,
    "Republic of Kosovo": _KOSOVO,
    # --- Historic states keep their ISO 3166-3 codes ---
    "USSR": "SUN",
    "Soviet Union": "SUN",
    "Union of Soviet Socialist Republics": "SUN",
    "Yugoslavia": "YUG",
    "Socialist Federal Republic of Yugoslavia": "YUG",
    "Federal Republic of Yugoslavia": "YUG",  # ISO kept YU for the FRY until it became SCG in 2003.
    "Czechoslovakia": "CSK",
    "East Germany": "DDR",
    "German Democratic Republic": "DDR",
    "GDR": "DDR",
    "South Yemen": "YMD",
    "Yemen People's Republic": "YMD",  # unvotes/Voeten spelling.
    "Democratic Yemen": "YMD",
    "People's Democratic Republic of Yemen": "YMD",
    "Yemen, Democratic": "YMD",
    "Serbia and Montenegro": "SCG",
    "Zaire": "ZAR",
    "Republic of Zaire": "ZAR",
    "North Vietnam": "VDR",
    "Rhodesia": "RHO",
    "Southern Yemen": "YMD",  # UN name 1967-1970 (People's Republic of Southern Yemen).
    "Zanzibar": _ZANZIBAR,
    # West Germany -> DEU: reunification was the GDR acceding to the Federal Republic, which continued as
    # the same state (same UN seat), so its history belongs to today's Germany; there is no 3166-3 code.
    "West Germany": "DEU",
    "Federal Republic of Germany": "DEU",
    "Germany, Federal Republic of": "DEU",  # UN Digital Library, 1973-1989 (spelled out for alias_pairs).
    "German Federal Republic": "DEU",  # Correlates of War / UCDP spelling.
    "FRG": "DEU",
    # North Yemen -> YEM: the Yemen Arab Republic's UN seat and ISO code YE continued as unified Yemen, so
    # no separate ISO 3166-3 code exists for it (only South Yemen got YMD).
    "North Yemen": "YEM",
    "Yemen Arab Republic": "YEM",
    "Yemen (North Yemen)": "YEM",  # UCDP spelling.
    # Renamed but continuous states -> modern code (see _RENAMED for why).
    "Burma": "MMR",
    "Burma (Myanmar)": "MMR",
    "Myanmar (Burma)": "MMR",
    "East Timor": "TLS",
    "Byelorussian SSR": "BLR",
    "Byelorussia": "BLR",
    "Upper Volta": "BFA",
    "Dahomey": "BEN",
    "Kampuchea": "KHM",
    "Democratic Kampuchea": "KHM",
    "Ceylon": "LKA",
    "Malagasy Republic": "MDG",
    "Swaziland": "SWZ",
    "Kingdom of eSwatini": "SWZ",
    "Turkey": "TUR",
    "Macedonia": "MKD",
    "The former Yugoslav Republic of Macedonia": "MKD",
    "Former Yugoslav Republic of Macedonia": "MKD",
    "FYROM": "MKD",
    "Cape Verde": "CPV",
    "Czech Republic": "CZE",
    "Ivory Coast": "CIV",
    # --- Names under which a state that continues today sat in the General Assembly (UN Digital Library
    # upper-case names). The UN seat continued, so its votes belong to today's code. ---
    "Ukrainian SSR": "UKR",
    "Union of South Africa": "ZAF",
    "Siam": "THA",
    "Philippine Republic": "PHL",
    "Federation of Malaya": "MYS",  # Malaysia continued Malaya's membership (1963).
    "Tanganyika": "TZA",  # the union with Zanzibar continued as one Member, renamed Tanzania in 1964.
    # Egypt and Syria's union (1958-1961) sat as one Member; the seat continued as Egypt's, which kept the
    # name United Arab Republic until 1971 (Syria resumed its own seat in 1961).
    "United Arab Republic": "EGY",
    "Libyan Arab Republic": "LBY",
    "Libyan Arab Jamahiriya": "LBY",
    "United Republic of Cameroon": "CMR",
    "Khmer Republic": "KHM",
    "Central African Empire": "CAF",
    "Maldive Islands": "MDV",
    "Surinam": "SUR",
    "Saint Christopher and Nevis": "KNA",
    "Congo (Leopoldville)": "COD",
    "Congo (Democratic Republic of)": "COD",
    # --- Congo: the two states. A bare "Congo" resolves to COG through pycountry's own name (ISO's
    # short name for the Republic of the Congo); the DRC is always written with a qualifier. ---
    "Democratic Republic of Congo": "COD",
    "Democratic Republic of the Congo": "COD",
    "DR Congo": "COD",
    "DRC": "COD",
    "Congo, Dem. Rep.": "COD",
    "Congo - Kinshasa": "COD",  # unvotes; also matches "Congo (Kinshasa)".
    "Republic of Congo": "COG",
    "Republic of the Congo": "COG",
    "Congo, Rep.": "COG",
    "Congo - Brazzaville": "COG",
    # --- Koreas ("Korea" alone stays unknown on purpose) ---
    "South Korea": "KOR",
    "Korea, South": "KOR",
    "Republic of Korea": "KOR",
    "Korea, Rep.": "KOR",
    "North Korea": "PRK",
    "Korea, North": "PRK",
    "Democratic People's Republic of Korea": "PRK",
    "Korea, Dem. People's Rep.": "PRK",
    "DPRK": "PRK",
    # --- UN / State Dept / World Bank short forms pycountry lacks ---
    "Russia": "RUS",
    "Brunei": "BRN",
    "Syria": "SYR",
    "Laos": "LAO",
    "Lao PDR": "LAO",
    "Vietnam": "VNM",
    "Iran": "IRN",
    "Iran, Islamic Rep.": "IRN",
    "Egypt, Arab Rep.": "EGY",
    "Yemen, Rep.": "YEM",
    "Venezuela, RB": "VEN",
    "Micronesia": "FSM",
    "Micronesia, Fed. Sts.": "FSM",
    "Kyrgyz Republic": "KGZ",
    "Slovak Republic": "SVK",
    "Turkiye": "TUR",
    "Palestine": "PSE",
    "Palestinian Territories": "PSE",
    "Occupied Palestinian Territory": "PSE",
    "West Bank and Gaza": "PSE",
    "Holy See": "VAT",
    "Vatican City": "VAT",
    "Vatican": "VAT",
    "United States of America": "USA",
    "USA": "USA",
    "US": "USA",
    "America": "USA",
    "UK": "GBR",
    "Great Britain": "GBR",
    "Britain": "GBR",
    "UAE": "ARE",
    "Bosnia-Herzegovina": "BIH",
    "Timor Leste": "TLS",
    "Falkland Islands": "FLK",
    "British Virgin Islands": "VGB",
    "US Virgin Islands": "VIR",
    "Sao Tome": "STP",
    "Hong Kong SAR, China": "HKG",
    "Macao SAR, China": "MAC",
    "Macau": "MAC",
    "Saint Vincent and Grenadines": "VCT",  # unvotes: "St. Vincent & Grenadines".
    "Saint Martin": "MAF",
    "Sint Maarten": "SXM",
}

# Column headers of the UN Digital Library's wide voting export (shared/realdata/unga, 2022) that misspell
# or prefix a state's name. Each holds real votes of that state: on every row where one has a cell, the
# state's own column is empty. "DONOTKNOW" (one Security Council vote in 2010) names no state: left out.
ALIASES.update({
    "SERBIAMONTENEGRO": "SCG",
    "REPULIC OF MOLDOVA": "MDA",
    "TKAZAKHSTAN": "KAZ",
    "DEMOCRATIC CAMPUCHEA": "KHM",
    "Aa UNITED STATES": "USA",
    "AY DENMARK": "DNK",
    "AY SWEDEN": "SWE",
    "AY UNION OF SOUTH AFRICA": "ZAF",
    "CHILEs": "CHL",
})

# Display names where pycountry's name/common_name is awkward for a dashboard.
_DISPLAY: dict[str, str] = {
    "RUS": "Russia",
    "BRN": "Brunei",
    "COD": "DR Congo",
    "COG": "Republic of the Congo",  # bare "Congo" is ambiguous in a picker.
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands",
    "FLK": "Falkland Islands",
    **PROJECT_CODES,
    "SUN": "Soviet Union",
    "YUG": "Yugoslavia",
    "CSK": "Czechoslovakia",
    "DDR": "East Germany",
    "YMD": "South Yemen",
    "SCG": "Serbia and Montenegro",
    "ZAR": "Zaire",
    "VDR": "North Vietnam",
    "RHO": "Rhodesia",
}

# States that sat in the General Assembly under a code no current state has (see the module docstring).
FORMER_UN_MEMBERS: tuple[str, ...] = ("SUN", "YUG", "CSK", "DDR", "YMD", "SCG", "ZAR", _ZANZIBAR)

# Numeric codes retired from ISO 3166 / UN M49 whose state continues or keeps a 3166-3 code.
_EXTRA_NUMERIC: dict[int, str] = {
    890: "YUG",  # SFR Yugoslavia (pycountry lists only 891, which ISO later gave Serbia and Montenegro).
    891: "SCG",
    280: "DEU",  # Federal Republic of Germany before 1990 (see West Germany above).
    886: "YEM",  # Yemen Arab Republic before 1990 (see North Yemen above).
    230: "ETH",  # Ethiopia before Eritrea's secession.
    736: "SDN",  # Sudan before South Sudan's secession.
}

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
        code = _RENAMED.get(h.alpha_3, h.alpha_3)
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
    numeric.update(_EXTRA_NUMERIC)

    # Layer 3: our display names and explicit aliases (highest priority).
    for code, display in _DISPLAY.items():
        names[_key(display)] = code
    for alias, code in ALIASES.items():
        names[_key(alias)] = code
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
def _known() -> frozenset[str]:
    """Every code to_iso3 can return (current, kept historic, XKX)."""
    return frozenset(_index()[0].values()) | frozenset(_index()[1].values())


def is_known_iso3(code: str) -> bool:
    """True for an exact upper-case ISO-3 code to_iso3 can produce (current, historic 3166-3, XKX)."""
    return isinstance(code, str) and code in _known()


def country_name(iso3: str) -> str:
    """Return a short English display name for an ISO-3 code, or the code itself if unknown."""
    code = iso3.strip().upper() if isinstance(iso3, str) else str(iso3)
    if display := _DISPLAY.get(code):
        return display
    if country := pycountry.countries.get(alpha_3=code):
        return getattr(country, "common_name", None) or country.name
    if historic := pycountry.historic_countries.get(alpha_3=code):
        return historic.name.partition(",")[0]  # "Burma, Socialist Republic of the Union of" -> "Burma".
    return iso3


@functools.cache
def _all_countries() -> tuple[tuple[str, str], ...]:
    """Current ISO 3166-1 countries, Kosovo and the former UN members, sorted by display name."""
    codes = [c.alpha_3 for c in pycountry.countries] + [_KOSOVO, *FORMER_UN_MEMBERS]
    # Accent-insensitive, so "Åland Islands" sorts with the A's rather than after "Zimbabwe".
    return tuple(sorted(((c, country_name(c)) for c in codes), key=lambda pair: _fold(pair[1])))


def all_countries() -> list[tuple[str, str]]:
    """Return (iso3, display name) for current countries, XKX and former UN members, sorted by name (pickers)."""
    return list(_all_countries())
