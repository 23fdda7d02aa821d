"""monitor/text.py: text from data or a URL is shown as text, in Markdown and in plotly, and links are made
only from web URLs. (What the browser then draws is checked in tests/e2e/test_hostile_data.py.)"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor import text
from monitor.text import WORD_JOINER, echo, md, md_link, plain, plot, present, short, web_url

SYNTAX = set("`*_[]<~$")  # what opens syntax anywhere in a line (the backslash aside)


def unescape_md(escaped: str) -> str:
    """What CommonMark makes of backslash escapes, and the reader of the joiners (nothing)."""
    return re.sub(r"\\(.)", r"\1", escaped).replace(WORD_JOINER, "")


@pytest.mark.parametrize("hostile", [
    "[click here](https://evil.example/phish)",
    "![x](https://evil.example/track.png)",
    "*bold* _em_ **strong** ~~gone~~",
    "# heading",
    "<img src=x onerror=alert(1)>",
    "<div>block</div>",
    "$x^2$ and $$\\int$$",
    ":material/home: :streamlit: :smile: :+1:",
    ":red[red] :blue-background[bg] :small[small] :violet-badge[badge]",
    "https://evil.example/bare www.evil.example mail@evil.example",
    "`code` <https://evil.example>",
    "&amp; &lt;b&gt; &#x3C;",
    "| a | b |",
    "1. list", "- item", "+ item", "12) item",
    "> quote",
    "line\nbreak\r\n\tand tab",
    "back\\slash\\",
])
def test_markdown_from_data_has_every_control_character_escaped(hostile):
    escaped = md(hostile)
    assert "\n" not in escaped and "\r" not in escaped
    for i, ch in enumerate(escaped):
        if ch in SYNTAX:
            assert escaped[i - 1] == "\\", (ch, escaped)
    assert unescape_md(escaped) == " ".join(hostile.split())


def test_markdown_breaks_patterns_streamlit_applies_after_escapes():
    # Icons, emoji, Streamlit's logo and bare URLs are found in the parsed text, where escapes are gone:
    # the text the renderer sees must not contain them any more.
    source = md(":material/home: :smile: :streamlit: https://evil.example www.x.org a@b.co")
    # Streamlit rewrites ':material/' in the source before parsing (as its frontend does), then looks for
    # ':material_name:' in the parsed text
    rendered = re.sub(r"\\(.)", r"\1", source.replace(":material/", ":material_"))
    assert not re.search(r":[\w+-]+:", rendered)  # icons, emoji, the logo
    assert "https://" not in rendered and "www." not in rendered and "a@b" not in rendered
    assert rendered.replace(WORD_JOINER, "") == ":material/home: :smile: :streamlit: https://evil.example " \
                                                 "www.x.org a@b.co"


@given(st.text())
def test_any_text_round_trips_through_markdown_escaping(value):
    escaped = md(value)
    assert "\n" not in escaped
    assert unescape_md(escaped) == text.one_line(value)
    # nothing can open a construct: every character that could is escaped, every pattern joined
    bare = escaped.replace("\\\\", "")
    assert not re.search(r"(?<!\\)([\[\]<*_`$~]|&#?\w+;|:[\w+\-/])", bare)
    parsed = re.sub(r"\\(.)", r"\1", escaped)  # what Streamlit's text plugins see: escapes gone, joiners kept
    assert not re.search(r":[\w+\-/]|https?://|www\.|\w@\w", parsed)
    assert not re.match(r"(#{1,6}|[-+])(\s|$)|>|\d+[.)](\s|$)", escaped)  # nor a heading, quote or list item


@given(st.text())
def test_any_text_round_trips_through_plotly_escaping(value):
    escaped = plot(value)
    assert "<" not in escaped and ">" not in escaped and "$" not in escaped
    import html

    assert html.unescape(escaped) == value


@pytest.mark.parametrize("tag", ['<a href="https://evil.example">x</a>', "<b>bold</b>", "a<br>b",
                                 "<span style='color:red'>x</span>", "<sup>1</sup>", "$\\alpha$"])
def test_plotly_tags_are_escaped(tag):
    assert "<" not in plot(tag) and "$" not in plot(tag)


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT, pd.Series([None], dtype="str")[0]])
def test_missing_values_from_pandas_are_empty_text(missing):
    assert plain(missing) == "" and present(missing) is None and md(missing) == "" and plot(missing) == ""


def test_present_strips_and_keeps_values():
    assert present("  day ") == "day" and present("   ") is None and present(0) == "0"


@pytest.mark.parametrize(("url", "link"), [
    ("https://example.org/a/b?c=1&d=2#e", "https://example.org/a/b?c=1&d=2#e"),
    ("HTTP://Example.ORG", "http://example.org"),
    ("https://example.org/x)y(z", "https://example.org/x%29y%28z"),
    ("https://example.org/wiki/Foo_(bar)", "https://example.org/wiki/Foo_%28bar%29"),
    ("https://user:pw@example.org/", "https://example.org/"),  # a login in a link only deceives
    ("https://bücher.example/ä", "https://xn--bcher-kva.example/%C3%A4"),
    ("https://example.org:8443/$x$", "https://example.org:8443/%24x%24"),
    ("http://[::1]:8080/", "http://[::1]:8080/"),
])
def test_web_urls_become_safe_link_targets(url, link):
    assert web_url(url) == link


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x",
    "file:///etc/passwd", "ftp://example.org/", "//evil.example/x", "/relative/path", "example.org",
    "http://[x", "https://example.org:99999/", "https://exa mple.org/", "https://example.org/a b",
    "https://example.org/x) ![img](https://evil.example/track.png", "https://", "http:///x", "\x00http://x.org",
    "", None, float("nan"),
])
def test_anything_else_is_not_a_link(url):
    assert web_url(url) is None
    assert "](" not in md_link("label", url)
    assert md_link("label", url) == "label"


def test_a_bracket_in_a_url_cannot_break_out_of_its_link():
    link = md_link("AAPP: report", "https://example.com/x)![img](https://evil.example/track.png)")
    label, target = re.fullmatch(r"\[(.*)\]\(([^()\s]*)\)", link).groups()
    assert unescape_md(label) == "AAPP: report"
    assert target == "https://example.com/x%29!%5Bimg%5D%28https%3A//evil.example/track.png%29"


def test_labels_of_links_are_escaped():
    assert md_link("[x](https://evil.example)", "https://ok.example") == \
        "[\\[x\\](https\\:\u2060//evil.example)](https://ok.example)"


def test_echoed_values_are_cut_short_and_on_one_line():
    assert echo("x" * 100_000) == "“" + "x" * 59 + "…”"
    assert short("a\nb\tc") == "a b c"
    assert echo("MMR") == "“MMR”"
    assert len(md(echo("[" * 10_000))) < 200


@pytest.mark.parametrize(("value", "path"), [("/data?tab=events&v=3", "/data?tab=events&v=3"), ("/", "/"),
                                             ("//evil.example/x", None), ("https://example.org/", None),
                                             ("/\\evil.example", None), ("data?tab=x", None), ("javascript:x", None)])
def test_links_within_the_app_are_paths_on_the_same_host(value, path):
    assert text.app_path(value) == path


def test_an_escaped_character_after_a_colon_cannot_start_an_emoji_code():
    """Hypothesis found ':_': the underscore was escaped, so no joiner followed the colon, and Streamlit, which
    reads the text with its escapes gone, saw ':_' (the start of an emoji code)."""
    assert re.sub(r"\\(.)", r"\1", md(":_smile:")).startswith(":\u2060_")
