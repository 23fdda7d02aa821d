"""Changes: what each data version added, revised (field by field, old → new) and rejected, per table.

URL: `since` (changes after this version; default: the one before `v`), `v` (up to this version; default the
latest), plus the shared `c`, `from`, `to` (applied to the rows changed). Every row links to what it concerns.
"""

from __future__ import annotations

from numbers import Number
from typing import Any

import pandas as pd

from monitor import pinned, urls
from monitor.queries import changes as queries
from monitor.queries.filters import Filters
from monitor.text import plain
from monitor.views.blocks import Caption, Notice, Run, Section, Table, Text, View, section
from monitor.views.state import LinkState, filters_in_words, shared_filters

TITLE = "Changes"
ORDER = ("events", "event_counts", "casualty_reports", "visits", "resolutions", "votes",
         "sources")  # facts first, citations last
FIELD_WORDS = {"fatalities_best": "best estimate of deaths", "fatalities_low": "low estimate of deaths",
               "fatalities_high": "high estimate of deaths", "killed_best": "best figure of the killed",
               "killed_low": "lower bound of the killed", "killed_high": "upper bound of the killed",
               "event_date": "date", "yes": "Yes total", "no": "No total", "abstain": "Abstain total"}


def _id(value: Any) -> str:
    return plain(value)


def concerns(table: str, row: pd.Series, version: int) -> str:
    """The app-relative link to what a changed row concerns, at the version the change made."""
    def day(column: str) -> str:
        value = row.get(column, row.get(f"about_{column}"))
        return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")

    def about(column: str) -> str:
        return plain(row.get(column, row.get(f"about_{column}")))

    v = str(version)
    if table in ("resolutions", "votes"):
        params = {"res": _id(row["resolution_id"]), "c": about("country_iso3") if table == "votes" else "", "v": v}
        return urls.page_url("un_votes", params)
    if table == "visits":
        pair = f"{about('visitor_iso3')}-{about('host_iso3')}"
        return urls.page_url("relationships", {"pair": pair, "from": day("start_date"), "to": day("start_date"),
                                                   "v": v})
    if table == "events":
        return urls.page_url("data", {"tab": "events", "c": about("country_iso3"), "from": day("event_date"),
                                       "to": day("event_date"), "v": v})
    if table == "casualty_reports":
        return urls.page_url("data", {"tab": "casualty_reports", "c": about("country_iso3"),
                                       "from": day("as_of"), "to": day("as_of"), "v": v})
    if table == "event_counts":
        return urls.page_url("data", {"tab": "event_counts", "c": about("country_iso3"),
                                       "from": day("period_start"), "to": day("period_start"), "v": v})
    return urls.page_url("data", {"tab": table, "v": v})


def sentence(table: str, row: pd.Series) -> str:
    """'UCDP raised the best estimate of deaths from 12 to 31'."""
    who = plain(row.get("about_origin")).upper() or "The load"
    field = FIELD_WORDS.get(row["field"], row["field"].replace("_", " "))
    old, new = row["old"], row["new"]
    if isinstance(old, Number) and isinstance(new, Number) and not pd.isna(old) and not pd.isna(new):
        verb = "raised" if new > old else "lowered"
        return f"{who} {verb} the {field} from {old:,.0f} to {new:,.0f}" if float(old).is_integer() and float(
            new).is_integer() else f"{who} {verb} the {field} from {old} to {new}"
    return f"{who} changed the {field} from {_said(old)} to {_said(new)}"


def _said(value: Any) -> str:
    text = plain(value)
    if not text:
        return "(none)"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return f"“{text[:80]}{'…' if len(text) > 80 else ''}”"


def key_text(table: str, row: pd.Series) -> str:
    return " · ".join(plain(row[k]) for k in queries.TABLES[table].key)


def table_sections(run: Run, f: Filters, since: int, until: int) -> list[Section]:
    out = []
    for table in ORDER:
        revised = queries.field_changes(run(queries.revisions, f, table, since, until), table)
        added = run(queries.additions, f, table, since, until)
        if revised.empty and added.empty:
            continue
        blocks: list = []
        if not revised.empty:
            listing = pd.DataFrame({
                "open": [concerns(table, r, int(r["version"])) for _, r in revised.iterrows()],
                "version": revised["version"], "row": [key_text(table, r) for _, r in revised.iterrows()],
                "what changed": [sentence(table, r) for _, r in revised.iterrows()],
                "field": revised["field"], "old": revised["old"].map(plain), "new": revised["new"].map(plain)})
            blocks += [Text(f" ({len(revised):,} fields changed)", strong="Revised"),
                       Table(listing, links=("open",), link_text="open", wide=("what changed",))]
        if not added.empty:
            shown = added.copy()
            shown.insert(0, "open", [concerns(table, r, int(r["version"])) for _, r in added.iterrows()])
            blocks += [Text(f" ({len(added):,}{' shown' if len(added) == queries.ADDED_LIMIT else ''})",
                            strong="Added"), Table(shown, links=("open",), link_text="open")]
        out.append(section(*blocks, title=table))
    return out


def overview_sections(run: Run, f: Filters, since: int, until: int,
                      versions: list[pinned.Version]) -> list[Section]:
    """The versions in the range, with what each loaded, and the filtered counts per table."""
    chosen = [v for v in versions if since < v.number <= until]
    if not chosen:
        return [section(Notice(f"No data version after {since} up to {until}."))]
    loads = pd.DataFrame([{"version": v.number, "loaded": v.loaded_on(), "files": ", ".join(v.files),
                           "rows loaded": v.rows_loaded, "of them revisions": v.rows_updated,
                           "rejected": v.rows_rejected} for v in reversed(chosen)])
    counts = run(queries.change_counts, f, since, until)
    rejected = run(queries.rejections, since, until)
    return [
        section(Text("", strong=f"Changes after version {since}, up to version {until}"),
                Table(loads, title="The loads", wide=("files",)),
                Table(counts, title="Rows changed in the filters, per table",
                      labels={"table_name": "table"}) if not counts.empty else
                Text("No row in the filters was added or revised."),
                Caption(None, note="Added: a key the data did not hold before; revised: a key whose content "
                                   "changed, listed field by field below")),
        section(Text("Rejected input lines are raw text, so the country and date filters do not apply to them.")
                if not rejected.empty else Text("No input line was rejected in these loads."),
                Table(rejected, labels={"input_path": "file", "first_line": "first line"})
                if not rejected.empty else None, title="Rejected")]


def range_of(link: LinkState, versions: list[pinned.Version]) -> tuple[int, int]:
    """(since, until): after `since`, up to the version the link asks for (`v`); the last load's by default."""
    until = link.version or (versions[-1].number if versions else 0)
    since = link.read(urls.SINCE, max(until - 1, 0), allowed=[0, *(v.number for v in versions)])
    if since >= until:
        link.warnings.append(f"`since` ({since}) is not before `v` ({until}): showing the changes version {until} "
                             "made.")
        since = until - 1
    return since, until


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)  # first, as app.py binds them before the page's keys
    versions = run(pinned.all_versions)
    since, until = range_of(link, versions)
    sections = overview_sections(run, f, since, until, versions) + table_sections(run, f, since, until)
    return View(TITLE, (*filters_in_words(f), f"Versions: after {since}, up to {until}"), tuple(sections))
