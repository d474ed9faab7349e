"""JSON Lines (one article a line, streamed) and JSON files (one article, or an array of them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from harmledger.documents.make import make_document
from harmledger.documents.options import ReadOptions, Source
from harmledger.documents.readers.common import CHUNK, Item, meta_from, open_source, read_bounded
from harmledger.errors import EmptyInput, InputError, RecordError
from harmledger.records import Document

# Tried, in order, after the configured field name: what news APIs and crawlers call these fields
# (news-please, NewsAPI, GDELT exports, Common Crawl news tools).
FALLBACK_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "maintext", "full_text", "article_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url", "uri"),
    "published": ("published", "date", "date_publish", "publishedAt", "published_at", "pubdate", "datetime"),
    "outlet": ("outlet", "source", "source_domain", "sitename", "site", "publisher", "domain"),
    "author": ("author", "authors", "byline"),
    "id": ("id", "_id", "doc_id", "uuid"),
}


def _field(record: dict[str, Any], configured: str, kind: str) -> Any:
    """The value of the configured field, else of the first common alternative present."""
    if configured in record:
        return record[configured]
    for name in FALLBACK_FIELDS[kind]:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def document_from_record(
    record: Any, original: bytes, origin: str, where: str, default_id: str | None, options: ReadOptions
) -> Document | InputError:
    """One JSON object as a ``Document``, or the ``RecordError`` that says what is missing."""
    if not isinstance(record, dict):
        return RecordError(where, f"a JSON {type(record).__name__}, not an object with a text field")
    text = _field(record, options.text_field, "text")
    if text is None:
        fields = ", ".join(sorted(record)[:12]) or "none"
        return RecordError(where, f"no text field {options.text_field!r} (fields: {fields}); name it with --text-field")
    if not isinstance(text, str):
        return RecordError(where, f"the text field holds a JSON {type(text).__name__}, not a string")
    record_id = _field(record, options.id_field, "id")
    meta = meta_from(
        options,
        title=_field(record, options.title_field, "title"),
        outlet=_field(record, options.outlet_field, "outlet"),
        url=_field(record, options.url_field, "url"),
        author=_field(record, options.author_field, "author"),
        published=_field(record, options.date_field, "published"),
        where=where,
    )
    try:
        return make_document(
            original,
            origin,
            text=text,
            record_id=str(record_id) if record_id is not None else default_id,
            **meta.kwargs(),
        )
    except InputError as exc:
        return type(exc)(where, exc.reason)


def read(source: Source, options: ReadOptions, with_parents: bool = False) -> Iterator[Item]:
    """Yield one document per line of a JSON Lines file, streaming; bad lines become errors."""
    try:
        stream = open_source(source)
    except InputError as exc:
        yield exc
        return
    with stream:
        yield from read_lines(stream, source.origin, options)


def read_lines(stream: BinaryIO, origin: str, options: ReadOptions, first_line: int = 1) -> Iterator[Item]:
    """The records of a JSON Lines stream; memory is bounded by ``max_record_bytes``."""
    limit = options.max_record_bytes
    number = first_line - 1
    blank = True  # no line with anything on it yet
    while True:
        try:
            line = stream.readline(limit + 1)
        except OSError as exc:
            yield RecordError(f"{origin}:{number + 1}", f"read failed: {exc}")
            return
        if not line:
            if blank:
                yield EmptyInput(origin, "the file is empty (no JSON lines to read)")
            return
        number += 1
        where = f"{origin}:{number}"
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_line(stream)
            yield RecordError(where, f"line longer than the {limit // (1024 * 1024)} MB limit; skipped")
            continue
        raw = line.rstrip(b"\r\n")
        if not raw.strip():
            continue
        blank = False
        if b"\x00" in raw:
            yield RecordError(where, "NUL byte in the line: binary data, not JSON; skipped")
            continue
        try:
            record = json.loads(raw)
        except UnicodeDecodeError as exc:
            yield RecordError(where, f"not UTF-8 at byte {exc.start} of the line (JSON must be UTF-8); skipped")
            continue
        except json.JSONDecodeError as exc:
            yield RecordError(where, f"not JSON ({exc.msg} at column {exc.colno}); skipped")
            continue
        yield document_from_record(record, raw, origin, where, f"line {number}", options)


def _skip_line(stream: BinaryIO) -> None:
    """Read past the rest of an over-long line without keeping it."""
    while True:
        chunk = stream.readline(CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def read_json(source: Source, options: ReadOptions, with_parents: bool = False) -> Iterator[Item]:
    """A ``.json`` file: one article object, an array of them, or JSON Lines under a .json name."""
    try:
        with open_source(source) as stream:
            data = read_bounded(stream, options.max_record_bytes, source.origin)
    except InputError as exc:
        yield exc
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield RecordError(source.origin, f"not UTF-8 at byte {exc.start} (JSON must be UTF-8)")
        return
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    if text.startswith("[", start):
        yield from _array(text, start + 1, decoder, source.origin, options)
        return
    try:
        record, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        yield RecordError(f"{source.origin}:{exc.lineno}", f"not JSON ({exc.msg} at column {exc.colno})")
        return
    if text[end:].strip():  # more after the first object: it is JSON Lines
        import io

        yield from read_lines(io.BytesIO(data), source.origin, options)
        return
    yield document_from_record(record, data, source.origin, source.origin, "item 1", options)


def _array(text: str, pos: int, decoder: json.JSONDecoder, origin: str, options: ReadOptions) -> Iterator[Item]:
    """Each element of a JSON array, its original being its own slice of the file."""
    number = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        number += 1
        where = f"{origin} [item {number}]"
        try:
            record, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield RecordError(
                where,
                f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); the rest of the array is unreadable",
            )
            return
        yield document_from_record(record, text[pos:end].encode("utf-8"), origin, where, f"item {number}", options)
        pos = end
