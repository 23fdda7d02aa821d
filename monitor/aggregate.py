"""`events_daily`: the ETL-maintained aggregate of `events` that counts and sums read at scale (DESIGN.md).

One row per day × last day × country × counterpart × admin1 × dataset (origin) × event type × sub-event type ×
civilian targeting × how precisely the event is dated, with the events and their fatalities (low, best, high, and
what the pages need beside them). Every filter but `actor` is a column of it, so a page's counts and sums under any
other filters read thousands of rows instead of millions; an actor filter reads the events themselves.

It always agrees with the rows: every load recomputes the (dataset, day) pairs it touches, new and revised rows
alike, inside the load's one transaction (etl/writer.py); `etl upgrade` builds it for an older database; and a link
pinned to an older data version (`v`) reads it computed from the events as of that version (monitor/pinned.py).
"""

from __future__ import annotations

from monitor.event_types import ACLED_CIVILIAN_TARGETING

NAME = "events_daily"
# (column, type): the dimensions, then the measures
DIMENSIONS = (("event_date", "DATE"), ("last_date", "DATE"), ("country_iso3", "VARCHAR"),
              ("counterpart_iso3", "VARCHAR"), ("admin1", "VARCHAR"), ("origin", "VARCHAR"),
              ("event_type", "VARCHAR"), ("sub_event_type", "VARCHAR"), ("civilian_targeting", "BOOLEAN"),
              ("date_precision", "VARCHAR"))
MEASURES = (("events", "BIGINT"), ("counted", "BIGINT"), ("n_low", "BIGINT"), ("n_best", "BIGINT"),
            ("n_high", "BIGINT"), ("fatalities_low", "HUGEINT"), ("fatalities_best", "HUGEINT"),
            ("fatalities_high", "HUGEINT"), ("low_or_best", "HUGEINT"), ("high_or_best", "HUGEINT"),
            ("only_best_low", "BIGINT"), ("only_best_high", "BIGINT"))
COLUMNS = DIMENSIONS + MEASURES

# An ACLED row's civilian_targeting, read from `extra` only where it matters (Explosions/Remote violence).
_CIVILIAN = (f"CASE WHEN e.event_type = 'Explosions/Remote violence' AND e.origin NOT IN ('ucdp', 'gdelt') THEN "
             f"coalesce(json_extract_string(e.extra, '$.civilian_targeting') = '{ACLED_CIVILIAN_TARGETING}', FALSE) "
             "ELSE FALSE END")
# Year- and month-dated events apart (the Timeline must not pin them to a week); every other precision is a day's.
_PRECISION = ("CASE lower(coalesce(e.date_precision, 'day')) WHEN 'year' THEN 'year' WHEN 'month' THEN 'month' "
              "ELSE 'day' END")
_SELECT = f"""e.event_date, coalesce(e.end_date, e.event_date) AS last_date, e.country_iso3, e.counterpart_iso3,
    e.admin1, e.origin, e.event_type, e.sub_event_type, {_CIVILIAN} AS civilian_targeting,
    {_PRECISION} AS date_precision,
    count(*) AS events,
    count(*) FILTER (WHERE coalesce(e.fatalities_low, e.fatalities_best, e.fatalities_high) IS NOT NULL) AS counted,
    count(e.fatalities_low) AS n_low, count(e.fatalities_best) AS n_best, count(e.fatalities_high) AS n_high,
    sum(e.fatalities_low) AS fatalities_low, sum(e.fatalities_best) AS fatalities_best,
    sum(e.fatalities_high) AS fatalities_high,
    sum(coalesce(e.fatalities_low, e.fatalities_best)) AS low_or_best,
    sum(coalesce(e.fatalities_high, e.fatalities_best)) AS high_or_best,
    count(*) FILTER (WHERE e.fatalities_low IS NULL AND e.fatalities_best IS NOT NULL) AS only_best_low,
    count(*) FILTER (WHERE e.fatalities_high IS NULL AND e.fatalities_best IS NOT NULL) AS only_best_high"""


def ddl(name: str = NAME) -> str:
    return f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(f'{c} {t}' for c, t in COLUMNS)})"


def select_sql(events: str = "events", where: str = "TRUE") -> str:
    """SQL: the aggregate's rows computed from `events` (a table name or a subquery) rows matching `where` (over
    alias `e`)."""
    return f"SELECT {_SELECT} FROM {events} e WHERE {where} GROUP BY ALL"


def refresh(con, target: str, touched: str) -> None:  # con: duckdb.DuckDBPyConnection
    """Recompute the aggregate in database `target` for the (origin, event_date) pairs `touched` (a table or a
    subquery)."""
    match = "EXISTS (SELECT 1 FROM {t} t WHERE t.origin = {a}.origin AND t.event_date = {a}.event_date)"
    con.execute(f"DELETE FROM {target}.{NAME} d WHERE {match.format(t=touched, a='d')}")
    con.execute(f"INSERT INTO {target}.{NAME} {select_sql(f'{target}.events', match.format(t=touched, a='e'))}")


def rebuild(con) -> None:
    """The whole aggregate from the events (an older database's upgrade)."""
    con.execute(f"DELETE FROM {NAME}")
    con.execute(f"INSERT INTO {NAME} {select_sql()}")
