"""What an input format is: how to recognise it from its header, and how its columns map onto a table.

A format maps in SQL, never row by row. DuckDB reads the whole file (every column as text); the
format's `mapping(src)` returns a `Mapping`: for each column of its table, a SQL expression over the
input columns, which DuckDB evaluates over the whole file at once. The shared validation
(etl/validate.py) then types those values and computes each row's reject reason, also in SQL.

    class MyFormat(Format):
        name = "my"
        primary_table = "events"
        required = ("id", "day", "what")          # header cells that identify the format

        def mapping(self, src: Source) -> Mapping:
            return Mapping("events", {
                "event_id": f"'my:' || val({src.col('id')})",
                "event_date": src.col("day"),       # text: validation parses it as a DATE
                "event_type": src.col("what"),
                "origin": "'my'",
                "source_id": src.text(f"my:{src.input_name}"),
                "extra": src.extra({"id", "day", "what"}),
            }, rules=[Rule("id", f"CASE WHEN val({src.col('id')}) IS NULL THEN 'missing id' END")],
               derived=[src.export_source(publisher="My publisher", title="My export", url="https://…")])

In the expressions:
- `src.col(name)` is an input column by its lower-case header name (NULL when the file lacks it);
  the macros of etl/sql.py help: `val(x)` (trimmed, NULL when missing: '', NA, null …),
  `present(x)`, `parse_date(t)`, `parse_number(t)`, `py_repr(x)` (to quote a value in a reason).
- An expression may give text (validated as the column's type, as for a curated CSV) or a typed value.
- `rules` are the format's own reject reasons, in order, each a SQL expression giving the reason or
  NULL; they are checked before the shared validation.
- `derived` are records every line also implies in another table (the resolution a vote line names,
  the source a whole export cites); each key is inserted once, when new.
- `src.per_line(select)` computes values per line in one SQL pass (e.g. counts over hundreds of columns).
- `src.lookup(func, *exprs)` applies a Python function to each DISTINCT value of the expressions (a
  country spelling, a FIPS code: a small set), and joins the results back; a Reject the function
  raises becomes the lookup's `.reason`. Use it for what lives in Python (monitor.countries).
- `warnings` are SQL expressions giving a message for a row that loads but is worth a look.
- `src.rec` is the row's position in the file (0 = first data row): window functions may order by it.
- `src.current(table)` names the table as stored plus what this command has staged so far (for a
  format that looks up earlier loads, e.g. unvotes votes finding their roll calls).
- `fanout` are rows of another table a line holds several of (a roll-call matrix: one vote per country
  column); see `Fanout`. `notes` are about the file as a whole (a header column that is no member state):
  each becomes a warning on the header line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Literal

from etl.sql import ident, json_object, literal


class Reject(Exception):
    """This value cannot be loaded; the message is the reason an analyst reads."""


@dataclass(frozen=True)
class Detection:
    """How a format reads a file: its column names, and whether the first row is that header."""

    columns: list[str]
    first_row_is_header: bool = True


@dataclass(frozen=True)
class Rule:
    """One named reject rule: `sql` gives the reason text for a row that breaks it, else NULL."""

    name: str
    sql: str


@dataclass(frozen=True)
class Derived:
    """Records a line implies in another table. `on_conflict`: what an existing key with other content
    gets: kept silently ("keep", e.g. the source of an export) or kept with a warning ("warn")."""

    table: str
    columns: dict[str, str]
    on_conflict: Literal["keep", "warn"] = "keep"


@dataclass(frozen=True)
class Fanout:
    """Rows of `table` that one line holds several of, e.g. a roll-call matrix's votes, one per country column.

    `cells` is a SQL list over the input columns (`i.`), one element per row to write (NULL elements are
    skipped); `columns` give each column of the table as SQL over `cell` (the element) and `line` (the line's
    checked values, e.g. `line."p.resolution_id"`). The values must already be valid (the format's rules reject
    a line whose cells are not). Written for every line that is not rejected, each key once (the first line's),
    when it is neither stored nor staged; a line or a stored row that disagrees on a key earns a warning and the
    first (the stored) row is kept."""

    table: str
    cells: str
    columns: dict[str, str]


@dataclass
class Mapping:
    """How a file's rows become rows of `table` (see the module docstring)."""

    table: str
    columns: dict[str, str]
    rules: list[Rule] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fanout: list[Fanout] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Lookup:
    """A Python function over the distinct values of some expressions, as a joined table."""

    alias: str
    func: Callable[..., Any] | None
    exprs: tuple[str, ...]
    width: int = 1  # how many values the function gives (a tuple); `part(i)` names each
    sql: str | None = None  # instead of a function: a SELECT per line (Source.per_line)

    @property
    def value(self) -> str:
        return f"{self.alias}.value"

    def part(self, i: int) -> str:
        return self.value if i == 0 else f"{self.alias}.value{i}"

    @property
    def reason(self) -> str:
        return f"{self.alias}.reason"


@dataclass
class Source:
    """A file as a format sees it: its columns (lower-case header names) and where it came from."""

    columns: list[str]
    originals: list[str]  # the header as written, for `extra` keys
    input_name: str
    accessed_on: date
    current_tables: dict[str, str] = field(default_factory=dict)
    lookups: list[Lookup] = field(default_factory=list)
    rec: str = "rec"

    def has(self, name: str) -> bool:
        return name in self.columns

    def col(self, name: str) -> str:
        """The input column `name` (lower-case), or NULL when the file has no such column."""
        return f"i.{ident(name)}" if name in self.columns else "CAST(NULL AS VARCHAR)"

    def text(self, value: object) -> str:
        return literal(value)

    def lookup(self, func: Callable[..., Any], *exprs: str, width: int = 1) -> Lookup:
        found = Lookup(f"lk{len(self.lookups)}", func, exprs, width)
        self.lookups.append(found)
        return found

    def per_line(self, select: str) -> str:
        """Values computed in SQL once per line from many columns at once (a matrix's cells, unpivoted):
        `select` reads `{input}` (the file, `i.rec` the line's position) and gives `k0` (= the position) and
        named columns. Returns the alias the mapping refers to them by (`alias.name`)."""
        return self.sql_lookup(select, "i.rec")

    def sql_lookup(self, select: str, *exprs: str) -> str:
        """Values computed in SQL once per distinct value of `exprs` (a join with a stored table, once per key
        rather than a subquery per row): `select` reads `{input}` and gives `k0`… (the keys) and named columns.
        Returns the alias the mapping refers to them by (`alias.name`)."""
        found = Lookup(f"lk{len(self.lookups)}", None, exprs, sql=select)
        self.lookups.append(found)
        return found.alias

    def extra(self, exclude: set[str] | frozenset[str]) -> str:
        """The row's other non-empty columns as a JSON object keyed by the header as written."""
        return json_object((orig, self.col(name)) for name, orig in zip(self.columns, self.originals, strict=True)
                           if name not in exclude)

    def current(self, table: str) -> str:
        return self.current_tables[table]

    def export_source(self, source_id: str, **values: object) -> Derived:
        """The `sources` row a whole export cites (one per file), as a derived record of every line."""
        columns = {"source_id": literal(source_id), "accessed_on": literal(self.accessed_on.isoformat())}
        columns.update({k: literal(v) for k, v in values.items()})
        return Derived("sources", columns)


class Format:
    """Base class: subclasses set the ClassVars and implement mapping() (and detect() if need be)."""

    name: ClassVar[str]
    primary_table: ClassVar[str]
    description: ClassVar[str] = ""
    # Loading order when several files come together: sources before what cites them,
    # resolutions before their votes.
    priority: ClassVar[int] = 50
    # What a re-load does with an existing key whose content changed: reject it (curated files:
    # two different facts under one id is an error) or update it (exports whose publisher revises rows).
    on_changed: ClassVar[Literal["reject", "update"]] = "reject"
    # Columns that name the export rather than the fact (e.g. source_id = the file): a newer export
    # of an unchanged row is then a duplicate, not a revision.
    hash_ignores: ClassVar[tuple[str, ...]] = ()
    # Estimates out of order (low <= best <= high broken): a curated file is corrected by its author, so the row
    # is rejected; a publisher's export (UCDP) is loaded as published, flagged (events.flag, a warning row).
    counts_as_published: ClassVar[bool] = False
    # Header cells (lower-case) that identify the format; the default detect() looks for all of them.
    required: ClassVar[tuple[str, ...]] = ()

    def detect(self, first_row: list[str]) -> Detection | None:
        """Return a Detection if this format reads a file whose first row is `first_row`."""
        header = normalise_header(first_row)
        if self.required and all(c in header for c in self.required):
            return Detection(header)
        return None

    def mapping(self, src: Source) -> Mapping:
        """The SQL that turns the file's columns into rows of the table (see the module docstring)."""
        raise NotImplementedError


def normalise_header(fields: list[str]) -> list[str]:
    """Header cells compared case-insensitively, without BOM or surrounding spaces."""
    return [f.strip().lstrip("\ufeff").strip().lower() for f in fields]
