"""Plain-text articles describe themselves: a headline on the first line, a wire credit after the dateline."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmledger.documents import ReadOptions, read_sources
from harmledger.documents.headline import credit, headline

# (text, the headline it has, or None)
HEADLINES = [
    ("Shelling kills six in a market town\n\nSix people were killed on Monday.", "Shelling kills six in a market town"),
    ("  Floods cut the northern road\nThe road was closed for a week.", "Floods cut the northern road"),
    (
        "Six people were killed on Monday when shells struck the market of a small town near the border, "
        "officials said.\nMore followed.",
        None,
    ),
    ("One line only, no body", None),
    # a label in front of the headline is not part of it
    (
        "Title: Mortar fire hits a school yard\nPublished: 2026-03-02\n\nTwo pupils were hurt.",
        "Mortar fire hits a school yard",
    ),
    ("HEADLINE:Mortar fire hits a school yard\n\nTwo pupils were hurt.", "Mortar fire hits a school yard"),
    ("", None),
]

# (opening of an article, the outlet credited, or None)
CREDITS = [
    ("IDLIB, Syria (Reuters) - Artillery shelling killed six people.", "Reuters"),
    ("GAZA CITY (AP) — An airstrike hit a house.", "AP"),
    ("KABUL, Afghanistan (Agence France Presse) – A bomb exploded.", "Agence France Presse"),
    ("A likely use of gas on many civilians (between 136 to 1300) near the capital.", None),
    ("Officials (who spoke anonymously) said 5 died.", None),
    ("The spokesman (Reuters reported) said nothing - later.", None),
]


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_the_first_line_is_a_headline_only_when_it_reads_as_one(text: str, expected: str | None) -> None:
    assert headline(text) == expected


@pytest.mark.parametrize(("text", "expected"), CREDITS)
def test_a_wire_credit_after_the_dateline_names_the_outlet(text: str, expected: str | None) -> None:
    assert credit(text) == expected


def test_a_text_file_gets_its_title_and_outlet_from_its_own_words(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "Drone strike hits a wedding in Marib\n\nMARIB, Yemen (Reuters) - A drone strike killed 14 "
        "civilians on Saturday, officials said.\n",
        encoding="utf-8",
    )
    [doc] = list(read_sources([path], ReadOptions(outlet="Desk copy")))
    assert (doc.title, doc.outlet) == ("Drone strike hits a wedding in Marib", "Reuters")
    plain = tmp_path / "plain.txt"
    plain.write_text(
        "A drone strike killed 14 civilians in Marib on Saturday, officials told reporters there.\n", encoding="utf-8"
    )
    [doc] = list(read_sources([plain], ReadOptions(outlet="Desk copy")))
    assert (doc.title, doc.outlet) == (None, "Desk copy")
