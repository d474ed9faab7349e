"""Analysts' decisions that later runs of ``reconcile`` must respect."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from harmledger.records import Grade

# What an analyst may set on a claim and on an incident (the keys of ``Correction.values``).
CLAIM_FIELDS: tuple[str, ...] = ("low", "best", "high", "qualifier", "outcome", "victims", "source", "date", "place")
INCIDENT_FIELDS: tuple[str, ...] = ("place", "date", "perpetrator", "event_type", "victims")
# A figure is corrected as a whole: setting any of these replaces the machine's count.
FIGURE_FIELDS: frozenset[str] = frozenset({"low", "best", "high", "qualifier"})


@dataclass(frozen=True, slots=True)
class Correction:
    """The fields an analyst set on one claim or incident (JSON values), and who set each.

    ``place`` is ``{"name", "lat", "lon", "country"}``; ``date`` is ``YYYY-MM-DD``; a ``None``
    ``source`` means the writer states the figure.
    """

    values: Mapping[str, Any]
    by: Mapping[str, str]  # field → the analyst who set it last

    def then(self, values: Mapping[str, Any], username: str) -> Correction:
        """This correction with a later one laid over it (a later decision wins field by field)."""
        merged = dict(self.values)
        if FIGURE_FIELDS & set(values):
            for name in FIGURE_FIELDS:
                merged.pop(name, None)
        merged.update(values)
        return Correction(
            merged, {**{k: v for k, v in self.by.items() if k in merged}, **{k: username for k in values}}
        )


@dataclass(frozen=True, slots=True)
class Decisions:
    """What analysts decided; every field is keyed so it survives re-runs.

    - ``rejected``: claim ids kept in their incident's list but left out of counts and grade.
    - ``merges``: groups of incident ids (resolved to claims through ``previous``) that must be
      one incident; the result keeps the id it overlaps most, like any other cluster.
    - ``splits``: incident id → groups of claim ids that must never share an incident again
      (a cannot-link rule on claims, so it holds whatever ids later runs give).
    - ``grades``: incident id → the grade an analyst set, which overrides the computed one.
    - ``apart``: pairs of claim-id groups an analyst kept apart (a suggested pair judged to be two
      events): a cannot-link rule like ``splits``, and no longer suggested.
    - ``claim_fixes`` / ``incident_fixes``: claim or incident id → the fields an analyst corrected
      (``harmledger.incidents.corrections`` applies them before and after reconciling).
    - ``joins``: groups of claim ids that must share an incident (a claim an analyst added to an
      incident, with one claim of that incident), whatever their features say.
    - ``split_after``: merge (as in ``merges``) → the incidents an analyst split after deciding
      it. The merge holds over earlier splits (it undoes them) but not over these: splitting a
      merged incident moves the ticked claims out.
    """

    rejected: frozenset[str] = frozenset()
    merges: tuple[tuple[str, ...], ...] = ()
    splits: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    grades: Mapping[str, Grade] = field(default_factory=dict)
    apart: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    claim_fixes: Mapping[str, Correction] = field(default_factory=dict)
    incident_fixes: Mapping[str, Correction] = field(default_factory=dict)
    joins: tuple[tuple[str, ...], ...] = ()
    split_after: Mapping[tuple[str, ...], frozenset[str]] = field(default_factory=dict)

    def all_merges(self) -> tuple[tuple[str, ...], ...]:
        """``merges`` plus one pseudo-incident per join (resolved by :meth:`merge_claims`)."""
        return self.merges + tuple((f"join:{n}",) for n in range(len(self.joins)))

    def merge_claims(self, previous: Mapping[str, Sequence[str]]) -> dict[str, Sequence[str]]:
        """``previous`` (incident id → claim ids) with each join's claims under its pseudo-incident."""
        return {**previous, **{f"join:{n}": group for n, group in enumerate(self.joins)}}

    def split_groups(self) -> list[tuple[str, ...]]:
        """Every group of claim ids of every split (each must stay one incident)."""
        return [tuple(group) for groups in self.splits.values() for group in groups]

    def split_labels(self) -> dict[str, dict[str, int]]:
        """claim id → {split decision: group index} (the clusterer's cannot-link labels)."""
        labels: dict[str, dict[str, int]] = {}
        for incident_id, groups in self.splits.items():
            for index, group in enumerate(groups):
                for claim_id in group:
                    labels.setdefault(claim_id, {})[incident_id] = index
        for n, pair in enumerate(self.apart):
            for index, group in enumerate(pair):
                for claim_id in group:
                    labels.setdefault(claim_id, {})[f"apart:{n}"] = index
        return labels


def refine_split(earlier: Sequence[Sequence[str]], later: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Two splits of one incident as one: claims stay together only where both splits put them
    together ([[a], [b, c]] then [[b], [c]] is [[a], [b], [c]]); a claim only the later split
    names (it joined the incident since) is grouped as the later split says."""
    side = {claim: n for n, group in enumerate(later) for claim in group}
    pieces: dict[tuple[int, int], list[str]] = {}
    for m, group in enumerate(earlier):
        for claim in group:
            pieces.setdefault((m, side.get(claim, -1)), []).append(claim)
    told = {claim for group in earlier for claim in group}
    for n, group in enumerate(later):
        pieces.setdefault((len(earlier), n), []).extend(claim for claim in group if claim not in told)
    return tuple(tuple(piece) for piece in pieces.values() if piece)
