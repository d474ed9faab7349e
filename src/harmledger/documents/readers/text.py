"""Plain text and Markdown files: one file, one or several articles (see ``segment``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from harmledger.documents.decode import decode_noting
from harmledger.documents.headline import credit, headline
from harmledger.documents.make import make_document
from harmledger.documents.options import ReadOptions, Source, SourceFile
from harmledger.documents.readers.common import Item, load_sidecar, meta_from, open_source, read_bounded
from harmledger.documents.segment import split_articles
from harmledger.errors import InputError
from harmledger.records import Document


def read(source: Source, options: ReadOptions, with_parents: bool = False) -> Iterator[Item]:
    """Yield the article(s) of one text file, preceded by its ``SourceFile`` when split and asked."""
    sidecar, problem = load_sidecar(source, options)
    if problem:
        yield problem
    try:
        with open_source(source) as stream:
            data = read_bounded(stream, options.max_record_bytes, source.origin)
        yield from documents_from_bytes(data, source.origin, options, with_parents, sidecar)
    except InputError as exc:
        yield exc


def documents_from_bytes(
    data: bytes,
    origin: str,
    options: ReadOptions,
    with_parents: bool = False,
    sidecar: dict[str, object] | None = None,
) -> Iterator[Item]:
    """The article(s) in the bytes of one text file (shared with stdin)."""
    text, encoding, note = decode_noting(data, origin)
    meta = meta_from(options, sidecar=sidecar, where=origin)
    kwargs = meta.kwargs()
    kwargs["notes"] = (*meta.notes, note) if note else meta.notes
    doc = make_document(data, origin, text=text, encoding=encoding, **kwargs)
    articles = [_self_described(a, options.outlet) for a in (split_articles(doc) if options.segment else [doc])]
    if len(articles) > 1 and with_parents:
        yield SourceFile(
            id=doc.id,
            original=data,
            origin=origin,
            encoding=encoding,
            n_articles=len(articles),
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    yield from articles


def _self_described(doc: Document, default_outlet: str | None) -> Document:
    """A title from the headline line and an outlet from a wire credit, where metadata gave none.

    The article's own credit wins over ``--outlet`` (a default for inputs that name none).
    """
    title = doc.title or headline(doc.text)
    outlet = doc.outlet if doc.outlet and doc.outlet != default_outlet else (credit(doc.text) or doc.outlet)
    if (title, outlet) == (doc.title, doc.outlet):
        return doc
    return replace(doc, title=title, outlet=outlet)
