"""The unvotes / Voeten UN General Assembly voting data, long form, into `resolutions` and `votes`.

Two files: the roll calls (rcid, session, date, unres, amend, para, short, descr) and the votes (rcid,
country, country_code, vote). Load them in one command (roll calls go first) or the roll calls first.
The data has no official totals. Absent members and non-members are not in the votes file; where a file
carries them (`absent`, or the original numeric codes 8 = absent, 9 = not a member) absent is kept as X,
apart from abstentions.

Resolution ids: `unres` is normalised (R/67/234 -> A/RES/67/234). Several roll calls can share one
symbol (separate votes on a paragraph or an amendment, procedural motions): the first whole-resolution
roll call of a symbol gets the symbol itself; every other one gets `<symbol> (rcid N)`, and a roll call
with no symbol `rcid N`, so no vote is attached to the wrong question.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from etl.formats._shared import columns_of, extra_json, is_resolution_symbol, normalise_resolution_id
from etl.formats.base import Context, Detection, Format, Record, Reject, normalise_header
from etl.validate import is_missing, parse_date
from monitor.countries import to_iso3

ROLL_CALLS = ("rcid", "session", "date", "unres")
VOTES = ("rcid", "vote")
ROLL_CALL_MAPPED = {"rcid", "date", "session", "descr", "short"}
NUMERIC_VOTES = {"1": "Y", "2": "A", "3": "N", "8": "X"}

# unvotes keeps the Correlates of War label "Yugoslavia" (YU) for the seat Serbia holds today.
SERBIA_ALONE = date(2006, 6, 3)  # Montenegro's independence: Serbia continued the membership
SERBIA_AND_MONTENEGRO = date(2003, 2, 4)


def _yugoslav_seat(vote_date: date | None) -> str:
    if vote_date is None:
        return "YUG"
    if vote_date >= SERBIA_ALONE:
        return "SRB"
    return "SCG" if vote_date >= SERBIA_AND_MONTENEGRO else "YUG"


class UnvotesFormat(Format):
    name: ClassVar[str] = "unvotes"
    primary_table: ClassVar[str] = "votes"  # set per file by detect(): resolutions for the roll calls
    description: ClassVar[str] = (
        "unvotes/Voeten UN votes: roll calls (rcid, session, date, unres, short, descr) or votes "
        "(rcid, country, country_code, vote)"
    )

    # A newer release of the same data under another file name: unchanged rows are duplicates. Revised
    # roll calls are updated; a vote that changed is rejected, naming both loads (votes disagreeing is news).
    hash_ignores: ClassVar[tuple[str, ...]] = ("source_id",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind: str | None = None
        self._issued: set[str] = set()
        self._by_rcid: dict[str, str] = {}
        self._roll_calls: dict[str, tuple[str, date | None]] | None = None
        self._countries: dict[tuple[str, str], str | None] = {}

    def detect(self, first_row: list[str]) -> Detection | None:
        header = normalise_header(first_row)
        columns = columns_of(first_row)
        if all(c in header for c in ROLL_CALLS):
            self.kind, self.primary_table, self.priority, self.on_changed = "roll_calls", "resolutions", 10, "update"
            return Detection(columns)
        if all(c in header for c in VOTES) and ("country" in header or "country_code" in header) \
                and "resolution_id" not in header:
            self.kind, self.primary_table, self.priority = "votes", "votes", 90
            return Detection(columns)
        return None

    def parse(self, r: dict[str, str], ctx: Context) -> list[Record]:
        return self._roll_call(r, ctx) if self.kind == "roll_calls" else self._vote(r, ctx)

    def _source(self, ctx: Context, what: str) -> str:
        source_id = f"unvotes:{ctx.input_name}"
        ctx.ensure_source(
            source_id,
            publisher="Erik Voeten et al., United Nations General Assembly Voting Data (unvotes R package)",
            title=f"UN General Assembly {what} ({ctx.input_name})",
            url="https://doi.org/10.7910/DVN/LEJUQZ",
            accessed_on=ctx.accessed_on,
            notes="Long-form tables of the unvotes package (github.com/dgrtwo/unvotes); no official totals.",
        )
        return source_id

    def _resolution_id(self, rcid: str, unres: str, separate: bool) -> str:
        if rcid in self._by_rcid:
            return self._by_rcid[rcid]
        if is_missing(unres):
            rid = f"rcid {rcid}"
        else:
            symbol = normalise_resolution_id(unres)
            if separate or symbol in self._issued:
                rid = f"{symbol} (rcid {rcid})"
            else:
                rid = symbol
                self._issued.add(symbol)
        self._by_rcid[rcid] = rid
        return rid

    def _roll_call(self, r: dict[str, str], ctx: Context) -> list[Record]:
        rcid = r["rcid"].strip()
        if not rcid:
            raise Reject("missing rcid")
        amendment = r.get("amend", "").strip() in ("1", "1.0")
        paragraph = r.get("para", "").strip() in ("1", "1.0")
        resolution_id = self._resolution_id(rcid, r.get("unres", ""), amendment or paragraph)
        title = r.get("descr", "").strip() or r.get("short", "").strip() or None
        if title and (amendment or paragraph):
            title = ("Vote on an amendment: " if amendment else "Separate vote on a paragraph: ") + title
        whole = not (amendment or paragraph) and " (rcid " not in resolution_id
        values: dict[str, Any] = {
            "resolution_id": resolution_id,
            "body": "UNGA",
            "vote_date": r.get("date"),
            "session": r.get("session"),
            "title": title,
            "subjects": r.get("short"),
            "adopted": True if whole and is_resolution_symbol(resolution_id) else None,
            "source_id": self._source(ctx, "roll calls"),
            "origin": "unvotes",
            "origin_id": rcid,
            "extra": extra_json(r, ROLL_CALL_MAPPED),
        }
        return [Record("resolutions", values)]

    def _load_roll_calls(self, ctx: Context) -> dict[str, tuple[str, date | None]]:
        rows = ctx.lookup("SELECT origin_id, resolution_id, vote_date FROM resolutions WHERE origin = 'unvotes'", [])
        return {str(rcid): (rid, when) for rcid, rid, when in rows}

    def _country(self, code: str, name: str, vote_date: date | None) -> tuple[str, str | None]:
        key = (code, name)
        if key not in self._countries:
            self._countries[key] = to_iso3(code) or to_iso3(name)
        iso3 = self._countries[key]
        if iso3 is None:
            raise Reject(f"unknown country {name or code!r} (country_code {code!r})")
        if iso3 == "YUG":
            seat = _yugoslav_seat(vote_date)
            if seat != "YUG":
                return seat, f"listed as {name or code!r} in unvotes; the seat was held by {seat} on that date"
        return iso3, None

    def _vote(self, r: dict[str, str], ctx: Context) -> list[Record]:
        if self._roll_calls is None:
            self._roll_calls = self._load_roll_calls(ctx)
        rcid = r["rcid"].strip()
        if rcid.endswith(".0"):
            rcid = rcid[:-2]
        found = self._roll_calls.get(rcid)
        if found is None:
            raise Reject(f"roll call rcid {rcid} not loaded: load un_roll_calls.csv first or in the same command")
        resolution_id, vote_date = found
        if isinstance(vote_date, str):
            vote_date = parse_date(vote_date)
        country, note = self._country(r.get("country_code", "").strip(), r.get("country", "").strip(), vote_date)
        vote = r.get("vote", "").strip()
        if vote == "9":
            raise Reject("vote code 9: not a UN member at the time, so no vote to record")
        values = {
            "resolution_id": resolution_id,
            "country_iso3": country,
            "vote": NUMERIC_VOTES.get(vote, vote),
            "note": note,
            "source_id": self._source(ctx, "votes"),
        }
        return [Record("votes", values)]


FORMATS: list[type[Format]] = [UnvotesFormat]
