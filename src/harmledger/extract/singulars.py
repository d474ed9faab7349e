"""Lone victims: one person or none, harmed with no figure given.

"Civilian killed" (one), "killing a soldier" (one), "the body of a man was found" (one), "no
civilians were killed" (zero, negated), "a man and his son were killed" (one each, sharing the
verb), and the figures listed before such a person ("two civilians and a police officer were
killed"), which share that person's verb.
"""

from __future__ import annotations

from harmledger.extract.counts import CountMatch
from harmledger.extract.harm import Mention, participles
from harmledger.extract.phrases import phrase_ending_at, starts_phrase
from harmledger.extract.text import Token
from harmledger.extract.vocab import (
    AFTER_OBJECT,
    AUX,
    FIND_VERBS,
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    JOIN,
    OBJECT_STARTS,
    OF_NOUNS,
    ONE_PERSON_DETS,
    PLURAL_ONLY,
    POSSESSIVES,
    PREPOSITIONS,
    SINGULAR_DETS,
    SUBSET_BEFORE,
    VICTIM_NOUNS,
    ZERO_WORDS,
)
from harmledger.records import Count


def _before_age(tokens: list[Token], b: int) -> int:
    """The index before an age compound ending at ``b`` ("62-year-old", "4-month-old"), else ``b``."""
    if (
        b >= 4
        and tokens[b].low == "old"
        and tokens[b - 1].text == "-"
        and tokens[b - 2].low.rstrip("s") in ("year", "month", "week", "day")
        and tokens[b - 3].text == "-"
        and tokens[b - 4].is_number
    ):
        return b - 5
    return b


def figures_before_one(
    tokens: list[Token], waiting: list[tuple[CountMatch, str | None, list[str], int]], singulars: list[Mention]
) -> list[Mention]:
    """ "At least two civilians and a police officer were killed": figures listed before one
    person share that person's verb, and the person adds to them."""
    out: list[Mention] = []
    for m, victims, groups, end in waiting:
        k = end
        while k < len(tokens) and tokens[k].low in JOIN:
            k += 1
        if k == end or k >= len(tokens) or tokens[k].low not in ONE_PERSON_DETS:
            continue
        one = next((s for s in singulars if k < s.first <= k + 3 and s.harm_at > s.first and not s.negated), None)
        if one is None:
            continue
        out.append(Mention(m.first, m.last, m.count, one.outcome, victims or "people", groups, one.harm_at, end))
        one.joint = True
    return out


def lone_victims(tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "Civilian killed" (one), "killing a soldier" (one), "no civilians were killed" (zero)."""
    taken: set[int] = set()
    for m in found:
        taken.update(range(m.first, max(m.phrase_end, m.last) + 1))
    out: list[Mention] = []
    deferred: list[tuple[int, str, str | None]] = []
    n = len(tokens)
    for k, tok in enumerate(tokens):
        low = tok.low
        if k in taken:
            continue
        if (
            low in ("him", "her")
            and k > 0
            and tokens[k - 1].low in HARM_BEFORE
            and _object_pronoun(tokens, k)
            and (_person_before(tokens, k - 1))
        ):
            harm = HARM_BEFORE[tokens[k - 1].low]
            if not any(m.outcome == harm for m in (*found, *out)):
                # "hit a woman with a stone, injuring her": one person, named before
                out.append(Mention(k, k + 1, Count(1, 1, 1, "exact"), harm, "people", [], k - 1, k + 1, -1, False))
                taken.add(k)
            continue
        if low in ("body", "corpse") and _found_one(tokens, k):
            out.append(Mention(k - 1, k + 1, Count(1, 1, 1, "exact"), "killed", "people", [], k, k + 1, -1, False))
            taken.update(range(k - 1, k + 1))
            continue
        zero = low in ZERO_WORDS or (low == "no" and k + 1 < n and tokens[k + 1].low == "one")
        negated_noun = low == "no" and not zero
        if negated_noun:
            j = k + 1
            while j < n and j <= k + 2 and tokens[j].low not in VICTIM_NOUNS and tokens[j].low not in HARM_NOUNS:
                if tokens[j].low in ("longer", "more", "less", "matter", "doubt"):
                    break  # "no longer counting bodies", "no more than"
                j += 1
            if j >= n or j > k + 2 or not (tokens[j].low in VICTIM_NOUNS or tokens[j].low in HARM_NOUNS):
                continue
            if tokens[j].low in HARM_NOUNS:  # "no casualties"
                out.append(
                    Mention(
                        k,
                        j + 1,
                        Count(0, 0, 0, "exact", text=""),
                        HARM_NOUNS[tokens[j].low],
                        "people",
                        [],
                        j,
                        j + 1,
                        -1,
                        True,
                    )
                )
                continue
            kind, group = VICTIM_NOUNS[tokens[j].low]
            after = j + 1
        elif zero:
            kind, group, after = "people", None, k + (2 if low == "no" else 1)
        elif low == "another" and k + 1 < n and tokens[k + 1].low in ("was", "is", "had", "has"):
            kind, group, after = "people", None, k + 1  # "2 were killed and another was wounded"
        else:
            if low not in VICTIM_NOUNS or low in PLURAL_ONLY or low.endswith("s") or low.endswith("men"):
                continue
            kind, group = VICTIM_NOUNS[low]
            after = k + 1
            prev = tokens[k - 1].low if k > 0 else ""
            # The figure of a plural mention ("12 soldier deaths") or a possessive is not one.
            if k > 0 and (tokens[k - 1].is_number or prev in ("of", "'s")):
                continue
            # "an executed man", "a dead child": the participle stands before the noun.
            if (
                k > 1
                and prev in HARM_AFTER
                and tokens[k - 2].low in ("a", "an", "one")
                and (HARM_AFTER[prev] == "killed")
            ):
                out.append(
                    Mention(
                        k - 2,
                        k + 1,
                        Count(1, 1, 1, "exact"),
                        "killed",
                        kind,
                        [group] if group else [],
                        k - 1,
                        k + 1,
                        -1,
                        False,
                    )
                )
                taken.update(range(k - 2, k + 2))
                continue
        j = after
        while j < n and j < after + 3 and tokens[j].low in AUX and not starts_phrase(tokens, j):
            j += 1
        outcome, end = participles(tokens, j)
        if outcome is not None and end < n and _object_follows(tokens, end):
            outcome = None  # "a soldier killed 5 …", "a gunman killed a policeman": active voice
        if outcome is None and not (zero or negated_noun):
            # "killing a civilian", "kill civilian working on his land"
            b = _before_age(tokens, k - 1)  # "killed a 62-year-old man"
            skipped = 0
            while (
                b >= 0
                and skipped < 2
                and tokens[b].low not in HARM_BEFORE
                and (
                    tokens[b].text.isalpha()
                    and tokens[b].low not in SINGULAR_DETS
                    and tokens[b].low not in POSSESSIVES
                    and tokens[b].low not in PREPOSITIONS
                    and (tokens[b].low not in AUX or tokens[b].text == "IS")  # "kills wanted IS militant"
                )
            ):
                b -= 1
                skipped += 1
            det = b >= 0 and (tokens[b].low in SINGULAR_DETS or tokens[b].low in POSSESSIVES)
            if det:
                b -= 1
            if det and b >= 1 and tokens[b].low == "of" and tokens[b - 1].low in OF_NOUNS:
                b -= 1  # "the death of a child", "the injury of his mother"
            # "killed a soldier" is active; bare "killed soldier" may be "soldier killed".
            if b >= 0 and tokens[b].low in HARM_BEFORE and (det or tokens[b].low not in HARM_AFTER):
                outcome, end, j = HARM_BEFORE[tokens[b].low], k + 1, b
            elif det and b >= 0 and tokens[b].low in OF_NOUNS and tokens[b + 1].low == "of":
                outcome, end, j = OF_NOUNS[tokens[b].low], k + 1, b
            elif det and b >= 1 and (phrase := phrase_ending_at(tokens, b)) is not None:
                outcome, end, j = phrase[0], k + 1, b  # "shot dead a member"
        joint = False
        if outcome is None and not (zero or negated_noun):
            # "killing a commander and his brother": the second person shares the first's verb.
            prev_m = _active_before_and(tokens, k, [*found, *out])
            if prev_m is not None:
                outcome, end, joint, j = prev_m.outcome, k + 1, True, prev_m.harm_at
        if outcome is None:
            if not (zero or negated_noun) and after < n and tokens[after].low in (",", "and"):
                deferred.append((k, kind, group))
            continue
        start = k
        if not (zero or negated_noun) and k > 0 and tokens[k - 1].low in ("a", "an", "one"):
            start = k - 1
        # "Her son was also killed": one more person beside a figure already given.
        joint = joint or any(tokens[x].low == "also" for x in range(after, j))
        value = 0 if (zero or negated_noun) else 1
        last = k + 2 if zero and low == "no" else k + 1  # "no one"
        out.append(
            Mention(
                start,
                last,
                Count(value, value, value, "exact"),
                outcome,
                kind,
                [group] if group else [],
                j,
                end,
                -1,
                zero or negated_noun,
                joint=joint,
            )
        )
        taken.update(range(start, end + 1))
    # "a man and his son were killed", "a woman and her three children were killed": a singular
    # noun coordinated with a later victim phrase shares its harm (right to left, so chains work).
    for k, kind, group in reversed(deferred):
        later = [m for m in (*found, *out) if k + 2 <= m.first <= k + 4 and m.harm_at > m.first]
        nxt = min(later, key=lambda m: m.first) if later else None
        if nxt is None or nxt.negated or k + 1 in taken:
            continue
        start = k - 1 if k > 0 and tokens[k - 1].low in ("a", "an", "one") else k
        if start > 0 and tokens[start - 1].low in SUBSET_BEFORE and any(m.last <= start for m in found):
            continue  # "Seven were killed, including a child, and 20 injured": a part of the seven
        out.append(
            Mention(
                start,
                k + 1,
                Count(1, 1, 1, "exact"),
                nxt.outcome,
                kind,
                [group] if group else [],
                nxt.harm_at,
                k + 1,
                -1,
                False,
            )
        )
        nxt.joint = True  # the later phrase adds to this one: "a man and his son"
        taken.update(range(start, k + 1))
    _join_objects(tokens, out, found)
    return out


_LIST_JOINERS = frozenset({"and", ","})


def _join_objects(tokens: list[Token], singles: list[Mention], found: list[Mention]) -> None:
    """ "killed a woman and her three children": the figure after a singular object of the same
    verb adds to it (four dead), as "a woman and her three children were killed" does."""
    for one in singles:
        if one.negated or not 0 <= one.harm_at < one.first:
            continue
        for m in found:
            if m.harm_at != one.harm_at or m.first <= one.first or m.joint:
                continue
            between = [t.low for t in tokens[one.last : m.first]]
            if (
                between
                and between[0] in _LIST_JOINERS
                and all(w in _LIST_JOINERS or w in POSSESSIVES or w in SINGULAR_DETS for w in between)
            ):
                m.joint = True


_MAX_NOUN_MODIFIERS = 3


def _object_follows(tokens: list[Token], end: int) -> bool:
    """The participle has an object ("killed a policeman", "killed 5"): it is an active verb."""
    return tokens[end].is_number or tokens[end].low in OBJECT_STARTS or tokens[end].low in POSSESSIVES


def _person_before(tokens: list[Token], k: int) -> bool:
    """ "a woman …, injuring her": the pronoun's person is named in the same sentence (a victim
    named sentences earlier may already be counted there)."""
    return any(
        tokens[x].low in VICTIM_NOUNS and not tokens[x].low.endswith("s") and tokens[x - 1].low in ("a", "an", "the")
        for x in range(1, k)
    )


def _object_pronoun(tokens: list[Token], k: int) -> bool:
    return k + 1 >= len(tokens) or not tokens[k + 1].text.isalpha() or tokens[k + 1].low in AFTER_OBJECT


def _active_before_and(tokens: list[Token], k: int, mentions: list[Mention]) -> Mention | None:
    """The mention right before "and [his|her|a] [modifiers] NOUN" whose verb stands before its
    figure ("killed a police officer and a provincial council security guard")."""
    b = k - 1
    modifiers = 0
    while (
        b >= 0
        and modifiers < _MAX_NOUN_MODIFIERS
        and tokens[b].text.isalpha()
        and tokens[b].low not in ("and", "or")
        and tokens[b].low not in POSSESSIVES
        and tokens[b].low not in SINGULAR_DETS
    ):
        b, modifiers = b - 1, modifiers + 1
    determined = b >= 0 and (tokens[b].low in POSSESSIVES or tokens[b].low in SINGULAR_DETS)
    if modifiers and not determined:
        return None  # words before the noun count as its modifiers only after "a"/"his"
    if determined:
        b -= 1
    # "killing a father, his wife and …": a comma joins too, but only inside a list that goes on
    # ("killed a soldier, his commander said" is not a second victim).
    listed = (
        tokens[b].low == ","
        and tokens[b + 1].low in POSSESSIVES
        and (k + 1 < len(tokens) and tokens[k + 1].low in _LIST_JOINERS)
    )
    if b < 1 or (tokens[b].low != "and" and not listed):
        return None
    for m in mentions:
        if 0 <= m.harm_at < m.first and max(m.phrase_end, m.last) == b and not m.negated:
            return m
    return None


def _found_one(tokens: list[Token], k: int) -> bool:
    """ "They find a body", "a body was found": one dead person ("a body of water" is not)."""
    if k == 0 or tokens[k - 1].low not in ("a", "an", "one", "the"):
        return False
    of_someone = (
        k + 3 < len(tokens)
        and tokens[k + 1].low == "of"
        and (tokens[k + 2].low in ("a", "an") and tokens[k + 3].low in VICTIM_NOUNS)
    )
    if (k + 1 < len(tokens) and tokens[k + 1].low == "of" or tokens[k - 1].low == "the") and not of_someone:
        return False  # "a body of water"; "the body" may be one already counted
    near = range(max(0, k - 4), min(len(tokens), k + 7))
    return any(tokens[x].low in FIND_VERBS for x in near)
