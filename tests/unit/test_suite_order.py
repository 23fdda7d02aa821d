"""The suite's own scheduling (docs/testing.md): the slowest files, started first, are files that exist, and
`make test` keeps that order rather than pytest-xdist's own."""

from __future__ import annotations

from tests.conftest import ROOT, SLOWEST_FILES


def test_the_slowest_files_named_exist():
    missing = [path for path in SLOWEST_FILES if not (ROOT / path).is_file()]
    assert missing == [], f"renamed or removed: update SLOWEST_FILES in tests/conftest.py ({missing})"
    assert len(set(SLOWEST_FILES)) == len(SLOWEST_FILES)


def test_make_test_keeps_that_order():
    recipe = [line for line in (ROOT / "Makefile").read_text().splitlines() if "-m pytest" in line]
    assert len(recipe) == 1 and "--dist loadfile" in recipe[0] and "--no-loadscope-reorder" in recipe[0], recipe
