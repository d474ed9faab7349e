"""Giving each claim its place and date from the text around it."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from harmledger.places.dates import find_dates
from harmledger.places.finder import DEMONYM_NOTE, ORG_NOTE, names_attacker
from harmledger.places.gazetteer import Entry, get_gazetteer
from harmledger.places.geo import haversine_km, in_direction
from harmledger.places.geoparse import PART_ELSEWHERE_NOTE
from harmledger.places.normalise import strict_key
from harmledger.places.reporting import DATELINE_NOTE, date_is_reporting, dateline_span, is_reporting
from harmledger.places.resolve import ALTERNATE_NOTE
from harmledger.places.vocab import ARMED_GROUP_HEADS, DEMONYMS, DIVISION_NOUNS, REGIONAL_BUREAUS
from harmledger.records import (
    OTHER_EVENT_CUE,
    REPORTED_DATE_NOTE,
    SITE_CUE_PREFIX,
    STORY_CUE_PREFIX,
    VILLAGE_CUE_PREFIX,
    WHERE_PREC_ADM1,
    WHERE_PREC_ADM2,
    WHERE_PREC_COUNTRY,
    WHERE_PREC_NEAR,
    Claim,
    DateRef,
    Document,
    PlaceRef,
    Span,
    headline_end,
    same_figure,
)

REFINE_KM = 150.0  # a more precise place this close to a vague one may be what it means
REFINE_SENTENCES = 3  # how far (in sentences) to look for that more precise place
DATE_BACK_SENTENCES = 4  # how far back a claim with no date of its own looks for the event's day
# A lead that dates only its statement ("…, a doctors' group said Monday") is often followed by the
# event's day ("The shells hit the camp on Sunday afternoon"): so many sentences ahead are read.
DATE_AHEAD_SENTENCES = 1
TITLE_MAX_CHARS = 200  # a first paragraph this short is a title; its date is the report's event's
# A wire report gives each sentence its own paragraph: its lead dates the event ("on Saturday") and
# the next paragraphs count the dead ("In Maarat, 19 people died"). A claim whose paragraph dates
# nothing looks back across paragraphs too, unless its sentence moves in time ("A week later, 3
# more died"; "the next day"; "since"), which the date scanner does not read as a date.
MOVES_IN_TIME = re.compile(
    r"\b(?:later|earlier|ago|since|previously|subsequently|meanwhile|afterwards"
    r"|(?:the\s+)?(?:next|following|previous)\s+(?:day|days|night|morning|week|weeks|month|months)"
    r"|last\s+(?:week|month|year)|(?:days?|weeks?|months?|years?)\s+(?:before|after))\b",
    re.IGNORECASE,
)
_PARA_RE = re.compile(r"\n\s*\n")
# A sentence saying nothing happened there ("Protests were also held in Atbara and Port Sudan,
# where no violence was reported"): its places are not where a nearby figure's harm happened.
NO_HARM = re.compile(
    r"\bno\s+(?:\w+\s+){0,2}?(?:violence|casualties|injuries|deaths|clashes|incidents)\s+(?:was|were|had\s+been)\s+"
    r"(?:reported|recorded)\b|\b(?:remained|stayed)\s+(?:calm|quiet|peaceful)\b",
    re.IGNORECASE,
)

# A sentence about violence, or holding a claim, is where a nearby figure's place is looked for
# first: "The talks were held in Geneva. Ten people were killed in the shelling" does not put the
# ten in Geneva when a sentence about the shelling names its town.
VIOLENCE = re.compile(
    r"\b(?:kill|dead|death|died|die|wound|injur|attack|strike|struck|hit|bomb|shell|explo|blast|raid|"
    r"clash|fight|fire[sd]?\b|shot|shoot|gun|assail|militant|ambush|massacre|rocket|missile|drone|"
    r"mortar|artillery|airstrike|air\s+strike|offensive|battle|violence|casualt|victim|fled|destroy|incident)",
    re.IGNORECASE,
)


def sentence_spans(text: str) -> list[Span]:
    """Sentence spans from spaCy's rule-based sentencizer (no model)."""
    from harmledger.nlp import blank_english

    nlp = blank_english()
    return [Span(s.start_char, s.end_char) for s in nlp(text).sents]


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs: runs of text between blank lines."""
    spans, start = [], 0
    for m in _PARA_RE.finditer(text):
        spans.append(Span(start, m.start()))
        start = m.end()
    spans.append(Span(start, len(text)))
    return spans


def _index_of(spans: list[Span], pos: int) -> int:
    """The span (in order, never overlapping) holding ``pos``, else the last one."""
    i = bisect.bisect_right(spans, pos, key=lambda s: s.start) - 1  # called per place per claim
    if i >= 0 and pos < spans[i].end:
        return i
    return max(len(spans) - 1, 0)


def _specificity(p: PlaceRef) -> tuple[int, int]:
    """Lower is more specific: the precision, then whether only a bearing from it is given."""
    return (p.precision or 7, 1 if p.bearing else 0)


def _town_or_coarser(p: PlaceRef) -> int:
    """A town or a place by one (``WHERE_PREC_NEAR`` or finer) as 0; a coarser place its precision."""
    precision = p.precision or 7
    return 0 if precision <= WHERE_PREC_NEAR else precision


def _usable(p: PlaceRef) -> bool:
    """Resolved places that name where something happened (not "the U.S. Army", "Russian")."""
    reason = p.reason or ""
    return (
        p.resolved
        and ORG_NOTE not in reason
        and DEMONYM_NOTE not in reason
        and PART_ELSEWHERE_NOTE not in reason
        and not is_reporting(reason)
    )


def _consistent(vague: PlaceRef, precise: PlaceRef) -> bool:
    """True when ``precise`` can be what ``vague`` points at (close by, in its direction)."""
    assert vague.lat is not None and vague.lon is not None
    assert precise.lat is not None and precise.lon is not None
    if (vague.precision or 0) >= WHERE_PREC_ADM1:
        same = (
            precise.country == vague.country
            if vague.precision == WHERE_PREC_COUNTRY
            else (precise.admin1 == vague.admin1 or precise.admin1 == vague.name)
        )
        if same:
            return True
    if haversine_km(vague.lat, vague.lon, precise.lat, precise.lon) > REFINE_KM:
        return False
    if vague.bearing:
        return in_direction(vague.bearing, vague.lat, vague.lon, precise.lat, precise.lon)
    return True


def _enclosing_areas(places: list[PlaceRef], text: str) -> frozenset[int]:
    """Places named in brackets right after another ("Sinjil (Ramallah)", "Tammun (Tubas)"): the
    area that holds the place before, as a roundup writes its governorate, never finer than it."""
    if not text:
        return frozenset()
    ends = {p.span.end for p in places if p.span is not None}

    def after_a_place(start: int) -> bool:  # "Sinjil(" or "Sinjil ("
        return (start - 1 in ends and text[start - 1 : start] == "(") or (
            start - 2 in ends and text[start - 2 : start] == " ("
        )

    return frozenset(
        k
        for k, p in enumerate(places)
        if p.span is not None and text[p.span.end : p.span.end + 1] == ")" and after_a_place(p.span.start)
    )


def choose_place(
    claim: Claim, places: list[PlaceRef], sentences: list[Span], paragraphs: list[Span]
) -> PlaceRef | None:
    """The best place for a claim: its sentence, then nearby sentences and paragraphs, then focus."""
    return _Places(places, sentences, paragraphs).choose(claim)


class _Places:
    """A document's usable places indexed by position, so each claim looks only at its
    neighbourhood: locating every claim of a long document stays linear, not claims × places.
    Candidates are always considered in the order of ``places`` (ties resolve as before)."""

    def __init__(
        self,
        places: list[PlaceRef],
        sentences: list[Span],
        paragraphs: list[Span],
        quiet: frozenset[int] = frozenset(),
        text: str = "",
        stories: dict[int, set[str]] | None = None,
        first_figures: dict[int, int] | None = None,
    ) -> None:
        self.text = text
        self.stories = stories or {}  # the stories (``_story``) of the claims of each sentence
        self.first_figures = first_figures or {}  # where each sentence's first claim's figure starts
        self.usable = [p for p in places if _usable(p) and p.span is not None]
        self.sentences, self.paragraphs = sentences, paragraphs
        self.quiet = quiet  # sentences neither about violence nor holding a claim
        self.sent = [_index_of(sentences, p.span.start) for p in self.usable]  # type: ignore[union-attr]
        self.para = [_index_of(paragraphs, p.span.start) for p in self.usable]  # type: ignore[union-attr]
        self.by_sentence: dict[int, list[int]] = {}
        for k, s in enumerate(self.sent):
            self.by_sentence.setdefault(s, []).append(k)
        self.order = sorted(range(len(self.usable)), key=lambda k: self.usable[k].span.start)  # type: ignore[union-attr]
        self.starts = [self.usable[k].span.start for k in self.order]  # type: ignore[union-attr]
        self._focus: tuple[PlaceRef | None] | None = None
        self.enclosing = _enclosing_areas(self.usable, text)
        self.stray = _strays(self.usable)
        self.home = _home_country(self.usable, self.stray)
        # Names the gazetteer lacks where the text says something happened ("a market in Myinmu")
        self.unknown = [
            p
            for p in places
            if not p.resolved
            and p.span is not None
            and _LOCATIVE_BEFORE.search(text, max(0, p.span.start - LOCATIVE_REACH), p.span.start) is not None
        ]

    def focus(self) -> PlaceRef | None:
        if self._focus is None:
            self._focus = (_focus(self.usable),)
        return self._focus[0]

    def home_focus(self) -> PlaceRef | None:
        """The focus among the places of the country the report is about (``_home_country``)."""
        place = _focus([p for p in self.usable if p.country == self.home])
        if place is None:
            return None
        return replace(place, reason=f"places nearby lie abroad: the report's {place.reason}")

    def _nearby_places(self, claim: Claim, near: list[int]) -> list[int] | PlaceRef | None:
        """The places of neighbouring sentences that may be the claim's, or the focus to take
        when none may be."""
        # "In a separate incident, … the outskirts of Bahir Dar": a neighbouring sentence that
        # tells another of the report's stories names that story's place, not this claim's. (A
        # claim whose sentence names a place the gazetteer lacks takes that town's province.)
        mine = [k for k in near if _story(claim) in self.stories.get(self.sent[k], {_story(claim)})]
        if not mine and not self._names_unknown(claim):
            return self.focus()
        near = mine or near
        if self.home is not None:
            # A report about one country: a place abroad in a neighbouring sentence (where a
            # relative lives, a town a victim's name reads as) is not where the claim happened
            # when a place of that country is named nearby too; when none is, its focus there.
            near = [k for k in near if self.usable[k].country == self.home]
            if not near:
                return self.home_focus()
        return near

    def _names_unknown(self, claim: Claim) -> PlaceRef | None:
        """A place the gazetteer lacks named in the claim's sentence, if any."""
        return next((p for p in self.unknown if claim.sentence.start <= p.span.start < claim.sentence.end), None)  # type: ignore[union-attr]

    def _opens_on(self, place: PlaceRef, s_idx: int) -> bool:
        """Whether sentence ``s_idx`` opens on ``place`` ("In Baniyas, residents said …"): a
        report moving on to another place, not one locating what it told before."""
        start = self.sentences[s_idx].start
        return place.span is not None and _OPENS_ON_PLACE.fullmatch(self.text, start, place.span.start) is not None

    def _names_its_village(self, claim: Claim) -> bool:
        """Whether the claim's sentence names the village its identity cues hold (a name the
        gazetteer lacks: "31 men in the village of Al-Mukhtariya")."""
        sentence = self.text[claim.sentence.start : claim.sentence.end].lower()
        return any(
            c.startswith(VILLAGE_CUE_PREFIX) and c[len(VILLAGE_CUE_PREFIX) :] in sentence for c in claim.identity
        )

    def _near(self, s_idx: int, p_idx: int) -> list[int]:
        """Usable places within REFINE_SENTENCES sentences and one paragraph, in list order."""
        ks = sorted(
            k
            for s in range(s_idx - REFINE_SENTENCES, s_idx + REFINE_SENTENCES + 1)
            for k in self.by_sentence.get(s, ())
        )
        return [k for k in ks if abs(self.para[k] - p_idx) <= 1]

    def _bound(self, claim: Claim, place: PlaceRef, words: re.Pattern[str] | None = None) -> bool:
        """Whether ``place`` follows the claim's figure as its own ("six people in the city of
        Kharkiv and two in the port of Odesa": each figure's place is the one after it), the
        ``words`` between them (``_BOUND_PLACE`` by default) saying so."""
        assert place.span is not None
        between = self.text[claim.span.end : place.span.start]
        return claim.span.end <= place.span.start and (words or _BOUND_PLACE).fullmatch(between) is not None

    def _before_its_clause(self, claim: Claim, place: PlaceRef) -> bool:
        """Whether ``place`` is named before the claim, in a clause of its own ("…, and", "; ")."""
        assert place.span is not None
        between = self.text[place.span.end : claim.span.start]
        return place.span.end <= claim.span.start and _CLAUSE_BREAK.search(between) is not None

    def _own_places(self, claim: Claim, s_idx: int) -> list[int]:
        """The usable places of the claim's sentence that may be its own."""
        usable = self.usable
        lo = bisect.bisect_left(self.starts, claim.sentence.start)
        hi = bisect.bisect_left(self.starts, claim.sentence.end)
        own = sorted(self.order[lo:hi])
        if OTHER_EVENT_CUE in claim.identity and self.first_figures.get(s_idx, claim.span.start) < claim.span.start:
            # "… killed 23 at a blockade in Musakhel, and six in a separate attack in Kalat district":
            # another event told after the report's own in one sentence is placed after its figure
            # (not "a day after a strike on Sumy killed two", told first)
            own = [k for k in own if usable[k].span.start >= claim.span.end] or own  # type: ignore[union-attr]
        # (further than ``_bound`` reaches by default: "was shot dead when police opened fire in …")
        if any(self._bound(claim, usable[k], _PLACE_IN_CLAUSE) for k in own):
            # "protesters attacked homes in Imphal, and one protester was shot dead … when
            # police opened fire in Jiribam town": a place of the sentence's other clause is not it
            own = [k for k in own if not self._before_its_clause(claim, usable[k])]
        return own

    def choose(self, claim: Claim) -> PlaceRef | None:
        if not self.usable:
            return None
        usable, sent = self.usable, self.sent
        s_idx = _index_of(self.sentences, claim.sentence.start)
        p_idx = _index_of(self.paragraphs, claim.sentence.start)
        own = self._own_places(claim, s_idx)
        near = self._near(s_idx, p_idx)
        if near and not own:
            found = self._nearby_places(claim, near)
            if isinstance(found, PlaceRef) or found is None:
                return found
            near = found
        if own:
            best = usable[
                min(
                    own,
                    key=lambda k: (
                        k in self.stray,
                        _town_or_coarser(usable[k]),
                        # "four in Maarat, three in Khan Sheikhoun and three in Jisr al-Shughur
                        # countryside": each figure's own town, however near, before a finer one
                        not self._bound(claim, usable[k]),
                        k in self.enclosing,
                        _specificity(usable[k]),
                        abs(usable[k].span.start - claim.span.start),  # type: ignore[union-attr]
                    ),
                )
            ]
            how = "in the claim's sentence"
        elif near:
            # A place named before the claim weighs twice one named after it: reports name
            # the event's place first, and later sentences move on ("evacuated to Maiduguri").
            k_best = min(
                near,
                key=lambda k: (
                    abs(self.para[k] - p_idx),
                    sent[k] in self.quiet,
                    (sent[k] - s_idx) * 2 if sent[k] > s_idx else s_idx - sent[k],
                    sent[k] > s_idx,
                    k in self.stray,
                    _specificity(usable[k]),
                ),
            )
            best = usable[k_best]
            how = "in a nearby sentence"
            unknown = self._names_unknown(claim)
            if sent[k_best] > s_idx and self._opens_on(best, sent[k_best]) and self._names_its_village(claim):
                # The claim's sentence names its own village, one the gazetteer lacks ("31 men in
                # the village of Al-Mukhtariya"): a town a later sentence opens on ("In Baniyas, …")
                # is where the report moved on; its country still holds the claim.
                return _country_of(
                    best,
                    f"its sentence names a village the gazetteer lacks; a later sentence opens on {best.name!r}",
                )
            if unknown is not None and (
                self.stories.get(sent[k_best], {_story(claim)}) != {_story(claim)} or OTHER_EVENT_CUE in claim.identity
            ):
                # The claim's sentence names its own place, one the gazetteer lacks: the town
                # of another event the report tells nearby is not it, but its province may be
                # ("A separate clash in Souq al-Juma killed three" after a sentence on Tripoli).
                return _province_of(best, unknown.text)
        else:
            return self.focus()
        # A vague place ("northeast of Aleppo") is refined by a precise one close by in the text
        # that lies where it points ("near … Manbij" in the next paragraph).
        # Only an area or a bearing points somewhere to refine: "near Afgoye" is not Mogadishu
        # 30 km off, and a sentence about neither violence nor a claim ("… the road to the port
        # city of Aden") names no place of the event.
        refine = [
            k
            for k in near
            if usable[k] is not best
            and (best.bearing or (best.precision or 0) >= WHERE_PREC_ADM2)
            and sent[k] not in self.quiet
            and _specificity(usable[k]) < _specificity(best)
            and _consistent(best, usable[k])
            # not from a sentence telling another story ("Separately, a landmine … near Mayadin")
            and self.stories.get(sent[k], {_story(claim)}) == {_story(claim)}
        ]
        if refine:
            better = usable[min(refine, key=lambda k: (abs(sent[k] - s_idx), _specificity(usable[k])))]
            how = f"refines {best.text!r} ({how}): nearby and consistent with it"
            best = better
        return replace(best, reason=f"{how}; {best.reason or ''}".rstrip("; "))


def _stories_by_sentence(claims: list[Claim], sentences: list[Span]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for c in claims:
        out.setdefault(_index_of(sentences, c.span.start), set()).add(_story(c))
    return out


def _first_figures(claims: list[Claim], sentences: list[Span]) -> dict[int, int]:
    out: dict[int, int] = {}
    for c in claims:
        k = _index_of(sentences, c.span.start)
        out[k] = min(out.get(k, c.span.start), c.span.start)
    return out


def _story(claim: Claim) -> str:
    """Which of a report's stories the claim belongs to (``extract.identity``): its story cue."""
    return claim.cue(STORY_CUE_PREFIX)  # "" for the first


LOCATIVE_REACH = 40  # characters before a name that may say it is where something happened
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|outside|around)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?\Z")


_OPENS_ON_PLACE = re.compile(r"\W*(?:In|At|Near|Elsewhere in|Meanwhile in|Meanwhile, in)\s+(?:the\s+)?", re.IGNORECASE)


def _country_of(place: PlaceRef, why: str) -> PlaceRef:
    """``place``'s country, at country precision, saying ``why``."""
    country = get_gazetteer().country(place.country) if place.country else None
    return place if country is None else _at_country(country, place.text, place.span, why)


def _province_of(place: PlaceRef, other: str) -> PlaceRef:
    """``place``'s first-level division (else its country), when the claim's own place ``other``
    is one the gazetteer lacks."""
    if place.precision is None or place.precision >= WHERE_PREC_ADM1 or not place.country:
        return place
    area = get_gazetteer().division(place.country, place.admin1)
    why = f"{other!r}, which the gazetteer lacks, in the claim's sentence: the area of {place.name!r} named nearby"
    if area is None:
        return _country_of(place, why)
    return replace(
        place,
        name=area.name,
        lat=area.lat,
        lon=area.lon,
        admin1=area.admin1,
        admin2=None,
        geonameid=area.geonameid,
        feature=area.feature,
        precision=WHERE_PREC_ADM1,
        bearing=None,
        reason=why,
    )


# The words between a figure and the place it happened in: "… people in the northeastern city of ",
# " in ", " were killed near the village of " (no other figure, clause or sentence between).
_BOUND_PLACE = re.compile(
    r"[^\d,;.:()]{0,60}?\b(?:in|at|near|outside|around)\s+(?:the\s+)?(?:[a-z'’-]+\s+){0,4}(?:of\s+)?",
    re.IGNORECASE,
)

_PLACE_IN_CLAUSE = re.compile(
    r"[^\d,;.:()]{0,140}?\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[a-z'’-]+\s+){0,4}(?:of\s+)?",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s")


# A town further than this from every other town or province the report names is a stray
# reading ("the Krishna Dhaba restaurant in Srinagar, Jammu and Kashmir": Krishna is not
# Machilipatnam, 2,000 km south): beside a place of equal standing, never the one chosen.
STRAY_KM = 500.0
STRAY_MAX_PLACES = 200  # beyond this many places a report ranges too widely to call one a stray


def _strays(usable: list[PlaceRef]) -> frozenset[int]:
    """Positions in ``usable`` of the places below country level far from all the others (when
    there are others); the pairs are counted only in a report of up to STRAY_MAX_PLACES places."""
    local = [
        k
        for k, p in enumerate(usable)
        if (p.precision or 7) < WHERE_PREC_COUNTRY and p.lat is not None and p.lon is not None
    ]
    if len(local) > STRAY_MAX_PLACES or len({(usable[k].name, usable[k].country) for k in local}) < 3:
        return frozenset()
    out = set()
    for k in local:
        p = usable[k]
        others = [usable[j] for j in local if (usable[j].name, usable[j].country) != (p.name, p.country)]
        if all(haversine_km(p.lat, p.lon, q.lat, q.lon) > STRAY_KM for q in others):  # type: ignore[arg-type]
            out.add(k)
    return frozenset(out)


HOME_SHARE = 0.8  # a report with this share of its specific places' mentions in one country is about it
HOME_MIN_MENTIONS = 4


def _home_country(usable: list[PlaceRef], stray: frozenset[int]) -> str | None:
    """The one country a report is about, when its specific places say so clearly."""
    counts = Counter(
        p.country
        for k, p in enumerate(usable)
        if k not in stray and p.country and (p.precision or 7) < WHERE_PREC_COUNTRY
    )
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n >= HOME_MIN_MENTIONS and n >= HOME_SHARE * sum(counts.values()) else None


def _focus(usable: list[PlaceRef]) -> PlaceRef | None:
    """The document's focus: its most mentioned specific place, else its most mentioned place."""
    specific = [p for p in usable if (p.precision or 7) < WHERE_PREC_COUNTRY]
    pool = specific or usable
    counts = Counter((p.name, p.country) for p in pool)
    (name, country), n = counts.most_common(1)[0]
    first = next(p for p in pool if (p.name, p.country) == (name, country))
    return replace(first, reason=f"document focus ({n} mentions); {first.reason or ''}".rstrip("; "))


_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _at_country(entry: Entry, text: str, span: Span | None, reason: str) -> PlaceRef:
    """A mention placed at its country's point, at country precision, saying why."""
    return PlaceRef(
        text=text,
        name=entry.name,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        geonameid=entry.geonameid,
        feature=entry.feature,
        precision=WHERE_PREC_COUNTRY,
        span=span,
        reason=reason,
    )


def demonym_country(claim: Claim, text: str, places: Sequence[PlaceRef] = ()) -> PlaceRef | None:
    """A country-level place from a nationality word in the claim's sentence ("Afghan forces").

    Only used when the document names no usable place at all: "15 Afghan Taliban killed" is
    at least in Afghanistan, which is what linking reports of one event across outlets needs.
    A speaker's nationality ("a French government assessment put the dead at 600") says where
    the event was no more than the speaker's seat does, when the text names a place of another
    country (a source "in Ouagadougou").
    """
    sentence = text[claim.sentence.start : claim.sentence.end]
    found = [
        (match, iso2)
        for match in _WORD_RE.finditer(sentence)
        if match.group()[0].isupper()
        and (iso2 := DEMONYMS.get(match.group().lower().replace("’", "'").removesuffix("'s"))) is not None
        and not names_attacker(sentence, match.end())  # "a Russian drone struck Kherson" says who struck
        and not _ABROAD_RE.match(sentence, match.end())  # "two Chinese nationals": people away from home
    ]
    if len({iso2 for _, iso2 in found}) > 1:
        return None  # "Two Filipino sailors and a Vietnamese crew member": a crew's nationalities, not a place
    for match, iso2 in found:
        word = match.group()
        if _SPEAKER_AFTER_RE.match(sentence, match.end()) and any(
            p.resolved and p.country and p.country != iso2 for p in places
        ):
            continue
        entry = get_gazetteer().country(iso2)
        if entry is None:
            continue
        start = claim.sentence.start + match.start()
        return _at_country(entry, word, Span(start, start + len(word)), f"country from the nationality word {word!r}")
    return None


# A nationality word before people named as foreigners where they are ("two Chinese nationals",
# "a British tourist"): their country is the one they were away from.
_ABROAD_RE = re.compile(r"\s+(?:nationals?|tourists?|expatriates?|expats?|holidaymakers?)\b", re.IGNORECASE)


# A nationality word naming who spoke: "French government", "Iranian state media", "Turkish officials"
_SPEAKER_AFTER_RE = re.compile(
    r"(?:\s+(?:government|state|foreign|defen[cs]e|interior|military|intelligence))?\s+(?:government|officials?|"
    r"authorities|ministry|embassy|diplomats?|assessment|estimate|intelligence|president|envoy|media|"
    r"spokes(?:man|woman|person)|sources?)\b",
    re.IGNORECASE,
)


def dateline_country(places: list[PlaceRef]) -> PlaceRef | None:
    """The country of the dateline, when the text names no other place nor nationality.

    "KABUL (Reuters) - A roadside bomb killed five people" places the event nowhere; the
    dateline's country is a fair guess, at country precision, and says it is only that. A country
    the dateline names stands beside a name the gazetteer lacks ("PORT-AU-PRINCE, Haiti - … an
    assault on Solino"); a dateline town alone does not ("GENEVA (AP) - … in Hodeidah"). A regional
    bureau's city says nothing of the event's country ("BANGKOK (Reuters) -" over Myanmar).
    """
    dateline = [p for p in places if p.resolved and p.country and DATELINE_NOTE in (p.reason or "")]
    if not dateline or any(strict_key(p.text) in REGIONAL_BUREAUS for p in dateline):
        return None
    # (a name inside another, "the Hafiz Gul Bahadur group" read as Gulu, names no place of the event)
    others = [
        p
        for p in places
        if not is_reporting(p.reason) and not any(n in (p.reason or "") for n in (DEMONYM_NOTE, ORG_NOTE))
    ]
    if any(p.resolved for p in others):
        dateline = [p for p in dateline if p.feature == "PCLI"]
    if any(p.resolved and all(p.country != d.country for d in dateline) for p in others):
        return None  # a place of another country named
    if not others:
        # "BANNU: … a checkpoint on the Bannu-Miranshah road": the dateline's town, named again in
        # the text (only inside a longer name), is near the event
        again = {p.geonameid for p in places if p.resolved and ORG_NOTE in (p.reason or "")}
        town = next((p for p in dateline if p.geonameid in again and p.feature != "PCLI"), None)
        if town is not None:
            return replace(town, precision=WHERE_PREC_NEAR, reason="the dateline's town, named again in the text")
    # "MOGADISHU - … in the Tarabuunka neighbourhood": a name the gazetteer lacks, most likely in
    # the country the report was filed from (a regional bureau's city is left out above)
    unknown = next((p.text for p in others if not p.resolved), None)
    why = (
        f"the gazetteer places none of the text's own names ('{unknown}')"
        if unknown
        else "the text places the event nowhere else"
    )
    for p in dateline:
        entry = get_gazetteer().country(p.country)  # type: ignore[arg-type]
        if entry is None:
            return None
        return _at_country(entry, p.text, p.span, f"country of the dateline: {why}")
    return None


_SET_FREE_ON = re.compile(r"\b(?:released|freed|rescued|escaped|returned)\s+(?:\w+\s+)?(?:on|in)\s+$", re.IGNORECASE)
# Another event set apart in time from the report's own: "days after", "a week before"
_TIME_APART = re.compile(r"\b(?:hours?|days?|weeks?|months?)\s+(?:after|before|earlier|later)\b", re.IGNORECASE)


def choose_date(
    claim: Claim,
    dates: list[DateRef],
    sentences: list[Span] | None = None,
    paragraphs: list[Span] | None = None,
    text: str = "",
) -> DateRef | None:
    """The date expression in the claim's sentence nearest the figure (resolved ones first);
    else the last day-precise date in the few sentences before it, in its paragraph.

    Event summaries and assessments date the event once, then count its dead: "On 14 October
    2019, a VBIED exploded … At least 12 people were killed". A date that only says when the
    report was written or a statement made ("BEIRUT, Dec 22 (Reuters)", "said on Wednesday")
    is taken only when the text dates the event nowhere near the claim.
    """
    return _Dates(dates, sentences, paragraphs, text).choose(claim)


class _Dates:
    """A document's dates indexed by position, each judged reporting-or-event once."""

    def __init__(
        self, dates: list[DateRef], sentences: list[Span] | None, paragraphs: list[Span] | None, text: str
    ) -> None:
        dateline = dateline_span(text) if text else None
        self.dates = [d for d in dates if d.span is not None]
        self.reporting = [bool(text) and date_is_reporting(text, d.span, dateline) for d in self.dates]  # type: ignore[arg-type]
        self.order = sorted(range(len(self.dates)), key=lambda k: self.dates[k].span.start)  # type: ignore[union-attr]
        self.starts = [self.dates[k].span.start for k in self.order]  # type: ignore[union-attr]
        self.sentences, self.paragraphs, self.text = sentences, paragraphs, text
        self.title_date = self._title_date()

    def _title_date(self) -> DateRef | None:
        """The day a short first line dates ("Fallujah: air strike on a house, 1 June 2016"): the
        report's own event, for claims that nothing nearer dates."""
        if not self.paragraphs or self.paragraphs[0].end - self.paragraphs[0].start > TITLE_MAX_CHARS:
            return None
        first = self.paragraphs[0]
        line = self.text[first.start : first.end].strip()
        if "\n" in line or line.endswith((".", "!", "?")):
            return None  # a lead sentence, not a title
        days = self._event_days(first.start, first.end)
        if len(days) != 1:
            return None
        return replace(days[0], reason=f"from the title; {days[0].reason or ''}".rstrip("; "))

    def _between(self, lo: int, hi: int) -> list[int]:
        """Dates starting in ``[lo, hi)``, in list order."""
        return sorted(self.order[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)])

    def choose(self, claim: Claim) -> DateRef | None:
        own_k = self._between(claim.sentence.start, claim.sentence.end)
        own_event = [self.dates[k] for k in own_k if not self.reporting[k] and not self._set_free_on(claim, k)]
        if own_event:
            return min(own_event, key=lambda d: (not d.resolved, abs(d.span.start - claim.span.start)))  # type: ignore[union-attr]
        if (
            not own_k
            and OTHER_EVENT_CUE in claim.identity
            and _TIME_APART.search(self.text, claim.sentence.start, claim.span.start)
        ):
            # "The attack came days after the strike that killed four": the days around it are
            # the report's own event's, not the other one's
            return None
        earlier = self._earlier_event_date(claim)
        if earlier is not None:
            return earlier
        later = self._next_event_date(claim) if own_k else None
        if later is not None:
            return later
        if self.title_date is not None:
            return self.title_date
        own = [self.dates[k] for k in own_k if not self._set_free_on(claim, k)]
        if not own:
            return None
        d = min(own, key=lambda d: (not d.resolved, abs(d.span.start - claim.span.start)))  # type: ignore[union-attr]
        return replace(d, reason=f"{REPORTED_DATE_NOTE}; {d.reason or ''}".rstrip("; "))

    def _set_free_on(self, claim: Claim, k: int) -> bool:
        """Whether date ``k`` is the day captives were freed ("abducted ... and released on June
        9"), not the day they were taken."""
        span = self.dates[k].span
        assert span is not None
        return (
            claim.outcome == "detained"
            and _SET_FREE_ON.search(self.text, max(0, span.start - 30), span.start) is not None
        )

    def _event_days(self, lo: int, hi: int) -> list[DateRef]:
        """Resolved, day-precise dates of the event (not of a report or statement) starting in
        ``[lo, hi)``, in text order."""
        return [
            self.dates[k]
            for k in self._between(lo, hi)
            if not self.reporting[k] and self.dates[k].resolved and self.dates[k].precision == "day"
        ]

    def _next_event_date(self, claim: Claim) -> DateRef | None:
        """The first day-precise event date in the sentence after a claim whose own sentence dates
        only when it was said, in its paragraph."""
        sentences, paragraphs = self.sentences, self.paragraphs
        if not sentences:
            return None
        s_idx = _index_of(sentences, claim.sentence.start)
        ahead = sentences[s_idx + 1 : s_idx + 1 + DATE_AHEAD_SENTENCES]
        if not ahead:
            return None
        hi = ahead[-1].end
        if paragraphs:
            hi = min(hi, paragraphs[_index_of(paragraphs, claim.sentence.start)].end)
        after = self._event_days(claim.sentence.end, hi)
        if not after:
            return None
        d = after[0]
        return replace(d, reason=f"from the next sentence of the paragraph; {d.reason or ''}".rstrip("; "))

    def _earlier_event_date(self, claim: Claim) -> DateRef | None:
        """The last day-precise date in the few sentences before the claim, in its paragraph;
        when its paragraph dates nothing before it, in the paragraphs before (``MOVES_IN_TIME``)."""
        sentences, paragraphs = self.sentences, self.paragraphs
        if not sentences:
            return None
        s_idx = _index_of(sentences, claim.sentence.start)
        lo = sentences[max(0, s_idx - DATE_BACK_SENTENCES)].start
        own_lo = max(lo, paragraphs[_index_of(paragraphs, claim.sentence.start)].start) if paragraphs else lo
        before = self._event_days(own_lo, claim.sentence.start)
        where = "the paragraph"
        if not before and own_lo > lo and not MOVES_IN_TIME.search(self.text, claim.sentence.start, claim.sentence.end):
            if self.title_date is not None and self.paragraphs:
                lo = max(lo, self.paragraphs[0].end)  # a title's day is taken as the title's (``choose``)
            before, where = self._event_days(lo, own_lo), "a paragraph before"
        if not before:
            return None
        d = before[-1]
        return replace(d, reason=f"from an earlier sentence of {where}; {d.reason or ''}".rstrip("; "))


def locate_claims(
    doc: Document,
    claims: list[Claim],
    places: list[PlaceRef],
    *,
    sentences: list[Span] | None = None,
    paragraphs: list[Span] | None = None,
    dates: list[DateRef] | None = None,
) -> list[Claim]:
    """``claims`` with ``place`` and ``date`` filled in from the document's text.

    ``sentences``, ``paragraphs`` and ``dates`` are found in ``doc.text`` unless given (a long
    document is located piece by piece, each piece's found in the piece alone).
    """
    if not claims:
        return []
    if sentences is None:
        sentences = sentence_spans(doc.text) or [Span(0, len(doc.text))]
    if paragraphs is None:
        paragraphs = paragraph_spans(doc.text)
    if dates is None:
        dates = find_dates(doc)
    claimed = {_index_of(sentences, c.span.start) for c in claims}  # sentences holding a claim
    located, dated = (
        _Places(
            _not_unharmed(
                _not_destinations(_no_namesakes_abroad(_not_in_names(places, claims), doc.text), doc.text),
                claimed,
                sentences,
                doc.text,
            ),
            sentences,
            paragraphs,
            _quiet_sentences(doc.text, sentences, claimed),
            doc.text,
            _stories_by_sentence(claims, sentences),
            _first_figures(claims, sentences),
        ),
        _Dates(dates, sentences, paragraphs, doc.text),
    )
    fallback: list[PlaceRef | None] = []  # the dateline's country, worked out once if needed
    out = []
    for claim in claims:
        place = claim.place or located.choose(claim)
        if place is None and claim.kind == "casualty":
            # (a party's statement names nationalities as targets: "because it was American")
            place = demonym_country(claim, doc.text, places)
        if place is None:
            if not fallback:
                fallback.append(dateline_country(places))
            place = fallback[0]
        if claim.scope == "cumulative" and not claim.place and place is not None:
            place = _toll_area(place, places, claim.sentence, doc.text)
        date = _running_to_publication(claim, claim.date or dated.choose(claim), doc.published)
        out.append(replace(claim, place=place, date=date, identity=_without_regional_sites(claim.identity)))
    return _headline_dated_by_body(doc.text, out)


def _headline_dated_by_body(text: str, claims: list[Claim]) -> list[Claim]:
    """A headline's figure that its body tells on a day of its own ("Five shot dead in Culiacan"
    over "killed five men … late on Sunday") is that day's: a headline drops the day."""
    end = headline_end(text)
    if not end:
        return claims
    body = [c for c in claims if c.span.start > end and c.date is not None and c.date.span is not None]
    out = []
    for c in claims:
        own = c.date is not None and c.date.span is not None and c.date.span.start < end
        if c.span.end <= end and c.kind == "casualty" and not own:
            told = [b for b in body if same_figure(b, c)]
            days = {(b.date.start, b.date.end) for b in told if b.date is not None}
            if len(days) == 1 and told[0].date is not None:
                c = replace(
                    c,
                    date=replace(
                        told[0].date,
                        reason=f"the body's date for the same figure; {told[0].date.reason or ''}".rstrip("; "),
                    ),
                )
        out.append(c)
    return out


def _running_to_publication(claim: Claim, date: DateRef | None, published: dt.date | None) -> DateRef | None:
    """A running toll "since fighting broke out in April 2023" runs from that month to the day
    it was reported, not over April alone."""
    since = claim.scope == "cumulative" and (claim.period or "").lower().startswith("since")
    if not (since and date is not None and date.resolved and published and date.end and date.end < published):
        return date
    return replace(
        date, end=published, reason=f"from its start to publication ({claim.period}); {date.reason or ''}".rstrip("; ")
    )


def _not_in_names(places: list[PlaceRef], claims: list[Claim]) -> list[PlaceRef]:
    """``places`` without those inside a named victim's name ("Umm Ali Daloul was killed", "their
    two sons Adam and Yusuf") or a claiming party's ("the Islamic State West Africa Province
    claimed…", "attributed the attack to Al-Khobar"): a claim's span holds its figure, its people
    or its party, never a place."""
    names = [c.span for c in claims if c.count is not None or c.kind == "statement"]
    if not names:
        return places
    return [
        p for p in places if p.span is None or not any(p.span.start < n.end and n.start < p.span.end for n in names)
    ]


# Where the wounded were taken, where people fled, or where a survivor lives, is not where they were
# harmed: "12 were wounded and taken to hospital in Fada N'Gourma", "Residents fled toward the
# provincial capital X", "a trader whose brother lives in Cairo".
_DESTINATION = re.compile(
    r"\b(?:(?:taken|rushed|evacuated|transferred|airlifted|flown|brought|moved|transported|referred|admitted)"
    r"\s+to\s+(?:(?:a|the|local|nearby|two|several)\s+)?(?:(?:hospitals?|clinics?)\s+(?:in|at)\s+)?|"
    r"(?:treated|died|succumbed(?:\s+to\s+(?:his|her|their)\s+(?:wounds|injuries))?)\s+(?:in|at)\s+"
    r"(?:(?:a|the)\s+)?(?:[\w'’-]+\s+){0,3}?(?:hospitals?|clinics?)\s+(?:in|at)\s+|"
    r"(?:fled|displaced)\s+(?:to|toward|towards|into|across)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:[A-Z][\w'’-]+,?\s+){0,4}(?:and\s+)?|"
    r"fled\b[\w\s]{0,30}?,\s+many\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?|"
    # … and in Spanish, Portuguese and French: "desplazadas hacia Cúcuta, Ocaña y Tibú"
    r"(?:desplazad[oa]s|huyeron|huyendo|trasladad[oa]s|deslocad[oa]s|fugiram|évacué(?:e?s)?|transporté(?:e?s)?|"
    r"(?:ont|a)\s+fui|réfugié(?:e?s)?)\s+(?:hacia|para|até|vers|à|a|al|en)\s+(?:(?:el|la|los|las|o|os|le|les)\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:[A-ZÁÉÍÓÚ][\w'’-]+,?\s+){0,4}(?:(?:y|e|et)\s+)?|"
    # "his brother, who lives in Cairo", "whose son now lives in Canada": where a survivor lives
    r"\b(?:who|whose\s+[\w'’-]+)\s+(?:now\s+)?(?:lives|resides|is\s+based)\s+in\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
DESTINATION_REACH = 80  # characters before a place that may say it is a destination


NAMESAKE_NEAR_KM = 400.0  # a place reached by another name this close to the report's own places may be theirs


def _no_namesakes_abroad(places: list[PlaceRef], text: str) -> list[PlaceRef]:
    """``places`` without towns reached only by another of their names ("Boni" read as Bonn, the
    Gaza quarter "Qizan" as Jizan), or named as a division the gazetteer has only a town of abroad
    ("Kani Township" in a Sagaing report read as Kani, Japan), in a country none of the report's
    other places is in and far from them all: a local name the gazetteer lacks, not the event's
    place abroad."""
    suspects = {
        id(p)
        for p in places
        if ALTERNATE_NOTE in (p.reason or "") or _town_named_as_division(p, text) or _names_fighters(p, text)
    }
    # a country the dateline names counts as the report's own here ("HODEIDAH, Yemen -" says
    # Hodeidah is Yemen's, beside "attacks on Israel"); its town alone does not ("GENEVA (AP) -")
    own = [
        p
        for p in places
        if (_usable(p) or (p.feature == "PCLI" and DATELINE_NOTE in (p.reason or "")))
        and p.country
        and id(p) not in suspects
    ]
    countries = {p.country for p in own}
    if not countries:
        return places
    return [p for p in places if not (id(p) in suspects and _far_abroad(p, countries, own))]


def _town_named_as_division(p: PlaceRef, text: str) -> bool:
    """A town's reading of a name the text types as a division ("Kani Township", "X district")."""
    return _town_before(p, text, DIVISION_NOUNS)


def _names_fighters(p: PlaceRef, text: str) -> bool:
    """A town's reading of a name the text gives fighters ("150 Fano fighters", "Fano militias"):
    an armed group's name, whatever town abroad bears it."""
    return _town_before(p, text, ARMED_GROUP_HEADS)


def _town_before(p: PlaceRef, text: str, words: frozenset[str]) -> bool:
    """A town's reading of a name one of ``words`` follows."""
    if p.span is None or not (p.feature or "").startswith("PPL"):
        return False
    after = _WORD_AFTER_RE.match(text, p.span.end)
    return after is not None and after.group(1).lower() in words


_WORD_AFTER_RE = re.compile(r" (\w+)")


def _far_abroad(p: PlaceRef, countries: set[str | None], own: list[PlaceRef]) -> bool:
    if p.country in countries or (p.precision or 7) > WHERE_PREC_NEAR:
        return False
    assert p.lat is not None and p.lon is not None
    return all(
        haversine_km(p.lat, p.lon, o.lat, o.lon) > NAMESAKE_NEAR_KM
        for o in own
        if o.lat is not None and o.lon is not None
    )


def _not_destinations(places: list[PlaceRef], text: str) -> list[PlaceRef]:
    """``places`` without those named as where the wounded were taken or people fled, nor those
    that only describe another place ("Omdurman, Khartoum's twin city")."""
    return [
        p
        for p in places
        if p.span is None
        or not (
            _DESTINATION.search(text, max(0, p.span.start - DESTINATION_REACH), p.span.start)
            or _REFERENCE_AFTER.match(text, p.span.end)
        )
    ]


_REFERENCE_AFTER = re.compile(r"['’]s\s+(?:twin|sister|neighbou?ring|satellite)\s+(?:city|town)\b", re.IGNORECASE)


def _not_unharmed(places: list[PlaceRef], claimed: set[int], sentences: list[Span], text: str) -> list[PlaceRef]:
    """``places`` without those of a sentence that holds no claim (none of ``claimed``) and says
    no harm was done there (``NO_HARM``)."""
    quiet = {i for i, s in enumerate(sentences) if i not in claimed and NO_HARM.search(text, s.start, s.end)}
    if not quiet:
        return places
    return [p for p in places if p.span is None or _index_of(sentences, p.span.start) not in quiet]


def _quiet_sentences(text: str, sentences: list[Span], claimed: set[int]) -> frozenset[int]:
    """Indexes of the sentences that hold no claim (none of ``claimed``) and say nothing of
    violence (``VIOLENCE``)."""
    return frozenset(
        i for i, s in enumerate(sentences) if i not in claimed and not VIOLENCE.search(text, s.start, s.end)
    )


# A site named by a province, a region or a country ("a North Kordofan market", "the Darfur
# hospital") is no one site: it neither joins two reports nor sets one apart from a report
# naming the market by its town ("the Um Sumeima market").
_REGION_FEATURES = frozenset({"ADM1", "PCLI", "RGN", "CONT"})


def _without_regional_sites(identity: tuple[str, ...]) -> tuple[str, ...]:
    if not any(cue.startswith(SITE_CUE_PREFIX) for cue in identity):
        return identity
    return tuple(cue for cue in identity if not (cue.startswith(SITE_CUE_PREFIX) and _named_by_region(cue)))


def _named_by_region(site: str) -> bool:
    name = " ".join(site[len(SITE_CUE_PREFIX) :].split()[:-1])  # the facility's noun is the last word
    found, how = get_gazetteer().find(name) if name else ((), "")
    return how == "exact" and all(e.feature in _REGION_FEATURES for e in found)


# "North, South and West Kordofan", "North and South Kivu": several provinces sharing one name, the
# last one's name written once.
_COMPASS = r"(?:North|South|East|West|Central|Upper|Lower|Northern|Southern|Eastern|Western)"
_SHARED_NAME_BEFORE = re.compile(rf"{_COMPASS}(?:\s*,\s*{_COMPASS})*\s*,?\s+(?:and|&)\s+$")


def _shares_its_name(p: PlaceRef, text: str) -> bool:
    """Whether the place's name is the last of several that share it ("… and West Kordofan")."""
    assert p.span is not None
    return re.match(_COMPASS + r"\s", p.text) is not None and bool(
        _SHARED_NAME_BEFORE.search(text, max(0, p.span.start - 60), p.span.start)
    )


def _toll_area(place: PlaceRef, places: list[PlaceRef], sentence: Span, text: str) -> PlaceRef:
    """A running toll whose own sentence names no place ("more than 10,000 killed in the war since
    2015") is the country's, not the town the report's strike was in; so is one whose sentence
    names places in several provinces of it ("41 civilian deaths in June, including 12 in Diyala
    province and nine in Kirkuk", "across North, South and West Kordofan"): a total over them all."""
    if place.precision is None or place.precision >= WHERE_PREC_COUNTRY or not place.country:
        return place
    if (place.reason or "").startswith("in the claim's sentence"):
        named = [
            p
            for p in places
            if _usable(p)
            and p.span is not None
            and sentence.start <= p.span.start < sentence.end
            and p.country == place.country
            and (p.precision or 0) < WHERE_PREC_COUNTRY
        ]
        provinces = {p.admin1 or p.name for p in named}
        if len(provinces) >= 2:
            why = f"a running toll whose sentence names places in {len(provinces)} provinces: their country"
        elif any(_shares_its_name(p, text) for p in named):
            why = "a running toll over several provinces sharing one name: their country"
        else:
            return place
    else:
        why = f"a running toll whose sentence names no place: the country of {place.name or place.text!r}"
    entry = get_gazetteer().country(place.country)
    if entry is None:
        return place
    return _at_country(entry, place.text, place.span, why)
