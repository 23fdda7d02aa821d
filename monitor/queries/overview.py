"""The Overview page's reads: headline casualty reports, deaths counted per dataset, what is on record."""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import (
    SOURCE_COLUMNS,
    Filters,
    cited_rows,
    daily,
    resolutions_naming,
    table_filter,
)
from monitor.store import Store


def selection_counts(store: Store, f: Filters) -> dict[str, int]:
    """Events, visits and casualty reports the filters select; resolutions naming the countries; votes they cast."""
    counts = {table: table_filter(table, f) for table in ("visits", "casualty_reports")}
    counts["resolutions"] = resolutions_naming(f)
    mine, mine_params = f.country_clause("votes.country_iso3")
    counts["votes"] = (f"{mine} AND votes.resolution_id IN (SELECT resolution_id FROM resolutions "
                       "WHERE vote_date BETWEEN ? AND ?)", [*mine_params, f.start, f.end])
    relation, params = daily(f)  # events: summed from the ETL's aggregate
    parts = [f"(SELECT coalesce(sum(events), 0) FROM {relation} d) AS events"]
    for table, (where, p) in counts.items():
        parts.append(f"(SELECT count(*) FROM {table} WHERE {where}) AS {table}")
        params += p
    row = store.query("SELECT " + ", ".join(parts), params).iloc[0]
    return {table: int(row[table]) for table in ("events", *counts)}


def casualty_headlines(store: Store, f: Filters) -> pd.DataFrame:
    """The latest casualty report per (country, victims, reporter) dated in the range, with its source."""
    rows, params = cited_rows("casualty_reports", f)
    return store.query(
        f"""
        {rows}
        QUALIFY row_number() OVER (PARTITION BY country_iso3, victims, reported_by
                                   ORDER BY as_of DESC, report_id) = 1
        ORDER BY coalesce(killed_best, killed_low, killed_high) DESC NULLS LAST, country_iso3
        LIMIT 20
        """,
        params,
    )


def fatalities_by_origin(store: Store, f: Filters) -> pd.DataFrame:
    """Per origin (acled, ucdp, …): events with a death toll, and low/best/high summed where given (from the
    ETL's aggregate, monitor/aggregate.py)."""
    relation, params = daily(f, fatalities=True)
    return store.query(
        f"""
        SELECT origin, sum(counted)::BIGINT AS events,
               sum(n_low)::BIGINT AS n_low, sum(n_best)::BIGINT AS n_best, sum(n_high)::BIGINT AS n_high,
               sum(fatalities_low)::BIGINT AS low, sum(fatalities_best)::BIGINT AS best,
               sum(fatalities_high)::BIGINT AS high, min(event_date) AS first, max(last_date) AS last
        FROM {relation} d
        GROUP BY origin ORDER BY best DESC NULLS LAST, origin
        """,
        params,
    )


def latest_events(store: Store, f: Filters, limit: int = 8) -> pd.DataFrame:
    """The most recent events in the selection, with their sources."""
    where, params = table_filter("events", f)
    return store.query(
        f"""
        SELECT e.*, {SOURCE_COLUMNS} FROM (
            SELECT event_id, event_date, end_date, date_precision, event_type, sub_event_type,
                   country_iso3, counterpart_iso3, location, summary, origin, source_id, flag
            FROM events WHERE {where} ORDER BY event_date DESC, event_id LIMIT ?) e  -- the top rows, then join
        LEFT JOIN sources s USING (source_id)
        ORDER BY event_date DESC, event_id
        """,
        [*params, limit],
    )
