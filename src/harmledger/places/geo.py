"""Distances and compass bearings on the sphere."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088

# Compass words as the press writes them → the 8-point abbreviation kept on PlaceRef.bearing.
BEARINGS: dict[str, str] = {
    "north": "N",
    "northern": "N",
    "south": "S",
    "southern": "S",
    "east": "E",
    "eastern": "E",
    "west": "W",
    "western": "W",
    "northeast": "NE",
    "north-east": "NE",
    "north east": "NE",
    "northeastern": "NE",
    "north-eastern": "NE",
    "northwest": "NW",
    "north-west": "NW",
    "north west": "NW",
    "northwestern": "NW",
    "north-western": "NW",
    "southeast": "SE",
    "south-east": "SE",
    "south east": "SE",
    "southeastern": "SE",
    "south-eastern": "SE",
    "southwest": "SW",
    "south-west": "SW",
    "south west": "SW",
    "southwestern": "SW",
    "south-western": "SW",
}


# Kilometres per degree of latitude along a meridian: no two points whose latitudes differ by
# d degrees lie closer than d times this, so a distance check can skip most far pairs at once.
KM_PER_DEGREE_LATITUDE = EARTH_RADIUS_KM * math.pi / 180


def within_km(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    """Whether two points lie less than ``km`` apart (``haversine_km`` < km, computed only when
    the latitudes alone do not already rule it out)."""
    if abs(lat1 - lat2) * KM_PER_DEGREE_LATITUDE > km * 1.000001:
        return False
    return haversine_km(lat1, lon1, lat2, lon2) < km


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# Compass abbreviations → degrees clockwise from north.
BEARING_DEGREES: dict[str, float] = {
    "N": 0,
    "NE": 45,
    "E": 90,
    "SE": 135,
    "S": 180,
    "SW": 225,
    "W": 270,
    "NW": 315,
}


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Degrees clockwise from north of the great circle from point 1 towards point 2."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


def in_direction(bearing: str, lat1: float, lon1: float, lat2: float, lon2: float, tolerance: float = 67.5) -> bool:
    """True when point 2 lies roughly in compass direction ``bearing`` from point 1."""
    if bearing not in BEARING_DEGREES:
        return True
    diff = abs(initial_bearing(lat1, lon1, lat2, lon2) - BEARING_DEGREES[bearing]) % 360
    return min(diff, 360 - diff) <= tolerance
