"""The what/who/where pickers' reads: the values each filter offers under the other filters, with counts, and
which of a link's values the data holds at all (an unknown one is named in a warning, the rest applies)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from monitor import event_types
from monitor.queries.filters import Filters, daily, table_filter
from monitor.regions import parse_region, region_key
from monitor.store import Store

PICKER_LIMIT = 300  # values a picker lists (the most frequent under the other filters); any other can be typed
# What each key filters in `events`: the SQL of its value.
VALUE_SQL = {"type": "event_type", "sub": "sub_event_type", "region": "country_iso3 || ':' || admin1",
             "src": "origin"}
FIELD = {"type": "types", "sub": "subs", "actor": "actors", "region": "regions", "src": "sources"}


def label(key: str, value: str) -> str:
    """A picker's value as it reads: a group's name, a region as 'Sagaing region (MMR)', else the value."""
    if key == "region" and (region := parse_region(value)):
        return f"{region[1]} ({region[0]})"
    return event_types.label(value) if key == "type" else value


def without(f: Filters, key: str) -> Filters:
    """The filters with one what/who/where key cleared: what its picker may offer."""
    return dataclasses.replace(f, **{FIELD[key]: ()})


def options(store: Store, f: Filters, key: str, search: str = "", limit: int = PICKER_LIMIT) -> pd.DataFrame:
    """(value, events): the values of `key` among the events under the other filters, most events first;
    `search` keeps those containing it (any case)."""
    where, params = table_filter("events", without(f, key))
    if key == "actor":  # an event once per actor it names, as the filter matches: either party or an associated one
        associated = " UNION ALL ".join(
            f"SELECT event_id, unnest(string_split(json_extract_string(extra, '$.{k}'), '; ')) FROM events "
            f"WHERE {where} AND origin = 'acled' AND extra IS NOT NULL" for k in ("assoc_actor_1", "assoc_actor_2"))
        values = (f"SELECT DISTINCT event_id, value FROM (SELECT event_id, actor1 AS value FROM events WHERE {where} "
                  f"UNION ALL SELECT event_id, actor2 FROM events WHERE {where} UNION ALL {associated})")
        params = params * 4
    else:
        values = f"SELECT {VALUE_SQL[key]} AS value FROM events WHERE {where}"
    found = ""
    if search:
        found = " AND contains(lower(value), lower(?))"
        params = [*params, search]
    frame = store.query(f"SELECT value, count(*) AS events FROM ({values}) WHERE value IS NOT NULL{found} "
                        f"GROUP BY value ORDER BY events DESC, value LIMIT {int(limit)}", params)
    if key == "type":  # the groups first, with their counts
        groups = group_counts(store, without(f, "type"))
        frame = pd.concat([groups, frame], ignore_index=True)
    return frame


def group_counts(store: Store, f: Filters) -> pd.DataFrame:
    """(value, events) for each event-type group with events under the filters."""
    relation, params = daily(f)
    counts = ", ".join(f'coalesce(sum(events) FILTER (WHERE {event_types.group_sql(g, "d", "d.civilian_targeting")}),'
                       f' 0)::BIGINT AS "{g}"' for g in event_types.GROUPS)
    row = store.query(f"SELECT {counts} FROM {relation} d", params).iloc[0]
    return pd.DataFrame([(g, int(row[g])) for g in event_types.GROUPS if int(row[g])], columns=["value", "events"])


def known(store: Store, key: str, values: tuple[str, ...]) -> set[str]:
    """Which of a link's `values` for `key` name something in the data (any dates, any countries)."""
    if not values:
        return set()
    marks = ", ".join("?" for _ in values)
    if key == "type":
        found = {v for v in values if event_types.is_group(v)}
        rows = store.query(f"SELECT DISTINCT event_type AS v FROM events WHERE event_type IN ({marks})", list(values))
    elif key == "sub":
        found, rows = set(), store.query(f"SELECT DISTINCT sub_event_type AS v FROM events "
                                         f"WHERE sub_event_type IN ({marks})", list(values))
    elif key == "actor":
        found, rows = set(), store.query(
            f"SELECT DISTINCT v FROM (SELECT actor1 AS v FROM events WHERE actor1 IN ({marks}) UNION ALL "
            f"SELECT actor2 FROM events WHERE actor2 IN ({marks}))", list(values) * 2)
        rest = [v for v in values if v not in set(rows["v"])]
        if rest:  # an associated actor (ACLED's assoc_actor_1/2, in extra) need not be anyone's actor1/actor2
            found = _associated(store, rest)
    elif key == "region":
        pairs = [tuple(v.split(":", 1)) for v in values]
        clause = " OR ".join("(country_iso3 = ? AND admin1 = ?)" for _ in pairs)
        found, rows = set(), store.query(
            f"SELECT DISTINCT country_iso3 || ':' || admin1 AS v FROM events WHERE {clause}",
            [p for pair in pairs for p in pair])
    elif key == "src":
        found = {"curated"} & set(values)
        rows = store.query(" UNION ".join(f"SELECT DISTINCT origin AS v FROM {t} WHERE origin IN ({marks})"
                                          for t in ("events", "visits", "resolutions", "event_counts")),
                           list(values) * 4)
    else:
        raise ValueError(f"not a what/who/where key: {key!r}")
    return found | set(rows["v"])


def _associated(store: Store, actors: list[str]) -> set[str]:
    """Which of `actors` are named among an ACLED event's associated actors."""
    lists = " OR ".join(f"list_contains(string_split(json_extract_string(e.extra, '$.{k}'), '; '), a.v)"
                        for k in ("assoc_actor_1", "assoc_actor_2"))
    rows = store.query(f"""SELECT a.v FROM (SELECT unnest(?::VARCHAR[]) AS v) a WHERE EXISTS (SELECT 1 FROM events e
        WHERE e.origin = 'acled' AND contains(e.extra, a.v) AND ({lists}))""", [actors])
    return set(rows["v"])


__all__ = ["options", "group_counts", "known", "without", "region_key", "PICKER_LIMIT"]
