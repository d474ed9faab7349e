"""Blocking finds every pair the scorer may link, and clustering never joins a clashing pair.

A pure-Python reference (every pair scored, clusters merged only when no pair across them clashes)
is checked against the blocked, summary-based implementation on generated claim sets.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harmledger.incidents import link, rules
from harmledger.incidents.cluster import cluster, partition
from harmledger.incidents.link import (
    Features,
    all_pairs_edges,
    blocked_edges,
    build_features,
    date_gap,
    dates_clash,
    places_clash,
    toll_score,
    torn_between,
)
from harmledger.records import Claim, Count, DateRef, Document, PlaceRef, Span

BASE = date(2020, 3, 1)
TOWNS = [  # country, admin1, lat, lon
    ("SY", "Aleppo", 36.2, 37.16),
    ("SY", "Aleppo", 36.53, 37.95),
    ("SY", "Idlib", 35.93, 36.63),
    ("AF", "Kabul", 34.53, 69.17),
    ("AF", "Kabul", 34.6, 69.3),
]


@st.composite
def claim_sets(draw) -> tuple[list[Claim], dict[str, Document]]:
    n_docs = draw(st.integers(1, 6))
    docs = {
        f"d{k}": Document(
            id=f"d{k}",
            original=b"x",
            text=f"doc {k}",
            origin="t",
            published=BASE + timedelta(days=draw(st.integers(0, 20))),
        )
        for k in range(n_docs)
    }
    claims = []
    for n in range(draw(st.integers(1, 25))):
        doc_id = f"d{draw(st.integers(0, n_docs - 1))}"
        town = draw(st.sampled_from(TOWNS))
        prec = draw(st.sampled_from([None, 1, 2, 4, 6, 7]))
        place = (
            None
            if prec == 7
            else PlaceRef(
                "p",
                "p",
                town[2] + draw(st.floats(-0.2, 0.2)),
                town[3],
                town[0],
                None if prec == 6 or draw(st.booleans()) else town[1],
                precision=prec,
            )
        )
        day = draw(st.one_of(st.none(), st.integers(0, 25)))
        span_days = draw(st.sampled_from([0, 0, 6, 30, 365]))
        dref = None if day is None else DateRef("d", BASE + timedelta(day), BASE + timedelta(day + span_days), "day")
        figure = draw(st.integers(1, 12))
        sp = Span(n, n + 1)
        claims.append(
            Claim(
                id=f"c{n}",
                document_id=doc_id,
                kind="casualty",
                outcome=draw(st.sampled_from(["killed", "injured"])),
                count=Count(figure, figure, figure, "exact"),
                victims=draw(st.sampled_from(["civilians", "combatants", "people"])),
                span=sp,
                sentence=sp,
                quote=draw(st.sampled_from(["same words", f"q{n}"])),
                event_type=draw(st.sampled_from([None, "airstrike", "shelling", "attack"])),
                perpetrator=draw(st.sampled_from([None, "ISIS", "Daesh", "Taliban"])),
                place=place,
                date=dref,
                # a cumulative toll's period: only tolls of the same period phrase are compared
                period=draw(st.sampled_from([None, None, "since March", "in the past week"])),
            )
        )
    return claims, docs


def clash(a: Features, b: Features) -> bool:
    """The hard rules, spelled out: other country or too far, or both own / both publication
    dates too far apart."""
    gap = date_gap(a, b)
    too_far = gap is not None and gap > rules.MAX_DATE_GAP_DAYS and a.own_date == b.own_date
    return places_clash(a, b) or too_far


def reference_clusters(feats: list[Features]) -> set[frozenset[str]]:
    """Every pair scored; merge strongest first when no pair across the two sets clashes."""
    sets = {i: {i} for i in range(len(feats))}
    where = list(range(len(feats)))
    for _, i, j in sorted(all_pairs_edges(feats), key=lambda e: (-e[0], e[1], e[2])):
        a, b = where[i], where[j]
        if a == b or any(clash(feats[x], feats[y]) for x in sets[a] for y in sets[b]):
            continue
        sets[a] |= sets.pop(b)
        for x in sets[a]:
            where[x] = a
    return {frozenset(feats[i].claim_id for i in s) for s in sets.values()}


def reference_torn(edges: list[tuple[float, int, int]], feats: list[Features]) -> set[int]:
    """A claim is torn when, among its partners in other documents within TORN_MARGIN of its
    strongest (strongest first, ties in the edges' order, at most TORN_PARTNERS), two from
    different documents clash in place or date."""
    torn = set()
    for i in range(len(feats)):
        partners = [(w, b if a == i else a) for w, a, b in edges if i in (a, b) and feats[a].doc != feats[b].doc]
        if len(partners) < 2:
            continue
        partners.sort(key=lambda p: -p[0])
        close = [j for w, j in partners if w >= partners[0][0] - rules.TORN_MARGIN][: link.TORN_PARTNERS]
        if any(
            feats[x].doc != feats[y].doc and (places_clash(feats[x], feats[y]) or dates_clash(feats[x], feats[y]))
            for n, x in enumerate(close)
            for y in close[:n]
        ):
            torn.add(i)
    return torn


@settings(max_examples=150, deadline=None)
@given(claim_sets())
def test_a_claim_is_torn_exactly_as_the_plain_reference_says(data):
    claims, docs = data
    feats = build_features(claims, docs)
    edges = [e for e in blocked_edges(feats, floor=0.0)]
    assert torn_between(edges, feats) == reference_torn(edges, feats)


@settings(max_examples=150, deadline=None)
@given(claim_sets())
def test_blocking_finds_exactly_the_pairs_the_scorer_links(data):
    claims, docs = data
    feats = build_features(claims, docs)
    blocked = sorted(blocked_edges(feats))
    assert blocked == sorted(all_pairs_edges(feats))


@settings(max_examples=150, deadline=None)
@given(claim_sets())
def test_blocking_finds_exactly_the_pairs_of_cumulative_tolls_the_toll_scorer_links(data):
    claims, docs = data
    feats = build_features(claims, docs)
    blocked = sorted(blocked_edges(feats, toll_score, floor=rules.LINK_THRESHOLD))
    assert blocked == sorted(all_pairs_edges(feats, toll_score, floor=rules.LINK_THRESHOLD))


@settings(max_examples=150, deadline=None)
@given(claim_sets())
def test_blocked_clustering_matches_the_pairwise_reference(data):
    claims, docs = data
    feats = build_features(claims, docs)
    groups, _ = cluster(feats, blocked_edges(feats))
    assert partition(groups, feats) == reference_clusters(feats)
    for group in groups:
        assert not any(clash(feats[x], feats[y]) for x in group for y in group)


def test_blocking_reaches_a_long_date_range_from_its_last_days():
    """A claim dated "between 1 and 30 March" is compared with a report of 29 March, though its
    range starts four weeks earlier (the sorted neighbourhood must look back a range's width)."""
    docs = {d: Document(id=d, original=b"x", text=d, origin="t", published=None) for d in ("d0", "d1", "d2")}
    place = PlaceRef("p", "Aleppo", 36.2, 37.16, "SY", "Aleppo", precision=1)

    def dated(cid: str, doc: str, start: int, days: int) -> Claim:
        return Claim(
            id=cid, document_id=doc, kind="casualty", outcome="killed", count=Count(7, 7, 7, "exact"),
            victims="civilians", span=Span(0, 1), sentence=Span(0, 1), quote="seven killed", event_type="airstrike",
            perpetrator="ISIS", place=place,
            date=DateRef("d", BASE + timedelta(start), BASE + timedelta(start + days), "day"),
        )  # fmt: skip

    claims = [dated("wide", "d0", 0, 29), dated("late", "d1", 28, 0), dated("other", "d2", 28, 0)]
    feats = build_features(claims, docs)
    assert sorted(blocked_edges(feats)) == sorted(all_pairs_edges(feats))
    assert {(i, j) for _, i, j in blocked_edges(feats)} >= {(0, 1), (0, 2)}


def test_scored_pairs_are_held_compactly_and_read_back_as_the_scorer_gave_them() -> None:
    from harmledger.incidents.link import Edges

    edges = Edges()
    for edge in [(2.5, 0, 3), (7.25, 1, 2), (-0.5, 4, 1_000_123)]:
        edges.append(edge)
    assert len(edges) == 3
    assert list(edges) == [(2.5, 0, 3), (7.25, 1, 2), (-0.5, 4, 1_000_123)]
    assert edges[1] == (7.25, 1, 2) and edges[-1][2] == 1_000_123
    assert edges[1:] == [(7.25, 1, 2), (-0.5, 4, 1_000_123)]
    assert all(type(w) is float and type(i) is int and type(j) is int for w, i, j in edges)


@pytest.mark.parametrize("shuffled", [False, True])
def test_edges_strongest_first_are_in_the_order_of_sorted_tuples(shuffled: bool) -> None:
    import random

    from harmledger.incidents.link import Edges

    rnd = random.Random(5)
    pairs = sorted({(rnd.randrange(60), rnd.randrange(60)) for _ in range(400)})
    # few weights, as sums of rule weights are: ties are ordered by the claims' positions
    tuples = [(rnd.choice([4.5, 3.0, 3.0, 2.5, 0.0, -0.0, 7.25]), i, j) for i, j in pairs if i < j]
    if shuffled:  # another engine may give them in any order
        rnd.shuffle(tuples)
    edges = Edges.of(tuples)
    order = [edges[k] for k in edges.strongest_first(60)]
    assert order == sorted(tuples, key=lambda e: (-e[0], e[1], e[2]))


@pytest.mark.parametrize(("cap", "per_incident"), [(2, 1), (3, 1), (5, 2), (100, 3)])
def test_suggestions_gathered_above_a_cut_are_those_all_pairs_give(
    monkeypatch: pytest.MonkeyPatch, cap: int, per_incident: int
) -> None:
    # Only incident pairs above a cut are gathered, the cut lowered when they run out: the choice
    # must be the one made from every pair (strongest first, each incident at most per_incident)
    from harmledger.incidents.suggest import suggest
    from tests.test_incidents_builder import claim, doc

    monkeypatch.setattr(rules, "MAX_SUGGESTIONS", cap)
    monkeypatch.setattr(rules, "SUGGESTIONS_PER_INCIDENT", per_incident)
    # reports of one town over three days with figures near one another: weights of many values
    figures = [(n * 7) % 23 + 3 for n in range(40)]
    claims = [
        claim(f"d{n}", low=f, best=f, high=f, place="manbij", day=date(2016, 7, 16 + n % 3))
        for n, f in enumerate(figures)
    ]
    docs = {c.document_id: doc(c.document_id) for c in claims}
    feats = build_features(claims, docs)
    edges = blocked_edges(feats)
    # kept in six incidents (as if joined): many claim pairs for each pair of incidents, so the
    # strongest few claim pairs may name too few incident pairs and the cut must be lowered
    incident_of = [f"inc{n % 6}" for n in range(len(claims))]
    got = [(s.incident_a, s.incident_b, s.score) for s in suggest(edges, feats, incident_of, [{}] * len(claims))]

    best: dict[tuple[str, str], float] = {}
    for w, i, j in edges:
        if w >= rules.SUGGEST_THRESHOLD:
            key = tuple(sorted((incident_of[i], incident_of[j])))
            best[key] = max(best.get(key, w), w)  # type: ignore[index]
    taken: dict[str, int] = {}
    want = []
    for (a, b), w in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])):
        if taken.get(a, 0) < per_incident and taken.get(b, 0) < per_incident and len(want) < cap:
            taken[a], taken[b] = taken.get(a, 0) + 1, taken.get(b, 0) + 1
            want.append((a, b, round(w, 2)))
    assert got and got == want
