"""The unvotes / Voeten UN General Assembly voting data, long form, into `resolutions` and `votes`.

Two files: the roll calls (rcid, session, date, unres, amend, para, short, descr) and the votes (rcid,
country, country_code, vote). Load them in one command (roll calls go first) or the roll calls first.
The data has no official totals. Absent members and non-members are not in the votes file; where a file
carries them (`absent`, or the original numeric codes 8 = absent, 9 = not a member) absent is kept as X,
apart from abstentions.

A third file, the issues (rcid, short_name, issue), attaches subjects to roll calls already loaded
(`resolution_issues`; UnvotesIssuesFormat).

Resolution ids: `unres` is normalised (R/67/234 -> A/RES/67/234). Several roll calls can share one
symbol (separate votes on a paragraph or an amendment, procedural motions): the first whole-resolution
roll call of a symbol gets the symbol itself; every other one gets `<symbol> (rcid N)`, and a roll call
with no symbol `rcid N`, so no vote is attached to the wrong question.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from etl.formats._shared import columns_of, is_resolution_sql, resolution_id_of
from etl.formats.base import Derived, Detection, Format, Mapping, Reject, Rule, Source, normalise_header
from etl.sql import case_map, literal
from monitor.countries import to_iso3
from monitor.ids import issue_id

ROLL_CALLS = ("rcid", "session", "date", "unres")
ISSUES = ("rcid", "issue")
VOTES = ("rcid", "vote")
ROLL_CALL_MAPPED = {"rcid", "date", "session", "descr", "short"}
NUMERIC_VOTES = {"1": "Y", "2": "A", "3": "N", "8": "X"}

# unvotes keeps the Correlates of War label "Yugoslavia" (YU) for the seat Serbia holds today.
SERBIA_ALONE = date(2006, 6, 3)  # Montenegro's independence: Serbia continued the membership
SERBIA_AND_MONTENEGRO = date(2003, 2, 4)


def yugoslav_seat(vote_date: str) -> str:
    """SQL: who held the seat unvotes labels Yugoslavia on `vote_date` (a DATE expression)."""
    return (f"CASE WHEN {vote_date} >= DATE '{SERBIA_ALONE}' THEN 'SRB' "
            f"WHEN {vote_date} >= DATE '{SERBIA_AND_MONTENEGRO}' THEN 'SCG' ELSE 'YUG' END")


def member(code: str | None, name: str | None) -> str:
    """ISO-3 from the country code, else the name; Reject naming them."""
    code, name = (code or "").strip(), (name or "").strip()
    if found := to_iso3(code) or to_iso3(name):
        return found
    raise Reject(f"unknown country {name or code!r} (country_code {code!r})")


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

    def mapping(self, src: Source) -> Mapping:
        return self._roll_calls(src) if self.kind == "roll_calls" else self._votes(src)

    def _roll_calls(self, src: Source) -> Mapping:
        """Several roll calls can share a symbol: the first whole-resolution one gets the symbol itself."""
        c = src.col
        rcid = f"trim({c('rcid')})"
        amendment, paragraph = (f"coalesce(trim({c(f)}) IN ('1', '1.0'), FALSE)" for f in ("amend", "para"))
        separate = f"({amendment} OR {paragraph})"
        symbol = src.lookup(resolution_id_of, f"val({c('unres')})").value
        first_whole = (f"arg_min({rcid}, {src.rec}) FILTER (WHERE NOT {separate}) "
                       f"OVER (PARTITION BY {symbol})")
        resolution_id = (f"CASE WHEN {symbol} IS NULL THEN 'rcid ' || {rcid} "
                         f"WHEN NOT {separate} AND {rcid} = {first_whole} THEN {symbol} "
                         f"ELSE {symbol} || ' (rcid ' || {rcid} || ')' END")
        title = f"coalesce(nullif(trim({c('descr')}), ''), nullif(trim({c('short')}), ''))"
        prefix = (f"CASE WHEN {amendment} THEN 'Vote on an amendment: ' WHEN {paragraph} THEN "
                  f"'Separate vote on a paragraph: ' ELSE '' END")
        whole = f"(NOT {separate} AND NOT contains({resolution_id}, ' (rcid '))"
        values = {
            "resolution_id": resolution_id,
            "body": "'UNGA'",
            "vote_date": c("date"),
            "session": c("session"),
            "title": f"{prefix} || {title}",
            "subjects": c("short"),
            "adopted": f"CASE WHEN {whole} AND {is_resolution_sql(resolution_id)} THEN TRUE END",
            "source_id": literal(f"unvotes:{src.input_name}"),
            "origin": "'unvotes'",
            "origin_id": rcid,
            "extra": src.extra(ROLL_CALL_MAPPED),
            "vote_kind": f"CASE WHEN {amendment} THEN 'amendment' WHEN {paragraph} THEN 'paragraph' END",
        }
        rules = [Rule("rcid", f"CASE WHEN coalesce({rcid}, '') = '' THEN 'missing rcid' END")]
        return Mapping("resolutions", values, rules, derived=[_source(src, "roll calls")])

    def _votes(self, src: Source) -> Mapping:
        c = src.col
        rcid = _rcid(src)
        # The roll call each rcid names, looked up once per rcid (a subquery per vote cost a 250,000-row file 5 CPU s)
        rc = src.sql_lookup(f"""SELECT k.k0, r.resolution_id, r.vote_date
            FROM (SELECT DISTINCT {rcid} AS k0 FROM {{input}}) k LEFT JOIN (
                SELECT origin_id, min(resolution_id) AS resolution_id, arg_min(vote_date, resolution_id) AS vote_date
                FROM {src.current("resolutions")} WHERE origin = 'unvotes' GROUP BY origin_id) r
            ON r.origin_id = k.k0""", rcid)
        resolution_id, vote_date = f"{rc}.resolution_id", f"{rc}.vote_date"
        country = src.lookup(member, f"trim({c('country_code')})", f"trim({c('country')})")
        seat = yugoslav_seat(vote_date)
        listed = f"coalesce(nullif(trim({c('country')}), ''), trim({c('country_code')}))"
        yugoslav = f"({country.value} = 'YUG' AND {seat} <> 'YUG')"
        vote = f"trim({c('vote')})"
        values = {
            "resolution_id": resolution_id,
            "country_iso3": f"CASE WHEN {yugoslav} THEN {seat} ELSE {country.value} END",
            "vote": f"coalesce({case_map(vote, NUMERIC_VOTES)}, {vote})",
            "note": f"CASE WHEN {yugoslav} THEN 'listed as ' || py_repr({listed}) || ' in unvotes; the seat was "
                    f"held by ' || {seat} || ' on that date' END",
            "source_id": literal(f"unvotes:{src.input_name}"),
        }
        rules = [
            Rule("roll call", f"CASE WHEN {resolution_id} IS NULL THEN 'roll call rcid ' || {rcid} || ' not loaded: "
                              "load un_roll_calls.csv first or in the same command' END"),
            Rule("country", country.reason),
            Rule("member", f"CASE WHEN {vote} = '9' THEN 'vote code 9: not a UN member at the time, so no vote to "
                           "record' END"),
        ]
        return Mapping("votes", values, rules, derived=[_source(src, "votes")])


def issue_of(name: str | None) -> str | None:
    """monitor.ids.issue_id for a lookup over names that may be missing."""
    return issue_id(name) or None if name else None


def _rcid(src: Source) -> str:
    """SQL: the roll-call id as the roll calls file writes it ('5050', not '5050.0')."""
    return f"regexp_replace(trim({src.col('rcid')}), '\\.0$', '')"


def _source(src: Source, what: str) -> Derived:
    return src.export_source(
        f"unvotes:{src.input_name}",
        publisher="Erik Voeten et al., United Nations General Assembly Voting Data (unvotes R package)",
        title=f"UN General Assembly {what} ({src.input_name})",
        url="https://doi.org/10.7910/DVN/LEJUQZ",
        notes="Long-form tables of the unvotes package (github.com/dgrtwo/unvotes); no official totals.",
    )


class UnvotesIssuesFormat(Format):
    """The unvotes issues table: a subject for a roll call already loaded (several per roll call).

    An issue row whose roll call is not loaded is rejected, not kept: it would be a subject of nothing the
    database holds, and the issue filter would count votes that are not there. The reason says what to do;
    loading the issues file again after the roll calls loads those rows."""

    name: ClassVar[str] = "unvotes_issues"
    primary_table: ClassVar[str] = "resolution_issues"
    required: ClassVar[tuple[str, ...]] = ISSUES
    description: ClassVar[str] = "unvotes/Voeten roll-call issues: rcid, short_name, issue"
    priority: ClassVar[int] = 90  # after the roll calls they describe
    on_changed: ClassVar[str] = "update"  # a release that renames an issue revises it
    hash_ignores: ClassVar[tuple[str, ...]] = ("source_id",)

    def detect(self, first_row: list[str]) -> Detection | None:
        header = normalise_header(first_row)
        if all(c in header for c in ISSUES) and not any(c in header for c in ("unres", "vote", "resolution_id")):
            return Detection(columns_of(first_row))
        return None

    def mapping(self, src: Source) -> Mapping:
        c = src.col
        rcid = _rcid(src)
        issue = f"nullif(trim({c('issue')}), '')"
        code = f"nullif(trim({c('short_name')}), '')"
        roll_call = (f"(SELECT resolution_id FROM {src.current('resolutions')} r WHERE r.origin = 'unvotes' "
                     f"AND r.origin_id = {rcid} LIMIT 1)")
        slug = src.lookup(issue_of, f"coalesce({issue}, {code})").value
        values = {
            "resolution_id": roll_call,
            "issue_id": slug,
            "issue": f"coalesce({issue}, {code})",
            "issue_code": code,
            "source_id": literal(f"unvotes:{src.input_name}"),
            "origin": "'unvotes'",
            "origin_id": rcid,
        }
        rules = [
            Rule("rcid", f"CASE WHEN coalesce({rcid}, '') = '' THEN 'missing rcid' END"),
            Rule("issue", f"CASE WHEN {slug} IS NULL THEN 'missing issue: give the issue name (issue) or "
                          "its code (short_name)' END"),
            Rule("roll call", f"CASE WHEN {roll_call} IS NULL THEN 'roll call rcid ' || {rcid} || ' is not loaded: "
                              "load the roll calls file (un_roll_calls.csv) first, or in the same command' END"),
        ]
        return Mapping("resolution_issues", values, rules, derived=[_source(src, "roll-call issues")])


FORMATS: list[type[Format]] = [UnvotesFormat, UnvotesIssuesFormat]
