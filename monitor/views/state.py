"""A view's state read from a link, without Streamlit: the briefing's counterpart of the pages' bound widgets.

The same keys as the pages (monitor/urls.py: parsers, defaults, warnings); monitor.links binds them to widgets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from monitor import event_types, phrases, urls
from monitor.queries import lens
from monitor.queries.filters import Filters, data_date_range, default_span, longest_event_days
from monitor.views.blocks import Run

T = TypeVar("T")


@dataclass
class LinkState:
    """A link's query values, and the warnings reading them produced (shown in the briefing, as on the page)."""

    params: Mapping[str, list[str]]
    warnings: list[str] = field(default_factory=list)
    used: dict[str, str | list[str]] = field(default_factory=dict)  # what the view shows, as the page's URL
    version: int | None = None  # the data version the link asks for (`v`, read by the briefing); None: latest

    def read(self, key: urls.Key[T], default: T | None = None, allowed: Collection[Any] | None = None) -> T | None:
        """The value of `key` in the link, as the page's bound widget would hold it; a bad value warns."""
        value, warning = key.value_of(self.params.get(key.name, []), default, allowed)
        if warning:
            self.warnings.append(warning)
        if value is not None and value != "" and value != []:
            self.used[key.name] = key.encode(value)
        return value


def parse_link(link: str) -> tuple[str, LinkState]:
    """(the page's URL path without slashes, e.g. 'un-votes' ('' for home); its query values)."""
    parts = urlsplit(link.strip())
    return parts.path.strip("/").split("/")[-1], LinkState(parse_qs(parts.query, keep_blank_values=False))


def shared_filters(run: Run, link: LinkState) -> Filters:
    """The sidebar's filters (c, from, to) as app.py reads them: unknown countries dropped with a warning,
    the last two years of the selection's data by default, a reversed range swapped."""
    countries = link.read(urls.COUNTRIES)
    first, last = default_span(*run(data_date_range, tuple(countries)))  # as app.py: the last two years
    start, end, reversed_range = urls.ordered_dates(link.read(urls.FROM, first), link.read(urls.TO, last))
    if reversed_range:
        link.warnings.append(reversed_range)
    base = Filters(start, end, tuple(countries), run(longest_event_days))
    return dataclasses.replace(base, **{lens.FIELD[key.name]: tuple(_held(run, link, key)) for key in urls.LENS_KEYS})


def _held(run: Run, link: LinkState, key: urls.Key[list[str]]) -> list[str]:
    """A what/who/where key's values in the link that the data holds; the others named in a warning (as app.py)."""
    values = link.read(key) or []
    kept, warning = urls.unknown_values(key, values, run(lens.known, key.name, tuple(values)))
    if warning:
        link.warnings.append(warning)
        link.used[key.name] = key.encode(kept)
    return kept


def lens_in_words(f: Filters) -> list[str]:
    """The what/who/where filters that are set, as a reader says them ('Event types: Civilian targeting')."""
    return [f"{label}: {', '.join(event_types.label(v) for v in values)}" for label, values in (
        ("Event types", f.types), ("Sub-event types", f.subs), ("Actors", f.actors), ("Regions", f.regions),
        ("Datasets", f.sources)) if values]


def filters_in_words(f: Filters) -> tuple[str, ...]:
    """The shared filters as a reader says them."""
    return (f"Countries: {phrases.countries_label(f.countries)}", f"Dates: {phrases.date_span(f.start, f.end)}",
            *lens_in_words(f))


def filter_params(f: Filters) -> dict[str, str | list[str]]:
    """The shared filters as a link's query values (monitor/urls.py's keys): a link built from them reopens the
    same selection on any page."""
    return {urls.COUNTRIES.name: list(f.countries), urls.FROM.name: f.start.isoformat(),
            urls.TO.name: f.end.isoformat(), urls.EVENT_TYPE.name: list(f.types), urls.SUB_TYPE.name: list(f.subs),
            urls.ACTOR.name: list(f.actors), urls.REGION.name: list(f.regions), urls.SOURCE.name: list(f.sources)}
