"""News report or opinion piece, from the writer's own voice (quotations are ignored).

A news report speaks in the third person and attributes what it says; commentary speaks in the
first person, addresses the reader, asks rhetorical questions, exclaims and judges. Each cue is
counted outside quotation marks, per 100 words, weighted, and summed into a score; a few
reporting cues ("said", "according to") pull the other way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from harmledger.records import Document, Genre

# Quoted speech: the speaker's voice, not the writer's (a minister saying "we" is still news).
# Opening and closing marks are matched loosely: typed text mixes " and ” in one quotation.
# The opening mark comes first, outside the alternation, so the regex engine can skip to it.
_QUOTED = re.compile(r"[“\"«](?:(?<=[“\"])[^“”\"\n]{0,2000}[”\"]|(?<=«)[^»]{0,2000}»)")
# A token: an ASCII letter, then letters and apostrophes ("don’t", "I'm"). ``cue_counts`` finds the
# same tokens without this regex: see ``_tokens``.
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


# The outlet's own label opening the text ("Opinion: …", "OP-ED | …", "Editorial — …"): commentary
# whatever its voice. A plain hyphen is no separator ("Comment-free"); "Analysis" is no label:
# outlets file news analysis as reporting.
_OPINION_LABEL = re.compile(
    r"\s*(?:(?:opinion|op-ed|op ed|editorial|commentary|comment|column|viewpoint)\s*[:|–—]\s*\S|"
    # … or the label alone on the first line ("Editorial" above its headline)
    r"(?:opinion|op-ed|editorial|commentary|viewpoint)[ \t]*\n)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class GenreScore:
    """The opinion score and the per-100-word rate of each cue behind it."""

    score: float
    rates: dict[str, float]
    words: int
    labelled: bool = False  # the text opens with an opinion label (``_OPINION_LABEL``)

    @property
    def genre(self) -> Genre:
        if self.labelled:
            return "opinion"
        return "opinion" if self.words >= MIN_WORDS and self.score >= OPINION_THRESHOLD else "news"


def unquoted(text: str) -> str:
    """The text with quoted speech blanked out (offsets kept)."""
    if '"' not in text and "“" not in text and "«" not in text:
        return text  # nothing can open a quotation (the scan costs more than this check)
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def _ascii_apostrophe(words: frozenset[str]) -> frozenset[bytes]:
    """Cue words as the bytes ``_tokens`` yields (’ written as ')."""
    return frozenset(w.replace("’", "'").encode("ascii") for w in words)


# Bytes that can be part of a token (ASCII letters and '); every other byte, the bytes of
# non-ASCII characters included, separates tokens.
_TOKEN_BYTES = bytes(c if (65 <= c <= 90 or 97 <= c <= 122 or c == 39) else 32 for c in range(256))
_WORD_CUES_B = {cue: _ascii_apostrophe(words) for cue, words in WORD_CUES.items()}
_CASED_CUE_WORDS = frozenset().union(*_WORD_CUES_B.values())
_REPORTING_B = _ascii_apostrophe(REPORTING_WORDS)
_EVALUATIVE_B = _ascii_apostrophe(EVALUATIVE_WORDS)
_LOWER_CASED_CUE_WORDS = frozenset(w.lower() for w in _CASED_CUE_WORDS)
# What an opinion cue other than a question or an exclamation cannot occur without, in the
# sample's own voice: a cue word or a phrase's word, as a lowered token (" I think" holds the
# token "i", " must not" the token "must" …), or else a substring (stems, phrases of common words).
_OPINION_TRIGGERS = frozenset(
    w.lower() for w in (*_CASED_CUE_WORDS, *_EVALUATIVE_B, b"my", b"must", b"should", b"ought", b"might")
)
# (searched in the lowered token bytes, where " of course" and "so-called" read "of course" and
# "so called").
_OPINION_SUBSTRINGS: tuple[bytes, ...] = (
    *(stem.encode("ascii") for stem in EVALUATIVE_STEMS),
    b"of course",
    b"so called",
    b"it is time",
    b"in this ",
)
_LOWER_CUE_WORDS = _REPORTING_B | _EVALUATIVE_B | _LOWER_CASED_CUE_WORDS


def _tokens(classes: bytes) -> list[bytes]:
    """The ``_WORD`` tokens of a text mapped through ``_TOKEN_BYTES`` (’ written as ').

    A maximal run of letters and apostrophes holds one token, from its first letter to its end.
    """
    runs = classes.split()
    if b"'" not in classes:
        return runs
    return [token for run in runs if (token := run.lstrip(b"'"))]


def _own_voice(text: str) -> tuple[str, bytes]:
    """The sample of ``text`` with quotations blanked, and its bytes mapped by ``_TOKEN_BYTES``.

    Two spaces stand for a quotation as well as its length in spaces would: no cue holds two
    spaces, and a quotation (marks included) is at least two characters. In the bytes, ’ is
    written as ' (every cue word is listed with both), and the bytes of other non-ASCII
    characters separate tokens as the characters do, so splitting them gives ``_WORD``'s tokens.
    """
    own = text[:SAMPLE_CHARS]
    if '"' in own or "“" in own or "«" in own:
        own = _QUOTED.sub("  ", own)
    return own, own.replace("’", "'").encode("utf-8", "surrogatepass").translate(_TOKEN_BYTES)


def cue_counts(text: str) -> Counter[str]:
    """Counts of each cue in the writer's own voice, plus ``"words"`` (additive over paragraphs)."""
    own, classes = _own_voice(text)
    counts = _word_counts(classes)
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


def _word_counts(classes: bytes) -> Counter[str]:
    """``"words"`` and the counts of the single-word cues, from the token bytes of the own voice."""
    lowered_tokens = _tokens(classes.lower())
    counts: Counter[str] = Counter({"words": len(lowered_tokens)})
    # Which cue words occur at all (one pass in C), then each one's count: most texts have few.
    found = _LOWER_CUE_WORDS.intersection(lowered_tokens)
    if found & _LOWER_CASED_CUE_WORDS:  # a cased cue word, lowered: look at the cased tokens
        tokens = _tokens(classes)
        cased = _CASED_CUE_WORDS.intersection(tokens)
        for cue, vocabulary in _WORD_CUES_B.items():
            if hits := cased & vocabulary:
                counts[cue] += sum(map(tokens.count, hits))
    if hits := found & _REPORTING_B:
        counts["reporting"] += sum(map(lowered_tokens.count, hits))
    if hits := found & _EVALUATIVE_B:
        counts["evaluative"] += sum(map(lowered_tokens.count, hits))
    return counts


def score_counts(counts: Counter[str]) -> GenreScore:
    """The genre score of summed cue counts."""
    words = counts["words"]
    per100 = 100.0 / max(1, words)
    rates = {cue: counts[cue] * per100 for cue in WEIGHTS}
    return GenreScore(score=sum(WEIGHTS[c] * r for c, r in rates.items()), rates=rates, words=words)


def genre_score(text: str) -> GenreScore:
    """Score the writer's voice in ``text``: higher means more like commentary."""
    return replace(score_counts(cue_counts(text)), labelled=bool(_OPINION_LABEL.match(text)))


def classify_genre(text: str) -> Genre:
    """``"opinion"`` for commentary in the writer's own voice, else ``"news"``.

    The same answer as ``genre_score(text).genre``, without counting every cue of a plain
    report: when no word, phrase or stem of an opinion cue occurs, only questions and
    exclamations can raise the score, and if they cannot raise it to the threshold it is news.
    """
    if _OPINION_LABEL.match(text):
        return "opinion"  # the outlet says so: "Opinion: The world looks away"
    own, classes = _own_voice(text)
    lowered = classes.lower()
    lowered_tokens = _tokens(lowered)
    words = len(lowered_tokens)
    if words < MIN_WORDS:
        return "news"
    if _OPINION_TRIGGERS.isdisjoint(lowered_tokens):
        if not any(map(lowered.__contains__, _OPINION_SUBSTRINGS)):
            # Every other cue counts 0 and reporting only lowers the score.
            most = WEIGHTS["question"] * own.count("?") + WEIGHTS["exclamation"] * own.count("!")
            if most * 100.0 / words < OPINION_THRESHOLD:
                return "news"
    return score_counts(cue_counts(text)).genre


def decide_genre(doc: Document) -> Document:
    """``doc`` with its genre judged (``classify_genre`` of its text), or ``doc`` itself when it has one.

    Reading leaves the genre undecided (None): the pipeline decides it once, where a new document
    is analysed, so documents already stored are never judged again.
    """
    if doc.genre is not None:
        return doc
    return replace(doc, genre=classify_genre(doc.text))
