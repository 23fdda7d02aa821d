"""The Overview's What, Who and Where on the real samples: every figure equals the same figure computed with pandas
from the raw file (UCDP Myanmar: deaths per region and type for 2022; ACLED Bangladesh: the top actors)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from monitor.queries import breakdowns
from monitor.queries.filters import Filters
from tests.conftest import REAL_ACLED as ACLED
from tests.conftest import REAL_UCDP as UCDP
from tests.conftest import realdata

MMR_2022 = Filters(date(2022, 1, 1), date(2022, 12, 31), ("MMR",))
UCDP_TYPES = {"1": "state-based conflict", "2": "non-state conflict", "3": "one-sided violence"}  # GED codebook


def ucdp_rows(start: str, end: str) -> pd.DataFrame:
    """UCDP GED events overlapping [start, end] (all of them in Myanmar), with their numbers as numbers."""
    raw = pd.read_csv(realdata(UCDP), dtype=str, keep_default_na=False)
    first, last = raw["date_start"].str[:10], raw["date_end"].str[:10]
    rows = raw[(first <= end) & (last >= start)]
    return rows.assign(type=rows["type_of_violence"].map(UCDP_TYPES),
                       region=rows["adm_1"].str.strip().replace("", None),
                       **{c: rows[c].astype(int) for c in ("low", "best", "high")})


def expected(rows: pd.DataFrame, by: str, prefix: str = "") -> pd.DataFrame:
    """Events and low/best/high sums per key, busiest first (events, then deaths), as the breakdown ranks them."""
    keyed = rows.assign(key=rows[by].map(lambda v: None if pd.isna(v) else prefix + v))
    out = keyed.groupby("key", dropna=False).agg(events=("id", "size"), low=("low", "sum"), best=("best", "sum"),
                                                 high=("high", "sum")).reset_index()
    return out.sort_values(["events", "best", "key"], ascending=[False, False, True], na_position="last")


def _compare(got: pd.DataFrame, want: pd.DataFrame, n: int) -> None:
    got = got[got["origin"] == "ucdp"].head(n)
    want = want.head(n)
    assert got["key"].fillna("—").tolist() == want["key"].fillna("—").tolist()
    for column in ("events", "low", "best", "high"):
        assert got[column].astype(int).tolist() == want[column].astype(int).tolist(), column


def test_deaths_per_region_in_2022_equal_the_raw_file(real_store):
    got = breakdowns.breakdown(real_store, MMR_2022, "region")
    want = expected(ucdp_rows("2022-01-01", "2022-12-31"), "region", "MMR:")
    assert want["events"].iloc[0] > 100  # a real year of fighting, not an empty check
    _compare(got, want, breakdowns.TOP_ROWS)
    assert got.loc[got["origin"] == "ucdp", "keys"].iloc[0] == want["key"].nunique(dropna=False)


def test_the_previous_period_is_2021_for_2022(real_store):
    got = breakdowns.breakdown(real_store, MMR_2022, "region").set_index("key")
    before = expected(ucdp_rows("2021-01-01", "2021-12-31"), "region", "MMR:").set_index("key")
    for key in got.index[got["origin"] == "ucdp"]:
        want = before["events"].get(key, 0)
        assert got.loc[key, "prev_events"] == want, key


def test_deaths_per_type_in_2022_equal_the_raw_file(real_store):
    _compare(breakdowns.breakdown(real_store, MMR_2022, "type"),
             expected(ucdp_rows("2022-01-01", "2022-12-31"), "type"), 3)


@pytest.mark.parametrize("kind", ["one-sided violence", "state-based conflict"])
def test_deaths_per_region_of_one_type_equal_the_raw_file(real_store, kind):
    rows = ucdp_rows("2022-01-01", "2022-12-31")
    got = breakdowns.breakdown(real_store, replace(MMR_2022, types=(kind,)), "region")
    _compare(got, expected(rows[rows["type"] == kind], "region", "MMR:"), breakdowns.TOP_ROWS)


def _acled_actors() -> pd.DataFrame:
    """Events per actor in the ACLED sample, as actor1 or actor2, each actor once per event."""
    raw = pd.read_csv(realdata(ACLED), dtype=str, keep_default_na=False)
    named = []
    for row in raw.itertuples():
        names = {row.actor1, row.actor2} - {""}
        named += [(name, int(row.fatalities)) for name in names]
    frame = pd.DataFrame(named, columns=["key", "fatalities"])
    out = frame.groupby("key").agg(events=("key", "size"), best=("fatalities", "sum")).reset_index()
    return out.sort_values(["events", "best", "key"], ascending=[False, False, True])


def test_top_actors_in_the_acled_sample_equal_the_raw_file(real_store):
    got = breakdowns.breakdown(real_store, Filters(date(2023, 1, 1), date(2024, 12, 31)), "actor")
    got = got[got["origin"] == "acled"]
    want = _acled_actors().head(breakdowns.TOP_ROWS)
    assert got["key"].tolist() == want["key"].tolist()
    assert got["events"].tolist() == want["events"].tolist()
    assert got["best"].astype(int).tolist() == want["best"].tolist()
    assert got["keys"].iloc[0] == len(_acled_actors())


def test_previous_period_has_the_same_length():
    before = breakdowns.previous_period(Filters(date(2021, 3, 1), date(2021, 3, 31)))
    assert (before.start, before.end) == (date(2021, 1, 29), date(2021, 2, 28))


# The default window runs past UCDP's data (the sample ends 31 Dec 2023): UCDP is compared over 1 Feb – 31 Dec 2023
# (334 days) against the 334 days before, 4 Mar 2022 – 31 Jan 2023, not against a whole year it fully covers.
PAST_UCDP = Filters(date(2023, 2, 1), date(2025, 1, 31), ("MMR",))


def test_a_window_past_ucdps_data_is_compared_over_the_days_it_covers(real_store):
    ucdp = next(w for w in breakdowns.windows(real_store, PAST_UCDP) if w.origin == "ucdp")
    assert (ucdp.end, ucdp.before_start, ucdp.before_end) == (date(2023, 12, 31), date(2022, 3, 4), date(2023, 1, 31))
    assert ucdp.cut and ucdp.data_before
    got = breakdowns.breakdown(real_store, PAST_UCDP, "region")
    got = got[got["origin"] == "ucdp"].set_index("key")
    now = expected(ucdp_rows("2023-02-01", "2023-12-31"), "region", "MMR:").set_index("key")
    before = expected(ucdp_rows("2022-03-04", "2023-01-31"), "region", "MMR:").set_index("key")
    sagaing = "MMR:Sagaing region"
    assert got.loc[sagaing, "events"] == now.loc[sagaing, "events"]
    assert got.loc[sagaing, "prev_events"] == before.loc[sagaing, "events"]
    assert got.loc[sagaing, "prev_best"] == before.loc[sagaing, "best"]


def test_acled_has_no_previous_period_before_its_sample_starts(real_store):
    got = breakdowns.breakdown(real_store, Filters(date(2023, 11, 1), date(2024, 12, 31)), "actor")
    assert not got.loc[got["origin"] == "acled", "data_before"].any()  # the sample starts in November 2023
