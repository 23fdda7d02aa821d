"""The shared filters every page applies (countries, dates), as SQL per table, and the reads all pages share.

One filter per table, so a count on the Overview, a lane on the Timeline and a table on the Data page
always agree on what "Myanmar, Feb–Jun 2021" means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from monitor.countries import country_name
from monitor.store import Store

# The sources columns a caption cites, selected beside the rows they back (as `s`).
SOURCE_COLUMNS = "s.publisher, s.title, s.url, s.published_on, s.accessed_on"


@dataclass(frozen=True)
class Filters:
    """The shared filters of every page: countries (empty = all) and a closed date range.

    `event_days`: the longest event's span in days (longest_event_days), when known. An event overlaps the range
    when it starts by `end` and ends on or after `start`; knowing that none lasts longer than `event_days`, it also
    starts on or after `start - event_days`: a plain range on event_date that DuckDB filters inside the scan
    (about 10x faster at 10M events than evaluating coalesce(end_date, event_date) on every row)."""

    start: date
    end: date
    countries: tuple[str, ...] = field(default_factory=tuple)
    event_days: int | None = None

    def event_dates(self) -> tuple[str, list]:
        """SQL keeping the events that overlap the date range."""
        overlaps = "coalesce(events.end_date, events.event_date) >= ?"
        if self.event_days is None:
            return f"events.event_date <= ? AND {overlaps}", [self.end, self.start]
        earliest = self.start - timedelta(days=min(self.event_days, (self.start - date.min).days))
        return f"events.event_date BETWEEN ? AND ? AND {overlaps}", [earliest, self.end, self.start]

    def country_clause(self, *columns: str) -> tuple[str, list]:
        """SQL that keeps rows where any of `columns` is a selected country (all rows when none is)."""
        if not self.countries:
            return "TRUE", []
        marks = ", ".join("?" for _ in self.countries)
        clause = " OR ".join(f"{c} IN ({marks})" for c in columns)
        return f"({clause})", list(self.countries) * len(columns)


def cited_rows(table: str, f: Filters) -> tuple[str, list]:
    """SQL for `table`'s rows under the filters, each with the sources columns its caption cites."""
    where, params = table_filter(table, f)
    return (f"SELECT {table}.*, {SOURCE_COLUMNS} FROM {table} LEFT JOIN sources s USING (source_id) WHERE {where}",
            params)


# Each fact table's (first, last) day of a row, for the span of the data.
_DATED = {"events": ("event_date", "coalesce(end_date, event_date)"),
          "casualty_reports": ("coalesce(period_start, as_of)", "as_of"),
          "visits": ("start_date", "coalesce(end_date, start_date)"), "resolutions": ("vote_date", "vote_date"),
          "event_counts": ("period_start", "coalesce(period_end, period_start)")}
DEFAULT_YEARS = 2  # the span a page opens on: the last two years of the selection's data


def data_date_range(store: Store, countries: tuple[str, ...] = ()) -> tuple[date, date]:
    """The first and last date in any fact table, of the rows that concern `countries` when given (today,
    today when there are none). Each table's min and max, not a scan of a union: cheap at 10M events."""
    everything = Filters(date(1, 1, 1), date(9999, 12, 31), countries)
    parts, params = [], []
    for table, (begins, ends) in _DATED.items():
        where, p = table_filter(table, everything)
        parts.append(f"SELECT min({begins}) AS first, max({ends}) AS last FROM {table} WHERE {where}")
        params += p
    row = store.query(f"SELECT min(first) AS first, max(last) AS last FROM ({' UNION ALL '.join(parts)})",
                      params).iloc[0]
    if pd.isna(row["first"]):
        return date.today(), date.today()
    return pd.Timestamp(row["first"]).date(), pd.Timestamp(row["last"]).date()


def longest_event_days(store: Store) -> int:
    """The longest event in days (end_date - event_date; 0 when none has an end date): Filters.event_days."""
    row = store.query("SELECT coalesce(max(end_date - event_date), 0) AS days FROM events WHERE end_date IS NOT NULL")
    return int(row.iloc[0]["days"])


def default_span(first: date, last: date, years: int = DEFAULT_YEARS) -> tuple[date, date]:
    """The dates a page opens on when the link has none: the last `years` of the data, all of it if shorter.

    Real exports span 1866-2025; drawn whole, a year of interest is a sliver."""
    try:
        start = last.replace(year=last.year - years) + timedelta(days=1)
    except ValueError:  # 29 February
        start = last.replace(year=last.year - years, day=28) + timedelta(days=1)
    return max(first, start), last


def about_countries(f: Filters, alias: str = "resolutions", voted: bool = True) -> tuple[str, list]:
    """Resolutions whose title/subjects name a selected country, or (voted) on which its vote is recorded."""
    if not f.countries:
        return "TRUE", []
    names = [country_name(c) for c in f.countries]
    sql = " OR ".join(f"{alias}.title ILIKE ? OR {alias}.subjects ILIKE ?" for _ in names)
    params: list = [p for name in names for p in (f"%{name}%", f"%{name}%")]
    if voted:
        marks = ", ".join("?" for _ in f.countries)
        sql += f" OR {alias}.resolution_id IN (SELECT resolution_id FROM votes WHERE country_iso3 IN ({marks}))"
        params += list(f.countries)
    return f"({sql})", params


def table_filter(table: str, f: Filters) -> tuple[str, list]:
    """The WHERE clause that applies the shared filters to `table` (TRUE for sources and the ingest log)."""
    if table == "events":
        dates, date_params = f.event_dates()
        where, params = f.country_clause("events.country_iso3", "events.counterpart_iso3")
        return f"{dates} AND {where}", [*date_params, *params]
    if table == "casualty_reports":
        where, params = f.country_clause("casualty_reports.country_iso3")
        return f"casualty_reports.as_of BETWEEN ? AND ? AND {where}", [f.start, f.end, *params]
    if table == "visits":
        where, params = f.country_clause("visits.visitor_iso3", "visits.host_iso3")
        return (f"visits.start_date <= ? AND coalesce(visits.end_date, visits.start_date) >= ? AND {where}",
                [f.end, f.start, *params])
    if table == "resolutions":
        where, params = about_countries(f)
        return f"resolutions.vote_date BETWEEN ? AND ? AND {where}", [f.start, f.end, *params]
    if table == "votes":
        # A country's own votes, and every vote on a resolution about it (Myanmar's own vote may be missing).
        mine, mine_params = f.country_clause("votes.country_iso3")
        about, about_params = about_countries(f, "r", voted=False)
        return ("votes.resolution_id IN (SELECT r.resolution_id FROM resolutions r WHERE r.vote_date BETWEEN ? AND ?)"
                f" AND ({mine} OR votes.resolution_id IN (SELECT r.resolution_id FROM resolutions r WHERE {about}))",
                [f.start, f.end, *mine_params, *about_params])
    if table == "event_counts":  # a period that overlaps the range counts whole (a month is not cut in parts)
        where, params = f.country_clause("event_counts.country_iso3")
        return (f"event_counts.period_start <= ? AND coalesce(event_counts.period_end, event_counts.period_start) >= ? "
                f"AND {where}", [f.end, f.start, *params])
    if table == "resolution_issues":  # the subjects of the roll calls the resolutions filter selects
        about, params = about_countries(f, "r")
        return ("resolution_issues.resolution_id IN (SELECT r.resolution_id FROM resolutions r WHERE r.vote_date "
                f"BETWEEN ? AND ? AND {about})", [f.start, f.end, *params])
    return "TRUE", []


def resolutions_naming(f: Filters) -> tuple[str, list]:
    """Resolutions voted in the range that name a selected country (a member votes on nearly all of them)."""
    about, params = about_countries(f, voted=False)
    return f"resolutions.vote_date BETWEEN ? AND ? AND {about}", [f.start, f.end, *params]


def with_fatalities(f: Filters) -> tuple[str, list]:
    """Events in the range that happened in a selected country (not merely involved it) and count dead."""
    dates, date_params = f.event_dates()
    where, params = f.country_clause("events.country_iso3")
    return (f"{dates} AND {where} AND coalesce(fatalities_low, fatalities_best, fatalities_high) IS NOT NULL",
            [*date_params, *params])


def selection_sources(store: Store, f: Filters, tables: tuple[str, ...]) -> pd.DataFrame:
    """The sources behind the selected rows of `tables` (most used first), for captions."""
    parts, params = [], []
    for table in tables:
        if table == "fatalities":
            where, p = with_fatalities(f)
            table = "events"
        else:
            where, p = table_filter(table, f)
        parts.append(f"SELECT source_id, count(*) AS n FROM {table} WHERE {where} GROUP BY source_id")
        params += p
    return store.query(  # counted per table first: joining millions of rows to sources costs more than counting
        f"""
        SELECT source_id, {SOURCE_COLUMNS}, sum(n)::BIGINT AS rows
        FROM ({' UNION ALL '.join(parts)}) used JOIN sources s USING (source_id)
        GROUP BY ALL ORDER BY rows DESC, source_id LIMIT 50
        """,
        params,
    )
