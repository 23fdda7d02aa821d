"""The Download briefing button: beside the link on every page that shows a view, not on the Extract form."""

from __future__ import annotations

import pytest


def _labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


@pytest.mark.parametrize("page", ["overview", "un_votes", "data"])
def test_pages_with_a_view_offer_the_briefing(open_page, page):
    assert "Download briefing" in _labels(open_page(page))


def test_the_extract_form_offers_none(open_page):
    assert "Download briefing" not in _labels(open_page("extract"))
