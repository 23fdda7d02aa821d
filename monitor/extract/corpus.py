"""Scoring the extractor on a development corpus: articles written for testing, each with the facts a careful
reader would write down (vote totals, countries' votes, visits, casualty figures), kept as TOML beside it.

One file an article (`tests/corpus/*.toml`): `pattern` (a key of `patterns.toml`, which names the real story the
article imitates), `published`, `text`, and the expected facts as tables: `[[totals]]`, `[[votes]]`, `[[visits]]`,
`[[casualties]]` (docs/extraction.md describes each field). A fact is found when one candidate has all its values;
a candidate of a scored kind that makes up no expected fact counts against precision.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from monitor.extract import extract
from monitor.extract.model import Candidate

KINDS = ("vote totals", "country votes", "visits", "casualty figures")
# Victim words that name the same group ('persons' are 'people', a 'girl' is one of the 'children').
_VICTIMS = {"person": "people", "persons": "people", "individuals": "people", "killings": "people",
            "dead": "people", "deaths": "people", "girl": "children", "boy": "children", "child": "children",
            "minors": "children", "troops": "soldiers", "servicemen": "soldiers", "soldier": "soldiers",
            "civilian": "civilians", "woman": "women", "man": "men"}


@dataclass(frozen=True)
class Expected:
    """One fact a careful reader wrote down, and how it is shown when missed."""

    kind: str
    values: dict[str, Any]

    @property
    def label(self) -> str:
        v = self.values
        if self.kind == "vote totals":
            return f"{v['body']} totals " + "/".join(str(v.get(k, "–")) for k in ("yes", "no", "abstain"))
        if self.kind == "country votes":
            return f"{v['body']} vote {v['country']} {v['vote']}"
        if self.kind == "visits":
            return (f"visit {v['who']} {v['from']}→{v['to']}" + (f" {v['city']}" if "city" in v else "")
                    + (f" {v['date']}" if "date" in v else ""))
        period = "".join(f" {k} {v[k]}" for k in ("since", "until") if k in v)
        return (f"{v['qualifier']} {v['number']} {v['victims']} in {v['country']}{period}, "
                f"counted by {v['counted_by']}")


@dataclass
class CorpusArticle:
    name: str
    pattern: str
    published: date
    text: str
    expected: list[Expected]


def load_article(path: Path) -> CorpusArticle:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    expected = [Expected("vote totals", t) for t in data.get("totals", [])]
    for block in data.get("votes", []):
        expected += [Expected("country votes", {"body": block["body"], "country": iso3, "vote": code})
                     for code in ("Y", "N", "A", "X") for iso3 in block.get(code, [])]
    expected += [Expected("visits", v) for v in data.get("visits", [])]
    expected += [Expected("casualty figures", c) for c in data.get("casualties", [])]
    return CorpusArticle(path.stem, data["pattern"], data["published"], data["text"], expected)


def load_corpus(folder: Path) -> list[CorpusArticle]:
    return [load_article(p) for p in sorted(folder.glob("*.toml")) if p.name != "patterns.toml"]


def _victims(word: str | None) -> str:
    w = (word or "").lower().split()[-1] if word else ""
    return _VICTIMS.get(w, w)


def _figure(f: dict[str, Any]) -> int | None:
    return next((f[k] for k in ("killed_low", "killed_best", "killed_high") if f.get(k) is not None), None)


def _differences(kind: str, want: dict[str, Any], c: Candidate, bodies: dict[str, str]) -> list[str]:
    """What keeps a candidate from being the expected fact (empty: it is the fact)."""
    f = c.fields
    out: list[str] = []

    def check(name: str, got: Any, ok: bool) -> None:
        if not ok:
            out.append(f"{name} {got!r}")

    if kind == "vote totals":
        check("body", f["body"], f["body"] == want["body"])
        for k in ("yes", "no", "abstain"):
            check(k, f[k], f[k] == want.get(k))
    elif kind == "country votes":
        check("body", bodies.get(f["resolution_id"]), bodies.get(f["resolution_id"]) == want["body"])
        check("country", f["country_iso3"], f["country_iso3"] == want["country"])
        check("vote", f["vote"], f["vote"] == want["vote"])
    elif kind == "visits":
        name, who = (f["visitor_name"] or "").lower(), want["who"].lower()
        check("who", f["visitor_name"], bool(name) and (who in name or name in who))
        check("from", f["visitor_iso3"], f["visitor_iso3"] == want["from"])
        check("to", f["host_iso3"], f["host_iso3"] == want["to"])
        if "city" in want:
            check("city", f["city"], (f["city"] or "").lower() == want["city"].lower())
        if "date" in want:
            check("date", f["start_date"], f["start_date"] == want["date"])
    else:
        n, figure = want["number"], _figure(f)
        # "more than 700" is stored as at least 701: both are the reader's "at least 700"
        check("number", figure, figure == n or (want["qualifier"] == "at least" and figure == n + 1))
        check("qualifier", f["qualifier"], f["qualifier"] == want["qualifier"])
        check("victims", f["victims"], _victims(f["victims"]) == _victims(want["victims"]))
        check("country", f["country_iso3"], f["country_iso3"] == want["country"])
        check("counted by", f["reported_by"], want["counted_by"].lower() in (f["reported_by"] or "").lower())
        if "since" in want:
            check("since", f["period_start"], f["period_start"] == want["since"])
        if "until" in want:
            check("until", f["period_end"], f["period_end"] == want["until"])
    return out


_SCORED: dict[str, Callable[[Candidate], bool]] = {
    "vote totals": lambda c: c.table == "resolutions" and any(c.fields[k] is not None for k in ("yes", "no",
                                                                                                 "abstain")),
    "country votes": lambda c: c.table == "votes",
    "visits": lambda c: c.table == "visits",
    "casualty figures": lambda c: c.table == "casualty_reports",
}


@dataclass
class KindScore:
    expected: int = 0
    found: int = 0
    candidates: int = 0
    correct: int = 0

    def add(self, other: KindScore) -> None:
        self.expected += other.expected
        self.found += other.found
        self.candidates += other.candidates
        self.correct += other.correct

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.candidates if self.candidates else 1.0


@dataclass
class ArticleScore:
    article: CorpusArticle
    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    misses: list[str] = field(default_factory=list)  # expected facts not found, with the nearest candidate
    wrong: list[str] = field(default_factory=list)  # candidates that are no expected fact

    @property
    def total(self) -> KindScore:
        total = KindScore()
        for s in self.kinds.values():
            total.add(s)
        return total


def _describe(kind: str, c: Candidate, bodies: dict[str, str]) -> str:
    f = c.fields
    if kind == "vote totals":
        return f"{f['body']} totals {f['yes']}/{f['no']}/{f['abstain']}"
    if kind == "country votes":
        return f"{bodies.get(f['resolution_id'])} vote {f['country_iso3']} {f['vote']}"
    if kind == "visits":
        return f"visit {f['visitor_name']} {f['visitor_iso3']}→{f['host_iso3']} {f['city'] or ''} {f['start_date']}"
    return (f"{f['qualifier']} {_figure(f)} {f['victims']} in {f['country_iso3']}, period {f['period_start']}–"
            f"{f['period_end']}, counted by {f['reported_by']}")


def score_article(article: CorpusArticle, candidates: list[Candidate]) -> ArticleScore:
    """Match each expected fact to a distinct candidate of its kind; the rest of the candidates are wrong."""
    result = ArticleScore(article)
    bodies = {c.fields["resolution_id"]: c.fields["body"] for c in candidates if c.table == "resolutions"}
    for kind in KINDS:
        pool = [c for c in candidates if _SCORED[kind](c)]
        wants = [e for e in article.expected if e.kind == kind]
        used: set[int] = set()
        score = result.kinds[kind]
        score.expected, score.candidates = len(wants), len(pool)
        for want in wants:
            hit = next((i for i, c in enumerate(pool) if i not in used and
                        not _differences(kind, want.values, c, bodies)), None)
            if hit is not None:
                used.add(hit)
                score.found += 1
                continue
            near = sorted(((len(d), d) for c in pool if (d := _differences(kind, want.values, c, bodies))),
                          key=lambda x: x[0])
            nearest = f" (nearest candidate differs in {', '.join(near[0][1])})" if near else ""
            result.misses.append(f"{want.label}{nearest}")
        score.correct = len(used)
        result.wrong += [_describe(kind, c, bodies) for i, c in enumerate(pool) if i not in used]
    return result


def evaluate(folder: Path) -> list[ArticleScore]:
    """Run the extractor on every article of the corpus and score it."""
    scores = []
    for article in load_corpus(folder):
        result = extract(article.text, published=article.published)
        scores.append(score_article(article, result.candidates))
    return scores


def totals(scores: list[ArticleScore]) -> dict[str, KindScore]:
    """Per kind of fact over the corpus, plus 'votes' (totals and countries' votes together)."""
    out = {k: KindScore() for k in KINDS}
    for s in scores:
        for k in KINDS:
            out[k].add(s.kinds[k])
    votes = KindScore()
    votes.add(out["vote totals"])
    votes.add(out["country votes"])
    return {**out, "votes (totals and countries)": votes}
