"""Rows a line holds several of (a roll-call matrix: one vote per country column), staged set-based.

The format's `Fanout` (etl/formats/base.py) gives the cells as a SQL list; DuckDB unnests it over every
line that is not rejected. Each key is written once: the first line's row, when the key is neither stored nor
staged. A later line, or a stored row, that disagrees on a key earns a warning naming both; the first (the
stored) row is kept, as for derived records.
"""

from __future__ import annotations

from etl.corroborate import other_publisher_sql, stage_corroborations
from etl.formats.base import Fanout
from etl.lookups import lookup_joins
from etl.sql import ident, literal
from etl.stage import FileJob, input_relation
from etl.staged import warn
from etl.typed import content_hash
from etl.workspace import Workspace
from monitor.schema import TABLES


def stage_fanout(ws: Workspace, job: FileJob, batch_id: int) -> int:
    """Stage every Fanout of the file's mapping; the number of new rows written."""
    assert job.mapping is not None
    return sum(_stage_one(ws, job, batch_id, fan, i) for i, fan in enumerate(job.mapping.fanout))


def _stage_one(ws: Workspace, job: FileJob, batch_id: int, fan: Fanout, i: int) -> int:
    t = TABLES[fan.table]
    name, firsts = f"fo{job.n}_{i}", f"fof{job.n}_{i}"
    values = ", ".join(f"{fan.columns.get(c, 'NULL')} AS {c}" for c in t.content_columns)
    ws.create(name, f"""SELECT rec, line_no, * EXCLUDE (rec, line_no, cell) FROM (
        SELECT line.rec, line.line_no, cell, {values}
        FROM c{job.n} line JOIN {input_relation(job)} i ON i.rec = line.rec {lookup_joins(job.src.lookups)}
        CROSS JOIN LATERAL (SELECT unnest({fan.cells}) AS cell) u
        WHERE line.outcome <> 'rejected' AND u.cell IS NOT NULL)""")
    h = content_hash(t, lambda c: f"f.{c}", job.fmt.hash_ignores)
    key = ", ".join(t.key)
    on_key = " AND ".join(f"x.{k} = f.{k}" for k in t.key)
    # Keys that several lines give (rare: a record repeated): their first line's row, to compare the others with.
    ws.create(firsts, f"""SELECT {key}, min(rec) AS _first_rec, arg_min({h}, rec) AS _first_h,
        arg_min(line_no, rec) AS _first_line FROM {name} f
        SEMI JOIN (SELECT {key} FROM {name} GROUP BY ALL HAVING count(*) > 1) x ON {on_key} GROUP BY ALL""")
    key_text = "concat_ws(', ', " + ", ".join(f"f.{k}" for k in t.key) + ")"
    warn(ws, batch_id, job, f"""SELECT f.line_no, {key_text} AS row_key, {literal(t.name + ' (')} || {key_text}
        || '): this line says ' || {_content_text(t, 'f')} || ', line ' || x._first_line
        || ' said otherwise; kept the first' AS reason
        FROM {name} f JOIN {firsts} x ON {on_key} WHERE f.rec <> x._first_rec AND {h} <> x._first_h""", t.name)
    first = f"{name} f WHERE NOT EXISTS (SELECT 1 FROM {firsts} x WHERE {on_key} AND f.rec <> x._first_rec)"
    stored_h = content_hash(t, lambda c: f"s.{c}", job.fmt.hash_ignores)
    match = " AND ".join(f"s.{k} = f.{k}" for k in t.key)
    other = other_publisher_sql("f.source_id", "s.source_id") if t.name == "votes" else "FALSE"
    warn(ws, batch_id, job, f"""SELECT f.line_no, {key_text} AS row_key, {literal(t.name + ' (')} || {key_text}
        || '): this line says ' || {_content_text(t, 'f')} || ', the database already holds '
        || {_content_text(t, 's')} || '; kept the stored row' AS reason
        FROM (SELECT * FROM {first}) f JOIN {ws.current(t.name)} s ON {match} WHERE {stored_h} <> {h}
        AND NOT {other}""", t.name)
    if t.name == "votes" and stage_corroborations(ws, job.n, batch_id, str(job.text.path), f"""SELECT f.line_no,
            f.resolution_id, f.country_iso3, f.vote, f.note, f.source_id FROM (SELECT * FROM {first}) f""") > 0:
        job.revises.add("votes")
    cols = ", ".join(t.column_names)
    new = ", ".join(f"f.{c}" if c in t.content_columns else
                    {"batch_id": str(batch_id), "row_hash": f"lpad(to_hex({h}), 16, '0')"}.get(c, "NULL")
                    for c in t.column_names)
    before = ws.scalar(f"SELECT count(*) FROM derived_{t.name}")
    ws.con.execute(f"""INSERT INTO derived_{t.name} ({cols}) SELECT {new} FROM (SELECT * FROM {first}) f
        WHERE NOT EXISTS (SELECT 1 FROM {ws.current(t.name)} s WHERE {match})""")
    ws.drop(name, firsts)
    return int(ws.scalar(f"SELECT count(*) FROM derived_{t.name}")) - int(before)


def _content_text(t, rel: str) -> str:
    """A row's content columns that state the fact, as the warnings quote them: vote 'N'."""
    shown = [c for c in t.content_columns if c not in t.key and c not in ("note", "source_id", "other_source_ids")]
    return " || ', ' || ".join(f"{literal(c + ' ')} || coalesce(py_repr(CAST({rel}.{ident(c)} AS VARCHAR)), 'none')"
                               for c in shown)
