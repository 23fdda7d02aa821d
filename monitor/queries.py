"""Every read the pages make: parameterised SQL returning DataFrames. Aggregation happens here, in SQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from monitor.store import Store


@dataclass(frozen=True)
class Filters:
    """The shared filters of every page: countries (empty = all) and a closed date range."""

    start: date
    end: date
    countries: tuple[str, ...] = field(default_factory=tuple)

    def country_clause(self, *columns: str) -> tuple[str, list]:
        """SQL that keeps rows where any of `columns` is a selected country (all rows when none is)."""
        if not self.countries:
            return "TRUE", []
        marks = ", ".join("?" for _ in self.countries)
        clause = " OR ".join(f"{c} IN ({marks})" for c in columns)
        return f"({clause})", list(self.countries) * len(columns)


def data_date_range(store: Store) -> tuple[date, date]:
    """The first and last date in any fact table (today, today for an empty database)."""
    row = store.query(
        """
        SELECT min(d) AS first, max(d) AS last FROM (
            SELECT event_date AS d FROM events UNION ALL SELECT coalesce(end_date, event_date) FROM events
            UNION ALL SELECT as_of FROM casualty_reports UNION ALL SELECT period_start FROM casualty_reports
            UNION ALL SELECT start_date FROM visits UNION ALL SELECT vote_date FROM resolutions)
        """
    ).iloc[0]
    if pd.isna(row["first"]):
        return date.today(), date.today()
    return pd.Timestamp(row["first"]).date(), pd.Timestamp(row["last"]).date()


def table_counts(store: Store) -> pd.DataFrame:
    """Rows per table."""
    from monitor.schema import TABLES

    sql = " UNION ALL ".join(f"SELECT '{t}' AS table_name, count(*) AS rows FROM {t}" for t in TABLES)
    return store.query(sql)


# --- overview / timeline / data (pages overview.py, timeline.py, data.py) ------------------------------
# One filter per table, so a count on the Overview, a lane on the Timeline and a table on the Data page
# always agree on what "Myanmar, Feb–Jun 2021" means.

BUCKETS = ("week", "month")
ESTIMATE_COLUMNS = {"low": "fatalities_low", "best": "fatalities_best", "high": "fatalities_high"}
DATA_ROW_LIMIT = 5000
_SOURCE_COLUMNS = "s.publisher, s.title, s.url, s.published_on, s.accessed_on"


def _about_countries(f: Filters, alias: str = "resolutions", voted: bool = True) -> tuple[str, list]:
    """Resolutions whose title/subjects name a selected country, or (voted) on which its vote is recorded."""
    if not f.countries:
        return "TRUE", []
    from monitor.countries import country_name

    names = [country_name(c) for c in f.countries]
    sql = " OR ".join(f"{alias}.title ILIKE ? OR {alias}.subjects ILIKE ?" for _ in names)
    params: list = [p for name in names for p in (f"%{name}%", f"%{name}%")]
    if voted:
        marks = ", ".join("?" for _ in f.countries)
        sql += f" OR {alias}.resolution_id IN (SELECT resolution_id FROM votes WHERE country_iso3 IN ({marks}))"
        params += list(f.countries)
    return f"({sql})", params


def table_filter(table: str, f: Filters) -> tuple[str, list]:
    """The WHERE clause that applies the shared filters to `table` (TRUE for sources and the ingest log)."""
    if table == "events":
        where, params = f.country_clause("events.country_iso3", "events.counterpart_iso3")
        return (f"events.event_date <= ? AND coalesce(events.end_date, events.event_date) >= ? AND {where}",
                [f.end, f.start, *params])
    if table == "casualty_reports":
        where, params = f.country_clause("casualty_reports.country_iso3")
        return f"casualty_reports.as_of BETWEEN ? AND ? AND {where}", [f.start, f.end, *params]
    if table == "visits":
        where, params = f.country_clause("visits.visitor_iso3", "visits.host_iso3")
        return (f"visits.start_date <= ? AND coalesce(visits.end_date, visits.start_date) >= ? AND {where}",
                [f.end, f.start, *params])
    if table == "resolutions":
        where, params = _about_countries(f)
        return f"resolutions.vote_date BETWEEN ? AND ? AND {where}", [f.start, f.end, *params]
    if table == "votes":
        # A country's own votes, and every vote on a resolution about it (Myanmar's own vote may be missing).
        mine, mine_params = f.country_clause("votes.country_iso3")
        about, about_params = _about_countries(f, "r", voted=False)
        return ("votes.resolution_id IN (SELECT r.resolution_id FROM resolutions r WHERE r.vote_date BETWEEN ? AND ?)"
                f" AND ({mine} OR votes.resolution_id IN (SELECT r.resolution_id FROM resolutions r WHERE {about}))",
                [f.start, f.end, *mine_params, *about_params])
    return "TRUE", []


def _resolutions_naming(f: Filters) -> tuple[str, list]:
    """Resolutions voted in the range that name a selected country (a member votes on nearly all of them)."""
    about, params = _about_countries(f, voted=False)
    return f"resolutions.vote_date BETWEEN ? AND ? AND {about}", [f.start, f.end, *params]


def selection_counts(store: Store, f: Filters) -> dict[str, int]:
    """Events, visits and casualty reports the filters select; resolutions naming the countries; votes they cast."""
    counts = {table: table_filter(table, f) for table in ("events", "visits", "casualty_reports")}
    counts["resolutions"] = _resolutions_naming(f)
    mine, mine_params = f.country_clause("votes.country_iso3")
    counts["votes"] = (f"{mine} AND votes.resolution_id IN (SELECT resolution_id FROM resolutions "
                       "WHERE vote_date BETWEEN ? AND ?)", [*mine_params, f.start, f.end])
    parts, params = [], []
    for table, (where, p) in counts.items():
        parts.append(f"(SELECT count(*) FROM {table} WHERE {where}) AS {table}")
        params += p
    row = store.query("SELECT " + ", ".join(parts), params).iloc[0]
    return {table: int(row[table]) for table in counts}


def casualty_headlines(store: Store, f: Filters) -> pd.DataFrame:
    """The latest casualty report per (country, victims, reporter) dated in the range, with its source."""
    where, params = table_filter("casualty_reports", f)
    return store.query(
        f"""
        SELECT casualty_reports.*, {_SOURCE_COLUMNS}
        FROM casualty_reports LEFT JOIN sources s USING (source_id)
        WHERE {where}
        QUALIFY row_number() OVER (PARTITION BY country_iso3, victims, reported_by
                                   ORDER BY as_of DESC, report_id) = 1
        ORDER BY coalesce(killed_best, killed_low, killed_high) DESC NULLS LAST, country_iso3
        LIMIT 20
        """,
        params,
    )


def _with_fatalities(f: Filters) -> tuple[str, list]:
    """Events in the range that happened in a selected country (not merely involved it) and count dead."""
    where, params = f.country_clause("events.country_iso3")
    return (f"events.event_date <= ? AND coalesce(events.end_date, events.event_date) >= ? AND {where} AND "
            "coalesce(fatalities_low, fatalities_best, fatalities_high) IS NOT NULL", [f.end, f.start, *params])


def fatalities_by_origin(store: Store, f: Filters) -> pd.DataFrame:
    """Per origin (acled, ucdp, …): events with a death toll, and low/best/high summed where given."""
    where, params = _with_fatalities(f)
    return store.query(
        f"""
        SELECT origin, count(*) AS events,
               count(fatalities_low) AS n_low, count(fatalities_best) AS n_best, count(fatalities_high) AS n_high,
               sum(fatalities_low) AS low, sum(fatalities_best) AS best, sum(fatalities_high) AS high,
               min(event_date) AS first, max(coalesce(end_date, event_date)) AS last
        FROM events WHERE {where}
        GROUP BY origin ORDER BY best DESC NULLS LAST, origin
        """,
        params,
    )


def latest_events(store: Store, f: Filters, limit: int = 8) -> pd.DataFrame:
    """The most recent events in the selection, with their sources."""
    where, params = table_filter("events", f)
    return store.query(
        f"""
        SELECT events.event_id, event_date, end_date, date_precision, event_type, sub_event_type,
               country_iso3, counterpart_iso3, location, summary, origin, source_id, {_SOURCE_COLUMNS}
        FROM events LEFT JOIN sources s USING (source_id)
        WHERE {where}
        ORDER BY event_date DESC, event_id LIMIT ?
        """,
        [*params, limit],
    )


def selection_sources(store: Store, f: Filters, tables: tuple[str, ...]) -> pd.DataFrame:
    """The sources behind the selected rows of `tables` (most used first), for captions."""
    parts, params = [], []
    for table in tables:
        if table == "fatalities":
            where, p = _with_fatalities(f)
            table = "events"
        else:
            where, p = table_filter(table, f)
        parts.append(f"SELECT source_id FROM {table} WHERE {where}")
        params += p
    return store.query(
        f"""
        SELECT source_id, {_SOURCE_COLUMNS}, count(*) AS rows
        FROM ({' UNION ALL '.join(parts)}) used JOIN sources s USING (source_id)
        GROUP BY ALL ORDER BY rows DESC, source_id LIMIT 50
        """,
        params,
    )


def reported_casualties(store: Store, f: Filters) -> pd.DataFrame:
    """Casualty reports dated in the range, oldest first, with their sources."""
    where, params = table_filter("casualty_reports", f)
    return store.query(
        f"""
        SELECT casualty_reports.*, {_SOURCE_COLUMNS}
        FROM casualty_reports LEFT JOIN sources s USING (source_id)
        WHERE {where} ORDER BY as_of, report_id LIMIT 2000
        """,
        params,
    )


def fatalities_per_period(store: Store, f: Filters, bucket: str, est: str) -> pd.DataFrame:
    """Event fatalities per origin and week/month, using the `est` figure (the single figure where only one is given).

    `fits` is False for events dated less precisely than the bucket (a month-only event in a weekly chart):
    the chart must not pin them to the first week.
    """
    if bucket not in BUCKETS or est not in ESTIMATE_COLUMNS:
        raise ValueError(f"bucket must be one of {BUCKETS} and est one of {tuple(ESTIMATE_COLUMNS)}")
    col = ESTIMATE_COLUMNS[est]
    where, params = _with_fatalities(f)
    return store.query(
        f"""
        SELECT origin, date_trunc('{bucket}', event_date)::DATE AS period,
               (coalesce(lower(date_precision), 'day') NOT IN ('month', 'year') OR '{bucket}' = 'month'
                   AND lower(date_precision) = 'month')
               AND date_trunc('{bucket}', event_date) = date_trunc('{bucket}', coalesce(end_date, event_date)) AS fits,
               count(*) AS events, sum(coalesce({col}, fatalities_best)) AS killed,
               count(*) FILTER ({col} IS NULL AND fatalities_best IS NOT NULL) AS single_figure,
               sum(fatalities_low) AS low, sum(fatalities_best) AS best, sum(fatalities_high) AS high
        FROM events WHERE {where}
        GROUP BY ALL ORDER BY origin, period
        """,
        params,
    )


MARKERS_PER_KIND = 150


def _markers_cte(f: Filters) -> tuple[str, list]:
    """Visits, UN votes (resolutions naming the countries) and events as one dated list, `m`, with kind totals.

    An un_vote event that duplicates a recorded resolution on the same day is left to the resolution.
    """
    ev, ev_p = table_filter("events", f)
    vi, vi_p = table_filter("visits", f)
    rs, rs_p = _resolutions_naming(f)
    sql = f"""
        WITH m0 AS (
            SELECT 'visit' AS kind, start_date AS date, end_date, date_precision,
                   concat_ws(', ', visitor_name, visitor_role) AS who,
                   city AS place, host_iso3 AS country, purpose AS summary,
                   concat_ws(' · ', 'met ' || nullif(met, ''), occasion) AS detail, 0 AS weight, source_id
            FROM visits WHERE {vi}
            UNION ALL
            SELECT 'un_vote', vote_date, NULL, 'day', body, resolution_id, NULL,
                   title, format('{{}} for, {{}} against, {{}} abstaining', yes, no, abstain), 0, source_id
            FROM resolutions WHERE {rs}
            UNION ALL
            SELECT event_type, event_date, end_date, date_precision, concat_ws(' and ', actor1, actor2),
                   location, country_iso3, summary,
                   concat_ws(' · ', sub_event_type, 'killed ' || fatalities_best::VARCHAR, origin),
                   coalesce(fatalities_best, fatalities_low, 0), source_id
            FROM events
            WHERE {ev} AND NOT (event_type = 'un_vote' AND EXISTS (
                SELECT 1 FROM resolutions r WHERE r.vote_date = events.event_date))
        ),
        m AS (SELECT *, count(*) OVER (PARTITION BY kind) AS kind_total FROM m0)
    """
    return sql, [*vi_p, *rs_p, *ev_p]


def timeline_markers(store: Store, f: Filters, per_kind: int = MARKERS_PER_KIND) -> pd.DataFrame:
    """One row per item of every kind with at most `per_kind` items in the selection (busier kinds: marker_density).

    Columns: kind, date, end_date, date_precision, who, place, country, summary, detail, weight, kind_total, sources.
    """
    cte, params = _markers_cte(f)
    return store.query(
        f"""{cte}
        SELECT m.*, {_SOURCE_COLUMNS}
        FROM m LEFT JOIN sources s USING (source_id)
        WHERE kind_total <= ? ORDER BY date, kind
        """,
        [*params, per_kind],
    )


def marker_density(store: Store, f: Filters, bucket: str, per_kind: int = MARKERS_PER_KIND) -> pd.DataFrame:
    """Kinds with more than `per_kind` items, counted per week/month: too many to draw one by one, and a
    capped sample would invent gaps. Columns: kind, period, items, killed, imprecise, kind_total."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    cte, params = _markers_cte(f)
    return store.query(
        f"""{cte}
        SELECT kind, date_trunc('{bucket}', CASE lower(date_precision) WHEN 'month' THEN date_trunc('month', date)
                   WHEN 'year' THEN date_trunc('year', date) ELSE date END)::DATE AS period,
               count(*) AS items, sum(weight) AS killed,
               count(*) FILTER (lower(coalesce(date_precision, 'day')) IN ('month', 'year')) AS imprecise,
               any_value(kind_total) AS kind_total
        FROM m WHERE kind_total > ? GROUP BY ALL ORDER BY kind, period
        """,
        [*params, per_kind],
    )


_DATA_ORDER = {
    "events": "event_date DESC, event_id", "casualty_reports": "as_of DESC, report_id",
    "visits": "start_date DESC, visit_id", "resolutions": "vote_date DESC, resolution_id",
    "votes": "resolution_id, country_iso3", "sources": "source_id", "batches": "batch_id DESC",
    "rejects": "batch_id DESC, line_no", "warnings": "batch_id DESC, seq",
}


def table_rows(store: Store, table: str, f: Filters, limit: int = DATA_ROW_LIMIT) -> tuple[pd.DataFrame, int]:
    """(the first `limit` rows of `table` under the shared filters, how many rows match in all)."""
    from monitor.schema import TABLES

    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    where, params = table_filter(table, f)
    total = int(store.query(f"SELECT count(*) AS n FROM {table} WHERE {where}", params).iloc[0]["n"])
    order = _DATA_ORDER.get(table, "1")
    rows = store.query(f"SELECT * FROM {table} WHERE {where} ORDER BY {order} LIMIT ?", [*params, limit])
    return rows, total


def reject_reasons(store: Store) -> pd.DataFrame:
    """Rejected input rows per file and kind of reason (the text before ':'), most frequent first, with an example."""
    return store.query(
        """
        SELECT input_path, split_part(reason, ':', 1) AS reason, count(*) AS rows, min(line_no) AS first_line,
               arg_min(reason, line_no) AS example
        FROM rejects GROUP BY ALL ORDER BY rows DESC, input_path, reason LIMIT 200
        """
    )


# --- votes ---

VOTE_LABELS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}
NOT_RECORDED = "Not recorded"
_CAST = ("Y", "N", "A")  # votes that count towards agreement; X (present but not voting / absent) does not
# One roll call's agreement: same vote 1, one abstains 0.5, opposite 0 (mirrors agreement_score).
_SCORE_SQL = "CASE WHEN a.vote = b.vote THEN 1.0 WHEN a.vote = 'A' OR b.vote = 'A' THEN 0.5 ELSE 0.0 END"


def agreement_score(a: str | None, b: str | None) -> float | None:
    """One roll call: same vote 1, one abstains 0.5, opposite 0; None when either did not vote Y/N/A."""
    if a not in _CAST or b not in _CAST:
        return None
    if a == b:
        return 1.0
    return 0.5 if "A" in (a, b) else 0.0


def agreement(a_votes: Mapping[str, str] | pd.Series,
              b_votes: Mapping[str, str] | pd.Series) -> tuple[float | None, int]:
    """(mean agreement, shared votes) of two countries' votes keyed by resolution; X and absences excluded."""
    a, b = pd.Series(a_votes, dtype="object"), pd.Series(b_votes, dtype="object")
    scores = [s for r in a.index.intersection(b.index) if (s := agreement_score(a[r], b[r])) is not None]
    return (sum(scores) / len(scores) if scores else None), len(scores)


def resolution_list(store: Store, f: Filters) -> pd.DataFrame:
    """Resolutions voted in the date range (undated ones too), most recent first, with votes recorded."""
    return store.query(
        """
        SELECT r.resolution_id, r.body, r.vote_date, r.session, r.title, r.yes, r.no, r.abstain, r.non_voting,
               r.adopted, count(v.country_iso3) AS recorded
        FROM resolutions r LEFT JOIN votes v USING (resolution_id)
        WHERE r.vote_date IS NULL OR r.vote_date BETWEEN ? AND ?
        GROUP BY ALL ORDER BY r.vote_date DESC NULLS LAST, r.resolution_id DESC
        """,
        [f.start, f.end],
    )


def resolution_ids(store: Store) -> frozenset[str]:
    """Every resolution id in the database (to check a link's `res`)."""
    return frozenset(store.query("SELECT resolution_id FROM resolutions")["resolution_id"])


def resolution_detail(store: Store, resolution_id: str) -> pd.DataFrame:
    """One resolution with its official totals and how many per-country votes are loaded."""
    return store.query(
        """
        SELECT r.*, (SELECT count(*) FROM votes v WHERE v.resolution_id = r.resolution_id) AS recorded
        FROM resolutions r WHERE r.resolution_id = ?
        """,
        [resolution_id],
    )


def resolution_votes(store: Store, resolution_id: str) -> pd.DataFrame:
    """The loaded per-country votes of one resolution (may be a partial roll call)."""
    return store.query(
        "SELECT country_iso3, vote, note, source_id FROM votes WHERE resolution_id = ? ORDER BY country_iso3",
        [resolution_id],
    )


def sources_by_id(store: Store, ids: tuple[str, ...]) -> pd.DataFrame:
    """The sources rows for some source ids (for captions)."""
    return store.query(
        "SELECT * FROM sources WHERE list_contains(?::VARCHAR[], source_id) ORDER BY publisher, source_id",
        [list(ids)],
    )


def roll_call(votes: pd.DataFrame, universe: Iterable[str]) -> pd.DataFrame:
    """Every country of `universe` (plus any with a vote row): iso3, country, vote label; no row = Not recorded."""
    from monitor.countries import country_name

    codes = sorted(set(universe) | set(votes["country_iso3"]))
    out = pd.DataFrame({"country_iso3": codes})
    out = out.merge(votes[["country_iso3", "vote", "note"]], on="country_iso3", how="left")
    out["label"] = out["vote"].map(VOTE_LABELS).fillna(NOT_RECORDED)
    out["country"] = out["country_iso3"].map(country_name)
    return out.sort_values("country", key=lambda s: s.str.casefold()).reset_index(drop=True)


def countries_by_vote(roll: pd.DataFrame) -> pd.DataFrame:
    """One column a vote (Yes / No / Abstain / Not voting / Not recorded), country names listed under each."""
    labels = [*VOTE_LABELS.values(), NOT_RECORDED]
    columns = {label: list(roll.loc[roll["label"] == label, "country"]) for label in labels}
    depth = max((len(v) for v in columns.values()), default=0)
    return pd.DataFrame({k: v + [""] * (depth - len(v)) for k, v in columns.items()})


def country_votes(store: Store, f: Filters) -> pd.DataFrame:
    """How each chosen country voted on every resolution in the date range (vote NULL: no row loaded)."""
    if not f.countries:
        return pd.DataFrame(columns=["resolution_id", "vote_date", "title", "country_iso3", "vote"])
    return store.query(
        """
        SELECT r.resolution_id, r.vote_date, r.title, c.country_iso3, v.vote
        FROM resolutions r CROSS JOIN (SELECT unnest(?::VARCHAR[]) AS country_iso3) c
        LEFT JOIN votes v ON v.resolution_id = r.resolution_id AND v.country_iso3 = c.country_iso3
        WHERE r.vote_date BETWEEN ? AND ?
        ORDER BY r.vote_date, r.resolution_id, c.country_iso3
        """,
        [list(f.countries), f.start, f.end],
    )


def pairwise_agreement(store: Store, f: Filters, countries: tuple[str, ...]) -> pd.DataFrame:
    """Agreement of every pair of `countries` per year: a < b, year, agreement (0-1), shared (Y/N/A votes),
    last_vote (date)."""
    return store.query(
        f"""
        SELECT a.country_iso3 AS a, b.country_iso3 AS b, year(r.vote_date) AS year,
               avg({_SCORE_SQL}) AS agreement, count(*) AS shared, max(r.vote_date) AS last_vote
        FROM votes a
        JOIN votes b ON b.resolution_id = a.resolution_id AND a.country_iso3 < b.country_iso3
        JOIN resolutions r ON r.resolution_id = a.resolution_id
        WHERE list_contains(?::VARCHAR[], a.country_iso3) AND list_contains(?::VARCHAR[], b.country_iso3)
          AND a.vote IN ('Y', 'N', 'A') AND b.vote IN ('Y', 'N', 'A') AND r.vote_date BETWEEN ? AND ?
        GROUP BY ALL ORDER BY a, b, year
        """,
        [list(countries), list(countries), f.start, f.end],
    )


def overall_agreement(per_year: pd.DataFrame) -> pd.DataFrame:
    """Per pair over the whole range: agreement weighted by shared votes, and the shared votes."""
    if per_year.empty:
        return pd.DataFrame(columns=["pair", "a", "b", "agreement", "shared"])
    g = per_year.assign(points=per_year["agreement"] * per_year["shared"]).groupby(["a", "b"], as_index=False)
    out = g[["points", "shared"]].sum()
    out["agreement"] = out["points"] / out["shared"]
    from monitor.countries import country_name

    out["pair"] = [f"{country_name(a)} – {country_name(b)}" for a, b in zip(out["a"], out["b"], strict=True)]
    return out[["pair", "a", "b", "agreement", "shared"]].sort_values("agreement", ascending=False, ignore_index=True)


def recorded_vs_official(resolution: Mapping[str, Any], roll: pd.DataFrame) -> pd.DataFrame:
    """Per vote label: the official total (None if not stated) and how many country votes are loaded."""
    official = {"Yes": "yes", "No": "no", "Abstain": "abstain", "Not voting": "non_voting"}
    counts = roll["label"].value_counts()
    rows = [(label, None if pd.isna(resolution[col]) else int(resolution[col]), int(counts.get(label, 0)))
            for label, col in official.items()]
    return pd.DataFrame(rows, columns=["vote", "official", "recorded"]).astype({"official": "Int64"})


def vote_sources(store: Store, f: Filters) -> pd.DataFrame:
    """Sources of the resolutions in the date range and of the chosen countries' votes on them."""
    return store.query(
        """
        SELECT * FROM sources WHERE source_id IN (
            SELECT source_id FROM resolutions WHERE vote_date BETWEEN ? AND ?
            UNION SELECT v.source_id FROM votes v JOIN resolutions r USING (resolution_id)
            WHERE r.vote_date BETWEEN ? AND ? AND list_contains(?::VARCHAR[], v.country_iso3))
        ORDER BY publisher, source_id
        """,
        [f.start, f.end, f.start, f.end, list(f.countries)],
    )


# --- relationships ---

# Bilateral interactions: events that name a counterpart country, and visits (visitor -> host).
_INTERACTIONS_SQL = """
    SELECT country_iso3 AS p, counterpart_iso3 AS q, event_type AS kind, event_date AS day, source_id FROM events
    WHERE counterpart_iso3 IS NOT NULL AND country_iso3 IS NOT NULL AND counterpart_iso3 <> country_iso3
      AND event_date BETWEEN ? AND ?
    UNION ALL
    SELECT visitor_iso3, host_iso3, 'visit', start_date, source_id FROM visits
    WHERE visitor_iso3 <> host_iso3 AND start_date BETWEEN ? AND ?
"""


def bilateral_edges(store: Store, f: Filters) -> pd.DataFrame:
    """Country pairs (a < b) by kind of interaction: n, first and last date; touching a chosen country if any."""
    where, params = f.country_clause("p", "q")
    return store.query(
        f"""
        SELECT least(p, q) AS a, greatest(p, q) AS b, kind, count(*) AS n, min(day) AS first, max(day) AS last
        FROM ({_INTERACTIONS_SQL}) x WHERE {where}
        GROUP BY ALL ORDER BY n DESC, a, b, kind
        """,
        [f.start, f.end, f.start, f.end, *params],
    )


def interaction_sources(store: Store, f: Filters, pair: tuple[str, str] | None = None) -> pd.DataFrame:
    """Sources of the interactions in the filters (or between one pair), most cited first."""
    where, params = f.country_clause("p", "q")
    if pair:
        where, params = "((p = ? AND q = ?) OR (p = ? AND q = ?))", [*pair, *reversed(pair)]
    return store.query(
        f"""
        SELECT s.*, c.n FROM sources s
        JOIN (SELECT source_id, count(*) AS n FROM ({_INTERACTIONS_SQL}) x WHERE {where} GROUP BY source_id) c
        USING (source_id) ORDER BY c.n DESC, s.publisher, s.source_id
        """,
        [f.start, f.end, f.start, f.end, *params],
    )


def pair_events(store: Store, f: Filters, a: str, b: str) -> pd.DataFrame:
    """Events between two countries (either way round) in the date range, oldest first, with their source."""
    return store.query(
        """
        SELECT e.event_date, e.end_date, e.date_precision, e.event_type, e.sub_event_type, e.country_iso3,
               e.counterpart_iso3, e.location, e.actor1, e.actor2, e.summary, s.publisher AS source, s.url
        FROM events e LEFT JOIN sources s USING (source_id)
        WHERE ((e.country_iso3 = ? AND e.counterpart_iso3 = ?) OR (e.country_iso3 = ? AND e.counterpart_iso3 = ?))
          AND e.event_date BETWEEN ? AND ?
        ORDER BY e.event_date, e.event_id
        """,
        [a, b, b, a, f.start, f.end],
    )


def pair_visits(store: Store, f: Filters, a: str, b: str) -> pd.DataFrame:
    """Visits between two countries (either direction) in the date range, oldest first, with their source."""
    return store.query(
        """
        SELECT v.start_date, v.end_date, v.date_precision, v.visitor_name, v.visitor_role, v.visitor_iso3,
               v.host_iso3, v.city, v.latitude, v.longitude, v.geo_precision, v.met, v.purpose, v.occasion,
               v.multilateral, s.publisher AS source, s.url
        FROM visits v LEFT JOIN sources s USING (source_id)
        WHERE ((v.visitor_iso3 = ? AND v.host_iso3 = ?) OR (v.visitor_iso3 = ? AND v.host_iso3 = ?))
          AND v.start_date BETWEEN ? AND ?
        ORDER BY v.start_date, v.visit_id
        """,
        [a, b, b, a, f.start, f.end],
    )


def vote_notes(store: Store, f: Filters, countries: tuple[str, ...]) -> pd.DataFrame:
    """Notes on these countries' votes in the date range (e.g. whose delegation held the seat)."""
    return store.query(
        """
        SELECT r.vote_date, v.resolution_id, v.country_iso3, v.vote, v.note
        FROM votes v JOIN resolutions r USING (resolution_id)
        WHERE v.note IS NOT NULL AND list_contains(?::VARCHAR[], v.country_iso3) AND r.vote_date BETWEEN ? AND ?
        ORDER BY r.vote_date, v.resolution_id, v.country_iso3
        """,
        [list(countries), f.start, f.end],
    )


def pair_options(edges: pd.DataFrame) -> pd.DataFrame:
    """Pairs with any interaction, most first: pair ('A-B'), a, b, n and a 'meeting 4, visit 2' breakdown."""
    if edges.empty:
        return pd.DataFrame(columns=["pair", "a", "b", "n", "kinds"])
    by_kind = edges.sort_values(["n", "kind"], ascending=[False, True])
    out = by_kind.groupby(["a", "b"], as_index=False).agg(
        n=("n", "sum"), kinds=("kind", lambda k: ", ".join(f"{kind} {by_kind.at[i, 'n']}" for i, kind in k.items())))
    out["pair"] = out["a"] + "-" + out["b"]
    return out.sort_values(["n", "pair"], ascending=[False, True], ignore_index=True)[["pair", "a", "b", "n", "kinds"]]


def network_nodes(edges: pd.DataFrame, capital: Callable[[str], tuple[str, float, float] | None]) -> pd.DataFrame:
    """Countries of the edges placed at their capital: iso3, country, capital, lat, lon, n (None lat: no capital)."""
    from monitor.countries import country_name

    totals = pd.concat([edges[[end, "n"]].rename(columns={end: "iso3"}) for end in ("a", "b")])
    nodes = totals.groupby("iso3", as_index=False)["n"].sum().sort_values("n", ascending=False, ignore_index=True)
    places = [capital(c) for c in nodes["iso3"]]
    nodes["country"] = nodes["iso3"].map(country_name)
    nodes["capital"] = [p[0] if p else None for p in places]
    nodes["lat"] = [p[1] if p else None for p in places]
    nodes["lon"] = [p[2] if p else None for p in places]
    return nodes


def visit_arcs(visits: pd.DataFrame, capital: Callable[[str], tuple[str, float, float] | None],
               distance: Callable[[tuple[float, float], tuple[float, float]], float]) -> pd.DataFrame:
    """Each visit from the capital of the visitor's country to the visit's place, with the distance in km."""
    out = visits.copy()
    origins = [capital(c) for c in out["visitor_iso3"]]
    out["origin"] = [o[0] if o else None for o in origins]
    out["origin_lat"] = [o[1] if o else None for o in origins]
    out["origin_lon"] = [o[2] if o else None for o in origins]
    out["distance_km"] = [
        round(distance((o[1], o[2]), (lat, lon))) if o and pd.notna(lat) and pd.notna(lon) else None
        for o, lat, lon in zip(origins, out["latitude"], out["longitude"], strict=True)]
    return out.astype({"distance_km": "Int64"})


# --- map ---

MAP_MAX_POINTS = 5000  # more distinct places than this in view: aggregate to a grid in SQL
GRID_STEPS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)  # degrees, finest first
# Precise: a point the source gives as the exact place (UCDP where_prec 1, a curated 'exact') or as the town
# itself (ACLED geo_precision 1). Everything else is approximate: near a place, a region's or a country's
# centre, city-level GDELT geocoding, our own geocoding of a place name, and an unknown precision.
_APPROXIMATE_SQL = "NOT coalesce(geo_precision ILIKE 'exact%' OR geo_precision LIKE '%(acled 1)', FALSE)"


def _mapped(f: Filters) -> tuple[str, list]:
    """Events in the shared filters that have coordinates."""
    where, params = table_filter("events", f)
    return f"{where} AND latitude IS NOT NULL AND longitude IS NOT NULL", params


def map_counts(store: Store, f: Filters) -> dict[str, int]:
    """Events in the filters with and without coordinates, and distinct places among the located ones."""
    where, params = table_filter("events", f)
    row = store.query(
        f"""
        SELECT count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS located,
               count(*) FILTER (WHERE latitude IS NULL OR longitude IS NULL) AS unlocated,
               count(DISTINCT CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL
                     THEN (round(latitude, 4), round(longitude, 4), {_APPROXIMATE_SQL}) END) AS places
        FROM events WHERE {where}
        """,
        params,
    ).iloc[0]
    return {k: int(row[k]) for k in ("located", "unlocated", "places")}


def grid_step(store: Store, f: Filters, max_points: int = MAP_MAX_POINTS) -> float:
    """The finest grid whose cells in view number at most max_points (one scan for all candidate steps)."""
    where, params = _mapped(f)
    cells = ", ".join(f"count(DISTINCT (floor(latitude / {s}), floor(longitude / {s}))) AS s{i}"
                      for i, s in enumerate(GRID_STEPS))
    row = store.query(f"SELECT {cells} FROM events WHERE {where}", params).iloc[0]
    return next((s for i, s in enumerate(GRID_STEPS) if row[f"s{i}"] <= max_points), GRID_STEPS[-1])


def map_places(store: Store, f: Filters, est: str,
               max_points: int = MAP_MAX_POINTS) -> tuple[pd.DataFrame, float | None]:
    """Events per place (or per grid cell when more than max_points places are in view), and the cell size.

    Columns: place ('lat,lon'), lat, lon, approximate (share of events, 0-1), location, countries, events,
    fatalities (sum of the chosen estimate), with_fatalities (events stating it), kinds, first, last.
    """
    col = ESTIMATE_COLUMNS[est]
    where, params = _mapped(f)
    cell = None if map_counts(store, f)["places"] <= max_points else grid_step(store, f, max_points)
    if cell is None:
        lat, lon, group = "round(latitude, 4)", "round(longitude, 4)", f"1, 2, {_APPROXIMATE_SQL}"
    else:
        lat, lon = f"(floor(latitude / {cell}) + 0.5) * {cell}", f"(floor(longitude / {cell}) + 0.5) * {cell}"
        group = "1, 2"
    places = store.query(
        f"""
        SELECT {lat} AS lat, {lon} AS lon, avg(CASE WHEN {_APPROXIMATE_SQL} THEN 1.0 ELSE 0.0 END) AS approximate,
               CASE WHEN count(DISTINCT location) > 1 THEN count(DISTINCT location) || ' places'
                    ELSE coalesce(any_value(location), 'unnamed place') END AS location,
               string_agg(DISTINCT country_iso3, ', ' ORDER BY country_iso3) AS countries,
               count(*) AS events, sum({col}) AS fatalities, count({col}) AS with_fatalities,
               string_agg(DISTINCT event_type, ', ' ORDER BY event_type) AS kinds,
               min(event_date) AS first, max(coalesce(end_date, event_date)) AS last
        FROM events WHERE {where}
        GROUP BY {group} ORDER BY events DESC, lat, lon
        """,
        params,
    )
    places.insert(0, "place", [f"{a:.4f},{o:.4f}" for a, o in zip(places["lat"], places["lon"], strict=True)])
    return places, cell


def place_events(store: Store, f: Filters, lat: float, lon: float, cell: float | None,
                 limit: int = 1000) -> pd.DataFrame:
    """The events at one place (cell None: those coordinates, to 4 decimals) or in the grid cell holding it."""
    where, params = _mapped(f)
    if cell is None:
        at, at_params = "round(latitude, 4) = round(?, 4) AND round(longitude, 4) = round(?, 4)", [lat, lon]
    else:
        at = f"floor(latitude / {cell}) = floor(? / {cell}) AND floor(longitude / {cell}) = floor(? / {cell})"
        at_params = [lat, lon]
    return store.query(
        f"""
        SELECT e.event_date, e.end_date, e.event_type, e.sub_event_type, e.location, e.country_iso3,
               e.actor1, e.actor2, e.fatalities_low, e.fatalities_best, e.fatalities_high, e.geo_precision,
               e.summary, s.publisher AS source, e.source_id, s.title AS source_title, s.url
        FROM events e LEFT JOIN sources s USING (source_id)
        WHERE {where.replace('events.', 'e.')} AND {at}
        ORDER BY e.event_date DESC, e.event_id LIMIT {int(limit)}
        """,
        [*params, *at_params],
    )


def map_sources(store: Store, f: Filters) -> pd.DataFrame:
    """Sources of the located events in the filters, most cited first."""
    where, params = _mapped(f)
    return store.query(
        f"""
        SELECT s.*, c.n FROM sources s
        JOIN (SELECT source_id, count(*) AS n FROM events WHERE {where} GROUP BY source_id) c USING (source_id)
        ORDER BY c.n DESC, s.publisher
        """,
        params,
    )


def parse_place(value: str) -> tuple[float, float]:
    """'55.7520,37.6178' -> (55.752, 37.6178); a ValueError says what is wrong."""
    parts = value.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"{value!r} is not a place (use lat,lon, e.g. 55.7520,37.6178)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{value!r} is off the globe (latitude -90..90, longitude -180..180)")
    return lat, lon
