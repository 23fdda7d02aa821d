"""GDELT event exports (gdeltproject.org), 1.0 and 2.0, into `events`.

Raw GDELT files are tab-separated with no header: 57 columns (1.0 historical backfiles), 58 (1.0 daily
files, with SOURCEURL) or 61 (2.0: an ADM2 code for each of the three places). They are recognised by
their shape; a file with a header (any column order, extra columns such as CAMEOCodeDescription) by its
column names. Event codes keep their leading zeros ("042"). Places are coded in FIPS 10-4, not ISO:
`fips_to_iso3` below converts them. Each article (SOURCEURL) becomes a `sources` row.
"""

from __future__ import annotations

import re
from typing import ClassVar

from etl.formats._shared import labelled
from etl.formats.base import Derived, Detection, Format, Mapping, Reject, Rule, Source, normalise_header
from etl.sql import case_map, literal
from monitor.countries import to_iso3
from monitor.regions import gdelt_admin1_sql

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


def fips_code(code: str | None) -> str | None:
    """fips_to_iso3 for a lookup: None for a blank code, Reject naming an unknown one."""
    if not code:
        return None
    try:
        return fips_to_iso3(code)
    except UnknownCode:
        raise Reject(f"unknown FIPS 10-4 country code {code!r} in ActionGeo_CountryCode") from None


_DIGITS = re.compile(r"^\d+$")
NOT_EXTRA = {"globaleventid", "sqldate", "actiongeo_fullname", "actiongeo_lat", "actiongeo_long", "sourceurl"}


def _looks_raw(row: list[str]) -> bool:
    """A headerless GDELT line: numeric id, YYYYMMDD, YYYYMM, YYYY, fractional year."""
    return (len(row) in RAW_SHAPES and bool(_DIGITS.match(row[0].strip()))
            and bool(re.fullmatch(r"\d{8}", row[1].strip())) and bool(re.fullmatch(r"\d{6}", row[2].strip()))
            and bool(re.fullmatch(r"\d{4}", row[3].strip())) and bool(re.fullmatch(r"\d{4}\.\d+", row[4].strip())))


def publisher(url: str) -> str:
    """SQL: the web host of an article URL, without www. ('example.org'), or 'unknown publisher'."""
    host = f"lower(regexp_extract({url}, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)', 1))"
    return f"coalesce(nullif(regexp_replace({host}, '^www\\.', ''), ''), 'unknown publisher')"


class GdeltFormat(Format):
    name: ClassVar[str] = "gdelt"
    primary_table: ClassVar[str] = "events"
    description: ClassVar[str] = (
        "GDELT 1.0/2.0 events: raw tab-separated (57, 58 or 61 columns, no header) or with a header "
        "(GLOBALEVENTID, SQLDATE, EventCode, ActionGeo_CountryCode, ..., SOURCEURL)"
    )
    on_changed: ClassVar[str] = "update"
    hash_ignores: ClassVar[tuple[str, ...]] = ()

    def detect(self, first_row: list[str]) -> Detection | None:
        header = normalise_header(first_row)
        if all(c in header for c in REQUIRED):
            return Detection([c.strip().lstrip("\ufeff").strip() for c in first_row])
        if _looks_raw(first_row):
            return Detection(RAW_SHAPES[len(first_row)], first_row_is_header=False)
        return None

    def mapping(self, src: Source) -> Mapping:
        # Column names are matched case-insensitively; `extra` keeps GDELT's own spelling.
        def t(name: str) -> str:
            return f"nullif(trim({src.col(name)}), '')"

        code, description = t("eventcode"), t("cameocodedescription")
        root = f"coalesce({t('eventrootcode')}, left({code}, 2))"
        visit_type = case_map(code, {k: v[0] for k, v in VISITS.items()})
        visit_sub = case_map(code, {k: v[1] for k, v in VISITS.items()})
        event_type = f"coalesce({visit_type}, {case_map(root, CAMEO_ROOTS)}, 'CAMEO ' || {root})"
        sub = (f"coalesce({visit_sub} || ' (CAMEO ' || {code} || ')', {description} || ' (CAMEO ' || {code} || ')', "
               f"'CAMEO ' || {code})")
        what = f"coalesce(lower({description}), {sub})"
        actor1 = f"coalesce({t('actor1name')}, {t('actor1code')})"
        actor2 = f"coalesce({t('actor2name')}, {t('actor2code')})"
        place = t("actiongeo_fullname")
        summary = (f"coalesce({actor1}, '(no actor)') || ': ' || {what} || coalesce(' — ' || {actor2}, '') "
                   f"|| coalesce(' (in ' || {place} || ')', '')")
        fips = src.lookup(fips_code, t("actiongeo_countrycode"))
        counterpart = src.lookup(cameo_country, f"coalesce({t('actor2countrycode')}, '')")
        url = t("sourceurl")
        source_id = f"coalesce('gdelt:' || {url}, {literal('gdelt:' + src.input_name)})"
        lat_missing, lon_missing = (f"(val({src.col(c)}) IS NULL)" for c in ("actiongeo_lat", "actiongeo_long"))
        columns = {
            "event_id": f"'gdelt:' || {t('globaleventid')}",
            "event_date": t("sqldate"),
            "date_precision": "'day'",
            "event_type": event_type,
            "sub_event_type": sub,
            "country_iso3": fips.value,
            "counterpart_iso3": counterpart.value,
            # GDELT codes ADM1 (ActionGeo_ADM1Code, FIPS) but names it only inside the full name; no ADM2 name
            "admin1": gdelt_admin1_sql(f"coalesce({t('actiongeo_type')}, '')", place),
            "location": place,
            "latitude": t("actiongeo_lat"),
            "longitude": t("actiongeo_long"),
            "geo_precision": labelled(src.col("actiongeo_type"), GEO_TYPE, "gdelt"),
            "actor1": actor1,
            "actor2": actor2,
            "summary": summary,
            "origin": "'gdelt'",
            "origin_id": t("globaleventid"),
            "source_id": source_id,
            "extra": src.extra(NOT_EXTRA),
        }
        rules = [
            Rule("event id", f"CASE WHEN {t('globaleventid')} IS NULL THEN 'missing GLOBALEVENTID' END"),
            Rule("event code", f"CASE WHEN {code} IS NULL THEN 'missing EventCode' END"),
            Rule("place", fips.reason),
            Rule("counterpart", counterpart.reason),
            Rule("coordinates", f"CASE WHEN {lat_missing} <> {lon_missing} THEN "
                                "'ActionGeo_Lat and ActionGeo_Long: one is given without the other' END"),
        ]
        article = Derived("sources", {
            "source_id": f"'gdelt:' || {url}",
            "publisher": publisher(url),
            "title": f"'Article coded by GDELT (' || {publisher(url)} || ')'",
            "url": url,
            "accessed_on": literal(src.accessed_on.isoformat()),
            "notes": literal(f"Machine-coded by the GDELT Event Database from this article; loaded from "
                             f"{src.input_name}."),
        })
        backfile = Derived("sources", {  # 1.0 backfiles name no article
            **src.export_source(f"gdelt:{src.input_name}", publisher="The GDELT Project",
                                title=f"GDELT event export {src.input_name}",
                                url="https://www.gdeltproject.org/data.html",
                                notes="Machine-coded events; this file names no source article.").columns,
            "source_id": f"CASE WHEN {url} IS NULL THEN {literal('gdelt:' + src.input_name)} END",
        })
        return Mapping("events", columns, rules, derived=[article, backfile])


FORMATS: list[type[Format]] = [GdeltFormat]
