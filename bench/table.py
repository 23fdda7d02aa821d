"""The one table `make bench` prints: one row per figure, one column per database size, Markdown so it pastes
into the README and an issue as it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.exports import ExportFigures
from bench.loads import Load
from bench.procs import Measured
from bench.visits import VisitFigures

MB = 1_000_000
NOT_RUN = "–"


@dataclass
class SizeRun:
    """Everything measured for one database size."""

    events: int
    csv: Path | None = None
    db: Path | None = None
    events_in_db: int = 0
    etl: Load | None = None
    raw: Measured | None = None
    small: Load | None = None
    visits: VisitFigures | None = None
    alerts: Measured | None = None  # `python -m monitor.alerts --json` over all countries
    exports: ExportFigures | None = None  # monitor.export of every event vs DuckDB's COPY of the same query
    notes: list[str] = field(default_factory=list)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b > 0 else NOT_RUN


def _load_rows(runs: list[SizeRun]) -> list[tuple[str, list[str]]]:
    def each(fn) -> list[str]:
        return [fn(r) for r in runs]

    def if_etl(fn):
        return lambda r: fn(r) if r.etl and r.raw else NOT_RUN

    return [
        ("input: SYNTHETIC ACLED-shaped CSV", each(
            lambda r: f"{r.csv.stat().st_size / MB:,.0f} MB" if r.csv and r.csv.exists() else NOT_RUN)),
        ("events in the benchmark database", each(lambda r: f"{r.events_in_db:,}" if r.events_in_db else NOT_RUN)),
        ("`etl load`: seconds", each(if_etl(lambda r: f"{r.etl.run.seconds:,.1f}"))),
        ("`etl load`: rows/s", each(if_etl(lambda r: f"{r.etl.rows_per_second:,.0f}"))),
        ("`etl load`: loaded / duplicate / rejected", each(if_etl(
            lambda r: f"{r.etl.rows_loaded:,} / {r.etl.rows_duplicate:,} / {r.etl.rows_rejected:,}"))),
        ("`etl load`: peak RSS", each(if_etl(lambda r: f"{r.etl.run.peak_rss_mib:,.0f} MiB"))),
        ("DuckDB `CREATE TABLE AS read_csv`: seconds", each(if_etl(lambda r: f"{r.raw.seconds:,.1f}"))),
        ("DuckDB `CREATE TABLE AS read_csv`: peak RSS", each(if_etl(lambda r: f"{r.raw.peak_rss_mib:,.0f} MiB"))),
        ("**ETL time ÷ DuckDB's** (target ≤ 2×)", each(if_etl(lambda r: _ratio(r.etl.run.seconds, r.raw.seconds)))),
        ("**ETL peak RSS ÷ DuckDB's** (target ≤ 1.3×)", each(if_etl(
            lambda r: _ratio(r.etl.run.peak_rss_mib, r.raw.peak_rss_mib)))),
        ("1,000-row `etl load` into this database: seconds", each(
            lambda r: f"{r.small.run.seconds:,.1f} (peak RSS {r.small.run.peak_rss_mib:,.0f} MiB)"
            if r.small else NOT_RUN)),
    ]


def _seconds(visit) -> str:
    return f"{visit.seconds:.2f}" if visit else NOT_RUN


def _page_rows(runs: list[SizeRun]) -> list[tuple[str, list[str]]]:
    rows = [("floor (one-line Streamlit page): first / second visit, s", [
        f"{r.visits.floor.first.seconds:.2f} / {_seconds(r.visits.floor.second)}" if r.visits else NOT_RUN
        for r in runs])]
    paths = list(dict.fromkeys(p.path for r in runs if r.visits for p in r.visits.pages))
    for path in paths:
        first, second, sent = [], [], []
        for r in runs:
            page = next((p for p in r.visits.pages if p.path == path), None) if r.visits else None
            if page is None:
                first.append(NOT_RUN), second.append(NOT_RUN), sent.append(NOT_RUN)
                continue
            floor = r.visits.floor
            visits = [v for v in (page.first, page.second) if v]
            error = " **error on page**" if any(v.errors for v in visits) else ""
            first.append(f"{page.first.seconds:.2f} s = {_ratio(page.first.seconds, floor.first.seconds)}{error}")
            second.append(f"{page.second.seconds:.2f} s = {_ratio(page.second.seconds, floor.second.seconds)}"
                          if page.second and floor.second else NOT_RUN)
            sent.append(f"{max(v.bytes for v in visits) / MB:.2f} MB")
        rows += [(f"`{path}` first visit (target ≤ 2.5× floor)", first),
                 (f"`{path}` second visit (target ≤ 1.5× floor)", second),
                 (f"`{path}` sent over the websocket (target ≤ 1 MB)", sent)]
    rows.append(("server peak RSS after all pages (target ≤ 1.5 GB)", [
        f"{r.visits.server_peak_rss_mib:,.0f} MiB" if r.visits else NOT_RUN for r in runs]))
    rows += [
        ("`monitor.export` of every event to Parquet: seconds (peak RSS)", [
            f"{r.exports.export.seconds:,.1f} ({r.exports.export.peak_rss_mib:,.0f} MiB), {r.exports.rows:,} rows"
            if r.exports else NOT_RUN for r in runs]),
        ("DuckDB's own `COPY (same query) TO parquet`: seconds (peak RSS)", [
            f"{r.exports.copy.seconds:,.1f} ({r.exports.copy.peak_rss_mib:,.0f} MiB)" if r.exports else NOT_RUN
            for r in runs]),
        ("**export ÷ COPY**: time (target ≤ 2×), peak RSS", [
            f"{_ratio(r.exports.export.seconds, r.exports.copy.seconds)}, "
            f"{_ratio(r.exports.export.peak_rss_mib, r.exports.copy.peak_rss_mib)}" if r.exports else NOT_RUN
            for r in runs]),
    ]
    rows.append(("`monitor.alerts --json`, all countries: seconds (peak RSS)", [
        f"{r.alerts.seconds:,.1f} ({r.alerts.peak_rss_mib:,.0f} MiB)" if r.alerts else NOT_RUN for r in runs]))
    return rows


def render(runs: list[SizeRun], machine: str, command: str) -> str:
    header = ["figure", *(f"{r.events:,} events" for r in runs)]
    rows = _load_rows(runs) + _page_rows(runs)
    lines = [
        "Conflict Monitor benchmark on SYNTHETIC data (bench/gen_acled.py: random ACLED-shaped rows, no real event)",
        f"machine: {machine}",
        f"command: {command}",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join([label, *cells]) + " |" for label, cells in rows),
    ]
    chromium = next((r.visits.chromium for r in runs if r.visits), "")
    if chromium:
        lines += ["", f"browser: Chromium {chromium}; each visit is a new browser context on the same server"]
    for r in runs:
        lines += [f"note ({r.events:,} events): {n}" for n in r.notes]
    return "\n".join(lines)
