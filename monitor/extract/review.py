"""Reviewing candidates against the database: what is new, what is already there, what another source
contradicts (with both sources named), the article with its sentences highlighted, and loading what the
analyst accepted through the ETL (`python -m etl load`, a separate process: the app itself never writes)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from monitor.countries import country_name
from monitor.extract.model import Candidate, Extraction
from monitor.extract.rows import COLUMNS, cell, write_tables
from monitor.queries import extract as queries
from monitor.store import PROJECT_ROOT
from monitor.text import html_text

Lookup = Callable[..., pd.DataFrame]  # lookup(query_function, *args) -> rows (the page caches it)
NEW, SAME, DIFFERS, SIMILAR = "new", "already in the database", "differs from the database", "similar in the database"


@dataclass
class Item:
    """A candidate as the reviewer sees it: its status against the database and why."""

    number: int
    candidate: Candidate
    status: str = NEW
    messages: list[str] = field(default_factory=list)  # what the database already says
    disagreements: list[str] = field(default_factory=list)  # sources that contradict this row or each other

    @property
    def accept_by_default(self) -> bool:
        """Only new facts: loading a repeat would add a duplicate row, loading a contradiction would revise
        the database's row, and both deserve a deliberate choice."""
        return self.status == NEW


def _cite(row: Any) -> str:
    when = f", {_day(row.published_on):%d %b %Y}" if not pd.isna(row.published_on) else ""
    return f"{row.publisher or row.source_id}: “{row.title}”{when}" if row.title else str(row.source_id)


def _check_resolution(item: Item, lookup: Lookup, items: list[Item]) -> None:
    f = item.candidate.fields
    found = lookup(queries.resolutions_on, f["body"], f["vote_date"])
    if found.empty:
        return
    row = next(found.itertuples())
    if f["resolution_id"] != row.resolution_id:
        old = f["resolution_id"]
        for other in items:  # the votes follow their resolution
            if other.candidate.fields.get("resolution_id") == old:
                other.candidate.fields["resolution_id"] = row.resolution_id
        item.messages.append(f"Matched to {row.resolution_id}, the {f['body']} vote of {f['vote_date']:%d %B %Y} "
                             f"in the database.")
    diffs = [f"{k}: this article {f[k]}, the database {getattr(row, k)}" for k in ("yes", "no", "abstain")
             if f[k] is not None and not pd.isna(getattr(row, k)) and int(getattr(row, k)) != f[k]]
    if diffs:
        item.status = DIFFERS
        item.disagreements.append("Totals disagree — " + "; ".join(diffs) + f". Database source: {_cite(row)}.")
    else:
        item.status = SAME
        item.messages.append(f"Same totals as the database's row ({_cite(row)}).")


def _check_vote(item: Item, lookup: Lookup) -> None:
    f = item.candidate.fields
    found = lookup(queries.votes_on, f["resolution_id"])
    row = next((r for r in found.itertuples() if r.country_iso3 == f["country_iso3"]), None)
    if row is None:
        return
    if row.vote == f["vote"]:
        item.status = SAME
        item.messages.append(f"The database has the same vote ({_cite(row)}).")
    else:
        item.status = DIFFERS
        item.disagreements.append(f"{country_name(f['country_iso3'])}: this article says {f['vote']}, the "
                                  f"database {row.vote} ({_cite(row)}).")


def _figure(low: Any, best: Any, high: Any) -> int | None:
    return next((int(v) for v in (low, best, high) if v is not None and not pd.isna(v)), None)


def _day(value: Any) -> date:
    return pd.Timestamp(value).date()


def _dated(as_of: Any, precision: Any) -> str:
    """'as of 20 May 2021' for the reporter's own date; 'reported 19 Jun 2021' for a news report's date."""
    return f"{'reported' if precision == 'reported' else 'as of'} {_day(as_of):%d %b %Y}"


def _check_casualties(item: Item, lookup: Lookup) -> None:
    """Repeats of the figure, and every other count near its date: sources that disagree are shown side by side."""
    f = item.candidate.fields
    found = lookup(queries.casualty_reports_near, f["country_iso3"], f["as_of"])
    mine = _figure(f["killed_low"], f["killed_best"], f["killed_high"])
    others = []
    for row in found.itertuples():
        theirs = _figure(row.killed_low, row.killed_best, row.killed_high)
        if theirs == mine and _day(row.as_of) == f["as_of"] and row.qualifier == f["qualifier"]:
            item.status = SAME
            item.messages.append(f"The database has this figure ({_cite(row)}).")
        elif theirs != mine:
            others.append(f"{row.qualifier} {theirs} {row.victims} {_dated(row.as_of, row.date_precision)}, "
                          f"{row.reported_by} ({_cite(row)})")
    if others:
        item.status = DIFFERS if item.status == NEW else item.status
        item.disagreements.append(
            f"Counts for {country_name(f['country_iso3'])} within two weeks disagree. This article: {f['qualifier']} "
            f"{mine} {f['victims']} {_dated(f['as_of'], f['date_precision'])}, {f['reported_by']}. In the database: "
            + "; ".join(others) + ".")


def _window(d: date, precision: str | None) -> tuple[date, date]:
    if precision == "month":
        return d, d + timedelta(days=31)
    if precision == "reported":  # happened on or before the report: anything in the months before may be it
        return d - timedelta(days=120), d + timedelta(days=3)
    slack = 3 if precision in {"day", "range"} else 7
    return d - timedelta(days=slack), d + timedelta(days=slack)


def _check_event(item: Item, lookup: Lookup) -> None:
    f = item.candidate.fields
    found = lookup(queries.similar_events, f["event_type"], f["country_iso3"],
                   *_window(f["event_date"], f["date_precision"]))
    # The same meeting has the same people: keep the rows naming each actor (a meeting with others is new; for
    # other events, whose actors are written in many ways, a row not naming them may still be the same).
    surnames = [actor.split("(")[0].split()[-1] for actor in (f.get("actor1"), f.get("actor2"))
                if actor and actor.split("(")[0].strip()]
    if surnames and not found.empty:
        text = found["actor1"].fillna("") + " " + found["actor2"].fillna("") + " " + found["summary"].fillna("")
        named = found[text.apply(lambda t: all(re.search(rf"\b{re.escape(n)}\b", t) for n in surnames))]
        found = named if not named.empty or f["event_type"] == "meeting" else found
    if not found.empty:
        item.status = SIMILAR
        item.messages += [f"Similar: {r.event_id} on {_day(r.event_date):%d %b %Y} ({_cite(r)})."
                          for r in found.itertuples()]


def _check_visit(item: Item, lookup: Lookup) -> None:
    f = item.candidate.fields
    found = lookup(queries.similar_visits, f["visitor_name"], f["host_iso3"],
                   f["start_date"] - timedelta(days=30), f["start_date"] + timedelta(days=30))
    if not found.empty:
        item.status = SIMILAR
        item.messages += [f"Similar: {r.visit_id} from {_day(r.start_date):%d %b %Y} ({_cite(r)})."
                          for r in found.itertuples()]


def review(extraction: Extraction, lookup: Lookup) -> list[Item]:
    """Number the candidates and check each against the database (resolutions first: votes follow their id)."""
    items = [Item(i + 1, c) for i, c in enumerate(extraction.candidates)]
    for item in sorted(items, key=lambda it: it.candidate.table != "resolutions"):
        check = {"resolutions": lambda it: _check_resolution(it, lookup, items), "votes": lambda it: _check_vote(
            it, lookup), "casualty_reports": lambda it: _check_casualties(it, lookup),
            "events": lambda it: _check_event(it, lookup), "visits": lambda it: _check_visit(it, lookup)}
        check[item.candidate.table](item)
    return items


def least_certain_first(items: list[Item]) -> list[Item]:
    """The order a reviewer reads them in: lowest confidence first (then the article's order), so the rows most
    likely to be wrong are checked while attention is fresh."""
    return sorted(items, key=lambda it: (it.candidate.confidence, it.number))


def highlight_html(text: str, items: list[Item]) -> str:
    """The article as escaped HTML, each candidate's sentences marked with the candidates' numbers."""
    labels: dict[tuple[int, int], list[int]] = {}
    for item in items:
        for s in item.candidate.evidence:
            labels.setdefault((s.start, s.end), []).append(item.number)
    out, pos = [], 0
    for (start, end), numbers in sorted(labels.items()):
        if start < pos:
            continue
        tag = ", ".join(map(str, numbers))
        out.append(html_text(text[pos:start]))
        out.append(f'<mark style="background:#fde68a" title="candidates {tag}">{html_text(text[start:end])}'
                   f'<sup style="color:#92400e;font-weight:600"> [{tag}]</sup></mark>')
        pos = end
    out.append(html_text(text[pos:]))
    paragraphs = "".join(out).split("\n\n")
    return "<div style='line-height:1.6'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"


def frames(items: list[Item]) -> dict[str, pd.DataFrame]:
    """One editable table per contract table: '#' then the row's columns as text (source_id is fixed)."""
    by_table: dict[str, list[dict[str, str]]] = {}
    for item in items:
        columns = [c for c in COLUMNS[item.candidate.table] if c not in {"source_id", "other_source_ids"}]
        row = {"#": item.number, **{c: cell(item.candidate.fields.get(c)) for c in columns}}
        by_table.setdefault(item.candidate.table, []).append(row)
    return {table: pd.DataFrame(rows) for table, rows in by_table.items()}


def accepted_tables(edited: dict[str, pd.DataFrame], accepted: set[int], source_id: str
                    ) -> dict[str, list[dict[str, str]]]:
    """The accepted rows of the edited tables, each citing the article."""
    out: dict[str, list[dict[str, str]]] = {}
    for table, frame in edited.items():
        rows = [{**{k: "" if pd.isna(v) else str(v) for k, v in r.items() if k != "#"}, "source_id": source_id}
                for r in frame.to_dict("records") if int(r["#"]) in accepted]
        if rows:
            out[table] = rows
    return out


def load(source: dict[str, Any], tables: dict[str, list[dict[str, str]]], db: Path) -> tuple[int, dict]:
    """Write the accepted rows as curated CSVs in a temporary folder and load them with `python -m etl load`
    into `db`: (exit code, the ETL's JSON report or {'error': message})."""
    with tempfile.TemporaryDirectory(prefix="monitor-extract-") as folder:
        paths = write_tables({"sources": [{c: cell(source.get(c)) for c in COLUMNS["sources"]}], **tables},
                             Path(folder))
        done = subprocess.run([sys.executable, "-m", "etl", "load", *map(str, paths), "--db", str(db), "--json"],
                              cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    try:
        return done.returncode, json.loads(done.stdout)
    except json.JSONDecodeError:
        return done.returncode, {"error": (done.stderr or done.stdout).strip()[-2000:]}
