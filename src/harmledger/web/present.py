"""Turn records into what the templates show: highlighted text pieces, claim rows, chart bars.

Highlighting is done here as a list of plain-text pieces; templates print each piece escaped and
wrap the marked ones in ``<mark>``, so no article text ever reaches the page as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harmledger.records import Claim, Incident
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


def _file_name(origin: str | None) -> str | None:
    return origin.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] if origin else None


def claim_rows(ledger: Ledger, claims: list[Claim], status: dict[str, str]) -> list[dict[str, Any]]:
    """One row per claim: figure, source, scope, status, document and the quoted sentence."""
    docs = document_meta(ledger, sorted({c.document_id for c in claims}))
    rows = []
    for claim in claims:
        doc = docs.get(claim.document_id, {})
        count = claim.count
        rows.append({
            "claim": claim,
            "figure": figure_text(count.low, count.best, count.high) if count else "–",
            "figure_text": count.text if count else "",
            "source": claim.source.name if claim.source else "the writer",
            "stance": claim.source.stance if claim.source else None,
            "scope": claim.scope or "open",
            "status": status.get(claim.id, "auto"),
            "document_id": claim.document_id,
            # A file's name, not its full path on the server.
            "document_title": doc.get("title") or doc.get("outlet") or _file_name(doc.get("origin")) or claim.document_id[:12],
            "outlet": doc.get("outlet"),
            "published": doc.get("published"),
            "pieces": quote_pieces(claim, doc.get("text")),
        })
    return rows


def incident_audit(entries: list[dict[str, Any]], incident: Incident, extra_claims: list[str]) -> list[dict[str, Any]]:
    """Of the audit ``entries``, those about the incident, its claims and documents, oldest first."""
    targets = {incident.id, *incident.claim_ids, *extra_claims}
    found = []
    for entry in entries:
        after = entry.get("after") if isinstance(entry.get("after"), dict) else {}
        if entry["target_id"] in targets or after.get("incident") == incident.id:
            found.append(entry)
    return found


def rejected_elsewhere(entries: list[dict[str, Any]], incident: Incident) -> list[str]:
    """Claims reviewed on this incident's page (per the audit ``entries``) that reconciliation has moved out."""
    out = []
    for entry in entries:
        after = entry.get("after") if isinstance(entry.get("after"), dict) else {}
        if entry["target_kind"] == "claim" and after.get("incident") == incident.id:
            if entry["target_id"] not in incident.claim_ids:
                out.append(entry["target_id"])
    return list(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class Bar:
    """One bucket of the timeline chart, in SVG user units."""

    key: str
    x: float
    width: float
    incidents: int
    deaths: int
    deaths_y: float
    deaths_h: float
    count_y: float


CHART_W, CHART_H, CHART_PAD = 900.0, 260.0, 30.0


def timeline_bars(rows: list[dict[str, Any]]) -> list[Bar]:
    """Bars (deaths) and points (incident counts) for rows from ``aggregate(..., by="month")``."""
    dated = [r for r in rows if r["key"]]
    if not dated:
        return []
    max_deaths = max((r["deaths"] or 0) for r in dated) or 1
    max_count = max(r["incidents"] for r in dated) or 1
    inner_h = CHART_H - 2 * CHART_PAD
    step = (CHART_W - 2 * CHART_PAD) / len(dated)
    bars = []
    for i, row in enumerate(dated):
        deaths = row["deaths"] or 0
        h = inner_h * deaths / max_deaths
        bars.append(Bar(
            key=row["key"], x=CHART_PAD + i * step + step * 0.1, width=max(step * 0.8, 1.0),
            incidents=row["incidents"], deaths=deaths, deaths_y=CHART_PAD + inner_h - h, deaths_h=h,
            count_y=CHART_PAD + inner_h - inner_h * row["incidents"] / max_count,
        ))
    return bars


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
