"""The UN votes page shows A/RES/75/287 as the full roll call, cited to the UN's own record."""

from __future__ import annotations

import json


def _totals(at) -> dict[str, int]:
    bars = next(json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart")
                if json.loads(c.proto.spec)["data"][0]["type"] == "bar")
    return dict(zip(bars["y"], bars["x"], strict=True))


def test_the_page_shows_119_1_36_and_nothing_not_recorded(open_page):
    at = open_page("un_votes", res="A/RES/75/287")
    totals = _totals(at)
    assert (totals["Yes"], totals["No"], totals["Abstain"], totals["Not voting"]) == (119, 1, 36, 37)
    captions = " ".join(c.value for c in at.caption)
    assert "119 of 119 Yes, 1 of 1 No, 36 of 36 Abstain, 37 of 37 Not voting" in captions
    assert "Not recorded" not in captions and "not recorded" not in captions.lower()
    by_vote = next(d.value for d in at.dataframe if "Abstain" in d.value.columns)
    assert "Not recorded" not in by_vote.columns
    listed = {col: [c for c in by_vote[col] if c] for col in by_vote.columns}
    assert (len(listed["Yes"]), len(listed["No"]), len(listed["Abstain"]), len(listed["Not voting"])) == (
        119, 1, 36, 37)
    assert {"India", "Thailand"} <= set(listed["Abstain"])
    assert listed["No"] == ["Belarus"] and "Myanmar" in listed["Yes"]


def test_the_caption_cites_the_un_digital_library_record(open_page):
    at = open_page("un_votes", res="A/RES/75/287")
    captions = [c.value for c in at.caption]
    assert any("https://digitallibrary.un.org/record/3929594" in c and "United Nations Digital Library" in c
               for c in captions)


def test_myanmar_seat_note_is_shown(open_page):
    at = open_page("un_votes", res="A/RES/75/287")
    notes = next(d.value for d in at.dataframe if "note" in d.value.columns)
    row = notes[notes["country"] == "Myanmar"].iloc[0]
    assert row["label"] == "Yes" and "Kyaw Moe Tun" in row["note"]
