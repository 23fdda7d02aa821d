"""An article as clean text: HTML or pasted text in, boilerplate out, sentences with character offsets.

Offsets are into `Article.text`, the cleaned body, so a reviewer can be shown exactly where a fact came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

# Blocks whose text is not the article: navigation, scripts, forms, page furniture.
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
              "figure", "iframe", "select", "template"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
               "br", "tr", "td", "th", "title", "dd", "dt", "pre"}
# A line matching one of these is site furniture, not reporting.
_BOILERPLATE = re.compile(
    r"(?i)\b(follow (our|us)|subscribe|sign up|newsletter|click here|cookie|all rights reserved|share this|"
    r"google news|download (our|the) app|read mode|font size)\b")
# Everything after one of these lines is links to other stories.
_TAIL = re.compile(r"(?i)^\s*(read more|related( articles| stories)?|also read|more on this|recommended)\s*:?\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")
# Abbreviations a sentence never ends on (titles, "U.S.", initials, month short forms).
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "sen", "rep", "gov", "st",
                  "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "vs", "etc",
                  "u.s", "u.n", "u.k", "e.g", "i.e", "inc", "co", "corp", "jr", "sr", "prof", "adm", "brig"}
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
# Sentences run together without a space ("in favor.The US", "Belarus.35 countries"): a word of two lower-case
# letters or more, a full stop, then a capitalised word or a number and a space. "U.S." and "3.5" do not qualify.
_RUN_TOGETHER = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]|\d[\d,]*\s)")
# A vote result set out as a block of short lines ("In favour: 13", "Against: 1 (Russia)"): kept, as one sentence.
_RESULT_LINE = re.compile(r"(?i)^(?:in favou?r|for|yes|against|no|abstentions?|abstain(?:ed|ing)?|"
                          r"not voting|absent)\s*:\s*\d[\d,]*(?:\s*\([^)]{1,200}\))?\.?$")
_META_DATE = re.compile(r"(?:published|date|pubdate|datePublished)", re.I)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the cleaned text and where it sits in it."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class Article:
    """The cleaned article: title, body text, sentences, and what the page said about itself."""

    title: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    published: date | None = None


class _TextParser(HTMLParser):
    """Visible text of an HTML page, one line per block; meta published date and title on the side."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buffer: list[str] = []
        self._skip = 0
        self.title = ""
        self._in_title = False
        self._in_h1 = False
        self.h1 = ""
        self.published: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag == "meta":
            a = dict(attrs)
            name = a.get("property") or a.get("name") or a.get("itemprop") or ""
            if _META_DATE.search(name) and a.get("content") and not self.published:
                self.published = a["content"]
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        if self._in_h1:
            self.h1 += data
        self._buffer.append(data)

    def _flush(self) -> None:
        line = " ".join("".join(self._buffer).split())
        if line:
            self.lines.append(line)
        self._buffer = []

    def close(self) -> None:
        super().close()
        self._flush()


def looks_like_html(raw: str) -> bool:
    return bool(re.search(r"<(html|body|p|div|article|head)\b", raw[:5000], re.I))


def _is_body_line(line: str) -> bool:
    """Reporting is made of sentences: a line of at least six words ending like one, not site furniture."""
    return len(line.split()) >= 6 and bool(_SENTENCE_END.search(line)) and not _BOILERPLATE.search(line)


def _parse_meta_date(value: str | None) -> date | None:
    if value and (m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; paragraphs (blank-line separated) never share a sentence."""
    sentences: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        cuts = sorted([m.end() for m in _SPLIT.finditer(para.group())
                       if not _ends_with_abbreviation(para.group()[:m.start()].rstrip("\"”’)]"),
                                                      para.group()[m.end():])]
                      + [m.end() for m in _RUN_TOGETHER.finditer(para.group())])
        bounds = [0, *cuts, len(para.group())]
        for a, b in zip(bounds, bounds[1:], strict=False):
            chunk = para.group()[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            chunk = chunk.strip()
            if chunk:
                s = start + a + lead
                sentences.append(Sentence(len(sentences), s, s + len(chunk), chunk))
    return sentences


def _ends_with_abbreviation(head: str, following: str = "") -> bool:
    word = re.search(r"([A-Za-z.]+)\.$", head)
    if not word:
        return False
    w = word.group(1).lower()
    if w == "no":  # "No. 5" is a number; "voted no. The …" ends a sentence
        return following[:1].isdigit()
    return w in _ABBREVIATIONS or len(w) == 1  # "Aung San S. Kyi": a single initial


def _join_result_blocks(lines: list[str]) -> list[str]:
    """'In favour: 13' / 'Against: 1 (Russia)' / 'Abstain: 1 (China)' -> one sentence of the three lines."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if _RESULT_LINE.match(line):
            block.append(line.rstrip("."))
            continue
        if len(block) >= 2:
            out.append("; ".join(block) + ".")
        else:
            out += block
        block = []
        if line:
            out.append(line)
    return out


def clean(raw: str) -> Article:
    """The article's title and body from HTML or plain text; related-story links and furniture dropped."""
    published = None
    if looks_like_html(raw):
        parser = _TextParser()
        parser.feed(raw)
        parser.close()
        lines = parser.lines
        title = " ".join((parser.h1 or parser.title).split())
        published = _parse_meta_date(parser.published)
        if lines and title and lines[0] == title:
            lines = lines[1:]
    else:
        lines = [" ".join(line.split()) for line in raw.replace("\r\n", "\n").split("\n")]
        lines = [line for line in lines if line]
        title = lines[0] if lines and not _is_body_line(lines[0]) else ""
        lines = lines[1:] if title else lines
    body: list[str] = []
    for line in _join_result_blocks(lines):
        if _TAIL.match(line):
            break
        if _is_body_line(line):
            body.append(line)
    text = "\n\n".join(body)
    return Article(title=title, text=text, sentences=split_sentences(text), published=published)
