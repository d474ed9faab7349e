"""Language identification with lingua, offline, built once on first use."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Languages of news about armed conflict that we expect to meet. Restricting the set keeps the
# detector small (the all-language model in full mode needs ~1 GB) and avoids exotic confusions
# on short English texts; a text in a language outside the set comes out as its nearest one.
# Somali, Swahili, Malay and the like were tried and left out: transliterated Arabic name lists
# ("Mohammad Abd al-Rahman al-Sadeer") came out as them.
LANGUAGES: tuple[str, ...] = (
    "en", "ar", "fr", "es", "pt", "de", "it", "nl", "ru", "uk", "tr", "fa", "ur", "he", "zh",
    "hi", "ja", "ko",
)

# Below this many letters lingua's answers are guesses; we say "unknown" instead.
MIN_LETTERS = 20
# lingua is linear in text length; the opening of an article is enough to know its language.
SAMPLE_CHARS = 3000
# Low-accuracy mode (trigrams only) is reliable on long texts and much lighter; short texts
# (headlines) need the full models: "15 Afghan Taliban killed in 24 hours: MoI" came out French.
SHORT_TEXT_CHARS = 300
# The winner must lead the runner-up by this much confidence, else the answer is None.
MIN_CONFIDENCE = 0.5

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample[:1000])) < MIN_LETTERS and len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    values = _detector(len(sample) >= SHORT_TEXT_CHARS).compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return str(values[0].language.iso_code_639_1.name).lower()
