"""Places and dates: offline geocoding with precision; dates resolved against publication."""

from __future__ import annotations

from harmledger.places.gazetteer import Gazetteer, default_path, get_gazetteer
from harmledger.places.geoparse import find_places

__all__ = ["Gazetteer", "default_path", "find_places", "get_gazetteer"]
