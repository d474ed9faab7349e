"""One reader per format behind one interface: ``read(source, options, with_parents)`` yields documents.

A reader never raises for bad input: it yields an ``InputError`` naming the file and the
record, and carries on with the next record when the format allows it.
"""

from __future__ import annotations

from functools import partial

from harmledger.documents.readers.common import Item, Reader, sniff, suffix_of

__all__ = ["Item", "Reader", "readers", "sniff", "suffix_of"]


def readers() -> dict[str, Reader]:
    """File suffix → reader (imported lazily so that reading text never imports trafilatura)."""
    from harmledger.documents.readers import gz, html, jsonl, text, warc

    table: dict[str, Reader] = {
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
    }
    # Any other gzip: decompressed, then read by its inner name or content with this same table.
    table[".gz"] = partial(gz.read, table=table)
    return table
