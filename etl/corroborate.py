"""Two publishers of one roll call load the same database in either order (DESIGN.md, "Rules the data must keep").

The UN Digital Library (source ids `undl:…`, the wide export and the long export) publishes the official voting
record; unvotes (Voeten et al., `unvotes:…`) a scholarly copy of it. When a vote meets a vote of the same roll call
and country that the other publisher stated (stored, or staged by an earlier file of the command):
- the line is a duplicate, never a reject (its key is already there);
- the row kept is the preferred publisher's (PUBLISHERS, in order) vote and source; its note, else the other's
  when they agree (unvotes' "listed as 'Yugoslavia'" on a Serbian vote); `other_source_ids` names the other
  publisher's source when both state the same vote;
- where they disagree, a warning names both publishers, both sources and both votes.
The row kept is a function of the two rows, not of which came first, so either order gives the same `votes`
table and the same warnings. A vote that a row of another kind states (a curated file, a matrix without record
ids) keeps the ordinary rules: a changed vote under one key is then a revision or a reject.
"""

from __future__ import annotations

from etl.sql import literal
from etl.workspace import Workspace

# Source id prefixes of the publishers of roll calls, the preferred first.
PUBLISHERS = ("undl:", "unvotes:")
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non-voting"}


def rank_sql(source_id: str) -> str:
    """SQL: the publisher's place in PUBLISHERS (1 = preferred), NULL for a source of any other kind."""
    whens = " ".join(f"WHEN starts_with({source_id}, {literal(p)}) THEN {i}" for i, p in enumerate(PUBLISHERS, 1))
    return f"(CASE {whens} END)"


def other_publisher_sql(line_source: str, stored_source: str) -> str:
    """SQL: the two sources are of two different publishers of roll calls."""
    line, stored = rank_sql(line_source), rank_sql(stored_source)
    return f"({line} IS NOT NULL AND {stored} IS NOT NULL AND {line} <> {stored})"


def _sources(source: str, others: str) -> str:
    """SQL: a row's sources as a list: its source_id and the ids in its other_source_ids ("; "-separated)."""
    return (f"list_prepend({source}, list_filter(list_transform(string_split(coalesce({others}, ''), ';'), "
            "lambda s: trim(s)), lambda s: s <> ''))")


def _said(vote: str) -> str:
    word = "CASE " + " ".join(f"WHEN {vote} = '{k}' THEN '{v}'" for k, v in VOTE_WORDS.items()) + " END"
    return f"py_repr({vote}) || coalesce(' (' || {word} || ')', '')"


def stage_corroborations(ws: Workspace, n: int, batch_id: int, input_path: str, lines: str) -> int:
    """Merge this file's vote `lines` (a SELECT of line_no, resolution_id, country_iso3, vote, note, source_id)
    with the other publisher's current rows: the merged rows go to `merged_votes`, the disagreements to
    `stage_warnings`. Returns how many rows changed (0: the database already says it all)."""
    line_rank, stored_rank = rank_sql("l.source_id"), rank_sql("s.source_id")
    ws.create(f"xp{n}", f"""SELECT l.line_no, s.resolution_id, s.country_iso3, l.vote = s.vote AS agree,
            {line_rank} < {stored_rank} AS line_first,
            l.vote AS l_vote, l.note AS l_note, l.source_id AS l_source, {_sources('l.source_id', 'NULL')} AS l_all,
            s.vote AS s_vote, s.note AS s_note, s.source_id AS s_source, s.other_source_ids AS s_other,
            {_sources('s.source_id', 's.other_source_ids')} AS s_all
        FROM (SELECT * FROM ({lines}) QUALIFY row_number() OVER (PARTITION BY resolution_id, country_iso3
                                                                 ORDER BY line_no) = 1) l
        JOIN {ws.current('votes')} s ON s.resolution_id = l.resolution_id AND s.country_iso3 = l.country_iso3
        WHERE {other_publisher_sql('l.source_id', 's.source_id')}""")

    def pick(first: str, second: str) -> str:  # the preferred publisher's value, the other's
        return f"CASE WHEN line_first THEN {first} ELSE {second} END"

    kept = {"vote": pick("l_vote", "s_vote"), "source_id": pick("l_source", "s_source")}
    kept["note"] = f"coalesce({pick('l_note', 's_note')}, CASE WHEN agree THEN {pick('s_note', 'l_note')} END)"
    named = (f"list_sort(list_distinct(list_filter({pick('l_all', 's_all')} || CASE WHEN agree THEN "
             f"{pick('s_all', 'l_all')} ELSE [] END, lambda s: s <> {kept['source_id']})))")
    kept["other_source_ids"] = f"nullif(array_to_string({named}, '; '), '')"
    ws.create(f"xm{n}", f"""SELECT resolution_id, country_iso3, {', '.join(f'{v} AS {c}' for c, v in kept.items())}
        FROM xp{n} WHERE ({', '.join(kept.values())}) IS DISTINCT FROM (s_vote, s_source, s_note, s_other)""")
    ws.con.execute(f"""DELETE FROM merged_votes m WHERE EXISTS (SELECT 1 FROM xm{n} x
        WHERE x.resolution_id = m.resolution_id AND x.country_iso3 = m.country_iso3)""")
    ws.con.execute(f"""INSERT INTO merged_votes (resolution_id, country_iso3, vote, note, source_id, other_source_ids,
            batch_id, row_hash)
        SELECT resolution_id, country_iso3, vote, note, source_id, other_source_ids, {batch_id},
               lpad(to_hex(hash(resolution_id, country_iso3, vote, note, source_id, other_source_ids)), 16, '0')
        FROM xm{n}""")
    changed = int(ws.scalar(f"SELECT count(*) FROM xm{n}"))
    publisher = f"(SELECT publisher FROM {ws.current('sources')} x WHERE x.source_id = {{}})"
    first, second = (pick("l_source", "s_source"), pick("l_vote", "s_vote")), (pick("s_source", "l_source"),
                                                                               pick("s_vote", "l_vote"))
    said = [f"{publisher.format(src)} || ' (' || {src} || ') records ' || {_said(vote)}" for src, vote in
            (first, second)]
    seq = f"(SELECT count(*) FROM stage_warnings WHERE batch_id = {batch_id})"
    ws.con.execute(f"""INSERT INTO stage_warnings (batch_id, seq, line_no, input_path, table_name, row_key, reason)
        SELECT {batch_id}, {seq} + row_number() OVER (ORDER BY line_no), line_no, {literal(input_path)}, 'votes',
               resolution_id || ', ' || country_iso3,
               'votes (' || resolution_id || ', ' || country_iso3 || '): two publishers disagree: ' || {said[0]}
               || '; ' || {said[1]} || '. Kept the first, the official record; check the roll call'
        FROM xp{n} WHERE NOT agree""")
    ws.drop(f"xp{n}", f"xm{n}")
    return changed
