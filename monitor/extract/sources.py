"""The `sources` row every candidate cites: the article itself."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any
from urllib.parse import urlparse

from monitor.extract.text import Article


def slug(text: str, limit: int = 40) -> str:
    """'Al Arabiya English' -> 'al-arabiya-english' (ASCII letters and digits only)."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "").replace("'", "")).strip("-")
    return s[:limit].rstrip("-") or "x"


def source_row(article: Article, *, published: date | None, url: str | None, publisher: str | None,
               title: str | None, accessed: date | None) -> dict[str, Any]:
    host = urlparse(url).hostname if url else None
    who = publisher or (host.removeprefix("www.") if host else None)
    digest = hashlib.sha256(article.text.encode()).hexdigest()[:8]
    source_id = "-".join(filter(None, [slug(who) if who else "article", published.isoformat() if published
                                       else None, digest]))
    return {
        "source_id": source_id, "publisher": who or "unknown publisher", "title": title or article.title or
        "untitled article", "url": url, "published_on": published, "accessed_on": accessed or date.today(),
        "license": None, "notes": "Candidate rows proposed by monitor.extract from this article and "
        "reviewed by an analyst.",
    }
