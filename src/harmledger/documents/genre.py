"""News report or opinion piece, from the writer's own voice (quotations are ignored).

A news report speaks in the third person and attributes what it says; commentary speaks in the
first person, addresses the reader, asks rhetorical questions, exclaims and judges. Each cue is
counted outside quotation marks, per 100 words, weighted, and summed into a score; a few
reporting cues ("said", "according to") pull the other way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from harmledger.records import Genre

# Quoted speech: the speaker's voice, not the writer's (a minister saying "we" is still news).
# Opening and closing marks are matched loosely: typed text mixes " and ” in one quotation.
_QUOTED = re.compile(r"[“\"][^“”\"\n]{0,2000}[”\"]|«[^»]{0,2000}»")
_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")

# Single-word cues, matched on whole tokens (case matters for pronouns: "US" is not "us").
WORD_CUES: dict[str, frozenset[str]] = {
    "first_singular": frozenset("I me my mine myself I’m I'm I’ve I've I’d I'd I’ll I'll".split()),
    "first_plural": frozenset(
        "we We us our Our ours Ours ourselves Ourselves we’re We’re we're We're we’ve We’ve we've "
        "We've we’ll We’ll we'll We'll let’s Let’s let's Let's".split()
    ),
    "second_person": frozenset(
        "you You your Your yours Yours yourself Yourself you’re You’re you're You're you’ve You’ve "
        "you've You've".split()
    ),
}
# Judging words, matched in lower case.
EVALUATIVE_WORDS = frozenset(
    "shameful shameless ridiculous outrageous disaster tragic tragically ironic ironically "
    "obvious obviously clearly unfortunately fortunately sadly frankly undoubtedly surely "
    "bloodthirsty cronies butcher fairytale folly foolish naive hopeless futile apologist "
    "apologists utter utterly indeed shouldn’t shouldn't".split()
)
# Word stems counted as evaluative ("hypocrisy", "hypocritical", "disastrous" …); lower case.
EVALUATIVE_STEMS: tuple[str, ...] = ("hypocri", "disgrace", "absurd", "disastr", "thug", "cynical")
_EVALUATIVE_STEM = re.compile(r"\b(?:" + "|".join(EVALUATIVE_STEMS) + ")")
REPORTING_WORDS = frozenset("said says told reported announced stated confirmed added".split())
# Several-word cues, counted as substrings after a space (str.count is far faster than a regex
# alternation); matched in lower case except the "I …" forms.
PHRASES: dict[str, tuple[str, ...]] = {
    "evaluative": ("of course", "so-called", "must not", "should not", "ought to", "it is time", "it might be time"),
    "writer_reference": (
        "I wrote",
        "I argued",
        "I believe",
        "I think",
        "I realize",
        "I realise",
        "I am aware",
        "I suspect",
        "I fear",
        "in my view",
        "in my opinion",
        "in this column",
        "in this article",
        "my article",
    ),
    "reporting": ("according to",),
}
# cue → weight per occurrence per 100 words (reporting pulls towards news).
WEIGHTS: dict[str, float] = {
    "first_singular": 1.0,
    "first_plural": 0.8,
    "second_person": 0.8,
    "question": 1.5,
    "exclamation": 1.0,
    "evaluative": 0.6,
    "writer_reference": 2.0,
    "reporting": -0.5,
}

# Calibrated on the seed (one news report, two opinion pieces) against 229 WikiNews reports
# (geovirus) and 847 UCDP news headlines: the reports score below 1, the commentaries above 3.
OPINION_THRESHOLD = 2.0
# The voice of a text is plain from its first few thousand words; scoring all of a 50 MB file
# would hold millions of tokens in memory.
SAMPLE_CHARS = 30_000
# Too few words to judge a voice: a headline or a caption is taken as news.
MIN_WORDS = 40


@dataclass(frozen=True, slots=True)
class GenreScore:
    """The opinion score and the per-100-word rate of each cue behind it."""

    score: float
    rates: dict[str, float]
    words: int

    @property
    def genre(self) -> Genre:
        return "opinion" if self.words >= MIN_WORDS and self.score >= OPINION_THRESHOLD else "news"


def unquoted(text: str) -> str:
    """The text with quoted speech blanked out (offsets kept)."""
    if '"' not in text and "“" not in text and "«" not in text:
        return text  # nothing can open a quotation (the scan costs more than this check)
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def cue_counts(text: str) -> Counter[str]:
    """Counts of each cue in the writer's own voice, plus ``"words"`` (additive over paragraphs)."""
    own = unquoted(text[:SAMPLE_CHARS])
    tokens = _WORD.findall(own)
    # Tokens hold no spaces, so one lower() over them joined is each token lowered (in C).
    lowered_tokens = " ".join(tokens).lower().split(" ") if tokens else []
    counts: Counter[str] = Counter({"words": len(tokens)})
    # Membership mapped over the token list runs in C; a Python loop over tokens would not.
    for cue, vocabulary in WORD_CUES.items():
        counts[cue] += sum(map(vocabulary.__contains__, tokens))
    counts["reporting"] += sum(map(REPORTING_WORDS.__contains__, lowered_tokens))
    counts["evaluative"] += sum(map(EVALUATIVE_WORDS.__contains__, lowered_tokens))
    padded = " " + own
    lowered = padded.lower()
    if any(stem in lowered for stem in EVALUATIVE_STEMS):  # substring checks are far cheaper
        counts["evaluative"] += len(_EVALUATIVE_STEM.findall(lowered))
    has_i = " I " in padded  # every "I …" phrase holds one
    for cue, phrases in PHRASES.items():
        for phrase in phrases:
            if phrase.startswith("I "):
                if has_i:
                    counts[cue] += padded.count(" " + phrase)
            else:
                counts[cue] += lowered.count(" " + phrase)
    counts["question"] += own.count("?")
    counts["exclamation"] += own.count("!")
    return counts


def score_counts(counts: Counter[str]) -> GenreScore:
    """The genre score of summed cue counts."""
    words = counts["words"]
    per100 = 100.0 / max(1, words)
    rates = {cue: counts[cue] * per100 for cue in WEIGHTS}
    return GenreScore(score=sum(WEIGHTS[c] * r for c, r in rates.items()), rates=rates, words=words)


def genre_score(text: str) -> GenreScore:
    """Score the writer's voice in ``text``: higher means more like commentary."""
    return score_counts(cue_counts(text))


def classify_genre(text: str) -> Genre:
    """``"opinion"`` for commentary in the writer's own voice, else ``"news"``."""
    return genre_score(text).genre
