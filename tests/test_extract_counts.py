"""The figure parser: how a phrase in the text becomes low / high / best and a qualifier."""

from __future__ import annotations

import pytest

from harmledger.extract.counts import parse_count

N = None

# text → (low, high, best, qualifier, vague)
CASES = [
    ("56", (56, 56, 56, "exact", False)),
    ("1,300", (1300, 1300, 1300, "exact", False)),
    ("12.500", (12500, 12500, 12500, "exact", False)),
    ("2 million", (2_000_000, 2_000_000, 2_000_000, "exact", False)),
    ("seven", (7, 7, 7, "exact", False)),
    ("forty-two", (42, 42, 42, "exact", False)),
    ("Forty-Six", (46, 46, 46, "exact", False)),
    ("two hundred and fifty", (250, 250, 250, "exact", False)),
    ("a hundred", (100, 100, 100, "exact", False)),
    ("three thousand", (3000, 3000, 3000, "exact", False)),
    ("at least 56", (56, N, N, "at_least", False)),
    ("no fewer than 20", (20, N, N, "at_least", False)),
    ("100 or more", (100, N, N, "at_least", False)),
    ("over 125", (126, N, N, "more_than", False)),
    ("more than 125", (126, N, N, "more_than", False)),
    ("More Than Two Hundred", (201, N, N, "more_than", False)),
    ("as many as 200", (N, 200, N, "up_to", False)),
    ("up to 30", (N, 30, N, "up_to", False)),
    ("nearly 60", (N, 60, N, "up_to", False)),
    ("fewer than 10", (N, 9, N, "up_to", False)),
    ("about a hundred", (N, N, 100, "approximately", False)),
    ("around 40", (N, N, 40, "approximately", False)),
    ("some 400,000", (N, N, 400_000, "approximately", False)),
    ("an estimated 150", (N, N, 150, "approximately", False)),
    ("a dozen", (N, N, 12, "approximately", False)),
    ("two dozen", (N, N, 24, "approximately", False)),
    ("between 136 to 1300", (136, 1300, N, "range", False)),
    ("between 8 and 11", (8, 11, N, "range", False)),
    ("at least 11 and possibly as many as 15", (11, 15, N, "range", False)),
    ("a minimum of 5 and a maximum of 7", (5, 7, N, "range", False)),
    ("more than 20 and up to 30", (21, 30, N, "range", False)),
    ("a maximum of 16", (N, 16, N, "up_to", False)),
    ("136-1,300", (136, 1300, N, "range", False)),
    ("40 to 60", (40, 60, N, "range", False)),
    ("two or three", (2, 3, N, "range", False)),
    ("dozens", (24, 99, N, "vague", True)),
    ("scores", (40, 99, N, "vague", True)),
    ("hundreds", (200, 999, N, "vague", True)),
    ("thousands", (2000, 9999, N, "vague", True)),
    ("tens of thousands", (20_000, 99_999, N, "vague", True)),
    ("several", (3, 9, N, "vague", True)),
    ("a few", (2, 5, N, "vague", True)),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_figure_reading(text: str, expected: tuple) -> None:
    count = parse_count(text)
    assert count is not None
    assert (count.low, count.high, count.best, count.qualifier, count.vague) == expected
    assert count.text == text


# Tokens that are not figures at all.
NOT_FIGURES = ["31st", "the fourth", "1990s", "1.6", "10:30", "none here", "Rs 400000", "Rs. 5000", "USD 200"]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_a_figure(text: str) -> None:
    assert parse_count(text) is None


def test_point_prefers_best_then_low_then_high() -> None:
    assert parse_count("about 40").point == 40
    assert parse_count("over 125").point == 126
    assert parse_count("as many as 200").point == 200
    assert parse_count("dozens").point == 24


def test_a_lower_upper_bound_does_not_make_a_range() -> None:
    count = parse_count("at least 12 and up to 10")
    assert count is not None and (count.low, count.high, count.qualifier) == (12, None, "at_least")


def test_a_figure_before_a_colon_and_a_space_is_a_figure_but_a_clock_time_is_not() -> None:
    # "killed 7: 4 in Idlib and 3 in Ariha" gives a total and its parts; "10:30" is a time
    count = parse_count("7: 4")
    assert count is not None and count.point == 7
    assert parse_count("10:30") is None
