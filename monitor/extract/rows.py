"""Candidates as curated CSV files (the columns data/sources/ uses), ready for `python -m etl load`."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from monitor.extract.model import FILES, Candidate

# The curated files' columns (data/sources/*.csv): the table contract's names.
COLUMNS: dict[str, list[str]] = {
    "sources": ["source_id", "publisher", "title", "url", "published_on", "accessed_on", "license", "notes"],
    "events": ["event_id", "event_date", "end_date", "date_precision", "event_type", "sub_event_type",
               "country_iso3", "counterpart_iso3", "location", "actor1", "actor2", "summary", "source_id",
               "other_source_ids"],
    "casualty_reports": ["report_id", "country_iso3", "as_of", "date_precision", "period_start", "period_end",
                         "victims", "killed_low", "killed_best", "killed_high", "qualifier", "cumulative",
                         "reported_by", "source_id", "notes"],
    "visits": ["visit_id", "start_date", "end_date", "date_precision", "visitor_name", "visitor_role",
               "visitor_iso3", "host_iso3", "city", "met", "purpose", "multilateral", "occasion", "source_id",
               "other_source_ids"],
    "resolutions": ["resolution_id", "body", "vote_date", "session", "title", "subjects", "yes", "no", "abstain",
                    "non_voting", "adopted", "source_id", "other_source_ids"],
    "votes": ["resolution_id", "country_iso3", "vote", "note", "source_id"],
}


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table_rows(candidates: Iterable[Candidate]) -> dict[str, list[dict[str, str]]]:
    """{table: [row as strings]} in the curated columns."""
    out: dict[str, list[dict[str, str]]] = {}
    for c in candidates:
        out.setdefault(c.table, []).append({col: cell(c.fields.get(col)) for col in COLUMNS[c.table]})
    return out


def write_tables(tables: dict[str, list[dict[str, str]]], folder: Path) -> list[Path]:
    """One curated CSV per table (named as in data/sources/); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, rows in tables.items():
        path = folder / FILES[table]
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS[table], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written


def write_csvs(source: dict[str, Any], candidates: Iterable[Candidate], folder: Path) -> list[Path]:
    """sources.csv plus one file per table that has candidates, every row citing the article."""
    tables = {"sources": [{col: cell(source.get(col)) for col in COLUMNS["sources"]}], **table_rows(candidates)}
    return write_tables(tables, folder)
