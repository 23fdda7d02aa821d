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
_CIVILIAN = ("CASE WHEN {a}.event_type = 'Explosions/Remote violence' AND {a}.origin NOT IN ('ucdp', 'gdelt') THEN "
             "coalesce(json_extract_string({a}.extra, '$.civilian_targeting') = '" + ACLED_CIVILIAN_TARGETING
             + "', FALSE) "
             "ELSE FALSE END")
# Year- and month-dated events apart (the Timeline must not pin them to a week); every other precision is a day's.
_PRECISION = ("CASE lower(coalesce({a}.date_precision, 'day')) WHEN 'year' THEN 'year' WHEN 'month' THEN 'month' "
              "ELSE 'day' END")
_SELECT = """{a}.event_date, coalesce({a}.end_date, {a}.event_date) AS last_date, {a}.country_iso3,
    {a}.counterpart_iso3, {a}.admin1, {a}.origin, {a}.event_type, {a}.sub_event_type, {civilian} AS civilian_targeting,
    {precision} AS date_precision,
    count(*) AS events,
    count(*) FILTER (WHERE coalesce({a}.fatalities_low, {a}.fatalities_best, {a}.fatalities_high) IS NOT NULL)
        AS counted,
    count({a}.fatalities_low) AS n_low, count({a}.fatalities_best) AS n_best, count({a}.fatalities_high) AS n_high,
    sum({a}.fatalities_low) AS fatalities_low, sum({a}.fatalities_best) AS fatalities_best,
    sum({a}.fatalities_high) AS fatalities_high,
    sum(coalesce({a}.fatalities_low, {a}.fatalities_best)) AS low_or_best,
    sum(coalesce({a}.fatalities_high, {a}.fatalities_best)) AS high_or_best,
    count(*) FILTER (WHERE {a}.fatalities_low IS NULL AND {a}.fatalities_best IS NOT NULL) AS only_best_low,
    count(*) FILTER (WHERE {a}.fatalities_high IS NULL AND {a}.fatalities_best IS NOT NULL) AS only_best_high"""


def ddl(name: str = NAME) -> str:
    return f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(f'{c} {t}' for c, t in COLUMNS)})"


def select_sql(events: str = "events", where: str = "TRUE", alias: str = "e") -> str:
    """SQL: the aggregate's rows computed from `events` (a table name or a subquery) rows matching `where` (over
    `alias`)."""
    columns = _SELECT.format(a=alias, civilian=_CIVILIAN.format(a=alias), precision=_PRECISION.format(a=alias))
    return f"SELECT {columns} FROM {events} AS {alias} WHERE {where} GROUP BY ALL"


def refresh(con, target: str, touched: str) -> None:  # con: duckdb.DuckDBPyConnection
    """Recompute the aggregate in database `target` for the (origin, event_date) pairs `touched` (a table or a
    subquery)."""
    match = "EXISTS (SELECT 1 FROM {t} t WHERE t.origin = {a}.origin AND t.event_date = {a}.event_date)"
    days = _touched_days(con, touched)
    con.execute(f"DELETE FROM {target}.{NAME} d WHERE {days.format(a='d')} AND {match.format(t=touched, a='d')}")
    con.execute(f"INSERT INTO {target}.{NAME} "
                f"{select_sql(f'{target}.events', days.format(a='e') + ' AND ' + match.format(t=touched, a='e'))}")


def add(con, target: str, new_events: str) -> None:  # con: duckdb.DuckDBPyConnection
    """Add `new_events` (a table or subquery of events none of which was stored before: a load that revised no event)
    to the aggregate in `target`: the groups they fall in are summed with the stored groups of the same dimensions,
    reading the aggregate, not the events. Every measure is a count or a sum, so this equals recomputing the days."""
    dims = [c for c, _ in DIMENSIONS]
    con.execute(f"CREATE OR REPLACE TEMP TABLE _daily_new AS {select_sql(new_events)}")  # the one pass over the rows
    days = _touched_days(con, "_daily_new")
    same = " AND ".join(f"n.{c} IS NOT DISTINCT FROM d.{c}" for c in dims)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE _daily_old AS SELECT d.rowid AS _rid, d.* FROM {target}.{NAME} d
        SEMI JOIN _daily_new n ON {same} WHERE {days.format(a='d')}""")
    if con.execute("SELECT count(*) FROM _daily_old").fetchone()[0]:
        sums = ", ".join(f"sum({c}) AS {c}" for c, _ in MEASURES)
        con.execute(f"DELETE FROM {target}.{NAME} d WHERE {days.format(a='d')} "
                    "AND rowid IN (SELECT _rid FROM _daily_old)")
        con.execute(f"""INSERT INTO {target}.{NAME} SELECT {', '.join(dims)}, {sums} FROM (
            SELECT * FROM _daily_new UNION ALL SELECT * EXCLUDE (_rid) FROM _daily_old) GROUP BY ALL""")
    else:  # no stored group shares the new ones' dimensions (a first load, new days): they go in as they are
        con.execute(f"INSERT INTO {target}.{NAME} SELECT * FROM _daily_new")
    con.execute("DROP TABLE _daily_new; DROP TABLE _daily_old")


# At most this many touched days are also listed as literals: DuckDB filters the events' date column with them
# before it reads the other columns.
DAYS_LISTED = 2_000


def _touched_days(con, touched: str) -> str:
    """SQL over alias {a}: the days `touched` holds as constants (a range, and the days themselves when few), so
    the scan of `events` skips the row groups and rows of other days and a small load reads what it touches, not
    every stored event (the EXISTS alone is a join, which DuckDB cannot use to skip storage)."""
    days = [d for (d,) in con.execute(f"SELECT DISTINCT event_date FROM {touched} t WHERE event_date IS NOT NULL "
                                      f"ORDER BY 1 LIMIT {DAYS_LISTED + 1}").fetchall()]
    if not days:
        return "FALSE"  # the EXISTS matches no NULL day either
    if len(days) <= DAYS_LISTED:  # every day, in order: the range is theirs
        return (f"{{a}}.event_date BETWEEN DATE '{days[0]}' AND DATE '{days[-1]}' AND {{a}}.event_date IN ("
                + ", ".join(f"DATE '{d}'" for d in days) + ")")
    low, high = con.execute(f"SELECT min(event_date), max(event_date) FROM {touched} t").fetchone()
    return f"{{a}}.event_date BETWEEN DATE '{low}' AND DATE '{high}'"


def rebuild(con) -> None:
    """The whole aggregate from the events (an older database's upgrade)."""
    con.execute(f"DELETE FROM {NAME}")
    con.execute(f"INSERT INTO {NAME} {select_sql()}")
