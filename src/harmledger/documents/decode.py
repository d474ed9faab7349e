"""Bytes to text: refuse binary formats, honour BOMs, try UTF-8, else detect the encoding."""

from __future__ import annotations

import codecs

from harmledger.errors import BinaryInput, DecodeError, EmptyInput

# File signatures of binary formats people drop into a folder of articles by mistake.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF (convert it to text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive or Office document (unpack or convert it first)"),
    (b"\x1f\x8b", "gzip-compressed data under a name without .gz (name it e.g. article.txt.gz to read it)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "audio or video"),
    (b"\x00\x00\x00\x18ftyp", "a video"),
    (b"\x00\x00\x00\x20ftyp", "a video"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# charset-normalizer reads a sample this large; detection on all of a 50 MB file is slow.
DETECT_SAMPLE_BYTES = 1 << 20


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary (a known signature, or NUL bytes outside a UTF-16/32 BOM), or None."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return f"this is {name}, not text"
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    nul = data.find(b"\x00", 0, 1 << 16)
    if nul >= 0:
        return f"NUL byte at offset {nul}: binary data, not text"
    return None


UTF16_SAMPLE_BYTES = 4096


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for text saved as UTF-16 without a byte-order mark (Latin
    letters then hold a NUL byte each, on the same side, and only there), else None."""
    sample = data[:UTF16_SAMPLE_BYTES]
    if len(sample) < 8 or any(sample.startswith(bom) for bom, _ in BOMS):
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, letters, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and 0 not in letters:
            return name
    return None


def _wide_unicode(data: bytes, where: str) -> tuple[str, str, str | None] | None:
    """``data`` decoded by its byte-order mark, or as UTF-16 without one, else None."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name, None
            except UnicodeDecodeError as exc:
                raise DecodeError(where, f"{name} byte-order mark but invalid data at byte {exc.start}") from exc
    wide = utf16_without_bom(data)
    if wide is None:
        return None
    try:
        return data.decode(wide), wide, f"{where}: UTF-16 text without a byte-order mark, read as {wide}"
    except UnicodeDecodeError:
        return None  # not UTF-16 after all: judged as any other bytes


def decode(data: bytes, where: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` into text and return it with the encoding used; errors name ``where``."""
    text, used, _note = decode_noting(data, where, encoding)
    return text, used


def decode_noting(data: bytes, where: str, encoding: str | None = None) -> tuple[str, str, str | None]:
    """Like ``decode``, plus a note naming ``where`` when the text is not UTF-8 (the first bad
    byte's offset and the encoding chosen instead), else None."""
    if not data.strip():
        raise EmptyInput(where, "the file is empty (no text to read)")
    if encoding:
        try:
            return data.decode(encoding), encoding, None
        except (UnicodeDecodeError, LookupError):
            pass  # the declared encoding is wrong: fall through to detection
    wide = _wide_unicode(data, where)
    if wide is not None:
        return wide
    reason = binary_reason(data)
    if reason:
        raise BinaryInput(where, reason)
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        bad = exc.start
    text, name, replaced = _detect(data, where)
    note = f"{where}: not UTF-8 (byte 0x{data[bad]:02x} at offset {bad}); decoded as {name}"
    if replaced is not None:
        note += f", with bytes {name} cannot decode replaced by U+FFFD (the first at offset {replaced})"
    return text, name, note + "; check the text, or convert the file to UTF-8"


# Short Western European text scores alike in several single-byte Latin encodings, and the
# detector's first pick, cp1250, swaps its accents ("São" became "Săo", "à" became "ŕ"). Where
# cp1252, the web's commonest legacy encoding, scores as well, it is taken.
WESTERN = "cp1252"
_LATIN_ALIKE = frozenset({"cp1250", "cp1257", "iso8859_2", "iso8859_10", "iso8859_13", "iso8859_15", "latin_1"})


def _detect(data: bytes, where: str) -> tuple[str, str, int | None]:
    """Detect a legacy encoding (Latin-1, cp1252, cp1256 …) with charset-normalizer."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:DETECT_SAMPLE_BYTES])
    best = results.best()
    if best is None or best.encoding is None:
        raise DecodeError(where, "not UTF-8 and no known encoding fits; convert the file to UTF-8")
    name = best.encoding
    if name in _LATIN_ALIKE and any(
        m.encoding == WESTERN and m.chaos <= best.chaos and m.coherence >= best.coherence for m in results
    ):
        name = WESTERN
    try:
        return data.decode(name), name, None
    except UnicodeDecodeError as exc:
        # The sample decoded but the whole file does not: keep the text, mark the bad bytes.
        return data.decode(name, errors="replace"), name, exc.start
