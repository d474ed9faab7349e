"""The eval matchers: finding gold quotes, pairing claims, comparing sources and places."""

from __future__ import annotations

import pytest

from harmledger.evaluate.match import (
    Candidate,
    Target,
    find_quote,
    haversine_km,
    match_claims,
    match_place,
    perpetrator_agrees,
    same_source,
    sentence_around,
)
from harmledger.records import PlaceRef, Span

TEXT = "Tuesday’s strike killed 12 people.\nOn  Wednesday another strike killed 12 people near Manbij."


@pytest.mark.parametrize(
    ("quote", "near", "expected"),
    [
        ("killed 12 people", None, (17, 33)),  # first occurrence
        ("killed 12 people", 60, (64, 80)),  # the occurrence nearest the hint
        ("Tuesday's strike", None, (0, 16)),  # ' in the quote, ’ in the text
        ("On Wednesday another", None, (35, 56)),  # a whitespace run in the text
        ("tuesday’s STRIKE", None, (0, 16)),  # case differs: last resort
        ("killed 13 people", None, None),
        ("", None, None),
    ],
)
def test_find_quote(quote: str, near: int | None, expected: tuple[int, int] | None) -> None:
    found = find_quote(TEXT, quote, near)
    assert found == (Span(*expected) if expected else None)


def T(index: int, start: int, end: int, *outcomes: str) -> Target:
    return Target(index, Span(start, end), outcomes or ("killed",))


def C(index: int, start: int, end: int, outcome: str = "killed", sentence: tuple[int, int] | None = None) -> Candidate:
    return Candidate(index, Span(start, end), Span(*sentence) if sentence else None, outcome)


@pytest.mark.parametrize(
    ("targets", "candidates", "pairs"),
    [
        ([T(0, 10, 30)], [C(0, 15, 17)], [(0, 0)]),  # figure inside the quote
        ([T(0, 10, 30)], [C(0, 40, 42)], []),  # elsewhere
        ([T(0, 10, 30)], [C(0, 40, 42, sentence=(0, 50))], [(0, 0)]),  # only its sentence overlaps
        ([T(0, 10, 30, "casualties", "killed")], [C(0, 15, 17, "injured")], []),  # outcome not accepted
        ([T(0, 10, 30, "casualties", "killed")], [C(0, 15, 17, "casualties")], [(0, 0)]),
        ([T(0, 10, 30)], [C(0, 12, 14), C(1, 20, 29)], [(0, 1)]),  # larger overlap wins
        ([T(0, 10, 30), T(1, 20, 40)], [C(0, 25, 35)], [(1, 0)]),  # one-to-one: one gold gets it
        ([T(0, 10, 30), T(1, 31, 50)], [C(0, 15, 17), C(1, 35, 37)], [(0, 0), (1, 1)]),
        ([T(0, 10, 30)], [C(0, 40, 42, sentence=(0, 50)), C(1, 11, 12)], [(0, 1)]),  # span hit beats sentence
        ([], [C(0, 15, 17)], []),
    ],
)
def test_match_claims(targets: list[Target], candidates: list[Candidate], pairs: list[tuple[int, int]]) -> None:
    assert match_claims(targets, candidates) == pairs


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Amnesty International", "AI", True),
        ("Amnesty International", "amnesty international", True),
        ("Al-Jazeera", "Al Jazeera", True),
        ("Al-Jazeera", "AlJazeera", True),
        ("Syrian Observatory for Human Rights", "SOHR", True),
        ("the Red Cross", "Red Cross", True),
        ("Médecins Sans Frontières", "MSF", True),
        ("Médecins Sans Frontières", "Doctors Without Borders", True),
        ("Amnesty International", "Human Rights Watch", False),
        ("most sources", "Amnesty International", False),
        ("Al-Jazeera", None, False),
    ],
)
def test_same_source(gold: str, predicted: str | None, same: bool) -> None:
    assert same_source(gold, predicted) is same


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((36.5281, 37.9549), (36.5281, 37.9549), 0.0),
        ((36.2021, 37.1343), (36.5281, 37.9549), 82.0),  # Aleppo → Manbij
        ((0.0, 0.0), (0.0, 1.0), 111.2),
    ],
)
def test_haversine_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=1.0)


PLACES = [
    (Span(169, 174), PlaceRef("Pandi", name="Pandi", lat=14.87, lon=120.95)),
    (Span(176, 183), PlaceRef("Bulacan", name="Bulacan", lat=15.0, lon=121.0)),
    (Span(400, 405), PlaceRef("Luzon", name="Luzon")),
]


@pytest.mark.parametrize(
    ("span", "name", "taken", "expected"),
    [
        (Span(169, 174), "Pandi", set(), 0),  # exact
        (Span(170, 175), "Pandi", set(), 0),  # gold offsets one off
        (Span(380, 384), "Luzon", set(), 2),  # no overlap, same name 16 chars away
        (Span(300, 304), "Luzon", set(), None),  # same name but too far
        (Span(380, 384), "Manila", set(), None),  # near but another name
        (Span(169, 174), "Pandi", {0}, None),  # already given to another gold mention
    ],
)
def test_match_place(span: Span, name: str, taken: set[int], expected: int | None) -> None:
    assert match_place(span, name, PLACES, taken) == expected


def test_sentence_around_keeps_to_one_sentence() -> None:
    text = "First one. The toll is now over 125, per sources. Next sentence here."
    start = text.index("The toll")
    end = text.index("Next") - 1
    assert sentence_around(text, Span(start, end)) == "The toll is now over 125, per sources."


@pytest.mark.parametrize(
    ("ours", "coders", "agree"),
    [
        ("Syrian government", "Government of Syria", True),  # the country's name meets its adjective
        ("Houthis", "Houthi extremists (Ansar Allah)", True),
        ("Islamic State", "IS", True),
        ("Islamic State", "Khorasan Chapter of the Islamic State", True),
        ("Iraqi forces", "Government of Iraq", True),
        ("Taliban", "Government of Afghanistan", False),  # "government" alone names no one
        ("Islamic State", "Moro Islamic Liberation Front (MILF)", False),  # nor does "Islamic"
        ("Mai-Mai", "Mayi Mayi", True),  # one name spelt two ways
        ("Mai-Mai", "Raia Mutomboki", False),
    ],
)
def test_a_perpetrator_agrees_with_the_coders_one_written_their_way(ours: str, coders: str, agree: bool) -> None:
    assert perpetrator_agrees(ours, coders) is agree
