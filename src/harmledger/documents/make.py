"""Build a ``Document`` from original bytes: decode, normalise, language, publication date.

The genre is not judged here: it is analysis (``decide_genre``, where a new document is analysed),
so a document already in the ledger never pays for it.
"""

from __future__ import annotations

from datetime import date

from harmledger.documents.decode import decode_noting
from harmledger.documents.language import detect_language
from harmledger.documents.normalise import normalise_text
from harmledger.documents.pubdate import find_text_date
from harmledger.errors import EmptyInput
from harmledger.records import DatePrecision, Document, sha256_hex


def make_document(
    original: bytes | str,
    origin: str,
    *,
    text: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: date | None = None,
    published_precision: DatePrecision | None = None,
    published_source: str | None = None,
    record_id: str | None = None,
    parent_id: str | None = None,
    offset_in_parent: int | None = None,
    encoding: str | None = None,
    captured_at: str | None = None,
    notes: tuple[str, ...] = (),
) -> Document:
    """One ``Document`` whose id is the SHA-256 of ``original``.

    ``text`` is the article text when it is not simply the decoded original (the main text of
    an HTML page, the text field of a JSON record); otherwise the original is decoded (with
    ``encoding`` when known). ``published`` comes from metadata or the user; without it the top
    of the text is searched for a date line, and failing that it stays None.
    ``notes`` (what the reader had to guess, naming where) are kept on the document, with a note
    of its own when the bytes were not UTF-8. Raises ``EmptyInput``/``BinaryInput``/``DecodeError``
    naming ``origin``.
    """
    where = origin if record_id is None else f"{origin} [{record_id}]"
    if isinstance(original, str):
        original_bytes = original.encode("utf-8")
        used_encoding = "utf-8"
        if text is None:
            text = original
    else:
        original_bytes = original
        used_encoding = encoding or "utf-8"
        if text is None:
            text, used_encoding, note = decode_noting(original_bytes, where, encoding)
            notes = (*notes, note) if note else notes
    clean = normalise_text(text)
    if not clean or clean.isspace():  # as ``not clean.strip()``, without copying the text
        raise EmptyInput(where, "no text after extraction (only markup, scripts or whitespace?)")
    precision: DatePrecision | None
    source: str | None
    # ``--published`` ("cli") is a default for inputs that state no date: a date line wins over it.
    found = find_text_date(clean) if published is None or published_source == "cli" else None
    if found is not None:
        published, precision, source = found.value, found.precision, found.source
    elif published is not None:
        precision = published_precision or "day"
        source = published_source or "metadata"
    else:
        precision = source = None
    return Document(
        id=sha256_hex(original_bytes),
        original=original_bytes,
        text=clean,
        origin=origin,
        title=_clean_meta(title),
        outlet=_clean_meta(outlet),
        url=_clean_meta(url),
        author=_clean_meta(author),
        language=detect_language(clean),
        published=published,
        published_precision=precision,
        published_source=source,
        parent_id=parent_id,
        offset_in_parent=offset_in_parent,
        encoding=used_encoding,
        record_id=record_id,
        captured_at=captured_at,
        notes=tuple(dict.fromkeys(notes)),
    )


def _clean_meta(value: object) -> str | None:
    """A metadata string normalised like the text, or None when blank."""
    if value is None:
        return None
    cleaned = " ".join(normalise_text(str(value)).split())
    return cleaned or None
