"""Which figures in a sentence count people harmed, and how: outcome, victims, sub-groups.

A figure becomes a mention only when a harm word is tied to it by one of these shapes:
  figure [modifiers] [victims] [aux] PARTICIPLE   "15 Afghan Taliban killed", "7 dead"
  VERB [and VERB] figure [victims]                "killed at least 56 civilians", "kills seven"
  figure [modifiers] HARM-NOUN                    "60 civilian casualties", "12 deaths"
  NOUN of figure                                  "the massacre of 40 villagers"
  … toll … figure                                 "the death toll … is now over 125"
  victims (figure) in a sentence with a harm cue  "civilians (between 136 to 1300)"
  …, and figure                                   "60 … and about a hundred since …" (ellipsis)
A singular victim with a harm verb and no figure is one person ("Civilian killed"); "no
civilians were killed" is a zero, negated. Plural victims with no figure ("Taliban killed in
airstrike") yield no mention: there is no figure to record.
Figures after "including"/"among" or before "of them" are parts of an earlier figure: their
victim group is added to it and they are not counted again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from harmledger.extract.counts import CountMatch, find_counts
from harmledger.extract.text import Token
from harmledger.extract.vocab import (
    AUX,
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    HYPOTHETICAL,
    KILL_PHRASES,
    NEGATORS,
    NONHARM_NOUNS,
    SUBSET_BEFORE,
    TOLL_OUTCOME,
    VICTIM_ADJECTIVES,
    VICTIM_NOUNS,
)
from harmledger.records import Count

_PUNCT_STOP = frozenset({",", ";", ":", ".", "(", ")", "?", "!", "\"", "“", "”", "|"})
_JOIN = frozenset({"and", ",", "or", "&", "/"})
_PRONOUNS = frozenset({"them", "whom", "those", "these", "which", "us", "they"})
_OF_NOUNS: dict[str, str] = {
    "massacre": "killed", "deaths": "killed", "death": "killed", "killing": "killed",
    "killings": "killed", "murder": "killed", "murders": "killed", "bodies": "killed",
    "lives": "killed", "execution": "killed", "executions": "killed", "remains": "killed",
    "injury": "injured", "injuries": "injured", "wounding": "injured",
    "abduction": "detained", "kidnapping": "detained", "arrest": "detained",
    "detention": "detained", "disappearance": "missing", "displacement": "displaced",
}
_DEATH_CUES = frozenset({"deadly", "lethal", "death", "deaths", "killed", "killing", "dead"})
_CLAUSE_VERBS = frozenset({"were", "was", "are", "is", "have", "has", "had", "died", "killed",
                           "reportedly", "according"})
_ZERO_WORDS = frozenset({"nobody", "none"})
_PLURAL_ONLY = frozenset({"children", "people", "police", "taliban", "personnel", "militia",
                          "militias", "family", "families", "locals", "local", "forces",
                          "troops", "bodies", "others"})
_SINGULAR_DETS = frozenset({"a", "an", "one", "the"})
_MAX_MODIFIERS = 4
# Words that end a victims phrase: "about a hundred since the operation began".
_PREPOSITIONS = frozenset("since in on at after before during when while near by from as for "
                          "with to that who which across inside outside within".split())
_SOME = frozenset({"many", "several", "some", "dozens", "scores", "hundreds", "mostly", "mainly",
                   "of", "them", "whom", "most", "a", "number", "lot", "few", "the", "at", "least"})


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


def _combine(outcomes: list[str]) -> str:
    kinds = set(outcomes)
    if {"killed", "injured"} <= kinds or "casualties" in kinds:
        return "casualties"
    return outcomes[0]


def _participles(tokens: list[Token], j: int) -> tuple[str | None, int]:
    """Harm participle(s) at ``j`` ("killed", "killed and wounded", "shot dead") → outcome, end."""
    outcomes: list[str] = []
    n = len(tokens)
    while j < n:
        low = tokens[j].low
        if j + 1 < n and (low, tokens[j + 1].low) in KILL_PHRASES:
            outcomes.append(KILL_PHRASES[(low, tokens[j + 1].low)])
            j += 2
        elif j + 2 < n and (low, tokens[j + 2].low) in KILL_PHRASES:  # "lost their lives"
            outcomes.append(KILL_PHRASES[(low, tokens[j + 2].low)])
            j += 3
        elif low in HARM_AFTER:
            outcomes.append(HARM_AFTER[low])
            j += 1
        else:
            break
        if j + 1 < n and tokens[j].low in _JOIN and tokens[j + 1].low in HARM_AFTER:
            j += 1
            continue
        break
    return (_combine(outcomes), j) if outcomes else (None, j)


def _walk_right(tokens: list[Token], m: CountMatch) -> tuple[str | None, str | None, list[str], int, int, bool]:
    """After the figure: (outcome, victims, groups, harm index, phrase end, rejected)."""
    n = len(tokens)
    j, victims, groups, modifiers = m.last, None, [], 0
    if j < n and tokens[j].low == "of":  # "dozens of civilians"; "two of them" is a part
        if j + 1 < n and tokens[j + 1].low in _PRONOUNS:
            return None, None, [], -1, j, True
        j += 1
        while j < n and tokens[j].low in ("the", "his", "her", "its", "their", "our"):
            j += 1
    while j < n and modifiers <= _MAX_MODIFIERS:
        tok = tokens[j]
        low = tok.low
        if low in _PUNCT_STOP or tok.is_number:
            break
        if victims is None and low in NONHARM_NOUNS:
            return None, None, [], -1, j, True
        if low in HARM_NOUNS and _before_nonharm(tokens, j + 1):
            return None, None, [], -1, j, True
        if low in HARM_NOUNS and (victims is None or low in ("casualties", "deaths", "dead")):
            adj = VICTIM_ADJECTIVES.get(tokens[j - 1].low) if j > m.last else None
            if adj and victims is None:
                victims = adj[0]
                groups += [adj[1]] if adj[1] else []
            out, end = HARM_NOUNS[low], j + 1
            if end + 1 < n and tokens[end].low in _JOIN and tokens[end + 1].low in HARM_NOUNS:
                out, end = _combine([out, HARM_NOUNS[tokens[end + 1].low]]), end + 2
            return out, victims, groups, j, end, False
        if low in HARM_AFTER or (j + 1 < n and (low, tokens[j + 1].low) in KILL_PHRASES):
            out, end = _participles(tokens, j)
            # "2 dead young owls": an adjective before a noun that is not people.
            if _before_nonharm(tokens, end):
                return None, None, [], -1, j, True
            if out is not None:
                # "a soldier killed 5 people": an active verb, not the victims' fate.
                if end < n and find_counts(tokens[end : end + 4])[:1] and tokens[end].low not in _JOIN:
                    first = find_counts(tokens[end : end + 4])[0]
                    if first.first == 0:
                        return None, victims, groups, -1, j, False
                return out, victims, groups, j, end, False
        if low in VICTIM_NOUNS:
            kind, group = VICTIM_NOUNS[low]
            if victims is None or victims == "people" or kind != "people":
                victims = kind
            if group and group not in groups:
                groups.append(group)
            j += 1
            # "Two Taliban key commanders": a second victim noun close behind is the head.
            ahead = next((x for x in range(j, min(n, j + 2)) if tokens[x].low in VICTIM_NOUNS), None)
            if ahead is not None and all(tokens[x].text.isalpha() for x in range(j, ahead)):
                j = ahead
                continue
            # "members of the regime forces": read on through one "of" phrase.
            if j < n and tokens[j].low == "of" and low in ("members", "member"):
                j += 1
                modifiers = 0
                continue
            j = _skip_aside(tokens, j)
            while j < n and tokens[j].low in AUX and not (
                j + 1 < n and (tokens[j].low, tokens[j + 1].low) in KILL_PHRASES
            ):
                j += 1
            modifiers = _MAX_MODIFIERS  # after the victims only the verb may follow
            continue
        if victims is not None and modifiers >= _MAX_MODIFIERS:
            break
        if low in AUX and modifiers == 0:  # "seven were killed"
            j += 1
            continue
        if low in HARM_BEFORE or low in _JOIN or low in _PRONOUNS or low in _PREPOSITIONS:
            break
        modifiers += 1
        j += 1
    return None, victims, groups, -1, j, False


def _before_nonharm(tokens: list[Token], j: int) -> bool:
    """Whether adjectives from ``j`` lead to a non-victim noun ("2 dead young owls")."""
    for x in range(j, min(len(tokens), j + 3)):
        low = tokens[x].low
        if not tokens[x].text.isalpha() or low in _PREPOSITIONS:
            return False
        if low in NONHARM_NOUNS:
            return True
    return False


def _skip_aside(tokens: list[Token], j: int) -> int:
    """Past an aside ", including three children," or "of the same family" after the victims."""
    n = len(tokens)
    if j < n and tokens[j].low == "of" and j + 1 < n and tokens[j + 1].low in ("the", "one", "a"):
        k = j + 1
        while k < n and k < j + 5 and tokens[k].low not in _PUNCT_STOP and tokens[k].low not in AUX:
            k += 1
        j = k
    if j + 1 < n and tokens[j].low == "," and tokens[j + 1].low in SUBSET_BEFORE:
        for k in range(j + 2, min(n, j + 12)):
            if tokens[k].low == ",":
                return k + 1
    return j


def _walk_left(tokens: list[Token], first: int) -> tuple[str | None, int, int]:
    """Before the figure: (outcome, harm index, toll index) from a verb, "X of", or a toll."""
    k = first - 1
    if k >= 0 and tokens[k].low == "of" and k - 1 >= 0 and tokens[k - 1].low in _OF_NOUNS:
        return _OF_NOUNS[tokens[k - 1].low], k - 1, -1
    outcomes: list[str] = []
    harm_at = -1
    while k >= 0 and tokens[k].low in HARM_BEFORE:
        outcomes.append(HARM_BEFORE[tokens[k].low])
        harm_at = k
        if k - 2 >= 0 and tokens[k - 1].low in _JOIN and tokens[k - 2].low in HARM_BEFORE:
            k -= 2
            continue
        break
    if outcomes:
        return _combine(outcomes), harm_at, -1
    # A toll: "the death toll of the airstrikes in the region is now over 125".
    for k in range(first - 1, max(-1, first - 16), -1):
        low = tokens[k].low
        if low in (";", ".") or tokens[k].is_number:
            break
        if low == "toll":
            before = tokens[k - 1].low if k > 0 else ""
            outcome = TOLL_OUTCOME.get(before, "killed")
            return outcome, k, k
        if low == "number" and k + 2 < first and tokens[k + 1].low == "of":
            # "the number of dead", "the number of civilians killed … rose to 40"
            for x in range(k + 2, min(first, k + 5)):
                noun = tokens[x].low
                if noun in HARM_NOUNS:
                    return HARM_NOUNS[noun], x, k
                if noun in HARM_AFTER:
                    return HARM_AFTER[noun], x, k
    return None, -1, -1


def _toll_victims(tokens: list[Token], toll_at: int, first: int) -> str | None:
    """"The civilian death toll", "the toll among civilians" → civilians."""
    for k in range(max(0, toll_at - 2), first):
        low = tokens[k].low
        if low in VICTIM_ADJECTIVES:
            return VICTIM_ADJECTIVES[low][0]
        if low in VICTIM_NOUNS and k > toll_at:
            return VICTIM_NOUNS[low][0]
    return None


def _is_subset(tokens: list[Token], m: CountMatch, since: int) -> bool:
    """Whether the figure is part of an earlier one ("including 19 children", "two … among")."""
    for k in range(m.first - 1, since - 1, -1):
        low = tokens[k].low
        if low in HARM_BEFORE or low == ";":
            return False
        if low in SUBSET_BEFORE:
            return True
    return False


def _negated(tokens: list[Token], lo: int, hi: int) -> bool:
    return any(tokens[k].low in NEGATORS for k in range(max(lo, 0), min(hi, len(tokens))))


def read_mentions(tokens: list[Token], sentence_cues: frozenset[str]) -> list[Mention]:
    """Every harm mention in one sentence's tokens, in order."""
    mentions: list[Mention] = []
    pending: list[tuple[CountMatch, str | None, list[str], int]] = []  # "Twelve soldiers, …"
    prev_end, scanned, in_subset = 0, 0, False
    for m in find_counts(tokens):
        # Once "including"/"among" is seen, later figures are parts until a new verb or ";".
        for k in range(scanned, m.first):
            low = tokens[k].low
            if low in SUBSET_BEFORE:
                in_subset = True
            elif low in HARM_BEFORE and low not in HARM_AFTER or low == ";":
                in_subset = False
            elif low == "," and k + 1 < len(tokens) and tokens[k + 1].low in _CLAUSE_VERBS:
                in_subset = False  # ", including four children, were killed and 15 others …"
        scanned = m.last
        if in_subset and mentions:
            _, victims, groups, _, _, _ = _walk_right(tokens, m)
            for g in groups:
                if g not in mentions[-1].groups:
                    mentions[-1].groups.append(g)
            prev_end = m.last
            continue
        out_r, victims, groups, harm_r, end, rejected = _walk_right(tokens, m)
        if rejected:
            if mentions and m.last + 1 < len(tokens) and tokens[m.last + 1].low in _PRONOUNS:
                _add_part_groups(tokens, m.last + 2, mentions[-1])  # "8 civilians, 3 of them children"
            continue
        # "Two BSF men among eight killed": a part of the next figure.
        if out_r is None and end < len(tokens) and tokens[end].low in ("among", "including"):
            continue
        out_l, harm_l, toll_at = _walk_left(tokens, m.first)
        outcome = out_r or out_l
        harm_at = harm_r if out_r else harm_l
        if outcome is None and m.first >= 2 and tokens[m.first - 1].text == "(" and (
            tokens[m.first - 2].low in VICTIM_NOUNS
        ):
            kind, group = VICTIM_NOUNS[tokens[m.first - 2].low]
            victims, groups = kind, [group] if group else []
            outcome = "killed" if sentence_cues & _DEATH_CUES else (
                "casualties" if sentence_cues else None
            )
            harm_at = m.first - 2
        if outcome is None and mentions and _elliptic(tokens, m, victims):
            prev = mentions[-1]  # ellipsis: "60 civilian casualties … and about a hundred"
            outcome, harm_at = prev.outcome, prev.harm_at
            if victims is None or victims == "people":
                victims, groups = prev.victims, list(prev.groups)
        if outcome is None and victims is not None:
            outcome, harm_at = _verb_back(tokens, m.first)  # "killed a woman and her three children"
        if outcome is None:
            if victims is not None and end < len(tokens) and tokens[end].low in _JOIN:
                pending.append((m, victims, groups, end))
            else:
                pending.clear()
            continue
        if toll_at >= 0 and victims is None:
            victims = _toll_victims(tokens, toll_at, m.first)
        # "Twelve soldiers, 26 insurgents killed": the earlier figures share the verb.
        if out_r is not None and pending and pending[-1][3] + 1 == m.first:
            for pm, pv, pg, pend in pending:
                mentions.append(Mention(pm.first, pm.last, pm.count, outcome, pv or "people",
                                        pg, harm_at, pend, -1, False))
        pending.clear()
        lo = harm_at - 4 if harm_at >= 0 and harm_at < m.first else m.first - 4
        if any(tokens[x].low in HYPOTHETICAL for x in range(max(lo - 2, prev_end, 0), max(harm_at, m.first))):
            continue  # "could cause up to 2,000 deaths": a projection, not harm done
        neg = _negated(tokens, max(lo, prev_end), max(harm_at, m.first))
        mentions.append(Mention(
            m.first, m.last, m.count, outcome, victims or "people", groups, harm_at,
            max(end, m.last), toll_at, neg,
        ))
        prev_end = max(end, m.last)
    mentions.sort(key=lambda x: x.first)
    for mention in mentions:
        _add_groups(tokens, mention)
    mentions.extend(_singulars(tokens, mentions))
    mentions.sort(key=lambda x: x.first)
    return mentions


def _add_part_groups(tokens: list[Token], j: int, m: Mention) -> None:
    for k in range(j, min(len(tokens), j + 4)):
        group = VICTIM_NOUNS.get(tokens[k].low, ("", None))[1]
        if group and group not in m.groups:
            m.groups.append(group)


def _verb_back(tokens: list[Token], first: int) -> tuple[str | None, int]:
    """A harm verb shared across "and": "killed a woman and (her) three children"."""
    k = first - 1
    if k >= 0 and tokens[k].low in ("his", "her", "their", "its"):
        k -= 1
    if k < 0 or tokens[k].low not in ("and", "as well as"):
        return None, -1
    for x in range(k - 1, max(-1, k - 7), -1):
        low = tokens[x].low
        if low in (".", ";", ":") or tokens[x].is_number:
            break
        if low in HARM_BEFORE:
            return HARM_BEFORE[low], x
    return None, -1


def _elliptic(tokens: list[Token], m: CountMatch, victims: str | None) -> bool:
    """A bare figure after "and"/"," that borrows the harm of the figure before it."""
    if m.first == 0 or tokens[m.first - 1].low not in _JOIN:
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
    return nxt in _PREPOSITIONS or nxt in _PUNCT_STOP or nxt in ("more", "and")


def _singulars(tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """"Civilian killed" (one), "killing a soldier" (one), "no civilians were killed" (zero)."""
    taken = set()
    for m in found:
        taken.update(range(m.first, max(m.phrase_end, m.last) + 1))
    out: list[Mention] = []
    n = len(tokens)
    for k, tok in enumerate(tokens):
        low = tok.low
        if k in taken:
            continue
        zero = low in _ZERO_WORDS or (low == "no" and k + 1 < n and tokens[k + 1].low == "one")
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
                out.append(Mention(k, j + 1, Count(0, 0, 0, "exact", text=""), HARM_NOUNS[tokens[j].low],
                                   "people", [], j, j + 1, -1, True))
                continue
            kind, group = VICTIM_NOUNS[tokens[j].low]
            after = j + 1
        elif zero:
            kind, group, after = "people", None, k + (2 if low == "no" else 1)
        else:
            if low not in VICTIM_NOUNS or low in _PLURAL_ONLY or low.endswith("s") or low.endswith("men"):
                continue
            kind, group = VICTIM_NOUNS[low]
            after = k + 1
            prev = tokens[k - 1].low if k > 0 else ""
            # The figure of a plural mention ("12 soldier deaths") or a possessive is not one.
            if k > 0 and (tokens[k - 1].is_number or prev in ("of", "'s")):
                continue
            # "an executed man", "a dead child": the participle stands before the noun.
            if k > 1 and prev in HARM_AFTER and tokens[k - 2].low in ("a", "an", "one") and (
                HARM_AFTER[prev] == "killed"
            ):
                out.append(Mention(k - 2, k + 1, Count(1, 1, 1, "exact"), "killed", kind,
                                   [group] if group else [], k - 1, k + 1, -1, False))
                taken.update(range(k - 2, k + 2))
                continue
        j = after
        while j < n and j < after + 3 and tokens[j].low in AUX and not (
            j + 1 < n and (tokens[j].low, tokens[j + 1].low) in KILL_PHRASES
        ):
            j += 1
        outcome, end = _participles(tokens, j)
        if outcome is not None and end < n and tokens[end].is_number:
            outcome = None  # "a soldier killed 5 …": active voice
        if outcome is None and not (zero or negated_noun):
            # "killing a civilian", "kill civilian working on his land"
            b = k - 1
            skipped = 0
            while b >= 0 and skipped < 2 and tokens[b].low not in HARM_BEFORE and (
                tokens[b].text.isalpha() and tokens[b].low not in _SINGULAR_DETS
                and tokens[b].low not in _PREPOSITIONS and tokens[b].low not in AUX
            ):
                b -= 1
                skipped += 1
            det = b >= 0 and tokens[b].low in _SINGULAR_DETS
            if det:
                b -= 1
            # "killed a soldier" is active; bare "killed soldier" may be "soldier killed".
            if b >= 0 and tokens[b].low in HARM_BEFORE and (det or tokens[b].low not in HARM_AFTER):
                outcome, end = HARM_BEFORE[tokens[b].low], k + 1
        if outcome is None:
            continue
        start = k
        if not (zero or negated_noun) and k > 0 and tokens[k - 1].low in ("a", "an", "one"):
            start = k - 1
        value = 0 if (zero or negated_noun) else 1
        out.append(Mention(start, k + 1, Count(value, value, value, "exact"), outcome, kind,
                           [group] if group else [], j, end, -1, zero or negated_noun))
        taken.update(range(start, end + 1))
    return out


def _add_groups(tokens: list[Token], m: Mention) -> None:
    """"… 200 casualties, including many children": the group joins the mention's victims."""
    n = len(tokens)
    j = m.last
    while j < min(n, max(m.phrase_end, m.last) + 3) and tokens[j].low not in SUBSET_BEFORE:
        j += 1
    if j >= n or tokens[j].low not in SUBSET_BEFORE:
        return
    for k in range(j + 1, min(n, j + 10)):
        low = tokens[k].low
        if low in (";", ".", ")") or low in HARM_AFTER:
            break
        if low in VICTIM_NOUNS:
            kind, group = VICTIM_NOUNS[low]
            if group and group not in m.groups:
                m.groups.append(group)
            # "200 casualties, including many children" reads as civilian harm; "including 78
            # civilians" says only part of the figure is civilian, so the type stays.
            if m.victims == "people" and kind == "civilians" and group:
                m.victims = "civilians"
