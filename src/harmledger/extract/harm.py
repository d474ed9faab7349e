"""Which figures in a sentence count people harmed, and how: outcome, victims, sub-groups.

A figure is tied to a harm word by one of these shapes (each a function below):
  figure [modifiers] [victims] [aux] PARTICIPLE   "15 Afghan Taliban killed", "7 dead"
  VERB [and VERB] figure [victims]                "killed at least 56 civilians", "kills seven"
  figure [modifiers] HARM-NOUN                    "60 civilian casualties", "12 deaths"
  NOUN of figure                                  "the massacre of 40 villagers"
  … toll … figure                                 "the death toll … is now over 125"
How figures combine within a sentence is ``mentions``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from harmledger.extract.counts import CountMatch, find_counts, is_year
from harmledger.extract.phrases import phrase_at, phrase_ending_at, starts_phrase
from harmledger.extract.text import PhraseIndex, Token
from harmledger.extract.vocab import (
    ADDITIVE,
    AGE_LIST_WORDS,
    ASIDE_DETS,
    AUX,
    CURRENCIES,
    CURRENCY_SIGNS,
    DASHES,
    DEICTIC,
    DEMONYM_NOUNS,
    DIED_VERBS,
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    HARM_NOUNS_AFTER_VICTIMS,
    JOIN,
    MANNER_ENDS,
    MANNER_REACH,
    MANNER_VERBS,
    MODALS,
    MONTHS,
    NAME_LINKS,
    NEGATORS,
    NONHARM_NOUNS,
    NUMBER_WORDS,
    OF_NOUNS,
    OF_THE_DEAD,
    PASSIVE_AUX,
    PERPETRATORS,
    POSSESSIVES,
    PRE_QUALIFIERS,
    PREPOSITIONS,
    PRONOUNS,
    REVISED_TO,
    SINGULAR_DETS,
    SOURCE_VERBS,
    STATE_FORCE_PARTIES,
    SUBSET_BEFORE,
    SUPERLATIVES,
    TIME_NOUNS,
    TIME_UNITS,
    TOLL_OUTCOME,
    UNITS,
    VICTIM_ADJECTIVES,
    VICTIM_NOUNS,
    VICTIM_POST_MODIFIERS,
)
from harmledger.records import ARMED_SIDE, Count

# Every name of a party to the fighting (``PERPETRATORS``), alias → party: "members of" one are its
# fighters, and context reads who attacked by it.
PARTIES: PhraseIndex[str] = PhraseIndex((alias, name) for name, aliases in PERPETRATORS.items() for alias in aliases)
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
_PUNCT_STOP = frozenset({",", ";", ":", ".", "(", ")", "?", "!", '"', "“", "”", "|"})
_MAX_MODIFIERS = 4


@dataclass(slots=True)
class Mention:
    """A figure tied to a harm: tokens ``[first, last)`` hold the figure itself."""

    first: int
    last: int
    count: Count
    outcome: str
    victims: str = "people"
    groups: list[str] = field(default_factory=list)
    harm_at: int = -1  # token index of the harm word
    phrase_end: int = -1  # token index after the victims phrase
    toll_at: int = -1  # token index of "toll" when the figure is a toll
    negated: bool = False
    joint: bool = False  # another group sharing the harm of the figure before it
    # Parts of the figure the text counts ("including six children" → {"children": 6}).
    parts: dict[str, int] = field(default_factory=dict)
    rule: str = ""  # the rule that read it (``mentions.TIES``, ``singulars.LONE_RULES``, …)


def _combine(outcomes: list[str]) -> str:
    """The harm of several verbs: "killed and wounded" → casualties; "abducted and killed" →
    killed (the worst fate told is the one counted)."""
    kinds = set(outcomes)
    if {"killed", "injured"} <= kinds or "casualties" in kinds:
        return "casualties"
    return next((worst for worst in ("killed", "injured") if worst in kinds), outcomes[0])


def participles(tokens: list[Token], j: int) -> tuple[str | None, int]:
    """Harm participle(s) at ``j`` ("killed", "killed and wounded", "shot dead") → outcome, end."""
    outcomes: list[str] = []
    n = len(tokens)
    while j < n:
        low = tokens[j].low
        phrase = phrase_at(tokens, j)  # "shot dead", "lost their lives"
        if phrase is not None:
            outcomes.append(phrase[0])
            j = phrase[1]
        elif low in HARM_AFTER:
            outcomes.append(HARM_AFTER[low])
            j += 1
        else:
            break
        if j + 1 < n and tokens[j].low in JOIN and (tokens[j + 1].low in HARM_AFTER or starts_phrase(tokens, j + 1)):
            j += 1
            continue
        break
    return (_combine(outcomes), j) if outcomes else (None, j)


# What ``walk_right`` finds after a figure: (outcome, victims, groups, harm index, phrase end,
# rejected). "Rejected" says the figure counts no one harmed ("40 to 60 medical personnel" is
# not; "two of them" is a part of a figure before).
Right = tuple[str | None, str | None, list[str], int, int, bool]


@dataclass(slots=True)
class _Walk:
    """The walk after a figure: where it stands, and the victims read so far."""

    tokens: list[Token]
    start: int  # the token after the figure
    j: int
    victims: str | None = None
    groups: list[str] = field(default_factory=list)
    modifiers: int = 0  # words read that are neither victims nor harm

    def rejected(self) -> Right:
        return None, None, [], -1, self.j, True

    def found(self, outcome: str | None, harm_at: int, end: int) -> Right:
        return outcome, self.victims, self.groups, harm_at, end, False


_ON, _STOP = "on", "stop"  # a step read its words and the walk goes on / the walk ends here
_Step = Callable[[_Walk], Right | str | None]


def _scare_quotes(w: _Walk) -> str | None:
    """12 "terrorists" were killed: scare quotes around the victims."""
    tokens, j = w.tokens, w.j
    if tokens[j].low in _QUOTES and j + 2 < len(tokens) and tokens[j + 1].low in VICTIM_NOUNS:
        if tokens[j + 2].low in _QUOTES:
            w.j += 1
            return _ON
    # a partial quote closing after the figure: said "at least 56" people were killed
    if (
        tokens[j].low in _QUOTES
        and w.victims is None
        and j + 1 < len(tokens)
        and tokens[j + 1].low in VICTIM_NOUNS
        and tokens[j - 1].is_number
    ):
        w.j += 1
        return _ON
    # a partial quote closing after the victims: said "at least 18 civilians" were killed
    if (
        tokens[j].low in _QUOTES
        and w.victims is not None
        and j + 1 < len(tokens)
        and (tokens[j + 1].low in AUX or _harm_word_at(tokens, j + 1))
    ):
        w.j = skip_auxiliaries(tokens, j + 1)
        return _ON
    return None


def _aside_before_verb(w: _Walk) -> str | None:
    """ "six members of one family, four children and two women, were killed": past the aside."""
    if w.victims is None or w.tokens[w.j].low not in (",", "-", "–", "—"):
        return None
    verb = _verb_past_asides(w.tokens, w.j, w.j)
    if verb == w.j:
        return None
    w.j, w.modifiers = verb, 0
    return _ON


def _acronym(w: _Walk) -> str | None:
    """ "six Afghan National Army (ANA) soldiers": a force's acronym in brackets after its name."""
    tokens, j = w.tokens, w.j
    if (
        tokens[j].text == "("
        and j + 2 < len(tokens)
        and tokens[j + 2].text == ")"
        and j > w.start
        and tokens[j - 1].is_title
        and tokens[j + 1].text.isalpha()
        and tokens[j + 1].text.isupper()
        and 2 <= len(tokens[j + 1].text) <= 8
    ):
        w.j += 3
        return _ON
    return None


def _punctuation_or_figure(w: _Walk) -> str | None:
    tok = w.tokens[w.j]
    return _STOP if tok.low in _PUNCT_STOP or tok.is_number else None


def _this_week(w: _Walk) -> str | None:
    """ "the toll has risen to 190 this week": when, not what was counted."""
    tokens, j = w.tokens, w.j
    return _STOP if tokens[j].low in DEICTIC and j + 1 < len(tokens) and tokens[j + 1].low in TIME_NOUNS else None


def _not_harm(w: _Walk) -> Right | None:
    """ "40 to 60 medical personnel", "two billion dollars", "2 dead young owls"."""
    low = w.tokens[w.j].low
    if w.victims is None and low in NONHARM_NOUNS:
        return w.rejected()
    if low in HARM_NOUNS and _before_nonharm(w.tokens, w.j + 1):
        return w.rejected()
    return None


def _hurt_who_died(w: _Walk) -> Right | None:
    """ "three more wounded passengers succumbed", "two injured soldiers later died": "wounded"
    only describes victims who died."""
    tokens, j = w.tokens, w.j
    if tokens[j].low not in _DESCRIBED or (died := _hurt_then_died(tokens, j + 1)) < 0:
        return None
    if w.victims is None:
        w.victims = VICTIM_NOUNS[tokens[j + 1].low][0]  # "passengers": ``_hurt_then_died`` read it
    return w.found("killed", died, died + 1)


def _harm_noun(w: _Walk) -> Right | None:
    """ "60 civilian casualties", "12 deaths", "19 civilian fatalities and injuries"."""
    tokens, j, n = w.tokens, w.j, len(w.tokens)
    low = tokens[j].low
    if low not in HARM_NOUNS or not (w.victims is None or low in HARM_NOUNS_AFTER_VICTIMS):
        return None
    if w.modifiers and low in HARM_AFTER and _victims_follow(tokens, j + 1):
        return w.found(None, -1, j)  # "two rival clans killed 40 people": the figure counts who killed
    adj = VICTIM_ADJECTIVES.get(tokens[j - 1].low) if j > w.start else None
    if adj and w.victims is None:
        w.victims = adj[0]
        w.groups += [adj[1]] if adj[1] else []
    noun, end = HARM_NOUNS[low], j + 1
    if end + 1 < n and tokens[end].low in JOIN and tokens[end + 1].low in HARM_NOUNS:
        noun, end = _combine([noun, HARM_NOUNS[tokens[end + 1].low]]), end + 2
    return w.found(noun, j, end)


def _victims_follow(tokens: list[Token], j: int) -> bool:
    """Victims follow the verb at ``j - 1`` as its object ("… killed 40 people", "… wounded the
    villagers"): the verb is active, not the fate of the figure before it ("15 killed in …")."""
    k = j + 1 if j < len(tokens) and tokens[j].low in ("the", "a", "an") else j
    if k < len(tokens) and tokens[k].low in VICTIM_NOUNS:
        return True
    ahead = find_counts(tokens[j : j + 6]) if j < len(tokens) else []
    if not ahead or ahead[0].first != 0:
        return False
    # "40 people", "dozens of civilians", "12 Afghan soldiers"
    return _victims_named(tokens, j + ahead[0].last, j + ahead[0].last + 3)


def _participle(w: _Walk) -> Right | None:
    """ "15 Afghan Taliban killed", "7 dead", "were shot dead"; not "a soldier killed 5 people"."""
    tokens, j, n = w.tokens, w.j, len(w.tokens)
    if tokens[j].low not in HARM_AFTER and not starts_phrase(tokens, j):
        return None
    out, end = participles(tokens, j)
    if _before_nonharm(tokens, end):
        return w.rejected()  # "2 dead young owls": an adjective before a noun that is not people
    if out is None:
        return None
    # "a soldier killed 5 people": an active verb, not the victims' fate.
    if end < n and tokens[end].low not in JOIN and figure_starts(tokens, end):
        return w.found(None, -1, j)
    return w.found(out, j, end)


# Between "two injured soldiers" and their "died": the victims' noun and "later" or "have since".
_BEFORE_DIED = frozenset("later since subsequently have has had also".split())
HURT_NOUN_REACH = 3


def _hurt_then_died(tokens: list[Token], start: int) -> int:
    """Where "died" is when "wounded" or "injured" only describes the victims who died ("three
    more wounded passengers succumbed", "two injured soldiers later died"), else -1; not "12
    injured people were taken to hospital, where two died"."""
    x = start
    while x < len(tokens) and x - start < HURT_NOUN_REACH and tokens[x].low in VICTIM_NOUNS:
        x += 1
    if x == start:
        return -1
    while x < len(tokens) and tokens[x].low in _BEFORE_DIED:
        x += 1
    if x + 1 < len(tokens) and tokens[x].low in ("was", "were") and participles(tokens, x + 1)[0] == "killed":
        return x + 1  # "three kidnapped farmers were killed by their captors"
    return x if x < len(tokens) and tokens[x].low in DIED_VERBS else -1


def figure_starts(tokens: list[Token], j: int) -> bool:
    """A figure starts at ``j`` ("killed 5", "killed more than 20"), not a length of time ("killed
    over three days")."""
    ahead = find_counts(tokens[j : j + 4])
    if not ahead or ahead[0].first != 0:
        return False
    after = j + ahead[0].last
    return not (after < len(tokens) and tokens[after].low in TIME_UNITS)


def _victim_noun(w: _Walk) -> str | None:
    """ "civilians", "Two Taliban key commanders", "26 regime soldiers and allied militiamen",
    "members of the regime forces": the victims, then on to their verb."""
    tokens, n = w.tokens, len(w.tokens)
    low = tokens[w.j].low
    if low not in VICTIM_NOUNS:
        return None
    kind, group = VICTIM_NOUNS[low]
    if w.victims is None or w.victims == "people" or kind != "people":
        w.victims = kind
    if group and group not in w.groups:
        w.groups.append(group)
    j = w.j + 1
    # "Two Taliban key commanders": a second victim noun close behind is the head.
    # "Seven Syrian Al-Sayyad employees": a name or a hyphenated word may stand between.
    ahead = next((x for x in range(j, min(n, j + 4)) if tokens[x].low in VICTIM_NOUNS), None)
    if (
        ahead is not None
        and all(tokens[x].text.isalpha() or tokens[x].text == "-" for x in range(j, ahead))
        and (ahead - j <= 1 or all(tokens[x].is_title or tokens[x].text == "-" for x in range(j, ahead)))
    ):
        w.j = ahead
        return _ON
    # "26 regime soldiers and allied militiamen": one group named two ways.
    if j + 1 < n and tokens[j].low in ("and", "or") and not _figure_at(tokens, j + 1):
        also = next((x for x in range(j + 1, min(n, j + 3)) if tokens[x].low in VICTIM_NOUNS), None)
        if (
            also is not None
            and all(tokens[x].text.isalpha() for x in range(j + 1, also))
            and (tokens[j + 1].low not in SINGULAR_DETS and tokens[j + 1].low not in POSSESSIVES)
        ):
            w.j = also
            return _ON
    # "members of the regime forces": read on through one "of" phrase.
    if j < n and tokens[j].low == "of" and low in ("members", "member"):
        w.j, w.modifiers = j + 1, 0
        # "members of an NDS support unit were killed": the body's name, however many words, up
        # to the verb
        k = j + 1
        while k < n and k < j + 8 and tokens[k].low not in AUX:
            if tokens[k].text.isalpha() or (k > j + 1 and _POSSESSIVE_S.fullmatch(tokens[k].text)):
                k += 1  # "members of the New People's Army"
            elif tokens[k].text == "(" and k + 2 < n and tokens[k + 1].text.isupper() and tokens[k + 2].text == ")":
                k += 3  # "… Army (NPA) were killed": the body's acronym
            else:
                break
        # … or to an aside after it: "members of an NDS unit, including a commander, and ten
        # attackers were killed" reads on past ", including a commander," as "16 soldiers, …" does
        past = _verb_past_asides(tokens, k, _skip_aside(tokens, k)) if k < n and tokens[k].low == "," else k
        second_group = past + 1 < n and tokens[past].low == "and" and _figure_at(tokens, past + 1)
        if k < n and k > j + 2 and (tokens[k].low in PASSIVE_AUX or (past > k and second_group)):
            w.j = past
            kinds = [VICTIM_NOUNS[t.low][0] for t in tokens[j + 1 : k] if t.low in VICTIM_NOUNS]
            if kinds:
                w.victims = kinds[-1]  # "members of the Afghan security forces": combatants
        # "30 members of the PDF", "members of Boko Haram": an armed party's members are fighters
        at = j + 2 if j + 2 < n and tokens[j + 1].low == "the" else j + 1
        if (party := PARTIES.match(tokens, at)) is not None:
            w.victims = "combatants"
            if party[1] not in STATE_FORCE_PARTIES and ARMED_SIDE not in w.groups:
                w.groups.append(ARMED_SIDE)  # the side of a battle: "three members of the NPA"
        # "nine members of the Haddad family": a family at home, counted as civilians
        if any(tokens[x].low in ("family", "families", "household") for x in range(j + 1, min(n, j + 6))):
            w.victims = "civilians"
        return _ON
    if j < n and tokens[j].low in _QUOTES and tokens[j - 2].low in _QUOTES:
        j += 1  # the closing scare quote
    j = _past_relative(tokens, j)
    j = _verb_past_asides(tokens, j, _skip_aside(tokens, j))
    if j + 1 < n and tokens[j].low in MODALS and tokens[j + 1].low == "have":
        j += 2  # "40 civilians may have died": a hedged past, not a projection
    j = skip_auxiliaries(tokens, j)
    # After the victims only the verb may follow, or the rest of a compound noun
    # ("two police reservists were killed", "civilian aid workers").
    # A nationality may begin a force's name: "six Afghan | National Army (ANA) soldiers".
    goes_on = j < n and (_compound_part(tokens[j]) or (low in DEMONYM_NOUNS and tokens[j].is_title))
    w.j, w.modifiers = j, _MAX_MODIFIERS - (2 if goes_on else 0)
    return _ON


_POSSESSIVE_S = re.compile(r"[^\W\d_]+['’]s")


def _modifiers_spent(w: _Walk) -> str | None:
    return _STOP if w.victims is not None and w.modifiers >= _MAX_MODIFIERS else None


def _auxiliary(w: _Walk) -> str | None:
    """ "seven were killed"."""
    if w.tokens[w.j].low in AUX and w.modifiers == 0:
        w.j += 1
        return _ON
    return None


def _phrase_ends(w: _Walk) -> str | None:
    """ "about a hundred since the operation began": a verb, a joint or a preposition ends it.
    "US" in capitals is the country ("2 US soldiers wounded"), not the pronoun."""
    tok = w.tokens[w.j]
    low = tok.low
    pronoun = low in PRONOUNS and not (tok.text.isupper() and len(tok.text) > 1)
    return _STOP if low in HARM_BEFORE or low in JOIN or pronoun or low in PREPOSITIONS else None


def _modifier(w: _Walk) -> str:
    """ "15 Afghan …": any other word modifies the victims (up to ``_MAX_MODIFIERS``)."""
    w.modifiers += 1
    w.j += 1
    return _ON


# The steps of the walk after a figure, tried in order at each word; the first that answers
# reads the word (and goes on), ends the walk, or gives the result.
RIGHT_STEPS: tuple[_Step, ...] = (
    _scare_quotes,
    _aside_before_verb,
    _acronym,
    _punctuation_or_figure,
    _this_week,
    _not_harm,
    _hurt_who_died,
    _harm_noun,
    _participle,
    _victim_noun,
    _modifiers_spent,
    _auxiliary,
    _phrase_ends,
    _modifier,
)


def _of_phrase(tokens: list[Token], j: int, harmed: bool = False) -> Right | int:
    """ "dozens of civilians" (on past "of the"), "two of them" (a part), "3 of the dead were
    children" (a part of a total), "two of the wounded later died" (a new harm to some of them).
    ``harmed``: a harm verb governs the figure ("shot dead nine of them")."""
    n = len(tokens)
    if j + 1 < n and tokens[j + 1].low in PRONOUNS:
        if (j <= 3 or harmed) and tokens[j + 1].low == "them":
            # "Nine of them were killed in Kafr Nabl", "Three of them died later in hospital": a
            # sentence that opens by sharing out the victims before tells its own harm of them,
            # and so does one whose verb harms them ("forced them off the bus and shot nine of them")
            return j + 2
        return None, None, [], -1, j, True
    if j + 2 < n and tokens[j + 1].low == "the" and tokens[j + 2].low in SUPERLATIVES:
        if not _victims_named(tokens, j + 3, j + 6):
            return None, None, [], -1, j, True  # "in one of the deadliest killings": a rank, not a toll
    w = j + 2
    if w + 1 < n and tokens[w + 1].low in _HURT and (tokens[w].is_number or tokens[w].low == "people"):
        w += 1  # "four of the 15 injured", "two of the people wounded in the shooting"
    if w < n and tokens[j + 1].low in ("the", "those") and tokens[w].low in OF_THE_DEAD:
        for x in range(w + 1, min(n, w + 5)):
            low = tokens[x].low
            if low in HARM_AFTER and HARM_AFTER[low] != HARM_NOUNS.get(tokens[w].low, "killed"):
                return HARM_AFTER[low], "people", [], x, x + 1, False
            if low not in AUX:
                break
        if tokens[w].low in _HURT and (died := _died_later(tokens, w + 1)) >= 0:
            return "killed", "people", [], died, died + 1, False  # "… wounded in Saturday's shooting died"
        return None, None, [], -1, j, True
    j += 1
    while j < n and tokens[j].low in ("the", "his", "her", "its", "their", "our"):
        j += 1
    return j


def _victims_named(tokens: list[Token], start: int, end: int) -> bool:
    """Whether people are named in ``tokens[start:end]`` before any punctuation or verb of harm
    ("the most senior commanders"), not an event ("the deadliest killings, gunmen …")."""
    for t in tokens[start:end]:
        if t.low in VICTIM_NOUNS:
            return True
        if not t.text[:1].isalpha() or t.low in HARM_AFTER:
            return False
    return False


_HURT = frozenset({"wounded", "injured"})
# Words describing victims by an earlier harm, whose death is told after them: "two injured
# soldiers later died", "two of the abducted pupils died in captivity".
_DESCRIBED = _HURT | {"abducted", "kidnapped", "captive", "detained"}
DIED_REACH = 14  # tokens from "the wounded" to their "died", across the attack that hurt them


def _died_later(tokens: list[Token], start: int) -> int:
    """Where the verb of death is that the wounded named before ``start`` later met, within
    their clause ("Two of the people wounded in Saturday's shooting at a party died"), or -1."""
    for x in range(start, min(len(tokens), start + DIED_REACH)):
        low = tokens[x].low
        if low in DIED_VERBS:
            return x
        if low in (",", ";", ".", ":") or low in HARM_AFTER:
            return -1
    return -1


def walk_right(tokens: list[Token], m: CountMatch) -> Right:
    """After the figure: (outcome, victims, groups, harm index, phrase end, rejected)."""
    n = len(tokens)
    j = m.last
    if j < n and tokens[j].low == "of":
        k = m.first - 1
        harmed = k >= 0 and (tokens[k].low in HARM_BEFORE or phrase_ending_at(tokens, k) is not None)
        after_of = _of_phrase(tokens, j, harmed)
        if not isinstance(after_of, int):
            return after_of
        j = after_of
    w = _Walk(tokens, m.last, j)
    if j > m.last and tokens[j - 1].low == "them":
        w.victims = "people"  # "Nine of them, including four children, were killed"
    while w.j < n and w.modifiers <= _MAX_MODIFIERS:
        said = next(r for step in RIGHT_STEPS if (r := step(w)) is not None)
        if said == _STOP:
            break
        if said != _ON:
            assert not isinstance(said, str)
            return said
    return None, w.victims, w.groups, -1, w.j, False


def _harm_word_at(tokens: list[Token], j: int) -> bool:
    return tokens[j].low in HARM_AFTER or starts_phrase(tokens, j)


def skip_auxiliaries(tokens: list[Token], j: int, limit: int = 8) -> int:
    """Past the words between victims and their harm ("were reportedly", "were shot and" before
    "killed"), at most ``limit`` of them; a harm phrase ("shot dead") is not passed."""
    n, start, passive = len(tokens), j, False
    while j < n and j - start < limit:
        low = tokens[j].low
        if low in AUX and not starts_phrase(tokens, j) and not _harm_itself(tokens, j):
            passive = passive or low in PASSIVE_AUX
            j += 1
        elif low == "and" and passive and j + 1 < n and _harm_word_at(tokens, j + 1):
            # "were shot and killed", "were stabbed and wounded"; never in the active voice
            # ("two gunmen shot and killed a guard": the guard is the victim).
            j += 1
        elif passive and low in _ASSAULTED and (k := _past_instrument(tokens, j + 1)) < n and tokens[k].low == "and":
            # "was slashed with a machete and injured": the assault and its weapon, then the harm
            if k + 1 >= n or not _harm_word_at(tokens, k + 1):
                break
            j = k + 1
        else:
            break
    return j


def _harm_itself(tokens: list[Token], j: int) -> bool:
    """Whether a word that may stand before a harm ("beaten", "burned") is the harm itself: no
    harm word follows it ("was beaten by soldiers", not "was beaten and killed")."""
    if tokens[j].low not in HARM_AFTER:
        return False
    k = j + 1
    if k < len(tokens) and tokens[k].low == "and":
        k += 1
    return k >= len(tokens) or not _harm_word_at(tokens, k)


# Participles of an assault that a passive may name before its harm ("was slashed … and injured").
_ASSAULTED = frozenset("slashed hacked attacked assaulted cut hit struck whipped flogged".split())


def _past_instrument(tokens: list[Token], k: int) -> int:
    """Past "with a machete", "with an axe", "with knives" at ``k`` (at most three words), else ``k``."""
    if k < len(tokens) and tokens[k].low == "with":
        for end in range(k + 2, min(k + 4, len(tokens)) + 1):
            if end < len(tokens) and tokens[end].low == "and":
                return end
    return k


def _compound_part(tok: Token) -> bool:
    """Whether a word after a victim noun may continue it ("police | reservists")."""
    low = tok.low
    return (
        tok.text.isalpha()
        and tok.text.islower()
        and not (
            low in AUX
            or low in HARM_AFTER
            or low in HARM_NOUNS
            or low in JOIN
            or low in PREPOSITIONS
            or low in PRONOUNS
            or low in SUBSET_BEFORE
            or low in NEGATORS
            or low in MODALS
            or low in ("of", "whose", "whom", "each", "respectively", "more", "others")
        )
    )


def _figure_at(tokens: list[Token], j: int) -> bool:
    """Whether a figure starts at ``j`` ("and four soldiers" is a second group, not one named twice)."""
    ahead = find_counts(tokens[j : j + 4])
    return bool(ahead) and ahead[0].first == 0


def _before_nonharm(tokens: list[Token], j: int) -> bool:
    """Whether adjectives from ``j`` lead to a non-victim noun ("2 dead young owls")."""
    for x in range(j, min(len(tokens), j + 3)):
        low = tokens[x].low
        if not tokens[x].text.isalpha() or low in PREPOSITIONS or low in JOIN or low in NUMBER_WORDS:
            return False  # "killed and three vehicles burned": the vehicles are another clause
        if low in NONHARM_NOUNS:
            return True
    return False


def _past_relative(tokens: list[Token], j: int) -> int:
    """Past a relative clause between the victims and their verb: "One resident who was shot
    during the raid | died in hospital", "Two men who tried to flee | were shot dead"; else ``j``."""
    n = len(tokens)
    if j + 2 >= n or tokens[j].low not in ("who", "that"):
        return j
    k = j + 1
    while k < n and (tokens[k].low in AUX or tokens[k].low in HARM_AFTER or tokens[k].low.endswith("ed")):
        k += 1  # the clause's own verb: "was shot", "tried", "had been"
    if k == j + 1:
        return j
    own_harm = any(tokens[x].low in HARM_AFTER for x in range(j + 1, k))
    for x in range(k + 1, min(n, k + 10)):
        low = tokens[x].low
        if low in _PUNCT_STOP or low in ("who", "that", "which", "and"):
            return j
        if (low in AUX or low in HARM_AFTER) and tokens[x - 1].low not in AUX:
            # "Two men who were killed in the blast were buried": the clause told their harm
            harmed = any(tokens[y].low in HARM_AFTER for y in range(x, min(n, x + 3)))
            return x if harmed or not own_harm else j
    return j


def _skip_aside(tokens: list[Token], j: int) -> int:
    """Past an aside ", including three children," or "of the same family" after the victims."""
    n = len(tokens)
    if j + 1 < n and tokens[j].low in ("of", "from") and tokens[j + 1].low in ASIDE_DETS:
        k = j + 1
        while k < n and k < j + 5 and tokens[k].low not in _PUNCT_STOP and tokens[k].low not in AUX:
            k += 1
        j = k
    if j < n and tokens[j].text == "(":
        # "Two people (A and B) were killed": the names in brackets are the same victims
        close = next((k for k in range(j + 1, min(n, j + 24)) if tokens[k].text == ")"), None)
        if close is not None:
            return close + 1
    if j + 2 < n and tokens[j].low == "," and tokens[j + 1].low == "aged":
        # ", aged 20, 25 and 31,": ages, however many commas they take
        k = j + 2
        while k < n and k < j + 24 and (tokens[k].is_number or tokens[k].low in AGE_LIST_WORDS):
            if tokens[k].low == "and" and not (k + 1 < n and tokens[k + 1].is_number):
                break  # ", aged 6 to 14, and one adult man": the list of victims goes on
            k += 1
        return k
    if j + 1 < n and tokens[j].low in (",", "-", "–", "—") and _aside_follows(tokens, j + 1):
        # ", including three children," and "- including the imam," (closed by a comma or dash)
        for k in range(j + 2, min(n, j + 20)):
            if tokens[k].low in (",", "-", "–", "—") and tokens[k - 1].end != tokens[k].start:
                return k + 1
            if tokens[k].low == ",":
                return k + 1
            if tokens[k].low in PASSIVE_AUX and _harm_follows(tokens, k):
                # ", including police officers and civilians were killed": no closing comma; but
                # "12 patients, two of whom were dead on arrival": the verb is the share's own
                return j if tokens[j + 1].low == "of" or tokens[j + 2].low == "of" else k
    described = past_description(tokens, j)
    if described > j:
        return described
    if j + 1 < n and tokens[j].low == "," and tokens[j + 1].low in ("a", "an"):
        # "one adult man, a street vendor, were killed": an apposition, when the verb follows it
        for k in range(j + 2, min(n, j + 8)):
            if tokens[k].low == ",":
                after = tokens[k + 1].low if k + 1 < n else ""
                return k + 1 if after in AUX or after in HARM_AFTER else j
            if not tokens[k].text.isalpha():
                return j
    return j


def past_description(tokens: list[Token], j: int, places: bool = True) -> int:
    """Past a phrase describing the victims at ``j`` to their verb: "three paramedics belonging to
    the Red Crescent | were killed", "two nurses at the clinic | were wounded", and in a headline,
    with no auxiliary, "Rebel carrying a reward of Rs 4 lakh | killed in clash"; else ``j``.
    Without ``places``, a phrase opened by "in", "at", "from" or "of" is not passed."""
    n = len(tokens)
    if j >= n:
        return j
    low = tokens[j].low
    participle = low in VICTIM_POST_MODIFIERS or (
        low.endswith("ing") and tokens[j].text.islower() and low not in PREPOSITIONS and low not in _NOT_PARTICIPLES
    )
    if not (participle or (places and low in ("in", "at", "from", "of", "across"))):
        return j
    for k in range(j + 1, min(n, j + 10)):
        low = tokens[k].low
        if (
            low in PASSIVE_AUX
            and k + 1 < n
            and (
                tokens[k + 1].low in HARM_AFTER
                or (tokens[k + 1].low in AUX and k + 2 < n and tokens[k + 2].low in HARM_AFTER)
            )
        ):
            return k
        if participle and k > j + 1 and low in HARM_AFTER and clause_ends(tokens, k + 1):
            return k  # a headline drops the auxiliary
        amount = participle and (tokens[k].is_number or low in CURRENCIES or tokens[k].text in CURRENCY_SIGNS)
        if not participle and (low in JOIN or low == ",") and k + 1 < n and tokens[k + 1].is_title:
            continue  # "from South Africa, Malawi and Uruguay": a list of places
        if (
            not (tokens[k].text.isalpha() or tokens[k].text in ("-", "'", "’") or amount)
            or low in JOIN
            or (low in HARM_BEFORE or low in PASSIVE_AUX or low in ("who", "which", "that", "when", "where"))
        ):
            break
    return j


def past_name(tokens: list[Token], j: int) -> int:
    """Past the name or nickname after a victim noun, when a headline's participle follows it:
    "rebel leader 'Kobra' | killed", "mayor Ana Reyes | killed in ambush"; else ``j``."""
    n = len(tokens)
    if j < n and tokens[j].text in _QUOTES:
        end = next((x + 1 for x in range(j + 2, min(n, j + _NAME_WORDS + 2)) if tokens[x].text in _QUOTES), j)
    else:
        end = j
        while (
            end < n
            and end - j < _NAME_WORDS
            and (
                (tokens[end].is_title and tokens[end].text.isalpha() and tokens[end].low not in VICTIM_NOUNS)
                or (end > j and tokens[end].low in NAME_LINKS)
            )
        ):
            end += 1
    # A headline's participle in lower case (in a headline of capitals, "Civilian Killed In Raid",
    # it is no name); after "was" the person is read by name (``persons``).
    verb = end < n and tokens[end].text.islower() and _harm_word_at(tokens, end)
    return end if end > j and verb else j


_NAME_WORDS = 5  # words of a name or nickname between a victim noun and its verb


# Words in -ing that open no description of the victims: "Two killed, according to police".
_NOT_PARTICIPLES = SUBSET_BEFORE | frozenset({"according", "following", "regarding", "concerning", "something"})


def clause_ends(tokens: list[Token], k: int) -> bool:
    """Whether the words of a headline's participle end at ``k``: "… killed | in clash", "… killed"."""
    return k >= len(tokens) or tokens[k].low in PREPOSITIONS or not tokens[k].text[:1].isalnum()


_ASIDE_SPAN = 30  # tokens an aside may take between the victims and their verb
_PLAIN_SPAN = 10  # unpunctuated words ("across three generations of one family") before it
_SENTENCE_STOPS = frozenset({";", ".", ":", "?", "!"})
_BREAKS = frozenset({",", "-", "–", "—"})


def _verb_past_asides(tokens: list[Token], victims_end: int, j: int) -> int:
    """Where the victims' passive verb starts when asides or a description stand before it:
    "At least 15 people, among them a child and four women, one of them pregnant, were killed";
    "17 civilians across three generations of one family were killed". The verb must follow a
    comma or dash that closes an aside, or plain words only; else ``j`` is kept. A figure after
    ", and" (or after "and" outside an aside) that is not in a list of parts is a second group
    ("five children, aged 6 to 14, and one man, were killed"), which ends the search."""
    n = len(tokens)
    if j >= n or tokens[j].low in HARM_AFTER or (tokens[j].low in AUX and _harm_follows(tokens, j - 1)):
        return j
    plain, listing = True, False
    opened = tokens[j].low in _BREAKS or (j > 0 and tokens[j - 1].low in _BREAKS)  # an aside begins
    parts = any(tokens[x].low in SUBSET_BEFORE for x in range(victims_end, j))
    for k in range(j, min(n, j + _ASIDE_SPAN)):
        tok = tokens[k]
        low = tok.low
        if low in _SENTENCE_STOPS or low in HARM_AFTER or low in HARM_BEFORE or low in HARM_NOUNS:
            break
        listing = listing or low in SUBSET_BEFORE  # "including four children and one woman were killed"
        parts = parts or listing
        if (
            (tok.is_number or low in UNITS)
            and not parts
            and k > 1
            and tokens[k - 1].low == "and"
            and (tokens[k - 2].low == "," or not opened)
        ):
            break
        if low in JOIN and low != "," and not listing:
            plain = False  # "three soldiers and two civilians were killed": two groups
        after_break = k > 0 and tokens[k - 1].low in _BREAKS
        if low in PASSIVE_AUX and (after_break or (plain and k - j <= _PLAIN_SPAN)) and _harm_follows(tokens, k):
            return k
        if low in PASSIVE_AUX and not opened and not any(tokens[x].low in _RELATIVES for x in range(j, k)):
            break  # "15 people were under the rubble while …": the victims' own verb, not a harm
        if not (tok.text.isalpha() or tok.text in ("-", "'", "’")):
            plain = False
    return j


_RELATIVES = frozenset({"who", "which", "that", "whose"})


def _harm_follows(tokens: list[Token], k: int) -> bool:
    """Whether a passive harm verb follows the auxiliary at ``k`` ("were reportedly killed")."""
    for x in range(k + 1, min(len(tokens), k + 4)):
        if tokens[x].low in HARM_AFTER:
            return True
        if tokens[x].low not in AUX:
            return False
    return False


def _aside_follows(tokens: list[Token], j: int) -> bool:
    """ ", including three children,", ", mostly women,", ", three of them children,",
    ", aged between 6 and 14,"."""
    if tokens[j].low in SUBSET_BEFORE or tokens[j].low in ("mostly", "mainly", "all", "among", "aged"):
        return True
    return any(
        tokens[k].low == "of" and tokens[k + 1].low in ("them", "whom") for k in range(j, min(len(tokens) - 1, j + 4))
    )


def _determiner_before_figure(low: str) -> bool:
    return low in POSSESSIVES or low in ("the", "all")


def killed_in_manner_after(tokens: list[Token], first: int) -> bool:
    """Whether "to death" or "alive" closes the victims after the figure (or noun) at ``first`` (within
    MANNER_REACH tokens, before any punctuation)."""
    for j in range(first + 1, min(len(tokens), first + 1 + MANNER_REACH)):
        if not tokens[j].text[:1].isalnum():
            return False
        if any(tuple(t.low for t in tokens[j : j + len(end)]) == end for end in MANNER_ENDS):
            return True
    return False


def walk_left(tokens: list[Token], first: int) -> tuple[str | None, int, int]:
    """Before the figure: (outcome, harm index, toll index) from a verb, "X of", or a toll."""
    k = first - 1
    if k >= 2 and _determiner_before_figure(tokens[k].low) and tokens[k - 1].low == "of":
        k -= 1  # "the deaths of all five family members", "the killing of the two brothers"
    if k >= 0 and tokens[k].low == "of" and k - 1 >= 0 and tokens[k - 1].low in OF_NOUNS:
        return OF_NOUNS[tokens[k - 1].low], k - 1, -1
    k = first - 1
    if k >= 2 and tokens[k].low == "of" and tokens[k - 1].low in ("family", "families"):
        v = k - 2  # "killing a family of five": the verb governs the family, the figure sizes it
        if tokens[v].low in SINGULAR_DETS or tokens[v].low in POSSESSIVES:
            v -= 1
        if v >= 0 and tokens[v].low in HARM_BEFORE:
            return HARM_BEFORE[tokens[v].low], v, -1
    outcomes: list[str] = []
    harm_at = -1
    if k >= 2 and tokens[k].low in ADDITIVE and tokens[k - 1].low in ("a", "an"):
        k -= 2  # "injuring a further 28 civilians": the figure adds to one before, the verb is its harm
    elif k >= 1 and tokens[k].low in ADDITIVE:
        k -= 1
    if k >= 1 and _determiner_before_figure(tokens[k].low) and tokens[k - 1].low in HARM_BEFORE:
        k -= 1  # "injuring her two daughters", "killing the four children of a local farmer", "killing all six"
    phrase = phrase_ending_at(tokens, k)
    if phrase is not None:
        return phrase[0], k, -1  # "shot dead 3 people"
    if k >= 0 and tokens[k].low in MANNER_VERBS and killed_in_manner_after(tokens, first):
        return "killed", k, -1  # "hacked seven farmers to death"
    while k >= 0 and tokens[k].low in HARM_BEFORE:
        outcomes.append(HARM_BEFORE[tokens[k].low])
        harm_at = k
        if k - 2 >= 0 and tokens[k - 1].low in JOIN and tokens[k - 2].low in HARM_BEFORE:
            k -= 2
            continue
        break
    if outcomes:
        return _combine(outcomes), harm_at, -1
    # A toll: "the death toll of the airstrikes in the region is now over 125". A long subject
    # ("the death toll from Monday's strike on a market in X, in Y's northern Z province, has
    # risen to 19") is followed only when the figure closes a toll verb.
    reach = TOLL_REACH_LONG if _closes_toll_verb(tokens, first) else TOLL_REACH
    # "… reached 33, police said, while the health directorate put the figure at 35": another
    # source's figure for the toll the sentence named before it
    restated = first >= 3 and tokens[first - 1].low == "at" and tokens[first - 2].low in ("figure", "number", "tally")
    for k in range(first - 1, max(-1, first - (TOLL_REACH_LONG if restated else reach)), -1):
        low = tokens[k].low
        if low in (";", ".") or (tokens[k].is_number and not restated and not _in_a_date(tokens, k)):
            break  # another figure ("the toll of 5 rose to 15"), not a day ("a June 5 air raid")
        if low == "toll":
            before = tokens[k - 1].low if k > 0 else ""
            outcome = TOLL_OUTCOME.get(before, "killed")
            return outcome, k, k
        if (
            low == "number"
            and k + 2 < first
            and tokens[k + 1].low == "of"
            and k > 0
            and tokens[k - 1].low in ("the", "total")
        ):
            # "the number of dead", "the number of civilians killed … rose to 40" (not "an unknown
            # number of casualties, two …": a figure of its own)
            for x in range(k + 2, min(first, k + 5)):
                noun = tokens[x].low
                if noun in HARM_NOUNS:
                    return HARM_NOUNS[noun], x, k
                if noun in HARM_AFTER:
                    return HARM_AFTER[noun], x, k
    return None, -1, -1


TOLL_REACH = 16
TOLL_REACH_LONG = 40


def _in_a_date(tokens: list[Token], k: int) -> bool:
    """Whether the number at ``k`` is a date's day or year ("June 5", "5 June", "in 2023")."""
    near = {tokens[x].low.rstrip(".") for x in (k - 1, k + 1) if 0 <= x < len(tokens)}
    return bool(near & MONTHS) or is_year(tokens[k].text)


def _closes_toll_verb(tokens: list[Token], first: int) -> bool:
    """ "… has risen to 19", "… reached 19", "… now stands at 19": a toll's verb right before the figure."""
    before = [tokens[k].low for k in range(max(0, first - 3), first)]
    if before and before[-1] in REVISED_TO:
        return True  # "reached 19"
    return len(before) >= 2 and before[-1] in ("to", "at") and before[-2] in REVISED_TO | {"stands", "stood"}


def toll_victims(tokens: list[Token], toll_at: int, first: int) -> str | None:
    """ "The civilian death toll", "the toll among civilians" → civilians; not who attacked
    ("the toll from an attack by ADF rebels", "the toll from the rebel assault")."""
    by_attacker = False
    for k in range(max(0, toll_at - 2), first):
        low = tokens[k].low
        if low == "by":
            by_attacker = True
        elif low in _PLACE_PREPOSITIONS or low in ("on", "against", "of", "among"):
            by_attacker = False
        if by_attacker or (k + 1 < first and tokens[k + 1].low in _ATTACK_NOUNS):
            continue
        if low in VICTIM_ADJECTIVES:
            return VICTIM_ADJECTIVES[low][0]
        if low in VICTIM_NOUNS and k > toll_at:
            return VICTIM_NOUNS[low][0]
    return None


_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})
_ATTACK_NOUNS = frozenset("attack attacks assault raid raids ambush offensive incursion".split())


def opens_breakdown(tokens: list[Token], k: int) -> bool:
    """A colon or a spaced dash: "killed seven: four in Idlib …", "seven - four in Idlib …"."""
    tok = tokens[k]
    return tok.text == ":" or (tok.text in DASHES and k > 0 and tokens[k - 1].end != tok.start)


def place_follows(tokens: list[Token], k: int) -> bool:
    """ "in Idlib", "near the town of Ariha": a preposition, then a name within four words."""
    if k >= len(tokens) or tokens[k].low not in _PLACE_PREPOSITIONS:
        return False
    return any(t.text[:1].isupper() for t in tokens[k + 1 : k + 5])


def negated_between(tokens: list[Token], lo: int, hi: int) -> bool:
    """A negation in ``[lo, hi)`` after the last word of contrast: "The minister was not harmed
    although one of his guards was injured" negates the minister, not the guard."""
    for k in range(min(hi, len(tokens)) - 1, max(lo, 0) - 1, -1):
        if tokens[k].low in NEGATORS:
            return True
        if tokens[k].low in _CONTRAST:
            return False
    return False


_CONTRAST = frozenset({"although", "though", "but", "whereas", "however", "yet"})


def verb_back(tokens: list[Token], first: int) -> tuple[str | None, int]:
    """A harm verb shared across "and": "killed a woman and (her) three children"."""
    k = first - 1
    if k >= 0 and tokens[k].low in POSSESSIVES:
        k -= 1
    if k < 0 or tokens[k].low not in ("and", "as well as"):
        return None, -1
    for x in range(k - 1, max(-1, k - SHARED_VERB_REACH), -1):
        low = tokens[x].low
        if low in (".", ";", ":"):
            break
        if tokens[x].is_number and not _in_a_date(tokens, x):
            if any(t.low in SOURCE_VERBS for t in tokens[first : first + 4]):
                break  # "killed 11 civilians on Sunday, a health worker and two residents said"
            # "killed at least 23 people at a blockade in Musakhel, and at least six people in a
            # separate attack": the figure before was the verb's object too
            return _verb_of_figure(tokens, x)
        if x <= k - 7 and not _along_between(tokens, x, k):
            continue  # a verb alone reaches six words back; past them only through its figure
        if low in HARM_BEFORE:
            if x > 0 and tokens[x - 1].low in PASSIVE_AUX:
                break  # "were killed and four officers … were injured": a passive, not shared
            return HARM_BEFORE[low], x
        phrase = phrase_ending_at(tokens, x)  # "shot dead a tribal elder and two of his sons"
        if phrase is not None and not (phrase[1] > 0 and tokens[phrase[1] - 1].low in PASSIVE_AUX):
            return phrase[0], x
    return None, -1


SHARED_VERB_REACH = 17
# The name mentions carry when ``mentions._shared_verb`` tied them ("killed a woman and her three
# children"): the persons reader and the last pass over a sentence ask for it.
SHARED_VERB_RULE = "shared verb"


def _along_between(tokens: list[Token], lo: int, hi: int) -> bool:
    """ "killed Karim Haddad along with his wife and their three daughters": the verb's victims
    go on past "along with", "alongside", "together with"."""
    lows = [t.low for t in tokens[lo:hi]]
    return "alongside" in lows or any(a in ("along", "together") and b == "with" for a, b in pairwise(lows))


# the words of a qualifier before a figure ("at least", "more than", "an estimated")
_BEFORE_A_FIGURE = frozenset(word for phrase in PRE_QUALIFIERS for word in phrase.split())


def _verb_of_figure(tokens: list[Token], at: int) -> tuple[str | None, int]:
    """The active harm verb whose object the figure at ``at`` is ("killed at least 23"), or none."""
    x = at - 1
    if x >= 1 and _determiner_before_figure(tokens[x].low):
        x -= 1
    if x >= 1 and tokens[x].low == "of" and tokens[x - 1].low in OF_NOUNS:
        return OF_NOUNS[tokens[x - 1].low], x - 1  # "the bodies of three women and two children"
    x = at - 1
    while x >= 0 and at - x <= 3 and tokens[x].low in _BEFORE_A_FIGURE:
        x -= 1
    if x >= 0 and tokens[x].low in HARM_BEFORE and not (x > 0 and tokens[x - 1].low in PASSIVE_AUX):
        return HARM_BEFORE[tokens[x].low], x
    return None, -1


def elliptic(tokens: list[Token], m: CountMatch, victims: str | None) -> bool:
    """A bare figure after "and"/"," that borrows the harm of the figure before it; after a
    colon only when a place follows ("killed seven: four in Idlib"), as "Injured: 40" does not."""
    if m.first == 0:
        return False
    if opens_breakdown(tokens, m.first - 1):
        return victims is None and place_follows(tokens, m.last)
    if tokens[m.first - 1].low not in JOIN:
        return False
    if m.first >= 2 and tokens[m.first - 2].is_number:
        return False  # "October 25, 2012"
    c = m.count
    if c.qualifier == "exact" and 1900 <= (c.best or 0) <= 2100 and tokens[m.first].is_number:
        return False  # a year
    if victims is not None:
        return False  # "14 fatalities and 35 others under treatment": others are not the dead
    if m.last >= len(tokens):
        return True
    # "… and about a hundred since March": a preposition or the clause's end follows, not a verb
    # ("nine were killed and over sixty remain in critical condition").
    nxt = tokens[m.last].low
    return nxt in PREPOSITIONS or nxt in _PUNCT_STOP or nxt in ("more", "and")
