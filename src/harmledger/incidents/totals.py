"""Totals over several places: a report's figure that sums its own figures at two or more places.

"Strikes on two towns killed at least 31 … 19 died in Maarat … 12 were killed in Jisr": the 31
is no single town's toll. Left among the event claims it joins one town's incident as the
writer's lead and becomes that town's best figure. Reconcile keeps such a total beside the
incidents as an aggregate instead, the way it keeps a cumulative toll.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from harmledger.incidents import rules
from harmledger.records import PART_OF_TOTAL_CUE, STORY_CUE_PREFIX, Claim, PlaceRef

# A town or finer: where one incident happens. Coarser places (a province, "northwest Syria")
# can hold several.
TOWN_PRECISION = 2
# The total's own sentence says it spans places or events ("strikes on two towns", "in separate
# attacks across the province"), or gives the parts itself ("killed seven: four in Idlib and three
# in Ariha"): without either, figures at other places are more often where the victims came from
# or were taken than incidents of their own.
SEVERAL = re.compile(
    r"\b(?:two|twin|three|four|five|six|several|multiple|separate|different|various|\d+)\s+(?:\w+\s+)?"
    r"(?:towns|villages|cities|districts|provinces|regions|areas|locations|places|neighbou?rhoods|"
    r"attacks|strikes|airstrikes|air\s+strikes|raids|incidents|bombings|explosions|blasts)\b"
    r"|\bacross\b"
    # "Gunmen kill 16 in Plateau villages", "air strikes on towns in Idlib province"
    r"|\b(?:in|on)\s+(?:[A-Z][\w'’-]+\s+)?(?:towns|villages|communities|cities|districts|neighbou?rhoods)\b",
    re.IGNORECASE,
)
MAX_PLACES = 6  # distinct places whose figures are tried as parts of one total
MAX_COMBINATIONS = 4_096  # choices of one figure (or none) per place, at most


@dataclass(frozen=True, slots=True)
class Total:
    """A report's total over several places: why, and its parts (one claim per place)."""

    why: str
    parts: tuple[Claim, ...]


def _town(claim: Claim) -> str | None:
    """The claim's place when it is a resolved town or finer, as a key; else None."""
    place = claim.place
    if place is None or not place.resolved or place.precision is None or place.precision > TOWN_PRECISION:
        return None
    return str(place.geonameid) if place.geonameid is not None else place.name or place.text


def _part_key(claim: Claim) -> str | None:
    """Where a part of a total happened: its town, and which of the report's stories it is ("the
    first blast …, killing six, and the second …, killing four" in one city are two parts)."""
    town, story = _town(claim), claim.cue(STORY_CUE_PREFIX)
    if town is None and story and claim.place is not None and claim.place.resolved:
        # a later story placed only at its area (its own quarter unknown to the gazetteer)
        town = str(claim.place.geonameid) if claim.place.geonameid is not None else claim.place.name
    return None if town is None else f"{town}/{story}"


def _province_town(total: Claim, parts: Sequence[Claim]) -> bool:
    """Whether the total's town is named like its province and every part lies in that province:
    "Escalation in Idlib: 17 killed" read as Idlib city sums towns of Idlib province."""
    place = total.place
    if place is None or not place.admin1 or not place.name:
        return False
    name, province = (rules.norm_name(n).replace(" ", "") for n in (place.name, place.admin1))
    named_alike = name in province or province in name
    return named_alike and all(c.place is not None and c.place.admin1 == place.admin1 for c in parts)


def _figure(claim: Claim) -> int | None:
    return claim.count.point if claim.count is not None else None


def _sum_over_places(target: int, parts: Sequence[Claim]) -> list[Claim] | None:
    """Claims at two or more distinct places (or stories of one place), one per place, whose
    figures sum to ``target``."""
    at: dict[str, list[Claim]] = defaultdict(list)
    for c in parts:
        key = _part_key(c)
        if key is not None and _figure(c) and (_figure(c) or 0) < target:
            at[key].append(c)
    countries = {c.place.country for claims in at.values() for c in claims if c.place is not None}
    if len(at) < 2 or len(at) > MAX_PLACES or len(countries) > 1:
        return None
    choices = [[None, *claims] for claims in at.values()]
    n = 1
    for options in choices:
        n *= len(options)
    if n > MAX_COMBINATIONS:
        return None
    for pick in product(*choices):
        chosen = [c for c in pick if c is not None]
        if len(chosen) >= 2 and sum(_figure(c) or 0 for c in chosen) == target:
            return chosen
    return None


def totals_over_places(claims: Sequence[Claim]) -> dict[str, Total]:
    """Claim id → its ``Total``, for each figure of the dead or injured among ``claims`` that is
    a total over several places (each document's figures are compared with its own only).

    Its parts are at different towns of one report that adds them up: different incidents.

    A total sits at a place coarser than a town, or at one of its parts' towns (where the
    place finder refined it): a figure named at another town that happens to equal two other
    figures ("12 in Aleppo … 5 in Homs and 7 in Idlib") is that town's own toll.
    """
    by_document: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.kind == "casualty" and c.outcome in ("killed", "injured") and _figure(c):
            by_document[c.document_id].append(c)
    found: dict[str, Total] = {}
    for same_document in by_document.values():
        if len(same_document) < 3:
            continue
        same_document.sort(key=lambda c: c.span.start)
        # outcome → the report's first figure for it: the writer's summary
        lead: dict[str | None, int | None] = {}
        for c in same_document:
            lead.setdefault(c.outcome, _figure(c))
        for total in same_document:
            target = _figure(total)
            assert target is not None
            # Only the lead figure (in the headline, the lead, or repeated) is read as a total:
            # a long report's many small figures add up to one another by chance.
            if target != lead[total.outcome]:
                continue
            country = total.place.country if total.place is not None else None
            parts = [
                c
                for c in same_document
                if c is not total
                and c.outcome == total.outcome
                and not c.joint
                and not c.span.overlaps(total.span)
                and c.place is not None
                and (country is None or c.place.country == country)
            ]
            chosen = _sum_over_places(target, parts)
            own = _town(total)  # None: coarser than a town
            if chosen is None or (
                own is not None and own not in {_town(c) for c in chosen} and not _province_town(total, chosen)
            ):
                continue
            if not (
                SEVERAL.search(total.quote)
                or all(c.sentence == total.sentence for c in chosen)
                # "Seven of them were killed in Kafr Nabl, four in Maarat …": shares of a toll told before
                or all(PART_OF_TOTAL_CUE in c.identity for c in chosen)
            ):
                continue  # neither says it spans places nor breaks itself down by place
            terms = " + ".join(f"{_figure(c)} at {c.place.text if c.place else '?'}" for c in chosen)
            why = (
                f"claim {total.id}: {total.outcome} {target} is the report's total over {len(chosen)} places "
                f"({terms}): kept beside their incidents, not counted as one place's toll"
            )
            found[total.id] = Total(why, tuple(chosen))
        _repeats(same_document, found)
    return found


def _repeats(same_document: Sequence[Claim], found: dict[str, Total]) -> None:
    """Add to ``found`` the figures of one report that repeat one of its totals and say they span
    places ("Strikes on two towns in Idlib kill 9" over "… killed nine: five in Ariha and four in
    Saraqib"), wherever the place finder put them (here Idlib city, which neither part is in)."""
    totals = {(c.outcome, _figure(c)): found[c.id] for c in same_document if c.id in found}
    for c in same_document:
        total = totals.get((c.outcome, _figure(c)))
        if total is None or c.id in found or c in total.parts or not SEVERAL.search(c.quote):
            continue
        found[c.id] = Total(
            f"claim {c.id}: {c.outcome} {_figure(c)} repeats the report's total over several places", total.parts
        )


def area_of(totals: Sequence[Claim]) -> PlaceRef | None:
    """Where an aggregate of totals sits: the coarsest place they are given ("northwest Syria"
    over the town the lead was refined to), since it spans their parts' towns."""
    placed = [c.place for c in totals if c.place is not None and c.place.resolved]
    return max(placed, key=lambda p: p.precision or 0, default=None)
