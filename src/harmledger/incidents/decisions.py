"""Analysts' decisions that later runs of ``reconcile`` must respect."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from harmledger.records import Grade


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
    """

    rejected: frozenset[str] = frozenset()
    merges: tuple[tuple[str, ...], ...] = ()
    splits: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    grades: Mapping[str, Grade] = field(default_factory=dict)
    apart: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

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
