"""The UN Digital Library voting export (2024 and later): one row per member state and resolution.

Header: undl_id, ms_code, ms_name, ms_vote, date, session, resolution, draft, committee_report, meeting,
title, agenda_title, subjects, vote_note, total_yes, total_no, total_abstentions, total_non_voting,
total_ms, undl_link. Each line is a vote (`votes`) and names its resolution with the official totals
(`resolutions`, inserted once; a later line that disagrees becomes a warning). `ms_vote` is Y, N, A or X
(the codebook's NV): present-but-not-voting and absent stay apart from abstentions.

A vote on an amendment or on a paragraph has no resolution or draft symbol of its own: it is keyed by its
library record (`undl:<undl_id>`, monitor.ids.resolution_id), keeps its title and totals, and says what it
was (`vote_kind`: amendment, paragraph, separate vote), read from the title as the library writes it
("Amendment to draft resolution A/C.3/…"). Its body comes from a symbol the title names, else the meeting, else
its General Assembly session. A vote on no document (a procedural motion: no symbol, none in its title) is
`vote_kind` procedural.
"""

from __future__ import annotations

from typing import ClassVar

from etl.formats._shared import SYMBOL_PATTERN, body_sql, is_resolution_sql, resolution_id_of, session_sql
from etl.formats.base import Derived, Format, Mapping, Reject, Rule, Source
from etl.sql import literal
from monitor.countries import to_iso3

REQUIRED = ("undl_id", "ms_code", "ms_vote", "resolution", "total_yes", "total_no")
RESOLUTION_COLUMNS = {"undl_id", "date", "session", "resolution", "draft", "title", "subjects",
                      "total_yes", "total_no", "total_abstentions", "total_non_voting", "undl_link"}
VOTE_COLUMNS = {"ms_code", "ms_name", "ms_vote", "vote_note"}
NOT_EXTRA = RESOLUTION_COLUMNS | VOTE_COLUMNS
# What a vote on less than a whole draft was on, from its title as the library writes it: "Amendment to draft
# resolution A/C.3/…", "Amendments contained in document …", "Operative paragraph 2 of draft resolution …".
# A resolution whose subject is an amendment ("Amendment of the Treaty Banning …") is a resolution all the same.
AMENDMENT_TO = r"(?i)\b(sub-?)?amendments?\s+(to|of|in|contained\s+in)\s+(the\s+)?(revised\s+)?(draft|document)\b"
AMENDMENT = r"(?i)^\W*(oral\s+)?(sub-?)?amendments?\b"
PARAGRAPH = (r"(?i)^\W*(separate\s+vote\s+on\s+)?(the\s+)?((operative|preambular|sub-?)\s*)?paragraphs?\b"
             r"|\bparagraphs?\s+[\w ,()-]*\bof\s+(the\s+)?(revised\s+)?draft\b")


def vote_kind_sql(title: str, resolution: str, symbol: str, named: str) -> str:
    """SQL: amendment / paragraph / separate vote / procedural, or NULL for a whole resolution or draft. An amendment
    may be filed as a document with a draft symbol of its own; its title still says it is an amendment. A vote on no
    document at all (no symbol, none named in its title: "Motion to adjourn the debate", a no-action motion, its
    title a sentence of the verbatim record) is a procedural vote."""
    t = f"coalesce({title}, '')"
    return (f"CASE WHEN {resolution} IS NOT NULL THEN NULL "
            f"WHEN regexp_matches({t}, '{AMENDMENT_TO}') THEN 'amendment' WHEN {symbol} IS NOT NULL THEN NULL "
            f"WHEN regexp_matches({t}, '{AMENDMENT}') THEN 'amendment' "
            f"WHEN regexp_matches({t}, '{PARAGRAPH}') THEN 'paragraph' "
            f"WHEN {named} IS NULL THEN 'procedural' ELSE 'separate vote' END")


def member_state(code: str | None, name: str | None) -> str:
    """ISO-3 from the member state's code, else its name; Reject naming both."""
    code, name = (code or "").strip(), (name or "").strip()
    if found := to_iso3(code) or to_iso3(name):
        return found
    raise Reject(f"unknown country {name or code!r} (ms_code {code!r}, ms_name {name!r})")


class UndlFormat(Format):
    name: ClassVar[str] = "undl"
    required: ClassVar[tuple[str, ...]] = REQUIRED
    primary_table: ClassVar[str] = "votes"
    description: ClassVar[str] = (
        "UN Digital Library voting export: undl_id, ms_code, ms_name, ms_vote, date, session, resolution, "
        "..., total_yes, total_no, total_abstentions, total_non_voting, total_ms, undl_link"
    )
    priority: ClassVar[int] = 80  # after resolutions files of our own, before bare vote lists

    def mapping(self, src: Source) -> Mapping:
        c = src.col
        symbol = f"coalesce(val({c('resolution')}), val({c('draft')}))"  # a draft voted on but not adopted
        undl_id = f"nullif(trim({c('undl_id')}), '')"
        record = f"CASE WHEN regexp_matches({undl_id}, '^\\d+(\\.0+)?$') THEN 'undl:' || {undl_id} END"
        resolution_id = src.lookup(resolution_id_of, f"coalesce({symbol}, {record})").value
        title = f"nullif(trim(rtrim(trim({c('title')}), ' :/')), '')"  # catalogue style: "Title :"
        named = f"nullif(regexp_extract(coalesce({title}, ''), '{SYMBOL_PATTERN}', 0), '')"  # "… resolution A/C.3/…"
        kind = vote_kind_sql(title, f"val({c('resolution')})", symbol, named)
        meeting = f"val({c('meeting')})"  # A/75/PV.83: the General Assembly's 83rd plenary meeting
        # A General Assembly session (79, or an emergency special session ES-11) and no S/ symbol anywhere: a vote
        # of the Assembly, e.g. a procedural motion on its floor with no document and no meeting symbol given.
        session = c("session")
        assembly = (f"CASE WHEN {session_sql(session)} IS NOT NULL OR regexp_matches(coalesce(val({session}), ''), "
                    "'^ES-\\d+') THEN 'UNGA' END")
        body = (f"coalesce({body_sql(resolution_id)}, CASE WHEN {symbol} IS NULL THEN "
                f"coalesce({body_sql(named)}, {body_sql(meeting)}, {assembly}) END)")
        link = f"coalesce(nullif(trim({c('undl_link')}), ''), 'https://digitallibrary.un.org/record/' || {undl_id})"
        source_id = f"coalesce('undl:' || {undl_id}, {literal('undl:' + src.input_name)})"
        country = src.lookup(member_state, f"trim({c('ms_code')})", f"trim({c('ms_name')})")
        vote = {
            "resolution_id": resolution_id,
            "country_iso3": country.value,
            "vote": c("ms_vote"),
            "note": f"nullif({c('vote_note')}, '')",
            "source_id": source_id,
        }
        resolution = Derived("resolutions", {
            "resolution_id": resolution_id,
            "body": body,
            "vote_date": c("date"),
            "session": session_sql(c("session")),
            "title": title,
            "subjects": c("subjects"),
            "yes": c("total_yes"),
            "no": c("total_no"),
            "abstain": c("total_abstentions"),
            "non_voting": c("total_non_voting"),
            "adopted": f"CASE WHEN {is_resolution_sql(resolution_id)} THEN TRUE END",
            "source_id": source_id,
            "draft": f"nullif(trim({c('draft')}), '')",
            "origin": "'undl'",
            "origin_id": undl_id,
            "extra": src.extra(NOT_EXTRA),
            "vote_kind": kind,
        }, on_conflict="warn")
        source = Derived("sources", {
            "source_id": source_id,
            "publisher": "'United Nations Digital Library'",
            "title": f"'Voting record: ' || coalesce({title}, {resolution_id})",
            "url": link,
            "accessed_on": literal(src.accessed_on.isoformat()),
            "license": "'United Nations terms of use'",
            "notes": literal(f"UN Digital Library voting data export {src.input_name}"),
        })
        rules = [
            Rule("symbol", f"CASE WHEN {symbol} IS NULL AND {undl_id} IS NULL THEN 'no resolution symbol, no draft "
                           "symbol and no UN Digital Library record id (undl_id): nothing names what was voted on' "
                           f"WHEN {symbol} IS NULL AND {record} IS NULL THEN 'undl_id ' || py_repr({undl_id}) || "
                           "' is not a UN Digital Library record number, and the row has no resolution or draft "
                           "symbol: nothing names what was voted on' END"),
            Rule("body", f"CASE WHEN {body} IS NULL THEN 'cannot tell the UN body from ' || coalesce('the symbol ' "
                         f"|| py_repr(trim({symbol})) || ' (expected A/… or S/…)', 'the title or the meeting of "
                         f"record ' || {undl_id} || ' (expected a symbol A/… or S/…)') END"),
            Rule("country", country.reason),
        ]
        return Mapping("votes", vote, rules, derived=[source, resolution])


FORMATS: list[type[Format]] = [UndlFormat]
