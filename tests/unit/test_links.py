"""The URL scheme's pure helpers: codes in, codes out, bad values named."""

from __future__ import annotations

from datetime import date

import pytest

from monitor import links


def test_countries_accept_codes_and_names_and_report_unknowns():
    assert links.parse_countries(["MMR", "Russia", "mmr", "Atlantis"]) == (["MMR", "RUS"], ["Atlantis"])


def test_countries_accept_comma_separated_values():
    assert links.parse_countries(["MMR,RUS"]) == (["MMR", "RUS"], [])


def test_pair_is_two_iso3_codes():
    assert links.parse_pair("RUS-MMR") == ("RUS", "MMR")
    with pytest.raises(links.BadParam, match="not a pair of two different countries"):
        links.parse_pair("RUS-RUS")
    with pytest.raises(links.BadParam, match="use two ISO-3 codes"):
        links.parse_pair("RUSMMR")


def test_bad_date_is_named():
    assert links.parse_date("2021-06-18") == date(2021, 6, 18)
    with pytest.raises(links.BadParam, match="'2021-13-01' is not a date"):
        links.parse_date("2021-13-01")


def test_query_string_repeats_lists_and_keeps_slashes_readable():
    query = links.query_string({"c": ["MMR", "RUS"], "res": "A/RES/75/287", "pair": "", "est": None})
    assert query == "c=MMR&c=RUS&res=A/RES/75/287"


def test_with_params_replaces_and_removes():
    assert links.with_params({"c": ["MMR"], "res": "x"}, res=None, tab="votes") == {"c": ["MMR"], "tab": "votes"}
