"""Saved HTML pages: the main text, title, date, author and site name, by trafilatura."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from harmledger.documents.decode import binary_reason
from harmledger.documents.make import make_document
from harmledger.documents.options import ReadOptions, Source
from harmledger.documents.readers.common import Item, load_sidecar, meta_from, open_source, read_bounded
from harmledger.errors import BinaryInput, EmptyInput, InputError

# Only metadata in the page's head counts as its date; htmldate's "extensive" search reads dates
# out of the body text, which are usually the dates of events, not of publication.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


# A page's navigation, footer and side panels are never its article. trafilatura drops them
# itself, except when the article is so short that it falls back to the whole body: then "Home |
# 12 killed in 3 ways to save" from a menu became a casualty claim.
_NOT_ARTICLE = "//nav | //footer | //aside"


# A paragraph inside the article that only points at another story ("Read more: RSF shelling
# kills 25 in Omdurman market", a link) is a headline of that story, not this one's text.
_PROMO_LABEL = re.compile(
    r"(?:read (?:more|also|next)|also read|see also|related(?: stories| articles| coverage| content)?|"
    r"more on this(?: story)?|recommended(?: reading)?|watch|listen|more from [\w ]{1,30})\s*[:|>»–—-]",
    re.IGNORECASE,
)


def _without_page_furniture(html: bytes | str) -> Any:
    """The page parsed, without its navigation, footer, side panels and in-text links to other
    stories (the page as given when it does not parse: trafilatura then says what it can)."""
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    try:
        tree = lxml_html.fromstring(html)
    except Exception:  # lxml raises several kinds on empty or broken markup
        return html
    for element in tree.xpath(_NOT_ARTICLE):
        element.drop_tree()
    for element in tree.xpath("//p | //li"):
        if _points_elsewhere(element):
            element.drop_tree()
    return tree


def _points_elsewhere(element: Any) -> bool:
    """A "Read more: <a>…</a>" paragraph: a label, then mostly link text."""
    text = element.text_content().strip()
    label = _PROMO_LABEL.match(text)
    if label is None:
        return False
    linked = sum(len(a.text_content().strip()) for a in element.xpath(".//a"))
    return linked >= 0.5 * len(text[label.end() :].strip())


def extract(html: bytes | str, url: str | None = None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata for one page, or None when it finds no text."""
    import trafilatura

    # trafilatura logs an ERROR for every page without text; we report those ourselves, by name.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    result = trafilatura.bare_extraction(
        _without_page_furniture(html),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=DATE_PARAMS,
    )
    if result is None:
        return None
    data = result if isinstance(result, dict) else result.as_dict()
    return data if (data.get("text") or "").strip() else None


def document_from_html(
    payload: bytes,
    origin: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    record_id: str | None = None,
    captured_at: str | None = None,
    sidecar: dict[str, Any] | None = None,
) -> Item:
    """One HTML page as a ``Document`` (or the ``InputError`` that says why not)."""
    where = origin if record_id is None else f"{origin} [{record_id}]"
    reason = binary_reason(payload)
    if reason:
        return BinaryInput(where, reason)
    try:
        page = extract(payload, url)
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        return EmptyInput(where, f"the HTML could not be parsed ({type(exc).__name__}: {exc})")
    if page is None:
        return EmptyInput(where, "no article text in this HTML page (only scripts, navigation or markup?)")
    meta = meta_from(
        options,
        title=page.get("title"),
        outlet=page.get("sitename") or page.get("hostname"),
        url=url or page.get("url"),
        author=page.get("author"),
        published=page.get("date"),
        sidecar=sidecar,
        where=where,
    )
    try:
        return make_document(
            payload, origin, text=page["text"], record_id=record_id, captured_at=captured_at, **meta.kwargs()
        )
    except InputError as exc:
        return exc


def read(source: Source, options: ReadOptions, with_parents: bool = False) -> Iterator[Item]:
    """Yield the one article of a saved HTML page."""
    sidecar, problem = load_sidecar(source, options)
    if problem:
        yield problem
    try:
        with open_source(source) as stream:
            data = read_bounded(stream, options.max_record_bytes, source.origin)
    except InputError as exc:
        yield exc
        return
    if not data.strip():
        yield EmptyInput(source.origin, "the file is empty (no text to read)")
        return
    yield document_from_html(data, source.origin, options, sidecar=sidecar)
