"""Trends: what is changing, measured against what is normal, by published early-warning methods (issue 18).

URL: `asof` (the day the flags are computed for; default: the last day of the selection's data), `base` (4w | 52w:
the change level's baseline), plus the shared filters. The methods are monitor/trends.py's, run per dataset by
monitor/flags.py; each flag names its method with a link to its publisher, its sources, and opens the Timeline, Map
and Data pages at its place and period.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor import flags as assessing
from monitor import phrases, trends, urls
from monitor.figures import trends as figures
from monitor.flags import Assessment, Flag
from monitor.queries import trends as queries
from monitor.queries.filters import Filters
from monitor.views.blocks import Caption, Chart, Folded, Notice, Run, Section, Table, Text, View, section
from monitor.views.state import LinkState, filters_in_words, shared_filters

TITLE = "Trends"
CHARTED = 10  # flags drawn with a chart (each is a plotly chart the browser draws); all are in the table of flags
LINKED_PAGES = (("timeline", "Timeline"), ("map", "Map"), ("data", "Data"))


def default_asof(run: Run, f: Filters) -> date:
    """The last day of the selection's event data (today when it has none)."""
    return run(queries.last_day, f) or date.today()


def headline(f: Filters, asof: date, base: str) -> Text:
    return Text(f", as of {phrases.day(asof)}; change levels against the previous {trends.BASE_WEEKS[base]} weeks",
                strong=phrases.countries_label(f.countries))


def page_links(flag: Flag, shared: dict[str, str | list[str]]) -> dict[str, str]:
    """Timeline, Map and Data at the flag's place, type and period (the series it drew, for context)."""
    start = flag.window_start
    if flag.series is not None and len(flag.series) and isinstance(flag.series.index[0], pd.Timestamp):
        start = min(start, flag.series.index[0].date())
    params: dict[str, str | list[str]] = {**shared, "c": [flag.country], "from": start.isoformat(),
                                          "to": flag.window_end.isoformat()}
    if flag.region:
        params["region"] = f"{flag.country}:{flag.region}"
    if flag.dataset:
        params["src"] = flag.dataset
    return {label: urls.page_url(name, params) for name, label in LINKED_PAGES}


def method_source(method: trends.Method) -> pd.DataFrame:
    """The method's publisher as a citation row, first in the flag's caption."""
    return pd.DataFrame([{"source_id": f"method:{method.key}", "publisher": method.publisher,
                          "title": f"{method.name}: how it is defined", "url": method.url or None}])


def flag_blocks(flag: Flag, sources: pd.DataFrame, shared: dict, index: int) -> Section:
    method = trends.METHODS[flag.method]
    fig = figures.flag_chart(flag)
    cited = pd.concat([method_source(method), sources[sources["origin"] == flag.dataset]], ignore_index=True) \
        if flag.dataset else method_source(method)
    counted = assessing.DATASETS.get(flag.dataset, "")
    note = f"{method.name} ({method.publisher}): {method.parameters}" + (f" · Counted: {counted} rows" if counted
                                                                             else "")
    return section(
        Text(f" {flag.sentence}", strong=f"{method.name} · {flag.level}"),
        Chart(fig, f"trend-{index}-{flag.short_id}") if fig is not None else None,
        Caption(cited, None, note=note + f" · Timeline, Map and Data at this place and period: row {index} of the "
                                         "table of flags"),
        title=f"{index}. {flag.place}" + (f" — {flag.subject}" if flag.subject and flag.method == "emerging" else ""),
    )


def flag_table(a: Assessment, shared: dict) -> Table:
    rows = []
    for n, flag in enumerate(a.flags, 1):
        links = page_links(flag, shared)
        rows.append({"#": n, "Flag": flag.sentence, "Method": trends.METHODS[flag.method].name, "Level": flag.level,
                     "Dataset": assessing.DATASETS.get(flag.dataset, "—"), **links})
    return Table(pd.DataFrame(rows), title=f"All {len(a.flags)} flags, strongest first (Timeline, Map and Data open "
                 "at the flag's place, dataset and period)", links=tuple(label for _, label in LINKED_PAGES),
                 link_text="open", wide=("Flag",))


def methods_table() -> Table:
    frame = pd.DataFrame([{"Method": m.name, "Publisher": m.publisher, "Parameters": m.parameters,
                           "Where it is defined": m.url or None} for m in trends.METHODS.values()])
    return Table(frame, links=("Where it is defined",), wide=("Parameters",))


def sections(run: Run, f: Filters, asof: date, base: str) -> list[Section]:
    a = assessing.assess(run, f, asof, base)
    sources = run(queries.dataset_sources, tuple(sorted({fl.dataset for fl in a.flags if fl.dataset})))
    shared = {"c": list(f.countries)}
    out = [section(*(Notice(e, "warning") for e in a.edges), *(Text(c, bullet=True) for c in a.checked),
                   Text("The sidebar's From and To do not apply here: each method's windows end at the last complete "
                        "week or month on or before the day the flags are for. The other filters do.", bullet=True),
                   title="What was checked")]
    if not a.flags:
        out.append(section(Notice(f"No method raised a flag as of {phrases.day(asof)} for this selection.")))
    else:
        out.append(section(flag_table(a, shared), title="Flags"))
        out += [flag_blocks(flag, sources, shared, n) for n, flag in enumerate(a.flags[:CHARTED], 1)]
        if len(a.flags) > CHARTED:
            rest = len(a.flags) - CHARTED
            said = "The other flag is" if rest == 1 else f"The other {rest} flags are"
            out.append(section(Text(f"{said} in the table above, without a chart (a page of charts is slow to draw); "
                                    "choose a region or a dataset to chart fewer at a time.")))
    out.append(section(Folded("The methods, their parameters and where their publishers define them",
                              (methods_table(),)), title="Methods"))
    return out


def read_state(run: Run, link: LinkState, f: Filters) -> tuple[date, str]:
    asof = link.read(urls.ASOF, default_asof(run, f))
    base = link.read(urls.BASE)
    return asof, base


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)
    asof, base = read_state(run, link, f)
    return View(TITLE, (*filters_in_words(f)[:1], f"As of: {phrases.day(asof)}",
                        f"Change level baseline: the previous {trends.BASE_WEEKS[base]} weeks"),
                (section(headline(f, asof, base)), *sections(run, f, asof, base)))


