"""Lone victims: one person or none, harmed with no figure given.

"Civilian killed" (one), "killing a soldier" (one), "the body of a man was found" (one), "no
civilians were killed" (zero, negated), "a man and his son were killed" (one each, sharing the
verb), and the figures listed before such a person ("two civilians and a police officer were
killed"), which share that person's verb.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from harmledger.extract.counts import CountMatch
from harmledger.extract.harm import (
    Mention,
    figure_starts,
    killed_in_manner_after,
    participles,
    past_description,
    past_name,
    skip_auxiliaries,
)
from harmledger.extract.phrases import phrase_ending_at
from harmledger.extract.text import Token, too_at
from harmledger.extract.vocab import (
    AFTER_OBJECT,
    AUX,
    DEMONYM_NOUNS,
    FIND_VERBS,
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    JOIN,
    MANNER_VERBS,
    NOT_HARMED,
    OBJECT_STARTS,
    OF_NOUNS,
    ONE_PERSON_DETS,
    PASSIVE_AUX,
    PLURAL_ONLY,
    POSSESSIVES,
    PREPOSITIONS,
    RELATIVES,
    SINGULAR_DETS,
    SUBSET_BEFORE,
    TENS,
    UNHARMED,
    UNITS,
    VICTIM_NOUNS,
    ZERO_WORDS,
)
from harmledger.records import Count, Qualifier

_ONE = Count(1, 1, 1, "exact")


def _before_age(tokens: list[Token], b: int) -> int:
    """The index before an age compound ending at ``b`` ("62-year-old", "4-month-old"), else ``b``."""
    if (
        b >= 4
        and tokens[b].low == "old"
        and tokens[b - 1].text == "-"
        and tokens[b - 2].low.rstrip("s") in ("year", "month", "week", "day")
        and tokens[b - 3].text == "-"
        and (tokens[b - 4].is_number or tokens[b - 4].low in UNITS or tokens[b - 4].low in TENS)  # "ten-month-old"
    ):
        return b - 5
    return b


def figures_before_one(
    tokens: list[Token], waiting: list[tuple[CountMatch, str | None, list[str], int]], singulars: list[Mention]
) -> list[Mention]:
    """ "At least two civilians and a police officer were killed", "10 jawans, driver killed":
    figures listed before one person share that person's verb, and the person adds to them."""
    out: list[Mention] = []
    for m, victims, groups, end in waiting:
        k = end
        while k < len(tokens) and tokens[k].low in JOIN:
            k += 1
        if k == end or k >= len(tokens):
            continue
        # a headline drops the article: "10 DRG jawans, driver killed in blast"
        if tokens[k].low not in ONE_PERSON_DETS and not any(s.first == k for s in singulars):
            continue
        # "the wife of a police officer": a relative named by whose relative she is
        reach = 6 if k + 2 < len(tokens) and tokens[k + 1].low in RELATIVES and tokens[k + 2].low == "of" else 3
        one = next((s for s in singulars if k <= s.first <= k + reach and s.harm_at > s.first and not s.negated), None)
        if one is None:
            continue
        out.append(Mention(m.first, m.last, m.count, one.outcome, victims or "people", groups, one.harm_at, end))
        one.joint = True
    return out


@dataclass(slots=True)
class _Lone:
    """The state of one sentence's reading for lone victims: what is read, and what waits."""

    tokens: list[Token]
    found: list[Mention]  # the figures of the sentence
    taken: set[int] = field(default_factory=set)  # token indices already read
    out: list[Mention] = field(default_factory=list)
    deferred: list[tuple[_One, int]] = field(default_factory=list)  # "a man and …": who, and where

    def add(self, mention: Mention, rule: str, taken: range) -> None:
        mention.rule = rule
        self.out.append(mention)
        self.taken.update(taken)


@dataclass(frozen=True, slots=True)
class _One:
    """A lone victim found at ``k``: who, where the words after the noun start, and whether it
    is a zero ("nobody", "no one") or a negated noun ("no civilians")."""

    k: int
    kind: str
    group: str | None
    after: int
    zero: bool = False
    negated: bool = False
    people: int = 1  # "an elderly couple": two

    @property
    def none(self) -> bool:
        return self.zero or self.negated


def _injuring_her(s: _Lone, k: int) -> bool:
    """ "hit a woman with a stone, injuring her": one person, named before the verb."""
    tokens = s.tokens
    if not (
        tokens[k].low in ("him", "her")
        and k > 0
        and tokens[k - 1].low in HARM_BEFORE
        and _object_pronoun(tokens, k)
        and _person_before(tokens, k - 1)
    ):
        return False
    harm = HARM_BEFORE[tokens[k - 1].low]
    if not any(m.outcome == harm for m in (*s.found, *s.out)):
        s.add(Mention(k, k + 1, _ONE, harm, "people", [], k - 1, k + 1), rule_name(_injuring_her), range(k, k + 1))
    return True


def _a_body_found(s: _Lone, k: int) -> bool:
    """ "the body of a man was found": one dead."""
    if s.tokens[k].low not in ("body", "corpse") or not _found_one(s.tokens, k):
        return False
    start = _before_body(s.tokens, k)
    s.add(Mention(start, k + 1, _ONE, "killed", "people", [], k, k + 1), rule_name(_a_body_found), range(start, k + 1))
    return True


def _no_harm_noun(s: _Lone, k: int) -> bool:
    """ "There were no casualties": a zero of that harm, negated."""
    j = _negated_noun_at(s.tokens, k)
    if j is None or s.tokens[j].low not in HARM_NOUNS:
        return False
    zero = Mention(k, j + 1, Count(0, 0, 0, "exact", text=""), HARM_NOUNS[s.tokens[j].low], "people", [], j, j + 1)
    zero.negated = True
    s.add(zero, rule_name(_no_harm_noun), range(0))
    return True


# "did not cause any casualties", "didn't result in any injuries", "without causing any deaths":
# a negation, then only words of causing, then "any" and the harm noun.
_NEGATIONS = frozenset({"not", "n't", "never", "without", "didn't", "did't", "wasn't", "weren't", "doesn't"})
_CAUSING = frozenset(
    """cause caused causing result resulted resulting in inflict inflicted inflicting lead led to
    leading report reported there were was any""".split()
)


# (not "was released unharmed on June 1": the day of the release, and a hostage's fate, not the attack's)
_CAME_OUT = frozenset({"was", "were", "escaped", "survived", "emerged"})


def _target_unharmed(s: _Lone, k: int) -> bool:
    """ "Askar, the president's adviser, was not harmed in the blast": nobody was harmed, a
    zero of casualties (as "no casualties" is); only of a person named or described before."""
    tokens = s.tokens
    low = tokens[k].low
    if low in UNHARMED:
        j = k - 1
    elif low in NOT_HARMED and k >= 2 and tokens[k - 1].low in ("not", "n't"):
        j = k - 2
    else:
        return False
    if j < 1 or tokens[j].low not in _CAME_OUT:
        return False
    subject = tokens[j - 1]
    described = j >= 2 and (tokens[j - 2].low in SINGULAR_DETS or tokens[j - 2].low in POSSESSIVES)
    if not (subject.is_title or subject.low in VICTIM_NOUNS or subject.text == "," or described):
        return False
    # "Civilians were not harmed" is a zero of civilians; a person's name, of anyone
    victims = VICTIM_NOUNS[subject.low][0] if subject.low in VICTIM_NOUNS else "people"
    zero = Mention(k, k + 1, Count(0, 0, 0, "exact", text=""), "casualties", victims, [], k, k + 1)
    zero.negated = True
    s.add(zero, rule_name(_target_unharmed), range(k, k + 1))
    return True


def _not_any_harm_noun(s: _Lone, k: int) -> bool:
    """ "The grenade did not cause any casualties": a zero of that harm, negated."""
    tokens = s.tokens
    if tokens[k].low != "any":
        return False
    j = k + 1
    if j < len(tokens) and tokens[j].low == "reported":
        j += 1  # not "any other casualties": beside the harm told before, a zero of others
    if j >= len(tokens) or tokens[j].low not in HARM_NOUNS:
        return False
    before = k - 1
    while before >= 0 and k - before <= 4 and tokens[before].low in _CAUSING:
        before -= 1
    if before < 0 or before == k - 1 or tokens[before].low not in _NEGATIONS:
        return False  # "it was unclear whether any casualties": no negation of causing
    zero = Mention(k, j + 1, Count(0, 0, 0, "exact", text=""), HARM_NOUNS[tokens[j].low], "people", [], j, j + 1)
    zero.negated = True
    s.add(zero, rule_name(_not_any_harm_noun), range(0))
    return True


def _an_executed_man(s: _Lone, k: int) -> bool:
    """ "an executed man", "a dead child": the participle stands before the noun."""
    tokens = s.tokens
    one = _singular_victim(tokens, k)
    if one is None or k < 2:
        return False
    prev = tokens[k - 1].low
    if prev not in HARM_AFTER or HARM_AFTER[prev] != "killed" or tokens[k - 2].low not in ("a", "an", "one"):
        return False
    groups = [one.group] if one.group else []
    s.add(
        Mention(k - 2, k + 1, _ONE, "killed", one.kind, groups, k - 1, k + 1),
        rule_name(_an_executed_man),
        range(k - 2, k + 2),
    )
    return True


def _harmed_one(s: _Lone, k: int) -> bool:
    """ "Civilian killed", "killing a soldier", "no civilians were killed", "another was wounded":
    one person (or none) with the harm found by the first of ``ONE_HARMS`` that answers."""
    one = _who(s.tokens, k)
    if one is None:
        return False
    tokens = s.tokens
    rule, harm = next(((r, h) for r in ONE_HARMS if (h := r(s, one)) is not None), (None, None))
    if harm is None or rule is None:
        if not one.none and one.after < len(tokens) and tokens[one.after].low in (",", "and"):
            s.deferred.append((one, k))
        return True
    outcome, end, j, joint = harm
    start = k - 1 if not one.none and k > 0 and tokens[k - 1].low in ("a", "an", "one", "another") else k
    # "Her son was also killed", "another man was killed", "a guard died too": one more person
    # beside a figure already given.
    joint = (
        joint
        or any(tokens[x].low == "also" for x in range(one.after, j))
        or too_at(tokens, end)
        or (not one.none and tokens[start].low == "another")
    )
    value = 0 if one.none else one.people
    last = k + 2 if one.zero and tokens[k].low == "no" else k + 1  # "no one"
    groups = [one.group] if one.group else []
    # "His 16-year-old daughter was killed": one person singled out among a story's dead, at least
    # one beside a toll, as a named victim is (she was the toll's low)
    singled = not one.none and k > 0 and tokens[_before_age(tokens, k - 1)].low in POSSESSIVES
    qualifier: Qualifier = "named" if singled else "exact"
    mention = Mention(start, last, Count(value, value, value, qualifier), outcome, one.kind, groups, j, end)
    mention.negated, mention.joint = one.none, joint
    s.add(mention, f"harmed one: {rule_name(rule)}", range(start, end + 1))
    return True


# How a word that may be a lone victim is read: tried in order, the first rule that answers
# reads it (or sets it aside).
LONE_RULES: tuple[Callable[[_Lone, int], bool], ...] = (
    _injuring_her,
    _a_body_found,
    _no_harm_noun,
    _not_any_harm_noun,
    _target_unharmed,
    _an_executed_man,
    _harmed_one,
)


def _negated_noun_at(tokens: list[Token], k: int) -> int | None:
    """ "no civilians", "no casualties": the index of the noun after "no", if one follows."""
    n = len(tokens)
    if tokens[k].low != "no" or (k + 1 < n and tokens[k + 1].low == "one"):
        return None
    j = k + 1
    while j < n and j <= k + 2 and tokens[j].low not in VICTIM_NOUNS and tokens[j].low not in HARM_NOUNS:
        if tokens[j].low in ("longer", "more", "less", "matter", "doubt"):
            return None  # "no longer counting bodies", "no more than"
        j += 1
    if j >= n or j > k + 2 or not (tokens[j].low in VICTIM_NOUNS or tokens[j].low in HARM_NOUNS):
        return None
    return j


def _singular_victim(tokens: list[Token], k: int) -> _One | None:
    """A singular victim noun at ``k`` ("civilian", "a soldier"), not a figure's noun."""
    low = tokens[k].low
    if low == "couple":
        return _a_couple(tokens, k)
    if low not in VICTIM_NOUNS or low in PLURAL_ONLY or low.endswith("s") or low.endswith("men"):
        return None
    # The figure of a plural mention ("12 soldier deaths") or a possessive is not one, nor is
    # "each"/"every" person killed (compensation "for the family of each person killed").
    if k > 0 and (tokens[k - 1].is_number or tokens[k - 1].low in ("of", "'s", "each", "every", "any")):
        return None
    # "an Afghan Local Police commander": a nationality before a name is its modifier.
    if low in DEMONYM_NOUNS and k + 1 < len(tokens) and tokens[k + 1].is_title and tokens[k + 1].text.isalpha():
        return None
    kind, group = VICTIM_NOUNS[low]
    return _One(k, kind, group, k + 1)


def _a_couple(tokens: list[Token], k: int) -> _One | None:
    """ "An elderly couple was killed", "a couple and their baby": two people (not "a couple of
    days", a vague figure that counts read)."""
    if k + 1 < len(tokens) and tokens[k + 1].low == "of":
        return None
    b = k - 1
    while (
        b >= 0
        and b >= k - 2
        and tokens[b].text.isalpha()
        and tokens[b].text.islower()
        and tokens[b].low not in SINGULAR_DETS
    ):
        b -= 1  # "an elderly couple", "a young married couple"
    if b < 0 or tokens[b].low not in SINGULAR_DETS:
        return None
    return _One(k, "people", None, k + 1, people=2)


def _who(tokens: list[Token], k: int) -> _One | None:
    """The lone victim at ``k``: none ("nobody", "no one", "no civilians"), "another", or one."""
    low, n = tokens[k].low, len(tokens)
    j = _negated_noun_at(tokens, k)
    if j is not None:
        kind, group = VICTIM_NOUNS[tokens[j].low]
        return _One(k, kind, group, j + 1, negated=True)
    if low in ZERO_WORDS or (low == "no" and k + 1 < n and tokens[k + 1].low == "one"):
        return _One(k, "people", None, k + (2 if low == "no" else 1), zero=True)
    if low == "another" and k + 1 < n and tokens[k + 1].low in ("was", "is", "had", "has"):
        return _One(k, "people", None, k + 1)  # "2 were killed and another was wounded"
    if low == "head" and k > 0 and tokens[k - 1].low == "the" and k + 1 < n and tokens[k + 1].low == "of":
        return _One(k, "people", None, k + 1)  # "killed the head of the village council" (not "in the head")
    return _singular_victim(tokens, k)


_OneHarm = tuple[str, int, int, bool]  # outcome, end of the phrase, index of the harm word, joint


def _participle_after(s: _Lone, one: _One) -> _OneHarm | None:
    """ "Civilian killed", "a soldier was wounded", "no one was hurt"."""
    tokens, n, after = s.tokens, len(s.tokens), one.after
    # "Rebel carrying a reward of Rs 4 lakh | killed"; not "the wife of | a police officer"
    j = past_name(tokens, past_description(tokens, after, places=False))
    j = skip_auxiliaries(tokens, j, limit=3)
    outcome, end = participles(tokens, j)
    if outcome is None or (end < n and _object_follows(tokens, end)):
        return None  # "a soldier killed 5 …", "a gunman killed a policeman": active voice
    return outcome, end, j, False


def _verb_before(s: _Lone, one: _One) -> _OneHarm | None:
    """ "killing a civilian", "kill civilian working on his land", "the death of a child", "shot
    dead a member", "hack a farmer to death"."""
    if one.none:
        return None
    tokens, k = s.tokens, one.k
    manner = killed_in_manner_after(tokens, k)  # "… to death", "… alive" after the noun
    b = _before_age(tokens, k - 1)  # "killed a 62-year-old man"
    skipped = 0
    while (
        b >= 0
        and skipped < 2
        and tokens[b].low not in HARM_BEFORE
        and not (manner and tokens[b].low in MANNER_VERBS)
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
    # "killed a soldier" is active; bare "killed soldier" may be "soldier killed", unless the verb
    # has a subject before it ("Assailants shot and killed teacher X").
    if b >= 0 and tokens[b].low in HARM_BEFORE and (det or tokens[b].low not in HARM_AFTER or _has_subject(tokens, b)):
        return HARM_BEFORE[tokens[b].low], k + 1, b, False
    if manner and b >= 0 and tokens[b].low in MANNER_VERBS:
        return "killed", k + 1, b, False  # "burned a man alive", "mob beats thief to death"
    if det and b >= 0 and tokens[b].low in OF_NOUNS and tokens[b + 1].low == "of":
        return OF_NOUNS[tokens[b].low], k + 1, b, False
    if det and b >= 1 and (phrase := phrase_ending_at(tokens, b)) is not None:
        return phrase[0], k + 1, b, False  # "shot dead a member"
    return None


def _has_subject(tokens: list[Token], v: int) -> bool:
    """Whether the verb of killing or wounding at ``v`` follows its subject: "Assailants shot and
    killed", "Gunmen killed" (not "the killed soldier", "a severely injured man", "was killed")."""
    verb, before = tokens[v], tokens[v - 1] if v > 0 else None
    if before is None or not verb.text.islower() or HARM_BEFORE[verb.low] not in ("killed", "injured"):
        return False
    low = before.low
    if low == "and":
        return True
    plural = low.endswith("s") or low.endswith("men")
    return before.text.isalpha() and plural and low not in AUX and low not in PASSIVE_AUX


def _verb_shared(s: _Lone, one: _One) -> _OneHarm | None:
    """ "killing a commander and his brother": the second person shares the first's verb."""
    if one.none:
        return None
    prev = _active_before_and(s.tokens, one.k, [*s.found, *s.out])
    return None if prev is None else (prev.outcome, one.k + 1, prev.harm_at, True)


# Where a lone victim's harm is found, in order.
ONE_HARMS: tuple[Callable[[_Lone, _One], _OneHarm | None], ...] = (_participle_after, _verb_before, _verb_shared)


def rule_name(rule: Callable[..., object]) -> str:
    """A rule's name as mentions carry it: ``_a_body_found`` → "a body found"."""
    return rule.__name__.strip("_").replace("_", " ")


# The words a rule of ``LONE_RULES`` may start at; any other word is passed by at once.
_LONE_STARTS = frozenset(
    {
        "him",
        "her",
        "body",
        "corpse",
        "no",
        "any",
        "another",
        "head",
        "couple",
        *ZERO_WORDS,
        *VICTIM_NOUNS,
        *UNHARMED,
        *NOT_HARMED,
    }
)


def lone_rule_names() -> list[str]:
    """The names lone-victim mentions carry, one per rule (and per way a harm is found)."""
    return [
        *(rule_name(rule) for rule in LONE_RULES if rule is not _harmed_one),
        *(f"{rule_name(_harmed_one)}: {rule_name(harm)}" for harm in ONE_HARMS),
        rule_name(_coordinated),
    ]


def lone_victims(tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "Civilian killed" (one), "killing a soldier" (one), "no civilians were killed" (zero)."""
    s = _Lone(tokens, found)
    for m in found:
        s.taken.update(range(m.first, max(m.phrase_end, m.last) + 1))
    for k, tok in enumerate(tokens):
        if tok.low in _LONE_STARTS and k not in s.taken:
            any(rule(s, k) for rule in LONE_RULES)
    _coordinated(s)
    join_objects(tokens, s.out, found)
    return s.out


def _coordinated(s: _Lone) -> None:
    """ "a man and his son were killed", "a woman and her three children were killed": a singular
    noun coordinated with a later victim phrase shares its harm (right to left, so chains work)."""
    tokens, found, out = s.tokens, s.found, s.out
    for one, k in reversed(s.deferred):
        later = [
            m for m in (*found, *out) if k + 2 <= _start_past_age(tokens, k, m.first) <= k + 4 and m.harm_at > m.first
        ]
        nxt = min(later, key=lambda m: m.first) if later else None
        if nxt is None or nxt.negated or k + 1 in s.taken:
            continue
        start = k - 1 if k > 0 and tokens[k - 1].low in ("a", "an", "one") else k
        if start > 0 and tokens[start - 1].low in SUBSET_BEFORE and any(m.last <= start for m in found):
            continue  # "Seven were killed, including a child, and 20 injured": a part of the seven
        groups = [one.group] if one.group else []
        count = Count(one.people, one.people, one.people, "exact")
        named = _named_before_apposition(tokens, k)
        if named is not None:
            # "Lopez, a councillor and teacher, and her husband were killed": the apposition says
            # who the person named before it is; that person is the one harmed, once
            if tokens[k + 1].low != ",":
                continue  # "a councillor and teacher": the same person as the noun after it
            first, last = named
            mention = Mention(first, last, Count(1, 1, 1, "named"), nxt.outcome, "people", [], nxt.harm_at, k + 1)
            s.add(mention, rule_name(_coordinated), range(first, k + 1))
            nxt.joint = True
            continue
        mention = Mention(start, k + 1, count, nxt.outcome, one.kind, groups, nxt.harm_at, k + 1)
        s.add(mention, rule_name(_coordinated), range(start, k + 1))
        nxt.joint = True  # the later phrase adds to this one: "a man and his son"


_APPOSITION_REACH = 6  # words of an apposition before its noun: "a local radio station's"
_NAME_WORDS = 4


def _named_before_apposition(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The (first, last) of the name a noun at ``k`` describes, between commas after it ("Maria
    Lopez, a local councillor and teacher, and …"), else None."""
    b = k - 1
    while b > 0 and k - b <= _APPOSITION_REACH and tokens[b].low not in ("a", "an", "the"):
        if not (tokens[b].text.isalpha() and tokens[b].text.islower()):
            return None
        b -= 1
    if b < 2 or tokens[b].low not in ("a", "an", "the") or tokens[b - 1].low != ",":
        return None
    last = b - 1
    first = last
    while first > 0 and last - first < _NAME_WORDS and _capitalised_word(tokens[first - 1]):
        first -= 1
    if first == last or (first > 0 and tokens[first - 1].low in PREPOSITIONS):
        return None  # no name, or a place ("in Gao, the regional capital, …")
    return first, last


def _capitalised_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text.replace("-", "").isalpha() and tok.low not in ("the", "a", "an")


_LIST_JOINERS = frozenset({"and", ","})


def _start_past_age(tokens: list[Token], k: int, first: int) -> int:
    """Where the phrase at ``first`` starts, counting an age before it ("a couple and their
    ten-month-old baby"): only when joining words alone lie between (not "a fisherman, said his
    16-year-old daughter")."""
    start = _before_age(tokens, first - 1) + 1
    joined = all(
        t.low in _LIST_JOINERS or t.low in POSSESSIVES or t.low in SINGULAR_DETS for t in tokens[k + 1 : start]
    )
    return start if joined else first


def join_objects(tokens: list[Token], singles: list[Mention], found: list[Mention]) -> None:
    """ "killed a woman and her three children": the figure after a singular object of the same
    verb adds to it (four dead), as "a woman and her three children were killed" does; so it does
    after a person named ("killed Karim Haddad along with his wife and their three daughters")."""
    for one in singles:
        if one.negated or not 0 <= one.harm_at < one.first:
            continue
        for m in found:
            if m.harm_at != one.harm_at or m.first <= one.first or m.joint:
                continue
            between = _without_of_phrase([t.low for t in tokens[one.last : m.first]])
            if (
                between
                and between[0] in _LIST_JOINERS
                and all(w in _LIST_JOINERS or w in POSSESSIVES or w in SINGULAR_DETS for w in between)
            ):
                m.joint = True


_OF_PHRASE_WORDS = 4


def _without_of_phrase(between: list[str]) -> list[str]:
    """The words between a singular and a later figure without the "of" phrase that describes the
    singular ("executed the head of a village and two people close to him": "and")."""
    if not between or between[0] != "of":
        return between
    joint = next((n for n in range(len(between) - 1, 0, -1) if between[n] in _LIST_JOINERS), None)
    if joint is None or joint > _OF_PHRASE_WORDS + 1 or not all(w.isalpha() for w in between[1:joint]):
        return between
    return between[joint:]


_MAX_NOUN_MODIFIERS = 3


def _object_follows(tokens: list[Token], end: int) -> bool:
    """The participle has an object ("killed a policeman", "killed 5", "killed more than 20"): it is
    an active verb (a length of time is no object: "was killed over two days")."""
    return (
        tokens[end].is_number
        or tokens[end].low in OBJECT_STARTS
        or tokens[end].low in POSSESSIVES
        or figure_starts(tokens, end)
    )


def _person_before(tokens: list[Token], k: int) -> bool:
    """ "a woman …, injuring her", "a local councillor …, injuring him": the pronoun's person is
    named in the same sentence (a victim named sentences earlier may already be counted there)."""
    for x in range(1, k):
        if tokens[x].low not in VICTIM_NOUNS or tokens[x].low.endswith("s"):
            continue
        b = x - 1
        while b > 0 and x - 1 - b < _PERSON_MODIFIERS and tokens[b].text.isalpha() and tokens[b].text.islower():
            if tokens[b].low in _ARTICLES:
                break
            b -= 1
        if tokens[b].low in _ARTICLES:
            return True
    return False


_ARTICLES = frozenset({"a", "an", "the"})
_PERSON_MODIFIERS = 2  # "a local councillor", "an elderly woman"; a capitalised word stops the look


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


_FOUND_ADVERBS = frozenset({"later", "subsequently", "eventually", "then", "also"})
_BODY_ADJECTIVES = frozenset({"dead", "lifeless", "mutilated", "decomposed", "charred"})


def _found_after(tokens: list[Token], j: int) -> bool:
    """A verb of finding at ``j``, past "been" and an adverb ("was found", "has been recovered",
    "was later found")."""
    if j < len(tokens) and tokens[j].low in _FOUND_ADVERBS:
        j += 1
    if j < len(tokens) and tokens[j].low == "been":
        j += 1
    return j < len(tokens) and tokens[j].low in FIND_VERBS


def _before_body(tokens: list[Token], k: int) -> int:
    """The word before the body at ``k`` and its adjectives ("his | dead body", "a | lifeless body")."""
    b = k - 1
    while b > 0 and tokens[b].low in _BODY_ADJECTIVES:
        b -= 1
    return b


def _found_one(tokens: list[Token], k: int) -> bool:
    """ "They find a body", "a body was found", "his body was found": one dead person ("a body of
    water" is not)."""
    if k == 0:
        return False
    before = tokens[_before_body(tokens, k)]
    if before.low in ("his", "her") or (before.text[:1].isupper() and before.low.endswith(("'s", "’s"))):
        # "Punem's body was found": the abducted man named before is dead
        return k + 2 < len(tokens) and tokens[k + 1].low in ("was", "has") and _found_after(tokens, k + 2)
    if before.low not in ("a", "an", "one", "the"):
        return False
    of_someone = (
        k + 3 < len(tokens)
        and tokens[k + 1].low == "of"
        and (tokens[k + 2].low in ("a", "an") and tokens[k + 3].low in VICTIM_NOUNS)
    )
    if (k + 1 < len(tokens) and tokens[k + 1].low == "of" or before.low == "the") and not of_someone:
        return False  # "a body of water"; "the body" may be one already counted
    near = range(max(0, k - 4), min(len(tokens), k + 7))
    return any(tokens[x].low in FIND_VERBS for x in near)
