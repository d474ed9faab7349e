"""Scoring what spans claims: per-document coded events, and incidents (grouping and deaths)."""

from __future__ import annotations

import math
from datetime import date
from itertools import combinations
from typing import Any

from harmledger.evaluate.match import haversine_km, perpetrator_agrees
from harmledger.evaluate.metrics import DEFAULT_MAX_KM, NEAR_KM, Scoring, f1, within
from harmledger.evaluate.predictions import Predictions
from harmledger.evaluate.report import Rate, Section
from harmledger.records import OTHER_EVENT_CUE, Figures, Incident, Span

# The widest incident date span that still counts as dating the coders' day.
DATE_SPAN_DAYS = 6
# How coders write "no one known": GTD's "Unknown".
UNKNOWN_ACTOR = frozenset({"unknown", ""})


def _point(figures: Figures) -> int:
    """One figure for a total: best, else low, else high; 0 when the incident has none."""
    for value in (figures.best, figures.low, figures.high):
        if value is not None:
            return value
    return 0


def _incidents_of(doc: str, s: Scoring, pred: Predictions | None = None) -> list[Incident]:
    """The incidents (not cumulative aggregates) that draw on any article of gold document ``doc``."""
    pred = pred or s.pred
    view = s.views.get(doc)
    if view is None:
        return []
    seen: dict[int, None] = {}
    for part, _ in view.parts:
        for i in pred.by_document.get(part.id, []):
            seen.setdefault(i, None)
    return [pred.incidents[i] for i in seen if pred.incidents[i].kind == "incident"]


def score_events(gold: list[dict[str, Any]], s: Scoring) -> Section:
    """Per-document killed and injured totals and place, as coders record one event a document.

    Scored twice when ``s.alone`` is set: from the ledger's incidents (the reconciled figures) and
    from each document's claims reconciled alone (the ``_document`` keys), so the cost or gain of
    joining reports across documents shows beside the extraction's own accuracy.
    """
    figures = _event_figures(gold, s, s.pred, "events")
    if s.alone is not None:
        alone = _event_figures(gold, s, s.alone, "events alone")
        figures.update(
            {
                f"{key}_document": alone[key]
                for key in ("killed_exact", "killed_exact_nonzero", "injured_exact", "within_25km", "within_161km")
            }
        )
    return Section("events", figures)


def _event_figures(gold: list[dict[str, Any]], s: Scoring, pred: Predictions, label: str) -> dict[str, Any]:
    """killed/injured exact and place hits of the incidents in ``pred``, errors under ``label``."""
    killed, nonzero, injured, near, far = (Rate(0, 0) for _ in range(5))
    rates = {"perpetrator_agrees": Rate(0, 0), "perpetrator_unknown_named": Rate(0, 0), "date_within_week": Rate(0, 0)}
    for row in gold:
        doc = str(row.get("doc"))
        incidents = _own_incidents(doc, pred, _incidents_of(doc, s, pred))
        main = max(incidents, key=lambda i: _point(i.deaths) + _point(i.injured), default=None)
        _score_perpetrator(row, main, s, label, rates)
        _score_date(row, main, s, label, rates)
        got_killed = sum(_point(i.deaths) for i in incidents)
        got_injured = sum(_point(i.injured) for i in incidents)
        span = Span(0, len(s.views[doc].text)) if doc in s.views else None
        if row.get("killed") is not None:
            ok = got_killed == row["killed"]
            killed = Rate(killed.hits + ok, killed.n + 1)
            if row["killed"] > 0:
                nonzero = Rate(nonzero.hits + ok, nonzero.n + 1)
            if not ok:
                s.error(
                    label,
                    "wrong",
                    doc,
                    f"killed {row['killed']} ≠ predicted {got_killed} from {len(incidents)} incident(s)",
                    span,
                    family=_total_family("killed", row["killed"], got_killed, incidents),
                )
        if row.get("injured") is not None:
            ok = got_injured == row["injured"]
            injured = Rate(injured.hits + ok, injured.n + 1)
            if not ok:
                s.error(
                    label,
                    "wrong",
                    doc,
                    f"injured {row['injured']} ≠ predicted {got_injured}",
                    span,
                    family=_total_family("injured", row["injured"], got_injured, incidents),
                )
        if row.get("lat") is None or row.get("lon") is None:
            continue
        place = main.place if main is not None else None
        km = None
        if place is not None and place.lat is not None and place.lon is not None:
            km = haversine_km(float(row["lat"]), float(row["lon"]), place.lat, place.lon)
        limit = float(row.get("max_km") or DEFAULT_MAX_KM)
        near = Rate(near.hits + within(km, NEAR_KM), near.n + 1)
        far = Rate(far.hits + within(km, limit), far.n + 1)
        if not within(km, limit):
            got = (
                "no incident"
                if main is None
                else "no place"
                if place is None
                else (f"{place.text!r} unresolved" if km is None else f"{place.name or place.text} {km:.0f} km off")
            )
            family = "place: " + ("off > max_km" if km is not None else got.split("'")[0].strip() or "unresolved")
            s.error(
                label,
                "wrong" if km is not None else "missed",
                doc,
                f"place {row.get('place')!r}: {got}",
                span,
                family=family,
            )
    return {
        "n": len(gold),
        "killed_exact": killed,
        "killed_exact_nonzero": nonzero,
        "injured_exact": injured,
        "within_25km": near,
        "within_161km": far,
        **rates,
    }


def _own_incidents(doc: str, pred: Predictions, incidents: list[Incident]) -> list[Incident]:
    """The incidents of the event a document reports: not those whose every figure the text
    itself gives to another event ("Separately, …", "two days after a mortar attack that …"), nor
    those dated apart from the incident of its lead figure (a massacre years before, recalled as
    background)."""
    claims = sorted(pred.claims.get(doc, []), key=lambda p: p.claim.span.start)
    others = {p.claim.id for p in claims if OTHER_EVENT_CUE in p.claim.identity}
    mine = {p.claim.id for p in claims}
    own = [i for i in incidents if not (ids := mine.intersection(i.claim_ids)) or not ids <= others]
    lead_id = next((p.claim.id for p in claims if p.claim.id not in others), None)
    lead = next((i for i in own if lead_id in i.claim_ids), None)
    if lead is None or lead.date_start is None:
        return own
    return [i for i in own if not _dated_apart(i, lead)]


def _dated_apart(a: Incident, b: Incident) -> bool:
    """Whether two incidents' date spans lie more than a week apart (undated ones never do)."""
    if a.date_start is None or b.date_start is None:
        return False
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    return (a.date_start - b_end).days > DATE_SPAN_DAYS or (b.date_start - a_end).days > DATE_SPAN_DAYS


def _score_date(row: dict[str, Any], main: Incident | None, s: Scoring, label: str, rates: dict[str, Rate]) -> None:
    """Count in ``rates["date_within_week"]`` whether the main incident's dates hold the coders'
    day and span at most a week ("within the week before publication" for an undated report).
    Rows without a date, or documents without an incident, count for none."""
    if not row.get("date") or main is None:
        return
    gold = date.fromisoformat(str(row["date"]))
    start, end = main.date_start, main.date_end or main.date_start
    hit = start is not None and end is not None and start <= gold <= end and (end - start).days <= DATE_SPAN_DAYS
    if not hit:
        shown = str(start) if start == end else f"{start}..{end}"
        s.error(label, "wrong", str(row.get("doc")), f"date {gold} ≠ predicted {shown}", family="date")
    rate = rates["date_within_week"]
    rates["date_within_week"] = Rate(rate.hits + hit, rate.n + 1)


def _score_perpetrator(
    row: dict[str, Any], main: Incident | None, s: Scoring, label: str, rates: dict[str, Rate]
) -> None:
    """Count the main incident's perpetrator in ``rates``: agreeing with the coders' named one,
    or named where they knew none. A gold row without the field, or a document that gives no
    incident, counts for neither."""
    gold = row.get("perpetrator")
    if gold is None or main is None:
        return  # a document that gives no incident is counted by the figures, not here
    doc = str(row.get("doc"))
    got = main.perpetrator
    if str(gold).lower() in UNKNOWN_ACTOR:
        key, hit = "perpetrator_unknown_named", got is not None
        if hit:
            s.error(label, "false", doc, f"perpetrator unknown to coders, predicted {got!r}", family="perpetrator")
    else:
        key, hit = "perpetrator_agrees", got is not None and perpetrator_agrees(got, str(gold))
        if not hit:
            s.error(label, "wrong", doc, f"perpetrator {gold!r} ≠ predicted {got!r}", family="perpetrator")
    rates[key] = Rate(rates[key].hits + hit, rates[key].n + 1)


def _value(rate: Rate | float) -> float | None:
    """A rate's number."""
    return rate.value if isinstance(rate, Rate) else rate


def _total_family(what: str, gold: int, got: int, incidents: list[Incident]) -> str:
    """Why a document total is wrong: nothing found, too many, or too few."""
    if not incidents:
        return f"{what}: no incident"
    return f"{what}: predicted more" if got > gold else f"{what}: predicted fewer"


def _memberships(
    gold: list[dict[str, Any]], s: Scoring, pred: Predictions
) -> tuple[list[set[str]], dict[str, set[int]]]:
    """Each gold incident's items, and each item's predicted incidents.

    Items are gold claim line numbers (as strings) when incidents list ``claims``, else gold
    document ids; a claim belongs to the incidents holding its matched prediction, a document to
    every incident drawing on it. Cumulative aggregates are not incidents and are left out.
    """
    is_incident = [i.kind == "incident" for i in pred.incidents]
    groups: list[set[str]] = []
    member: dict[str, set[int]] = {}
    for row in gold:
        if row.get("claims") is not None:
            items = {f"claim:{n}" for n in row["claims"]}
            for n in row["claims"]:
                p = s.matched.get(int(n))
                found = pred.by_claim.get(p.claim.id, []) if p is not None else []
                member[f"claim:{n}"] = {i for i in found if is_incident[i]}
        else:
            items = {f"doc:{d}" for d in row.get("docs") or []}
            for d in row.get("docs") or []:
                view = s.views.get(str(d))
                parts = view.parts if view is not None else []
                member[f"doc:{d}"] = {
                    i for part, _ in parts for i in pred.by_document.get(part.id, []) if is_incident[i]
                }
        groups.append(items)
    return groups, member


def _pair_counts(groups: list[set[str]], member: dict[str, set[int]]) -> tuple[int, int, int]:
    """(gold pairs, predicted pairs, pairs in both) over the items of the gold incidents.

    Predicted pairs are counted per predicted incident, so the cost follows the sizes of the
    incidents, never the square of the number of documents.
    """
    gold_pairs = {tuple(sorted(p)) for g in groups for p in combinations(sorted(g), 2)}
    holders: dict[int, list[str]] = {}
    for item, incidents in member.items():
        for i in incidents:
            holders.setdefault(i, []).append(item)
    pred_pairs: set[tuple[str, str]] = set()
    for items in holders.values():
        pred_pairs.update(combinations(sorted(items), 2))
    return len(gold_pairs), len(pred_pairs), len(gold_pairs & pred_pairs)


def _in_range(row: dict[str, Any], figures: Figures) -> bool:
    """Whether a predicted incident's figures bracket the gold deaths (README ``deaths_in_range``)."""
    target = row.get("deaths_low")
    low = next((v for v in (figures.low, figures.best, figures.high) if v is not None), None)
    if target is None or low is None:
        return False
    high = figures.high if figures.high is not None else math.inf
    top = next(v for v in (figures.high, figures.best, figures.low) if v is not None)
    cap = row.get("deaths_high_at_most")
    return low <= target <= high and (cap is None or top <= cap)


def _wrong_joins(groups: list[set[str]], member: dict[str, set[int]]) -> int:
    """Gold incidents with an item in a predicted incident that also holds another gold incident's item."""
    gold_of: dict[str, set[int]] = {}
    for g, items in enumerate(groups):
        for item in items:
            gold_of.setdefault(item, set()).add(g)
    golds_in: dict[int, set[int]] = {}
    for item, incidents in member.items():
        for i in incidents:
            golds_in.setdefault(i, set()).update(gold_of.get(item, ()))
    wrong = 0
    for g, items in enumerate(groups):
        if any(golds_in.get(i, set()) - {g} for item in items for i in member.get(item, ())):
            wrong += 1
    return wrong


def _deaths_in_range(
    gold: list[dict[str, Any]],
    s: Scoring,
    pred: Predictions,
    groups: list[set[str]],
    member: dict[str, set[int]],
    owners: dict[str, list[tuple[str, int]]],
    label: str,
    claims: list[dict[str, Any]] | None,
) -> Rate:
    """The share of gold incidents matched by a predicted incident whose figures bracket theirs."""
    line_of = {p.claim.id: line for line, p in s.matched.items()}
    universe = set().union(*groups) if groups else set()
    in_range = Rate(0, 0)
    for g, row in enumerate(gold):
        if row.get("deaths_low") is None:
            continue
        candidates = {i for item in groups[g] for i in member.get(item, set())}
        ok = False
        for i in sorted(candidates):
            incident = pred.incidents[i]
            items = [_items(cid, pred, owners, line_of, row.get("claims") is None) for cid in incident.claim_ids]
            # Most of its claims must come from this gold incident; claims the gold does not
            # place in any incident (an unannotated figure, a statement) do not count either way.
            known = [it for it in items if it & universe]
            if sum(1 for it in known if it & groups[g]) * 2 <= len(known):
                continue
            figures = incident.civilian_deaths if row.get("victims") == "civilians" else incident.deaths
            if _in_range(row, figures):
                ok = True
                break
        in_range = Rate(in_range.hits + ok, in_range.n + 1)
        if not ok:
            doc = _incident_doc(row, claims or [])
            s.error(
                label,
                "missed",
                doc,
                f"{row.get('id')}: deaths {row.get('deaths_low')}"
                f"–{row.get('deaths_high_at_most')} not within any matching predicted incident"
                f" ({len(candidates)} candidate(s): {_describe(candidates, pred, row.get('victims'))})",
                _incident_span(row, doc, s),
                family="no candidate" if not candidates else "figures out of range",
            )
    return in_range


def score_incidents(
    gold: list[dict[str, Any]],
    s: Scoring,
    owners: dict[str, list[tuple[str, int]]],
    claims: list[dict[str, Any]] | None = None,
) -> Section:
    """Pairwise same-incident precision/recall/F1, wrong joins, deaths in range, predicted vs gold count.

    ``wrong_join_rate`` is the share of gold incidents with an item (claim or document) that shares
    a predicted incident with another gold incident's item: the incidents a join has spoiled.
    """
    groups, member = _memberships(gold, s, s.pred)
    n_gold_pairs, n_pred_pairs, both = _pair_counts(groups, member)
    # With no pair to join (or none joined) the grouping agrees perfectly on that side.
    precision: Rate | float = Rate(both, n_pred_pairs) if n_pred_pairs else 1.0
    recall: Rate | float = Rate(both, n_gold_pairs) if n_gold_pairs else 1.0
    in_range = _deaths_in_range(gold, s, s.pred, groups, member, owners, "incidents", claims)
    figures: dict[str, Any] = {
        "n_gold": len(gold),
        "n_pred": sum(1 for i in s.pred.incidents if i.kind == "incident"),
        "pairwise_precision": precision,
        "pairwise_recall": recall,
        "pairwise_f1": f1(_value(precision), _value(recall)),
        "deaths_in_range": in_range,
        "wrong_join_rate": Rate(_wrong_joins(groups, member), len(gold)),
        "pairs_gold": n_gold_pairs,
        "pairs_predicted": n_pred_pairs,
        "pairs_both": both,
        "_note": f"pairs of gold items: {n_gold_pairs} in one gold incident,"
        f" {n_pred_pairs} in one predicted incident, {both} in both"
        " (no pair on a side scores 1.0 on that side)",
    }
    if s.alone is not None:
        alone_groups, alone_member = _memberships(gold, s, s.alone)
        figures["deaths_in_range_document"] = _deaths_in_range(
            gold, s, s.alone, alone_groups, alone_member, owners, "incidents alone", claims
        )
    return Section("incidents", figures)


def _items(
    claim_id: str, pred: Predictions, owners: dict[str, list[tuple[str, int]]], line_of: dict[str, int], by_doc: bool
) -> set[str]:
    """A predicted claim as gold items: ``doc:<gold id>`` (each holder of its text) or ``claim:<line>``."""
    if by_doc:
        return {f"doc:{gold_id}" for gold_id, _ in owners.get(pred.claim_doc.get(claim_id, ""), [])}
    line = line_of.get(claim_id)
    return {f"claim:{line}"} if line is not None else set()


def _incident_doc(row: dict[str, Any], claims: list[dict[str, Any]]) -> str:
    """The gold document of an incident's first claim or document (for error messages)."""
    if row.get("claims"):
        n = int(row["claims"][0])
        return str(claims[n].get("doc")) if 0 <= n < len(claims) else ""
    return str((row.get("docs") or [""])[0])


def _incident_span(row: dict[str, Any], doc: str, s: Scoring) -> Span | None:
    """What to quote for a missed incident: its first claim's quote, else its first document."""
    if row.get("claims"):
        return s.gold_spans.get(int(row["claims"][0]))
    view = s.views.get(doc)
    return Span(0, len(view.text)) if view is not None else None


def _describe(candidates: set[int], pred: Predictions, victims: str | None) -> str:
    """Predicted incidents' compared death figures, briefly."""
    parts = []
    for i in sorted(candidates)[:3]:
        incident = pred.incidents[i]
        d = incident.civilian_deaths if victims == "civilians" else incident.deaths
        label = "civilian deaths" if victims == "civilians" else "deaths"
        parts.append(f"{len(incident.claim_ids)} claims, {label} low={d.low} best={d.best} high={d.high}")
    return "; ".join(parts) or "none"
