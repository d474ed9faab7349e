"""Giving each claim its place and date from the text around it."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from harmledger.places.dates import find_dates
from harmledger.places.finder import DEMONYM_NOTE, ORG_NOTE
from harmledger.places.gazetteer import get_gazetteer
from harmledger.places.reporting import DATELINE_NOTE, date_is_reporting, dateline_span, is_reporting
from harmledger.places.vocab import DEMONYMS
from harmledger.places.geo import haversine_km, in_direction
from harmledger.records import (
    WHERE_PREC_ADM1,
    WHERE_PREC_COUNTRY,
    Claim,
    DateRef,
    Document,
    PlaceRef,
    Span,
)

REFINE_KM = 150.0  # a more precise place this close to a vague one may be what it means
REFINE_SENTENCES = 3  # how far (in sentences) to look for that more precise place
DATE_BACK_SENTENCES = 4  # how far back a claim with no date of its own looks for the event's day
_PARA_RE = re.compile(r"\n\s*\n")


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


def _usable(p: PlaceRef) -> bool:
    """Resolved places that name where something happened (not "the U.S. Army", "Russian")."""
    reason = p.reason or ""
    return (p.resolved and ORG_NOTE not in reason and DEMONYM_NOTE not in reason
            and not is_reporting(reason))


def _consistent(vague: PlaceRef, precise: PlaceRef) -> bool:
    """True when ``precise`` can be what ``vague`` points at (close by, in its direction)."""
    assert vague.lat is not None and vague.lon is not None
    assert precise.lat is not None and precise.lon is not None
    if (vague.precision or 0) >= WHERE_PREC_ADM1:
        same = precise.country == vague.country if vague.precision == WHERE_PREC_COUNTRY else (
            precise.admin1 == vague.admin1 or precise.admin1 == vague.name)
        if same:
            return True
    if haversine_km(vague.lat, vague.lon, precise.lat, precise.lon) > REFINE_KM:
        return False
    if vague.bearing:
        return in_direction(vague.bearing, vague.lat, vague.lon, precise.lat, precise.lon)
    return True


def choose_place(claim: Claim, places: list[PlaceRef], sentences: list[Span],
                 paragraphs: list[Span]) -> PlaceRef | None:
    """The best place for a claim: its sentence, then nearby sentences and paragraphs, then focus."""
    usable = [p for p in places if _usable(p) and p.span is not None]
    if not usable:
        return None
    s_idx = _index_of(sentences, claim.sentence.start)
    p_idx = _index_of(paragraphs, claim.sentence.start)

    def sentence_of(p: PlaceRef) -> int:
        return _index_of(sentences, p.span.start)  # type: ignore[union-attr]

    def para_of(p: PlaceRef) -> int:
        return _index_of(paragraphs, p.span.start)  # type: ignore[union-attr]

    own = [p for p in usable if claim.sentence.start <= p.span.start < claim.sentence.end]  # type: ignore[union-attr]
    if own:
        best = min(own, key=lambda p: (_specificity(p), abs(p.span.start - claim.span.start)))  # type: ignore[union-attr]
        how = "in the claim's sentence"
    else:
        nearby = [p for p in usable if abs(sentence_of(p) - s_idx) <= REFINE_SENTENCES
                  and abs(para_of(p) - p_idx) <= 1]
        if nearby:
            # A place named before the claim weighs twice one named after it: reports name
            # the event's place first, and later sentences move on ("evacuated to Maiduguri").
            best = min(nearby, key=lambda p: (abs(para_of(p) - p_idx),
                                              (sentence_of(p) - s_idx) * 2 if sentence_of(p) > s_idx
                                              else s_idx - sentence_of(p),
                                              sentence_of(p) > s_idx, _specificity(p)))
            how = "in a nearby sentence"
        else:
            return _focus(usable)
    # A vague place ("northeast of Aleppo") is refined by a precise one close by in the text
    # that lies where it points ("near … Manbij" in the next paragraph).
    refine = [p for p in usable if p is not best and _specificity(p) < _specificity(best)
              and abs(sentence_of(p) - s_idx) <= REFINE_SENTENCES and abs(para_of(p) - p_idx) <= 1
              and _consistent(best, p)]
    if refine:
        better = min(refine, key=lambda p: (abs(sentence_of(p) - s_idx), _specificity(p)))
        how = f"refines {best.text!r} ({how}): nearby and consistent with it"
        best = better
    return replace(best, reason=f"{how}; {best.reason or ''}".rstrip("; "))


def _focus(usable: list[PlaceRef]) -> PlaceRef | None:
    """The document's focus: its most mentioned specific place, else its most mentioned place."""
    specific = [p for p in usable if (p.precision or 7) < WHERE_PREC_COUNTRY]
    pool = specific or usable
    counts = Counter((p.name, p.country) for p in pool)
    (name, country), n = counts.most_common(1)[0]
    first = next(p for p in pool if (p.name, p.country) == (name, country))
    return replace(first, reason=f"document focus ({n} mentions); {first.reason or ''}".rstrip("; "))


_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def demonym_country(claim: Claim, text: str) -> PlaceRef | None:
    """A country-level place from a nationality word in the claim's sentence ("Afghan forces").

    Only used when the document names no usable place at all: "15 Afghan Taliban killed" is
    at least in Afghanistan, which is what linking reports of one event across outlets needs.
    """
    sentence = text[claim.sentence.start:claim.sentence.end]
    for match in _WORD_RE.finditer(sentence):
        word = match.group()
        if not word[0].isupper():
            continue
        iso2 = DEMONYMS.get(word.lower().replace("’", "'").removesuffix("'s"))
        if iso2 is None:
            continue
        entry = get_gazetteer().country(iso2)
        if entry is None:
            continue
        start = claim.sentence.start + match.start()
        return PlaceRef(
            text=word, name=entry.name, lat=entry.lat, lon=entry.lon, country=entry.country,
            geonameid=entry.geonameid, feature=entry.feature, precision=WHERE_PREC_COUNTRY,
            span=Span(start, start + len(word)), reason=f"country from the nationality word {word!r}",
        )
    return None


def dateline_country(places: list[PlaceRef]) -> PlaceRef | None:
    """The country of the dateline, when the text names no other place nor nationality.

    "KABUL (Reuters) - A roadside bomb killed five people" places the event nowhere; the
    dateline's country is a fair guess, at country precision, and says it is only that.
    """
    if any(not is_reporting(p.reason) and DEMONYM_NOTE not in (p.reason or "") for p in places):
        return None  # another place is named, if unresolved ("Hodeidah"): not the dateline's
    for p in places:
        if p.resolved and p.country and DATELINE_NOTE in (p.reason or ""):
            entry = get_gazetteer().country(p.country)
            if entry is None:
                return None
            return PlaceRef(
                text=p.text, name=entry.name, lat=entry.lat, lon=entry.lon, country=entry.country,
                geonameid=entry.geonameid, feature=entry.feature, precision=WHERE_PREC_COUNTRY,
                span=p.span, reason="country of the dateline: the text places the event nowhere else")
    return None


def choose_date(claim: Claim, dates: list[DateRef], sentences: list[Span] | None = None,
                paragraphs: list[Span] | None = None, text: str = "") -> DateRef | None:
    """The date expression in the claim's sentence nearest the figure (resolved ones first);
    else the last day-precise date in the few sentences before it, in its paragraph.

    Event summaries and assessments date the event once, then count its dead: "On 14 October
    2019, a VBIED exploded … At least 12 people were killed". A date that only says when the
    report was written or a statement made ("BEIRUT, Dec 22 (Reuters)", "said on Wednesday")
    is taken only when the text dates the event nowhere near the claim.
    """
    dateline = dateline_span(text) if text else None

    def reporting(d: DateRef) -> bool:
        return bool(text) and d.span is not None and date_is_reporting(text, d.span, dateline)

    own = [d for d in dates if d.span is not None
           and claim.sentence.start <= d.span.start < claim.sentence.end]
    own_event = [d for d in own if not reporting(d)]
    if own_event:
        return min(own_event, key=lambda d: (not d.resolved, abs(d.span.start - claim.span.start)))  # type: ignore[union-attr]
    earlier = _earlier_event_date(claim, [d for d in dates if not reporting(d)], sentences, paragraphs)
    if earlier is not None or not own:
        return earlier
    d = min(own, key=lambda d: (not d.resolved, abs(d.span.start - claim.span.start)))  # type: ignore[union-attr]
    return replace(d, reason=f"when it was reported: the text gives no date for the event; {d.reason or ''}".rstrip("; "))


def _earlier_event_date(claim: Claim, dates: list[DateRef], sentences: list[Span] | None,
                        paragraphs: list[Span] | None) -> DateRef | None:
    """The last day-precise date in the few sentences before the claim, in its paragraph."""
    if not sentences:
        return None
    s_idx = _index_of(sentences, claim.sentence.start)
    lo = sentences[max(0, s_idx - DATE_BACK_SENTENCES)].start
    if paragraphs:
        lo = max(lo, paragraphs[_index_of(paragraphs, claim.sentence.start)].start)
    before = [d for d in dates if d.span is not None and d.resolved and d.precision == "day"
              and lo <= d.span.start < claim.sentence.start]
    if not before:
        return None
    d = before[-1]
    return replace(d, reason=f"from an earlier sentence of the paragraph; {d.reason or ''}".rstrip("; "))


def locate_claims(doc: Document, claims: list[Claim], places: list[PlaceRef]) -> list[Claim]:
    """``claims`` with ``place`` and ``date`` filled in from the document's text."""
    if not claims:
        return []
    sentences = sentence_spans(doc.text) or [Span(0, len(doc.text))]
    paragraphs = paragraph_spans(doc.text)
    dates = find_dates(doc)
    out = []
    for claim in claims:
        place = claim.place or choose_place(claim, places, sentences, paragraphs)
        if place is None:
            place = demonym_country(claim, doc.text) or dateline_country(places)
        date = claim.date or choose_date(claim, dates, sentences, paragraphs, doc.text)
        out.append(replace(claim, place=place, date=date))
    return out
