"""The section the Timeline and the Overview show for aggregate counts (`event_counts`: HDX HAPI's monthly ACLED
figures): their own chart and caption, apart from the event rows, which they are never added to."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor import phrases
from monitor.figures import event_counts as figures
from monitor.queries import event_counts as queries
from monitor.queries.filters import Filters, selection_sources
from monitor.views.blocks import Caption, Chart, Run, Section, Text, date_of, section

TITLE = "Monthly counts from HDX HAPI (aggregates of ACLED)"
PART_OF = {"civilian_targeting": "a part of political violence"}  # ACLED's aggregates: never more, in any area


def unreported_types(counts: pd.DataFrame) -> list[str]:
    """Event types for which the source gives no fatality figure at all in the selection (demonstrations)."""
    given = counts.groupby("event_type")["with_fatalities"].sum()
    return [figures.type_label(t).lower() for t in figures.TYPE_LABELS if t in given and given[t] == 0] + sorted(
        figures.type_label(t).lower() for t in given.index if t not in figures.TYPE_LABELS and given[t] == 0)


def caption_note(counts: pd.DataFrame, f: Filters) -> str:
    """Which counts these are, and why they are apart: the caption under the chart."""
    origins = " and ".join(figures.origin_label(o) for o in sorted(set(counts["origin"])))
    parts = [f"{origins}: events and fatalities per month and event type, summed over the admin areas of "
             f"{phrases.countries_label(f.countries)}; a month counts whole when it overlaps the dates",
             "a separate source from the event rows counted elsewhere on this page (ACLED's own events included): "
             "never added to them",
             "civilian targeting is a part of political violence, so the types are side by side, not added up"]
    covered = phrases.date_span(pd.Timestamp(counts["period"].min()).date(),
                                pd.Timestamp(counts["period_end"].max()).date())
    parts.append(f"the shaded months are those the data counts here ({covered}); a month without bars outside "
                 "them has no count in the data (unknown, not zero)")
    unreported = unreported_types(counts)
    if unreported:
        parts.append(f"fatalities: not reported for {', '.join(unreported)} (unknown, not zero)")
    return " · ".join(parts)


def _areas(n: int) -> str:
    return f"{int(n):,} area" + ("" if int(n) == 1 else "s")


def totals_lines(run: Run, f: Filters) -> list[Text]:
    """'Political violence: 248 events, 433 fatalities (January 2025, 120 areas)' per origin and event type."""
    lines = []
    for row in run(queries.counts_by_type, f).to_dict("records"):
        if pd.isna(row["fatalities"]):
            killed = "fatalities not reported"
        else:
            killed = f"{int(row['fatalities']):,} fatalities"
            if row["with_fatalities"] < row["rows"]:
                killed += f" (given for {int(row['with_fatalities']):,} of {int(row['rows']):,} area-months)"
        span = phrases.date_span(row["first"], row["last"])
        within = f" ({PART_OF[row['event_type']]})" if row["event_type"] in PART_OF else ""
        lines.append(Text(f"{within}: {int(row['events']):,} events, {killed}; {span}, {_areas(row['areas'])}",
                          strong=figures.type_label(row["event_type"]), bullet=True))
    return lines


def sections(run: Run, f: Filters, *, totals: bool = False) -> list[Section]:
    """The counts' own section (none when the selection has no counts); `totals`: the figures in words too."""
    counts = run(queries.counts_per_period, f)
    if counts.empty:
        return []
    as_of: date | None = date_of(pd.to_datetime(counts["period_end"]).max())
    return [section(*(totals_lines(run, f) if totals else []),
                    Chart(figures.counts_figure(counts, f.start, f.end), "event_counts"),
                    Caption(run(selection_sources, f, ("event_counts",)), as_of, note=caption_note(counts, f)),
                    title=TITLE)]
