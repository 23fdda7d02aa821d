"""Identifiers written one way everywhere, so a row loaded by the ETL and a value typed in a link meet."""

from __future__ import annotations

import re

# A vote the UN Digital Library records with no resolution or draft symbol (an amendment, a paragraph) is
# named by its library record: 'undl:3929594'. Links may also give the record's address.
UNDL_RECORD = re.compile(r"^(?:UNDL\s*:?\s*|(?:HTTPS?://)?DIGITALLIBRARY\.UN\.ORG/RECORD/)(\d+)(?:\.0+)?/?$")


def resolution_id(text: str) -> str:
    """UN resolution symbols in one spelling: 'R/67/234', 'a/res/67/234 ', '67/234' -> 'A/RES/67/234'.

    Only the prefix and spacing change; the rest of the symbol is kept as written. A UN Digital Library record
    ('undl:3929594', 'UNDL 3929594', its https://digitallibrary.un.org/record/3929594 address) -> 'undl:3929594'.
    """
    s = " ".join(text.strip().upper().split())
    if record := UNDL_RECORD.match(s):
        return f"undl:{int(record.group(1))}"
    s = re.sub(r"\s*/\s*", "/", s)
    if s.startswith("R/"):
        return "A/RES/" + s[2:]
    if s.startswith("RES/"):
        return "A/" + s
    if re.match(r"^(ES-)?\d+/\d+", s):
        return "A/RES/" + s
    return s


# The subjects of the unvotes data (Voeten's six issue codes), by a short name a link can carry. Other issue
# names become their own slug ('Climate change' -> 'climate-change').
ISSUES = {
    "palestinian-conflict": ("me", "Palestinian conflict"),
    "nuclear-weapons": ("nu", "Nuclear weapons and nuclear material"),
    "arms-control": ("di", "Arms control and disarmament"),
    "human-rights": ("hr", "Human rights"),
    "colonialism": ("co", "Colonialism"),
    "economic-development": ("ec", "Economic development"),
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


_ISSUE_ALIASES = {_slug(alias): issue for issue, names in ISSUES.items() for alias in (issue, *names)}


def issue_id(text: str) -> str:
    """A roll call's subject in one spelling: 'Nuclear weapons and nuclear material', 'nu', 'Nuclear-Weapons' ->
    'nuclear-weapons'; any other name -> its slug. '' when nothing is left."""
    slug = _slug(text)
    return _ISSUE_ALIASES.get(slug, slug)
