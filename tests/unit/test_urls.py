"""The URL registry: every key reads what it writes, bad values are named, page URLs are built in one place."""

from __future__ import annotations

from datetime import date

import pytest

from monitor import urls
from monitor.ids import resolution_id
from monitor.text import ECHO_LIMIT, echo
from tests.conftest import ROOT

# A value of every key, as a page holds it.
SAMPLES = {"c": ["MMR", "RUS"], "from": date(2021, 2, 1), "to": date(2021, 6, 30), "res": "A/RES/75/287",
           "pair": "RUS-MMR", "est": "high", "tab": "votes", "place": "55.7520,37.6178", "page": 2, "v": 3, "since": 2,
           "issue": "nuclear-weapons", "type": ["civilian-targeting", "Battles"], "sub": ["Armed clash"],
           "actor": ["Military Forces of Myanmar (2021-)", "NUG"], "region": ["MMR:Sagaing region"],
           "src": ["acled", "ucdp"], "note": 12, "asof": date(2021, 3, 31), "base": "52w", "measure": "events",
           "frame": "all"}


def _values(encoded: str | list[str]) -> list[str]:
    return [encoded] if isinstance(encoded, str) else encoded


def test_every_key_has_a_sample():
    assert set(SAMPLES) == set(urls.KEYS)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_key_reads_back_what_it_writes(name):
    key = urls.KEYS[name]
    value = SAMPLES[name]
    assert key.read(_values(key.encode(value))) == value


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_key_names_itself_in_its_warning(name):
    key = urls.KEYS[name]
    with pytest.raises(urls.BadParam) as bad:
        key.read(["?bogus?"], allowed=[SAMPLES[name]])  # unparseable, or outside the page's choices
    assert "?bogus?" in key.warn(bad.value).lower()  # res is upper-cased: A/RES/…
    assert name in key.warn(bad.value) or name == "c"  # c says "Unknown country in the link: …"


def test_the_shared_keys_are_the_sidebar_filters():
    assert urls.SHARED_KEYS == ("c", "from", "to", "type", "sub", "actor", "region", "src")


def test_ten_thousand_repeated_values_keep_the_first_fifty_and_say_so():
    value, warning = urls.ACTOR.value_of(["NUG"] * 10_000 + [f"actor {i}" for i in range(60)])
    assert value == ["NUG"] + [f"actor {i}" for i in range(49)]
    assert warning.startswith("Link parameter `actor`: 11 actors left out of the filter (at most 50") and \
        "“actor 49”" in warning and "and 8 more" in warning


def test_a_region_is_iso3_colon_name():
    value, warning = urls.REGION.value_of(["mmr:Sagaing region", "Sagaing", "<script>x</script>"])
    assert value == ["MMR:Sagaing region"]
    assert warning == ("Link parameter `region`: Not a region (write ISO3:Name, e.g. MMR:Sagaing region): “Sagaing”, "
                       "“<script>x</script>”. The rest of the link applies.")


def test_an_unknown_value_is_named_and_the_rest_kept():
    kept, warning = urls.unknown_values(urls.EVENT_TYPE, ["Battles", "Picnics"], {"Battles"})
    assert kept == ["Battles"]
    assert warning == "Link parameter `type`: no event type “Picnics” in the data; it was left out of the filter."


def test_countries_accept_codes_and_names_and_report_unknowns():
    assert urls.parse_countries(["MMR", "Russia", "mmr", "Atlantis"]) == (["MMR", "RUS"], ["Atlantis"])
    assert urls.parse_countries(["MMR,RUS"]) == (["MMR", "RUS"], [])


def test_unknown_countries_are_left_out_and_the_rest_kept():
    with pytest.raises(urls.BadParam) as bad:
        urls.COUNTRIES.read(["MMR", "Atlantis"])
    assert bad.value.keep == ["MMR"]
    assert urls.COUNTRIES.warn(bad.value) == "Unknown country in the link: “Atlantis”. It was left out of the filter."


def test_a_historic_state_in_a_link_is_a_country():
    assert urls.COUNTRIES.read(["SUN", "Yugoslavia"]) == ["SUN", "YUG"]


def test_pair_is_two_iso3_codes():
    assert urls.parse_pair("RUS-MMR") == ("RUS", "MMR")
    assert urls.PAIR.read(["Russia-Myanmar"]) == "RUS-MMR"
    with pytest.raises(urls.BadParam, match="not a pair of two different countries"):
        urls.parse_pair("RUS-RUS")
    with pytest.raises(urls.BadParam, match="use two ISO-3 codes"):
        urls.parse_pair("RUSMMR")


def test_bad_date_is_named():
    assert urls.parse_date("2021-06-18") == date(2021, 6, 18)
    with pytest.raises(urls.BadParam, match="“2021-13-01” is not a date"):
        urls.parse_date("2021-13-01")


@pytest.mark.parametrize("bad", ["banana", "1,2,3", "91,0", "0,181"])
def test_bad_places_are_refused(bad):
    with pytest.raises(urls.BadParam):
        urls.parse_place(bad)


def test_a_place_is_kept_to_four_decimals():
    assert urls.PLACE.read(["55.752,37.61781"]) == "55.7520,37.6178"


@pytest.mark.parametrize("typed", ["a/res/75/287", " A/RES/75/287 ", "A / RES / 75 / 287", "R/75/287", "75/287",
                                   "res/75/287"])
def test_a_resolution_is_read_in_its_one_spelling(typed):
    assert resolution_id(typed) == "A/RES/75/287"
    assert urls.RESOLUTION.read([typed], allowed={"A/RES/75/287"}) == "A/RES/75/287"


@pytest.mark.parametrize("typed", ["undl:3929594", "UNDL:3929594", "https://digitallibrary.un.org/record/3929594"])
def test_a_vote_named_by_its_library_record_is_read_as_the_etl_keys_it(typed):
    assert urls.RESOLUTION.read([typed], allowed={"undl:3929594"}) == "undl:3929594"
    assert urls.page_url("un_votes", {"res": urls.RESOLUTION.encode("undl:3929594")}) == "/un-votes?res=undl:3929594"


@pytest.mark.parametrize("typed", ["nuclear-weapons", "Nuclear weapons and nuclear material", "nu", "NUCLEAR-WEAPONS"])
def test_an_issue_is_read_in_its_one_spelling(typed):
    assert urls.ISSUE.read([typed], allowed={"nuclear-weapons", "human-rights"}) == "nuclear-weapons"


def test_an_issue_round_trips_through_a_page_link():
    link = urls.page_url("un_votes", {"issue": urls.ISSUE.encode("nuclear-weapons"), "c": ["RUS", "CHN"]})
    assert link == "/un-votes?issue=nuclear-weapons&c=RUS&c=CHN"
    value, warning = urls.ISSUE.value_of(["nuclear-weapons"], allowed={"nuclear-weapons"})
    assert (value, warning) == ("nuclear-weapons", None)


def test_an_issue_not_in_the_database_warns_and_falls_back_to_all():
    value, warning = urls.ISSUE.value_of(["whaling"], allowed=("human-rights", "nuclear-weapons"))
    assert value is None
    assert warning == ("Link parameter `issue`: “whaling” is not an issue of any roll call here (issues: "
                       "human-rights, nuclear-weapons). Showing the default instead.")
    assert "names no issue" in urls.ISSUE.value_of(["--"], allowed={"human-rights"})[1]


def test_a_resolution_not_in_the_database_is_named():
    with pytest.raises(urls.BadParam, match="“a/res/99/999” is not a resolution in the database"):
        urls.RESOLUTION.read(["a/res/99/999"], allowed={"A/RES/75/287"})


def test_a_data_version_must_be_one_the_database_holds():
    with pytest.raises(urls.BadParam, match="“99” is not a data version here \\(versions 1–2\\)"):
        urls.VERSION.read(["99"], allowed=[1, 2])
    with pytest.raises(urls.BadParam, match="no data versions yet"):
        urls.VERSION.read(["1"], allowed=[])
    assert urls.SINCE.read(["0"], allowed=[0, 1, 2]) == 0


def test_an_estimate_is_low_best_or_high():
    assert urls.ESTIMATE.default == "best"
    with pytest.raises(urls.BadParam, match="“worst” is not one of: low, best, high"):
        urls.ESTIMATE.read(["worst"])


@pytest.mark.parametrize("bad", ["0", "-1", "two", "1.5", "", "²", "１", "9" * 5_000])
def test_a_data_version_is_a_load_number(bad):
    with pytest.raises(urls.BadParam, match="is not a data version"):
        urls.VERSION.read([bad])


@pytest.mark.parametrize("bad", ["0", "²", "9" * 5_000, "1e3"])
def test_a_page_number_is_a_counting_number_in_digits(bad):  # '²' and 5,000 digits made int() raise
    assert urls.PAGE.value_of([bad]) == (1, f"Link parameter `page`: {echo(bad)} is not a page number (1, 2, 3 …). "
                                            "Showing the default instead.")


@pytest.mark.parametrize("key", sorted(urls.KEYS))
def test_every_warning_quotes_a_bad_value_cut_short(key):
    value = "[click](https://evil.example/x)" + "x" * 100_000
    _, warning = urls.KEYS[key].value_of([value], allowed=["A"])
    assert warning and "x" * ECHO_LIMIT not in warning and "…”" in warning, warning


def test_a_warning_names_three_unknown_countries_and_counts_the_rest():
    _, warning = urls.COUNTRIES.value_of(["Atlantis", "Lemuria,Utopia", "Oz", "MMR"])
    assert warning == ("Unknown country in the link: “Atlantis”, “Lemuria”, “Utopia” and 1 more. It was left out of "
                       "the filter.")


def test_query_string_repeats_lists_and_keeps_slashes_readable():
    query = urls.query_string({"c": ["MMR", "RUS"], "res": "A/RES/75/287", "pair": "", "est": None})
    assert query == "c=MMR&c=RUS&res=A/RES/75/287"


def test_page_urls():
    assert urls.page_url("un_votes", {"res": "A/RES/75/287", "c": ["MMR"]}) == "/un-votes?res=A/RES/75/287&c=MMR"
    assert urls.page_url("overview") == "/"
    assert urls.page_url("overview", {"c": ["MMR"]}) == "/?c=MMR"


def test_path_with_added_args_keeps_what_is_there():
    assert urls.path_with_added_args("/map?c=MMR", {"c": "RUS", "est": "high"}) == "/map?c=MMR&c=RUS&est=high"
    assert urls.path_with_added_args("/map", {"c": ["MMR", "RUS"]}) == "/map?c=MMR&c=RUS"


def test_path_with_removed_args_drops_every_value_of_a_key():
    assert urls.path_with_removed_args("/map?c=MMR&est=high&c=RUS", ["c"]) == "/map?est=high"
    assert urls.path_with_removed_args("/map?c=MMR", ["c"]) == "/map"


def test_path_with_replaced_args_sets_or_removes():
    url = "/un-votes?c=MMR&res=A/RES/75/287&c=RUS"
    assert urls.path_with_replaced_args(url, {"res": "A/RES/76/180", "c": None}) == "/un-votes?res=A/RES/76/180"
    assert urls.path_with_replaced_args(url, {"c": ["CHN"]}) == "/un-votes?res=A/RES/75/287&c=CHN"


def test_every_page_is_listed_once_with_its_script():
    scripts = {p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py")} - {"app_pages/common.py"}
    assert {page.file for page in urls.PAGES} == scripts
    assert len({page.path for page in urls.PAGES}) == len(urls.PAGES)
    assert urls.PAGES[0].path == ""  # the home page


def test_the_briefing_reads_a_link_as_the_pages_do():
    from monitor.views.state import parse_link

    path, link = parse_link("http://host/un-votes?c=SUN&c=Atlantis&res=a/res/75/287&est=worst")
    assert path == "un-votes"
    assert link.read(urls.COUNTRIES) == ["SUN"]
    assert link.read(urls.RESOLUTION, allowed={"A/RES/75/287"}) == "A/RES/75/287"
    assert link.read(urls.ESTIMATE) == "best"
    assert link.warnings == [
        "Unknown country in the link: “Atlantis”. It was left out of the filter.",
        "Link parameter `est`: “worst” is not one of: low, best, high. Showing the default instead."]
    assert link.used == {"c": ["SUN"], "res": "A/RES/75/287", "est": "best"}


def test_a_reversed_date_range_is_swapped_and_said():
    from datetime import date

    assert urls.ordered_dates(date(2021, 1, 1), date(2021, 6, 30)) == (date(2021, 1, 1), date(2021, 6, 30), None)
    start, end, warning = urls.ordered_dates(date(2021, 6, 30), date(2021, 1, 1))
    assert (start, end) == (date(2021, 1, 1), date(2021, 6, 30))
    assert warning == "The date range is reversed (2021-06-30 after 2021-01-01); showing 2021-01-01 – 2021-06-30."


def test_the_briefing_has_a_view_of_every_page_but_the_extract_form():
    from monitor.views.pages import VIEWS

    assert list(VIEWS) == [p.path for p in urls.PAGES if p.name != "extract"]
