"""Sentences, tokens and the cheap pre-filter that decides which sentences are read closely.

Everything here is a bounded regular expression run once over the text (linear time), so a
megabyte-long line costs milliseconds: no nested quantifiers, no backtracking alternations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from harmledger.extract.vocab import (
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    STATEMENT_TRIGGERS,
)

# A token: a number (with thousands separators / decimals / ordinal suffix), a word (with
# inner apostrophes), or one non-space character. Curly apostrophes are folded by `lower`.
_TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?(?![\w])|\w+(?:['’]\w+)*|n['’]t|\S", re.UNICODE
)
# Candidate sentence ends: terminal punctuation (plus closing quotes) then space, or a newline.
_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen col lt sgt capt maj st no vs jan feb mar apr jun jul aug sep sept oct "
    "nov dec prof gov sen rep inc co corp ltd jr sr fig approx est".split()
)

_HARM_STEMS = sorted(
    {*HARM_AFTER, *HARM_BEFORE, *HARM_NOUNS, "toll", "deadly", "lethal", "gunned", "shot",
     "lost their lives", "no one", "nobody"},
    key=len,
    reverse=True,
)
# The pre-filter: a harm word or a statement trigger somewhere in the sentence.
_PREFILTER_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in _HARM_STEMS)
    + "|" + "|".join(re.escape(t) for t, _ in STATEMENT_TRIGGERS) + r")\b",
    re.IGNORECASE,
)


V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text as written, lower-cased form and character offsets in the doc."""

    text: str
    low: str
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_title(self) -> bool:
        return self.text[0].isupper()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` over ``text``, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if match.group().startswith(("\n",)):
            end = match.start()
        else:
            # Don't split after "Mr." or "U.S." (a single letter before the dot).
            dot = match.start()
            word_start = dot
            while word_start > start and text[word_start - 1].isalpha():
                word_start -= 1
            word = text[word_start:dot].lower()
            if len(word) == 1 or word in _ABBREVIATIONS:
                continue
            end = match.start() + len(match.group().rstrip(" \t"))
        _add(spans, text, start, end)
        start = match.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def is_candidate(sentence: str) -> bool:
    """Whether a sentence could hold a casualty figure or a belligerent statement."""
    return _PREFILTER_RE.search(sentence) is not None


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with document offsets (``offset`` is where ``text`` starts)."""
    return [
        Token(m.group(), m.group().lower().replace("’", "'"), m.start() + offset, m.end() + offset)
        for m in _TOKEN_RE.finditer(text)
    ]


class PhraseIndex(Generic[V]):
    """Token-sequence phrases indexed by first token: matching at a position is a dict lookup."""

    def __init__(self, phrases: Iterable[tuple[str, V]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for phrase, value in phrases:
            seq = tuple(t.low for t in tokenize(phrase))
            self._by_first.setdefault(seq[0], []).append((seq, value))
        for entries in self._by_first.values():
            entries.sort(key=lambda sv: -len(sv[0]))  # longest first

    def match(self, tokens: list[Token], i: int) -> tuple[int, V] | None:
        """(length, value) of the longest phrase starting at token ``i``, or None."""
        entries = self._by_first.get(tokens[i].low) if i < len(tokens) else None
        if not entries:
            return None
        n = len(tokens)
        for seq, value in entries:
            k = len(seq)
            if i + k <= n and all(tokens[i + x].low == seq[x] for x in range(1, k)):
                return k, value
        return None
