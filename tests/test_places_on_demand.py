"""Places serve claims: ingest geoparses only documents with a claim; `places` reads every toponym."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from harmledger.cli import main
from harmledger.documents.make import make_document
from harmledger.pipeline import analyse_document

NO_CLAIM = (
    "Aleppo, Syria - The city council of Aleppo met on Tuesday to discuss repairs to the old "
    "market near the citadel, and a delegation travelled on to Manbij and Gaziantep."
)
WITH_CLAIM = "A car bomb killed 12 people in Manbij, Syria, on Monday, local officials said."


def test_a_document_without_a_claim_is_not_geoparsed_during_ingest() -> None:
    doc = make_document(NO_CLAIM, "council.txt")
    result = analyse_document(doc)
    assert result.claims == [] and result.places == []
    every = analyse_document(doc, all_places=True)
    assert every.claims == []
    assert {"Aleppo", "Manbij"} <= {p.name for p in every.places}


def test_claims_are_placed_the_same_whether_or_not_every_toponym_is_asked_for() -> None:
    doc = make_document(WITH_CLAIM, "bomb.txt")
    fast, full = analyse_document(doc), analyse_document(doc, all_places=True)
    assert fast.claims == full.claims
    assert fast.claims and fast.claims[0].place is not None and fast.claims[0].place.name == "Manbij"


def test_the_places_command_prints_every_toponym_with_its_point(tmp_path: Path) -> None:
    path = tmp_path / "council.txt"
    path.write_text(NO_CLAIM, encoding="utf-8")
    out = CliRunner().invoke(main, ["places", str(path), "--db", str(tmp_path / "l.db")], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    manbij = next(line for line in out.output.splitlines() if "'Manbij'" in line)
    assert ", SY" in manbij and "(36.5" in manbij  # Manbij, Syria, at about 36.5 N
