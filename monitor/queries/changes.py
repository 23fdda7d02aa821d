"""The Changes page's reads: what each data version added, revised (field by field) and rejected, per table.

Every row a fact table ever held is either current (made by `version`) or in `<table>_history` (made by
`valid_from`, superseded by `valid_to`). A row made by version N whose key had a row superseded by N is a
revision; one without is an addition; a superseded row with no successor at N was removed.
"""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import Filters, table_filter
from monitor.schema import FACT_TABLES, TABLES, history_name
from monitor.store import Store

REVISION_LIMIT = 2000  # revised rows listed (each may change several fields); counts are never capped
ADDED_LIMIT = 500
# Per table, the columns that say what a row is about (beside its key), for the list and the links.
ABOUT = {
    "events": ("event_date", "country_iso3", "counterpart_iso3", "event_type", "location", "origin", "flag"),
    "casualty_reports": ("as_of", "country_iso3", "victims", "reported_by"),
    "visits": ("start_date", "visitor_name", "visitor_iso3", "host_iso3"),
    "resolutions": ("vote_date", "title"),
    "votes": ("country_iso3",),
    "sources": ("publisher", "title"),
    "event_counts": ("period_end", "events", "fatalities"),
}


def _key(table: str) -> tuple[str, ...]:
    return TABLES[table].key


def _made(table: str) -> str:
    """Every row `table` ever held, with the version that made it (`made`) and the one that replaced it (NULL:
    still current)."""
    cols = ", ".join(TABLES[table].column_names)
    return (f"(SELECT {cols}, coalesce(version, 0) AS made, NULL::INTEGER AS replaced FROM {table} "
            f"UNION ALL SELECT {cols}, valid_from AS made, valid_to AS replaced FROM {history_name(table)})")


def _scoped(table: str, f: Filters) -> tuple[str, list]:
    """The shared filters on a row of `table` aliased as the table itself (sources: not filtered)."""
    return table_filter(table, f)


def change_counts(store: Store, f: Filters, since: int, until: int) -> pd.DataFrame:
    """Per version and table: rows added, revised and removed in the filters (version in (since, until])."""
    parts, params = [], []
    for table in FACT_TABLES:
        key = " AND ".join(f"o.{k} = {table}.{k}" for k in _key(table))
        where, p = _scoped(table, f)
        parts.append(f"""
            SELECT '{table}' AS table_name, made AS version,
                   count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM {history_name(table)} o
                                                       WHERE {key} AND o.valid_to = {table}.made)) AS added,
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM {history_name(table)} o
                                                   WHERE {key} AND o.valid_to = {table}.made)) AS revised
            FROM {_made(table)} {table} WHERE made > ? AND made <= ? AND {where} GROUP BY ALL""")
        params += [since, until, *p]
    return store.query(" UNION ALL ".join(parts) + " ORDER BY version DESC, table_name", params)


def revisions(store: Store, f: Filters, table: str, since: int, until: int,
              limit: int = REVISION_LIMIT) -> pd.DataFrame:
    """The revised rows of `table` in (since, until]: version, key columns, about columns, and for each
    content column old_<c> and new_<c>."""
    content = TABLES[table].content_columns
    key = " AND ".join(f"o.{k} = {table}.{k}" for k in _key(table))
    where, params = _scoped(table, f)
    about = [c for c in ABOUT[table] if c not in _key(table)]
    cols = ", ".join([*(f"{table}.{k}" for k in _key(table)), *(f"{table}.{c} AS about_{c}" for c in about),
                      *(f"o.{c} AS old_{c}" for c in content), *(f"{table}.{c} AS new_{c}" for c in content)])
    return store.query(
        f"""SELECT {table}.made AS version, {cols}
        FROM {_made(table)} {table} JOIN {history_name(table)} o ON {key} AND o.valid_to = {table}.made
        WHERE {table}.made > ? AND {table}.made <= ? AND {where}
        ORDER BY version DESC, {', '.join(f'{table}.{k}' for k in _key(table))} LIMIT {int(limit)}""",
        [since, until, *params])


def field_changes(revised: pd.DataFrame, table: str) -> pd.DataFrame:
    """One row per changed field of `revised` (from revisions()): version, the key, field, old, new."""
    content = TABLES[table].content_columns
    keep = ["version", *_key(table), *(c for c in revised.columns if c.startswith("about_"))]
    frames = []
    for c in content:  # a loop over columns, not rows: each comparison is vectorised
        old, new = revised[f"old_{c}"], revised[f"new_{c}"]
        changed = ~((old == new) | (old.isna() & new.isna()))
        if changed.any():
            part = revised.loc[changed, keep].assign(field=c, old=old[changed].astype(object),
                                                     new=new[changed].astype(object))
            frames.append(part)
    if not frames:
        return pd.DataFrame(columns=[*keep, "field", "old", "new"])
    return pd.concat(frames, ignore_index=True).sort_values(["version", *_key(table), "field"],
                                                            ascending=[False, *([True] * (len(_key(table)) + 1))])


def additions(store: Store, f: Filters, table: str, since: int, until: int, limit: int = ADDED_LIMIT) -> pd.DataFrame:
    """Rows of `table` first made in (since, until] (no earlier row with their key), newest first."""
    key = " AND ".join(f"o.{k} = {table}.{k}" for k in _key(table))
    where, params = _scoped(table, f)
    about = ", ".join(f"{table}.{c}" for c in ABOUT[table] if c not in _key(table))
    return store.query(
        f"""SELECT {table}.made AS version, {', '.join(f'{table}.{k}' for k in _key(table))}, {about}
        FROM {_made(table)} {table}
        WHERE {table}.made > ? AND {table}.made <= ? AND {where}
          AND NOT EXISTS (SELECT 1 FROM {history_name(table)} o WHERE {key} AND o.valid_to = {table}.made)
        ORDER BY version DESC, 2 LIMIT {int(limit)}""",
        [since, until, *params])


def rejections(store: Store, since: int, until: int) -> pd.DataFrame:
    """Rejected input rows per version, file and kind of reason (rejects are raw lines: not filtered)."""
    return store.query(
        """SELECT b.version, b.input_path, split_part(r.reason, ':', 1) AS reason, count(*) AS rows,
                  min(r.line_no) AS first_line
        FROM rejects r JOIN batches b USING (batch_id)
        WHERE b.version > ? AND b.version <= ? GROUP BY ALL ORDER BY b.version DESC, rows DESC""",
        [since, until])
