"""The extractor's rules, each with the sentences it exists for.

``mentions.TIES`` is the ordered list of rules that tie a figure to its harm. Every rule named
there has rows here, and every row checks that its rule (not a later one) tied the figure.
"""

from __future__ import annotations

import pytest

from harmledger.extract.counts import find_counts
from harmledger.extract.harm import Mention
from harmledger.extract.mentions import NOT_FIGURES, read_mentions, rule_names
from harmledger.extract.text import tokenize

# (rule, sentence, the figure as written, the outcome it is tied to)
TIE_SPECS = [
    ("harm beside", "Nine Taliban killed in a night raid", "Nine", "killed"),
    ("harm beside", "The shelling killed at least 14 villagers.", "at least 14", "killed"),
    ("harm beside", "Police reported the deaths of 7 miners.", "7", "killed"),
    ("harm beside", "The death toll of the quake rose to 52.", "52", "killed"),
    ("harm beside", "Gunmen executed 3 farmers seized near the well.", "3", "killed"),
    ("victims in brackets", "The dead included civilians (12) and soldiers.", "12", "killed"),
    (
        "ellipsis",
        "The clinic counted 20 civilian casualties on Monday and about 30 on Tuesday.",
        "about 30",
        "casualties",
    ),
    ("shared verb", "The strike killed a farmer and his four sons.", "four", "killed"),
    ("along with figure", "Two nurses were wounded, along with 5 guards.", "5", "injured"),
    ("along with person", "The mayor was killed along with his two bodyguards.", "two", "killed"),
    ("shared verb ahead", "Three guards, 12 villagers killed in the attack", "Three", "killed"),
]


def mention_of(sentence: str, figure: str) -> Mention:
    tokens = tokenize(sentence)
    found = [m for m in read_mentions(tokens) if sentence[tokens[m.first].start :].startswith(figure)]
    assert found, f"no mention for {figure!r} in {sentence!r}"
    return found[0]


@pytest.mark.parametrize(
    ("rule", "sentence", "figure", "outcome"), TIE_SPECS, ids=[f"{r[0]}: {r[1][:40]}" for r in TIE_SPECS]
)
def test_each_rule_ties_its_own_sentences(rule: str, sentence: str, figure: str, outcome: str) -> None:
    mention = mention_of(sentence, figure)
    assert (mention.rule, mention.outcome) == (rule, outcome)


def test_every_tie_rule_has_spec_rows() -> None:
    # A rule added to TIES without a sentence it is for fails here.
    assert set(rule_names()) | {"shared verb ahead"} == {spec[0] for spec in TIE_SPECS}


@pytest.mark.parametrize(
    ("sentence", "number", "rule"),
    [
        ("No one was hurt in the blast.", "one", "no one"),
        ("Aziz Haddad, 52, was among the dead.", "52", "is age"),
        ("Three members of one family died.", "one", "which family"),
    ],
)
def test_numbers_that_count_no_one(sentence: str, number: str, rule: str) -> None:
    tokens = tokenize(sentence)
    m = next(c for c in find_counts(tokens) if tokens[c.first].text == number)
    said = [check.__name__.strip("_").replace("_", " ") for check in NOT_FIGURES if check(tokens, m)]
    assert said == [rule]
