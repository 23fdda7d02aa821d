"""Word lists the rules need and the country tables do not hold: demonyms, organisations, number words."""

from __future__ import annotations

import re

# Adjectives of nationality -> ISO-3 (country names themselves go through monitor.countries).
DEMONYMS: dict[str, str] = {
    "Afghan": "AFG", "Albanian": "ALB", "Algerian": "DZA", "American": "USA", "Angolan": "AGO",
    "Argentine": "ARG", "Argentinian": "ARG", "Armenian": "ARM", "Australian": "AUS", "Austrian": "AUT",
    "Azerbaijani": "AZE", "Bangladeshi": "BGD", "Belarusian": "BLR", "Belgian": "BEL", "Bolivian": "BOL",
    "Bosnian": "BIH", "Brazilian": "BRA", "British": "GBR", "Bruneian": "BRN", "Bulgarian": "BGR",
    "Burmese": "MMR", "Burundian": "BDI", "Cambodian": "KHM", "Cameroonian": "CMR", "Canadian": "CAN",
    "Chadian": "TCD", "Chilean": "CHL", "Chinese": "CHN", "Colombian": "COL", "Congolese": "COD",
    "Croatian": "HRV", "Cuban": "CUB", "Czech": "CZE", "Danish": "DNK", "Dutch": "NLD", "Egyptian": "EGY",
    "Emirati": "ARE", "Eritrean": "ERI", "Estonian": "EST", "Ethiopian": "ETH", "Filipino": "PHL",
    "Finnish": "FIN", "French": "FRA", "Georgian": "GEO", "German": "DEU", "Ghanaian": "GHA", "Greek": "GRC",
    "Haitian": "HTI", "Hungarian": "HUN", "Indian": "IND", "Indonesian": "IDN", "Iranian": "IRN",
    "Iraqi": "IRQ", "Irish": "IRL", "Israeli": "ISR", "Italian": "ITA", "Japanese": "JPN",
    "Jordanian": "JOR", "Kazakh": "KAZ", "Kenyan": "KEN", "Kuwaiti": "KWT", "Kyrgyz": "KGZ", "Lao": "LAO",
    "Laotian": "LAO", "Latvian": "LVA", "Lebanese": "LBN", "Libyan": "LBY", "Lithuanian": "LTU",
    "Malaysian": "MYS", "Malian": "MLI", "Mexican": "MEX", "Moldovan": "MDA", "Mongolian": "MNG",
    "Moroccan": "MAR", "Mozambican": "MOZ", "Nepalese": "NPL", "Nepali": "NPL", "Nigerian": "NGA",
    "Nigerien": "NER", "North Korean": "PRK", "Norwegian": "NOR", "Pakistani": "PAK", "Palestinian": "PSE",
    "Peruvian": "PER", "Polish": "POL", "Portuguese": "PRT", "Qatari": "QAT", "Romanian": "ROU",
    "Russian": "RUS", "Rwandan": "RWA", "Saudi": "SAU", "Senegalese": "SEN", "Serbian": "SRB",
    "Singaporean": "SGP", "Slovak": "SVK", "Somali": "SOM", "South African": "ZAF", "South Korean": "KOR",
    "South Sudanese": "SSD", "Spanish": "ESP", "Sri Lankan": "LKA", "Sudanese": "SDN", "Swedish": "SWE",
    "Swiss": "CHE", "Syrian": "SYR", "Taiwanese": "TWN", "Tajik": "TJK", "Thai": "THA", "Tunisian": "TUN",
    "Turkish": "TUR", "Ugandan": "UGA", "Ukrainian": "UKR", "Uzbek": "UZB", "Venezuelan": "VEN",
    "Vietnamese": "VNM", "Yemeni": "YEM", "Zimbabwean": "ZWE",
}

# Organisations that stand for a country's government when they speak.
ORG_COUNTRY: dict[str, str] = {
    "Kremlin": "RUS", "White House": "USA", "Pentagon": "USA", "State Department": "USA",
    "Elysee": "FRA", "Élysée": "FRA", "Downing Street": "GBR", "Whitehall": "GBR", "Tatmadaw": "MMR",
    "Zhongnanhai": "CHN", "Quai d'Orsay": "FRA",
}

# UN organs that vote on resolutions, and the phrases that name them.
UN_BODIES: list[tuple[str, re.Pattern]] = [
    ("UNGA", re.compile(r"\b(?:UN |U\.N\. |United Nations )?General Assembly\b")),
    ("HRC", re.compile(r"\b(?:UN |U\.N\. |United Nations )?Human Rights Council\b")),
    # "Russia's Security Council" and a "national Security Council" are a country's own, not the UN's
    ("UNSC", re.compile(r"\b(?:UN |U\.N\. |United Nations )Security Council\b|(?<!’s )(?<!'s )\b(?<!its )"
                        r"(?<!national )(?<!National )Security Council\b(?! of (?!the United Nations))")),
]
# A vote in one of these is not a UN vote.
NATIONAL_BODIES = re.compile(r"(?i)\b(parliament|congress|senate|house of (representatives|commons|lords)|"
                             r"national assembly|duma|knesset|bundestag|lawmakers|legislature|MPs)\b")

# Capitalised words that are not (part of) a person's name.
NOT_NAME_WORDS = {
    "The", "A", "An", "It", "Its", "This", "That", "These", "Those", "While", "Only", "But", "And", "In", "On",
    "At", "As", "After", "Before", "Since", "When", "He", "She", "They", "We", "His", "Her", "Their", "Our",
    "Junta", "Military", "Army", "Government", "President", "Prime", "Minister", "General", "Senior",
    "Council", "Assembly", "League", "Party", "Ministry", "Nations", "Union", "Group", "Agency", "News",
    "Television", "Court", "Front", "Committee", "Forces", "Association", "Bank", "Fund", "Office",
    "Parliament", "Security", "Democracy", "National", "United", "Human", "Rights", "International",
    "State", "Department", "Defence", "Defense", "Foreign", "Affairs", "Federation", "Republic", "Kingdom",
    "Islamic", "Democratic", "People", "People's", "Read", "Published", "Updated", "Reuters", "AFP", "AP",
    "UN", "EU", "ASEAN", "Asean", "NATO", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sr", "Jr", "Kremlin",
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Armed", "Day", "Independence", "Revolution", "Emergency", "Movement",
    "Organisation", "Organization", "Institute", "Centre", "Center", "University", "Times", "Post", "Press",
    "Radio", "Service", "Services", "Police", "Navy", "Air", "Force", "Guard", "Guards", "Command",
    "Conference", "Summit", "Forum", "Assistance", "Political", "Prisoners", "Watch", "Amnesty",
    "Premier", "Crown", "Prince", "Princess", "King", "Queen", "Emir", "Sheikh", "Chancellor", "Ambassador", "Envoy",
    "Secretary",
}
# Titles that come before a name and belong to the role, not the name.
TITLES = {"Senior General", "General", "President", "Prime Minister", "Minister", "Foreign Minister",
          "Defence Minister", "Defense Minister", "Ambassador", "Envoy", "Secretary", "Chancellor", "King",
          "Queen", "Sheikh", "Emir", "Crown Prince", "Admiral", "Colonel", "Lieutenant General", "Major General",
          "Marshal", "Commander", "Chairman", "Premier", "Vice President", "Deputy Minister", "Mr", "Mrs", "Ms",
          "Dr", "Gen", "Sen", "Senator"}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12,
}
_UNITS = "nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|one|two|three|four|" \
         "five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SMALL = rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:{_UNITS}))"
_HUNDREDS = rf"(?:(?:a|one|two|three|four|five|six|seven|eight|nine) hundred(?:(?: and)? {_SMALL})?)"
# Digits ("870", "1,200") or words ("thirty-six", "one hundred and forty-one", "two thousand", "a dozen").
_WORDS = rf"(?:{_HUNDREDS}|{_SMALL})(?: thousand(?:(?: and)? (?:{_HUNDREDS}|{_SMALL}))?)?"
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS}|a dozen|dozens? of|hundred)"


def number(text: str) -> int | None:
    """'870' -> 870, '1,200' -> 1200, 'one' -> 1, 'thirty-six' -> 36, 'one hundred and forty-one' -> 141;
    None if it is not a number (or is a vague one: 'dozens of')."""
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    if t in {"a dozen", "dozen"}:
        return 12
    total, current = 0, 0
    for word in re.split(r"[- ]+", t):
        if word in {"and", ""}:
            continue
        if word == "a":
            current = max(current, 1)
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        else:
            return None
    return total + current if total + current else None
