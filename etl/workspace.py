"""Where a load stages its work: tables beside the stored ones, never in them until the apply step.

The stored tables are read through `live` (the database being loaded into, attached read-only while a
command stages); `stage_<table>` holds the rows the command will write; `cur_<table>` is what the
database will hold once they are written (stored rows, overridden by staged ones): duplicates,
revisions and references are all checked against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb

from etl.sql import ident, install_macros
from monitor.schema import FACT_TABLES, TABLES, Table

STAGED = (*FACT_TABLES, "batches", "rejects", "warnings")


def key_match(table: Table, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in table.key)


@dataclass
class Workspace:
    con: duckdb.DuckDBPyConnection
    live: str  # the catalog of the stored tables
    temp: bool  # stage in TEMP tables (a load into a connection the caller holds open)
    accessed_on: date = field(default_factory=date.today)
    files: int = 0

    def __post_init__(self) -> None:
        install_macros(self.con)
        for name in STAGED:
            table = TABLES[name]
            cols = ", ".join(f"{c.name} {c.type}" for c in table.columns)
            self.con.execute(f"CREATE OR REPLACE {self.kind} TABLE stage_{name} ({cols})")
        for name in FACT_TABLES:
            table = TABLES[name]
            cols = ", ".join(table.column_names)
            self.con.execute(
                f"CREATE OR REPLACE TEMP VIEW cur_{name} AS SELECT {cols} FROM stage_{name} UNION ALL "
                f"SELECT {cols} FROM {self.stored(name)} l WHERE NOT EXISTS "
                f"(SELECT 1 FROM stage_{name} s WHERE {key_match(table, 's', 'l')})")

    @property
    def kind(self) -> str:
        return "TEMP" if self.temp else ""

    def stored(self, table: str) -> str:
        return f"{ident(self.live)}.{table}"

    def current(self, table: str) -> str:
        return f"cur_{table}"

    def create(self, name: str, select: str) -> None:
        self.con.execute(f"CREATE OR REPLACE {self.kind} TABLE {name} AS {select}")

    def drop(self, *names: str) -> None:
        for name in names:
            self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def scalar(self, sql: str, params: list | None = None):
        return self.con.execute(sql, params or []).fetchone()[0]

    def next_batch_id(self) -> int:
        return int(self.scalar(f"SELECT coalesce(max(batch_id), 0) + 1 FROM (SELECT batch_id FROM stage_batches "
                               f"UNION ALL SELECT batch_id FROM {self.stored('batches')})"))

    def close(self) -> None:
        for name in FACT_TABLES:
            self.con.execute(f"DROP VIEW IF EXISTS cur_{name}")
        self.drop(*(f"stage_{name}" for name in STAGED))
