"""The chain "X, Province, Country": the areas after a name say where it must lie.

Event summaries place an event as "Jusiga village, Mahagi district, Ituri, Democratic Republic
of the Congo" or "Muqur district, Badghis, Afghanistan". The first area of the chain that the
gazetteer resolves (a first- or second-level division, or a country) constrains X: a reading of
X outside it is a namesake elsewhere, and when the gazetteer has no X there, X is placed at that
area with its own name kept, at the area's precision. Never a namesake abroad.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmledger.places.finder import Mention
from harmledger.places.gazetteer import Entry
from harmledger.places.geo import haversine_km
from harmledger.places.resolve import Scored, contains
from harmledger.places.vocab import CHAIN_HEADS

_HEADS = "|".join(sorted(CHAIN_HEADS, key=len, reverse=True))
# "X, Y", "X district, Y", "X village, Y chieftaincy, Z"; "X district of Y", "the X neighbourhood of Y".
_CHAIN_GAP_RE = re.compile(rf"^(?:\s+(?:{_HEADS}))?\s*,\s*$|^\s+(?:{_HEADS})\s+(?:of|in)\s+(?:the\s+)?$", re.IGNORECASE)
AREA_FEATURES = frozenset({"ADM1", "ADM2", "PCLI"})
# Bigger areas hold smaller ones; a name as big as the area after it makes a list
# ("Greece, Bulgaria", "California, Colorado"), not a chain.
RANK: dict[str, int] = {"PCLI": 3, "CONT": 4, "RGN": 3, "ADM1": 2, "ADM2": 1}
# A reading of X this close to the area's point counts as inside it even when the gazetteer's
# division names disagree (GeoNames and the press spell divisions differently).
INSIDE_KM: dict[str, float] = {"ADM1": 250.0, "ADM2": 60.0}


@dataclass(frozen=True, slots=True)
class ChainArea:
    """The area a mention is said to lie in, and whether its own reading lies inside it."""

    area: Entry
    inside: bool
    links: int  # names after X up to and including the area ("X, Badghis, Afghanistan": 2 in all)


def inside(area: Entry, place: Entry) -> bool:
    """True when ``place`` can lie in ``area`` (by division name, country, or distance)."""
    if contains(area, place):
        return True
    if area.feature == "ADM2" and place.admin2 and place.admin2 == area.name and place.country == area.country:
        return True
    limit = INSIDE_KM.get(area.feature)
    return (
        limit is not None
        and place.country == area.country
        and haversine_km(area.lat, area.lon, place.lat, place.lon) <= limit
    )


def _as_big(m: Mention, mine: Scored | None, area: Entry) -> bool:
    """True when the mention reads as an area at least as big as ``area`` (so: a list)."""
    need = RANK.get(area.feature, 0)
    if mine is not None:
        return RANK.get(mine.entry.feature, 0) >= need
    return any(RANK.get(c.feature, 0) >= need for c in m.candidates)


def chain_areas(text: str, mentions: list[Mention], best: list[Scored | None]) -> dict[int, ChainArea]:
    """For each mention followed by a chain of names, the first resolved area of the chain."""
    out: dict[int, ChainArea] = {}
    for i, m in enumerate(mentions):
        if m.reporting:
            continue
        j, prev = i + 1, m
        found: ChainArea | None = None
        while j < len(mentions) and _CHAIN_GAP_RE.match(text[prev.end : mentions[j].start]):
            chosen = best[j]
            if found is not None:
                found = ChainArea(found.area, found.inside, found.links + 1)
            elif chosen is not None:
                if chosen.entry.feature not in AREA_FEATURES or _as_big(m, best[i], chosen.entry):
                    break  # a town after the comma ("Manbij, Aleppo") is a list, not a chain
                mine = best[i]
                found = ChainArea(
                    chosen.entry,
                    mine is not None and (mine.entry.id == chosen.entry.id or inside(chosen.entry, mine.entry)),
                    j - i,
                )
            prev, j = mentions[j], j + 1
        if found is not None:
            out[i] = found
    return out
