"""Possible duplicates for analysts: pairs of incidents scored close to a join, but not joined.

Reconciliation joins reports of different documents only on identifying evidence
(``link.linked``). A pair of claims that scores at least ``rules.SUGGEST_THRESHOLD`` without being
joined is evidence that their incidents may be one event; it is put to an analyst with the
comparisons for and against, strongest first, and never changes a figure until someone decides.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set

from harmledger.incidents import rules
from harmledger.incidents.link import Edge, Features, identified, score
from harmledger.records import Suggestion

# What is said against a pair that scored well but was not joined.
NO_EVIDENCE = "nothing identifies the event in both (no shared family, victim, site, telling figure or wording)"
BELOW = "the comparisons fall short of the link threshold"
CLASH = "another report in one of the incidents clashes with the other (place, date or identity)"
TORN = "one of the reports fits two events that cannot be one, so it joins neither"


def suggest(
    edges: Sequence[Edge],
    feats: Sequence[Features],
    incident_at: Sequence[str | None],
    labels: Sequence[Mapping[str, int]],
    torn: Set[int] = frozenset(),
) -> list[Suggestion]:
    """Suggestions from scored claim pairs that ended in different incidents (strongest first, at
    most ``rules.SUGGESTIONS_PER_INCIDENT`` for any one incident).

    ``incident_at`` gives each claim's incident id by its position (None: in none); ``labels`` are the analysts'
    cannot-link labels per position (splits and keep-apart decisions): a pair they separate is
    never suggested again. ``torn`` are the positions of claims that fit two events and joined
    neither (``link.torn_between``).
    """
    # An incident carries the labels of all its claims: once an analyst has kept two events
    # apart, a report added to either later does not bring the pair back.
    # Only incidents that carry a label can be kept apart: most carry none, and a ledger of a
    # million claims has millions of scored pairs to look at.
    incident_labels: dict[str, dict[str, int]] = {}
    for position, incident in enumerate(incident_at):
        if labels[position] and incident is not None:
            incident_labels.setdefault(incident, {}).update(labels[position])
    doc_at = [f.doc for f in feats]

    def across() -> Iterator[_Across]:
        return _across(edges, incident_at, doc_at, incident_labels)

    # Each pair of incidents keeps its best-scored claim pair. Only pairs at or above a cut are
    # gathered (a million claims give millions of pairs, and a dict of them all was the largest
    # thing reconcile held): the cut is the weight of the k-th strongest claim pair, every
    # incident pair above it is gathered whole, and the cut is lowered only when those run out
    # before MAX_SUGGESTIONS are chosen. The choice is the one all pairs would give.
    k = 8 * rules.MAX_SUGGESTIONS
    while True:
        strongest = heapq.nlargest(k, (pair[0] for pair in across()))
        cut = strongest[-1] if len(strongest) >= k else None  # None: every pair
        chosen = _strongest(_best_pairs(across(), cut))
        if cut is None or len(chosen) >= rules.MAX_SUGGESTIONS:
            break
        k *= 4
    return [_suggestion(a, b, weight, feats[i], feats[j], i in torn or j in torn) for (a, b), (weight, i, j) in chosen]


_Across = tuple[float, int, int, str, str]  # weight, the two claims' positions, their incidents


def _across(
    edges: Iterable[Edge],
    incident_at: Sequence[str | None],
    doc_at: Sequence[str],
    incident_labels: Mapping[str, Mapping[str, int]],
) -> Iterator[_Across]:
    """The scored pairs that may be put to an analyst: strong enough, across incidents and
    documents, and not kept apart by an analyst."""
    floor = rules.SUGGEST_THRESHOLD
    for weight, i, j in edges:
        if weight < floor:
            continue
        a, b = incident_at[i], incident_at[j]
        if a is None or b is None or a == b or doc_at[i] == doc_at[j]:
            continue
        if a in incident_labels and b in incident_labels and _kept_apart(incident_labels[a], incident_labels[b]):
            continue
        yield weight, i, j, a, b


def _best_pairs(pairs: Iterable[_Across], cut: float | None) -> dict[tuple[str, str], tuple[float, int, int]]:
    """Each pair of incidents with its best claim pair (the first of equal weights), of those at
    or above ``cut``; ordered as (weight, claim of the first incident, claim of the second)."""
    best: dict[tuple[str, str], tuple[float, int, int]] = {}
    for weight, i, j, a, b in pairs:
        if cut is not None and weight < cut:
            continue
        key = (a, b) if a < b else (b, a)
        if key not in best or weight > best[key][0]:
            best[key] = (weight, i, j) if a < b else (weight, j, i)
    return best


def _strongest(
    best: Mapping[tuple[str, str], tuple[float, int, int]],
) -> list[tuple[tuple[str, str], tuple[float, int, int]]]:
    """The pairs an analyst sees, strongest first: at most SUGGESTIONS_PER_INCIDENT for any one
    incident, MAX_SUGGESTIONS in all. Only the strongest few thousand pairs are ordered (a million
    claims score millions); more are taken only if those run out before the cap is reached."""

    def order(kv: tuple[tuple[str, str], tuple[float, int, int]]) -> tuple[float, tuple[str, str]]:
        return (-kv[1][0], kv[0])

    k = 8 * rules.MAX_SUGGESTIONS
    while True:
        first = heapq.nsmallest(k, best.items(), key=order) if k < len(best) else sorted(best.items(), key=order)
        taken: dict[str, int] = {}
        out = []
        for (a, b), edge in first:
            if taken.get(a, 0) >= rules.SUGGESTIONS_PER_INCIDENT or taken.get(b, 0) >= rules.SUGGESTIONS_PER_INCIDENT:
                continue
            taken[a], taken[b] = taken.get(a, 0) + 1, taken.get(b, 0) + 1
            out.append(((a, b), edge))
            if len(out) >= rules.MAX_SUGGESTIONS:
                return out
        if len(first) >= len(best):
            return out
        k *= 4


def _kept_apart(mine: Mapping[str, int], theirs: Mapping[str, int]) -> bool:
    return any(key in theirs and theirs[key] != group for key, group in mine.items())


def _suggestion(a: str, b: str, weight: float, fa: Features, fb: Features, torn: bool = False) -> Suggestion:
    reasons: list[str] = []
    score(fa, fb, reasons)
    pros = tuple(r for r in reasons if "(+" in r)
    cons = [r for r in reasons if "(-" in r]
    if weight < rules.LINK_THRESHOLD:
        cons.append(BELOW)
    elif not identified(fa, fb):
        cons.append(NO_EVIDENCE)
    elif torn:
        cons.append(TORN)
    else:
        cons.append(CLASH)
    return Suggestion(Suggestion.make_id(a, b), a, b, round(weight, 2), fa.claim_id, fb.claim_id, pros, tuple(cons))
