"""Each page's view by its URL path ('' is the home page): what the briefing can show."""

from __future__ import annotations

from collections.abc import Callable

from monitor.views import changes, data, overview, relationships, timeline, un_votes
from monitor.views import map as map_view
from monitor.views.blocks import Run, View
from monitor.views.state import LinkState

VIEWS: dict[str, Callable[[Run, LinkState], View]] = {
    "": overview.view,
    "timeline": timeline.view,
    "un-votes": un_votes.view,
    "relationships": relationships.view,
    "map": map_view.view,
    "data": data.view,
    "changes": changes.view,
}
# Pages that read the data's history themselves, whatever version the link pins.
UNPINNED = frozenset({"changes"})
