"""Places serve claims: ingest geoparses only documents with a claim, and in them only the parts
that can place a claim; `places` and `eval` read every toponym."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from harmledger.cli import main
from harmledger.documents.make import make_document
from harmledger.pipeline import analyse_document, place_windows
from harmledger.records import Span

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


# A long report: an opening, a paragraph with the claim, and a later paragraph about other towns.
LONG_REPORT = (
    "Shelling in the north. Residents described a night of fear. "
    + "Aid groups asked for calm and for access to the area. " * 10
    + "\n\nOn Monday a rocket hit a market in Idlib, killing 9 civilians, the civil defence said. "
    + "Crews searched the rubble until dawn. Schools closed for the week. Prices rose again. "
    + "\n\nIn other news, traders in Gaziantep and Mersin reported a quiet week for exports. "
    + "Officials in Adana discussed the harvest."
)


def test_ingest_reads_the_opening_and_each_claims_sentence_with_one_sentence_either_side() -> None:
    text = LONG_REPORT
    claim = text.index("On Monday")
    windows = place_windows(text, [Span(claim, text.index("said.") + 5)])
    assert windows[0][0] == 0 and windows[0][1] < claim  # the opening, up to a sentence end
    around = next(w for w in windows if w[0] <= claim < w[1])
    assert text[around[0] : around[1]].startswith("Aid groups")  # the sentence before …
    assert text[around[0] : around[1]].endswith("rubble until dawn.")  # … and the one after
    assert all("Gaziantep" not in text[a:b] for a, b in windows)


def test_windows_that_touch_are_merged_and_a_claim_in_the_opening_adds_nothing() -> None:
    text = "Three killed in Homs. A second blast hit Hama. Four died there."
    assert place_windows(text, [Span(0, 21), Span(47, 63)]) == [(0, len(text))]


def test_places_far_from_every_claim_are_left_out_during_ingest_but_read_for_eval() -> None:
    doc = make_document(LONG_REPORT, "long.txt")
    fast, full = analyse_document(doc), analyse_document(doc, all_places=True)
    assert [c.place.name for c in fast.claims if c.place] == ["Idlib"]
    assert fast.claims == full.claims  # eval scores claims placed as ingest places them
    assert "Gaziantep" not in {p.name for p in fast.places}
    assert {"Idlib", "Gaziantep", "Adana"} <= {p.name for p in full.places}


# A feature: a long opening without a place, the town in the second paragraph, the toll at the end.
FEATURE = (
    "For days now the sound of jets has been the first thing people hear in the morning. "
    + "Shops have pulled down their shutters and bakeries ration bread to one bag a family. " * 4
    + "\n\nThe bombardment of Douma has intensified since Tuesday, residents said."
    + "\n\nRescue workers say they are overwhelmed. Roads are blocked by rubble. "
    + "Ambulances take long detours. Volunteers dig with their hands."
    + "\n\nOn Friday alone, 23 people were killed, among them eight children, the rescuers said."
)


def test_a_claim_the_windows_cannot_place_is_placed_again_with_a_longer_opening() -> None:
    doc = make_document(FEATURE, "feature.txt")
    sentences = [c.sentence for c in analyse_document(doc).claims]
    douma = FEATURE.index("Douma")
    assert all(not a <= douma < b for a, b in place_windows(FEATURE, sentences))  # not in the windows …
    (toll,) = analyse_document(doc).claims
    assert toll.place is not None and toll.place.country == "SY"  # … yet the toll is placed there
    assert toll.place.name in ("Douma", "Dūmā")


# NER reads only the stretches around capitalised words: the names and five words either side.
def test_ner_reads_the_words_around_names_and_skips_long_lowercase_runs() -> None:
    from harmledger.places.geoparse import NER_CONTEXT_WORDS, name_stretches

    quiet = "and the crowd waited for news of the wounded in silence for hours " * 3
    text = f"Gunmen opened fire in Kabul {quiet}before police reached Jalalabad late at night."
    stretches = name_stretches(text, 0, len(text))
    read = [text[a:b] for a, b in stretches]
    assert len(read) == 2
    assert read[0].startswith("Gunmen") and "Kabul" in read[0]
    assert "Jalalabad" in read[1] and read[1].endswith("night.")
    # five words of context after Kabul, five before Jalalabad, and none of the middle
    assert read[0].split()[-NER_CONTEXT_WORDS:] == "and the crowd waited for".split()
    assert sum(b - a for a, b in stretches) < len(text) / 2


def test_a_sentences_opening_stop_word_is_no_name_but_a_name_starting_a_sentence_is() -> None:
    from harmledger.places.geoparse import name_stretches

    lower = "the rain fell on the fields all through the long dry week "
    text = f"{lower}. The rain fell again. {lower}. Gaza was quiet. {lower}."
    read = [text[a:b] for a, b in name_stretches(text, 0, len(text))]
    assert read == [r for r in read if "Gaza" in r] and len(read) == 1


def test_names_found_in_the_stretches_are_the_entities_of_the_whole_text() -> None:
    from harmledger.nlp import load_pipeline
    from harmledger.places.geoparse import NER_EXCLUDE, ner_entities
    from harmledger.places.vocab import OTHER_LABELS, PLACE_LABELS

    text = (
        "Residents said the shelling went on for most of the evening and that nobody could "
        "leave their homes until long after the last of the explosions had stopped. "
        "The mayor of Kharkiv, Ihor Terekhov, said two people died. "
        "people sheltered in basements and corridors while the sound of the guns carried "
        "over the fields and the river for hours on end without any pause at all."
    )
    used = PLACE_LABELS | OTHER_LABELS | {"NORP"}  # the labels the places stages read
    whole = load_pipeline(NER_EXCLUDE)(text)
    assert {(e.start_char, e.end_char, e.label_) for e in whole.ents if e.label_ in used} == {
        e for e in ner_entities(text) if e[2] in used
    }
    assert any(text[s:e].startswith("Kharkiv") for s, e, _ in ner_entities(text))


def test_documents_analysed_in_a_batch_are_analysed_as_one_by_one() -> None:
    # NER reads the batch's windows in one pass; every claim keeps the place and date it gets alone.
    from harmledger.pipeline import analyse_documents

    texts = [
        LONG_REPORT,
        WITH_CLAIM,
        NO_CLAIM,
        "Rockets hit Kramatorsk overnight. Ten people were killed, medics said.",
        "",
    ]
    docs = [make_document(t, f"r{n}.txt") for n, t in enumerate(texts) if t]
    together = analyse_documents(docs)
    alone = [analyse_document(d) for d in docs]
    assert [a.claims for a in together] == [a.claims for a in alone]  # type: ignore[union-attr]
    assert [a.places for a in together] == [a.places for a in alone]  # type: ignore[union-attr]
    assert sum(len(a.claims) for a in alone) >= 3  # type: ignore[union-attr]


def test_a_claim_takes_the_address_not_a_far_namesake_in_a_shops_name() -> None:
    # "Krishna" reads as Machilipatnam, 2,000 km from the other places of the report
    doc = make_document(
        "Gunmen shot at diners in the Krishna Dhaba restaurant in Srinagar, Jammu and Kashmir, India. "
        "The owner's son was killed in the attack.",
        "shop.txt",
    )
    [claim] = analyse_document(doc).claims
    assert claim.place is not None and claim.place.name == "Srinagar", claim.place


def test_the_last_word_of_a_persons_name_places_nothing() -> None:
    doc = make_document(
        "Rockets hit an army camp near Quetta, Balochistan, Pakistan. One soldier (Naik Aqeel Abbas) was killed in the attack.",
        "van.txt",
    )
    [claim] = analyse_document(doc).claims
    assert claim.place is not None and claim.place.name == "Quetta", claim.place
