"""The shared filters every page applies (countries, dates, and what/who/where: event type, sub-event type, actor,
region, dataset), as SQL per table, and the reads all pages share.

One filter per table, so a count on the Overview, a lane on the Timeline and a table on the Data page
always agree on what "Myanmar, Feb–Jun 2021, violence against civilians" means.

What the what/who/where filters do to each table (docs/lens.md):
- events: all five (`type` a publisher's type or a group of monitor/event_types.py; `actor` in actor1, actor2 or
  ACLED's associated actors; `region` ISO3:admin1; `src` the origin);
- event_counts (HDX HAPI's aggregates): `type` as a group (its own types are the groups), `region`, `src`; a filter
  on a publisher's own type, a sub-event type or an actor keeps none of them (they count no such thing);
- visits, resolutions and their votes and issues: `src` only (their origin; a curated row is `curated`);
- casualty_reports: `src` only; they are all curated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from monitor import aggregate, event_types
from monitor.countries import country_name
from monitor.regions import parse_region
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
    # what/who/where (URL keys type, sub, actor, region, src); each empty = no filter
    types: tuple[str, ...] = field(default_factory=tuple)
    subs: tuple[str, ...] = field(default_factory=tuple)
    actors: tuple[str, ...] = field(default_factory=tuple)
    regions: tuple[str, ...] = field(default_factory=tuple)  # ISO3:admin1
    sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def lens(self) -> bool:
        """Whether any what/who/where filter is set."""
        return bool(self.types or self.subs or self.actors or self.regions or self.sources)

    def lens_clause(self, alias: str = "events", civilian: str | None = None) -> tuple[str, list]:
        """SQL keeping the event rows (of `events`, or of the aggregate events_daily) under type, sub, actor, region
        and src. `civilian`: SQL saying whether an ACLED row targeted civilians (the aggregate has a column)."""
        parts: list[str] = []
        params: list = []
        if self.types:
            plain = [t for t in self.types if not event_types.is_group(t)]
            either = [f"({event_types.group_sql(t, alias, civilian)})" for t in self.types if event_types.is_group(t)]
            if plain:
                either.append(f"{alias}.event_type IN ({_marks(plain)})")
                params += plain
            parts.append("(" + " OR ".join(either) + ")")
        if self.subs:
            parts.append(f"{alias}.sub_event_type IN ({_marks(self.subs)})")
            params += list(self.subs)
        if self.actors:
            marks = _marks(self.actors)
            associated = " OR ".join(  # ACLED's associated actors, "; "-separated in extra
                f"list_has_any(string_split(json_extract_string({alias}.extra, '$.{k}'), '; '), [{marks}])"
                for k in ("assoc_actor_1", "assoc_actor_2"))
            parts.append(f"({alias}.actor1 IN ({marks}) OR {alias}.actor2 IN ({marks}) OR "
                         f"({alias}.origin = 'acled' AND {alias}.extra IS NOT NULL AND ({associated})))")
            params += list(self.actors) * 4
        if self.regions:
            clause, region_params = self.region_clause(f"{alias}.country_iso3", f"{alias}.admin1")
            parts.append(clause)
            params += region_params
        if self.sources:
            parts.append(f"{alias}.origin IN ({_marks(self.sources)})")
            params += list(self.sources)
        return (" AND ".join(parts) or "TRUE"), params

    def region_clause(self, country: str, admin1: str) -> tuple[str, list]:
        """SQL keeping rows in one of the regions (ISO3:admin1)."""
        pairs = [p for r in self.regions if (p := parse_region(r))]
        if not pairs:
            return "FALSE", []
        clause = " OR ".join(f"({country} = ? AND {admin1} = ?)" for _ in pairs)
        return f"({clause})", [v for p in pairs for v in p]

    def source_clause(self, origin: str) -> tuple[str, list]:
        """SQL keeping rows whose dataset (`origin`, NULL = curated) is chosen (all rows when none is)."""
        if not self.sources:
            return "TRUE", []
        return f"coalesce({origin}, 'curated') IN ({_marks(self.sources)})", list(self.sources)

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


def _marks(values) -> str:
    return ", ".join("?" for _ in values)


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
    where, params = _table_filter(table, f)
    lens, lens_params = _lens(table, f)
    return (where if lens == "TRUE" else f"{where} AND {lens}"), [*params, *lens_params]


def lens_of(table: str, f: Filters) -> tuple[str, list]:
    """The what/who/where filters alone on `table` (see the module docstring), for a read with dates and countries
    of its own (a pair's file on the Relationships page)."""
    return _lens(table, f)


def _lens(table: str, f: Filters) -> tuple[str, list]:
    """The what/who/where filters on `table` (see the module docstring)."""
    if not f.lens:
        return "TRUE", []
    if table == "events":
        return f.lens_clause()
    if table == "event_counts":
        if f.subs or f.actors or any(not event_types.is_group(t) for t in f.types):
            return "FALSE", []
        parts, params = [], []
        if f.types:
            hdx = [event_types.GROUPS[t].hdx_type for t in f.types]
            parts.append(f"event_counts.event_type IN ({_marks(hdx)})")
            params += hdx
        if f.regions:
            clause, region_params = f.region_clause("event_counts.country_iso3", "event_counts.admin1")
            parts.append(clause)
            params += region_params
        source, source_params = f.source_clause("event_counts.origin")
        return " AND ".join([*parts, source]), [*params, *source_params]
    if table in ("visits", "resolutions"):
        return f.source_clause(f"{table}.origin")
    if table == "casualty_reports":
        return f.source_clause("NULL")
    if table in ("votes", "resolution_issues"):
        if not f.sources:
            return "TRUE", []
        source, params = f.source_clause("r.origin")
        return (f"{table}.resolution_id IN (SELECT r.resolution_id FROM resolutions r WHERE {source})", params)
    return "TRUE", []


def _table_filter(table: str, f: Filters) -> tuple[str, list]:
    """Countries and dates on `table`."""
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
    lens, lens_params = _lens("events", f)
    counted = "coalesce(fatalities_low, fatalities_best, fatalities_high) IS NOT NULL"
    return f"{dates} AND {where} AND {lens} AND {counted}", [*date_params, *params, *lens_params]


def daily(f: Filters, fatalities: bool = False) -> tuple[str, list]:
    """(SQL relation, params): the rows of the aggregate `events_daily` (monitor/aggregate.py) for the events under
    `f`, to count and sum from (`sum(events)`, `sum(fatalities_best)` …). The ETL's aggregate when the filters allow,
    else the same columns computed from the rows (an actor filter: the aggregate has no actors). `fatalities`: only
    the events that happened in a chosen country and count dead, as with_fatalities."""
    if f.actors:
        where, params = with_fatalities(f) if fatalities else table_filter("events", f)
        return f"({aggregate.select_sql('events', where, alias='events')})", params
    a = aggregate.NAME
    if f.event_days is None:
        dates, date_params = f"{a}.event_date <= ? AND {a}.last_date >= ?", [f.end, f.start]
    else:
        earliest = f.start - timedelta(days=min(f.event_days, (f.start - date.min).days))
        dates, date_params = f"{a}.event_date BETWEEN ? AND ? AND {a}.last_date >= ?", [earliest, f.end, f.start]
    columns = (f"{a}.country_iso3",) if fatalities else (f"{a}.country_iso3", f"{a}.counterpart_iso3")
    where, params = f.country_clause(*columns)
    lens, lens_params = f.lens_clause(a, civilian=f"{a}.civilian_targeting")
    counted = f" AND {a}.counted > 0" if fatalities else ""
    return (f"(SELECT * FROM {a} WHERE {dates} AND {where} AND {lens}{counted})",
            [*date_params, *params, *lens_params])


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
