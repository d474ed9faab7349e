"""Distances and compass bearings on the sphere."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088

# Compass words as the press writes them → the 8-point abbreviation kept on PlaceRef.bearing.
BEARINGS: dict[str, str] = {
    "north": "N", "northern": "N", "south": "S", "southern": "S", "east": "E", "eastern": "E",
    "west": "W", "western": "W",
    "northeast": "NE", "north-east": "NE", "north east": "NE", "northeastern": "NE",
    "north-eastern": "NE", "northwest": "NW", "north-west": "NW", "north west": "NW",
    "northwestern": "NW", "north-western": "NW", "southeast": "SE", "south-east": "SE",
    "south east": "SE", "southeastern": "SE", "south-eastern": "SE", "southwest": "SW",
    "south-west": "SW", "south west": "SW", "southwestern": "SW", "south-western": "SW",
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
