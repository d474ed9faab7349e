"""Publication dates: parse metadata values, or find a dateline near the top of the text.

No date is ever invented: a date in the body ("in July 2016, …") is when something happened, not
when it was written, so only a date line, a dateline ("ALEPPO, July 20, 2016 —") or a date with a
cue ("Published 20 July 2016") in the first lines counts. Anything else gives None.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import NamedTuple

from harmledger.records import DatePrecision

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
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
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Day-precision date forms, most specific first.
DATE_FORMS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]{_YEAR}\b"),
)
# Words that say a nearby date is the publication date.
CUES = re.compile(r"\b(?:published|posted|updated|dated?|filed|issued|released|last modified)\b\W{0,3}", re.I)
# What follows a dateline's date: a dash, a colon, or an agency in brackets.
DATELINE_TAIL = re.compile(r"\s*(?:[—–-]{1,2}|:|\(|/)")
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
TOP_LINES = 4  # how many non-empty lines count as "the top"
TOP_CHARS = 600
DATE_LINE_MAX_CHARS = 100  # a byline/date line is short; a body sentence is not
DATELINE_START_MAX = 60  # a dateline's date comes right after the place name


class FoundDate(NamedTuple):
    """A publication date, its precision and where it came from."""

    value: date
    precision: DatePrecision
    source: str


def _build(match: re.Match[str]) -> date | None:
    """The date a pattern matched, or None when it is not a real calendar day or is ambiguous."""
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a != b and a <= 12 and b <= 12:
            return None  # 03/04/2016: March 4 or 3 April? Do not guess.
        month, day = (a, b) if b > 12 else (b, a)
    elif groups.get("mnum"):
        month, day = int(groups["mnum"]), int(groups["day"])
    else:
        month, day = MONTHS[groups["month"].lower()], int(groups["day"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_value(value: object) -> FoundDate | None:
    """A metadata date (ISO string, datetime, epoch seconds, "July 20, 2016" …) or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return FoundDate(value.date(), "day", "metadata")
    if isinstance(value, date):
        return FoundDate(value, "day", "metadata")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds from JavaScript APIs
        try:
            return FoundDate(datetime.fromtimestamp(seconds, tz=UTC).date(), "day", "metadata")
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    iso = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?(?:[T ].*)?", text)
    if iso:
        year, month, day = iso.group(1), iso.group(2), iso.group(3)
        try:
            if day:
                return FoundDate(date(int(year), int(month), int(day)), "day", "metadata")
            if month:
                return FoundDate(date(int(year), int(month), 1), "month", "metadata")
            return FoundDate(date(int(year), 1, 1), "year", "metadata")
        except ValueError:
            return None
    for form in DATE_FORMS:
        match = form.search(text)
        if match and (found := _build(match)):
            return FoundDate(found, "day", "metadata")
    return None


def find_text_date(text: str) -> FoundDate | None:
    """The publication date stated at the top of ``text`` (date line, dateline, cue), or None."""
    lines = [line for line in text[:TOP_CHARS].split("\n") if line.strip()]
    for line in lines[:TOP_LINES]:
        found = _date_in_line(line)
        if found:
            return found
    return None


def _date_in_line(line: str) -> FoundDate | None:
    """A publication date in one top line, if the line's shape says it is one."""
    if not _YEAR_HINT.search(line):
        return None  # every form we accept has a four-digit year; most lines have none
    short = len(line.strip()) <= DATE_LINE_MAX_CHARS
    for form in DATE_FORMS:
        for match in form.finditer(line):
            found = _build(match)
            if found is None:
                continue
            before = line[max(0, match.start() - 30) : match.start()]
            if CUES.search(before):
                return FoundDate(found, "day", "text")
            if short and (not line.rstrip().endswith((".", "?", "!")) or len(line.split()) <= 8):
                return FoundDate(found, "day", "text")
            if match.start() <= DATELINE_START_MAX and DATELINE_TAIL.match(line, match.end()):
                return FoundDate(found, "day", "dateline")
    return None
