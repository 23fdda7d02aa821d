"""Visit lists of the US Department of State's Office of the Historian (history.state.gov), into `visits`.

Two shapes, flattened from the XML of HistoryAtState/travels and HistoryAtState/visits (public domain):
- travels of the President and the Secretaries of State abroad:
  id, role, who, name, start_date, end_date, country_id, country, locale, remarks
- foreign leaders' visits to the United States:
  id, start_date, end_date, visitor, from_id, from, description

They show how a third-party visit list maps onto our table (docs/formats.md). Country names
are as the Historian wrote them at the time ("U.S.S.R.", "Burma (Myanmar)", "Korea, South"); a name our
resolver does not know falls back to the Historian's own country id ("korea-south"), and only when both
fail is the row rejected, naming the country. The same trip listed twice under two ids with identical
content counts as a duplicate; listings that differ in any detail are kept as separate rows.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from etl.formats._shared import columns_of
from etl.formats.base import Detection, Format, Mapping, Reject, Rule, Source, normalise_header
from etl.sql import case_map, ident, literal
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


def resolve(name: str | None, country_id: str | None, column: str) -> str:
    """ISO-3 from the name as written, else from the Historian's country id; Reject naming both."""
    if code := to_iso3(name or ""):
        return code
    slug = (country_id or "").strip().lower()
    if code := COUNTRY_IDS.get(slug) or (to_iso3(slug.replace("-", " ")) if slug else None):
        return code
    raise Reject(f"unknown country {(name or '').strip()!r} in {column} (Historian id {slug!r})")


def _host(name: str | None, country_id: str | None) -> str:
    return resolve(name, country_id, "country")


def _home(name: str | None, country_id: str | None) -> str:
    return resolve(name, country_id, "from")


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

    def mapping(self, src: Source) -> Mapping:
        c = src.col
        kind = self.kind or "travels"
        values, mapped, country = self._travel(src) if kind == "travels" else self._leader_visit(src)
        # The same trip listed twice under two ids: one row (the first id), the repeat a duplicate.
        raw_id = f"trim({c('id')})"
        content = ", ".join(f"i.{ident(col)}" for col in src.columns if col != "id")
        first_id = f"first_value({raw_id}) OVER (PARTITION BY {content} ORDER BY {src.rec})"
        title, url = SOURCES[kind]
        source_id = f"history-state:{src.input_name}"
        values.update(
            visit_id=f"'history-state-{kind}:' || {first_id}", origin_id=first_id,
            start_date=c("start_date"), end_date=c("end_date"), date_precision="'day'",
            source_id=literal(source_id), origin=literal(f"history.state.gov {kind}"), extra=src.extra(mapped))
        rules = [Rule("id", f"CASE WHEN coalesce({raw_id}, '') = '' THEN 'missing id' END"),
                 Rule("country", country.reason)]
        warnings = [f"CASE WHEN {first_id} <> {raw_id} THEN 'id ' || {raw_id} || ' lists the same trip as id ' "
                    f"|| {first_id} || '; counted as a duplicate of it' END"]
        export = src.export_source(
            source_id, publisher="U.S. Department of State, Office of the Historian", title=title, url=url,
            license="Public domain (U.S. government work)",
            notes=f"Flattened from the Office of the Historian's XML; file {src.input_name}.")
        return Mapping("visits", values, rules, derived=[export], warnings=warnings)

    def _travel(self, src: Source) -> tuple[dict[str, str], set[str], Any]:
        c = src.col
        host = src.lookup(_host, c("country"), c("country_id"))
        role = f"lower(trim({c('role')}))"
        return {
            "visitor_name": c("name"),
            "visitor_role": f"coalesce({case_map(role, ROLES)}, nullif({role}, ''))",
            "visitor_iso3": "'USA'",
            "host_iso3": host.value,
            "city": f"nullif({c('locale')}, '')",
            "purpose": f"nullif({c('remarks')}, '')",
        }, TRAVELS_MAPPED, host

    def _leader_visit(self, src: Source) -> tuple[dict[str, str], set[str], Any]:
        c = src.col
        home = src.lookup(_home, c("from"), c("from_id"))
        visitor = f"trim({c('visitor')})"
        return {
            "visitor_name": visitor,
            "visitor_role": f"nullif(regexp_extract({visitor}, {literal(_TITLE.pattern)}, 1), '')",
            "visitor_iso3": home.value,
            "host_iso3": "'USA'",
            "purpose": f"nullif({c('description')}, '')",
        }, LEADERS_MAPPED, home


FORMATS: list[type[Format]] = [HistorianFormat]
