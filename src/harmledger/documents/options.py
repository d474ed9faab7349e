"""What readers are told (``ReadOptions``), what they read (``Source``), and ``SourceFile``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

# A record larger than this is refused (a runaway single-line file, a decompression bomb).
DEFAULT_MAX_RECORD_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read sources: defaults for missing metadata, folder filters, JSON field names."""

    published: date | None = None  # used when a source states no date of its own
    outlet: str | None = None  # used when a source names no outlet
    include: tuple[str, ...] = ()  # globs over paths relative to a given folder; empty = all
    exclude: tuple[str, ...] = ()  # globs for files or folders to skip
    text_field: str = "text"
    title_field: str = "title"
    url_field: str = "url"
    date_field: str = "published"
    outlet_field: str = "outlet"
    id_field: str = "id"
    author_field: str = "author"
    segment: bool = True  # split plain-text files that hold several articles
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    sidecar: bool = True  # read metadata from ``<file>.meta.json`` beside a text or HTML file


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file or stdin, opened lazily as a binary stream."""

    origin: str  # the path as given (or "-" for stdin), named in every error
    opener: Callable[[], BinaryIO]
    path: Path | None = None

    @classmethod
    def from_path(cls, path: Path) -> Source:
        return cls(origin=str(path), opener=lambda: path.open("rb"), path=path)

    def open(self) -> BinaryIO:
        return self.opener()


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file that was split into several articles, kept verbatim for the chain of custody.

    Its articles' ``original`` bytes are consecutive slices that together make up ``original``
    exactly, and each carries ``parent_id == id``; ``n_articles`` says how many to expect.
    """

    id: str  # SHA-256 of original
    original: bytes
    origin: str
    encoding: str
    n_articles: int
    ingested_at: str  # ISO 8601 UTC
