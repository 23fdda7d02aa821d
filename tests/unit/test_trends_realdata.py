"""The early-warning flags on the real UCDP Myanmar GED file and the real ACLED Bangladesh sample.

Each expectation is computed here, in pandas, straight from the raw CSV (the publishers' definitions applied by
hand: docs/trends.md), never by monitor.trends or monitor.flags. The flags come from a database the ETL loaded.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from monitor import flags
from monitor.queries.filters import Filters
from monitor.store import Store
from monitor.views.blocks import store_runner
from tests.conftest import etl, realdata

UCDP = "ucdp/ged_myanmar_1989_2023_netify.csv"
ACLED = "acled/acled_bangladesh_sample.csv"
ACLED_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def _db(tmp_path_factory, relative: str) -> Store:
    path = realdata(relative)
    db = tmp_path_factory.mktemp("trends") / "real.duckdb"
    done = etl("load", str(path), "--db", str(db))
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return Store(db)


@pytest.fixture(scope="module")
def ucdp_store(tmp_path_factory) -> Store:
    return _db(tmp_path_factory, UCDP)


@pytest.fixture(scope="module")
def ucdp_raw() -> pd.DataFrame:
    raw = pd.read_csv(realdata(UCDP), usecols=["id", "date_start", "adm_1", "best"])
    raw["day"] = pd.to_datetime(raw["date_start"].str[:10])
    raw["region"] = raw["adm_1"].fillna("").str.split().str.join(" ")
    return raw


def _assess(store: Store, asof: date, countries=("MMR",), base="4w") -> flags.Assessment:
    f = Filters(date(1989, 1, 1), asof, tuple(countries), 0)
    return flags.assess(store_runner(store), f, asof, base)


def _norm(name: str) -> str:
    return " ".join(name.split())


def _found(a: flags.Assessment, method: str) -> dict[str, flags.Flag]:
    return {_norm(fl.region): fl for fl in a.flags if fl.method == method}


def _count(raw: pd.DataFrame, start: str | date, end: str | date) -> pd.Series:
    """Events per region with date_start in [start, end]."""
    part = raw[(raw["day"] >= pd.Timestamp(start)) & (raw["day"] <= pd.Timestamp(end))]
    return part[part["region"] != ""].groupby("region").size()


def _expected_surges(raw: pd.DataFrame, week_end: date) -> set[str]:
    """ACLED's surge by hand: last week >= 2 x the mean of the 4 weeks before, that mean >= 1."""
    monday = week_end - timedelta(days=6)
    now = _count(raw, monday, week_end)
    before = _count(raw, monday - timedelta(days=28), monday - timedelta(days=1)) / 4
    return {r for r, n in now.items() if before.get(r, 0) >= 1 and n >= 2 * before.get(r, 0)}


def _expected_threats(raw: pd.DataFrame, month: str, week_end: date) -> set[str]:
    """ACLED's threat by hand: the month >= 2 x the mean of the 12 months before, with a 4-week mean >= 1."""
    first = pd.Timestamp(month)
    last = first + pd.offsets.MonthEnd(0)
    now = _count(raw, first, last)
    year = _count(raw, first - pd.DateOffset(months=12), first - pd.Timedelta(days=1)) / 12
    monday = week_end - timedelta(days=6)
    four = _count(raw, monday - timedelta(days=28), monday - timedelta(days=1)) / 4
    return {r for r, n in now.items() if four.get(r, 0) >= 1 and year.get(r, 0) > 0 and n >= 2 * year.get(r, 0)}


def _country_change(raw: pd.DataFrame, week_end: date) -> tuple[int, float, str]:
    monday = week_end - timedelta(days=6)
    now = int(((raw["day"] >= pd.Timestamp(monday)) & (raw["day"] <= pd.Timestamp(week_end))).sum())
    base = int(((raw["day"] >= pd.Timestamp(monday - timedelta(days=28)))
                & (raw["day"] < pd.Timestamp(monday))).sum()) / 4
    pct = (now - base) / base * 100 if base else float("inf")
    if base <= 2 and now <= 5:
        level = "limited change"
    elif pct > 25:
        level = "large increase"
    elif pct >= 10:
        level = "moderate increase"
    elif pct >= -25:
        level = "limited change"
    else:
        level = "large decrease"
    return now, base, level


def _peak_years(raw: pd.DataFrame, end: str) -> tuple[float, int]:
    """HDX Signals by hand: the 30-day best-estimate total at `end` against the rolling maximum of 366 / 1,096 days."""
    days = raw.groupby("day")["best"].sum().reindex(pd.date_range(raw["day"].min(), end), fill_value=0)
    r30 = days.rolling(30).sum()
    value = r30.iloc[-1]
    years = 0
    if value >= 100 and value >= r30.iloc[-366:].max():
        years = 1
    if value >= 100 and value >= r30.iloc[-1096:].max():
        years = 3
    return value, years


@pytest.mark.parametrize(("asof", "week_end", "month"), [
    (date(2017, 8, 31), date(2017, 8, 27), "2017-08"),   # the ARSA attacks of 25 August and what followed
    (date(2021, 2, 28), date(2021, 2, 28), "2021-02"),   # the coup of 1 February
    (date(2021, 3, 31), date(2021, 3, 28), "2021-03"),   # Armed Forces Day, 27 March
    (date(2021, 4, 30), date(2021, 4, 25), "2021-04"),
])
def test_ucdp_myanmar_flags_match_the_raw_file(ucdp_store, ucdp_raw, asof, week_end, month):
    a = _assess(ucdp_store, asof)
    assert set(_found(a, "surge")) == _expected_surges(ucdp_raw, week_end)
    assert set(_found(a, "threat")) == _expected_threats(ucdp_raw, month, week_end)
    now, base, level = _country_change(ucdp_raw, week_end)
    country = [fl for fl in a.flags if fl.method == "change" and not fl.region]
    if level == "limited change":
        assert country == []
    else:
        assert [(fl.value, round(fl.baseline, 2), fl.level) for fl in country] == [(now, round(base, 2), level)]
        assert f"in the week to {week_end.day} {week_end:%b %Y}" in country[0].sentence
    value, years = _peak_years(ucdp_raw, asof.isoformat())
    peaks = [fl for fl in a.flags if fl.method == "peak"]
    assert [(fl.value, fl.level) for fl in peaks] == ([(value, f"highest in {'3 years' if years == 3 else '1 year'}")]
                                                      if years else [])


def test_ucdp_august_2017_rakhine(ucdp_store, ucdp_raw):
    """What the record shows: Rakhine surges in the week of 25 August 2017, and killings peak."""
    a = _assess(ucdp_store, date(2017, 8, 31))
    assert "Rakhine state" in _found(a, "surge")
    assert "Rakhine state" in _found(a, "threat")
    assert any(fl.method == "peak" and fl.level == "highest in 3 years" for fl in a.flags)


def test_ucdp_ends_in_december_so_january_is_no_decrease(ucdp_store):
    a = _assess(ucdp_store, date(2024, 3, 31))
    assert "UCDP: data ends 31 Dec 2023." in " ".join(a.edges)
    assert {fl.window_end for fl in a.flags if fl.method in ("change", "surge", "volatility")} <= {date(2023, 12, 31)}
    assert not any(fl.window_end > date(2023, 12, 31) for fl in a.flags)
    assert a.checked[0].startswith("UCDP: weeks to 31 Dec 2023, months to 31 Dec 2023")


def test_the_52_week_baseline_needs_52_weeks_of_data(tmp_path_factory):
    """The ACLED sample starts on 1 November 2023: in August 2024 a year's baseline does not exist yet."""
    store = _db(tmp_path_factory, ACLED)
    a = _assess(store, date(2024, 8, 4), countries=("BGD",), base="52w")
    edges = " ".join(a.edges)
    assert "ACLED: too little history for the change level against 52 weeks" in edges
    assert "ACLED: too little history for the threat tracker" in edges
    assert "ACLED: too little history for the volatility index" in edges
    assert not [fl for fl in a.flags if fl.method in ("change", "threat", "volatility", "peak", "emerging")]


def test_acled_bangladesh_july_2024(tmp_path_factory):
    """The ACLED sample in the week to 21 July 2024 (the quota-reform protests), by ACLED's own violent set."""
    store = _db(tmp_path_factory, ACLED)
    raw = pd.read_csv(realdata(ACLED), usecols=["event_date", "event_type", "sub_event_type", "admin1"])
    raw["day"] = pd.to_datetime(raw["event_date"])
    raw["region"] = raw["admin1"].fillna("").map(_norm)
    excessive = raw["sub_event_type"] == "Excessive force against protesters"
    violent = raw[raw["event_type"].isin(ACLED_VIOLENT) | excessive]
    a = _assess(store, date(2024, 7, 21), countries=("BGD",))
    assert set(_found(a, "surge")) == _expected_surges(violent, date(2024, 7, 21))
    assert _found(a, "surge"), "the week of 15-21 July 2024 surged somewhere"
    now, base, level = _country_change(raw, date(2024, 7, 21))
    country = [fl for fl in a.flags if fl.method == "change" and not fl.region]
    assert [(fl.value, fl.level) for fl in country] == ([] if level == "limited change" else [(now, level)])
    assert all(fl.dataset == "acled" for fl in a.flags)


def test_monthly_aggregates_serve_only_the_monthly_method_and_say_why_not_here(tmp_path_factory):
    """HDX HAPI's file holds one month of ACLED aggregates: the threat tracker needs 13, and no weekly method runs."""
    store = _db(tmp_path_factory, "hdx/hdx_hapi_conflict_event_global_2025.csv")
    raw = pd.read_csv(realdata("hdx/hdx_hapi_conflict_event_global_2025.csv"), encoding="utf-8-sig",
                      usecols=["reference_period_start"])
    assert raw["reference_period_start"].nunique() == 1
    a = flags.assess(store_runner(store), Filters(date(2025, 1, 1), date(2025, 1, 31)), date(2025, 1, 31))
    assert a.flags == ()
    assert ("HDX HAPI (monthly aggregates of ACLED): monthly counts for January 2025 (1 month): the threat tracker "
            "needs the 12 months before January 2025; no flags from them.") in " ".join(a.edges)


def test_ucdp_emerging_actors_in_april_2021(ucdp_store):
    """By hand from the raw file: the non-state sides of April 2021's events that had no event in the 12 months
    before; 'new' when they had none at all before April. The NUG (formed 16 April 2021) is one."""
    raw = pd.read_csv(realdata(UCDP), usecols=["date_start", "side_a", "side_b"])
    raw["day"] = pd.to_datetime(raw["date_start"].str[:10])
    sides = pd.concat([raw[["day", "side_a"]].rename(columns={"side_a": "actor"}),
                       raw[["day", "side_b"]].rename(columns={"side_b": "actor"})]).dropna()
    state = sides["actor"].str.lower().str.startswith(("government of", "civilians"))
    sides = sides[~state]
    april = sides[(sides["day"] >= "2021-04-01") & (sides["day"] <= "2021-04-30")]
    year = set(sides[(sides["day"] >= "2020-04-01") & (sides["day"] < "2021-04-01")]["actor"])
    ever = set(sides[sides["day"] < "2021-04-01"]["actor"])
    expected = {a: ("latent" if a in ever else "new") for a in set(april["actor"]) - year}
    per_month = [len(set(sides[(sides["day"] >= m) & (sides["day"] < m + pd.offsets.MonthBegin(1))]["actor"]))
                 for m in pd.date_range("2020-04-01", periods=12, freq="MS")]
    assert april["actor"].nunique() > sum(per_month) / 12  # ACLED's country condition holds
    assert expected.get("NUG") == "new"
    a = _assess(ucdp_store, date(2021, 4, 30))
    found = {fl.subject: fl.level.split()[0] for fl in a.flags if fl.method == "emerging"}
    assert found == expected

