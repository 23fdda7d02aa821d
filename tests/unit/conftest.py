"""The fixture databases of tests/fixture_db.py, each built once per test session."""

from __future__ import annotations

import pytest

from monitor.store import Store
from tests import fixture_db


@pytest.fixture(scope="session")
def june_store(tmp_path_factory) -> Store:
    """June 2021 in Myanmar: events, casualty reports, one resolution, rejects."""
    return fixture_db.build_store(tmp_path_factory.mktemp("june") / "june.duckdb", fixture_db.JUNE_2021)


@pytest.fixture(scope="session")
def map_store(tmp_path_factory) -> Store:
    """Places of every precision class and a dense cluster."""
    return fixture_db.build_store(tmp_path_factory.mktemp("map") / "map.duckdb", fixture_db.MAP_PLACES)


@pytest.fixture(scope="session")
def votes_store(tmp_path_factory) -> Store:
    """Four roll calls of four countries."""
    return fixture_db.build_store(tmp_path_factory.mktemp("votes") / "votes.duckdb", fixture_db.VOTES)
