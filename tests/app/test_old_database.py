"""A database built by an older version of the code (issue 8): no table of data versions, no history, no
`version` columns. Every page says what to do instead of a traceback, the app writes nothing to it, and
`python -m etl upgrade` brings it up to date with every row kept."""

from __future__ import annotations

import contextlib
import hashlib
import io
from pathlib import Path

import duckdb
import pytest

from etl.cli import main
from monitor import schema, urls
from tests.app.conftest import serving

OLDER = "was built by an older version of Conflict Monitor"


def older_database(bundled_db: Path, folder: Path) -> Path:
    """The bundled case as an older version stored it: the tables without the columns and tables that data
    versions added (versions, <table>_history, version)."""
    db = folder / "older.duckdb"
    con = duckdb.connect(str(db))
    try:
        con.execute(f"ATTACH '{bundled_db}' AS bundled (READ_ONLY)")
        for table in ("sources", *schema.FACT_TABLES[1:], "batches", "rejects", "warnings"):
            exclude = " EXCLUDE (version)" if "version" in schema.TABLES[table].column_names else ""
            con.execute(f"CREATE TABLE {table} AS SELECT *{exclude} FROM bundled.{table}")
    finally:
        con.close()
    return db


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in schema.FACT_TABLES}
    finally:
        con.close()


@pytest.fixture()
def older(tmp_path, bundled_db):
    db = older_database(bundled_db, tmp_path)
    with serving(db):
        yield db


@pytest.mark.parametrize("page", [p.name for p in urls.PAGES])
def test_every_page_says_how_to_upgrade_an_older_database_and_writes_nothing(older, open_page, page):
    before = hashlib.sha256(older.read_bytes()).hexdigest()
    at = open_page(page, c=["MMR"])
    assert [e.value for e in at.error] and OLDER in at.error[0].value, [e.value for e in at.error]
    assert "versions" in at.error[0].value
    assert [c.value for c in at.code] == [f"python -m etl upgrade --db {older}"]
    assert hashlib.sha256(older.read_bytes()).hexdigest() == before


def test_etl_upgrade_keeps_every_row_and_the_pages_work_again(older, open_page):
    rows = counts(older)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["upgrade", "--db", str(older)]) == 0
    assert out.getvalue().startswith(f"upgraded {older}: added versions, ")
    assert counts(older) == rows
    at = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    assert not at.error and not [c for c in at.code if "etl upgrade" in c.value]
    assert [m.value for m in at.metric]  # the headline figures are back
    with contextlib.redirect_stdout(out := io.StringIO()):
        assert main(["upgrade", "--db", str(older)]) == 0
    assert out.getvalue() == f"{older} is up to date\n"
