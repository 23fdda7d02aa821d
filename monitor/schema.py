"""The tables: the one place they are defined (DESIGN.md, "Tables (the contract)").

The ETL writes them, the pages read them, outside checks query them by these names.
Columns may be added; the contract columns are never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a DuckDB type: VARCHAR, DATE, INTEGER, DOUBLE, BOOLEAN, TIMESTAMP
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    checks: tuple[str, ...] = ()
    doc: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def content_columns(self) -> list[str]:
        """The columns that state the fact (not which load wrote it): what a revision compares."""
        return [c.name for c in self.columns if c.name not in PROVENANCE_NAMES]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def ddl(self) -> str:
        """CREATE TABLE statement with types, NOT NULLs, the key and CHECKs."""
        lines = [f"{c.name} {c.type}{' NOT NULL' if c.required else ''}" for c in self.columns]
        lines.append(f"PRIMARY KEY ({', '.join(self.key)})")
        lines += [f"CHECK ({check})" for check in self.checks]
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(lines) + "\n)"


def _cols(*specs: tuple[str, str] | tuple[str, str, bool]) -> tuple[Column, ...]:
    return tuple(Column(s[0], s[1], bool(s[2]) if len(s) > 2 else False) for s in specs)


# Every fact table records which batch wrote the row, a hash of its content (so a re-load can tell
# "same row again" from "same key, new content"), and the data version that made the row current.
PROVENANCE = _cols(("batch_id", "INTEGER"), ("row_hash", "VARCHAR"), ("version", "INTEGER"))
PROVENANCE_NAMES = frozenset(c.name for c in PROVENANCE)
# Sources that corroborate the same fact ("; "-separated ids); source_id is the one that states it most
# precisely (e.g. the exact day), so every fact keeps one primary citation.
OTHER_SOURCES = ("other_source_ids", "VARCHAR")
# An imported export's columns that no contract column holds (ACLED's admin3, UCDP's deaths_civilians,
# GDELT's GoldsteinScale ...), as a JSON object: nothing an analyst brought is thrown away.
EXTRA = ("extra", "VARCHAR")

SOURCES = Table(
    "sources",
    _cols(
        ("source_id", "VARCHAR", True),
        ("publisher", "VARCHAR", True),
        ("title", "VARCHAR", True),
        ("url", "VARCHAR"),
        ("published_on", "DATE"),
        ("accessed_on", "DATE"),
        ("license", "VARCHAR"),
        ("notes", "VARCHAR"),
    )
    + PROVENANCE,
    key=("source_id",),
    doc="Where every fact comes from.",
)

EVENTS = Table(
    "events",
    _cols(
        ("event_id", "VARCHAR", True),
        ("event_date", "DATE", True),
        ("end_date", "DATE"),
        # day, month, year, range, or "reported": happened on or before the date it was reported
        ("date_precision", "VARCHAR"),
        ("event_type", "VARCHAR", True),
        ("sub_event_type", "VARCHAR"),
        ("country_iso3", "VARCHAR"),
        ("counterpart_iso3", "VARCHAR"),
        # The publisher's first- and second-level administrative areas, as it names them (ACLED admin1/admin2,
        # UCDP adm_1/adm_2, GDELT's ADM1 from the action geography): the `region` filter's ISO3:admin1.
        ("admin1", "VARCHAR"),
        ("admin2", "VARCHAR"),
        ("location", "VARCHAR"),
        ("latitude", "DOUBLE"),
        ("longitude", "DOUBLE"),
        ("geo_precision", "VARCHAR"),  # exact, city, region, country, unknown (or the source's own code)
        ("actor1", "VARCHAR"),
        ("actor2", "VARCHAR"),
        ("fatalities_low", "INTEGER"),
        ("fatalities_best", "INTEGER"),
        ("fatalities_high", "INTEGER"),
        ("summary", "VARCHAR"),
        ("origin", "VARCHAR", True),  # curated, acled, ucdp, gdelt, ...
        ("origin_id", "VARCHAR"),
        ("source_id", "VARCHAR", True),
        OTHER_SOURCES,
        EXTRA,
        # Loaded as the publisher published it, but worth a look, in words: "best 3 > high 0 as published; the
        # range shown is 0–3" (UCDP's estimates out of order). Each flagged row also has a row in `warnings`.
        ("flag", "VARCHAR"),
    )
    + PROVENANCE,
    key=("event_id",),
    checks=(
        "end_date IS NULL OR end_date >= event_date",
        "fatalities_low IS NULL OR fatalities_low >= 0",
        "latitude IS NULL OR latitude BETWEEN -90 AND 90",
        "longitude IS NULL OR longitude BETWEEN -180 AND 180",
    ),
    doc="Dated things that happened: clashes, visits, meetings, statements, votes, coups.",
)

CASUALTY_REPORTS = Table(
    "casualty_reports",
    _cols(
        ("report_id", "VARCHAR", True),
        ("country_iso3", "VARCHAR", True),
        ("as_of", "DATE", True),
        # day: as_of is the reporter's own date for the figure ("as of 20 May"); reported: as_of is only the
        # date a report carried it (a news story citing the reporter), so the count is as of then or earlier
        ("date_precision", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("victims", "VARCHAR", True),  # civilians, military, all, ...
        ("killed_low", "INTEGER"),
        ("killed_best", "INTEGER"),
        ("killed_high", "INTEGER"),
        ("qualifier", "VARCHAR", True),  # at least, about, exactly, up to
        ("cumulative", "BOOLEAN", True),
        ("reported_by", "VARCHAR", True),
        ("source_id", "VARCHAR", True),
        OTHER_SOURCES,
        ("notes", "VARCHAR"),
    )
    + PROVENANCE,
    key=("report_id",),
    checks=("qualifier IN ('at least', 'about', 'exactly', 'up to')",),
    doc="Casualty figures as a reporter stated them, uncertainty kept.",
)

VISITS = Table(
    "visits",
    _cols(
        ("visit_id", "VARCHAR", True),
        ("start_date", "DATE", True),
        ("end_date", "DATE"),
        ("date_precision", "VARCHAR"),
        ("visitor_name", "VARCHAR", True),
        ("visitor_role", "VARCHAR"),
        ("visitor_iso3", "VARCHAR", True),
        ("host_iso3", "VARCHAR", True),
        ("city", "VARCHAR"),
        ("latitude", "DOUBLE"),
        ("longitude", "DOUBLE"),
        ("geo_precision", "VARCHAR"),
        ("met", "VARCHAR"),  # counterparts, "; "-separated
        ("purpose", "VARCHAR"),
        ("multilateral", "BOOLEAN"),
        ("occasion", "VARCHAR"),
        ("source_id", "VARCHAR", True),
        OTHER_SOURCES,
        ("origin", "VARCHAR"),
        ("origin_id", "VARCHAR"),
        EXTRA,
    )
    + PROVENANCE,
    key=("visit_id",),
    checks=("end_date IS NULL OR end_date >= start_date",),
    doc="Who travelled where, when, and whom they met.",
)

RESOLUTIONS = Table(
    "resolutions",
    _cols(
        ("resolution_id", "VARCHAR", True),  # A/RES/75/287
        ("body", "VARCHAR", True),  # UNGA, UNSC, HRC
        ("vote_date", "DATE"),
        ("session", "INTEGER"),
        ("title", "VARCHAR"),
        ("subjects", "VARCHAR"),
        ("yes", "INTEGER"),
        ("no", "INTEGER"),
        ("abstain", "INTEGER"),
        ("non_voting", "INTEGER"),
        ("adopted", "BOOLEAN"),
        ("source_id", "VARCHAR", True),
        OTHER_SOURCES,
        ("draft", "VARCHAR"),
        ("origin", "VARCHAR"),  # curated, undl, unvotes
        ("origin_id", "VARCHAR"),  # e.g. the Voeten roll-call id (rcid)
        EXTRA,
        # What was voted on when it was not a whole draft or resolution: amendment, paragraph, separate vote,
        # procedural (a motion on no document)
        # (NULL: the whole text). Such votes have no symbol of their own (a UN Digital Library record id instead).
        ("vote_kind", "VARCHAR"),
    )
    + PROVENANCE,
    key=("resolution_id",),
    doc="Recorded votes with their official totals.",
)

VOTES = Table(
    "votes",
    _cols(
        ("resolution_id", "VARCHAR", True),
        ("country_iso3", "VARCHAR", True),
        ("vote", "VARCHAR", True),
        ("note", "VARCHAR"),
        ("source_id", "VARCHAR"),
        OTHER_SOURCES,  # the other publisher that states the same vote (etl/corroborate.py)
    )
    + PROVENANCE,
    key=("resolution_id", "country_iso3"),
    checks=("vote IN ('Y', 'N', 'A', 'X')",),
    doc="Per-country votes; may be partial (a roll call we only partly know).",
)

RESOLUTION_ISSUES = Table(
    "resolution_issues",
    _cols(
        ("resolution_id", "VARCHAR", True),
        ("issue_id", "VARCHAR", True),  # monitor.ids.issue_id: nuclear-weapons, human-rights, ...
        ("issue", "VARCHAR", True),  # as the publisher names it: "Nuclear weapons and nuclear material"
        ("issue_code", "VARCHAR"),  # the publisher's own code (unvotes: nu, hr, me, ...)
        ("source_id", "VARCHAR", True),
        ("origin", "VARCHAR"),  # unvotes
        ("origin_id", "VARCHAR"),  # the roll call's id there (rcid)
    )
    + PROVENANCE,
    key=("resolution_id", "issue_id"),
    doc="Subjects of recorded votes (the unvotes issue codes: human rights, nuclear weapons, ...).",
)

EVENT_COUNTS = Table(
    "event_counts",
    _cols(
        ("origin", "VARCHAR", True),  # hdx-hapi
        ("country_iso3", "VARCHAR", True),
        # The admin area as its provider named it: "Kachin / Bhamo", "Kachin", or WHOLE_COUNTRY (part of the key)
        ("admin_area", "VARCHAR", True),
        ("event_type", "VARCHAR", True),  # the source's own: political_violence, civilian_targeting, demonstration
        ("period_start", "DATE", True),
        ("period_end", "DATE"),
        ("admin_level", "INTEGER"),  # 0 the whole country, 1 or 2 an admin area
        ("admin1", "VARCHAR"),
        ("admin2", "VARCHAR"),
        ("events", "INTEGER", True),
        ("fatalities", "INTEGER"),  # NULL = not reported (e.g. for demonstrations): unknown, never 0
        ("source_id", "VARCHAR", True),
        EXTRA,
    )
    + PROVENANCE,
    key=("origin", "country_iso3", "admin_area", "event_type", "period_start"),
    checks=("period_end IS NULL OR period_end >= period_start", "events >= 0",
            "fatalities IS NULL OR fatalities >= 0"),
    doc="Counts of events per area and period from an aggregate source (HDX HAPI's monthly ACLED figures); never "
        "added to event rows.",
)
WHOLE_COUNTRY = "(whole country)"  # event_counts.admin_area of a country-level count

BATCHES = Table(
    "batches",
    _cols(
        ("batch_id", "INTEGER", True),
        ("started_at", "TIMESTAMP", True),
        ("finished_at", "TIMESTAMP"),
        ("input_path", "VARCHAR", True),
        ("input_sha256", "VARCHAR"),
        ("format", "VARCHAR"),
        ("rows_read", "INTEGER"),
        ("rows_loaded", "INTEGER"),
        ("rows_duplicate", "INTEGER"),
        ("rows_rejected", "INTEGER"),
        ("rows_updated", "INTEGER"),  # part of rows_loaded: existing keys whose content changed
        ("version", "INTEGER"),  # the data version this file's load belongs to
    ),
    key=("batch_id",),
    doc="One row per file loaded: the ingest log.",
)

REJECTS = Table(
    "rejects",
    _cols(
        ("batch_id", "INTEGER", True),
        ("line_no", "INTEGER", True),
        ("input_path", "VARCHAR", True),
        ("raw_record", "VARCHAR"),
        ("reason", "VARCHAR", True),
    ),
    key=("batch_id", "line_no"),
    doc="Every input row that was not loaded, and why.",
)

WARNINGS = Table(
    "warnings",
    _cols(
        ("batch_id", "INTEGER", True),
        ("seq", "INTEGER", True),
        ("line_no", "INTEGER"),
        ("input_path", "VARCHAR"),
        # the row it concerns: its table and its key as text (NULL for a note on the file, e.g. its header)
        ("table_name", "VARCHAR"),
        ("row_key", "VARCHAR"),
        ("reason", "VARCHAR", True),
    ),
    key=("batch_id", "seq"),
    doc="Loaded, but worth a look: a publisher's quirk, a URL kept as text, two sources disagreeing.",
)

VERSIONS = Table(
    "versions",
    _cols(
        ("version", "INTEGER", True),
        ("created_at", "TIMESTAMP", True),
        ("command", "VARCHAR", True),  # load or build
        ("files", "VARCHAR"),  # JSON list of the input paths
        ("rows_loaded", "INTEGER"),
        ("rows_updated", "INTEGER"),
        ("rows_rejected", "INTEGER"),
    ),
    key=("version",),
    doc="One row per successful load or build: a data version that queries can be run as of.",
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (SOURCES, EVENTS, CASUALTY_REPORTS, VISITS, RESOLUTIONS, VOTES, RESOLUTION_ISSUES, EVENT_COUNTS, BATCHES,
              REJECTS, WARNINGS, VERSIONS)
}
# The tables of facts: each keeps its superseded rows in `<table>_history` (see monitor/versions.py).
FACT_TABLES = ("sources", "events", "casualty_reports", "visits", "resolutions", "votes", "resolution_issues",
               "event_counts")
HISTORY_COLUMNS = _cols(("valid_from", "INTEGER"), ("valid_to", "INTEGER"))


def history_name(table: str) -> str:
    return f"{table}_history"


def history_ddl(table: Table) -> str:
    """A fact table's superseded rows: its columns (no key), valid from one version until another."""
    lines = [f"{c.name} {c.type}" for c in table.columns + HISTORY_COLUMNS]
    return f"CREATE TABLE IF NOT EXISTS {history_name(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


# An uncertain count keeps three numbers (UCDP's low / best / high): events.fatalities_*, casualty_reports.killed_*.
# The `est` URL key picks one of them.
ESTIMATES = ("low", "best", "high")


def estimate_column(count: str, est: str) -> str:
    """('fatalities', 'best') -> 'fatalities_best': the column holding one estimate of an uncertain count."""
    if est not in ESTIMATES:
        raise ValueError(f"est must be one of {ESTIMATES}, not {est!r}")
    return f"{count}_{est}"
