"""Each rule that generalises, on sentences written for these tests (invented people and events, real countries),
none of them from the development corpus: a rule that fixed a corpus article must also read its pattern here."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.extract import extract
from monitor.extract.dates import find_dates
from monitor.extract.lexicon import number
from monitor.extract.review import Item, least_certain_first
from monitor.extract.text import clean, split_sentences

THURSDAY = date(2024, 6, 13)


def run(text: str, published: date = THURSDAY):
    return extract("Headline for the test\n\n" + text, published=published)


def of(result, kind: str):
    return [c for c in result.candidates if c.kind == kind]


def totals(result) -> list[tuple]:
    return [(c.fields["body"], c.fields["yes"], c.fields["no"], c.fields["abstain"]) for c in of(result, "resolution")]


def votes(result) -> dict[str, str]:
    return {c.fields["country_iso3"]: c.fields["vote"] for c in of(result, "vote")}


def figures(result) -> list[tuple]:
    """(low, best, high, qualifier, victims) of each casualty candidate, in order."""
    return [(c.fields["killed_low"], c.fields["killed_best"], c.fields["killed_high"], c.fields["qualifier"],
             c.fields["victims"]) for c in of(result, "casualties")]


# --- numbers in words and ranges ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Thirteen", 13), ("thirty-six", 36), ("one hundred and forty-one", 141), ("a hundred", 100),
    ("two thousand", 2000), ("1,250", 1250), ("a dozen", 12), ("dozens of", None),
])
def test_numbers_in_words(text, value):
    assert number(text) == value


def test_a_total_in_words_is_read_whole_not_its_last_word():
    result = run("One hundred and nineteen states voted in favour of the text in the UN General Assembly on "
                 "Tuesday, while twelve voted against and forty abstained.")
    assert totals(result) == [("UNGA", 119, 12, 40)]


def test_a_range_keeps_its_low_and_high():
    result = run("Between 25 and 40 people were killed when the market in Goma was shelled, aid workers said.")
    assert figures(result) == [(25, None, 40, "about", "people")]
    assert any("a range" in n for n in of(result, "casualties")[0].uncertain)


# --- totals in any order and phrasing ---------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The UN General Assembly on Tuesday backed the text by ninety-two votes to eleven, with forty abstentions.",
     ("UNGA", 92, 11, 40)),
    ("The General Assembly adopted the resolution 128-9 on Thursday, with 35 abstentions.", ("UNGA", 128, 9, 35)),
    ("The General Assembly text was supported by 104 out of 193 members, 12 states (among them Cuba and Iran) voted "
     "against and 51 abstained.", ("UNGA", 104, 12, 51)),
    ("In the General Assembly, 141 countries condemned the annexation, 35 states abstained and only one country, "
     "Syria, opposed the text.", ("UNGA", 141, 1, 35)),
])
def test_totals_in_any_order_and_phrasing(sentence, expected):
    assert totals(run(sentence)) == [expected]


def test_countries_joined_in_voting_against_are_counted_with_whom_they_joined():
    result = run("In the General Assembly, two countries — Nicaragua and Belarus — joined Russia in voting against "
                 "the text on Monday.")
    assert totals(result) == [("UNGA", None, 3, None)]
    assert votes(result) == {"NIC": "N", "BLR": "N", "RUS": "N"}


def test_a_council_total_left_out_is_derived_from_the_countries_named_and_says_so():
    result = run("Russia vetoed the Security Council draft on Monday; eleven members voted for it, and Gabon, "
                 "Mozambique and Ghana abstained.")
    assert totals(result) == [("UNSC", 11, 1, 3)]
    assert votes(result) == {"RUS": "N", "GAB": "A", "MOZ": "A", "GHA": "A"}
    [resolution] = of(result, "resolution")
    assert any("derived from the countries named" in n for n in resolution.uncertain)


def test_none_against():
    result = run("The Security Council adopted the text with 13 votes in favour and none against, while China and "
                 "Russia abstained.")
    assert totals(result) == [("UNSC", 13, 0, 2)]


def test_two_votes_in_one_article_are_two_resolutions():
    result = run("The General Assembly adopted the first text with 120 votes in favour, 10 against and 40 "
                 "abstentions.\n\nIt then adopted a second text with 99 votes in favour, 8 against and 60 abstentions. "
                 "Brazil abstained on the second text.")
    assert totals(result) == [("UNGA", 120, 10, 40), ("UNGA", 99, 8, 60)]
    [first, second] = of(result, "resolution")
    assert first.fields["resolution_id"] != second.fields["resolution_id"]
    [brazil] = of(result, "vote")
    assert (brazil.fields["resolution_id"], brazil.fields["vote"]) == (second.fields["resolution_id"], "A")


def test_a_result_block_of_short_lines_is_kept_as_one_sentence():
    article = clean("Council vote\n\nThe Security Council voted on the draft resolution on Libya on Friday.\n\n"
                    "In favour: 12\nAgainst: 0\nAbstain: 3 (China, Russia, Mozambique)\n")
    assert article.sentences[-1].text == "In favour: 12; Against: 0; Abstain: 3 (China, Russia, Mozambique)."


# --- lists inside clauses, and what is not a vote -----------------------------------------------------------

def test_lists_inside_a_totals_clause_and_after_the_verb():
    result = run("The General Assembly adopted the text with 150 votes in favour, including Brazil, and six against "
                 "— including Iran — while 20 countries, among them India and Qatar, abstained. Laos abstained too, "
                 "along with Vietnam.")
    assert votes(result) == {"BRA": "Y", "IRN": "N", "IND": "A", "QAT": "A", "LAO": "A", "VNM": "A"}


def test_drafters_sponsors_presidents_and_non_participants_are_not_votes():
    result = run("The text, drafted by Mexico and sponsored by Ireland, passed with 90 votes in favour in the General "
                 "Assembly. Venezuela and Iran did not take part in the vote, and Norway, which presides over the "
                 "session, spoke after the vote.")
    assert totals(result) == [("UNGA", 90, None, None)]
    assert votes(result) == {}


def test_an_exception_to_a_list_votes_its_own_way():
    result = run("In the General Assembly, the Gulf states all abstained, with the exception of Oman, which voted "
                 "in favour.")
    assert votes(result) == {"OMN": "Y"}


# --- issue 16 item 7: a vote cast through an envoy; totals with other verbs ----------------------------------

def test_a_countrys_vote_cast_by_its_ambassador_named_in_the_sentence():
    result = run("In the General Assembly vote on Thursday, Afghanistan's ambassador, Naseer Ahmad Faiq, voted in "
                 "favour of the resolution.")
    [vote] = of(result, "vote")
    assert (vote.fields["country_iso3"], vote.fields["vote"]) == ("AFG", "Y")
    assert vote.fields["note"] == "Cast by Naseer Ahmad Faiq (Afghanistan's ambassador)"


def test_a_vote_cast_by_an_envoy_named_with_a_demonym():
    result = run("The Kenyan ambassador, Martin Kiprono, voted against the General Assembly text on Monday.")
    [vote] = of(result, "vote")
    assert (vote.fields["country_iso3"], vote.fields["vote"]) == ("KEN", "N")
    assert vote.fields["note"] == "Cast by Martin Kiprono (Kenyan ambassador)"


def test_totals_told_with_other_verbs_and_only_one_opposed():
    result = run("At the General Assembly, 143 countries condemned the attack, 32 states abstained and only one "
                 "member, North Korea, opposed it.")
    assert totals(result) == [("UNGA", 143, 1, 32)]
    assert votes(result) == {"PRK": "N"}


# --- casualty figures: several in one sentence, each with its own victims --------------------------------------

def test_several_figures_in_one_sentence_each_with_its_victims():
    result = run("Shelling killed nine people, including four children, in the city of Kharkiv on Sunday, the "
                 "regional governor said.")
    assert figures(result) == [(None, 9, None, "exactly", "people"), (None, 4, None, "exactly", "children")]
    nine, four = of(result, "casualties")
    assert nine.fields["country_iso3"] == "UKR" and nine.fields["reported_by"] == "the regional governor"
    assert any("figure among a larger one (nine people)" in n for n in four.uncertain)


def test_children_among_the_wounded_are_not_dead():
    result = run("The strike killed three people and wounded 14, including two children, officials in Kharkiv said.")
    assert figures(result) == [(None, 3, None, "exactly", "people")]


def test_killed_or_injured_is_not_a_death_toll():
    assert figures(run("At least 80 people were killed or injured in the clashes in Tripoli, the Red Crescent said.")) \
        == []


def test_two_groups_of_victims_in_one_clause_keep_their_own_qualifier():
    result = run("At least seven soldiers and two civilians were killed in an ambush in northern Niger, the army said.")
    assert figures(result) == [(7, None, None, "at least", "soldiers"), (None, 2, None, "exactly", "civilians")]


def test_children_among_the_dead_and_women():
    result = run("The ministry in Gaza said there were 38 children among the dead and 21 women.")
    assert figures(result)[-2:] == [(None, 38, None, "exactly", "children"), (None, 21, None, "exactly", "women")]


# --- counters carried from an earlier sentence -----------------------------------------------------------------

def test_a_pronoun_counter_is_carried_from_the_sentence_before():
    result = run("The raid on the village near Mopti in Mali lasted an hour, according to Amina Diallo, a local "
                 "councillor. Twelve villagers were killed and five wounded, she said.")
    [report] = of(result, "casualties")
    assert report.fields["reported_by"] == "Amina Diallo"
    assert report.fields["country_iso3"] == "MLI"
    assert any("counter carried from an earlier sentence (Amina Diallo)" in n for n in report.uncertain)


def test_the_ministry_said_is_the_ministry_named_before():
    result = run("The health ministry in Sanaa said 14 people were killed in the strikes in Yemen. "
                 "The ministry said six children were among the dead.")
    assert [c.fields["reported_by"] for c in of(result, "casualties")] == ["The health ministry in Sanaa"] * 2


# --- periods ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "start", "end"), [
    ("Between 1 April and 30 June, 412 civilians were killed in Sudan, the UN rights office said.",
     date(2024, 4, 1), date(2024, 6, 30)),
    ("In the first half of the year, 316 civilians were killed in Somalia, according to the UN mission.",
     date(2024, 1, 1), date(2024, 6, 30)),
    ("The office said it had recorded 220 killings in Haiti from January to the end of March.",
     date(2024, 1, 1), date(2024, 3, 31)),
])
def test_periods_a_figure_covers(sentence, start, end):
    [report] = of(run(sentence), "casualties")
    assert (report.fields["period_start"], report.fields["period_end"]) == (start, end)


def test_documented_the_deaths_since_a_month():
    [report] = of(run("The monitoring group said it had documented the deaths of at least 96 civilians in "
                      "Myanmar's Rakhine state since January."), "casualties")
    f = report.fields
    assert (f["killed_low"], f["victims"], f["country_iso3"], f["period_start"]) == (96, "civilians", "MMR",
                                                                                    date(2024, 1, 1))
    assert f["reported_by"] == "The monitoring group"


# --- visits told through departures, landings, meetings, welcomes ---------------------------------------------

def visit(result) -> tuple:
    [v] = of(result, "visit")
    f = v.fields
    return f["visitor_name"], f["visitor_iso3"], f["host_iso3"], f["city"], f["start_date"], f["date_precision"]


def test_left_the_capital_to_attend_a_summit_dated_by_departure_not_the_report():
    result = run("President Serdar Orazov left Ashgabat on Monday to attend a summit in Tashkent, state news agency "
                 "TDH reported on Wednesday.")
    assert visit(result) == ("Serdar Orazov", "TKM", "UZB", "Tashkent", date(2024, 6, 10), "day")


def test_left_the_country_dated_only_by_the_state_media_report():
    result = run("Senior General Than Myint, Myanmar's junta chief, left Naypyitaw to attend a security forum in "
                 "Beijing, state media reported on Friday.", published=date(2024, 6, 15))
    assert visit(result) == ("Than Myint", "MMR", "CHN", "Beijing", date(2024, 6, 14), "reported")


def test_landed_at_the_host_capitals_airport():
    result = run("Brazilian President Rui Costa landed at Beijing's capital airport on Thursday for a state visit.")
    assert visit(result)[:5] == ("Rui Costa", "BRA", "CHN", "Beijing", THURSDAY)


def test_a_meeting_in_another_countrys_city_is_a_visit():
    result = run("Japanese Foreign Minister Kenji Sato met his counterpart in Manila on Tuesday.")
    assert visit(result)[:5] == ("Kenji Sato", "JPN", "PHL", "Manila", date(2024, 6, 11))


def test_a_host_welcoming_a_guest_is_the_guests_visit():
    result = run("Malaysian Prime Minister Anwar Karim welcomed Vietnamese President Tran Van Minh at the palace in "
                 "Kuala Lumpur on Monday.")
    assert visit(result)[:5] == ("Tran Van Minh", "VNM", "MYS", "Kuala Lumpur", date(2024, 6, 10))


def test_was_in_a_city_and_a_run_together_sentence():
    result = run("Kenyan President William Ruto was in Addis Ababa on Sunday for talks.He met officials there.")
    assert visit(result)[:5] == ("William Ruto", "KEN", "ETH", "Addis Ababa", date(2024, 6, 9))
    assert not of(run("The Kenyan president William Ruto said it was in Ethiopia's interest to talk."), "visit")


def test_a_trip_still_to_come_is_not_a_visit():
    assert not of(run("Polish President Adam Nowak is due to travel to Kyiv next week."), "visit")


# --- relative dates and run-together sentences -------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The vote came late Tuesday.", date(2024, 6, 11)),
    ("The council meets today.", THURSDAY),
    ("They spoke on Friday.", date(2024, 6, 7)),
])
def test_relative_dates_against_the_publication_date(sentence, expected):
    [when] = find_dates(sentence, THURSDAY)
    assert when.start == expected


def test_sentences_run_together_are_split_but_not_abbreviations_or_decimals():
    text = "It abstained.The US voted no. The U.S. Army left at 5 p.m. Mr. Smith said 3.5 percent.Belarus.35 agreed."
    assert [s.text for s in split_sentences(text)] == [
        "It abstained.", "The US voted no.", "The U.S. Army left at 5 p.m.", "Mr. Smith said 3.5 percent.",
        "Belarus.", "35 agreed."]


# --- uncertainty: the reviewer reads the least certain first ---------------------------------------------------

def test_least_certain_first():
    result = run("Russia vetoed the Security Council draft on Monday; eleven members voted for it, and Gabon, "
                 "Mozambique and Ghana abstained. Nine people were killed in Goma on Sunday.")
    items = [Item(i + 1, c) for i, c in enumerate(result.candidates)]
    ordered = least_certain_first(items)
    confidences = [it.candidate.confidence for it in ordered]
    assert confidences == sorted(confidences) and len(set(confidences)) > 1
    assert "no counter named" in " ".join(ordered[0].candidate.uncertain)


# --- phrasings the second held-out batch missed (docs/extraction.md), each in a sentence of our own ------------

def test_those_opposing_included_and_a_score_told_with_to():
    result = run("The Human Rights Council voted 30 to 5 on Friday to renew the mandate, with 12 abstentions. Those "
                 "opposing included Venezuela and Cuba.")
    assert totals(result) == [("HRC", 30, 5, 12)]
    assert votes(result) == {"VEN": "N", "CUB": "N"}


def test_among_the_no_votes_and_among_the_abstentions():
    result = run("The General Assembly adopted the text by 101 votes to 12, with 40 abstentions. Nicaragua and Laos "
                 "were among the no votes, and Thailand was among the abstentions.")
    assert votes(result) == {"NIC": "N", "LAO": "N", "THA": "A"}


def test_on_his_first_visit_to_a_city_and_a_name_with_a_particle():
    result = run("Qatari Crown Prince Hamad bin Jassim is on his first visit to Berlin since 2019, the chancellery "
                 "said on Wednesday.")
    assert visit(result)[:4] == ("Hamad bin Jassim", "QAT", "DEU", "Berlin")


# --- more of the rules the corpus needed, each in a sentence of our own ----------------------------------------

def test_an_earlier_count_told_as_rose_from_keeps_the_victims_and_counter():
    result = run("At least 312 people have been killed in the floods-hit fighting in Sudan, the health ministry said. "
                 "The figure rose from 280 on Monday, the ministry said.")
    assert [(c.fields["killed_low"] or c.fields["killed_best"], c.fields["victims"], c.fields["reported_by"])
            for c in of(result, "casualties")] == [(312, "people", "the health ministry"),
                                                   (280, "people", "the health ministry")]


def test_a_toll_put_by_someone_and_lives_lost_and_one_death_in_words():
    result = run("Local elders put the death toll in the village near Nyala in Sudan at 23 on Sunday.")
    [toll] = of(result, "casualties")
    assert (toll.fields["killed_best"], toll.fields["reported_by"], toll.fields["country_iso3"]) == (
        23, "Local elders", "SDN")
    assert figures(run("Six peacekeepers lost their lives in the attack in Mali, the UN mission said.")) == [
        (None, 6, None, "exactly", "peacekeepers")]
    assert figures(run("A seven-year-old boy was killed in the shelling of Kherson in Ukraine, the governor said.")) \
        == [(None, 1, None, "exactly", "children")]


def test_the_security_council_without_un_before_it_and_a_veto_in_an_assembly_story():
    result = run("The Security Council failed on Friday to adopt the text after Russia cast a veto; 13 members voted "
                 "in favour and China abstained.")
    assert totals(result) == [("UNSC", 13, 1, 1)]
    result = run("The General Assembly adopted the resolution with 150 votes in favour on Monday. It came a week after "
                 "the United States vetoed a similar draft in the Security Council.")
    assert {(c.fields["resolution_id"].split("-")[0], c.fields["country_iso3"], c.fields["vote"])
            for c in of(result, "vote")} == {("UNSC", "USA", "N")}


def test_the_body_named_in_the_next_sentence_and_members_inside_a_count():
    result = run("The assembly adopted the text with 139 member countries (out of 193), including Chile, voting in "
                 "favour and 11 against. The vote in the General Assembly was the second this year.")
    assert totals(result) == [("UNGA", 139, 11, None)]
    assert votes(result) == {"CHL": "Y"}


def test_countries_named_as_some_of_a_total_and_a_council_member_who_opposed():
    result = run("In the General Assembly, Iran and Cuba were two of 12 members that voted against the text.")
    assert votes(result) == {"IRN": "N", "CUB": "N"}
    result = run("In the General Assembly, only one member of the Security Council, France, opposed the draft.")
    assert votes(result) == {"FRA": "N"}
    assert all(c.fields["body"] == "UNGA" for c in of(result, "resolution"))


def test_a_visit_told_as_crossing_into_a_country_and_a_resort_named_by_its_country():
    result = run("Belarusian President Ivan Drozd crossed into Russia on Tuesday by car, border officials said.")
    assert visit(result)[:4] == ("Ivan Drozd", "BLR", "RUS", None)
    result = run("Turkish Foreign Minister Kemal Aydin held talks with his host in the Russian city of Kazan on "
                 "Friday.")
    assert visit(result)[:4] == ("Kemal Aydin", "TUR", "RUS", "Kazan")


def test_a_family_name_first_refers_back_to_the_person_named_in_full():
    result = run("North Korean leader Pak Song Il left Pyongyang on Monday by train. Pak arrived in Beijing on "
                 "Wednesday, state media said.", published=date(2024, 6, 14))
    [trip] = of(result, "visit")
    assert (trip.fields["visitor_name"], trip.fields["host_iso3"], trip.fields["city"]) == ("Pak Song Il", "CHN",
                                                                                           "Beijing")
