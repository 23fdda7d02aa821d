"""Formats are told apart by their header (or raw GDELT by its shape), never by the file name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import etl

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize("fixture, fmt", [
    ("acled_current.csv", "acled"), ("acled_old_cp1252.csv", "acled"), ("ucdp_ged.csv", "ucdp"),
    ("gdelt2_raw.export.CSV", "gdelt"), ("gdelt1_raw.export.CSV", "gdelt"), ("gdelt1_backfile.csv", "gdelt"),
    ("gdelt2_header.csv", "gdelt"), ("undl_votes.csv", "undl"), ("unvotes_roll_calls.csv", "unvotes"),
    ("unvotes_votes.csv", "unvotes"), ("unvotes_issues.csv", "unvotes_issues"),
    ("historian_travels.csv", "historian"), ("historian_leaders.csv", "historian"),
])
def test_format_comes_from_the_header_not_the_name(tmp_path, fixture, fmt):
    anonymous = shutil.copy(FIXTURES / fixture, tmp_path / "export.txt")
    done = etl("check", str(anonymous), "--db", str(tmp_path / "x.duckdb"))
    assert done.returncode in (0, 1), done.stderr
    assert f"[{fmt}]" in done.stdout


def test_unknown_format_exits_2_naming_the_columns_and_the_known_formats(tmp_path):
    path = tmp_path / "topics.csv"
    path.write_text("rcid,short_name,topic\n5050,me,Palestinian conflict\n", encoding="utf-8")
    done = etl("load", str(path), "--db", str(tmp_path / "x.duckdb"))
    assert done.returncode == 2
    assert "Columns seen: rcid, short_name, topic" in done.stderr
    for name in ("acled", "ucdp", "gdelt", "undl", "unvotes", "unvotes_issues", "historian", "events", "visits"):
        assert f"  {name} " in done.stderr


def test_utf8_bom_is_read(tmp_path):
    text = (FIXTURES / "historian_leaders.csv").read_text(encoding="utf-8")
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    done = etl("check", str(path), "--db", str(tmp_path / "x.duckdb"))
    assert "[historian]: read 6, loaded 6" in done.stdout
