"""Candidate pairs by blocking, and the pair scorer that applies ``rules``.

Each claim is reduced to a compact ``Features`` record. Blocking files every claim under a few
hashed keys (country/admin1 + week bucket, perpetrator + week bucket, figure + week bucket,
its document) and a claim
is only compared with claims that share a key, so the cost grows with the number of claims times
the size of a bucket, not with the square of the number of claims. In memory (``BlockIndex``)
a key's claims are sorted by date and only those within MAX_DATE_GAP_DAYS are looked at. ``eligible`` states in plain
code which pairs blocking must find; ``all_pairs_edges`` is the quadratic reference for tests.
"""

from __future__ import annotations

import functools
import math
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import compress
from typing import overload

from harmledger.incidents import rules
from harmledger.incidents.syndication import TextLoader, jaccard, texts_from
from harmledger.records import (
    AREA_CUE_PREFIX,
    HOUSEHOLD_CUE_PREFIX,
    OTHER_EVENT_CUE,
    PART_OF_TOTAL_CUE,
    SITE_CUE_PREFIX,
    STORY_CUE_PREFIX,
    TOLL_UPDATE_CUE,
    VILLAGE_CUE_PREFIX,
    WHERE_PREC_COUNTRY,
    WHERE_PREC_NEAR,
    WHERE_PREC_REGION,
    Claim,
    Document,
    PlaceRef,
)

Edge = tuple[float, int, int]
# Claims' positions held in arrays as 4-byte ints: a million claims' pairs number millions, and
# positions stay below two billion.
POSITIONS = "i"
SIDES = ("civilians", "combatants")  # victims on two sides: often two figures of one attack
NO_IDENTITY: frozenset[str] = frozenset()  # shared: most claims have no identity cue, and an empty set costs 216 bytes


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
    quote_words: int  # how many words the quote has (short stock phrases identify nothing)
    period: str = ""
    text: str = (
        ""  # the quote as the claim holds it, no copy (its words are compared only when figures agree: ``word_set``)
    )
    identity: frozenset[str] = frozenset()  # "family:haddad", "site:al shifa hospital", …
    town: str = ""  # the place's name as written, when a town or finer (precision <= 2) or placed by its area
    lead: str = ""  # the opening of the claim's document (its words: ``lead_words``)
    series: bool = False  # its document reports one event of a series ("one of three attacks")
    # Set across all claims by ``annotate_ledger_statistics`` (see rules: crowding, figures):
    crowd: int = 1  # distinct tolls reported in this claim's province on its days
    country_crowd: int = 1  # ... in its whole country (naming no country: in the whole world)
    outcome_crowd: int = 1  # distinct tolls for this claim's outcome in its province on its days
    country_outcome_crowd: int = 1  # ... in its whole country
    figure_share: float = 1.0  # how common this figure is among the claims of its outcome
    doc_figures: int = 1  # distinct figures its document gives (each a chance of a coincidence)
    part: int = 0  # which DOC_PART_CHARS stretch of a long document the claim lies in (else 0)
    dated_opening: bool = False  # its sentence opens on its own date ("On 23 March, insurgents …")
    dated_in_sentence: bool = False  # its own date is told in its own sentence, not one before
    story: str = ""  # which of its report's events it tells (``STORY_CUE_PREFIX``; "" the first)
    household: str = ""  # which family of its report it tells of (``HOUSEHOLD_CUE_PREFIX``)
    joint_sum: int | None = None  # told with figures added to it ("a soldier and three rebels"): their sum


# Claims of one document are all compared with each other, except in a document longer than
# LONG_DOCUMENT_CHARS (a dump, a run-on line; every report we have is under 40,000): there a
# claim meets those of its own and the neighbouring stretches of DOC_PART_CHARS characters, so
# the pairs grow with the length, not its square.
LONG_DOCUMENT_CHARS = 100_000
DOC_PART_CHARS = 10_000


@dataclass(frozen=True, slots=True)
class TextCues:
    """What linking reads of a document's text, kept so the text itself need not be."""

    lead: str  # its opening (LEAD_CHARS characters)
    long: bool  # longer than LONG_DOCUMENT_CHARS: its claims are compared stretch by stretch
    series: bool  # it reports one event of a series (``rules.SERIES``)
    dead: bool  # it speaks of death somewhere (``rules.DEATH_WORDS``)


def text_cues(text: str) -> TextCues:
    return TextCues(
        lead=text[: rules.LEAD_CHARS],
        long=len(text) > LONG_DOCUMENT_CHARS,
        series=rules.SERIES.search(text) is not None,
        dead=rules.DEATH_WORDS.search(text) is not None,
    )


# Texts read at once while taking their cues: a batch's texts are dropped before the next.
CUE_BATCH = 1_000


def document_cues(doc_ids: Iterable[str], texts: TextLoader) -> dict[str, TextCues]:
    """The ``TextCues`` of each of ``doc_ids`` that ``texts`` knows, a batch of texts at a time."""
    wanted = list(dict.fromkeys(doc_ids))
    cues: dict[str, TextCues] = {}
    for n in range(0, len(wanted), CUE_BATCH):
        cues.update((doc_id, text_cues(text)) for doc_id, text in texts(wanted[n : n + CUE_BATCH]).items())
    return cues


def features_of(idx: int, claim: Claim, doc: Document | None, cues: TextCues | None) -> Features:
    """Reduce ``claim`` (with its document's publication date and ``cues``) to ``Features``."""
    place = claim.place
    quote = rules.norm_text(claim.quote)
    words = quote.split()
    country = admin1 = ""
    lat = lon = None
    radius = rules.UNKNOWN_PRECISION_RADIUS_KM
    precise = False
    if place is not None:
        country = sys.intern((place.country or "").upper())
        admin1 = rules.norm_name(place.admin1) if country else ""
        prec = place.precision
        # A region across countries ("West Africa", "the Middle East") has a point that says
        # nothing within its tolerance: for linking it is no place at all.
        across_countries = not country and prec is not None and prec >= WHERE_PREC_REGION
        if place.resolved and (prec is None or prec < WHERE_PREC_COUNTRY) and not across_countries:
            lat, lon = place.lat, place.lon
            radius = rules.PRECISION_RADIUS_KM.get(prec or 0, rules.UNKNOWN_PRECISION_RADIUS_KM)
            precise = prec is not None and prec <= 2
        if prec is not None and prec >= WHERE_PREC_COUNTRY:
            admin1 = ""
    d0 = d1 = None
    own = False
    # A statement's date is when it was made ("admitted in May"), not when the event happened.
    dated = claim.date if claim.kind != "statement" else None
    # The day a figure was reported, like a publication date, says only that the event was then
    # or before ("the toll from the attack rose to 60 on Thursday" counts Sunday's dead).
    reported = dated is not None and dated.only_reported
    if dated is not None and dated.start is not None and not reported:
        end = dated.end or dated.start
        d0, d1, own = _ordinal(dated.start), _ordinal(max(dated.start, end)), True
    else:
        last = dated.start if dated is not None and reported else doc.published if doc is not None else None
        if last is not None:
            d0 = _ordinal(last - timedelta(days=rules.PUBLISHED_LOOKBACK_DAYS))
            d1 = _ordinal(last)
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
        quote=hash(quote),
        quote_words=len(words),
        period=rules.norm_name(claim.period),
        text=claim.quote,
        identity=_identity(claim, place),
        town=_town(place, precise),
        lead=cues.lead if cues is not None else "",
        part=claim.span.start // DOC_PART_CHARS if cues is not None and cues.long else 0,
        dated_opening=own and _opens_on_date(claim),
        dated_in_sentence=own and _dated_in_sentence(claim),
        story=claim.cue(STORY_CUE_PREFIX) if claim.identity else "",  # most claims have no cue
        household=claim.cue(HOUSEHOLD_CUE_PREFIX) if claim.identity else "",
    )


# One int for each day: a million claims name a few thousand days, and an int of its own for each
# claim's first and last day cost 64 bytes a claim.
_ORDINALS: dict[int, int] = {}


def _ordinal(day: date) -> int:
    n = day.toordinal()
    return _ORDINALS.setdefault(n, n)


DATED_OPENING_CHARS = 4  # "On " or "By " before a sentence's opening date


def _opens_on_date(claim: Claim) -> bool:
    span = claim.date.span if claim.date is not None else None
    return span is not None and 0 <= span.start - claim.sentence.start <= DATED_OPENING_CHARS


def _dated_in_sentence(claim: Claim) -> bool:
    span = claim.date.span if claim.date is not None else None
    return span is not None and claim.sentence.start <= span.start < claim.sentence.end


def _identity(claim: Claim, place: PlaceRef | None) -> frozenset[str]:
    """The claim's identity cues; a name the gazetteer lacks, placed by the town the text says
    holds it or lies beside it ("Qala-e-Bakhtiar in southern Kabul", "Tungan Kudu, a village near
    Gusau"), is a locality as small as a village, and two reports naming it speak of one attack as
    two naming "Kadawa village" do. One placed only at its district or province ("Hays district,
    Al Hudaydah") may be as big as them: sibling attacks of one day share it (gtd-dev's wrong
    joins 0.0125 -> 0.034 when it counted)."""
    identity = frozenset(claim.identity) if claim.identity else NO_IDENTITY
    if place is not None and any(c.startswith(PLACE_NAMED_PREFIXES) for c in identity):
        identity = _without_cues_named_by_place(identity, place)
    if place is None or not place.placed_by_area or (place.precision or 7) > WHERE_PREC_NEAR:
        return identity
    name = rules.norm_name(place.text)
    return identity | {f"{VILLAGE_CUE_PREFIX}{name}"} if name else identity


PLACE_NAMED_PREFIXES = (SITE_CUE_PREFIX, AREA_CUE_PREFIX)


def _without_cues_named_by_place(identity: frozenset[str], place: PlaceRef) -> frozenset[str]:
    """``identity`` without sites and areas named only by the claim's own town or province ("the
    El Fasher market", "a Darfur market", "the Kabul area"): the town's market, told apart from its
    other markets by nothing, neither a named site to share nor one that sets it apart from "the
    Naivasha market" there."""
    words = set(rules.norm_name(" ".join(filter(None, (place.text, place.name, place.admin1, place.admin2)))).split())

    def by_place(cue: str) -> bool:
        if cue.startswith(SITE_CUE_PREFIX):
            name = cue[len(SITE_CUE_PREFIX) :].split()[:-1]  # the facility's noun is the last word
        elif cue.startswith(AREA_CUE_PREFIX):
            name = cue[len(AREA_CUE_PREFIX) :].split()
        else:
            return False
        return bool(name) and set(name) <= words

    kept = frozenset(c for c in identity if not by_place(c))
    return kept if kept else NO_IDENTITY


def _town(place: PlaceRef | None, precise: bool) -> str:
    """The town a claim names, to tell two towns of one area apart (``towns_differ``): the
    gazetteer's name for a place it holds ("Hodeida", "Hodeidah" and "Al Hudaydah" are one
    town), the name as written for one it lacks, placed at its area ("Wulgo", "Gudunbali")."""
    if place is None or not (precise or place.placed_by_area):
        return ""
    return rules.norm_name(place.text if place.placed_by_area or not place.name else place.name)


@functools.lru_cache(maxsize=65536)
def lead_words(opening: str) -> frozenset[str]:
    """The words of a document's opening (its headline and first sentence, roughly); computed
    only for the few pairs whose wording agrees, once per document."""
    return frozenset(rules.norm_text(" ".join(opening.split()[: rules.LEAD_WORDS])).split())


@functools.lru_cache(maxsize=65536)
def word_set(text: str) -> frozenset[str]:
    """The words of a quote, normalised (for the few pairs with the same figure: a normalised copy
    of every quote held in its features cost as much again as the quotes)."""
    return frozenset(rules.norm_text(text).split())


def wording_overlap(text: str, other: str) -> float:
    """The Jaccard share of two quotes' words (1.0 for one quote twice, as a wire copy is: no sets
    needed)."""
    if text == other:
        return 1.0 if word_set(text) else 0.0
    return jaccard(word_set(text), word_set(other))


def forget_wording() -> None:
    """Drop the cached word sets of quotes and openings: they serve one reconciliation's pairs
    (up to 65,536 of each, about 30 MB), and the incidents it assembles next need the room."""
    word_set.cache_clear()
    lead_words.cache_clear()


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
    gap, other = a.d0 - b.d1, b.d0 - a.d1  # max(0, gap, other), without a call per pair
    if other > gap:
        gap = other
    return gap if gap > 0 else 0


def _own_span(f: Features) -> int:
    """Days beyond the first that the text's own date for the claim spans ("between 18 and 23
    April": 5); 0 for one day, and for a publication window, which is not the text's."""
    if not f.own_date or f.d0 is None or f.d1 is None:
        return 0
    return max(0, f.d1 - f.d0)


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
    return _places_clash(a, b, distance(a, b))


def distance(a: Features, b: Features) -> float | None:
    """Km between the two claims' points (``km``); None when either has none."""
    if a.lat is None or b.lat is None:
        return None
    assert a.lon is not None and b.lon is not None
    return km(a.lat, a.lon, b.lat, b.lon)


def _places_clash(a: Features, b: Features, dist: float | None) -> bool:
    """``places_clash`` with the pair's ``distance`` given (``score`` needs it again)."""
    if a.country and b.country and a.country != b.country:
        return True
    if dist is not None:
        margin = rules.PLACE_MARGIN_KM
        if _towns_of_a_roundup(a, b):
            # "In Khan Sheikhoun, shelling killed 2. In Maarat al-Numan, a barrel bomb killed 3":
            # a roundup's towns, each named for its own toll, are its events
            return dist > a.radius + b.radius
        if a.doc == b.doc and not (a.own_date and b.own_date and (a.d0, a.d1) != (b.d0, b.d1)):
            margin = rules.SAME_DOCUMENT_MARGIN_KM
        return dist > a.radius + b.radius + margin
    return False


def _towns_of_a_roundup(a: Features, b: Features) -> bool:
    """Two figures of one report, each in a town of its own, and not a share of a total beside
    a figure that may be that total ("At least 14 were killed … Nine of them in Kafr Nabl, three
    in Maarat": parts of one toll). Both count one harm: "12 killed in Bassa" beside "3 injured were
    taken to hospital in Jos" is one attack and where its wounded went."""
    if not (a.doc == b.doc and a.precise and b.precise and a.point != b.point and a.outcome == b.outcome):
        return False
    if not towns_differ(a, b):
        return False
    a_part, b_part = PART_OF_TOTAL_CUE in a.identity, PART_OF_TOTAL_CUE in b.identity
    if a_part and b_part:
        return False
    if a_part or b_part:
        part, other = (a, b) if a_part else (b, a)
        return (other.point or 0) <= (part.point or 0)
    return True


def eligible(a: Features, b: Features) -> bool:
    """Whether the pair may be linked at all; blocking must find every eligible pair."""
    if a.doc == b.doc:
        return abs(a.part - b.part) <= 1  # always, but in a long document
    return _eligible_across(a, b, date_gap(a, b))


def _eligible_across(a: Features, b: Features, gap: int | None) -> bool:
    """``eligible`` for claims of two documents, their ``date_gap`` given."""
    if gap is None or gap > rules.MAX_DATE_GAP_DAYS:
        return False
    if a.country and b.country:
        return a.country == b.country and (not a.admin1 or not b.admin1 or a.admin1 == b.admin1)
    # A report naming no country meets another of its perpetrator only with a close figure: its
    # figure is all that could identify the event (``identified``), and a perpetrator alone
    # would make it a candidate for every one of that party's attacks that week.
    if a.perpetrator and a.perpetrator == b.perpetrator and close_points(a, b):
        return True
    return similar_wording(a, b) or same_telling_figure(a, b)


def opposite_sides(a: Features, b: Features) -> bool:
    """One claim counts civilians, the other combatants (``{a.victims, b.victims}`` is both)."""
    return a.victims != b.victims and a.victims in SIDES and b.victims in SIDES


def close_points(a: Features, b: Features) -> bool:
    """Both give a figure, within COUNT_CLOSE_RATIO of each other."""
    if not a.point or not b.point:
        return False
    return max(a.point, b.point) <= rules.COUNT_CLOSE_RATIO * min(a.point, b.point)


def figure_band(point: int) -> int:
    """Figures within COUNT_CLOSE_RATIO of each other fall in the same or neighbouring bands."""
    return int(math.log(point, rules.COUNT_CLOSE_RATIO))


def same_telling_figure(a: Features, b: Features) -> bool:
    """The same figure, large enough to be telling, for compatible victims."""
    return (
        a.point is not None
        and a.point == b.point
        and a.point >= rules.PLACELESS_MIN_FIGURE
        and not opposite_sides(a, b)
    )


def similar_wording(a: Features, b: Features) -> bool:
    """Two placeless claims with the same figure in nearly the same words (a wire story retold)."""
    if a.country or b.country or a.point is None or a.point != b.point:
        return False
    return wording_overlap(a.text, b.text) >= rules.SIMILAR_WORDING


def cues(f: Features, kind: str) -> set[str]:
    """The claim's identity cues of one kind ("family", "site", …), without the kind prefix."""
    if not f.identity:
        return set()
    prefix = kind + ":"
    return {c[len(prefix) :] for c in f.identity if c.startswith(prefix)}


def identity_clash(a: Features, b: Features) -> str | None:
    """Why two documents' claims are surely of different events (disjoint families, sites or
    named victims), else None. Claims of one document never clash here: a report may tell of
    a strike that hit two families."""
    if a.doc == b.doc or not a.identity or not b.identity:
        return None
    for kind in rules.HARD_IDENTITY_KINDS:
        mine, theirs = cues(a, kind), cues(b, kind)
        need = rules.MIN_NAMES_TO_DISAGREE if kind == "name" else 1
        if len(mine) >= need and len(theirs) >= need and not mine & theirs:
            return f"different {kind}: {sorted(mine)[0]} / {sorted(theirs)[0]}"
    return None


def other_story_of_one_report(a: Features, b: Features) -> bool:
    """Two figures a report tells as events of their own (``STORY_CUE_PREFIX``), or of two
    families in two towns (``HOUSEHOLD_CUE_PREFIX``)."""
    if a.doc != b.doc:
        return False
    return a.story != b.story or (a.household != b.household and towns_differ(a, b))


def days_apart_in_one_report(a: Features, b: Features) -> bool:
    """Two figures of one report on different days, unless one gives the other's toll as risen:
    - each sentence opens on its own day ("On 23 March insurgents beheaded three men in Bilibiza …
      On 26 March six insurgents were killed near Chai"): a roundup's events;
    - the earlier figure's own sentence tells its day and the later one's day is the report's,
      told before ("Police said on Sunday they killed three gang members … Residents said the gang
      had killed five people there on Friday"): an earlier event recalled. Nothing that happened
      before an event is a later turn of it.
    A date inside the later figure's sentence ("… including a man who died of his wounds on 7
    June") may be a later turn of the same event."""
    if a.doc != b.doc or not (a.own_date and b.own_date) or a.d0 != a.d1 or b.d0 != b.d1 or a.d0 == b.d0:
        return False
    if TOLL_UPDATE_CUE in a.identity or TOLL_UPDATE_CUE in b.identity:
        return False
    earlier, later = (a, b) if a.d0 < b.d0 else (b, a)  # type: ignore[operator]
    return (a.dated_opening and b.dated_opening) or (earlier.dated_in_sentence and not later.dated_in_sentence)


def other_event_in_passing(a: Features, b: Features) -> bool:
    """One claim of a report is about another event it mentions in passing ("… came two days
    after a mortar attack that wounded three"): it never joins the report's own event."""
    return a.doc == b.doc and (OTHER_EVENT_CUE in a.identity) != (OTHER_EVENT_CUE in b.identity)


def shared_identity(a: Features, b: Features) -> set[str]:
    """Family, named-victim, named-site and village cues both claims hold."""
    if not (a.identity and b.identity):
        return set()
    return {c for c in a.identity & b.identity if c.split(":", 1)[0] in rules.IDENTIFYING_KINDS}


def telling_figure(a: Features, b: Features) -> bool:
    """The same figure (or, from 10 up, one within NEAR_FIGURE of it: "21" and "22 killed") for the
    same outcome, large and rare enough in the ledger to identify an event, on the same or the
    next day. Two reports dated only by when they were published already span the days before it
    (``PUBLISHED_LOOKBACK_DAYS``): theirs must overlap (a day apart, they were published three
    or four days apart)."""
    if a.point is None or b.point is None or not a.outcome or a.outcome != b.outcome:
        return False
    near = a.point == b.point or (
        min(a.point, b.point) >= rules.RARE_FIGURE
        and abs(a.point - b.point) <= rules.NEAR_FIGURE * max(a.point, b.point)
    )
    telling = near and min(a.point, b.point) >= rules.TELLING_FIGURE
    # A report's parts told together ("a soldier and three rebels were killed") are its toll of four.
    summed = not telling and _sums_agree(a, b)
    if not (telling or summed) or opposite_sides(a, b):
        return False
    gap = date_gap(a, b)
    most = rules.FIGURE_EVIDENCE_MAX_GAP_DAYS if a.own_date or b.own_date else 0
    # Two near figures could each come from a different event: twice the chance of a coincidence.
    exact = a.point == b.point or summed
    return gap is not None and gap <= most and coincidence(a, b) * (1 if exact else 2) <= rules.MAX_COINCIDENCE


def _sums_agree(a: Features, b: Features) -> bool:
    """One claim's ``joint_sum`` is the other's figure or sum, at least TELLING_FIGURE."""
    pairs = ((a.joint_sum, b.point), (a.point, b.joint_sum), (a.joint_sum, b.joint_sum))
    return any(x is not None and x == y and x >= rules.TELLING_FIGURE for x, y in pairs)


def close_figures_in_quiet_place(a: Features, b: Features) -> bool:
    """Close figures for one outcome ("seven" and "at least 11 killed") where the ledger holds no
    other toll for that outcome in the province (or country) on those days: one event's toll
    reported early and late."""
    if a.point is None or b.point is None or not a.outcome or a.outcome != b.outcome:
        return False
    if min(a.point, b.point) < rules.TELLING_FIGURE or not close_points(a, b):
        return False
    if opposite_sides(a, b):
        return False
    if date_gap(a, b) != 0 or pair_crowd(a, b) > rules.CROWD_FREE:
        return False
    if a.admin1 and a.admin1 == b.admin1:
        crowd = min(a.outcome_crowd, b.outcome_crowd)
    elif a.country and b.country:
        crowd = min(a.country_outcome_crowd, b.country_outcome_crowd)
    else:
        crowd = max(a.country_outcome_crowd, b.country_outcome_crowd)  # the world's (``pair_crowd``)
    return crowd <= rules.QUIET_CROWD


def same_telling_quote(a: Features, b: Features) -> bool:
    """The same sentence with a figure in it, long enough not to be a stock phrase
    ("No casualties were reported." recurs in every summary of a quiet attack)."""
    return a.quote == b.quote and a.quote_words >= rules.TELLING_QUOTE_WORDS and a.point is not None and a.point > 0


def coincidence(a: Features, b: Features) -> float:
    """The chance that another report of that province and day gives this figure by coincidence:
    the figure's share in the ledger, times the number of other reports it could come from, times
    the number of figures the shorter of the two reports gives (a long assessment quoting a dozen
    tolls matches something by chance far more often than a headline with one)."""
    return (
        max(a.figure_share, b.figure_share) * max(1, pair_crowd(a, b) - 1) * max(1, min(a.doc_figures, b.doc_figures))
    )


def pair_crowd(a: Features, b: Features) -> int:
    """The crowd the two claims share: their province's, their country's when they do not name
    the same province, and the world's when one names no country: that report could be of any
    toll of its days, so it meets a quiet place only on a quiet day for the whole ledger."""
    if a.admin1 and a.admin1 == b.admin1:
        return min(a.crowd, b.crowd)
    if a.country and b.country:
        return min(a.country_crowd, b.country_crowd)
    return max(a.country_crowd, b.country_crowd)


def contrary(a: Features, b: Features) -> bool:
    """A sign the two claims are of different events: their event types, times of day,
    neighbourhoods or villages differ."""
    if a.event and b.event and not rules.events_agree(a.event, b.event):
        return True
    if not (a.identity and b.identity):
        return False
    for kind in ("time", "area", "village"):
        mine, theirs = cues(a, kind), cues(b, kind)
        if mine and theirs and not mine & theirs:
            return True
    return False


def similar_telling_wording(a: Features, b: Features) -> bool:
    """The same telling figure in nearly the same words ("Four dead in suicide bombing in X:
    security sources" / "… security officials"): one story retold."""
    return (
        a.point is not None
        and a.point >= rules.TELLING_FIGURE
        and a.point == b.point
        and wording_overlap(a.text, b.text) >= rules.SIMILAR_TELLING_WORDING
    )


def same_story(a: Features, b: Features) -> bool:
    """Whether two documents sharing a sentence tell one story: their openings agree too and
    they name no different towns. Sibling reports of a series ("one of three attacks that day",
    each opening on its own village) share their stock sentences; copies share their lead."""
    if towns_differ(a, b):
        return False
    mine, theirs = lead_words(a.lead), lead_words(b.lead)
    return not mine or not theirs or jaccard(mine, theirs) >= rules.SAME_LEAD


def towns_differ(a: Features, b: Features) -> bool:
    """Both claims name a town (or finer), and not the same one: sibling reports of a series
    ("one of three attacks that day", each in its own village) share their wording, copies of
    one report share their town."""
    return bool(a.town and b.town) and a.town != b.town and a.town not in b.town and b.town not in a.town


def places_differ(a: Features, b: Features) -> bool:
    """Both placed, and further apart than their places' tolerance."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) > a.radius + b.radius


def identified(a: Features, b: Features) -> bool:
    """Whether something beyond place and time says two documents' claims are one event.

    The same telling sentence or wording identifies a story on its own; a shared figure or
    identity cue only where the two places agree and the dates are close (a family's home can be
    hit twice in a month, and a common family name recurs across a city).
    """
    if a.series or b.series:
        # Reports of one attack in a series share the series' wording and its total: only what
        # names the attack itself (a family, a victim, a site) can say two of them are one.
        return not places_differ(a, b) and bool(shared_identity(a, b)) and _close(a, b)
    if (
        (same_telling_quote(a, b) or similar_wording(a, b) or similar_telling_wording(a, b))
        and same_story(a, b)
        and not _beyond_identity_gap(a, b)
    ):
        return True
    if places_differ(a, b):
        return False
    # A figure identifies one event only where the two reports name one place: two villages the
    # gazetteer lacks, placed at one province's point ("Kukal Dash" and "Jar Quduq"), or two towns
    # of a city under bombardment ("Jabalia" and "Gaza City", 3 km apart) do not.
    if (telling_figure(a, b) or close_figures_in_quiet_place(a, b)) and not contrary(a, b) and not towns_differ(a, b):
        return True
    if (updates(a, b) or updates(b, a)) and not towns_differ(a, b) and not contrary(a, b):
        return True
    shared = shared_identity(a, b)
    if shared and all(c.startswith(VILLAGE_CUE_PREFIX) for c in shared):
        # A quarter of a city under bombardment is hit on many days ("Ma'an, east of Khan Younis"
        # on the 11th and again on the 12th): the locality alone identifies an attack on one day.
        return date_gap(a, b) == 0
    return _close(a, b) and bool(shared)


def updates(new: Features, old: Features) -> bool:
    """``new`` gives the risen toll of the event ``old`` reported ("the death toll rose to 54"
    beside "at least 44 killed"): the same outcome, a figure no lower and at most twice it, on the
    same day or the next."""
    if TOLL_UPDATE_CUE not in new.identity or new.outcome != old.outcome or new.doc == old.doc:
        return False
    if new.point is None or old.point is None or not old.point <= new.point <= 2 * old.point:
        return False
    gap = date_gap(new, old)
    # … or, when the update dates only when it was said, within the days before that ("rose to 60
    # on Thursday" of Sunday's attack)
    return gap is not None and (gap <= 1 or (not new.own_date and gap <= rules.PUBLISHED_LOOKBACK_DAYS + 1))


def _beyond_identity_gap(a: Features, b: Features) -> bool:
    """Dated further apart than one story's copies are: stock wording ("At least three soldiers
    were injured in the blast.") recurs in reports of one town's attacks a week apart."""
    gap = date_gap(a, b)
    return gap is not None and gap > rules.IDENTITY_MAX_GAP_DAYS


def _close(a: Features, b: Features) -> bool:
    gap = date_gap(a, b)
    return gap is not None and gap <= rules.IDENTITY_MAX_GAP_DAYS


def linked(a: Features, b: Features, weight: float) -> bool:
    """The linking rule: enough weight, and across documents, identifying evidence too."""
    return weight >= rules.LINK_THRESHOLD and (a.doc == b.doc or identified(a, b))


def figure_weight(a: Features, b: Features) -> float:
    """How much the same figure weighs across documents: log2(m / u), u its share in the ledger."""
    share = max(a.figure_share, b.figure_share, 1e-6)
    low, high = rules.FIGURE_WEIGHT_RANGE
    return min(high, max(low, math.log2(rules.FIGURE_M / share)))


def crowd_penalty(a: Features, b: Features) -> float:
    """How much less agreement on province and day is worth where many reports share them."""
    crowd = pair_crowd(a, b)
    return math.log2(crowd - 1) if crowd > rules.CROWD_FREE else 0.0


def score(a: Features, b: Features, reasons: list[str] | None = None) -> float | None:
    """The link weight of a pair, or None when a hard rule forbids the link.

    Each part is a weight with a label template and its arguments; labels are only formatted
    when ``reasons`` asks for them (scoring runs over hundreds of thousands of pairs).
    """
    # The hard rules (``eligible``, ``places_clash``, ``dates_clash``, ``identity_clash`` and the
    # rules of one report), each asked only of the pairs it can forbid, the gap and the distance
    # taken once: two documents' eligible claims are never dated too far apart, and only one
    # report's claims tell two of its stories.
    if a.period != b.period:
        return None
    same_doc = a.doc == b.doc
    gap = date_gap(a, b)
    if same_doc:
        if abs(a.part - b.part) > 1:
            return None
    elif not _eligible_across(a, b, gap):
        return None
    dist = distance(a, b)
    if _places_clash(a, b, dist):
        return None
    if same_doc:
        if gap is not None and a.own_date == b.own_date and gap > rules.MAX_DATE_GAP_DAYS:
            return None
        if other_event_in_passing(a, b) or other_story_of_one_report(a, b) or days_apart_in_one_report(a, b):
            return None
    elif a.identity and b.identity and identity_clash(a, b) is not None:
        return None
    # Each part's weight is added as it is found; its label template and arguments are kept only
    # when ``reasons`` asks for them. Added one by one, as ``sum`` would (same floats).
    parts: list[tuple[float, str, tuple[object, ...]]] | None = [] if reasons is not None else None
    total = 0.0  # never left empty: every pair gets its document or date part, so always a float
    if same_doc:
        total += rules.SAME_DOCUMENT
        if parts is not None:
            parts.append((rules.SAME_DOCUMENT, "same document", ()))
    elif a.quote == b.quote:
        total += rules.SAME_QUOTE
        if parts is not None:
            parts.append((rules.SAME_QUOTE, "same wording", ()))
    elif (not a.country and not b.country and similar_wording(a, b)) or similar_telling_wording(a, b):
        total += rules.SIMILAR_WORDING_WEIGHT
        if parts is not None:
            parts.append((rules.SIMILAR_WORDING_WEIGHT, "similar wording", ()))
    placed = False  # some agreement on place
    if dist is not None:
        if dist <= a.radius + b.radius:
            weight = rules.PLACE_AGREE_PRECISE if a.precise and b.precise else rules.PLACE_AGREE_COARSE
        else:
            weight = rules.PLACE_DISAGREE
        if weight > 0 and not same_doc and not (a.precise and b.precise) and towns_differ(a, b):
            # "Wulgo" and "Gudunbali", villages the gazetteer lacks, both at Borno's point: two
            # places of one province, not one place
            total += 0.0
            if parts is not None:
                parts.append((0.0, "different places named in one area ({}, {})", (a.town, b.town)))
        else:
            total += weight
            if parts is not None:
                parts.append((weight, "places {:.0f} km apart", (dist,)))
            placed = weight > 0
    elif a.country and b.country:
        if a.admin1 and b.admin1:
            same = a.admin1 == b.admin1
            total += rules.PLACE_AGREE_COARSE if same else rules.DIFFERENT_ADMIN1
            if parts is not None:
                parts.append(
                    (
                        rules.PLACE_AGREE_COARSE if same else rules.DIFFERENT_ADMIN1,
                        "province {}",
                        ("same" if same else "differs",),
                    )
                )
            placed = same
        else:
            total += rules.SAME_COUNTRY_ONLY
            if parts is not None:
                parts.append((rules.SAME_COUNTRY_ONLY, "same country", ()))
            placed = True
    if gap is not None and not (same_doc and not (a.own_date and b.own_date)):
        date_weight = rules.date_weight(gap)
        if gap == 0:
            # "sometime between 18 and 23 April" holds the 20th, but says no more than a day
            # two or three days off would: the overlap counts as half the range apart
            # (never less than no evidence: a month holding the day does not speak against it)
            half = min(max(_own_span(a), _own_span(b)) // 2, rules.OVERLAP_NO_EVIDENCE_DAYS)
            date_weight = min(date_weight, rules.date_weight(half))
        total += date_weight
        if parts is not None:
            parts.append((date_weight, "dates {} d apart", (gap,)))
        penalty = crowd_penalty(a, b) if not same_doc and placed and date_weight > 0 else 0.0
        if penalty:
            total += -round(penalty, 1)
            if parts is not None:
                parts.append((-round(penalty, 1), "{} tolls reported there those days", (pair_crowd(a, b),)))
    if a.event and b.event:
        same = a.event == b.event or rules.events_agree(a.event, b.event)
        total += rules.EVENT_AGREE if same else rules.EVENT_DISAGREE
        if parts is not None:
            parts.append(
                (rules.EVENT_AGREE if same else rules.EVENT_DISAGREE, "event {}", ("same" if same else "differs",))
            )
    if a.perpetrator and b.perpetrator:
        same = a.perpetrator == b.perpetrator
        total += rules.PERPETRATOR_AGREE if same else rules.PERPETRATOR_DISAGREE
        if parts is not None:
            parts.append(
                (
                    rules.PERPETRATOR_AGREE if same else rules.PERPETRATOR_DISAGREE,
                    "perpetrator {}",
                    ("same" if same else "differs",),
                )
            )
    if opposite_sides(a, b):
        total += rules.VICTIMS_DISAGREE
        if parts is not None:
            parts.append((rules.VICTIMS_DISAGREE, "victims differ", ()))
    if a.outcome and a.outcome == b.outcome:
        weight = rules.count_weight(a.point, b.point)
        if weight > 0 and a.point == b.point and not same_doc:
            weight = figure_weight(a, b)
        if weight:
            total += round(weight, 1)
            if parts is not None:
                parts.append((round(weight, 1), "figures {}/{}", (a.point, b.point)))
    if not same_doc and (a.identity or b.identity):
        if updates(a, b) or updates(b, a):
            total += 0.0
            if parts is not None:
                parts.append((0.0, "one gives the other's toll as risen", ()))  # says why they may join
        shared = shared_identity(a, b)
        if shared:
            total += rules.IDENTITY_AGREE
            if parts is not None:
                parts.append((rules.IDENTITY_AGREE, "shared {}", (", ".join(sorted(shared)),)))
        mine, theirs = cues(a, "area"), cues(b, "area")
        if mine and theirs:
            same = bool(mine & theirs)
            total += rules.AREA_AGREE if same else rules.AREA_DISAGREE
            if parts is not None:
                parts.append(
                    (rules.AREA_AGREE if same else rules.AREA_DISAGREE, "area {}", ("same" if same else "differs",))
                )
        mine, theirs = cues(a, "time"), cues(b, "time")
        if mine and theirs:
            same = bool(mine & theirs)
            total += rules.TIME_AGREE if same else rules.TIME_DISAGREE
            if parts is not None:
                parts.append(
                    (
                        rules.TIME_AGREE if same else rules.TIME_DISAGREE,
                        "time of day {}",
                        ("same" if same else "differs",),
                    )
                )
    if reasons is not None and parts is not None:
        reasons.extend(f"{label.format(*args)} ({w:+g})" for w, label, args in parts)
    return total


def _weeks(f: Features) -> range:
    if not f.linkable:
        return range(0)
    assert f.d0 is not None and f.d1 is not None
    half = (rules.MAX_DATE_GAP_DAYS + 1) // 2
    return range((f.d0 - half) // rules.BUCKET_DAYS, (f.d1 + half) // rules.BUCKET_DAYS + 1)


Key = tuple[object, ...]


def _dated_keys(f: Features) -> tuple[list[Key], list[Key]]:
    """The keys of ``block_keys`` that hold only for pairs close in time, without their week."""
    index: list[Key] = []
    probe: list[Key] = []
    if f.country:
        if f.admin1:
            index += [("g", f.country, f.admin1), ("c*", f.country)]
            probe += [("g", f.country, f.admin1), ("g", f.country, "")]
        else:
            index.append(("g", f.country, ""))
            probe += [("c*", f.country), ("g", f.country, "")]
        if f.perpetrator and f.point:
            band = figure_band(f.point)
            index.append(("p", f.perpetrator, band))
            probe += [("np", f.perpetrator, band + k) for k in (-1, 0, 1)]
        if f.point is not None and f.point >= rules.PLACELESS_MIN_FIGURE:
            index.append(("fig", f.point))
            probe.append(("nfig", f.point))
    else:
        if f.perpetrator and f.point:
            band = figure_band(f.point)
            index += [("np", f.perpetrator, band), ("p", f.perpetrator, band)]
            probe += [("p", f.perpetrator, band + k) for k in (-1, 0, 1)]
        if f.point is not None:
            index += [("fig", f.point), ("nfig", f.point)]
            probe.append(("fig", f.point))
    if f.period:
        # Only claims of the same period phrase are scored at all (``score``): cumulative tolls
        # "since March 2011" and "in the past week" never meet in a bucket.
        index = [(f.period, *k) for k in index]
        probe = [(f.period, *k) for k in probe]
    return index, probe


def block_keys(f: Features) -> tuple[list[Key], list[Key]]:
    """Keys a claim is filed under, and keys it looks up (see ``eligible``); plain tuples, so a
    distributed runner can join on them (``harmledger.spark.spark_edges``)."""
    index: list[Key] = [("d", f.doc, f.part)]
    probe: list[Key] = [("d", f.doc, f.part - 1), ("d", f.doc, f.part), ("d", f.doc, f.part + 1)]
    dated_index, dated_probe = _dated_keys(f)
    for w in _weeks(f):
        index += [(*k, w) for k in dated_index]
        probe += [(*k, w) for k in dated_probe]
    return index, probe


def _stretch(doc: str, part: int) -> object:
    """A document's stretch as a key: the document's id for the first (no tuple for each of a
    million reports)."""
    return doc if part == 0 else (doc, part)


class BlockIndex:
    """Claims filed under their blocking keys; ``candidates`` lists possible partners.

    In memory the week buckets of ``block_keys`` are not needed: a key's claims are kept sorted
    by first day, and a lookup takes only those within MAX_DATE_GAP_DAYS (a sorted neighbourhood).
    Week buckets hold two to three weeks of claims for a one-week window, and every claim
    several times; where events are dense that was most of the pairs scored.
    """

    def __init__(self, feats: Sequence[Features]) -> None:
        self.feats = feats
        # Each document's claims (by stretch of a long one): one position, a list only when it
        # has more (most of a million reports give one claim, and a list each cost 200 MB).
        self.by_doc: dict[object, int | list[int]] = {}
        dated: dict[Key, list[int]] = defaultdict(list)
        self.reach = 0  # the longest interval indexed (d1 - d0), so a window can start early enough
        for pos, f in enumerate(feats):
            key = _stretch(f.doc, f.part)
            held = self.by_doc.get(key)
            if held is None:
                self.by_doc[key] = pos
            elif isinstance(held, int):
                self.by_doc[key] = [held, pos]
            else:
                held.append(pos)
            if f.linkable:
                assert f.d0 is not None and f.d1 is not None
                self.reach = max(self.reach, f.d1 - f.d0)
                for key in dict.fromkeys(_dated_keys(f)[0]):
                    dated[key].append(pos)
        # Each key: its claims' first days (for bisect), their positions sorted by those days, and
        # their last days, as arrays of 4-byte ints (a million claims are filed under several
        # keys each; days are ordinals below 4 million, positions below 2 billion).
        self.dated: dict[Key, tuple[array[int], array[int], array[int]]] = {}
        for key, positions in dated.items():
            positions.sort(key=lambda p: feats[p].d0 or 0)
            self.dated[key] = (
                array("i", [feats[p].d0 or 0 for p in positions]),
                array("i", positions),
                array("i", [feats[p].d1 or 0 for p in positions]),
            )

    def candidates(self, f: Features, after: int = -1) -> list[int]:
        """Positions (in the indexed sequence, ascending, above ``after``) of claims sharing a key
        with ``f``: those of its document (its neighbouring stretches in a long one), and those
        sharing a dated key whose dates are within MAX_DATE_GAP_DAYS of its own."""
        found: set[int] = set()
        for part in (f.part - 1, f.part, f.part + 1):
            same = self.by_doc.get(_stretch(f.doc, part))
            if isinstance(same, int):
                found.add(same)
            elif same:
                found.update(same)
        if f.linkable and self.dated:
            assert f.d0 is not None and f.d1 is not None
            gap = rules.MAX_DATE_GAP_DAYS
            first, last, earliest_end = f.d0 - gap - self.reach, f.d1 + gap, f.d0 - gap
            ends_in_time = earliest_end.__le__
            for key in dict.fromkeys(_dated_keys(f)[1]):
                entry = self.dated.get(key)
                if entry is None:
                    continue
                starts, positions, ends = entry
                lo, hi = bisect_left(starts, first), bisect_right(starts, last)
                found.update(compress(positions[lo:hi], map(ends_in_time, ends[lo:hi])))
        ordered = sorted(found)
        return ordered[bisect_right(ordered, after) :] if after >= 0 else ordered


def toll_score(a: Features, b: Features, reasons: list[str] | None = None) -> float | None:
    """Cumulative tolls: one document's tolls are distinct aggregates; across documents the same
    toll (same period phrase) reported again links like an event claim."""
    if a.doc == b.doc:
        return None
    return score(a, b, reasons)


Scorer = Callable[[Features, Features], "float | None"]


EdgeFinder = Callable[[Sequence[Features]], "Sequence[Edge]"]


class Edges(Sequence[Edge]):
    """Scored pairs held in three arrays, 16 bytes a pair: a million claims score millions of pairs,
    and as tuples of three objects they took about a gigabyte. Read back as ``(weight, i, j)``
    tuples, the same floats and ints the scorer gave."""

    __slots__ = ("_weights", "_firsts", "_seconds")

    def __init__(self) -> None:
        self._weights = array("d")
        self._firsts = array(POSITIONS)
        self._seconds = array(POSITIONS)

    @classmethod
    def of(cls, edges: Iterable[Edge]) -> Edges:
        """``edges`` held as arrays (an ``Edges`` is returned as it is)."""
        if isinstance(edges, Edges):
            return edges
        held = cls()
        add_weight, add_first, add_second = held.appenders()
        for weight, i, j in edges:
            add_weight(weight)
            add_first(i)
            add_second(j)
        return held

    def columns(self) -> tuple[array[float], array[int], array[int]]:
        """The weights, the first and the second positions, as the arrays themselves."""
        return self._weights, self._firsts, self._seconds

    def strongest_first(self, n: int) -> array[int]:
        """Positions of the edges by weight, strongest first, then by their claims' positions
        (each below ``n``): the order of sorting ``(-weight, i, j)`` tuples, without a tuple or
        a sort key per edge. Weights are sums of a few rule weights, so they take few values:
        the edges are dealt into one array per weight in ``(i, j)`` order (the order
        ``blocked_edges`` appends them in; sorted first when they came otherwise)."""
        firsts, seconds, weights = self._firsts, self._seconds, self._weights
        by_pair: Iterable[int] = range(len(weights))
        if any(firsts[k] * n + seconds[k] > firsts[k + 1] * n + seconds[k + 1] for k in range(len(weights) - 1)):
            by_pair = sorted(by_pair, key=lambda k: firsts[k] * n + seconds[k])
        by_weight: dict[float, array[int]] = {}
        for k in by_pair:
            same = by_weight.get(weights[k])
            if same is None:
                same = by_weight[weights[k]] = array(POSITIONS)
            same.append(k)
        order = array(POSITIONS)
        for weight in sorted(by_weight, reverse=True):
            order.extend(by_weight[weight])
        return order

    def appenders(self) -> tuple[Callable[[float], None], Callable[[int], None], Callable[[int], None]]:
        """The appends of the weights, the first and the second positions, for a loop that adds
        millions of edges (call all three for each edge)."""
        return self._weights.append, self._firsts.append, self._seconds.append

    def append(self, edge: Edge) -> None:
        self._weights.append(edge[0])
        self._firsts.append(edge[1])
        self._seconds.append(edge[2])

    def __len__(self) -> int:
        return len(self._weights)

    @overload
    def __getitem__(self, k: int) -> Edge: ...
    @overload
    def __getitem__(self, k: slice) -> list[Edge]: ...
    def __getitem__(self, k: int | slice) -> Edge | list[Edge]:
        if isinstance(k, slice):
            return list(zip(self._weights[k], self._firsts[k], self._seconds[k], strict=True))
        return (self._weights[k], self._firsts[k], self._seconds[k])

    def __iter__(self) -> Iterator[Edge]:
        return zip(self._weights, self._firsts, self._seconds, strict=True)


def blocked_edges(
    feats: Sequence[Features], scorer: Scorer = score, index: BlockIndex | None = None, floor: float = rules.EDGE_FLOOR
) -> Edges:
    """Scored pairs at or above ``floor`` (links and possible suggestions), found through blocking."""
    index = index or BlockIndex(feats)
    edges = Edges()
    # The arrays' own appends, bound once: no tuple and no method call per scored pair.
    weight, first, second = edges.appenders()
    for i, f in enumerate(feats):
        for j in index.candidates(f, after=i):
            s = scorer(f, feats[j])
            if s is not None and s >= floor:
                weight(s)
                first(i)
                second(j)
    return edges


def all_pairs_edges(feats: Sequence[Features], scorer: Scorer = score, floor: float = rules.EDGE_FLOOR) -> list[Edge]:
    """The quadratic reference: every pair scored (for tests and tiny inputs)."""
    edges: list[Edge] = []
    for i in range(len(feats)):
        for j in range(i + 1, len(feats)):
            s = scorer(feats[i], feats[j])
            if s is not None and s >= floor:
                edges.append((s, i, j))
    return edges


def build_features(
    claims: Iterable[Claim], documents: Mapping[str, Document], cues: Mapping[str, TextCues] | None = None
) -> list[Features]:
    """``Features`` for each claim, numbered in order, with the ledger's statistics set.

    ``cues`` are the ``TextCues`` of the documents in ``documents`` (``document_cues``); by default
    taken from the texts ``documents`` hold.
    """
    claims = list(claims)
    if cues is None:
        cues = document_cues((c.document_id for c in claims if c.document_id in documents), texts_from(documents))
    feats = [features_of(i, c, documents.get(c.document_id), cues.get(c.document_id)) for i, c in enumerate(claims)]
    for f in feats:
        mine = cues.get(f.doc)
        f.series = mine is not None and mine.series
    _set_joint_sums(claims, feats)
    annotate_ledger_statistics(feats)
    return feats


def _set_joint_sums(claims: Sequence[Claim], feats: Sequence[Features]) -> None:
    """Each figure of a sentence's run of joint figures ("a soldier and three rebels were
    killed": the first, then those added to it, of one outcome) carries the run's sum."""
    keyed = {(c.document_id, c.sentence.start, c.outcome) for c in claims if c.joint}
    if not keyed:
        return
    runs: dict[tuple[str, int, str | None], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if (c.document_id, c.sentence.start, c.outcome) in keyed:
            runs[(c.document_id, c.sentence.start, c.outcome)].append(i)
    for members in runs.values():
        members.sort(key=lambda i: claims[i].span.start)
        run: list[int] = []
        for i in [*members, -1]:
            if i >= 0 and claims[i].joint and run:
                run.append(i)
                continue
            points = [feats[j].point for j in run]
            if len(run) > 1 and all(p is not None for p in points):
                total = sum(p for p in points if p is not None)
                for j in run:
                    feats[j].joint_sum = total
            run = [i]


def _crowd_days(f: Features) -> range:
    """The days a claim counts towards its province's crowd (at most a week from its start)."""
    if not f.linkable or f.d0 is None or f.d1 is None:
        return range(0)
    return range(f.d0, min(f.d1, f.d0 + rules.MAX_DATE_GAP_DAYS - 1) + 1)


def distinct_tolls(tolls: set[object]) -> int:
    """How many different tolls a set holds: figures for one outcome within COUNT_CLOSE_RATIO of
    each other ("21", "22" and "25 killed", as outlets differ on one event) count once."""
    points: dict[object, list[int]] = defaultdict(list)
    other = 0
    for toll in tolls:
        if isinstance(toll, tuple) and isinstance(toll[1], int):
            points[toll[0]].append(toll[1])
        else:
            other += 1
    groups = 0
    for values in points.values():
        start = None
        for v in sorted(values):
            if start is None or v > start * rules.COUNT_CLOSE_RATIO:
                groups, start = groups + 1, v
    return groups + other


def annotate_ledger_statistics(feats: Sequence[Features]) -> None:
    """Set each claim's ``crowd`` and ``figure_share`` from all of ``feats`` (the ledger's claims).

    Estimated anew at each reconciliation from the ledger itself (Splink's term-frequency idea).
    The crowd of a province (or country) on a day is the number of distinct tolls reported there
    (``distinct_tolls``: one event told by eight outlets with figures of 21 to 25 is not a
    crowd); a figure's share is how common it is among the claims of its outcome (each document
    counted once).
    """
    # A day's cells never mix countries: crowds are counted one country at a time, so only its
    # tolls and cells are held (all of them at once cost more than the claims themselves at a
    # million claims).
    by_country: dict[str, array[int]] = {}
    for position, f in enumerate(feats):
        if f.country:
            by_country.setdefault(f.country, array(POSITIONS)).append(position)
    # The world's crowd on a day is the sum of its countries' (a toll of 12 in Yemen and one of
    # 12 in Syria are two): counted only when some claim names no country.
    world: Counter[tuple[int, str]] | None = Counter() if any(f.linkable and not f.country for f in feats) else None
    for positions in by_country.values():
        _country_crowds([feats[p] for p in positions], world)
    if world is not None:
        for f in feats:
            if not f.country:
                days = _crowd_days(f)
                f.country_crowd = max((world[(d, "")] for d in days), default=1) or 1
                if f.point and f.outcome:
                    f.country_outcome_crowd = max((world[(d, f.outcome)] for d in days), default=1) or 1
    _figure_statistics(feats)


def _country_crowds(feats: Sequence[Features], world: Counter[tuple[int, str]] | None = None) -> None:
    """``annotate_ledger_statistics``' crowds for the claims of one country; with ``world``, each
    day's whole-country crowds added to it (``(day, "")``, and ``(day, outcome)`` for the telling
    tolls of an outcome)."""
    # Claims sharing province and days share their crowd: gather tolls by that key first.
    by_key: dict[tuple[str, range], set[object]] = defaultdict(set)
    keys: list[tuple[str, range]] = []
    for f in feats:
        key = (f.admin1, _crowd_days(f))
        tolls = by_key[key]
        if PART_OF_TOTAL_CUE not in f.identity:  # a share of a toll ("two of the wounded died") is none
            tolls.add((f.outcome, f.point) if f.point else ("document", f.doc))
        keys.append(key)
    cells: dict[tuple[str, int], set[object]] = defaultdict(set)
    for (admin1, days), tolls in by_key.items():
        for day in days:
            cells[(admin1, day)] |= tolls
            cells[("*", day)] |= tolls
    crowds = {cell: distinct_tolls(tolls) if len(tolls) > 1 else 1 for cell, tolls in cells.items()}
    # The same, counting only telling tolls of one outcome: a report's injured figure is no other
    # event, and "a leader killed" beside "22 militants killed" is no other toll of that size.
    # A cell of one toll needs no count: its outcome crowd is at most 1.
    outcome_crowds: dict[tuple[str, int, str], int] = {}
    for (admin1, day), tolls in cells.items():
        if crowds[(admin1, day)] <= 1:
            continue
        for outcome, same in _telling_by_outcome(tolls).items():
            outcome_crowds[(admin1, day, outcome)] = distinct_tolls(same)
    if world is not None:
        for (admin1, day), tolls in cells.items():
            if admin1 != "*":
                continue
            world[(day, "")] += crowds[(admin1, day)]
            for outcome in _telling_by_outcome(tolls):
                world[(day, outcome)] += outcome_crowds.get(("*", day, outcome), 1)
    del by_key, cells
    for f, (admin1, days) in zip(feats, keys, strict=True):
        f.crowd = max((crowds[(admin1, d)] for d in days), default=1)
        f.country_crowd = max((crowds[("*", d)] for d in days), default=1)
        if f.point and f.outcome and f.crowd > 1:
            f.outcome_crowd = max(outcome_crowds.get((admin1, d, f.outcome), 1) for d in days)
        if f.point and f.outcome and f.country_crowd > 1:
            f.country_outcome_crowd = max(outcome_crowds.get(("*", d, f.outcome), 1) for d in days)


def _figure_statistics(feats: Sequence[Features]) -> None:
    """Each claim's ``doc_figures`` and ``figure_share`` (``annotate_ledger_statistics``)."""
    figures: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    # A document's first figure, and all its figures only when it gives more than one: a set
    # for every document costs more than its claims' features.
    first_figure: dict[str, int] = {}
    per_doc: dict[str, set[int]] = {}
    for f in feats:
        if f.point:
            first = first_figure.setdefault(f.doc, f.point)
            if first != f.point:
                per_doc.setdefault(f.doc, {first}).add(f.point)
            if f.outcome and f.point > 0:
                figures[f.outcome][f.point].add(f.doc)
    del first_figure
    totals = {outcome: sum(len(docs) for docs in by_point.values()) for outcome, by_point in figures.items()}
    # One float for each figure of an outcome, shared by its claims.
    shares: dict[tuple[str, int], float] = {}
    for f in feats:
        f.doc_figures = len(per_doc.get(f.doc, ())) or 1
        if f.outcome and f.point is not None and f.point > 0:
            share = shares.get((f.outcome, f.point))
            if share is None:
                total = totals[f.outcome]
                if total < rules.MIN_CLAIMS_FOR_SHARES:
                    share = rules.DEFAULT_FIGURE_SHARE if f.point >= rules.TELLING_FIGURE else rules.SMALL_FIGURE_SHARE
                else:
                    share = len(figures[f.outcome][f.point]) / total
                shares[(f.outcome, f.point)] = share
            f.figure_share = share


def _telling_by_outcome(tolls: set[object]) -> dict[str, set[object]]:
    """A cell's tolls of at least TELLING_FIGURE, by outcome."""
    by_outcome: dict[str, set[object]] = defaultdict(set)
    for toll in tolls:
        if isinstance(toll, tuple) and isinstance(toll[1], int) and toll[1] >= rules.TELLING_FIGURE:
            by_outcome[str(toll[0])].add(toll)
    return by_outcome


# Partners of one claim compared with each other (``torn_between``): a clash shows among the
# first few, and a claim linked to hundreds would otherwise cost the square of them.
TORN_PARTNERS = 50


def torn_between(edges: Iterable[Edge], feats: Sequence[Features]) -> set[int]:
    """Claims linked, about equally strongly (within ``rules.TORN_MARGIN``), to reports of two
    events that cannot be one (their places or dates clash): a report that fits both tells which
    of them it is about no better than a coin would, so it joins neither and stays a suggestion
    for each."""
    partners, weights, starts = _partners_in_other_documents(Edges.of(edges), feats)
    torn: set[int] = set()
    for i in range(len(feats)):
        start, end = starts[i], starts[i + 1]
        if end - start < 2:
            continue
        # Strongest first; equal weights keep the order of the edges (a stable sort).
        scored = sorted(range(start, end), key=lambda k: -weights[k])
        # A partner clearly stronger than the rest is the report's event: only close ones compete.
        floor = weights[scored[0]] - rules.TORN_MARGIN
        seen: list[Features] = []
        for k in scored[:TORN_PARTNERS]:
            if weights[k] < floor:
                break
            g = feats[partners[k]]
            if any(g.doc != h.doc and (places_clash(g, h) or dates_clash(g, h)) for h in seen):
                torn.add(i)
                break
            seen.append(g)
    return torn


def _partners_in_other_documents(
    edges: Edges, feats: Sequence[Features]
) -> tuple[array[int], array[float], array[int]]:
    """Each claim's partners in other documents and their weights, in the order of ``edges``:
    claim i's are at ``starts[i]:starts[i + 1]`` of the first two arrays (12 bytes a partner; as
    lists of tuples they took hundreds of megabytes at a million claims)."""
    weights, firsts, seconds = edges.columns()
    across = array("l", (k for k in range(len(weights)) if feats[firsts[k]].doc != feats[seconds[k]].doc))
    starts = array("l", [0]) * (len(feats) + 1)
    for k in across:
        starts[firsts[k] + 1] += 1
        starts[seconds[k] + 1] += 1
    for i in range(len(feats)):
        starts[i + 1] += starts[i]
    filled = array("l", starts[:-1])  # the next free slot of each claim
    partners = array(POSITIONS, [0]) * starts[-1]
    partner_weights = array("d", [0.0]) * starts[-1]
    for k in across:
        i, j, w = firsts[k], seconds[k], weights[k]
        partners[filled[i]], partner_weights[filled[i]] = j, w
        partners[filled[j]], partner_weights[filled[j]] = i, w
        filled[i] += 1
        filled[j] += 1
    return partners, partner_weights, starts
