"""WARC files (plain or gzipped): each HTML response record is one document."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from harmledger.documents.options import ReadOptions, Source
from harmledger.documents.readers.common import Item, open_source
from harmledger.documents.readers.html import document_from_html
from harmledger.errors import InputError, RecordError

HTML_TYPES = ("text/html", "application/xhtml+xml")
TRUNCATED = "truncated or corrupt WARC; the records before this point were read"
TRAILING_SLACK = 8  # blank lines a writer may leave after the last record


def read(source: Source, options: ReadOptions, with_parents: bool = False) -> Iterator[Item]:
    """Yield one document per HTML response (or resource) record; a broken file stops with an error."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        stream = open_source(source)
    except InputError as exc:
        yield exc
        return
    with stream:
        records = ArchiveIterator(stream)
        offset = 0  # where the last whole record ended: an error points just past it
        while True:
            try:
                record = next(records)
                item = _record(record, source.origin, options)
                if _cut_short(record, records):
                    yield RecordError(f"{source.origin} @ byte {offset}", TRUNCATED)
                    return
                # Only after the payload is read: asking earlier makes warcio skip the record.
                offset = records.get_record_offset() + records.get_record_length()
            except StopIteration:
                break
            except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError) as exc:
                # warcio fails in several ways on a cut file (AttributeError included)
                yield RecordError(f"{source.origin} @ byte {offset}", f"{TRUNCATED} ({type(exc).__name__}: {exc})")
                return
            if item is not None:
                yield item
        path = source.path
        size = path.stat().st_size if path is not None else None
        if (
            path is not None
            and size is not None
            and size > offset
            and (size - offset > TRAILING_SLACK or _tail(path, offset).strip())
        ):
            yield RecordError(
                f"{source.origin} @ byte {offset}", f"{TRUNCATED}: {size - offset} bytes after the last whole record"
            )


def _tail(path: Path, offset: int) -> bytes:
    """The few bytes after the last whole record (blank lines are slack; anything else is a cut)."""
    with path.open("rb") as f:
        f.seek(offset)
        return f.read(TRAILING_SLACK + 1)


def _cut_short(record: object, records: object) -> bool:
    """Whether a record's block ended before its declared length (a cut file)."""
    if not getattr(record, "rec_type", None):
        return True  # warcio's reading of a record header that was cut off (None, or "" for a plain WARC)
    headers = getattr(record, "rec_headers", None)
    declared = headers.get_header("Content-Length") or headers.get_header("length") if headers else None
    if not (declared or "").strip().isdigit():
        return True  # a header cut before its length line (warcio then reads the record as empty)
    raw = getattr(record, "raw_stream", None)
    while raw is not None and raw.read(1 << 16):
        pass  # drain what the reader did not need, so the check below sees the whole block
    if getattr(raw, "limit", 0):
        return True
    decompressor = getattr(getattr(records, "reader", None), "decompressor", None)
    return decompressor is not None and not getattr(decompressor, "eof", True)


def _record(record: object, origin: str, options: ReadOptions) -> Item | None:
    """The document in one WARC record, an error, or None for records that hold no page."""
    rec_type = record.rec_type  # type: ignore[attr-defined]
    if rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    http = record.http_headers  # type: ignore[attr-defined]
    content_type = (http.get_header("Content-Type") if http else headers.get_header("Content-Type")) or ""
    if not any(t in content_type.lower() for t in HTML_TYPES):
        return None
    if http is not None and not http.get_statuscode().startswith("2"):
        return None  # redirects and errors carry no article
    record_id = headers.get_header("WARC-Record-ID")
    limit = options.max_record_bytes
    payload = record.content_stream().read(limit + 1)  # type: ignore[attr-defined]
    if len(payload) > limit:
        return RecordError(
            f"{origin} [{record_id}]", f"page larger than the {limit // (1024 * 1024)} MB limit; skipped"
        )
    return document_from_html(
        payload,
        origin,
        options,
        url=headers.get_header("WARC-Target-URI"),
        record_id=record_id,
        captured_at=headers.get_header("WARC-Date"),
    )
