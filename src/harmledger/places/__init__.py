"""Places and dates: offline geocoding with precision; dates resolved against publication.

Entry points: ``find_places`` (every toponym in a document; ``read_entities`` reads several
documents' parts with NER in one pass for it), ``locate_claims`` (a place and a
date for each claim), ``resolve_date`` / ``find_dates``, ``geocode_query`` (ranked candidates for
an analyst's place string), ``Gazetteer`` (with analyst overrides) and ``import_places``.
"""

from __future__ import annotations

from harmledger.places.dates import find_dates, resolve_date
from harmledger.places.gazetteer import Gazetteer, default_path, get_gazetteer
from harmledger.places.geo import haversine_km
from harmledger.places.geocode import Candidate, geocode_json, geocode_query
from harmledger.places.geoparse import find_places, read_entities, reads_english
from harmledger.places.importer import import_places
from harmledger.places.locate import locate_claims

__all__ = [
    "Candidate",
    "Gazetteer",
    "default_path",
    "find_dates",
    "find_places",
    "geocode_json",
    "geocode_query",
    "haversine_km",
    "get_gazetteer",
    "import_places",
    "locate_claims",
    "read_entities",
    "reads_english",
    "release_memory",
    "resolve_date",
]


def release_memory() -> None:
    """Drop what place finding built up over a batch (spaCy's pipelines with their grown
    vocabulary, the gazetteers and their lookup caches, the name-key caches): each is loaded
    again on next use."""
    from harmledger.nlp import release_pipelines
    from harmledger.places import gazetteer, normalise

    release_pipelines()
    gazetteer.release_shared()
    normalise.clear_caches()
