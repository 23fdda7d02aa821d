"""URL state <-> page state: every choice a page offers lives in the query string.

One short key scheme across pages (DESIGN.md): `c` (ISO-3, repeated), `from`, `to`, `res`, `pair`
(e.g. RUS-MMR), `est` (low/best/high), `tab`. The URL always carries codes and ids, never display names.

The pure helpers (parse_*, query_string, with_params) are unit-tested on their own. The Streamlit glue
below them is the one place in `monitor` that imports Streamlit: widgets are seeded from the URL once
per session, and at the end of every run the URL is rewritten from the widgets, so the address bar is
always the shareable link.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode

from monitor.countries import country_name, to_iso3
from monitor.text import md, short

T = TypeVar("T")
SHARED_KEYS = ("c", "from", "to")
ESTIMATES = ("low", "best", "high")
WARNING_LIMIT = 300


class BadParam(ValueError):
    """A URL value that cannot be used; the message is shown to the user."""


# --- pure helpers ----------------------------------------------------------------------------------


def parse_countries(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """(ISO-3 codes in order, without repeats; the values that are no country)."""
    codes: list[str] = []
    invalid: list[str] = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            code = to_iso3(part)
            if code is None:
                invalid.append(part.strip())
            elif code not in codes:
                codes.append(code)
    return codes, invalid


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadParam(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def parse_pair(value: str) -> tuple[str, str]:
    """'RUS-MMR' -> ('RUS', 'MMR'); names work too ('Russia-Myanmar')."""
    parts = value.strip().split("-", 1)
    if len(parts) != 2:
        raise BadParam(f"{value!r} is not a country pair (use two ISO-3 codes, e.g. RUS-MMR)")
    a, b = to_iso3(parts[0]), to_iso3(parts[1])
    if a is None or b is None or a == b:
        raise BadParam(f"{value!r} is not a pair of two different countries (e.g. RUS-MMR)")
    return a, b


def parse_choice(value: str, choices: Sequence[str]) -> str:
    if value in choices:
        return value
    raise BadParam(f"{value!r} is not one of: {', '.join(choices)}")


def query_string(params: Mapping[str, str | Sequence[str] | None]) -> str:
    """Encode params in a stable order; lists become repeated keys, empty values are dropped."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None or value == "" or value == []:
            continue
        values = [value] if isinstance(value, str) else list(value)
        pairs += [(key, v) for v in values]
    return urlencode(pairs, safe="/")


def with_params(params: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of params with some replaced (None removes a key)."""
    out = {k: v for k, v in params.items() if k not in changes}
    out.update({k: v for k, v in changes.items() if v is not None})
    return out


# --- Streamlit glue ----------------------------------------------------------------------------------


@dataclass
class UrlState:
    """What this run's URL should hold, collected while the page draws."""

    params: dict[str, str | list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _st():
    import streamlit as st  # imported here so the pure helpers work without a Streamlit runtime

    return st


def _state() -> UrlState:
    st = _st()
    if "_url_state" not in st.session_state:
        st.session_state["_url_state"] = UrlState()
    return st.session_state["_url_state"]


def begin_run() -> None:
    """Start collecting this run's URL (call first thing in app.py)."""
    _st().session_state["_url_state"] = UrlState()


def url_values(param: str) -> list[str]:
    return _st().query_params.get_all(param)


def bind(
    param: str,
    key: str,
    parse: Callable[[list[str]], T],
    default: T,
    encode: Callable[[T], str | list[str] | None],
) -> None:
    """Seed the widget `key` from the URL once (bad value -> warning + default), and publish its value.

    Call before drawing the widget; the widget then takes its value from st.session_state[key].
    """
    st = _st()
    state = _state()
    seeded = f"_seeded_{key}"
    if key not in st.session_state or not st.session_state.get(seeded):
        raw = url_values(param)
        value = default
        if raw:
            try:
                value = parse(raw)
            except BadParam as e:
                state.warnings.append(f"Link parameter `{param}`: {e}. Showing the default instead.")
        st.session_state[key] = value
        st.session_state[seeded] = True
    state.params[param] = encode(st.session_state[key]) or ""


def warn(message: str) -> None:
    _state().warnings.append(message)


def current_params() -> dict[str, str | list[str]]:
    return {k: v for k, v in _state().params.items() if v not in ("", [], None)}


def shared_params() -> dict[str, str | list[str]]:
    """The filters that travel with every page link."""
    return {k: v for k, v in current_params().items() if k in SHARED_KEYS}


def finish_run(warnings_slot: Any, share_slot: Any, share_also: dict[str, str] | None = None) -> None:
    """Rewrite the URL from this run's state; fill the warnings and share-link slots made earlier."""
    st = _st()
    state = _state()
    with warnings_slot:
        for message in state.warnings:
            st.warning(md(short(message, WARNING_LIMIT)), icon="⚠️")  # it quotes the link: text, and short
    with share_slot:
        share_box(share_also)
    wanted = current_params()
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    normalised = {k: [v] if isinstance(v, str) else list(v) for k, v in wanted.items()}
    if normalised != have:
        st.query_params.from_dict(wanted)


def share_link(also: dict[str, str] | None = None) -> str:
    """The link to this exact view: the page's address and this run's query string (`also`: keys the share box
    always carries, such as the data version, last)."""
    base = _st().context.url or ""
    params = {k: v for k, v in current_params().items() if k not in (also or {})}
    query = query_string({**params, **(also or {})})
    return f"{base}?{query}" if query else base


def share_box(also: dict[str, str] | None = None) -> None:
    """The link to this exact view, with a copy button."""
    st = _st()
    st.caption("Link to this view")
    st.code(share_link(also), language=None, wrap_lines=True)


def countries_label(codes: Sequence[str]) -> str:
    return ", ".join(country_name(c) for c in codes) if codes else "all countries"
