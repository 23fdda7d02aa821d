"""Data: every table browsable under the shared filters, with the sources list and the ingest log (what was
loaded, what was rejected and why). (The page adds the table picker and the CSV download.)

URL: `tab` (the table), `page` (the screen of PAGE_ROWS rows, 1 = the first), plus the shared `c`, `from`, `to`.
"""

from __future__ import annotations

import pandas as pd

from monitor import phrases, urls
from monitor.queries import data as queries
from monitor.queries.filters import Filters
from monitor.schema import TABLES
from monitor.views.blocks import Caption, Run, Section, Table, Text, View, section
from monitor.views.state import LinkState, filters_in_words, lens_in_words, shared_filters

TITLE = "Data"
NAMES = [name for table in TABLES for name in (table, *(s for s, (t, _) in queries.SUBSETS.items() if t == table))]
SUBSET_DOCS = {"flagged": "events loaded as their publisher published them, with a quirk worth a look (e.g. UCDP's "
                          "low/best/high out of order); the flag column says what"}
FIRST_COLUMNS = {"events": ("event_id", "flag"), "flagged": ("event_id", "flag"),  # the flag visible, not far right
                 "rejects": ("batch_id", "line_no", "reason")}  # why, then what
FLAG_LABEL = {"flag": "⚑ flag"}
FILTERED = {"events": "country or counterpart, and dates", "flagged": "country or counterpart, and dates",
            "casualty_reports": "country, and the report's as-of date", "visits": "visitor or host, and dates",
            "resolutions": "naming or voted on by the countries, and vote date",
            "votes": "the countries' votes and votes on resolutions naming them, and vote date",
            "event_counts": "country, and periods overlapping the dates",
            "resolution_issues": "roll calls naming or voted on by the countries, and vote date"}


def table_label(table: str) -> str:
    return f"{table} — {SUBSET_DOCS[table] if table in SUBSET_DOCS else TABLES[table].doc}"


def page_of(run: Run, f: Filters, table: str, page: int) -> tuple[int, int, str]:
    """(the page to show: `page`, or the last when `page` is past it; how many pages; a warning, or '')."""
    pages = queries.page_count(run(queries.table_count, table, f))
    if page <= pages:
        return page, pages, ""
    return pages, pages, f"Page {page:,} is past the last page of {table} ({pages:,}); showing the last page."


def shown_rows(run: Run, f: Filters, table: str, page: int = 1) -> tuple[pd.DataFrame, int]:
    """(one screen of rows, paged in SQL, reasons first for rejects, without internal columns; how many match)."""
    rows = run(queries.table_page, table, f, queries.PAGE_ROWS, (page - 1) * queries.PAGE_ROWS)
    total = run(queries.table_count, table, f)
    first = [c for c in FIRST_COLUMNS.get(table, ()) if c in rows.columns]
    if "flag" in rows.columns:  # blank where there is no flag: a column of "None" would read as a flag
        rows = rows.assign(flag=rows["flag"].fillna(""))
    return rows[first + [c for c in rows.columns if c not in first and c != "row_hash"]], total  # row_hash: internal


def table_sections(run: Run, f: Filters, table: str, rows: pd.DataFrame, total: int,
                   page: int = 1) -> list[Section]:
    if table in FILTERED:
        lens = "; ".join(lens_in_words(f))
        scope = (f"Filtered by {FILTERED[table]}: {phrases.countries_label(f.countries)}, "
                 f"{phrases.date_span(f.start, f.end)}" + (f"; {lens}." if lens else "."))
    else:
        scope = "Not filtered: this table is the same for every selection."
    first = (page - 1) * queries.PAGE_ROWS + 1
    shown = (f"rows {first:,}–{first + len(rows) - 1:,} of {total:,} (page {page:,} of "
             f"{queries.page_count(total):,})" if total > len(rows) else f"{total:,} rows")
    schema = TABLES[queries.SUBSETS[table][0] if table in queries.SUBSETS else table]
    dates = tuple(c.name for c in schema.columns if c.type == "DATE" and c.name in rows.columns)
    return [section(Text(f": {shown}. {scope}", strong=table),  # dates as dates: not "2025-06-29 00:00:00"
                    Table(rows, links=("url",) if "url" in rows.columns else (), labels=FLAG_LABEL, dates=dates,
                          wide=("flag",) if "flag" in rows.columns and rows["flag"].astype(bool).any() else ()))]


def table_caption(run: Run, f: Filters, table: str, total: int) -> Section:
    if table in FILTERED:
        return section(Caption(run(queries.cited_by, table, f), note=f"What the {total:,} selected rows cite"))
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
    table = link.read(urls.TAB, "events", allowed=NAMES)
    page, _, past = page_of(run, f, table, link.read(urls.PAGE))
    if past:
        link.warnings.append(past)
        link.used[urls.PAGE.name] = urls.PAGE.encode(page)
    rows, total = shown_rows(run, f, table, page)
    return View(TITLE, (*filters_in_words(f), f"Table: {table_label(table)}", f"Page: {page:,}"),
                (*table_sections(run, f, table, rows, total, page), table_caption(run, f, table, total),
                 *ingest_log(run, f)))
