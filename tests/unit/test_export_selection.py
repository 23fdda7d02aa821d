"""`python -m monitor.export LINK --out …`: the whole selection of a link, streamed by DuckDB, formula-safe, with its
citations; the rows are exactly the view's, and a pinned link exports its version. Expectations from the raw files."""

from __future__ import annotations

import csv
import io

import duckdb
import pandas as pd
import pytest

from monitor import export
from monitor.queries import data
from monitor.store import Store
from tests.conftest import etl, realdata

UCDP = "ucdp/ged_myanmar_1989_2023_netify.csv"
ACLED = "acled/acled_bangladesh_sample.csv"
LINK = "http://analyst.example/data?c=MMR&from=2022-01-01&to=2022-12-31&type=civilian-targeting"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "export.duckdb"
    for file in (UCDP, ACLED):
        assert etl("load", str(realdata(file)), "--db", str(path)).returncode in (0, 1)
    return path


def _one_sided_2022() -> pd.DataFrame:
    raw = pd.read_csv(realdata(UCDP))
    overlaps = (raw["date_start"].str[:10] <= "2022-12-31") & (raw["date_end"].str[:10] >= "2022-01-01")
    return raw[overlaps & (raw["type_of_violence"] == 3)]


def test_csv_holds_exactly_the_rows_of_the_view(db, tmp_path):
    out = tmp_path / "sel.csv"
    assert export.main([LINK, "--out", str(out), "--db", str(db)], out=lambda _: None) == 0
    assert out.read_bytes().startswith(export.BOM)
    rows = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    expected = _one_sided_2022()
    assert sorted(rows["event_id"]) == sorted("ucdp:" + expected["id"].astype(str))
    assert rows["fatalities_best"].astype(int).sum() == expected["best"].sum()
    store = Store(db)
    selection = export.selection_of(store, LINK)
    assert len(rows) == data.table_count(store, "events", selection.filters)  # the Data page's total
    cited = pd.read_csv(tmp_path / "sel.citations.csv", encoding="utf-8-sig")
    assert list(cited["rows"]) == [len(expected)] and "Sundberg" in cited["acknowledgement"][0]


def test_parquet_and_hive_partitions_read_back(db, tmp_path):
    link = "http://x/?from=1989-01-01&to=2030-12-31"
    assert export.main([link, "--out", str(tmp_path / "all.parquet"), "--db", str(db)], out=lambda _: None) == 0
    assert export.main([link, "--out", str(tmp_path / "ds"), "--partition", "origin,year", "--db", str(db)],
                       out=lambda _: None) == 0
    with duckdb.connect() as con:
        whole = con.execute(f"SELECT count(*) FROM '{tmp_path / 'all.parquet'}'").fetchone()[0]
        per = dict(con.execute(f"SELECT origin, count(*) FROM read_parquet('{tmp_path / 'ds'}/**/*.parquet', "
                               "hive_partitioning = true) GROUP BY origin").fetchall())
        years = con.execute(f"SELECT count(DISTINCT year) FROM read_parquet('{tmp_path / 'ds'}/**/*.parquet', "
                            "hive_partitioning = true) WHERE origin = 'ucdp'").fetchone()[0]
    ucdp = pd.read_csv(realdata(UCDP))
    assert per == {"ucdp": len(ucdp), "acled": len(pd.read_csv(realdata(ACLED)))} and whole == sum(per.values())
    assert years == ucdp["year"].nunique()
    assert (tmp_path / "ds" / "_citations.csv").exists()


def test_a_bad_partition_or_table_says_so(db, tmp_path, capsys):
    assert export.main(["http://x/data?tab=events", "--out", str(tmp_path / "x"), "--partition", "planet",
                        "--db", str(db)]) == 2
    assert "cannot partition events by planet" in capsys.readouterr().err
    assert export.main(["http://x/data?tab=<b>nope</b>", "--out", str(tmp_path / "y.csv"), "--db", str(db)],
                       out=lambda _: None) == 0
    assert "no table “<b>nope</b>”" in capsys.readouterr().err


@pytest.mark.parametrize("cell", ["=1+2", "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3", "\t=1", "\r=1", "Belarus",
                                  "a=b", "-5", "+3.5e2", "=", "-", "'=x"])
def test_sql_neutralises_as_python_does(cell):
    with duckdb.connect() as con:
        got = con.execute(f"SELECT {export.neutralise_sql('c')} FROM (SELECT ?::VARCHAR AS c)", [cell]).fetchone()[0]
    assert got == export.neutralise(cell)


def test_formulas_in_data_leave_the_csv_as_text(tmp_path):
    db = tmp_path / "f.duckdb"
    events = tmp_path / "events.csv"
    sources = tmp_path / "sources.csv"
    sources.write_text("source_id,publisher,title\n=HYPERLINK(\"x\"),@evil,+title\n", encoding="utf-8")
    events.write_text("event_id,event_date,event_type,country_iso3,actor1,summary,source_id\n"
                      "e1,2021-03-01,=cmd|' /C calc'!A0,MMR,-2+3,@SUM(A1),=HYPERLINK(\"x\")\n", encoding="utf-8")
    assert etl("load", str(sources), str(events), "--db", str(db)).returncode == 0
    out = tmp_path / "f.csv"
    assert export.main(["http://x/?from=2021-01-01&to=2021-12-31", "--out", str(out), "--db", str(db)],
                       out=lambda _: None) == 0
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert (row["event_type"], row["actor1"], row["summary"]) == ("'=cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1)")
    cited = next(csv.DictReader(io.StringIO((tmp_path / "f.citations.csv").read_text(encoding="utf-8-sig"))))
    assert (cited["source_id"], cited["publisher"], cited["title"]) == ("'=HYPERLINK(\"x\")", "'@evil", "'+title")


def test_a_pinned_link_exports_its_version(tmp_path):
    db = tmp_path / "v.duckdb"
    assert etl("load", str(realdata(UCDP)), "--db", str(db)).returncode in (0, 1)
    raw = pd.read_csv(realdata(UCDP), dtype=str, keep_default_na=False)
    revised = raw.assign(best=(raw["best"].astype(int) + 1).astype(str))  # UCDP raises every best estimate by one
    revised.to_csv(tmp_path / "ged_next.csv", index=False)
    assert etl("load", str(tmp_path / "ged_next.csv"), "--db", str(db)).returncode in (0, 1)
    link = "http://x/data?from=1989-01-01&to=2030-12-31"
    for version, extra in (("1", 0), ("2", len(raw))):
        out = tmp_path / f"v{version}.parquet"
        assert export.main([f"{link}&v={version}", "--out", str(out), "--db", str(db)], out=lambda _: None) == 0
        with duckdb.connect() as con:
            n, best = con.execute(f"SELECT count(*), sum(fatalities_best) FROM '{out}'").fetchone()
        assert (n, best) == (len(raw), raw["best"].astype(int).sum() + extra)
