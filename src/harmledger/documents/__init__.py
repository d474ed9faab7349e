"""Reading documents: formats, article segmentation, metadata, chain of custody; genre.

``read_sources(paths, options)`` yields one ``Document`` per article and one ``InputError`` per
bad input (a file, or one line/record of it), so a batch never stops on bad input. Readers, one
module each under ``readers/`` behind one signature, cover ``.txt``/``.md``, ``.html``/``.htm``
(trafilatura), ``.jsonl``/``.json`` and ``.warc``/``.warc.gz`` (warcio); folders are walked
recursively and ``-`` reads stdin (its format sniffed from the first bytes).

Chain of custody. Every ``Document`` keeps ``original``: the bytes it was made from, verbatim
(the file, the JSONL line, the JSON array element, the WARC record's HTTP payload), and
``Document.id`` is their SHA-256; ``origin`` names the file, ``url``/``record_id`` the URL and the
WARC-Record-ID (or JSON id / "line N"), ``captured_at`` the WARC-Date. ``Document.text`` is
``normalise(decoded original)`` for text files, and the normalised extracted text otherwise.

A text file holding several articles yields the articles, not the file: each article's
``original`` is its slice of the file's bytes, the slices are consecutive and together make up
the file exactly, and each carries ``parent_id`` (the file's SHA-256) and ``offset_in_parent``
(its character offset in the file's normalised text). So the file is kept verbatim without a
second copy, and ``verify`` can rebuild it (``reassemble``) and check it against ``parent_id``.
For a ledger that wants the file as a record of its own (with the time of ingest), call
``read_sources(..., with_parents=True)``: a ``SourceFile`` then precedes its articles. A file that
is one article is one ``Document`` with no parent. Only plain-text files are segmented; an HTML
page, a JSON record or a WARC record is one article.

Genre (news or opinion) is analysis, not reading: a read ``Document`` has ``genre`` None, and
``decide_genre(doc)`` judges it where a new document is analysed (``pipeline.analyse_document``).
"""

from __future__ import annotations

from collections.abc import Iterable

from harmledger.documents.genre import classify_genre, decide_genre
from harmledger.documents.language import detect_language
from harmledger.documents.make import make_document
from harmledger.documents.normalise import Normalised, normalise
from harmledger.documents.options import ReadOptions, SourceFile
from harmledger.documents.pubdate import find_text_date, parse_date_value
from harmledger.documents.readers.jsonl import document_from_record
from harmledger.documents.segment import find_boundaries, split_articles
from harmledger.documents.sources import read_sources
from harmledger.records import Document

__all__ = [
    "Normalised",
    "ReadOptions",
    "SourceFile",
    "classify_genre",
    "decide_genre",
    "detect_language",
    "document_from_record",
    "find_boundaries",
    "find_text_date",
    "make_document",
    "normalise",
    "parse_date_value",
    "read_sources",
    "reassemble",
    "split_articles",
]


def reassemble(articles: Iterable[Document]) -> bytes:
    """The parent file's bytes rebuilt from its articles (check: SHA-256 equals their parent_id)."""
    ordered = sorted(articles, key=lambda d: d.offset_in_parent or 0)
    return b"".join(d.original for d in ordered)
