"""Harm phrases of several words, read from the patterns in ``vocab.HARM_PHRASES``.

A pattern is written the way the phrase reads: ``"treated for [POSS]? wounds|injuries"``. Each
space-separated slot is one token: a word, alternatives joined by ``|``, a named word class
in brackets (``vocab.PHRASE_CLASSES``) or ``[ANY]`` for any one word; a trailing ``?`` makes
the slot optional. Patterns are compiled once, indexed by their first word, so a token that
starts no phrase costs one lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

from harmledger.extract.text import Token
from harmledger.extract.vocab import HARM_PHRASES, PHRASE_CLASSES


@dataclass(frozen=True, slots=True)
class _Slot:
    words: frozenset[str] | None  # None: any one word
    optional: bool


@dataclass(frozen=True, slots=True)
class Phrase:
    """One compiled pattern: the slots after its first word, and the outcome it reads as."""

    pattern: str
    rest: tuple[_Slot, ...]
    outcome: str


def _slot(text: str, pattern: str) -> _Slot:
    optional = text.endswith("?")
    body = text[:-1] if optional else text
    if body == "[ANY]":
        return _Slot(None, optional)
    if body.startswith("[") and body.endswith("]"):
        name = body[1:-1]
        if name not in PHRASE_CLASSES:
            known = ", ".join(["ANY", *sorted(PHRASE_CLASSES)])
            raise ValueError(f"harm phrase {pattern!r}: unknown word class [{name}] (known: {known})")
        return _Slot(PHRASE_CLASSES[name], optional)
    return _Slot(frozenset(body.lower().split("|")), optional)


def _match_rest(tokens: list[Token], j: int, slots: tuple[_Slot, ...]) -> int:
    """The furthest end of ``slots`` matched from ``j`` (an optional slot taken or skipped), or -1."""
    if not slots:
        return j
    slot, rest = slots[0], slots[1:]
    fits = j < len(tokens) and (slot.words is None or tokens[j].low in slot.words)
    taken = _match_rest(tokens, j + 1, rest) if fits else -1
    skipped = _match_rest(tokens, j, rest) if slot.optional else -1
    return max(taken, skipped)


class PhraseTable:
    """Patterns (``{"shot dead": "killed", …}``) compiled and indexed by their first word."""

    def __init__(self, patterns: dict[str, str]) -> None:
        index: dict[str, list[Phrase]] = {}
        for pattern, outcome in patterns.items():
            slots = [_slot(part, pattern) for part in pattern.split()]
            first = slots[0]
            if first.words is None or first.optional or len(slots) < 2:
                raise ValueError(
                    f"harm phrase {pattern!r}: it must open with a required word and have two slots or more"
                )
            phrase = Phrase(pattern, tuple(slots[1:]), outcome)
            for word in first.words:
                index.setdefault(word, []).append(phrase)
        self._index = {word: tuple(found) for word, found in index.items()}
        self._longest = max((1 + len(p.rest) for found in index.values() for p in found), default=0)

    def at(self, tokens: list[Token], j: int) -> tuple[str, int] | None:
        """The phrase starting at token ``j``: (outcome, index after it), the longest match."""
        found = self._index.get(tokens[j].low) if j < len(tokens) else None
        if not found:
            return None
        best: tuple[str, int] | None = None
        for phrase in found:
            end = _match_rest(tokens, j + 1, phrase.rest)
            if end > 0 and (best is None or end > best[1]):
                best = (phrase.outcome, end)
        return best

    def ending_at(self, tokens: list[Token], last: int) -> tuple[str, int] | None:
        """The phrase whose last token is ``last`` ("shot dead | 3 people"): (outcome, start)."""
        for start in range(max(0, last - self._longest + 1), last):
            found = self.at(tokens, start)
            if found is not None and found[1] == last + 1:
                return found[0], start
        return None


HARM = PhraseTable(HARM_PHRASES)


def phrase_at(tokens: list[Token], j: int) -> tuple[str, int] | None:
    """The harm phrase starting at token ``j``: (outcome, index after it)."""
    return HARM.at(tokens, j)


def starts_phrase(tokens: list[Token], j: int) -> bool:
    """Whether a harm phrase starts at ``j`` ("shot" in "were shot dead" is not an auxiliary)."""
    return phrase_at(tokens, j) is not None


def phrase_ending_at(tokens: list[Token], last: int) -> tuple[str, int] | None:
    """The harm phrase whose last token is ``last``: (outcome, start)."""
    return HARM.ending_at(tokens, last)
