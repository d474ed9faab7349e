"""Helpers the readers share: bounded reads, sidecar metadata, defaults from the options."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from harmledger.documents.options import ReadOptions, Source, SourceFile
from harmledger.documents.pubdate import parse_date_value
from harmledger.errors import InputError, RecordError, UnreadableInput
from harmledger.records import Document

# What a reader yields, and a reader: ``read(source, options, with_parents)``.
Item = Document | InputError | SourceFile
Reader = Callable[[Source, ReadOptions, bool], Iterator[Item]]

SIDECAR_SUFFIX = ".meta.json"
CHUNK = 1 << 20


def read_bounded(stream: BinaryIO, limit: int, where: str) -> bytes:
    """Read a whole stream, refusing one larger than ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise RecordError(where, f"larger than the {limit // (1024 * 1024)} MB limit (max_record_bytes); split it")
    return data


def open_source(source: Source) -> BinaryIO:
    """Open a source, turning OS errors into ``UnreadableInput``."""
    try:
        return source.open()
    except IsADirectoryError as exc:
        raise UnreadableInput(source.origin, "is a directory where a file was expected") from exc
    except PermissionError as exc:
        raise UnreadableInput(source.origin, "permission denied") from exc
    except OSError as exc:
        raise UnreadableInput(source.origin, f"cannot open: {exc.strerror or exc}") from exc


@dataclass(frozen=True, slots=True)
class Meta:
    """Metadata for one document, merged from the record, a sidecar file and the options."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: date | None = None
    published_precision: str | None = None
    published_source: str | None = None
    notes: tuple[str, ...] = ()  # values that could not be used, naming where

    def kwargs(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "author": self.author,
            "published": self.published,
            "published_precision": self.published_precision,
            "published_source": self.published_source,
            "notes": self.notes,
        }


def meta_from(
    options: ReadOptions,
    *,
    title: object = None,
    outlet: object = None,
    url: object = None,
    author: object = None,
    published: object = None,
    source: str = "metadata",
    sidecar: dict[str, Any] | None = None,
    where: str = "",
) -> Meta:
    """Merge metadata: the record's own values, then a sidecar's, then the options' defaults.

    A ``published`` value that is not a date is named in ``notes`` (with ``where``: file and line)."""
    side = sidecar or {}
    notes: list[str] = []
    found = _date_or_note(published, f"{where}: published", notes)
    source_name = source
    if found is None and side.get("published") is not None:
        found, source_name = _date_or_note(side.get("published"), f"{where}: the sidecar's published", notes), "sidecar"
    if found is None and options.published is not None:
        found, source_name = parse_date_value(options.published), "cli"
    if notes:
        fallback = f"used --published {options.published}" if source_name == "cli" and found else "left undated"
        notes = [f"{n}; {fallback} (write dates as YYYY-MM-DD)" for n in notes]
    return Meta(
        title=_text(title) or _text(side.get("title")),
        outlet=_text(outlet) or _text(side.get("outlet")) or options.outlet,
        url=_text(url) or _text(side.get("url")),
        author=_text(author) or _text(side.get("author")),
        published=found.value if found else None,
        published_precision=found.precision if found else None,
        published_source=source_name if found else None,
        notes=tuple(notes),
    )


def _date_or_note(value: object, what: str, notes: list[str]) -> Any:
    found = parse_date_value(value)
    if found is None and value not in (None, ""):
        notes.append(f"{what} value {str(value)[:80]!r} is not a date")
    return found


def _text(value: object) -> str | None:
    """A metadata value as a string: NewsAPI-style ``{"name": …}`` objects and lists flattened."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip() if value is not None else ""
    return text or None


def load_sidecar(source: Source, options: ReadOptions) -> tuple[dict[str, Any], InputError | None]:
    """The ``<file>.meta.json`` beside a file (title, outlet, url, author, published), if any."""
    if not options.sidecar or source.path is None:
        return {}, None
    path = Path(str(source.path) + SIDECAR_SUFFIX)
    if not path.is_file():
        return {}, None
    try:
        with path.open("rb") as f:
            data = json.loads(f.read(1 << 20))  # only the first MB: a sidecar is a few fields
    except (OSError, ValueError) as exc:
        return {}, RecordError(str(path), f"sidecar metadata is not valid JSON ({exc}); ignored")
    if not isinstance(data, dict):
        return {}, RecordError(str(path), "sidecar metadata must be a JSON object; ignored")
    return data, None


def suffix_of(name: str) -> str:
    """The format suffix of a file name, compound ones (``.warc.gz``) included."""
    lower = name.lower()
    for compound in (".warc.gz", ".arc.gz"):
        if lower.endswith(compound):
            return compound
    dot = lower.rfind(".")
    return lower[dot:] if dot > lower.rfind("/") and dot >= 0 else ""


def sniff(head: bytes) -> str:
    """Guess the format of unnamed input (stdin, odd suffixes) from its first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"\x1f\x8b"):
        return ".gz"  # decompressed, then sniffed again
    if stripped.startswith(b"WARC/"):
        return ".warc"
    if stripped.startswith((b"{", b"[")):
        return ".jsonl"
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta")):
        return ".html"
    return ".txt"
