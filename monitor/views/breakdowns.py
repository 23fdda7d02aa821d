"""The Overview's What, Who and Where: the selection's event types, top actors and top regions, each with events,
deaths (with the estimate's range where the dataset gives one) and the change against the previous period of the
same length. Every row is a link that applies its filter."""

from __future__ import annotations

import pandas as pd

from monitor import phrases, urls
from monitor.countries import country_name
from monitor.queries import breakdowns as queries
from monitor.queries.filters import Filters, selection_sources
from monitor.text import plain
from monitor.views.blocks import Caption, Notice, Run, Section, Table, section
from monitor.views.state import filter_params

# Each breakdown: its section title, the URL key a row's link sets, the column heading, what a row is.
BREAKDOWNS = {
    "type": ("What", urls.EVENT_TYPE.name, "Event type", "event type as each dataset names it"),
    "actor": ("Who", urls.ACTOR.name, "Actor", "actor named as actor1 or actor2, as published (ACLED's associated "
                                               "actors are not counted here; the actor filter and the actor's record "
                                               "include them, so they may count more)"),
    "region": ("Where", urls.REGION.name, "Region", "first-level administrative area, as the dataset names it"),
}
NO_KEY = {"type": "(no type)", "actor": "(no actor named)", "region": "(no region given)"}
LINK_TEXTS = {"Filter": "Apply", "Record": "Record"}


def key_label(dimension: str, key: object) -> str:
    """A row's key as a reader says it: 'Sagaing region (Myanmar)' for the region 'MMR:Sagaing region'."""
    text = plain(key)
    if not text:
        return NO_KEY[dimension]
    if dimension == "region" and ":" in text:
        country, name = text.split(":", 1)
        return f"{name} ({country_name(country)})"
    return text


def row_link(f: Filters, dimension: str, key: object, origin: str, mixed: bool) -> str | None:
    """The Overview with this row's filter applied (and its dataset, when the selection mixes several, so the
    counts the link opens on are this row's); None for the row of events that name no key."""
    if not plain(key):
        return None
    params = {**filter_params(f), BREAKDOWNS[dimension][1]: [str(key)]}
    if mixed:
        params[urls.SOURCE.name] = [origin]
    return urls.page_url("overview", params)


def record_link(f: Filters, actor: object) -> str | None:
    """One actor's record (the Actors page) over the same countries and dates."""
    return urls.page_url("actors", {**filter_params(f), urls.ACTOR.name: [str(actor)]}) if plain(actor) else None


NO_DATA_BEFORE = "no data in the previous period"


def versus(now: object, before: object, data_before: object) -> str:
    """A figure against the previous period's; never 'new' when the dataset has no data then (ACLED's sample starts
    in November 2023: its actors are not new in 2024, the dataset is)."""
    return phrases.change(now, before) if pd.isna(data_before) or bool(data_before) else NO_DATA_BEFORE


def breakdown_table(f: Filters, dimension: str, rows: pd.DataFrame) -> pd.DataFrame:
    mixed = rows["origin"].nunique() > 1
    records = rows.to_dict("records")
    table = pd.DataFrame({
        BREAKDOWNS[dimension][2]: [key_label(dimension, r["key"]) for r in records],
        "Dataset": [plain(r["origin"]).upper() for r in records],
        "Events": rows["events"].astype("int64"),
        "Events vs previous": [versus(r["events"], r["prev_events"], r.get("data_before")) for r in records],
        "Killed": [phrases.killed_cell(r) for r in records],
        "Range (low–high)": [phrases.range_cell(r) for r in records],
        "Killed vs previous": [versus(r["best"], r["prev_best"], r.get("data_before")) if r["n_best"] else ""
                               for r in records],
        "Filter": [row_link(f, dimension, r["key"], r["origin"], mixed) for r in records],
    })
    if dimension == "actor":
        table["Record"] = [record_link(f, r["key"]) for r in records]
    if not any(phrases.range_cell(r) for r in records):
        table = table.drop(columns="Range (low–high)")
    return table


def _more(rows: pd.DataFrame) -> str:
    """'; listed: the busiest 10 of 55 in ACLED' for each dataset with more keys than are listed."""
    cut = rows.groupby("origin").agg(shown=("rank", "max"), total=("keys", "max"))
    parts = [f"the busiest {r.shown} of {r.total:,} in {plain(o).upper()}" for o, r in cut.iterrows()
             if r.total > r.shown]
    return f"; listed: {', '.join(parts)}" if parts else ""


ROW_PX, HEAD_PX = 35, 38  # st.dataframe's row and header heights: a table tall enough to show every listed row


def fitted_height(rows: int) -> int:
    return HEAD_PX + ROW_PX * max(rows, 1) + 2


def window_notes(spans: list[queries.Window], shown: set[str]) -> list[str]:
    """What each listed dataset is compared over, where that is not the whole window: 'UCDP: data ends 31 Dec 2023;
    compared over 1 Feb – 31 Dec 2023 against 4 Mar 2022 – 31 Jan 2023 (334 days each)'."""
    notes = []
    for w in spans:
        if w.origin not in shown:
            continue
        name = plain(w.origin).upper()
        if w.cut:
            now, before = phrases.date_span(w.start, w.end), phrases.date_span(w.before_start, w.before_end)
            notes.append(f"{name}: data ends {phrases.day(w.covered_to)}; compared over {now} against {before} "
                         f"({(w.end - w.start).days + 1:,} days each)")
        if not w.data_before:
            notes.append(f"{name}: data starts {phrases.day(w.first)}, after the previous period: "
                         f"“{NO_DATA_BEFORE}”, not new")
        elif w.part_before:
            notes.append(f"{name}: data starts {phrases.day(w.first)}, within the previous period, whose figures "
                         "cover only the days since")
    return notes


def how_to_read(f: Filters, spans: list[queries.Window] = (), shown: set[str] = frozenset()) -> str:
    """What every breakdown's columns mean (said once, under the first)."""
    before = queries.previous_period(f)
    edges = "".join(f". {note}" for note in window_notes(list(spans), shown))
    return (f"“vs previous”: against the previous {(f.end - f.start).days + 1:,} days "
            f"({phrases.date_span(before.start, before.end)}){edges}. Killed: the best estimate's sum; the range sums "
            "the low and high estimates where the dataset gives them. Datasets overlap: do not add their rows. “Apply” "
            "opens this page with the row as a filter")


def breakdown_section(run: Run, f: Filters, dimension: str, sources: pd.DataFrame | None, note: str = "") -> Section:
    """One breakdown's table and caption (`sources`: cited under it; None leaves them to another caption)."""
    title, _, heading, what = BREAKDOWNS[dimension]
    rows = run(queries.breakdown, f, dimension)
    if rows.empty:
        return section(Notice("No events in this selection."), title=title)
    links = ("Filter", "Record") if dimension == "actor" else ("Filter",)
    text = f"Events and deaths per {what}{_more(rows)}" + (f". {note}" if note else "")
    return section(Table(breakdown_table(f, dimension, rows), links=links, link_texts=LINK_TEXTS, wide=(heading,),
                         height=fitted_height(len(rows))),
                   Caption(sources, phrases.latest(rows["last"]), note=text), title=title)


def sections(run: Run, f: Filters) -> list[Section]:
    """What, Who and Where for the selection: how to read them under the first, the sources under the last."""
    sources = run(selection_sources, f, ("events",))
    shown = set(run(queries.breakdown, f, "type")["origin"])
    return [breakdown_section(run, f, "type", None, how_to_read(f, run(queries.windows, f), shown)),
            breakdown_section(run, f, "actor", None),
            breakdown_section(run, f, "region", sources)]
