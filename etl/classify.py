"""Checked rows -> what happens to each: loaded, updated, duplicate or rejected.

Set-based: repeats of a key within the file are found by a GROUP BY (`firsts<n>`, only the repeated
keys), keys already stored or staged by a join with what the database will hold (`matches<n>`), and a
revision by comparing content hashes. `c<n>` is a view: each data row with its outcome and reason;
`rows<n>` the rows that load, in the table's own columns, which the writer reads (never copied).
"""

from __future__ import annotations

from etl.corroborate import other_publisher_sql, stage_corroborations
from etl.sql import literal
from etl.stage import FileJob
from etl.typed import Record, content_hash, records_of
from etl.workspace import Workspace

VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non-voting"}
# A file with at most this many distinct keys looks them up through the stored table's key index, so a small
# load reads what it adds, not the whole table; DuckDB seeks the index for an IN list of at most
# index_scan_max_count (2,048) values, so the keys go in lists of SEEK_CHUNK.
SEEK_KEYS = 10_000
SEEK_CHUNK = 2_000


def classify(ws: Workspace, job: FileJob, batch_id: int) -> None:
    """Create `c<n>` and `rows<n>` (views) over `b<n>` and the small tables they join."""
    assert job.mapping is not None
    primary = records_of(job.mapping)[0]
    t, n = primary.table, job.n
    key = ", ".join(primary.col(k) for k in t.key)
    valid = "_skip IS NULL AND _reason IS NULL"
    ws.create(f"firsts{n}", f"""SELECT {key}, min(rec) AS _first_rec, arg_min(_h, rec) AS _first_h,
        min(line_no) AS _first_line FROM b{n} WHERE {valid} GROUP BY ALL HAVING count(*) > 1""")
    stored_h = content_hash(t, lambda c: f"s.{c}", job.fmt.hash_ignores)
    match = " AND ".join(f"s.{k} = b.{primary.col(k)}" for k in t.key)
    # A vote the other publisher of the roll call states is a duplicate whatever it says (etl/corroborate.py).
    other = other_publisher_sql(f"b.{primary.col('source_id')}", "s.source_id") if t.name == "votes" else "FALSE"
    ws.create(f"matches{n}", f"""SELECT b.rec, {stored_h} AS _stored_h, s.batch_id AS _stored_batch,
        {other} AS _other_publisher
        FROM b{n} b JOIN {_sharing_keys(ws, job, primary, valid)} s ON {match}
        WHERE b.{valid.replace(' AND ', ' AND b.')}""")
    ws.create(f"overflow{n}", "SELECT CAST(NULL AS BIGINT) AS rec, CAST(NULL AS VARCHAR) AS reason LIMIT 0")
    changed = "'updated'" if job.fmt.on_changed == "update" else "'rejected'"
    repeat = "f._first_rec IS NOT NULL AND b.rec <> f._first_rec"
    conflict = (f"'{'/'.join(t.key)} ' || {primary.key_text('b')} || ' is already loaded with different content "
                f"(batch ' || coalesce(CAST(m._stored_batch AS VARCHAR), '?') || '): give a new fact its own id, "
                f"or correct this row'")
    differs = (f"'duplicate {'/'.join(t.key)} ' || {primary.key_text('b')} || ' with different content from line ' "
               f"|| f._first_line || ': give each fact its own id'")
    on_key = " AND ".join(f"f.{primary.col(k)} = b.{primary.col(k)}" for k in t.key)
    ws.con.execute(f"""CREATE OR REPLACE TEMP VIEW c{n} AS SELECT b.*,
        CASE WHEN b._reason IS NOT NULL OR x.rec IS NOT NULL THEN 'rejected'
             WHEN {repeat} THEN CASE WHEN b._h = f._first_h THEN 'duplicate' ELSE 'rejected' END
             WHEN m.rec IS NULL THEN 'loaded' WHEN m._stored_h = b._h OR m._other_publisher THEN 'duplicate'
             ELSE {changed} END AS outcome,
        CASE WHEN b._reason IS NOT NULL THEN b._reason WHEN x.rec IS NOT NULL THEN x.reason
             WHEN {repeat} AND b._h <> f._first_h THEN {differs}
             WHEN m.rec IS NOT NULL AND m._stored_h <> b._h AND NOT m._other_publisher AND {changed} = 'rejected'
             THEN {conflict} END AS reason
        FROM b{n} b LEFT JOIN firsts{n} f ON {on_key} LEFT JOIN matches{n} m ON m.rec = b.rec
        LEFT JOIN overflow{n} x ON x.rec = b.rec WHERE b._skip IS NULL""")
    cols = [f"{primary.col(c)} AS {c}" for c in t.content_columns]
    ws.con.execute(f"""CREATE OR REPLACE TEMP VIEW rows{n} AS SELECT {', '.join(cols)}, {batch_id} AS batch_id,
        lpad(to_hex(_h), 16, '0') AS row_hash, CAST(NULL AS INTEGER) AS version
        FROM c{n} WHERE outcome IN ('loaded', 'updated')""")
    ws.add_rows(t.name, f"rows{n}", [f"b{n}", f"firsts{n}", f"matches{n}", f"overflow{n}"], [f"c{n}"])
    if t.name == "votes":
        _over_official_totals(ws, job)


def corroborate(ws: Workspace, job: FileJob, batch_id: int) -> None:
    """This file's votes that the other publisher of their roll call already states: merged, disagreements warned
    (after the file's derived records: the warnings name the publishers of its sources)."""
    if job.mapping is None or job.mapping.table != "votes":
        return
    columns = ", ".join(f'"p.{c}" AS {c}' for c in ("resolution_id", "country_iso3", "vote", "note", "source_id"))
    lines = (f"SELECT line_no, {columns} FROM c{job.n} c JOIN matches{job.n} m USING (rec) "
             "WHERE m._other_publisher AND c.outcome = 'duplicate'")
    if stage_corroborations(ws, job.n, batch_id, str(job.text.path), lines):
        job.revises.add("votes")


def _sharing_keys(ws: Workspace, job: FileJob, primary: Record, valid: str) -> str:
    """What the database will hold (`cur_<table>`), narrowed to the keys of the file's valid rows when they are
    few and the key is one column: then the stored rows are found through the key index, not by a scan."""
    t, current = primary.table, ws.current(primary.table.name)
    if len(t.key) != 1:
        return current
    key = primary.col(t.key[0])
    keys = ws.con.execute(f"SELECT DISTINCT {key} FROM b{job.n} WHERE {valid} AND {key} IS NOT NULL "
                          f"LIMIT {SEEK_KEYS + 1}").fetchall()
    if len(keys) > SEEK_KEYS or any("\x00" in str(k) for (k,) in keys):  # no NUL in a SQL literal
        return current
    if not keys:
        return f"(SELECT * FROM {current} WHERE FALSE)"
    lists = [", ".join(literal(k) for (k,) in keys[i:i + SEEK_CHUNK]) for i in range(0, len(keys), SEEK_CHUNK)]
    return "(" + " UNION ALL ".join(f"SELECT * FROM {current} WHERE {t.key[0]} IN ({values})" for values in lists) + ")"


def _over_official_totals(ws: Workspace, job: FileJob) -> None:
    """A roll call may be partial, but never longer than the official totals: reject what overflows."""
    ws.create(f"over{job.n}", f"""
        WITH touched AS (SELECT DISTINCT "p.resolution_id" AS resolution_id FROM c{job.n}
                         WHERE outcome IN ('loaded', 'updated')),
        staged AS (SELECT resolution_id, country_iso3, vote FROM {ws.current('votes')}
                   WHERE resolution_id IN (SELECT resolution_id FROM touched)),
        counts AS (SELECT resolution_id, vote, count(*) AS listed FROM staged GROUP BY ALL)
        SELECT c.resolution_id, c.vote, c.listed,
               CASE c.vote WHEN 'Y' THEN r.yes WHEN 'N' THEN r.no WHEN 'A' THEN r.abstain ELSE r.non_voting END
               AS official
        FROM counts c JOIN {ws.current('resolutions')} r USING (resolution_id)
        WHERE official IS NOT NULL AND c.listed > official""")
    word = "CASE o.vote " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in VOTE_WORDS.items()) + " END"
    ws.con.execute(f"""INSERT INTO overflow{job.n} SELECT c.rec, 'resolution ' || o.resolution_id
        || ': the roll call lists ' || o.listed || ' ''' || {word} || ''' votes but the official total is '
        || o.official || '; check the roll call and the totals (every ''' || {word} || ''' line of this file '
        || 'for it is rejected)'
        FROM c{job.n} c JOIN over{job.n} o ON c."p.resolution_id" = o.resolution_id AND c."p.vote" = o.vote
        WHERE c.outcome IN ('loaded', 'updated')""")
    ws.drop(f"over{job.n}")
