"""Incidents: claims reconciled across documents into graded incidents and aggregates.

``reconcile`` links event claims (blocking + the scorer in ``rules``/``link``), clusters them
without breaking a hard rule (``cluster``), attaches belligerents' statements, keeps cumulative
tolls apart as aggregates beside their incident, keeps ids stable against ``previous`` and applies
analysts' ``Decisions``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from harmledger.incidents import link, rules
from harmledger.incidents.assemble import Context, build
from harmledger.incidents.cluster import NO_SPLITS, UnionFind, cluster
from harmledger.incidents.corrections import correct_claim, correct_incident, corrected_count, qualifier_for
from harmledger.incidents.decisions import CLAIM_FIELDS, FIGURE_FIELDS, INCIDENT_FIELDS, Correction, Decisions
from harmledger.incidents.link import (
    BlockIndex,
    Edge,
    EdgeFinder,
    Edges,
    Features,
    block_keys,
    blocked_edges,
    build_features,
    document_cues,
    features_of,
    score,
    toll_score,
)
from harmledger.incidents.rules import EDGE_FLOOR
from harmledger.incidents.suggest import suggest
from harmledger.incidents.syndication import Syndication, TextLoader, texts_from
from harmledger.incidents.totals import Total, area_of, totals_over_places
from harmledger.records import Claim, Document, Grade, Incident, Line, Suggestion, Template

__all__ = [
    "CLAIM_FIELDS",
    "EDGE_FLOOR",
    "FIGURE_FIELDS",
    "INCIDENT_FIELDS",
    "Correction",
    "Decisions",
    "Edge",
    "EdgeFinder",
    "Features",
    "Reconciliation",
    "TextLoader",
    "assign_ids",
    "block_keys",
    "correct_claim",
    "correct_incident",
    "corrected_count",
    "qualifier_for",
    "reconcile",
    "reconcile_with_suggestions",
    "score",
]


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """What one reconciliation derives: incidents and aggregates, and pairs for an analyst."""

    incidents: list[Incident]
    suggestions: list[Suggestion]


def assign_ids(
    groups: Callable[[], Iterable[Sequence[str]]], previous: Mapping[str, Sequence[str]] | None
) -> list[str]:
    """An id for each group of claim ids (``groups()`` gives them, each time in one order): the
    previous incident it overlaps most, else a new hash. The groups are made as they are read, a
    million lists of ids not held at once."""
    owner = {cid: iid for iid, cids in (previous or {}).items() for cid in cids}
    offers: list[tuple[int, str, int]] = []
    if owner:
        for pos, group in enumerate(groups()):
            overlap = Counter(owner[c] for c in group if c in owner)
            offers += [(-n, iid, pos) for iid, n in overlap.items()]
    kept: dict[int, str] = {}
    taken: set[str] = set()
    for _, iid, pos in sorted(offers):
        if pos not in kept and iid not in taken:
            kept[pos] = iid
            taken.add(iid)
    return [kept.get(pos) or Incident.make_id(list(group)) for pos, group in enumerate(groups())]


LINK_LINE = Template("linked {} ~ {}: score {:g} = {}")


def _link_lines(
    edges: Sequence[Edge], feats: Sequence[Features], scorer: Callable[..., float | None] = score
) -> dict[int, list[Line]]:
    """Why each used edge linked its two claims, keyed by the edge's first position."""
    out: dict[int, list[Line]] = {}
    said: dict[str, str] = {}  # one string for each wording of the reasons: a million links repeat a few thousand
    for s, i, j in edges:
        reasons: list[str] = []
        scorer(feats[i], feats[j], reasons)
        why = ", ".join(reasons)
        out.setdefault(i, []).append(LINK_LINE(feats[i].claim_id, feats[j].claim_id, s, said.setdefault(why, why)))
    return out


def _apply_merges(
    groups: list[list[int]],
    merges: Sequence[Sequence[str]],
    previous: Mapping[str, Sequence[str]],
    feats: Sequence[Features],
    claim_labels: Sequence[Mapping[str, int]],
    split_after: Mapping[tuple[str, ...], frozenset[str]],
) -> list[list[int]]:
    """Join clusters holding claims of incidents an analyst merged, except across a split decided
    after the merge (the merged incident is then held by its id, so the merge would undo it)."""
    if not merges:
        return groups
    where = {feats[i].claim_id: g for g, group in enumerate(groups) for i in group}
    labels = _group_labels(groups, claim_labels)
    uf = UnionFind(len(groups))
    for merge in merges:
        hit = [where[c] for iid in merge for c in previous.get(iid, ()) if c in where]
        for g in hit[1:]:
            _union_unless_apart(uf, labels, hit[0], g, split_after.get(tuple(merge), frozenset()))
    return _joined(groups, uf)


def _group_labels(groups: list[list[int]], claim_labels: Sequence[Mapping[str, int]]) -> list[dict[str, int]]:
    """Each group's cannot-link labels (decision → side), gathered from its claims."""
    return [dict(kv for i in group for kv in claim_labels[i].items()) for group in groups]


def _union_unless_apart(
    uf: UnionFind, labels: list[dict[str, int]], a: int, b: int, binding: Collection[str] | None = None
) -> None:
    """Join the groups of ``a`` and ``b`` unless a cannot-link label (of ``binding`` only, when
    given) puts them on different sides of a decision; the joined group carries both's labels."""
    ra, rb = uf.find(a), uf.find(b)
    if ra == rb:
        return
    if any(labels[rb].get(key, side) != side for key, side in labels[ra].items() if binding is None or key in binding):
        return
    root = uf.union(ra, rb)
    labels[root] = {**labels[ra], **labels[rb]}


def _joined(groups: list[list[int]], uf: UnionFind) -> list[list[int]]:
    """``groups`` with those ``uf`` put together joined (each sorted), in order of first appearance."""
    joined: dict[int, list[int]] = {}
    for g, group in enumerate(groups):
        joined.setdefault(uf.find(g), []).extend(group)
    return [sorted(v) for v in joined.values()]


def _best_partner(f: Features, index: BlockIndex, floor: float, *, evidence: bool = False) -> int | None:
    """The indexed claim that scores highest with ``f`` (at least ``floor``; with ``evidence``,
    only a claim of the same document or one ``link.linked`` would join)."""
    best: tuple[float, int] | None = None
    for j in index.candidates(f):
        s = score(f, index.feats[j])
        if s is None or s < floor or (evidence and not link.linked(f, index.feats[j], s)):
            continue
        if best is None or (s, -j) > (best[0], -best[1]):
            best = (s, j)
    return None if best is None else best[1]


def reconcile(
    claims: Sequence[Claim],
    documents: Mapping[str, Document],
    *,
    previous: Mapping[str, Sequence[str]] | None = None,
    decisions: Decisions | None = None,
    find_edges: EdgeFinder | None = None,
    texts: TextLoader | None = None,
) -> list[Incident]:
    """Group ``claims`` into incidents (and cumulative tolls into aggregates).

    ``find_edges`` scores the candidate pairs of event claims; by default in memory
    (``blocked_edges``), on Spark with ``harmledger.spark.spark_edges``: the same pairs either way.
    ``texts`` loads documents' texts when they are needed (``Ledger.texts``), so ``documents``
    may be held without them; by default their texts are read from ``documents``.
    """
    return reconcile_with_suggestions(
        claims, documents, previous=previous, decisions=decisions, find_edges=find_edges, texts=texts
    ).incidents


def reconcile_with_suggestions(
    claims: Sequence[Claim],
    documents: Mapping[str, Document],
    *,
    previous: Mapping[str, Sequence[str]] | None = None,
    decisions: Decisions | None = None,
    find_edges: EdgeFinder | None = None,
    texts: TextLoader | None = None,
) -> Reconciliation:
    """``reconcile``, and the pairs of incidents that may be one event (``suggest``)."""
    texts = texts if texts is not None else texts_from(documents)
    decisions = decisions or Decisions()
    claims = list({c.id: c for c in claims}.values())  # a claim read twice is still one claim
    casualties = [c for c in claims if c.kind == "casualty"]
    # A report's total over several places sits beside their incidents, as a cumulative toll does.
    totals = totals_over_places([c for c in casualties if c.scope != "cumulative"])
    events = [c for c in casualties if c.scope != "cumulative" and c.id not in totals]
    tolls = [c for c in casualties if c.scope == "cumulative" or c.id in totals]
    statements = [c for c in claims if c.kind == "statement"]
    plan = _plan(events, tolls, statements, documents, texts, decisions, previous or {}, find_edges, totals)
    link.forget_wording()
    # Linking's features, index and scored pairs were dropped with ``_plan``'s return: a large
    # ledger's incidents take their place in memory rather than adding to them.
    ctx = Context(documents, Syndication(documents, texts), decisions.rejected, _leads(events), plan.silent_on_death)
    incidents: list[Incident] = []
    for n, group in enumerate(plan.groups):
        # Each group's link lines are taken as it is assembled: held once, in its incident.
        lines: list[Line | str] = [line for i in group for line in plan.links.pop(i, ())]
        claims_of = [events[i] for i in group]
        incidents.append(build(plan.ids[n], "incident", claims_of, plan.attached.get(n, []), ctx, lines))
    for n, group in enumerate(plan.toll_groups):
        lines = [totals[tolls[i].id].why for i in group if tolls[i].id in totals]
        lines += [line for i in group for line in plan.toll_links.get(i, ())]
        claims_of = [tolls[i] for i in group]
        incident_id = plan.ids[len(plan.groups) + n]
        aggregate = build(incident_id, "aggregate", claims_of, [], ctx, lines, plan.related[n])
        area = area_of([c for c in claims_of if c.id in totals])
        incidents.append(replace(aggregate, place=area) if area is not None else aggregate)
    if decisions.grades:
        incidents = [_with_grade(inc, decisions.grades.get(inc.id)) for inc in incidents]
    return Reconciliation(incidents, plan.suggestions)


@dataclass(frozen=True, slots=True)
class _Plan:
    """Which claims make each incident and aggregate, and why: what assembling them needs.

    ``groups`` and ``toll_groups`` hold positions in the event and toll claims; ``ids`` the
    incident ids of both, in that order; ``attached`` the statements per group; ``related`` the
    incident each aggregate sits beside.
    """

    groups: list[list[int]]
    links: dict[int, list[Line]]
    attached: dict[int, list[Claim]]
    toll_groups: list[list[int]]
    toll_links: dict[int, list[Line]]
    ids: list[str]
    related: list[str | None]
    suggestions: list[Suggestion]
    silent_on_death: frozenset[str]  # documents whose texts hold no word of death (``TextCues.dead``)


def _plan(
    events: Sequence[Claim],
    tolls: Sequence[Claim],
    statements: Sequence[Claim],
    documents: Mapping[str, Document],
    texts: TextLoader,
    decisions: Decisions,
    previous: Mapping[str, Sequence[str]],
    find_edges: EdgeFinder | None,
    totals: Mapping[str, Total],
) -> _Plan:
    """Link and cluster the claims: the incidents' groups, ids, link lines and suggestions.

    ``totals`` (among ``tolls``) are reports' totals over several places: their parts are kept
    apart, as an analyst's split would, and a total said twice in one report is one aggregate.
    """
    # What linking reads of each text, taken a batch of texts at a time; no text is kept.
    doc_ids = (c.document_id for part in (events, tolls, statements) for c in part if c.document_id in documents)
    cues = document_cues(doc_ids, texts)
    silent = frozenset(doc_id for doc_id, cue in cues.items() if not cue.dead)

    feats = build_features(events, documents, cues)
    for f in feats:
        f.period = ""  # an event claim's period phrase does not separate it from other reports
    labels = decisions.split_labels()
    for total_id, total in totals.items():
        for place, part in enumerate(total.parts):
            labels.setdefault(part.id, {})[f"total:{total_id}"] = place
    index = BlockIndex(feats)
    scored = find_edges(feats) if find_edges is not None else blocked_edges(feats, index=index)
    # Held as arrays, not tuples: a million claims link by millions of pairs.
    edges = Edges.of(e for e in scored if link.linked(feats[e[1]], feats[e[2]], e[0]))
    torn = link.torn_between(edges, feats)
    if torn:
        edges = Edges.of(e for e in edges if feats[e[1]].doc == feats[e[2]].doc or not (e[1] in torn or e[2] in torn))
    claim_labels = [labels.get(c.id, NO_SPLITS) for c in events]  # one shared empty mapping: most have none
    groups, used = cluster(feats, edges, claim_labels)
    del edges  # the pairs clustering joined by are ``used``; the rest are suggestions' (``scored``)
    groups = _keep_split_groups(groups, decisions.split_groups(), feats, claim_labels)
    groups = _apply_merges(
        groups, decisions.all_merges(), decisions.merge_claims(previous), feats, claim_labels, decisions.split_after
    )

    group_of = [-1] * len(feats)  # each claim's group, by position (a list: a dict of a million costs 100 MB)
    for n, group in enumerate(groups):
        for i in group:
            group_of[i] = n
    attached: dict[int, list[Claim]] = {}
    split_groups = decisions.split_groups()
    pinned = _pinned_statements(split_groups, {c.id: group_of[i] for i, c in enumerate(events)}) if split_groups else {}
    if statements and feats:
        # A report whose figures make one incident is about it: its "X claimed responsibility for
        # the attack" is too, wherever the sentence's own place is ("… in retaliation for the
        # coalition's presence in Yemen" beside a strike in Saudi Arabia).
        speaking = {st.document_id for st in statements}
        only_group: dict[str, int | None] = {}  # a document's one group, None when it has several
        for i, c in enumerate(events):
            if c.document_id in speaking:
                g = only_group.setdefault(c.document_id, group_of[i])
                if g != group_of[i]:
                    only_group[c.document_id] = None
        for f, st in zip(build_features(statements, documents, cues), statements, strict=True):
            f.period = ""
            j = _best_partner(f, index, rules.LINK_THRESHOLD, evidence=True)
            own = only_group.get(st.document_id)
            if st.id in pinned:  # an analyst's split put it with these claims
                attached.setdefault(pinned[st.id], []).append(st)
            elif j is not None:
                attached.setdefault(group_of[j], []).append(st)
            elif own is not None:
                attached.setdefault(own, []).append(st)

    toll_feats = build_features(tolls, documents, cues)
    toll_groups, toll_used = cluster(toll_feats, blocked_edges(toll_feats, toll_score, floor=rules.LINK_THRESHOLD))
    toll_groups = _join_repeated_totals(toll_groups, tolls)
    toll_links = _link_lines(toll_used, toll_feats, toll_score)

    # The group each aggregate sits beside, found before ids are given: the blocking index and
    # the texts' cues of a million claims are then dropped before the ids take their place.
    beside_group: list[int | None] = []
    for group in toll_groups:
        beside = None
        for i in group if feats else ():
            # A toll covers a period ("since March 31st"): it sits beside the incident its
            # report is about, so it is compared as of its report's publication date.
            toll, doc_id = replace(tolls[i], date=None, period=None), tolls[i].document_id
            probe = features_of(i, toll, documents.get(doc_id), cues.get(doc_id))
            j = _best_partner(probe, index, 0.0)
            if j is not None:
                beside = group_of[j]
                break
        beside_group.append(beside)
    del cues, index

    def claim_ids() -> Iterator[list[str]]:
        for n, group in enumerate(groups):
            yield [events[i].id for i in group] + [st.id for st in attached.get(n, [])]
        for group in toll_groups:
            yield [tolls[i].id for i in group]

    ids = assign_ids(claim_ids, previous)
    related = [ids[g] if g is not None else None for g in beside_group]
    incident_at: list[str | None] = [ids[g] if g >= 0 else None for g in group_of]
    del group_of
    suggestions = suggest(scored, feats, incident_at, claim_labels, torn)
    del scored, incident_at
    # Written last, when the blocking index, the texts' cues and the scored pairs are gone: a
    # million claims' link lines take their room.
    links = _link_lines(used, feats)
    return _Plan(groups, links, attached, toll_groups, toll_links, ids, related, suggestions, silent)


def _keep_split_groups(
    groups: list[list[int]],
    split_groups: Sequence[Sequence[str]],
    feats: Sequence[Features],
    claim_labels: Sequence[Mapping[str, int]],
) -> list[list[int]]:
    """An analyst's split also says which claims belong together: each of its groups stays one
    incident, though linking alone would break it further once the claims that tied it to the
    rest are gone. Groups are not joined across a cannot-link label (a later split or keep-apart)."""
    if not split_groups:
        return groups
    where = {feats[i].claim_id: g for g, group in enumerate(groups) for i in group}
    labels = _group_labels(groups, claim_labels)
    uf = UnionFind(len(groups))
    for members in split_groups:
        hit = [where[c] for c in members if c in where]
        for g in hit[1:]:
            _union_unless_apart(uf, labels, hit[0], g)
    return _joined(groups, uf)


def _pinned_statements(split_groups: Sequence[Sequence[str]], group_of: Mapping[str, int]) -> dict[str, int]:
    """Statement ids an analyst's split grouped with event claims → the group holding those claims."""
    pinned: dict[str, int] = {}
    for members in split_groups:
        held = next((group_of[c] for c in members if c in group_of), None)
        if held is not None:
            pinned.update({c: held for c in members if c not in group_of})
    return pinned


def _join_repeated_totals(groups: list[list[int]], tolls: Sequence[Claim]) -> list[list[int]]:
    """Join the aggregates holding one report's same total (its headline and its lead), however
    each words its period: "180 killed since fighting began" over "since clashes erupted in
    early March, at least 180 people have been killed"."""
    uf = UnionFind(len(groups))
    first: dict[tuple[str, str | None, int | None], int] = {}
    for g, group in enumerate(groups):
        for i in group:
            c = tolls[i]
            if c.count is not None:
                uf.union(first.setdefault((c.document_id, c.outcome, c.count.point), g), g)
    return _joined(groups, uf)


def _leads(events: Sequence[Claim]) -> frozenset[str]:
    """Each document's first figure of the dead: the writer's summary of them."""
    first: dict[str, Claim] = {}
    for c in events:
        if c.outcome == "killed" and (c.document_id not in first or c.span.start < first[c.document_id].span.start):
            first[c.document_id] = c
    return frozenset(c.id for c in first.values())


def _with_grade(incident: Incident, grade: Grade | None) -> Incident:
    """Apply an analyst's grade, saying so in the explanation."""
    if grade is None:
        return incident
    return replace(incident, grade=grade, explanation=incident.explanation + (f"grade set to {grade} by an analyst",))
