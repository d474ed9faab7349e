"""Candidate pairs by blocking, and the pair scorer that applies ``rules``.

Each claim is reduced to a compact ``Features`` record. Blocking files every claim under a few
hashed keys (country/admin1 + week bucket, perpetrator + week bucket, figure + week bucket,
its document) and a claim
is only compared with claims that share a key, so the cost grows with the number of claims times
the size of a bucket, not with the square of the number of claims. ``eligible`` states in plain
code which pairs blocking must find; ``all_pairs_edges`` is the quadratic reference for tests.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from harmledger.incidents import rules
from harmledger.incidents.syndication import jaccard
from harmledger.records import WHERE_PREC_COUNTRY, Claim, Document

Edge = tuple[float, int, int]


@dataclass(slots=True)
class Features:
    """What the scorer compares for one claim (dates as ordinals, names folded)."""

    idx: int
    claim_id: str
    doc: str
    country: str
    admin1: str
    lat: float | None
    lon: float | None
    radius: float
    precise: bool
    d0: int | None  # first possible day of the event (date.toordinal)
    d1: int | None  # last possible day
    own_date: bool  # the claim's own date, not the document's publication date
    linkable: bool  # dated finely enough to link across documents
    event: str
    perpetrator: str
    victims: str
    outcome: str
    point: int | None
    quote: int  # hash of the normalised quote, to spot wire copies
    period: str = ""
    words: frozenset[str] | None = None  # the quote's words, kept only for placeless claims


def features_of(idx: int, claim: Claim, doc: Document | None) -> Features:
    """Reduce ``claim`` (and its document's publication date) to ``Features``."""
    place = claim.place
    country = admin1 = ""
    lat = lon = None
    radius = rules.UNKNOWN_PRECISION_RADIUS_KM
    precise = False
    if place is not None:
        country = (place.country or "").upper()
        admin1 = rules.norm_text(place.admin1) if country else ""
        prec = place.precision
        if place.resolved and (prec is None or prec < WHERE_PREC_COUNTRY):
            lat, lon = place.lat, place.lon
            radius = rules.PRECISION_RADIUS_KM.get(prec or 0, rules.UNKNOWN_PRECISION_RADIUS_KM)
            precise = prec is not None and prec <= 2
        if prec is not None and prec >= WHERE_PREC_COUNTRY:
            admin1 = ""
    d0 = d1 = None
    own = False
    # A statement's date is when it was made ("admitted in May"), not when the event happened.
    if claim.kind != "statement" and claim.date is not None and claim.date.start is not None:
        start = claim.date.start
        end = claim.date.end or start
        d0, d1, own = start.toordinal(), max(start, end).toordinal(), True
    elif doc is not None and doc.published is not None:
        pub = doc.published
        d0 = (pub - timedelta(days=rules.PUBLISHED_LOOKBACK_DAYS)).toordinal()
        d1 = pub.toordinal()
    linkable = d0 is not None and d1 is not None and d1 - d0 <= rules.MAX_LINKABLE_SPAN_DAYS
    count = claim.count
    return Features(
        idx=idx,
        claim_id=claim.id,
        doc=claim.document_id,
        country=country,
        admin1=admin1,
        lat=lat,
        lon=lon,
        radius=radius,
        precise=precise,
        d0=d0,
        d1=d1,
        own_date=own,
        linkable=linkable,
        event=rules.event_family(claim.event_type),
        perpetrator=rules.perpetrator_family(claim.perpetrator),
        victims=claim.victims or "",
        outcome=claim.outcome or "",
        point=count.point if count is not None else None,
        quote=hash(rules.norm_text(claim.quote)),
        period=rules.norm_text(claim.period),
        words=None if country else frozenset(rules.norm_text(claim.quote).split()),
    )


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def date_gap(a: Features, b: Features) -> int | None:
    """Days between the two date intervals (0 when they overlap); None when either is undated."""
    if not (a.linkable and b.linkable):
        return None
    assert a.d0 is not None and a.d1 is not None and b.d0 is not None and b.d1 is not None
    return max(0, a.d0 - b.d1, b.d0 - a.d1)


def dates_clash(a: Features, b: Features) -> bool:
    """True when both dates are the claims' own, or both publication dates, and too far apart.

    A claim's own date and another's publication date never clash outright: a long assessment
    dates its event months before it was published, and its undated "the 12 victims" sentence
    falls back on that publication date.
    """
    gap = date_gap(a, b)
    return gap is not None and a.own_date == b.own_date and gap > rules.MAX_DATE_GAP_DAYS


def places_clash(a: Features, b: Features) -> bool:
    """True when the two places cannot be the same event's (hard rule).

    Two claims of one document get a wider margin unless each has its own, different date: a
    report names the event's place and, beside it, where victims came from or where the wounded
    were taken, and its claims pick up either ("two displaced families from Deir ez-Zor" in a
    Raqqa strike).
    """
    if a.country and b.country and a.country != b.country:
        return True
    if a.lat is not None and b.lat is not None:
        assert a.lon is not None and b.lon is not None
        margin = rules.PLACE_MARGIN_KM
        if a.doc == b.doc and not (a.own_date and b.own_date and (a.d0, a.d1) != (b.d0, b.d1)):
            margin = rules.SAME_DOCUMENT_MARGIN_KM
        return km(a.lat, a.lon, b.lat, b.lon) > a.radius + b.radius + margin
    return False


def eligible(a: Features, b: Features) -> bool:
    """Whether the pair may be linked at all; blocking must find every eligible pair."""
    if a.doc == b.doc:
        return True
    gap = date_gap(a, b)
    if gap is None or gap > rules.MAX_DATE_GAP_DAYS:
        return False
    if a.country and b.country:
        return a.country == b.country and (not a.admin1 or not b.admin1 or a.admin1 == b.admin1)
    if a.perpetrator and a.perpetrator == b.perpetrator:
        return True
    return similar_wording(a, b) or same_telling_figure(a, b)


def same_telling_figure(a: Features, b: Features) -> bool:
    """The same figure, large enough to be telling, for compatible victims."""
    return (a.point is not None and a.point == b.point and a.point >= rules.PLACELESS_MIN_FIGURE
            and {a.victims, b.victims} != {"civilians", "combatants"})


def similar_wording(a: Features, b: Features) -> bool:
    """Two placeless claims with the same figure in nearly the same words (a wire story retold)."""
    if a.words is None or b.words is None or a.point is None or a.point != b.point:
        return False
    return jaccard(a.words, b.words) >= rules.SIMILAR_WORDING


def score(a: Features, b: Features, reasons: list[str] | None = None) -> float | None:
    """The link weight of a pair, or None when a hard rule forbids the link."""
    if a.period != b.period or not eligible(a, b) or places_clash(a, b):
        return None
    if dates_clash(a, b):
        return None
    gap = date_gap(a, b)
    parts: list[tuple[str, float]] = []
    if a.doc == b.doc:
        parts.append(("same document", rules.SAME_DOCUMENT))
    elif a.quote == b.quote:
        parts.append(("same wording", rules.SAME_QUOTE))
    elif not a.country and not b.country and similar_wording(a, b):
        parts.append(("similar wording", rules.SIMILAR_WORDING_WEIGHT))
    if a.lat is not None and b.lat is not None:
        assert a.lon is not None and b.lon is not None
        dist = km(a.lat, a.lon, b.lat, b.lon)
        if dist <= a.radius + b.radius:
            weight = rules.PLACE_AGREE_PRECISE if a.precise and b.precise else rules.PLACE_AGREE_COARSE
        else:
            weight = rules.PLACE_DISAGREE
        parts.append((f"places {dist:.0f} km apart", weight))
    elif a.country and b.country:
        if a.admin1 and b.admin1:
            same = a.admin1 == b.admin1
            parts.append((f"province {'same' if same else 'differs'}",
                          rules.PLACE_AGREE_COARSE if same else rules.DIFFERENT_ADMIN1))
        else:
            parts.append(("same country", rules.SAME_COUNTRY_ONLY))
    if gap is not None and not (a.doc == b.doc and not (a.own_date and b.own_date)):
        parts.append((f"dates {gap} d apart", rules.date_weight(gap)))
    if a.event and b.event:
        same = a.event == b.event
        parts.append((f"event {'same' if same else 'differs'}",
                      rules.EVENT_AGREE if same else rules.EVENT_DISAGREE))
    if a.perpetrator and b.perpetrator:
        same = a.perpetrator == b.perpetrator
        parts.append((f"perpetrator {'same' if same else 'differs'}",
                      rules.PERPETRATOR_AGREE if same else rules.PERPETRATOR_DISAGREE))
    if {a.victims, b.victims} == {"civilians", "combatants"}:
        parts.append(("victims differ", rules.VICTIMS_DISAGREE))
    if a.outcome and a.outcome == b.outcome:
        weight = rules.count_weight(a.point, b.point)
        if weight:
            parts.append((f"figures {a.point}/{b.point}", weight))
    total = sum(w for _, w in parts)
    if reasons is not None:
        reasons.extend(f"{label} ({w:+g})" for label, w in parts)
    return total


def _weeks(f: Features) -> range:
    if not f.linkable:
        return range(0)
    assert f.d0 is not None and f.d1 is not None
    half = (rules.MAX_DATE_GAP_DAYS + 1) // 2
    return range((f.d0 - half) // rules.BUCKET_DAYS, (f.d1 + half) // rules.BUCKET_DAYS + 1)


Key = tuple[object, ...]


def block_keys(f: Features) -> tuple[list[Key], list[Key]]:
    """Keys a claim is filed under, and keys it looks up (see ``eligible``); plain tuples, so a
    distributed runner can join on them (``harmledger.spark.spark_edges``)."""
    index: list[Key] = [("d", f.doc)]
    probe: list[Key] = [("d", f.doc)]
    for w in _weeks(f):
        if f.country:
            if f.admin1:
                index += [("g", f.country, f.admin1, w), ("c*", f.country, w)]
                probe += [("g", f.country, f.admin1, w), ("g", f.country, "", w)]
            else:
                index.append(("g", f.country, "", w))
                probe += [("c*", f.country, w), ("g", f.country, "", w)]
            if f.perpetrator:
                index.append(("p", f.perpetrator, w))
                probe.append(("np", f.perpetrator, w))
            if f.point is not None and f.point >= rules.PLACELESS_MIN_FIGURE:
                index.append(("fig", f.point, w))
                probe.append(("nfig", f.point, w))
        else:
            if f.perpetrator:
                index += [("np", f.perpetrator, w), ("p", f.perpetrator, w)]
                probe.append(("p", f.perpetrator, w))
            if f.point is not None:
                index += [("fig", f.point, w), ("nfig", f.point, w)]
                probe.append(("fig", f.point, w))
    return index, probe


def _keys(f: Features) -> tuple[list[int], list[int]]:
    """``block_keys`` hashed, for the in-memory index."""
    index, probe = block_keys(f)
    return [hash(k) for k in index], [hash(k) for k in probe]


class BlockIndex:
    """Claims filed under their blocking keys; ``candidates`` lists possible partners."""

    def __init__(self, feats: Sequence[Features]) -> None:
        self.feats = feats
        self.buckets: dict[int, list[int]] = defaultdict(list)
        for pos, f in enumerate(feats):
            for key in set(_keys(f)[0]):
                self.buckets[key].append(pos)

    def candidates(self, f: Features) -> set[int]:
        """Positions (in the indexed sequence) of claims sharing a key with ``f``."""
        found: set[int] = set()
        for key in set(_keys(f)[1]):
            bucket = self.buckets.get(key)
            if bucket:
                found.update(bucket)
        return found


def toll_score(a: Features, b: Features, reasons: list[str] | None = None) -> float | None:
    """Cumulative tolls: one document's tolls are distinct aggregates; across documents the same
    toll (same period phrase) reported again links like an event claim."""
    if a.doc == b.doc:
        return None
    return score(a, b, reasons)


Scorer = Callable[[Features, Features], "float | None"]


EdgeFinder = Callable[[Sequence[Features]], "list[Edge]"]


def blocked_edges(feats: Sequence[Features], scorer: Scorer = score,
                  index: BlockIndex | None = None) -> list[Edge]:
    """Scored pairs at or above the threshold, found through blocking."""
    index = index or BlockIndex(feats)
    edges: list[Edge] = []
    for i, f in enumerate(feats):
        for j in index.candidates(f):
            if j > i:
                s = scorer(f, feats[j])
                if s is not None and s >= rules.LINK_THRESHOLD:
                    edges.append((s, i, j))
    return edges


def all_pairs_edges(feats: Sequence[Features], scorer: Scorer = score) -> list[Edge]:
    """The quadratic reference: every pair scored (for tests and tiny inputs)."""
    edges: list[Edge] = []
    for i in range(len(feats)):
        for j in range(i + 1, len(feats)):
            s = scorer(feats[i], feats[j])
            if s is not None and s >= rules.LINK_THRESHOLD:
                edges.append((s, i, j))
    return edges


def build_features(claims: Iterable[Claim], documents: Mapping[str, Document]) -> list[Features]:
    """``Features`` for each claim, numbered in order."""
    return [features_of(i, c, documents.get(c.document_id)) for i, c in enumerate(claims)]

