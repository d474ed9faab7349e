"""Intake: documents an analyst pastes or uploads (web page, API), read, analysed, stored and reconciled.

The same path as `harmledger ingest` (the readers, ``analyse_document``, ``Ledger.add_document``,
``rebuild_incidents``), with three differences: the files arrive as bytes and are read from a
private temporary folder whose path never reaches an error message or the ledger (a document's
``origin`` is the file name as uploaded); each stored document gets an audit entry naming who
added it and its SHA-256; and a gzip of a text, HTML or JSON Lines file is unpacked first
(``.warc.gz`` is read as it is).
"""

from __future__ import annotations

import json
import re
import tempfile
import zlib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from harmledger.records import Document
from harmledger.store import Ledger

# An upload unpacked beyond this is refused: a gzip bomb must not fill the disk or the memory.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """One file as it arrived: its name (as the client gave it) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Pasted:
    """A text pasted into the page, with what the analyst knows about it."""

    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None


@dataclass(slots=True)
class IntakeReport:
    """What one intake did: documents added (ids), already stored, claims, errors (naming the file)."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    incidents: list[str] = field(default_factory=list)  # incidents holding the new documents' claims

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "skipped": self.skipped,
            "claims": self.claims,
            "errors": self.errors,
            "incidents": self.incidents,
        }


def safe_name(name: str) -> str:
    """The file name without any folder part or odd characters (``../../etc/passwd`` → ``passwd``)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return SAFE_NAME.sub("_", base).strip(". ") or "upload.txt"


def unpack(upload: Upload) -> Upload:
    """A gzip of a text, HTML or JSON Lines file as that file; anything else unchanged.

    Raises:
        ValueError: the gzip is corrupt or unpacks beyond ``MAX_UNPACKED_BYTES``.
    """
    lower = upload.name.lower()
    if not lower.endswith(".gz") or lower.endswith((".warc.gz", ".arc.gz")):
        return upload
    try:
        out = zlib.decompressobj(wbits=31)
        data = out.decompress(upload.data, MAX_UNPACKED_BYTES + 1)
    except zlib.error as exc:
        raise ValueError(f"not a readable gzip file ({exc})") from None
    if len(data) > MAX_UNPACKED_BYTES or out.unconsumed_tail:
        raise ValueError(f"unpacks to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB; split it first")
    return Upload(upload.name[:-3], data)


def pasted_upload(pasted: Pasted) -> tuple[Upload, dict[str, Any]]:
    """A pasted text as a ``.txt`` upload and the sidecar metadata the text reader takes."""
    meta = {
        k: v
        for k, v in {
            "url": pasted.url,
            "outlet": pasted.outlet,
            "title": pasted.title,
            "published": pasted.published.isoformat() if pasted.published else None,
        }.items()
        if v
    }
    # Browsers send a textarea's line ends as CRLF: store LF, so pasting an article and later
    # ingesting the same article's file give one document, not two.
    text = pasted.text.replace("\r\n", "\n").replace("\r", "\n")
    return Upload("pasted.txt", text.encode("utf-8")), meta


def take_in(
    ledger: Ledger,
    uploads: list[Upload],
    *,
    username: str,
    pasted: Pasted | None = None,
    published: date | None = None,
    outlet: str | None = None,
) -> IntakeReport:
    """Read, analyse, store and reconcile ``uploads`` (and a ``pasted`` text) added by ``username``.

    A file that cannot be read, or whose analysis fails, is reported by name and stores nothing;
    the others go on. Documents already stored (same bytes) are skipped.
    """
    from harmledger.documents import ReadOptions, read_sources
    from harmledger.errors import InputError
    from harmledger.pipeline import AnalysisFailure, _analyse_safely, rebuild_incidents, use_analyst_places

    report = IntakeReport()
    use_analyst_places(ledger)
    options = ReadOptions(published=published, outlet=outlet)
    new_claims: list[str] = []
    with tempfile.TemporaryDirectory(prefix="harmledger-intake-") as tmp:
        folder = Path(tmp)
        files: list[tuple[str, Path]] = []
        given = [(u, None) for u in uploads] + ([pasted_upload(pasted)] if pasted else [])
        for n, (upload, meta) in enumerate(given):
            name = safe_name(upload.name)
            try:
                upload = unpack(Upload(name, upload.data))
            except ValueError as exc:
                report.errors.append(f"{name}: {exc}")
                continue
            # One folder per file, so two uploads of the same name never overwrite each other.
            path = folder / str(n) / upload.name
            path.parent.mkdir()
            path.write_bytes(upload.data)
            if meta:
                Path(str(path) + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")
            files.append((name, path))
        for name, path in files:
            hide = str(path.parent) + "/"
            for item in read_sources([path], options):
                if isinstance(item, InputError):
                    report.errors.append(f"{name}: {item.reason}".replace(hide, ""))
                    continue
                if not isinstance(item, Document):
                    continue
                doc = replace(item, origin=item.origin.replace(hide, ""))
                if ledger.has_document(doc.id):
                    report.skipped.append(doc.id)
                    continue
                result = _analyse_safely(doc)
                if isinstance(result, AnalysisFailure):
                    report.errors.append(f"{name}: analysis failed: {result.reason}")
                    continue
                if ledger.add_document(result.document, result.claims, added_by=username):  # genre decided
                    report.added.append(doc.id)
                    report.claims += len(result.claims)
                    new_claims += [c.id for c in result.claims]
    if report.added:
        rebuild_incidents(ledger)
        report.incidents = ledger.incidents_holding(new_claims)
    return report
