"""The country tables the resolver (monitor/countries.py) reads: aliases, renamed and retired codes, project
codes for states ISO never coded, display names, former UN members. Data only; the module docstring of
countries.py says which code each kind of state gets."""

from __future__ import annotations

# Why our own resolver: `country_converter` breaks under pandas 3 and pycountry alone misses the UN,
# unvotes, ACLED/UCDP and State Dept spellings (see DESIGN.md "Known pitfalls"). Everything is matched
# on a normalised key (see `_key`), so aliases below are written naturally and need no case/accent variants.

# Historic ISO 3166-3 entries that are a *rename* of a state that still exists: same state, same UN
# seat, so its facts must land on the modern code or a country's history splits in two. Everything else
# in pycountry.historic_countries keeps its own 3166-3 code (SUN, YUG, CSK, DDR, YMD, SCG, ZAR ...).
RENAMED: dict[str, str] = {
    "BUR": "MMR",  # Burma -> Myanmar (1989): continuous state; ISO re-coded it, the state did not change.
    "TMP": "TLS",  # East Timor -> Timor-Leste.
    "BYS": "BLR",  # Byelorussian SSR held the UN seat that Belarus holds today.
    "HVO": "BFA",  # Upper Volta -> Burkina Faso.
    "DHY": "BEN",  # Dahomey -> Benin.
}

# Project codes for states that have no ISO 3166-1 or 3166-3 code at all. Both are in the range ISO
# 3166-1 reserves for user assignment (XAA-XZZ), so ISO will never give them to another country.
# Kosovo: XK/XKX is the user-assigned code used by the EU, IMF, ACLED and others.
KOSOVO = "XKX"
# Zanzibar: a UN member from 16 December 1963 until its union with Tanganyika (26 April 1964); it cast
# General Assembly votes in December 1963. ISO 3166 was first published in 1974, so it never had a code.
ZANZIBAR = "XZN"
# Hawaii: a kingdom, then a republic (1894), until US annexation in 1898; its heads of state visited the US
# (King Kalakaua 1874 and 1881, President Dole 1898: the Office of the Historian's visits). No ISO code.
HAWAII = "XHI"
PROJECT_CODES: dict[str, str] = {KOSOVO: "Kosovo", ZANZIBAR: "Zanzibar", HAWAII: "Hawaii (to 1898)"}

# Explicit aliases: they override everything pycountry says (so "Burma" can never reach pycountry's BUR).
ALIASES: dict[str, str] = {
    # --- Kosovo (user-assigned code, see KOSOVO) ---
    "Kosovo": KOSOVO,
    "XK": KOSOVO,
    "XKX": KOSOVO,
    "Republic of Kosovo": KOSOVO,
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
    "Zanzibar": ZANZIBAR,
    "Hawaii": HAWAII,  # as a country, only the pre-1898 state: the US state is in USA
    "Kingdom of Hawaii": HAWAII,
    "Republic of Hawaii": HAWAII,
    "Somoa": "WSM",  # the Office of the Historian's misspelling of Samoa (its 2022 visit)
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
    # Renamed but continuous states -> modern code (see RENAMED for why).
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
    "Macedonia, FYR": "MKD",  # UCDP GED spelling (Gleditsch-Ward 343), before "North Macedonia"
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
DISPLAY: dict[str, str] = {
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
FORMER_UN_MEMBERS: tuple[str, ...] = ("SUN", "YUG", "CSK", "DDR", "YMD", "SCG", "ZAR", ZANZIBAR)

# Numeric codes retired from ISO 3166 / UN M49 whose state continues or keeps a 3166-3 code.
EXTRA_NUMERIC: dict[int, str] = {
    890: "YUG",  # SFR Yugoslavia (pycountry lists only 891, which ISO later gave Serbia and Montenegro).
    891: "SCG",
    280: "DEU",  # Federal Republic of Germany before 1990 (see West Germany above).
    886: "YEM",  # Yemen Arab Republic before 1990 (see North Yemen above).
    230: "ETH",  # Ethiopia before Eritrea's secession.
    736: "SDN",  # Sudan before South Sudan's secession.
}
