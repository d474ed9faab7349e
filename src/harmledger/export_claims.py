"""The claims export: one row per claim, with the figure, who gave it, the words it rests on and where.

Shared by `harmledger export claims`, ``GET /api/export/claims`` and the download buttons. The
claims are those of the incidents a listing's filters select; a claim an analyst corrected is
exported as corrected, with ``corrected_by`` naming who.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from harmledger.export import file_name
from harmledger.records import Claim, Incident

if TYPE_CHECKING:
    from harmledger.store import Ledger

CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "incident_id",
    "kind",
    "outcome",
    "low",
    "best",
    "high",
    "qualifier",
    "victims",
    "children",
    "women",
    "n_children",
    "n_women",
    "scope",
    "source",
    "status",
    "corrected_by",
    "quote",
    "start",
    "end",
    "document_sha256",
    "url",
    "document",
    "outlet",
    "published",
)
CLAIM_FORMATS: dict[str, str] = {"csv": "text/csv", "json": "application/json"}


def claim_rows(
    incidents: Sequence[Incident],
    claims: Mapping[str, Claim],
    ledger: Ledger,
    corrected_by: Mapping[str, Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """One row per claim of ``incidents`` (``claims`` as the analysts left them), in incident order.

    ``children`` / ``women``: whether the claim names them among the victims (the text's words,
    not a count of them); ``n_children`` / ``n_women``: how many the text counts among the figure
    (empty when it gives no count). ``document`` is the file name or url, never a server path.
    """
    corrected_by = corrected_by or {}
    status = ledger.claim_status()
    wanted = sorted({c.document_id for c in claims.values()})
    docs = {d.id: d for d in ledger.documents(ids=wanted, with_text=False)} if wanted else {}
    rows: list[dict[str, Any]] = []
    for incident in incidents:
        for cid in incident.claim_ids:
            claim = claims.get(cid)
            if claim is None:
                continue
            doc = docs.get(claim.document_id)
            count = claim.count
            groups = {g.lower() for g in claim.victim_groups}
            rows.append(
                {
                    "claim_id": claim.id,
                    "incident_id": incident.id,
                    "kind": claim.kind,
                    "outcome": claim.outcome,
                    "low": count.low if count else None,
                    "best": count.best if count else None,
                    "high": count.high if count else None,
                    "qualifier": count.qualifier if count else None,
                    "victims": claim.victims,
                    "children": any("child" in g for g in groups),
                    "women": any("wom" in g for g in groups),
                    "n_children": claim.children,
                    "n_women": claim.women,
                    "scope": claim.scope,
                    "source": claim.source.name if claim.source else None,
                    "status": status.get(claim.id, "auto"),
                    "corrected_by": ", ".join(corrected_by.get(claim.id, ())) or None,
                    "quote": claim.quote,
                    "start": claim.span.start,
                    "end": claim.span.end,
                    "document_sha256": claim.document_id,
                    "url": doc.url if doc else None,
                    "document": (doc.url or file_name(doc.origin)) if doc else None,
                    "outlet": doc.outlet if doc else None,
                    "published": doc.published.isoformat() if doc and doc.published else None,
                }
            )
    return rows


def render_claims(fmt: str, rows: list[dict[str, Any]]) -> str:
    """Claim rows as CSV (empty cells for unknowns) or a JSON array."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt != "csv":
        raise ValueError(f"claims export format {fmt!r} is not one of {', '.join(CLAIM_FORMATS)}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CLAIM_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
