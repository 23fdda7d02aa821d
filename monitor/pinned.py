"""Reading the data as it was at a data version, for every query at once.

A link may pin a data version (`v`). Rather than teach every query about versions, a pinned store runs each
query with the fact tables' names bound, in a WITH clause, to the tables as of that version (monitor/versions.py's
SQL: the current rows made at or before it, plus the history rows valid then). The queries are unchanged and
none can forget the pin: every `FROM events` in them, subqueries included, reads the pinned rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from monitor import aggregate, versions
from monitor.schema import FACT_TABLES, history_name
from monitor.store import Store

_LEADING_WITH = re.compile(r"^\s*WITH\s+(?!RECURSIVE)", re.IGNORECASE)


@dataclass(frozen=True)
class Version:
    """One data version: its number, when it was made, and what it loaded."""

    number: int
    created_at: datetime | None
    files: tuple[str, ...]
    rows_loaded: int
    rows_updated: int
    rows_rejected: int

    def loaded_on(self) -> str:
        return f"{self.created_at:%d %B %Y %H:%M}" if self.created_at else "at an unrecorded time"


def all_versions(store: Store) -> list[Version]:
    """Every data version, oldest first (none for a database built before versions existed)."""
    import json

    rows = store.query("SELECT version, created_at, files, rows_loaded, rows_updated, rows_rejected FROM versions "
                       "ORDER BY version")
    return [Version(int(r.version), None if pd.isna(r.created_at) else pd.Timestamp(r.created_at).to_pydatetime(),
                    tuple(json.loads(r.files)) if isinstance(r.files, str) and r.files.startswith("[") else (),
                    _n(r.rows_loaded), _n(r.rows_updated), _n(r.rows_rejected)) for r in rows.itertuples()]


def _n(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _qualified(table: str, version: int, catalog: str) -> str:
    """versions.as_of's SQL for `table`, reading the database's own tables by their full names (inside the WITH
    that rebinds `table`, a bare name would be ambiguous)."""
    sql = versions.as_of(table, version)
    for name in (table, history_name(table)):
        marker = f" FROM {name} WHERE"
        if sql.count(marker) != 1:
            raise RuntimeError(f"monitor.versions.as_of changed shape: no single {marker!r} in {sql!r}")
        sql = sql.replace(marker, f' FROM "{catalog}".main.{name} WHERE')
    return sql


def pinned_sql(sql: str, version: int, catalog: str) -> str:
    """`sql` with every fact table read as of `version` (its own WITH clause, if any, kept after ours)."""
    bindings = ", ".join(f"{t} AS {_qualified(t, version, catalog)}" for t in FACT_TABLES)
    bindings += f", {aggregate.NAME} AS ({aggregate.select_sql()})"  # the aggregate of the pinned events
    if _LEADING_WITH.match(sql):
        return _LEADING_WITH.sub(f"WITH {bindings}, ", sql, count=1)
    return f"WITH {bindings} {sql}"


class PinnedStore:
    """`store` as of data version `pinned`: Store's interface, every query reads that version."""

    def __init__(self, store: Store, pinned: int) -> None:
        self.store = store
        self.pinned = pinned
        self.path = store.path
        self._catalog: str | None = None

    def exists(self) -> bool:
        return self.store.exists()

    def version(self) -> tuple:
        return (*self.store.version(), self.pinned)

    def _catalog_name(self) -> str:
        if self._catalog is None:
            self._catalog = str(self.store.query("SELECT current_database() AS db").iloc[0]["db"])
        return self._catalog

    def query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        return self.store.query(pinned_sql(sql, self.pinned, self._catalog_name()), params)

    def execute(self, sql: str, params: list | tuple = ()) -> None:
        """A COPY of a query (`COPY (SELECT …) TO …`): the query reads this version."""
        head, inner = sql.split("(", 1)
        if head.strip().upper() != "COPY":
            raise ValueError("a pinned store runs only COPY (query) TO …")
        body, _, tail = inner.rpartition(") TO ")
        self.store.execute(f"COPY ({pinned_sql(body, self.pinned, self._catalog_name())}) TO {tail}", params)


def at(store: Store, version: int | None) -> Store | PinnedStore:
    """The store as of `version` (None: the latest, the store itself)."""
    return store if version is None else PinnedStore(store, version)
