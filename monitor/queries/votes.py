"""The UN votes page's reads: resolutions, one roll call, the chosen countries' votes and their agreement."""

from __future__ import annotations

import pandas as pd

from monitor.queries.filters import Filters
from monitor.store import Store

# One roll call's agreement: same vote 1, one abstains 0.5, opposite 0. Only Y, N and A count: X (present but
# not voting, or absent) and a missing row are left out rather than scored as disagreement.
_SCORE_SQL = "CASE WHEN a.vote = b.vote THEN 1.0 WHEN a.vote = 'A' OR b.vote = 'A' THEN 0.5 ELSE 0.0 END"
# The `issue` filter (monitor.ids.issue_id; None: every roll call), on resolutions aliased r: two parameters.
_ON_ISSUE = ("(CAST(? AS VARCHAR) IS NULL OR r.resolution_id IN (SELECT resolution_id FROM resolution_issues "
             "WHERE issue_id = ?))")


def issue_list(store: Store, f: Filters) -> pd.DataFrame:
    """The subjects of roll calls (issue_id, issue), with how many roll calls in the date range have each."""
    return store.query(
        """
        SELECT i.issue_id, any_value(i.issue ORDER BY i.issue) AS issue,
               count(DISTINCT r.resolution_id) FILTER (WHERE r.vote_date BETWEEN ? AND ?) AS in_range
        FROM resolution_issues i JOIN resolutions r USING (resolution_id)
        GROUP BY i.issue_id ORDER BY issue
        """,
        [f.start, f.end],
    )


def resolution_list(store: Store, f: Filters, issue: str | None = None) -> pd.DataFrame:
    """Resolutions voted in the date range (undated ones too), on `issue` if given, most recent first, with
    votes recorded."""
    return store.query(
        f"""
        SELECT r.resolution_id, r.body, r.vote_date, r.session, r.title, r.yes, r.no, r.abstain, r.non_voting,
               r.adopted, r.vote_kind, count(v.country_iso3) AS recorded
        FROM resolutions r LEFT JOIN votes v USING (resolution_id)
        WHERE (r.vote_date IS NULL OR r.vote_date BETWEEN ? AND ?) AND {_ON_ISSUE}
        GROUP BY ALL ORDER BY r.vote_date DESC NULLS LAST, r.resolution_id DESC
        """,
        [f.start, f.end, issue, issue],
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


def resolution_issue_list(store: Store, resolution_id: str) -> pd.DataFrame:
    """The subjects one roll call is filed under (unvotes issues): issue_id, issue, source_id."""
    return store.query("SELECT issue_id, issue, source_id FROM resolution_issues WHERE resolution_id = ? "
                       "ORDER BY issue", [resolution_id])


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


def country_votes(store: Store, f: Filters, issue: str | None = None) -> pd.DataFrame:
    """How each chosen country voted on every resolution in the date range, on `issue` if given (vote NULL: no
    row loaded); a Security Council vote only where one of them sat on the Council (the others were not members
    then, not absent)."""
    if not f.countries:
        return pd.DataFrame(columns=["resolution_id", "vote_date", "title", "country_iso3", "vote"])
    return store.query(
        f"""
        SELECT r.resolution_id, r.vote_date, r.title, c.country_iso3, v.vote
        FROM resolutions r CROSS JOIN (SELECT unnest(?::VARCHAR[]) AS country_iso3) c
        LEFT JOIN votes v ON v.resolution_id = r.resolution_id AND v.country_iso3 = c.country_iso3
        WHERE r.vote_date BETWEEN ? AND ? AND {_ON_ISSUE}
          AND (r.body <> 'UNSC' OR EXISTS (SELECT 1 FROM votes s WHERE s.resolution_id = r.resolution_id
                                           AND list_contains(?::VARCHAR[], s.country_iso3)))
        ORDER BY r.vote_date, r.resolution_id, c.country_iso3
        """,
        [list(f.countries), f.start, f.end, issue, issue, list(f.countries)],
    )


def pairwise_agreement(store: Store, f: Filters, countries: tuple[str, ...], issue: str | None = None
                       ) -> pd.DataFrame:
    """Agreement of every pair of `countries` per year (on roll calls on `issue` if given): a < b, year,
    agreement (0-1), shared (Y/N/A votes), last_vote (date)."""
    return store.query(
        f"""
        SELECT a.country_iso3 AS a, b.country_iso3 AS b, year(r.vote_date) AS year,
               avg({_SCORE_SQL}) AS agreement, count(*) AS shared, max(r.vote_date) AS last_vote
        FROM votes a
        JOIN votes b ON b.resolution_id = a.resolution_id AND a.country_iso3 < b.country_iso3
        JOIN resolutions r ON r.resolution_id = a.resolution_id
        WHERE list_contains(?::VARCHAR[], a.country_iso3) AND list_contains(?::VARCHAR[], b.country_iso3)
          AND a.vote IN ('Y', 'N', 'A') AND b.vote IN ('Y', 'N', 'A') AND r.vote_date BETWEEN ? AND ?
          AND {_ON_ISSUE}
        GROUP BY ALL ORDER BY a, b, year
        """,
        [list(countries), list(countries), f.start, f.end, issue, issue],
    )


def vote_sources(store: Store, f: Filters, issue: str | None = None) -> pd.DataFrame:
    """Sources of the resolutions in the date range (on `issue` if given), of the chosen countries' votes on
    them, and of the issues themselves."""
    return store.query(
        f"""
        SELECT * FROM sources WHERE source_id IN (
            SELECT source_id FROM resolutions r WHERE vote_date BETWEEN ? AND ? AND {_ON_ISSUE}
            UNION SELECT v.source_id FROM votes v JOIN resolutions r USING (resolution_id)
            WHERE r.vote_date BETWEEN ? AND ? AND list_contains(?::VARCHAR[], v.country_iso3) AND {_ON_ISSUE}
            UNION SELECT source_id FROM resolution_issues WHERE issue_id = ?)
        ORDER BY publisher, source_id
        """,
        [f.start, f.end, issue, issue, f.start, f.end, list(f.countries), issue, issue, issue],
    )
