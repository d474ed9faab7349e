"""The matchers: find gold quotes in text, pair predictions with gold, compare names and places."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from harmledger.evaluate.tables import ACTOR_GENERIC, INITIALS_SKIP, LEADING_ARTICLES, SOURCE_ALIASES
from harmledger.places import haversine_km as haversine_km  # re-exported for the scorers
from harmledger.records import PlaceRef, Span

# Characters a quote may have typed differently from the text (’ for ', “ for ", – for -).
_EQUIVALENT: dict[str, str] = {
    "'": "['’‘`´]",
    "’": "['’‘`´]",
    "‘": "['’‘`´]",
    '"': '["“”„]',
    "“": '["“”„]',
    "”": '["“”„]',
    "-": "[-‐‑–—]",
    "–": "[-‐‑–—]",
    "—": "[-‐‑–—]",
}
PLACE_NAME_WINDOW = 20  # chars either side a same-named prediction may sit from a gold place


@lru_cache(maxsize=4096)
def quote_pattern(quote: str) -> re.Pattern[str]:
    """A pattern matching ``quote`` with apostrophes, quotes, dashes and whitespace runs alike."""
    parts: list[str] = []
    for token in re.split(r"(\s+)", quote.strip()):
        if not token:
            continue
        if token.isspace():
            parts.append(r"\s+")
        else:
            parts.append("".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in token))
    return re.compile("".join(parts))


def find_quote(text: str, quote: str, near: int | None = None) -> Span | None:
    """Where ``quote`` is in ``text`` (the occurrence nearest ``near``), tolerant of typography."""
    if not quote.strip():
        return None
    spans = _occurrences(text, quote)
    if not spans:
        pattern = quote_pattern(quote)
        spans = [Span(m.start(), m.end()) for m in pattern.finditer(text)]
        if not spans:
            folded = re.compile(pattern.pattern, re.IGNORECASE)
            spans = [Span(m.start(), m.end()) for m in folded.finditer(text)]
    if not spans:
        return None
    if near is None:
        return spans[0]
    return min(spans, key=lambda s: abs(s.start - near))


def _occurrences(text: str, quote: str) -> list[Span]:
    """Every exact occurrence of ``quote`` in ``text``."""
    spans: list[Span] = []
    start = text.find(quote)
    while start >= 0:
        spans.append(Span(start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def overlap(a: Span, b: Span) -> int:
    """How many characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A prediction as a matcher sees it: where it is, and what outcome it has."""

    index: int
    span: Span
    sentence: Span | None
    outcome: str | None


@dataclass(frozen=True, slots=True)
class Target:
    """A gold item as a matcher sees it: where its quote is and which outcomes it accepts."""

    index: int
    span: Span
    outcomes: tuple[str, ...]


def match_claims(targets: Sequence[Target], candidates: Sequence[Candidate]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, prediction index), greedy by overlap within one document.

    A prediction can match when its outcome is accepted and its figure span overlaps the gold
    quote; a prediction whose span misses but whose sentence overlaps ranks after every span hit.
    """
    scored: list[tuple[int, int, int, int]] = []
    for t in targets:
        for c in candidates:
            if c.outcome not in t.outcomes:
                continue
            on_span = overlap(t.span, c.span)
            on_sentence = overlap(t.span, c.sentence) if c.sentence is not None else 0
            if on_span or on_sentence:
                scored.append((on_span, on_sentence, t.index, c.index))
    # Sort by overlap (largest first), then by position so ties resolve the same way every run.
    scored.sort(key=lambda s: (-s[0], -s[1], s[2], s[3]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, gi, pi in scored:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def fold_name(name: str) -> str:
    """A name in comparable form: no accents, lower case, punctuation as spaces, no leading 'the'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^\w]+", " ", text).strip()
    for article in LEADING_ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
    return text


def _initials(folded: str) -> str:
    """The initials of a folded multi-word name, skipping small words."""
    words = [w for w in folded.split() if w not in INITIALS_SKIP]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, int]:
    """Folded alias → group number, from ``SOURCE_ALIASES``."""
    return {fold_name(alias): n for n, group in enumerate(SOURCE_ALIASES) for alias in group}


def same_source(gold: str, predicted: str | None) -> bool:
    """Whether two source names name one organisation (case-, spelling- and alias-insensitive)."""
    if predicted is None:
        return False
    a, b = fold_name(gold), fold_name(predicted)
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return True
    if (len(a.split()) == 1 and a == _initials(b)) or (len(b.split()) == 1 and b == _initials(a)):
        return True
    index = _alias_index()
    return a in index and index.get(a) == index.get(b)


def _same_place_name(name: str, place: PlaceRef) -> bool:
    """Whether a predicted mention carries the gold place's name."""
    folded = fold_name(name)
    return bool(folded) and folded in {fold_name(place.text), fold_name(place.name or "")}


def match_place(span: Span, name: str | None, places: Sequence[tuple[Span, PlaceRef]], taken: set[int]) -> int | None:
    """The index of the prediction for a gold place mention, or ``None``.

    Gold offsets may be a character off, so the prediction overlapping the gold span most wins;
    failing that, one with the same name within ``PLACE_NAME_WINDOW`` characters.
    """
    best: tuple[int, int] | None = None
    for i, (pspan, _) in enumerate(places):
        if i in taken:
            continue
        shared = overlap(span, pspan)
        if shared and (best is None or shared > best[0]):
            best = (shared, i)
    if best is not None:
        return best[1]
    if not name:
        return None
    near: list[tuple[int, int]] = []
    for i, (pspan, place) in enumerate(places):
        gap = max(pspan.start - span.end, span.start - pspan.end, 0)
        if i not in taken and gap <= PLACE_NAME_WINDOW and _same_place_name(name, place):
            near.append((gap, i))
    return min(near)[1] if near else None


def sentence_around(text: str, span: Span, limit: int = 320) -> str:
    """The sentence (or line) holding ``span``, trimmed to ``limit`` characters for reports."""
    start = max(text.rfind("\n", 0, span.start), *(text.rfind(p, 0, span.start) for p in (". ", "? ", "! ")))
    start = 0 if start < 0 else start + 1
    tail = max(span.start, span.end - 1)  # a quote may end on its sentence's full stop
    ends = [i for i in (text.find(p, tail) for p in (". ", "? ", "! ", "\n")) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    sentence = " ".join(text[start:end].split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def _actor_words(name: str) -> set[str]:
    """The telling words of an actor's name."""
    return {w for w in fold_name(name).split() if w not in ACTOR_GENERIC and len(w) >= 3}


def _words_meet(ours: set[str], theirs: set[str]) -> bool:
    """A shared word, or one the start of the other ("Syria" and "Syrian", "Iraq" and "Iraqi")."""
    return any(
        a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))) for a in ours for b in theirs
    )


def perpetrator_agrees(predicted: str, gold: str) -> bool:
    """Whether the ledger's perpetrator is the coders' one, written in their own way ("Houthis"
    and "Houthi extremists (Ansar Allah)", "Syrian government" and "Government of Syria"): the
    same name or known alias, or a shared telling word. The extractor's own alias table is not
    used: the scorer must not grade our rules by our rules."""
    ours, theirs = fold_name(predicted), fold_name(gold)
    if ours == theirs or any(ours in group and theirs in group for group in SOURCE_ALIASES):
        return True
    return _words_meet(_actor_words(predicted), _actor_words(gold))
