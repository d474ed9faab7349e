"""Every matching rule, weight and threshold of the incidents stage, in one place.

The scorer is a small Fellegi–Sunter-style sum: each comparison between two claims adds a weight
(positive when the two agree, negative when they disagree, nothing when one side is silent) and a
pair is linked when the sum reaches ``LINK_THRESHOLD``. A few comparisons are *hard*: a pair that
fails one can never be linked, and a cluster never grows to hold such a pair (this stops chaining).

Weights were set by hand from how reports of one event differ (outlets round and update tolls,
name the town or only the province, publish a day or two apart) and checked on the UCDP headline
set; they are not fitted to it.
"""

from __future__ import annotations

import functools
import re

# --- linking -------------------------------------------------------------------------------

LINK_THRESHOLD = 2.0

# Two claims of one document share context (headline + lead, "Tuesday's strike"): they start
# from this bonus, so they merge unless place, date, event or perpetrator tell them apart.
SAME_DOCUMENT = 2.5
# Quotes that are identical after normalisation (a wire copy) are strong evidence.
SAME_QUOTE = 3.0
# Two claims that name no country link across documents only through a shared perpetrator or
# through wording: the same figure in quotes sharing this share of their words (a retold wire).
SIMILAR_WORDING = 0.5
SIMILAR_WORDING_WEIGHT = 1.5
# ... and only when the two documents open alike (LEAD_WORDS words within LEAD_CHARS characters,
# sharing SAME_LEAD of their words): a copy keeps its lead; a sibling report of a series opens on
# its own target and village, then repeats the series' stock sentences.
LEAD_WORDS = 30
LEAD_CHARS = 300
SAME_LEAD = 0.5
# A report that calls its event one of a series: its stock sentences and series total are shared
# with its siblings' reports, so they identify nothing.
SERIES = re.compile(
    r"\bone of (?:at least |more than )?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|a series of|\d+)"
    r"(?: \w+){0,2} (?:attacks|incidents|strikes|air ?strikes|raids|bombings|explosions|blasts|assaults)\b",
    re.IGNORECASE,
)
# Placed claims: the same telling figure (at least TELLING_FIGURE) in words sharing this share.
SIMILAR_TELLING_WORDING = 0.7
# ... or through the very same figure, when it is large enough to be unlikely by chance (as
# term-frequency adjustments in Splink: "22 killed" twice in three days says more than "2 killed").
PLACELESS_MIN_FIGURE = 5

# Place: tolerance radius in km for each UCDP where_prec level; two places agree when their
# distance is within the sum of both radii, and are a hard "no" beyond that sum plus the margin.
PRECISION_RADIUS_KM: dict[int, float] = {1: 5.0, 2: 25.0, 3: 60.0, 4: 150.0, 5: 250.0}
UNKNOWN_PRECISION_RADIUS_KM = 25.0
PLACE_MARGIN_KM = 30.0
SAME_DOCUMENT_MARGIN_KM = 150.0  # two claims of one report not dated apart (see places_clash)
PLACE_AGREE_PRECISE = 2.0  # both sides at town level (prec <= 2) and within tolerance
PLACE_AGREE_COARSE = 1.0  # within tolerance, one side only known to a district/province
PLACE_DISAGREE = -2.0  # beyond tolerance but within the margin: probably another place
SAME_COUNTRY_ONLY = 0.5  # same country, one side has no finer place
PLACE_SILENT = 0.0
DIFFERENT_ADMIN1 = -2.5  # both name a province and they differ (soft: geocoders slip)

# Date: gap in days between the two date intervals (0 when they overlap).
MAX_DATE_GAP_DAYS = 7  # hard: reports further apart are different events
DATE_WEIGHTS: tuple[tuple[int, float], ...] = ((0, 1.0), (1, 0.5), (3, 0.0), (7, -1.5))
# A date range overlapping the other's counts as half its width apart, at most this many days
# (weight 0.0 above): a wide range holding the day says nothing against it.
OVERLAP_NO_EVIDENCE_DAYS = 3
# A claim dated only by its document's publication date: the event happened on that day or in
# the few days before it.
PUBLISHED_LOOKBACK_DAYS = 2
# Dates coarser than this (a year, "since 2015") cannot place an event; such claims link only
# within their own document.
MAX_LINKABLE_SPAN_DAYS = 45
# Time buckets for blocking; each claim is filed under every bucket its interval (widened by
# half the maximum gap) touches, so a pair within MAX_DATE_GAP_DAYS always shares a bucket.
BUCKET_DAYS = 7

# Event type, perpetrator, victims, figures.
EVENT_AGREE = 1.0
EVENT_DISAGREE = -1.0
PERPETRATOR_AGREE = 1.5
PERPETRATOR_DISAGREE = -1.0
VICTIMS_DISAGREE = -0.5  # civilians vs combatants: often two figures of one attack
COUNT_EQUAL = 1.0
COUNT_EQUAL_RARE = 1.5  # the same figure of at least RARE_FIGURE
RARE_FIGURE = 10
COUNT_CLOSE = 0.5  # within COUNT_CLOSE_RATIO
COUNT_CLOSE_RATIO = 1.6
COUNT_FAR = -0.5  # beyond COUNT_FAR_RATIO (early vs final tolls differ, so only a nudge)
COUNT_FAR_RATIO = 4.0

# Event types that name the same kind of event; anything in GENERIC_EVENTS agrees with all.
EVENT_FAMILIES: dict[str, str] = {
    "airstrike": "air",
    "air strike": "air",
    "air raid": "air",
    "drone strike": "air",
    "bombing": "bombing",  # the extractor's word for any bomb or blast: air or explosive (EITHER_FAMILY)
    "bombardment": "air",
    "strike": "air",
    "barrel bomb": "air",
    "shelling": "artillery",
    "rocket attack": "artillery",
    "mortar attack": "artillery",
    "missile strike": "artillery",
    "artillery": "artillery",
    "suicide bombing": "explosive",
    "car bomb": "explosive",
    "explosion": "explosive",
    "ied": "explosive",
    "bomb": "explosive",
    "blast": "explosive",
    "landmine": "explosive",
    "landmineied": "explosive",  # the extractor's "landmine/IED"
    "suicide attack": "explosive",
    "shooting": "armed",
    "gunfire": "armed",
    "ambush": "armed",
    "raid": "armed",
    "clashes": "armed",
    "fighting": "armed",
    "massacre": "armed",
    "execution": "armed",
    "chemical attack": "chemical",
    "gas attack": "chemical",
}
GENERIC_EVENTS: frozenset[str] = frozenset(
    {"attack", "assault", "violence", "offensive", "operation", "incident", "strike"}
)

# Perpetrator aliases: a name (lower-cased, punctuation dropped) → its family.
PERPETRATOR_ALIASES: dict[str, str] = {
    "isis": "islamic state",
    "isil": "islamic state",
    "is": "islamic state",
    "daesh": "islamic state",
    "islamic state": "islamic state",
    "islamic state group": "islamic state",
    "us": "coalition",
    "usled coalition": "coalition",
    "international coalition": "coalition",
    "coalition": "coalition",
    "international antiisis coalition": "coalition",
    "united states": "coalition",
    "us military": "coalition",
    "syrian government": "syrian government",
    "syrian regime": "syrian government",
    "syrian": "syrian government",
    "government of syria": "syrian government",
    "assad regime": "syrian government",
    "regime": "syrian government",
    "syrian army": "syrian government",
    "taliban": "taliban",
    "taleban": "taliban",
    "afghan taliban": "taliban",
    "boko haram": "boko haram",
    "iswap": "islamic state",
    "alshabaab": "al-shabaab",
    "al shabaab": "al-shabaab",
    "shabaab": "al-shabaab",
}

# --- joining reports across documents: only on evidence -------------------------------------
#
# Place, date, event type and perpetrator say two reports *could* be one event; where strikes are
# many (a city under bombardment, a province with several attacks a day) they describe dozens of
# events at once. So two claims of different documents link only when, beyond reaching
# LINK_THRESHOLD, something identifies the event: the same wording (a wire copy), the same figure
# where that figure is rare in the ledger, or a shared identity cue (family, named victim, named
# site). A pair that scores well without such evidence is a suggestion for an analyst, never a join.

# The same sentence identifies an event when it holds a figure and at least this many words.
TELLING_QUOTE_WORDS = 8

# Crowding (the u-probability of "same province, same day", estimated from the ledger at each
# reconciliation, as Splink's term-frequency adjustments): when k distinct tolls are reported in
# one province on one day, agreement on place and day is worth log2(k - 1) less (2: nothing less;
# 3: one less; 9: three less). Reports giving the same figure count as one toll. A report naming
# no country is measured against the world's crowd (the sum of every country's on its days): it
# could be about any of those tolls.
CROWD_FREE = 2

# The same figure for the same outcome: worth log2(FIGURE_M / share), where share is how often the
# figure occurs among the ledger's event claims of that outcome (distinct documents) and FIGURE_M
# how often two reports of one event give the same figure. Capped to the range below. A figure
# counts as identifying evidence only when it is at least TELLING_FIGURE ("1 killed" twice on one
# day in Kabul says little), the two dates are at most FIGURE_EVIDENCE_MAX_GAP_DAYS apart, and the
# chance that one of the other reports of that province and days gives it by coincidence (its
# share times their number) is at most MAX_COINCIDENCE.
FIGURE_M = 0.5
FIGURE_WEIGHT_RANGE = (0.5, 3.0)
MAX_COINCIDENCE = 0.25
NEAR_FIGURE = 0.1  # figures of RARE_FIGURE or more within this share of each other are near
TELLING_FIGURE = 3
# Below a few hundred claims the shares are noise: assume this share for any figure of at least
# TELLING_FIGURE, and SMALL_FIGURE_SHARE for smaller ones.
FIGURE_EVIDENCE_MAX_GAP_DAYS = 1
MIN_CLAIMS_FOR_SHARES = 200
DEFAULT_FIGURE_SHARE = 0.02
SMALL_FIGURE_SHARE = 0.2

# Close figures in a quiet province: outlets update and round one event's toll ("kills seven",
# "at least 11", "toll rises to 12"). Where the ledger holds, in a province (or a country, for
# reports naming no province) on the same days, a single group of close tolls of at least
# TELLING_FIGURE for that outcome and no more than CROWD_FREE tolls in all, two reports whose
# figures lie within COUNT_CLOSE_RATIO of each other on overlapping days are taken as one event.
# Measured on gtd-dev, where one province often has several attacks a day, the rule joins 4
# pairs of distinct events (of 2,000) and on the UCDP headlines 14 pairs of one event; anywhere
# busier it stays a suggestion.
QUIET_CROWD = 1

# A report linked to two others that cannot be one event (their places or dates clash: twelve
# killed in Kabul and twelve in Misrata that day, and a wire line "a bombing killed 12") joins
# neither: which of them it tells of is a coin toss. The pairs are suggestions for an analyst.
# Only links within TORN_MARGIN of the claim's strongest compete: one clearly stronger is its
# event. Measured on 100k synthetic claims whose true events are known (pairs across documents,
# scripts in the note of 2026-12-06): no such rule, precision 0.939 / recall 0.531; any link
# competing, 0.969 / 0.498 (two right pairs lost for each wrong one); within 1.0, 0.954 / 0.526
# (two wrong pairs gone for each right one); within 2.0, 0.961 / 0.523.
TORN_MARGIN = 1.0

# Identity cues (``Claim.identity``: "family:…", "name:…", "site:…", "area:…", "time:…").
IDENTITY_AGREE = 3.0  # a shared family, named victim or named site
IDENTITY_MAX_GAP_DAYS = 2  # ... identifies one event only on dates this close
AREA_AGREE = 1.5  # the same neighbourhood, street or camp
AREA_DISAGREE = -1.5
TIME_AGREE = 0.5  # the same time of day
TIME_DISAGREE = -1.0
# Kinds of cue whose clear disagreement keeps two documents' claims apart (a hard rule): both
# name families and none is shared; both name sites and none is shared; both name at least
# MIN_NAMES_TO_DISAGREE victims and none is shared.
HARD_IDENTITY_KINDS = ("family", "site", "name")
# … and those that identify one event where two documents share one (a village's name too: two
# reports naming different villages may tell of one raid on several, so it keeps none apart)
IDENTIFYING_KINDS = (*HARD_IDENTITY_KINDS, "village")
MIN_NAMES_TO_DISAGREE = 2

# Pairs of different documents scoring at least this (what would have joined them before evidence
# was required), but not linked, are suggested to analysts: strongest first, at most
# SUGGESTIONS_PER_INCIDENT for any one incident (in a city under bombardment every strike scores
# with every other; an analyst needs its few closest, not hundreds), MAX_SUGGESTIONS in all.
SUGGEST_THRESHOLD = 2.0
SUGGESTIONS_PER_INCIDENT = 3
MAX_SUGGESTIONS = 5000
EDGE_FLOOR = min(SUGGEST_THRESHOLD, LINK_THRESHOLD)  # pairs scored below this are dropped at once

# Words of death: a report holding one speaks of the dead even where no figure of them was read
# ("The driver and an assailant were killed and three guards were injured", "his body was found
# later"), so its injured figures are no report that nobody died (``counts.none_beside_injured``).
DEATH_WORDS = re.compile(
    r"\b(?:kill\w*|dead\w*|die[ds]?|dying|death\w*|fatal\w*|bod(?:y|ies)|corpses?|lives|slain|"
    r"perish\w*|massacre\w*|executed|beheaded|lynched|succumbed)\b",
    re.IGNORECASE,
)

# --- syndication ----------------------------------------------------------------------------

SHINGLE_WORDS = 3
COPY_JACCARD = 0.6  # shingle Jaccard at or above which two texts are one story

# --- counts and grade -----------------------------------------------------------------------

# How much a source is trusted for the "best" figure: higher wins, then the latest report.
SOURCE_RELIABILITY: dict[str | None, int] = {
    "ngo": 3,
    "official": 3,
    "aggregate": 3,
    "media": 2,
    None: 2,
    "unnamed": 1,
    "belligerent": 1,
}
WRITER_RELIABILITY = 3  # a figure no one is said to have given: the writer's own
ADMITTING_STANCES = frozenset({"admitted", "confirmed"})
DENYING_STANCES = frozenset({"denied"})
FAIR_MIN_SOURCES = 2

_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def norm_text(text: str | None) -> str:
    """Lower-case, no punctuation, single spaces ("" for None)."""
    if not text:
        return ""
    text = text.replace("’", "'").lower()
    return _SPACES.sub(" ", _NON_WORD.sub("", text)).strip()


@functools.lru_cache(maxsize=65536)
def norm_name(name: str | None) -> str:
    """``norm_text`` for names that recur across claims (provinces, towns, periods): cached."""
    return norm_text(name)


# Words that describe a party's members rather than name it ("Taliban fighters" is the Taliban).
PERPETRATOR_FILLER: frozenset[str] = frozenset(
    {
        "the",
        "forces",
        "force",
        "troops",
        "army",
        "militants",
        "militant",
        "fighters",
        "gunmen",
        "group",
        "militia",
        "militias",
        "jets",
        "warplanes",
        "aircraft",
        "led",
        "backed",
        "loyal",
    }
)


@functools.lru_cache(maxsize=65536)  # names repeat across claims; folding them is pure
def perpetrator_family(name: str | None) -> str:
    """A perpetrator name folded to its family ("ISIS" and "Daesh fighters" → "islamic state")."""
    key = norm_text(name)
    if key in PERPETRATOR_ALIASES:
        return PERPETRATOR_ALIASES[key]
    core = " ".join(w for w in key.split() if w not in PERPETRATOR_FILLER) or key
    return PERPETRATOR_ALIASES.get(core, core)


# Families that agree with more than one other: a "bombing" may be dropped from the air or set off
# on the ground ("car bomb", "suicide bomber"), so it agrees with both and differs from neither.
EITHER_FAMILY: dict[str, frozenset[str]] = {"bombing": frozenset({"air", "explosive"})}


def events_agree(a: str, b: str) -> bool:
    """Whether two event families (``event_family``) describe the same kind of event."""
    return a == b or b in EITHER_FAMILY.get(a, ()) or a in EITHER_FAMILY.get(b, ())


@functools.lru_cache(maxsize=4096)
def event_family(event: str | None) -> str:
    """An event type folded to its family; "" when unknown or generic."""
    key = norm_text(event)
    if not key or key in GENERIC_EVENTS:
        return ""
    return EVENT_FAMILIES.get(key, key)


def date_weight(gap_days: int) -> float:
    """The date comparison's weight for a gap in days (below the hard maximum)."""
    for limit, weight in DATE_WEIGHTS:
        if gap_days <= limit:
            return weight
    return DATE_WEIGHTS[-1][1]


def count_weight(a: int | None, b: int | None) -> float:
    """How much two figures for the same outcome say about being one event."""
    if a is None or b is None or a <= 0 or b <= 0:
        return 0.0
    if a == b:
        return COUNT_EQUAL_RARE if a >= RARE_FIGURE else COUNT_EQUAL
    ratio = max(a, b) / min(a, b)
    if ratio <= COUNT_CLOSE_RATIO:
        return COUNT_CLOSE
    if ratio >= COUNT_FAR_RATIO:
        return COUNT_FAR
    return 0.0
