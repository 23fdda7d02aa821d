"""How long the pages' queries take on a large SYNTHETIC database, against a baseline in the same run.

    python -m bench.pages [DB]     # default: bench/out/synthetic_acled_1000000.duckdb (make bench builds it)

Each query runs 5 times on its own cursor (as the app does, cache bypassed); the median is printed with its
ratio to `SELECT sum(fatalities_best) FROM events`, a one-column full scan and this machine's floor, so the
figures compare across noisy machines. The database holds SYNTHETIC events only (bench/gen_acled.py).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench.gen_acled import OUT
from bench.machine import machine
from monitor.queries import actors, breakdowns, data, overview, timeline
from monitor.queries import map as map_queries
from monitor.queries.filters import Filters, data_date_range
from monitor.store import Store

RUNS = 5


def median_seconds(run: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def actor_record(store: Store, f: Filters) -> None:
    """The Actors page's reads for the selection's busiest actor."""
    top = breakdowns.breakdown(store, f, "actor", 1)
    if top.empty:
        return
    actors.actor_record(store, f, str(top["key"].iloc[0]), timeline.bucket_for(f.start, f.end))


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT / "synthetic_acled_1000000.duckdb"
    if not path.exists():
        sys.exit(f"no database at {path}: run `python -m bench.gen_acled 1000000 --measure` first")
    store = Store(path)
    events = int(store.query("SELECT count(*) AS n FROM events")["n"][0])
    first, last = data_date_range(store)
    everything = Filters(first, last)
    one_country = Filters(date(first.year + 1, 1, 1), last, (str(
        store.query("SELECT country_iso3 FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").iloc[0, 0]),))
    print(f"machine: {machine()}")
    print(f"data: {path.name}, {events:,} SYNTHETIC events")
    baseline = median_seconds(lambda: store.query("SELECT sum(fatalities_best) FROM events"))
    print(f"{'baseline: sum(fatalities_best) over events':<52} {baseline * 1000:8.1f} ms")
    cases: list[tuple[str, Callable[[], object]]] = []
    for label, f in (("all", everything), (f"{one_country.countries[0]}, from {one_country.start}", one_country)):
        cases += [
            (f"overview counts ({label})", lambda f=f: overview.selection_counts(store, f)),
            (f"overview deaths by dataset ({label})", lambda f=f: overview.fatalities_by_origin(store, f)),
            (f"timeline bars per month ({label})",
             lambda f=f: timeline.fatalities_per_period(store, f, "month", "best")),
            (f"timeline markers ({label})", lambda f=f: timeline.timeline_markers(store, f)),
            (f"map places ({label})", lambda f=f: map_queries.map_places(store, f, "best")),
            (f"data: first rows of events ({label})", lambda f=f: data.table_rows(store, "events", f)),
            # issue 17's views: the Overview's What / Who / Where, the Timeline's split, the Map's frame and
            # regions, one actor's record
            *((f"overview {dimension} breakdown ({label})",
               lambda f=f, dimension=dimension: breakdowns.breakdown(store, f, dimension))
              for dimension in breakdowns.DIMENSIONS),
            (f"timeline deaths per type ({label})",
             lambda f=f: timeline.fatalities_per_type(store, f, "month", "best")),
            (f"map frame ({label})", lambda f=f: map_queries.frame(store, f)),
            (f"map regions ({label})", lambda f=f: map_queries.map_regions(store, f, "best")),
            (f"actor record ({label})", lambda f=f: actor_record(store, f)),
        ]
    for label, run in cases:
        seconds = median_seconds(run)
        print(f"{label:<52} {seconds * 1000:8.1f} ms  {seconds / baseline:6.1f}x baseline")


if __name__ == "__main__":
    main()
