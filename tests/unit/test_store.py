"""The app's read-only store sees a new database as soon as the ETL swaps it in."""

from __future__ import annotations

import duckdb
import pytest

from monitor.store import Store
from tests.conftest import run_etl


def test_store_reconnects_after_a_load(tmp_path):
    db = tmp_path / "live.duckdb"
    (tmp_path / "s.csv").write_text("source_id,publisher,title\nsrc1,P,T\n")
    assert run_etl("load", str(tmp_path / "s.csv"), "--db", str(db)).returncode == 0
    store = Store(db)
    assert store.query("SELECT count(*) AS n FROM sources")["n"][0] == 1
    version = store.version()
    (tmp_path / "s2.csv").write_text("source_id,publisher,title\nsrc2,P,T2\n")
    assert run_etl("load", str(tmp_path / "s2.csv"), "--db", str(db)).returncode == 0
    assert store.version() != version
    assert store.query("SELECT count(*) AS n FROM sources")["n"][0] == 2


def test_store_is_read_only(bundled_db):
    with pytest.raises(Exception, match="read-only"):
        Store(bundled_db).query("DELETE FROM sources")


def test_missing_database_says_how_to_build_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m etl build"):
        Store(tmp_path / "none.duckdb").query("SELECT 1")


def test_an_older_database_gains_new_columns_and_keeps_its_rows(tmp_path):
    """Columns are only ever added: an analyst's database from an older version takes new loads."""
    db = tmp_path / "old.duckdb"
    (tmp_path / "s.csv").write_text("source_id,publisher,title\nsrc1,P,T\n")
    assert run_etl("load", str(tmp_path / "s.csv"), "--db", str(db)).returncode == 0
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE sources DROP COLUMN notes")  # as a database from before `notes` existed
    con.close()
    (tmp_path / "s2.csv").write_text("source_id,publisher,title,notes\nsrc2,P,T2,a note\n")
    done = run_etl("load", str(tmp_path / "s2.csv"), "--db", str(db))
    assert done.returncode == 0, done.stderr
    rows = Store(db).query("SELECT source_id, title, notes FROM sources ORDER BY source_id")
    assert rows.fillna("").values.tolist() == [["src1", "T", ""], ["src2", "T2", "a note"]]


def test_every_query_runs_with_the_readers_settings(bundled_db):
    """Each query runs on a cursor of its own: settings made only for the first connection would miss it."""
    from monitor.store import LATE_MATERIALISATION_ROWS, READER_THREADS

    settings = Store(bundled_db).query("SELECT current_setting('late_materialization_max_rows') AS rows, "
                                       "current_setting('threads') AS threads").iloc[0]
    assert int(settings["rows"]) == LATE_MATERIALISATION_ROWS and int(settings["threads"]) == READER_THREADS
