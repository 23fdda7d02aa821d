"""The breakdowns' links in a real browser, on the real samples: a row of the Overview's "Where" opens the view
with that region as a filter, and the reopened view counts exactly that row's events and deaths."""

from __future__ import annotations

import re

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import errors_on, query_of, settle


def cells(page, table: int) -> list[list[str]]:
    """The rows of the page's `table`-th dataframe as its accessible grid holds them (the canvas draws the same).
    The grid holds only the columns in view, so it is read, scrolled to its right end as a reader would, and
    read again: the link column can lie past the right edge (how far depends on the browser's font metrics)."""
    grid = page.query_selector_all('[data-testid="stDataFrame"]')[table]
    rows: dict[int, dict[int, str]] = {}

    def read() -> None:
        for cell in grid.query_selector_all('td[role="gridcell"]'):
            column, row = map(int, re.fullmatch(r"glide-cell-(\d+)-(\d+)", cell.get_attribute("id")).groups())
            rows.setdefault(row, {})[column] = cell.inner_text()

    read()
    columns = int(grid.query_selector('table[role="grid"]').get_attribute("aria-colcount"))
    if any(len(r) < columns for r in rows.values()):
        grid.eval_on_selector(".dvn-scroller", "s => { s.scrollLeft = s.scrollWidth; }")
        page.wait_for_function("([g, n]) => g.querySelector(`td[aria-colindex='${n}']`)", arg=[grid, columns])
        read()
    return [[r[c] for c in sorted(r)] for _, r in sorted(rows.items())]


def killed_line(page, dataset: str) -> str:
    return next(li.inner_text() for li in page.query_selector_all('[data-testid="stMarkdown"] li')
                if li.inner_text().startswith(f"{dataset}:"))


def test_a_where_rows_link_reopens_the_view_with_its_counts(real_server, context):
    page = context.new_page()
    page.set_viewport_size({"width": 1400, "height": 3200})
    page.goto(f"{real_server}/?c=MMR&from=2022-01-01&to=2022-12-31")
    settle(page, 90_000)
    headers = [h.inner_text() for h in page.query_selector_all("h3")]
    where = cells(page, headers.index("Where") - headers.index("What"))  # What, Who, Where: in page order
    region, dataset, events, _, killed, *_, link = where[0]
    assert dataset == "UCDP" and link.startswith("/?")
    page.screenshot(path=str(ARTIFACTS / "lens_overview_where.png"), full_page=True)

    page.goto(real_server + link)
    settle(page, 90_000)
    assert errors_on(page) == []
    assert query_of(page.url)["region"] == [f"MMR:{region.removesuffix(' (Myanmar)')}"]
    assert killed_line(page, "UCDP").startswith(f"UCDP: {killed} killed (best estimate) in {events} events")
    what = cells(page, 0)
    assert sum(int(row[2].replace(",", "")) for row in what) == int(events.replace(",", ""))
    page.screenshot(path=str(ARTIFACTS / "lens_overview_region.png"), full_page=True)
