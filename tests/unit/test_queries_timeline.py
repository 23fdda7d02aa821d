"""Overview/Timeline/Data queries on a small fixture database: filters, SQL aggregation, date precision."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from monitor import queries, schema
from monitor.queries import Filters
from monitor.store import Store

EVENT_COLUMNS = ("event_id", "event_date", "end_date", "date_precision", "event_type", "country_iso3",
                 "counterpart_iso3", "fatalities_low", "fatalities_best", "fatalities_high", "summary", "origin",
                 "source_id")
EVENTS = [
    ("u1", "2021-06-02", None, "day", "state-based", "MMR", None, 10, 12, 20, "clash", "ucdp", "s"),
    ("u2", "2021-06-04", None, "day", "state-based", "MMR", None, 1, 2, 3, "clash", "ucdp", "s"),
    ("u3", "2021-06-15", None, "month", "state-based", "MMR", None, 5, 5, 9, "June, day unknown", "ucdp", "s"),
    ("a1", "2021-06-03", None, "day", "Battles", "BGD", None, None, 7, None, "acled clash", "acled", "s"),
    ("c1", "2021-06-21", None, "day", "meeting", "RUS", "MMR", None, None, None, "=HYPERLINK(\"x\")", "curated", "s"),
    ("old", "2020-01-01", None, "day", "Battles", "MMR", None, None, 99, None, "before the range", "acled", "s"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("timeline") / "t.duckdb"
    con = duckdb.connect(str(path))
    schema.create_all(con)
    con.execute("INSERT INTO sources (source_id, publisher, title, url) VALUES ('s', 'Pub', 'Title', 'https://x')")
    marks = ", ".join("?" for _ in EVENT_COLUMNS)
    con.executemany(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})", EVENTS)
    con.execute("""INSERT INTO casualty_reports (report_id, country_iso3, as_of, period_start, victims, killed_low,
                   qualifier, cumulative, reported_by, source_id) VALUES
                   ('r1', 'MMR', '2021-05-20', '2021-02-01', 'all', 810, 'exactly', true, 'AAPP', 's'),
                   ('r2', 'MMR', '2021-06-19', '2021-02-01', 'all', 858, 'at least', true, 'AAPP', 's'),
                   ('r3', 'MMR', '2021-06-21', '2021-02-01', 'civilians', 870, 'at least', true, 'group', 's')""")
    con.execute("""INSERT INTO resolutions (resolution_id, body, vote_date, title, yes, no, abstain, source_id)
                   VALUES ('A/RES/75/287', 'UNGA', '2021-06-18', 'The situation in Myanmar', 119, 1, 36, 's')""")
    con.execute("""INSERT INTO rejects (batch_id, line_no, input_path, raw_record, reason) VALUES
                   (1, 9, 'ged.csv', 'x', 'inverted counts: fatalities_best 2 > fatalities_high 1'),
                   (1, 4, 'ged.csv', 'y', 'inverted counts: fatalities_low 5 > fatalities_best 4'),
                   (1, 7, 'ged.csv', 'z', 'no date')""")
    con.execute("""INSERT INTO votes (resolution_id, country_iso3, vote) VALUES
                   ('A/RES/75/287', 'BLR', 'N'), ('A/RES/75/287', 'RUS', 'A')""")
    con.close()
    return Store(path)


JUNE = Filters(date(2021, 6, 1), date(2021, 6, 30))
JUNE_MMR = Filters(date(2021, 6, 1), date(2021, 6, 30), ("MMR",))


def test_weekly_fatalities_are_summed_in_sql_and_month_only_events_are_not_pinned_to_a_week(store):
    rows = queries.fatalities_per_period(store, JUNE_MMR, "week", "best")
    placed = rows[rows["fits"]].set_index("period")
    assert placed.loc[pd.Timestamp("2021-05-31"), "killed"] == 14  # u1 + u2, the week starting Monday 31 May
    assert placed.loc[pd.Timestamp("2021-05-31"), "events"] == 2
    unplaced = rows[~rows["fits"]]
    assert list(unplaced["killed"]) == [5]  # u3: June, day unknown
    assert set(rows["origin"]) == {"ucdp"}  # the BGD event is not Myanmar's


def test_monthly_bucket_takes_month_only_events(store):
    rows = queries.fatalities_per_period(store, JUNE_MMR, "month", "high")
    assert rows["fits"].all() and rows["killed"].sum() == 20 + 3 + 9


def test_low_estimate_falls_back_to_the_single_figure_and_says_so(store):
    rows = queries.fatalities_per_period(store, JUNE, "week", "low")
    acled = rows[rows["origin"] == "acled"].iloc[0]
    assert acled["killed"] == 7 and acled["single_figure"] == 1


def test_bad_bucket_or_estimate_is_refused(store):
    with pytest.raises(ValueError):
        queries.fatalities_per_period(store, JUNE, "day; DROP TABLE events", "best")


def test_fatalities_by_origin_keep_the_range(store):
    rows = queries.fatalities_by_origin(store, JUNE).set_index("origin")
    assert (rows.loc["ucdp", "low"], rows.loc["ucdp", "best"], rows.loc["ucdp", "high"]) == (16, 19, 32)
    assert rows.loc["acled", "n_low"] == 0 and rows.loc["acled", "best"] == 7


def test_latest_report_per_reporter_and_victims(store):
    rows = queries.casualty_headlines(store, Filters(date(2021, 1, 1), date(2021, 12, 31), ("MMR",)))
    assert sorted(zip(rows["report_id"], rows["killed_low"], strict=True)) == [("r2", 858), ("r3", 870)]


def test_counts_resolutions_naming_a_country_and_the_votes_it_cast(store):
    counts = queries.selection_counts(store, JUNE_MMR)
    assert counts["resolutions"] == 1  # the title names Myanmar
    assert counts["votes"] == 0  # Myanmar's own vote is not recorded
    assert counts["events"] == 4  # u1, u2, u3 and the meeting with Myanmar as counterpart
    belarus = queries.selection_counts(store, Filters(date(2021, 6, 1), date(2021, 6, 30), ("BLR",)))
    assert (belarus["resolutions"], belarus["votes"], belarus["events"]) == (0, 1, 0)
    everyone = queries.selection_counts(store, JUNE)
    assert (everyone["resolutions"], everyone["votes"], everyone["events"]) == (1, 2, 5)


def test_data_page_filter_keeps_resolutions_a_country_voted_on_and_all_votes_on_one_naming_it(store):
    rows, total = queries.table_rows(store, "resolutions", Filters(date(2021, 6, 1), date(2021, 6, 30), ("BLR",)))
    assert total == 1 and rows["resolution_id"].tolist() == ["A/RES/75/287"]
    rows, total = queries.table_rows(store, "votes", JUNE_MMR)
    assert sorted(rows["country_iso3"]) == ["BLR", "RUS"]


def test_markers_leave_an_un_vote_to_its_resolution(store):
    markers = queries.timeline_markers(store, JUNE_MMR)
    assert list(markers[markers["kind"] == "un_vote"]["place"]) == ["A/RES/75/287"]
    assert len(markers[markers["kind"] == "state-based"]) == 3


def test_busy_kinds_are_counted_per_period_not_sampled(store):
    markers = queries.timeline_markers(store, JUNE_MMR, per_kind=2)
    assert "state-based" not in set(markers["kind"]) and "un_vote" in set(markers["kind"])
    density = queries.marker_density(store, JUNE_MMR, "week", per_kind=2)
    assert set(density["kind"]) == {"state-based"}
    by_week = density.set_index("period")
    # u1 and u2 in the week of Monday 31 May; u3 (June, day unknown) is counted where June begins, not on the 15th
    first = by_week.loc[pd.Timestamp("2021-05-31")]
    assert (first["items"], first["killed"], first["imprecise"]) == (3, 19, 1)
    assert density["items"].sum() == density["kind_total"].iloc[0] == 3


def test_table_rows_are_capped_in_sql_and_counted_in_full(store):
    rows, total = queries.table_rows(store, "events", Filters(date(2020, 1, 1), date(2021, 12, 31)), limit=2)
    assert len(rows) == 2 and total == 6
    assert list(rows["event_id"]) == ["c1", "u3"]  # latest first


def test_table_rows_refuse_unknown_tables(store):
    with pytest.raises(ValueError):
        queries.table_rows(store, "events; DROP TABLE events", JUNE)


def test_reject_reasons_group_by_kind_with_an_example(store):
    reasons = queries.reject_reasons(store).set_index("reason")
    inverted = reasons.loc["inverted counts"]
    assert (inverted["rows"], inverted["first_line"]) == (2, 4)
    assert inverted["example"] == "inverted counts: fatalities_low 5 > fatalities_best 4"
    assert reasons.loc["no date", "rows"] == 1
