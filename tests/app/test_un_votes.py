"""UN votes page, driven by deep links against the bundled database."""

from __future__ import annotations

import json

from monitor.reference import UN_MEMBERS


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _vote_map(at) -> dict:
    return next(c for c in _charts(at) if c["data"] and c["data"][0]["type"] == "choropleth")


def test_deep_link_shows_the_official_totals(open_page):
    at = open_page("un_votes", res="A/RES/75/287")
    bars = next(c for c in _charts(at) if c["data"][0]["type"] == "bar")["data"][0]
    totals = dict(zip(bars["y"], bars["x"], strict=True))
    assert (totals["Yes"], totals["No"], totals["Abstain"]) == (119, 1, 36)
    assert any("official totals" in c.value for c in at.caption)


def test_belarus_is_listed_under_no(open_page):
    at = open_page("un_votes", res="A/RES/75/287")
    by_vote = next(d.value for d in at.dataframe if "Abstain" in d.value.columns)
    assert list(by_vote.columns) == ["Yes", "No", "Abstain", "Not voting"]  # the full roll call: none unrecorded
    assert "Belarus" in set(by_vote["No"])
    assert "Belarus" not in set(by_vote["Yes"]) | set(by_vote["Abstain"])
    assert {"China", "Russia"} <= set(by_vote["Abstain"])


def test_the_map_colours_each_recorded_vote_and_nothing_is_not_recorded(open_page, query):
    at = open_page("un_votes", res="A/RES/75/287")
    cells = {}
    for trace in _vote_map(at)["data"]:
        cells.update(dict(zip(trace["locations"], trace["text"], strict=True)))
    assert cells["BLR"] == "No" and cells["RUS"] == "Abstain"
    recorded = {c for (c,) in query("SELECT country_iso3 FROM votes WHERE resolution_id = 'A/RES/75/287'")}
    assert recorded == UN_MEMBERS, "the bundled roll call is the UN's full recorded vote"
    assert set(cells) == UN_MEMBERS and "Not recorded" not in cells.values()


def test_the_url_holds_the_resolution_id_not_its_label(open_page):
    at = open_page("un_votes", res="A/RES/75/287")
    assert at.query_params["res"] == "A/RES/75/287"
    assert at.selectbox(key="res").value == "A/RES/75/287"


def test_an_unknown_resolution_warns_and_falls_back_to_the_most_recent(open_page, query):
    at = open_page("un_votes", res="A/RES/99/999")
    assert any("A/RES/99/999" in w.value for w in at.warning)
    (latest,) = query("SELECT resolution_id FROM resolutions ORDER BY vote_date DESC, resolution_id DESC LIMIT 1")[0]
    assert at.selectbox(key="res").value == latest
    assert at.query_params["res"] == latest


def test_chosen_countries_get_a_vote_grid_and_agreement(open_page):
    at = open_page("un_votes", res="A/RES/75/287", c=["RUS", "CHN", "BLR"])
    grid = next(c for c in _charts(at) if c["data"][0]["type"] == "heatmap" and "vote" in json.dumps(c["data"][0]))
    assert grid["data"][0]["y"] == ["Belarus", "China", "Russia"]
    agreement = next(d.value for d in at.dataframe if "agreement" in d.value.columns).set_index("pair")
    assert agreement.loc["China – Russia", "agreement"] == 1.0  # both abstained
    assert agreement.loc["Belarus – Russia", "agreement"] == 0.5  # one abstained
    assert (agreement["shared"] >= 1).all()


def test_a_resolution_typed_in_another_spelling_opens_it(open_page):
    at = open_page("un_votes", res="a/res/75/287")
    assert not at.warning, [w.value for w in at.warning]
    assert at.selectbox(key="res").value == "A/RES/75/287"
    assert at.query_params["res"] == "A/RES/75/287"  # the link is rewritten in the one spelling
