"""The small fixture databases the query tests read, built by one function (like Datasette's tests/fixtures.py).

Each dataset is plain data, table -> rows, so a test's expected numbers can be checked against it by eye.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from monitor import aggregate, migrate
from monitor.queries.filters import Filters
from monitor.store import Store

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


def build_store(path: Path, rows: Rows) -> Store:
    """A database file at `path` with the full schema and `rows` inserted, table by table, opened as a Store."""
    con = duckdb.connect(str(path))
    try:
        migrate.create_all(con)
        for table, records in rows.items():
            for record in records:
                marks = ", ".join("?" * len(record))
                con.execute(f"INSERT INTO {table} ({', '.join(record)}) VALUES ({marks})", list(record.values()))
        aggregate.rebuild(con)  # the ETL keeps it with every load; rows inserted by hand need it built
    finally:
        con.close()
    return Store(path)


def _records(columns: Sequence[str], *values: Sequence[Any]) -> list[dict[str, Any]]:
    return [dict(zip(columns, v, strict=True)) for v in values]


ALL_DATES = Filters(date(2000, 1, 1), date(2030, 1, 1))
JUNE = Filters(date(2021, 6, 1), date(2021, 6, 30))
JUNE_MMR = Filters(date(2021, 6, 1), date(2021, 6, 30), ("MMR",))

# --- June 2021 in Myanmar: the Overview, Timeline and Data pages' queries -----------------------------------
JUNE_2021: Rows = {
    "sources": [{"source_id": "s", "publisher": "Pub", "title": "Title", "url": "https://x"}],
    "events": _records(
        ("event_id", "event_date", "end_date", "date_precision", "event_type", "country_iso3", "counterpart_iso3",
         "fatalities_low", "fatalities_best", "fatalities_high", "summary", "origin", "source_id"),
        ("u1", "2021-06-02", None, "day", "state-based", "MMR", None, 10, 12, 20, "clash", "ucdp", "s"),
        ("u2", "2021-06-04", None, "day", "state-based", "MMR", None, 1, 2, 3, "clash", "ucdp", "s"),
        ("u3", "2021-06-15", None, "month", "state-based", "MMR", None, 5, 5, 9, "June, day unknown", "ucdp", "s"),
        ("a1", "2021-06-03", None, "day", "Battles", "BGD", None, None, 7, None, "acled clash", "acled", "s"),
        ("c1", "2021-06-21", None, "day", "meeting", "RUS", "MMR", None, None, None, "=HYPERLINK(\"x\")", "curated",
         "s"),
        ("old", "2020-01-01", None, "day", "Battles", "MMR", None, None, 99, None, "before the range", "acled", "s"),
    ),
    "casualty_reports": _records(
        ("report_id", "country_iso3", "as_of", "period_start", "victims", "killed_low", "qualifier", "cumulative",
         "reported_by", "source_id"),
        ("r1", "MMR", "2021-05-20", "2021-02-01", "all", 810, "exactly", True, "AAPP", "s"),
        ("r2", "MMR", "2021-06-19", "2021-02-01", "all", 858, "at least", True, "AAPP", "s"),
        ("r3", "MMR", "2021-06-21", "2021-02-01", "civilians", 870, "at least", True, "group", "s"),
    ),
    "resolutions": [{"resolution_id": "A/RES/75/287", "body": "UNGA", "vote_date": "2021-06-18",
                     "title": "The situation in Myanmar", "yes": 119, "no": 1, "abstain": 36, "source_id": "s"}],
    "votes": _records(("resolution_id", "country_iso3", "vote"),
                      ("A/RES/75/287", "BLR", "N"), ("A/RES/75/287", "RUS", "A")),
    "rejects": _records(
        ("batch_id", "line_no", "input_path", "raw_record", "reason"),
        (1, 9, "ged.csv", "x", "inverted counts: fatalities_best 2 > fatalities_high 1"),
        (1, 4, "ged.csv", "y", "inverted counts: fatalities_low 5 > fatalities_best 4"),
        (1, 7, "ged.csv", "z", "no date"),
    ),
}

# --- Places on the map: one per geo_precision along the equator, a dense cluster, one event without coordinates --
PRECISIONS = {  # geo_precision -> drawn as approximate?
    "exact (ucdp 1)": False, "city (acled 1)": False, "exact": False,
    "near (ucdp 2)": True, "near (acled 2)": True, "region (acled 3)": True, "city (gdelt 4)": True,
    "capital (geocoded)": True, "city (geocoded)": True, None: True,
}
_PLACES = (
    [(f"p{i}", 0.0, float(i * 20 - 90), precision, 1) for i, precision in enumerate(PRECISIONS)]
    # 60 distinct points within one 1-degree cell, 3 of them with deaths
    + [(f"c{i}", 21.0 + i / 100, 96.0 + i / 100, "exact (ucdp 1)", 5 if i < 3 else None) for i in range(60)]
    + [("x", None, None, None, None)]
)
MAP_PLACES: Rows = {
    "sources": [{"source_id": "s", "publisher": "P", "title": "T"}],
    "events": [{"event_id": event_id, "event_date": "2021-06-01", "event_type": "battle", "country_iso3": "MMR",
                "location": event_id, "latitude": lat, "longitude": lon, "geo_precision": precision,
                "fatalities_best": killed, "origin": "test", "source_id": "s"}
               for event_id, lat, lon, precision, killed in _PLACES],
}

# --- Four roll calls of four countries: agreement, and votes missing or not cast --------------------------------
ROLL_CALLS = {  # resolution -> {country: vote}
    "R/1": {"AAA": "Y", "BBB": "Y", "CCC": "N", "DDD": "X"},
    "R/2": {"AAA": "Y", "BBB": "A", "CCC": "N"},
    "R/3": {"AAA": "N", "BBB": "Y", "DDD": "Y"},
    "R/4": {"AAA": "A", "BBB": "A", "CCC": "Y"},
}
ROLL_CALL_DATES = {"R/1": date(2020, 3, 1), "R/2": date(2020, 9, 1), "R/3": date(2021, 2, 1), "R/4": date(2021, 6, 1)}
VOTES: Rows = {
    "sources": [{"source_id": "s", "publisher": "P", "title": "T"}],
    "resolutions": [{"resolution_id": rid, "body": "UNGA", "vote_date": day, "yes": 3, "no": 1, "abstain": 0,
                     "source_id": "s"} for rid, day in ROLL_CALL_DATES.items()],
    "votes": [{"resolution_id": rid, "country_iso3": country, "vote": vote}
              for rid, cast in ROLL_CALLS.items() for country, vote in cast.items()],
}

# --- Bilateral interactions between three countries, two with a capital in the (fake) gazetteer ----------------
CAPITALS = {"RUS": ("Moscow", 55.75, 37.62), "MMR": ("Nay Pyi Taw", 19.75, 96.13)}
EDGES = pd.DataFrame({"a": ["MMR", "MMR", "IDN", "MMR"], "b": ["RUS", "RUS", "MMR", "RUS"],
                      "kind": ["meeting", "visit", "visit", "statement"], "n": [4, 2, 1, 2],
                      "first": [pd.Timestamp("2021-03-26")] * 4, "last": [pd.Timestamp("2021-06-22")] * 4})
