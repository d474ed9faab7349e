"""The Spark runner (local[2], for real) stores what the in-process runner stores."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from harmledger.pipeline import analyse_document
from harmledger.spark import (
    claim_from_string,
    claim_to_string,
    document_from_row,
    document_to_row,
    ingest_spark,
)
from harmledger.store import Ledger
from tests.scaling import Outcome, corpus, generated_parquet, ingest_with, inprocess

pytestmark = pytest.mark.spark
SEED_FILE = Path(__file__).parent.parent / "samples" / "000_211a3c4709587a4d.txt"


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """One local[2] session for every Spark test (starting one takes seconds and ~1 GB)."""
    from harmledger.spark import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()


_runs: dict[str, Outcome] = {}


def spark_run(spark: object, name: str, source: str = "path") -> Outcome:
    """Ingest corpus ``name`` on Spark once per session; ``source`` picks how it is given."""
    key = f"{name}-{source}"
    if key not in _runs:
        paths = {
            "path": [str(corpus(name))],
            "file-url": [corpus(name).resolve().as_uri()],  # read by Spark itself, line by line
            "parquet": [str(generated_parquet())],
        }[source]
        _runs[key] = ingest_with(lambda ledger, p: ingest_spark(ledger, p, spark=spark), name, f"spark-{source}", paths)
    return _runs[key]


def test_documents_and_claims_survive_the_spark_codec() -> None:
    from harmledger.documents.make import make_document

    doc = make_document(
        SEED_FILE.read_bytes(),
        str(SEED_FILE),
        title="Airstrikes near Manbij",
        outlet="Al-Jazeera",
        url="https://example.org/a",
        published=date(2016, 7, 20),
        record_id="7",
        captured_at="2016-07-21T08:00:00Z",
    )
    claims = analyse_document(doc).claims
    assert claims, "the seed article has casualty claims"
    assert document_from_row(*document_to_row(doc)) == doc
    assert [claim_from_string(claim_to_string(c)) for c in claims] == claims


@pytest.mark.parametrize("name", ["samples", "generated"])
def test_spark_stores_the_same_claims_as_in_process(spark: object, name: str) -> None:
    local, remote = inprocess(name, 1), spark_run(spark, name)
    assert local.claims, "the corpus should yield claims"
    assert [c.id for c in remote.claims] == [c.id for c in local.claims]
    assert remote.claims == local.claims
    assert remote.document_ids == local.document_ids


@pytest.mark.parametrize(
    ("name", "source"),
    [("samples", "path"), ("generated", "path"), ("generated", "file-url"), ("generated", "parquet")],
)
def test_spark_stores_the_genres_the_in_process_runner_decides(spark: object, name: str, source: str) -> None:
    # The executors decide the genre (reading, on the driver or by Spark, leaves it undecided) and
    # the driver stores it (issue 15).
    genres = []
    for outcome in (inprocess(name, 1), spark_run(spark, name, source)):
        with Ledger(outcome.ledger_url) as ledger:
            genres.append({d.id: d.genre for d in ledger.documents()})
    assert genres[0] and set(genres[0].values()) <= {"news", "opinion"}
    assert genres[1] == genres[0]


@pytest.mark.parametrize("name", ["samples", "generated"])
def test_spark_reconciles_the_same_incidents_as_in_process(spark: object, name: str) -> None:
    local, remote = inprocess(name, 1), spark_run(spark, name)
    assert local.incidents, "the corpus should yield incidents"
    assert remote.incidents == local.incidents


def test_spark_scores_the_same_candidate_pairs_as_in_memory(spark: object) -> None:
    from harmledger.incidents.link import all_pairs_edges, blocked_edges, build_features
    from harmledger.spark import spark_edges

    local = inprocess("generated", 1)
    with Ledger(local.ledger_url) as ledger:
        documents = {d.id: d for d in ledger.documents()}
    events = [c for c in local.claims if c.kind == "casualty" and c.scope != "cumulative"]
    feats = build_features(events, documents)
    on_spark = spark_edges(spark)(feats)
    assert len(on_spark) > 20, "the generated corpus should link claims"
    assert sorted(on_spark) == sorted(blocked_edges(feats)) == sorted(all_pairs_edges(feats))


@pytest.mark.parametrize("name", ["samples", "generated"])
def test_spark_reports_what_in_process_reports(spark: object, name: str) -> None:
    local, remote = inprocess(name, 1), spark_run(spark, name)
    assert (remote.report.added, remote.report.claims, remote.report.skipped, remote.report.errors) == (
        local.report.added,
        local.report.claims,
        local.report.skipped,
        local.report.errors,
    )


@pytest.mark.parametrize("source", ["file-url", "parquet"])
def test_datasets_spark_reads_itself_give_the_same_claims(spark: object, source: str) -> None:
    local, remote = inprocess("generated", 1), spark_run(spark, "generated", source)
    assert remote.report.errors == []
    assert [c.id for c in remote.claims] == [c.id for c in local.claims]
    assert remote.claims == local.claims
    assert remote.incidents == local.incidents


def test_a_second_spark_run_adds_nothing(spark: object) -> None:
    first = spark_run(spark, "generated")
    with Ledger(first.ledger_url) as ledger:
        before = ledger.counts()
        again = ingest_spark(ledger, [str(corpus("generated"))], spark=spark)
        from_parquet = ingest_spark(ledger, [str(generated_parquet())], spark=spark)
        assert (again.added, again.claims, again.skipped) == (0, 0, first.report.added)
        assert (from_parquet.added, from_parquet.claims, from_parquet.skipped) == (0, 0, first.report.added)
        assert ledger.counts() == before


def test_unreadable_inputs_are_reported_and_the_rest_ingested(spark: object, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with Ledger(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        report = ingest_spark(ledger, [str(missing), str(SEED_FILE)], spark=spark)
        assert report.errors == [f"{missing}: no such file or folder"]
        assert report.added > 0 and ledger.counts()["documents"] == report.added


def test_without_pyspark_the_error_says_what_to_install(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    script = (
        "import sys; sys.modules['pyspark'] = None\n"
        "from harmledger.spark import ingest_spark\n"
        "from harmledger.store import Ledger\n"
        "from harmledger.errors import PipelineError\n"
        f"ledger = Ledger({url!r})\n"
        "try:\n    ingest_spark(ledger, ['x'])\nexcept PipelineError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "pip install 'harmledger[spark]'" in out


def test_places_analysts_added_are_used_on_the_executors_too(spark: object, tmp_path: Path) -> None:
    # A village no shipped gazetteer holds: only the analyst's entry can place the claim.
    report = tmp_path / "report.txt"
    report.write_text("Shelling killed 9 civilians in Qaryat Zerzourqa on Monday, medics said.\n", encoding="utf-8")
    ledger = Ledger(f"sqlite:///{tmp_path / 'spark.db'}")
    ledger.add_place("Qaryat Zerzourqa", 35.101, 38.202, country="SY")
    ingest_spark(ledger, [str(report)], spark=spark)
    [claim] = ledger.claims()
    assert (claim.place.name, claim.place.lat, claim.place.lon) == ("Qaryat Zerzourqa", 35.101, 38.202)
    ledger.close()
