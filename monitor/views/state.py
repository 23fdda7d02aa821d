"""A view's state read from a link, without Streamlit: the briefing's counterpart of the pages' bound widgets.

Same parsers, same defaults, same warnings as the pages (monitor.links binds the same keys to widgets).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from monitor import links, phrases
from monitor.countries import all_countries
from monitor.queries.filters import Filters, data_date_range, default_span
from monitor.views.blocks import Run

T = TypeVar("T")


@dataclass
class LinkState:
    """A link's query values, and the warnings reading them produced (shown in the briefing, as on the page)."""

    params: Mapping[str, list[str]]
    warnings: list[str] = field(default_factory=list)
    used: dict[str, str | list[str]] = field(default_factory=dict)  # what the view shows, as the page's URL
    version: int | None = None  # the data version the link asks for (`v`, read by the briefing); None: latest

    def read(self, key: str, parse: Callable[[list[str]], T], default: T,
             encode: Callable[[T], str | list[str]] = str, allowed: Collection[Any] | None = None) -> T:
        """The value of `key` in the link (parsed), else `default`; a bad value warns and falls back."""
        value = default
        raw = list(self.params.get(key, []))
        if raw:
            try:
                value = parse(raw)
                if allowed is not None and value not in allowed:
                    raise links.BadParam(f"{raw[0]!r} is not one of the choices here")
            except ValueError as e:
                self.warnings.append(f"Link parameter `{key}`: {e}. Showing the default instead.")
                value = default
        if value is not None and value != "" and value != []:
            self.used[key] = encode(value)
        return value


def parse_link(link: str) -> tuple[str, LinkState]:
    """(the page's URL path without slashes, e.g. 'un-votes' ('' for home); its query values)."""
    parts = urlsplit(link.strip())
    return parts.path.strip("/").split("/")[-1], LinkState(parse_qs(parts.query, keep_blank_values=False))


def shared_filters(run: Run, link: LinkState) -> Filters:
    """The sidebar's filters (c, from, to) as app.py reads them: unknown countries dropped with a warning,
    the last two years of the selection's data by default, a reversed range swapped."""
    codes = {code for code, _ in all_countries()}
    found, invalid = links.parse_countries(link.params.get("c", []))
    invalid += [c for c in found if c not in codes]
    if invalid:
        link.warnings.append(f"Unknown country in the link: {', '.join(invalid)}. It was left out of the filter.")
    countries = [c for c in found if c in codes]
    if countries:
        link.used["c"] = countries
    first, last = default_span(*run(data_date_range, tuple(countries)))  # as app.py: the last two years
    start = link.read("from", lambda v: links.parse_date(v[0]), first, lambda d: d.isoformat())
    end = link.read("to", lambda v: links.parse_date(v[0]), last, lambda d: d.isoformat())
    if start > end:
        link.warnings.append(f"The date range is reversed ({start} after {end}); showing {end} – {start}.")
        start, end = end, start
    return Filters(start, end, tuple(countries))


def choice(link: LinkState, key: str, choices: Sequence[str], default: str) -> str:
    return link.read(key, lambda v: links.parse_choice(v[0], choices), default)


def filters_in_words(f: Filters) -> tuple[str, ...]:
    """The shared filters as a reader says them."""
    return (f"Countries: {links.countries_label(f.countries)}", f"Dates: {phrases.date_span(f.start, f.end)}")
