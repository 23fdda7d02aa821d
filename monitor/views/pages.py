"""Each page's view by its URL path ('' is the home page): what the briefing can show.

Derived from the one list of pages (monitor/urls.py): a page has a view when monitor/views/<its name>.py
defines `view` (the Extract page is a review form, not a view).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from monitor import urls
from monitor.views.blocks import Run, View
from monitor.views.state import LinkState

ViewBuilder = Callable[[Run, LinkState], View]


def _view_of(page: urls.Page) -> ViewBuilder | None:
    module_name = f"monitor.views.{page.name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name != module_name:  # the module exists but something it imports does not: say so
            raise
        return None
    return getattr(module, "view", None)


VIEWS: dict[str, ViewBuilder] = {page.path: view for page in urls.PAGES if (view := _view_of(page))}
# Pages that read the data's history themselves, whatever version the link pins.
UNPINNED = frozenset({urls.page("changes").path})
