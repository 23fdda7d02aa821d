"""Actors: one actor's record under the shared filters. Events and deaths over time, where (countries and
regions), against whom, its first and last event, and the sources. Without an actor: the busiest actors, each a
link to its record.

URL: `actor` (as published; the first one when the link names several), plus the shared filters.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor import phrases, urls
from monitor.countries import country_name
from monitor.figures import actors as figures
from monitor.queries import actors as queries
from monitor.queries import breakdowns
from monitor.queries.filters import Filters, selection_sources
from monitor.queries.timeline import bucket_for
from monitor.text import plain
from monitor.views.blocks import Caption, Chart, Metric, Metrics, Notice, Run, Section, Table, Text, View, section
from monitor.views.breakdowns import breakdown_table
from monitor.views.state import LinkState, filter_params, filters_in_words, shared_filters

TITLE = "Actors"
PICK = "Choose an actor: each row below opens its record (or add `actor=` to the link, as the dataset names it)."
MATCHED = ("Events that happened in the selected countries and name the actor, as the dataset writes it, as actor1, "
           "actor2 or (ACLED) an associated actor")


def _datasets(summary: pd.DataFrame) -> str:
    return ", ".join(plain(o).upper() for o in summary["origin"])


def first_last(row: dict) -> str:
    """The actor's own first and last event in the loaded data (any date), and within the filters' dates when those
    differ: 'first 3 Jan 2021, last 30 Dec 2023 (all loaded data); 1 Feb – 30 Dec 2023 within these dates'."""
    overall = f"first {phrases.day(row['first_all'])}, last {phrases.day(row['last_all'])} (all loaded data)"
    if (phrases.day(row["first"]), phrases.day(row["last"])) == (phrases.day(row["first_all"]),
                                                                  phrases.day(row["last_all"])):
        return overall
    return f"{overall}; {phrases.date_span(row['first'], row['last'])} within these dates"


def month_span(first: object, last: object) -> str:
    """'Apr 2021 – Dec 2023': short enough for a metric (the days are in its help and the caption)."""
    a, b = (f"{pd.Timestamp(d):%b %Y}" for d in (first, last))
    return a if a == b else f"{a} – {b}"


def headline(summary: pd.DataFrame) -> Metrics:
    """Events, deaths, first and last event, per dataset when there are several (never added up)."""
    items = []
    for row in summary.to_dict("records"):
        lead = f"{plain(row['origin']).upper()}: " if len(summary) > 1 else ""
        items += [Metric(f"{lead}Events", phrases.count(row["events"])),
                  Metric(f"{lead}Killed", phrases.killed_cell(row),
                         help=f"Range {phrases.range_cell(row)} (sums of the low and high estimates)"
                         if phrases.range_cell(row) else "The best estimate's sum, where stated"),
                  Metric(f"{lead}First – last event (all data)", month_span(row["first_all"], row["last_all"]),
                         help=first_last(row))]
    return Metrics(tuple(items))


def _places_table(f: Filters, places: pd.DataFrame) -> pd.DataFrame:
    records = places.to_dict("records")
    return pd.DataFrame({
        "Country": [country_name(r["country_iso3"]) if plain(r["country_iso3"]) else "(no country)" for r in records],
        "Region": [plain(r["admin1"]) or "(no region given)" for r in records],
        "Dataset": [plain(r["origin"]).upper() for r in records],
        "Events": places["events"].astype("int64"),
        "Killed": [phrases.killed_cell(r) for r in records],
        "Filter": [region_link(f, r["country_iso3"], r["admin1"]) for r in records],
    })


def region_link(f: Filters, country: object, admin1: object) -> str | None:
    """The Overview with the region as a filter (None for events that name no region)."""
    if not (plain(country) and plain(admin1)):
        return None
    return urls.page_url("overview", {**filter_params(f), urls.REGION.name: [f"{country}:{admin1}"]})


def _opponents_table(f: Filters, opponents: pd.DataFrame) -> pd.DataFrame:
    records = opponents.to_dict("records")
    return pd.DataFrame({
        "Against": [plain(r["opponent"]) or "(no other side named)" for r in records],
        "Dataset": [plain(r["origin"]).upper() for r in records],
        "Events": opponents["events"].astype("int64"),
        "Killed": [phrases.killed_cell(r) for r in records],
        "Record": [urls.page_url("actors", {**filter_params(f), urls.ACTOR.name: [str(r["opponent"])]})
                   if plain(r["opponent"]) else None for r in records],
    })


def _cut(frame: pd.DataFrame, what: str) -> str:
    """'; listed: the busiest 25 of 40 places in UCDP' for each dataset with more rows than are listed."""
    if frame.empty:
        return ""
    per = frame.groupby("origin").agg(shown=("events", "size"), total=("total", "max"))
    parts = [f"the busiest {r.shown} of {r.total:,} {what} in {plain(o).upper()}" for o, r in per.iterrows()
             if r.total > r.shown]
    return f"; listed: {', '.join(parts)}" if parts else ""


def data_ends(run: Run, f: Filters, origins: set[str]) -> dict[str, date]:
    """{'UCDP': 31 Dec 2023} for each of `origins` whose data ends before the filters' end (so an empty tail is
    read as no data, not as the actor stopping)."""
    return {plain(w.origin).upper(): w.covered_to for w in run(breakdowns.windows, f)
            if w.origin in origins and w.covered_to < f.end}


def record_sections(run: Run, f: Filters, actor: str) -> list[Section]:
    bucket = bucket_for(f.start, f.end)
    record = run(queries.actor_record, f, actor, bucket)
    summary = queries.part(record, "summary")
    if summary.empty:
        return [section(Notice(f"No event in this selection names “{plain(actor)}” as a side. Actors are matched "
                               "as the dataset writes them; widen the dates or countries, or pick one below."))]
    cited = queries.part(record, "source").sort_values(["events", "source_id"], ascending=[False, True]).head(50)
    sources = run(queries.cited, tuple(cited["source_id"])).merge(
        cited[["source_id", "events"]].rename(columns={"events": "rows"}), on="source_id")
    as_of = phrases.latest(summary["last"])
    per_period = queries.part(record, "period")
    places = queries.part(record, "place", queries.LISTED)
    opponents = queries.part(record, "opponent", queries.LISTED)
    places_note = ("Events per country and first-level region, as the dataset names it" + _cut(places, "places")
                   + ". “Apply” opens the Overview with the region as a filter")
    ends = data_ends(run, f, set(summary["origin"]))
    spans = "; ".join(f"{plain(r['origin']).upper()}: {first_last(r)}" for r in summary.to_dict("records"))
    against_note = ("The other side of the actor's events: actor1 where the actor is actor2 (or associated with it), "
                    "else actor2" + _cut(opponents, "actors"))
    return [
        section(headline(summary),
                Chart(figures.actor_timeline(per_period, bucket, f.start, f.end, ends), "actor_timeline"),
                Caption(sources, as_of, note=f"{MATCHED}; datasets: {_datasets(summary)}, shown side by side, never "
                                              f"added up. First and last event: {spans}"
                                              + "".join(f". {name}: data ends {phrases.day(end)}; the chart after it "
                                                        "is empty for want of data, not of events"
                                                        for name, end in ends.items()))),
        section(Table(_places_table(f, places), links=("Filter",), link_texts={"Filter": "Apply"}),
                Caption(sources, as_of, note=places_note), title="Where"),
        section(Table(_opponents_table(f, opponents), links=("Record",), link_texts={"Record": "Record"}),
                Caption(sources, as_of, note=against_note), title="Against whom"),
        section(Table(sources[["publisher", "title", "url", "rows"]], links=("url",), link_text="open",
                      labels={"rows": "events"}), title="Sources"),
    ]


def pick_sections(run: Run, f: Filters) -> list[Section]:
    """No actor chosen: the selection's busiest actors, each a link to its record."""
    rows = run(breakdowns.breakdown, f, "actor", 25)
    if rows.empty:
        return [section(Notice("No event in this selection names an actor."))]
    table = breakdown_table(f, "actor", rows).drop(columns=["Filter"])
    return [section(Text(PICK), Table(table, links=("Record",), link_texts={"Record": "Record"}),
                    Caption(run(selection_sources, f, ("events",)), phrases.latest(rows["last"]),
                            note="The busiest actors per dataset in the selection, named as either side"),
                    title="Actors in this selection")]


def sections(run: Run, f: Filters, actor: str | None) -> list[Section]:
    return record_sections(run, f, actor) if actor else pick_sections(run, f)


def headline_text(f: Filters, actor: str | None) -> Text:
    where = f"{phrases.countries_label(f.countries)}, {phrases.date_span(f.start, f.end)}"
    return Text(f" — {where}", strong=plain(actor)) if actor else Text(where)


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)
    actor = first_actor(list(f.actors))
    return View(TITLE, (*filters_in_words(f), f"Actor: {plain(actor) if actor else 'none chosen'}"),
                (section(headline_text(f, actor)), *sections(run, f, actor)))


def first_actor(values: list[str]) -> str | None:
    """The actor whose record the page shows: the first the link's `actor` names; None when it names none."""
    return next((v for v in values if v.strip()), None)
