"""Every read the pages make: parameterised SQL returning DataFrames. Aggregation happens here, in SQL."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
    """Agreement of every pair of `countries` per year: a < b, year, agreement (0-1), shared (Y/N/A votes)."""
    return store.query(
        f"""
        SELECT a.country_iso3 AS a, b.country_iso3 AS b, year(r.vote_date) AS year,
               avg({_SCORE_SQL}) AS agreement, count(*) AS shared
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
