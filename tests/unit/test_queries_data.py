"""The Data page's queries on the June 2021 fixture: tables under the filters, capped in SQL; rejects by reason."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.queries import data as queries
from monitor.queries.filters import Filters
from tests.fixture_db import JUNE, JUNE_MMR


def test_data_page_filter_keeps_resolutions_a_country_voted_on_and_all_votes_on_one_naming_it(june_store):
    rows, total = queries.table_rows(june_store, "resolutions", Filters(date(2021, 6, 1), date(2021, 6, 30), ("BLR",)))
    assert total == 1 and rows["resolution_id"].tolist() == ["A/RES/75/287"]
    rows, total = queries.table_rows(june_store, "votes", JUNE_MMR)
    assert sorted(rows["country_iso3"]) == ["BLR", "RUS"]


def test_table_rows_are_capped_in_sql_and_counted_in_full(june_store):
    rows, total = queries.table_rows(june_store, "events", Filters(date(2020, 1, 1), date(2021, 12, 31)), limit=2)
    assert len(rows) == 2 and total == 6
    assert list(rows["event_id"]) == ["c1", "u3"]  # latest first


def test_table_rows_refuse_unknown_tables(june_store):
    with pytest.raises(ValueError):
        queries.table_rows(june_store, "events; DROP TABLE events", JUNE)


def test_reject_reasons_group_by_kind_with_an_example(june_store):
    reasons = queries.reject_reasons(june_store).set_index("reason")
    inverted = reasons.loc["inverted counts"]
    assert (inverted["rows"], inverted["first_line"]) == (2, 4)
    assert inverted["example"] == "inverted counts: fatalities_low 5 > fatalities_best 4"
    assert reasons.loc["no date", "rows"] == 1
