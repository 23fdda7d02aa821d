"""The Trends page's flags from a shell, for cron jobs, feed readers and chat tools:
`python -m monitor.alerts [LINK] [--as-of DATE] [--since-version N] [--json] [--atom FILE]`.

LINK is any dashboard link (as `monitor.briefing` takes; its filters apply, and on a /trends link its `asof` and
`base` too). `--since-version N` keeps only the flags that are new since data version N: what a cron job runs after
each load. `--atom FILE` writes an Atom feed whose entry ids are stable across runs (a flag is the same flag when
its method, dataset, place, subject and window are), so a reader shows each flag once. Exit status 0 when it ran;
errors as `error:` lines with status 2, like the ETL.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from monitor import flags as assessing
from monitor import phrases, pinned, trends, urls
from monitor.cli import run
from monitor.flags import Assessment, Flag
from monitor.queries import trends as queries
from monitor.store import Store, outdated_notice, upgrade_command
from monitor.views.blocks import Run, store_runner
from monitor.views.state import parse_link, shared_filters
from monitor.views.trends import default_asof

DEFAULT_HOST = "http://localhost:8501"
ATOM = "http://www.w3.org/2005/Atom"


class AlertError(Exception):
    """Something the user can fix: said as an `error:` line, status 2."""


@dataclass(frozen=True)
class Evaluation:
    """One evaluation: its assessment, the data version it read and the link's host and filters."""

    assessment: Assessment
    version: int | None
    host: str
    params: dict[str, str | list[str]]
    sources: pd.DataFrame


def _host(link: str) -> str:
    parts = urlsplit(link.strip())
    return urlunsplit((parts.scheme, parts.netloc, "", "", "")) if parts.scheme and parts.netloc else DEFAULT_HOST


def evaluate(store: Store, link: str, as_of: date | None, version: int | None, latest: int | None = None
             ) -> Evaluation:
    """The flags a link's view shows at a data version (None or `latest`: the latest)."""
    _, state = parse_link(link or "/trends")
    reader = store if version is None or version == latest else pinned.at(store, version)
    read: Run = store_runner(reader)
    f = shared_filters(read, state)
    asof = as_of or state.read(urls.ASOF) or default_asof(read, f)
    base = state.read(urls.BASE) or "4w"
    if state.warnings:
        raise AlertError("; ".join(state.warnings))
    a = assessing.assess(read, f, asof, base)
    sources = read(queries.dataset_sources, tuple(sorted({fl.dataset for fl in a.flags if fl.dataset})))
    params = {k: v for k, v in state.used.items() if k not in ("from", "to", "asof", "base", "v")}
    return Evaluation(a, version, _host(link), params, sources)


def pinned_link(r: Evaluation, flag: Flag, version: int | None) -> str:
    """The Trends page at the flag's country, as of the same day, pinned to the data version (`v`)."""
    params = {**r.params, "c": [flag.country], "asof": r.assessment.asof.isoformat(), "base": r.assessment.base}
    if flag.region:
        params["region"] = f"{flag.country}:{flag.region}"
    if version is not None:
        params["v"] = str(version)
    return r.host + urls.page_url("trends", params)


def flag_json(r: Evaluation, flag: Flag, version: int | None) -> dict:
    method = trends.METHODS[flag.method]
    cited = r.sources[r.sources["origin"] == flag.dataset] if flag.dataset else r.sources.iloc[0:0]
    return {
        "id": flag.id, "method": flag.method, "method_name": method.name, "method_url": method.url,
        "dataset": flag.dataset or None, "country": flag.country, "region": flag.region or None,
        "subject": flag.subject or None, "type": list(flag.types),
        "window": {"start": flag.window_start.isoformat(), "end": flag.window_end.isoformat()},
        "value": flag.value, "baseline": flag.baseline,
        "change": None if flag.change is None else round(flag.change, 1), "level": flag.level,
        "sentence": flag.sentence, "link": pinned_link(r, flag, version),
        "sources": [{"publisher": s.publisher, "title": s.title, "url": s.url} for s in cited.itertuples()],
    }


def _countries(r: Evaluation) -> list[str]:
    chosen = r.params.get("c") or []
    return [chosen] if isinstance(chosen, str) else list(chosen)


def atom_feed(r: Evaluation, flags: list[Flag], version: int | None, link: str, made_at: datetime) -> str:
    """An Atom 1.0 feed of the flags (RFC 4287). Ids and entry dates depend only on the flag, not on the run."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    place = phrases.countries_label(_countries(r))
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"Conflict Monitor: early-warning flags, {place}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = \
        f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'conflict-monitor:feed:' + json.dumps(r.params, sort_keys=True))}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = made_at.isoformat()
    ET.SubElement(feed, f"{{{ATOM}}}link", href=r.host + urls.page_url("trends", r.params), rel="alternate")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Conflict Monitor (python -m monitor.alerts)"
    for flag in flags:
        method = trends.METHODS[flag.method]
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = flag.id
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{method.name} ({flag.level}): {flag.place}"
        day = datetime.combine(flag.window_end, datetime.min.time(), UTC).isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = day
        ET.SubElement(entry, f"{{{ATOM}}}link", href=pinned_link(r, flag, version), rel="alternate")
        if method.url:
            ET.SubElement(entry, f"{{{ATOM}}}link", href=method.url, rel="related", title=method.publisher)
        ET.SubElement(entry, f"{{{ATOM}}}category", term=flag.method, label=method.name)
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = flag.sentence
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _version(store: Store, wanted: int | None, what: str) -> int | None:
    versions = [v.number for v in pinned.all_versions(store)]
    if wanted is None:
        return versions[-1] if versions else None
    if wanted not in versions:
        known = f"versions {versions[0]}–{versions[-1]}" if versions else "no data versions"
        raise AlertError(f"{what} {wanted} is not a data version of this database ({known})")
    return wanted


def main(argv: list[str] | None = None, *, out: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.alerts", description=__doc__.splitlines()[0])
    parser.add_argument("link", nargs="?", default="", help="a dashboard link whose filters apply, e.g. "
                        "'http://localhost:8501/trends?c=MMR' (default: every country)")
    parser.add_argument("--as-of", type=str, help="the day the flags are computed for, YYYY-MM-DD (default: the "
                        "link's asof, else the last day of the selection's data)")
    parser.add_argument("--since-version", type=str, metavar="N", help="only flags that are new since data "
                        "version N (the flags of version N, computed the same way, are left out)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--atom", type=Path, metavar="FILE", help="write the flags as an Atom feed to FILE")
    parser.add_argument("--db", type=Path, help="the database (default: $MONITOR_DB, else data/monitor.duckdb)")
    args = parser.parse_args(argv)
    try:
        return _run(args, out)
    except AlertError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    store = Store(args.db)
    if not store.exists():
        raise AlertError(f"no database at {store.path}: build it with `python -m etl build`, or pass --db")
    if missing := store.missing_schema():  # never written here: the ETL upgrades it
        raise AlertError(f"{outdated_notice(store.path, missing)} Run: {upgrade_command(store.path)}")
    path = urlsplit(args.link.strip()).path.strip("/").split("/")[-1] if args.link else "trends"
    if path and path not in {p.path for p in urls.PAGES}:
        raise AlertError(f"{args.link!r} is not a link to a page of the dashboard")
    as_of = None
    if args.as_of:
        try:
            as_of = urls.parse_date(args.as_of)
        except urls.BadParam as e:
            raise AlertError(f"--as-of: {e}") from None
    since = None
    if args.since_version is not None:
        try:
            since = urls.parse_version(args.since_version)
        except urls.BadParam as e:
            raise AlertError(f"--since-version: {e}") from None
    _, state = parse_link(args.link or "/trends")
    link_version = state.read(urls.VERSION)
    version = _version(store, link_version, "the link's v")
    latest = _version(store, None, "")
    current = evaluate(store, args.link, as_of, version, latest)
    flags = list(current.assessment.flags)
    if since is not None:
        _version(store, since, "--since-version")
        before = evaluate(store, args.link, as_of, since, latest)
        seen = {fl.key for fl in before.assessment.flags}
        flags = [fl for fl in flags if fl.key not in seen]
    made_at = datetime.now(UTC).replace(microsecond=0)
    if args.atom:
        args.atom.write_text(atom_feed(current, flags, version, args.link, made_at), encoding="utf-8")
    if args.json:
        out(json.dumps({"asof": current.assessment.asof.isoformat(), "base": current.assessment.base,
                        "data_version": version, "since_version": since,
                        "edges": list(current.assessment.edges), "checked": list(current.assessment.checked),
                        "flags": [flag_json(current, fl, version) for fl in flags]}, indent=2, ensure_ascii=False))
    else:
        label = phrases.countries_label(_countries(current))
        out(f"{len(flags)} flag{'' if len(flags) == 1 else 's'} as of {phrases.day(current.assessment.asof)} "
            f"({label}; data version {version})" + (f", new since version {since}" if since is not None else ""))
        for edge in current.assessment.edges:
            out(f"  note: {edge}")
        for fl in flags:
            out(f"- [{trends.METHODS[fl.method].name}: {fl.level}] {fl.sentence}")
            out(f"  {pinned_link(current, fl, version)}")
        if args.atom:
            out(f"wrote {args.atom} ({len(flags)} entries)")
    return 0


if __name__ == "__main__":
    run(main)
