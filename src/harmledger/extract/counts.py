"""Figures in text: digits, number words, ranges, qualifiers and vague quantities → ``Count``.

The readings (one table in ``vocab``): "at least 56" → low 56; "over 125" → low 126 (more
than); "as many as 200" / "up to" / "nearly" → high 200; "fewer than 10" → high 9; "about a
hundred" → best 100; "between 136 to 1300", "136-1,300", "40 to 60" → low/high (range); a plain
figure → low = high = best (exact); "a dozen" → best 12 (approximately); "dozens", "scores",
"hundreds" … → the documented (low, high) range, flagged vague, best left empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from harmledger.extract.text import PhraseIndex, Token, tokenize
from harmledger.extract.vocab import (
    CURRENCIES,
    CURRENCY_SIGNS,
    DOZEN,
    MONTHS,
    ORDINAL_UNITS,
    POST_QUALIFIERS,
    PRE_QUALIFIERS,
    SCALES,
    TENS,
    UNITS,
    VAGUE,
    VICTIM_NOUNS,
)
from harmledger.records import Count, Qualifier

_PRE = PhraseIndex(PRE_QUALIFIERS.items())
_POST = PhraseIndex(POST_QUALIFIERS.items())
_VAGUE = PhraseIndex(VAGUE.items())
_RANGE_JOINERS = frozenset({"to", "-", "–", "—", "or", "and"})
_HYPHENS = frozenset({"-", "–", "—"})
# No casualty figure exceeds the world's population; larger "figures" ("1e999", a 400-digit run)
# are not counts, and would overflow the ledger's 64-bit columns.
MAX_FIGURE = 9_999_999_999


@dataclass(frozen=True, slots=True)
class CountMatch:
    """A figure found at tokens ``[first, last)``; ``number_at`` is where the number begins."""

    first: int
    last: int
    number_at: int
    count: Count


def _digits(tok: Token) -> int | float | None:
    """The value of a digit token ("1,300" → 1300, "1.6" → 1.6), or None for "31st", "1990s"."""
    text = tok.text
    if not text[-1].isdigit() or len(text) > 15:  # a serial number, a phone number, a run of digits
        return None
    if not all(c.isdecimal() or c in ",." for c in text):
        return None  # "1e999", "²³"
    groups = text.replace(",", ".").split(".")
    if len(groups) == 1:
        return int(text)
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        return int("".join(groups))  # thousands separators: "1,300", "12.500"
    if len(groups) == 2 and "." in text:
        return float(text)
    return None


def _number_words(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """Spelled-out number at ``i``: "forty-two", "a hundred", "two hundred and fifty"."""
    n = len(tokens)
    total, current, j, last = 0, 0, i, ""  # last: "", "unit", "tens", "scale"
    if tokens[i].low in ("a", "an") and i + 1 < n and tokens[i + 1].low in SCALES:
        current, j, last = 1, i + 1, "unit"
    while j < n:
        low = tokens[j].low
        if low in UNITS and last in ("", "tens", "scale"):
            if last == "tens" and current % 10:
                break
            current += UNITS[low]
            last = "unit"
        elif low in TENS and last in ("", "scale"):
            current += TENS[low]
            last = "tens"
        elif low in SCALES and last in ("unit", "tens"):
            if SCALES[low] == 100:
                current *= 100
            else:
                total += current * SCALES[low]
                current = 0
            last = "scale"
        elif low in _HYPHENS and last == "tens" and j + 1 < n and tokens[j + 1].low in UNITS:
            j += 1
            continue
        elif low in _HYPHENS and last == "tens" and j + 1 < n and tokens[j + 1].low in ORDINAL_UNITS:
            return None  # "the twenty-fifth journalist killed": a rank, not a figure
        elif (
            low == "and" and last == "scale" and j + 1 < n and (tokens[j + 1].low in UNITS or tokens[j + 1].low in TENS)
        ):
            j += 1
            continue
        else:
            break
        j += 1
    if not last:
        return None
    return total + current, j


_DATE_PREPOSITIONS = frozenset({"on", "of", "since", "until", "till", "by", "from", "between"})


def _is_month(tok: Token) -> bool:
    # Capitalised only: "may" and "march" are also a verb and a noun.
    return tok.low in MONTHS and tok.text[0].isupper()


def _in_date(tokens: list[Token], i: int, end: int) -> bool:
    """Whether the digits at ``i`` are a day or year written beside a month name."""
    if end != i + 1 or len(tokens[i].text) > 4:
        return False
    if i > 0 and _is_month(tokens[i - 1]):
        return True  # "March 17", "17 March 2017" (the year)
    if i > 2 and tokens[i - 1].text == "," and tokens[i - 2].is_number and _is_month(tokens[i - 3]):
        # "July 20, 2022": the year of a dateline, never a toll; "On October 24th, 17 civilians …"
        # is the day, then the toll
        return len(tokens[i].text) == 4
    if _days_of_a_month(tokens, i):
        return True  # "the night of 7-8 March", "March 7-8": two days, never a range of dead
    # "17 March": a day, unless the month is really a verb or a name ("5 May protesters").
    if not (end < len(tokens) and _is_month(tokens[end]) and int(tokens[i].text) <= 31):
        return False
    return (
        (i > 0 and tokens[i - 1].low in _DATE_PREPOSITIONS)
        or end + 1 >= len(tokens)
        or not tokens[end + 1].text[:1].islower()
        or tokens[end + 1].is_number
    )


_DAY_DASHES = frozenset({"-", "–", "—"})


def _days_of_a_month(tokens: list[Token], i: int) -> bool:
    """Whether the digits at ``i`` open or close a range of days written beside a month name."""

    def day(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k].is_number and tokens[k].text.isdecimal() and int(tokens[k].text) <= 31

    def dash(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k].text in _DAY_DASHES

    def month(k: int) -> bool:
        return 0 <= k < len(tokens) and _is_month(tokens[k])

    if not day(i):
        return False
    opens = dash(i + 1) and day(i + 2) and (month(i + 3) or month(i - 1))  # "7-8 March", "March 7-8"
    closes = dash(i - 1) and day(i - 2) and (month(i + 1) or month(i - 3))
    return opens or closes


# Words before a year ("in 2019", "since 2011", "in early 2015") and the nouns a count of that
# size would name ("resulted in 2000 deaths" is a count).
_YEAR_BEFORE = frozenset({"in", "since", "during", "until", "till", "by", "from", "of", "early", "late", "mid"})
_COUNTED_AFTER = frozenset({"deaths", "casualties", "fatalities", "bodies", "dead", "victims", "people", "civilians"})


def small_number(word: str) -> int:
    """A lower-case word or digits as a small count ("three", "12", "both"), else 0."""
    if word.isdecimal() and word.isascii():
        return int(word)
    return 2 if word == "both" else UNITS.get(word, 0)


def is_year(text: str) -> bool:
    """Four plain digits from 1900 to 2099."""
    return len(text) == 4 and text.isdecimal() and 1900 <= int(text) <= 2099


def _a_year(tokens: list[Token], i: int, end: int) -> bool:
    """Whether four plain digits at ``i`` (``is_year``) after "in", "since" … name a year."""
    if end != i + 1 or not is_year(tokens[i].text):
        return False
    if i == 0 or tokens[i - 1].low not in _YEAR_BEFORE:
        return False
    return end >= len(tokens) or tokens[end].low not in _COUNTED_AFTER


def _number(tokens: list[Token], i: int) -> tuple[int, int, str] | None:
    """A number at ``i`` → (value, end index, kind) with kind "digits", "words", "dozen"."""
    n = len(tokens)
    if i >= n:
        return None
    tok = tokens[i]
    if tok.is_number:
        value = _digits(tok)
        if value is None:
            return None
        j = i + 1
        if j < n and tokens[j].low in SCALES:
            value *= SCALES[tokens[j].low]
            j += 1
        if isinstance(value, float):
            if not value.is_integer():
                return None
            value = int(value)
        # Don't read "10:30" or "3/4" as figures; "killed 7: 4 in Idlib and 3 in Ariha" gives
        # a figure and its parts (a space after the mark).
        if (
            j < n
            and tokens[j].text in (":", "/")
            and j + 1 < n
            and tokens[j + 1].is_number
            and tokens[j + 1].start == tokens[j].end
        ):
            return None
        if i > 0 and tokens[i - 1].end == tok.start and tokens[i - 1].text in (":", "/", "#", "$", "£", "€"):
            return None  # "10:30", "19/7", "#3", "$20"
        if _after_currency(tokens, i):
            return None  # "a reward of Rs 400000", "USD 5,000": money, never a toll
        if _in_date(tokens, i, j):
            return None  # "on 17 March 2017 killed", "on March 17 killed": a date, not a count
        if _a_year(tokens, i, j):
            return None  # "a similar attack in 2019 killed 30 people": the year, not a toll of 2,019
        return value, j, "digits"
    if tok.low in ("a", "an") and i + 1 < n and tokens[i + 1].low == "dozen":
        return DOZEN, i + 2, "dozen"
    if (
        tok.low == "both"
        and i + 1 < n
        and tokens[i + 1].low in VICTIM_NOUNS
        and tokens[i + 1].low.endswith(("s", "men"))
    ):
        return 2, i + 1, "words"  # "both victims", "both men": two people the report named before
    if tok.low == "dozen":  # headline style: "kill dozen Houthi rebels"
        return DOZEN, i + 1, "dozen"
    words = _number_words(tokens, i)
    if words is None:
        return None
    value, j = words
    if j < n and tokens[j].low == "dozen":
        return value * DOZEN, j + 1, "dozen"
    return value, j, "words"


def _after_currency(tokens: list[Token], i: int) -> bool:
    """Whether a currency's name or sign stands before the number at ``i`` ("Rs 4 lakh", "Rs. 5000",
    "$ 200")."""
    k = i - 1
    if k >= 1 and tokens[k].text == "." and tokens[k - 1].end == tokens[k].start:
        k -= 1  # "Rs. 5000"
    return k >= 0 and (tokens[k].low in CURRENCIES or tokens[k].text in CURRENCY_SIGNS)


def _vague(tokens: list[Token], i: int) -> tuple[tuple[int, int | None], int] | None:
    hit = _VAGUE.match(tokens, i)
    if hit and tokens[i + hit[0] - 1].low == "couple" and (i + hit[0] >= len(tokens) or tokens[i + hit[0]].low != "of"):
        return None  # "a couple and their baby": two people, read as a lone victim
    return (hit[1], i + hit[0]) if hit else None


def _build(value: int, qualifier: Qualifier, how: str) -> Count:
    if how == "low":
        return Count(low=value, high=None, best=None, qualifier=qualifier)
    if how == "low+1":
        return Count(low=value + 1, high=None, best=None, qualifier=qualifier)
    if how == "high":
        return Count(low=None, high=value, best=None, qualifier=qualifier)
    if how == "high-1":
        return Count(low=None, high=value - 1, best=None, qualifier=qualifier)
    return Count(low=None, high=None, best=value, qualifier=qualifier)


_MAYBE = frozenset({"possibly", "perhaps", "maybe", "potentially", "a"})


def _upper_bound(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """After a lower bound: "and (possibly) as many as 15", ", maximum 16" → (15, end index)."""
    if k >= len(tokens) or tokens[k].low not in ("and", "to", ",", "but"):
        return None
    j = k + 1
    while j < len(tokens) and j < k + 3 and tokens[j].low in _MAYBE and not _PRE.match(tokens, j):
        j += 1
    hit = _PRE.match(tokens, j)
    if not hit or hit[1][1] not in ("high", "high-1"):
        return None
    number = _number(tokens, j + hit[0])
    if number is None:
        return None
    value = number[0] - 1 if hit[1][1] == "high-1" else number[0]
    return value, number[1]


def count_at(tokens: list[Token], i: int) -> CountMatch | None:
    """The figure starting at token ``i`` (qualifier included), or None."""
    j, pre = i, None
    hit = _PRE.match(tokens, i)
    if hit:
        j, pre = i + hit[0], hit[1]
    between = j < len(tokens) and tokens[j].low in ("between", "from")
    if between:
        j += 1
    vague = _vague(tokens, j)
    if vague is not None and not between:
        (lo, hi), end = vague
        if pre is not None and pre[1] == "low+1":
            count = Count(low=lo + 1, high=hi, best=None, qualifier="vague", vague=True)
        else:
            count = Count(low=lo, high=hi, best=None, qualifier="vague", vague=True)
        return CountMatch(i, end, j, count)
    number = _number(tokens, j)
    if number is None:
        return None
    value, end, kind = number
    if value > MAX_FIGURE or (pre is None and _pronoun_one(tokens, j)):
        return None
    # A range: "40 to 60", "136-1,300", "between 136 to 1300", "two or three".
    if end < len(tokens) and tokens[end].low in _RANGE_JOINERS and (tokens[end].low != "and" or between):
        second = _number(tokens, end + 1)
        if second is not None and value < second[0] <= MAX_FIGURE and (tokens[end].low != "or" or second[0] < 100):
            return CountMatch(i, second[1], j, Count(low=value, high=second[0], best=None, qualifier="range"))
    if between:
        return None
    post = _POST.match(tokens, end) if pre is None else None
    if post:
        return CountMatch(i, end + post[0], j, _build(value, *post[1]))
    if pre is not None:
        if pre[1] in ("low", "low+1"):
            upper = _upper_bound(tokens, end)  # "at least 11 and possibly as many as 15"
            if upper is not None and upper[0] > value:
                low = value + 1 if pre[1] == "low+1" else value
                return CountMatch(i, upper[1], j, Count(low=low, high=upper[0], best=None, qualifier="range"))
        return CountMatch(i, end, j, _build(value, *pre))
    if kind == "dozen":
        return CountMatch(i, end, j, Count(low=None, high=None, best=value, qualifier="approximately"))
    return CountMatch(i, end, j, Count(low=value, high=value, best=value, qualifier="exact"))


# "this one", "each one": always a pronoun; "the one", "an earlier one": a pronoun unless a noun
# follows. ("said that one", "in which one" may be figures; "no one" is a rule of NOT_FIGURES.)
_ONE_PRONOUN_DETS = frozenset("this each every any".split())
_ARTICLES = frozenset("a an the".split())
_AFTER_PRONOUN = frozenset("from in at on with that which who was is were has had as and or but just too".split())


def _pronoun_one(tokens: list[Token], j: int) -> bool:
    """ "supersedes an earlier one", "a final one showed the bodies": "one" standing
    for a noun, no figure ("the one death", "another one was injured", "said that one person" are one)."""
    if tokens[j].low != "one" or (j + 1 < len(tokens) and tokens[j + 1].low == "of"):
        return False
    if j >= 1 and tokens[j - 1].low in _ONE_PRONOUN_DETS:
        return True
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    no_noun = nxt is None or not nxt.text.isalpha() or nxt.low in _AFTER_PRONOUN
    if j >= 1 and tokens[j - 1].low in _ARTICLES:
        return no_noun
    adjective = (
        j >= 2
        and tokens[j - 2].low in _ARTICLES
        and tokens[j - 1].text.isalpha()
        and tokens[j - 1].text.islower()
        and tokens[j - 1].low not in UNITS
    )
    return adjective and no_noun


# Words a figure can start with (anything else is skipped without trying to parse).
_STARTS = frozenset({*_PRE.firsts, *_VAGUE.firsts, *UNITS, *TENS, "a", "an", "dozen", "both", "between", "from"})


def find_counts(tokens: list[Token]) -> list[CountMatch]:
    """Every figure in a token list, left to right, not overlapping."""
    found: list[CountMatch] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.low not in _STARTS and not tok.text[0].isdigit():
            i += 1
            continue
        match = count_at(tokens, i)
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.last
    return found


def with_text(match: CountMatch, tokens: list[Token], text: str, offset: int = 0) -> Count:
    """The match's count with its ``text`` set from the source."""
    start, end = tokens[match.first].start, tokens[match.last - 1].end
    c = match.count
    return Count(c.low, c.high, c.best, c.qualifier, c.vague, text[start - offset : end - offset])


def parse_count(text: str) -> Count | None:
    """The first figure in ``text`` (e.g. "at least 56" → low 56), with its words; else None."""
    tokens = tokenize(text)
    for match in find_counts(tokens):
        return with_text(match, tokens, text)
    return None
