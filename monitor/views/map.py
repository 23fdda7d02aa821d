"""Map: where the events in the filters happened, precise places apart from approximate ones.

URL: `est` (low | best | high: the fatality estimate that sizes the markers), `measure` (fatalities | events),
`frame` (selection: around the selected countries' events | all), `place` (lat,lon of the place whose events are
listed, e.g. 55.7520,37.6178), plus the shared filters. Past REGION_THRESHOLD places the map draws regions at their
events' centre; a ranked table of regions stands beside it.
"""

from __future__ import annotations

import pandas as pd

from monitor import phrases, urls
from monitor.figures import map as figures
from monitor.queries import map as queries
from monitor.queries.filters import Filters
from monitor.text import plain
from monitor.urls import parse_place
from monitor.views.blocks import Caption, Chart, Columns, Notice, Run, Section, Table, View, section
from monitor.views.state import LinkState, filter_params, filters_in_words, shared_filters

TITLE = "Map"
PRECISION_NOTE = ("Hollow markers: approximate locations — near a place, a region's or country's centre, "
                  "city-level GDELT, or a place name geocoded by us (GeoNames); filled: the exact place "
                  "(UCDP where_prec 1) or the town itself (ACLED geo_precision 1)")


def places(run: Run, f: Filters, est: str) -> tuple[pd.DataFrame, float | None]:
    """Events per place (or per grid cell), and the cell size (None: not aggregated)."""
    return run(queries.map_places, f, est, queries.MAP_MAX_POINTS)


FRAMES = {"selection": "the selected countries' events", "all": "every event"}


def frame_label(choice: str, outside: int) -> str:
    """The frame picker's options: "Frame the selected countries' events" / "Show all (12 outside)"."""
    return "Frame the selected countries' events" if choice == "selection" else f"Show all ({outside:,} outside)"


def by_region(counts: dict[str, int], regions: pd.DataFrame) -> bool:
    """Draw regions rather than places: too many places to read one by one, and the events name their regions."""
    return (counts["places"] > queries.REGION_THRESHOLD and regions["admin1"].notna().any()
            and len(regions) <= queries.MAP_MAX_POINTS)


def region_table(f: Filters, regions: pd.DataFrame, measure: str, limit: int = queries.REGIONS_LISTED) -> pd.DataFrame:
    """The regions ranked by the measure (busiest first), each a link to the Map with that region as a filter."""
    order = ["fatalities", "events"] if measure == "fatalities" else ["events", "fatalities"]
    top = regions[regions["admin1"].notna()].sort_values(order, ascending=False, na_position="last").head(limit)
    records = top.to_dict("records")
    table = pd.DataFrame({
        "Region": [plain(r["admin1"]) for r in records],
        "Country": [plain(r["country_iso3"]) for r in records],
        "Dataset": [plain(r["origin"]).upper() for r in records],
        "Events": top["events"].astype("int64"),
        "Killed": [phrases.count(r["fatalities"]) if r["with_fatalities"] else "—" for r in records],
        "Filter": [urls.page_url("map", {**filter_params(f), urls.REGION.name: [f"{r['country_iso3']}:{r['admin1']}"]})
                   for r in records],
    })
    # A narrow column beside the map: a column that says the same on every row goes (the caption names it).
    return table.drop(columns=[c for c in ("Country", "Dataset") if table[c].nunique() <= 1])


def map_sections(run: Run, f: Filters, est: str, located: pd.DataFrame, cell: float | None,
                 measure: str = "fatalities", everything: bool = False) -> list[Section]:
    """The map framed on the selection (`everything`: on every event drawn), by place or by region past
    REGION_THRESHOLD places, with the regions ranked beside it."""
    counts = run(queries.map_counts, f, queries.MAP_MAX_POINTS)
    if located.empty:
        return [section(Notice("No event in the filters has coordinates." + (
            f" {counts['unlocated']:,} events have none." if counts["unlocated"] else "")))]
    box = run(queries.frame, f)
    regions = run(queries.map_regions, f, est)
    regional = by_region(counts, regions)
    about = "about " if counts["places_estimated"] else ""
    parts = [f"{counts['located']:,} events at {about}{counts['places']:,} places"]
    if regional:
        unnamed = int(regions.loc[regions["admin1"].isna(), "events"].sum())
        parts.append(f"More than {queries.REGION_THRESHOLD:,} places: each first-level region is drawn at the centre "
                     "of its events" + (f"; {unnamed:,} events name no region and are drawn hollow at their places"
                                        if unnamed else ""))
    elif cell:
        parts.append(f"Aggregated: more than {queries.MAP_MAX_POINTS:,} places in view, so the events are counted "
                     f"per {cell:g}° grid cell; pick a cell to list its events")
    else:
        parts.append(PRECISION_NOTE)
    if box and box["outside"]:
        parts.append(f"{box['outside']:,} events lie outside the frame" + (
            " (shown: every event)" if everything else " around the selected countries' events; “Show all” draws them"))
    if counts["unlocated"]:
        parts.append(f"{counts['unlocated']:,} events in the filters have no coordinates and are not drawn")
    shown_box = None if everything else box
    figure = (figures.regions_map(regions, est, shown_box, measure) if regional
              else figures.events_map(located, cell, est, shown_box, measure))
    caption = Caption(run(queries.map_sources, f), pd.Timestamp(located["last"].max()).date(), note=". ".join(parts))
    chart = Chart(figure, "map_chart", geo=True)
    if not regions["admin1"].notna().any():
        return [section(chart, caption)]
    ranked = Table(region_table(f, regions, measure), title="Regions, by " + (
        f"fatalities ({est})" if figures.sized_by(regions, measure) else "events"), links=("Filter",),
        link_texts={"Filter": "Apply"})
    return [section(Columns(((chart,), (ranked,)), widths=(3, 2)), caption)]


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
    est, measure, frame = link.read(urls.ESTIMATE), link.read(urls.MEASURE), link.read(urls.FRAME)
    located, cell = places(run, f, est)
    out = map_sections(run, f, est, located, cell, measure, frame == "all")
    choices = [*filters_in_words(f), f"Markers sized by: {measure} ({est} estimate)", f"Frame: {FRAMES[frame]}"]
    if not located.empty:
        place = link.read(urls.PLACE)
        if place:
            out += place_sections(run, f, place, cell)
            choices.append(f"Place: {place}")
    return View(TITLE, tuple(choices), tuple(out))
