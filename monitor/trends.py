"""Early-warning methods (the Trends page, `monitor.alerts`), each as its publisher defines it.

Pure functions over zero-filled daily, weekly and monthly count series (pandas Series indexed by the period's first
day, oldest first). No SQL and no Streamlit here: monitor/queries/trends.py reads the counts, monitor/views/trends.py
turns what these functions return into flags, sentences and charts. docs/trends.md states every parameter with the
publisher's own words and link.

Weeks run Monday to Sunday ("the week to 12 Dec 2021" ends on a Sunday); months are calendar months. A window only
ever ends at the last complete week or month a dataset covers (`last_complete_week`, `last_complete_month`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

# --- the methods and where their publishers describe them --------------------------------------------------------


@dataclass(frozen=True)
class Method:
    """One early-warning method: its key (in flags and JSON), its name, who defines it, where, and its parameters."""

    key: str
    name: str
    publisher: str
    url: str
    parameters: str


TRENDFINDER = "https://acleddata.com/trendfinder/"
SURGE_THREAT = "https://acleddata.com/early-warning-research-hub/subnational-threat-surge-tracker/"
VOLATILITY = "https://acleddata.com/early-warning-research-hub/volatility-and-risk-predictability-index/"
EMERGING = "https://acleddata.com/2022/01/25/early-warning-research-hub-updated-and-expanded"
HDX_SIGNALS = "https://un-ocha-centre-for-humanitarian.gitbook.io/hdx-signals/datasets/armed-conflict"

METHODS = {m.key: m for m in (
    Method("change", "Change level", "ACLED Trendfinder", TRENDFINDER,
           "the latest complete week against the mean of the previous 4 weeks (base=4w) or 52 weeks (base=52w); "
           "above +25% large increase, +10% to +25% moderate increase, −25% to +10% limited change, below −25% "
           "large decrease; a place averaging 2 events or fewer with 5 or fewer this week is limited change"),
    Method("surge", "Subnational surge", "ACLED Subnational Surge Tracker", SURGE_THREAT,
           "a region's violent events in the latest complete week are 100% or more above its weekly mean over the "
           "previous 4 weeks; only regions whose 4-week mean is at least 1 violent event a week"),
    Method("threat", "Subnational threat", "ACLED Subnational Threat Tracker", SURGE_THREAT,
           "a region's violent events in the latest complete month are 100% or more above its monthly mean over "
           "the previous 12 months; only regions whose 4-week mean is at least 1 violent event a week"),
    Method("peak", "Fatality peak", "OCHA HDX Signals (armed conflict)", HDX_SIGNALS,
           "30-day rolling fatalities at or above their highest level of the past 1 year (366 days), or of the "
           "past 3 years (1,096 days), and at least 100"),
    Method("volatility", "Volatility", "ACLED Volatility & Risk Predictability Index", VOLATILITY,
           "weeks of the past 52 with violent events 2 or more standard deviations above the place's weekly mean; "
           "6 or more is high volatility; a mean of 1.5 violent events a week or more is a high baseline"),
    Method("emerging", "Emerging actor", "ACLED Emerging Actor Tracker", EMERGING,
           "a non-state actor in violent events in the latest complete month, not active in the country in the 12 "
           "months before (latent) or never in the loaded data (new); civilians and state forces are not counted"),
    Method("visit", "First visit in 5 years", "Conflict Monitor (no published method)", "",
           "a visit between two countries in the latest complete month with no visit between them in the 5 years "
           "before"),
    Method("vote-shift", "UN vote shift", "Conflict Monitor (no published method)", "",
           "a country's agreement with a partner in one General Assembly session against its mean over the "
           "previous 5 sessions (the UN votes page's measure: same vote 1, one abstains 0.5, opposite 0); a shift "
           f"of {0.15:.2f} or more"),
)}

# --- windows ---------------------------------------------------------------------------------------------------

SUNDAY = 6


def last_complete_week(covered_to: date) -> tuple[date, date]:
    """(Monday, Sunday) of the last Monday-to-Sunday week that ends on or before `covered_to`."""
    end = covered_to - timedelta(days=(covered_to.weekday() - SUNDAY) % 7)
    return end - timedelta(days=6), end


def last_complete_month(covered_to: date) -> tuple[date, date]:
    """(first day, last day) of the last calendar month that ends on or before `covered_to`."""
    if (covered_to + timedelta(days=1)).day == 1:
        end = covered_to
    else:
        end = covered_to.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def covered_to(last_date: date, yearly_release: bool) -> date:
    """The last day a dataset covers: its last dated row, or the end of that year for a yearly release (UCDP GED
    covers whole calendar years: a quiet 31 December is a zero, not missing data)."""
    return date(last_date.year, 12, 31) if yearly_release else last_date


# --- series ----------------------------------------------------------------------------------------------------


def daily(frame: pd.DataFrame, column: str, start: date, end: date) -> pd.Series:
    """`frame`'s `column` per day (a `day` column), every day from `start` to `end` present (0 where none)."""
    days = pd.date_range(start, end, freq="D")
    if frame.empty:
        return pd.Series(0.0, index=days)
    values = frame.groupby(pd.to_datetime(frame["day"]))[column].sum()
    return values.reindex(days, fill_value=0).astype(float)


def weekly(days: pd.Series | pd.DataFrame, week_end: date, weeks: int) -> pd.Series | pd.DataFrame:
    """The `weeks` Monday-to-Sunday sums of a daily series (or of each column of a frame of them) ending with the
    week to `week_end`, oldest first, indexed by each week's Monday. A week wholly before the series is NaN."""
    first = week_end - timedelta(days=7 * weeks - 1)
    part = days.reindex(pd.date_range(first, week_end, freq="D"))
    return part.groupby(np.arange(len(part)) // 7).sum(min_count=1).set_axis(
        pd.date_range(first, periods=weeks, freq="7D"))


def monthly(days: pd.Series | pd.DataFrame, month_end: date, months: int) -> pd.Series | pd.DataFrame:
    """The `months` calendar-month sums of a daily series (or of each column of a frame) ending with the month to
    `month_end`, oldest first. A month wholly before the series is NaN."""
    first = (pd.Timestamp(month_end).to_period("M") - (months - 1)).to_timestamp()
    part = days.reindex(pd.date_range(first, month_end, freq="D"))
    return part.groupby(part.index.to_period("M")).sum(min_count=1).set_axis(
        pd.date_range(first, periods=months, freq="MS"))


# --- ACLED Trendfinder: change level ---------------------------------------------------------------------------

LARGE_INCREASE, MODERATE_INCREASE = "large increase", "moderate increase"
LIMITED_CHANGE, LARGE_DECREASE = "limited change", "large decrease"
BASE_WEEKS = {"4w": 4, "52w": 52}


@dataclass(frozen=True)
class Change:
    current: float
    baseline: float
    percent: float | None  # None: no baseline to compare with (0 events in every baseline week)
    level: str


def change_level(current: float, baseline: float) -> Change:
    """Trendfinder's band for this week's count against the baseline mean.

    Bands as ACLED publishes them: above +25% large increase; +10% to +25% moderate (both ends included); −25% to
    +10% limited (−25% included); below −25% large decrease. Low-baseline guard: a mean of 2 or fewer with 5 or
    fewer this week is limited change, whatever the percentage."""
    percent = None if baseline == 0 else (current - baseline) / baseline * 100
    if baseline <= 2 and current <= 5:
        return Change(current, baseline, percent, LIMITED_CHANGE)
    if percent is None or percent > 25:  # from nothing to more than 5: an increase without a percentage
        level = LARGE_INCREASE
    elif percent >= 10:
        level = MODERATE_INCREASE
    elif percent >= -25:
        level = LIMITED_CHANGE
    else:
        level = LARGE_DECREASE
    return Change(current, baseline, percent, level)


def trendfinder(weeks: pd.Series, base_weeks: int) -> Change:
    """The last week of `weeks` (base_weeks + 1 of them) against the mean of the `base_weeks` before it."""
    return change_level(float(weeks.iloc[-1]), float(weeks.iloc[-1 - base_weeks:-1].mean()))


# --- ACLED Subnational Surge and Threat Trackers -----------------------------------------------------------------

ACTIVE_WEEKLY_MEAN = 1.0  # the trackers only list regions whose four-week mean is at least one violent event


@dataclass(frozen=True)
class Spike:
    current: float
    baseline: float
    percent: float | None
    flagged: bool


def _spike(current: float, baseline: float, four_week_mean: float) -> Spike:
    percent = None if baseline == 0 else (current - baseline) / baseline * 100
    return Spike(current, baseline, percent,
                 four_week_mean >= ACTIVE_WEEKLY_MEAN and percent is not None and percent >= 100)


def surge(weeks: pd.Series) -> Spike:
    """The last week of 5 against the mean of the 4 before (which is also the activity guard)."""
    baseline = float(weeks.iloc[-5:-1].mean())
    return _spike(float(weeks.iloc[-1]), baseline, baseline)


def threat(months: pd.Series, four_week_mean: float) -> Spike:
    """The last month of 13 against the mean of the 12 before; `four_week_mean`: the guard (the 4 weeks before
    the latest complete week)."""
    return _spike(float(months.iloc[-1]), float(months.iloc[-13:-1].mean()), four_week_mean)


# --- HDX Signals: armed conflict (fatality peak) -----------------------------------------------------------------

ROLLING_DAYS = 30
PEAK_MINIMUM = 100
PEAK_SPANS = {1: 366, 3: 1096}  # years -> days in HDX Signals' rolling maximum (zoo::rollmaxr, k = 366 / 1096)


@dataclass(frozen=True)
class Peak:
    value: float  # fatalities in the 30 days to the last day
    years: int  # 3: highest in 3 years, 1: in 1 year, 0: neither (or under the minimum)
    history_days: int  # days of 30-day totals available: fewer than a span, and that span is not checked
    previous: dict[int, float]  # years -> the span's highest 30-day total ending before the last 30 days began

    @property
    def previous_high(self) -> float | None:
        """The previous high of the span flagged (of the longest span checked when none is)."""
        if self.years:
            return self.previous[self.years]
        return self.previous[max(self.previous)] if self.previous else None


def fatality_peak(days: pd.Series) -> Peak:
    """HDX Signals' test at the series' last day: the 30-day rolling sum is >= every 30-day sum of the last
    366 (1 year) or 1,096 days (3 years), the day itself included, and >= 100. A span needs a full series of
    30-day sums behind it; with less history that span is not checked."""
    rolling = days.rolling(ROLLING_DAYS).sum().dropna()
    if rolling.empty:
        return Peak(float(days.sum()), 0, 0, {})
    value = float(rolling.iloc[-1])
    years, previous = 0, {}
    for span_years, span in PEAK_SPANS.items():
        if len(rolling) < span:
            break
        window = rolling.iloc[-span:]
        # said as the previous high: 30-day totals ending before this one's 30 days began (overlapping ones
        # are mostly this same month)
        previous[span_years] = float(window.iloc[:-ROLLING_DAYS].max())
        if value >= window.max() and value >= PEAK_MINIMUM:
            years = span_years
    return Peak(value, years, len(rolling), previous)


# --- ACLED Volatility & Risk Predictability Index ----------------------------------------------------------------

SPIKE_SDS = 2.0
HIGH_VOLATILITY_WEEKS = 6
HIGH_BASELINE = 1.5  # violent events a week
RISK_GRID = {(False, False): "low risk", (False, True): "consistent risk",
             (True, False): "high volatility on a low baseline", (True, True): "extreme risk"}


@dataclass(frozen=True)
class Volatility:
    spike_weeks: int
    mean: float
    sd: float
    high_volatility: bool
    high_baseline: bool

    @property
    def risk(self) -> str:
        """ACLED's 2 × 2 grid (ACLED names three cells; the fourth is said by its axes)."""
        return RISK_GRID[(self.high_volatility, self.high_baseline)]


def volatility(weeks: pd.Series) -> Volatility:
    """Weeks (of the 52 given) at or above mean + 2 standard deviations (sample SD) of those same 52 weeks."""
    mean, sd = float(weeks.mean()), float(weeks.std(ddof=1))
    spikes = 0 if sd == 0 or math.isnan(sd) else int((weeks >= mean + SPIKE_SDS * sd).sum())
    return Volatility(spikes, mean, 0.0 if math.isnan(sd) else sd, spikes >= HIGH_VOLATILITY_WEEKS,
                      mean >= HIGH_BASELINE)


# --- ACLED Emerging Actor Tracker --------------------------------------------------------------------------------

# Not emerging actors by ACLED's definition: civilians, and (our reading of "non-state") the forces of a state, as
# ACLED ("Military Forces of …", "Police Forces of …") and UCDP ("Government of …") name them.
STATE_OR_CIVILIAN = ("civilians", "military forces of", "police forces of", "government of", "protesters",
                     "rioters")


def non_state(actor: str) -> bool:
    name = actor.strip().lower()
    return bool(name) and not name.startswith(STATE_OR_CIVILIAN)


@dataclass(frozen=True)
class Emerging:
    actor: str
    events: int  # violent events in the month
    kind: str  # "new": never before in the loaded data; "latent": seen before, not in the 12 months before


def emerging_actors(month: pd.DataFrame, year_before: set[str], ever_before: set[str]) -> list[Emerging]:
    """Actors of the month's violent events (`month`: actor, events) that are non-state and were not active in the
    12 months before; most events first."""
    found = [Emerging(str(r.actor), int(r.events), "latent" if r.actor in ever_before else "new")
             for r in month.itertuples() if non_state(str(r.actor)) and r.actor not in year_before]
    return sorted(found, key=lambda e: (-e.events, e.actor))


def above_average_actors(month_count: int, monthly_counts: pd.Series) -> bool:
    """ACLED's country condition: more distinct violent non-state actors this month than the monthly mean over
    the past year."""
    return month_count > float(monthly_counts.mean())


# --- ours: diplomacy and votes -----------------------------------------------------------------------------------

VISIT_QUIET_YEARS = 5
VOTE_SESSIONS = 5
VOTE_SHIFT = 0.15  # agreement (0–1) away from the 5-session mean


def vote_shift(agreements: pd.Series) -> tuple[float, float, float] | None:
    """(the last session's agreement, the mean of the 5 sessions before, the shift); None with fewer than 6."""
    if len(agreements) < VOTE_SESSIONS + 1:
        return None
    last, before = float(agreements.iloc[-1]), float(agreements.iloc[-1 - VOTE_SESSIONS:-1].mean())
    return last, before, last - before


# --- how strong a flag is (the page lists the strongest first) ---------------------------------------------------


def strength(value: float, baseline: float) -> float:
    """How far a count is above its baseline, in the standard deviations a Poisson count of that mean would have:
    (value − baseline) / √(baseline + 1). A jump from 0.2 to 28 a month (+11,000%) and one from 16 to 45 a week
    (+177%) are both unusual; this orders them by how unusual, not by a percentage that explodes near zero."""
    return (value - baseline) / math.sqrt(baseline + 1)
