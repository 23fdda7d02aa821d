"""The Trends page's reads (and `monitor.alerts`'): each dataset's coverage, daily counts per place, the actors of
violent events, first visits and UN agreement per session. The methods themselves are monitor/trends.py's.

Counts are per dataset (`origin`): ACLED, UCDP and GDELT count different things, and each dataset's windows end
where that dataset ends, so they are never added together. An event counts on its first day (`event_date`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd

from monitor import aggregate, event_types, trends
from monitor.queries.filters import SOURCE_COLUMNS, Filters, table_filter
from monitor.queries.votes import _SCORE_SQL
from monitor.store import Store

# Datasets the methods run on: systematic event collections. The curated case files are a handful of cited facts,
# not a series with a baseline.
SERIES_ORIGINS = ("acled", "ucdp", "gdelt")
YEARLY_RELEASES = frozenset({"ucdp"})  # UCDP GED is released per calendar year (covered_to: to 31 December)

# "Violent", as ACLED's trackers define it: battles, explosions/remote violence, violence against civilians, riots,
# and the excessive force against protesters sub-event type (peaceful protests and protests with intervention
# left out). The other datasets through the event-type crosswalk's political-violence group (monitor/event_types.py:
# every UCDP GED event; GDELT's CAMEO roots 18-20).
ACLED_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
EXCESSIVE_FORCE = "Excessive force against protesters"


def violent_sql(alias: str = "events") -> str:
    """SQL true for the violent rows of `alias` (events, or the aggregate events_daily)."""
    acled = (f"{alias}.event_type IN ({', '.join(repr(t) for t in ACLED_VIOLENT)}) "
             f"OR {alias}.sub_event_type = '{EXCESSIVE_FORCE}'")
    return (f"(CASE WHEN {alias}.origin = 'acled' THEN {acled} "
            f"ELSE {event_types.group_sql(event_types.POLITICAL_VIOLENCE.key, alias)} END)")


def _in_countries(f: Filters, start: date, end: date) -> tuple[str, list]:
    """Events that happened in the chosen countries (not merely involving them), starting in [start, end], under
    the shared filters other than the page's date range (the windows are the methods')."""
    window = replace(f, start=start, end=end, event_days=0)  # event_days 0: a plain range on event_date
    where, params = table_filter("events", window)
    country, country_params = f.country_clause("events.country_iso3")
    return (f"{where} AND {country} AND events.origin IN ({', '.join('?' for _ in SERIES_ORIGINS)})",
            [*params, *country_params, *SERIES_ORIGINS])


def coverage(store: Store, origins: tuple[str, ...] | None = SERIES_ORIGINS) -> pd.DataFrame:
    """Each dataset's span, whatever the filters (a quiet week in a country is a zero, not missing data):
    origin, first, last (dates), rows; for `origins` (None: every dataset). From the ETL's aggregate, which always
    agrees with the rows."""
    chosen = f"WHERE origin IN ({', '.join('?' for _ in origins)})" if origins is not None else ""
    return store.query(
        f"""
        SELECT origin, min(event_date) AS first, max(last_date) AS last, sum(events)::BIGINT AS rows
        FROM {aggregate.NAME} {chosen}
        GROUP BY origin ORDER BY origin
        """, list(origins or ()))


def last_day(store: Store, f: Filters) -> date | None:
    """The last day of the selection's event data, or of its monthly aggregates (the default `asof`)."""
    where, params = _in_countries(f, date(1, 1, 1), date(9999, 12, 31))
    events = "events"
    if not f.actors:  # the ETL's aggregate holds every other filter's column
        alias = aggregate.NAME
        country, country_params = f.country_clause(f"{alias}.country_iso3")
        lens, lens_params = f.lens_clause(alias, f"{alias}.civilian_targeting")
        where = f"{country} AND {lens} AND {alias}.origin IN ({', '.join('?' for _ in SERIES_ORIGINS)})"
        params, events = [*country_params, *lens_params, *SERIES_ORIGINS], alias
    counts, count_params = f.country_clause("event_counts.country_iso3")
    value = store.query(f"""SELECT greatest((SELECT max(event_date) FROM {events} WHERE {where}),
                                   (SELECT max(coalesce(period_end, period_start)) FROM event_counts WHERE {counts}))
                            AS last""", [*params, *count_params]).iloc[0]["last"]
    return None if pd.isna(value) else pd.Timestamp(value).date()


def daily_counts(store: Store, f: Filters, start: date, end: date) -> pd.DataFrame:
    """Per dataset, country, region (admin1; '' when the dataset gives none) and day: events, violent events and
    the best-estimate fatalities of violent events, for events starting in [start, end]. Read from the ETL's
    aggregate (events_daily) unless an actor is chosen (the aggregate has no actor column)."""
    if f.actors:
        where, params = _in_countries(f, start, end)
        table, alias, fatalities = "events", "events", "events.fatalities_best"
    else:
        alias = aggregate.NAME
        country, country_params = f.country_clause(f"{alias}.country_iso3")
        lens, lens_params = f.lens_clause(alias, f"{alias}.civilian_targeting")
        where = (f"{alias}.event_date BETWEEN ? AND ? AND {country} AND {lens} "
                 f"AND {alias}.origin IN ({', '.join('?' for _ in SERIES_ORIGINS)})")
        params = [start, end, *country_params, *lens_params, *SERIES_ORIGINS]
        table, fatalities = alias, f"{alias}.fatalities_best"
    events = "count(*)" if table == "events" else f"sum({alias}.events)"
    violent = (f"count(*) FILTER ({violent_sql(alias)})" if table == "events"
               else f"sum({alias}.events) FILTER ({violent_sql(alias)})")
    return store.query(
        f"""
        SELECT {alias}.origin, {alias}.country_iso3, coalesce({alias}.admin1, '') AS admin1,
               {alias}.event_date AS day, {events}::BIGINT AS events, coalesce({violent}, 0)::BIGINT AS violent,
               coalesce(sum({fatalities}) FILTER ({violent_sql(alias)}), 0)::DOUBLE AS fatalities
        FROM {table} WHERE {where}
        GROUP BY ALL ORDER BY ALL
        """, params)


def _non_state_sql(column: str) -> str:
    return " AND ".join(f"lower(trim({column})) NOT LIKE ?" for _ in trends.STATE_OR_CIVILIAN)


def violent_actors(store: Store, f: Filters, month_start: date, month_end: date) -> pd.DataFrame:
    """The non-state actors (actor1 or actor2) of violent events in the month, per dataset and country, and how many
    there were each month of the year before. Rows of kind 'actor': origin, country_iso3, actor, events (in the
    month), active_year_before (in the 12 months before), seen_before (at any time before the month). Rows of kind
    'month': origin, country_iso3, month, events = the distinct actors that month.

    One scan of the 13 months, grouped per actor and month before the names are tested (thousands of names, not
    millions of rows); earlier rows are read only for the month's actors."""
    year_before = (pd.Timestamp(month_start) - pd.DateOffset(years=1)).date()
    recent, recent_params = _in_countries(f, year_before, month_end)
    older, older_params = _in_countries(f, date(1, 1, 1), year_before - timedelta(days=1))
    sides = " UNION ALL ".join(
        f"SELECT events.origin, events.country_iso3, events.{side} AS actor, date_trunc('month', events.event_date) "
        f"AS month FROM events WHERE {recent} AND {violent_sql()} AND events.{side} IS NOT NULL"
        for side in ("actor1", "actor2"))
    return store.query(
        f"""
        WITH acts AS (SELECT origin, country_iso3, trim(actor) AS actor, month, count(*) AS events
                      FROM ({sides}) GROUP BY ALL),
        named AS (SELECT * FROM acts WHERE actor <> '' AND {_non_state_sql('actor')}),
        month AS (SELECT origin, country_iso3, actor, sum(events) AS events FROM named WHERE month >= ? GROUP BY ALL),
        year AS (SELECT DISTINCT origin, country_iso3, actor FROM named WHERE month < ?),
        older AS (SELECT DISTINCT origin, country_iso3, actor FROM (
                    SELECT events.origin, events.country_iso3, events.actor1 AS actor FROM events
                    WHERE {older} AND {violent_sql()} AND events.actor1 IN (SELECT actor FROM month)
                    UNION ALL
                    SELECT events.origin, events.country_iso3, events.actor2 FROM events
                    WHERE {older} AND {violent_sql()} AND events.actor2 IN (SELECT actor FROM month)))
        SELECT 'actor' AS kind, m.origin, m.country_iso3, m.actor, NULL::DATE AS month, m.events,
               y.actor IS NOT NULL AS active_year_before, (y.actor IS NOT NULL OR o.actor IS NOT NULL) AS seen_before
        FROM month m LEFT JOIN year y USING (origin, country_iso3, actor)
        LEFT JOIN older o USING (origin, country_iso3, actor)
        UNION ALL
        SELECT 'month', origin, country_iso3, NULL, month::DATE, count(DISTINCT actor), NULL, NULL
        FROM named WHERE month < ? GROUP BY ALL
        ORDER BY 1, 2, 3, 4, 5
        """, [*recent_params, *recent_params, *[f"{p}%" for p in trends.STATE_OR_CIVILIAN], month_start,
              month_start, *older_params, *older_params, month_start])


def visits_coverage(store: Store) -> tuple[date | None, date | None]:
    row = store.query("SELECT min(start_date) AS first, max(coalesce(end_date, start_date)) AS last FROM visits"
                      ).iloc[0]
    return (None if pd.isna(row["first"]) else pd.Timestamp(row["first"]).date(),
            None if pd.isna(row["last"]) else pd.Timestamp(row["last"]).date())


def first_visits(store: Store, f: Filters, start: date, end: date, quiet_years: int) -> pd.DataFrame:
    """Visits starting in [start, end] between two countries with no visit between them (either way) starting in
    the `quiet_years` before: visit_id, start_date, visitor_name, visitor_iso3, host_iso3, city, last_before,
    and the source columns."""
    country, params = f.country_clause("v.visitor_iso3", "v.host_iso3")
    return store.query(
        f"""
        SELECT v.visit_id, v.start_date, v.visitor_name, v.visitor_role, v.visitor_iso3, v.host_iso3, v.city,
               (SELECT max(p.start_date) FROM visits p
                WHERE least(p.visitor_iso3, p.host_iso3) = least(v.visitor_iso3, v.host_iso3)
                  AND greatest(p.visitor_iso3, p.host_iso3) = greatest(v.visitor_iso3, v.host_iso3)
                  AND p.start_date < v.start_date) AS last_before,
               {SOURCE_COLUMNS}
        FROM visits v LEFT JOIN sources s USING (source_id)
        WHERE v.start_date BETWEEN ? AND ? AND {country} AND v.visitor_iso3 IS NOT NULL AND v.host_iso3 IS NOT NULL
          AND v.visitor_iso3 <> v.host_iso3
          AND NOT EXISTS (SELECT 1 FROM visits p
                          WHERE least(p.visitor_iso3, p.host_iso3) = least(v.visitor_iso3, v.host_iso3)
                            AND greatest(p.visitor_iso3, p.host_iso3) = greatest(v.visitor_iso3, v.host_iso3)
                            AND p.start_date < v.start_date
                            AND p.start_date >= v.start_date - INTERVAL {int(quiet_years)} YEAR)
        ORDER BY v.start_date, v.visit_id
        """, [start, end, *params])


def session_agreement(store: Store, countries: tuple[str, ...], until: date) -> pd.DataFrame:
    """General Assembly agreement of each pair of `countries` per session up to `until` (the UN votes page's
    measure): a, b, session, agreement, shared, last_vote."""
    return store.query(
        f"""
        SELECT a.country_iso3 AS a, b.country_iso3 AS b, r.session, avg({_SCORE_SQL}) AS agreement,
               count(*) AS shared, max(r.vote_date) AS last_vote
        FROM votes a
        JOIN votes b ON b.resolution_id = a.resolution_id AND a.country_iso3 < b.country_iso3
        JOIN resolutions r ON r.resolution_id = a.resolution_id
        WHERE list_contains(?::VARCHAR[], a.country_iso3) AND list_contains(?::VARCHAR[], b.country_iso3)
          AND a.vote IN ('Y', 'N', 'A') AND b.vote IN ('Y', 'N', 'A') AND r.body = 'UNGA'
          AND r.session IS NOT NULL AND r.vote_date <= ?
        GROUP BY ALL ORDER BY a, b, r.session
        """, [list(countries), list(countries), until])


def dataset_sources(store: Store, origins: tuple[str, ...]) -> pd.DataFrame:
    """The sources behind each dataset's events (most rows first): origin, source_id and the citation columns."""
    if not origins:
        return pd.DataFrame(columns=["origin", "source_id", "publisher", "title", "url", "published_on",
                                     "accessed_on", "rows"])
    return store.query(
        f"""
        SELECT e.origin, e.source_id, {SOURCE_COLUMNS}, e.rows
        FROM (SELECT origin, source_id, count(*) AS rows FROM events WHERE origin IN
              ({', '.join('?' for _ in origins)}) GROUP BY ALL) e
        JOIN sources s USING (source_id) ORDER BY e.origin, e.rows DESC
        """, list(origins))


# --- aggregates (event_counts: HDX HAPI's monthly counts of ACLED events) -------------------------------------------

AGGREGATE_VIOLENT = "political_violence"  # HDX HAPI's own group; civilian targeting is a part of it, never added


def aggregate_coverage(store: Store) -> pd.DataFrame:
    """Each aggregate source's months: origin, first (first period's start), last (last period's end), months."""
    return store.query(
        """
        SELECT origin, min(period_start) AS first, max(coalesce(period_end, period_start)) AS last,
               count(DISTINCT period_start) AS months
        FROM event_counts GROUP BY origin ORDER BY origin
        """)


def aggregate_monthly(store: Store, f: Filters, start: date, end: date) -> pd.DataFrame:
    """Political-violence events per aggregate source, country, region (admin1) and month starting in [start, end]
    (admin2 rows summed to their admin1; whole-country rows left out, they would count the regions twice)."""
    where, params = table_filter("event_counts", replace(f, start=start, end=end))
    country, country_params = f.country_clause("event_counts.country_iso3")
    return store.query(
        f"""
        SELECT origin, country_iso3, admin1, period_start AS month, sum(events) AS violent
        FROM event_counts
        WHERE {where} AND {country} AND event_type = ? AND admin1 IS NOT NULL AND period_start BETWEEN ? AND ?
        GROUP BY ALL ORDER BY ALL
        """, [*params, *country_params, AGGREGATE_VIOLENT, start, end])
