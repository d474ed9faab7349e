"""Shared by the runner tests: the corpora, and what an ingest left in a ledger (computed once)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import generate, write_corpus

from harmledger.pipeline import IngestReport
from harmledger.records import Claim, Incident

SAMPLES = Path(__file__).parent.parent / "samples"
GENERATED_DOCS = 200
GENERATED_SEED = 7
_WORKDIR = Path(tempfile.mkdtemp(prefix="harmledger-scaling-"))
# Shared by the Spark and worker tests for the whole session; removed when the session ends.
atexit.register(shutil.rmtree, _WORKDIR, ignore_errors=True)


def corpus(name: str) -> Path:
    """The input path of a named corpus: "samples" (the sample folder) or "generated" (JSONL)."""
    if name == "samples":
        return SAMPLES
    path = _WORKDIR / "generated.jsonl"
    if not path.exists():
        write_corpus(path, GENERATED_DOCS, seed=GENERATED_SEED)
    return path


def generated_parquet() -> Path:
    """The generated corpus as a Parquet dataset (the same records as the JSONL file)."""
    import pandas as pd

    path = _WORKDIR / "generated.parquet"
    if not path.exists():
        pd.DataFrame(generate(GENERATED_DOCS, seed=GENERATED_SEED)).to_parquet(path)
    return path


@dataclass(frozen=True)
class Outcome:
    """What one ingest run left in its ledger."""

    report: IngestReport
    claims: list[Claim]
    incidents: list[Incident]
    document_ids: list[str]
    ledger_url: str


def ingest_with(run: Callable[..., IngestReport], name: str, label: str, paths: list[str] | None = None) -> Outcome:
    """Ingest corpus ``name`` into a fresh SQLite ledger with ``run(ledger, paths)``."""
    from harmledger.store import Ledger

    url = f"sqlite:///{_WORKDIR / f'{name}-{label}.db'}"
    with Ledger(url) as ledger:
        report = run(ledger, paths or [str(corpus(name))])
        return Outcome(
            report=report,
            claims=ledger.claims(),
            incidents=sorted(ledger.incidents(kind=None), key=lambda i: i.id),
            document_ids=sorted(d.id for d in ledger.documents()),
            ledger_url=url,
        )


_inprocess: dict[tuple[str, int], Outcome] = {}


def inprocess(name: str, workers: int) -> Outcome:
    """The in-process ``pipeline.ingest`` result for corpus ``name`` (one run per session)."""
    from harmledger.pipeline import ingest

    key = (name, workers)
    if key not in _inprocess:
        _inprocess[key] = ingest_with(
            lambda ledger, paths: ingest(ledger, paths, workers=workers), name, f"local{workers}"
        )
    return _inprocess[key]
