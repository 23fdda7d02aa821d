"""Timeline: casualty figures as reported, deaths counted from events, and visits, votes and statements on one
time axis, so an analyst can see what happened around what.

URL: `est` (low | best | high), plus the shared `c`, `from`, `to`.
"""

from __future__ import annotations

from monitor import phrases, urls
from monitor.figures import timeline as figures
from monitor.queries import timeline as queries
from monitor.queries.filters import Filters, selection_sources
from monitor.views import event_counts
from monitor.views.blocks import Caption, Chart, Folded, Notice, Run, Section, Table, Text, View, section
from monitor.views.state import LinkState, filters_in_words, shared_filters

TITLE = "Timeline"
NOTES = ("▲ a lower bound (“at least”): the true number may be higher",
         "● exact day · ○ on or before the date it was reported · ▬ only the month (or a range) is known",
         "red lines and bands: the coup and UN votes")


def headline(f: Filters) -> Text:
    return Text(f", {phrases.date_span(f.start, f.end)}", strong=phrases.countries_label(f.countries))


def sections(run: Run, f: Filters, est: str) -> list[Section]:
    """The timeline, then the aggregate counts in their own section (never drawn into the timeline's bars)."""
    counts = event_counts.sections(run, f)
    return [*timeline_sections(run, f, est, counts_below=bool(counts)), *counts]


def timeline_sections(run: Run, f: Filters, est: str, counts_below: bool = False) -> list[Section]:
    bucket = queries.bucket_for(f.start, f.end)  # bars per week, month or year: as fine as stays readable
    reports = run(queries.reported_casualties, f)
    fatalities = queries.by_kind(run(queries.fatalities_per_type, f, bucket, est))
    markers = run(queries.timeline_markers, f, queries.MARKERS_PER_KIND)
    density = run(queries.marker_density, f, bucket, queries.MARKERS_PER_KIND)  # kinds too busy to draw one by one
    sources = run(selection_sources, f, ("casualty_reports", "fatalities", "events", "visits", "resolutions"))
    if reports.empty and fatalities.empty and markers.empty and density.empty:
        if counts_below:
            return [section(Notice("No event, casualty report, visit or vote dated in this selection: only the "
                                   "monthly counts below."))]
        return [section(Notice("Nothing dated in this selection. Widen the date range or clear the country filter."))]
    fig = figures.timeline_figure(reports, fatalities, markers, est=est, bucket=bucket, start=f.start, end=f.end,
                                  density=density)
    notes = list(NOTES)
    if not fatalities.empty:
        notes.append(split_note(fatalities))
    unplaced = fatalities[~fatalities["fits"].astype(bool)] if not fatalities.empty else fatalities
    if not unplaced.empty:
        notes.append(f"{phrases.count(unplaced['killed'].sum())} killed in {phrases.count(unplaced['events'].sum())} "
                     f"events dated less precisely than a {bucket} are not in the bars")
    if not density.empty:
        notes.append(f"rows of more than {queries.MARKERS_PER_KIND} items are counts per {bucket} (bubble area); "
                     "the Data page lists every one")
    as_of = phrases.latest(reports.get("as_of", []), markers.get("date", []), markers.get("end_date", []))
    listing = None
    if not markers.empty:  # the same items as a list, for reading without hovering
        rows = markers.assign(
            When=[phrases.when(d, e, p) for d, e, p in zip(markers["date"], markers["end_date"],
                                                           markers["date_precision"], strict=True)],
            Kind=markers["kind"].map(figures.kind_label))
        listing = Folded(f"The {len(markers):,} dated items in the chart, as a list", (Table(
            rows[["When", "Kind", "who", "place", "summary", "detail", "publisher"]],
            labels={"who": "Who", "place": "Where", "summary": "What", "detail": "Details", "publisher": "Source"}),))
    return [section(Chart(fig, "timeline"), Caption(sources, as_of, note=" · ".join(notes)), listing)]


def split_note(fatalities) -> str:
    """How the death bars are split: by one dataset's own types, or by groups with the datasets side by side."""
    origins = sorted(fatalities["origin"].unique())
    if len(origins) == 1:
        return f"deaths stacked by {str(origins[0]).upper()}'s own event types"
    return ("deaths stacked by group (HDX HAPI's grouping of ACLED's types, UCDP's and GDELT's crosswalked: civilian "
            "targeting apart from the rest of political violence, so no death counts twice), one bar per dataset "
            f"side by side ({', '.join(o.upper() for o in origins)}; hatching tells them apart), never added up")


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)
    est = link.read(urls.ESTIMATE)
    return View(TITLE, (*filters_in_words(f), f"Estimate for death tolls: {est}"),
                (section(headline(f)), *sections(run, f, est)))
