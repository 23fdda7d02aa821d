"""The early-warning methods on constructed series: each band edge, the guards, and windows at a dataset's end.

Expectations are worked out by hand from the publishers' definitions (docs/trends.md), not by the code under test.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from monitor import trends as t


@pytest.mark.parametrize(("current", "baseline", "level"), [
    (126, 100, t.LARGE_INCREASE),      # +26%: above +25%
    (125, 100, t.MODERATE_INCREASE),   # +25% exactly: "between a 10% and 25% increase"
    (110, 100, t.MODERATE_INCREASE),   # +10% exactly
    (109, 100, t.LIMITED_CHANGE),      # +9%
    (75, 100, t.LIMITED_CHANGE),       # -25% exactly: "between a -25% decrease and a 10% increase"
    (74, 100, t.LARGE_DECREASE),       # -26%
    (0, 100, t.LARGE_DECREASE),
])
def test_change_level_band_edges(current, baseline, level):
    assert t.change_level(current, baseline).level == level


@pytest.mark.parametrize(("current", "baseline", "level"), [
    (5, 2.0, t.LIMITED_CHANGE),     # +150%, but a mean of 2 or fewer and 5 or fewer this week
    (5, 0.0, t.LIMITED_CHANGE),     # from nothing to 5: still guarded
    (6, 2.0, t.LARGE_INCREASE),     # 6 this week: the guard no longer applies (+200%)
    (5, 2.25, t.LARGE_INCREASE),    # a mean above 2: +122%
    (6, 0.0, t.LARGE_INCREASE),     # from nothing to 6: an increase with no percentage
    (0, 0.0, t.LIMITED_CHANGE),
    (0, 1.5, t.LIMITED_CHANGE),     # -100% on a low baseline is limited change too
])
def test_low_baseline_guard(current, baseline, level):
    assert t.change_level(current, baseline).level == level


def test_trendfinder_uses_the_mean_of_the_weeks_before():
    weeks = pd.Series([40, 0, 8, 12, 10, 10, 13])  # base 4w: mean of 12, 10, 10, 8 ... the 4 before the last
    change = t.trendfinder(weeks, 4)
    assert change.baseline == (8 + 12 + 10 + 10) / 4
    assert change.percent == pytest.approx(30.0)
    assert change.level == t.LARGE_INCREASE


def test_windows_end_on_complete_weeks_and_months():
    assert t.last_complete_week(date(2021, 12, 12)) == (date(2021, 12, 6), date(2021, 12, 12))  # a Sunday
    assert t.last_complete_week(date(2021, 12, 15)) == (date(2021, 12, 6), date(2021, 12, 12))  # a Wednesday
    assert t.last_complete_month(date(2023, 12, 31)) == (date(2023, 12, 1), date(2023, 12, 31))
    assert t.last_complete_month(date(2024, 1, 30)) == (date(2023, 12, 1), date(2023, 12, 31))
    assert t.last_complete_month(date(2024, 2, 29)) == (date(2024, 2, 1), date(2024, 2, 29))


def test_a_dataset_ending_before_asof_keeps_its_last_complete_week():
    # UCDP GED is a yearly release: its last event of 2023 may be on 29 December, it covers the whole year.
    covered = t.covered_to(date(2023, 12, 29), yearly_release=True)
    assert covered == date(2023, 12, 31)
    asof = date(2024, 3, 31)
    assert t.last_complete_week(min(asof, covered)) == (date(2023, 12, 25), date(2023, 12, 31))
    # An ACLED-style dataset ending on a Wednesday: that week is not complete, the one before is the window.
    assert t.last_complete_week(min(asof, t.covered_to(date(2024, 1, 10), False)))[1] == date(2024, 1, 7)


def test_weekly_and_monthly_sums_of_a_daily_series():
    days = pd.Series(1.0, index=pd.date_range("2021-01-01", "2021-03-31"))
    weeks = t.weekly(days, date(2021, 3, 28), 3)
    assert list(weeks) == [7, 7, 7]
    assert weeks.index[0] == pd.Timestamp("2021-03-08")
    months = t.monthly(days, date(2021, 3, 31), 3)
    assert list(months) == [31, 28, 31]


@pytest.mark.parametrize(("last_week", "flagged"), [(8, True), (7, False)])
def test_surge_is_100_percent_over_the_4_week_mean(last_week, flagged):
    weeks = pd.Series([4, 4, 4, 4, last_week])  # mean 4: 8 is +100% exactly
    assert t.surge(weeks).flagged is flagged


def test_surge_needs_a_4_week_mean_of_one_violent_event():
    assert t.surge(pd.Series([1, 1, 1, 0, 9])).flagged is False  # mean 0.75
    assert t.surge(pd.Series([1, 1, 1, 1, 9])).flagged is True   # mean 1


def test_threat_is_the_last_month_against_the_12_before():
    months = pd.Series([10] * 12 + [20])
    assert t.threat(months, four_week_mean=3).flagged is True
    assert t.threat(months, four_week_mean=0.5).flagged is False  # the activity guard
    assert t.threat(pd.Series([10] * 12 + [19]), four_week_mean=3).flagged is False


def _days(values: dict[str, float], start: str, end: str) -> pd.Series:
    days = pd.Series(0.0, index=pd.date_range(start, end))
    for day, n in values.items():
        days[pd.Timestamp(day)] = n
    return days


def test_fatality_peak_highest_in_one_year_but_not_three():
    # 400 killed on one day two years back, 150 on the last day: a 1-year high, not a 3-year high.
    days = _days({"2019-06-01": 400, "2021-12-31": 150}, "2018-01-01", "2021-12-31")
    peak = t.fatality_peak(days)
    assert (peak.value, peak.years) == (150, 1)


def test_fatality_peak_three_years_and_minimum_of_100():
    days = _days({"2021-12-31": 150}, "2018-01-01", "2021-12-31")
    assert t.fatality_peak(days).years == 3
    below = _days({"2021-12-31": 99}, "2018-01-01", "2021-12-31")
    assert t.fatality_peak(below).years == 0


def test_fatality_peak_equal_to_the_previous_high_counts():
    # HDX Signals compares with >= against the rolling maximum that includes the day itself.
    days = _days({"2021-06-01": 120, "2021-12-31": 120}, "2018-01-01", "2021-12-31")
    assert t.fatality_peak(days).years == 3


def test_fatality_peak_needs_a_full_year_of_30_day_totals():
    days = _days({"2021-12-31": 500}, "2021-01-01", "2021-12-31")  # 365 days: 336 thirty-day totals
    peak = t.fatality_peak(days)
    assert peak.years == 0 and peak.history_days == 336


def test_volatility_counts_weeks_two_sd_above_the_mean():
    weeks = pd.Series([0] * 46 + [10] * 6)
    mean = 60 / 52
    sd = pd.Series([0] * 46 + [10] * 6).std()  # the sample SD, by pandas directly
    assert 10 >= mean + 2 * sd  # so each 10 is a spike
    v = t.volatility(weeks)
    assert v.spike_weeks == 6 and v.high_volatility and not v.high_baseline
    assert v.risk == "high volatility on a low baseline"
    steady = t.volatility(pd.Series([3, 2] * 26))
    assert steady.spike_weeks == 0 and steady.risk == "consistent risk"


def test_emerging_actors_new_and_latent():
    month = pd.DataFrame({"actor": ["PDF: People's Defence Force", "Military Forces of Myanmar (2021-)",
                                    "Civilians (Myanmar)", "KIA: Kachin Independence Army", "AA: Arakan Army"],
                          "events": [12, 40, 30, 5, 3]})
    found = t.emerging_actors(month, year_before={"KIA: Kachin Independence Army"},
                              ever_before={"KIA: Kachin Independence Army", "AA: Arakan Army"})
    assert [(e.actor, e.kind) for e in found] == [("PDF: People's Defence Force", "new"), ("AA: Arakan Army", "latent")]


def test_vote_shift_needs_six_sessions():
    assert t.vote_shift(pd.Series([0.9] * 5)) is None
    last, before, shift = t.vote_shift(pd.Series([0.9, 0.8, 0.9, 0.8, 0.9, 0.5]))
    assert (last, round(before, 2), round(shift, 2)) == (0.5, 0.86, -0.36)


def test_a_dataset_with_no_rows_under_the_filters_has_no_places():
    from monitor.flags import wide

    empty = pd.DataFrame(columns=["origin", "country_iso3", "admin1", "day", "events", "violent", "fatalities"])
    frame = wide(empty, "events", date(2021, 1, 1), date(2021, 3, 31))
    assert frame.shape == (90, 0)
    assert t.weekly(frame, date(2021, 3, 28), 4).shape == (4, 0)
