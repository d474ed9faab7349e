"""A group harmed again by its definite name: "Assailants abducted two police officers. The police
officers were shot and killed a short time later."

The second sentence holds no figure, but "the police officers" are the two of the sentence
before: the figure is carried over to the new harm. Only a figure of another harm is carried (an
abduction, or the wounded who later died), never the same harm told twice, and only from the two
sentences before, where the noun follows the figure.
"""

from __future__ import annotations

from harmledger.extract.harm import Mention, participles, skip_auxiliaries
from harmledger.extract.text import Token
from harmledger.extract.vocab import VICTIM_NOUNS
from harmledger.records import Count

_MAX_MODIFIERS = 3  # "The | two Hazara coal | miners": words between "The" and the noun
_CAPTIVES = frozenset({"hostages", "captives", "abductees"})
_NOUN_AFTER_FIGURE = 4  # tokens after an earlier figure its noun may stand in ("two police officers")


def _plural(noun: str) -> bool:
    """ "soldiers", and "women", "children", "people": a group, not one person."""
    return noun.endswith("s") or noun.endswith("men") or noun in ("children", "people", "personnel")


# (noun index, noun, outcome, harm index, end of the harm words)
Group = tuple[int, str, str, int, int]


def definite_group(tokens: list[Token]) -> Group | None:
    """(noun index, noun, outcome, harm index, end) when the sentence opens with "The <victims>
    were <harmed>" and names no figure; else None."""
    if len(tokens) < 4 or tokens[0].low != "the":
        return None
    for k in range(1, min(len(tokens), 2 + _MAX_MODIFIERS)):
        low = tokens[k].low
        if low in VICTIM_NOUNS and _plural(low):
            j = skip_auxiliaries(tokens, k + 1, limit=4)
            if j == k + 1:
                return None  # no "were": "The soldiers killed three" is active
            outcome, end = participles(tokens, j)
            if outcome is None:
                return None
            return k, low, outcome, j, end
        if not tokens[k].text.isalpha():
            return None
    return None


def earlier_count(before: list[list[Token]], noun: str, outcome: str) -> Mention | None:
    """The figure of ``noun`` in the sentences ``before`` (nearest first), when the text ties it to
    another harm ("abducted two police officers", "five guards were wounded"); a figure that
    counts no one harmed ("500 soldiers were deployed") is not carried."""
    from harmledger.extract.mentions import read_mentions  # mentions reads sentences; this reads across them

    for tokens in before:
        for m in reversed(read_mentions(tokens)):
            after = range(m.last, min(len(tokens), m.last + _NOUN_AFTER_FIGURE))
            # "abducted three civilians … The hostages were shot": the captives of an abduction
            captives = noun in _CAPTIVES and m.outcome == "detained"
            if not captives and not any(tokens[x].low == noun for x in after):
                continue
            if m.outcome == outcome or m.negated:
                return None  # "two soldiers were killed … The soldiers were killed by": told twice
            return m
    return None


# Verbs of an attack on people that say nothing yet of their harm: "assaulted two women", "attacked
# three herders". The group's harm is told in the next sentence ("The women were injured").
_TARGETED = frozenset(
    """attacked assaulted raped beat ambushed targeted robbed harassed abducted kidnapped seized
    stopped intercepted threatened""".split()
)
_TARGET_REACH = 3  # tokens between the verb and the figure: "sexually assaulted two women"


def targeted_count(before: list[list[Token]], noun: str) -> Count | None:
    """The figure of ``noun`` that an attack targeted in the sentences ``before`` (nearest first),
    where no harm is counted: "Assailants assaulted two teenagers. The victims were injured." A
    group named "the victims" takes any group of people so targeted."""
    from harmledger.extract.counts import find_counts  # counts reads figures; this reads across sentences

    for tokens in before:
        for match in reversed(find_counts(tokens)):
            after = tokens[match.last : match.last + _NOUN_AFTER_FIGURE]
            people = [t.low for t in after if t.low in VICTIM_NOUNS and _plural(t.low)]
            if not people or (noun != "victims" and noun not in people):
                continue
            verb = range(max(0, match.first - _TARGET_REACH), match.first)
            if any(tokens[x].low in _TARGETED for x in verb) and match.count.point and not match.count.vague:
                return match.count
    return None


def carried_mention(tokens: list[Token], group: Group, before: list[list[Token]]) -> Mention | None:
    """The mention of a sentence like "The police officers were shot and killed" (its
    ``definite_group``), carrying the figure of the sentences ``before``; or None."""
    noun_at, noun, outcome, harm_at, end = group
    earlier = earlier_count(before, noun, outcome)
    if earlier is None:
        from harmledger.extract.mentions import read_mentions  # as in ``earlier_count``

        # only where the sentences before count no harm at all (a figure told twice is no carry)
        targeted = targeted_count(before, noun) if not any(read_mentions(t) for t in before) else None
        if targeted is None:
            return None
        carried = Count(targeted.low, targeted.high, targeted.best, targeted.qualifier, False, "")
        return Mention(0, noun_at + 1, carried, outcome, VICTIM_NOUNS[noun][0], [], harm_at, end, rule="carried_figure")
    if earlier.count.point is None or earlier.count.vague:
        return None
    count = earlier.count
    carried = Count(count.low, count.high, count.best, count.qualifier, False, "")
    victims = earlier.victims if noun in _CAPTIVES else VICTIM_NOUNS[noun][0]
    return Mention(0, noun_at + 1, carried, outcome, victims, [], harm_at, end, rule="carried_figure")
