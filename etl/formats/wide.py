"""Wide roll-call matrices: one row per vote, one column per member state, into `resolutions` and `votes`.

Recognised by the header's shape, never the file name: at least MIN_STATE_COLUMNS columns that name member
states (UN names in any case, historic names, or ISO-3 codes; monitor.countries) beside a column naming the
vote: a document symbol, a UN Digital Library record id (`token`) or a roll-call id (`rcid`). Cells are
Y / N / A / X or the unvotes codes 1 yes, 2 abstain, 3 no, 8 absent (X), 9 not a member; an empty cell
(or 9) means not a member then: no vote row. Each row is one `resolutions` row with the official totals when
the file gives them; each filled cell one `votes` row (etl/fanout.py unnests them in SQL).

The UN Digital Library's export in this form (1946-2021) has quirks, each loaded, never rejected:
- columns that name one state twice ("COTE D'IVOIRE" and "COTE D’IVOIRE", " UNITED KINGDOM", a state's
  earlier name): read as one state. Where two of them hold a vote on one row, the first column's (in header
  order) is kept and a warning names both votes. A column that names no state ("DONOTKNOW") is kept in the
  row's `extra`, with a warning where it holds a vote.
- `ABSENT COUNT` holds the abstentions and `NO-VOTE COUNT` the non-voting members (ROLES below).
- a draft symbol (A/73/L.42) or none ("MISSING_DATA") where the resolution symbol should be: the draft symbol
  is the id (a failed draft has no other); a row without a symbol is keyed by its record, `undl:<token>`.
- a year alone as the date: the date is left empty and the year kept in `extra`.
Official totals that disagree with the cells are both kept (totals in resolutions, cells in votes) with a
warning. Adoption: a resolution symbol (A/RES/, S/RES/) is proof; a Security Council draft passed if it had
the required majority and no permanent member's No (monitor.votes.council_adopted); a General Assembly
draft's outcome is left unstated (its majority depends on the question).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from etl.formats._shared import body_sql, is_resolution_sql, resolution_id_of
from etl.formats.base import Derived, Detection, Fanout, Format, Mapping, Rule, Source, normalise_header
from etl.formats.unvotes import NUMERIC_VOTES
from etl.sql import case_map, ident, json_object, literal
from monitor.council import ENLARGED_COUNCIL, PERMANENT_MEMBERS
from monitor.countries import is_known_iso3, to_iso3

MIN_STATE_COLUMNS = 5
# Header names of the columns that describe the vote (compared trimmed, lower-case).
ROLES: dict[str, tuple[str, ...]] = {
    "symbol": ("resolution", "unres", "symbol", "resolution_id"),
    "record": ("token", "undl_id", "record_id"),
    "rcid": ("rcid",),
    "body": ("council", "body"),
    "date": ("date", "vote_date"),
    "title": ("title", "descr"),
    "session": ("session",),
    "link": ("link", "undl_link", "url"),
    "members": ("total votes", "total_ms"),  # kept in extra
    "yes": ("yes count", "yes", "total_yes"),
    "no": ("no count", "no", "total_no"),
    # The UN Digital Library's wide export mislabels two totals: ABSENT COUNT holds the abstentions and
    # NO-VOTE COUNT the members present but not voting or absent. Checked against the country cells of its
    # whole 1946-2021 file: read so, all 7,855 rows agree with their cells (but the one whose 15th vote sits in
    # a column named DONOTKNOW); read as labelled, 5,619 rows disagree. The cells are trusted, hence this map.
    "abstain": ("absent count", "abstain", "abstentions", "total_abstentions"),
    "non_voting": ("no-vote count", "non_voting", "non-voting", "total_non_voting", "not voting"),
}
KEYS = ("symbol", "record", "rcid")
TOTALS = {"yes": "Y", "no": "N", "abstain": "A", "non_voting": "X"}
# A cell's code -> the vote; '' = not a member then (unvotes 9): no vote row, like an empty cell.
CELL_CODES = {"Y": "Y", "N": "N", "A": "A", "X": "X", **NUMERIC_VOTES, "9": ""}
BODIES = {"general assembly": "UNGA", "security council": "UNSC", "human rights council": "HRC",
          "unga": "UNGA", "unsc": "UNSC", "hrc": "HRC", "ga": "UNGA", "sc": "UNSC"}
MAJORITY_SQL = f"CASE WHEN {{d}} >= DATE '{ENLARGED_COUNCIL}' THEN 9 ELSE 7 END"  # monitor.votes.council_majority


def state_of_header(header: str) -> str | None:
    """The member state a column names, or None. Two-letter headers are never read as ISO-2 codes: `id` or
    `no` would become Indonesia and Norway."""
    name = header.strip().lstrip("\ufeff").strip()
    if len(name) < 3 or name.lower() in {a for names in ROLES.values() for a in names}:
        return None
    return to_iso3(name) or (name.upper() if len(name) == 3 and is_known_iso3(name.upper()) else None)


@dataclass(frozen=True)
class Layout:
    """What each column of a matrix is: a role (ROLES), a member state (its columns in header order), or neither."""

    roles: dict[str, int]
    states: dict[str, list[int]]
    unnamed: list[int]


def layout(headers: list[str]) -> Layout:
    roles: dict[str, int] = {}
    states: dict[str, list[int]] = {}
    unnamed: list[int] = []
    names = normalise_header(headers)
    for i, (header, name) in enumerate(zip(headers, names, strict=True)):
        role = next((r for r, aliases in ROLES.items() if name in aliases), None)
        if role and role not in roles:
            roles[role] = i
        elif state := state_of_header(header):
            states.setdefault(state, []).append(i)
        else:
            unnamed.append(i)
    return Layout(roles, states, unnamed)


class WideVotesFormat(Format):
    name: ClassVar[str] = "wide"
    primary_table: ClassVar[str] = "resolutions"
    description: ClassVar[str] = (
        "roll-call matrix: one row per vote (resolution, token or rcid; optional date, title, totals), one column "
        "per member state (name or ISO-3), cells Y/N/A/X or 1/2/3/8/9"
    )
    priority: ClassVar[int] = 20  # after sources files, with other roll calls
    # The fact is the vote (body, day, totals, outcome); another export's wording of the title, its record id
    # or a note on a seat makes no new fact: such a row is a duplicate of the one stored.
    hash_ignores: ClassVar[tuple[str, ...]] = ("title", "subjects", "source_id", "other_source_ids", "draft",
                                               "origin", "origin_id", "extra", "note", "vote_kind")

    def detect(self, first_row: list[str]) -> Detection | None:
        headers = [h.lstrip("\ufeff") for h in first_row]
        found = layout(headers)
        if len(found.states) >= MIN_STATE_COLUMNS and any(k in found.roles for k in KEYS):
            return Detection(headers)
        return None

    def mapping(self, src: Source) -> Mapping:
        lay = layout(src.originals)
        col = {i: src.col(name) for i, name in enumerate(src.columns)}

        def role(name: str) -> str:
            return f"val({col[lay.roles[name]]})" if name in lay.roles else "CAST(NULL AS VARCHAR)"

        line = src.per_line(cells_sql(src, lay))
        counted = {t: f"{line}.{t}" for t in TOTALS}
        official = {t: f"TRY_CAST(parse_number({role(t)}) AS INTEGER)" for t in TOTALS}

        symbol = role("symbol")
        norm = src.lookup(resolution_id_of, symbol).value
        named_body = f"({body_sql(norm)})"
        record = f"CASE WHEN regexp_matches({role('record')}, '^\\d+(\\.0+)?$') THEN " \
                 f"regexp_replace({role('record')}, '\\.0+$', '') END"
        rcid = f"regexp_replace({role('rcid')}, '\\.0+$', '')"
        rid = (f"CASE WHEN {named_body} IS NOT NULL THEN {norm} WHEN {record} IS NOT NULL THEN 'undl:' || {record} "
               f"WHEN {rcid} IS NOT NULL THEN 'rcid ' || {rcid} ELSE {norm} END")
        given_body = case_map(f"lower({role('body')})", BODIES)
        # An rcid is the unvotes/Voeten roll-call id: General Assembly votes only.
        body = f"coalesce({given_body}, {named_body}, CASE WHEN {rcid} IS NOT NULL THEN 'UNGA' END)"
        year_only = f"regexp_matches({role('date')}, '^\\d{{4}}$')"
        day = f"CASE WHEN NOT {year_only} THEN {role('date')} END"
        parsed_day = f"parse_date({day})"
        yes = f"coalesce({official['yes']}, {counted['yes']})"
        council = (f"CASE WHEN {parsed_day} IS NULL THEN NULL "
                   f"ELSE {yes} >= {MAJORITY_SQL.format(d=parsed_day)} AND NOT {line}.permanent_no END")
        adopted = f"CASE WHEN {is_resolution_sql(rid)} THEN TRUE WHEN {body} = 'UNSC' THEN {council} END"
        source_id = (f"CASE WHEN {record} IS NOT NULL THEN 'undl:' || {record} "
                     f"ELSE {literal('wide:' + src.input_name)} END")
        title = (f"nullif(regexp_replace({role('title')}, '\\s*:\\s*resolution\\s*/\\s*adopted by the "
                 "[A-Za-z ]+$', ''), '')")
        session = f"coalesce({role('session')}, nullif(regexp_extract({rid}, '^A/(RES/)?(\\d+)/', 2), ''))"
        resolution = {
            "resolution_id": rid, "body": body, "vote_date": day, "session": session, "title": title,
            **{t: role(t) for t in TOTALS}, "adopted": adopted, "source_id": source_id,
            "draft": f"CASE WHEN {named_body} IS NOT NULL AND NOT {is_resolution_sql(norm)} THEN {norm} END",
            "origin": f"CASE WHEN {record} IS NOT NULL THEN 'undl' ELSE 'wide' END",
            "origin_id": f"coalesce({record}, {rcid})", "extra": self._extra(src, lay, col, named_body, year_only),
        }
        stored, kept_warning = self._stored(src, rid, resolution)
        fanout = Fanout("votes", f"{line}.cells", {  # a vote this file adds cites this file, whoever holds the row
            "resolution_id": 'line."p.resolution_id"', "country_iso3": "cell.iso3", "vote": "cell.vote",
            "source_id": source_id})
        rules = [
            Rule("key", f"CASE WHEN {symbol} IS NULL AND {record} IS NULL AND {rcid} IS NULL THEN 'no resolution "
                        "symbol, UN Digital Library record id or roll-call id (rcid): nothing names what was voted "
                        "on' END"),
            Rule("body", f"CASE WHEN {body} IS NULL THEN 'cannot tell the UN body from the symbol ' || "
                         f"coalesce(py_repr({symbol}), '(none)') || ': give it in a Council column (General "
                         "Assembly, Security Council)' END"),
            Rule("cells", f"{line}.unknown"),
        ]
        differs = " OR ".join(f"{official[t]} <> {counted[t]}" for t in TOTALS)
        warnings = [
            f"CASE WHEN {differs} THEN 'the official totals (' || {_said(official)} || ') disagree with the country "
            f"columns (' || {_said(counted)} || '): both kept, the totals in resolutions and the cells in votes' END",
            f"CASE WHEN {year_only} THEN 'the date is a year alone (' || {role('date')} || '): vote_date left "
            "empty, the year kept in extra' END",
            f"CASE WHEN {symbol} IS NOT NULL AND {named_body} IS NULL THEN 'no resolution symbol (' || "
            f"py_repr({symbol}) || '): keyed as ' || {rid} END",
            f"CASE WHEN {body} = 'UNGA' AND {named_body} IS NOT NULL AND NOT {is_resolution_sql(rid)} THEN "
            f"'a draft symbol (' || {rid} || ') where a resolution symbol should be: kept as the id; whether it was "
            "adopted is not stated' END",
            f"{line}.merged", f"{line}.unnamed", kept_warning,
        ]
        return Mapping("resolutions", stored, rules, derived=[self._source(src, record, title, rid)],
                       warnings=warnings, fanout=[fanout], notes=self._notes(src, lay))

    def _stored(self, src: Source, rid: str, resolution: dict[str, str]) -> tuple[dict[str, str], str]:
        """A vote already stored (from the bundled case, unvotes, an earlier load) is kept as stored, so this
        row is its duplicate, never a reject; where this file says something else (or more: official totals
        unvotes lacks), a warning says what. The row's new votes still fill the stored roll call (Fanout)."""
        st = src.per_line(f"SELECT i.rec AS k0, s.* FROM {{input}} JOIN {src.current('resolutions')} s "
                          f"ON s.resolution_id = ({rid})")
        kept = {c: v if c == "resolution_id" else
                f"CASE WHEN {st}.k0 IS NOT NULL THEN CAST({st}.{c} AS VARCHAR) ELSE CAST({v} AS VARCHAR) END"
                for c, v in resolution.items()}
        typed = {"body": "{}", "vote_date": "parse_date({})", "adopted": "CAST({} AS BOOLEAN)",
                 **dict.fromkeys(("session", *TOTALS), "TRY_CAST(parse_number(CAST({} AS VARCHAR)) AS INTEGER)")}
        said = ", ".join(
            f"CASE WHEN {t.format(resolution[c])} IS NOT NULL AND {t.format(resolution[c])} IS DISTINCT FROM "
            f"{st}.{c} THEN '{c} ' || CAST({t.format(resolution[c])} AS VARCHAR) || ' (stored: ' || "
            f"coalesce(CAST({st}.{c} AS VARCHAR), 'none') || ')' END" for c, t in typed.items())
        warning = (f"CASE WHEN {st}.k0 IS NOT NULL AND concat_ws(', ', {said}) <> '' THEN {rid} || ' is already "
                   f"stored (source ' || {st}.source_id || '): kept as stored; this file says ' || "
                   f"concat_ws(', ', {said}) END")
        return kept, warning

    def _extra(self, src: Source, lay: Layout, col: dict[int, str], named_body: str, year_only: str) -> str:
        """The columns that are neither a state nor mapped (TOTAL VOTES, a junk column), a symbol that is none
        (MISSING_DATA) and a date that is a year alone, as JSON."""
        mapped = {i for r, i in lay.roles.items() if r not in ("symbol", "members")}
        mapped |= {i for c in lay.states.values() for i in c}
        mapped.add(lay.roles.get("symbol", -1))
        pairs = [(src.originals[i], col[i]) for i in range(len(col)) if i not in mapped]
        if "symbol" in lay.roles:
            i = lay.roles["symbol"]
            pairs.append((src.originals[i], f"CASE WHEN {named_body} IS NULL THEN {col[i]} END"))
        if "date" in lay.roles:
            i = lay.roles["date"]
            pairs.append((src.originals[i], f"CASE WHEN {year_only} THEN {col[i]} END"))
        return json_object(pairs)

    def _source(self, src: Source, record: str, title: str, rid: str) -> Derived:
        """A UN Digital Library citation per record where the row gives one; else one source for the file."""
        return Derived("sources", {
            "source_id": f"CASE WHEN {record} IS NOT NULL THEN 'undl:' || {record} "
                         f"ELSE {literal('wide:' + src.input_name)} END",
            "publisher": f"CASE WHEN {record} IS NOT NULL THEN 'United Nations Digital Library' ELSE "
                         f"{literal(f'not stated in the file ({src.input_name})')} END",
            "title": f"CASE WHEN {record} IS NOT NULL THEN 'Voting record: ' || coalesce({title}, {rid}) ELSE "
                     f"{literal(f'Roll-call matrix {src.input_name}')} END",
            "url": f"CASE WHEN {record} IS NOT NULL THEN 'https://digitallibrary.un.org/record/' || {record} END",
            "accessed_on": literal(src.accessed_on.isoformat()),
            "license": f"CASE WHEN {record} IS NOT NULL THEN 'United Nations terms of use' END",
            "notes": literal(f"Roll call as given in the wide roll-call file {src.input_name}"),
        })

    def _notes(self, src: Source, lay: Layout) -> list[str]:
        """The header, said once: columns read as one state, columns that name none."""
        merged = "; ".join(" + ".join(repr(src.originals[i]) for i in cols) + f" ({iso})"
                           for iso, cols in lay.states.items() if len(cols) > 1)
        notes = [f"columns read as one member state: {merged}"] if merged else []
        if unnamed := [src.originals[i] for i in lay.unnamed]:
            notes.append(f"columns that name no member state, kept in extra: {', '.join(map(repr, unnamed))}")
        return notes


def _said(values: dict[str, str]) -> str:
    """SQL: 'yes 14, no 0, abstain 1, non-voting 0' from the totals' expressions."""
    return " || ', ' || ".join(f"'{t.replace('_', '-')} ' || coalesce(CAST({v} AS VARCHAR), '?')"
                               for t, v in values.items())


def cells_sql(src: Source, lay: Layout) -> str:
    """SQL per line (`k0` = its position): the states' votes as a list of (iso3, vote) for the votes table, their
    counts (yes/no/abstain/non_voting), whether a permanent member voted No, the first unknown code (a reject
    reason), and warnings for columns of one state that disagree and for votes in columns that name no state.
    One UNPIVOT of the matrix, then GROUP BYs: no expression per column."""
    header = ", ".join(f"({literal(src.columns[i])}, {i}, {literal(repr(src.originals[i]))}, {literal(iso)})"
                       for iso, cols in lay.states.items() for i in cols)
    header += "".join(f", ({literal(src.columns[i])}, {i}, {literal(repr(src.originals[i]))}, NULL)"
                      for i in lay.unnamed)
    cells = ", ".join(f"i.{ident(src.columns[i])}" for c in [*lay.states.values(), lay.unnamed] for i in c)
    code = case_map("regexp_replace(upper(u.cell), '\\.0+$', '')", CELL_CODES)
    counts = ", ".join(f"count(*) FILTER (WHERE vote = '{c}') AS {t}" for t, c in TOTALS.items())
    permanent = ", ".join(literal(p) for p in sorted(PERMANENT_MEMBERS))
    return f"""
        WITH cells AS (
            SELECT u.rec, h.ord, h.header, h.iso3, u.cell, {code} AS code
            FROM (UNPIVOT (SELECT i.rec, {cells} FROM {{input}}) ON COLUMNS(* EXCLUDE (rec))
                  INTO NAME col VALUE cell) u
            JOIN (VALUES {header}) h(col, ord, header, iso3) USING (col)
            WHERE trim(u.cell) <> ''),
        states AS (
            SELECT rec, iso3, arg_min(code, ord) FILTER (WHERE code <> '') AS vote,
                   count(DISTINCT code) FILTER (WHERE code <> '') AS distinct_votes
            FROM cells WHERE iso3 IS NOT NULL GROUP BY ALL),
        per_line AS (
            SELECT rec, list(struct_pack(iso3 := iso3, vote := vote)) FILTER (WHERE vote IS NOT NULL) AS cells,
                   {counts}, coalesce(bool_or(vote = 'N' AND iso3 IN ({permanent})), FALSE) AS permanent_no
            FROM states GROUP BY rec),
        merged AS (  -- rare: columns of one state holding different votes on one line
            SELECT rec, string_agg(said, '; ') AS merged FROM (
                SELECT rec, 'columns ' || string_agg(header, ' and ' ORDER BY ord) || ' all name ' || iso3 ||
                       ' and hold the votes ' || string_agg(code, ' / ' ORDER BY ord) || ': kept the first' AS said
                FROM cells SEMI JOIN (SELECT rec, iso3 FROM states WHERE distinct_votes > 1) USING (rec, iso3)
                WHERE code <> '' GROUP BY rec, iso3)
            GROUP BY rec),
        unknown AS (
            SELECT rec, arg_min('unknown vote code ' || py_repr(trim(cell)) || ' in column ' || header ||
                                ' (use Y, N, A, X or the unvotes codes 1, 2, 3, 8, 9)', ord) AS unknown
            FROM cells WHERE iso3 IS NOT NULL AND code IS NULL GROUP BY rec),
        unnamed AS (
            SELECT rec, string_agg('column ' || header || ' names no member state: its vote ' || py_repr(trim(cell))
                                   || ' is kept in extra, not counted as any state''s vote', '; ' ORDER BY ord)
                        AS unnamed
            FROM cells WHERE iso3 IS NULL AND upper(trim(cell)) IN ('Y', 'N', 'A', 'X') GROUP BY rec)
        SELECT i.rec AS k0, p.cells, {', '.join(f'coalesce(p.{t}, 0) AS {t}' for t in TOTALS)},
               coalesce(p.permanent_no, FALSE) AS permanent_no, m.merged, x.unknown, n.unnamed
        FROM {{input}} LEFT JOIN per_line p ON p.rec = i.rec LEFT JOIN merged m ON m.rec = i.rec
        LEFT JOIN unknown x ON x.rec = i.rec LEFT JOIN unnamed n ON n.rec = i.rec"""


FORMATS: list[type[Format]] = [WideVotesFormat]
