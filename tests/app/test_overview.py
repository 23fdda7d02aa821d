"""Overview (home) page by deep link: the headline figures keep their qualifiers, dates and sources."""

from __future__ import annotations


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_870_is_said_with_its_qualifier_victims_period_and_reporter(open_page):
    at = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    line = next(m.value for m in at.markdown if "870" in m.value)
    assert "at least 870 civilians killed" in line
    assert "killed** in Myanmar, since 1 Feb 2021, reported on 21 Jun 2021" in line  # a space after the bold lead
    assert "per a local monitoring group" in line


def test_latest_report_per_reporter_wins(open_page):
    # AAPP reported 810, then "more than 860" (18 Jun), then "at least 858" (19 Jun): the latest is shown.
    text = _markdown(open_page("overview", c=["MMR"]))
    assert "at least 858 people killed" in text
    assert "861" not in text and "810" not in text


def test_no_report_outside_the_range(open_page):
    text = _markdown(open_page("overview", c=["MMR"], from_="2021-06-22", to="2021-06-30"))
    assert "870" not in text and "No casualty report dated in this selection." in text


def test_counts_match_the_database(open_page, query):
    at = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    metrics = {m.label: m.value for m in at.metric}
    (resolutions,), = query("SELECT count(*) FROM resolutions WHERE vote_date BETWEEN '2021-01-01' AND '2021-12-31'")
    assert metrics["UN resolutions naming them"] == str(resolutions) == "1"
    (cast,), = query("SELECT count(*) FROM votes WHERE country_iso3 = 'MMR'")
    assert metrics["UN votes they cast (recorded)"] == str(cast)
    (visits,), = query("SELECT count(*) FROM visits WHERE 'MMR' IN (visitor_iso3, host_iso3) "
                       "AND start_date BETWEEN '2021-01-01' AND '2021-12-31'")
    assert metrics["Visits"] == str(visits)


def test_latest_events_list_the_vote_with_its_source(open_page):
    at = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    table = next(d.value for d in at.dataframe if "Summary" in d.value.columns)  # the latest events
    vote = table[table["Type"] == "un vote"].iloc[0]
    assert vote["When"] == "18 Jun 2021"
    assert "prevent the flow of arms" in vote["Summary"]
    assert vote["Source"].strip()
    assert any("Sources:" in c.value for c in at.caption)


def test_page_links_carry_the_filters(open_page):
    at = open_page("overview", c=["MMR"], from_="2021-01-01", to="2021-12-31")
    links = {p.proto.page: p.proto.query_string for p in at.get("page_link")}
    assert "c=MMR" in links["timeline"] and "from=2021-01-01" in links["timeline"]
    assert {"timeline", "un-votes", "relationships", "map", "data"} <= set(links)


def test_a_historic_state_in_a_link_stays_in_the_filter(open_page):
    at = open_page("overview", c=["SUN", "MMR"])
    assert not at.warning, [w.value for w in at.warning]
    assert at.multiselect(key="f_countries").value == ["SUN", "MMR"]
    assert at.query_params["c"] == ["SUN", "MMR"]
    assert "Soviet Union, Myanmar" in at.markdown[0].value


def test_an_unknown_country_is_named_and_left_out(open_page):
    at = open_page("overview", c=["Atlantis", "MMR"])
    assert [w.value for w in at.warning] == ["Unknown country in the link: “Atlantis”. It was left out of the filter."]
    assert at.multiselect(key="f_countries").value == ["MMR"]
