"""Queries as of a data version, the Changes page's reads, and briefings of pinned links."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from monitor import briefing, pinned
from monitor.queries import changes, overview
from monitor.queries.filters import Filters
from monitor.store import Store
from tests import versioned

MYANMAR = Filters(date(2021, 1, 1), date(2021, 12, 31), ("MMR",))


@pytest.fixture(scope="module")
def store(bundled_db, tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("versions")
    db = versioned.at_version_2(bundled_db, folder)
    versioned.load(db, versioned.revised_ucdp(folder))
    return Store(db)


def _best(s) -> int:
    rows = s.query("SELECT fatalities_best FROM events WHERE event_id = ?", [versioned.REVISED_EVENT])
    return int(rows.iloc[0, 0]) if len(rows) else -1


def test_the_store_lists_three_versions(store):
    assert [v.number for v in pinned.all_versions(store)] == [1, 2, 3]
    assert pinned.all_versions(store)[2].rows_updated == 1


def test_every_query_reads_the_pinned_version(store):
    assert _best(store) == versioned.AFTER
    assert _best(pinned.at(store, 3)) == versioned.AFTER
    assert _best(pinned.at(store, 2)) == versioned.BEFORE
    assert _best(pinned.at(store, 1)) == -1  # not loaded yet at version 1
    latest, then = (overview.fatalities_by_origin(s, MYANMAR) for s in (store, pinned.at(store, 2)))
    assert then.set_index("origin").loc["ucdp", "best"] + 19 == latest.set_index("origin").loc["ucdp", "best"]


def test_a_query_with_its_own_with_clause_is_pinned_too():
    sql = pinned.pinned_sql("WITH m AS (SELECT 1) SELECT * FROM events, m", 2, "db")
    assert sql.startswith("WITH sources AS (") and ", m AS (SELECT 1) SELECT * FROM events, m" in sql
    assert '"db".main.events_history' in sql


def test_the_revision_is_listed_field_by_field(store):
    fields = changes.field_changes(changes.revisions(store, MYANMAR, "events", 2, 3), "events")
    best = fields[fields["field"] == "fatalities_best"].iloc[0]
    assert (best["version"], best["event_id"], best["old"], best["new"]) == (3, versioned.REVISED_EVENT, 12, 31)
    assert set(fields["field"]) >= {"fatalities_best", "fatalities_high"}
    added = changes.additions(store, MYANMAR, "events", 1, 2)
    assert versioned.REVISED_EVENT in set(added["event_id"])
    counts = changes.change_counts(store, MYANMAR, 2, 3).set_index("table_name")
    assert (counts.loc["events", "added"], counts.loc["events", "revised"]) == (0, 1)


def test_a_pinned_briefing_says_its_version_and_keeps_it_in_the_link(store):
    made = datetime(2026, 11, 29, 9, 0)
    html = briefing.build(store, "http://h/?c=MMR&v=2", made)
    assert "from data version 2 (loaded" in html and "the latest is version 3" in html
    assert "http://h/?c=MMR&amp;from=" in html and "&amp;v=2</span>" in html
    latest = briefing.build(store, "http://h/?c=MMR", made)
    assert "from data version 3 (loaded" in latest and ", the latest" in latest and "&amp;v=3</span>" in latest
    unknown = briefing.build(store, "http://h/?c=MMR&v=99", made)
    assert "“99” is not a data version here (versions 1–3)" in unknown and "&amp;v=3</span>" in unknown


def test_the_changes_briefing_says_ucdp_raised_the_estimate(store):
    html = briefing.build(store, "http://h/changes?c=MMR", datetime(2026, 11, 29, 9, 0))
    assert "UCDP raised the best estimate of deaths from 12 to 31" in html
    assert "/data?tab=events&amp;c=MMR&amp;from=2021-01-01&amp;to=2021-01-01&amp;v=3" in html
