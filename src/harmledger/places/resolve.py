"""Choosing among gazetteer candidates: feature, population, country focus, co-mentioned places."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from harmledger.places.gazetteer import Entry
from harmledger.places.geo import within_km
from harmledger.places.normalise import strict_key
from harmledger.places.vocab import STATE_COUNTRIES
from harmledger.records import (
    WHERE_PREC_ADM1,
    WHERE_PREC_ADM2,
    WHERE_PREC_COUNTRY,
    WHERE_PREC_EXACT,
    WHERE_PREC_REGION,
)

# Prior weight of a feature, in the same units as log10(population): a country outranks any
# town of the same name, a first-level division a town below ~3 million people.
FEATURE_PRIOR: dict[str, float] = {
    "PCLI": 9.0,
    "CONT": 8.5,
    "ADM1": 6.6,
    "ADM2": 5.5,
    "RGN": 5.8,
    "PPLC": 7.0,
}
PRECISION_BY_FEATURE: dict[str, int] = {
    "PCLI": WHERE_PREC_COUNTRY,
    "CONT": WHERE_PREC_REGION,
    "RGN": WHERE_PREC_REGION,
    "ADM1": WHERE_PREC_ADM1,
    "ADM2": WHERE_PREC_ADM2,
    "ADM3": WHERE_PREC_ADM2,
    "ADM4": WHERE_PREC_ADM2,
    "ADMD": WHERE_PREC_ADM2,
}
FOCUS_WEIGHT = 3.0  # × the share of the document's country evidence
# × the share of the other names' first-level divisions: "Logan" among Utah towns is Logan, Utah,
# not the bigger namesake two states away. Tuned on lgl-dev (local US/UK news); check geovirus.
REGION_FOCUS_WEIGHT = 5.0
NEARBY_KM = 150.0
NEARBY_WEIGHT = 1.2
CLUSTER_WEIGHT = 0.8  # × how many other names have a reading near this one (up to CLUSTER_MAX)
CLUSTER_MAX = 3
CLUSTER_FOCUS = 0.5  # the share of the document's country evidence a clustered reading needs
LOOSE_PENALTY = 1.0
ALTERNATE_PENALTY = 0.6
ALTERNATE_PENALTY_BESIDE_PRIMARY = 1.5
SOURCE_BONUS: dict[str, float] = {"analyst": 20.0}
CURATED_BONUS = 1.0
SHADOW_POPULATION = 15_000


def region_key(entry: Entry) -> tuple[str, str] | None:
    """(country, first-level division) of an entry, as the region votes key it."""
    if entry.country is None:
        return None
    name = entry.admin1 or (entry.name if entry.feature == "ADM1" else "")
    return (entry.country, strict_key(name)) if name else None


def precision_of(entry: Entry) -> int:
    """UCDP where_prec for a gazetteer entry taken as the place itself."""
    return PRECISION_BY_FEATURE.get(entry.feature, WHERE_PREC_EXACT)


def prior(entry: Entry) -> float:
    """How likely an entry is a priori: its feature weight or log10 of its population."""
    pop = math.log10(entry.population + 10)
    return max(FEATURE_PRIOR.get(entry.feature, 0.0), pop)


@dataclass(slots=True)
class Scored:
    """A candidate with its score and the reasons that make up the score."""

    entry: Entry
    score: float
    why: tuple[str, ...]


ALTERNATE_NOTE = "alternate name"  # the place was reached by another of its names ("Boni" for Bonn)


def contains(area: Entry, place: Entry) -> bool:
    """True when ``area`` (a country or first-level division) holds ``place``."""
    if area.id == place.id or place.country != area.country or area.country is None:
        return False
    if area.feature == "PCLI":
        return place.feature != "PCLI"
    if area.feature == "ADM1":
        names = {strict_key(area.name), strict_key(area.admin1 or "")}
        return place.feature != "ADM1" and strict_key(place.admin1 or "") in names
    return False


def country_focus(evidence: Iterable[str | None]) -> dict[str, float]:
    """Share of each country in the document's evidence (country mentions, demonyms, sure places)."""
    counts = Counter(c for c in evidence if c)
    total = sum(counts.values())
    return {c: n / total for c, n in counts.items()} if total else {}


def score_candidates(
    candidates: Sequence[Entry],
    *,
    match: str = "exact",
    focus: dict[str, float] | None = None,
    context: Sequence[Entry] = (),
    prefer: str = "",
    country: str | None = None,
    bonus: dict[int, tuple[float, str]] | None = None,
    region_focus: dict[tuple[str, str], float] | None = None,
    cluster: dict[int, int] | None = None,
) -> list[Scored]:
    """Candidates ranked best first; ``context`` holds places already chosen nearby."""
    focus = focus or {}
    out = []
    context_admin = {(e.country, e.admin1 or e.name) for e in context if e.feature == "ADM1"}
    sibling_adm1 = {e.country for e in context if e.feature == "ADM1"}
    # A division named like a big town inside it ("Aleppo") means the town by default.
    towns = {
        (e.country, strict_key(e.admin1 or ""))
        for e in candidates
        if e.feature.startswith("PPL") and (e.population >= SHADOW_POPULATION or not e.source.startswith("geonames"))
    }
    has_primary = any(e.primary for e in candidates if e.source == "geonames")
    for entry in candidates:
        why = [f"{entry.feature} prior {prior(entry):.1f}"]
        score = prior(entry)
        if entry.source in SOURCE_BONUS:
            score += SOURCE_BONUS[entry.source]
            why.append("analyst place")
        elif entry.source.startswith("curated"):
            score += CURATED_BONUS
            why.append("curated alias")
        if match == "loose":
            score -= LOOSE_PENALTY
            why.append("transliteration match")
        elif match == "fuzzy":
            score -= 2 * LOOSE_PENALTY
            why.append("fuzzy match")
        if not entry.primary and entry.source == "geonames":
            # An old or variant name of a bigger place gives way to places that bear the name
            # itself ("Shiloh" is a town of that name before it is Springdale's former name).
            score -= ALTERNATE_PENALTY_BESIDE_PRIMARY if has_primary else ALTERNATE_PENALTY
            why.append(ALTERNATE_NOTE)
        if country:
            if entry.country == country.upper():
                score += 4.0
                why.append(f"in requested country {country.upper()}")
            else:
                score -= 4.0
        share = focus.get(entry.country or "", 0.0)
        if share:
            score += FOCUS_WEIGHT * share
            why.append(f"document focus {entry.country} {share:.0%}")
        region = region_key(entry)
        region_share = region_focus.get(region, 0.0) if region_focus and region else 0.0
        if region_share and region:
            score += REGION_FOCUS_WEIGHT * region_share
            why.append(f"document focus {region[1]} {region_share:.0%}")
        if prefer:
            # a region the press names as one ("the Gaza Strip", "Darfur") is a division too:
            # "the Deir al-Balah region of Gaza" is not Mozambique's Gaza province
            if prefer in ("ADM", "STATE") and entry.feature in ("ADM1", "ADM2", "RGN"):
                score += 3.0
                why.append("named as a division")
                if prefer == "STATE" and entry.country in STATE_COUNTRIES:
                    score += 1.0
                    why.append("its country's divisions are states")
            elif prefer == "ADM2" and entry.feature == "ADM2":
                score += 3.0
                why.append("named as a district")
            elif prefer == "PPL" and entry.feature.startswith("PPL"):
                score += 3.0
                why.append("named as a settlement")
        if (
            entry.feature in ("ADM1", "ADM2")
            and prefer not in ("ADM", "ADM2", "STATE")
            and (
                (entry.country, strict_key(entry.admin1 or "")) in towns
                or (entry.country, strict_key(entry.name)) in towns
            )
        ):
            score -= 3.0
            why.append("a town has this name: the town is meant unless 'province' is said")
        if entry.feature == "ADM1" and entry.country in sibling_adm1:
            score += NEARBY_WEIGHT
            why.append(f"other {entry.country} divisions mentioned")
        if bonus and entry.id in bonus:
            score += bonus[entry.id][0]
            why.append(bonus[entry.id][1])
        near = next(
            (
                c
                for c in context
                if c.id != entry.id
                and c.feature not in ("PCLI", "CONT")
                and within_km(c.lat, c.lon, entry.lat, entry.lon, NEARBY_KM)
            ),
            None,
        )
        if near is not None:
            score += NEARBY_WEIGHT
            why.append(f"near co-mentioned {near.name}")
        # Only inside the country the document is about, and only for a place bearing the name:
        # any handful of famous names has namesakes lying together somewhere in the US.
        together = min(cluster.get(entry.id, 0), CLUSTER_MAX) if cluster and share >= CLUSTER_FOCUS else 0
        if together and (entry.primary or entry.source != "geonames"):
            score += CLUSTER_WEIGHT * together
            why.append(f"readings of {together} other names lie around it")
        if (entry.country, entry.admin1) in context_admin and entry.feature != "ADM1":
            score += NEARBY_WEIGHT
            why.append(f"inside co-mentioned {entry.admin1}")
        out.append(Scored(entry, round(score, 3), tuple(why)))
    out.sort(key=lambda s: (-s.score, -s.entry.population, s.entry.id))
    return out
