"""What a plain-text article says about itself: a headline on its first line, an agency credit.

A text file has no metadata, but news copy carries two conventions: the headline alone on the
first line ("Shelling kills six in Idlib" followed by a blank line or the body), and the
wire credit after the dateline ("IDLIB, Syria (Reuters) - …", "GAZA (AP) — …").
"""

from __future__ import annotations

import re

# A headline is short and one line: longer first lines are the body itself (a text with no headline).
MAX_HEADLINE_WORDS = 25
MAX_HEADLINE_CHARS = 200
# The credit sits in the opening of the body: a dateline, then "(Agency)" and a dash.
CREDIT_WINDOW = 300
CREDIT = re.compile(r"^[^\n()]{0,80}?\((?P<outlet>[A-Z][\w&.'’]*(?: [A-Z][\w&.'’]*){0,3})\)\s*[-–—]", re.MULTILINE)
SENTENCE_END = re.compile(r"[.!?]['’\"”]?$")
# Notes and exports often label the headline line: "Title: Shelling kills six in Idlib".
LABEL = re.compile(r"^(?:title|headline)\s*:\s*", re.IGNORECASE)


def headline(text: str) -> str | None:
    """The first line when it reads as a headline (short, no sentence end, more text after it)."""
    stripped = text.lstrip()
    first, newline, rest = stripped.partition("\n")
    first = LABEL.sub("", first.strip(), count=1)
    if not newline or not rest.strip() or not first:
        return None
    if len(first) > MAX_HEADLINE_CHARS or len(first.split()) > MAX_HEADLINE_WORDS:
        return None
    if SENTENCE_END.search(first) and len(first.split()) > 12:
        return None  # a first sentence of body text, not a headline
    return first


def credit(text: str) -> str | None:
    """The agency credited after the dateline ("(Reuters) -" → "Reuters"), if the opening has one."""
    found = CREDIT.search(text[:CREDIT_WINDOW])
    return found.group("outlet") if found else None
