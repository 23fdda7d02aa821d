"""The main pass: a file's rows mapped by its format, typed, checked and fingerprinted, in one query.

`check_rows` makes `b<n>`: per record, the typed values of its primary record (`p.<column>`) and of the
records it derives (`d0.<column>` …), the reject reason of the first rule it breaks (NULL when valid),
the warnings it earns, its line number, and a hash of its content. The query has four levels:
  m  the format's SQL over the input columns, joined with its lookups (distinct values only);
  x  each mapped value as text, as given and trimmed;
  t  each value as its column's type, with the reasons it cannot be (etl/validate.py);
  b  the row's reason: the format's rules, then each derived record's, then the primary record's,
     then its references (a source or resolution neither stored nor staged nor derived by the row).
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.enrich import PLACE_COLUMN, geocode
from etl.formats.base import Lookup, Mapping, Source
from etl.lookups import lookup_joins, materialise
from etl.sql import ident
from etl.stage import FileJob, input_relation, skip_reason
from etl.validate import (
    Typed,
    counts_as_published,
    notes_with_url,
    table_rules,
    typed_column,
    url_warning,
    web_url,
)
from etl.workspace import Workspace
from monitor.countries import to_iso3
from monitor.schema import TABLES, Table


@dataclass(frozen=True)
class Record:
    """One record kind of a file's rows: the primary ("p.") or a derived one ("d0." …)."""

    prefix: str
    table: Table

    def col(self, name: str, rel: str = "") -> str:
        return f"{rel + '.' if rel else ''}{ident(self.prefix + name)}"

    def row_key(self, rel: str = "") -> str:
        """The key as warnings.row_key holds it: 'e1' or 'A/RES/67/19, FRA'."""
        return "concat_ws(', ', " + ", ".join(f"CAST({self.col(k, rel)} AS VARCHAR)" for k in self.table.key) + ")"

    def key_text(self, rel: str = "") -> str:
        """The key as the reasons quote it: 'e1' or 'A/RES/67/19, FRA'."""
        parts = ", ".join(f"CAST({self.col(k, rel)} AS VARCHAR)" for k in self.table.key)
        return f"py_repr(concat_ws(', ', {parts}))"


def records_of(mapping: Mapping) -> list[Record]:
    return [Record("p.", TABLES[mapping.table])] + [
        Record(f"d{i}.", TABLES[d.table]) for i, d in enumerate(mapping.derived)]


def content_hash(table: Table, ref, ignore: tuple[str, ...] = ()) -> str:
    """A fingerprint of a row's content (not its provenance), computed the same way for staged and stored rows."""
    cols = [c for c in table.columns if c.name in table.content_columns and c.name not in ignore]
    return f"hash({', '.join(f'CAST({ref(c.name)} AS {c.type})' for c in cols)})"




def _country_lookups(src: Source, table: str, columns: dict[str, str]) -> dict[str, str]:
    """For each ISO-3 column a format gives as text, the lookup value that resolves it (by distinct value)."""
    given = {lk.value for lk in src.lookups}
    found = {}
    for name, expr in columns.items():
        if name.endswith("_iso3") and name in TABLES[table].column_names:
            found[name] = expr if expr in given else src.lookup(to_iso3, f"val(CAST(({expr}) AS VARCHAR))").value
    return found


def _geocode_lookup(src: Source, table: str, columns: dict[str, str], countries: dict[str, str]) -> Lookup | None:
    """Coordinates for the distinct places of rows that have none (events' location, visits' city)."""
    if table not in PLACE_COLUMN or PLACE_COLUMN[table][0] not in columns:
        return None
    place, country = PLACE_COLUMN[table]
    lat = f"val(CAST(({columns['latitude']}) AS VARCHAR))" if "latitude" in columns else "NULL"
    where = f"CASE WHEN {lat} IS NULL THEN val(CAST(({columns[place]}) AS VARCHAR)) END"
    return src.lookup(geocode, where, countries.get(country, "CAST(NULL AS VARCHAR)"), width=3)


def _typed_record(record: Record, columns: dict[str, str], countries: set[str], geo: Lookup | None,
                  as_published: bool = False) -> tuple[dict[str, Typed], list[str]]:
    """Typed values of one record (keyed by column) over the text level `x`, and the warnings it earns.
    `as_published`: estimates out of order load flagged, with a warning (Format.counts_as_published)."""
    table, prefix = record.table.name, record.prefix
    typed: dict[str, Typed] = {}
    for col in record.table.columns:
        if col.name not in record.table.content_columns:
            continue
        if col.name in columns:
            t, raw = f"x.{ident(prefix + col.name + '#t')}", f"x.{ident(prefix + col.name + '#r')}"
        else:
            t = raw = "CAST(NULL AS VARCHAR)"
        country = f"x.{ident(prefix + col.name + '@iso3')}" if col.name in countries else None
        typed[col.name] = typed_column(table, col, t, raw, country)
    if geo is not None:  # geocoded where the row gave no coordinates, and marked so
        got = [f"x.{ident(prefix + f'@geo{i}')}" for i in range(3)]
        for i, name in enumerate(("latitude", "longitude")):
            typed[name] = Typed(f"coalesce({typed[name].value}, CAST({got[i]} AS DOUBLE))", typed[name].reasons)
        typed["geo_precision"] = Typed(f"coalesce({got[2]}, {typed['geo_precision'].value})", ())
    warnings = []
    if table == "sources":  # a link is kept as a link only when it is a web URL (else as text, with a warning)
        url, name = typed["url"].value, typed["source_id"].value
        warnings.append(url_warning(url, name))
        typed["notes"] = Typed(notes_with_url(typed["notes"].value, url), typed["notes"].reasons)
        typed["url"] = Typed(web_url(url), typed["url"].reasons)
    if table == "events" and as_published:
        low, high, flag = counts_as_published(lambda c: f"({typed['fatalities_' + c].value})", "low", "best", "high")
        typed["fatalities_low"] = Typed(low, typed["fatalities_low"].reasons)
        typed["fatalities_high"] = Typed(high, typed["fatalities_high"].reasons)
        typed["flag"] = Typed(flag, ())
        warnings.append(f"upper({typed['origin'].value}) || ' event ' || coalesce({typed['origin_id'].value}, "
                        f"{typed['event_id'].value}) || ': ' || {flag}")
    return typed, warnings


def _other_sources(ws: Workspace, job: FileJob, relation: str, columns: dict[str, str]) -> str | None:
    """Create `om<n>`: each row's first corroborating source (other_source_ids) that is nowhere to be found."""
    if "other_source_ids" not in columns:
        return None
    ids = (f"list_filter(list_transform(string_split(val(CAST(({columns['other_source_ids']}) AS VARCHAR)), ';'), "
           f"lambda s: trim(s)), lambda s: s <> '')")
    ws.create(f"om{job.n}", f"""SELECT rec, arg_min(id, ord) AS missing FROM (
        SELECT rec, unnest(ids) AS id, generate_subscripts(ids, 1) AS ord FROM (SELECT i.rec, {ids} AS ids
        FROM {relation} {lookup_joins(job.src.lookups)}) WHERE len(ids) > 0)
        WHERE id NOT IN (SELECT source_id FROM {ws.current('sources')}) GROUP BY rec""")
    return f"om{job.n}"


def _reference_reasons(ws: Workspace, records: list[Record], other: str | None) -> list[str]:
    """Citing a source or resolution that is neither stored, nor staged, nor derived by the row itself."""
    own_sources = [r.col("source_id", "t") for r in records[1:] if r.table.name == "sources"]
    own_resolutions = [r.col("resolution_id", "t") for r in records[1:] if r.table.name == "resolutions"]
    reasons = []
    for r in records:
        if r.table.name != "sources" and "source_id" in r.table.column_names:
            sid = r.col("source_id", "t")
            own = "".join(f" AND {sid} IS DISTINCT FROM {o}" for o in own_sources)
            reasons.append(f"CASE WHEN {sid} IS NOT NULL AND {sid} NOT IN (SELECT source_id FROM "
                           f"{ws.current('sources')}){own} THEN 'unknown source ' || py_repr({sid}) || "
                           f"': add it to sources.csv (load that file first)' END")
        if r is records[0] and other is not None:
            reasons.append("'unknown source ' || py_repr(om.missing) || ': add it to sources.csv (load that file "
                           "first)'")
    if records[0].table.name == "votes":
        rid = records[0].col("resolution_id", "t")
        own = "".join(f" AND {rid} IS DISTINCT FROM {o}" for o in own_resolutions)
        reasons.append(f"CASE WHEN {rid} NOT IN (SELECT resolution_id FROM {ws.current('resolutions')}){own} THEN "
                       f"'unknown resolution ' || py_repr({rid}) || ': load the file with its official totals "
                       "first' END")
    return reasons


def check_rows(ws: Workspace, job: FileJob) -> None:
    """Create `b<n>` (see the module docstring)."""
    src, mapping = job.src, job.mapping
    assert src is not None and mapping is not None
    records = records_of(mapping)
    columns = {r.prefix: (mapping.columns if r.prefix == "p." else mapping.derived[int(r.prefix[1:-1])].columns)
               for r in records}
    countries = {r.prefix: _country_lookups(src, r.table.name, columns[r.prefix]) for r in records}
    geo = _geocode_lookup(src, mapping.table, mapping.columns, countries["p."])
    relation = f"{input_relation(job)} i"
    for i, lk in enumerate(src.lookups):
        materialise(ws.con, lk, f"{relation} {lookup_joins(src.lookups[:i])}", temp=ws.temp)
    other = _other_sources(ws, job, relation, mapping.columns)

    mapped = [f"{expr} AS {ident(r.prefix + c)}" for r in records for c, expr in columns[r.prefix].items()]
    mapped += [f"{v} AS {ident(r.prefix + c + '@iso3')}" for r in records for c, v in countries[r.prefix].items()]
    mapped += [f"{geo.part(i)} AS {ident(f'p.@geo{i}')}" for i in range(3)] if geo else []
    rules = [f"{rule.sql} AS {ident('_rule:' + rule.name)}" for rule in mapping.rules]
    warns = [f"{w} AS _fw{i}" for i, w in enumerate(mapping.warnings)]
    level_m = (f"SELECT i.rec, {skip_reason(job)} AS _skip, {', '.join(rules + warns + mapped)} "
               f"FROM {relation} {lookup_joins(src.lookups)}")

    carried = ["rec", "_skip"] + [ident("_rule:" + r.name) for r in mapping.rules]
    carried += [f"_fw{i}" for i in range(len(mapping.warnings))]
    texts = [ident(r.prefix + c + "@iso3") for r in records for c in countries[r.prefix]]
    texts += [ident(f"p.@geo{i}") for i in range(3)] if geo else []
    for r in records:
        for c in columns[r.prefix]:
            raw = f"CAST(m.{ident(r.prefix + c)} AS VARCHAR)"  # a column: cell() writes it many times
            texts += [f"{raw} AS {ident(r.prefix + c + '#r')}", f"cell({raw}) AS {ident(r.prefix + c + '#t')}"]
    level_x = f"SELECT {', '.join(carried + texts)} FROM ({level_m}) m"

    typed_cols, values = [], []
    reasons = [f"t.{ident('_rule:' + r.name)}" for r in mapping.rules]
    warnings = [f"t._fw{i}" for i in range(len(mapping.warnings))]
    primary: list[str] = []
    for r in records:
        as_published = r.prefix == "p." and job.fmt.counts_as_published
        typed, record_warnings = _typed_record(r, columns[r.prefix], set(countries[r.prefix]),
                                               geo if r.prefix == "p." else None, as_published)
        column_reasons = []
        for name, t in typed.items():
            typed_cols.append(f"{t.value} AS {ident(r.prefix + name)}")
            values.append(f"t.{ident(r.prefix + name)}")
            for k, reason in enumerate(t.reasons):
                alias = ident(f"_cr:{r.prefix}{name}:{k}")
                typed_cols.append(f"{reason} AS {alias}")
                column_reasons.append(f"t.{alias}")
        for k, w in enumerate(record_warnings):
            typed_cols.append(f"{w} AS {ident(f'_rw:{r.prefix}{k}')}")
            warnings.append(f"t.{ident(f'_rw:{r.prefix}{k}')}")
        row_rules = table_rules(r.table.name, lambda c, p=r.prefix: f"t.{ident(p + c)}",
                                counts_as_published=as_published)
        if r.prefix == "p.":
            primary += column_reasons + row_rules
        else:  # a derived record exists only where its key does: a vote line names its resolution
            present = " AND ".join(f"t.{ident(r.prefix + k)} IS NOT NULL" for k in r.table.key)
            reasons.append(f"CASE WHEN {present} THEN coalesce({', '.join(column_reasons + row_rules)}) END")
    level_t = f"SELECT {', '.join([f'x.{c}' for c in carried] + typed_cols)} FROM ({level_x}) x"

    reason = f"coalesce({', '.join(reasons + primary + _reference_reasons(ws, records, other))})"
    warning_list = f"list_filter([{', '.join(warnings)}], lambda w: w IS NOT NULL)" if warnings else "[]::VARCHAR[]"
    line = f"{job.header_lines} + 1 + t.rec" + (" + coalesce(o.cum, 0)" if job.jumps else "")
    joins = (f"ASOF LEFT JOIN off{job.n} o ON t.rec >= o.pos " if job.jumps else "") + (
        f"LEFT JOIN {other} om ON om.rec = t.rec" if other else "")
    h = content_hash(records[0].table, lambda c: f"t.{records[0].col(c)}", job.fmt.hash_ignores)
    in_memory = ws.hold_in_memory(job.text.path.stat().st_size)
    ws.create(job.checked, f"""SELECT t.rec, t._skip, {line} AS line_no,
        CASE WHEN t._skip IS NULL THEN {reason} END AS _reason, {warning_list} AS _warnings, {', '.join(values)},
        {h} AS _h FROM ({level_t}) t {joins}""", temp=in_memory)
    if other:
        ws.drop(other)
