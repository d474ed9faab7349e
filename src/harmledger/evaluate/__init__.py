"""Evaluation: run the pipeline on a gold set and score it (``harmledger eval``).

report = evaluate(Path("data/seed"), collect_errors=True)
print(format_table(report)); json.dumps(report.to_json()); format_errors(report)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from harmledger.evaluate.gold import GoldSet, load_gold
from harmledger.evaluate.grouping import score_events, score_incidents
from harmledger.evaluate.inputs import Inputs, build_inputs
from harmledger.evaluate.metrics import Scoring, score_claims, score_dates, score_places, score_segments
from harmledger.evaluate.predictions import index_predictions
from harmledger.evaluate.report import (
    SECTION_KEYS,
    ErrorItem,
    Rate,
    Report,
    Section,
    format_errors,
    format_table,
    summarise_errors,
)
from harmledger.pipeline import Analysis, reconcile_each_document
from harmledger.records import Document

Analyser = Callable[[Iterable[Document]], Analysis]

__all__ = [
    "SECTION_KEYS",
    "Analyser",
    "ErrorItem",
    "GoldSet",
    "Rate",
    "Report",
    "Section",
    "evaluate",
    "format_errors",
    "format_table",
    "load_gold",
    "run_pipeline",
    "score",
    "summarise_errors",
]


def run_pipeline(documents: list[Document], analyse: Analyser | None = None) -> Analysis:
    """The one place the pipeline runs: into a temporary SQLite ledger, unless ``analyse`` is given."""
    if analyse is not None:
        return analyse(documents)
    import tempfile

    from harmledger.pipeline import analyse_into_ledger
    from harmledger.store import Ledger

    with tempfile.TemporaryDirectory(prefix="harmledger-eval-") as tmp:
        ledger = Ledger(f"sqlite:///{Path(tmp) / 'eval.db'}")
        try:
            return analyse_into_ledger(documents, ledger)
        finally:
            ledger.close()


def score(gold: GoldSet, inputs: Inputs, analysis: Analysis, *, collect_errors: bool = False) -> Report:
    """Match ``analysis`` against ``gold`` and compute every section the set has files for."""
    s = Scoring(views=inputs.views, pred=index_predictions(analysis, inputs), collect=collect_errors)
    if gold.events is not None or gold.incidents is not None:
        alone = replace(analysis, incidents=reconcile_each_document(analysis.claims, analysis.documents))
        s.alone = index_predictions(alone, inputs)
    sections: list[Section] = []
    if gold.segments is not None:
        sections.append(score_segments(gold.segments, s))
    if gold.claims is not None:
        sections.append(score_claims(gold.claims, gold.negatives, s))
        sections.append(score_dates(gold.claims, s))
    elif gold.negatives is not None:
        sections.append(score_claims([], gold.negatives, s))
    if gold.places is not None:
        sections.append(score_places(gold.places, s))
    if gold.events is not None:
        sections.append(score_events(gold.events, s))
    if gold.incidents is not None:
        sections.append(score_incidents(gold.incidents, s, inputs.owners, gold.claims))
    return Report(
        gold_dir=str(gold.root),
        sections=sections,
        errors=s.errors,
        n_documents=len(inputs.views),
        input_errors=[str(e) for e in inputs.errors] + [f"{gold.root}: no file {m}" for m in gold.missing],
    )


def evaluate(
    gold_dir: Path,
    *,
    collect_errors: bool = False,
    analyse: Analyser | None = None,
    files_dir: Path | None = None,
) -> Report:
    """Run the pipeline on the gold set in ``gold_dir`` and score its output against the gold."""
    gold = load_gold(Path(gold_dir), files_dir=files_dir)
    inputs = build_inputs(gold)
    analysis = run_pipeline(inputs.documents, analyse)
    return score(gold, inputs, analysis, collect_errors=collect_errors)
