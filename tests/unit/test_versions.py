"""Data versions: each load is one, a revised row keeps its old state in history, queries run as of a version."""

from __future__ import annotations

import json

from monitor.versions import LATEST_SQL, as_of
from tests.conftest import FIXTURES, load_accounted
from tests.unit.test_import_acled import _rewrite


def test_each_load_is_a_version_and_a_revision_keeps_the_old_row(con, tmp_path):
    load_accounted(con, FIXTURES / "acled_current.csv")
    newer = _rewrite(FIXTURES / "acled_current.csv", tmp_path / "acled_2021-06-01.csv",
                     {"MMR1003": (",NA,,1618000002,", ",7,,1620000000,")})  # ACLED revised one event
    load_accounted(con, newer)
    versions = con.execute("SELECT version, command, files, rows_loaded, rows_updated FROM versions "
                           "ORDER BY version").fetchall()
    assert [(v, c, r, u) for v, c, _, r, u in versions] == [(1, "load", 4, 0), (2, "load", 1, 1)]
    assert json.loads(versions[1][2]) == [str(newer)]
    assert con.execute(LATEST_SQL).fetchone()[0] == 2
    # the revised event is current at version 2, its old state in history (valid 1 until 2)
    revised = con.execute("SELECT version, fatalities_best FROM events WHERE event_id = 'acled:MMR1003'")
    assert revised.fetchone() == (2, 7)
    assert con.execute("SELECT valid_from, valid_to, fatalities_best FROM events_history").fetchall() == [(1, 2, None)]
    # history costs only the revised row
    assert con.execute("SELECT count(*) FROM events_history").fetchone()[0] == 1


def test_a_table_as_of_a_version(con, tmp_path):
    load_accounted(con, FIXTURES / "acled_current.csv")
    newer = _rewrite(FIXTURES / "acled_current.csv", tmp_path / "acled_2021-06-01.csv",
                     {"MMR1003": (",NA,,1618000002,", ",7,,1620000000,")})
    load_accounted(con, newer)

    def best(version):
        return con.execute(f"SELECT fatalities_best FROM {as_of('events', version)} t "
                           "WHERE event_id = 'acled:MMR1003'").fetchall()

    assert best(1) == [(None,)] and best(2) == [(7,)] and best(None) == [(7,)]
    counts = [con.execute(f"SELECT count(*) FROM {as_of('events', v)} t").fetchone()[0] for v in (0, 1, 2)]
    assert counts == [0, 4, 4]
    assert as_of("batches", 1) == "batches"  # only fact tables have versions


def test_a_load_that_changes_nothing_makes_no_new_version_but_is_logged(con):
    load_accounted(con, FIXTURES / "acled_old_cp1252.csv")
    again = load_accounted(con, FIXTURES / "acled_old_cp1252.csv")
    assert (again.rows_loaded, again.rows_duplicate) == (0, 2)
    assert con.execute("SELECT version, rows_loaded FROM versions").fetchall() == [(1, 2)]
    # the ingest log keeps both loads, the second under the version it left in place
    assert con.execute("SELECT batch_id, version, rows_duplicate FROM batches ORDER BY batch_id").fetchall() == [
        (1, 1, 0), (2, 1, 2)]


def test_a_reload_that_rejects_rows_again_is_a_version_for_the_changes_page(con):
    load_accounted(con, FIXTURES / "acled_current.csv")
    again = load_accounted(con, FIXTURES / "acled_current.csv")
    assert (again.rows_loaded, again.rows_rejected) == (0, 3)
    assert con.execute("SELECT version, rows_loaded, rows_rejected FROM versions").fetchall() == [(1, 4, 3), (2, 0, 3)]
    assert con.execute("SELECT count(*) FROM events_history").fetchone()[0] == 0
