"""Scored pairs → clusters: union-find over edges, strongest first, that never breaks a hard rule.

Plain transitive closure chains unrelated reports together (A~B, B~C, yet A and C are a week or
100 km apart). Each cluster therefore keeps a small summary (its country, the latest start and
earliest end of its claims' own dates and, apart, of its publication-date fallbacks, its distinct
precise points, the analyst's split labels) and two clusters merge only when every pair across
them would still pass the hard rules (``link.places_clash``, ``link.dates_clash``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from harmledger.incidents import rules
from harmledger.incidents.link import POSITIONS, Edge, Edges, Features, km

# lat, lon, radius, document, own date span (None when dated by publication): what
# ``link.places_clash`` reads.
Point = tuple[float, float, float, str, "tuple[int | None, int | None] | None"]
NO_SPLITS: Mapping[str, int] = {}  # shared by every claim no analyst split: never changed


@dataclass(slots=True)
class Summary:
    """What the hard rules need to know about a cluster."""

    country: str
    own: tuple[int, int] | None  # (latest start, earliest end) over claims' own dates
    published: tuple[int, int] | None  # the same over publication-date fallbacks
    # A lone claim's point as a tuple, a set once clusters merge: a million claims each holding
    # a set and a dict of their own took more memory than their features.
    points: set[Point] | tuple[Point, ...]
    splits: Mapping[str, int]  # split decision → group index (NO_SPLITS, or replaced: never changed)

    @classmethod
    def of(cls, f: Features, splits: Mapping[str, int] | None = None) -> Summary:
        own = (f.d0, f.d1) if f.own_date else None
        points = () if f.lat is None else ((f.lat, f.lon or 0.0, f.radius, f.doc, own),)
        span = (f.d0, f.d1) if f.linkable and f.d0 is not None and f.d1 is not None else None
        return cls(
            f.country,
            span if f.own_date else None,
            None if f.own_date else span,
            points,
            dict(splits) if splits else NO_SPLITS,
        )

    def compatible(self, other: Summary) -> bool:
        """Whether every pair across the two clusters passes the hard rules."""
        if self.country and other.country and self.country != other.country:
            return False
        for mine, theirs in ((self.own, other.own), (self.published, other.published)):
            if mine is not None and theirs is not None:
                if max(mine[0], theirs[0]) - min(mine[1], theirs[1]) > rules.MAX_DATE_GAP_DAYS:
                    return False
        for key, group in self.splits.items():
            if other.splits.get(key, group) != group:
                return False
        for lat1, lon1, r1, doc1, own1 in self.points:
            for lat2, lon2, r2, doc2, own2 in other.points:
                # One report's claims: the wider margin of ``link.places_clash``, unless dated apart.
                same_report = doc1 == doc2 and not (own1 is not None and own2 is not None and own1 != own2)
                margin = rules.SAME_DOCUMENT_MARGIN_KM if same_report else rules.PLACE_MARGIN_KM
                if km(lat1, lon1, lat2, lon2) > r1 + r2 + margin:
                    return False
        return True

    def absorb(self, other: Summary) -> None:
        """Fold ``other`` into this summary."""
        self.country = self.country or other.country
        self.own = _fold(self.own, other.own)
        self.published = _fold(self.published, other.published)
        if isinstance(self.points, set):
            self.points.update(other.points)
        elif other.points:
            self.points = {*self.points, *other.points}
        if other.splits:
            self.splits = {**self.splits, **other.splits}


def _fold(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return (max(a[0], b[0]), min(a[1], b[1]))


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving and union by size."""

    def __init__(self, n: int) -> None:
        # Arrays, not lists: 8 bytes a member where a list and its ints took about 70.
        self.parent = array(POSITIONS, range(n))
        self.size = array(POSITIONS, [1]) * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra


def cluster(
    feats: Sequence[Features],
    edges: Iterable[Edge],
    splits: Sequence[Mapping[str, int]] | None = None,
) -> tuple[list[list[int]], Edges]:
    """Clusters (lists of positions, each sorted, ordered by first member) and the edges used."""
    uf = UnionFind(len(feats))
    # A cluster's summary is made when an edge first reaches it: many claims are linked to none
    # (two in five of the bench's 100k), and a summary takes about 270 bytes.
    summaries: list[Summary | None] = [None] * len(feats)

    def summary(root: int) -> Summary:
        made = summaries[root]
        if made is None:
            made = summaries[root] = Summary.of(feats[root], splits[root] if splits else None)
        return made

    used = Edges()
    held = Edges.of(edges)
    for k in held.strongest_first(len(feats)):
        edge = held[k]
        ra, rb = uf.find(edge[1]), uf.find(edge[2])
        if ra == rb or not summary(ra).compatible(summary(rb)):
            continue
        root = uf.union(ra, rb)
        other = rb if root == ra else ra
        summary(root).absorb(summary(other))
        summaries[other] = None  # no longer a root: its summary is never read again
        used.append(edge)
    summaries.clear()  # their memory is the groups' to take (a million claims' summaries are 180 MB)
    groups: dict[int, list[int]] = {}
    for i in range(len(feats)):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0]), used


def partition(clusters: Iterable[Sequence[int]], feats: Sequence[Features]) -> set[frozenset[str]]:
    """Clusters as sets of claim ids (order-free, for comparing two runs)."""
    return {frozenset(feats[i].claim_id for i in group) for group in clusters}
