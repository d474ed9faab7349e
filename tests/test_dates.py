"""Dates resolved against the publication date; relative dates stay unresolved without one."""

from __future__ import annotations

import json
from datetime import date

import pytest

from harmledger.places import find_dates, resolve_date
from harmledger.records import Document
from tests.conftest import FIXTURES, SEED_FILE

PUB = date(2016, 7, 20)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "published", "start", "end", "precision"),
    [
        ("on Tuesday", PUB, date(2016, 7, 19), date(2016, 7, 19), "day"),
        ("Tuesday’s strike", PUB, date(2016, 7, 19), date(2016, 7, 19), "day"),
        ("Tuesday's strike", PUB, date(2016, 7, 19), date(2016, 7, 19), "day"),
        ("on Wednesday", PUB, date(2016, 7, 20), date(2016, 7, 20), "day"),
        ("last Wednesday", PUB, date(2016, 7, 13), date(2016, 7, 13), "day"),
        ("on Thursday night", PUB, date(2016, 7, 14), date(2016, 7, 14), "day"),
        ("yesterday", PUB, date(2016, 7, 19), date(2016, 7, 19), "day"),
        ("today", PUB, date(2016, 7, 20), date(2016, 7, 20), "day"),
        ("two days ago", PUB, date(2016, 7, 18), date(2016, 7, 18), "day"),
        ("3 days ago", PUB, date(2016, 7, 17), date(2016, 7, 17), "day"),
        ("last week", PUB, date(2016, 7, 11), date(2016, 7, 17), "week"),
        # "the weekend" in a report of what happened is the last one (PUB is a Wednesday)
        ("the weekend raid", PUB, date(2016, 7, 16), date(2016, 7, 17), "day"),
        ("over the weekend", PUB, date(2016, 7, 16), date(2016, 7, 17), "day"),
        ("this week", PUB, date(2016, 7, 18), date(2016, 7, 20), "week"),
        ("last month", PUB, date(2016, 6, 1), date(2016, 6, 30), "month"),
        ("earlier this month", PUB, date(2016, 7, 1), date(2016, 7, 20), "month"),
        ("last year", PUB, date(2015, 1, 1), date(2015, 12, 31), "year"),
        # a span up to the publication day, where "last week" and "last year" are the calendar's
        ("in the past 24 hours", PUB, date(2016, 7, 19), date(2016, 7, 20), "day"),
        ("over the last two weeks", PUB, date(2016, 7, 6), date(2016, 7, 20), "week"),
        ("in the past few days", PUB, date(2016, 7, 17), date(2016, 7, 20), "week"),
        ("in the past year", PUB, date(2015, 7, 21), date(2016, 7, 20), "year"),
        ("since March 31st", PUB, date(2016, 3, 31), date(2016, 7, 20), "day"),
        ("since 2011", PUB, date(2011, 1, 1), date(2016, 7, 20), "year"),
        ("on March 31", PUB, date(2016, 3, 31), date(2016, 3, 31), "day"),
        ("on 31 March", PUB, date(2016, 3, 31), date(2016, 3, 31), "day"),
        ("on December 30", PUB, date(2015, 12, 30), date(2015, 12, 30), "day"),
        ("in March", PUB, date(2016, 3, 1), date(2016, 3, 31), "month"),
        ("in mid-March", PUB, date(2016, 3, 1), date(2016, 3, 31), "month"),
        # a month of the year the words name, not the latest such month
        ("in April last year", PUB, date(2015, 4, 1), date(2015, 4, 30), "month"),
        ("in September of last year", PUB, date(2015, 9, 1), date(2015, 9, 30), "month"),
        ("since April last year", PUB, date(2015, 4, 1), date(2016, 7, 20), "month"),
        ("in March this year", PUB, date(2016, 3, 1), date(2016, 3, 31), "month"),
        ("between 3 and 5 July", PUB, date(2016, 7, 3), date(2016, 7, 5), "day"),
        ("sometime between January 1, 2016 and January 12, 2016", None, date(2016, 1, 1), date(2016, 1, 12), "day"),
        ("from 3 March 2016 to 9 March 2016", None, date(2016, 3, 3), date(2016, 3, 9), "day"),
        ("July 19, 2016", PUB, date(2016, 7, 19), date(2016, 7, 19), "day"),
        ("19 July 2016", None, date(2016, 7, 19), date(2016, 7, 19), "day"),
        ("2016-07-19", None, date(2016, 7, 19), date(2016, 7, 19), "day"),
        ("in March 2015", None, date(2015, 3, 1), date(2015, 3, 31), "month"),
        ("in 2014", None, date(2014, 1, 1), date(2014, 12, 31), "year"),
    ],
)
def test_resolve_date(text: str, published: date | None, start: date, end: date, precision: str) -> None:
    ref = resolve_date(text, published)
    assert (ref.start, ref.end, ref.precision) == (start, end, precision)
    assert ref.resolved


@pytest.mark.parametrize(
    "text",
    [
        "on Tuesday",
        "Tuesday’s",
        "last week",
        "two days ago",
        "last month",
        "since March 31st",
        "yesterday",
        "on March 31",
        "in March",
    ],
)
def test_relative_dates_stay_unresolved_without_publication(text: str) -> None:
    ref = resolve_date(text, None)
    assert not ref.resolved
    assert "publication" in (ref.reason or "")


@pytest.mark.parametrize(
    "text",
    ["the may 5 plan", "they march on", "no date here", "a toll of 2000 people"],
)
def test_not_dates(text: str) -> None:
    assert not resolve_date(text, PUB).resolved


def test_find_dates_in_a_document() -> None:
    text = (
        "Tuesday’s strike near Manbij killed 56. Amnesty counted about a hundred since "
        "March 31st, and last week 20 more."
    )
    doc = Document(id="d", original=text.encode(), text=text, origin="t", published=PUB)
    found = {d.span.slice(text): (d.start, d.end) for d in find_dates(doc) if d.span}
    assert found == {
        "Tuesday’s": (date(2016, 7, 19), date(2016, 7, 19)),
        "since March 31st": (date(2016, 3, 31), PUB),
        "last week": (date(2016, 7, 11), date(2016, 7, 17)),
    }


def test_the_day_before_counts_back_from_the_day_the_text_named_last() -> None:
    text = (
        "A missile hit a block of flats on July 12, killing seven. The day before, a bomb hit a market. "
        "Three days earlier, a drone struck a bus. The day before yesterday, a car bomb went off. "
        "Officials met the day before the vote."
    )
    doc = Document(id="d", original=text.encode(), text=text, origin="t", published=PUB)
    found = {d.span.slice(text): d.start for d in find_dates(doc) if d.span}
    assert found == {
        "July 12": date(2016, 7, 12),
        "The day before": date(2016, 7, 11),
        "Three days earlier": date(2016, 7, 8),
        "The day before yesterday": date(2016, 7, 18),  # the publication's, not the text's
    }


def test_last_saturday_beside_saturday_is_the_week_before() -> None:
    # published on a Sunday: "on Saturday" is the day before, "last Saturday" the week before it
    text = "Five men were shot dead on Saturday. It came after eight were killed in another town last Saturday."
    doc = Document(id="d", original=text.encode(), text=text, origin="t", published=date(2020, 8, 23))
    found = {d.span.slice(text): d.start for d in find_dates(doc) if d.span}
    assert found == {"on Saturday": date(2020, 8, 22), "last Saturday": date(2020, 8, 15)}


def test_last_saturday_alone_is_the_latest_saturday() -> None:
    text = "Eight were killed in the town last Saturday."
    doc = Document(id="d", original=text.encode(), text=text, origin="t", published=date(2020, 8, 23))
    [found] = find_dates(doc)
    assert found.start == date(2020, 8, 22)


def test_the_day_before_with_no_day_named_before_it_counts_from_publication() -> None:
    text = "The day before, a bomb hit a market."
    doc = Document(id="d", original=text.encode(), text=text, origin="t", published=PUB)
    [found] = find_dates(doc)
    assert found.start == date(2016, 7, 19)


def test_a_period_starting_after_publication_stays_unresolved_with_its_reason() -> None:
    ref = resolve_date("since 2001", date(2000, 1, 1))  # found by the fuzz test
    assert not ref.resolved and "after the publication date" in (ref.reason or "")


def test_a_running_toll_since_an_outbreak_runs_to_the_day_it_was_reported() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse_document

    text = "Since the war broke out in April 2023, more than 15,000 people have been killed, the UN said."
    [claim] = analyse_document(make_document(text.encode(), origin="toll.txt", published=date(2024, 6, 12))).claims
    assert claim.scope == "cumulative" and claim.date is not None
    assert (claim.date.start, claim.date.end) == (date(2023, 4, 1), date(2024, 6, 12))


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        # the day the bodies that raised a toll were found, not the day of the fighting
        ("The number of rebels killed in the clash rose to 16 after troops recovered two more bodies on Friday.", True),
        ("The toll climbed to nine when a wounded man died in hospital on Friday.", True),
        ("Sixteen rebels were killed in the clash on Friday, the army said.", False),
    ],
)
def test_the_day_a_toll_rose_is_when_it_was_reported(text: str, reported: bool) -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse_document

    claims = analyse_document(make_document(text.encode(), origin="toll.txt", published=date(2025, 1, 26))).claims
    dated = [c.date for c in claims if c.date is not None and c.count is not None and (c.count.point or 0) > 5]
    assert dated and all(d.only_reported is reported for d in dated), dated


# Phrases that between them match every rule the scan may skip for a missing word.
_EVERY_RULE = [
    "on 2016-07-19",
    "between 3 and 5 July",
    "from June 3 to 5",
    "between January 1, 2016 and January 12, 2016",
    "from 3 March 2016 to 9 March 2016",
    "July 19, 2016",
    "19 July 2016",
    "since the 3rd of May",
    "since March 31st",
    "on March 31",
    "on 31 March",
    "since 2011",
    "in March 2015",
    "in April last year",
    "in March",
    "late on Tuesday night",
    "the day before yesterday",
    "three days earlier",
    "the previous night",
    "last night",
    "this morning",
    "tonight",
    "two weeks ago",
    "over the past 24 hours",
    "last weekend",
    "earlier this week",
    "the weekend raid",
]


def test_a_rule_tried_only_at_its_first_words_finds_what_a_scan_of_every_position_finds() -> None:
    # Guard for the scan's shortcut: each rule is tried only where one of its first words begins.
    # The same matches as the plain scan, over every rule's phrase (as written, capitalised, in
    # capitals, mid-sentence) and over real report text (the seed and the team's fixtures).
    from harmledger.places.dates import _COMPILED, _first_word_starts, _rule_matches

    phrases = [f"{how} After that, {p}, and {p.upper()}." for p in _EVERY_RULE for how in (p, p.capitalize())]
    texts = [*phrases, SEED_FILE.read_text(encoding="utf-8")]
    for path in sorted(FIXTURES.glob("*/documents.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    matched = set()
    for text in texts:
        starts = _first_word_starts(text)
        for name, pattern, _ in _COMPILED:
            plain = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in _rule_matches(name, pattern, text, starts)] == plain, (name, text[:80])
            matched.update([name] if plain else [])
    assert matched == {name for name, _, _ in _COMPILED}  # every rule was tried on a text it matches


def test_a_date_is_read_on_one_line_and_an_hour_is_no_day() -> None:
    # a live blog's entry: the date heading, then the hour of the entry
    text = "Tuesday 12 November\n\n08:15 An air strike killed five people in the camp."
    doc = Document(id="t", original=text.encode(), text=text, origin="t", published=date(2024, 11, 12))
    assert [(d.text, d.start) for d in find_dates(doc)] == [("12 November", date(2024, 11, 12))]


def test_a_weekday_before_a_capitalised_name_is_a_given_name_not_a_day() -> None:
    # "Monday" is a common given name; the day the chairman spoke is Wednesday, not Monday
    text = "The toll has risen to 21, the council chairman, Monday Dalyop, said on Wednesday. Tuesday November 5 too."
    doc = Document(id="d", original=text.encode(), text=text, origin="test", published=date(2024, 12, 25))
    found = {d.span.slice(text): d.start for d in find_dates(doc) if d.span}
    assert found == {"on Wednesday": date(2024, 12, 25), "November 5": date(2024, 11, 5)}, found
