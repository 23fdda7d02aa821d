"""Every state that ever voted in the UN General Assembly resolves to one stable code, named on screen.

The real files are the UN Digital Library's wide export (one column per member state, 1946-2021) and the
unvotes long files in ../shared/realdata/unga; those tests skip when the folder is absent.
"""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from monitor.countries import (
    alias_pairs,
    all_countries,
    country_name,
    is_known_iso3,
    name_key,
    to_iso3,
)
from monitor.country_names import FORMER_UN_MEMBERS, PROJECT_CODES
from tests.conftest import ROOT

UNGA = ROOT.parent / "shared" / "realdata" / "unga"
WIDE = UNGA / "un_votes_wide_un_data_2022.csv"
UNVOTES = UNGA / "unvotes_un_votes_s65-74.csv"
WIDE_METADATA = 11  # Council, Date, Title, Resolution, the four counts, TOTAL VOTES, Link, token
NOT_A_STATE = {"DONOTKNOW"}  # a junk header of the wide export (one Security Council cell in 2010)

# (name as a UN record or dataset writes it, code, name shown on screen)
HISTORIC: list[tuple[str, str, str]] = [
    # states that no longer exist: ISO 3166-3
    ("USSR", "SUN", "Soviet Union"),
    ("Union of Soviet Socialist Republics", "SUN", "Soviet Union"),
    ("YUGOSLAVIA", "YUG", "Yugoslavia"),
    ("CZECHOSLOVAKIA", "CSK", "Czechoslovakia"),
    ("GERMAN DEMOCRATIC REPUBLIC", "DDR", "East Germany"),
    ("DEMOCRATIC YEMEN", "YMD", "South Yemen"),
    ("SOUTHERN YEMEN", "YMD", "South Yemen"),
    ("Yemen People's Republic", "YMD", "South Yemen"),
    ("SERBIA AND MONTENEGRO", "SCG", "Serbia and Montenegro"),
    ("ZAIRE", "ZAR", "Zaire"),
    # no ISO code of either kind: a project code
    ("ZANZIBAR", "XZN", "Zanzibar"),
    # earlier names of states whose UN seat continued: today's code
    ("GERMANY, FEDERAL REPUBLIC OF", "DEU", "Germany"),
    ("Yemen Arab Republic", "YEM", "Yemen"),
    ("YEMEN", "YEM", "Yemen"),  # the UN's own column runs 1947-2021: North Yemen, then unified Yemen
    ("TANGANYIKA", "TZA", "Tanzania"),
    ("UNITED ARAB REPUBLIC", "EGY", "Egypt"),
    ("FEDERATION OF MALAYA", "MYS", "Malaysia"),
    ("UNION OF SOUTH AFRICA", "ZAF", "South Africa"),
    ("UKRAINIAN SSR", "UKR", "Ukraine"),
    ("BYELORUSSIAN SSR", "BLR", "Belarus"),
    ("SIAM", "THA", "Thailand"),
    ("BURMA", "MMR", "Myanmar"),
    ("CEYLON", "LKA", "Sri Lanka"),
    ("DAHOMEY", "BEN", "Benin"),
    ("UPPER VOLTA", "BFA", "Burkina Faso"),
    ("KHMER REPUBLIC", "KHM", "Cambodia"),
    ("DEMOCRATIC KAMPUCHEA", "KHM", "Cambodia"),
    ("LIBYAN ARAB REPUBLIC", "LBY", "Libya"),
    ("LIBYAN ARAB JAMAHIRIYA", "LBY", "Libya"),
    ("UNITED REPUBLIC OF CAMEROON", "CMR", "Cameroon"),
    ("CENTRAL AFRICAN EMPIRE", "CAF", "Central African Republic"),
    ("MALDIVE ISLANDS", "MDV", "Maldives"),
    ("SURINAM", "SUR", "Suriname"),
    ("PHILIPPINE REPUBLIC", "PHL", "Philippines"),
    ("SAINT CHRISTOPHER AND NEVIS", "KNA", "Saint Kitts and Nevis"),
    ("CONGO (LEOPOLDVILLE)", "COD", "DR Congo"),
    ("CONGO (DEMOCRATIC REPUBLIC OF)", "COD", "DR Congo"),
    ("CONGO (BRAZZAVILLE)", "COG", "Republic of the Congo"),
    ("CONGO", "COG", "Republic of the Congo"),
    # misspelled or prefixed headers of the wide export that hold a state's votes
    ("SERBIAMONTENEGRO", "SCG", "Serbia and Montenegro"),
    ("DEMOCRATIC CAMPUCHEA", "KHM", "Cambodia"),
    ("AY UNION OF SOUTH AFRICA", "ZAF", "South Africa"),
    ("CHILEs ", "CHL", "Chile"),
]


@pytest.mark.parametrize(("name", "code", "shown"), HISTORIC, ids=[n for n, _, _ in HISTORIC])
def test_historic_name_resolves_and_is_shown_by_name(name: str, code: str, shown: str) -> None:
    assert to_iso3(name) == code
    assert is_known_iso3(code)
    assert country_name(code) == shown


def test_former_members_are_in_the_country_picker_by_name() -> None:
    picker = dict(all_countries())
    for code in FORMER_UN_MEMBERS:
        assert picker[code] == country_name(code) != code
        assert to_iso3(picker[code]) == code


def test_project_codes_are_in_iso_user_assigned_range() -> None:
    assert PROJECT_CODES == {"XKX": "Kosovo", "XZN": "Zanzibar", "XHI": "Hawaii (to 1898)"}
    assert all(code.startswith("X") and len(code) == 3 for code in PROJECT_CODES)


def test_alias_pairs_agree_with_to_iso3() -> None:
    pairs = alias_pairs()
    table = dict(pairs)
    assert len(table) == len(pairs), "one code per alias"
    assert table[name_key("Côte d’Ivoire")] == "CIV"
    assert table[name_key("ZANZIBAR")] == "XZN"
    assert table[name_key("Burma")] == "MMR"
    assert table[name_key("Germany, Federal Republic of")] == "DEU"
    for key, code in pairs:
        assert to_iso3(key) == code, key
        assert is_known_iso3(code), code


def _wide_header() -> list[str]:
    if not WIDE.exists():
        pytest.skip(f"real UN voting export not found at {WIDE}")
    with WIDE.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def test_every_state_column_of_the_un_wide_export_resolves() -> None:
    states = [h for h in _wide_header()[WIDE_METADATA:] if h not in NOT_A_STATE]
    assert len(states) > 250
    unresolved = [h for h in states if to_iso3(h) is None]
    assert unresolved == []


def test_no_two_columns_of_one_code_both_vote_on_a_resolution() -> None:
    """A wrong merge (two states under one code) would show up as two cells on one row."""
    header = _wide_header()
    columns: dict[str, list[int]] = defaultdict(list)
    for i, h in enumerate(header[WIDE_METADATA:], start=WIDE_METADATA):
        if h not in NOT_A_STATE:
            columns[to_iso3(h)].append(i)
    merged = {code: idx for code, idx in columns.items() if len(idx) > 1}
    assert {"EGY", "DEU", "TZA", "YMD", "KHM"} <= set(merged)
    clashes = []
    with WIDE.open(encoding="utf-8-sig", newline="") as handle:
        for line_no, row in enumerate(csv.reader(handle), start=1):
            if line_no == 1:
                continue
            for code, idx in merged.items():
                if sum(1 for i in idx if row[i].strip()) > 1:
                    clashes.append((line_no, code))
    assert clashes == []


def test_every_country_of_the_unvotes_votes_resolves_by_name_and_code_alike() -> None:
    if not UNVOTES.exists():
        pytest.skip(f"real unvotes file not found at {UNVOTES}")
    with UNVOTES.open(encoding="utf-8", newline="") as handle:
        pairs = {(r["country"], r["country_code"]) for r in csv.DictReader(handle)}
    assert len(pairs) > 190
    disagree = [(name, code) for name, code in pairs if to_iso3(name) is None or to_iso3(name) != to_iso3(code)]
    assert disagree == []
