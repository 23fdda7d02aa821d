"""Where a load stages its work: tables beside the stored ones, never in them until the apply step.

The stored tables are read through `live` (the database being loaded into, attached read-only while a
command stages). What the command will write is `stage_<table>`: a view over each file's rows that load
(`rows<n>`, never copied), the records files derive (`derived_<table>`) and rows two publishers' files merged
(`merged_<table>`, etl/corroborate.py); a later part's row replaces an earlier one of the same key.
`cur_<table>` is what the database will hold once they are written (stored rows, overridden by staged ones):
duplicates, revisions and references are checked against it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

import duckdb

from etl.sql import ident, install_macros
from monitor.schema import FACT_TABLES, TABLES, Table

LOGS = ("batches", "rejects", "warnings")


def key_match(table: Table, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in table.key)


def memory_limit_bytes(con: duckdb.DuckDBPyConnection) -> int:
    """The connection's memory_limit in bytes."""
    return shown_bytes(con.execute("SELECT current_setting('memory_limit')").fetchone()[0])


def shown_bytes(shown: str) -> int:
    """A size as DuckDB shows it ('553.1 MiB', '1.8 GiB') in bytes."""
    number, _, unit = shown.partition(" ")
    scale = {"bytes": 0, "KiB": 10, "MiB": 20, "GiB": 30, "TiB": 40, "KB": 10, "MB": 20, "GB": 30, "TB": 40}
    return int(float(number) * (1 << scale.get(unit, 0)))


@dataclass
class Workspace:
    con: duckdb.DuckDBPyConnection
    live: str  # the catalog of the stored tables
    temp: bool  # stage in TEMP tables (a load into a connection the caller holds open)
    accessed_on: date = field(default_factory=date.today)
    files: int = 0
    rows: dict[str, list[str]] = field(default_factory=dict)  # table -> each file's rows view, in order
    leftovers: list[str] = field(default_factory=list)  # per-file tables the staged views read
    leftover_views: list[str] = field(default_factory=list)
    # Bytes of input whose checked rows may still be staged in memory (see `hold_in_memory`); 0: none.
    memory_room: int = 0
    # The memory_limit (bytes) each file's ordered raw read gets at least (etl/session.py); 0: the command's own.
    read_memory: int = 0

    def __post_init__(self) -> None:
        install_macros(self.con)
        for name in LOGS:
            self._create_empty(f"stage_{name}", TABLES[name])
        for name in FACT_TABLES:
            self._create_empty(f"derived_{name}", TABLES[name])
            self._create_empty(f"merged_{name}", TABLES[name])
            self.rows[name] = []
            self._define_stage(name)
            table, cols = TABLES[name], ", ".join(TABLES[name].column_names)
            self.con.execute(
                f"CREATE OR REPLACE TEMP VIEW cur_{name} AS SELECT {cols} FROM stage_{name} UNION ALL "
                f"SELECT {cols} FROM {self.stored(name)} l WHERE NOT EXISTS "
                f"(SELECT 1 FROM stage_{name} s WHERE {key_match(table, 's', 'l')})")

    def _create_empty(self, name: str, table: Table) -> None:
        cols = ", ".join(f"{c.name} {c.type}" for c in table.columns)
        self.con.execute(f"CREATE OR REPLACE {self.kind} TABLE {name} ({cols})")

    def _define_stage(self, name: str, empty: Collection[str] = ()) -> None:
        """stage_<name>: the derived records, each file's rows and the merged rows, a later part's key replacing an
        earlier's; without the parts named `empty`."""
        table, cols = TABLES[name], ", ".join(TABLES[name].column_names)
        parts = [p for p in (f"derived_{name}", *self.rows[name], f"merged_{name}") if p not in empty] \
            or [f"derived_{name}"]
        selects = []
        for i, part in enumerate(parts):
            later = " AND ".join(f"NOT EXISTS (SELECT 1 FROM {p} l WHERE {key_match(table, 'l', 'e')})"
                                 for p in parts[i + 1:])
            selects.append(f"SELECT {cols} FROM {part} e" + (f" WHERE {later}" if later else ""))
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW stage_{name} AS {' UNION ALL '.join(selects)}")

    def without_empty_parts(self) -> None:
        """Once everything is staged, before the write: each stage view without the derived and merged tables that
        stayed empty. DuckDB plans a `NOT EXISTS` against an empty table as a join that still hashes every key of the
        other side: a 1M-row file's insert took 13.3-13.8 CPU s with them, 9.7-10.0 without."""
        for name in FACT_TABLES:
            parts = (f"derived_{name}", f"merged_{name}")
            self._define_stage(name, [p for p in parts if not self.scalar(f"SELECT count(*) FROM {p}")])

    def add_rows(self, table: str, view: str, tables: list[str], views: list[str]) -> None:
        """A file's rows that load (a view over `tables` and `views`) join what the command will write."""
        self.rows[table].append(view)
        self.leftovers += tables
        self.leftover_views += views
        self._define_stage(table)

    @property
    def kind(self) -> str:
        return "TEMP" if self.temp else ""

    def stored(self, table: str) -> str:
        return f"{ident(self.live)}.{table}"

    def current(self, table: str) -> str:
        return f"cur_{table}"

    def create(self, name: str, select: str, *, temp: bool = False) -> None:
        self.con.execute(f"CREATE OR REPLACE {'TEMP' if temp else self.kind} TABLE {name} AS {select}")

    def hold_in_memory(self, input_bytes: int) -> bool:
        """Whether a file's checked rows, which the staged views read until the command ends, may be a TEMP table
        (kept uncompressed in memory) rather than one compressed into the scratch file, taking the file's share of
        the room. Compressing them costs more than reading them back saves while they fit: a 1M-row real-shaped
        ACLED load 39.1 -> 32.4 CPU s. Past the room DuckDB would spill them to disk uncompressed, which costs more
        than compressing (10M rows: 182 -> 202 s); `etl/session.py` gives twice the memory limit of input."""
        if self.temp or input_bytes > self.memory_room:
            return False
        self.memory_room -= input_bytes
        return True

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
            self.con.execute(f"DROP VIEW IF EXISTS stage_{name}")
        for view in [v for name in FACT_TABLES for v in self.rows[name]] + self.leftover_views:
            self.con.execute(f"DROP VIEW IF EXISTS {view}")
        self.drop(*self.leftovers, *(f"{part}_{name}" for name in FACT_TABLES for part in ("derived", "merged")),
                  *(f"stage_{n}" for n in LOGS))
