"""A roll-call matrix in the UN Digital Library's wide form, written byte for byte (a byte-order mark and CRLF lines
where the UN's export has them), for the tests of etl/formats/wide.py and of the UN votes page.

Its rows are invented to exercise each quirk, except the Security Council draft S/2011/612 on Syria (4 October
2011), whose cells are the public record: 9 in favour, Russia and China against, Brazil, India, Lebanon and South
Africa abstaining.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

UN_HEADER = ["Council", "Date", "Title", "Resolution", "TOTAL VOTES", "NO-VOTE COUNT", "ABSENT COUNT", "NO COUNT",
             "YES COUNT", "Link", "token"]
STATES = ["CHINA", "FRANCE", "RUSSIAN FEDERATION", "UNITED KINGDOM", "UNITED STATES", "USSR", "BOSNIA AND HERZEGOVINA",
          "BRAZIL", "COLOMBIA", "GABON", "GERMANY", "INDIA", "LEBANON", "NIGERIA", "PORTUGAL", "SOUTH AFRICA",
          "COTE D'IVOIRE", "COTE D\u2019IVOIRE", " UNITED KINGDOM", "DONOTKNOW"]
SC_2011 = {"CHINA": "N", "RUSSIAN FEDERATION": "N", "BRAZIL": "A", "INDIA": "A", "LEBANON": "A", "SOUTH AFRICA": "A",
           **dict.fromkeys(["FRANCE", "UNITED KINGDOM", "UNITED STATES", "BOSNIA AND HERZEGOVINA", "COLOMBIA", "GABON",
                            "GERMANY", "NIGERIA", "PORTUGAL"], "Y")}


def un_row(council: str, day: str, title: str, symbol: str, token: str, cells: dict[str, str],
           totals: tuple[int, int, int, int] | None = None) -> list[str]:
    """A row in the UN export's column order; totals (yes, no, abstain, non-voting) default to the cells'.
    The export writes abstentions under ABSENT COUNT and non-voting under NO-VOTE COUNT."""
    given = [v for k, v in cells.items() if k != "DONOTKNOW"]
    yes, no, abstain, non_voting = totals or tuple(given.count(c) for c in "YNAX")
    link = f"https://digitallibrary.un.org/record/{token}?ln=en" if token else ""
    return [council, day, title, symbol, str(len(given)), str(non_voting), str(abstain), str(no), str(yes), link,
            token] + [cells.get(s, "") for s in STATES]


ROWS = [  # (line 2 onwards)
    un_row("Security Council", "2011-10-04", "Draft resolution on Syria", "S/2011/612", "", SC_2011),
    un_row("Security Council", "2012-01-10", "Invented draft that fails for want of votes", "S/2012/9999", "",
           {**{s: "A" for s in SC_2011}, "CHINA": "N", "FRANCE": "Y", "GABON": "Y", "NIGERIA": "Y", "INDIA": "Y"}),
    un_row("Security Council", "1950-11-08", "Invented procedural resolution [inviting a delegation]",
           "S/RES/88(1950)", "101", {"CHINA": "N", "FRANCE": "Y", "UNITED KINGDOM": "Y", "UNITED STATES": "Y",
                                     "USSR": "Y", "INDIA": "Y", "BRAZIL": "Y", "LEBANON": "Y", "COLOMBIA": "A"}),
    un_row("General Assembly", "2021-06-18", "The situation somewhere : resolution / adopted by the General Assembly",
           "A/RES/75/900", "102", {"FRANCE": "Y", " UNITED KINGDOM": "Y", "COTE D\u2019IVOIRE": "Y", "INDIA": "A",
                                   "CHINA": "A", "RUSSIAN FEDERATION": "N", "GABON": "X", "BRAZIL": "A"}),
    un_row("General Assembly", "2021-06-19", "Two columns of one state disagree", "A/RES/75/901", "103",
           {"COTE D'IVOIRE": "Y", "COTE D\u2019IVOIRE": "N", "FRANCE": "Y"}),
    un_row("General Assembly", "2018-12-05", "No symbol", "MISSING_DATA", "104", {"FRANCE": "Y", "INDIA": "A"}),
    un_row("General Assembly", "1977", "A year alone", "A/RES/32/900", "105", {"FRANCE": "Y", "INDIA": "Y"}),
    un_row("Security Council", "2010-12-22", "A vote in a junk column", "S/RES/1966(2010)", "106",
           {"FRANCE": "Y", "CHINA": "Y", "DONOTKNOW": "Y"}, totals=(3, 0, 0, 0)),
    un_row("General Assembly", "2018-12-06", "A failed draft", "A/73/L.42", "107",
           {"FRANCE": "Y", "INDIA": "A", "CHINA": "N", "GABON": "X"}),
]


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, bom: bool = True, crlf: bool = True) -> Path:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n" if crlf else "\n").writerows([header, *rows])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.getvalue().encode("utf-8"))
    return path
