"""The founding article (../shared/seed/article.txt, Al Arabiya English, Monday 21 June 2021): at least 10 of
the 12 founding facts, each with its sentence; and `python -m etl extract` writes files the ETL loads."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from monitor.extract import extract
from monitor.extract.evaluate import FACTS, score
from tests.conftest import ROOT, etl

SEED = ROOT.parent / "shared" / "seed" / "article.txt"
URL = "https://english.alarabiya.net/News/world/2021/06/21/Russia-and-Myanmar-s-junta-leader-agree-to-bolster-ties"


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED}")
    return extract(SEED.read_text(encoding="utf-8"), published=date(2021, 6, 21), publisher="Al Arabiya English",
                   url=URL)


def one(seed, predicate):
    [found] = [c for c in seed.candidates if predicate(c)]
    return found


def test_at_least_ten_of_the_twelve_founding_facts(seed):
    result = score(seed.candidates)
    assert len(result.found) >= 10, f"missed: {result.missed}"
    assert len(FACTS) == 12


def test_the_visit_to_moscow_with_whom_he_met(seed):
    visit = one(seed, lambda c: c.kind == "visit")
    f = visit.fields
    assert (f["visitor_name"], f["visitor_iso3"], f["host_iso3"], f["city"]) == ("Min Aung Hlaing", "MMR", "RUS",
                                                                                "Moscow")
    assert f["met"] == "Nikolai Patrushev; Alexander Mikheyev"
    # State television reported him at the conference on Sunday: in Moscow on or before 20 June.
    assert (f["start_date"], f["date_precision"]) == (date(2021, 6, 20), "reported")
    assert [s.index for s in visit.evidence] == [2, 7]


def test_the_conference_runs_three_days_from_tuesday(seed):
    conf = one(seed, lambda c: c.fields.get("event_type") == "conference")
    f = conf.fields
    assert (f["event_date"], f["end_date"], f["date_precision"], f["location"]) == (
        date(2021, 6, 22), date(2021, 6, 24), "range", "Moscow")
    assert "kicking off Tuesday" in conf.evidence[0].text


def test_the_vote_of_friday_18_june(seed):
    resolution = one(seed, lambda c: c.kind == "resolution")
    f = resolution.fields
    assert (f["body"], f["vote_date"], f["yes"], f["no"], f["abstain"]) == ("UNGA", date(2021, 6, 18), 119, 1, 36)
    assert any("weekday (Friday)" in n for n in resolution.uncertain)
    votes = {c.fields["country_iso3"]: c.fields["vote"] for c in seed.candidates if c.kind == "vote"}
    assert votes == {"BLR": "N", "CHN": "A", "RUS": "A"}, "Myanmar is only 'China, Myanmar’s main ally'"


def test_at_least_870_civilians_since_the_coup(seed):
    report = one(seed, lambda c: c.kind == "casualties")
    f = report.fields
    assert (f["killed_low"], f["killed_best"], f["qualifier"], f["victims"]) == (870, None, "at least", "civilians")
    assert (f["reported_by"], f["country_iso3"], f["as_of"]) == ("a local monitoring group", "MMR", date(2021, 6, 21))
    assert (f["period_start"], f["period_end"], f["date_precision"]) == (date(2021, 2, 1), None, "reported")
    start, end = report.evidence[0].start, report.evidence[0].end
    assert seed.article.text[start:end].startswith("The junta’s brutal crackdown on dissent has killed at least 870")


def test_every_row_cites_the_article(seed):
    assert seed.source["source_id"].startswith("al-arabiya-english-2021-06-21")
    assert all(c.fields["source_id"] == seed.source["source_id"] for c in seed.candidates)


def test_boilerplate_is_not_in_the_text(seed):
    assert "Google News" not in seed.article.text and "Read more" not in seed.article.text
    assert "Pope backs appeal" not in seed.article.text


def test_cli_json_and_out_files_load_with_the_etl(tmp_path):
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED}")
    out, db = tmp_path / "out", tmp_path / "new.duckdb"
    done = etl("extract", str(SEED), "--published", "2021-06-21", "--publisher", "Al Arabiya English",
                   "--url", URL, "--json", "--out", str(out))
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert {c["table"] for c in payload["candidates"]} == {"visits", "events", "casualty_reports", "resolutions",
                                                          "votes"}
    assert sorted(p.name for p in out.iterdir()) == ["casualties.csv", "events.csv", "resolutions.csv",
                                                     "sources.csv", "visits.csv", "votes.csv"]
    loaded = etl("load", *sorted(str(p) for p in out.iterdir()), "--db", str(db), "--json")
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    files = json.loads(loaded.stdout)["files"]
    assert all(f["rows_rejected"] == 0 for f in files)
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("sources", "events", "visits", "casualty_reports", "resolutions", "votes")}
        cited = con.execute("SELECT DISTINCT source_id FROM events").fetchall()
        url = con.execute("SELECT url FROM sources").fetchone()[0]
    finally:
        con.close()
    assert counts == {"sources": 1, "events": 8, "visits": 1, "casualty_reports": 1, "resolutions": 1, "votes": 3}
    assert cited == [(payload["source"]["source_id"],)] and url == URL


def test_cli_human_output_shows_sentences_and_uncertainty():
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED}")
    done = etl("extract", str(SEED), "--published", "2021-06-21")
    assert done.returncode == 0, done.stderr
    assert "casualties: at least 870 civilians killed in MMR" in done.stdout
    assert "uncertain: given only as a weekday (Friday)" in done.stdout
    assert "sentence 12 [1882:1926]: Only one country, Belarus, voted against it." in done.stdout


def test_cli_missing_file_and_bad_date_say_what_to_do(tmp_path):
    done = etl("extract", str(tmp_path / "nope.txt"))
    assert done.returncode == 2 and "cannot read" in done.stderr and "Traceback" not in done.stderr
    done = etl("extract", str(tmp_path / "nope.txt"), "--published", "21/06/2021")
    assert done.returncode == 2 and "use YYYY-MM-DD" in done.stderr
    empty = tmp_path / "menu.html"
    empty.write_text("<html><body><nav>Home</nav></body></html>")
    done = etl("extract", str(empty))
    assert done.returncode == 2 and "no article text found" in done.stderr
