"""The text a stored document's original bytes yield, for `verify --deep`.

A document keeps its original bytes (the file, the article's slice of it, the JSONL line, the
WARC record's payload), the encoding they were decoded with and where they came from, which is
enough to read them again the way the reader did and compare the text with what is stored.
"""

from __future__ import annotations

import json

from harmledger.documents.normalise import normalise_text
from harmledger.documents.options import ReadOptions
from harmledger.documents.readers import readers, sniff, suffix_of
from harmledger.records import Document

TEXT_FORMATS = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_FORMATS = frozenset({".html", ".htm", ".xhtml", ".warc", ".warc.gz", ".arc.gz"})
JSON_FORMATS = frozenset({".jsonl", ".ndjson", ".json"})


def original_format(doc: Document) -> str:
    """The reader suffix ``doc`` was read with: by its file name, else by its bytes (stdin, odd names)."""
    if doc.parent_id is not None:
        return ".txt"  # only plain-text files are split into articles
    origin = doc.origin
    suffix = suffix_of(origin)
    if suffix == ".gz":
        suffix = suffix_of(origin[: -len(".gz")])
    if origin == "-" or suffix not in readers() or suffix == ".gz":
        suffix = sniff(doc.original[:4096])
    return suffix


def rederive_text(doc: Document) -> str | None:
    """The normalised text ``doc.original`` yields, or None when the stored record cannot say
    (a JSON record read with a ``--text-field`` of its own, a page the extractor now refuses)."""
    fmt = original_format(doc)
    if fmt in TEXT_FORMATS:
        try:
            decoded = doc.original.decode(doc.encoding)
        except (UnicodeDecodeError, LookupError):
            decoded = doc.original.decode(doc.encoding, errors="replace")  # as the reader did
        return normalise_text(decoded)
    if fmt in HTML_FORMATS:
        from harmledger.documents.readers.html import document_from_html

        page = document_from_html(doc.original, doc.origin, ReadOptions(), url=doc.url, record_id=doc.record_id)
        return page.text if isinstance(page, Document) else None
    if fmt in JSON_FORMATS:
        from harmledger.documents.readers.jsonl import document_from_record

        try:
            record = json.loads(doc.original)
        except (ValueError, UnicodeDecodeError):
            return None
        found = document_from_record(record, doc.original, doc.origin, doc.origin, "", ReadOptions())
        return found.text if isinstance(found, Document) else None
    return None
