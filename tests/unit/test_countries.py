"""Tests for monitor.countries: real-world name variants from each source resolve to ISO-3."""

from __future__ import annotations

import pytest

from monitor.countries import all_countries, country_name, is_known_iso3, to_iso3

# (input as a real source writes it, expected ISO-3)
CASES: list[tuple[object, str]] = [
    # --- ISO-3, any case, with stray whitespace ---
    ("MMR", "MMR"),
    ("mmr", "MMR"),
    ("  Mmr\t", "MMR"),
    ("USA", "USA"),
    ("ukr", "UKR"),
    ("SUN", "SUN"),
    ("YUG", "YUG"),
    ("BUR", "MMR"),  # pycountry's historic Burma code: same state as Myanmar.
    # --- ISO-2 ---
    ("MM", "MMR"),
    ("mm", "MMR"),
    ("UA", "UKR"),
    ("GB", "GBR"),
    ("SU", "SUN"),
    ("XK", "XKX"),
    # --- numeric (UN M49 / ISO 3166-1), int and string, zero-padded or not ---
    (104, "MMR"),
    ("104", "MMR"),
    ("004", "AFG"),
    ("4", "AFG"),
    (4, "AFG"),
    (840, "USA"),
    ("076", "BRA"),
    (104.0, "MMR"),  # pandas float column.
    (810, "SUN"),
    (890, "YUG"),
    (891, "SCG"),
    (200, "CSK"),
    (278, "DDR"),
    (720, "YMD"),
    (180, "COD"),
    # --- pycountry names ---
    ("Myanmar", "MMR"),
    ("China", "CHN"),
    ("Belarus", "BLR"),
    ("Ukraine", "UKR"),
    ("Israel", "ISR"),
    ("Germany", "DEU"),
    ("Viet Nam", "VNM"),
    ("Korea, Republic of", "KOR"),
    ("Iran, Islamic Republic of", "IRN"),
    ("Bolivia, Plurinational State of", "BOL"),
    ("Congo, The Democratic Republic of the", "COD"),
    ("Taiwan", "TWN"),
    ("Timor-Leste", "TLS"),
    ("Guinea-Bissau", "GNB"),
    # --- lower case / whitespace noise ---
    ("  south   sudan ", "SSD"),
    ("central african republic", "CAF"),
    ("sierra leone\n", "SLE"),
    # --- UN Digital Library upper-case names ---
    ("BOLIVIA (PLURINATIONAL STATE OF)", "BOL"),
    ("RUSSIAN FEDERATION", "RUS"),
    ("VENEZUELA (BOLIVARIAN REPUBLIC OF)", "VEN"),
    ("IRAN (ISLAMIC REPUBLIC OF)", "IRN"),
    ("UNITED REPUBLIC OF TANZANIA", "TZA"),
    ("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "PRK"),
    ("REPUBLIC OF KOREA", "KOR"),
    ("LAO PEOPLE'S DEMOCRATIC REPUBLIC", "LAO"),
    ("SYRIAN ARAB REPUBLIC", "SYR"),
    ("MICRONESIA (FEDERATED STATES OF)", "FSM"),
    ("TÜRKIYE", "TUR"),
    ("TURKEY", "TUR"),
    ("CÔTE D'IVOIRE", "CIV"),
    ("CZECHIA", "CZE"),
    ("NORTH MACEDONIA", "MKD"),
    ("THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA", "MKD"),
    ("SWAZILAND", "SWZ"),
    ("ESWATINI", "SWZ"),
    ("CABO VERDE", "CPV"),
    ("UNITED KINGDOM", "GBR"),
    ("UNITED STATES", "USA"),
    ("REPUBLIC OF MOLDOVA", "MDA"),
    ("DEMOCRATIC REPUBLIC OF THE CONGO", "COD"),
    ("STATE OF PALESTINE", "PSE"),
    ("HOLY SEE", "VAT"),
    ("UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "GBR"),
    ("UNITED STATES OF AMERICA", "USA"),
    ("BYELORUSSIAN SSR", "BLR"),
    ("UNION OF SOVIET SOCIALIST REPUBLICS", "SUN"),
    ("GERMAN DEMOCRATIC REPUBLIC", "DDR"),
    # --- unvotes / Voeten names ---
    ("Myanmar (Burma)", "MMR"),
    ("Congo - Kinshasa", "COD"),
    ("Congo - Brazzaville", "COG"),
    ("St. Kitts & Nevis", "KNA"),
    ("St. Vincent & Grenadines", "VCT"),
    ("St. Lucia", "LCA"),
    ("Côte d\u2019Ivoire", "CIV"),  # curly apostrophe
    ("Bosnia & Herzegovina", "BIH"),
    ("Trinidad & Tobago", "TTO"),
    ("Antigua & Barbuda", "ATG"),
    ("São Tomé & Príncipe", "STP"),
    ("Micronesia (Federated States of)", "FSM"),
    ("Yemen Arab Republic", "YEM"),
    ("Yemen People's Republic", "YMD"),
    ("Yemen People\u2019s Republic", "YMD"),
    # --- US State Department ---
    ("Burma", "MMR"),
    ("Burma (Myanmar)", "MMR"),
    ("Korea, South", "KOR"),
    ("Korea, North", "PRK"),
    ("Russia", "RUS"),
    ("Soviet Union", "SUN"),
    ("Holy See", "VAT"),
    ("Vatican City", "VAT"),
    ("Bahamas, The", "BHS"),
    ("Gambia, The", "GMB"),
    ("Cote d'Ivoire", "CIV"),
    ("Cote d`Ivoire", "CIV"),
    ("Timor Leste", "TLS"),
    # --- ACLED / UCDP ---
    ("Democratic Republic of Congo", "COD"),
    ("Republic of Congo", "COG"),
    ("eSwatini", "SWZ"),
    ("Kingdom of eSwatini", "SWZ"),
    ("Russia (Soviet Union)", "RUS"),
    ("Yemen (North Yemen)", "YEM"),
    ("Serbia (Yugoslavia)", "SRB"),
    ("Cambodia (Kampuchea)", "KHM"),
    ("Zimbabwe (Rhodesia)", "ZWE"),
    ("Madagascar (Malagasy)", "MDG"),
    ("Bosnia-Herzegovina", "BIH"),
    ("DR Congo (Zaire)", "COD"),
    ("Palestine", "PSE"),
    ("Kosovo", "XKX"),
    ("Turkey", "TUR"),
    ("Iran", "IRN"),
    ("Syria", "SYR"),
    ("Laos", "LAO"),
    ("Vietnam", "VNM"),
    ("Venezuela", "VEN"),
    ("Bolivia", "BOL"),
    ("Tanzania", "TZA"),
    ("Moldova", "MDA"),
    ("South Korea", "KOR"),
    ("North Korea", "PRK"),
    ("Czech Republic", "CZE"),
    ("Ivory Coast", "CIV"),
    ("Cape Verde", "CPV"),
    ("Macedonia", "MKD"),
    ("Brunei", "BRN"),
    # --- World Bank style ---
    ("Congo, Dem. Rep.", "COD"),
    ("Congo, Rep.", "COG"),
    ("Egypt, Arab Rep.", "EGY"),
    ("Korea, Rep.", "KOR"),
    ("Yemen, Rep.", "YEM"),
    ("Lao PDR", "LAO"),
    ("Kyrgyz Republic", "KGZ"),
    # --- historic states keep ISO 3166-3 codes ---
    ("USSR", "SUN"),
    ("Union of Soviet Socialist Republics", "SUN"),
    ("Yugoslavia", "YUG"),
    ("Socialist Federal Republic of Yugoslavia", "YUG"),
    ("Czechoslovakia", "CSK"),
    ("East Germany", "DDR"),
    ("German Democratic Republic", "DDR"),
    ("West Germany", "DEU"),
    ("Federal Republic of Germany", "DEU"),
    ("German Federal Republic", "DEU"),
    ("Iran (Persia)", "IRN"),
    ("South Yemen", "YMD"),
    ("Democratic Yemen", "YMD"),
    ("North Yemen", "YEM"),
    ("Serbia and Montenegro", "SCG"),
    ("Serbia & Montenegro", "SCG"),
    ("Zaire", "ZAR"),
    ("East Timor", "TLS"),
    ("Upper Volta", "BFA"),
    ("Dahomey", "BEN"),
    # --- bare "Congo" is the Republic of the Congo (ISO short name) ---
    ("Congo", "COG"),
    ("Congo (Brazzaville)", "COG"),
    ("Congo (Kinshasa)", "COD"),
    # --- unambiguous-but-tricky ---
    ("the Netherlands", "NLD"),
    ("The Philippines", "PHL"),
    ("Saint Kitts and Nevis", "KNA"),
    ("St Kitts and Nevis", "KNA"),
    ("Niger", "NER"),
    ("Nigeria", "NGA"),
    ("Dominica", "DMA"),
    ("Dominican Republic", "DOM"),
    ("Sudan", "SDN"),
    ("South Sudan", "SSD"),
    ("Guinea", "GIN"),
    ("Equatorial Guinea", "GNQ"),
    ("Papua New Guinea", "PNG"),
]

NEGATIVE: list[object] = [
    None,
    "",
    "   ",
    "Atlantis",
    "Korea",
    "Indian Ocean",
    "Republic of Vietnam",  # South Vietnam: no ISO code, and lumping it into VNM would be a guess.
    "Congo (Zaire)",  # ambiguous head: we refuse to guess
    "999",
    999,
    -4,
    True,
    104.5,
    float("nan"),
    ["MMR"],
    "M",
]


@pytest.mark.parametrize(("value", "expected"), CASES, ids=[repr(v) for v, _ in CASES])
def test_to_iso3(value: object, expected: str) -> None:
    assert to_iso3(value) == expected


@pytest.mark.parametrize("value", NEGATIVE, ids=[repr(v) for v in NEGATIVE])
def test_to_iso3_unknown(value: object) -> None:
    assert to_iso3(value) is None


def test_enough_cases() -> None:
    assert len(CASES) >= 120


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("MMR", "Myanmar"),
        ("RUS", "Russia"),
        ("CHN", "China"),
        ("BLR", "Belarus"),
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("IRN", "Iran"),
        ("SYR", "Syria"),
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("LAO", "Laos"),
        ("VNM", "Vietnam"),
        ("BOL", "Bolivia"),
        ("VEN", "Venezuela"),
        ("TZA", "Tanzania"),
        ("MDA", "Moldova"),
        ("SUN", "Soviet Union"),
        ("YUG", "Yugoslavia"),
        ("CSK", "Czechoslovakia"),
        ("DDR", "East Germany"),
        ("YMD", "South Yemen"),
        ("XKX", "Kosovo"),
        ("ZZZ", "ZZZ"),
    ],
)
def test_country_name(code: str, expected: str) -> None:
    assert country_name(code) == expected


def test_all_countries() -> None:
    countries = all_countries()
    assert len(countries) > 240
    assert ("MMR", "Myanmar") in countries
    assert ("XKX", "Kosovo") in countries
    names = [name for _, name in countries]
    assert len(set(names)) == len(names), "duplicate display names confuse a picker"
    assert names.index("Åland Islands") < names.index("Albania")  # accent-insensitive sort


def test_display_names_round_trip() -> None:
    # Whatever the picker shows must resolve back to the same code.
    for code, name in all_countries():
        assert to_iso3(name) == code, name


def test_is_known_iso3() -> None:
    for code in ("MMR", "USA", "XKX", "SUN", "YUG", "CSK", "DDR", "YMD", "SCG", "ZAR"):
        assert is_known_iso3(code), code
    for code in ("mmr", "BUR", "XXX", "", "MM"):  # BUR is always rewritten to MMR, so never stored.
        assert not is_known_iso3(code), code
    assert all(is_known_iso3(code) for code, _ in all_countries())
