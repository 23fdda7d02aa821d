"""Overview (home): the headline figures for the selection, each with its qualifier and source, and the latest
events. (The page adds links into the other pages with the same filters.)"""

from __future__ import annotations

from monitor import phrases
from monitor.queries import overview as queries
from monitor.queries.filters import Filters, selection_sources
from monitor.views import breakdowns, event_counts
from monitor.views.blocks import Caption, Metric, Metrics, Run, Section, Table, Text, View, section
from monitor.views.state import LinkState, filters_in_words, shared_filters

TITLE = "Conflict Monitor"


def sections(run: Run, f: Filters) -> list[Section]:
    out = [killed(run, f), *breakdowns.sections(run, f), *event_counts.sections(run, f, totals=True)]
    counts = run(queries.selection_counts, f)
    out.append(on_record(run, f, counts))
    latest = run(queries.latest_events, f, 8)
    out.append(section(
        Text("No events in this selection.") if latest.empty else None,
        None if latest.empty else Table(phrases.events_table(latest), wide=("Summary",)),
        None if latest.empty else Caption(latest, phrases.latest(latest["event_date"]),
                                          note=f"The {len(latest)} latest of {counts['events']:,}"),
        title="Latest events"))
    return out


def killed(run: Run, f: Filters) -> Section:
    """As reported (the latest report per country, victims and reporter, qualifier kept), then as counted from
    events (low–best–high kept)."""
    reports = run(queries.casualty_headlines, f)
    blocks: list = [Text("No casualty report dated in this selection.")] if reports.empty else []
    for row in reports.to_dict("records"):
        lead, detail = phrases.killed_headline(row)
        blocks.append(Text(f" {detail}", strong=lead, bullet=True))
    if not reports.empty:
        blocks.append(Caption(reports, phrases.latest(reports["as_of"]), note="As reported: the latest report per "
                              "country, victims and reporter, with the reporter's qualifier"))
    by_origin = run(queries.fatalities_by_origin, f)
    for row in by_origin.to_dict("records"):
        span = phrases.date_span(row["first"], row["last"])
        blocks.append(Text(f": {phrases.fatalities_phrase(row)}, {span}", strong=str(row["origin"]).upper(),
                           bullet=True))
    if not by_origin.empty:
        blocks.append(Caption(run(selection_sources, f, ("fatalities",)), phrases.latest(by_origin["last"]),
                              note="Counted from events where they happened; datasets overlap, so do not add them up"))
    return section(*blocks, title="Killed")


def on_record(run: Run, f: Filters, counts: dict[str, int]) -> Section:
    """Rows in the database for the selection."""
    if f.countries:
        labels = ("UN resolutions naming them", "UN votes they cast (recorded)")
    else:
        labels = ("UN resolutions voted", "Country votes recorded")
    return section(
        Metrics((Metric("Events", phrases.count(counts["events"])), Metric("Visits", phrases.count(counts["visits"])),
                 Metric(labels[0], phrases.count(counts["resolutions"])),
                 Metric(labels[1], phrases.count(counts["votes"])))),
        Caption(run(selection_sources, f, ("events", "visits", "resolutions")), None,
                note="Rows in this database for the selection: events in or involving the countries, visits by or "
                     "to them; a roll call may be partial"),
        title="On record")


def headline(f: Filters) -> Text:
    """'Myanmar, 1 Feb – 21 Jun 2021': the selection the figures below are about."""
    return Text(f", {phrases.date_span(f.start, f.end)}", strong=phrases.countries_label(f.countries))


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)
    return View(TITLE, filters_in_words(f), (section(headline(f)), *sections(run, f)))
