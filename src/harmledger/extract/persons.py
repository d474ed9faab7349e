"""One person harmed, named or described without a figure: each rule a small function.

Reports of single killings rarely give a number: "Gunmen shot and killed a police constable",
"Assailants killed Ana Reyes, a councillor", "Reyes was killed in the attack", "Reyes and two
others were killed", "In addition to the bomber, three people were killed". Each of these is one
person (and "also" or "and N others" adds that person to the figure beside it). ``read_mentions``
runs these rules after the figures, on the tokens no figure has taken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from harmledger.extract.counts import find_counts
from harmledger.extract.harm import PARTIES, SHARED_VERB_RULE, Mention, clause_ends, participles
from harmledger.extract.phrases import starts_phrase
from harmledger.extract.text import Token, too_at
from harmledger.extract.vocab import (
    AFFILIATION_NOUNS,
    AUX,
    DASHES,
    DIED_VERBS,
    EVENT_TYPES,
    HARM_AFTER,
    HARM_BEFORE,
    MONTHS,
    NAME_LINKS,
    NONHARM_NOUNS,
    NOT_A_SUBJECT,
    NOT_NAMES,
    NOT_ONE_PERSON_HEADS,
    NOT_PERSON_WORDS,
    OF_NOUNS,
    ONE_PERSON_AFTER_ADDITION,
    PASSIVE_AUX,
    PERSON_DETERMINERS,
    PERSON_NP_STOPS,
    PLURAL_ONLY,
    POSSESSIVES,
    RELATIVES,
    SUBJECT_PRONOUNS,
    SUBJECT_STOPS,
    TENS,
    UNITS,
    VICTIM_NOUNS,
    VIOLENT_DEATH_WORDS,
    WEEKDAYS,
)
from harmledger.records import Count

_OUTCOMES = frozenset({"killed", "injured"})
# Verbs of killing in two words, whose object follows: "shot dead John Okafor", "gunned down a judge".
_KILLED_IN_TWO_WORDS = frozenset({("shot", "dead"), ("gunned", "down")})
_ACTIVE_OUTCOMES = _OUTCOMES | {"detained"}  # "abducted Ana Reyes": one person taken, as one killed
_MAX_PHRASE = 12

Rule = Callable[[list[Token], set[int], list[Mention]], list[Mention]]


def _one(first: int, last: int, outcome: str, victims: str, harm_at: int, end: int, joint: bool = False) -> Mention:
    return Mention(first, last, Count(1, 1, 1, "named"), outcome, victims, [], harm_at, end, -1, False, joint=joint)


def _kind_of(tokens: list[Token], lo: int, hi: int) -> str:
    """The victim type a phrase names ("a police constable" → combatants), else people."""
    kind = "people"
    for k in range(lo, hi):
        if tokens[k].low in VICTIM_NOUNS:
            kind = VICTIM_NOUNS[tokens[k].low][0]
    return kind


def _is_name_token(tok: Token) -> bool:
    return tok.is_title and tok.text.isalpha() and tok.low not in MONTHS and tok.low not in WEEKDAYS


def _harm_after(tokens: list[Token], j: int) -> tuple[str | None, int, bool]:
    """ "[also|later …] killed" at ``j`` → (outcome, end, "also" seen)."""
    n = len(tokens)
    also = False
    while j < n and (tokens[j].low in AUX or tokens[j].low == "and") and not starts_phrase(tokens, j):
        also = also or tokens[j].low == "also"
        j += 1
    outcome, end = participles(tokens, j)
    return outcome, end, also


def passive_one(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "Reyes was killed", "The assailant was also killed", "A tribal elder, named X, was wounded"."""
    out: list[Mention] = []
    for k, tok in enumerate(tokens):
        if tok.low != "was" or k in taken or k == 0:
            continue
        outcome, end, also = _harm_after(tokens, k + 1)
        if outcome not in _OUTCOMES or end < len(tokens) and tokens[end].is_number:
            continue
        also = also or too_at(tokens, end)
        s = _subject_start(tokens, k)
        if s == k or any(x in taken for x in range(s, k)) or tokens[s].low in NOT_A_SUBJECT:
            continue
        subject = tokens[s:k]
        if tokens[k - 1].low == "who" and k - s == 1:
            continue  # "…, who was killed": the person is counted where the name stands
        if not (
            any(t.low in SUBJECT_PRONOUNS or t.low in VICTIM_NOUNS for t in subject)
            or any(_is_name_token(t) and t.low not in PERSON_DETERMINERS for t in subject)
        ):
            continue
        if outcome == "injured" and _died_later(tokens, end):
            outcome = "killed"
        # The span: the name before any apposition, else the victim noun ("The assailant").
        head = next(
            (
                x
                for x in range(s, _subject_end(tokens, k))
                if _is_name_token(tokens[x]) and tokens[x].low not in NOT_NAMES
            ),
            None,
        )
        if head is None:
            head = next(
                (x for x in range(s, k) if tokens[x].low in VICTIM_NOUNS or tokens[x].low in SUBJECT_PRONOUNS), s
            )
        last = head + 1
        while last < k and _is_name_token(tokens[last]) and _is_name_token(tokens[head]):
            last += 1  # the whole name: "Samir Haddad"
        out.append(_one(head, last, outcome, _kind_of(tokens, s, k), k + 1, end, joint=also))
        taken.update(range(s, end))
    return out


def died_one(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "Khalid Omar died in the strike", "The farmer Khalid Omar reportedly died of his injuries",
    "a teacher, Rami Saleh, died of wounds": one person, named in full (two names or more), as
    the subject of an intransitive verb of death, in a sentence that says how violence was done
    (an attack, a strike, wounds). A death with no such word (an illness, old age) is no claim."""
    if not any(t.low in DIED_VERBS for t in tokens) or not _violent(tokens):
        return []
    out: list[Mention] = []
    for k, tok in enumerate(tokens):
        if tok.low not in DIED_VERBS or k in taken or k == 0:
            continue
        a = k  # "reportedly", "later", "also", "seemingly" between the subject and the verb
        while a > 0 and k - a < 3 and _adverb(tokens[a - 1]):
            a -= 1
        run = _name_before(tokens, a)
        if run is None or any(x in taken for x in range(run[0], k)):
            continue
        first, last = run
        also = any(tokens[x].low == "also" for x in range(a, k)) or too_at(tokens, k + 1)
        out.append(_one(first, last, "killed", _kind_of(tokens, max(0, first - 4), a), k, k + 1, joint=also))
        taken.update(range(first, k + 1))
    return out


def headline_named(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "Ana Reyes killed in Tamlo", "Ana Maria Reyes, killed in Tamlo": a headline that opens with
    one person's full name and its participle, with no auxiliary (not "Ana Reyes killed two")."""
    for k in range(2, min(len(tokens), _MAX_PHRASE + 2)):
        if not (tokens[k].text.islower() and (tokens[k].low in HARM_AFTER or starts_phrase(tokens, k))):
            continue
        if tokens[k].low in _DEATH_VERBS:
            return []  # "Khalid Omar died in hospital": ``died_one`` asks how he died
        outcome, end = participles(tokens, k)
        run = _name_before(tokens, k)
        if (
            outcome not in _OUTCOMES
            or not clause_ends(tokens, end)
            or run is None
            or run[0] != 0
            or any(x in taken for x in range(k + 1))
            or any(t.low in VICTIM_NOUNS for t in tokens[: run[1]])
            or PARTIES.match(tokens, 0) is not None  # "Boko Haram": a party, not a person
        ):
            return []
        taken.update(range(end))
        return [_one(run[0], run[1], outcome, "people", k, end)]
    return []


_DEATH_VERBS = DIED_VERBS | {"die", "dies", "dead"}


def _adverb(tok: Token) -> bool:
    return tok.low in AUX and tok.low not in PASSIVE_AUX


_VIOLENT_WORDS = VIOLENT_DEATH_WORDS | {cue for cue, _ in EVENT_TYPES if " " not in cue}
_VIOLENT_PHRASES = tuple(f" {cue} " for cue, _ in EVENT_TYPES if " " in cue)


def _violent(tokens: list[Token]) -> bool:
    """Whether a sentence says how violence was done: an event's word, or wounds."""
    if any(t.low in _VIOLENT_WORDS for t in tokens):
        return True
    lows = " " + " ".join(t.low for t in tokens) + " "
    return any(phrase in lows for phrase in _VIOLENT_PHRASES)


def _not_a_person(low: str) -> bool:
    return low in NOT_NAMES or low in NOT_A_SUBJECT or low in NOT_PERSON_WORDS


def _name_before(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """A full name (two name words or more) ending just before ``end``, or before an apposition
    there ("Rami Saleh, a teacher, died", "a teacher, Rami Saleh, died"): (first, last)."""
    ends = [end]
    if end >= 2 and tokens[end - 1].low == ",":
        ends = [end - 1, _subject_end(tokens, end)]
    for stop in ends:
        b = stop
        while b > 0 and stop - b < _MAX_PHRASE and (_is_name_token(tokens[b - 1]) or tokens[b - 1].low in NAME_LINKS):
            b -= 1
        while b < stop and not _is_name_token(tokens[b]):
            b += 1  # a name opens with a name word, not "-" or "al"
        names = [t for t in tokens[b:stop] if _is_name_token(t)]
        if len(names) >= 2 and not any(
            t.low in NOT_NAMES or t.low in NOT_A_SUBJECT or t.low in NOT_PERSON_WORDS for t in names
        ):
            return b, stop
    return None


def _passive(tokens: list[Token], v: int) -> bool:
    b = v - 1
    while (
        b >= 0 and v - b < 5 and (tokens[b].low in AUX or tokens[b].low == "and") and tokens[b].low not in PASSIVE_AUX
    ):
        b -= 1
    return b >= 0 and tokens[b].low in PASSIVE_AUX


def _died_later(tokens: list[Token], end: int) -> bool:
    """ "was wounded in the attack and later died of his injuries": the wounded person died."""
    for x in range(end, min(len(tokens), end + 10)):
        if tokens[x].low in (".", ";"):
            return False
        if tokens[x].low in ("died", "succumbed") and tokens[x - 1].low in ("later", "and", "subsequently"):
            return True
    return False


def _subject_end(tokens: list[Token], k: int) -> int:
    """The end of the subject of the verb at ``k`` before any apposition ("Reyes, a mayor and
    a teacher, was killed" → after "Reyes")."""
    if k >= 2 and tokens[k - 1].low == ",":
        b = k - 2
        while b > 0 and tokens[b].low != "," and k - b < 2 * _MAX_PHRASE:
            b -= 1
        if b > 0 and tokens[b].low == ",":
            return b
    return k


def _subject_start(tokens: list[Token], k: int) -> int:
    """Where the subject of the verb at ``k`` starts (stepping over an apposition)."""
    end = _subject_end(tokens, k)
    s = end
    while s > 0 and tokens[s - 1].low not in SUBJECT_STOPS and end - s < _MAX_PHRASE:
        s -= 1
    return s


def _object_phrase(tokens: list[Token], j: int, taken: set[int]) -> int | None:
    """End of one person's description or name starting at ``j``, or None when it is not one."""
    n = len(tokens)
    if j >= n or j in taken:
        return None
    if tokens[j].low in ("a", "an"):
        ahead = find_counts(tokens[j : j + 3])
        if ahead and ahead[0].first == 0:
            return None  # "a dozen", "a few": a figure
        e = j + 1
        while e < n and e - j < _MAX_PHRASE and e not in taken:
            if tokens[e].text == "(" and e + 2 < n and tokens[e + 2].text == ")" and tokens[e + 1].text.isupper():
                e += 3  # "an Afghan Local Police (ALP) commander": an acronym inside the description
                continue
            if tokens[e].low in PERSON_NP_STOPS:
                break
            if tokens[e].is_number and not (e > 0 and tokens[e - 1].text == "("):
                return None
            e += 1
        if e == j + 1 or e in taken:
            return None
        heads = [t.low for t in tokens[j + 1 : e] if t.text.isalpha()]
        if (
            not heads
            or heads[0] in NOT_ONE_PERSON_HEADS
            or heads[-1] in NONHARM_NOUNS
            or (heads[-1] in NOT_ONE_PERSON_HEADS)
        ):
            return None
        return e
    if (
        j + 1 < n
        and _one_person_noun(tokens[j].low)
        and (tokens[j].text.islower() or (tokens[j].is_title and j + 2 < n and _is_name_token(tokens[j + 2])))
        and _is_name_token(tokens[j + 1])
        and tokens[j + 1].low not in VICTIM_NOUNS
    ):
        # "journalist Saifullah Jan": a person named after the work they do; "Senator John
        # Okafor", "Professor Ada Eze": the work as a title (a name of two words after it, so
        # a headline's capitals, "Gunmen Abduct Professor In Lagos", are no name)
        j += 1
    if not _is_name_token(tokens[j]) or tokens[j].low in VICTIM_NOUNS or tokens[j].low in NOT_NAMES:
        return None  # "Militants Killed In Nooristan Clash": a headline's capitals, not a name
    e = j + 1
    while e < n and (_is_name_token(tokens[e]) or tokens[e].low in NAME_LINKS) and e - j < 6:
        e += 1
    while e - j > 1 and tokens[e - 1].low in NAME_LINKS:
        e -= 1  # the full stop after "… killed John Smith." ends the sentence, not the name
    if e - j == 1 and tokens[j].low.endswith("s"):
        return None  # "killed Houthis": a group, not a person
    if any(tokens[x].low in VICTIM_NOUNS for x in range(j, e)):
        return None  # "killed Afghan soldiers", "Taliban"
    if e < n and tokens[e].low not in PERSON_NP_STOPS:
        return None
    return e


def active_one(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "shot and killed a police constable", "killed Ana Reyes, a councillor", "… and his son"."""
    out: list[Mention] = []
    # (a figure that only shares the verb, "killed X along with his wife and their three
    # daughters", leaves its first object to be read)
    verbs_used = {m.harm_at for m in found if m.rule != SHARED_VERB_RULE}
    for v, tok in enumerate(tokens):
        outcome = HARM_BEFORE.get(tok.low)
        two_words = outcome is None and v > 0 and (tokens[v - 1].low, tok.low) in _KILLED_IN_TWO_WORDS
        if two_words:
            outcome = "killed"  # "gunmen shot dead John Okafor"
        if outcome not in _ACTIVE_OUTCOMES or v in verbs_used or v in taken:
            continue
        if _passive(tokens, v - 1 if two_words else v):
            continue  # "was killed in Kabul", "were shot and killed a short time later", "was shot dead"
        j, joint = v + 1, False
        while True:
            e = _object_phrase(tokens, j, taken)
            if e is None:
                break
            # "killed Belfast Catholic": a person described by faith, the figure is the noun
            first = e - 1 if e - j > 1 and tokens[e - 1].low in AFFILIATION_NOUNS else j
            out.append(_one(first, e, outcome, _kind_of(tokens, j, e), v, e, joint=joint))
            taken.update(range(j, e))
            # ", a former councillor," after a name describes the same person: skip it.
            if e + 1 < len(tokens) and tokens[e].low == "," and tokens[e + 1].low in ("a", "an", "the"):
                e += 2
                while e < len(tokens) and tokens[e].low not in (",", ".", ";", "and") and e - j < 2 * _MAX_PHRASE:
                    e += 1
                if e < len(tokens) and tokens[e].low == ",":
                    e += 1
            if e + 1 < len(tokens) and tokens[e].low == "and":
                nxt = e + 1
                if (
                    tokens[nxt].low in ("his", "her", "their")
                    and nxt + 1 < len(tokens)
                    and (tokens[nxt + 1].low in VICTIM_NOUNS and nxt + 1 not in taken)
                ):
                    out.append(
                        _one(nxt + 1, nxt + 2, outcome, VICTIM_NOUNS[tokens[nxt + 1].low][0], v, nxt + 2, joint=True)
                    )
                    taken.update(range(nxt, nxt + 2))
                    break
                j, joint = nxt, True
                continue
            if e + 1 < len(tokens) and tokens[e].low == ",":  # ", his wife C and their son D"
                out.extend(_listed(tokens, e + 1, taken, outcome, v, joint=True, relations_only=True))
            break
    return out


def name_and_others(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "Reyes and three others were killed", "Reyes, a councillor, and two guards were killed",
    "the judge Ana Reyes, along with 12 relatives, was killed"."""
    out: list[Mention] = []
    for m in found:
        if m.harm_at <= m.first or m.first < 2 or m.negated:
            continue
        e = _before_company(tokens, m.first)
        if e is None:
            continue
        mark = tokens[e - 1].text
        if mark == "," or (mark in DASHES and tokens[e - 2].end != tokens[e - 1].start):
            # an apposition between the name and "and": ", a councillor," or "– the spokesman –"
            b = e - 2
            while b > 0 and tokens[b].text != mark and e - b < 2 * _MAX_PHRASE:
                b -= 1
            if b <= 0 or tokens[b].text != mark:
                continue
            e = b
        s = e
        while s > 0 and (_is_name_token(tokens[s - 1]) or tokens[s - 1].low in NAME_LINKS) and e - s < 8:
            s -= 1  # "Ahmad Karim Al-Saleh": names joined by "-", "al", "bin"
        while s < e and not _is_name_token(tokens[s]):
            s += 1
        if s >= 3 and s < e and tokens[s - 1].low == "of" and tokens[s - 2].low in RELATIVES:
            s -= 2  # "the wife of Musab Al Buraim": the relative is the one harmed
            if tokens[s - 1].low in PERSON_DETERMINERS:
                s -= 1
        # A title before a full name is no victim noun: "Judge Ana Maria Reyes".
        title = s + 1 if e - s >= 3 and tokens[s].text[:1].isupper() else s
        if (
            s == e
            or any(x in taken for x in range(s, e))
            or any(tokens[x].low in VICTIM_NOUNS and tokens[x].low not in RELATIVES for x in range(title, e))
        ):
            continue
        titled = s > 1 and _one_person_noun(tokens[s - 1].low) and tokens[s - 2].low in PERSON_DETERMINERS
        if s > 0 and tokens[s - 1].low not in (",", ";", ":", "while", "and") and not titled:
            continue
        out.append(_one(s, e, m.outcome, "people", m.harm_at, e))
        m.joint = True
        taken.update(range(s, e))
    return out


def _before_company(tokens: list[Token], first: int) -> int | None:
    """Where the person before a figure of their company ends: the "and" of "Reyes and three
    others" or of "Reyes and his son", the comma of "Reyes, along with 12 relatives,"; else None."""
    if tokens[first - 1].low == "and":
        return first - 1
    if first >= 3 and tokens[first - 1].low in POSSESSIVES and tokens[first - 2].low == "and":
        return first - 2
    if (
        first >= 3
        and tokens[first - 1].low == "with"
        and tokens[first - 2].low in ("along", "together")
        and tokens[first - 3].text == ","
    ):
        return first - 3
    return None


def deaths_of_named(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "the deaths of A B, C D and E F" (three), "the killing of teacher A B and his mother C D"
    (two): the people listed after a harm noun and "of", one mention each. A bare "death of"
    counts only in a sentence that says how violence was done (not "the death of the Pope")."""
    out: list[Mention] = []
    for k in range(len(tokens) - 2):
        outcome = OF_NOUNS.get(tokens[k].low)
        if outcome not in _OUTCOMES or tokens[k + 1].low != "of":
            continue
        if tokens[k].low in ("death", "deaths") and not _violent(tokens):
            continue
        out.extend(_listed(tokens, k + 2, taken, outcome, k, joint=False))
    return out


_ALONG_REACH = 7  # words back from "along with" to its harm: "killed in the same strike along with"


def along_with_named(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "A B was killed along with his uncle C D and E F": the people listed after "along with"
    a harm share it, and add to the person before (one mention each)."""
    out: list[Mention] = []
    n = len(tokens)
    for k in range(1, n - 2):
        low, nxt = tokens[k].low, tokens[k + 1].low
        if not ((low in ("along", "together") and nxt == "with") or low == "alongside"):
            continue
        # "was killed in the strike along with …": the harm a few words back, in the same clause
        harm = None
        for x in range(k - 1, max(-1, k - _ALONG_REACH), -1):
            if tokens[x].low in HARM_AFTER:
                harm = x
                break
            if not tokens[x].text.isalpha() or tokens[x].is_number:
                break
        if harm is None or HARM_AFTER[tokens[harm].low] not in _OUTCOMES:
            continue
        start = k + 1 if low == "alongside" else k + 2
        out.extend(_listed(tokens, start, taken, HARM_AFTER[tokens[harm].low], harm, joint=True))
    return out


_LIST_STOPS = frozenset(". ; : that while when after but because where whereas who which".split())


def listed_were_harmed(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "Umm Ali Daloul and Mustafa Ali Daloul (54) were killed", "A B, a friend of the family, and
    C D, a neighbour, were also killed", "A B and his wife C died in the strike": the people of
    a list that is the whole subject of a harm, one mention each."""
    out: list[Mention] = []
    n = len(tokens)
    for k in range(2, n):
        low = tokens[k].low
        if low == "were":
            outcome, end, _ = _harm_after(tokens, k + 1)
        elif low in DIED_VERBS and _violent(tokens):
            outcome, end = "killed", k + 1
        else:
            continue
        if outcome not in _OUTCOMES or end < n and tokens[end].is_number:
            continue
        start = k
        while start > 0 and k - start < 4 * _MAX_PHRASE and tokens[start - 1].low not in _LIST_STOPS:
            start -= 1
        while start < k and not (_is_name_token(tokens[start]) or tokens[start].low in POSSESSIVES):
            start += 1  # "On Monday, A B and …": the list opens at its first person
        people = _subject_list(tokens, start, k)
        # One person is read by other rules; one figure may be the list's ("Their three sons, A,
        # B and C, were killed", the names its apposition).
        if (len(people) < 2 and not (people and people[0][2] is not None)) or any(x in taken for x in range(start, k)):
            continue
        harm_at = k if low != "were" else k + 1
        for number, (first, last, count) in enumerate(people):
            one = _one(first, last, outcome, _kind_of(tokens, first, last), harm_at, end, joint=number > 0)
            out.append(one if count is None else replace(one, count=count))
        taken.update(range(start, end))
    return out


def _subject_list(tokens: list[Token], j: int, stop: int) -> list[tuple[int, int, Count | None]]:
    """The people of a list filling tokens ``[j, stop)`` exactly (appositions between commas
    skipped), else []: a list that leaves words over is not read. An item may count several
    people ("their two sons Hadi and Ali"): its figure comes with it."""
    people: list[tuple[int, int, Count | None]] = []
    while j < stop:
        group = _figure_item(tokens, j, stop)
        item = _person_at(tokens, j, stop) if group is None else group[:3]
        if item is None and not people and group is None:
            item = _surname_before_kin(tokens, j)
        if item is None or item[2] > stop:
            return []
        people.append((item[0], item[1], group[3] if group is not None else None))
        j = item[2]
        if j < stop and tokens[j].low == "," and j + 1 < stop and tokens[j + 1].low in ("a", "an", "the"):
            close = next((x for x in range(j + 1, min(stop, j + _MAX_PHRASE)) if tokens[x].low == ","), None)
            if close is None:
                return []
            j = close  # ", a friend of the family,": who the person is, not another person
        if j < stop and tokens[j].low == ",":
            j += 1
        if j < stop and tokens[j].low == "and":
            j += 1
        elif j + 1 < stop and tokens[j].low == "along" and tokens[j + 1].low == "with":
            j += 2  # "A B, along with her husband C, …": one more person of the list
    return people


def _surname_before_kin(tokens: list[Token], j: int) -> tuple[int, int, int] | None:
    """ "Sial and his son were injured": a list may open on one name word (a person named before)
    when a relative of theirs follows. (A name before an apposition, "Lopez, a councillor, and her
    husband", is read by ``singulars``, which meets the apposition's noun first.)"""
    if j + 2 >= len(tokens) or not _is_name_token(tokens[j]) or _not_a_person(tokens[j].low):
        return None
    kin = tokens[j + 1].low == "and" and tokens[j + 2].low in ("his", "her")
    return (j, j + 1, j + 1) if kin else None


_PLURAL_RELATIVES = frozenset(f"{r}s" for r in RELATIVES) | {"children", "grandchildren"}


def _figure_item(tokens: list[Token], j: int, stop: int) -> tuple[int, int, int, Count] | None:
    """ "their two sons Hadi (7) and Ali (5)" in a list of the dead → (first, last) of the figure,
    the end of the item (past the names that many people carry), and the figure."""
    k = j + 1 if j < stop and (tokens[j].low in POSSESSIVES or tokens[j].low == "the") else j
    match = next((c for c in find_counts(tokens[k : min(stop, k + 4)]) if c.first == 0), None)
    if match is None or match.count.vague or not match.count.point or match.count.point < 2:
        return None
    noun = k + match.last
    if noun >= stop or tokens[noun].low not in _PLURAL_RELATIVES:
        return None
    end, names = noun + 1, 0
    while end < stop and names < match.count.point:  # their names, at most as many as the figure
        at = end
        while at < stop and tokens[at].low in ("and", ","):
            at += 1  # "their two sons Hadi and Ali", "their three sons, A, B and C"
        person = _person_item(tokens, at)
        after = person[2] if person is not None and _is_name_token(tokens[person[0]]) else _name_end(tokens, at, stop)
        if after == at or after > stop:
            break
        names, end = names + 1, after
    # With names, the item's span runs over them: they are its people (and no place).
    return k, (end if names else k + match.last), end, match.count


def _name_end(tokens: list[Token], j: int, stop: int) -> int:
    """After one name at ``j`` ("Hadi", "Ali al-Masri (5 years old)"), else ``j``."""
    e = j
    while e < stop and (_is_name_token(tokens[e]) or (e > j and tokens[e].low in NAME_LINKS)):
        if _not_a_person(tokens[e].low) or tokens[e].low in VICTIM_NOUNS:
            break
        e += 1
    while e > j and tokens[e - 1].low in NAME_LINKS:
        e -= 1
    if e > j and e < stop and tokens[e].text == "(":
        close = next((x for x in range(e, min(stop, e + 8)) if tokens[x].text == ")"), None)
        e = close + 1 if close is not None else e
    return e


def _listed(
    tokens: list[Token], j: int, taken: set[int], outcome: str, harm_at: int, joint: bool, relations_only: bool = False
) -> list[Mention]:
    """The people of a list from ``j`` ("A B, his wife C and their son D"), one mention each;
    with ``relations_only``, only people named by their relation ("his wife C")."""
    out: list[Mention] = []
    n = len(tokens)
    while j < n:
        item = _person_at(tokens, j, n)
        if item is None or (relations_only and not any(tokens[x].low in RELATIVES for x in range(j, item[2]))):
            break
        first, last, end = item
        if not any(x in taken for x in range(j, end)):  # else counted already ("a teacher"): go on
            out.append(_one(first, last, outcome, _kind_of(tokens, j, last), harm_at, end, joint=joint or bool(out)))
            taken.update(range(j, end))
        joint = True
        j = end
        if j < n and tokens[j].low == ",":
            j += 1
        if j < n and tokens[j].low == "and":
            j += 1
        if j == end:
            break
    return out


_ITEM_ADJECTIVES = frozenset("elderly young pregnant little teenage late".split())


def _person_item(tokens: list[Token], j: int) -> tuple[int, int, int] | None:
    """One person of a list at ``j``: "his 60-year-old mother Salma Haddad", "Ali Hamdan (Abu
    Omar)", "the teacher Omar Haddad" → (first, last) of its head and the end of the item. A
    person is named in full (two name words), or by one relation or victim noun (with or
    without a name); plurals ("civilians", "Palestinians") are no one person."""
    n, start = len(tokens), j
    if j < n and (tokens[j].low in POSSESSIVES or tokens[j].low in ("the", "a", "an")):
        j += 1
    names: list[int] = []
    nouns: list[int] = []
    while j < n and j - start < _MAX_PHRASE:
        tok = tokens[j]
        age = _age_end(tokens, j)
        if age > j:
            j = age
        elif _one_person_noun(tok.low):
            nouns.append(j)
            j += 1
        elif _is_name_token(tok) and not _not_a_person(tok.low):
            names.append(j)
            j += 1
        elif names and tok.low in NAME_LINKS:
            j += 1
        elif tok.low in _ITEM_ADJECTIVES and not names:
            j += 1
        else:
            break
    while names and tokens[j - 1].low in NAME_LINKS:
        j -= 1  # a name ends with a name word
    if not (len(names) >= 2 or nouns):
        return None
    if j < n and tokens[j].low not in (",", "and", ".", ";", "(", ")") and not tokens[j].text.islower():
        return None
    first, last = (names[0], names[-1] + 1) if names else (nouns[0], nouns[0] + 1)
    end = j
    if end < n and tokens[end].text == "(":  # "(Abu Omar)", "(33 years old)"
        close = next((x for x in range(end, min(n, end + 8)) if tokens[x].text == ")"), None)
        end = close + 1 if close is not None else end
    if end + 2 < n and tokens[end].low == "," and tokens[end + 1].is_number and tokens[end + 2].low == ",":
        end += 2  # ", 29,": an age
    return first, last, end


def _person_at(tokens: list[Token], j: int, stop: int) -> tuple[int, int, int] | None:
    """``_person_item``, with a relation and the name after it as one person: "his wife, Mona
    Haddad (58)", "their daughter, Dima, and …" (not two)."""
    item = _person_item(tokens, j)
    if item is None or item[2] >= stop or tokens[item[2]].low != ",":
        return item
    if any(_is_name_token(tokens[x]) and not _one_person_noun(tokens[x].low) for x in range(item[0], item[1])):
        return item  # the item has its name already
    name = _person_item(tokens, item[2] + 1)
    if name is None or name[2] > stop or any(_one_person_noun(tokens[x].low) for x in range(item[2] + 1, name[1])):
        return item
    return name[0], name[1], name[2]


def _one_person_noun(low: str) -> bool:
    """A relation or a singular victim noun: "mother", "teacher" (not "teachers", "police")."""
    if low in RELATIVES:
        return True
    return low in VICTIM_NOUNS and low not in PLURAL_ONLY and not low.endswith("s") and not low.endswith("men")


def _age_end(tokens: list[Token], j: int) -> int:
    """After an age compound at ``j`` ("60-year-old", "five-year-old"), else ``j``."""
    if j + 4 < len(tokens) and tokens[j + 1].text == "-" and tokens[j + 3].text == "-" and tokens[j + 4].low == "old":
        if tokens[j].is_number or tokens[j].low in UNITS or tokens[j].low in TENS:
            return j + 5
    return j


def in_addition_to(tokens: list[Token], taken: set[int], found: list[Mention]) -> list[Mention]:
    """ "In addition to the bomber, two people were killed": the attacker is one more death, and
    "In addition to the chief and his son, one attacker was killed" adds to the dead named before."""
    n = len(tokens)
    for k in range(min(n - 4, 3)):
        if [t.low for t in tokens[k : k + 3]] != ["in", "addition", "to"]:
            continue
        j = k + 3
        comma = next((x for x in range(j, min(n, j + 12)) if tokens[x].low == ","), None)
        if comma is None:
            return []
        after = [m for m in found if m.first > comma and not m.negated]
        if not after:
            return []
        nxt = min(after, key=lambda m: m.first)
        nxt.joint = True  # the figure adds to what the phrase before it names
        if j < n and tokens[j].low in ("the", "a", "an"):
            j += 1
        head = next((x for x in range(j, min(n, j + 3)) if tokens[x].low in ONE_PERSON_AFTER_ADDITION), None)
        if head is None or head in taken or nxt.outcome != "killed":
            return []
        taken.add(head)
        return [_one(head, head + 1, "killed", "combatants", nxt.harm_at, head + 1)]
    return []


# Ordered: the most specific shapes first; each takes its tokens so later rules skip them.
RULES: tuple[Rule, ...] = (
    in_addition_to,
    name_and_others,
    deaths_of_named,
    active_one,
    passive_one,
    died_one,
    headline_named,
    listed_were_harmed,
    along_with_named,
)


def persons(tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """The one-person mentions no figure in ``found`` accounts for; none in a line of capitals
    ("AN ARMED GROUP THAT KILLS ITS WAY THROUGH THE EAST" names no one: capitals are no name there)."""
    words = [t.text for t in tokens if t.text.isalpha()]
    if len(words) >= 4 and all(w.isupper() for w in words):
        return []
    taken: set[int] = set()
    for m in found:
        taken.update(range(m.first, max(m.phrase_end, m.last)))
        if m.harm_at >= 0 and m.rule != SHARED_VERB_RULE:
            taken.add(m.harm_at)
    out: list[Mention] = []
    for rule in RULES:
        out.extend(rule(tokens, taken, [*found, *out]))
    return out
