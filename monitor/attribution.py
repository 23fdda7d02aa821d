"""Full citations, and the attribution text each data publisher's terms ask for.

Quoted from the publishers' own terms (read November 2026):
- ACLED, Terms of Use and Attribution Policy (https://acleddata.com/terms-of-use-and-attribution-policy):
  "If using ACLED data in any way, direct or manipulated, the data must be clearly and prominently acknowledged.
  Proper acknowledgement includes (1) a footnote with the full citation which includes a link to ACLED's website".
- UCDP (https://ucdp.uu.se/downloads/): a dataset is cited by its authors as its download page indicates; the GED
  by Sundberg & Melander (2013), the article introducing it. The ETL records UCDP's licence as CC BY 4.0.
- Dag Hammarskjöld Library, Data Terms of Use (https://digitallibrary.un.org/pages/?page=tos): "Content, data and
  metadata created by the Library may be accessed and used free of charge for non-commercial use, provided
  appropriate acknowledgement is given as follows: © United Nations, [year], https://digitallibrary.un.org,
  downloaded on [DATE]".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from monitor.text import plain


@dataclass(frozen=True)
class Terms:
    """A publisher whose terms ask for a particular acknowledgement."""

    name: str
    matches: tuple[str, ...]  # lower-case text found in a source's publisher or URL
    policy_url: str
    policy: str  # what the terms ask, quoted or closely paraphrased (say which)

    def applies(self, source: Mapping[str, Any]) -> bool:
        text = f"{plain(source.get('publisher'))} {plain(source.get('url'))}".lower()
        return any(m in text for m in self.matches)


ACLED = Terms(
    "ACLED", ("acled", "acleddata.com"), "https://acleddata.com/terms-of-use-and-attribution-policy",
    "ACLED's Attribution Policy: “If using ACLED data in any way, direct or manipulated, the data must be clearly "
    "and prominently acknowledged. Proper acknowledgement includes (1) a footnote with the full citation which "
    "includes a link to ACLED’s website”. Acknowledgement: Armed Conflict Location & Event Data (ACLED), "
    "https://acleddata.com — the ACLED rows in this briefing are cited in full under each chart.")
UCDP = Terms(
    "UCDP", ("uppsala conflict data program", "ucdp", "ucdp.uu.se"), "https://ucdp.uu.se/downloads/",
    "UCDP asks users to cite a dataset's authors as its download page indicates. The UCDP Georeferenced Event "
    "Dataset: Sundberg, Ralph and Erik Melander (2013) “Introducing the UCDP Georeferenced Event Dataset”, "
    "Journal of Peace Research 50(4): 523–532; data from the Uppsala Conflict Data Program, https://ucdp.uu.se "
    "(licence: CC BY 4.0).")
UN_DIGITAL_LIBRARY = Terms(
    "United Nations Digital Library", ("united nations digital library", "digitallibrary.un.org"),
    "https://digitallibrary.un.org/pages/?page=tos",
    "The Dag Hammarskjöld Library's Data Terms of Use ask for this acknowledgement: “© United Nations, {year}, "
    "https://digitallibrary.un.org, downloaded on {date}”.")
TERMS = (ACLED, UCDP, UN_DIGITAL_LIBRARY)


def citation(source: Mapping[str, Any]) -> str:
    """'Publisher, “Title”, published 2021-06-18, URL (accessed 2026-11-28)' from a sources row."""
    parts = [plain(source.get("publisher")) or "Unknown publisher"]
    if title := plain(source.get("title")):
        parts.append(f"“{title}”")
    if published := _day(source.get("published_on")):
        parts.append(f"published {published}")
    if url := plain(source.get("url")):
        parts.append(url)
    accessed = _day(source.get("accessed_on"))
    return ", ".join(parts) + (f" (accessed {accessed})" if accessed else "")


def acknowledgement(terms: Terms, source: Mapping[str, Any]) -> str:
    """The acknowledgement `terms` ask for, filled in from a source row (the UN's wants the download date)."""
    accessed = _day(source.get("accessed_on"))
    return terms.policy.format(year=accessed[:4] if accessed else "[year]", date=accessed or "[date]")


def acknowledgements(sources: list[Mapping[str, Any]]) -> list[tuple[Terms, str]]:
    """Each publisher with terms among `sources`, once, with its acknowledgement."""
    out: list[tuple[Terms, str]] = []
    for terms in TERMS:
        first = next((s for s in sources if terms.applies(s)), None)
        if first is not None:
            out.append((terms, acknowledgement(terms, first)))
    return out


def _day(value: Any) -> str:
    text = plain(value)
    return text[:10] if text else ""
