"""Trends page in AppTest: the flags a link asks for, the data's edges, bad values, and pinned versions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.app.conftest import serving
from tests.conftest import etl, realdata

UCDP = "ucdp/ged_myanmar_1989_2023_netify.csv"
ACLED = "acled/acled_bangladesh_sample.csv"


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> Path:
    """Version 1: UCDP Myanmar; version 2: the ACLED Bangladesh sample added."""
    db = tmp_path_factory.mktemp("trends-app") / "real.duckdb"
    for relative in (UCDP, ACLED):
        done = etl("load", str(realdata(relative)), "--db", str(db))
        assert done.returncode in (0, 1), done.stdout + done.stderr
    return db


def _text(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info])


def test_bundled_case_has_no_series_and_says_so(open_page):
    at = open_page("trends", c="MMR")
    assert "No method raised a flag" in _text(at)
    assert at.query_params["base"] == "4w" and "asof" in at.query_params


def test_myanmar_march_2021_on_ucdp(open_page, real_db):
    with serving(real_db):
        at = open_page("trends", c="MMR", asof="2021-03-31")
    text = _text(at)
    raw = pd.read_csv(realdata(UCDP), usecols=["date_start"])
    day = pd.to_datetime(raw["date_start"].str[:10])
    week = int(day.between("2021-03-22", "2021-03-28").sum())
    assert f"Myanmar: {week} events in the week to 28 Mar 2021" in text
    assert "Subnational surge" in text and "Fatality peak" in text
    assert at.query_params["asof"] == "2021-03-31"
    charts = at.get("plotly_chart")
    assert charts, "each flag draws its series"


def test_bad_asof_and_base_warn_and_fall_back(open_page, real_db):
    with serving(real_db):
        at = open_page("trends", c="MMR", asof="2021-02-30", base="3w")
    warnings = " ".join(w.value for w in at.warning)
    assert "asof" in warnings and "base" in warnings
    assert at.query_params["base"] == "4w"
    assert at.query_params["asof"] == "2023-12-31"  # the last day of Myanmar's data


def test_ucdp_ends_before_asof(open_page, real_db):
    with serving(real_db):
        at = open_page("trends", c="MMR", asof="2024-03-31")
    assert "UCDP: data ends 31 Dec 2023" in _text(at)
    assert "large decrease" not in " ".join(m.value for m in at.markdown if "January 2024" in m.value)


def test_a_pinned_version_keeps_its_flags(open_page, real_db):
    with serving(real_db):
        pinned = open_page("trends", v="1")
        latest = open_page("trends")
    assert "Bangladesh" not in _text(pinned)  # version 1 had no ACLED rows
    assert pinned.query_params["asof"] == "2023-12-31"
    assert latest.query_params["asof"] == "2024-09-06"
