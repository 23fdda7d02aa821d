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


def classify(ws: Workspace, job: FileJob, batch_id: int) -> None:
    """Create `c<n>`: each data row's outcome, reason, line number and final values (see the module docstring)."""
    assert job.mapping is not None
    records = [Record("p.", TABLES[job.mapping.table])] + [
        Record(f"d{i}.", TABLES[d.table]) for i, d in enumerate(job.mapping.derived)]
    primary = records[0]
    offsets = _lines(ws, job)
    geo_join, overrides = _geocoded(ws, job, primary)
    values = []
    for r in records:
        for c in r.table.content_columns:
            expr = overrides.get(c) if r is primary and c in overrides else f"v.{r.col(c)}"
            values.append(f"{expr} AS {r.col(c)}")
    ref_reasons, ctes = _reference_reasons(ws, job, records)
    reason = f"coalesce(v._reason, {', '.join(ref_reasons)})" if ref_reasons else "v._reason"
    base = (f"SELECT v.rec, {job.header_lines} + 1 + v.rec + coalesce(o.cum, 0) AS line_no, v._raw, v._warnings, "
            f"{reason} AS reason, {', '.join(values)} FROM {job.checked} v ASOF LEFT JOIN {offsets} o "
            f"ON v.rec >= o.pos {geo_join} WHERE v._skip IS NULL")
    t = primary.table
    key = ", ".join(primary.col(k) for k in t.key)
    ignore = job.fmt.hash_ignores
    h = content_hash(t, lambda c: primary.col(c), ignore)
    stored_h = content_hash(t, lambda c: f"s.{c}", ignore)
    match = " AND ".join(f"s.{k} = b.{primary.col(k)}" for k in t.key)
    changed = ("'updated'" if job.fmt.on_changed == "update" else "'rejected'")
    conflict = (f"'{'/'.join(t.key)} ' || {primary.key_text('b')} || ' is already loaded with different content "
                f"(batch ' || coalesce(CAST(s.batch_id AS VARCHAR), '?') || '): give a new fact its own id, or "
                f"correct this row'")
    repeat = (f"'duplicate {'/'.join(t.key)} ' || {primary.key_text('b')} || ' with different content from line ' "
              f"|| b._first_line || ': give each fact its own id'")
    ws.create(f"c{job.n}", f"""
        WITH {ctes}, base AS ({base}),
        keyed AS (SELECT *, {h} AS _h,
                  first_value({h}) OVER w AS _first_h, first_value(line_no) OVER w AS _first_line,
                  row_number() OVER w AS _k
                  FROM base WHERE reason IS NULL WINDOW w AS (PARTITION BY {key} ORDER BY rec))
        SELECT b.* EXCLUDE (_first_h, _first_line, _k, reason),
            CASE WHEN b._k > 1 AND b._h = b._first_h THEN 'duplicate' WHEN b._k > 1 THEN 'rejected'
                 WHEN s.{t.key[0]} IS NULL THEN 'loaded' WHEN {stored_h} = b._h THEN 'duplicate'
                 ELSE {changed} END AS outcome,
            CASE WHEN b._k > 1 AND b._h <> b._first_h THEN {repeat}
                 WHEN b._k = 1 AND s.{t.key[0]} IS NOT NULL AND {stored_h} <> b._h AND {changed} = 'rejected'
                 THEN {conflict} END AS reason
        FROM keyed b LEFT JOIN {ws.current(t.name)} s ON b._k = 1 AND {match}
        UNION ALL BY NAME
        SELECT *, 'rejected' AS outcome FROM base WHERE reason IS NOT NULL""")


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
    ws.con.execute(f"""UPDATE c{job.n} c SET outcome = 'rejected', reason = 'resolution ' || o.resolution_id
        || ': the roll call lists ' || o.listed || ' ''' || {word} || ''' votes but the official total is '
        || o.official || '; check the roll call and the totals (every ''' || {word} || ''' line of this file '
        || 'for it is rejected)'
        FROM over{job.n} o WHERE c.outcome IN ('loaded', 'updated') AND c."p.resolution_id" = o.resolution_id
        AND c."p.vote" = o.vote""")
    ws.con.execute(f"""DELETE FROM stage_votes s WHERE batch_id = {batch_id} AND EXISTS (SELECT 1 FROM over{job.n} o
        WHERE o.resolution_id = s.resolution_id AND o.vote = s.vote)""")
    ws.drop(f"over{job.n}")
