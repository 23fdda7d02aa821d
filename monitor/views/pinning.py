"""A link pinned to a data version (`v`): reading it, and saying how the pinned numbers differ from the latest."""

from __future__ import annotations

import pandas as pd

from monitor.pinned import Version
from monitor.queries import overview
from monitor.queries.filters import Filters
from monitor.views.blocks import Run


def headline_numbers(run: Run, f: Filters) -> dict[str, int]:
    """The selection's headline numbers (the Overview's): rows on record, and deaths counted per dataset."""
    counts = run(overview.selection_counts, f)
    numbers = {"events": counts["events"], "visits": counts["visits"], "casualty reports": counts["casualty_reports"],
               "UN resolutions": counts["resolutions"], "UN votes": counts["votes"]}
    for row in run(overview.fatalities_by_origin, f).to_dict("records"):
        for est in ("low", "best", "high"):
            if pd.notna(row[est]):  # NaN or None (a dataset with no such estimate, read from events_daily)
                numbers[f"killed in {str(row['origin']).upper()} events ({est})"] = int(row[est])
    return numbers


def differences(then: dict[str, int], now: dict[str, int]) -> list[str]:
    """'events: 12 then, 15 in the latest' for each headline number that differs."""
    return [f"{name}: {then.get(name, 0):,} then, {now.get(name, 0):,} in the latest"
            for name in dict.fromkeys([*then, *now]) if then.get(name, 0) != now.get(name, 0)]


def comparison(then: dict[str, int], now: dict[str, int]) -> str:
    """How the selection's headline numbers at the pinned version differ in the latest, as a sentence."""
    moved = differences(then, now)
    if not moved:
        return "This selection's headline numbers are the same in the latest."
    return "In the latest, for this selection: " + "; ".join(moved) + "."


def notice(pinned: Version, latest: Version) -> str:
    return (f"Data as of version {pinned.number} (loaded {pinned.loaded_on()}); the latest is {latest.number}")
