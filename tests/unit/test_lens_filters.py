"""The what/who/where filters in the shared filter SQL (monitor/queries/filters.py) and the event-type crosswalk
(monitor/event_types.py), on the real UCDP, ACLED and GDELT samples; expectations from the raw files with pandas."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from etl.load import load_file
from monitor import event_types, migrate
from monitor.queries import lens
from monitor.queries.filters import Filters, table_filter, with_fatalities
from monitor.store import Store
from tests.conftest import realdata

UCDP = "ucdp/ged_myanmar_1989_2023_netify.csv"
ACLED = "acled/acled_bangladesh_sample.csv"
GDELT = "gdelt/gdeltpyr_events2samps_20170701234500.csv"
YEAR_2022 = (date(2022, 1, 1), date(2022, 12, 31))
ALWAYS = (date(1900, 1, 1), date(2100, 1, 1))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    paths = [realdata(p) for p in (UCDP, ACLED, GDELT)]
    db = tmp_path_factory.mktemp("lens") / "lens.duckdb"
    con = duckdb.connect(str(db))
    migrate.create_all(con)
    for path in paths:
        load_file(con, path, progress=False)
    con.close()
    return Store(db)


def _events(store: Store, f: Filters, what: str = "count(*) AS n") -> pd.Series:
    where, params = table_filter("events", f)
    return store.query(f"SELECT {what} FROM events WHERE {where}", params).iloc[0]


def _ucdp_2022() -> pd.DataFrame:
    raw = pd.read_csv(realdata(UCDP))
    return raw[raw["date_start"].str[:10].between("2022-01-01", "2022-12-31")
               | raw["date_end"].str[:10].between("2022-01-01", "2022-12-31")]


def test_civilian_targeting_in_myanmar_2022_is_ucdp_one_sided_violence(store):
    raw = _ucdp_2022()
    one_sided = raw[raw["type_of_violence"] == 3]
    got = _events(store, Filters(*YEAR_2022, ("MMR",), types=("civilian-targeting",)),
                  "count(*) AS n, sum(fatalities_best) AS best")
    assert (got["n"], got["best"]) == (len(one_sided), one_sided["best"].sum())
    battles_too = _events(store, Filters(*YEAR_2022, ("MMR",), types=("civilian-targeting", "state-based conflict")))
    assert battles_too["n"] == len(raw[raw["type_of_violence"].isin([1, 3])])


def test_region_and_type_fatalities_match_the_raw_file(store):
    raw = _ucdp_2022()
    sagaing = raw[(raw["adm_1"] == "Sagaing region") & (raw["type_of_violence"] == 1)]
    f = Filters(*YEAR_2022, types=("state-based conflict",), regions=("MMR:Sagaing region",))
    where, params = with_fatalities(f)
    got = store.query(f"SELECT count(*) AS n, sum(fatalities_best) AS best FROM events WHERE {where}", params).iloc[0]
    assert (got["n"], got["best"]) == (len(sagaing), sagaing["best"].sum())
    assert _events(store, Filters(*YEAR_2022, regions=("MMR:Atlantis",)))["n"] == 0


def _acled_names(raw: pd.DataFrame, actor: str) -> pd.Series:
    def listed(column: str) -> pd.Series:
        return raw[column].fillna("").str.split("; ").map(lambda names: actor in names)
    return (raw["actor1"] == actor) | (raw["actor2"] == actor) | listed("assoc_actor_1") | listed("assoc_actor_2")


def test_actor_matches_actor1_actor2_and_associated_actors(store):
    raw = pd.read_csv(realdata(ACLED), dtype=str)
    # The picker counts events, as the filter matches them: each row once per name in actor1, actor2 or associated.
    named = {(row, name) for column in ("actor1", "actor2") for row, name in raw[column].dropna().items()} | {
        (row, name) for column in ("assoc_actor_1", "assoc_actor_2")
        for row, names in raw[column].dropna().str.split("; ").items() for name in names}
    counts = pd.Series([name for _, name in named]).value_counts().sort_index()
    top = counts.sort_values(ascending=False, kind="stable").head(5)
    offered = lens.options(store, Filters(*ALWAYS, sources=("acled",)), "actor").head(5)
    assert list(offered["value"]) == list(top.index) and list(offered["events"]) == list(top)
    associated = raw["assoc_actor_1"].dropna().str.split("; ").explode().value_counts().index[0]
    for actor in (top.index[0], associated):
        assert _events(store, Filters(*ALWAYS, actors=(actor,)))["n"] == _acled_names(raw, actor).sum()


def test_demonstrations_and_political_violence_follow_hdx_hapi_over_acled(store):
    raw = pd.read_csv(realdata(ACLED), dtype=str)
    mob = raw["sub_event_type"] == "Mob violence"
    demonstrations = raw["event_type"].isin(["Protests", "Riots"]) & ~mob
    violence = raw["event_type"].isin(["Battles", "Violence against civilians", "Explosions/Remote violence"]) | mob
    civilians = (raw["event_type"] == "Violence against civilians") | (
        (raw["event_type"] == "Explosions/Remote violence") & (raw["civilian_targeting"] == "Civilian targeting"))
    for group, expected in (("demonstrations", demonstrations), ("political-violence", violence),
                            ("civilian-targeting", civilians)):
        assert _events(store, Filters(*ALWAYS, types=(group,), sources=("acled",)))["n"] == expected.sum(), group


def test_gdelt_cameo_roots_fall_in_the_groups(store):
    raw = pd.read_csv(realdata(GDELT), dtype=str)
    root = raw["EventRootCode"].str.zfill(2)
    got = _events(store, Filters(*ALWAYS, types=("political-violence",), sources=("gdelt",)))["n"]
    assert got == root.isin(["18", "19", "20"]).sum()
    assert _events(store, Filters(*ALWAYS, types=("demonstrations",), sources=("gdelt",)))["n"] == (root == "14").sum()


def test_sql_and_python_crosswalk_agree_on_every_type_in_the_data(store):
    combos = store.query(f"""SELECT DISTINCT origin, event_type, sub_event_type,
        coalesce({event_types.civilian_from_extra()}, FALSE) AS civilian FROM events""")
    cases = ", ".join(f"{event_types.group_sql(g)} AS \"{g}\"" for g in event_types.GROUPS)
    rows = store.query(f"""SELECT origin, event_type, sub_event_type, coalesce({event_types.civilian_from_extra()},
        FALSE) AS civilian, {cases} FROM events""").drop_duplicates()
    assert len(rows) == len(combos)
    for r in rows.to_dict("records"):
        sub = None if pd.isna(r["sub_event_type"]) else r["sub_event_type"]
        expected = event_types.groups_of(r["origin"], r["event_type"], sub, bool(r["civilian"]))
        assert {g for g in event_types.GROUPS if r[g]} == expected, r


def test_src_keeps_only_that_dataset(store):
    assert _events(store, Filters(*ALWAYS, sources=("ucdp",)))["n"] == len(pd.read_csv(realdata(UCDP)))
    assert _events(store, Filters(*ALWAYS, sources=("curated",)))["n"] == 0


def test_unknown_values_are_told_apart_from_held_ones(store):
    assert lens.known(store, "type", ("civilian-targeting", "Battles", "Picnics")) == {"civilian-targeting", "Battles"}
    assert lens.known(store, "region", ("MMR:Sagaing region", "MMR:Atlantis")) == {"MMR:Sagaing region"}
    assert lens.known(store, "src", ("ucdp", "curated", "<b>x</b>")) == {"ucdp", "curated"}


@pytest.mark.parametrize("f", [
    Filters(*YEAR_2022, ("MMR",)),
    Filters(*YEAR_2022, ("MMR",), types=("civilian-targeting",)),
    Filters(*ALWAYS, types=("political-violence",), regions=("MMR:Sagaing region", "BGD:Dhaka")),
    Filters(*ALWAYS, types=("demonstrations", "Battles"), sources=("acled",), event_days=30),
    Filters(*ALWAYS, subs=("Mob violence",)),
    Filters(*ALWAYS, actors=("Government of Myanmar (Burma)",)),  # the rows, not the aggregate
], ids=["country-year", "group", "regions", "types-src", "sub", "actor"])
def test_counts_from_the_aggregate_equal_counts_from_the_rows(store, f):
    from monitor.queries import overview, timeline

    where, params = with_fatalities(f)
    rows = store.query(f"""SELECT origin, count(*) AS events, sum(fatalities_low) AS low,
        sum(fatalities_best) AS best, sum(fatalities_high) AS high FROM events WHERE {where}
        GROUP BY origin ORDER BY origin""", params)
    summed = overview.fatalities_by_origin(store, f).sort_values("origin").reset_index(drop=True)
    assert len(rows) > 0
    pd.testing.assert_frame_equal(summed[["origin", "events", "low", "best", "high"]], rows, check_dtype=False)
    assert overview.selection_counts(store, f)["events"] == _events(store, f)["n"]
    weekly = timeline.fatalities_per_period(store, f, "year", "high")
    assert weekly["events"].sum() == rows["events"].sum()


def test_the_briefing_reads_the_keys_and_names_unknown_values(store):
    from monitor import briefing

    html = briefing.build(store, "http://x/?c=MMR&from=2022-01-01&to=2022-12-31&type=civilian-targeting"
                                 "&type=Picnics&region=MMR:Sagaing+region&src=ucdp")
    assert "Event types: Civilian targeting" in html and "Regions: MMR:Sagaing region" in html
    assert "Datasets: ucdp" in html
    assert "no event type “Picnics” in the data" in html
    assert "type=civilian-targeting" in html and "Picnics" not in html.split("no event type")[0].split("The view:")[1]


def test_relationships_interactions_honour_the_filters(store):
    from monitor.queries import relationships

    raw = pd.read_csv(realdata(GDELT), dtype=str, keep_default_na=False)
    fights = raw[(raw["EventRootCode"].str.zfill(2) == "19") & (raw["Actor2CountryCode"] != "")]
    edges = relationships.bilateral_edges(store, Filters(*ALWAYS, types=("fight",), sources=("gdelt",)))
    assert set(edges["kind"]) == {"fight"} and 0 < edges["n"].sum() <= len(fights)
    assert relationships.bilateral_edges(store, Filters(*ALWAYS, sources=("ucdp",))).empty  # UCDP names no counterpart
