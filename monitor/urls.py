"""The dashboard's link scheme (DESIGN.md): every URL key declared once, the list of pages, page URLs.

In the spirit of Datasette's url_builder: a key knows how to read itself from a link (parse), write itself
back (encode), what it is when the link has none (default) and what to say when a link carries a value that
cannot be used (warning). Links carry codes and ids, never display names. Pure: no Streamlit here;
monitor/links.py binds these keys to the widgets.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from monitor.countries import to_iso3
from monitor.ids import issue_id, resolution_id
from monitor.regions import parse_region, region_key
from monitor.schema import ESTIMATES
from monitor.text import echo

T = TypeVar("T")
Params = Mapping[str, "str | Sequence[str] | None"]


MAX_ECHOED = 3  # bad values a warning quotes (each cut short by monitor.text.echo); the rest are counted


class BadParam(ValueError):
    """A link value that cannot be used; the message is shown to the user. `keep`: the usable part, if any."""

    def __init__(self, message: str, keep: Any = None) -> None:
        super().__init__(message)
        self.keep = keep


# --- parsers: one value from a link -> the value, or BadParam saying what is wrong ------------------------------


def parse_countries(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """(ISO-3 codes in order, without repeats; the values that are no country). Names and commas work too."""
    codes: list[str] = []
    invalid: list[str] = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            code = to_iso3(part)  # any state countries.py knows, historic ones (SUN, YUG) included
            if code is None:
                invalid.append(part.strip())
            elif code not in codes:
                codes.append(code)
    return codes, invalid


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadParam(f"{echo(value)} is not a date (use YYYY-MM-DD)") from None


def parse_pair(value: str) -> tuple[str, str]:
    """'RUS-MMR' -> ('RUS', 'MMR'); names work too ('Russia-Myanmar')."""
    parts = value.strip().split("-", 1)
    if len(parts) != 2:
        raise BadParam(f"{echo(value)} is not a country pair (use two ISO-3 codes, e.g. RUS-MMR)")
    a, b = to_iso3(parts[0]), to_iso3(parts[1])
    if a is None or b is None or a == b:
        raise BadParam(f"{echo(value)} is not a pair of two different countries (e.g. RUS-MMR)")
    return a, b


def parse_place(value: str) -> tuple[float, float]:
    """'55.7520,37.6178' -> (55.752, 37.6178)."""
    try:
        lat, lon = (float(p) for p in value.split(","))
    except ValueError:
        raise BadParam(f"{echo(value)} is not a place (use lat,lon, e.g. 55.7520,37.6178)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise BadParam(f"{echo(value)} is off the globe (latitude -90..90, longitude -180..180)")
    return lat, lon


def _counting_number(value: str) -> int | None:
    """'3' -> 3; None for anything but a whole number from 1 to 999,999,999 in ASCII digits ('²', '１',
    '0', a thousand digits: int() takes some of them, or raises past 4,300 digits)."""
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or int(text) < 1:
        return None
    return int(text)


def parse_page(value: str) -> int:
    """The Data page's screen: '2' -> 2 (1 is the first)."""
    number = _counting_number(value)
    if number is None:
        raise BadParam(f"{echo(value)} is not a page number (1, 2, 3 …)")
    return number


def encode_page(page: int) -> str:
    """The first page is the default, so it stays out of the link."""
    return "" if page == 1 else str(page)


def parse_issue(value: str) -> str:
    """A roll call's subject: 'nuclear-weapons' (the names and codes of monitor.ids.issue_id work too)."""
    if not (issue := issue_id(value)):
        raise BadParam(f"{echo(value)} names no issue (use one such as nuclear-weapons or human-rights)")
    return issue


def parse_version(value: str) -> int:
    """A data version: the number of the load that made it (batches.batch_id)."""
    number = _counting_number(value)
    if number is None:
        raise BadParam(f"{echo(value)} is not a data version (a load number, e.g. 3)")
    return number


def parse_note(value: str) -> int:
    """A note's id: '12' -> 12."""
    number = _counting_number(value)
    if number is None:
        raise BadParam(f"{echo(value)} is not a note (a note's number, e.g. 12)")
    return number


def _countries(values: Sequence[str]) -> list[str]:
    codes, invalid = parse_countries(values)
    if invalid:
        named = ", ".join(echo(v) for v in invalid[:MAX_ECHOED])
        more = f" and {len(invalid) - MAX_ECHOED} more" if len(invalid) > MAX_ECHOED else ""
        raise BadParam(f"Unknown country in the link: {named}{more}", keep=codes)
    return codes


MAX_FILTER_VALUES = 50  # values one what/who/where key keeps; a link with more keeps the first ones and says so
MAX_FILTER_VALUE_LENGTH = 300  # longer than any type, actor or region a publisher writes


def parse_filter_values(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the distinct values in order, trimmed; the values left out: blank, too long or past the limit)."""
    kept: list[str] = []
    dropped: list[str] = []
    for value in values:
        text = value.strip()
        if not text or text in kept:
            continue
        if len(text) > MAX_FILTER_VALUE_LENGTH or len(kept) >= MAX_FILTER_VALUES:
            dropped.append(text)
        else:
            kept.append(text)
    return kept, dropped


def _filter_values(what: str) -> Callable[[Sequence[str]], list[str]]:
    def parse(values: Sequence[str]) -> list[str]:
        kept, dropped = parse_filter_values(values)
        if dropped:
            raise BadParam(f"{len(dropped):,} {what} left out of the filter (at most {MAX_FILTER_VALUES}, each at "
                           f"most {MAX_FILTER_VALUE_LENGTH} characters): {_named(dropped)}", keep=kept)
        return kept
    return parse


def _regions(values: Sequence[str]) -> list[str]:
    kept, dropped = parse_filter_values(values)
    good = [region_key(*parsed) for v in kept if (parsed := parse_region(v))]
    bad = [v for v in kept if not parse_region(v)] + dropped
    if bad:
        raise BadParam(f"Not a region (write ISO3:Name, e.g. MMR:Sagaing region): {_named(bad)}",
                       keep=list(dict.fromkeys(good)))
    return list(dict.fromkeys(good))


def _named(values: Sequence[str]) -> str:
    """A few bad values quoted back (each cut short), the rest counted."""
    named = ", ".join(echo(v) for v in values[:MAX_ECHOED])
    return named + (f" and {len(values) - MAX_ECHOED:,} more" if len(values) > MAX_ECHOED else "")


def unknown_values(key: Key[list[str]], values: Sequence[str], known: Collection[str]) -> tuple[list[str], str | None]:
    """(the values the data holds, a warning naming the others, or None): a link may name a type, actor, region
    or dataset this database (or this selection) does not have; the rest of the link still applies."""
    kept = [v for v in values if v in known]
    unknown = [v for v in values if v not in known]
    if not unknown:
        return kept, None
    return kept, (f"Link parameter `{key.name}`: no {key.doc.split(',')[0]} {_named(unknown)} in the data; "
                  "it was left out of the filter.")


def _place(values: Sequence[str]) -> str:
    lat, lon = parse_place(values[0])
    return f"{lat:.4f},{lon:.4f}"


def _first(values: Sequence[str]) -> str:
    return values[0]


# --- the keys ---------------------------------------------------------------------------------------------------

FALLBACK = "Link parameter `{key}`: {error}. Showing the default instead."


@dataclass(frozen=True)
class Key(Generic[T]):
    """One URL key: its name in the link, how to read and write it, its default and its warning."""

    name: str
    doc: str
    parse: Callable[[Sequence[str]], T]  # the key's values in the link (at least one) -> value; BadParam if unusable
    encode: Callable[[T], str | list[str]]
    default: T | None = None  # the link has no value (a page may pass one that depends on the data)
    choices: tuple[str, ...] = ()  # the only values allowed, when fixed here; a page may pass its own
    warning: str = FALLBACK  # shown for a BadParam: {key} the key, {error} what is wrong
    # A value outside the allowed ones: {value} as the link has it (quoted, cut short), {allowed} them all,
    # {first} and {last}.
    unknown: str = "{value} is not one of: {allowed}"
    none: str = "{value} cannot be chosen here: there is nothing to choose from"  # nothing is allowed
    shared: bool = False  # a sidebar filter: travels with every page link

    def read(self, values: Sequence[str], allowed: Collection[Any] | None = None) -> T:
        """The value a link's `values` hold for this key; BadParam says what is wrong.

        `allowed`: the values the page offers (the key's choices when None; empty: none at all)."""
        value = self.parse(values)
        allowed = (self.choices or None) if allowed is None else allowed
        if allowed is not None and value not in allowed:
            raw = echo(values[0])  # a link is anyone's text: quoted back cut short
            if not allowed:
                raise BadParam(self.none.format(value=raw))
            raise BadParam(self.unknown.format(value=raw, allowed=", ".join(map(str, allowed)), first=min(allowed),
                                               last=max(allowed)))
        return value

    def warn(self, error: BadParam) -> str:
        """The warning a page shows for a bad value of this key."""
        return self.warning.format(key=self.name, error=error)

    def value_of(self, values: Sequence[str], default: T | None = None,
                 allowed: Collection[Any] | None = None) -> tuple[T | None, str | None]:
        """(the value a link holds for this key, the warning to show or None): no values, or a bad one, give
        `default` (else the key's own), or the usable part of a partly bad one."""
        value = copy.copy(self.default if default is None else default)
        if not values:
            return value, None
        try:
            return self.read(values, allowed), None
        except BadParam as e:
            return (value if e.keep is None else e.keep), self.warn(e)


COUNTRIES = Key("c", "countries, ISO-3, repeated (empty: all)", _countries, list, default=[],
                warning="{error}. It was left out of the filter.", shared=True)
FROM = Key("from", "first day, YYYY-MM-DD", lambda v: parse_date(v[0]), date.isoformat, shared=True)
TO = Key("to", "last day, YYYY-MM-DD", lambda v: parse_date(v[0]), date.isoformat, shared=True)
RESOLUTION = Key("res", "a resolution id, e.g. A/RES/75/287 (a vote with no symbol: its library record, undl:3929594)",
                 lambda v: resolution_id(v[0]), str,
                 unknown="{value} is not a resolution in the database")
ISSUE = Key("issue", "the UN votes page: only roll calls on this subject, e.g. nuclear-weapons (none: all)",
            lambda v: parse_issue(v[0]), str,
            unknown="{value} is not an issue of any roll call here (issues: {allowed})",
            none="no roll call here has an issue (load the unvotes issues file to filter by one)")
PAIR = Key("pair", "two countries, e.g. RUS-MMR", lambda v: "-".join(parse_pair(v[0])), str)
ESTIMATE = Key("est", "which of the low / best / high estimates", _first, str, default="best", choices=ESTIMATES)
TAB = Key("tab", "the page's tab (its choices are the page's)", _first, str)
PLACE = Key("place", "a place on the map, lat,lon", _place, str)
MEASURE = Key("measure", "the Map's marker size: fatalities (the `est` figure) or events", _first, str,
              default="fatalities", choices=("fatalities", "events"))
FRAME = Key("frame", "the Map's frame: selection (around the selected countries' events) or all (every event drawn)",
            _first, str, default="selection", choices=("selection", "all"))
PAGE = Key("page", "the Data page's screen of rows (1 the first)", lambda v: parse_page(v[0]), encode_page, default=1)
VERSION = Key("v", "the data version a view is pinned to (none: the latest)", lambda v: parse_version(v[0]), str,
              unknown="{value} is not a data version here (versions {first}–{last})",
              none="this database has no data versions yet (it was built before they existed)")
SINCE = Key("since", "the Changes page: what changed after this data version (0: everything)",
            lambda v: 0 if v[0].strip() == "0" else parse_version(v[0]), str,
            unknown="{value} is not a data version here (0, or versions up to {last})",
            none="this database has no data versions yet (it was built before they existed)")
NOTE = Key("note", "an analyst's note shown at the top of the view (its number)", lambda v: parse_note(v[0]), str,
           unknown="{value} is not a note here")

# The what/who/where filters (issue 17), shared by every page like `c`: monitor/queries/filters.py applies them.
LEFT_OUT = "Link parameter `{key}`: {error}. The rest of the link applies."
EVENT_TYPE = Key("type", "event type, as its publisher names it (Battles, one-sided violence …) or a group "
                 "(political-violence, civilian-targeting, demonstrations), repeated", _filter_values("event types"),
                 list, default=[], warning=LEFT_OUT, shared=True)
SUB_TYPE = Key("sub", "sub-event type, as published, repeated", _filter_values("sub-event types"), list, default=[],
               warning=LEFT_OUT, shared=True)
ACTOR = Key("actor", "actor, as published (actor1, actor2 or an associated actor), repeated", _filter_values("actors"),
            list, default=[], warning=LEFT_OUT, shared=True)
REGION = Key("region", "region, a first-level area as ISO3:Name (MMR:Sagaing region), repeated", _regions, list,
             default=[], warning=LEFT_OUT, shared=True)
SOURCE = Key("src", "dataset (acled, ucdp, gdelt, curated …), repeated", _filter_values("datasets"), list,
             default=[], warning=LEFT_OUT, shared=True)
LENS_KEYS = (EVENT_TYPE, SUB_TYPE, ACTOR, REGION, SOURCE)
ASOF = Key("asof", "the Trends page: the day its flags are computed for, YYYY-MM-DD (none: the last day of the "
           "selection's data)", lambda v: parse_date(v[0]), date.isoformat)
BASE = Key("base", "the Trends page: the change level's baseline, the previous 4 weeks (4w) or 52 weeks (52w)",
           _first, str, default="4w", choices=("4w", "52w"))

KEYS = {key.name: key for key in (COUNTRIES, FROM, TO, *LENS_KEYS, RESOLUTION, ISSUE, PAIR, ESTIMATE, TAB, PLACE,
                                  MEASURE, FRAME, PAGE, VERSION, SINCE, NOTE, ASOF, BASE)}
SHARED_KEYS = tuple(name for name, key in KEYS.items() if key.shared)


# --- the pages --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One page of the app: its script, its URL path ('' for home), and how navigation and links show it."""

    file: str
    path: str
    title: str
    icon: str  # a Material symbol Streamlit draws from its own bundle
    blurb: str  # the Overview's link to it

    @property
    def name(self) -> str:
        return Path(self.file).stem


PAGES = (
    Page("app_pages/overview.py", "", "Overview", ":material/home:", "Overview: the headline figures"),
    Page("app_pages/timeline.py", "timeline", "Timeline", ":material/timeline:",
         "Timeline: tolls, visits and votes on one axis"),
    Page("app_pages/un_votes.py", "un-votes", "UN votes", ":material/how_to_vote:", "UN votes: who voted how"),
    Page("app_pages/relationships.py", "relationships", "Relationships", ":material/hub:",
         "Relationships between countries"),
    Page("app_pages/map.py", "map", "Map", ":material/map:", "Map: where it happened"),
    Page("app_pages/actors.py", "actors", "Actors", ":material/groups:", "Actors: one actor's record"),
    Page("app_pages/data.py", "data", "Data", ":material/table_view:", "Data: every table, CSV, ingest log"),
    Page("app_pages/trends.py", "trends", "Trends", ":material/trending_up:",
         "Trends: what is changing, by published early-warning methods"),
    Page("app_pages/changes.py", "changes", "Changes", ":material/difference:",
         "Changes: what each load changed"),
    Page("app_pages/extract.py", "extract", "Extract", ":material/article:",
         "Extract: rows from a news article"),
)


def page(name: str) -> Page:
    """The page whose script is app_pages/<name>.py."""
    return next(p for p in PAGES if p.name == name)


# --- building URLs ----------------------------------------------------------------------------------------------


def _pairs(params: Params) -> list[tuple[str, str]]:
    """(key, value) pairs in a stable order; lists become repeated keys, empty values are dropped."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None or value == "" or value == []:
            continue
        pairs += [(key, v) for v in ([value] if isinstance(value, str) else value)]
    return pairs


def query_string(params: Params) -> str:
    """Encode params; slashes and colons stay readable (res=A/RES/75/287, res=undl:3929594)."""
    return urlencode(_pairs(params), safe="/:")


def page_url(name: str, params: Params | None = None) -> str:
    """The app-relative URL of a page with these params: '/un-votes?res=A/RES/75/287'."""
    query = query_string(params or {})
    return f"/{page(name).path}" + (f"?{query}" if query else "")


def _with_pairs(url: str, pairs: Iterable[tuple[str, str]]) -> str:
    return urlunsplit(urlsplit(url)._replace(query=urlencode(list(pairs), safe="/:")))


def _query_pairs(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def path_with_added_args(url: str, args: Params) -> str:
    """`url` with `args` added after its own (a repeated key such as `c` gains values)."""
    return _with_pairs(url, _query_pairs(url) + _pairs(args))


def path_with_removed_args(url: str, keys: Iterable[str]) -> str:
    """`url` without any value of `keys`."""
    drop = set(keys)
    return _with_pairs(url, [(k, v) for k, v in _query_pairs(url) if k not in drop])


def path_with_replaced_args(url: str, args: Params) -> str:
    """`url` with each key of `args` holding only the given value(s) (None or empty: removed)."""
    return path_with_added_args(path_with_removed_args(url, args), args)


def ordered_dates(start: date, end: date) -> tuple[date, date, str | None]:
    """(start, end) in order, with the warning to show when a link gave them reversed."""
    if start <= end:
        return start, end, None
    return end, start, f"The date range is reversed ({start} after {end}); showing {end} – {start}."
