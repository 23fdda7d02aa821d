"""Fuzzing every page's link (issue 8, failure 6): hostile values for every URL key on every page, in AppTest.

Whatever a link holds: the page runs without an exception; a value the page cannot use gives a warning and
the page falls back to its default (the value is gone from the address bar); the warning quotes the value cut
short (monitor.text.ECHO_LIMIT characters) and as literal text: no link, image or HTML survives into it.

Three generated examples a page by default (24 in all) besides the four pinned ones (32), derandomised so the
suite is repeatable; `FUZZ_LONG=1` generates 50 a page (400) with fresh random cases (`URL_FUZZ_EXAMPLES=N`
chooses the number a page).
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from monitor import urls
from monitor.text import ECHO_LIMIT, WORD_JOINER, one_line
from tests.conftest import ROOT

LONG = os.environ.get("FUZZ_LONG") == "1"
EXAMPLES = int(os.environ.get("URL_FUZZ_EXAMPLES", 50 if LONG else 3))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG, database=None, print_blob=True,
                suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate, Phase.shrink])

# The keys each page reads besides the sidebar's (c, from, to) and the data version (v), which app.py reads
# on every page.
PAGE_KEYS = {"overview": (), "timeline": ("est",), "un_votes": ("res", "issue"), "relationships": ("pair", "tab"),
             "map": ("place", "est", "measure", "frame"), "data": ("tab", "page"), "changes": ("since",),
             "extract": (), "trends": ("asof", "base"), "actors": ()}
READ_EVERYWHERE = ("c", "from", "to", "v", "type", "sub", "actor", "region", "src")

EVIL = "evil.example"
HOSTILE = [
    f"[click here](https://{EVIL}/phish)", f"![x](https://{EVIL}/track.png)", f"<img src=https://{EVIL}/t.png>",
    f'<a href="https://{EVIL}">MMR</a>', "<script>alert(1)</script>", "javascript:alert(1)",
    "RUS-[x](javascript:alert(1))", "<b>bold</b><br>", ":red[red] :material/home: **bold** `code` $x^2$",
    f"https://{EVIL}/x", f"www.{EVIL}", f"a@{EVIL}", "# heading", "> quote", "- item", "1. item",
    "2021-02-30", "2021-13-01", "9999-99-99", "-1", "0", "1e308", "nan", "inf", "99999999999999999999",
    "A/RES/75/287)![x](y)", "'; DROP TABLE events; --", "\x00", "a\x00b", "\u202eRLO", "\ufeffMMR\ufeff",
    "😀" * 30, "\ufffd", "", " ", ",", "-", "xxx,yyy", "MMR,<b>x</b>", "99,181", "55.7,37.6,1", "low\nhigh",
]
# No lone surrogates ('\udcff'): a browser cannot send one (it encodes them as U+FFFD, which is in the list), and
# AppTest's own urlencode raises on them before the app runs.
hostile_values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=80),
    st.builds(lambda v, n: v * n, st.sampled_from(HOSTILE[:12] + ["x", "é", "[a](b)"]),
              st.integers(min_value=1, max_value=100_000)).map(lambda v: v[:100_000]),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.text(max_size=20)),
)
LINK_OR_IMAGE = re.compile(r"(?<!\\)\]\(|(?<!\\)!\[|(?<!\\)<[a-zA-Z/!]")
UNESCAPE = re.compile(r"\\(.)")


def shown_text(markdown: str) -> str:
    """What a reader sees of escaped Markdown: backslash escapes and word joiners gone."""
    return UNESCAPE.sub(r"\1", markdown.replace(WORD_JOINER, ""))


def longest_echo(value: str, shown: str) -> int:
    """The length of the longest piece of `value` (as one line) that `shown` quotes, up to ECHO_LIMIT + 1."""
    text = one_line(value)
    size = ECHO_LIMIT + 1
    if len(text) >= size and any(text[i:i + size] in shown for i in range(len(text) - size + 1)):
        return size
    return min(len(text), size) if text and text in shown else 0


def is_usable(key: urls.Key, values: list[str]) -> bool:
    """Whether the key's parser takes the value on its own (a page may still refuse it: an unknown
    resolution, a version the database does not hold)."""
    try:
        key.read(values)
    except urls.BadParam:
        return False
    return True


def open_with(page: urls.Page, params: dict[str, list[str]]) -> tuple[AppTest, list[str]]:
    """The page opened by a deep link, and the warnings it showed: its first run is on that page, with those
    params. Before its first run AppTest finds a page only by a URL path that is the file's name, so the UN
    votes page (un-votes, un_votes.py) is reached as open_page does: the link on the Overview, then the page,
    and the warnings of both runs count."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, values in params.items():
        at.query_params[key] = values
    shown = []
    if page.path and page.path != page.name:
        at.run()
        shown = [w.value for w in at.warning]
        for key, values in params.items():
            at.query_params[key] = values
    if page.path:
        at.switch_page(page.file)
    at.run()
    return at, shown + [w.value for w in at.warning]


@pytest.mark.timeout(0 if LONG else 900)
@FUZZ
@pytest.mark.parametrize("page", urls.PAGES, ids=lambda p: p.name)
@given(key=st.sampled_from(sorted(urls.KEYS)), values=st.lists(hostile_values, min_size=1, max_size=3))
# What the fuzzer found, on every page: no warning at all on Extract (its st.stop() ended the run before app.py
# showed them), a whole 100,000-character value echoed, and tracebacks from int() ('²'; past 4,300 digits).
@example(key="c", values=[f"[click here](https://{EVIL}/phish)"])
@example(key="from", values=[f"![x](https://{EVIL}/t.png)" * 4_000])
@example(key="page", values=["²"])
@example(key="v", values=["9" * 5_000])
# Repeated keys with markup (issue 17). Streamlit itself ignores a query string of more than 1,000 parameters (the
# page opens on its defaults, with a line in the server log): 999 is the most a page sees; tests/unit/test_urls.py
# and the briefing's and export's own link reading take 10,000.
@example(key="actor", values=["<b>NUG</b>", "x" * 400] * 499)
@example(key="region", values=[f"MMR:[x](https://{EVIL}/phish)", "Sagaing"] * 499)
def test_any_link_value_on_any_page_is_a_short_literal_warning_and_a_default(page, key, values):
    reads = key in READ_EVERYWHERE or key in PAGE_KEYS[page.name]
    event(f"the page {'reads' if reads else 'ignores'} the key")
    at, warnings = open_with(page, {key: values})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # the page itself, not a notice in its place
    for markdown in warnings:
        assert not LINK_OR_IMAGE.search(markdown), markdown  # literal text: no link, image or HTML
        for value in values:
            assert longest_echo(value, shown_text(markdown)) <= ECHO_LIMIT, markdown
    usable = [v for v in values if v.strip()]
    if reads and usable and not is_usable(urls.KEYS[key], values):
        event("unusable value on a page that reads it")
        assert warnings, f"no warning for {key}={values!r} on {page.name}"
        kept = at.query_params.get(key, [])
        kept = [kept] if isinstance(kept, str) else list(kept)
        assert not set(kept) & set(values) - {v for v in values if is_usable(urls.KEYS[key], [v])}, kept
