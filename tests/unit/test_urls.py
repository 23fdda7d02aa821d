"""The URL registry: every key parses what it encodes, bad values are named, page URLs are built in one place."""

from __future__ import annotations

import pytest

from monitor import urls


@pytest.mark.parametrize("bad", ["banana", "1,2,3", "91,0", "0,181"])
def test_bad_places_are_refused(bad):
    with pytest.raises(ValueError):
        urls.parse_place(bad)
