"""How numbers and dates are said: qualifiers kept, precision never overstated."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor import phrases


def _report(**values):
    base = {"country_iso3": "MMR", "victims": "civilians", "killed_low": None, "killed_best": None,
            "killed_high": None, "qualifier": "at least", "period_start": date(2021, 2, 1),
            "period_end": date(2021, 6, 21), "as_of": date(2021, 6, 21), "reported_by": "a local monitoring group"}
    return {**base, **values}


def test_at_least_keeps_lower_bound():
    lead, detail = phrases.killed_headline(_report(killed_low=870))
    assert lead == "at least 870 civilians killed"
    assert detail == "in Myanmar, 1 Feb – 21 Jun 2021, per a local monitoring group"


def test_range_is_said_as_a_range():
    row = _report(killed_low=800, killed_best=900, killed_high=1000, qualifier="about")
    assert phrases.killed_number(row) == "between 800 and 1,000 (best estimate 900)"


def test_up_to_uses_the_high_end_and_all_means_people():
    lead, _ = phrases.killed_headline(_report(killed_high=1200, qualifier="up to", victims="all"))
    assert lead == "up to 1,200 people killed"


def test_exactly_is_a_plain_number_and_no_period_says_as_of():
    lead, detail = phrases.killed_headline(_report(killed_best=810, qualifier="exactly", period_start=None))
    assert lead == "810 civilians killed" and "as of 21 Jun 2021" in detail


def test_missing_values_from_pandas_are_missing():
    row = _report(killed_low=pd.NA, killed_best=float("nan"), killed_high=None)
    assert phrases.killed_number(row) == "an unstated number of"


def test_dates_as_precise_as_given():
    assert phrases.when(date(2021, 3, 1), None, "month") == "Mar 2021 (month only; day not known)"
    assert phrases.when(date(2021, 6, 21), None, "reported") == "on or before 21 Jun 2021 (the date it was reported)"
    assert phrases.when(date(2021, 6, 22), date(2021, 6, 24), "range") == "22–24 Jun 2021"
    assert phrases.when(pd.Timestamp("2021-06-18"), pd.NaT, "day") == "18 Jun 2021"
    assert phrases.when(date(2021, 6, 18), None, None) == "18 Jun 2021"


def test_date_span():
    assert phrases.date_span(date(2021, 2, 1), date(2021, 6, 21)) == "1 Feb – 21 Jun 2021"
    assert phrases.date_span(date(2020, 12, 1), date(2021, 1, 5)) == "1 Dec 2020 – 5 Jan 2021"
    assert phrases.date_span(date(2021, 6, 18), date(2021, 6, 18)) == "18 Jun 2021"


def test_fatalities_phrase_keeps_ucdp_range_and_says_acled_has_none():
    ucdp = {"events": 3, "n_low": 3, "n_best": 3, "n_high": 3, "low": 10, "best": 12, "high": 20}
    assert phrases.fatalities_phrase(ucdp) == "12 killed (best estimate) in 3 events; range 10–20"
    acled = {"events": 2, "n_low": 0, "n_best": 2, "n_high": 0, "low": None, "best": 7, "high": None}
    assert phrases.fatalities_phrase(acled) == "7 killed (best estimate) in 2 events; one figure per event, no range " \
                                               "given"


def test_countries_text():
    assert phrases.countries_text("RUS", "MMR") == "Russia, with Myanmar"
    assert phrases.countries_text("MMR", None) == "Myanmar"
