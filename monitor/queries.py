"""Every read the pages make: parameterised SQL returning DataFrames. Aggregation happens here, in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from monitor.store import Store


@dataclass(frozen=True)
class Filters:
    """The shared filters of every page: countries (empty = all) and a closed date range."""

    start: date
    end: date
    countries: tuple[str, ...] = field(default_factory=tuple)

    def country_clause(self, *columns: str) -> tuple[str, list]:
        """SQL that keeps rows where any of `columns` is a selected country (all rows when none is)."""
        if not self.countries:
            return "TRUE", []
        marks = ", ".join("?" for _ in self.countries)
        clause = " OR ".join(f"{c} IN ({marks})" for c in columns)
        return f"({clause})", list(self.countries) * len(columns)


def data_date_range(store: Store) -> tuple[date, date]:
    """The first and last date in any fact table (today, today for an empty database)."""
    row = store.query(
        """
        SELECT min(d) AS first, max(d) AS last FROM (
            SELECT event_date AS d FROM events UNION ALL SELECT coalesce(end_date, event_date) FROM events
            UNION ALL SELECT as_of FROM casualty_reports UNION ALL SELECT period_start FROM casualty_reports
            UNION ALL SELECT start_date FROM visits UNION ALL SELECT vote_date FROM resolutions)
        """
    ).iloc[0]
    if pd.isna(row["first"]):
        return date.today(), date.today()
    return pd.Timestamp(row["first"]).date(), pd.Timestamp(row["last"]).date()


def table_counts(store: Store) -> pd.DataFrame:
    """Rows per table."""
    from monitor.schema import TABLES

    sql = " UNION ALL ".join(f"SELECT '{t}' AS table_name, count(*) AS rows FROM {t}" for t in TABLES)
    return store.query(sql)
