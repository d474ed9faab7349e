"""Inputs far longer than a report: analysed in pieces, said so naming the file, never spaCy's
raw E088 (its limit of 1,000,000 characters). Behaviour only; the times are benchmarks'
(``benchmarks/bench_large_input.py``), never asserted here."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmledger.documents.genre import decide_genre
from harmledger.documents.make import make_document
from harmledger.documents.pieces import pieces
from harmledger.extract import extract_claims
from harmledger.extract.text import MAX_SENTENCE
from harmledger.pipeline import PIECE_CHARS, WHOLE_DOCUMENT_CHARS, analyse_document, ingest
from harmledger.store import Ledger

FIRST = "At least 12 civilians were killed when an airstrike hit a market in Manbij, officials said."
LAST = "Seven people were wounded by shelling in Taiz on Tuesday, the health ministry said."
FILLER = "The council met again to discuss the budget for roads and schools in the region. "


def _long_text(chars: int, one_line: bool = True) -> str:
    middle = FILLER * (chars // len(FILLER) + 1)
    text = f"{FIRST} {middle}{LAST}"
    return text if one_line else text.replace(". The", ".\n\nThe", 2000)


def test_pieces_cover_the_text_and_respect_the_limit() -> None:
    text = _long_text(120_000) + " " + "x" * 30_000 + " tail"
    spans = pieces(text, 10_000)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(0 < b - a <= 10_000 for a, b in spans)
    # Cut after a sentence end or a space, never inside a word, while the text allows it.
    assert all(text[b - 1].isspace() for a, b in spans[:10])
    assert pieces("short", 10) == [(0, 5)]


def test_claims_at_both_ends_of_a_long_document_are_found() -> None:
    doc = make_document(_long_text(3 * WHOLE_DOCUMENT_CHARS), "long.txt")
    result = analyse_document(doc)
    quotes = [c.count.text for c in result.claims if c.count is not None]
    assert "At least 12" in quotes and "Seven" in quotes
    first = next(c for c in result.claims if c.count is not None and c.count.text == "At least 12")
    assert first.place is not None and first.place.name == "Manbij"  # places are found up front
    assert len(result.notes) == 1 and "long.txt" in result.notes[0] and "pieces" in result.notes[0]


def test_a_report_sized_document_is_analysed_whole() -> None:
    doc = make_document(_long_text(WHOLE_DOCUMENT_CHARS // 2, one_line=False), "report.txt")
    assert analyse_document(doc).notes == []


def test_a_run_on_line_of_harm_words_is_read_in_bounded_windows() -> None:
    line = " ".join(f"{n} people killed and {n + 1} wounded in shelling" for n in range(2, 400))
    doc = decide_genre(make_document(line, "run-on.txt"))
    claims = extract_claims(doc)
    assert len(claims) > 400
    # Each claim quotes a window of the line, not the whole of it.
    assert max(c.sentence.end - c.sentence.start for c in claims) <= MAX_SENTENCE + 200


@pytest.mark.parametrize("one_line", [True, False], ids=["one line", "paragraphs"])
def test_a_file_past_spacys_limit_is_ingested_with_a_warning_naming_it(tmp_path: Path, one_line: bool) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(_long_text(1_100_000, one_line), encoding="utf-8")  # past spaCy's 1,000,000
    report = ingest(Ledger(f"sqlite:///{tmp_path / 'ledger.db'}"), [path])
    assert report.errors == []
    assert not any("E088" in w for w in report.warnings)
    assert report.added >= 1 and report.claims >= 2
    [note] = [w for w in report.warnings if "pieces" in w]
    assert str(path) in note or "dump.txt" in note
    assert f"{PIECE_CHARS:,}" in note
