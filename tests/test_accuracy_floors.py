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
    below = {
        f"{s}.{k}": (_figure(report, s, k), floor) for (s, k), floor in floors.items() if _figure(report, s, k) < floor
    }
    assert not below, f"figures below their pinned floors (got, floor): {below}"


# Floors: (section, key) → the lowest acceptable value.
TEAM_SETS = {
    "seed": {("claims", "f1"): 1.0, ("incidents", "deaths_in_range"): 1.0},
    # measured 2026-12-05 (evening): killed 0.8615 (n=65), nonzero 0.8235 (n=51), injured 0.9706
    # (n=34), claims f1 0.7299
    "summaries": {
        ("events", "killed_exact"): 0.85,
        ("events", "killed_exact_nonzero"): 0.82,
        ("events", "injured_exact"): 0.96,
        ("claims", "f1"): 0.72,
    },
    # measured killed 0.525 (n=40), injured 0.8889 (n=36), deaths in range 0.85 (n=40)
    "assessments": {
        # 0.525 until a relative's name ("his nephew Sabah") stopped placing a second incident in
        # Malaysia: asm-040's 2 civilians and Rudaw's 3 militia dead had been summed across the
        # two by accident; they are one incident now, whose sources are not added (0.50).
        ("events", "killed_exact"): 0.50,
        ("events", "injured_exact"): 0.88,
        ("incidents", "deaths_in_range"): 0.84,
    },
}


@pytest.mark.parametrize("name", sorted(TEAM_SETS))
def test_team_set_stays_above_its_floors(name: str) -> None:
    _check(evaluate(FIXTURES / name), TEAM_SETS[name])


# (slice size, floors, ceilings), each just beyond the figure measured when it was set (in the
# comment, with its n). One eval gives both readings: after joins across documents, and each
# document reconciled alone (the ``_document`` keys), so a join that spoils figures fails here.
REAL_SETS = {
    "gtd-dev": (
        GTD_SLICE,
        # measured 2026-12-05 (late), after joins: killed 0.9504 (n=363), nonzero 0.9353
        # (n=232), injured 0.9333 (n=345); per document: killed 0.9532, nonzero 0.9353, injured
        # 0.9333 (same n); the perpetrator agrees with GTD's 0.9013, the date within a week 0.964
        {
            ("events", "killed_exact"): 0.945,
            ("events", "killed_exact_nonzero"): 0.93,
            ("events", "injured_exact"): 0.93,
            ("events", "killed_exact_document"): 0.95,
            ("events", "killed_exact_nonzero_document"): 0.93,
            ("events", "injured_exact_document"): 0.93,
            ("events", "perpetrator_agrees"): 0.89,
            ("events", "date_within_week"): 0.96,
            # measured 2026-12-07 (thirteenth session): deaths in range 0.8788, per document
            # 0.8843 (0.8595 / 0.865 while a series' total was each of its records' high)
            ("incidents", "deaths_in_range"): 0.875,
            ("incidents", "deaths_in_range_document"): 0.88,
        },
        # wrong joins 0.025 (10/400): every document is its own event
        {("incidents", "wrong_join_rate"): 0.04},
    ),
    "airwars-gaza-dev": (
        AIRWARS_SLICE,
        # civilian deaths in Airwars' range after joins 0.92, per document 0.92 (n=100)
        {("incidents", "deaths_in_range"): 0.91, ("incidents", "deaths_in_range_document"): 0.91},
        # wrong joins 0.02 (2/100)
        {("incidents", "wrong_join_rate"): 0.05},
    ),
}


@pytest.fixture(scope="module")
def real_slices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    shared = _require_shared()
    root = tmp_path_factory.mktemp("real-slices")
    return {name: _slice(shared / name, root / name, n) for name, (n, _, _) in REAL_SETS.items()}


@pytest.mark.parametrize("name", sorted(REAL_SETS))
def test_real_set_slice_stays_within_its_floors_and_ceilings(name: str, real_slices: dict[str, Path]) -> None:
    _, floors, ceilings = REAL_SETS[name]
    report = evaluate(real_slices[name])
    _check(report, floors)
    above = {
        f"{s}.{k}": (_figure(report, s, k), ceiling)
        for (s, k), ceiling in ceilings.items()
        if _figure(report, s, k) > ceiling
    }
    assert not above, f"figures above their pinned ceilings (got, ceiling): {above}"
