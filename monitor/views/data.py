"""Data: every table browsable under the shared filters, with the sources list and the ingest log (what was
loaded, what was rejected and why). (The page adds the table picker and the CSV download.)

URL: `tab` (the table), plus the shared `c`, `from`, `to`.
"""

from __future__ import annotations

import pandas as pd

from monitor import links, phrases
from monitor.queries import data as queries
from monitor.queries.filters import Filters, selection_sources
from monitor.schema import TABLES
from monitor.views.blocks import Caption, Run, Section, Table, Text, View, section
from monitor.views.state import LinkState, choice, filters_in_words, shared_filters

TITLE = "Data"
NAMES = list(TABLES)
FILTERED = {"events": "country or counterpart, and dates", "casualty_reports": "country, and the report's as-of date",
            "visits": "visitor or host, and dates", "resolutions": "naming or voted on by the countries, and vote date",
            "votes": "the countries' votes and votes on resolutions naming them, and vote date"}


def table_label(table: str) -> str:
    return f"{table} — {TABLES[table].doc}"


def shown_rows(run: Run, f: Filters, table: str) -> tuple[pd.DataFrame, int]:
    """(the rows shown, capped in SQL, reasons first for rejects, without internal columns; how many match)."""
    rows, total = run(queries.table_rows, table, f)
    first = [c for c in ("batch_id", "line_no", "reason") if table == "rejects" and c in rows.columns]  # why, then what
    return rows[first + [c for c in rows.columns if c not in first and c != "row_hash"]], total  # row_hash: internal


def table_sections(run: Run, f: Filters, table: str, rows: pd.DataFrame, total: int) -> list[Section]:
    if table in FILTERED:
        scope = (f"Filtered by {FILTERED[table]}: {links.countries_label(f.countries)}, "
                 f"{phrases.date_span(f.start, f.end)}.")
    else:
        scope = "Not filtered: this table is the same for every selection."
    shown = f"showing the first {len(rows):,} of {total:,} rows" if total > len(rows) else f"{total:,} rows"
    return [section(Text(f": {shown}. {scope}", strong=table),
                    Table(rows, links=("url",) if "url" in rows.columns else ()))]


def table_caption(run: Run, f: Filters, table: str, total: int) -> Section:
    if table in FILTERED:
        return section(Caption(run(selection_sources, f, (table,)), note=f"What the {total:,} selected rows cite"))
    if table == "sources":
        return section(Caption(None, note="Every fact row points to one of these sources."))
    return section()


def ingest_log(run: Run, f: Filters) -> list[Section]:
    counts = run(queries.table_counts)
    batches, n_batches = run(queries.table_rows, "batches", f, 20)
    reasons = run(queries.reject_reasons)
    warnings, n_warnings = run(queries.table_rows, "warnings", f, 200)
    return [section(
        Caption(None, note=" · ".join(f"{r.table_name} {r.rows:,}" for r in counts.itertuples())),
        Table(batches, title=f"Loads (latest {len(batches):,} of {n_batches:,})"),
        Text("", strong="Rejected rows, by reason"),
        Text("No row has been rejected.") if reasons.empty else Table(reasons, wide=("example",)),
        None if reasons.empty else Caption(None, note="Open the `rejects` table above for each rejected line as it "
                                                      "was read."),
        Text(f" (loaded, but worth a look): {n_warnings:,}", strong="Warnings"),
        None if warnings.empty else Table(warnings),
        title="Ingest log")]


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)
    table = choice(link, "tab", NAMES, "events")
    rows, total = shown_rows(run, f, table)
    return View(TITLE, (*filters_in_words(f), f"Table: {table_label(table)}"),
                (*table_sections(run, f, table, rows, total), table_caption(run, f, table, total),
                 *ingest_log(run, f)))
