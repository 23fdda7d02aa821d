"""GDELT event exports (gdeltproject.org), 1.0 and 2.0, into `events`.

Raw GDELT files are tab-separated with no header: 57 columns (1.0 historical backfiles), 58 (1.0 daily
files, with SOURCEURL) or 61 (2.0: an ADM2 code for each of the three places). They are recognised by
their shape; a file with a header (any column order, extra columns such as CAMEOCodeDescription) by its
column names. Event codes keep their leading zeros ("042"). Places are coded in FIPS 10-4, not ISO:
`fips_to_iso3` below converts them. Each article (SOURCEURL) becomes a `sources` row.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar
from urllib.parse import urlsplit

from etl.formats._shared import extra_json, labelled
from etl.formats.base import Context, Detection, Format, Record, Reject, normalise_header
from etl.validate import is_missing
from monitor.countries import to_iso3

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_EVENT = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
          "NumMentions", "NumSources", "NumArticles", "AvgTone"]


def _geo(prefix: str, adm2: bool) -> list[str]:
    fields = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + [
        "Lat", "Long", "FeatureID"]
    return [f"{prefix}Geo_{f}" for f in fields]


def _columns(version: int, url: bool) -> list[str]:
    adm2 = version == 2
    return (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
            + [f"Actor1{f}" for f in _ACTOR] + [f"Actor2{f}" for f in _ACTOR] + _EVENT
            + _geo("Actor1", adm2) + _geo("Actor2", adm2) + _geo("Action", adm2)
            + ["DATEADDED"] + (["SOURCEURL"] if url else []))


COLUMNS_V1_BACKFILE = _columns(1, url=False)  # 57
COLUMNS_V1 = _columns(1, url=True)  # 58
COLUMNS_V2 = _columns(2, url=True)  # 61
RAW_SHAPES = {len(c): c for c in (COLUMNS_V1_BACKFILE, COLUMNS_V1, COLUMNS_V2)}
REQUIRED = ("globaleventid", "sqldate", "eventcode", "actiongeo_countrycode")

# CAMEO's twenty root categories (CAMEO codebook 1.1b3).
CAMEO_ROOTS = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
    "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
    "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
    "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
    "19": "fight", "20": "use unconventional mass violence",
}  # fmt: skip
# The diplomatic contact codes get a type of their own, so visits are found without knowing CAMEO.
# In 042 Actor1 is the visitor; in 043 Actor1 is the host.
VISITS = {
    "042": ("visit", "make a visit (Actor1 visits Actor2)"),
    "043": ("visit", "host a visit (Actor1 hosts Actor2)"),
    "044": ("meeting", "meet at a third location"),
}
# ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-order division).
GEO_TYPE = {"0": "unknown", "1": "country", "2": "region", "3": "city", "4": "city", "5": "region"}
# CAMEO actor country codes that are regions, not states: a counterpart that is no country.
CAMEO_REGIONS = {
    "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT", "MEA", "NAF",
    "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
}  # fmt: skip
# CAMEO country codes that differ from the ISO-3 code of the same state.
CAMEO_COUNTRIES = {"ROM": "ROU", "KSV": "XKX", "KOS": "XKX"}

# FIPS 10-4 (as used by GDELT, with the later GEC codes for South Sudan, Curaçao, Sint Maarten, Saint
# Martin, Saint Barthélemy) -> ISO 3166-1 alpha-3. None: a place with no ISO country of its own
# (sovereign base areas, disputed islands, open ocean); those rows keep the FIPS code in extra.
FIPS_TO_ISO3: dict[str, str | None] = {
    "AA": "ABW", "AC": "ATG", "AE": "ARE", "AF": "AFG", "AG": "DZA", "AJ": "AZE", "AL": "ALB", "AM": "ARM",
    "AN": "AND", "AO": "AGO", "AQ": "ASM", "AR": "ARG", "AS": "AUS", "AT": "AUS", "AU": "AUT", "AV": "AIA",
    "AX": None, "AY": "ATA", "BA": "BHR", "BB": "BRB", "BC": "BWA", "BD": "BMU", "BE": "BEL", "BF": "BHS",
    "BG": "BGD", "BH": "BLZ", "BK": "BIH", "BL": "BOL", "BM": "MMR", "BN": "BEN", "BO": "BLR", "BP": "SLB",
    "BQ": "UMI", "BR": "BRA", "BS": "ATF", "BT": "BTN", "BU": "BGR", "BV": "BVT", "BX": "BRN", "BY": "BDI",
    "CA": "CAN", "CB": "KHM", "CD": "TCD", "CE": "LKA", "CF": "COG", "CG": "COD", "CH": "CHN", "CI": "CHL",
    "CJ": "CYM", "CK": "CCK", "CM": "CMR", "CN": "COM", "CO": "COL", "CQ": "MNP", "CR": "AUS", "CS": "CRI",
    "CT": "CAF", "CU": "CUB", "CV": "CPV", "CW": "COK", "CY": "CYP", "DA": "DNK", "DJ": "DJI", "DO": "DMA",
    "DQ": "UMI", "DR": "DOM", "DX": None, "EC": "ECU", "EG": "EGY", "EI": "IRL", "EK": "GNQ", "EN": "EST",
    "ER": "ERI", "ES": "SLV", "ET": "ETH", "EU": "ATF", "EZ": "CZE", "FG": "GUF", "FI": "FIN", "FJ": "FJI",
    "FK": "FLK", "FM": "FSM", "FO": "FRO", "FP": "PYF", "FQ": "UMI", "FR": "FRA", "FS": "ATF", "GA": "GMB",
    "GB": "GAB", "GG": "GEO", "GH": "GHA", "GI": "GIB", "GJ": "GRD", "GK": "GGY", "GL": "GRL", "GM": "DEU",
    "GO": "ATF", "GP": "GLP", "GQ": "GUM", "GR": "GRC", "GT": "GTM", "GV": "GIN", "GY": "GUY", "GZ": "PSE",
    "HA": "HTI", "HK": "HKG", "HM": "HMD", "HO": "HND", "HQ": "UMI", "HR": "HRV", "HU": "HUN", "IC": "ISL",
    "ID": "IDN", "IM": "IMN", "IN": "IND", "IO": "IOT", "IP": "PYF", "IR": "IRN", "IS": "ISR", "IT": "ITA",
    "IV": "CIV", "IZ": "IRQ", "JA": "JPN", "JE": "JEY", "JM": "JAM", "JN": "SJM", "JO": "JOR", "JQ": "UMI",
    "JU": "ATF", "KE": "KEN", "KG": "KGZ", "KN": "PRK", "KQ": "UMI", "KR": "KIR", "KS": "KOR", "KT": "CXR",
    "KU": "KWT", "KV": "XKX", "KZ": "KAZ", "LA": "LAO", "LE": "LBN", "LG": "LVA", "LH": "LTU", "LI": "LBR",
    "LO": "SVK", "LQ": "UMI", "LS": "LIE", "LT": "LSO", "LU": "LUX", "LY": "LBY", "MA": "MDG", "MB": "MTQ",
    "MC": "MAC", "MD": "MDA", "MF": "MYT", "MG": "MNG", "MH": "MSR", "MI": "MWI", "MJ": "MNE", "MK": "MKD",
    "ML": "MLI", "MN": "MCO", "MO": "MAR", "MP": "MUS", "MQ": "UMI", "MR": "MRT", "MT": "MLT", "MU": "OMN",
    "MV": "MDV", "MX": "MEX", "MY": "MYS", "MZ": "MOZ", "NC": "NCL", "NE": "NIU", "NF": "NFK", "NG": "NER",
    "NH": "VUT", "NI": "NGA", "NL": "NLD", "NN": "SXM", "NO": "NOR", "NP": "NPL", "NR": "NRU", "NS": "SUR",
    "NT": "ANT", "NU": "NIC", "NZ": "NZL", "OD": "SSD", "OS": None, "PA": "PRY", "PC": "PCN", "PE": "PER",
    "PF": None, "PG": None, "PJ": None, "PK": "PAK", "PL": "POL", "PM": "PAN", "PO": "PRT", "PP": "PNG",
    "PS": "PLW", "PU": "GNB", "QA": "QAT", "RB": "SRB", "RE": "REU", "RI": "SRB", "RM": "MHL", "RN": "MAF",
    "RO": "ROU", "RP": "PHL", "RQ": "PRI", "RS": "RUS", "RW": "RWA", "SA": "SAU", "SB": "SPM", "SC": "KNA",
    "SE": "SYC", "SF": "ZAF", "SG": "SEN", "SH": "SHN", "SI": "SVN", "SL": "SLE", "SM": "SMR", "SN": "SGP",
    "SO": "SOM", "SP": "ESP", "ST": "LCA", "SU": "SDN", "SV": "SJM", "SW": "SWE", "SX": "SGS", "SY": "SYR",
    "SZ": "CHE", "TB": "BLM", "TD": "TTO", "TE": "ATF", "TH": "THA", "TI": "TJK", "TK": "TCA", "TL": "TKL",
    "TN": "TON", "TO": "TGO", "TP": "STP", "TS": "TUN", "TT": "TLS", "TU": "TUR", "TV": "TUV", "TW": "TWN",
    "TX": "TKM", "TZ": "TZA", "UC": "CUW", "UG": "UGA", "UK": "GBR", "UP": "UKR", "US": "USA", "UV": "BFA",
    "UY": "URY", "UZ": "UZB", "VC": "VCT", "VE": "VEN", "VI": "VGB", "VM": "VNM", "VQ": "VIR", "VT": "VAT",
    "WA": "NAM", "WE": "PSE", "WF": "WLF", "WI": "ESH", "WQ": "UMI", "WS": "WSM", "WZ": "SWZ", "YI": "SCG",
    "YM": "YEM", "ZA": "ZMB", "ZI": "ZWE",
}  # fmt: skip


class UnknownCode(KeyError):
    """A FIPS 10-4 code not in the table."""


def fips_to_iso3(code: str) -> str | None:
    """ISO-3 for a FIPS 10-4 country code ('UK' -> 'GBR', 'RS' -> 'RUS'); None for places with no ISO
    country (e.g. 'OS' oceans, 'PG' Spratly Islands); UnknownCode if FIPS has no such code."""
    key = code.strip().upper()
    if key not in FIPS_TO_ISO3:
        raise UnknownCode(key)
    return FIPS_TO_ISO3[key]


def cameo_country(code: str) -> str | None:
    """ISO-3 for a CAMEO actor country code; None for CAMEO regions (AFR, EUR, WST ...) and blanks."""
    key = code.strip().upper()
    if not key or key in CAMEO_REGIONS:
        return None
    if key in CAMEO_COUNTRIES:
        return CAMEO_COUNTRIES[key]
    if iso3 := to_iso3(key):
        return iso3
    raise Reject(f"unknown CAMEO country code {key!r} in Actor2CountryCode")


_DIGITS = re.compile(r"^\d+$")
NOT_EXTRA = {"GLOBALEVENTID", "SQLDATE", "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL"}


def _looks_raw(row: list[str]) -> bool:
    """A headerless GDELT line: numeric id, YYYYMMDD, YYYYMM, YYYY, fractional year."""
    return (len(row) in RAW_SHAPES and bool(_DIGITS.match(row[0].strip()))
            and bool(re.fullmatch(r"\d{8}", row[1].strip())) and bool(re.fullmatch(r"\d{6}", row[2].strip()))
            and bool(re.fullmatch(r"\d{4}", row[3].strip())) and bool(re.fullmatch(r"\d{4}\.\d+", row[4].strip())))


def _publisher(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.") or "unknown publisher"


class GdeltFormat(Format):
    name: ClassVar[str] = "gdelt"
    primary_table: ClassVar[str] = "events"
    description: ClassVar[str] = (
        "GDELT 1.0/2.0 events: raw tab-separated (57, 58 or 61 columns, no header) or with a header "
        "(GLOBALEVENTID, SQLDATE, EventCode, ActionGeo_CountryCode, ..., SOURCEURL)"
    )
    on_changed: ClassVar[str] = "update"
    hash_ignores: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lower: dict[str, str] | None = None

    def _names(self, row: dict[str, str]) -> dict[str, str]:
        if self._lower is None:
            wanted = {c.lower() for c in COLUMNS_V2} | {"cameocodedescription"}
            self._lower = {c.lower(): c for c in row if c.lower() in wanted}
        return self._lower

    def detect(self, first_row: list[str]) -> Detection | None:
        header = normalise_header(first_row)
        if all(c in header for c in REQUIRED):
            return Detection([c.strip().lstrip("\ufeff").strip() for c in first_row])
        if _looks_raw(first_row):
            return Detection(RAW_SHAPES[len(first_row)], first_row_is_header=False)
        return None

    def parse(self, row: dict[str, str], ctx: Context) -> list[Record]:
        # Column names are matched case-insensitively; `extra` keeps GDELT's own spelling.
        r = {k: row[c].strip() for k, c in self._names(row).items()}
        event_id = r["globaleventid"]
        if not event_id:
            raise Reject("missing GLOBALEVENTID")
        code = r.get("eventcode", "")
        if not code:
            raise Reject("missing EventCode")
        root = r.get("eventrootcode") or code[:2]
        description = r.get("cameocodedescription", "").strip()
        if code in VISITS:
            event_type, sub = VISITS[code]
            sub = f"{sub} (CAMEO {code})"
        else:
            event_type = CAMEO_ROOTS.get(root, f"CAMEO {root}")
            sub = f"{description} (CAMEO {code})" if description else f"CAMEO {code}"

        fips = r.get("actiongeo_countrycode", "")
        try:
            iso3 = fips_to_iso3(fips) if fips else None
        except UnknownCode:
            raise Reject(f"unknown FIPS 10-4 country code {fips!r} in ActionGeo_CountryCode") from None

        url = r.get("sourceurl", "")
        if url:
            source_id = f"gdelt:{url}"
            ctx.ensure_source(
                source_id,
                publisher=_publisher(url),
                title=f"Article coded by GDELT ({_publisher(url)})",
                url=url,
                accessed_on=ctx.accessed_on,
                notes=f"Machine-coded by the GDELT Event Database from this article; loaded from {ctx.input_name}.",
            )
        else:  # 1.0 backfiles name no article
            source_id = f"gdelt:{ctx.input_name}"
            ctx.ensure_source(
                source_id,
                publisher="The GDELT Project",
                title=f"GDELT event export {ctx.input_name}",
                url="https://www.gdeltproject.org/data.html",
                accessed_on=ctx.accessed_on,
                notes="Machine-coded events; this file names no source article.",
            )
        actor1 = r.get("actor1name") or r.get("actor1code") or None
        actor2 = r.get("actor2name") or r.get("actor2code") or None
        place = r.get("actiongeo_fullname") or None
        what = description.lower() if description else sub
        summary = f"{actor1 or '(no actor)'}: {what}" + (f" — {actor2}" if actor2 else "")
        if place:
            summary += f" (in {place})"
        geo_type = r.get("actiongeo_type", "")
        values = {
            "event_id": f"gdelt:{event_id}",
            "event_date": r["sqldate"],
            "date_precision": "day",
            "event_type": event_type,
            "sub_event_type": sub,
            "country_iso3": iso3,
            "counterpart_iso3": cameo_country(r.get("actor2countrycode", "")),
            "location": place,
            "latitude": r.get("actiongeo_lat"),
            "longitude": r.get("actiongeo_long"),
            "geo_precision": labelled(GEO_TYPE.get(geo_type), "gdelt", geo_type),
            "actor1": actor1,
            "actor2": actor2,
            "summary": summary,
            "origin": "gdelt",
            "origin_id": event_id,
            "source_id": source_id,
            "extra": extra_json(row, NOT_EXTRA),
        }
        if is_missing(values["latitude"]) != is_missing(values["longitude"]):
            raise Reject("ActionGeo_Lat and ActionGeo_Long: one is given without the other")
        return [Record("events", values)]


FORMATS: list[type[Format]] = [GdeltFormat]
