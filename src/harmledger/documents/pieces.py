"""Cutting a text too long to analyse in one go into pieces of bounded size.

A report is a few thousand characters; a file of megabytes in one document (a dump, a run-on
line, a table flattened to text) is read piece by piece so that no step's cost depends on the
length of the whole. Pieces are consecutive, cover the text exactly, and end at the last
paragraph break before the limit, else the last sentence end, else the last whitespace; a run of
``limit`` characters with no space at all is cut where the limit falls.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s")


def pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """``[start, end)`` spans, each at most ``limit`` characters, that together cover ``text``."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = start + limit
        cut = text.rfind("\n\n", start + 1, end)  # after the blank line: the paragraph starts anew
        cut = cut + 2 if cut > start else _last_sentence_end(text, start, end)
        if cut <= start:
            space = max(
                text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end), text.rfind("\t", start + 1, end)
            )
            cut = space + 1 if space > start else end
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


def _last_sentence_end(text: str, start: int, end: int) -> int:
    """Just after the last sentence end in the second half of ``text[start:end]``, else -1."""
    last = -1
    for m in _SENTENCE_END.finditer(text, start + (end - start) // 2, end):
        last = m.end()
    return last
