"""The extractor's rules, each with the sentences it exists for.

``mentions.TIES`` is the ordered list of rules that tie a figure to its harm, and
``singulars.LONE_RULES`` those that read one person (or none) harmed with no figure. Every rule
has rows here, and every row checks that its rule (not a later one) read the mention.
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
    # after a colon or a spaced dash, only a figure with its own place: "Injured: 40" borrows nothing
    ("ellipsis", "Shelling killed nine people: five in Ariha and four in Saraqib.", "five", "killed"),
    ("ellipsis", "Nine people died - five in Ariha and four in Saraqib - in the shelling.", "four", "killed"),
    ("shared verb", "The strike killed a farmer and his four sons.", "four", "killed"),
    ("along with figure", "Two nurses were wounded, along with 5 guards.", "5", "injured"),
    ("along with person", "The mayor was killed along with his two bodyguards.", "two", "killed"),
    ("harmed them", "Soldiers fired on the two gunmen, killing them.", "two", "killed"),
    ("harmed them", "Police shot at 3 attackers, wounding both.", "3", "injured"),
    ("waiting figures share verb", "Three guards, 12 villagers killed in the attack", "Three", "killed"),
    # lone victims: one person (or none) with no figure
    ("injuring her", "A man threw a stone at a nurse, injuring her.", "her", "injured"),
    ("a body found", "The body of a shepherd was found near the road.", "The body", "killed"),
    # the man named before (abducted, missing) is dead
    ("a body found", "Singh's body was found two days later.", "Singh's body", "killed"),
    ("a body found", "His body has been recovered from the canal.", "His body", "killed"),
    ("no harm noun", "There were no casualties in the raid.", "no", "casualties"),
    ("not any harm noun", "The mortar round did not cause any casualties.", "any", "casualties"),
    ("not any harm noun", "Troops pulled back without inflicting any deaths.", "any", "killed"),
    ("target unharmed", "The governor was not harmed in the blast.", "harmed", "casualties"),
    ("target unharmed", "Ruto, the town's mayor, escaped unhurt.", "unhurt", "casualties"),
    ("an executed man", "Police found an executed man by the river.", "an executed", "killed"),
    ("harmed one: participle after", "Civilian killed in a drone strike", "Civilian", "killed"),
    ("harmed one: participle after", "No civilians were hurt.", "No", "injured"),
    ("harmed one: verb before", "Gunmen killed a guard at the gate.", "a guard", "killed"),
    ("harmed one: verb before", "Gunmen shot dead the head of the village council.", "head", "killed"),
    ("harmed one: verb shared", "The raid killed a commander and his brother.", "brother", "killed"),
    ("coordinated", "A man and his two sons were killed.", "A man", "killed"),
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


def test_every_rule_has_spec_rows() -> None:
    # A rule added to TIES or LONE_RULES without a sentence it is for fails here.
    assert set(rule_names()) == {spec[0] for spec in TIE_SPECS}


@pytest.mark.parametrize(
    ("sentence", "number", "rule"),
    [
        ("No one was hurt in the blast.", "one", "no one"),
        ("Aziz Haddad, 52, was among the dead.", "52", "is age"),
        ("Three members of one family died.", "one", "which family"),
        ("The head of Police District 4 was shot dead.", "4", "part of a name"),
    ],
)
def test_numbers_that_count_no_one(sentence: str, number: str, rule: str) -> None:
    tokens = tokenize(sentence)
    m = next(c for c in find_counts(tokens) if tokens[c.first].text == number)
    said = [check.__name__.strip("_").replace("_", " ") for check in NOT_FIGURES if check(tokens, m)]
    assert said == [rule]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials did not say whether there were any casualties.",  # no word of causing denied
        "It was unclear if any casualties resulted.",
        "The bomber died but did not cause any other casualties.",  # others, beside one dead
    ],
)
def test_any_harm_noun_is_a_zero_only_where_causing_it_is_denied(sentence: str) -> None:
    assert not [m for m in read_mentions(tokenize(sentence)) if m.rule == "not any harm noun"]


@pytest.mark.parametrize(
    "sentence", ["A doctor was shot in the head.", "The strike hit the head of the column.", "His body was weak."]
)
def test_a_head_or_a_body_that_is_no_person_harmed_gives_no_mention(sentence: str) -> None:
    # Guards: "the head of" is a person only after a harm verb; a body only when found
    assert not [m for m in read_mentions(tokenize(sentence)) if m.outcome == "killed" and m.rule != "harm beside"]
