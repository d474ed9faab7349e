"""gzip-compressed inputs (``article.txt.gz``, ``feed.jsonl.gz``, a gzipped WARC on stdin …).

The stream is decompressed as it is read and handed to the reader its format calls for: the
name under the ``.gz`` when it is one we read, else what the decompressed bytes look like. Each
reader bounds what it reads (``max_record_bytes``), so a decompression bomb stops at that cap.
A document's ``original`` is its decompressed bytes (the same document as the file un-gzipped).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, BinaryIO

from harmledger.documents.options import ReadOptions, Source
from harmledger.documents.readers.common import Item, Reader, open_source, sniff, suffix_of
from harmledger.errors import InputError, RecordError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

SNIFF_BYTES = 4096


class CorruptGzip(RecordError, OSError):
    """The compressed data broke off or is damaged (an ``OSError`` too, so stream readers report it)."""


class _Decompressed(io.RawIOBase):
    """A gzip stream whose damage is reported as ``CorruptGzip`` naming the file."""

    def __init__(self, inner: gzip.GzipFile, origin: str) -> None:
        super().__init__()
        self._inner = inner
        self._origin = origin

    def readable(self) -> bool:
        return True

    def _guard(self, call: Callable[[int], bytes], size: int) -> bytes:
        try:
            return call(size)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise CorruptGzip(
                self._origin,
                f"the gzip data is truncated or corrupt ({exc}); the rest of the file is not read (whole "
                "JSON lines or WARC records before the damage are kept, a text file is not)",
            ) from exc

    def read(self, size: int = -1) -> bytes:
        return self._guard(self._inner.read, size)

    def readline(self, size: int | None = -1) -> bytes:
        return self._guard(self._inner.readline, -1 if size is None else size)

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def read(
    source: Source, options: ReadOptions, with_parents: bool = False, *, table: Mapping[str, Reader]
) -> Iterator[Item]:
    """Decompress ``source`` and read it with the reader of ``table`` (the format registry, which
    passes itself) that its inner name or content calls for."""
    try:
        raw = open_source(source)
    except InputError as exc:
        yield exc
        return
    compressed = gzip.GzipFile(fileobj=raw, mode="rb")
    stream = _Decompressed(compressed, source.origin)
    try:
        head = stream._guard(compressed.peek, SNIFF_BYTES)[:SNIFF_BYTES]
    except CorruptGzip as exc:
        raw.close()
        yield RecordError(source.origin, f"named .gz but not gzip data, or damaged ({exc.reason})")
        return
    inner = suffix_of(source.origin[: -len(".gz")]) if source.origin.lower().endswith(".gz") else ""
    if inner not in table or inner == ".gz":
        inner = sniff(head)
    if inner == ".gz":
        raw.close()
        yield RecordError(source.origin, "gzip inside gzip; decompress it once first")
        return
    used = [False]
    buffered = io.BufferedReader(stream)  # a BinaryIO, as every reader expects

    def once() -> BinaryIO:
        if used[0]:
            raise RecordError(source.origin, "a compressed stream can be read only once")
        used[0] = True
        return buffered

    try:
        yield from table[inner](Source(origin=source.origin, opener=once, path=source.path), options, with_parents)
    finally:
        stream.close()
        raw.close()
