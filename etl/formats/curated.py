"""Our own curated CSV formats (data/sources/): one header per table, columns named as in the schema.

A file needs the table's required columns; optional ones may be left out. Countries may be written
as names or codes (they go through monitor.countries).
"""

from __future__ import annotations

from typing import ClassVar

from etl.formats.base import Detection, Format, Mapping, Source, normalise_header
from monitor.schema import TABLES


class CuratedFormat(Format):
    """A CSV whose header names the columns of one table."""

    signature: ClassVar[tuple[str, ...]]  # header cells that identify the table
    excludes: ClassVar[tuple[str, ...]] = ()  # cells that mean it is another table
    aliases: ClassVar[dict[str, str]] = {}

    def detect(self, first_row: list[str]) -> Detection | None:
        header = normalise_header(first_row)
        cells = {self.aliases.get(h, h) for h in header}
        if all(s in cells for s in self.signature) and not any(e in cells for e in self.excludes):
            return Detection([self.aliases.get(h, h) for h in header])
        return None

    def mapping(self, src: Source) -> Mapping:
        """Each column of the table from the file's column of the same name; `origin` defaults to curated."""
        table = TABLES[self.primary_table]
        columns = {c: src.col(c) for c in table.content_columns if src.has(c)}
        if "origin" in table.column_names:
            columns["origin"] = f"coalesce(val({src.col('origin')}), 'curated')"
        return Mapping(self.primary_table, columns)


class SourcesFormat(CuratedFormat):
    name = "sources"
    primary_table = "sources"
    description = "the cited sources: source_id, publisher, title, url, published_on, accessed_on, license"
    priority = 0
    signature = ("source_id", "publisher", "title")
    excludes = ("event_id", "report_id", "visit_id", "resolution_id")


class EventsFormat(CuratedFormat):
    name = "events"
    primary_table = "events"
    description = "dated events: event_id, event_date, event_type, country_iso3, ..., source_id"
    signature = ("event_id", "event_date", "event_type")


class CasualtiesFormat(CuratedFormat):
    name = "casualties"
    primary_table = "casualty_reports"
    description = "casualty figures as reported: report_id, as_of, killed_low/best/high, qualifier, ..."
    signature = ("report_id", "as_of")


class VisitsFormat(CuratedFormat):
    name = "visits"
    primary_table = "visits"
    description = "visits: visit_id, start_date, visitor_name, visitor_iso3, host_iso3, city, met, ..."
    signature = ("visit_id", "start_date", "visitor_name")


class ResolutionsFormat(CuratedFormat):
    name = "resolutions"
    primary_table = "resolutions"
    description = "resolutions with official totals: resolution_id, body, vote_date, yes, no, abstain, ..."
    priority = 10
    signature = ("resolution_id", "yes", "no", "abstain")
    excludes = ("vote",)


class VotesFormat(CuratedFormat):
    name = "votes"
    primary_table = "votes"
    description = "per-country votes: resolution_id, country_iso3 (or country), vote (Y/N/A/X), note"
    priority = 90
    signature = ("resolution_id", "country_iso3", "vote")
    aliases = {"country": "country_iso3"}


FORMATS: list[type[Format]] = [
    SourcesFormat, EventsFormat, CasualtiesFormat, VisitsFormat, ResolutionsFormat, VotesFormat,
]
