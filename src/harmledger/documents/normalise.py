"""Text normalisation with a map from every normalised character back to the original.

Rules (in this order, all deterministic so ``Document.text`` is reproducible from the original):
CRLF and lone CR → LF; vertical tab and form feed → LF (they separate lines, and deleting them
would glue words); Unicode space separators (NBSP, thin space, ideographic space …) → U+0020;
line/paragraph separators → LF; other control characters and invisible format marks that break
word matching (BOM, zero-width space, soft hyphen) are removed; then NFC. Curly quotes, dashes
and ZWJ/ZWNJ (meaningful in Arabic-script and Indic text) are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Characters replaced one-for-one (or deleted, value ""). Built once from the Unicode tables.
_LINE_BREAKS = {"\u000b": "\n", "\u000c": "\n", "\u2028": "\n", "\u2029": "\n", "\u0085": "\n"}
_DELETED_FORMAT = ("\ufeff", "\u200b", "\u00ad", "\u2060")


# Unicode category Zs (space separators) other than U+0020, and category Cc (controls).
_SPACES = (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
_CONTROLS = (*range(0x00, 0x20), *range(0x7F, 0xA0))


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {cp: " " for cp in _SPACES}
    for cp in _CONTROLS:
        if chr(cp) not in "\n\t\r":
            table[cp] = ""
    for ch, repl in _LINE_BREAKS.items():
        table[ord(ch)] = repl
    for ch in _DELETED_FORMAT:
        table[ord(ch)] = ""
    return table


_TABLE = _build_table()
# Most text needs no translation; one regex scan is much faster than str.translate with a dict.
_NEEDS_TRANSLATION = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")
_CR = re.compile(r"\r\n?")


class Normalised(NamedTuple):
    """Normalised text and, for each of its characters, the index of the original character."""

    text: str
    positions: list[int]  # ``index`` would hide ``tuple.index``

    def original_span(self, start: int, end: int, original_length: int) -> tuple[int, int]:
        """The ``[start, end)`` span of the original text behind normalised ``[start, end)``."""
        o_start = self.positions[start] if start < len(self.positions) else original_length
        # End at the next kept character's source, so composed (NFC) characters keep all of theirs.
        o_end = self.positions[end] if end < len(self.positions) else original_length
        return o_start, max(o_start, o_end)


def normalise_text(text: str) -> str:
    """The normalised text alone (the fast path; equal to ``normalise(text).text``)."""
    if "\r" in text:
        text = _CR.sub("\n", text)
    # Every character the table replaces is unprintable (a control, a format mark, a separator
    # other than U+0020), so lines that are all printable need no look at the table; isprintable
    # runs in C and stops at the first unprintable character (a tab, say: then the regex decides).
    # Only the characters the table names are replaced, match by match: ``str.translate`` looks
    # every character up in the table (~3 µs each in non-ASCII text, 17 s for 3 MB of news).
    if not all(map(str.isprintable, text.split("\n"))) and _NEEDS_TRANSLATION.search(text):
        text = _NEEDS_TRANSLATION.sub(_replacement, text)
    if text.isascii() or unicodedata.is_normalized("NFC", text):  # ASCII is always NFC
        return text
    return unicodedata.normalize("NFC", text)


def _replacement(match: re.Match[str]) -> str:
    return _TABLE[ord(match.group())]


def normalise(text: str) -> Normalised:
    """Normalise ``text`` and map each normalised character to its original character index."""
    chars: list[str] = []
    index: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\r":
            chars.append("\n")
            index.append(i)
            i += 2 if i + 1 < n and text[i + 1] == "\n" else 1
            continue
        repl = _TABLE.get(ord(ch), ch)
        if repl:
            chars.append(repl)
            index.append(i)
        i += 1
    joined = "".join(chars)
    if unicodedata.is_normalized("NFC", joined):
        return Normalised(joined, index)
    return _compose(chars, index)


def _starts_cluster(cluster: str, ch: str) -> bool:
    """Whether ``ch`` begins a new NFC cluster after ``cluster`` (it neither reorders nor composes)."""
    if unicodedata.combining(ch):
        return False
    nfc = unicodedata.normalize
    return nfc("NFC", cluster + ch) == nfc("NFC", cluster) + nfc("NFC", ch)


def _compose(chars: list[str], index: list[int]) -> Normalised:
    """NFC cluster by cluster, so every output character keeps a pointer to its source."""
    out: list[str] = []
    out_index: list[int] = []
    start = 0
    for pos in range(1, len(chars) + 1):
        if pos < len(chars) and not _starts_cluster("".join(chars[start:pos]), chars[pos]):
            continue
        cluster = "".join(chars[start:pos])
        composed = unicodedata.normalize("NFC", cluster)
        out.extend(composed)
        if composed == cluster:
            out_index.extend(index[start:pos])
        else:
            # Composed, reordered or decomposed: every character stands for the whole cluster.
            out_index.extend([index[start]] * len(composed))
        start = pos
    return Normalised("".join(out), out_index)
