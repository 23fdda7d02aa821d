"""Every country name UCDP's GED writes resolves (issue 16, item 4). A real 1,000-event GED 23.1 sample rejected one
event: "Macedonia, FYR" was unknown.

UCDP GED names countries as the Gleditsch-Ward list of independent states does, with an earlier name of the state
in parentheses ("Myanmar (Burma)", "DR Congo (Zaire)"). Where the names below come from: the GED codebook text
itself is not among the references the project's search reaches (searched 2026-12-06: UCDP GED codebook 23.1,
"country" variable); what it reached are the GED `country` values as published data and as public code that joins
GED by name uses them: the shared GED 23.1 export (../shared/realdata/ucdp: "Myanmar (Burma)"), and the
translation tables to GED's country names in public analysis code (e.g. the QoG / V-Dem -> `u_ucdp_gedid_country`
recodes: "Bosnia-Herzegovina", "Cambodia (Kampuchea)", "DR Congo (Zaire)", "Kingdom of eSwatini (Swaziland)",
"Macedonia, FYR", "Madagascar (Malagasy)", "Russia (Soviet Union)", "Serbia (Yugoslavia)", "Yemen (North
Yemen)", "Zimbabwe (Rhodesia)", "Ivory Coast", "United States of America"). Each expected code is by hand.
"""

from __future__ import annotations

import pytest

from monitor.countries import to_iso3

# GED's names that differ from the UN's and ISO's, with the state each means (ISO-3, by hand).
GED_SPELLINGS = {
    "Bosnia-Herzegovina": "BIH",
    "Cambodia (Kampuchea)": "KHM",
    "DR Congo (Zaire)": "COD",
    "Congo": "COG",
    "Ivory Coast": "CIV",
    "Kingdom of eSwatini (Swaziland)": "SWZ",
    "Macedonia, FYR": "MKD",
    "North Macedonia": "MKD",
    "Madagascar (Malagasy)": "MDG",
    "Myanmar (Burma)": "MMR",
    "Russia (Soviet Union)": "RUS",
    "Serbia (Yugoslavia)": "SRB",
    "Yemen (North Yemen)": "YEM",
    "Zimbabwe (Rhodesia)": "ZWE",
    "Vietnam (North Vietnam)": "VNM",
    "United States of America": "USA",
    "East Timor": "TLS",
    "Laos": "LAO",
    "Syria": "SYR",
    "Iran": "IRN",
    "Gambia": "GMB",
    "Tanzania": "TZA",
    "Kosovo": "XKX",
}
# GED's names that are the common English name of the state.
GED_PLAIN = (
    "Afghanistan Albania Algeria Angola Armenia Azerbaijan Bahrain Bangladesh Belgium Benin Bolivia Brazil Burundi "
    "Cameroon Chad China Colombia Comoros Croatia Djibouti Ecuador Egypt Eritrea Ethiopia France Georgia Ghana "
    "Guatemala Guinea Guinea-Bissau Haiti Honduras India Indonesia Iraq Israel Jordan Kenya Kyrgyzstan Lebanon Lesotho "
    "Liberia Libya Malaysia Mali Mauritania Mexico Moldova Montenegro Morocco Mozambique Nepal Nicaragua Niger "
    "Nigeria Pakistan Panama Paraguay Peru Philippines Rwanda Senegal Slovenia Somalia Spain Sudan Tajikistan "
    "Thailand Togo Tunisia Turkey Uganda Ukraine Uzbekistan Venezuela"
).split() + ["Burkina Faso", "Central African Republic", "El Salvador", "Papua New Guinea", "Saudi Arabia",
             "Sierra Leone", "Solomon Islands", "South Africa", "South Sudan", "Sri Lanka", "Trinidad and Tobago",
             "United Arab Emirates", "United Kingdom"]


@pytest.mark.parametrize("name,iso3", sorted(GED_SPELLINGS.items()))
def test_each_ged_spelling_resolves_to_its_state(name, iso3):
    assert to_iso3(name) == iso3


def test_every_plain_ged_name_resolves():
    assert [name for name in GED_PLAIN if to_iso3(name) is None] == []
