"""Reading an intake request (multipart form or JSON) into uploads, shared by the API and the /add page.

The analysis itself runs in a worker thread (``run_in_threadpool``), so a long upload never
blocks the event loop: other pages keep answering while it is read and analysed.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from harmledger.intake import IntakeReport, Pasted, Upload, take_in
from harmledger.store import Ledger

PASTE_FIELDS = ("text", "url", "outlet", "title", "published")


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def _day(value: Any) -> date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _bad(f"published {text!r} is not a date; use YYYY-MM-DD, e.g. 2024-03-05") from None


def _pasted(fields: dict[str, Any]) -> Pasted | None:
    text = str(fields.get("text") or "")
    if not text.strip():
        return None
    blank = lambda name: str(fields.get(name) or "").strip() or None  # noqa: E731
    return Pasted(
        text=text,
        url=blank("url"),
        outlet=blank("outlet"),
        title=blank("title"),
        published=_day(fields.get("published")),
    )


async def read_intake(request: Request) -> tuple[list[Upload], Pasted | None, dict[str, Any]]:
    """Uploads, a pasted text and the form/JSON fields of an intake request."""
    kind = request.headers.get("content-type", "")
    uploads: list[Upload] = []
    if kind.startswith("multipart/form-data") or kind.startswith("application/x-www-form-urlencoded"):
        form = await request.form()
        fields = {k: v for k, v in form.multi_items() if not isinstance(v, UploadFile)}
        for _key, value in form.multi_items():
            if isinstance(value, UploadFile) and value.filename:
                uploads.append(Upload(value.filename, await value.read()))
    elif kind.startswith("application/json"):
        try:
            fields = await request.json()
        except ValueError:
            raise _bad("the body is not valid JSON") from None
        if not isinstance(fields, dict):
            raise _bad('send a JSON object: {"text": …, "url": …} or {"files": [{"name": …, "content": …}]}')
        files: Any = fields.get("files") or []  # JSON: checked below
        if not isinstance(files, list):
            raise _bad('files must be a list of {"name": …, "content": … or "base64": …}')
        for n, item in enumerate(files):
            uploads.append(_json_file(n, item))
    else:
        raise HTTPException(415, "send multipart/form-data (files and/or text) or application/json")
    pasted = _pasted(fields)
    if not uploads and pasted is None:
        raise _bad("nothing to add: paste a text or attach files (txt, html, jsonl, warc, or a gzip of these)")
    return uploads, pasted, fields


def _json_file(n: int, item: Any) -> Upload:
    if not isinstance(item, dict) or not item.get("name"):
        raise _bad(f"files[{n}] needs a name and its content (text) or base64 (bytes)")
    if item.get("base64") is not None:
        try:
            return Upload(str(item["name"]), base64.b64decode(str(item["base64"]), validate=True))
        except (binascii.Error, ValueError):
            raise _bad(f"files[{n}] ({item['name']}): base64 is not valid") from None
    return Upload(str(item["name"]), str(item.get("content") or "").encode("utf-8"))


async def run_intake(
    ledger: Ledger, username: str, uploads: list[Upload], pasted: Pasted | None, fields: dict[str, Any]
) -> IntakeReport:
    """Analyse and store the intake in a worker thread; the event loop stays free."""
    # With a pasted text, the url/outlet/published fields describe it (they are its sidecar), not the
    # files beside it; without one, outlet and published are the defaults for files that lack them.
    published = _day(fields.get("published")) if not pasted else None
    outlet = str(fields.get("outlet") or "").strip() or None if not pasted else None
    return await run_in_threadpool(
        take_in, ledger, uploads, username=username, pasted=pasted, published=published, outlet=outlet
    )
