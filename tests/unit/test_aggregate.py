"""events_daily, the ETL-maintained aggregate (monitor/aggregate.py): it agrees exactly with the rows after every
load, revising loads included, and a link pinned to an older version reads that version's figures."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from monitor import aggregate, migrate, pinned
from monitor.store import Store
from tests.conftest import etl, realdata

UCDP = "ucdp/ged_myanmar_1989_2023_netify.csv"
ACLED = "acled/acled_bangladesh_sample.csv"
DIMENSIONS = [c for c, _ in aggregate.DIMENSIONS]


def _exact(con: duckdb.DuckDBPyConnection) -> None:
    """The stored aggregate equals the aggregate computed from the rows now, row for row."""
    stored = con.execute(f"SELECT * FROM {aggregate.NAME}").df()
    fresh = con.execute(aggregate.select_sql()).df()
    key = lambda df: df.sort_values(DIMENSIONS, na_position="first").reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(key(stored), key(fresh), check_dtype=False)


@pytest.fixture()
def revised_ucdp(tmp_path):
    """The UCDP file with UCDP-style revisions: higher best estimates for 200 events, higher high
    estimates for 100, 100 to another area."""
    raw = pd.read_csv(realdata(UCDP), dtype=str, keep_default_na=False)
    raw.loc[raw.index[:200], "best"] = (raw["best"].iloc[:200].astype(int) + 5).astype(str)
    raw.loc[raw.index[300:400], "high"] = (raw["high"].iloc[300:400].astype(int) + 9).astype(str)
    raw.loc[raw.index[500:600], "adm_1"] = "Sagaing region"
    path = tmp_path / "ged_revised.csv"
    raw.to_csv(path, index=False)
    return path


def test_the_aggregate_agrees_with_the_rows_after_revising_loads(tmp_path, revised_ucdp):
    db = tmp_path / "agg.duckdb"
    assert etl("load", str(realdata(UCDP)), "--db", str(db)).returncode in (0, 1)
    assert etl("load", str(realdata(ACLED)), "--db", str(db)).returncode in (0, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        _exact(con)
        first = con.execute(f"SELECT sum(fatalities_best), sum(events) FROM {aggregate.NAME} WHERE origin = 'ucdp'"
                            ).fetchone()
    raw = pd.read_csv(realdata(UCDP))
    assert first == (raw["best"].sum(), len(raw))  # the aggregate's totals are the file's
    done = etl("load", str(revised_ucdp), "--db", str(db))
    assert done.returncode in (0, 1), done.stdout + done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events_history").fetchone()[0] == 400  # 200 + 100 + 100 revised
        _exact(con)
        now = con.execute(f"SELECT sum(fatalities_best) FROM {aggregate.NAME} WHERE origin = 'ucdp'").fetchone()[0]
    assert now == raw["best"].sum() + 5 * 200

    # a link pinned to the first two versions sees the figures as they were
    store = pinned.at(Store(db), 2)
    then = store.query(f"SELECT sum(fatalities_best) AS best, sum(events) AS n FROM {aggregate.NAME} "
                       "WHERE origin = 'ucdp'").iloc[0]
    assert (then["best"], then["n"]) == first


def test_upgrade_builds_the_aggregate_of_an_older_database(tmp_path):
    db = tmp_path / "old.duckdb"
    assert etl("load", str(realdata(UCDP)), "--db", str(db)).returncode in (0, 1)
    with duckdb.connect(str(db)) as con:
        con.execute(f"DROP TABLE {aggregate.NAME}")
        have = con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    assert "events_daily" in migrate.missing_parts(have)  # the app asks for an upgrade
    done = etl("upgrade", "--db", str(db))
    assert done.returncode == 0 and "events_daily" in done.stdout, done.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        _exact(con)
        assert con.execute(f"SELECT sum(events) FROM {aggregate.NAME}").fetchone()[0] == 7374


def test_a_load_of_only_new_events_adds_to_the_groups_it_shares_with_stored_ones(tmp_path):
    """The sample again under new ids: every (day, area, type …) group it touches is already stored, so the aggregate
    is added to (monitor.aggregate.add), not recomputed from the events; it must still equal the rows exactly."""
    db = tmp_path / "twice.duckdb"
    raw = pd.read_csv(realdata(ACLED), dtype=str, keep_default_na=False)
    again = raw.assign(event_id_cnty=raw["event_id_cnty"] + "-again")
    path = tmp_path / "acled_again.csv"
    again.to_csv(path, index=False)
    assert etl("load", str(realdata(ACLED)), "--db", str(db)).returncode in (0, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        groups = con.execute(f"SELECT count(*) FROM {aggregate.NAME}").fetchone()[0]
    done = etl("load", str(path), "--db", str(db))
    assert done.returncode in (0, 1), done.stdout + done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events_history").fetchone()[0] == 0  # nothing revised
        _exact(con)
        events, best, stored_groups = con.execute(
            f"SELECT sum(events), sum(fatalities_best), count(*) FROM {aggregate.NAME} WHERE origin = 'acled'"
        ).fetchone()
    assert (events, best) == (2 * len(raw), 2 * raw["fatalities"].astype(int).sum())
    assert stored_groups == groups  # the same groups, each counted twice
