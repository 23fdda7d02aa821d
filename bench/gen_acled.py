"""SYNTHETIC ACLED-shaped export for load benchmarks: random rows, no real event, never in data/sources/.

    python -m bench.gen_acled [ROWS]            # default 1,000,000 rows -> bench/out/synthetic_acled_<ROWS>.csv
    python -m bench.gen_acled 1000000 --measure # then load it into a scratch database; print rows/s and peak RSS

Rows have the current ACLED column set (disorder_type, civilian_targeting, tags, timestamp) plus one extra
column, the three date spellings ACLED exports use, `NA` for missing values and some events at sea.
Every row says SYNTHETIC in `notes` and in `source`, and the file name says so too (it becomes the
source id, `acled:synthetic_acled_<ROWS>.csv`). The file is written row by row, never held in memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp", "analyst_flag",
]  # fmt: skip
# (ISO 3166 numeric, name, rough bounding box) — only to place synthetic points on land-ish coordinates.
COUNTRIES = [
    (104, "Myanmar", (10.0, 28.0, 92.5, 101.0)), (50, "Bangladesh", (20.8, 26.5, 88.1, 92.6)),
    (804, "Ukraine", (44.5, 52.3, 22.2, 40.2)), (729, "Sudan", (8.7, 22.0, 21.8, 38.6)),
    (760, "Syria", (32.3, 37.3, 35.7, 42.4)), (887, "Yemen", (12.6, 19.0, 42.6, 53.1)),
    (466, "Mali", (10.2, 25.0, -12.2, 4.2)), (180, "Democratic Republic of Congo", (-13.4, 5.3, 12.2, 31.3)),
]  # fmt: skip
SEAS = [("Bay of Bengal", (15.0, 20.0, 86.0, 92.0)), ("Red Sea", (14.0, 20.0, 39.0, 42.0))]
TYPES = [
    ("Political violence", "Battles", "Armed clash"), ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Riots", "Mob violence"), ("Political violence", "Violence against civilians", "Attack"),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("Strategic developments", "Strategic developments", "Arrests"),
]  # fmt: skip
# Who and where, as in real exports: a few actors and regions hold most events and a long tail the rest. Drawn as
# u**k of a uniform u (k = 4 for actors, 3 for regions): the first of 30,000 actors is in about 7% of the events, the
# top hundred in about a quarter, and thousands appear only a few times; the first of 30 regions in a country holds
# about a third of its events.
ACTORS = 30_000
GENERATION = "g2"  # in the cached files' names: g2 has the skewed actors and regions (a g1 file is not reused)
REGIONS = 30
INTER = ["State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
         "Civilians", "External/Other forces"]


def _date_text(day: date, style: int) -> str:
    if style == 0:
        return day.isoformat()
    if style == 1:
        return day.strftime("%d %B %Y")
    return f"{day.isoformat()}T00:00:00Z"


def skewed(rng: random.Random, n: int, power: float) -> int:
    """0 .. n-1, 0 the most frequent: a few values hold most draws, a long tail the rest."""
    return int(rng.random() ** power * n)


def generate(rows: int, path: Path | None = None, seed: int = 7, id_prefix: str = "SYN") -> Path:
    """Write `rows` SYNTHETIC ACLED-shaped rows (event ids `<id_prefix><n>`) and return the path."""
    path = path or OUT / f"synthetic_acled_{rows}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = date(2018, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(rows):
            day = start + timedelta(days=rng.randrange(2500))
            disorder, event_type, sub = rng.choice(TYPES)
            if rng.random() < 0.002:
                name, (la0, la1, lo0, lo1) = rng.choice(SEAS)
                iso, country = "NA", name
            else:
                iso, country, (la0, la1, lo0, lo1) = rng.choice(COUNTRIES)
            fatalities = "NA" if rng.random() < 0.01 else str(rng.choice([0, 0, 0, 0, 1, 2, 3, 5, 12]))
            inter1, inter2 = rng.choice(INTER), rng.choice(INTER + [""])
            w.writerow([
                f"{id_prefix}{i}", _date_text(day, i % 3), day.year, rng.choice("1111111123"), disorder, event_type,
                sub,
                f"Synthetic actor {skewed(rng, ACTORS, 4)}",
                f"Synthetic actor {skewed(rng, ACTORS, 4)}" if rng.random() < 0.1 else "", inter1,
                f"Synthetic actor {skewed(rng, ACTORS, 4)}", "",
                inter2, f"{inter1}-{inter2}", "Civilian targeting" if sub == "Attack" else "", iso, "Synthetic region",
                country, f"Synthetic region {skewed(rng, REGIONS, 3)}", f"Synthetic district {rng.randrange(200)}", "",
                f"Synthetic place {rng.randrange(5000)}",
                round(rng.uniform(la0, la1), 4), round(rng.uniform(lo0, lo1), 4),
                rng.choice("1112223"), "SYNTHETIC (bench/gen_acled.py)", "Other",
                f"SYNTHETIC row {i} for load benchmarks; not a real event.", fatalities,
                "crowd size=no report" if event_type == "Protests" else "", 1700000000 + i, "synthetic",
            ])
    return path


def measure(path: Path) -> dict:
    """Load `path` into a fresh scratch database in a child process; rows/s and the child's peak RSS."""
    db = OUT / f"{path.stem}.duckdb"
    for leftover in OUT.glob(f"{path.stem}.duckdb*"):
        leftover.unlink()
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(path), "--db", str(db), "--json"],
                          capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    report = json.loads(done.stdout)["files"][0]
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {"rows_read": report["rows_read"], "rows_loaded": report["rows_loaded"],
            "rows_rejected": report["rows_rejected"], "reasons": report["reasons"], "seconds": round(seconds, 1),
            "rows_per_second": round(report["rows_read"] / seconds), "peak_rss_mb": round(peak_kb / 1024),
            "db_mb": round(db.stat().st_size / 2**20)}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("rows", nargs="?", type=int, default=1_000_000)
    p.add_argument("--measure", action="store_true", help="load the file and print rows/s and peak RSS")
    args = p.parse_args(argv)
    started = time.monotonic()
    path = generate(args.rows)
    print(f"wrote {path} ({path.stat().st_size / 2**20:,.0f} MB, SYNTHETIC) in {time.monotonic() - started:.1f} s")
    if args.measure:
        print(json.dumps(measure(path), indent=2))


if __name__ == "__main__":
    main()
