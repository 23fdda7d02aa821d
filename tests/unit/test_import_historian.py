"""Office of the Historian visit lists (travels abroad, foreign leaders' visits) into `visits`."""

from __future__ import annotations

import json

import pytest

from etl.formats.base import Reject
from etl.formats.historian import resolve, role_of
from tests.conftest import FIXTURES, fetch_row, load_accounted, realdata

load = load_accounted


def visit(con, visit_id: str) -> dict:
    return fetch_row(con, "visits", "visit_id", visit_id)


def test_travels_accounting(con):
    report = load(con, FIXTURES / "historian_travels.csv")
    assert report.format == "historian"
    assert (report.rows_read, report.rows_loaded, report.rows_duplicate, report.rows_rejected) == (9, 6, 1, 2)
    assert report.reasons == {
        "unknown country 'Ruritania' in country (Historian id 'ruritania')": 1,
        "end_date 2001-01-02 is before start_date 2001-01-05": 1,
    }


def test_travel_maps_onto_a_visit(con):
    load(con, FIXTURES / "historian_travels.csv")
    v = visit(con, "history-state-travels:102")
    assert (v["visitor_name"], v["visitor_role"], v["visitor_iso3"], v["host_iso3"]) == (
        "Madeleine Korbel Albright", "Secretary of State", "USA", "MMR")  # "Burma (Myanmar)"
    assert (str(v["start_date"]), str(v["end_date"]), v["city"]) == ("1999-03-01", "1999-03-02", "Rangoon")
    assert v["purpose"] == "Met with Aung San Suu Kyi." and v["origin_id"] == "102"
    assert json.loads(v["extra"])["who"] == "albright-madeleine-korbel"
    assert visit(con, "history-state-travels:103")["host_iso3"] == "KOR"  # "Korea, South"
    assert visit(con, "history-state-travels:106")["host_iso3"] == "PSE"  # the Historian's id
    assert visit(con, "history-state-travels:107")["host_iso3"] == "SUN"  # "U.S.S.R." in 1972


def test_identical_trip_under_two_ids_is_a_duplicate_but_a_different_one_is_kept(con):
    report = load(con, FIXTURES / "historian_travels.csv")
    assert any("id 104 lists the same trip as id 103" in note for note in report.notes)
    ids = {r[0] for r in con.execute("SELECT origin_id FROM visits").fetchall()}
    assert "104" not in ids and {"103", "105"} <= ids


def test_foreign_leader_visits(con):
    report = load(con, FIXTURES / "historian_leaders.csv")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 6, 0)
    hawaii = con.execute("SELECT visitor_iso3, host_iso3 FROM visits WHERE visitor_name = 'King Kalakaua'").fetchall()
    assert hawaii == [("XHI", "USA")]  # the kingdom before 1898: a documented project code, not a reject
    v = visit(con, "history-state-leaders:201")
    assert (v["visitor_name"], v["visitor_role"], v["visitor_iso3"], v["host_iso3"]) == (
        "Prime Minister U Nu", "Prime Minister", "MMR", "USA")
    assert visit(con, "history-state-leaders:202")["visitor_iso3"] == "KOR"  # "Korea", id korea-south
    assert visit(con, "history-state-leaders:204")["visitor_iso3"] == "KNA"  # St. Christopher and Nevis
    assert visit(con, "history-state-leaders:206")["visitor_role"] is None  # no title given


def test_titles_and_country_fallback():
    assert role_of("Prime Minister U Nu") == "Prime Minister"
    assert role_of("Deputy Prime Minister Nick Clegg") == "Deputy Prime Minister"
    assert role_of("Kingsley Amis") is None
    assert resolve("Siam (Thailand)", "thailand", "from") == "THA"
    assert resolve("Somoa", "somoa", "from") == "WSM"  # the publisher's misspelling of Samoa
    with pytest.raises(Reject, match="unknown country 'Ruritania' in from"):
        resolve("Ruritania", "ruritania", "from")


def test_real_historian_samples(con):
    travels = load(con, realdata("visits/us_president_secretary_travels_flat.csv"))
    leaders = load(con, realdata("visits/us_foreign_leader_visits_flat.csv"))
    assert (travels.rows_read, travels.rows_loaded, travels.rows_duplicate, travels.rows_rejected) == (4271, 4269, 2, 0)
    assert (leaders.rows_read, leaders.rows_loaded, leaders.rows_duplicate, leaders.rows_rejected) == (3264, 3264, 0, 0)
    from_hawaii = con.execute("SELECT visitor_name, start_date FROM visits WHERE visitor_iso3 = 'XHI' "
                              "ORDER BY start_date").fetchall()
    assert [(name, str(day)) for name, day in from_hawaii] == [
        ("King Kalakaua", "1874-12-12"), ("King Kalakaua", "1881-09-28"), ("President Dole", "1898-01-26")]
    assert con.execute("SELECT visitor_iso3 FROM visits WHERE visitor_name LIKE '%Mata''afa'").fetchone() == ("WSM",)
    # Biden's June 2021 trip: G7 in the UK, NATO in Brussels, the Putin summit in Geneva
    hosts = con.execute("SELECT host_iso3 FROM visits WHERE visitor_name = 'Joseph R. Biden' AND "
                        "start_date BETWEEN '2021-06-01' AND '2021-06-30' ORDER BY start_date").fetchall()
    assert [h for (h,) in hosts] == ["GBR", "BEL", "CHE"]
    to_burma = con.execute("SELECT count(*) FROM visits WHERE visitor_iso3 = 'USA' AND host_iso3 = 'MMR'").fetchone()[0]
    assert to_burma == 8  # 7 written "Burma", 1 "Burma (Myanmar)": one country
    from_burma = con.execute("SELECT count(*) FROM visits WHERE visitor_iso3 = 'MMR'").fetchone()[0]
    assert from_burma == 4  # U Nu 1955, U Win Maung 1957, Ne Win 1966, Thein Sein 2013
