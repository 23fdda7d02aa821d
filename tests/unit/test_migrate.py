"""An older database is brought up to this version's schema, keeping every row (monitor/migrate.py)."""

from __future__ import annotations

import duckdb

from monitor import migrate


def test_warnings_message_becomes_the_contract_s_reason_keeping_the_rows(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    migrate.create_all(con)
    con.execute("DROP TABLE warnings")  # as an earlier version made it: `message`, no row it concerns
    con.execute("CREATE TABLE warnings (batch_id INTEGER NOT NULL, seq INTEGER NOT NULL, line_no INTEGER, "
                "input_path VARCHAR, message VARCHAR NOT NULL, PRIMARY KEY (batch_id, seq))")
    con.execute("INSERT INTO warnings VALUES (1, 1, 7, 'ged.csv', 'UCDP event 1: best 3 > high 0')")
    have = con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    assert {"warnings.reason", "warnings.table_name", "warnings.row_key"} <= set(migrate.missing_parts(have))
    migrate.create_all(con)
    assert con.execute("SELECT line_no, reason, table_name FROM warnings").fetchall() == [
        (7, "UCDP event 1: best 3 > high 0", None)]
    have = con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    assert migrate.missing_parts(have) == []
    con.close()
