"""Waiting for Streamlit the way a person does: until the page stops running and shows its content."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'


IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
         && document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
}"""


def settle(page, timeout: float = 60_000) -> None:
    """Wait until the app has rendered (the sidebar filters exist) and no script run is in progress. A minute:
    `make test` runs two workers, each with a server and a browser, on a machine others may share."""
    page.wait_for_selector('[data-testid="stSidebarUserContent"] [data-testid="stMultiSelect"]', timeout=timeout)
    for _ in range(2):  # a rerun can start right after the first one ends (e.g. the URL being rewritten)
        page.wait_for_function(IDLE, timeout=timeout)
        page.wait_for_timeout(700)  # plotly draws after the run ends


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def errors_on(page) -> list[str]:
    return [e.inner_text() for e in page.query_selector_all(ERROR_SELECTOR)]
