"""Regions inside a country: the publisher's first-level administrative areas (`events.admin1`), written in a link
as `ISO3:Name` (`MMR:Sagaing region`), and the SQL that reads them out of each publisher's columns.

The names stay as each publisher writes them (UCDP's "Sagaing region", ACLED's "Sagaing"): a region is a
(country, name) pair, never matched across spellings.
"""

from __future__ import annotations

# GDELT's ActionGeo_FullName is "City, ADM1, Country" for a city or landmark (ActionGeo_Type 3 US city, 4 world
# city) and "ADM1, Country" for a first-level division (2 US state, 5 world state); a country (1) has no ADM1.
# (GDELT 1.0 Event Database codebook, ActionGeo_FullName and ActionGeo_Type.) A name may itself hold a comma
# ("London, City of"), so the ADM1 is everything between the first and the last comma. GDELT writes
# "<Country> (general)" where it knows no ADM1 (ADM1 code "00"): no region.
GDELT_CITY_TYPES = ("3", "4")
GDELT_STATE_TYPES = ("2", "5")


def gdelt_admin1_sql(geo_type: str, full_name: str) -> str:
    """SQL: the ADM1 name in GDELT's action geography, from ActionGeo_Type and ActionGeo_FullName (NULL if none)."""
    t, f = f"trim({geo_type})", f"trim({full_name})"
    name = (f"CASE WHEN {t} IN ('3', '4') THEN regexp_extract({f}, '^[^,]*,\\s*(.*\\S)\\s*,[^,]*$', 1) "
            f"WHEN {t} IN ('2', '5') THEN regexp_extract({f}, '^(.*\\S)\\s*,[^,]*$', 1) END")
    return f"CASE WHEN NOT ends_with({name}, '(general)') THEN nullif({name}, '') END"


# `etl upgrade` of a database loaded before admin1/admin2 were columns: each importer kept them in `extra`
# (the JSON object of an export's unmapped columns, keyed by the header as written).
def _json_text(key_variants: tuple[str, ...]) -> str:
    reads = [f"json_extract_string(extra, {_quoted_path(k)})" for k in key_variants]
    return f"nullif(trim(coalesce({', '.join(reads)})), '')"


def _quoted_path(key: str) -> str:
    return "'$.\"" + key.replace("'", "''") + "\"'"


def admin_from_extra_sql() -> tuple[str, str]:
    """SQL (admin1, admin2) for a stored `events` row, from its `extra` as each importer kept it there."""
    gdelt_type = _json_text(("ActionGeo_Type", "actiongeo_type", "ACTIONGEO_TYPE"))
    admin1 = (f"CASE origin WHEN 'acled' THEN {_json_text(('admin1', 'ADMIN1', 'Admin1'))} "
              f"WHEN 'ucdp' THEN {_json_text(('adm_1', 'ADM_1'))} "
              f"WHEN 'gdelt' THEN {gdelt_admin1_sql(f'coalesce({gdelt_type}, '')', 'location')} END")
    admin2 = (f"CASE origin WHEN 'acled' THEN {_json_text(('admin2', 'ADMIN2', 'Admin2'))} "
              f"WHEN 'ucdp' THEN {_json_text(('adm_2', 'ADM_2'))} END")
    return admin1, admin2


def region_key(iso3: str, admin1: str) -> str:
    """('MMR', 'Sagaing region') -> 'MMR:Sagaing region': a region as a link writes it."""
    return f"{iso3}:{admin1}"


def parse_region(value: str) -> tuple[str, str] | None:
    """'MMR:Sagaing region' -> ('MMR', 'Sagaing region'); None when it is not ISO3:Name."""
    iso3, sep, name = value.strip().partition(":")
    iso3, name = iso3.strip().upper(), name.strip()
    if not sep or len(iso3) != 3 or not iso3.isascii() or not iso3.isalpha() or not name:
        return None
    return iso3, name
