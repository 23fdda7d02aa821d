"""Relationships: the network of bilateral interactions, and a dossier on one pair of countries.

URL: `tab` (interactions | votes: what the network's lines show), `pair` (e.g. RUS-MMR), plus `c`, `from`, `to`.
"""

from __future__ import annotations

import pandas as pd

from monitor import geo, network, phrases, urls, votes
from monitor.countries import country_name
from monitor.figures import relationships as figures
from monitor.queries import relationships as queries
from monitor.queries import votes as vote_queries
from monitor.queries.filters import Filters
from monitor.reference import capital
from monitor.views.blocks import Caption, Chart, Metric, Metrics, Notice, Run, Section, Table, View, date_of, section
from monitor.views.state import LinkState, filters_in_words, shared_filters

TITLE = "Relationships"
TABS = {"interactions": "Visits, meetings and other bilateral events", "votes": "UN vote agreement"}
PLACED = "Countries are drawn at their capital (GeoNames, via the offline gazetteer)"
VISIT_NOTE = ("Arcs start at the capital of the visitor's country — an assumed origin, not a stated departure "
              "point — and end at the visit's city; distances are geodesic (WGS-84) in km")
GDELT_CAVEAT = ("GDELT codes events by machine from news reports: these are counts of reports, and they rise and fall "
                "with how much the news covered the pair, not only with what happened between them. GDELT's codebook "
                "advises normalising its counts by the universe of events in the period, and says a Goldstein score "
                "belongs to the type of event, not to the event (two riots, of 10 people and of 10,000, score the "
                "same)")
GDELT_CODEBOOK = pd.DataFrame([{
    "source_id": "gdelt-codebook", "publisher": "The GDELT Project",
    "title": "The GDELT Event Database Data Format Codebook V2.0 (19 February 2015): QuadClass, GoldsteinScale, "
             "NumMentions", "url": "http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf",
    "published_on": "2015-02-19", "accessed_on": None}])
NO_PAIR = Notice("No pair of countries has an interaction in the filters; link one with `pair=RUS-MMR`.")


def network_sections(run: Run, f: Filters, edges: pd.DataFrame, tab: str) -> list[Section]:
    """The country network: interactions by kind, or (tab=votes) UN vote agreement between the same countries."""
    nodes = network.network_nodes(edges, capital)
    if tab == "votes":
        countries = f.countries or tuple(nodes["iso3"])
        per_year = run(vote_queries.pairwise_agreement, f, countries) if len(countries) > 1 else pd.DataFrame()
        overall = votes.overall_agreement(per_year if not per_year.empty else
                                          pd.DataFrame(columns=["a", "b", "year", "agreement", "shared"]))
        if overall.empty:
            return [section(Notice(f"No two of {phrases.countries_label(countries)} both have a Yes, No or Abstain "
                                   "recorded on a resolution in the date range."))]
        agreement_nodes = network.network_nodes(overall.assign(n=overall["shared"]), capital)
        return [section(Chart(figures.agreement_network_map(agreement_nodes, overall), "agreement_network", geo=True),
                        Caption(run(vote_queries.vote_sources, Filters(f.start, f.end, countries)),
                                pd.Timestamp(per_year["last_vote"].max()).date(),
                                note=f"{PLACED}. Agreement: same vote 1, one abstains 0.5, opposite 0, over the "
                                     "votes both cast"))]
    if edges.empty:
        return [section(Notice("No bilateral events or visits in the filters."))]
    drawn = network.network_edges(edges)
    missing = nodes.loc[nodes["lat"].isna(), "country"].tolist()
    pairs, shown = len(edges[["a", "b"]].drop_duplicates()), len(drawn[["a", "b"]].drop_duplicates())
    note = (f"{PLACED}{'; not drawn (no capital in the gazetteer): ' + ', '.join(missing) if missing else ''}. "
            f"{int(edges['n'].sum()):,} interactions between {len(nodes):,} countries: events naming a counterpart "
            "country, and visits. " + (f"The {shown} busiest of {pairs:,} pairs are drawn. " if shown < pairs else "")
            + "Line width: how many; colour: what kind")
    return [section(Chart(figures.network_map(nodes, drawn), "network", geo=True),
                    Caption(run(queries.interaction_sources, f), pd.Timestamp(edges["last"].max()).date(), note=note))]


def bilateral_edges(run: Run, f: Filters) -> pd.DataFrame:
    """Interactions per pair of countries and kind in the filters (the network's lines, the pair picker's list)."""
    return run(queries.bilateral_edges, f)


def pair_labels(options: pd.DataFrame) -> dict[str, str]:
    """Each pair's label in the picker, both orientations: 'Russia – Myanmar (12 interactions)'."""
    labels = {}
    for pair, n in zip(options["pair"], options["n"], strict=True):
        flipped = pair[4:] + "-" + pair[:3]
        labels[pair] = f"{country_name(pair[:3])} – {country_name(pair[4:])} ({n} interactions)"
        labels[flipped] = f"{country_name(pair[4:])} – {country_name(pair[:3])} ({n} interactions)"
    return labels


def pair_label(pair: str, labels: dict[str, str]) -> str:
    """The pair's label from pair_labels, or one saying it has no interactions in the filters."""
    return labels.get(pair) or f"{country_name(pair[:3])} – {country_name(pair[4:])} (0 interactions)"


def pair_choices(run: Run, f: Filters) -> tuple[pd.DataFrame, dict[str, str]]:
    """The pair picker's options (busiest first) and their labels, built once per data version and filters."""
    options = network.pair_options(bilateral_edges(run, f))
    return options, pair_labels(options)


def _cut(shown: dict[str, int], totals: dict[str, int]) -> str:
    """'; drawn and listed: the latest 1,000 of 4,512 events' when a pair has more than the page shows."""
    cut = [f"the latest {shown[what]:,} of {totals[what]:,} {what}" for what in totals if shown[what] < totals[what]]
    return f"; drawn and listed: {' and '.join(cut)}" if cut else ""


def dossier(run: Run, f: Filters, a: str, b: str) -> list[Section]:
    """Everything between two countries: timeline, who visited whom, the visits on a map, their UN votes."""
    events, visits = run(queries.pair_events, f, a, b), run(queries.pair_visits, f, a, b)
    totals = run(queries.pair_totals, f, a, b)
    per_year = run(vote_queries.pairwise_agreement, f, (a, b))
    overall = votes.overall_agreement(per_year) if not per_year.empty else pd.DataFrame()
    sources = run(queries.interaction_sources, f, (a, b))
    days = pd.concat([events["event_date"], visits["start_date"]])
    as_of = date_of(days.max()) if len(days) else None
    shared = 0 if overall.empty else int(overall["shared"].iloc[0])
    head = [Metrics((Metric("Events between them", f"{totals['events']:,}"), Metric("Visits", f"{totals['visits']:,}"),
                     Metric(f"UN vote agreement ({shared} shared votes)",
                            "—" if overall.empty else f"{overall['agreement'].iloc[0]:.2f}",
                            help="Same vote 1, one abstains 0.5, opposite 0")))]
    if events.empty and visits.empty:
        head.append(Notice(f"No events or visits between {country_name(a)} and {country_name(b)} in the date "
                           "range."))
    else:
        head += [Chart(figures.pair_timeline(events, visits), "pair_timeline"),
                 Caption(sources, as_of, note="Interactions between the two, by kind"
                         + _cut({"events": len(events), "visits": len(visits)}, totals))]
    out = [section(*head)]
    if (balance := gdelt_section(run, f, a, b)) is not None:
        out.append(balance)
    if not visits.empty:
        out.append(visits_section(visits, sources, as_of))
    if not events.empty:
        out.append(section(Table(events[["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
                                         "summary", "source"]], dates=("event_date",),
                                 labels={"event_date": "date", "event_type": "kind"}), title="Events"))
    out.append(votes_section(run, f, a, b, per_year, overall))
    return out


def gdelt_section(run: Run, f: Filters, a: str, b: str) -> Section | None:
    """When GDELT rows concern the pair: its cooperation–conflict balance per month (QuadClass counts, mean
    Goldstein score), captioned with GDELT's own caveat. None when there are none."""
    balance = run(queries.pair_gdelt_balance, f, a, b)
    if balance.empty:
        return None
    totals = {label: int(balance[f"q{q}"].sum()) for q, label in queries.QUAD_CLASSES.items()}
    unclassed = int(balance["unclassed"].sum())
    counted = "; ".join(f"{label.lower()} {n:,}" for label, n in totals.items())
    note = (f"{int(balance['reports'].sum()):,} GDELT rows between {country_name(a)} and {country_name(b)}: {counted}"
            + (f"; {unclassed:,} without a QuadClass" if unclassed else "") + f". {GDELT_CAVEAT}")
    sources = pd.concat([GDELT_CODEBOOK, run(queries.interaction_sources, f, (a, b))], ignore_index=True)
    return section(Chart(figures.gdelt_balance(balance, queries.QUAD_CLASSES), "gdelt_balance"),
                   Caption(sources, date_of(balance["last"].max()), note=note),
                   title="Cooperation and conflict, as GDELT codes the news")


def visits_section(visits: pd.DataFrame, sources: pd.DataFrame, as_of) -> Section:
    arcs = network.visit_arcs(visits, capital, geo.distance_km)
    table = arcs.assign(visitor_country=arcs["visitor_iso3"].map(country_name),
                        host=arcs["host_iso3"].map(country_name))
    unplaced = int(arcs["distance_km"].isna().sum())
    return section(
        Table(table[["start_date", "visitor_name", "visitor_role", "visitor_country", "host", "city", "met", "purpose",
                     "distance_km", "source"]], dates=("start_date",), formats={"distance_km": "%d"},
              labels={"start_date": "date", "visitor_name": "visitor", "visitor_role": "role",
                      "visitor_country": "from", "distance_km": "distance (km)"}),
        Chart(figures.visits_map(arcs), "visits_map", geo=True) if arcs["distance_km"].notna().any() else None,
        Caption(sources, as_of, note=VISIT_NOTE + (f"; {unplaced} visit(s) without a known place are not drawn"
                                                   if unplaced else "")),
        title="Who visited whom")


def votes_section(run: Run, f: Filters, a: str, b: str, per_year: pd.DataFrame, overall: pd.DataFrame) -> Section:
    if overall.empty:
        return section(Notice("No resolution in the date range on which both have a Yes, No or Abstain recorded."),
                       title="UN votes")
    notes = run(queries.vote_notes, f, (a, b))
    return section(
        Table(per_year[["year", "agreement", "shared"]], formats={"year": "%d", "agreement": "%.2f"},
              labels={"shared": "shared votes"}),
        None if notes.empty else Table(notes.assign(country=notes["country_iso3"].map(country_name))[
            ["vote_date", "resolution_id", "country", "vote", "note"]], dates=("vote_date",),
            labels={"vote_date": "date", "resolution_id": "resolution"}),
        Caption(run(vote_queries.vote_sources, Filters(f.start, f.end, (a, b))),
                pd.Timestamp(per_year["last_vote"].max()).date(),
                note="Agreement per year; notes say, for example, whose delegation held a seat"),
        title="UN votes")


def view(run: Run, link: LinkState) -> View:
    f = shared_filters(run, link)
    edges = bilateral_edges(run, f)
    tab = link.read(urls.TAB, "interactions", allowed=list(TABS))
    out = network_sections(run, f, edges, tab)
    options = network.pair_options(edges)
    pair = link.read(urls.PAIR, None if options.empty else options["pair"].iloc[0])
    choices = [*filters_in_words(f), f"Lines show: {TABS[tab]}"]
    out.append(section(title="Bilateral dossier", level=1))
    if pair:
        out += dossier(run, f, *pair.split("-"))
        choices.append(f"Pair: {pair_label(pair, pair_labels(options))}")
    else:
        out.append(section(NO_PAIR))
    return View(TITLE, tuple(choices), tuple(out))
