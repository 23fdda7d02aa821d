"""The UN Digital Library voting export (2024 and later): one row per member state and resolution.

Header: undl_id, ms_code, ms_name, ms_vote, date, session, resolution, draft, committee_report, meeting,
title, agenda_title, subjects, vote_note, total_yes, total_no, total_abstentions, total_non_voting,
total_ms, undl_link. Each line is a vote (`votes`) and names its resolution with the official totals
(`resolutions`, inserted once; a later line that disagrees becomes a warning). `ms_vote` is Y, N, A or X
(the codebook's NV): present-but-not-voting and absent stay apart from abstentions.
"""

from __future__ import annotations

from typing import ClassVar

from etl.formats._shared import (
    body_of,
    extra_json,
    is_resolution_symbol,
    normalise_resolution_id,
    session_number,
)
from etl.formats.base import Context, Format, Record, Reject
from etl.validate import is_missing
from monitor.countries import to_iso3

REQUIRED = ("undl_id", "ms_code", "ms_vote", "resolution", "total_yes", "total_no")
RESOLUTION_COLUMNS = {"undl_id", "date", "session", "resolution", "draft", "title", "subjects",
                      "total_yes", "total_no", "total_abstentions", "total_non_voting", "undl_link"}
VOTE_COLUMNS = {"ms_code", "ms_name", "ms_vote", "vote_note"}
NOT_EXTRA = RESOLUTION_COLUMNS | VOTE_COLUMNS


class UndlFormat(Format):
    name: ClassVar[str] = "undl"
    required: ClassVar[tuple[str, ...]] = REQUIRED
    primary_table: ClassVar[str] = "votes"
    description: ClassVar[str] = (
        "UN Digital Library voting export: undl_id, ms_code, ms_name, ms_vote, date, session, resolution, "
        "..., total_yes, total_no, total_abstentions, total_non_voting, total_ms, undl_link"
    )
    priority: ClassVar[int] = 80  # after resolutions files of our own, before bare vote lists

    def parse(self, r: dict[str, str], ctx: Context) -> list[Record]:
        symbol = r.get("resolution", "").strip()
        draft = r.get("draft", "").strip()
        if is_missing(symbol):
            if is_missing(draft):
                raise Reject("no resolution symbol and no draft symbol: nothing names what was voted on")
            symbol = draft  # a draft that was voted on but not adopted keeps its draft symbol
        resolution_id = normalise_resolution_id(symbol)
        body = body_of(resolution_id)
        if body is None:
            raise Reject(f"cannot tell the UN body from the symbol {symbol!r} (expected A/… or S/…)")
        undl_id = r.get("undl_id", "").strip()
        link = r.get("undl_link", "").strip() or (
            f"https://digitallibrary.un.org/record/{undl_id}" if undl_id else None)
        source_id = f"undl:{undl_id}" if undl_id else f"undl:{ctx.input_name}"
        ctx.ensure_source(
            source_id,
            publisher="United Nations Digital Library",
            title=f"Voting record: {r.get('title', '').strip() or resolution_id}",
            url=link,
            accessed_on=ctx.accessed_on,
            license="United Nations terms of use",
            notes=f"UN Digital Library voting data export {ctx.input_name}",
        )
        code, name = r.get("ms_code", "").strip(), r.get("ms_name", "").strip()
        country = to_iso3(code) or to_iso3(name)
        if country is None:
            raise Reject(f"unknown country {name or code!r} (ms_code {code!r}, ms_name {name!r})")
        vote = {
            "resolution_id": resolution_id,
            "country_iso3": country,
            "vote": r.get("ms_vote"),
            "note": r.get("vote_note") or None,
            "source_id": source_id,
        }
        resolution = {
            "resolution_id": resolution_id,
            "body": body,
            "vote_date": r.get("date"),
            "session": session_number(r.get("session", "")),
            "title": r.get("title", "").strip().rstrip(" :/").strip() or None,  # catalogue style: "Title :"
            "subjects": r.get("subjects"),
            "yes": r.get("total_yes"),
            "no": r.get("total_no"),
            "abstain": r.get("total_abstentions"),
            "non_voting": r.get("total_non_voting"),
            "adopted": True if is_resolution_symbol(resolution_id) else None,
            "source_id": source_id,
            "draft": draft or None,
            "origin": "undl",
            "origin_id": undl_id or None,
            "extra": extra_json(r, NOT_EXTRA),
        }
        return [Record("votes", vote), Record("resolutions", resolution)]


FORMATS: list[type[Format]] = [UndlFormat]
