"""The chain "X, Province, Country": the areas after a name say where it must lie.

Event summaries place an event as "Jusiga village, Mahagi district, Ituri, Democratic Republic
of the Congo" or "Muqur district, Badghis, Afghanistan". The first area of the chain that the
gazetteer resolves (a first- or second-level division, or a country) constrains X: a reading of
X outside it is a namesake elsewhere, and when the gazetteer has no X there, X is placed at that
area with its own name kept, at the area's precision. Never a namesake abroad.

A town may stand in the chain for the district it is the seat of ("Takhta, Sari Pul,
Afghanistan"; "Mansura neighborhood, Shaykh Uthman, Adan, Yemen"): the chain goes on through it to
the area, and a name the area does not hold is placed at that town, the nearest link. Towns
make a chain only when it ends in a country and every town lies in the area: "Manbij, Aleppo" and
"Mandera, Naivasha, Nakuru" are lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from harmledger.places.finder import Mention
from harmledger.places.gazetteer import Entry
from harmledger.places.geo import haversine_km
from harmledger.places.resolve import Scored, contains
from harmledger.places.vocab import CHAIN_HEADS

_HEADS = "|".join(sorted(CHAIN_HEADS, key=len, reverse=True))
# "X, Y", "X district, Y", "X village, Y chieftaincy, Z"; "X district of Y", "the X neighbourhood of Y";
# "X, in the southwestern department of Y".
_IN_TYPED_AREA = rf"\s*,\s+in\s+the\s+(?:[a-z-]+\s+){{0,2}}(?:{_HEADS})\s+of\s+$"
TYPED_AREA_GAP = re.compile(rf"^{_IN_TYPED_AREA}", re.IGNORECASE)
# A link the gazetteer does not know, typed as an area, may stand between two it does: "Talnaar
# Village, Mirtur Area, Bijapur City" (its capitals are matched case-sensitively).
_UNKNOWN_TYPED_LINK = rf"(?-i:[A-Z][\w'’-]*\s+){{1,3}}(?:{_HEADS})\s*,\s*"
# "Blida in south Lebanon", "Marea in northern Aleppo province": in the part of the area it names
_IN_A_BEARING = (
    r"^\s+in\s+(?:the\s+)?(?:(?:far|deep|extreme)\s+)?(?:south|north|east|west|southern|northern|eastern|western|"
    r"south-?east(?:ern)?|south-?west(?:ern)?|north-?east(?:ern)?|north-?west(?:ern)?|central)\s+$"
)
_CHAIN_GAP_RE = re.compile(
    rf"^(?:\s+(?:{_HEADS}))?\s*,\s*(?:{_UNKNOWN_TYPED_LINK})?$|^\s+(?:{_HEADS})\s+(?:of|in)\s+(?:the\s+)?$|"
    rf"^(?:\s+(?:{_HEADS}))?{_IN_TYPED_AREA}|{_IN_A_BEARING}",
    re.IGNORECASE,
)
# A gap that types the next name ("…, in the southwestern department of Cauca") says the
# sentence is an address, as a second link would.
_TYPED_GAP_RE = re.compile(rf"(?:{_HEADS})\s+of\s+$", re.IGNORECASE)
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
    seat: Entry | None = None  # a town of the chain before the area, standing for its district
    reading: Entry | None = None  # the mention's own reading in the country an address ends in


# The first-level division the gazetteer files a place in (by its ``admin1``), where it has one.
FiledIn = Callable[[Entry], "Entry | None"]


def inside(area: Entry, place: Entry, filed_in: FiledIn | None = None) -> bool:
    """True when ``place`` can lie in ``area`` (by division name, country, or distance; with
    ``filed_in``, not by distance when the division the gazetteer files it in is nearer it)."""
    if contains(area, place):
        return True
    if area.feature == "ADM2" and place.admin2 and place.admin2 == area.name and place.country == area.country:
        return True
    if area.feature == "ADM1" and filed_in is not None and _filed_nearer(area, place, filed_in):
        return False
    limit = INSIDE_KM.get(area.feature)
    return (
        limit is not None
        and place.country == area.country
        and haversine_km(area.lat, area.lon, place.lat, place.lon) <= limit
    )


def _filed_nearer(area: Entry, place: Entry, filed_in: FiledIn) -> bool:
    """The gazetteer files ``place`` in another first-level division, nearer it than ``area``: a
    namesake next door ("Baharak, Takhar" is no Baharak of Badakhshan), not a town filed across
    a border or under a division's old name (those lie nearer the area the text names)."""
    filed = filed_in(place) if place.admin1 else None
    if filed is None or filed.id == area.id:
        return False
    own_km = haversine_km(filed.lat, filed.lon, place.lat, place.lon)
    return own_km < haversine_km(area.lat, area.lon, place.lat, place.lon)


def _holds(area: Entry, town: Entry) -> bool:
    """``inside``, by the division's name alone when both have one: a town in the next state
    over is not in the chain ("Indianapolis, Louisville, Ky." lists towns)."""
    if area.feature in ("PCLI", "ADM1") and town.admin1:
        return contains(area, town)
    return inside(area, town)


# A name before a town of the chain lies in that town's district or province: "Sa'ada, Aden,
# Adan, Yemen" is a quarter of Aden, not the city of Sa'dah 475 km north.
SEAT_KM = 250.0


def _near_seat(seat: Entry, place: Entry) -> bool:
    return place.id == seat.id or haversine_km(seat.lat, seat.lon, place.lat, place.lon) <= SEAT_KM


def _as_big(m: Mention, mine: Scored | None, area: Entry) -> bool:
    """True when the mention reads as an area at least as big as ``area`` (so: a list)."""
    need = RANK.get(area.feature, 0)
    if mine is not None and (area.feature == "PCLI" or mine.entry.country == area.country):
        return RANK.get(mine.entry.feature, 0) >= need
    # A reading abroad says nothing of a list here: "Ovia North East district, Edo" is no list
    # with Botswana's North East. Only a namesake of like size in the area's country does.
    return any(
        RANK.get(c.feature, 0) >= need for c in m.candidates if area.feature == "PCLI" or c.country == area.country
    )


def chain_areas(
    text: str, mentions: list[Mention], best: list[Scored | None], filed_in: FiledIn | None = None
) -> dict[int, ChainArea]:
    """For each mention followed by a chain of names, the first resolved area of the chain."""
    out: dict[int, ChainArea] = {}
    for i, m in enumerate(mentions):
        found = (
            None
            if m.reporting
            else _chain_after(i, text, mentions, best, filed_in) or _address_abroad(i, text, mentions, best)
        )
        if found is not None:
            out[i] = found
    return out


# Between the names of an address any capitalised words may stand ("Acre, Northern, Israel").
_ADDRESS_GAP_RE = re.compile(
    rf"^(?i:\s+(?:{_HEADS})\.?)?\s*,\s*(?:[A-Z][\w'’.-]*\s+){{0,3}}(?:[A-Z][\w'’.-]*\s*,\s*)?$"
)


_LIST_GOES_ON_RE = re.compile(r"(?:\s*,\s*|\s+(?:and|or)\s+)[A-Z]")


def _address_abroad(i: int, text: str, mentions: list[Mention], best: list[Scored | None]) -> ChainArea | None:
    """An address ending in a country ("Talnaar Village, Mirtur Area, Bijapur City, Bastar
    District, Chhattisgarh State, India") whose first name reads as a place abroad (Iran's Talur),
    or as none: a reading abroad is a namesake. The name takes its reading in that country, or goes
    to the address's nearest link there, even where the links do not nest as the gazetteer has
    them (``_chain_after`` then finds no area)."""
    mine = best[i]
    if any(c.feature in ("PCLI", "RGN", "CONT") for c in mentions[i].candidates):
        return None  # "India, Nepal": a list of countries (or regions), not an address
    j, prev = i + 1, mentions[i]
    links: list[Entry] = []
    while j < len(mentions) and _ADDRESS_GAP_RE.match(text[prev.end : mentions[j].start]):
        chosen = best[j]
        if chosen is not None and chosen.entry.feature == "PCLI":
            country = chosen.entry.country
            # "Kandahar, Helmand, Pakistan and Iran" lists places of several countries
            if (mine is not None and country == mine.entry.country) or any(e.country != country for e in links):
                return None
            if _LIST_GOES_ON_RE.match(text, mentions[j].end):
                return None
            # Only a name read exactly has a namesake here to take; a loose match ("Banah" for
            # some "Bana") is as likely any other village.
            exact = mentions[i].match == "exact"
            home = [c for c in mentions[i].candidates if exact and c.country == country]
            if home:  # "Acre, Northern, Israel": Acre in Israel, not Brazil's state
                return ChainArea(chosen.entry, True, j - i, reading=max(home, key=lambda c: c.population))
            # Its nearest division (a town of the address may be a namesake: "Ado district, Benue"
            # is no Ado-Ekiti), else its nearest town, else the country.
            near = next((e for e in links if e.feature in AREA_FEATURES), links[0] if links else chosen.entry)
            return ChainArea(near, False, j - i)
        if chosen is not None:
            links.append(chosen.entry)
        prev, j = mentions[j], j + 1
    return None


def _chain_after(
    i: int, text: str, mentions: list[Mention], best: list[Scored | None], filed_in: FiledIn | None = None
) -> ChainArea | None:
    """The area the names after mention ``i`` place it in, or None when they are a list."""
    m = mentions[i]
    j, prev = i + 1, m
    found: ChainArea | None = None
    towns: list[Entry] = []
    country_named = False
    while j < len(mentions) and _CHAIN_GAP_RE.match(text[prev.end : mentions[j].start]):
        chosen = best[j]
        if found is not None:
            if chosen is not None and chosen.entry.country != found.area.country:
                return None  # "Moscow, Kiev, Minsk": names of other countries make a list
            found = replace(found, links=found.links + 1)
        elif chosen is not None:
            if chosen.entry.feature not in AREA_FEATURES:
                if not chosen.entry.feature.startswith("PPL"):
                    break
                towns.append(chosen.entry)  # an area must follow, else "Manbij, Aleppo" is a list
            elif _as_big(m, best[i], chosen.entry) or not all(_holds(chosen.entry, t) for t in towns):
                break  # "Denver, Indianapolis, Louisville, Ky.": towns outside the area are a list
            else:
                mine = best[i]
                typed = _TYPED_GAP_RE.search(text[prev.end : mentions[j].start]) is not None
                found = ChainArea(
                    chosen.entry,
                    mine is not None
                    and (mine.entry.id == chosen.entry.id or inside(chosen.entry, mine.entry, filed_in))
                    and (not towns or _near_seat(towns[0], mine.entry)),
                    j - i + typed,
                    towns[0] if towns else None,
                )
        country_named = country_named or (chosen is not None and chosen.entry.feature == "PCLI")
        prev, j = mentions[j], j + 1
    if found is not None and found.seat is not None and not country_named:
        # Towns before the area need the country at the end: "Mandera, Naivasha, Nakuru" lists
        # districts, "Takhta, Sari Pul, Afghanistan" is an address.
        return None
    return found
