"""The network of bilateral interactions: pairs, countries placed at their capitals, visit arcs, the lines drawn.

Pure pandas over the frames monitor.queries.relationships returns; the gazetteer is passed in (`capital`).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from monitor.countries import country_name

NETWORK_MAX_PAIRS = 40  # more lines than this is a hairball; the caption says how many are drawn
NETWORK_MAX_KINDS = 7  # the rest are drawn together as "other kinds" (grey), so colours stay distinguishable


def pair_options(edges: pd.DataFrame) -> pd.DataFrame:
    """Pairs with any interaction, most first: pair ('A-B'), a, b, n and a 'meeting 4, visit 2' breakdown."""
    if edges.empty:
        return pd.DataFrame(columns=["pair", "a", "b", "n", "kinds"])
    by_kind = edges.sort_values(["n", "kind"], ascending=[False, True])
    out = by_kind.groupby(["a", "b"], as_index=False).agg(
        n=("n", "sum"), kinds=("kind", lambda k: ", ".join(f"{kind} {by_kind.at[i, 'n']}" for i, kind in k.items())))
    out["pair"] = out["a"] + "-" + out["b"]
    return out.sort_values(["n", "pair"], ascending=[False, True], ignore_index=True)[["pair", "a", "b", "n", "kinds"]]


def network_nodes(edges: pd.DataFrame, capital: Callable[[str], tuple[str, float, float] | None]) -> pd.DataFrame:
    """Countries of the edges placed at their capital: iso3, country, capital, lat, lon, n (None lat: no capital)."""
    totals = pd.concat([edges[[end, "n"]].rename(columns={end: "iso3"}) for end in ("a", "b")])
    nodes = totals.groupby("iso3", as_index=False)["n"].sum().sort_values("n", ascending=False, ignore_index=True)
    places = [capital(c) for c in nodes["iso3"]]
    nodes["country"] = nodes["iso3"].map(country_name)
    nodes["capital"] = [p[0] if p else None for p in places]
    nodes["lat"] = [p[1] if p else None for p in places]
    nodes["lon"] = [p[2] if p else None for p in places]
    return nodes


def visit_arcs(visits: pd.DataFrame, capital: Callable[[str], tuple[str, float, float] | None],
               distance: Callable[[tuple[float, float], tuple[float, float]], float]) -> pd.DataFrame:
    """Each visit from the capital of the visitor's country to the visit's place, with the distance in km."""
    out = visits.copy()
    origins = [capital(c) for c in out["visitor_iso3"]]
    out["origin"] = [o[0] if o else None for o in origins]
    out["origin_lat"] = [o[1] if o else None for o in origins]
    out["origin_lon"] = [o[2] if o else None for o in origins]
    out["distance_km"] = [
        round(distance((o[1], o[2]), (lat, lon))) if o and pd.notna(lat) and pd.notna(lon) else None
        for o, lat, lon in zip(origins, out["latitude"], out["longitude"], strict=True)]
    return out.astype({"distance_km": "Int64"})


def network_edges(edges: pd.DataFrame, max_pairs: int = NETWORK_MAX_PAIRS,
                  max_kinds: int = NETWORK_MAX_KINDS) -> pd.DataFrame:
    """The busiest pairs, the rarer kinds of interaction merged into 'other kinds'."""
    if edges.empty:
        return edges
    common = edges.groupby("kind")["n"].sum().sort_values(ascending=False).index[:max_kinds]
    merged = (edges.assign(kind=edges["kind"].where(edges["kind"].isin(common), "other kinds"))
              .groupby(["a", "b", "kind"], as_index=False).agg(n=("n", "sum"), first=("first", "min"),
                                                                last=("last", "max")))
    busiest = merged.groupby(["a", "b"])["n"].sum().nlargest(max_pairs)
    keep = merged.set_index(["a", "b"]).index.isin(busiest.index)
    return merged[keep].reset_index(drop=True)
