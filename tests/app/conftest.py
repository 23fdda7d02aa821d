"""AppTest fixtures: the app run against the bundled database, driven through its URL."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor import urls
from tests.conftest import ROOT

PAGE_FILES = {page.name: page.file for page in urls.PAGES}


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once():
    """Each new AppTest scans every installed package for Streamlit components (0.2-0.5 s, and there are hundreds of
    AppTests); the installed packages do not change during a session, so every AppTest gets the first scan's answer."""
    from streamlit.components.v2 import manifest_scanner

    found = manifest_scanner.scan_component_manifests()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: list(found))
        yield


@pytest.fixture(scope="session", autouse=True)
def app_db(bundled_db):
    """Point the app at the freshly built bundled database (before any Store is created)."""
    os.environ["MONITOR_DB"] = str(bundled_db)
    yield bundled_db


@contextmanager
def serving(db: Path) -> Iterator[Path]:
    """The app reads `db` inside the block, then the database it read before (the Store is cached per path)."""
    from app_pages.common import store

    previous = os.environ["MONITOR_DB"]
    os.environ["MONITOR_DB"] = str(db)
    store.clear()
    try:
        yield db
    finally:
        os.environ["MONITOR_DB"] = previous
        store.clear()


@pytest.fixture()
def open_page() -> Callable[..., AppTest]:
    """open_page("un_votes", res="A/RES/75/287", c=["MMR"]) -> the finished AppTest, as a deep link would."""

    def run(page: str, **params: str | list[str]) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key.rstrip("_")] = value  # from_="2021-01-01" for the `from` key
        at.run()
        if page != "overview":
            at.switch_page(PAGE_FILES[page])
            for key, value in params.items():
                at.query_params[key.rstrip("_")] = value
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


@pytest.fixture(autouse=True)
def fresh_views():
    """Each test builds its own views: the app keeps built views for every session (app_pages/common.built),
    and a test may change what a view builds (a threshold patched, a database swapped) without a new version."""
    from app_pages.common import _built

    _built.clear()
