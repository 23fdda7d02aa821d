"""Visit lists of the US Department of State's Office of the Historian (history.state.gov), into `visits`.

Two shapes, flattened from the XML of HistoryAtState/travels and HistoryAtState/visits (public domain):
- travels of the President and the Secretaries of State abroad:
  id, role, who, name, start_date, end_date, country_id, country, locale, remarks
- foreign leaders' visits to the United States:
  id, start_date, end_date, visitor, from_id, from, description

They show how a third-party visit list maps onto our table (README, "Real-world formats"). Country names
are as the Historian wrote them at the time ("U.S.S.R.", "Burma (Myanmar)", "Korea, South"); a name our
resolver does not know falls back to the Historian's own country id ("korea-south"), and only when both
fail is the row rejected, naming the country. The same trip listed twice under two ids with identical
content counts as a duplicate; listings that differ in any detail are kept as separate rows.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, ClassVar

from etl.formats._shared import columns_of, extra_json
from etl.formats.base import Context, Detection, Format, Record, Reject, normalise_header
from monitor.countries import to_iso3

TRAVELS = ("id", "role", "who", "name", "start_date", "end_date", "country", "locale")
LEADERS = ("id", "start_date", "end_date", "visitor", "from")

TRAVELS_MAPPED = {"id", "role", "name", "start_date", "end_date", "country", "locale", "remarks"}
LEADERS_MAPPED = {"id", "visitor", "start_date", "end_date", "from", "description"}
ROLES = {"president": "President of the United States", "secretary": "Secretary of State"}
# The Historian's country ids that name no ISO country by themselves.
COUNTRY_IDS = {
    "palestinian-authority": "PSE", "west-bank": "PSE", "gaza": "PSE",
    "saint-kitts-nevis": "KNA", "antigua-barbuda": "ATG", "saint-vincent-grenadines": "VCT",
    "congo-democratic-republic": "COD", "congo-republic": "COG",
}  # fmt: skip
# Titles that open a visitor's name, longest first so "Prime Minister" wins over "Minister".
TITLES = sorted([
    "President", "Vice President", "President-elect", "Prime Minister", "Deputy Prime Minister",
    "First Deputy Prime Minister", "Premier", "Chancellor", "Federal Chancellor", "King", "Queen", "Emperor",
    "Empress", "Crown Prince", "Prince", "Princess", "Grand Duke", "Grand Duchess", "Sultan", "Emir", "Amir",
    "Shah", "Sheikh", "Shaikh", "Chairman", "General Secretary", "Secretary General", "Governor General",
    "Foreign Minister", "Minister", "Chief Executive", "Head of State", "Taoiseach", "Chief of State",
    "General", "Field Marshal", "Marshal", "Archbishop", "Pope", "Cardinal", "Prime Minister-designate",
    "Acting President", "Interim President", "Transitional President", "Supreme Leader", "Regent",
    "Governor", "Mayor", "Crown Princess", "Grand Master",
], key=len, reverse=True)  # fmt: skip
_TITLE = re.compile("^(" + "|".join(re.escape(t) for t in TITLES) + r")\b")

SOURCES = {
    "travels": ("Travels of the President and the Secretaries of State",
                "https://history.state.gov/departmenthistory/travels"),
    "leaders": ("Visits by Foreign Leaders to the United States",
                "https://history.state.gov/departmenthistory/visits"),
}


def role_of(visitor: str) -> str | None:
    """'Prime Minister U Nu' -> 'Prime Minister'; None when no known title opens the name."""
    m = _TITLE.match(visitor.strip())
    return m.group(1) if m else None


def resolve(name: str, country_id: str, column: str) -> str:
    """ISO-3 from the name as written, else from the Historian's country id; Reject naming both."""
    if code := to_iso3(name):
        return code
    slug = country_id.strip().lower()
    if code := COUNTRY_IDS.get(slug) or (to_iso3(slug.replace("-", " ")) if slug else None):
        return code
    raise Reject(f"unknown country {name.strip()!r} in {column} (Historian id {slug!r})")


class HistorianFormat(Format):
    name: ClassVar[str] = "historian"
    primary_table: ClassVar[str] = "visits"
    description: ClassVar[str] = (
        "Office of the Historian visits: travels (id, role, who, name, start_date, end_date, country, locale, "
        "remarks) or foreign leaders' visits (id, start_date, end_date, visitor, from, description)"
    )
    on_changed: ClassVar[str] = "update"  # the Historian corrects its lists
    hash_ignores: ClassVar[tuple[str, ...]] = ("source_id",)  # the file, not the trip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind: str | None = None
        self._content: dict[str, tuple[str, str]] = {}  # content fingerprint -> (id, line)

    def detect(self, first_row: list[str]) -> Detection | None:
        header = normalise_header(first_row)
        columns = columns_of(first_row)
        if all(c in header for c in TRAVELS):
            self.kind = "travels"
            return Detection(columns)
        if all(c in header for c in LEADERS):
            self.kind = "leaders"
            return Detection(columns)
        return None

    def _source(self, ctx: Context) -> str:
        title, url = SOURCES[self.kind or "travels"]
        source_id = f"history-state:{ctx.input_name}"
        ctx.ensure_source(source_id, publisher="U.S. Department of State, Office of the Historian", title=title,
                          url=url, accessed_on=ctx.accessed_on, license="Public domain (U.S. government work)",
                          notes=f"Flattened from the Office of the Historian's XML; file {ctx.input_name}.")
        return source_id

    def parse(self, r: dict[str, str], ctx: Context) -> list[Record]:
        raw_id = r["id"].strip()
        if not raw_id:
            raise Reject("missing id")
        if self.kind == "travels":
            values = self._travel(r)
            mapped = TRAVELS_MAPPED
        else:
            values = self._leader_visit(r)
            mapped = LEADERS_MAPPED
        values.update(start_date=r["start_date"], end_date=r.get("end_date"), date_precision="day",
                      source_id=self._source(ctx), origin=f"history.state.gov {self.kind}")
        # The same trip listed twice under two ids: one row, the repeat counted as a duplicate.
        content = {k: v for k, v in r.items() if k != "id"}
        fingerprint = hashlib.blake2b(repr(sorted(content.items())).encode(), digest_size=12).hexdigest()
        first_id = self._content.setdefault(fingerprint, raw_id)
        if first_id != raw_id:
            ctx.warn(f"id {raw_id} lists the same trip as id {first_id}; counted as a duplicate of it")
        values.update(visit_id=f"history-state-{self.kind}:{first_id}", origin_id=first_id,
                      extra=extra_json(r, mapped))
        return [Record("visits", values)]

    def _travel(self, r: dict[str, str]) -> dict[str, Any]:
        role = r.get("role", "").strip().lower()
        return {
            "visitor_name": r["name"],
            "visitor_role": ROLES.get(role, role or None),
            "visitor_iso3": "USA",
            "host_iso3": resolve(r["country"], r.get("country_id", ""), "country"),
            "city": r.get("locale") or None,
            "purpose": r.get("remarks") or None,
        }

    def _leader_visit(self, r: dict[str, str]) -> dict[str, Any]:
        visitor = r["visitor"].strip()
        return {
            "visitor_name": visitor,
            "visitor_role": role_of(visitor),
            "visitor_iso3": resolve(r["from"], r.get("from_id", ""), "from"),
            "host_iso3": "USA",
            "purpose": r.get("description") or None,
        }


FORMATS: list[type[Format]] = [HistorianFormat]
