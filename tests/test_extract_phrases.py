"""Harm phrases as data: patterns in vocab.HARM_PHRASES, read by extract.phrases."""

from __future__ import annotations

import pytest

from harmledger.extract.phrases import PhraseTable, phrase_at, phrase_ending_at
from harmledger.extract.text import tokenize


def words(text: str) -> list:
    return tokenize(text)


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("were shot dead", 1, ("killed", 3)),
        ("lost their lives", 0, ("killed", 3)),
        ("lost lives", 0, ("killed", 2)),  # the possessive is optional
        ("treated for wounds", 0, ("injured", 3)),
        ("treated for his injuries", 0, ("injured", 4)),
        ("treated for free", 0, None),  # the last word is required
        ("shot at the car", 0, None),
        ("were shot dead", 0, None),  # a phrase starts where its first word is
    ],
)
def test_phrase_at(text: str, start: int, expected: tuple | None) -> None:
    assert phrase_at(words(text), start) == expected


def test_a_phrase_ending_before_a_figure_is_found_from_its_end() -> None:
    tokens = words("gunmen shot dead 3 people")
    assert phrase_ending_at(tokens, 2) == ("killed", 1)
    assert phrase_ending_at(tokens, 1) is None


def test_an_optional_slot_gives_way_to_the_word_after_it() -> None:
    # "[ANY]?" could take "dead" itself; the match backs off so that the required "dead" still fits.
    table = PhraseTable({"found [ANY]? dead": "killed"})
    assert table.at(words("found dead"), 0) == ("killed", 2)
    assert table.at(words("found him dead"), 0) == ("killed", 3)
    assert table.at(words("found him alive"), 0) is None


def test_a_pattern_with_an_unknown_word_class_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"unknown word class \[NOPE\]"):
        PhraseTable({"treated for [NOPE] wounds": "injured"})


def test_a_pattern_must_open_with_a_word() -> None:
    with pytest.raises(ValueError, match="must open with a required word"):
        PhraseTable({"[POSS]? wounds": "injured"})
