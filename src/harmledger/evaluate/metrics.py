"""Scoring claims, negatives, dates, places and segments against gold, item by item."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from harmledger.evaluate.inputs import View
from harmledger.evaluate.match import (
    Candidate,
    Target,
    find_quote,
    haversine_km,
    match_claims,
    match_place,
    overlap,
    same_source,
    sentence_around,
)
from harmledger.evaluate.predictions import PlacedClaim, Predictions
from harmledger.evaluate.report import ErrorItem, Rate, Section
from harmledger.records import WHERE_PREC_REGION, Claim, PlaceRef, Span

DEFAULT_MAX_KM = 161.0
# GeoNames feature codes of countries, continents and regions: their "point" is a convention.
WIDE_FEATURES: tuple[str, ...] = ("PCL", "CONT", "RGN", "TERR", "ADM1")
NEAR_KM = 25.0
# A segment's first words may follow a headline or byline the segmenter kept with it.
SEGMENT_LEAD_CHARS = 160


@dataclass(slots=True)
class Scoring:
    """Shared state for one run: the views, predictions, and the errors collected so far."""

    views: dict[str, View]
    pred: Predictions
    collect: bool
    alone: Predictions | None = None  # each document's claims reconciled alone (no joins)
    errors: list[ErrorItem] = field(default_factory=list)
    matched: dict[int, PlacedClaim] = field(default_factory=dict)  # gold claim line → prediction
    gold_spans: dict[int, Span] = field(default_factory=dict)  # gold claim line → quote position

    def error(self, section: str, kind: str, doc: str, what: str, span: Span | None = None, family: str = "") -> None:
        """Record one error (when errors are collected), quoting the sentence around ``span``."""
        if not self.collect:
            return
        view = self.views.get(doc)
        sentence = sentence_around(view.text, span) if view is not None and span is not None else ""
        self.errors.append(ErrorItem(section, kind, doc, what, sentence, family or kind))


def f1(precision: float | None, recall: float | None) -> float | None:
    """The harmonic mean of two rates (0 when both are 0, ``None`` when either is unknown)."""
    if precision is None or recall is None:
        return 0.0 if recall == 0 else None
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def _figures(claim: Claim) -> str:
    """A predicted claim's count, for error messages."""
    c = claim.count
    if c is None:
        return "no count"
    return f"low={c.low} high={c.high} best={c.best} {c.qualifier}"


def _count_exact(gold: dict[str, Any], claim: Claim) -> bool:
    """Whether every non-null gold figure equals the prediction's."""
    keys = [k for k in ("low", "high", "best") if gold.get(k) is not None]
    if not keys:
        return True
    return claim.count is not None and all(getattr(claim.count, k) == gold[k] for k in keys)


def score_claims(gold: list[dict[str, Any]], negatives: list[dict[str, Any]] | None, s: Scoring) -> Section:
    """Detection precision/recall/F1, field exact-match rates among matches, negatives hit."""
    by_doc: dict[str, list[Target]] = {}
    for i, row in enumerate(gold):
        view = s.views.get(str(row.get("doc")))
        where = find_quote(view.text, str(row.get("quote", ""))) if view is not None else None
        if where is None:
            s.error(
                "claims",
                "missed",
                str(row.get("doc")),
                f"quote not found in the document: {row.get('quote')!r}",
                family="quote not in text",
            )
            continue
        s.gold_spans[i] = where
        outcomes = tuple(row.get("outcome") or ())
        by_doc.setdefault(str(row["doc"]), []).append(Target(i, where, outcomes))
    for doc, targets in by_doc.items():
        placed = s.pred.claims.get(doc, [])
        cands = [Candidate(j, p.span, p.sentence, p.claim.outcome) for j, p in enumerate(placed)]
        for gi, pj in match_claims(targets, cands):
            s.matched[gi] = placed[pj]
    n_pred = sum(len(v) for k, v in s.pred.claims.items() if k in s.views)
    fields = {
        "count": Rate(0, 0),
        "qualifier": Rate(0, 0),
        "scope": Rate(0, 0),
        "source": Rate(0, 0),
        "victims": Rate(0, 0),
    }
    for i, row in enumerate(gold):
        doc = str(row.get("doc"))
        p = s.matched.get(i)
        if p is None:
            if i in s.gold_spans:
                s.error("claims", "missed", doc, f"{row.get('outcome')} {_gold_figures(row)}", s.gold_spans[i])
            continue
        c = p.claim
        checks: dict[str, tuple[bool, str] | None] = {
            "count": (_count_exact(row, c), f"count {_gold_figures(row)} ≠ predicted {_figures(c)}"),
            "qualifier": _check(row.get("qualifier"), c.count.qualifier if c.count else None, "qualifier"),
            "scope": _check(row.get("scope"), c.scope, "scope"),
            "victims": _check(row.get("victims"), c.victims, "victims"),
            "source": None
            if row.get("source") is None
            else (
                same_source(str(row["source"]), c.source.name if c.source else None),
                f"source {row['source']!r} ≠ predicted {c.source.name if c.source else None!r}",
            ),
        }
        for name, check in checks.items():
            if check is None:
                continue
            ok, message = check
            old = fields[name]
            fields[name] = Rate(old.hits + ok, old.n + 1)
            if not ok:
                s.error("claims", "wrong", doc, message, s.gold_spans[i], family=name)
    matched_pred = {id(p) for p in s.matched.values()}
    for doc, placed in s.pred.claims.items():
        if doc not in s.views:
            continue
        for p in placed:
            if id(p) not in matched_pred:
                s.error(
                    "claims",
                    "false",
                    doc,
                    f"{p.claim.outcome} {_figures(p.claim)} {p.claim.quote!r}",
                    p.sentence or p.span,
                )
    negatives_n, negatives_hit = _score_negatives(negatives or [], s)
    precision = Rate(len(s.matched), n_pred)
    recall = Rate(len(s.matched), len(gold))
    return Section(
        "claims",
        {
            "n_gold": len(gold),
            "n_pred": n_pred,
            "precision": precision,
            "recall": recall,
            "f1": f1(precision.value, recall.value),
            "count_exact": fields["count"],
            "qualifier_exact": fields["qualifier"],
            "scope_exact": fields["scope"],
            "source_exact": fields["source"],
            "victims_exact": fields["victims"],
            "negatives_n": negatives_n,
            "negatives_hit": negatives_hit,
        },
    )


def _gold_figures(row: dict[str, Any]) -> str:
    """A gold claim's figures, for error messages."""
    return f"low={row.get('low')} high={row.get('high')} best={row.get('best')} {row.get('qualifier')}"


def _check(gold: Any, predicted: Any, name: str) -> tuple[bool, str] | None:
    """An exact comparison of one field, or ``None`` when the gold leaves it ungraded."""
    if gold is None:
        return None
    return gold == predicted, f"{name} {gold!r} ≠ predicted {predicted!r}"


def _score_negatives(negatives: list[dict[str, Any]], s: Scoring) -> tuple[int, int]:
    """How many negative spans a predicted claim's figure overlaps."""
    hits = 0
    for row in negatives:
        doc = str(row.get("doc"))
        view = s.views.get(doc)
        where = find_quote(view.text, str(row.get("quote", ""))) if view is not None else None
        if where is None:
            continue
        hit = next((p for p in s.pred.claims.get(doc, []) if overlap(p.span, where)), None)
        if hit is not None:
            hits += 1
            s.error(
                "negatives", "false", doc, f"claim {_figures(hit.claim)} inside a negative: {row.get('quote')!r}", where
            )
    return len(negatives), hits


def score_dates(gold: list[dict[str, Any]], s: Scoring) -> Section:
    """Exact-day match of matched claims' dates, over gold claims whose day is known."""
    hits = n = 0
    for i, row in enumerate(gold):
        if not row.get("date"):
            continue
        n += 1
        p = s.matched.get(i)
        ref = p.claim.date if p is not None else None
        got = ref.start if ref is not None and ref.precision == "day" else None
        if got is not None and got == _day(row["date"]):
            hits += 1
        else:
            what = "claim not found" if p is None else f"date {row['date']} ≠ predicted {ref.start if ref else None}"
            family = "claim not found" if p is None else "unresolved" if got is None else "other day"
            s.error(
                "dates",
                "missed" if p is None else "wrong",
                str(row.get("doc")),
                what,
                s.gold_spans.get(i),
                family=family,
            )
    return Section("dates", {"n": n, "exact": Rate(hits, n)})


def _day(value: str) -> date | None:
    """A gold YYYY-MM-DD day."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def within(km: float | None, limit: float) -> bool:
    """Whether a distance is known and at most ``limit``."""
    return km is not None and km <= limit


def score_places(gold: list[dict[str, Any]], s: Scoring) -> Section:
    """Each gold place mention's predicted coordinates: shares within 25 km and ``max_km``."""
    distances: list[float] = []
    near = far = 0
    taken: dict[str, set[int]] = {}
    for row in gold:
        doc = str(row.get("doc"))
        view = s.views.get(doc)
        span = _place_span(row, view.text) if view is not None else None
        km: float | None = None
        what = family = "no document"
        if span is not None:
            preds = s.pred.places.get(doc, [])
            used = taken.setdefault(doc, set())
            k = match_place(span, row.get("name") or row.get("quote"), preds, used)
            if k is None:
                what = family = "no place predicted"
            else:
                used.add(k)
                ref = preds[k][1]
                if ref.lat is None or ref.lon is None:
                    what, family = f"{ref.text!r} unresolved ({ref.reason})", "unresolved"
                else:
                    km = haversine_km(float(row["lat"]), float(row["lon"]), ref.lat, ref.lon)
                    distances.append(km)
                    what = f"{ref.text!r} → {ref.name} ({ref.country}) {km:.0f} km off"
                    family = _distance_family(km, ref, str(row.get("quote") or ""))
        limit = float(row.get("max_km") or DEFAULT_MAX_KM)
        near += within(km, NEAR_KM)
        far += within(km, limit)
        if not within(km, limit):
            kind = "wrong" if km is not None else "missed"
            s.error("places", kind, doc, f"{row.get('name') or row.get('quote')!r}: {what}", span, family=family)
    n = len(gold)
    return Section(
        "places",
        {
            "n": n,
            "within_25km": Rate(near, n),
            "within_161km": Rate(far, n),
            "median_km": round(statistics.median(distances), 1) if distances else None,
            "mean_km": round(statistics.fmean(distances), 1) if distances else None,
            "_resolved": len(distances),
            "_note": "a mention with no prediction or an unresolved one counts as not within; km over resolved ones",
        },
    )


def _distance_family(km: float, ref: PlaceRef, quote: str) -> str:
    """Why a resolved place is off: part of the name, a country's point, or another place."""
    if len(ref.text.strip()) < len(quote.strip()) - 2:
        return "partial mention"  # "Delta" for "Danube Delta"
    wide = (ref.precision or 0) >= WHERE_PREC_REGION or (ref.feature or "").startswith(WIDE_FEATURES)
    if wide and km <= 1000:
        return "country or region: a different reference point"
    return "same name elsewhere (>1000 km)" if km > 1000 else "off by 161-1000 km"


def _place_span(row: dict[str, Any], text: str) -> Span | None:
    """Where a gold place mention is: its quote nearest the given offsets, else the offsets."""
    start = row.get("start")
    quote = str(row.get("quote") or "")
    found = find_quote(text, quote, near=start if isinstance(start, int) else None) if quote.strip() else None
    if found is not None:
        return found
    if isinstance(start, int) and isinstance(row.get("end"), int):
        return Span(max(0, start), min(len(text), int(row["end"])))
    return None


def score_segments(gold: list[dict[str, Any]], s: Scoring) -> Section:
    """Article boundaries found, missed and spurious in multi-article files; genre accuracy."""
    found = missed = genre_ok = 0
    files = {str(row.get("doc")) for row in gold}
    claimed: dict[str, set[int]] = {doc: set() for doc in files}
    for row in gold:
        doc = str(row.get("doc"))
        view = s.views.get(doc)
        where = find_quote(view.text, str(row.get("starts_with", ""))) if view is not None else None
        part = _segment_part(view, where, claimed[doc]) if view is not None and where is not None else None
        if part is None:
            missed += 1
            s.error(
                "segments", "missed", doc, f"no article starts at {row.get('starts_with')!r}", where, family="boundary"
            )
            continue
        claimed[doc].add(part)
        found += 1
        genre = view.parts[part][0].genre if view is not None else None
        if genre == row.get("genre"):
            genre_ok += 1
        else:
            s.error(
                "segments", "wrong", doc, f"genre {row.get('genre')!r} ≠ predicted {genre!r}", where, family="genre"
            )
    spurious = 0
    for doc in files:
        view = s.views.get(doc)
        for k, (part_doc, off) in enumerate(view.parts if view is not None else []):
            if k not in claimed[doc]:
                spurious += 1
                s.error(
                    "segments", "false", doc, f"article boundary at {off}: {part_doc.text[:60]!r}", Span(off, off + 1)
                )
    return Section(
        "segments",
        {
            "n_gold": len(gold),
            "found": found,
            "missed": missed,
            "spurious": spurious,
            "genre_accuracy": Rate(genre_ok, found),
        },
    )


def _segment_part(view: View, where: Span, claimed: set[int]) -> int | None:
    """The predicted article starting at ``where`` (allowing a short headline before it)."""
    best: tuple[int, int] | None = None
    for k, (_, off) in enumerate(view.parts):
        lead = where.start - off
        if k not in claimed and -2 <= lead <= SEGMENT_LEAD_CHARS and (best is None or abs(lead) < best[0]):
            best = (abs(lead), k)
    return best[1] if best is not None else None
