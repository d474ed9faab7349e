"""Spec for foiled attacks: a bomb defused, a drone intercepted, a rocket that failed to explode.

Nobody came to harm. A report that tells of such an attempt and of no harm at all gives a zero of
casualties, so the attempt is an incident with deaths 0 (as GTD and ACLED record it); beside any
word of harm it gives nothing. Every report here is written for the test.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from harmledger.documents.make import make_document
from harmledger.extract import extract_claims
from harmledger.pipeline import analyse
from harmledger.records import Claim


def claims_of(text: str) -> list[Claim]:
    report = replace(make_document(text, "report.txt"), genre="news")
    return [c for c in extract_claims(report) if c.kind == "casualty"]


@pytest.mark.parametrize(
    "text, told",
    [
        (
            "Police discovered and defused a roadside bomb on the road to Kandahar airport on Monday.",
            "defused a roadside bomb",
        ),
        (
            "A drone packed with explosives was intercepted and destroyed over Abha on Friday.",
            "drone packed with explosives was intercepted",
        ),
        (
            "A pipe bomb left outside the party's office in Lyon, intended for its leader, was found by a "
            "cleaner and safely defused by the bomb squad.",
            "bomb left outside the party's office in Lyon, intended for its leader, was found by a cleaner "
            "and safely defused",
        ),
        ("Militants fired a rocket at Sderot on Monday. The rocket landed in a yard but failed to explode.", "rocket"),
        # found, then made safe: "destroyed" after the weapon was found is no blast
        (
            "A landmine was found beside the school gate on Tuesday and later destroyed by army engineers.",
            "landmine was found beside the school gate on Tuesday and later destroyed",
        ),
    ],
)
def test_a_foiled_weapon_with_no_harm_told_is_a_zero_of_casualties(text: str, told: str) -> None:
    [zero] = claims_of(text)
    assert (zero.outcome, zero.count and (zero.count.low, zero.count.high)) == ("casualties", (0, 0))
    assert zero.negated and zero.scope == "incident"
    assert told in text[zero.span.start : zero.span.end] or text[zero.span.start : zero.span.end] in told


@pytest.mark.parametrize(
    "text",
    [
        # the harm of the blast is its report's figure: the second bomb is no zero of it
        "A car bomb killed 12 people at a market in Kabul on Monday. Police later defused a second bomb nearby.",
        # whether anyone was hurt is open: no figure at all
        "Police defused a bomb in Quetta on Friday. It was unclear whether anyone had been hurt.",
        # the blast's wounded are told without a figure: still no zero
        "Soldiers intercepted two rockets over the base, but a third hit a barracks and wounded several soldiers.",
        # a bomb that went off is no foiled one
        "A bomb detonated near a checkpoint in Mogadishu on Sunday. Police cordoned off the area.",
    ],
)
def test_no_zero_beside_harm_or_from_a_weapon_that_went_off(text: str) -> None:
    assert not [c for c in claims_of(text) if c.count is not None and c.count.point == 0]


def test_who_foiled_the_weapon_is_not_who_sent_it() -> None:
    [intercepted] = claims_of("A missile aimed at the city was intercepted by the Saudi-led coalition over Marib.")
    assert intercepted.perpetrator is None
    [planted] = claims_of("Police defused a bomb planted by the Taliban near a school in Kandahar on Monday.")
    assert planted.perpetrator == "Taliban"


def test_a_foiled_attack_is_an_incident_with_no_dead() -> None:
    text = (
        "KANDAHAR, May 4 - Security forces found and defused an improvised explosive device planted under a "
        "bridge in Kandahar city on Sunday, officials said. The Taliban denied planting it."
    )
    [incident] = [i for i in analyse([make_document(text, "a.txt")]).incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (0, 0, 0), incident.explanation
    assert incident.place is not None and incident.place.name.startswith("Kandah")


def test_the_zero_is_read_from_the_body_where_the_headline_drops_the_day() -> None:
    text = (
        "Bomb defused near Kandahar school\n\n"
        "Police defused a bomb planted outside a girls' school in Kandahar on Monday, officials said."
    )
    [zero] = claims_of(text)
    assert zero.span.start > text.index("\n")  # the body's sentence, which names the day
