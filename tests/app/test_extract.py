"""The Extract page: paste the founding article, review candidates against the database, accept some and
load them (through `python -m etl load`) into a scratch copy of the database the app serves."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import common
from tests.conftest import ROOT

SEED = ROOT.parent / "shared" / "seed" / "article.txt"

# Invented for this test: the vote of 18 June 2021 told with a different abstention count.
OTHER_COUNT = """Assembly calls for arms halt

The UN General Assembly on Friday adopted a resolution calling on states to prevent the flow of arms into Myanmar.

It was approved by 119 countries, with 34 abstaining, while Belarus voted against it.
"""


@pytest.fixture()
def scratch_db(tmp_path, bundled_db, monkeypatch):
    """A copy of the bundled database served by the app (the Store is cached: clear it around the test)."""
    db = tmp_path / "monitor.duckdb"
    shutil.copyfile(bundled_db, db)
    monkeypatch.setenv("MONITOR_DB", str(db))
    common.store.clear()
    yield db
    common.store.clear()  # the next test's app opens its own database again


def propose(text: str, published: date | None = date(2021, 6, 21), publisher: str = "") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/extract.py")
    at.run()
    at.text_area(key="x_text").input(text)
    at.date_input(key="x_published").set_value(published)
    at.text_input(key="x_publisher").input(publisher)
    at.button(key="x_propose").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def labels(at: AppTest) -> list[str]:
    return [c.label.replace("\\", "") for c in at.checkbox]


def test_seed_article_candidates_conflicts_and_load(scratch_db):
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED}")
    at = propose(SEED.read_text(encoding="utf-8"), publisher="Al Arabiya English")
    found = labels(at)
    assert len(found) == 14
    assert "#7 casualties: at least 870 civilians killed in MMR since 2021-02-01 reported 2021-06-21, according to a " \
           "local monitoring group" in found
    assert any(label.startswith("#8 resolution: UNGA 2021-06-18 yes 119 / no 1 / abstain 36 (A/RES/75/287)")
               for label in found), "the placeholder id is matched to the database's resolution"
    # The founding article is already loaded: only the Security Council's statement of Monday is new, and only
    # new rows are ticked by default.
    assert [c.key for c in at.checkbox if c.value] == ["x_accept_1"]
    warnings = " ".join(w.value.replace("\\", "") for w in at.warning)
    assert "This article: at least 870 civilians reported 21 Jun 2021" in warnings
    assert "at least 858 people reported 19 Jun 2021" in warnings and "Aluta News (dpa)" in warnings
    html = at.get("html")[0].proto.body
    assert "<mark" in html and "killed at least 870 civilians" in html

    at.checkbox(key="x_accept_4").check()  # the conference, 22-24 June
    at.run()
    at.button(key="x_load").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "events.csv: loaded 2, duplicate 0, rejected 0" in [s.value.replace("\\", "") for s in at.success]
    # Read a copy: this process still holds the app's read-only connection to the file the ETL replaced, and
    # DuckDB would hand that same (old) database back for the same path.
    after = scratch_db.with_name("after.duckdb")
    shutil.copyfile(scratch_db, after)
    con = duckdb.connect(str(after), read_only=True)
    try:
        rows = con.execute("SELECT event_type, event_date, end_date, location, s.publisher FROM events "
                           "JOIN sources s USING (source_id) WHERE source_id LIKE 'al-arabiya-english-2021-06-21-%' "
                           "ORDER BY event_date").fetchall()
    finally:
        con.close()
    assert rows == [("statement", date(2021, 6, 21), None, None, "Al Arabiya English"),
                    ("conference", date(2021, 6, 22), date(2021, 6, 24), "Moscow", "Al Arabiya English")]


def test_a_different_count_of_the_same_vote_is_shown_with_both_sources(scratch_db):
    con = duckdb.connect(str(scratch_db), read_only=True)
    try:
        [(publisher,)] = con.execute("SELECT s.publisher FROM resolutions JOIN sources s USING (source_id) "
                                     "WHERE resolution_id = 'A/RES/75/287'").fetchall()
    finally:
        con.close()
    at = propose(OTHER_COUNT)
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("Totals disagree — abstain: this article 34, the database 36" in w and publisher in w
               for w in warnings), warnings
    assert at.checkbox(key="x_accept_1").value is False, "a contradiction is never loaded by default"


def test_article_text_is_rendered_as_text(scratch_db):
    at = propose("Headline\n\nThe crackdown has killed at least 12 people <script>alert(1)</script> in Myanmar "
                 "since March 3, according to **a group** [x](javascript:alert(1)).")
    html = at.get("html")[0].proto.body
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "killed at least 12 people" in " ".join(labels(at)) or labels(at)



# Invented for this test: a confident figure, a vote whose no total is derived from a list, and a figure nobody
# is said to have counted.
MIXED = """Council vote and shelling

The UN Security Council on Monday failed to adopt a draft after Russia vetoed it; eleven members voted for it, and Gabon, Mozambique and Ghana abstained.

Shelling killed nine people in Kharkiv on Sunday, the regional governor said.

Four soldiers were killed in Donetsk on Saturday.
"""  # noqa: E501


def test_the_least_certain_rows_come_first_each_with_its_reasons(scratch_db):
    at = propose(MIXED, published=date(2024, 6, 13))
    shown = labels(at)
    confidences = [float(c.value.split("confidence ")[1].split(" ")[0]) for c in at.caption
                   if "· confidence" in c.value]
    assert len(confidences) == len(shown) and confidences == sorted(confidences) and len(set(confidences)) > 2
    assert "exactly 4 soldiers killed" in shown[0], shown
    texts = [t.value for t in at.text]
    assert any("no counter named: who counted is not stated" in t for t in texts)
    assert any("derived from the countries named (Russia)" in t for t in texts)
    # the numbers still follow the article, so the highlights in the text match the rows
    assert sorted(int(label.split(" ")[0][1:]) for label in shown) == list(range(1, len(shown) + 1))
