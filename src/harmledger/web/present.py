"""Turn records into what the templates show: highlighted text pieces, claim rows, chart bars.

Highlighting is done here as a list of plain-text pieces; templates print each piece escaped and
wrap the marked ones in ``<mark>``, so no article text ever reaches the page as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from harmledger.incidents import FIGURE_FIELDS, Correction, correct_claim
from harmledger.records import Claim, Count, Incident
from harmledger.store import Ledger
from harmledger.web.queries import document_meta


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text; ``mark`` is the claim id it highlights, or None for plain text."""

    text: str
    mark: str | None = None
    label: str = ""


def highlight(text: str, spans: list[tuple[int, int, str, str]], base: int = 0) -> list[Piece]:
    """Split ``text`` (which starts at offset ``base``) into pieces, marking each (start, end, id, label).

    Overlapping spans are merged into the first one; spans outside the text are ignored.
    """
    pieces: list[Piece] = []
    cursor = 0
    for start, end, mark, label in sorted(spans):
        start, end = max(start - base, cursor), min(end - base, len(text))
        if start >= end:
            continue
        if start > cursor:
            pieces.append(Piece(text[cursor:start]))
        pieces.append(Piece(text[start:end], mark, label))
        cursor = end
    if cursor < len(text):
        pieces.append(Piece(text[cursor:]))
    return pieces


def claim_label(claim: Claim) -> str:
    if claim.kind == "statement":
        return f"statement: {claim.stance or 'said'}"
    count = claim.count
    figure = count.text if count and count.text else "figure"
    return f"{claim.outcome or claim.kind}: {figure}"


def quote_pieces(claim: Claim, doc_text: str | None) -> list[Piece]:
    """The claim's sentence with its figure marked (from the document text when it is at hand)."""
    sentence, span = claim.sentence, claim.span
    if doc_text and 0 <= sentence.start <= span.start and span.end <= sentence.end <= len(doc_text):
        text = doc_text[sentence.start : sentence.end]
        return highlight(text, [(span.start, span.end, claim.id, claim_label(claim))], base=sentence.start)
    figure = claim.count.text if claim.count and claim.count.text else ""
    at = claim.quote.find(figure) if figure else -1
    if at < 0:
        return [Piece(claim.quote)]
    return highlight(claim.quote, [(at, at + len(figure), claim.id, claim_label(claim))])


def figure_text(low: int | None, best: int | None, high: int | None) -> str:
    """'56–200 (best 100)' style text for low/best/high figures; '–' when none is known."""
    if low is None and best is None and high is None:
        return "–"
    if low is not None and high is not None and low != high:
        core = f"{low}–{high}"
    elif low is not None and high is None:
        core = f"≥{low}"
    elif high is not None and low is None:
        core = f"≤{high}"
    else:
        core = str(low if low is not None else best)
    if best is not None and core != str(best):
        core += f" (best {best})"
    return core


def count_text(count: Count | None) -> str:
    """A claim's figure as the source put it: "more than 200" is ">200", not 201; "up to 6" is
    "≤6"; "about 40" is "~40"; "dozens" keeps its word beside the range it stands for."""
    if count is None:
        return "–"
    low, best, high = count.low, count.best, count.high
    if count.qualifier == "more_than" and low is not None:
        return f">{low - 1}"
    if count.qualifier == "at_least" and low is not None:
        return f"≥{low}"
    if count.qualifier == "named" and low is not None:
        return f"≥{low} named"
    if count.qualifier == "up_to" and high is not None:
        return f"≤{high}" if low is None else figure_text(low, None, high)  # "up to 4, including 2"
    if count.qualifier == "approximately" and best is not None:
        return f"~{best}"
    if count.qualifier == "vague" and count.text:
        return f"{count.text} ({figure_text(low, None, high)})"
    return figure_text(low, best, high)


def file_name(origin: str | None) -> str | None:
    """The file name of an origin, without the server's folders (what anonymous readers see)."""
    return origin.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] if origin else None


def claim_rows(
    ledger: Ledger, claims: list[Claim], status: dict[str, str], fixes: Mapping[str, Correction] | None = None
) -> list[dict[str, Any]]:
    """One row per claim: figure, source, scope, status, document and the quoted sentence.

    A claim an analyst corrected shows the corrected reading, who corrected it, and the
    machine's reading beside it (``machine``).
    """
    docs = document_meta(ledger, sorted({c.document_id for c in claims}))
    fixes = fixes or {}
    rows = []
    for machine in claims:
        fix = fixes.get(machine.id)
        claim = correct_claim(machine, fix) if fix else machine
        doc = docs.get(claim.document_id, {})
        count = claim.count
        rows.append(
            {
                "claim": claim,
                "machine": machine_reading(machine, fix) if fix else None,
                "corrected_by": sorted(set(fix.by.values())) if fix else [],
                "figure": count_text(count),
                "figure_text": count.text if count else "",
                "source": claim.source.name if claim.source else "the writer",
                "stance": claim.source.stance if claim.source else None,
                "scope": claim.scope or "open",
                "status": status.get(claim.id, "auto"),
                "document_id": claim.document_id,
                # A file's name, not its full path on the server.
                "document_title": doc.get("title")
                or doc.get("outlet")
                or file_name(doc.get("origin"))
                or claim.document_id[:12],
                "outlet": doc.get("outlet"),
                "published": doc.get("published"),
                "pieces": quote_pieces(claim, doc.get("text")),
            }
        )
    return rows


def machine_reading(claim: Claim, fix: Correction) -> str:
    """What the machine read, for the fields an analyst corrected ("figure 136–1300; source the writer")."""
    parts = []
    if FIGURE_FIELDS & set(fix.values):
        count = claim.count
        parts.append(f"figure {count_text(count)}")
    for name in ("outcome", "victims"):
        if name in fix.values:
            parts.append(f"{name} {getattr(claim, name) or '–'}")
    if "source" in fix.values:
        parts.append(f"source {claim.source.name if claim.source else 'the writer'}")
    if "date" in fix.values:
        parts.append(f"date {claim.date.start or claim.date.text if claim.date else '–'}")
    if "place" in fix.values:
        parts.append(f"place {(claim.place.name or claim.place.text) if claim.place else '–'}")
    return "; ".join(parts)


def incident_audit(entries: list[dict[str, Any]], incident: Incident, extra_claims: list[str]) -> list[dict[str, Any]]:
    """Of the audit ``entries``, those about the incident and its claims, oldest first.

    A merge or split that made it counts too, though it names another id: the merged incident may
    keep the other one's id, and a split-off incident gets a new one.
    """
    targets = {incident.id, *incident.claim_ids, *extra_claims}
    found = []
    for entry in entries:
        before = entry["before"] if isinstance(entry.get("before"), dict) else {}
        after = entry["after"] if isinstance(entry.get("after"), dict) else {}
        if (
            entry["target_id"] in targets
            or after.get("incident") == incident.id
            or incident.id in others_named(after)
            or targets.intersection(before.get("claims") or ())
        ):
            found.append(entry)
    return found


def others_named(after: dict[str, Any]) -> list[str]:
    """The other incidents an audit entry's ``after`` names: a merge's list, a keep-apart's one id."""
    others = after.get("with") or ()
    return [others] if isinstance(others, str) else [str(i) for i in others]


def rejected_elsewhere(entries: list[dict[str, Any]], incident: Incident) -> list[str]:
    """Claims reviewed on this incident's page (per the audit ``entries``) that reconciliation has moved out."""
    out = []
    for entry in entries:
        after = entry["after"] if isinstance(entry.get("after"), dict) else {}
        if entry["target_kind"] == "claim" and after.get("incident") == incident.id:
            if entry["target_id"] not in incident.claim_ids:
                out.append(entry["target_id"])
    return list(dict.fromkeys(out))


def web_link(url: str | None) -> str | None:
    """``url`` when it is safe to make a link of (http or https with a host), else None.

    Anything else (``javascript:``, ``data:``, a relative path) is shown as text: a record's URL
    comes from the input files, and a link is an invitation to click.
    """
    from urllib.parse import urlsplit

    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None
