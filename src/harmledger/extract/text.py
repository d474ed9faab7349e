"""Sentences, tokens and the cheap pre-filter that decides which sentences are read closely.

Everything here is a bounded regular expression run once over the text (linear time), so a
megabyte-long line costs milliseconds: no nested quantifiers, no backtracking alternations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Generic, NamedTuple, TypeVar

from harmledger.extract.vocab import (
    BLAME_BEFORE_PARTY,
    DEATH_CUES,
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    HARM_PHRASES,
    MANNER_ENDS,
    NOT_HARMED,
    STATEMENT_TRIGGERS,
    UNHARMED,
)

# A token: a number (with thousands separators / decimals / ordinal suffix), a word (with
# inner apostrophes), or one non-space character. Curly apostrophes are folded by `lower`.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?(?![\w])|\w+(?:['’]\w+)*|n['’]t|\S", re.UNICODE)
# Candidate sentence ends: terminal punctuation (plus closing quotes) then space, or a newline.
_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen col lt sgt capt maj st no vs jan feb mar apr jun jul aug sep sept oct "
    "nov dec prof gov sen rep inc co corp ltd jr sr fig approx est rs cmdr cdr comdr brig".split()
)

_HARM_STEMS = sorted(
    {
        *HARM_AFTER,
        *HARM_BEFORE,
        *HARM_NOUNS,
        "toll",
        *DEATH_CUES,
        *(word for pattern in HARM_PHRASES for word in pattern.split()[0].split("|")),  # "shot dead"
        *(end[-1] for end in MANNER_ENDS),  # "burn four guerrillas alive": the verb's tense is any
        "no one",
        "nobody",
        *UNHARMED,
        *NOT_HARMED,
        "body",
        "corpse",
        "remains",
        "death of",
        "injury of",
    },
    key=len,
    reverse=True,
)


def trie_regex(words: Iterable[str]) -> str:
    """One regex alternation factored by shared prefixes (Python's ``re`` scans it far faster)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# The pre-filter: a harm word, a statement trigger or a word of blame somewhere in the sentence. It runs on the
# lower-cased text (case-insensitive matching is several times slower).
_PREFILTER_WORDS = [*_HARM_STEMS, *(t for t, _ in STATEMENT_TRIGGERS), *BLAME_BEFORE_PARTY]
_PREFILTER_RE = re.compile(r"\b(?:" + trie_regex(_PREFILTER_WORDS) + r")\b")
_PREFILTER_RE_ANYCASE = re.compile(_PREFILTER_RE.pattern, re.IGNORECASE)


def harm_words(text: str) -> Iterable[re.Match[str]]:
    """Matches of the pre-filter in ``text`` (offsets are those of ``text``)."""
    low = text.lower()
    if len(low) == len(text):
        return _PREFILTER_RE.finditer(low)
    return _PREFILTER_RE_ANYCASE.finditer(text)  # lower() changed lengths: keep offsets true


V = TypeVar("V")


class Token(NamedTuple):
    """One token: its text as written, lower-cased form and character offsets in the doc.

    A named tuple, not a dataclass: sentences are tokenised on the hot path and tuples are
    several times cheaper to build.
    """

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


def too_at(tokens: Sequence[Token], j: int) -> bool:
    """ "A commander was killed too", "two guards died as well": the harm told at ``j`` adds its
    victims to those before, as "also" does (not "as well as", which joins two groups)."""
    if j < len(tokens) and tokens[j].low == ",":
        j += 1
    if j >= len(tokens):
        return False
    if tokens[j].low == "too":
        return True
    return (
        tokens[j].low == "as"
        and j + 1 < len(tokens)
        and tokens[j + 1].low == "well"
        and (j + 2 >= len(tokens) or tokens[j + 2].low != "as")
    )


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
    return next(iter(harm_words(sentence)), None) is not None


# A "sentence" longer than this (a run-on line, a table flattened to text) is read only in
# windows of _WINDOW characters either side of each harm word, so cost follows harm words.
MAX_SENTENCE = 2000
_WINDOW = 300


def candidate_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of sentence ``text[start:end]`` worth reading: all of it, or harm-word windows."""
    sentence = text[start:end]
    if len(sentence) <= MAX_SENTENCE:
        return [(start, end)] if is_candidate(sentence) else []
    spans: list[tuple[int, int]] = []
    for m in harm_words(sentence):
        lo = max(0, m.start() - _WINDOW)
        hi = min(len(sentence), m.end() + _WINDOW)
        while lo > 0 and not sentence[lo - 1].isspace():  # don't cut a word or figure
            lo -= 1
        while hi < len(sentence) and not sentence[hi].isspace():
            hi += 1
        if spans and lo <= spans[-1][1]:
            if hi - spans[-1][0] <= MAX_SENTENCE:
                spans[-1] = (spans[-1][0], hi)
                continue
            # Windows chained over a run of harm words would grow into the whole line (and
            # every claim in it would quote all of it): start a new span where the last ends.
            lo = spans[-1][1]
            while lo < hi and sentence[lo].isspace():
                lo += 1
            if lo >= hi:
                continue
        spans.append((lo, hi))
    return [(start + lo, start + hi) for lo, hi in spans]


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with document offsets (``offset`` is where ``text`` starts)."""
    low = text.lower().replace("’", "'")
    if len(low) != len(text):  # a character whose lower case is longer: go token by token
        return [
            Token(m.group(), m.group().lower().replace("’", "'"), m.start() + offset, m.end() + offset)
            for m in _TOKEN_RE.finditer(text)
        ]
    return [
        Token(m.group(), low[m.start() : m.end()], m.start() + offset, m.end() + offset)
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
        self.firsts = frozenset(self._by_first)

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
