"""The event-type crosswalk: three groups that mean the same across datasets, over each publisher's own types.

A link's `type` is either a publisher's own event type, as published (`Battles`, `one-sided violence`, `fight`),
or one of three groups. The groups are HDX HAPI's, defined over ACLED's types
(https://hdx-hapi.readthedocs.io/en/latest/data_usage_guides/enums/#event-type, from
https://github.com/OCHA-DAP/hdx-hapi/blob/main/docs/data_usage_guides/enum_parameters/event_type_parameters.yaml):

- political violence: ACLED's Battles, Violence against civilians and Explosions/Remote violence, and the Mob
  violence sub-event type of Riots;
- civilian targeting: Violence against civilians, and Explosions/Remote violence in which civilians were directly
  targeted (ACLED's `civilian_targeting` column, kept in `extra`, says "Civilian targeting");
- demonstrations: Protests and Riots, except Mob violence.

The groups overlap (civilian targeting is part of political violence), as HDX HAPI's do. Our crosswalk for the
other datasets:

- UCDP GED: every type is organised violence that killed, so every GED event is political violence; one-sided
  violence (a government or formal group against civilians) is also civilian targeting. GED has no
  demonstrations.
- GDELT (CAMEO root codes, read from `event_type`, which holds the root's name): 18 assault, 19 fight and 20 use
  unconventional mass violence are political violence; 14 protest is demonstrations. CAMEO's roots do not say
  who was targeted, so no GDELT row is civilian targeting. GDELT counts reports coded by machine, not events.
- Curated rows and other ACLED-shaped data: ACLED's rule, by type name.
- HDX HAPI's aggregates (`event_counts`): their own `event_type` is the group (political_violence …).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    """A cross-dataset group of event types: its key in a link, its label, and its HDX HAPI event_type."""

    key: str
    label: str
    hdx_type: str


POLITICAL_VIOLENCE = Group("political-violence", "Political violence", "political_violence")
CIVILIAN_TARGETING = Group("civilian-targeting", "Civilian targeting", "civilian_targeting")
DEMONSTRATIONS = Group("demonstrations", "Demonstrations", "demonstration")
GROUPS: dict[str, Group] = {g.key: g for g in (POLITICAL_VIOLENCE, CIVILIAN_TARGETING, DEMONSTRATIONS)}

ACLED_VIOLENT = ("Battles", "Violence against civilians", "Explosions/Remote violence")
ACLED_DEMONSTRATIONS = ("Protests", "Riots")
MOB_VIOLENCE = "Mob violence"
ACLED_CIVILIAN_TARGETING = "Civilian targeting"  # the value of ACLED's civilian_targeting column
UCDP_TYPES = ("state-based conflict", "non-state conflict", "one-sided violence")
GDELT_VIOLENT = ("assault", "fight", "use unconventional mass violence")  # CAMEO roots 18, 19, 20
GDELT_DEMONSTRATIONS = ("protest",)  # CAMEO root 14
# Whether an ACLED row's civilians were directly targeted, from the row's `extra` (events) or the aggregate's own
# column (events_daily.civilian_targeting).
def civilian_from_extra(alias: str = "events") -> str:
    return f"(json_extract_string({alias}.extra, '$.civilian_targeting') = '{ACLED_CIVILIAN_TARGETING}')"


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def group_sql(group: str, alias: str = "events", civilian: str | None = None) -> str:
    """SQL true for the rows of `alias` (events, or the aggregate events_daily) in `group`: over origin, event_type,
    sub_event_type and `civilian` (SQL: whether an ACLED row targeted civilians; by default read from `extra`)."""
    origin, kind, sub = f"{alias}.origin", f"{alias}.event_type", f"{alias}.sub_event_type"
    civilian = civilian or civilian_from_extra(alias)
    not_mob = f"coalesce({sub}, '') <> '{MOB_VIOLENCE}'"
    if group == POLITICAL_VIOLENCE.key:
        return (f"(CASE {origin} WHEN 'ucdp' THEN {kind} IN ({_quoted(UCDP_TYPES)}) "
                f"WHEN 'gdelt' THEN {kind} IN ({_quoted(GDELT_VIOLENT)}) "
                f"ELSE {kind} IN ({_quoted(ACLED_VIOLENT)}) OR ({kind} = 'Riots' AND NOT {not_mob}) END)")
    if group == CIVILIAN_TARGETING.key:
        return (f"(CASE {origin} WHEN 'ucdp' THEN {kind} = 'one-sided violence' WHEN 'gdelt' THEN FALSE "
                f"ELSE {kind} = 'Violence against civilians' OR ({kind} = 'Explosions/Remote violence' "
                f"AND coalesce({civilian}, FALSE)) END)")
    if group == DEMONSTRATIONS.key:
        return (f"(CASE {origin} WHEN 'ucdp' THEN FALSE WHEN 'gdelt' THEN {kind} IN ({_quoted(GDELT_DEMONSTRATIONS)}) "
                f"ELSE {kind} IN ({_quoted(ACLED_DEMONSTRATIONS)}) AND {not_mob} END)")
    raise ValueError(f"no event-type group {group!r} (groups: {', '.join(GROUPS)})")


def groups_of(origin: str, event_type: str, sub_event_type: str | None = None, civilian: bool = False) -> set[str]:
    """The groups one event belongs to (the same rule as group_sql, in Python: for labels and tests)."""
    mob = sub_event_type == MOB_VIOLENCE
    if origin == "ucdp":
        return {POLITICAL_VIOLENCE.key} | ({CIVILIAN_TARGETING.key} if event_type == "one-sided violence" else set())
    if origin == "gdelt":
        return ({POLITICAL_VIOLENCE.key} if event_type in GDELT_VIOLENT else set()) | (
            {DEMONSTRATIONS.key} if event_type in GDELT_DEMONSTRATIONS else set())
    found = set()
    if event_type in ACLED_VIOLENT or (event_type == "Riots" and mob):
        found.add(POLITICAL_VIOLENCE.key)
    if event_type == "Violence against civilians" or (event_type == "Explosions/Remote violence" and civilian):
        found.add(CIVILIAN_TARGETING.key)
    if event_type in ACLED_DEMONSTRATIONS and not mob:
        found.add(DEMONSTRATIONS.key)
    return found


def is_group(value: str) -> bool:
    return value in GROUPS


def label(value: str) -> str:
    """A `type` value as the pages say it: a group's label, else the publisher's own type."""
    return GROUPS[value].label if value in GROUPS else value
