"""Links that keep their numbers: a link pins a data version (`v`), and the Changes page lists what loads changed."""

from __future__ import annotations

import os

import pytest
import streamlit as st

from tests import versioned


@pytest.fixture()
def versioned_app(bundled_db, tmp_path):
    """The app on a database at version 2 (bundled files, then the UCDP fixture); yields the database path."""
    db = versioned.at_version_2(bundled_db, tmp_path)
    before = os.environ["MONITOR_DB"]
    os.environ["MONITOR_DB"] = str(db)
    st.cache_resource.clear()  # the Store is cached per process: open the new file
    st.cache_data.clear()
    yield db
    os.environ["MONITOR_DB"] = before
    st.cache_resource.clear()
    st.cache_data.clear()


def _ucdp_line(at) -> str:
    return next(m.value for m in at.markdown if "UCDP" in m.value and "killed" in m.value)


def _share_params(at) -> dict[str, list[str]]:
    from urllib.parse import parse_qs

    link = next(c.value for c in at.code if "v=" in c.value)
    return {k: v for k, v in parse_qs(link.split("?", 1)[1]).items()}


def test_a_link_made_at_version_2_keeps_its_numbers_after_a_revising_load(open_page, versioned_app, tmp_path):
    made = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    then = _ucdp_line(made)
    link = _share_params(made)
    assert link["v"] == ["2"]  # the share box always carries the data version
    versioned.load(versioned_app, versioned.revised_ucdp(tmp_path))  # version 3 raises one event's toll 12 -> 31
    st.cache_data.clear()

    reopened = open_page("overview", **{k + ("_" if k == "from" else ""): v for k, v in link.items()})
    assert _ucdp_line(reopened) == then
    notice = next(i.value for i in reopened.info if "Data as of version 2" in i.value)
    assert "the latest is 3" in notice
    assert "UCDP events (best): 65 then, 84 in the latest" in notice  # as Markdown (parentheses need no escape)
    assert reopened.query_params["v"] == ["2"] or reopened.query_params["v"] == "2"

    reopened.button(key="show_latest").click().run()
    assert "84 killed" in _ucdp_line(reopened) and "v" not in reopened.query_params

    latest = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    assert _ucdp_line(latest) != then and "84 killed" in _ucdp_line(latest)
    assert not any("Data as of version" in i.value for i in latest.info)
    assert _share_params(latest)["v"] == ["3"]


def test_an_unknown_version_warns_and_shows_the_latest(open_page, versioned_app):
    at = open_page("overview", c=["MMR"], v="99")
    assert any("“99” is not a data version here (versions 1–2)" in w.value for w in at.warning)
    assert not any("Data as of version" in i.value for i in at.info)
    assert _share_params(at)["v"] == ["2"]


def test_the_changes_page_lists_the_revision_with_old_and_new_values(open_page, versioned_app, tmp_path):
    versioned.load(versioned_app, versioned.revised_ucdp(tmp_path))
    st.cache_data.clear()
    at = open_page("changes", c=["MMR"])
    revised = next(d.value for d in at.dataframe if "what changed" in d.value.columns)
    best = revised[revised["field"] == "fatalities_best"].iloc[0]
    assert (best["version"], best["row"], best["old"], best["new"]) == (3, versioned.REVISED_EVENT, "12", "31")
    assert best["what changed"] == "UCDP raised the best estimate of deaths from 12 to 31"
    assert best["open"] == "/data?tab=events&c=MMR&from=2021-01-01&to=2021-01-01&v=3"
    loads = next(d.value for d in at.dataframe if "of them revisions" in d.value.columns)
    assert list(loads["version"]) == [3] and list(loads["of them revisions"]) == [1]
    assert at.query_params["since"] in ("2", ["2"])
