"""A foiled attack: a bomb defused, a drone intercepted, a rocket that failed to explode.

Nobody came to harm, and monitors record the attempt with no casualties (GTD codes it with 0
killed; ACLED calls it disrupted weapons use). A report that tells of such an attempt and of no
harm anywhere gives a zero of casualties from the sentence that tells it (``extract_claims``),
so the attempt is an incident with deaths 0 rather than no record at all. Beside any word of
harm it gives nothing: "police defused a second bomb" after a blast that killed 12 says nothing
of that blast's dead.
"""

from __future__ import annotations

import re

from harmledger.extract.harm import Mention
from harmledger.extract.text import Token
from harmledger.records import Count

# What is foiled: a weapon that could have harmed.
WEAPONS = frozenset(
    """device devices bomb bombs ied ieds explosive explosives mine mines landmine landmines grenade
    grenades drone drones missile missiles rocket rockets firebomb firebombs""".split()
)
# Words that foil it, said of the weapon before or after them ("defused an explosive device",
# "the drone was intercepted").
FOILING = frozenset("defused defuse defusing dismantled intercepted intercept intercepting".split())
# Words that foil it only when told as done safely ("safely detonated the device") or after it
# was found ("found and destroyed"): "detonated" alone is the attack itself.
SAFELY_DONE = frozenset("detonated destroyed removed disposed exploded".split())
# "failed to explode", "did not detonate": the weapon itself went off harmlessly or not at all.
FAILED_TO = re.compile(
    r"\b(?:failed to|did not|didn't|did n't|before (?:it|they) could) (?:explode|detonate|ignite|go off)\b", re.I
)

# Any word of harm in the report: then a foiled weapon is no zero of its event.
HARM_TOLD = re.compile(
    r"\b(?:kill\w*|dead\w*|die[ds]?|dying|death\w*|fatal\w*|bod(?:y|ies)|corpses?|slain|massacre\w*|murder\w*|"
    r"execut\w*|behead\w*|wound\w*|injur\w*|hurt|casualt\w*|victims?|abduct\w*|kidnap\w*|hostages?|missing|"
    r"assault\w*|shot|stabbed|torture\w*|raped?)\b",
    re.I,
)

_NONE = Count(0, 0, 0, "exact", text="")
# "the bomb squad", "mine-clearing teams": words after a weapon's name that make it who clears it.
_CLEARERS = frozenset(
    "squad squads disposal unit units expert experts team teams technicians detection sniffer".split()
)


def _weapon(tokens: list[Token], j: int) -> bool:
    return tokens[j].low in WEAPONS and not (j + 1 < len(tokens) and tokens[j + 1].low in _CLEARERS)


def tells_harm(text: str) -> bool:
    """Whether ``text`` has any word of harm: a foiled weapon in it gives no zero."""
    return HARM_TOLD.search(text) is not None


# Cheap first look at a sentence, before it is tokenised.
_HINT = re.compile(
    r"defus|intercept|dismantl|destroyed|detonated|removed|disposed|exploded|failed to|did not|didn't|did n't|could",
    re.I,
)


def may_tell_foiled(sentence: str) -> bool:
    return _HINT.search(sentence) is not None


def foiled_weapon(tokens: list[Token], sentence: str, offset: int) -> Mention | None:
    """A zero of casualties at the words that tell a weapon foiled in ``sentence`` (which starts
    at ``offset`` of the text its ``tokens`` were read from), or None."""
    # its weapon anywhere in the sentence: "An explosive device planted in the car of a councillor
    # was discovered and safely defused"
    weapons = [j for j in range(len(tokens)) if _weapon(tokens, j)]
    if not weapons:
        return None
    failed = FAILED_TO.search(sentence)
    failed_at = offset + failed.start() if failed is not None else -1
    for k, token in enumerate(tokens):
        foiling = (
            token.low in FOILING
            or (token.low in SAFELY_DONE and (_safely(tokens, k) or _found_before(tokens, k)))
            or token.start == failed_at
        )
        if not foiling:
            continue
        j = min(weapons, key=lambda j: abs(j - k))
        first, last = min(j, k), max(j, k) + 1
        zero = Mention(first, last, _NONE, "casualties", "people", [], k, last)
        zero.negated = True
        zero.rule = "foiled_weapon"
        return zero
    return None


def _safely(tokens: list[Token], k: int) -> bool:
    return k > 0 and tokens[k - 1].low in ("safely", "harmlessly")


# "An IED was found on the highway and later destroyed": a weapon found, then made safe.
_FOUND = frozenset("found discovered detected recovered spotted located seized".split())


def _found_before(tokens: list[Token], k: int) -> bool:
    return any(t.low in _FOUND for t in tokens[:k])


def foils(tokens: list[Token], party_start: int, party_end: int, foiled_at: int) -> bool:
    """Whether the party at characters ``[party_start, party_end)`` is who foiled the weapon at
    token ``foiled_at`` ("the coalition intercepted", "intercepted by the coalition"), not who
    sent it."""
    before = [k for k, t in enumerate(tokens) if t.end <= party_start]
    after = [k for k, t in enumerate(tokens) if t.start >= party_end]
    last_before = before[-1] if before else -1
    first_after = after[0] if after else len(tokens)
    if first_after <= foiled_at and all(tokens[k].low in _BETWEEN for k in range(first_after, foiled_at)):
        return True  # its subject: "Security forces discovered and defused", "the army safely detonated"
    while last_before > foiled_at and tokens[last_before].low in ("the", "a", "an"):
        last_before -= 1
    return last_before > foiled_at and tokens[last_before].low == "by" and last_before - foiled_at <= 2


# Words between a subject and its foiling verb ("… discovered and safely defused").
_BETWEEN = frozenset("discovered found located spotted and safely successfully later then also had have has".split())
