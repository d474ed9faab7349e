"""One reader per format behind one interface: ``read(source, options, with_parents)`` yields documents.

A reader never raises for bad input: it yields an ``InputError`` naming the file and the
record, and carries on with the next record when the format allows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Union

from harmledger.documents.options import ReadOptions, Source, SourceFile
from harmledger.errors import InputError
from harmledger.records import Document

Item = Union[Document, InputError, SourceFile]
Reader = Callable[[Source, ReadOptions, bool], Iterator[Item]]


def readers() -> dict[str, Reader]:
    """File suffix → reader (imported lazily so that reading text never imports trafilatura)."""
    from harmledger.documents.readers import gz, html, jsonl, text, warc

    return {
        ".txt": text.read,
        ".text": text.read,
        ".md": text.read,
        ".markdown": text.read,
        ".html": html.read,
        ".htm": html.read,
        ".xhtml": html.read,
        ".jsonl": jsonl.read,
        ".ndjson": jsonl.read,
        ".json": jsonl.read_json,
        ".warc": warc.read,
        ".warc.gz": warc.read,
        ".arc.gz": warc.read,
        ".gz": gz.read,  # any other gzip: decompressed, then read by its inner name or content
    }


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
