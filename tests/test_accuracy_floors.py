"""Accuracy floors: ``harmledger eval`` on the seed, the team's sets and fixed slices of the real
development sets must not fall below the figures pinned here (trafilatura pins its F1 the same way).

Each floor sits just below what was measured when it was last raised (the figure and its n are in
the comment); raise it when a change lifts the figure, never lower it to make a change pass. The
real sets (GTD, Airwars) are read in place from ``../shared/data/`` and never copied into the
repository; a slice is written to a temporary folder for the run. Without the shared data the
real-set floors are skipped locally and fail under ``CI=true``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from harmledger.evaluate import Report, evaluate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GTD_SLICE = 400  # the first documents of gtd-dev, in file order
AIRWARS_SLICE = 100  # the first assessments of airwars-gaza-dev, in file order


def _shared_data() -> Path | None:
    """``../shared/data`` beside the checkout (or beside its parent folder of worktrees), or
    ``$HARMLEDGER_SHARED_DATA``."""
    env = os.environ.get("HARMLEDGER_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"]
    return next((c for c in candidates if (c / "gtd-dev" / "events.jsonl").is_file()), None)


def _require_shared() -> Path:
    found = _shared_data()
    if found is None:
        message = "the shared development data (../shared/data/gtd-dev) is missing"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + ": CI must have it")
        pytest.skip(message)
    return found


def _slice(src: Path, dest: Path, n: int) -> Path:
    """The first ``n`` documents of a gold set and the gold lines about them."""
    dest.mkdir(parents=True)
    lines = (src / "documents.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    keep = {json.loads(line)["id"] for line in lines}
    (dest / "documents.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("events.jsonl", "incidents.jsonl"):
        if not (src / name).is_file():
            continue
        rows = [line for line in (src / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        kept = [r for r in rows if _docs_of(json.loads(r)) <= keep]
        (dest / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    return dest


def _docs_of(row: dict) -> set[str]:
    return {row["doc"]} if "doc" in row else set(row.get("docs", ()))


def _figure(report: Report, section: str, key: str) -> float:
    found = report.section(section)
    assert found is not None, f"eval gave no {section} section"
    value = found.to_json().get(key)
    assert isinstance(value, (int, float)), f"{section}.{key} is {value!r}"
    return float(value)


def _check(report: Report, floors: dict[tuple[str, str], float]) -> None:
    below = {f"{s}.{k}": (_figure(report, s, k), floor) for (s, k), floor in floors.items()
             if _figure(report, s, k) < floor}
    assert not below, f"figures below their pinned floors (got, floor): {below}"


# Floors: (section, key) → the lowest acceptable value.
TEAM_SETS = {
    "seed": {("claims", "f1"): 1.0, ("incidents", "deaths_in_range"): 1.0},
    # measured 0.8462 / 0.8039 / 0.9118 (n=70 events) at the commit that added this test
    "summaries": {("events", "killed_exact"): 0.84, ("events", "killed_exact_nonzero"): 0.80,
                  ("events", "injured_exact"): 0.91, ("claims", "f1"): 0.72},
    # measured killed 0.475, injured 0.8333, deaths in range 0.80 (n=40)
    "assessments": {("events", "killed_exact"): 0.47, ("events", "injured_exact"): 0.83,
                    ("incidents", "deaths_in_range"): 0.80},
}


@pytest.mark.parametrize("name", sorted(TEAM_SETS))
def test_team_set_stays_above_its_floors(name: str) -> None:
    _check(evaluate(FIXTURES / name), TEAM_SETS[name])


REAL_SETS = {
    # eval on the first 400 gtd-dev documents (joins across documents included)
    "gtd-dev": (GTD_SLICE, {("events", "killed_exact"): 0.0, ("events", "killed_exact_nonzero"): 0.0,
                            ("events", "injured_exact"): 0.0}),
    # eval on the first 100 airwars-gaza-dev assessments
    "airwars-gaza-dev": (AIRWARS_SLICE, {("incidents", "deaths_in_range"): 0.0}),
}


@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_real_set_slice_stays_above_its_floors(name: str, tmp_path: Path) -> None:
    n, floors = REAL_SETS[name]
    gold = _slice(_require_shared() / name, tmp_path / name, n)
    _check(evaluate(gold), floors)
