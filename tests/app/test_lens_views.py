"""The breakdowns on the pages, opened by link as a user would, on the real samples: the Overview's What, Who and
Where, its "Apply" links, the Actors page, the Timeline's split by type, the Map's frame and regions, and the
Relationships page's GDELT balance. Expectations come from the raw files through pandas (tests/unit's helpers)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from tests.app.conftest import serving
from tests.unit.test_breakdowns_real import expected, ucdp_rows
from tests.unit.test_gdelt_balance import _expected as gdelt_expected

MMR_2022 = {"c": ["MMR"], "from_": "2022-01-01", "to": "2022-12-31"}


@pytest.fixture()
def real(real_db):
    with serving(real_db):
        yield real_db


def _table(at, heading: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if heading in d.value.columns)


def _params(link: str) -> dict[str, list[str]]:
    return {("from_" if k == "from" else k): v for k, v in parse_qs(urlsplit(link).query).items()}


def test_where_lists_the_regions_with_their_deaths_and_change(real, open_page):
    at = open_page("overview", **MMR_2022)
    assert [h.value for h in at.subheader][:4] == ["Killed", "What", "Who", "Where"]
    where = _table(at, "Region")
    want = expected(ucdp_rows("2022-01-01", "2022-12-31"), "region", "MMR:").head(10)
    assert where["Events"].tolist() == want["events"].tolist()
    top = want.iloc[0]
    assert where["Region"].iloc[0] == f"{top['key'].split(':', 1)[1]} (Myanmar)"
    assert where["Killed"].iloc[0] == f"{top['best']:,}"
    assert where["Range (low–high)"].iloc[0] == f"{top['low']:,}–{top['high']:,}"
    before = expected(ucdp_rows("2021-01-01", "2021-12-31"), "region", "MMR:").set_index("key")["events"]
    was = int(before.get(top["key"], 0))
    assert where["Events vs previous"].iloc[0] == (f"+{top['events'] - was:,} (from {was:,})" if was else "new")


def test_what_lists_the_ucdp_types(real, open_page):
    what = _table(open_page("overview", **MMR_2022), "Event type")
    want = expected(ucdp_rows("2022-01-01", "2022-12-31"), "type")
    assert what["Event type"].tolist() == want["key"].tolist()
    assert what["Killed"].tolist() == [f"{n:,}" for n in want["best"]]


def test_a_rows_apply_link_reopens_the_overview_on_that_rows_counts(real, open_page):
    where = _table(open_page("overview", **MMR_2022), "Region")
    link = where["Filter"].iloc[0]
    params = _params(link)
    assert params["region"] == [f"MMR:{where['Region'].iloc[0].removesuffix(' (Myanmar)')}"]
    at = open_page("overview", **params)
    assert not at.warning, [w.value for w in at.warning]
    what = _table(at, "Event type")
    assert int(what["Events"].sum()) == int(where["Events"].iloc[0])  # the region's events, split by type
    assert at.query_params["region"] == params["region"][0]


def test_who_links_to_each_actors_record(real, open_page):
    who = _table(open_page("overview", **MMR_2022), "Actor")
    record = who["Record"].iloc[0]
    assert record.startswith("/actors?") and _params(record)["actor"] == [who["Actor"].iloc[0]]


def test_the_actors_page_shows_one_actors_record(real, open_page):
    at = open_page("actors", **MMR_2022, actor="NUG")
    rows = ucdp_rows("2022-01-01", "2022-12-31")
    nug = rows[(rows["side_a"] == "NUG") | (rows["side_b"] == "NUG")]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Events"] == f"{len(nug):,}" and metrics["Killed"] == f"{nug['best'].sum():,}"
    first, last = nug["date_start"].min()[:10], nug["date_end"].max()[:10]
    within = next(m.help for m in at.metric if m.label == "First – last event (all data)")
    assert f"{_day(first, year=False)} – {_day(last)} within these dates" in within
    against = _table(at, "Against")
    other = pd.concat([nug.loc[nug["side_a"] == "NUG", "side_b"], nug.loc[nug["side_a"] != "NUG", "side_a"]])
    assert against["Against"].tolist()[:2] == other.value_counts().index.tolist()[:2]
    assert against["Events"].tolist()[:2] == other.value_counts().tolist()[:2]
    where = _table(at, "Region")
    assert where["Events"].iloc[0] == nug["adm_1"].value_counts().iloc[0]


def test_the_actors_page_without_an_actor_lists_the_busiest(real, open_page):
    at = open_page("actors", **MMR_2022)
    assert "Choose an actor" in " ".join(m.value for m in at.markdown)
    assert _table(at, "Actor")["Record"].iloc[0].startswith("/actors?")


def test_timeline_splits_one_datasets_deaths_by_its_own_types(real, open_page):
    at = open_page("timeline", **MMR_2022)
    bars = [t for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"] if t["type"] == "bar"]
    names = {t["name"] for t in bars}
    assert len(names) >= 2 and names <= {"state-based conflict", "one-sided violence", "non-state conflict"}
    rows = ucdp_rows("2022-01-01", "2022-12-31")
    rows = rows[rows["date_prec"].isin(["1", "2", "3", "4"])]  # dated to the month or better: the monthly bars
    month_fits = rows["date_start"].str[:7] == rows["date_end"].str[:7]
    assert sum(sum(t["y"]) for t in bars) == rows.loc[month_fits, "best"].sum()


def test_timeline_splits_mixed_datasets_by_group(real, open_page):
    at = open_page("timeline", c=["MMR", "BGD"], from_="2023-11-01", to="2023-12-31")
    names = {t["name"] for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"] if t["type"] == "bar"}
    assert any(n.endswith("(UCDP)") for n in names) and any(n.endswith("(ACLED)") for n in names)
    assert {n.rsplit(" (", 1)[0] for n in names} <= {"Civilian targeting", "Other political violence",
                                                      "Demonstrations", "Other"}


def test_relationships_shows_gdelts_balance_with_its_caveat(real, open_page):
    at = open_page("relationships", pair="RUS-USA", from_="2017-01-01", to="2017-07-31")
    assert "Cooperation and conflict, as GDELT codes the news" in [h.value for h in at.subheader]
    want = gdelt_expected("RUS", "USA")
    caption = next(c.value for c in at.caption if "GDELT rows between" in c.value)
    assert f"{int(want['reports'].sum())} GDELT rows between Russia and United States" in caption
    assert "counts of reports" in caption and f"verbal cooperation {int(want['q1'].sum())}" in caption


def test_map_draws_regions_past_the_threshold_with_a_ranked_table(real, open_page):
    at = open_page("map", c=["MMR"], from_="2021-01-01", to="2023-12-31")
    spec = next(json.loads(c.proto.spec) for c in at.get("plotly_chart"))
    regions = next(t for t in spec["data"] if t["name"].startswith("events per region"))
    ranked = _table(at, "Region")
    rows = ucdp_rows("2021-01-01", "2023-12-31")
    per_region = rows[rows["region"].notna()].groupby("region")["best"].sum().sort_values(ascending=False)
    assert ranked["Region"].iloc[0] == per_region.index[0]
    assert ranked["Killed"].iloc[0] == f"{per_region.iloc[0]:,}"
    assert len(regions["hovertext"]) == rows["region"].nunique()
    assert _params(ranked["Filter"].iloc[0])["region"] == [f"MMR:{per_region.index[0]}"]


def _texts(at) -> str:
    return " ".join([c.value for c in at.caption] + [m.value for m in at.markdown])


def test_a_window_past_ucdps_data_compares_the_days_it_covers_and_says_so(real, open_page):
    at = open_page("overview", c=["MMR"], from_="2023-02-01", to="2025-01-31")
    where = _table(at, "Region").set_index("Region")
    now = expected(ucdp_rows("2023-02-01", "2023-12-31"), "region", "MMR:").set_index("key")
    before = expected(ucdp_rows("2022-03-04", "2023-01-31"), "region", "MMR:").set_index("key")  # 334 days each
    key = "MMR:Sagaing region"
    n, b = int(now.loc[key, "best"]), int(before.loc[key, "best"])
    assert where.loc["Sagaing region (Myanmar)", "Killed vs previous"] == \
        f"{'+' if n > b else '−'}{abs(n - b):,} (from {b:,})"
    assert "UCDP: data ends 31 Dec 2023; compared over 1 Feb – 31 Dec 2023 against 4 Mar 2022 – 31 Jan 2023" \
        in _texts(at)


def test_acled_rows_say_no_data_before_the_sample_starts_not_new(real, open_page):
    at = open_page("overview", from_="2023-11-01", to="2024-12-31")
    who = _table(at, "Actor")
    acled = who[who["Dataset"] == "ACLED"]
    assert len(acled) and set(acled["Events vs previous"]) == {"no data in the previous period"}
    assert "ACLED: data starts" in _texts(at)


def _day(iso: str, year: bool = True) -> str:
    d = pd.Timestamp(iso[:10])
    return f"{d.day} {d:%b %Y}" if year else f"{d.day} {d:%b}"


def test_the_actors_first_and_last_event_are_its_own_not_the_windows(real, open_page):
    at = open_page("actors", c=["MMR"], from_="2023-02-01", to="2025-01-31", actor="NUG")
    raw = ucdp_rows("1900-01-01", "2100-12-31")
    nug = raw[(raw["side_a"] == "NUG") | (raw["side_b"] == "NUG")]  # the sample is all Myanmar
    first, last = nug["date_start"].min(), nug["date_end"].max()  # 24 Apr 2021, 31 Dec 2023
    metric = next(m for m in at.metric if m.label == "First – last event (all data)")
    assert metric.value == "Apr 2021 – Dec 2023"
    assert f"first {_day(first)}, last {_day(last)} (all loaded data)" in metric.help
    inside = nug[nug["date_end"].str[:10] >= "2023-02-01"]
    assert f"{_day(inside['date_start'].min(), year=False)} – {_day(last)} within these dates" in metric.help
    assert "UCDP: data ends 31 Dec 2023" in _texts(at)
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any("UCDP: data ends 31 Dec 2023" in a["text"] for a in chart["layout"]["annotations"])
