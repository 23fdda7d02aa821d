"""Python functions applied to DISTINCT values only, as tables SQL joins back (countries, FIPS codes, places).

A file of a million rows names a few hundred countries: the resolver in monitor.countries (or the
gazetteer in monitor.geo) runs once per distinct spelling, never per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import duckdb

from etl.formats.base import Lookup, Reject


def key_match(alias: str, exprs: Sequence[str]) -> str:
    """The join condition of a lookup table on its key expressions (NULL matches NULL)."""
    return " AND ".join(f"{alias}.k{i} IS NOT DISTINCT FROM ({e})" for i, e in enumerate(exprs)) or "TRUE"


def lookup_joins(lookups: Sequence[Lookup]) -> str:
    """The lookups joined to the input relation `i` (each by its key expressions)."""
    return " ".join(f"LEFT JOIN {lk.alias} ON {key_match(lk.alias, lk.exprs)}" for lk in lookups)


def _apply(func: Callable[..., Any], keys: tuple, width: int) -> tuple[tuple, str | None]:
    """(the values the function gives for these keys, as text, padded to `width`; its Reject's reason)."""
    try:
        value = func(*keys)
    except Reject as e:
        return (None,) * width, str(e)
    parts = value if isinstance(value, tuple) else (value,)
    return tuple(None if p is None else str(p) for p in parts) + (None,) * (width - len(parts)), None


def materialise(con: duckdb.DuckDBPyConnection, lookup: Lookup, relation: str, *, temp: bool) -> int:
    """Create table `lookup.alias` (k0.., value, reason) from the distinct keys of `relation`; returns its size."""
    if lookup.sql is not None:  # a table the format computes in SQL (Source.sql_lookup)
        con.execute(f"CREATE OR REPLACE {'TEMP ' if temp else ''}TABLE {lookup.alias} AS "
                    f"{lookup.sql.replace('{input}', relation)}")
        return int(con.execute(f"SELECT count(*) FROM {lookup.alias}").fetchone()[0])
    keys = ", ".join(f"{e} AS k{i}" for i, e in enumerate(lookup.exprs))
    distinct = con.execute(f"SELECT DISTINCT {keys} FROM {relation}").fetchall()
    results = [_apply(lookup.func, row, lookup.width) for row in distinct]
    columns = {f"k{i}": [row[i] for row in distinct] for i in range(len(lookup.exprs))}
    for i in range(lookup.width):
        columns["value" if i == 0 else f"value{i}"] = [r[0][i] for r in results]
    columns["reason"] = [r[1] for r in results]
    # One list parameter a column, unnested side by side into rows (no pyarrow: importing it costs every command
    # more than the lookups take).
    unnested = ", ".join(f"unnest(?::{_sql_type(v)}[]) AS {k}" for k, v in columns.items())
    con.execute(f"CREATE OR REPLACE {'TEMP ' if temp else ''}TABLE {lookup.alias} AS SELECT {unnested}",
                list(columns.values()))
    return len(distinct)


def _sql_type(values: list) -> str:
    sample = next((v for v in values if v is not None), None)
    return "BOOLEAN" if isinstance(sample, bool) else "VARCHAR"
