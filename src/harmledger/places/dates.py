"""Date mentions resolved against the publication date; relative ones stay unresolved without it."""

from __future__ import annotations

import bisect
import calendar
import math
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from harmledger.records import DatePrecision, DateRef, Document, Span

MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
    "several": 3,
}
UNIT_DAYS: dict[str, int] = {"day": 1, "week": 7}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![:.]\d)"  # not the hour of "08:15"
_DAY2 = _DAY.replace("?P<day>", "?P<day2>")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR2 = _YEAR.replace("?P<year>", "?P<year2>")
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

# Each rule: a name, its pattern (matched case-insensitively) and whether it needs `published`.
PATTERNS: tuple[tuple[str, str, bool], ...] = (
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b", False),
    ("range_md", rf"\b(?:between|from)\s+{_DAY}\s+(?:and|to|-|–)\s+{_DAY2}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", False),
    ("range_mdd", rf"\b(?:between|from)\s+{_MONTH}\s+{_DAY}\s*(?:and|to|-|–)\s*{_DAY2}(?:,?\s+{_YEAR})?\b", False),
    # "between January 1, 2021 and January 12, 2021", "from 3 March 2019 to 9 March 2019"
    (
        "range_mdy",
        rf"\b(?:between|from)\s+{_MONTH}\s+{_DAY},?\s+{_YEAR}\s+(?:and|to|until|-|–)\s+{_MONTH2}\s+{_DAY2},?\s+{_YEAR2}\b",
        False,
    ),
    (
        "range_dmy",
        rf"\b(?:between|from)\s+{_DAY}\s+{_MONTH},?\s+{_YEAR}\s+(?:and|to|until|-|–)\s+{_DAY2}\s+{_MONTH2},?\s+{_YEAR2}\b",
        False,
    ),
    ("mdy", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", False),
    ("dmy", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", False),
    (
        "since_md",
        rf"\bsince\s+(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH2}\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)\b",
        True,
    ),
    ("md", rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)", True),
    ("dm", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!\s*,?\s*(?:19|20)\d\d)", True),
    ("since_year", rf"\bsince\s+{_YEAR}\b", True),
    ("my", rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", False),
    # "since April last year", "in March this year": the month of the year the words name
    (
        "month_of_year",
        rf"\b(?:(?P<since>since)\s+|(?:in|during|late|early|mid-?)\s+)?{_MONTH}\s+(?:of\s+)?(?P<which>last|this)\s+year\b",
        True,
    ),
    ("in_month", rf"\b(?:(?:in|since|during|late|early|mid)\s+|mid-){_MONTH}\b(?!\s+[0-3]?\d)", True),
    ("year", rf"\b(?:in|during)\s+{_YEAR}\b", False),
    (
        "weekday",
        rf"\b(?:(?P<last>last|this|on|early|late)\s+)?{_WEEKDAY}(?:['’]s)?"
        r"(?:\s+(?:morning|afternoon|evening|night))?(?P<lastweek>\s+(?:of\s+)?last\s+week)?\b",
        True,
    ),
    ("before_yesterday", r"\bthe\s+day\s+before\s+yesterday\b", True),
    # "The day before, a guided bomb hit …", "three days earlier": days back from the date the
    # text last named (``ANCHORED``), not from the publication date; "the day before the vote"
    # counts from the vote, which is no date, and is left alone.
    (
        "days_before",
        rf"\b(?:the\s+(?:day|night)\s+(?:before|prior)|the\s+previous\s+(?:day|night)|"
        rf"{_NUM}\s+days?\s+(?:earlier|before))\b(?!\s+(?:the|a|an|his|her|their|its|this|that|yesterday)\b)",
        True,
    ),
    ("yesterday", r"\b(?:yesterday|last night)\b", True),
    ("today", r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", True),
    ("ago", rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", True),
    # "in the past 24 hours", "over the last two weeks", "the past year": the span up to the
    # publication day ("last week" and "last year" are the calendar's, below).
    (
        "trailing",
        rf"\b(?:past|last)\s+(?:{_NUM}\s+|few\s+|several\s+|couple\s+of\s+)(?P<unit>hour|day|week|month|year)s\b|"
        r"\bpast\s+(?P<unit1>week|month|year)\b",
        True,
    ),
    ("last_unit", r"\b(?:last|previous)\s+(?P<unit>week|month|year|weekend)\b", True),
    ("this_unit", r"\b(?:(?:earlier|later)\s+)?this\s+(?P<unit>week|month|year|weekend)\b", True),
    # "the weekend air strike", "over the weekend": in a report of what happened, the last one
    ("the_weekend", r"\bthe\s+(?P<unit>weekend)\b", True),
)
# A date is written on one line: "12 November\n\n08:15 …" is no "November 08".
_COMPILED = tuple(
    (name, re.compile(pat.replace(r"\s", r"[^\S\n]"), re.IGNORECASE), needs) for name, pat, needs in PATTERNS
)
# The words a rule's match can begin with ("#": any number): a rule is tried only where one of
# them starts a word, never at every character. Python's regex engine has no fast scan for a
# pattern that opens on a case-folded alternation, and trying each rule all along every text
# was an eighth of ingest's time.
_NUMBER_FIRST = frozenset({"#", *(words.split()[0] for words in NUMBER_WORDS)})
_MONTH_FIRST = frozenset(MONTHS)
_PRECEDING_MONTH = frozenset({"in", "since", "during", "late", "early", "mid"})
_FIRST_WORDS: dict[str, frozenset[str]] = {
    "iso": frozenset({"#"}),
    **dict.fromkeys(("range_md", "range_mdd", "range_mdy", "range_dmy"), frozenset({"between", "from"})),
    **dict.fromkeys(("mdy", "md", "my"), _MONTH_FIRST),
    **dict.fromkeys(("dmy", "dm"), frozenset({"#"})),
    **dict.fromkeys(("since_md", "since_year"), frozenset({"since"})),
    "month_of_year": _PRECEDING_MONTH | _MONTH_FIRST,
    "in_month": _PRECEDING_MONTH,
    "year": frozenset({"in", "during"}),
    "weekday": frozenset({"last", "this", "on", "early", "late", *WEEKDAYS}),
    "before_yesterday": frozenset({"the"}),
    "days_before": _NUMBER_FIRST | {"the"},
    "yesterday": frozenset({"yesterday", "last"}),
    "today": frozenset({"today", "tonight", "this"}),
    "ago": _NUMBER_FIRST,
    "trailing": frozenset({"past", "last"}),
    "last_unit": frozenset({"last", "previous"}),
    "this_unit": frozenset({"earlier", "later", "this"}),
    "the_weekend": frozenset({"the"}),
}
# Every first word at once, found where a word starts (a number's first digit is "#"); the
# lowered text keeps the original's offsets unless lowering changed its length (then every
# rule is tried everywhere).
_FIRST_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(set().union(*_FIRST_WORDS.values()) - {"#"}, key=len, reverse=True)) + r")\b|\b\d"
)


def _first_word_starts(text: str) -> dict[str, list[int]] | None:
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    starts: dict[str, list[int]] = {}
    for m in _FIRST_WORD.finditer(lowered):
        word = m.group()
        starts.setdefault("#" if word.isdigit() else word, []).append(m.start())
    return starts


def _rule_matches(
    name: str, pattern: re.Pattern[str], text: str, starts: dict[str, list[int]] | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where the rule's first words begin."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for at in sorted(at for word in _FIRST_WORDS[name] for at in starts.get(word, ())):
        if at >= end and (m := pattern.match(text, at)):
            yield m
            end = m.end()


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _num(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_before(month: int, day: int, pub: date) -> date | None:
    """The latest ``month``/``day`` on or before ``pub`` (news reports past events)."""
    found = _safe(pub.year, month, day)
    if found is not None and found > pub:
        found = _safe(pub.year - 1, month, day)
    return found


Result = tuple[date | None, date | None, DatePrecision | None]


def _explicit(name: str, m: re.Match[str], pub: date | None) -> Result:
    g = m.groupdict()
    if name == "iso":
        d = _safe(int(g["year"]), int(g["mnum"]), int(g["day"]))
        return d, d, "day"
    if name in ("mdy", "dmy"):
        d = _safe(int(g["year"]), _month(g["month"]), int(g["day"]))
        return d, d, "day"
    if name in ("range_mdy", "range_dmy"):
        first = _safe(int(g["year"]), _month(g["month"]), int(g["day"]))
        last = _safe(int(g["year2"]), _month(g["month2"]), int(g["day2"]))
        if first is None or last is None or last < first:
            return None, None, None
        return first, last, "day"
    if name == "my":
        start, end = _month_range(int(g["year"]), _month(g["month"]))
        return start, end, "month"
    if name == "year":
        y = int(g["year"])
        return date(y, 1, 1), date(y, 12, 31), "year"
    if name in ("range_md", "range_mdd"):
        month = _month(g["month"])
        if g.get("year"):
            year = int(g["year"])
        elif pub is not None:
            year = pub.year if (month, int(g["day"])) <= (pub.month, pub.day) else pub.year - 1
        else:
            return None, None, None
        return _safe(year, month, int(g["day"])), _safe(year, month, int(g["day2"])), "day"
    return None, None, None


def _relative(name: str, m: re.Match[str], pub: date) -> Result:
    g = m.groupdict()
    if name in ("md", "dm"):
        d = _year_before(_month(g["month"]), int(g["day"]), pub)
        return d, d, "day"
    if name == "since_md":
        month = _month(g["month"] or g["month2"])
        start = _year_before(month, int(g["day"] or g["day2"]), pub)
        return start, pub, "day"
    if name == "since_year":
        return date(int(g["year"]), 1, 1), pub, "year"
    if name == "month_of_year":
        year = pub.year - 1 if g["which"].lower() == "last" else pub.year
        start, end = _month_range(year, _month(g["month"]))
        if g.get("since"):
            return start, pub, "month"
        return start, min(end, pub), "month"
    if name == "in_month":
        month = _month(g["month"])
        year = pub.year if month <= pub.month else pub.year - 1
        start, end = _month_range(year, month)
        return start, min(end, pub), "month"
    if name == "weekday":
        if g.get("lastweek"):  # "on Thursday last week": in the calendar week before publication's
            d = pub - timedelta(days=pub.weekday() + 7) + timedelta(days=WEEKDAYS[g["weekday"].lower()])
            return d, d, "day"
        back = (pub.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        if (g.get("last") or "").lower() == "last" and back == 0:
            back = 7
        d = pub - timedelta(days=back)
        return d, d, "day"
    if name in ("yesterday", "before_yesterday", "days_before"):
        back = 2 if name == "before_yesterday" else 1
        if name == "days_before" and g.get("num"):
            back = _num(g["num"])
        d = pub - timedelta(days=back)
        return d, d, "day"
    if name == "today":
        return pub, pub, "day"
    if name == "ago":
        n, unit = _num(g["num"]), g["unit"].lower()
        if unit in UNIT_DAYS:
            d = pub - timedelta(days=n * UNIT_DAYS[unit])
            return d, d, "day" if unit == "day" else "week"
        if unit == "month":
            y, mth = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            start, end = _month_range(y, mth + 1)
            return start, end, "month"
        return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year"
    if name == "trailing":
        return _trailing(g, pub)
    unit = g["unit"].lower()
    last = name == "last_unit"
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday())
        if last:
            return monday - timedelta(days=7), monday - timedelta(days=1), "week"
        return monday, pub, "week"
    if unit == "weekend":
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if last and saturday == pub:
            saturday -= timedelta(days=7)
        return saturday, min(saturday + timedelta(days=1), pub), "day"
    if unit == "month":
        y, mth = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        if last:
            start, end = _month_range(y, mth)
            return start, end, "month"
        return date(pub.year, pub.month, 1), pub, "month"
    if last:
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year"
    return date(pub.year, 1, 1), pub, "year"


# Days a trailing span reaches back per unit, and how many units "few" or "several" stand for.
TRAILING_DAYS: dict[str, float] = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365}
FEW = 3


def _trailing(g: dict[str, str | None], pub: date) -> tuple[date, date, DatePrecision]:
    """ "the past 24 hours": from as far back as the span reaches to the publication day."""
    unit = (g.get("unit") or g.get("unit1") or "day").lower()
    num = g.get("num")
    n = _num(num) if num else (1 if g.get("unit1") else FEW)
    days = max(1, math.ceil(n * TRAILING_DAYS[unit]))
    precision: DatePrecision = "day" if days <= 2 else "week" if days <= 14 else "month" if days <= 62 else "year"
    return pub - timedelta(days=days), pub, precision


def _resolve_match(name: str, m: re.Match[str], needs_pub: bool, published: date | None, span: Span | None) -> DateRef:
    text = m.group(0)
    if not needs_pub:
        start, end, precision = _explicit(name, m, published)
    elif published is None:
        return DateRef(text=text, span=span, reason=f"no publication date to resolve {text!r} against")
    else:
        start, end, precision = _relative(name, m, published)
    if start is None:
        return DateRef(text=text, span=span, reason=f"{text!r} is not a calendar date")
    if end is not None and end < start:
        # "since 2001" in a text published in 2000: the document's date or the phrase is wrong.
        return DateRef(text=text, span=span, reason=f"{text!r} starts after the publication date {published}")
    return DateRef(text=text, start=start, end=end, precision=precision, span=span)


def resolve_date(text: str, published: date | None) -> DateRef:
    """The first date expression in ``text`` resolved against ``published`` (never today)."""
    found = _scan(text)
    if not found:
        return DateRef(text=text, reason=f"no date expression in {text!r}")
    name, m, needs = found[0]
    return _resolve_match(name, m, needs, published, None)


def _scan(text: str) -> list[tuple[str, re.Match[str], bool]]:
    """Non-overlapping date matches, earliest first; earlier rules win ties."""
    taken: list[tuple[int, int]] = []  # disjoint, kept in order: only the two neighbours can overlap
    out = []
    starts = _first_word_starts(text)
    for name, pattern, needs in _COMPILED:
        for m in _rule_matches(name, pattern, text, starts):
            if not _capitalised_names(m) or (name == "weekday" and _a_given_name(m, text)):
                continue
            at = bisect.bisect_right(taken, (m.start(), m.end()))
            if any(m.start() < e and s < m.end() for s, e in taken[max(0, at - 1) : at + 1]):
                continue
            taken.insert(at, (m.start(), m.end()))
            out.append((name, m, needs))
    out.sort(key=lambda x: x[1].start())
    # "on Saturday, June 8": the weekday only introduces the date after it, which says the day
    return [
        found
        for found, after in zip(out, [*out[1:], None], strict=False)
        if not (
            found[0] == "weekday"
            and after is not None
            and after[0] in _CALENDAR_DAYS
            and _WEEKDAY_TO_DATE_GAP.fullmatch(text, found[1].end(), after[1].start())
        )
    ]


_CALENDAR_DAYS = frozenset({"mdy", "dmy", "md", "dm"})
_WEEKDAY_TO_DATE_GAP = re.compile(r",?\s*(?:the\s+)?")


_NAME_AFTER = re.compile(r" ([A-Z][a-z]+)")


def _a_given_name(m: re.Match[str], text: str) -> bool:
    """A bare weekday before a capitalised word is a person's given name or a title ("the
    chairman, Monday Kassah, said", "the Sunday Times"), unless that word is a month
    ("Tuesday November 5"): a day is written "on Monday", "Monday's", "Monday night"."""
    if m.group("last") or m.group(0) != m.group("weekday"):
        return False
    after = _NAME_AFTER.match(text, m.end())
    return after is not None and after.group(1).lower() not in MONTHS


def _capitalised_names(m: re.Match[str]) -> bool:
    """Month and weekday names count only capitalised ("May", "Tuesday"), as news writes them."""
    return all(
        not value or value[0].isupper() for key, value in m.groupdict().items() if key in ("month", "month2", "weekday")
    )


def _is_last_weekday(m: re.Match[str]) -> bool:
    return (m.group("last") or "").lower() == "last"


# Rules that count back from the day the text last named, when it named one before them.
ANCHORED = frozenset({"days_before"})


# A report in French, Spanish or Portuguese names its event's day as English does ("jeudi",
# "el lunes", "no sábado") or as yesterday ("hier", "ayer", "ontem"). Read only in such reports:
# "Santo Domingo" or "Mardi Gras" in English name no day.
ROMANCE_LANGUAGES = frozenset({"fr", "es", "pt"})
ROMANCE_DAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
    "sabado": 5, "domingo": 6,
    "segunda-feira": 0, "terça-feira": 1, "quarta-feira": 2, "quinta-feira": 3, "sexta-feira": 4,
}  # fmt: skip
ROMANCE_YESTERDAY = frozenset({"hier", "ayer", "ontem"})
_ROMANCE_DAY_RE = re.compile(
    r"\b(" + "|".join(sorted((*ROMANCE_DAYS, *ROMANCE_YESTERDAY), key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def _romance_dates(doc: Document) -> list[DateRef]:
    """The days a French, Spanish or Portuguese report names, resolved against its publication."""
    if doc.language not in ROMANCE_LANGUAGES:
        return []
    out = []
    for m in _ROMANCE_DAY_RE.finditer(doc.text):
        word = m.group(1).lower()
        span = Span(m.start(1), m.end(1))
        if doc.published is None:
            out.append(DateRef(m.group(1), span=span, reason=f"no publication date to resolve '{m.group(1)}' against"))
            continue
        back = 1 if word in ROMANCE_YESTERDAY else (doc.published.weekday() - ROMANCE_DAYS[word]) % 7
        day = doc.published - timedelta(days=back)
        out.append(DateRef(m.group(1), day, day, "day", span, f"'{m.group(1)}': the last such day by publication"))
    return out


def find_dates(doc: Document) -> list[DateRef]:
    """Every date expression in ``doc.text`` with its span, resolved against ``doc.published``;
    "the day before" counts back from the last day the text named before it, if any. A report in
    French, Spanish or Portuguese has its weekdays and yesterdays read too (``_romance_dates``)."""
    out: list[DateRef] = _romance_dates(doc)
    anchor: date | None = None
    found_all = _scan(doc.text)
    # "on Saturday" and "last Saturday" in one text are two Saturdays: the plain one is the
    # latest, so "last" is the week before ("after eight were killed there last Saturday").
    plain_days = {
        m.group("weekday").lower() for name, m, _ in found_all if name == "weekday" and not _is_last_weekday(m)
    }
    for name, m, needs in found_all:
        base = anchor if name in ANCHORED and anchor is not None else doc.published
        found = _resolve_match(name, m, needs, base, Span(m.start(), m.end()))
        if name in ANCHORED and anchor is not None and found.resolved:
            found = replace(found, reason=f"counted back from {anchor.isoformat()}, the day named before it")
        if (
            name == "weekday"
            and _is_last_weekday(m)
            and m.group("weekday").lower() in plain_days
            and found.start is not None
            and doc.published is not None  # a weekday resolves only against it
            and found.start > doc.published - timedelta(days=7)
        ):
            week_before = found.start - timedelta(days=7)
            found = replace(
                found,
                start=week_before,
                end=week_before,
                reason=f"the week before: the text names a later {m.group('weekday')} without 'last'",
            )
        if found.resolved and found.precision == "day" and found.start == found.end:
            anchor = found.start
        out.append(found)
    if doc.language in ROMANCE_LANGUAGES:
        out.sort(key=lambda d: d.span.start if d.span is not None else 0)
    return out
