"""A pair's cooperation–conflict balance from GDELT (Relationships): QuadClass counts and mean Goldstein score per
month, equal to the same figures computed with pandas from the raw GDELT sample."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from monitor.figures.relationships import gdelt_balance
from monitor.queries.filters import Filters
from monitor.queries.relationships import QUAD_CLASSES, pair_gdelt_balance
from tests.conftest import REAL_GDELT as GDELT
from tests.conftest import realdata

SPRING_2017 = Filters(date(2017, 1, 1), date(2017, 7, 31))
FIPS = {"RS": "RUS", "US": "USA"}  # GDELT's ActionGeo_CountryCode is FIPS 10-4; Actor2CountryCode is CAMEO (ISO-3)


def _expected(a: str, b: str) -> pd.DataFrame:
    """The pair's rows in the raw file (action in one country, Actor2 of the other), per month, by pandas."""
    raw = pd.read_csv(realdata(GDELT), dtype=str)
    where = raw["ActionGeo_CountryCode"].map(FIPS)
    pair = raw[((where == a) & (raw["Actor2CountryCode"] == b)) | ((where == b) & (raw["Actor2CountryCode"] == a))]
    pair = pair.assign(month=pd.to_datetime(pair["SQLDATE"], format="%Y%m%d").dt.to_period("M").dt.to_timestamp(),
                       quad=pair["QuadClass"].astype(int), goldstein=pair["GoldsteinScale"].astype(float))
    pair = pair[(pair["month"] >= "2017-01-01") & (pair["month"] <= "2017-07-31")]
    counts = pd.crosstab(pair["month"], pair["quad"]).reindex(columns=list(QUAD_CLASSES), fill_value=0)
    counts.columns = [f"q{q}" for q in counts.columns]
    return counts.assign(goldstein=pair.groupby("month")["goldstein"].mean(), reports=pair.groupby("month").size())


def test_quad_class_counts_and_mean_goldstein_equal_the_raw_file(real_store):
    got = pair_gdelt_balance(real_store, SPRING_2017, "RUS", "USA").set_index("month")
    want = _expected("RUS", "USA")
    assert want["reports"].sum() > 10  # the sample holds a real pair to check
    assert list(pd.to_datetime(got.index)) == list(want.index)
    for column in ("q1", "q2", "q3", "q4", "reports"):
        assert got[column].tolist() == want[column].tolist(), column
    assert got["goldstein"].round(6).tolist() == want["goldstein"].round(6).tolist()
    assert got["unclassed"].sum() == 0


def test_no_gdelt_rows_no_balance(real_store):
    assert pair_gdelt_balance(real_store, Filters(date(2021, 1, 1), date(2021, 12, 31)), "RUS", "USA").empty


def test_the_figure_stacks_the_four_classes_and_draws_goldstein_on_its_own_axis(real_store):
    balance = pair_gdelt_balance(real_store, SPRING_2017, "RUS", "USA")
    spec = json.loads(gdelt_balance(balance, QUAD_CLASSES).to_json())
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == list(QUAD_CLASSES.values())
    assert spec["layout"]["barmode"] == "stack"
    line = next(t for t in spec["data"] if t["type"] == "scatter")
    assert line["yaxis"] == "y2" and spec["layout"]["yaxis2"]["range"] == [-10.5, 10.5]
    assert sum(sum(t["y"]) for t in bars) == int(balance["reports"].sum())
