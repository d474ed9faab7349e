"""Article segmentation: split text that holds several articles run together.

TextTiling-style: the text is cut into paragraphs; at every gap between paragraphs the words of
a window before are compared with the words of a window after (cosine over content words), and
the gap's *depth* is how far cohesion dips there below the peaks on either side. A new article
also tends to change voice (a report followed by a first-person column), so the gap's score adds
the change in the genre score between the windows. Gaps scoring over a threshold become
boundaries, best first, as long as every article keeps a minimum length. A file that is one
article stays whole; text without paragraph breaks is never split.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import accumulate, pairwise

from harmledger.documents.genre import WEIGHTS, cue_counts, score_counts
from harmledger.records import Document

# Words that say nothing about topic (function words and reporting verbs common to every article).
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out over own
    same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours said says told say according reported one two three four
    five six many much may might must would us also however yet even still well like last first
    new year years day days week weeks month months time today yesterday monday tuesday wednesday
    thursday friday saturday sunday mr mrs ms people”""".split()
)
# An article does not open by pointing back: a paragraph starting like this continues one.
CONTINUATION = re.compile(
    r"(?:Meanwhile|However|But|And|Also|Still|Yet|Moreover|Furthermore|In addition|Besides|"
    r"Instead|Then|Thus|So|Therefore|Nevertheless|Nonetheless|Likewise|Similarly|Otherwise|"
    r"This|These|Those|They|He|She|It|His|Her|Their|Its|Such|Another|Earlier|Later|"
    r"On the other hand|In contrast|By contrast|At the same time)\b"
)
CONTINUATION_INSIDE = re.compile(r"^[^.!?\n]{0,40}?(?:, (?:meanwhile|however|though|too|in turn),|\balso\b)")
# A heading: one short line without closing punctuation.
HEADING = re.compile(r"[^\n]{1,100}(?<![.!?:;,”\"])")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]{2,}")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")

# Longer text is left whole: the per-paragraph word bags of a huge file would not fit in memory,
# and a dump of that size is better split by its producer.
MAX_SEGMENT_CHARS = 5_000_000
# Past this a marked piece is cut by cohesion too: the longest single report in the gold sets (an
# Airwars assessment) has 36,006 characters.
LONGEST_ARTICLE_CHARS = 60_000
WINDOW_WORDS = 200  # words on each side of a gap that are compared
MIN_ARTICLE_WORDS = 200  # no article shorter than this is cut out
MIN_PARAGRAPHS = 3  # nor one of fewer paragraphs
VOICE_WEIGHT = 0.15  # how much a change of voice (genre score points) adds to a gap's depth
VOICE_CAP = 6.0  # genre-score change beyond this adds nothing more
VOICE_FLOOR = 1.0  # shifts up to this much happen inside one article (quotes, a closing appeal)
VOICE_SHRINK_WORDS = 300  # voice shifts measured over fewer words count for less
# Calibrated on the seed (3 articles) against geovirus reports cut into paragraphs of 2 or 3
# sentences: at 0.33, 3 of 458 single reports are split, 70 of 100 report pairs and 84 of 100
# report+column pairs are cut exactly; TF-IDF weighting was tried and separated worse.
BOUNDARY_THRESHOLD = 0.33  # a gap's score needed to start a new article
CONTINUATION_PENALTY = 0.3  # taken off a gap whose next paragraph opens with a back-reference
VOICE_REFINE_MIN = 1.5  # a voice change this large places its boundary where the voice changes


@dataclass(frozen=True, slots=True)
class Gap:
    """A candidate boundary before paragraph ``index`` and the evidence for it."""

    index: int
    offset: int  # character offset where the paragraph after the gap starts
    cohesion: float
    depth: float
    voice_shift: float
    score: float


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the text's paragraphs (blocks between blank lines)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _BLANK_LINE.finditer(text):
        if text[pos : match.start()].strip():
            spans.append((pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    # Skip the leading whitespace so a paragraph starts at its first character.
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans]


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _terms(text: str) -> Counter[str]:
    return Counter(s for w in _TOKEN.findall(text) if (s := _stem(w)) not in STOPWORDS)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _window(bags: list[Counter[str]], words: list[int], start: int, step: int) -> tuple[Counter[str], int]:
    """Paragraphs from ``start`` going ``step`` (+1/-1) until ``WINDOW_WORDS`` words are taken."""
    total: Counter[str] = Counter()
    taken = 0
    i = start
    while 0 <= i < len(bags) and taken < WINDOW_WORDS:
        total.update(bags[i])
        taken += words[i]
        i += step
    return total, i


class _Paragraphs:
    """The paragraphs of a text with their term bags, word counts and genre cue counts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = paragraphs(text)
        bodies = [text[s:e] for s, e in self.spans]
        self.bags = [_terms(b) for b in bodies]
        # Cue counts are additive, so a side's genre score comes from prefix sums in O(1).
        cues = [cue_counts(b) for b in bodies]
        self.prefix = {key: list(accumulate((c[key] for c in cues), initial=0)) for key in ("words", *WEIGHTS)}
        self.words = [len(b.split()) for b in bodies]
        self.word_prefix = list(accumulate(self.words, initial=0))
        self.cohesion = [
            _cosine(_window(self.bags, self.words, i - 1, -1)[0], _window(self.bags, self.words, i, 1)[0])
            for i in range(1, len(self.spans))
        ]

    def depth(self, i: int) -> float:
        """TextTiling depth of the gap before paragraph ``i``."""
        g = i - 1
        value = self.cohesion[g]
        return _peak(self.cohesion, g, -1) - value + _peak(self.cohesion, g, 1) - value

    def voice_shift(self, a: int, i: int, b: int, shrink: bool = True) -> float:
        """How much the writer's voice differs between paragraphs ``[a, i)`` and ``[i, b)``."""
        left = score_counts(self._side(a, i))
        right = score_counts(self._side(i, b))
        shift = min(abs(left.score - right.score), VOICE_CAP)
        if not shrink:
            return shift
        # Rates over few words are noisy (one "?" in 100 words is a rate of 1): shrink them.
        fewer = min(left.words, right.words)
        return shift * fewer / (fewer + VOICE_SHRINK_WORDS)

    def _side(self, a: int, b: int) -> Counter[str]:
        return Counter({key: sums[b] - sums[a] for key, sums in self.prefix.items()})

    def opening(self, i: int) -> str:
        """The first words of the article that would start at paragraph ``i``, headings skipped."""
        while i + 1 < len(self.spans) and HEADING.fullmatch(self.text[self.spans[i][0] : self.spans[i][1]].strip()):
            i += 1
        return self.text[self.spans[i][0] : self.spans[i][0] + 60]

    def gap_score(self, a: int, i: int, b: int) -> float:
        """How strongly the evidence says a new article starts at paragraph ``i`` of ``[a, b)``."""
        score = self.depth(i) + VOICE_WEIGHT * max(0.0, self.voice_shift(a, i, b) - VOICE_FLOOR)
        opening = self.opening(i)
        if CONTINUATION.match(opening) or CONTINUATION_INSIDE.search(opening):
            score -= CONTINUATION_PENALTY
        return score

    def fits(self, a: int, b: int) -> bool:
        """Whether paragraphs ``[a, b)`` are long enough to be an article of their own."""
        return b - a >= MIN_PARAGRAPHS and self.word_prefix[b] - self.word_prefix[a] >= MIN_ARTICLE_WORDS


def score_gaps(text: str) -> list[Gap]:
    """Every gap between paragraphs with its cohesion, depth, change of voice and score."""
    paras = _Paragraphs(text)
    n = len(paras.spans)
    gaps = []
    for i in range(1, n):
        gaps.append(
            Gap(
                i,
                paras.spans[i][0],
                paras.cohesion[i - 1],
                paras.depth(i),
                paras.voice_shift(0, i, n),
                paras.gap_score(0, i, n),
            )
        )
    return gaps


def _peak(values: list[float], g: int, step: int) -> float:
    """The highest cohesion reached climbing from gap ``g`` in one direction (TextTiling)."""
    best = values[g]
    i = g + step
    while 0 <= i < len(values) and values[i] >= best:
        best = values[i]
        i += step
    return best


def find_boundaries(text: str) -> list[int]:
    """Character offsets where a new article starts (0 excluded); empty for a single article.

    Where the producer marked its articles (``marked_boundaries``), those marks decide; else
    the words' cohesion does."""
    if len(text) > MAX_SEGMENT_CHARS:
        return []
    marked = marked_boundaries(text)
    if not marked:
        return _cohesion_boundaries(text)
    # A marked piece far longer than any report holds articles of its own the producer did not
    # mark (a dump of hundreds of articles with one line that looks like a dateline): there the
    # words' cohesion decides too.
    cuts = [0, *marked, len(text)]
    within = (
        a + s for a, b in pairwise(cuts) if b - a > LONGEST_ARTICLE_CHARS for s in _cohesion_boundaries(text[a:b])
    )
    return sorted({*marked, *within})


def _cohesion_boundaries(text: str) -> list[int]:
    if len(paragraphs(text)) < 2 * MIN_PARAGRAPHS:
        return []  # (checked before the word bags: a megabyte line is one paragraph)
    paras = _Paragraphs(text)
    if len(paras.spans) < 2 * MIN_PARAGRAPHS:
        return []
    chosen: list[int] = []
    _split(paras, 0, len(paras.spans), chosen)
    return sorted(paras.spans[i][0] for i in chosen)


# What producers put between articles: a rule ("=====", "-----", "#####"), or an end mark
# ("(END) AP-WF-…", "-30-", "ENDS"). "* * *" is left out: features use it between sections.
_SEPARATOR = re.compile(r"[ \t]*(?:[=_~#-][ \t]*){3,}|[ \t]*(?:\(END\)[^\n]*|-30-|ENDS?\.?)[ \t]*")
# A dateline opening a line: a city in capitals, perhaps a region and a date, an agency credit,
# a dash ("KIRKUK, Iraq (Reuters) - ", "GOMA, Congo, July 14, 2024 (AP) — ", "BAHIR DAR - ").
_DATELINE = re.compile(
    r"[ \t]*[A-Z]{3,}[A-Z '’.-]*(?:,[^\n.!?()]{1,60}?)?[ \t]*"
    r"(?P<credit>\([A-Z][\w .&'’-]{1,30}\))?[ \t]*[-–—]{1,2}[ \t]+\S"
)
MAX_HEADING_LINES = 2  # a slug and a headline above a dateline start its article with it
MIN_MARKED_WORDS = 20  # a marked piece shorter than this (a digest's own title) joins the next


def _lines(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every line, without its newline."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def marked_boundaries(text: str) -> list[int]:
    """Where the producer marked a new article: after a separator line, or at a dateline that
    follows a headline or carries an agency credit (a digest, a wire dump), with the headline
    and slug lines above it. Pieces of fewer than ``MIN_MARKED_WORDS`` words join the next."""
    lines = _lines(text)
    starts: set[int] = set()
    after_separator = False
    for n, (a, b) in enumerate(lines):
        line = text[a:b]
        if not line.strip():
            continue
        if _SEPARATOR.fullmatch(line):
            after_separator = True
            continue
        if after_separator:
            starts.add(a)
            after_separator = False
        top = _dated_article_top(text, lines, n)
        if top is not None:
            starts.add(lines[top][0])
    return _long_enough(text, sorted(c for c in starts if text[:c].strip()))


def _dated_article_top(text: str, lines: list[tuple[int, int]], n: int) -> int | None:
    """The first line of an article whose dateline is line ``n`` (its headline and slug above
    it), or None when line ``n`` is no dateline, or one with neither headline nor credit
    ("UNHCR - the agency - said …" opens a paragraph, not an article)."""
    dateline = _DATELINE.match(text, lines[n][0], lines[n][1])
    if dateline is None:
        return None
    top = n
    for k in range(n - 1, max(-1, n - 1 - 2 * MAX_HEADING_LINES), -1):  # blank lines between count too
        above = text[lines[k][0] : lines[k][1]].strip()
        if not above:
            continue
        if _SEPARATOR.fullmatch(above) or not HEADING.fullmatch(above):
            break
        top = k
    return top if top < n or dateline.group("credit") else None


def _long_enough(text: str, cuts: list[int]) -> list[int]:
    """``cuts`` without those that would leave a piece shorter than ``MIN_MARKED_WORDS``: a
    short piece stays with the text after it, a short last one (an end line) with the one before."""
    kept: list[int] = []
    for c in cuts:
        if len(text[kept[-1] if kept else 0 : c].split()) >= MIN_MARKED_WORDS:
            kept.append(c)
    if kept and len(text[kept[-1] :].split()) < MIN_MARKED_WORDS:
        kept.pop()
    return kept


def _split(paras: _Paragraphs, a: int, b: int, chosen: list[int]) -> None:
    """Binary segmentation: cut ``[a, b)`` at its best gap if that gap is good enough, recurse."""
    best_score, best_i = BOUNDARY_THRESHOLD, None
    for i in range(a + 1, b):
        if not (paras.fits(a, i) and paras.fits(i, b)):
            continue
        score = paras.gap_score(a, i, b)
        if score >= best_score:
            best_score, best_i = score, i
    if best_i is None:
        return
    if paras.voice_shift(a, best_i, b, shrink=False) >= VOICE_REFINE_MIN:
        # Cohesion locates a boundary to within a paragraph or so; a change of voice is sharper.
        near = [i for i in (best_i - 1, best_i, best_i + 1) if a < i < b and paras.fits(a, i) and paras.fits(i, b)]
        best_i = max(near, key=lambda i: paras.voice_shift(a, i, b, shrink=False))
    chosen.append(best_i)
    _split(paras, a, best_i, chosen)
    _split(paras, best_i, b, chosen)


def split_articles(doc: Document) -> list[Document]:
    """The articles in ``doc``, each its own ``Document`` linked by ``parent_id``; ``[doc]`` if one.

    Articles are consecutive slices of the parent's original bytes that together make it up
    exactly, so the parent file can be rebuilt and checked against its id.
    """
    from harmledger.documents.make import make_document

    try:
        decoded = doc.original.decode(doc.encoding)
    except (UnicodeDecodeError, LookupError):
        return [doc]
    starts = find_boundaries(decoded)
    if not starts:
        return [doc]
    bom = len(doc.original) - len(decoded.encode(doc.encoding)) if doc.encoding == "utf-8-sig" else 0
    codec = "utf-8" if doc.encoding == "utf-8-sig" else doc.encoding
    cuts = [0, *starts, len(decoded)]
    byte_cuts = [0] + [bom + len(decoded[:c].encode(codec)) for c in cuts[1:-1]] + [len(doc.original)]
    pieces = [doc.original[a:b] for a, b in pairwise(byte_cuts)]
    if b"".join(pieces) != doc.original or doc.encoding.startswith(("utf-16", "utf-32")):
        return [doc]  # a multi-byte encoding we cannot cut safely: keep the file whole
    offsets = _normalised_offsets(decoded, cuts)
    children = []
    for k, piece in enumerate(pieces):
        child = make_document(
            piece,
            doc.origin,
            text=decoded[cuts[k] : cuts[k + 1]],
            title=doc.title if k == 0 else None,
            outlet=doc.outlet,
            url=doc.url,
            record_id=f"article {k + 1} of {len(pieces)}",
            parent_id=doc.id,
            offset_in_parent=offsets[k],
            encoding=doc.encoding,
            notes=doc.notes,
        )
        if child.published is None and doc.published_source in ("cli", "sidecar", "metadata", "text"):
            # A date given for the file (user, sidecar, a digest's date line) holds for an article
            # that states none of its own; an article's own dateline wins, as articles in one file
            # can be years apart (and so the first article's dateline dates no other).
            child = replace(
                child,
                published=doc.published,
                published_precision=doc.published_precision,
                published_source=doc.published_source,
            )
        children.append(child)
    return children


def _normalised_offsets(decoded: str, cuts: list[int]) -> list[int]:
    """Where each piece ``decoded[cuts[k]:cuts[k + 1]]`` starts in the normalised text: the length
    of ``normalise_text(decoded[:cuts[k]])``, without normalising every prefix again (quadratic in
    the number of articles). A cut after a newline splits nothing normalisation joins (a CRLF pair,
    a letter and its accent), so there the pieces' lengths add up."""
    from harmledger.documents.normalise import normalise_text

    offsets = [0]
    for a, b in pairwise(cuts[:-1]):
        clean_cut = a == 0 or decoded[a - 1] == "\n"
        offsets.append(
            offsets[-1] + len(normalise_text(decoded[a:b])) if clean_cut else len(normalise_text(decoded[:b]))
        )
    return offsets
