"""Hostile data for tests: curated files whose every text field is an attack (Markdown, HTML, plotly tags,
Streamlit's own Markdown extensions) and whose sources' URLs are dangerous, loaded through the real ETL."""

from __future__ import annotations

import csv
from pathlib import Path

EVIL = "evil.example"
# Each one a complete attack of its own kind, each with a tag (HX…) to find it by.
HOSTILE = {
    "md_link": f"[HX-link](https://{EVIL}/phish)",
    "md_image": f"![HX-img](https://{EVIL}/track.png)",
    "html_img": f'<img src="https://{EVIL}/x.png" onerror="alert(1)">HX-html',
    "html_a": f'<a href="https://{EVIL}/a">HX-anchor</a>',
    "script": "<script>alert('HX-script')</script>",
    "plotly": f'<b>HX-bold</b><br><a href="https://{EVIL}/p">HX-plotly</a>',
    "latex": "$HX^2$ and $$HX$$",
    "icon": ":material/warning: :smile: :streamlit: HX-icon",
    "directive": ":red[HX-red] :blue-background[HX-bg]",
    "bare_url": f"see https://{EVIL}/bare-HX or www.{EVIL} or hx@{EVIL}",
    "entity": "&lt;HX-entity&gt; &amp;",
    "emphasis": "**HX-strong** _HX-em_ ~~HX-del~~ `HX-code`",
}
URLS = {
    "breakout": f"https://example.com/x) ![img](https://{EVIL}/track.png",
    "javascript": "javascript:alert('HX')",
    "data": "data:text/html,<script>alert('HX')</script>",
    "ipv6": "http://[x",
    "good": "https://example.org/report-(2021)",
}
# Analysts' notes are anyone's text too (without sign-in anyone may write one). Their http(s) addresses become
# links by design, so these attacks point at NOTE_HOST: each must show literally, and a link only where its address
# is written out, to exactly that address.
NOTE_HOST = "notes.example"
NOTE_ATTACKS = {
    "note_markup": f'<img src="https://{NOTE_HOST}/n.png" onerror="alert(1)">NX-html **NX-bold** '
                   '<script>alert("NX")</script> :red[NX-red] $NX^2$',
    "note_md_link": f"[NX-hidden](https://{NOTE_HOST}/phish) and ![NX-img](https://{NOTE_HOST}/t.png)",
    "note_js": "NX-js javascript:alert('NX') [NX-click](javascript:alert(1)) <a href=\"javascript:alert(2)\">NX-a</a>",
    "note_long": "NX-long:" + "x" * 9_992,  # 10,000 characters, the most a note holds
}


def hostile_notes(db: Path) -> None:
    """The attacks as notes in the store beside `db`, each anchored to what every page shows: a day and the
    country in the selection, an event, the hostile resolution, the pair RUS-MMR."""
    from datetime import date

    from monitor.notes.model import Anchors, Draft, Writer
    from monitor.notes.store import NotesStore

    store = NotesStore(f"sqlite:///{db.with_name(db.stem + '.notes.sqlite')}")
    for i, text in enumerate(NOTE_ATTACKS.values()):
        store.add(Draft(text, Writer(f"<b>NX-author-{i}</b>"), "timeline", "c=MMR&from=2021-01-01&to=2021-12-31",
                        Anchors(day_from=date(2021, 6, 10 + i), event_id="hx-event-0", resolution_id="HX/RES/1",
                                pair="MMR-RUS")))
    store.close()


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def hostile_files(folder: Path) -> list[Path]:
    """Curated files whose every text field is an attack; they cite sources whose URLs are attacks too."""
    attacks = list(HOSTILE.values())
    sources = [{"source_id": f"hx-{name}", "publisher": HOSTILE["md_link"], "title": attacks[i], "url": url,
                "published_on": "2021-06-01"} for i, (name, url) in enumerate(URLS.items())]
    events = [{"event_id": f"hx-event-{i}", "event_date": f"2021-06-{i + 2:02d}", "date_precision": "day",
               "event_type": "meeting", "sub_event_type": attack, "country_iso3": "MMR", "counterpart_iso3": "RUS",
               "location": attack, "actor1": attack, "actor2": attack, "summary": attack, "origin": "curated",
               "source_id": sources[i % len(sources)]["source_id"], "latitude": "21.0", "longitude": "96.0"}
              for i, attack in enumerate(attacks)]
    events.append({**events[0], "event_id": "hx-event-origin", "event_type": "battle", "counterpart_iso3": "",
                   "origin": HOSTILE["html_a"], "source_id": "hx-good", "fatalities_best": "3"})
    events = [{"fatalities_best": "", **e} for e in events]
    return [
        _write(folder / "sources.csv", sources),
        _write(folder / "events.csv", events),
        _write(folder / "casualties.csv", [{
            "report_id": "hx-report", "country_iso3": "MMR", "as_of": "2021-06-25", "period_start": "2021-02-01",
            "victims": HOSTILE["md_image"], "killed_low": "900", "qualifier": "at least", "cumulative": "true",
            "reported_by": HOSTILE["plotly"], "source_id": "hx-breakout"}]),
        _write(folder / "visits.csv", [{
            "visit_id": "hx-visit", "start_date": "2021-06-22", "visitor_name": HOSTILE["html_img"],
            "visitor_role": HOSTILE["latex"], "visitor_iso3": "MMR", "host_iso3": "RUS", "city": "Moscow",
            "met": HOSTILE["icon"], "purpose": HOSTILE["bare_url"], "source_id": "hx-javascript"}]),
        _write(folder / "resolutions.csv", [{
            "resolution_id": "HX/RES/1", "body": "UNGA", "vote_date": "2021-06-18", "title": HOSTILE["md_link"],
            "subjects": HOSTILE["directive"], "yes": "1", "no": "1", "abstain": "0", "source_id": "hx-data"}]),
        _write(folder / "votes.csv", [
            {"resolution_id": "HX/RES/1", "country_iso3": "MMR", "vote": "Y", "note": HOSTILE["emphasis"],
             "source_id": "hx-ipv6"},
            {"resolution_id": "HX/RES/1", "country_iso3": "RUS", "vote": "N", "note": HOSTILE["script"],
             "source_id": "hx-good"}]),
    ]


def hostile_db(bundled: Path, folder: Path) -> Path:
    """The bundled case plus the hostile files, loaded with `python -m etl load` into a copy."""
    from tests.conftest import etl

    db = folder / "hostile.duckdb"
    db.write_bytes(bundled.read_bytes())
    done = etl("load", *map(str, hostile_files(folder)), "--db", str(db), "--json")
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return db
