"""Corrections to the bundled case (issue 10): each fact says no more than its cited source does."""

from __future__ import annotations

from datetime import date

from monitor import phrases


def test_aapp_810_is_a_verified_minimum(query):
    rows = query("SELECT killed_low, killed_best, qualifier, as_of, date_precision, notes FROM casualty_reports "
                 "WHERE report_id = 'aapp-2021-05-20'")
    (low, best, qualifier, as_of, precision, notes), = rows
    assert (low, best, qualifier) == (810, None, "at least")
    assert (as_of, precision) == (date(2021, 5, 20), "day")  # AAPP's own "As of 20 May"
    assert "likely much higher" in notes
    assert query("SELECT count(*) FROM casualty_reports WHERE qualifier = 'exactly'") == [(0,)]


def test_figures_known_only_from_a_news_report_are_dated_as_reported(query):
    rows = query("SELECT report_id, as_of, date_precision, period_end FROM casualty_reports "
                 "WHERE report_id <> 'aapp-2021-05-20' ORDER BY report_id")
    assert rows == [("aapp-dpa-2021-06-19", date(2021, 6, 19), "reported", None),
                    ("aapp-reuters-2021-06-18", date(2021, 6, 18), "reported", None),
                    ("mmr-civilians-2021-06-21", date(2021, 6, 21), "reported", None)]


def test_reported_on_is_said_instead_of_a_period_end():
    report = {"country_iso3": "MMR", "victims": "people", "killed_low": 858, "qualifier": "at least",
              "period_start": date(2021, 2, 1), "period_end": None, "as_of": date(2021, 6, 19),
              "date_precision": "reported", "reported_by": "AAPP"}
    assert phrases.killed_headline(report) == (
        "at least 858 people killed", "in Myanmar, since 1 Feb 2021, reported on 19 Jun 2021, per AAPP")
    own_date = {**report, "killed_low": 810, "as_of": date(2021, 5, 20), "date_precision": "day"}
    assert phrases.killed_headline(own_date)[1] == "in Myanmar, 1 Feb – 20 May 2021, per AAPP"
    assert phrases.report_period({**report, "period_start": None}) == "reported on 19 Jun 2021"


def test_the_kremlins_concern_is_dated_from_a_report_of_12_march(query):
    rows = query("SELECT event_date, date_precision, actor1, summary, source_id, other_source_ids FROM events "
                 "WHERE event_type = 'statement' AND summary LIKE '%concerned%'")
    assert len(rows) == 1
    when, precision, who, summary, source, others = rows[0]
    assert (when, precision, source) == (date(2021, 3, 12), "day", "alarabiya-afp-2021-03-12")
    assert "Peskov" in who and "“concerned”" in summary
    assert "alarabiya-2021-06-21" in others  # the founding article's undated sentence
    assert query("SELECT published_on FROM sources WHERE source_id = ?", [source]) == [(date(2021, 3, 12),)]


def test_patrushev_is_secretary_of_the_security_council(query):
    (actor2, others), = query("SELECT actor2, other_source_ids FROM events "
                              "WHERE event_id = 'rus-mmr-2021-06-21-patrushev'")
    assert actor2 == "Nikolai Patrushev (Secretary of Russia’s Security Council)"
    (notes,), = query("SELECT notes FROM sources WHERE source_id = ?", [others])
    assert "Nikolai Patrushev, the secretary of Russia’s Security Council" in notes


def test_first_trip_abroad_cites_a_source_that_says_so(query):
    (occasion, source), = query("SELECT occasion, source_id FROM visits WHERE visit_id = 'mah-jakarta-2021-04'")
    assert occasion == "ASEAN Leaders’ Meeting (his first foreign trip since the 1 February 2021 coup)"
    (notes,), = query("SELECT notes FROM sources WHERE source_id = ?", [source])
    assert "in his first foreign trip since the February 1 coup" in notes
