"""Spec for the incident exports' columns (UCDP-GED-like and ACLED-like), record by record."""

from __future__ import annotations

import csv
import io

import pytest

from harmledger.export import to_acled
from harmledger.records import Figures, Incident, PlaceRef

MOSUL = PlaceRef("Mosul", "Mosul", 36.34, 43.13, "IQ", precision=1)


def incident(**fields: object) -> Incident:
    base: dict[str, object] = dict(id="abc123def4567890", kind="incident", claim_ids=("c1",), place=MOSUL)
    base.update(fields)
    return Incident(**base)  # type: ignore[arg-type]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("event_type", "victims", "acled"),
    [
        # the perpetrator kills fighters: a battle, not violence against civilians
        ("clashes", "combatants", ("Battles", "Armed clash")),
        ("shooting", "combatants", ("Battles", "Armed clash")),
        (None, "combatants", ("Battles", "Armed clash")),
        ("shooting", "civilians", ("Violence against civilians", "Attack")),
        (None, "people", ("Violence against civilians", "Attack")),
        ("airstrike", "combatants", ("Explosions/Remote violence", "Air/drone strike")),
        ("clashes", "people", ("Battles", "Armed clash")),
    ],
)
def test_the_acled_event_type_follows_the_weapon_then_the_victims(
    event_type: str | None, victims: str, acled: tuple[str, str]
) -> None:
    inc = incident(event_type=event_type, victims=victims, perpetrator="Iraqi forces", deaths=Figures(35, 35, 35))
    [row] = rows(to_acled([inc]))
    assert (row["event_type"], row["sub_event_type"]) == acled
    assert (row["actor1"], row["fatalities"]) == ("Iraqi forces", "35")


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ((2026, 12, 5), (2026, 12, 5), "2026-12-05"),
        # an undated report's incident spans the week before publication: never shown as one day
        ((2026, 11, 29), (2026, 12, 5), "2026-11-29 – 12-05"),
        ((2025, 12, 29), (2026, 1, 4), "2025-12-29 – 2026-01-04"),
    ],
)
def test_the_terminal_table_shows_an_incidents_days_as_a_span_when_it_is_one(start, end, shown) -> None:
    from datetime import date

    from harmledger.export import incidents_table

    text = incidents_table([incident(date_start=date(*start), date_end=date(*end), date_precision="week")])
    assert shown in text
    if start != end:
        assert f"{date(*start).isoformat()} " in text and "unknown" not in text


@pytest.mark.parametrize("fmt", ["ucdp", "acled", "geojson"])
def test_an_incident_nothing_supports_is_no_row_of_the_event_datasets_unless_asked_for(fmt: str) -> None:
    """Every claim rejected by an analyst: its blank figures would read as "nobody died"."""
    from harmledger.export import render

    kept = incident(deaths=Figures(3, 3, 3), grade="weak")
    gone = incident(id="fff000fff000fff0", grade="discounted")
    assert "fff000ff" not in render(fmt, [kept, gone]) and "abc123de" in render(fmt, [kept, gone])
    assert "fff000ff" in render(fmt, [gone], grade_asked="discounted")
    assert "fff000fff000" in render("json", [kept, gone])  # the full dump keeps it, with its grade


@pytest.mark.parametrize(
    ("deaths", "civilians", "victims", "unknown"),
    [
        # 12 dead, 9 of them said to be civilians: 3 of unknown status
        (Figures(12, 12, 12), Figures(9, 9, 9), "people", "3"),
        (Figures(7, 7, 7), Figures(7, 7, 7), "civilians", "0"),
        # every death counted is a fighter's: none of unknown status
        (Figures(5, 5, 5), Figures(), "combatants", "0"),
        (Figures(4, 4, 4), Figures(), "people", "4"),
        # no best, no figure
        (Figures(None, None, 30), Figures(), "people", ""),
    ],
)
def test_the_ucdp_deaths_of_unknown_status_are_the_deaths_not_said_to_be_civilians(
    deaths: Figures, civilians: Figures, victims: str, unknown: str
) -> None:
    from harmledger.export import to_ucdp

    [row] = rows(to_ucdp([incident(deaths=deaths, civilian_deaths=civilians, victims=victims)]))
    assert row["deaths_unknown"] == unknown
