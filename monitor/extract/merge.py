"""One row per fact: the same visit or coup told in three sentences becomes one candidate with three
sentences; meetings learn where they happened from the visit; every row gets a key citing the article."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from monitor.countries import country_name
from monitor.extract.model import Candidate
from monitor.extract.sources import slug

_PRECISION_RANK = {"day": 0, "range": 0, "month": 1, "year": 2, "reported": 3}


def _absorb(into: Candidate, other: Candidate, date_field: str) -> None:
    """Keep the more precise (then earlier) date, fill blanks, pool the sentences and notes."""
    a, b = into.fields, other.fields
    rank = lambda f: (_PRECISION_RANK.get(f.get("date_precision") or "reported", 3), f[date_field])  # noqa: E731
    if rank(b) < rank(a):
        for key in (date_field, "end_date", "date_precision"):
            a[key] = b.get(key)
        into.uncertain = [n for n in into.uncertain if "date" not in n and "weekday" not in n]
    for key, value in b.items():
        if a.get(key) in (None, "", False) and value not in (None, ""):
            a[key] = value
    into.evidence = sorted({s.index: s for s in [*into.evidence, *other.evidence]}.values(), key=lambda s: s.index)
    into.uncertain += [n for n in other.uncertain if n not in into.uncertain and "date" not in n]
    into.confidence = max(into.confidence, other.confidence)


def _merge(candidates: list[Candidate], key, date_field: str) -> list[Candidate]:
    groups: dict[Any, Candidate] = {}
    out: list[Candidate] = []
    for c in candidates:
        k = key(c)
        if k is None:
            out.append(c)
        elif k in groups:
            _absorb(groups[k], c, date_field)
        else:
            groups[k] = c
            out.append(c)
    return out


def _event_key(c: Candidate) -> tuple | None:
    f = c.fields
    if c.kind == "event":
        return (f["event_type"], f["country_iso3"], f["event_date"].year, f["event_date"].month)
    return None


def _link_meetings(visits: list[Candidate], meetings: list[Candidate]) -> None:
    """A meeting of a visitor during the visit happened in the visit's city; the visit met that person."""
    for m in meetings:
        a, b = m.fields.pop("_people")
        for v in visits:
            vf = v.fields
            if vf["visitor_name"] not in (a.name, b.name):
                continue
            other = b if vf["visitor_name"] == a.name else a
            m.fields["country_iso3"] = m.fields["country_iso3"] or vf["host_iso3"]
            m.fields["location"] = m.fields["location"] or vf["city"]
            m.fields["actor1"] = f"{vf['visitor_name']} ({vf['visitor_role']})" if vf["visitor_role"] else \
                vf["visitor_name"]
            m.fields["actor2"] = f"{other.name} ({other.role})" if other.role else other.name
            m.fields["counterpart_iso3"] = vf["visitor_iso3"]
            vf["met"] = "; ".join(filter(None, [vf["met"], other.name]))
            break
        else:
            m.fields["counterpart_iso3"] = next((p.iso3 for p in (a, b) if p.iso3 and p.iso3 !=
                                                 m.fields["country_iso3"]), None)
            m.fields["country_iso3"] = m.fields["country_iso3"] or a.iso3
        if m.fields["country_iso3"] is None:
            m.uncertain.append("where the meeting took place is not stated")


def _link_periods(casualties: list[Candidate], events: list[Candidate]) -> None:
    """'since the coup' starts on the coup's date, if the article dates the coup."""
    coups = [e for e in events if e.fields.get("event_type") == "coup"]
    for c in casualties:
        since = c.fields.pop("_since", None)
        if c.fields["period_start"] is None and since and "coup" in since and coups:
            c.fields["period_start"] = coups[0].fields["event_date"]
            c.uncertain.append(f"period start taken from the coup's date in the article "
                               f"({coups[0].fields['event_date']:%d %B %Y}, {coups[0].fields['date_precision']})")


def _assign_ids(candidates: list[Candidate], source_id: str) -> None:
    seen: dict[str, int] = defaultdict(int)
    for c in candidates:
        f = c.fields
        if c.table == "visits":
            base = f"{slug(f['visitor_name'], 24)}-{f['host_iso3'] or 'x'}".lower()
        elif c.table == "events":
            pair = "-".join(x for x in (f["country_iso3"], f["counterpart_iso3"]) if x).lower()
            base = f"{f['event_type']}-{pair}" if pair else f["event_type"]
        elif c.table == "casualty_reports":
            base = f"casualties-{(f['country_iso3'] or 'x').lower()}"
        else:
            continue
        seen[base] += 1
        key = f"{source_id}-{base}" + (f"-{seen[base]}" if seen[base] > 1 else "")
        f[{"visits": "visit_id", "events": "event_id", "casualty_reports": "report_id"}[c.table]] = key


def finish(found: list[Candidate], source_id: str) -> list[Candidate]:
    visits = _merge([c for c in found if c.kind == "visit"],
                    lambda c: (c.fields["visitor_name"], c.fields["host_iso3"]), "start_date")
    meetings = _merge([c for c in found if c.kind == "meeting"],
                      lambda c: tuple(sorted(p.name for p in c.fields["_people"])), "event_date")
    events = _merge([c for c in found if c.kind == "event"], _event_key, "event_date")
    _link_meetings(visits, meetings)
    casualties = [c for c in found if c.kind == "casualties"]
    _link_periods(casualties, events)
    rest = [c for c in found if c.kind in {"statement", "resolution", "vote"}]
    ordered = [*visits, *meetings, *events, *[c for c in rest if c.kind == "statement"], *casualties,
               *[c for c in rest if c.kind in {"resolution", "vote"}]]
    _assign_ids(ordered, source_id)
    for c in ordered:
        for key in [k for k in c.fields if k.startswith("_")]:
            del c.fields[key]
        if c.table in {"events", "visits", "casualty_reports", "resolutions", "votes"}:
            c.fields["source_id"] = source_id
    return sorted(ordered, key=lambda c: (c.evidence[0].index if c.evidence else 0))


def describe(c: Candidate) -> str:
    """One line a reviewer reads: 'visit: Min Aung Hlaing (MMR) to Moscow, Russia, 20 Jun 2021 (reported)'."""
    f = c.fields
    if c.kind == "visit":
        return (f"visit: {f['visitor_name']} ({f['visitor_iso3'] or '?'}) to {f['city'] or ''}"
                f"{', ' if f['city'] else ''}{country_name(f['host_iso3'])}, {f['start_date']} ({f['date_precision']})")
    if c.table == "events":
        who = f["actor1"] or f["location"] or f["sub_event_type"] or ""
        return (f"{f['event_type']}: {who}{' with ' + f['actor2'] if f.get('actor2') else ''}"
                f", {f['event_date']}{' – ' + str(f['end_date']) if f.get('end_date') else ''} "
                f"({f['date_precision']}), {f['country_iso3'] or '?'}")
    if c.table == "casualty_reports":
        n = f["killed_low"] or f["killed_best"] or f["killed_high"]
        return (f"casualties: {f['qualifier']} {n} {f['victims']} killed in {f['country_iso3']} "
                f"{'since ' + str(f['period_start']) + ' ' if f['period_start'] else ''}"
                f"{'reported' if f.get('date_precision') == 'reported' else 'as of'} {f['as_of']}, "
                f"according to {f['reported_by']}")
    if c.table == "resolutions":
        return (f"resolution: {f['body']} {f['vote_date']} yes {f['yes']} / no {f['no']} / abstain {f['abstain']}"
                f" ({f['resolution_id']})")
    return f"vote: {f['country_iso3']} voted {f['vote']} on {f['resolution_id']}"
