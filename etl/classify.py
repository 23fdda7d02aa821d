"""Checked rows -> what happens to each: loaded, updated, duplicate or rejected; staged for the writer.

All set-based: references are checked by anti-joins against what the database will hold (`cur_<table>`),
repeats within the file by a window over the key, and revisions by comparing a content hash with the
stored row of the same key. The rows to write go to `stage_<table>`, rejects and warnings to theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.enrich import PLACE_COLUMN, geocode_table
from etl.sql import ident
from etl.stage import FileJob
from etl.workspace import Workspace
from monitor.schema import TABLES, Table

VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non-voting"}


@dataclass(frozen=True)
class Record:
    """One record kind of a file's rows: the primary ("p.") or a derived one ("d0." …)."""

    prefix: str
    table: Table

    def col(self, name: str, rel: str = "") -> str:
        return f"{rel + '.' if rel else ''}{ident(self.prefix + name)}"

    def key_text(self, rel: str = "") -> str:
        """The key as the reasons quote it: 'e1' or 'A/RES/67/19, FRA'."""
        parts = ", ".join(f"CAST({self.col(k, rel)} AS VARCHAR)" for k in self.table.key)
        return f"py_repr(concat_ws(', ', {parts}))"


def content_hash(table: Table, ref, ignore: tuple[str, ...] = ()) -> str:
    """A fingerprint of a row's content (not its provenance), computed the same way for staged and stored rows."""
    cols = [c for c in table.columns if c.name in table.content_columns and c.name not in ignore]
    return f"hash({', '.join(f'CAST({ref(c.name)} AS {c.type})' for c in cols)})"


def _lines(ws: Workspace, job: FileJob) -> str:
    """Create `off<n>`: where line numbers jump (line breaks inside fields, lines DuckDB could not read)."""
    ws.create(f"off{job.n}", f"""
        SELECT pos, sum(delta) OVER (ORDER BY pos) AS cum, sum(breaks) OVER (ORDER BY pos) AS cum_breaks FROM (
            SELECT rec + 1 AS pos, _nl AS delta, _nl AS breaks FROM {job.checked} WHERE _nl > 0
            UNION ALL
            SELECT line - 1 - {job.header_lines} - (row_number() OVER (ORDER BY line) - 1) AS pos, 1, 0
            FROM {job.csv_errors})""")
    return f"off{job.n}"


def _geocoded(ws: Workspace, job: FileJob, primary: Record) -> tuple[str, dict[str, str]]:
    """The join and column overrides that fill in coordinates for named places (distinct places only)."""
    table = primary.table.name
    if table not in PLACE_COLUMN:
        return "", {}
    place, country = PLACE_COLUMN[table]
    relation = (f"(SELECT {primary.col(place)} AS {place}, {primary.col(country)} AS {country}, "
                f"{primary.col('latitude')} AS latitude FROM {job.checked} WHERE _skip IS NULL AND _reason IS NULL)")
    geocode_table(ws.con, f"geo{job.n}", relation, table, temp=ws.temp)
    join = (f"LEFT JOIN geo{job.n} g ON v.{primary.col('latitude')} IS NULL AND g.place = v.{primary.col(place)} "
            f"AND g.country IS NOT DISTINCT FROM v.{primary.col(country)}")
    given = primary.col("geo_precision", "v")
    return join, {"latitude": f"coalesce({primary.col('latitude', 'v')}, g.latitude)",
                  "longitude": f"coalesce({primary.col('longitude', 'v')}, g.longitude)",
                  "geo_precision": f"CASE WHEN g.place IS NOT NULL THEN g.precision ELSE {given} END"}


def _reference_reasons(ws: Workspace, job: FileJob, records: list[Record]) -> tuple[list[str], str]:
    """Reasons for citing a source or a resolution that neither the database nor this load has."""
    derived_sources = [r for r in records if r.prefix != "p." and r.table.name == "sources"]
    derived_res = [r for r in records if r.prefix != "p." and r.table.name == "resolutions"]
    known_src = " UNION ".join([f"SELECT source_id FROM {ws.current('sources')}"] + [
        f"SELECT {r.col('source_id')} FROM {job.checked} WHERE _reason IS NULL" for r in derived_sources])
    known_res = " UNION ".join([f"SELECT resolution_id FROM {ws.current('resolutions')}"] + [
        f"SELECT {r.col('resolution_id')} FROM {job.checked} WHERE _reason IS NULL" for r in derived_res])
    reasons, ctes = [], [f"known_src AS ({known_src})", f"known_res AS ({known_res})"]
    for r in records:
        names = r.table.column_names
        if r.table.name != "sources" and "source_id" in names:
            sid = r.col("source_id", "v")
            reasons.append(f"CASE WHEN {sid} IS NOT NULL AND {sid} NOT IN (SELECT source_id FROM known_src) THEN "
                           f"'unknown source ' || py_repr({sid}) || ': add it to sources.csv (load that file first)' "
                           "END")
        if "other_source_ids" in names:
            alias = f"om{r.prefix[:-1]}"
            ctes.append(f"""{alias} AS (SELECT rec, arg_min(id, ord) AS missing FROM (
                SELECT rec, unnest(string_split({r.col('other_source_ids')}, '; ')) AS id,
                       generate_subscripts(string_split({r.col('other_source_ids')}, '; '), 1) AS ord
                FROM {job.checked} WHERE {r.col('other_source_ids')} IS NOT NULL AND _reason IS NULL)
                WHERE id NOT IN (SELECT source_id FROM known_src) GROUP BY rec)""")
            reasons.append(f"(SELECT 'unknown source ' || py_repr(missing) || ': add it to sources.csv (load that "
                           f"file first)' FROM {alias} WHERE {alias}.rec = v.rec)")
    primary = records[0]
    if primary.table.name == "votes":
        rid = primary.col("resolution_id", "v")
        reasons.append(f"CASE WHEN {rid} NOT IN (SELECT resolution_id FROM known_res) THEN 'unknown resolution ' "
                       f"|| py_repr({rid}) || ': load the file with its official totals first' END")
    return reasons, ", ".join(ctes)


def _base(ws: Workspace, job: FileJob, records: list[Record]) -> None:
    """Create `b<n>`: each data row's line, final values (places geocoded), content hash and reject reason so
    far (validation, then references)."""
    primary = records[0]
    offsets = _lines(ws, job)
    jumps = ws.scalar(f"SELECT count(*) FROM {offsets}") > 0  # most files: no line breaks in fields
    line = f"{job.header_lines} + 1 + v.rec" + (" + coalesce(o.cum, 0)" if jumps else "")
    asof = f"ASOF LEFT JOIN {offsets} o ON v.rec >= o.pos" if jumps else ""
    geo_join, overrides = _geocoded(ws, job, primary)
    values = []
    for r in records:
        for c in r.table.content_columns:
            expr = overrides.get(c) if r is primary and c in overrides else f"v.{r.col(c)}"
            values.append(f"{expr} AS {r.col(c)}")
    ref_reasons, ctes = _reference_reasons(ws, job, records)
    reason = f"coalesce(v._reason, {', '.join(ref_reasons)})" if ref_reasons else "v._reason"
    h = content_hash(primary.table, primary.col, job.fmt.hash_ignores)
    ws.create(f"b{job.n}", f"""WITH {ctes} SELECT *, {h} AS _h FROM (
        SELECT v.rec, {line} AS line_no, v._warnings, {reason} AS _reason, {', '.join(values)}
        FROM {job.checked} v {asof} {geo_join} WHERE v._skip IS NULL)""")


def classify(ws: Workspace, job: FileJob, batch_id: int) -> None:
    """Create `c<n>` (a view): each data row's outcome, reason, line and final values. Repeats within the file
    and keys already stored are found by joins with small tables (`firsts<n>`, `matches<n>`)."""
    assert job.mapping is not None
    records = [Record("p.", TABLES[job.mapping.table])] + [
        Record(f"d{i}.", TABLES[d.table]) for i, d in enumerate(job.mapping.derived)]
    primary = records[0]
    _base(ws, job, records)
    t, n = primary.table, job.n
    key = ", ".join(primary.col(k) for k in t.key)
    ws.create(f"firsts{n}", f"""SELECT {key}, min(rec) AS _first_rec, arg_min(_h, rec) AS _first_h,
        min(line_no) AS _first_line FROM b{n} WHERE _reason IS NULL GROUP BY ALL HAVING count(*) > 1""")
    stored_h = content_hash(t, lambda c: f"s.{c}", job.fmt.hash_ignores)
    match = " AND ".join(f"s.{k} = b.{primary.col(k)}" for k in t.key)
    ws.create(f"matches{n}", f"""SELECT b.rec, {stored_h} AS _stored_h, s.batch_id AS _stored_batch
        FROM b{n} b JOIN {ws.current(t.name)} s ON {match} WHERE b._reason IS NULL""")
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
             WHEN m.rec IS NULL THEN 'loaded' WHEN m._stored_h = b._h THEN 'duplicate'
             ELSE {changed} END AS outcome,
        CASE WHEN b._reason IS NOT NULL THEN b._reason WHEN x.rec IS NOT NULL THEN x.reason
             WHEN {repeat} AND b._h <> f._first_h THEN {differs}
             WHEN m.rec IS NOT NULL AND m._stored_h <> b._h AND {changed} = 'rejected' THEN {conflict} END AS reason
        FROM b{n} b LEFT JOIN firsts{n} f ON {on_key} LEFT JOIN matches{n} m ON m.rec = b.rec
        LEFT JOIN overflow{n} x ON x.rec = b.rec""")


def rows_over_official_totals(ws: Workspace, job: FileJob, batch_id: int) -> None:
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
    ws.con.execute(f"""DELETE FROM stage_votes s WHERE batch_id = {batch_id} AND EXISTS (SELECT 1 FROM over{job.n} o
        WHERE o.resolution_id = s.resolution_id AND o.vote = s.vote)""")
    ws.drop(f"over{job.n}")
