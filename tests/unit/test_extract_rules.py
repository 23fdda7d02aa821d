"""monitor.extract on short wire-style articles written for these tests (invented people and events,
real countries), one pattern each, and the cases that must NOT become rows."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.extract import extract
from monitor.extract.dates import find_dates
from monitor.extract.text import clean
from monitor.extract.votes import _country_votes

THURSDAY = date(2023, 9, 14)

VISIT = """Kenyan minister in Addis Ababa for security talks

Kenyan Defence Minister Joseph Wambua arrived in Addis Ababa on Tuesday for a two-day regional security summit, the ministry said in a statement.

Wambua met Ethiopian army chief Berhanu Tadesse on Wednesday to discuss border patrols, according to the statement.

Talks at which Wambua was to have met Somali President Hassan Omar Farah were cancelled on Wednesday.

Hassan Omar Farah did not travel to Addis Ababa after his flight was called off, officials said.
"""  # noqa: E501


def by_kind(result, kind):
    return [c for c in result.candidates if c.kind == kind]


def test_visit_names_visitor_country_city_and_weekday_date():
    result = extract(VISIT, published=THURSDAY)
    [visit] = by_kind(result, "visit")
    f = visit.fields
    assert (f["visitor_name"], f["visitor_iso3"], f["host_iso3"], f["city"]) == (
        "Joseph Wambua", "KEN", "ETH", "Addis Ababa")
    assert f["visitor_role"] == "Kenyan Defence Minister"
    assert (f["start_date"], f["date_precision"]) == (date(2023, 9, 12), "day")
    assert any("weekday (Tuesday)" in note for note in visit.uncertain)
    assert f["multilateral"] is True and "summit" in f["occasion"]
    assert visit.evidence[0].text.startswith("Kenyan Defence Minister Joseph Wambua arrived in Addis Ababa")
    assert f["met"] == "Berhanu Tadesse", "the cancelled talks with Farah are not a meeting"


def test_meeting_by_surname_gets_role_place_and_date():
    result = extract(VISIT, published=THURSDAY)
    [meeting] = by_kind(result, "meeting")
    f = meeting.fields
    assert f["actor1"] == "Joseph Wambua (Kenyan Defence Minister)"
    assert f["actor2"] == "Berhanu Tadesse (Ethiopian army chief)"
    assert (f["country_iso3"], f["counterpart_iso3"], f["location"]) == ("ETH", "KEN", "Addis Ababa")
    assert (f["event_date"], f["date_precision"]) == (date(2023, 9, 13), "day")


def test_cancelled_meeting_and_trip_that_did_not_happen_are_not_rows():
    result = extract(VISIT, published=THURSDAY)
    text = " ".join(s.text for c in result.candidates for s in c.evidence)
    assert "cancelled" not in text and "did not travel" not in text
    assert not any("Farah" in str(c.fields) for c in result.candidates)


def test_sentence_offsets_point_into_the_cleaned_text():
    result = extract(VISIT, published=THURSDAY)
    for c in result.candidates:
        for s in c.evidence:
            assert result.article.text[s.start:s.end] == s.text


CASUALTIES = """Darfur fighting toll rises

Fighting in Sudan's Darfur region has killed at least 1,250 people since April 15, according to a doctors' union.

Separately, about 40 civilians were killed in shelling on Saturday, a local official said.

Five soldiers died in an ambush near the border, the army said.

The army said it had deployed 3,000 soldiers to the city and arrested 150 people.

More than 2 million people have fled their homes, and 25 aid trucks crossed the border on Sunday.
"""


def test_casualties_keep_qualifier_reporter_and_period():
    result = extract(CASUALTIES, published=date(2024, 5, 6))
    reports = by_kind(result, "casualties")
    first = reports[0].fields
    assert (first["killed_low"], first["qualifier"], first["victims"]) == (1250, "at least", "people")
    assert first["reported_by"] == "a doctors' union"
    assert (first["period_start"], first["as_of"], first["cumulative"]) == (date(2024, 4, 15), date(2024, 5, 6), True)
    assert (first["date_precision"], first["period_end"]) == ("reported", None), "dated only by the article"
    assert first["country_iso3"] == "SDN"
    second = reports[1].fields
    assert (second["killed_best"], second["qualifier"], second["victims"]) == (40, "about", "civilians")
    assert (second["as_of"], second["date_precision"], second["cumulative"]) == (date(2024, 5, 4), "day", False)
    assert second["reported_by"] == "a local official"


def test_numbers_that_are_not_death_tolls_are_not_casualties():
    result = extract(CASUALTIES, published=date(2024, 5, 6))
    figures = [c.fields["killed_low"] or c.fields["killed_best"] for c in by_kind(result, "casualties")]
    assert 3000 not in figures and 150 not in figures and 2 not in figures and 25 not in figures
    assert figures == [1250, 40, 5]


UN_VOTE = """Assembly backs Yemen ceasefire call

The United Nations General Assembly on Wednesday adopted a resolution calling for a ceasefire in Yemen, with 128 countries voting in favour, nine voting against and 35 abstaining.

Syria, Iran and North Korea voted against the text, while India and Brazil abstained.

Earlier in the week, Kenya's parliament voted 210 to 96 to approve the budget, with 12 lawmakers abstaining.
"""  # noqa: E501


def test_un_vote_body_date_totals_and_each_country():
    result = extract(UN_VOTE, published=date(2022, 3, 10))
    [resolution] = by_kind(result, "resolution")
    f = resolution.fields
    assert (f["body"], f["vote_date"], f["session"]) == ("UNGA", date(2022, 3, 9), 76)
    assert (f["yes"], f["no"], f["abstain"], f["adopted"]) == (128, 9, 35, True)
    assert "placeholder" in " ".join(resolution.uncertain), "the article gives no resolution number"
    votes = {c.fields["country_iso3"]: c.fields["vote"] for c in by_kind(result, "vote")}
    assert votes == {"SYR": "N", "IRN": "N", "PRK": "N", "IND": "A", "BRA": "A"}


def test_a_vote_in_a_national_parliament_is_not_a_un_vote():
    result = extract(UN_VOTE.split("\n\n")[-1], published=date(2022, 3, 10))
    assert not [c for c in result.candidates if c.table in {"resolutions", "votes"}]
    result = extract(UN_VOTE, published=date(2022, 3, 10))
    assert not any("parliament" in s.text for c in by_kind(result, "resolution") for s in c.evidence)


def test_country_votes_in_the_briefs_phrasing():
    text = ("The resolution was adopted with 119 countries voting yes, Belarus voting no, and 36 abstaining, "
            "including China and India, along with Russia.")
    assert _country_votes(text) == [("BLR", "N", None), ("CHN", "A", None), ("IND", "A", None), ("RUS", "A", None)]


def test_a_possessive_in_a_list_is_not_a_vote():
    text = "It passed with 36 abstaining including China, Myanmar’s main ally, and Russia."
    assert _country_votes(text) == [("CHN", "A", None), ("RUS", "A", None)]


def test_a_seat_held_by_an_envoy_votes_with_a_note_saying_who_cast_it():
    text = ("The resolution was adopted with 140 votes in favour. Myanmar’s envoy to the world body, Thura Lwin Oo, "
            "voted in favour of the text, breaking with the junta.")
    assert _country_votes(text) == [("MMR", "Y", "Cast by Thura Lwin Oo (Myanmar’s envoy to the world body)")]


STATEMENTS = """Paris rejects Niger junta demand

Niger has been ruled by the military since soldiers seized power in July.

Paris on Monday said it would not recognise the junta's authority, warning that sanctions would remain in place.

It added that talks would continue.
"""


def test_statement_by_a_capital_and_a_coup_in_passing():
    result = extract(STATEMENTS, published=THURSDAY)
    [statement] = by_kind(result, "statement")
    f = statement.fields
    assert (f["actor1"], f["country_iso3"], f["location"]) == ("Government of France", "FRA", "Paris")
    assert (f["event_date"], f["date_precision"]) == (date(2023, 9, 11), "day")
    [coup] = [c for c in by_kind(result, "event") if c.fields["event_type"] == "coup"]
    assert (coup.fields["country_iso3"], coup.fields["event_date"], coup.fields["date_precision"]) == (
        "NER", date(2023, 7, 1), "month")


@pytest.mark.parametrize(("sentence", "expected", "precision"), [
    ("The vote took place on Friday.", date(2021, 6, 18), "day"),
    ("A conference kicking off Tuesday brings them together.", date(2021, 6, 22), "day"),
    ("They met on Monday.", date(2021, 6, 21), "day"),
    ("They met last Monday.", date(2021, 6, 14), "day"),
    ("Moscow in April said so.", date(2021, 4, 1), "month"),
    ("Protests began in November.", date(2020, 11, 1), "month"),
    ("Since the February 1 coup, many fled.", date(2021, 2, 1), "day"),
    ("It was signed on 3 March 2019.", date(2019, 3, 3), "day"),
])
def test_dates_resolve_against_the_publication_date(sentence, expected, precision):
    [when] = find_dates(sentence, date(2021, 6, 21))
    assert (when.start, when.precision) == (expected, precision)


def test_may_the_verb_is_not_a_month():
    assert find_dates("The army may respond.", date(2021, 6, 21)) == []


HTML = """<html><head><title>Site | Kenyan minister</title>
<meta property="article:published_time" content="2023-09-14T08:00:00Z">
<script>var tracking = "Joseph Wambua arrived in Paris on Monday for talks with officials.";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World news and analysis for you today.</a></nav>
<h1>Kenyan minister in Addis Ababa for security talks</h1>
<p>Kenyan Defence Minister Joseph Wambua arrived in Addis Ababa on Tuesday for a two-day regional security summit.</p>
<p>Follow our channel on Google News for the latest headlines every day.</p>
<p>Read more:</p><p>Another story about someone who arrived in Rome on Monday for talks.</p>
<footer>Copyright 2023 All rights reserved by the publisher of this site.</footer></body></html>"""


def test_html_boilerplate_is_stripped_and_the_meta_date_used():
    article = clean(HTML)
    assert article.title == "Kenyan minister in Addis Ababa for security talks"
    assert article.published == date(2023, 9, 14)
    assert [s.text for s in article.sentences] == [
        "Kenyan Defence Minister Joseph Wambua arrived in Addis Ababa on Tuesday for a two-day regional "
        "security summit."]
    result = extract(HTML)
    [visit] = by_kind(result, "visit")
    assert visit.fields["start_date"] == date(2023, 9, 12)


def test_role_after_the_name_and_a_meeting_abroad_without_a_visit():
    text = ("Envoy meets council chief\n\nKenyan envoy Joseph Wambua met Amina Yusuf, secretary of the National "
            "Security Council of Nigeria, in Abuja on Wednesday, the embassy said.")
    [meeting] = by_kind(extract(text, published=THURSDAY), "meeting")
    f = meeting.fields
    assert f["actor2"] == "Amina Yusuf (secretary of the National Security Council of Nigeria)"
    assert (f["location"], f["country_iso3"], f["counterpart_iso3"]) == ("Abuja", "NGA", "KEN")
    assert (f["event_date"], f["date_precision"]) == (date(2023, 9, 13), "day")
