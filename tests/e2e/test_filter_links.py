"""Each what/who/where filter (type, sub, actor, region, src) in a real browser, on the real samples: a deep link
reopens the view with its picker set, a page switch keeps the key in the URL, the Data page's row total equals
a count written here in plain SQL over the same DuckDB file, and `monitor.export` of the link writes exactly
those events.

The expectations are this file's own SQL (a hand-written WHERE over `events`), never monitor's filter code.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

import duckdb
import pytest

from monitor import export
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import errors_on, query_of, settle

# The real samples: UCDP GED for Myanmar (1989-2023), ACLED for Bangladesh (2023-11 to 2024-09), GDELT (2007-2017).
BGD_2024H1 = "c=BGD&from=2024-01-01&to=2024-06-30"
BOTH_2023 = "c=MMR&c=BGD&from=2023-01-01&to=2023-12-31"
# Countries and dates as the app defines them: a country is either party; an event counts when it overlaps the span.
SCOPE = ("(country_iso3 IN ({c}) OR counterpart_iso3 IN ({c})) "
         "AND event_date <= DATE '{to}' AND coalesce(end_date, event_date) >= DATE '{start}'")
# HDX HAPI's political violence (ACLED's three violent types and Riots' Mob violence), UCDP's every type, and
# GDELT's CAMEO roots 18-20: monitor/event_types.py's crosswalk, written out again by hand.
POLITICAL_VIOLENCE = ("(origin = 'ucdp' AND event_type IN ('state-based conflict', 'non-state conflict', "
                      "'one-sided violence')) OR (origin = 'acled' AND (event_type IN ('Battles', "
                      "'Violence against civilians', 'Explosions/Remote violence') OR (event_type = 'Riots' "
                      "AND sub_event_type = 'Mob violence'))) OR (origin = 'gdelt' AND event_type IN "
                      "('assault', 'fight', 'use unconventional mass violence'))")
AWAMI_LEAGUE = "AL: Bangladesh Awami League"


@dataclass(frozen=True)
class Case:
    key: str
    value: str
    chip: str  # how the sidebar picker shows the value
    scope: str  # c, from, to of the link
    where: str  # the hand-written SQL on events that the filter means

    @property
    def link(self) -> str:
        return f"/data?{self.scope}&{self.key}={quote(self.value)}"


CASES = [
    Case("type", "Battles", "Battles", BGD_2024H1, "event_type = 'Battles'"),
    Case("type", "political-violence", "Political violence", BOTH_2023, POLITICAL_VIOLENCE),
    Case("sub", "Peaceful protest", "Peaceful protest", BGD_2024H1, "sub_event_type = 'Peaceful protest'"),
    # ACLED's associated actors are in `extra`, "; "-separated: the actor is either party or one of those.
    Case("actor", AWAMI_LEAGUE, AWAMI_LEAGUE, BGD_2024H1,
         f"'{AWAMI_LEAGUE}' IN (actor1, actor2) OR (origin = 'acled' AND (list_contains(string_split("
         f"extra->>'assoc_actor_1', '; '), '{AWAMI_LEAGUE}') OR list_contains(string_split("
         f"extra->>'assoc_actor_2', '; '), '{AWAMI_LEAGUE}')))"),
    Case("region", "BGD:Dhaka", "Dhaka (BGD)", BGD_2024H1, "country_iso3 = 'BGD' AND admin1 = 'Dhaka'"),
    Case("src", "acled", "acled", BOTH_2023, "origin = 'acled'"),
]


def expected_ids(db, case: Case) -> set[str]:
    """The event ids the link means, by this file's own SQL."""
    params = dict(part.split("=") for part in case.scope.split("&") if not part.startswith("c="))
    countries = ", ".join(f"'{p[2:]}'" for p in case.scope.split("&") if p.startswith("c="))
    scope = SCOPE.format(c=countries, start=params["from"], to=params["to"])
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute(f"SELECT event_id FROM events WHERE {scope} AND ({case.where})").fetchall()}
    finally:
        con.close()


def picker_chips(page, label: str) -> list[str]:
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
    return [c.get_attribute("aria-label") for c in picker.first.locator(".react-aria-ComboBox [data-tag]").all()]


PICKER_LABEL = {"type": "Event type", "sub": "Sub-event type", "actor": "Actor", "region": "Region", "src": "Dataset"}


def row_total(page) -> int:
    """The Data page's total: its download button says 'Download this selection: N rows (CSV)'."""
    label = page.get_by_role("button", name=re.compile(r"Download this selection: [\d,]+ rows \(CSV\)")).inner_text()
    return int(re.search(r"([\d,]+) rows", label).group(1).replace(",", ""))


def exported_ids(real_server, real_db, link: str, out) -> list[str]:
    """`python -m monitor.export LINK --out FILE --db DB`, in this process (monitor.export.main)."""
    assert export.main([real_server + link, "--out", str(out), "--db", str(real_db)], out=lambda _: None) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        return [row["event_id"] for row in csv.DictReader(f)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.key}={c.value}" for c in CASES])
def test_a_filter_link_reopens_its_view_counts_its_rows_and_exports_them(case, real_server, real_db, context,
                                                                        tmp_path):
    wanted = expected_ids(real_db, case)
    assert wanted, f"no events for {case}: pick a value the real samples hold"
    page = context.new_page()  # a fresh context per test: nothing but the link carries the view
    page.goto(real_server + case.link)
    settle(page, 90_000)
    assert errors_on(page) == []
    assert query_of(page.url)[case.key] == [case.value]
    assert picker_chips(page, PICKER_LABEL[case.key]) == [f"{case.chip} · {len(wanted):,}"]
    assert row_total(page) == len(wanted)
    shot = re.sub(r"\W+", "_", f"filter_link_{case.key}_{case.value}")
    page.screenshot(path=str(ARTIFACTS / f"{shot}.png"))

    page.get_by_role("link", name="Overview").first.click()
    settle(page, 90_000)
    assert errors_on(page) == []
    assert query_of(page.url)[case.key] == [case.value]
    assert picker_chips(page, PICKER_LABEL[case.key]) == [f"{case.chip} · {len(wanted):,}"]

    ids = exported_ids(real_server, real_db, case.link, tmp_path / "view.csv")
    assert len(ids) == len(set(ids)), "the export repeats rows"
    assert set(ids) == wanted, json.dumps({"missing": sorted(wanted - set(ids))[:5],
                                           "extra": sorted(set(ids) - wanted)[:5]})
