"""The what/who/where keys in AppTest (issue 17): each link reopens its filter (the sidebar picker holds it, the URL
keeps it across pages), the counts are the raw file's (pandas), pickers offer what exists under the other filters,
and an unknown value is a warning naming it while the rest of the link applies."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import serving
from tests.conftest import ROOT, etl, realdata

UCDP = "ucdp/ged_myanmar_1989_2023_netify.csv"
ACLED = "acled/acled_bangladesh_sample.csv"
YEAR_2022 = {"from_": "2022-01-01", "to": "2022-12-31"}
ALWAYS = {"from_": "1989-01-01", "to": "2030-12-31"}
PICKER = {"type": "f_type", "sub": "f_sub", "actor": "f_actor", "region": "f_region", "src": "f_src"}


@pytest.fixture(scope="module")
def lens_db(tmp_path_factory, bundled_db):
    paths = [realdata(UCDP), realdata(ACLED)]
    db = tmp_path_factory.mktemp("lens") / "lens.duckdb"
    db.write_bytes(bundled_db.read_bytes())  # data/sources/ as `etl build` makes it, built once a session
    for path in paths:
        assert etl("load", str(path), "--db", str(db)).returncode in (0, 1)
    with serving(db):
        yield db


def _open(page: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key.rstrip("_")] = value
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
        for key, value in params.items():
            at.query_params[key.rstrip("_")] = value
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _selected(at: AppTest) -> int:
    """The Data page's total: its download button says how many rows the selection holds."""
    label = at.get("download_button")[0].proto.label
    return int(re.search(r"selection: ([\d,]+) rows", label).group(1).replace(",", ""))


def _values(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _raw_ucdp() -> pd.DataFrame:
    raw = pd.read_csv(realdata(UCDP))
    return raw[(raw["date_start"].str[:10] <= "2022-12-31") & (raw["date_end"].str[:10] >= "2022-01-01")]


def _raw_acled() -> pd.DataFrame:
    return pd.read_csv(realdata(ACLED), dtype=str)


def _check(at: AppTest, key: str, values: list[str], expected: int) -> None:
    assert not at.warning, [w.value for w in at.warning]
    assert at.multiselect(key=PICKER[key]).value == values  # the picker holds the link's values
    assert _values(at, key) == values  # and the URL keeps them
    assert _selected(at) == expected


def test_type_group(lens_db):
    at = _open("data", c=["MMR"], type=["civilian-targeting"], **YEAR_2022)
    _check(at, "type", ["civilian-targeting"], (_raw_ucdp()["type_of_violence"] == 3).sum())


def test_type_as_published_and_a_second_one(lens_db):
    at = _open("data", c=["MMR"], type=["one-sided violence", "state-based conflict"], **YEAR_2022)
    _check(at, "type", ["one-sided violence", "state-based conflict"],
           _raw_ucdp()["type_of_violence"].isin([1, 3]).sum())


def test_sub(lens_db):
    at = _open("data", sub=["Mob violence"], **ALWAYS)
    _check(at, "sub", ["Mob violence"], (_raw_acled()["sub_event_type"] == "Mob violence").sum())


def test_actor(lens_db):
    raw = _raw_acled()
    actor = pd.concat([raw["actor1"], raw["actor2"]]).value_counts().index[0]
    at = _open("data", actor=[actor], **ALWAYS)
    listed = raw[["assoc_actor_1", "assoc_actor_2"]].fillna("").apply(lambda c: c.str.split("; ").map(
        lambda names: actor in names))
    _check(at, "actor", [actor], ((raw["actor1"] == actor) | (raw["actor2"] == actor) | listed.any(axis=1)).sum())


def test_region(lens_db):
    at = _open("data", region=["MMR:Sagaing region"], **YEAR_2022)
    _check(at, "region", ["MMR:Sagaing region"], (_raw_ucdp()["adm_1"] == "Sagaing region").sum())


def test_src(lens_db):
    at = _open("data", src=["acled"], **ALWAYS)
    _check(at, "src", ["acled"], len(_raw_acled()))


def test_the_filters_survive_a_page_switch(lens_db):
    at = _open("overview", region=["MMR:Sagaing region"], type=["political-violence"], **YEAR_2022)
    at.switch_page("app_pages/timeline.py").run()
    assert not at.exception
    assert _values(at, "region") == ["MMR:Sagaing region"] and _values(at, "type") == ["political-violence"]


def test_pickers_offer_what_exists_under_the_other_filters_with_counts(lens_db):
    at = _open("overview", src=["acled"], **ALWAYS)
    regions = at.multiselect(key="f_region").options  # as shown: the value and its events
    assert regions and all(" (BGD) · " in o for o in regions)  # no Myanmar region: those are UCDP's
    top = _raw_acled()["admin1"].value_counts()
    assert regions[:3] == [f"{name} (BGD) · {n:,}" for name, n in top.head(3).items()]
    types = at.multiselect(key="f_type").options
    assert any(t.startswith("Political violence · ") for t in types)
    assert not any(t.startswith("one-sided violence") for t in types)


def test_unknown_values_warn_by_name_and_the_rest_applies(lens_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    link = {"c": ["MMR"], "type": ["civilian-targeting", "Picnics"], "region": ["MMR:Atlantis", "Sagaing"],
            "from": "2022-01-01", "to": "2022-12-31"}
    for key, value in link.items():
        at.query_params[key] = value
    at.run()  # the deep link's first run shows its warnings
    warnings = " ".join(w.value for w in at.warning)
    at.switch_page("app_pages/data.py").run()
    assert "Picnics" in warnings and "Atlantis" in warnings and "Sagaing" in warnings
    assert _values(at, "type") == ["civilian-targeting"] and _values(at, "region") == []
    assert _selected(at) == (_raw_ucdp()["type_of_violence"] == 3).sum()


def test_the_actor_search_finds_the_long_tail(lens_db):
    raw = _raw_acled()
    names = pd.concat([raw["actor1"], raw["actor2"]]).dropna()
    rare = names.value_counts().index[-1]  # one of the least frequent actors
    at = _open("overview", **ALWAYS)
    at.text_input(key="f_actor_find").input(rare[:12]).run()
    options = at.multiselect(key="f_actor").options
    assert any(o.startswith(f"{rare} · ") for o in options)
    assert all(rare[:12].lower() in o.lower() for o in options)
