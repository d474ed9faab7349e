"""`harmledger geocode`: ranked candidates for an analyst's place string."""

from __future__ import annotations

import pytest

from harmledger.places import Gazetteer, geocode_query, get_gazetteer
from harmledger.places.geo import haversine_km
from harmledger.places.geocode import Candidate, parse_query
from harmledger.records import (
    WHERE_PREC_ADM1,
    WHERE_PREC_ADM2,
    WHERE_PREC_EXACT,
    WHERE_PREC_NEAR,
    WHERE_PREC_REGION,
)


@pytest.mark.parametrize(
    ("query", "country", "name", "cc", "precision", "lat", "lon"),
    [
        ("Manbij", None, "Manbij", "SY", WHERE_PREC_EXACT, 36.528, 37.955),
        ("Menbej", None, "Manbij", "SY", WHERE_PREC_EXACT, 36.528, 37.955),
        ("southern countryside of Aleppo", None, "Aleppo", "SY", WHERE_PREC_NEAR, 36.201, 37.161),
        ("Paktya province", "AF", "Paktia Province", "AF", WHERE_PREC_ADM1, 33.6, 69.4),
        ("Jableh District", "SY", "Jablah", "SY", WHERE_PREC_ADM2, 35.362, 35.928),
        ("Al-Fatih, Jableh District", "SY", "Jablah", "SY", WHERE_PREC_ADM2, 35.362, 35.928),
        ("Eastern Ghouta", None, "Eastern Ghouta", "SY", WHERE_PREC_REGION, 33.52, 36.40),
        ("Springfield, Illinois", None, "Springfield", "US", WHERE_PREC_EXACT, 39.80, -89.64),
        ("Northern Ireland", None, "Northern Ireland", "GB", WHERE_PREC_ADM1, 54.6, -6.7),
    ],
)
def test_best_candidate(
    query: str, country: str | None, name: str, cc: str, precision: int, lat: float, lon: float
) -> None:
    best = geocode_query(query, country=country)[0]
    assert (best.name, best.country, best.precision) == (name, cc, precision)
    assert haversine_km(best.lat, best.lon, lat, lon) < 25
    assert best.why


def test_country_restricts_candidates() -> None:
    assert all(c.country == "US" for c in geocode_query("Paris", country="US"))
    assert geocode_query("Paris")[0].country == "FR"


def test_nothing_matches_gives_an_empty_list() -> None:
    assert geocode_query("Xqzwvabadkjh") == []
    assert geocode_query("") == []


def test_candidates_are_ranked_and_limited() -> None:
    found = geocode_query("Springfield", limit=3)
    assert len(found) == 3
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_to_json_shape() -> None:
    doc = geocode_query("Mosul")[0].to_json()
    assert set(doc) == {"name", "lat", "lon", "precision", "country", "admin1", "score", "why"}
    assert doc["country"] == "IQ" and isinstance(doc["why"], list)


def test_analyst_place_ranks_first() -> None:
    gaz = Gazetteer(get_gazetteer().path)
    gaz.add_override("Al-Fatih", ("Fatih village",), lat=35.40, lon=35.95, country="SY", admin1="Latakia")
    best = geocode_query("Al-Fatih, Jableh District", gazetteer=gaz)[0]
    assert (best.name, best.lat, best.lon) == ("Al-Fatih", 35.40, 35.95)
    assert "analyst place" in best.why


@pytest.mark.parametrize(
    ("query", "core", "context", "bearing", "near", "prefer"),
    [
        ("southern countryside of Aleppo", "Aleppo", [], "S", True, ""),
        ("Al-Fatih, Jableh District", "Al-Fatih", ["Jableh District"], None, False, ""),
        ("Rami village", "Rami village", [], None, False, "PPL"),
        ("northeast of Aleppo", "Aleppo", [], "NE", True, ""),
        ("near Homs", "Homs", [], None, True, ""),
        ("Nangarhar province", "Nangarhar province", [], None, False, "ADM"),
    ],
)
def test_parse_query(query: str, core: str, context: list[str], bearing: str | None, near: bool, prefer: str) -> None:
    q = parse_query(query)
    assert (q.core, q.context, q.bearing, q.near, q.prefer) == (core, context, bearing, near, prefer)


def test_candidate_is_frozen() -> None:
    c = Candidate("X", 1.0, 2.0, 1, "SY", None, 1.0)
    with pytest.raises(AttributeError):
        c.name = "Y"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("query", "empty"),
    [("Manbij", False), ("Xqzwvabadkjh", True)],
)
def test_geocode_json_line(query: str, empty: bool) -> None:
    from harmledger.places import geocode_json

    line = geocode_json(query)
    assert line["query"] == query
    assert (line["candidates"] == []) is empty
    for cand in line["candidates"]:
        assert {"name", "lat", "lon", "precision", "country", "admin1", "score"} <= set(cand)


@pytest.mark.parametrize(
    ("query", "bears_the_name"), [("Shiloh", "Shiloh"), ("Bombay", "Mumbai"), ("Raqqa", "Ar Raqqah")]
)
def test_a_place_bearing_the_name_beats_another_places_former_name(query: str, bears_the_name: str) -> None:
    # "Shiloh" is one of the towns called Shiloh, not the bigger town once called that; a name
    # only one place ever had ("Bombay") still finds it.
    best = geocode_query(query)[0]
    assert best.name == bears_the_name
