"""Waiting for Streamlit the way a person does: until the page stops running and shows its content."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Error as PlaywrightError

ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'


# No script running, no skeleton placeholders, and nothing in the app has changed for `quiet` ms: no run started or
# ended, no element added, removed or changed (plotly draws its SVG after the run ends; a rerun can start right after
# one ends, e.g. when the URL is rewritten). A MutationObserver sees every change, so a short rerun between two polls
# still counts. settle() restarts the count when it is called, so a run that a click has asked for but not yet
# started is waited for as before. It replaces two fixed 700 ms waits: a page that is quiet sooner is read sooner.
QUIET = """(quiet) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  let watch = window.__settle;
  if (!watch || watch.app !== app) {
    watch = window.__settle = {app, changed: performance.now()};
    new MutationObserver(() => { watch.changed = performance.now(); })
      .observe(app, {subtree: true, childList: true, attributes: true, characterData: true});
  }
  const idle = app.getAttribute('data-test-script-state') === 'notRunning'
               && document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
  if (!idle) watch.changed = performance.now();
  return idle && performance.now() - watch.changed >= quiet;
}"""
QUIET_MS = 700


def settle(page, timeout: float = 60_000) -> None:
    """Wait until the app has rendered (the sidebar filters exist), no script run is in progress and the page has
    not changed for QUIET_MS. A minute: `make test` runs two workers, each with a server and a browser, on a machine
    others may share."""
    try:
        page.evaluate("() => { if (window.__settle) window.__settle.changed = performance.now(); }")
    except PlaywrightError:  # a document being replaced: the next one starts its own count
        pass
    page.wait_for_selector('[data-testid="stSidebarUserContent"] [data-testid="stMultiSelect"]', timeout=timeout)
    page.wait_for_function(QUIET, arg=QUIET_MS, timeout=timeout, polling=100)


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def errors_on(page) -> list[str]:
    return [e.inner_text() for e in page.query_selector_all(ERROR_SELECTOR)]
