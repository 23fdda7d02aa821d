"""Text from data or from a URL, shown as text: the one place it is escaped for each place it is shown.

Values flow through the code as plain text; they are escaped once, where they meet a renderer:

- `md`      Streamlit Markdown (st.markdown, st.caption, st.warning, st.info …),
- `plot`    plotly labels (trace names, hover text, annotations, axis and tick labels),
- `md_link` a Markdown link, made only from an absolute http(s) URL that parses (`web_url`),
- `html_text` text inside HTML the app writes itself (st.html),
- `echo`    a value quoted back to the user (a bad URL parameter), cut short first.

Why backslashes are not enough for Markdown: Streamlit turns `:material/x:` into an icon before parsing,
and turns emoji shortcodes and bare `https://…`, `www.…` and `name@host` into emoji and links after parsing,
on the text itself, where escapes are already gone. An invisible WORD JOINER inside each such pattern
breaks it without changing what the reader sees. Punctuation that means nothing where it stands (a `:`
before a space, a `#` mid-line) is left as it is, so the text stays readable in the page's source.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pandas as pd

WORD_JOINER = "\u2060"
ECHO_LIMIT = 60
# What opens Markdown, HTML, GFM, LaTeX or Streamlit syntax inside a line: emphasis, code, links and images,
# HTML and autolinks, strikethrough, math, entities, and a ':' that starts a directive (:red[…]) or an icon.
_MD_SYNTAX = re.compile(r"([\\`*_\[\]<~$]|&(?=#?\w+;)|:(?=[\w+\-/]))")
# A heading, quote, list item or rule when the text begins a line: "#7" or "-5" are left alone.
_MD_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+](?=[\s\-]|$)|\d{1,9}[.)](?=\s|$))")
# Patterns Streamlit finds in the parsed text, where escapes are gone: icons and emoji (:name:), bare links
# (https://…, www.…) and e-mail addresses. A word joiner inside each breaks them and shows nothing.
_TEXT_PATTERNS = re.compile(r"(?<=:)(?=\\?[\w+\-/])|(?<=[\w.+-])(?=@\w)|(?<=www)(?=\.)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")
# Kept as written in a link target; everything else (brackets, quotes, spaces, `$`, `:` past the scheme …)
# is percent-encoded, so the target can never close the Markdown link or start other syntax.
_URL_SAFE = "/?#@!&*+,;=%-._~"


def missing(value: Any) -> bool:
    """None, or one of pandas' missing values: NaN (which is truthy), NA (which raises in `if`), NaT."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(value != value)  # NaN of every float type, numpy's NaT: the values unequal to themselves
    except (TypeError, ValueError):  # a list or an array compares element by element
        return False


def plain(value: Any) -> str:
    """A value as text; '' when it is missing."""
    if isinstance(value, str):
        return value
    return "" if missing(value) else str(value)


def present(value: Any) -> str | None:
    """The value's text with surrounding spaces removed, or None when missing or blank."""
    text = plain(value).strip()
    return text or None


def one_line(value: Any) -> str:
    """Text on one line: control characters dropped, runs of whitespace (newlines too) as one space."""
    return _WHITESPACE.sub(" ", _CONTROL.sub("", plain(value))).strip()


def short(value: Any, limit: int = ECHO_LIMIT) -> str:
    """One line of at most `limit` characters, '…' marking a cut."""
    text = one_line(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def echo(value: Any, limit: int = ECHO_LIMIT) -> str:
    """A value quoted back to the user, cut short: “value”. Plain text; `md` it where Markdown shows it."""
    return f"“{short(value, limit)}”"


def md(value: Any) -> str:
    """Text for Streamlit Markdown that renders as exactly this text: no link, image, emphasis, HTML,
    heading, LaTeX, icon, emoji or colour directive can start inside it."""
    # Escapes first, joiners after: a joiner between a backslash and the character it escapes would undo it.
    text = _TEXT_PATTERNS.sub(WORD_JOINER, _MD_SYNTAX.sub(r"\\\1", one_line(value)))
    return _MD_LINE_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)


def plot(value: Any) -> str:
    """Text for plotly labels: its tags (<a href>, <b>, <br> …) and entities escaped, `$` not read as LaTeX.

    Quotes stay as they are: outside a tag they mean nothing to plotly, which does not know `&quot;`.
    """
    return html.escape(plain(value), quote=False).replace("$", "&#36;")


def html_text(value: Any) -> str:
    """Text inside HTML that Streamlit shows as HTML (st.html): tags, entities and quotes escaped."""
    return html.escape(plain(value), quote=True)


def web_url(value: Any) -> str | None:
    """The URL as a safe link target if it is an absolute http(s) URL that parses, else None."""
    text = plain(value).strip()
    if not text or _CONTROL.search(text) or any(c.isspace() for c in text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    try:
        ascii_host = unicodedata.normalize("NFC", host).encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if not re.fullmatch(r"[a-z0-9._-]+|\[[0-9a-f:.]+\]|[0-9a-f:.]+", ascii_host):
        return None
    netloc = ascii_host if ":" not in ascii_host or ascii_host.startswith("[") else f"[{ascii_host}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    rest = [quote(p, safe=_URL_SAFE) for p in (parts.path, parts.query, parts.fragment)]
    return urlunsplit((parts.scheme.lower(), netloc, *rest))


def app_path(value: Any) -> str | None:
    """A link within the app itself ('/data?tab=events&v=3'): a path on the same host, else None."""
    text = plain(value).strip()
    if not text.startswith("/") or text.startswith("//") or "\\" in text or _CONTROL.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if not parts.scheme and not parts.netloc else None


def md_link(label: Any, url: Any) -> str:
    """`[label](url)` in Markdown when the URL is a web link; the label alone, as text, otherwise."""
    target = web_url(url)
    return f"[{md(label)}]({target})" if target else md(label)


# A web address inside a note: up to the first space or angle bracket; trailing punctuation is the sentence's.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'"


def _pieces(value: Any) -> list[tuple[str, str | None]]:
    """A line of text as (text, link target) pieces: the http(s) addresses that parse are links, the rest text."""
    text, pieces, at = plain(value), [], 0
    for match in _URL_IN_TEXT.finditer(text):
        address = match.group(0).rstrip(_TRAILING)
        target = web_url(address)
        if target is None:
            continue
        pieces += [(text[at:match.start()], None), (address, target)]
        at = match.start() + len(address)
    pieces.append((text[at:], None))
    return [(t, u) for t, u in pieces if t]


def md_paragraphs(value: Any) -> str:
    """Several lines of plain text (an analyst's note) for Streamlit Markdown: each line as text, its http(s)
    addresses as links (monitor.text.web_url); nothing else can become markup."""
    lines = []
    for line in plain(value).splitlines():
        # md() trims each piece: keep the spaces around a link by escaping pieces that start or end with one
        parts = [f"[{md(t)}]({u})" if u else _md_keep_spaces(t) for t, u in _pieces(line)]
        lines.append("".join(parts).strip())
    return "  \n".join(line if line else "" for line in lines).strip() or md(value)


def _md_keep_spaces(text: str) -> str:
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + md(text) + tail


def html_paragraphs(value: Any) -> str:
    """Several lines of plain text for HTML: escaped, line breaks kept, http(s) addresses as links."""
    return "<br>".join(
        "".join(f'<a href="{html_text(u)}" rel="noopener noreferrer">{html_text(t)}</a>' if u else html_text(t)
                for t, u in _pieces(line))
        for line in plain(value).splitlines())
