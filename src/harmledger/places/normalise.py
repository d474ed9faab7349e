"""Place-name keys: a strict key (case, diacritics, punctuation) and a loose transliteration key."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophe-like marks that transliterations of Arabic ayn/hamza use interchangeably.
_MARKS = "'’‘`´ʿʾʻʼ′"
_MARK_TABLE = str.maketrans("", "", _MARKS)
_SEP_RE = re.compile(r"[\s\-‐‑–—_/,.()]+")
# Arabic article forms (al-, el-, ad-, ar-, as-, ash-, at-, az-, an-…) and their English-press
# variants; dropped in the loose key wherever they stand as a word of their own.
ARTICLES = frozenset("al el ad ar as ash at az an ed er es et ez en ul il".split())
# Abbreviated name words written out, so "St. Marc" meets "Saint-Marc" and "Mt." "Mount".
ABBREVIATIONS: dict[str, str] = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_DOUBLE_RE = re.compile(r"([a-z])\1+")
# Spelling alternations of transliterated names: ou/u, ee/i, final -ah/-a, kh/k, dh/d, q/k.
_LOOSE_SUBS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ou"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"ah\b"), "a"),
    (re.compile(r"eh\b"), "a"),
    (re.compile(r"q"), "k"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"\by"), "i"),
    (re.compile(r"e"), "a"),
    (re.compile(r"o"), "u"),
)


# The first words of Arabic place names, which the press spells several ways: "Beir al-Abd" is
# GeoNames' "Bi'r al 'Abd", "Deir" its "Dayr", "Beit" its "Bayt", "Ein" its "'Ayn".
ARABIC_NAME_WORDS: dict[str, str] = {
    **dict.fromkeys(("beir", "bir", "bier"), "bir"),  # "Bi'r": the strict key drops the apostrophe
    **dict.fromkeys(("deir", "dayr", "dair", "deyr"), "dayr"),
    **dict.fromkeys(("beit", "bayt", "bait", "beyt"), "bayt"),
    **dict.fromkeys(("ein", "ayn", "ain", "eyn"), "ayn"),
    **dict.fromkeys(("sheikh", "shaykh", "shaikh", "sheik"), "shaykh"),
}
_ARABIC_ENDING_RE = re.compile(r"iy(?:ah|a|eh)\b")  # "Lahiya", "Lahiyah": "Lahia"


@lru_cache(maxsize=200_000)
def strict_key(name: str) -> str:
    """Lowercase ASCII form: diacritics and apostrophes dropped, hyphens/punctuation as spaces."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_MARK_TABLE).casefold()
    words = _SEP_RE.sub(" ", text).split()
    # "the Congo", "Republic of the Congo": the article never distinguishes two places.
    if "the" in words and len(words) > 1:
        words = [w for w in words if w != "the"]
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


@lru_cache(maxsize=200_000)
def loose_key(name: str) -> str:
    """Transliteration-tolerant key: strict key without articles, doubled letters or vowel variants."""
    words = [ARABIC_NAME_WORDS.get(w, w) for w in strict_key(name).split() if w not in ARTICLES]
    if not words:
        return strict_key(name)
    text = _ARABIC_ENDING_RE.sub("ia", " ".join(words))
    text = _DOUBLE_RE.sub(r"\1", text)
    for pattern, repl in _LOOSE_SUBS:
        text = pattern.sub(repl, text)
    text = _DOUBLE_RE.sub(r"\1", text)
    return text.replace(" ", "")


def is_latin(name: str) -> bool:
    """True when the name is written in Latin script (after removing diacritics)."""
    key = strict_key(name)
    return bool(key) and all(ch.isascii() for ch in key)


def clear_caches() -> None:
    """Empty the name-key caches (each holds up to 200,000 names seen)."""
    strict_key.cache_clear()
    loose_key.cache_clear()
