"""Flags: every early-warning method (monitor/trends.py) run per dataset and place on the counts the queries read
(monitor/queries/trends.py), each said as one sentence with its numbers. Shared by the Trends page and
`monitor.alerts`.

Each dataset is assessed on its own: its windows end at the last complete week or month it covers (on or before
`asof`), and a method whose baseline reaches back before the dataset's first day says so and raises nothing.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from monitor import phrases, trends
from monitor.countries import country_name
from monitor.queries import trends as queries
from monitor.queries.filters import Filters
from monitor.views.blocks import Run

DATASETS = {"acled": "ACLED", "ucdp": "UCDP", "gdelt": "GDELT", "hdx-hapi": "HDX HAPI"}
AGGREGATES = {"hdx-hapi": "HDX HAPI (monthly aggregates of ACLED)"}
PEAK_HISTORY_DAYS = max(trends.PEAK_SPANS.values()) + trends.ROLLING_DAYS - 1
CHART_WEEKS = 26  # weeks of context a weekly flag's chart shows (more when its baseline is longer)


@dataclass(frozen=True)
class Flag:
    """One thing a method found: where, when, its numbers, and a sentence saying them."""

    method: str  # a key of trends.METHODS
    dataset: str  # origin: acled, ucdp, gdelt; '' for visits and votes
    country: str
    region: str  # '' for a whole country
    subject: str  # the actor, the partner country or the visit; '' otherwise
    types: tuple[str, ...]  # what was counted: the link's `type` values, or ('violent',)
    window_start: date
    window_end: date
    value: float
    baseline: float | None
    change: float | None  # percent (None: no baseline to compare with)
    level: str
    sentence: str
    strength: float
    series: pd.Series | None = field(default=None, compare=False, repr=False)  # what the chart draws
    lines: tuple[tuple[str, float], ...] = field(default=(), compare=False)  # the chart's reference lines

    @property
    def key(self) -> str:
        """What makes a flag the same flag in another run: method, dataset, place, subject, what, window."""
        return "|".join((self.method, self.dataset, self.country, self.region, self.subject, ",".join(self.types),
                         self.window_start.isoformat(), self.window_end.isoformat()))

    @property
    def id(self) -> str:
        """A stable id (an Atom entry id): the same flag gets the same id in every run."""
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'conflict-monitor:flag:' + self.key)}"

    @property
    def short_id(self) -> str:
        return hashlib.sha1(self.key.encode()).hexdigest()[:10]

    @property
    def place(self) -> str:
        return f"{self.region} ({country_name(self.country)})" if self.region else country_name(self.country)


@dataclass(frozen=True)
class Assessment:
    """Flags (strongest first), what the data's edges mean for them, and what was checked."""

    asof: date
    base: str
    flags: tuple[Flag, ...]
    edges: tuple[str, ...]  # "UCDP: data ends 31 Dec 2023 …", "too little history for …"
    checked: tuple[str, ...]  # per dataset: windows and how many places each method looked at


# --- saying numbers ----------------------------------------------------------------------------------------------


def number(x: float) -> str:
    """19 -> '19'; 18.75 -> '18.8'."""
    return phrases.count(round(x)) if abs(x - round(x)) < 0.05 else f"{x:,.1f}"


def percent(p: float | None) -> str:
    return "from none" if p is None else f"{p:+.0f}%"


def _events(n: float, violent: bool = False) -> str:
    word = "violent event" if violent else "event"
    return f"{number(n)} {word}{'' if round(n) == 1 else 's'}"


def _month(d: date) -> str:
    return f"{d:%B %Y}"


# --- the methods, per dataset and place ----------------------------------------------------------------------------


@dataclass
class _Dataset:
    """One dataset's windows as of `asof`."""

    origin: str
    first: date
    covered: date
    end: date  # min(asof, covered)

    @property
    def name(self) -> str:
        return DATASETS.get(self.origin, self.origin.upper())

    @property
    def week(self) -> tuple[date, date]:
        return trends.last_complete_week(self.end)

    @property
    def month(self) -> tuple[date, date]:
        return trends.last_complete_month(self.end)

    def has_history(self, since: date) -> bool:
        return self.first <= since


Place = tuple[str, str]  # (country, region); region '' for the whole country


def wide(daily: pd.DataFrame, column: str, start: date, end: date) -> pd.DataFrame:
    """`column` per day (rows) and place (columns: (country, '') for each country whole, (country, region) for each
    of its regions), every day from `start` to `end`, 0 where nothing was recorded. One frame for every place, so
    the weekly and monthly sums are computed once for all of them."""
    days = pd.date_range(start, end, freq="D")
    frame = daily.assign(day=pd.to_datetime(daily["day"]))
    parts = []
    if not frame.empty:
        countries = frame.pivot_table(index="day", columns="country_iso3", values=column, aggfunc="sum")
        countries.columns = pd.MultiIndex.from_tuples([(str(c), "") for c in countries.columns])
        parts.append(countries)
        regional = frame[frame["admin1"] != ""]
        if not regional.empty:
            regions = regional.pivot_table(index="day", columns=["country_iso3", "admin1"], values=column,
                                           aggfunc="sum")
            regions.columns = pd.MultiIndex.from_tuples([(str(c), str(r)) for c, r in regions.columns])
            parts.append(regions)
    if not parts:
        return pd.DataFrame(index=days, columns=pd.MultiIndex.from_arrays([[], []]), dtype=float)
    return pd.concat(parts, axis=1).reindex(days).fillna(0.0).astype(float).sort_index(axis=1)


def _regions(frame: pd.DataFrame) -> list[Place]:
    return [p for p in frame.columns if p[1]]


def _change_flags(ds: _Dataset, events: pd.DataFrame, base: str, types: tuple[str, ...], edges: list[str]
                  ) -> list[Flag]:
    weeks_back = trends.BASE_WEEKS[base]
    week_start, week_end = ds.week
    since = week_start - timedelta(days=7 * weeks_back)
    if not ds.has_history(since):
        edges.append(f"{ds.name}: too little history for the change level against {weeks_back} weeks "
                     f"(data from {phrases.day(ds.first)}; the baseline starts {phrases.day(since)}): no change flags.")
        return []
    weeks = trends.weekly(events, week_end, max(CHART_WEEKS, weeks_back + 1))
    flags = []
    for country, region in weeks.columns:
        series = weeks[(country, region)]
        change = trends.trendfinder(series.iloc[-weeks_back - 1:], weeks_back)
        if change.level == trends.LIMITED_CHANGE:
            continue
        place = region or country_name(country)
        sentence = (f"{place}: {_events(change.current)} in the week to {phrases.day(week_end)}, "
                    f"{percent(change.percent)} on its {weeks_back}-week average of {number(change.baseline)} "
                    f"({change.level}).")
        flags.append(Flag("change", ds.origin, country, region, "", types, week_start, week_end, change.current,
                          change.baseline, change.percent, change.level, sentence,
                          trends.strength(change.current, change.baseline), series,
                          ((f"{weeks_back}-week average", change.baseline),)))
    return flags


def _surge_threat_flags(ds: _Dataset, violent: pd.DataFrame, edges: list[str]) -> list[Flag]:
    week_start, week_end = ds.week
    month_start, month_end = ds.month
    flags: list[Flag] = []
    surge_ok = ds.has_history(week_start - timedelta(days=28))
    threat_start = (pd.Timestamp(month_start) - pd.DateOffset(months=12)).date()
    threat_ok = ds.has_history(threat_start) and surge_ok
    if not surge_ok:
        edges.append(f"{ds.name}: too little history for the surge tracker (4 weeks before the week to "
                     f"{phrases.day(week_end)}).")
    if not threat_ok:
        edges.append(f"{ds.name}: too little history for the threat tracker (12 months before "
                     f"{_month(month_start)}; data from {phrases.day(ds.first)}).")
    regions = violent[_regions(violent)]
    if not surge_ok or regions.empty:
        return flags
    weeks = trends.weekly(regions, week_end, CHART_WEEKS)
    months = trends.monthly(regions, month_end, 13) if threat_ok else None
    for country, region in regions.columns:
        spike = trends.surge(weeks[(country, region)].iloc[-5:])
        if spike.flagged:
            flags.append(Flag(
                "surge", ds.origin, country, region, "", ("violent",), week_start, week_end, spike.current,
                spike.baseline, spike.percent, "surge",
                f"{region}: {_events(spike.current, True)} in the week to {phrases.day(week_end)}, "
                f"{percent(spike.percent)} on its weekly average of {number(spike.baseline)} over the previous "
                "4 weeks (surge).", trends.strength(spike.current, spike.baseline), weeks[(country, region)],
                (("4-week average", spike.baseline),)))
        if months is not None:
            guard = float(weeks[(country, region)].iloc[-5:-1].mean())
            spike = trends.threat(months[(country, region)], guard)
            if spike.flagged:
                flags.append(Flag(
                    "threat", ds.origin, country, region, "", ("violent",), month_start, month_end, spike.current,
                    spike.baseline, spike.percent, "threat",
                    f"{region}: {_events(spike.current, True)} in {_month(month_start)}, {percent(spike.percent)} on "
                    f"its monthly average of {number(spike.baseline)} over the previous 12 months (threat).",
                    trends.strength(spike.current, spike.baseline), months[(country, region)],
                    (("12-month average", spike.baseline),)))
    return flags


def _peak_flags(ds: _Dataset, fatalities: pd.DataFrame, edges: list[str]) -> list[Flag]:
    if not ds.has_history(ds.end - timedelta(days=trends.PEAK_SPANS[1] + trends.ROLLING_DAYS - 2)):
        edges.append(f"{ds.name}: too little history for the fatality peak (a year of 30-day totals before "
                     f"{phrases.day(ds.end)}).")
        return []
    flags = []
    for country, _ in [p for p in fatalities.columns if not p[1]]:
        days = fatalities[(country, "")].loc[pd.Timestamp(max(ds.first, ds.end - timedelta(days=PEAK_HISTORY_DAYS))):
                                             pd.Timestamp(ds.end)]
        peak = trends.fatality_peak(days)
        if not peak.years:
            continue
        span = "3 years" if peak.years == 3 else "1 year"
        if peak.years == 3:
            beyond = ""
        elif 3 in peak.previous:
            beyond = f"; the 3-year high is {phrases.count(peak.previous[3])}"
        else:
            beyond = "; the data is too short to check 3 years"
        sentence = (f"{country_name(str(country))}: {phrases.count(peak.value)} killed in violent events in the 30 "
                    f"days to {phrases.day(ds.end)}, the highest in {span} (previous high "
                    f"{phrases.count(peak.previous_high)}{beyond}).")
        rolling = days.rolling(trends.ROLLING_DAYS).sum().dropna()
        change = None if not peak.previous_high else (peak.value - peak.previous_high) / peak.previous_high * 100
        flags.append(Flag("peak", ds.origin, str(country), "", "", ("violent",), ds.end - timedelta(days=29),
                          ds.end, peak.value, peak.previous_high, change, f"highest in {span}", sentence,
                          1000.0 + peak.years + peak.value / 1e6, rolling,
                          (("minimum (100)", float(trends.PEAK_MINIMUM)),)))
    return flags


def _volatility_flags(ds: _Dataset, violent: pd.DataFrame, edges: list[str]) -> list[Flag]:
    week_start, week_end = ds.week
    first_week = week_end - timedelta(days=7 * 52 - 1)
    if not ds.has_history(first_week):
        edges.append(f"{ds.name}: too little history for the volatility index (52 weeks to "
                     f"{phrases.day(week_end)}).")
        return []
    weeks = trends.weekly(violent, week_end, 52)
    flags = []
    for country, region in weeks.columns:
        v = trends.volatility(weeks[(country, region)])
        if not v.high_volatility:
            continue
        sentence = (f"{region or country_name(country)}: {v.spike_weeks} of the 52 weeks to {phrases.day(week_end)} "
                    f"had violent events 2 or more standard deviations above its weekly average of {number(v.mean)} "
                    f"(SD {number(v.sd)}): high volatility on a {'high' if v.high_baseline else 'low'} baseline"
                    + (": extreme risk." if v.high_baseline else "."))
        flags.append(Flag("volatility", ds.origin, country, region, "", ("violent",), first_week, week_end,
                          float(v.spike_weeks), v.mean, None, v.risk, sentence, 2.0 + v.spike_weeks / 100,
                          weeks[(country, region)],
                          (("weekly average", v.mean), ("average + 2 SD", v.mean + 2 * v.sd))))
    return flags


def _emerging_flags(run: Run, f: Filters, ds: _Dataset, edges: list[str]) -> list[Flag]:
    month_start, month_end = ds.month
    year_before = (pd.Timestamp(month_start) - pd.DateOffset(years=1)).date()
    if not ds.has_history(year_before):
        edges.append(f"{ds.name}: too little history for emerging actors (the 12 months before "
                     f"{_month(month_start)}).")
        return []
    read = run(queries.violent_actors, f, month_start, month_end)
    read = read[read["origin"] == ds.origin]
    actors, counts = read[read["kind"] == "actor"], read[read["kind"] == "month"]
    flags = []
    for country, month in actors.groupby("country_iso3", sort=True):
        found = trends.emerging_actors(month[["actor", "events"]],
                                       set(month.loc[month["active_year_before"].astype(bool), "actor"]),
                                       set(month.loc[month["seen_before"].astype(bool), "actor"]))
        mine = counts[counts["country_iso3"] == country]
        per_month = mine.set_index(pd.to_datetime(mine["month"]))["events"].reindex(
            pd.date_range(year_before, periods=12, freq="MS"), fill_value=0).astype(float)
        if not found or not trends.above_average_actors(len(month), per_month):
            continue
        for e in found:
            how = ("never before in the loaded data" if e.kind == "new"
                   else "not active there in the 12 months before")
            sentence = (f"{country_name(str(country))}: {e.actor} took part in {_events(e.events, True)} in "
                        f"{_month(month_start)}, {how} ({len(month)} non-state actors that month against a monthly "
                        f"average of {number(per_month.mean())} over the year before).")
            flags.append(Flag("emerging", ds.origin, str(country), "", e.actor, ("violent",), month_start, month_end,
                              float(e.events), float(per_month.mean()), None, f"{e.kind} actor", sentence,
                              3.0 + e.events / 1e3))
    return flags


def _visit_flags(run: Run, f: Filters, asof: date, edges: list[str]) -> list[Flag]:
    first, last = run(queries.visits_coverage)
    if first is None or last is None:
        return []
    month_start, month_end = trends.last_complete_month(min(asof, last))
    quiet_since = (pd.Timestamp(month_start) - pd.DateOffset(years=trends.VISIT_QUIET_YEARS)).date()
    if first > quiet_since:
        edges.append(f"Visits: too little history for first visits in {trends.VISIT_QUIET_YEARS} years (visits "
                     f"from {phrases.day(first)}; {_month(month_start)} needs them from {phrases.day(quiet_since)}).")
        return []
    flags = []
    for v in run(queries.first_visits, f, month_start, month_end, trends.VISIT_QUIET_YEARS).itertuples():
        before = "" if pd.isna(v.last_before) else f"; the last was on {phrases.day(v.last_before)}"
        who = v.visitor_name if isinstance(v.visitor_name, str) and v.visitor_name else country_name(v.visitor_iso3)
        sentence = (f"{who} ({country_name(v.visitor_iso3)}) visited {country_name(v.host_iso3)} on "
                    f"{phrases.day(v.start_date)}: the first visit between them in {trends.VISIT_QUIET_YEARS} years"
                    f"{before}.")
        flags.append(Flag("visit", "", v.visitor_iso3, "", v.host_iso3, (), month_start, month_end, 1.0, None, None,
                          "first visit in 5 years", sentence, 1.0))
    return flags


def _vote_flags(run: Run, f: Filters, asof: date) -> list[Flag]:
    if len(f.countries) < 2:
        return []
    country, partners = f.countries[0], f.countries[1:]
    table = run(queries.session_agreement, tuple(f.countries), asof)
    flags = []
    for partner in partners:
        a, b = sorted((country, partner))
        pair = table[(table["a"] == a) & (table["b"] == b)].sort_values("session")
        shift = trends.vote_shift(pair["agreement"].reset_index(drop=True))
        if shift is None or abs(shift[2]) < trends.VOTE_SHIFT:
            continue
        last, before, delta = shift
        row = pair.iloc[-1]
        direction = "fell" if delta < 0 else "rose"
        sentence = (f"{country_name(country)} and {country_name(partner)}: UN General Assembly agreement {direction} "
                    f"to {last:.2f} in session {int(row['session'])} ({int(row['shared'])} votes), against "
                    f"{before:.2f} over the 5 sessions before.")
        last_vote = pd.Timestamp(row["last_vote"]).date()
        series = pair.set_index("session")["agreement"]
        flags.append(Flag("vote-shift", "", country, "", partner, (), last_vote, last_vote, last, before,
                          delta * 100 / before if before else None, f"agreement {direction}", sentence,
                          2.5 + abs(delta), series, (("5-session average", before),)))
    return flags


def _aggregate_threat_flags(run: Run, f: Filters, asof: date, edges: list[str]) -> list[Flag]:
    """ACLED's threat tracker on monthly aggregates (HDX HAPI's counts of ACLED events): the one method monthly
    counts can serve. Their activity guard is read per month: the latest month's events per week (÷ its days / 7)."""
    flags: list[Flag] = []
    for row in run(queries.aggregate_coverage).itertuples():
        name = AGGREGATES.get(row.origin, row.origin)
        first, last = pd.Timestamp(row.first).date(), pd.Timestamp(row.last).date()
        month_start, month_end = trends.last_complete_month(min(asof, last))
        since = (pd.Timestamp(month_start) - pd.DateOffset(months=12)).date()
        if first > since:
            span = _month(first) if _month(first) == _month(last) else f"{_month(first)} to {_month(last)}"
            edges.append(f"{name}: monthly counts for {span} ({row.months} month"
                         f"{'' if row.months == 1 else 's'}): the threat tracker needs the 12 months before "
                         f"{_month(month_start)}; no flags from them. Monthly aggregates serve no weekly method.")
            continue
        counts = run(queries.aggregate_monthly, f, since, month_start)
        counts = counts[counts["origin"] == row.origin]
        for (country, region), rows in counts.groupby(["country_iso3", "admin1"], sort=True):
            months = rows.set_index(pd.to_datetime(rows["month"]))["violent"].reindex(
                pd.date_range(since, periods=13, freq="MS"), fill_value=0).astype(float)
            weekly_rate = float(months.iloc[-1]) / ((month_end - month_start).days + 1) * 7
            spike = trends.threat(months, weekly_rate)
            if spike.flagged:
                flags.append(Flag(
                    "threat", row.origin, str(country), str(region), "", ("political violence",), month_start,
                    month_end, spike.current, spike.baseline, spike.percent, "threat",
                    f"{region}: {_events(spike.current, True)} in {_month(month_start)} ({name}), "
                    f"{percent(spike.percent)} on its monthly average of {number(spike.baseline)} over the previous "
                    "12 months (threat).", trends.strength(spike.current, spike.baseline), months,
                    (("12-month average", spike.baseline),)))
    return flags


# --- everything -----------------------------------------------------------------------------------------------------


def datasets(run: Run, asof: date) -> tuple[list[_Dataset], list[str]]:
    """The series datasets as of `asof`, and what their edges mean ('UCDP: data ends 31 Dec 2023 …')."""
    found, edges = [], []
    for row in run(queries.coverage).itertuples():
        first, last = pd.Timestamp(row.first).date(), pd.Timestamp(row.last).date()
        covered = trends.covered_to(last, row.origin in queries.YEARLY_RELEASES)
        ds = _Dataset(row.origin, first, covered, min(asof, covered))
        if first > asof:
            edges.append(f"{ds.name}: data starts {phrases.day(first)}, after {phrases.day(asof)}: nothing to assess.")
            continue
        if covered < asof:
            edges.append(f"{ds.name}: data ends {phrases.day(covered)}. Its windows end with the week to "
                         f"{phrases.day(ds.week[1])} and {_month(ds.month[0])}; nothing after is a decrease.")
        found.append(ds)
    return found, edges


def assess(run: Run, f: Filters, asof: date, base: str = "4w", types: tuple[str, ...] = ()) -> Assessment:
    """Every method on every dataset as of `asof` (base: '4w' or '52w' for the change level), strongest first."""
    found, edges = datasets(run, asof)
    flags: list[Flag] = []
    checked: list[str] = []
    if found:
        start = min(ds.end for ds in found) - timedelta(days=PEAK_HISTORY_DAYS + 7)
        daily = run(queries.daily_counts, f, start, max(ds.end for ds in found))
        for ds in found:
            rows = daily[daily["origin"] == ds.origin]
            places = rows["country_iso3"].nunique()
            regions = rows.loc[rows["admin1"] != "", ["country_iso3", "admin1"]].drop_duplicates().shape[0]
            checked.append(f"{ds.name}: weeks to {phrases.day(ds.week[1])}, months to {phrases.day(ds.month[1])}; "
                           f"{places} countr{'y' if places == 1 else 'ies'} and {regions} region"
                           f"{'' if regions == 1 else 's'} with events in the last {PEAK_HISTORY_DAYS // 365} years.")
            span = (max(ds.first, ds.end - timedelta(days=PEAK_HISTORY_DAYS + 7)), ds.end)
            violent = wide(rows, "violent", *span)
            flags += _change_flags(ds, wide(rows, "events", *span), base, types or f.types or ("all events",), edges)
            flags += _surge_threat_flags(ds, violent, edges)
            flags += _peak_flags(ds, wide(rows, "fatalities", *span), edges)
            flags += _volatility_flags(ds, violent, edges)
            flags += _emerging_flags(run, f, ds, edges)
    flags += _aggregate_threat_flags(run, f, asof, edges)
    flags += _visit_flags(run, f, asof, edges)
    flags += _vote_flags(run, f, asof)
    flags.sort(key=lambda fl: (-fl.strength, fl.key))
    return Assessment(asof, base, tuple(flags), tuple(edges), tuple(checked))
