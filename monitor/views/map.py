"""Map: where the events in the filters happened, precise places apart from approximate ones.

URL: `est` (low | best | high: the fatality estimate that sizes the markers), `place` (lat,lon of the place whose
events are listed, e.g. 55.7520,37.6178), plus `c`, `from`, `to`.
"""

from __future__ import annotations

import pandas as pd

from monitor import urls
from monitor.figures import map as figures
from monitor.queries import map as queries
from monitor.queries.filters import Filters
from monitor.urls import parse_place
from monitor.views.blocks import Caption, Chart, Notice, Run, Section, Table, View, section
from monitor.views.state import LinkState, filters_in_words, shared_filters

TITLE = "Map"
PRECISION_NOTE = ("Hollow markers: approximate locations — near a place, a region's or country's centre, "
                  "city-level GDELT, or a place name geocoded by us (GeoNames); filled: the exact place "
                  "(UCDP where_prec 1) or the town itself (ACLED geo_precision 1)")


def places(run: Run, f: Filters, est: str) -> tuple[pd.DataFrame, float | None]:
    """Events per place (or per grid cell), and the cell size (None: not aggregated)."""
    return run(queries.map_places, f, est, queries.MAP_MAX_POINTS)


def map_sections(run: Run, f: Filters, est: str, located: pd.DataFrame, cell: float | None) -> list[Section]:
    counts = run(queries.map_counts, f, queries.MAP_MAX_POINTS)
    if located.empty:
        return [section(Notice("No event in the filters has coordinates." + (
            f" {counts['unlocated']:,} events have none." if counts["unlocated"] else "")))]
    about = "about " if counts["places_estimated"] else ""
    parts = [f"{counts['located']:,} events at {about}{counts['places']:,} places"]
    if cell:
        parts.append(f"Aggregated: more than {queries.MAP_MAX_POINTS:,} places in view, so the events are counted "
                     f"per {cell:g}° grid cell; pick a cell to list its events")
    else:
        parts.append(PRECISION_NOTE)
    if counts["unlocated"]:
        parts.append(f"{counts['unlocated']:,} events in the filters have no coordinates and are not drawn")
    return [section(Chart(figures.events_map(located, cell, est), "map_chart", geo=True),
                    Caption(run(queries.map_sources, f), pd.Timestamp(located["last"].max()).date(),
                            note=". ".join(parts)))]


def place_sections(run: Run, f: Filters, place: str, cell: float | None) -> list[Section]:
    """The events at one place (or in the grid cell holding it)."""
    lat, lon = parse_place(place)
    rows = run(queries.place_events, f, lat, lon, cell)
    if rows.empty:
        return [section(Notice(f"No events at {place} in the current filters."))]
    where = f"the {cell:g}° grid cell around {place}" if cell else place
    sources = rows.rename(columns={"source": "publisher", "source_title": "title"})
    flagged = rows["flag"].notna().any()  # a flag column only where a row has a flag, blank for the others
    shown = rows.assign(flag=rows["flag"].fillna("")) if flagged else rows.drop(columns="flag")
    return [section(
        Table(shown.drop(columns=["source_id", "source_title", "url"]), dates=("event_date", "end_date"),
              labels={"event_date": "date", "end_date": "until", "event_type": "kind", "country_iso3": "country",
                      "flag": "⚑ flag"}, wide=("flag",) if flagged else ()),
        Caption(sources, pd.Timestamp(rows["event_date"].max()).date(),
                note=f"{len(rows):,} events at {where}" + (" (the latest 1,000)" if len(rows) == 1000 else "")),
        title=f"Events at {where}")]


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)
    est = link.read(urls.ESTIMATE)
    located, cell = places(run, f, est)
    out = map_sections(run, f, est, located, cell)
    choices = [*filters_in_words(f), f"Fatality estimate sizing the markers: {est}"]
    if not located.empty:
        place = link.read(urls.PLACE)
        if place:
            out += place_sections(run, f, place, cell)
            choices.append(f"Place: {place}")
    return View(TITLE, tuple(choices), tuple(out))
