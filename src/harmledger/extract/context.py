"""What surrounds a figure: who said it, over what period, which event, which perpetrator.

Sources: "according to X"; "X reported/said/confirmed"; "said X"; a headline's trailing
"- governor" / ": MoI". "They"/"It" resolve to the organisation named last in the sentences
before; an acronym defined as "Amnesty International (AI)" is expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from harmledger.extract.counts import find_counts, is_year, small_number
from harmledger.extract.harm import PARTIES
from harmledger.extract.text import PhraseIndex, Token, trie_regex
from harmledger.extract.vocab import (
    AGENT_AUX,
    AGENT_VERBS,
    AGGREGATE_FIRST,
    ANSWERING_VERBS,
    BARE_COALITION,
    BLAME_BEFORE_PARTY,
    BLAME_REACH,
    CAPITAL_SPEAKERS,
    COALITION_THEATRES,
    CUMULATIVE_CUES,
    DATA_WORDS,
    DENIALS,
    EVENT_TYPES,
    GATHERED,
    HARM_AFTER,
    INVESTIGATION_VERBS,
    LONG_PERIODS,
    MONTHS,
    NOT_COALITION_BEFORE,
    NOT_MODIFIERS,
    ONE_EVENT_NOUNS,
    ORG_WORDS,
    PASSIVE_AUX,
    PERIOD_UNITS,
    PERPETRATORS,
    PRONOUN_SOURCES,
    RELATED_TO,
    SINGLE_EVENT_NOUNS,
    SOURCE_GAP,
    SOURCE_NAME_CONNECTORS,
    SOURCE_NAMES,
    SOURCE_NOUN_BEFORE,
    SOURCE_NOUNS,
    SOURCE_VERBS,
    SPEAKER_AFTER,
    STATE_FORCE_PARTIES,
    STATE_FORCE_WEAPONS,
    STATEMENT_TRIGGERS,
    STOP_AFTER_SINCE,
    SUPERLATIVES,
    TARGET_AFTER,
    TARGET_BEFORE,
    TENS,
    TIME_AROUND,
    TOLL_AREAS,
    TOLL_CUMULATIVE,
    UN_WORDS,
    UNITS,
    VAGUE_FIRST,
    VICTIM_NOUNS,
    WEEKDAYS,
)
from harmledger.records import REFERRED_EVENT_CUES, Span

_EVENT_INDEX = {cue: i for i, (cue, _) in enumerate(EVENT_TYPES)}
_EVENT_RE = re.compile(r"\b(" + trie_regex(c for c, _ in EVENT_TYPES) + r")")
# "Amnesty International (AI)": the acronym in brackets, then up to six capitalised words before.
_BRACKET_RE = re.compile(r"\(([A-Z]{2,8})\)")
_NAME_BEFORE_RE = re.compile(r"((?:[A-Z][\w'’-]{0,40}[ \t]+(?:(?:of|for|the|and)[ \t]+)?){1,6})$")
_CUMULATIVE: PhraseIndex[str] = PhraseIndex((c, c) for c in CUMULATIVE_CUES)
_TRIGGERS: PhraseIndex[str] = PhraseIndex(STATEMENT_TRIGGERS)
_ALIAS_WORDS = frozenset(a for aliases in PERPETRATORS.values() for a in aliases)
_STOPS = frozenset({",", ";", ".", ":", "(", ")", '"', "“", "”", "—", "–"})


@dataclass(frozen=True, slots=True)
class Statement:
    """A belligerent's act of speech: who, what stance, where in the text."""

    party: str
    stance: str
    start: int
    end: int


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines, "AI" → "Amnesty International"."""
    found: dict[str, str] = {}
    for bracket in _BRACKET_RE.finditer(text):
        # Look back only a short way for the name: a cheap anchor first, then the bounded match.
        before = text[max(0, bracket.start() - 120) : bracket.start()]
        match = _NAME_BEFORE_RE.search(before)
        if match is None:
            continue
        words = match.group(1).split()
        acro = bracket.group(1)
        caps = [w for w in words if w[0].isupper()]
        # Keep the trailing words whose initials spell the acronym, when they do.
        tail = caps[-len(acro) :] if len(caps) >= len(acro) else caps
        if tail and "".join(w[0] for w in tail).upper() == acro:
            found[acro] = " ".join(words[words.index(tail[0]) :])
        elif caps:
            found[acro] = " ".join(words)
    return found


_PARTISAN = re.compile(r"\w-(?:run|affiliated|controlled|backed|linked|aligned|owned|held)\b")


def resolve_name(name: str, acros: dict[str, str]) -> tuple[str, str | None]:
    """A source's display name and kind ("AI" → Amnesty International, ngo)."""
    name = acros.get(name, name)
    low = name.lower().replace("’", "'")
    if low in SOURCE_NAMES:
        return SOURCE_NAMES[low]
    words = low.split()
    if words and words[0] in AGGREGATE_FIRST and words[-1] in ("sources", "reports"):
        return name, "aggregate"
    if low in _ALIAS_WORDS or _PARTISAN.search(low):
        return name, "belligerent"  # a party, or an outlet it runs ("Houthi-run health ministry")
    if words and words[0] in VAGUE_FIRST and words[-1] in SOURCE_NOUNS:
        return name, "unnamed"  # "other local monitors", "some officials"
    if UN_WORDS & set(words):
        return name, "ngo"  # "the Office of the UN High Commissioner for Human Rights"
    if len(words) >= 3 and SOURCE_NOUNS.get(words[0]) == "official" and name.split()[1][:1].isupper():
        return name, "official"  # "Governor Oleh Petrenko", "Mayor Ana Ruiz": an official by the post
    if words and words[-1] == "service" and ("news" in words or "press" in words):
        return name, "media"  # "Interfax news service", not a state service
    if words and words[-1] in SOURCE_NOUNS:
        kind = SOURCE_NOUNS[words[-1]]
        if kind == "unnamed" and name.split()[-1][:1].isupper():
            return name, None  # a proper name ("al-Bab News Network"), not "an activist network"
        return name, kind
    return name, None


_POSSESSIVE = frozenset({"'", "'s", "\u2019", "\u2019s"})


def _name_back(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """A source phrase ending just before ``end``: a proper name or "local officials"."""
    k = end - 1
    if k < 0:
        return None
    if (tokens[k].low in SOURCE_NOUNS or tokens[k].is_title) and tokens[k].low not in ("i", "we"):
        start = k
        while start - 1 >= 0 and (
            tokens[start - 1].is_title
            or (tokens[start - 1].low in SOURCE_NAME_CONNECTORS and start - 2 >= 0 and tokens[start - 2].is_title)
            or (
                tokens[k].low in SOURCE_NOUNS
                and tokens[start - 1].text.isalpha()
                and start > k - 3
                and tokens[start - 1].low not in NOT_MODIFIERS
            )
            # "a doctors' group", "the agency's spokesman": a possessive belongs to the name
            or (start - 2 >= 0 and tokens[start - 1].low in _POSSESSIVE and tokens[start - 2].text.isalpha())
        ):
            start -= 1
        # "Houthi-run health ministry": a hyphenated modifier belongs to the name.
        if (
            start >= 2
            and tokens[start - 1].text == "-"
            and tokens[start - 2].end == tokens[start - 1].start
            and tokens[start - 1].end == tokens[start].start
        ):
            start -= 2
        while start <= k and tokens[start].low in ("the", "a", "an"):
            start += 1
        if start > k:
            return None
        return start, k + 1
    return None


def _past_gap(tokens: list[Token], k: int) -> int:
    """Back from ``k`` over the words between a source and its verb ("officials have said")."""
    while k - 1 >= 0 and tokens[k - 1].low in SOURCE_GAP:
        k -= 1
    return k


# "The ministry on Tuesday denied", "police late on Sunday said": a time between a source and its
# verb is not the source. Anchors make it a time; the other words may stand around them.
_TIME_ANCHORS = WEEKDAYS | MONTHS | frozenset({"yesterday", "today", "tonight"})


def _past_time(tokens: list[Token], k: int) -> int:
    """Back from ``k`` over a time phrase ("on Tuesday", "late on Sunday night"), else ``k``."""
    j = k
    anchored = False
    while j - 1 >= 0 and j > k - 6:
        low = tokens[j - 1].low
        if low in _TIME_ANCHORS:
            anchored = True
        elif not (low in TIME_AROUND or tokens[j - 1].is_number):
            break
        j -= 1
    return j if anchored else k


# "The White Helmets, a rescue group …", "… , which runs …", "The Syria Civil Defence, known as
# the White Helmets, …", "the monitor, based in Britain, …"
_APPOSITION_OPENERS = frozenset(
    {"a", "an", "the", "which", "who", "whose", "known", "also", "formerly", "based", "run", "led", "backed"}
)


def _apposition_back(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The name before an aside that ends just before ``k``: "The White Helmets, a rescue group
    working in rebel areas, said …" is the White Helmets speaking."""
    if k < 1 or tokens[k - 1].text != ",":
        return None
    for j in range(k - 3, max(0, k - 16), -1):
        if tokens[j].text in _STOPS:
            aside = tokens[j + 1 : k - 1]
            # "a rescue group working in …", "which runs the hospital", or a person's name
            # ("the provincial governor, Ali Hassan, said")
            if tokens[j].text != "," or not (
                aside[0].low in _APPOSITION_OPENERS
                or (len(aside) <= 4 and all(t.is_title for t in aside))
                or _how_said(aside)
            ):
                return None
            got = _name_back(tokens, j) or _name_back(tokens, _past_where(tokens, j))
            if got is not None and (tokens[got[0]].is_title or tokens[got[1] - 1].low in SOURCE_NOUNS):
                return got
            return None
    return None


def _how_said(aside: list[Token]) -> bool:
    """ ", in a statement issued by his spokesman,", ", in a post on X,": how the source spoke."""
    return len(aside) >= 3 and aside[0].low == "in" and aside[1].low in ("a", "an", "his", "her", "its", "their")


_PLACE_PREPOSITIONS = frozenset({"in", "at", "from"})


def _past_where(tokens: list[Token], j: int) -> int:
    """Back from ``j`` over where a source serves ("the police spokesperson in the state, …",
    "the governor of the province, …") to its noun, else ``j``."""
    for x in range(j - 1, max(0, j - 5), -1):
        if tokens[x].low in ("of", "for", *_PLACE_PREPOSITIONS) and x > 0 and tokens[x - 1].low in SOURCE_NOUNS:
            return x
        if tokens[x].text in _STOPS:
            break
    return j


def _past_data_words(tokens: list[Token], j: int) -> int:
    """ "according to information gathered by the UN": the source starts after "by"."""
    k = j
    while k < len(tokens) and k < j + 3 and tokens[k].low in DATA_WORDS:
        k += 1
    if k == j:
        return j
    while k < len(tokens) and k < j + 6 and tokens[k].low in GATHERED:
        if tokens[k].low == "by":
            return k + 1
        k += 1
    return j


def _name_forward(tokens: list[Token], start: int) -> tuple[int, int] | None:
    """A source phrase starting at ``start`` ("most sources", "the Syrian Observatory …")."""
    n = len(tokens)
    j = start
    while j < n and tokens[j].low in ("the", "a", "an"):
        j += 1
    first = j
    while j < n and j - first < 10 and tokens[j].low not in _STOPS:
        low = tokens[j].low
        if low in ("that", "which", "who", "in", "on", "at", "with", "from", "as", "and", "to", "by"):
            break
        if (
            low in ("of", "for")
            and not (j + 1 < n and tokens[j + 1].is_title)
            and not (
                j + 2 < n and tokens[j + 1].low == "the" and tokens[j + 2].is_title  # "Office of the UN …"
            )
        ):
            break
        j += 1
    return (first, j) if j > first else None


def _tells_own_killing(tokens: list[Token], k: int) -> bool:
    """After a speech verb at ``k - 1``: "(that) it/they (had) killed", a party telling what it did."""
    words = [t.low for t in tokens[k : k + 4]]
    if words[:1] == ["that"]:
        words = words[1:]
    if words[:1] not in (["it"], ["they"], ["we"]):
        return False
    words = words[1:]
    if words[:1] in (["had"], ["has"], ["have"]):
        words = words[1:]
    return words[:1] == ["killed"]


def find_sources(tokens: list[Token], text: str, offset: int) -> list[tuple[int, str, str, Span]]:
    """Every source named in one sentence: (token index, name as written, stance, span)."""
    n = len(tokens)
    found: dict[int, tuple[int, str, str, Span]] = {}

    def add(got: tuple[int, int], stance: str) -> None:
        got = _after_dateline(tokens, got)
        if got[0] not in found:
            found[got[0]] = (got[0], _phrase(tokens, text, offset, got), stance, _span(tokens, got))

    for i in range(n - 1):
        if tokens[i].low == "according" and tokens[i + 1].low == "to":
            got = _name_forward(tokens, _past_data_words(tokens, i + 2))
            if got:
                add(got, "reported")
    for v, tok in enumerate(tokens):
        stance = SOURCE_VERBS.get(tok.low)
        if stance is None or (tok.low.endswith("s") and v > 0 and tokens[v - 1].low in SOURCE_NOUN_BEFORE):
            continue
        if stance == "reported" and _tells_own_killing(tokens, v + 1):
            stance = "claimed"  # "the group said it had killed more than 100 soldiers": its own attack
        if 0 < v < n - 1 and tokens[v - 1].low in PASSIVE_AUX and tokens[v + 1].low in HARM_AFTER:
            continue  # "A and B were reported killed": the victims, not a source
        if v > 0 and tokens[v - 1].low in PASSIVE_AUX:
            continue  # "the bodies … were found in a river", "12 deaths were documented": what was found
        k = _past_time(tokens, _past_gap(tokens, v))
        k = _past_gap(tokens, k)
        if k >= 3 and tokens[k - 1].text == ")" and tokens[k - 3].text == "(":
            k -= 3  # "The Syrian Network for Human Rights (SNHR) documented"
        if k > 0 and tokens[k - 1].low in PRONOUN_SOURCES:
            said = k - 3 if k > 2 and tokens[k - 2].low == "that" else k - 2
            if said >= 0 and tokens[said].low in SOURCE_VERBS:
                continue  # "a farmer said he counted 150 bodies": the speaker, found at "said"
            add((k - 1, k), stance)
            continue
        got = _apposition_back(tokens, k) or _name_back(tokens, k)
        where = _past_where(tokens, k)
        if where != k and (got is None or tokens[where].low in _PLACE_PREPOSITIONS):
            # "the governor of the province said", "an official in Kabul said": the official speaks,
            # not the province or Kabul ("a spokesman for the army said" stays the army's word)
            got = _name_back(tokens, where)
        # "12 civilians were reported killed": victims are not a source ("Iraqi Security Forces
        # said", a name in capitals, is).
        victims = (
            got is not None and tokens[got[1] - 1].low in VICTIM_NOUNS and tokens[got[1] - 1].low not in SOURCE_NOUNS
        )
        named = got is not None and got[1] - got[0] >= 2 and all(t.is_title for t in tokens[got[0] : got[1]])
        if got and (not victims or named):
            add(got, stance)
            continue
        if v + 1 < n and tok.low in ("said", "says", "reported", "reports", "added"):
            got = _name_forward(tokens, v + 1)
            if (
                got
                and got[1] - got[0] <= 6
                and (tokens[got[0]].is_title or (got[1] - got[0] <= 3 and tokens[got[1] - 1].low in SOURCE_NOUNS))
                and tokens[got[0]].low not in PRONOUN_SOURCES
                and tokens[got[0]].low not in _TIME_ANCHORS  # "a doctors' group said Monday"
            ):
                add(got, stance)
    # A headline's trailing attribution: "… killed in 24 hours: MoI", "… - governor".
    for k in range(max(n - 5, 1), n - 1):
        mark = tokens[k].text
        spaced = tokens[k].start - offset > 0 and text[tokens[k].start - offset - 1] == " "
        if mark == ":" or (mark in ("-", "–", "—") and spaced):
            got = (k + 1, n)
            if all(t.text.isalpha() or t.text in ("-", "'") for t in tokens[k + 1 : n]):
                add(got, "reported")
                break
    return sorted(found.values(), key=lambda f: f[0])


def _after_dateline(tokens: list[Token], got: tuple[int, int]) -> tuple[int, int]:
    """``got`` without the dateline it opens with ("BEIRUT - A war monitor", "BEIRUT, Lebanon - A
    war monitor": the monitor)."""
    after_city = got[0] >= 2 and tokens[got[0] - 1].text == "," and tokens[got[0] - 2].text.isupper()
    for k in range(got[0] + 1, got[1] - 1):
        if tokens[k].text in ("-", "–", "—"):
            opening = tokens[got[0] : k]
            if all(t.text.isupper() or (after_city and t.is_title) or not t.text[:1].isalnum() for t in opening):
                return (k + 1, got[1])
            break
    return got


def _span(tokens: list[Token], got: tuple[int, int]) -> Span:
    return Span(tokens[got[0]].start, tokens[got[1] - 1].end)


def _phrase(tokens: list[Token], text: str, offset: int, got: tuple[int, int]) -> str:
    return text[tokens[got[0]].start - offset : tokens[got[1] - 1].end - offset]


# A run of capitalised words, joined by "of"/"for" ("International Committee of the Red Cross",
# "Office for the Coordination of Humanitarian Affairs").
_ORGANISATION_NAME = re.compile(
    r"(?:[A-Z][\w’'-]{0,40}(?:[ \t]+(?:of|for)(?:[ \t]+the)?)?[ \t]+){0,6}[A-Z][\w’'-]{0,40}"
)


def last_organisation(sentences: list[str], acros: dict[str, str]) -> str | None:
    """The organisation named last in ``sentences`` (for resolving "They")."""
    for sentence in reversed(sentences):
        best: tuple[int, str] | None = None
        for acro in acros:
            for m in re.finditer(r"\b" + re.escape(acro) + r"\b", sentence):
                if best is None or m.start() > best[0]:
                    best = (m.start(), acro)
        for m in _ORGANISATION_NAME.finditer(sentence):
            name = m.group().removeprefix("The ")  # a sentence's first word, not the name's
            words = name.split()
            if any(w.lower() in ORG_WORDS for w in words) or name.lower() in SOURCE_NAMES:
                if best is None or m.start() > best[0]:
                    best = (m.start(), name)
        if best is not None:
            return best[1]
    return None


# A clause after "since" in the present, with a modal or negated gives a reason, not the start of a
# period: "since the owner was away", "since no one was home", "since officials do not report".
# A period's clause tells what began, in the past: "since the war began", "since the virus was found".
_REASON_VERBS = frozenset(
    "is are am isn't aren't do does don't doesn't didn't wasn't weren't won't will would can could "
    "cannot can't should must may might".split()
)
_REASON_AFTER_WAS = frozenset("not away absent home empty unoccupied".split())


def _since_gives_reason(tokens: list[Token], after: int, hi: int) -> bool:
    """Whether "since" ending before ``tokens[after]`` says why, not since when."""
    if after < hi and tokens[after].low in ("no", "nobody", "none", "nothing"):
        return True  # "since no one was there"
    for k in range(after, min(hi, after + 6)):
        low = tokens[k].low
        if low in _STOPS:
            return False
        if low in _REASON_VERBS and tokens[k].text == low:
            return True  # not "since 10 May"
        if low in ("was", "were"):
            return k + 1 < len(tokens) and tokens[k + 1].low in _REASON_AFTER_WAS
    return False


def scope_of(tokens: list[Token], lo: int, hi: int, toll_at: int, text: str, offset: int) -> tuple[str, str | None]:
    """("cumulative", period) when the clause ``tokens[lo:hi]`` holds a running-total cue."""
    firsts = _CUMULATIVE.firsts
    for k in range(lo, hi):
        hit = _CUMULATIVE.match(tokens, k) if tokens[k].low in firsts else None
        if hit:
            after = k + hit[0]
            if hit[1] == "since" and after < len(tokens) and tokens[after].low in STOP_AFTER_SINCE:
                continue  # "since they …" is "because"
            if hit[1] == "since" and _since_gives_reason(tokens, after, hi):
                continue  # "no casualties since the owner was away"
            if hit[1] == "overall" and k > 0 and tokens[k - 1].low == "no":
                continue  # "killed a commander, but gave no overall toll"
            if hit[1] == "daily" and after < len(tokens) and tokens[after].low in _DAILY_ISSUES:
                continue  # "said in its daily statement that 14 were killed in the strike"
            if hit[1] == "daily" and tokens[k].text == "Daily" and after < len(tokens) and tokens[after].is_title:
                continue  # "told Daily Trust", "the Daily Post reported": a paper's name
            if _compares(tokens, lo, k):
                continue  # "the deadliest attack since 2019": the period measures the comparison
            end = after
            while end < min(hi, after + 12) and tokens[end].low not in _STOPS:
                end += 1
            while end > after and tokens[end - 1].low in ("and", "or", "but"):
                end -= 1
            return "cumulative", text[tokens[k].start - offset : tokens[end - 1].end - offset]
    for k in range(lo, hi):
        if tokens[k].low in ("between", "from") and not _uncertain_day(tokens, k):
            span = _date_range(tokens, k, hi)
            if span is not None:
                return "cumulative", text[tokens[k].start - offset : tokens[span - 1].end - offset]
    for k in range(lo, hi - 1):
        # "killed in attacks across Iraq", "violence across the Gaza Strip": a count over a whole land
        name = k + 2 if tokens[k + 1].low == "the" and k + 2 < hi else k + 1
        if tokens[k].low == "across" and tokens[name].text[:1].isupper() and tokens[name].text.isalpha():
            end = name + 1
            while end < hi and tokens[end].text[:1].isupper() and tokens[end].text.isalpha():
                end += 1
            return "cumulative", text[tokens[k].start - offset : tokens[end - 1].end - offset]
    for k in range(lo, hi - 2):
        # "died during the four-month offensive", "killed in the war": a campaign, not an event.
        if tokens[k].low in ("during", "throughout", "in", "over") and tokens[k + 1].low == "the":
            for x in range(k + 2, min(hi, k + 8)):
                if (
                    tokens[x].low in LONG_PERIODS
                    or (tokens[x].low == "battle" and _long_battle(tokens, k + 2, x))
                    # "killed in the fighting for Goma": the battle for a city, not one clash
                    or (tokens[x].low == "fighting" and _for_a_place(tokens, x + 1, hi))
                ):
                    return "cumulative", text[tokens[k].start - offset : tokens[x].end - offset]
                if not tokens[x].text[0].isalnum() and tokens[x].text not in ("-", "–"):
                    break
        # a headline's "killed in M23 offensive", "dead in Israeli offensive": the campaign, no article
        if tokens[k].low in ("during", "throughout", "in") and tokens[k + 1].low != "the":
            for x in range(k + 1, min(hi, k + 4)):
                if tokens[x].low in LONG_PERIODS:
                    return "cumulative", text[tokens[k].start - offset : tokens[x].end - offset]
                if not tokens[x].text[:1].isupper():
                    break
        # "killed in five days of fighting", "during two weeks of clashes", "followed days of
        # clashes in which dozens have died": a toll over days of them
        if tokens[k].low in ("in", "over", "during", "after", "amid", "followed"):
            j = k + 1 if tokens[k + 1].low in PERIOD_UNITS else k + 2
            if (
                j + 2 < hi
                and (j == k + 1 or figure_word(tokens[k + 1]) or tokens[k + 1].low in ("several", "few"))
                and tokens[j].low in PERIOD_UNITS
                and tokens[j + 1].low == "of"
                and tokens[j + 2].low in _SPELL_OF_VIOLENCE
            ):
                return "cumulative", text[tokens[k].start - offset : tokens[j + 2].end - offset]
        # "745 civilians were killed in at least 30 massacres", "in dozens of strikes": a total over
        # many events (a few attacks' figure is each one's share: ``extract._shared_by``)
        many = _many_events(tokens, k, hi)
        if many > k:
            return "cumulative", text[tokens[k].start - offset : tokens[many - 1].end - offset]
        # "in the first nine months of 2018", "over the past 3 weeks"
        if (
            tokens[k].low in ("first", "last", "past", "previous")
            and k + 2 < len(tokens)
            and (tokens[k + 1].is_number or tokens[k + 1].low in UNITS or tokens[k + 1].low in ("few", "several"))
            and tokens[k + 2].low in PERIOD_UNITS
        ):
            return "cumulative", text[tokens[k].start - offset : tokens[k + 2].end - offset]
        # "in the first month after the emergency was declared": the toll of a period's start
        if (
            k > lo
            and tokens[k].low == "first"
            and tokens[k + 1].low in _PERIOD_UNIT_WORDS
            and tokens[k - 1].low == "the"
        ):
            return "cumulative", text[tokens[k - 1].start - offset : tokens[k + 1].end - offset]
    war = _war_as_subject(tokens, lo, hi)
    if war is not None:
        return "cumulative", text[tokens[war[0]].start - offset : tokens[war[1]].end - offset]
    places = _many_places(tokens, lo, hi)
    if places is not None:
        return "cumulative", text[tokens[places[0]].start - offset : tokens[places[1]].end - offset]
    year = _whole_year(tokens, lo, hi)
    if year is not None:
        # "in 2023", "during March", "in June 2025": the period runs to the year after a month
        last = (
            year + 2
            if year + 2 < hi and tokens[year + 1].low in MONTHS and is_year(tokens[year + 2].text)
            else year + 1
        )
        return "cumulative", text[tokens[year].start - offset : tokens[last].end - offset]
    if toll_at >= 0 and any(_running_toll_word(tokens, toll_at, k) for k in range(toll_at, hi)):
        return "cumulative", None
    return "incident", None


# What a source issues every day: the issue is daily, not the figure's count.
_DAILY_ISSUES = frozenset(
    "statement statements update updates briefing briefings bulletin bulletins report reports press".split()
)


def _war_as_subject(tokens: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """ "The last full-scale war between Israel and Hezbollah, in 2006, killed about 1,200": a
    campaign before the figure that did the killing (its first and last token), else None."""
    for k in range(hi - 1, max(lo - 1, hi - 16), -1):
        if tokens[k].text in (";", ":") or tokens[k].low in SINGLE_EVENT_NOUNS:
            return None
        if tokens[k].low in LONG_PERIODS and any(_HARM_WORD.match(t.low) for t in tokens[k + 1 : hi]):
            first = next((x for x in range(k - 1, max(lo - 1, k - 7), -1) if tokens[x].low == "the"), None)
            # not "a landmine left over from the war killed four": the war only qualifies the killer
            governed = first is not None and first > lo and tokens[first - 1].low in _WAR_GOVERNED_BY
            if first is not None and not governed and not _compares(tokens, first, k):
                return first, k
    return None


_WAR_GOVERNED_BY = frozenset("from of since during after before in by".split())


# (and "nationwide", a monitor's day over a whole country: ``extract._nationwide``)
_PLACE_PLURALS = frozenset("cities towns villages regions provinces districts governorates states nationwide".split())


def over_places(period: str | None) -> bool:
    """Whether a running total's period is a count of places ("two villages"), not of time."""
    words = (period or "").split()
    return bool(words) and words[-1].lower() in _PLACE_PLURALS


def _many_places(tokens: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """ "striking three Ukrainian cities and killing at least 11": a count over several places (the
    first and last token of the phrase), else None."""
    for k in range(lo, hi - 1):
        low = tokens[k].low
        several = low in ("several", "multiple", "various") or (figure_word(tokens[k]) and 1 < small_number(low) < 100)
        if not several:
            continue
        for x in range(k + 1, min(hi, k + 4)):
            if tokens[x].low in _PLACE_PLURALS:
                return k, x
            if not tokens[x].text.isalpha():
                break
    return None


# Events a total can be spread over, and how many make it a running total rather than shares
_EVENTS = frozenset(
    "massacres attacks strikes airstrikes raids bombings explosions blasts incidents ambushes shellings".split()
)
MANY_EVENTS = 10
_QUOTE_MARKS = frozenset("'\"‘’“”")


def _many_events(tokens: list[Token], k: int, hi: int) -> int:
    """The end of "in at least 30 massacres" (MANY_EVENTS or more events) opening at ``k``, else -1."""
    if tokens[k].low not in ("in", "across", "during") or k + 2 >= hi:
        return -1
    ahead = find_counts(tokens[k + 1 : min(hi, k + 7)])
    if not ahead or ahead[0].first != 0 or (ahead[0].count.point or 0) < MANY_EVENTS:
        return -1
    for x in range(k + 1 + ahead[0].last, min(hi, k + 4 + ahead[0].last)):  # "scores of air strikes"
        if tokens[x].low in _EVENTS:
            quoted = (
                x + 1 < hi and tokens[x + 1].text in _QUOTE_MARKS and tokens[k + 1 + ahead[0].last].text in _QUOTE_MARKS
            )
            return x + 2 if quoted else x + 1
        if not tokens[x].text[:1].isalpha() and tokens[x].text not in _QUOTE_MARKS:  # "30 'massacres'"
            break
    return -1


_SPELL_OF_VIOLENCE = frozenset(
    "fighting clashes violence attacks shelling bombardment bombardments strikes airstrikes raids unrest battles "
    "combat hostilities protests".split()
)

# "the deadliest attack in the capital since 2019", "one of the worst days this year": a period
# after a superlative compares this event with others; it does not make its figure a running total.
_COMPARISON_REACH = 8  # tokens back from the period to its superlative


def _compares(tokens: list[Token], lo: int, k: int) -> bool:
    """A superlative before ``tokens[k]`` in the same clause (no stop between them)."""
    for x in range(k - 1, max(lo, k - _COMPARISON_REACH) - 1, -1):
        if tokens[x].low in _STOPS:
            return False
        if tokens[x].low in SUPERLATIVES:
            return True
    return False


_PERIOD_UNIT_WORDS = frozenset("day week month year".split())
_HARM_WORD = re.compile(r"(?:kill|die|dead|death|wound|injur|displac|perish|lost|massacr)")


def _month_alone(tokens: list[Token], k: int, hi: int) -> bool:
    """ "in February alone": a month's count (a month alone may date one event: "in May")."""
    return tokens[k].low in MONTHS and k + 1 < hi and tokens[k + 1].low == "alone"


def _whole_month(tokens: list[Token], k: int, hi: int) -> bool:
    """ "in June 2025", "during March": a month named as a whole, with its year or spanned ("in
    May" alone may date one event, and "on 3 May 2025" is a day)."""
    if k + 1 >= hi or tokens[k + 1].low not in MONTHS:
        return False
    return (k + 2 < hi and is_year(tokens[k + 2].text)) or tokens[k].low in ("during", "throughout")


def _whole_year(tokens: list[Token], lo: int, hi: int) -> int | None:
    """Where a clause counts over a whole year ("killed in Mali in 2023", "during 2022") or month
    ("in June 2025", "during March", "killed 92 people in February alone") and
    names no one event ("the attacks", "the earthquake"): the position of its "in"/"during".

    The year must follow the harm it counts: a sentence that opens on the year ("In 2015,
    gunmen stormed a hotel …") or a year before the harm ("a man jailed in 2009 for killing two
    shepherds") tells a past event as often as a year's count, and is left an incident."""
    for k in range(max(lo, 1), hi - 1):
        if tokens[k].low not in ("in", "during", "throughout"):
            continue
        if _month_alone(tokens, k + 1, hi):
            if any(_HARM_WORD.match(t.low) for t in tokens[:k]):
                return k
            continue
        # "recorded 41 civilian deaths in June 2025": a month's count, as a year's
        if not (is_year(tokens[k + 1].text) or _whole_month(tokens, k, hi)):
            continue
        if tokens[k - 1].low in MONTHS or tokens[k - 1].is_number:
            continue  # "on 3 March in 2023" dates a day
        # the harm may stand before the figure's clause: "the group killed 1,800 civilians in 2023"
        if not any(_HARM_WORD.match(t.low) for t in tokens[:k]):
            continue
        if any(t.low in ONE_EVENT_NOUNS or t.low in _ONE_ATTACKER for t in tokens):
            return None  # "a suicide bomber killed 30 people at a market in Maiduguri in 2015"
        return k
    return None


_ONE_ATTACKER = frozenset("bomber gunman attacker assailant".split())  # one attacker, one event


def _uncertain_day(tokens: list[Token], k: int) -> bool:
    """ "Sometime between 3 and 9 January" dates one event loosely; it is not a period's toll."""
    before = [t.low for t in tokens[max(0, k - 2) : k]]
    return "sometime" in before or before[-2:] in (["some", "time"], ["some", "point"])


def _running_toll_word(tokens: list[Token], toll_at: int, k: int) -> bool:
    """A word after "toll" that makes it a running total, unless it only places one named event."""
    low = tokens[k].low
    if low not in TOLL_CUMULATIVE:
        return False
    if k + 1 < len(tokens) and tokens[k + 1].text == "-" and tokens[k - 1].text == "-":
        return False  # "after a 16-year-old girl died": an age, not a year's toll
    return low not in TOLL_AREAS or not any(tokens[x].low in SINGLE_EVENT_NOUNS for x in range(toll_at, k))


def _for_a_place(tokens: list[Token], k: int, hi: int) -> bool:
    """Whether ``tokens[k:]`` read "for Goma", "for control of Goma": what a battle is fought for."""
    if k >= hi or tokens[k].low != "for":
        return False
    k += 3 if k + 3 < hi and tokens[k + 1].low == "control" and tokens[k + 2].low == "of" else 1
    return k < hi and tokens[k].text[:1].isupper() and tokens[k].text.isalpha()


def _long_battle(tokens: list[Token], first: int, at: int) -> bool:
    """ "the four-month battle", "the battle for Mosul": a battle that is a campaign."""
    if any(tokens[x].low in ("month", "months", "week", "weeks", "year", "years", "long") for x in range(first, at)):
        return True
    return at + 1 < len(tokens) and tokens[at + 1].low in ("for", "of")


def _date_range(tokens: list[Token], k: int, hi: int) -> int | None:
    """End index of "between 1 January and 30 June 2019" / "from January to March" at ``k``."""
    n = min(len(tokens), hi, k + 12)
    joined = False
    seen_date = 0
    for x in range(k + 1, n):
        low = tokens[x].low
        # "between 1 January and 30 June 2019", "from March to May", "between Monday and Wednesday"
        if low in MONTHS or low in WEEKDAYS or (tokens[x].is_number and len(low) == 4 and low.isdigit()):
            seen_date += 1
            if joined:
                end = x + 1
                while end < n and (tokens[end].is_number or tokens[end].low in MONTHS):
                    end += 1
                return end
        elif low in ("and", "to", "until", "till", "-", "–", "through") and seen_date:
            joined = True
        elif not (tokens[x].is_number or low in (",", "the", "of")):
            return None
    return None


def event_type(texts: list[str]) -> str | None:
    """The most specific event type named in the first text that names one, but for the kind of an
    event it only refers to ("a commander linked to the Cotabato City market bombing")."""
    for text in texts:
        low = text.lower()
        hits = [
            _EVENT_INDEX[m.group(1)]
            for m in _EVENT_RE.finditer(low)
            if not _REFERRED_EVENT_RE.search(low, max(0, m.start() - 60), m.start())
        ]
        if hits:
            return EVENT_TYPES[min(hits)][1]
    return None


# "linked to the Cotabato City market | bombing": up to four words of the event's name between
_REFERRED_EVENT_RE = re.compile(rf"\b(?:{REFERRED_EVENT_CUES})\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,4}}$")


def perpetrators(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Every perpetrator alias in ``tokens``: (start char, end char, canonical name)."""
    found = []
    n = len(tokens)
    i = 0
    named_end = -2  # the token after the last party found
    firsts = PARTIES.firsts
    while i < n:
        hit = PARTIES.match(tokens, i) if tokens[i].low in firsts else None
        if hit is None:
            i += 1
            continue
        k, name = hit
        first, last = tokens[i], tokens[i + k - 1]
        nxt = tokens[i + k] if i + k < n else None
        prev = tokens[i - 1] if i > 0 else None
        i += k
        # Hyphens bind: "Anti-ISIS" is not ISIS; "IS-held" / "ISIS controlled" is territory.
        if prev is not None and prev.text == "-" and prev.end == first.start:
            continue
        if nxt is not None and ((nxt.text == "-" and nxt.start == last.end) or nxt.low in TARGET_AFTER):
            continue
        if nxt is not None and nxt.low in SPEAKER_AFTER and name not in STATE_FORCE_PARTIES:
            continue  # "the Taliban administration's police said": a government speaking
        if prev is not None and prev.low in TARGET_BEFORE:
            continue  # "the fight against ISIS": the target
        if _ends_a_place_chain(tokens, i - k, nxt):
            continue  # "in Los Angeles, California, United States": where, not who
        if _inside_longer_name(tokens, i - k, first):
            continue  # "the Dimasa National Liberation Army" is not Colombia's ELN
        if _defends(tokens, i - k, i):
            continue  # "the drone was intercepted by Saudi-led coalition forces": not its attacker
        if name == BARE_COALITION and k == 1 and prev is not None and (prev.low in NOT_COALITION_BEFORE):
            continue
        if name == BARE_COALITION and i - k - named_end <= 1:
            continue  # "the Viv Ansanm gang coalition": the coalition just named
        if name in STATE_FORCE_PARTIES and last.low not in STATE_FORCE_WEAPONS and not _acts(tokens, i - k, i):
            continue  # "an Afghan National Army convoy": the target
        found.append((first.start, last.end, name))
        named_end = i
    capitals = _capitals_speaking(tokens)
    return sorted(found + capitals) if capitals else found


def _ends_a_place_chain(tokens: list[Token], first: int, nxt: Token | None) -> bool:
    """Whether the alias at token ``first`` closes a chain of places ("Lee's Summit, Missouri,
    United States."): after a comma and a capitalised name, and last in its clause."""
    return (
        first >= 2
        and tokens[first - 1].low == ","
        and tokens[first - 2].text[:1].isupper()
        and (nxt is None or nxt.low in (".", ",", ";", ":"))
    )


# Verbs of warding off an attack: whoever does them is the defender.
_DEFENCE_VERBS = frozenset("intercepted intercepts intercept downed repelled repulsed foiled thwarted defused".split())


def _defends(tokens: list[Token], first: int, after: int) -> bool:
    """Whether the party of tokens ``first`` to ``after`` wards the attack off: "intercepted by
    coalition forces", "Saudi air defences intercepted the drone"."""
    if first >= 2 and tokens[first - 1].low == "by" and tokens[first - 2].low in _DEFENCE_VERBS:
        return True
    return any(t.low in _DEFENCE_VERBS for t in tokens[after : after + 3])


# First words of a group's name that other groups' names share ("National Liberation Army",
# "People's Defence Force"): after a capitalised word of its own, such an alias is part of
# another name.
_GENERIC_NAME_STARTS = frozenset(
    "national liberation people's peoples popular revolutionary united democratic islamic free army front".split()
)
_NATIONALITY_ENDING = re.compile(r"(?:an|ese|i|ish|ic)$")


def _inside_longer_name(tokens: list[Token], k: int, first: Token) -> bool:
    """Whether the alias starting at token ``k`` is the tail of a longer proper name (a capitalised
    word before it that is no nationality: "Colombian National Liberation Army" is the ELN)."""
    if k < 2 or first.low not in _GENERIC_NAME_STARTS:
        return False
    prev = tokens[k - 1]
    return prev.text[:1].isupper() and prev.text.isalpha() and _NATIONALITY_ENDING.search(prev.low) is None


def _acts(tokens: list[Token], first: int, after: int) -> bool:
    """Whether the party of tokens ``first`` to ``after`` is the subject of a verb of force
    ("Algerian forces killed", "Afghan troops have shelled"), or its agent ("killed by Nigerian
    troops", "carried out by Afghan forces"; not "a convoy escorted by Bangladeshi troops")."""
    if first >= 2 and tokens[first - 1].low == "by":
        verb = tokens[first - 2].low
        return verb in AGENT_VERBS or verb in HARM_AFTER or verb == "out"
    n = len(tokens)
    while after < n and tokens[after].low in AGENT_AUX:
        after += 1
    return after < n and tokens[after].low in AGENT_VERBS


def _capitals_speaking(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """ "Moscow has denied involvement": a capital as the subject of a denial or an admission."""
    out = []
    for k, t in enumerate(tokens[:-1]):
        party = CAPITAL_SPEAKERS.get(t.low)
        if party is None or not t.text[:1].isupper():
            continue
        j = k + 1
        if j < len(tokens) - 1 and tokens[j].low in ("has", "have", "had", "also", "later"):
            j += 1
        if tokens[j].low in ANSWERING_VERBS:
            out.append((t.start, t.end, party))
    return out


def named_coalition(text: str, named: set[str]) -> str | None:
    """Which coalition a bare "coalition" in this document is: the one it names in full, else the
    one whose theatre its words are set in; None when neither settles it."""
    coalitions = {name for name in named if name in COALITION_THEATRES}
    if len(coalitions) == 1:
        return coalitions.pop()
    if coalitions:
        return None
    words = set(re.findall(r"[a-z][a-z']+", text.lower()))
    theatres = [name for name, cues in COALITION_THEATRES.items() if words & cues]
    return theatres[0] if len(theatres) == 1 else None


def statements(tokens: list[Token], parties: list[tuple[int, int, str]]) -> list[Statement]:
    """A belligerent admitting, denying or announcing an investigation in one sentence; else the
    sentence holding one responsible (``attributed``); else a group the alias table does not know,
    named where blame or a claim of responsibility puts a party ("attributed the attack to the
    Southern Resistance Forces (SRF)", "The Derry Brigade claimed responsibility")."""
    found = (_speech(tokens, parties) or _attribution(tokens, parties)) if parties else []
    if found and found[0].stance == "denied":
        # "sources attributed the attack to the Taliban, which denied involvement": the blame
        # stands beside the denial of the very party blamed.
        blamed = _attribution(tokens, parties, party_denies=True) or _named_responsible(tokens, parties, True)
        found = [b for b in blamed if b.party == found[0].party] + found
    return found or _named_responsible(tokens, parties)


def _denies(tokens: list[Token], party_denies: bool) -> bool:
    """Whether the sentence holds a denial that voids its blame; with ``party_denies``, one made
    by the party blamed ("…, which denied involvement") does not."""
    return any(t.low in DENIALS and not (party_denies and _relative(tokens, k)) for k, t in enumerate(tokens))


def _relative(tokens: list[Token], k: int) -> bool:
    """Whether the verb at ``k`` opens a relative clause on the party before it: "…, which
    denied", "…, which the group denied", "…, who they deny"."""
    for j in range(k - 1, max(-1, k - 4), -1):
        if tokens[j].low in ("which", "who"):
            return True
        if not tokens[j].text.isalpha():
            return False
    return False


# Lower-case heads that end a group's name: "Muslim extremists", "Fulani herdsmen".
_GROUP_HEADS = frozenset(
    "extremists militants separatists rebels insurgents herdsmen dissidents settlers militia militias "
    "jihadists guerrillas nationalists loyalists group".split()  # "the Hafiz Gul Bahadur group"
)
_NAME_LINKS = frozenset({"of", "the", "for", "and", "de", "del", "al"})
_NOT_GROUPS = frozenset(
    "the assailants attackers gunmen police sources authorities officials unknown unidentified no "
    "security forces group groups individuals".split()
)
_NAME_MAX = 16  # tokens of a group's name, its acronym in brackets included


def _named_group(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """Token span [j', k) of a group's proper name starting at ``j`` (a leading "the" skipped)."""
    n = len(tokens)
    if j < n and tokens[j].low == "the":
        j += 1
    k, titled = j, 0
    while k < n and k - j < _NAME_MAX:
        tok = tokens[k]
        nxt = tokens[k + 1] if k + 1 < n else None
        if tok.text[:1].isupper() and re.sub(r"[-'’]", "", tok.text).isalpha():  # "Al-Khobar", "Jama'atul"
            titled += 1
            k += 1
        elif titled and tok.text == "(":
            close = next((x for x in range(k + 1, min(n, k + 8)) if tokens[x].text == ")"), None)
            if close is None:
                break
            k = close + 1
        elif titled and nxt is not None and (tok.low in _NAME_LINKS or tok.text in ("-", "'s", "’s")):
            if not (nxt.text[:1].isupper() or nxt.low == "the"):
                break
            k += 1
        elif titled and tok.low in _GROUP_HEADS:
            k += 1
            break
        else:
            break
    while k > j and tokens[k - 1].low in _NAME_LINKS:
        k -= 1
    if not titled or all(tokens[x].low in _NOT_GROUPS for x in range(j, k) if tokens[x].text.isalpha()):
        return None
    return j, k


def _named_responsible(
    tokens: list[Token], parties: list[tuple[int, int, str]], party_denies: bool = False
) -> list[Statement]:
    if _denies(tokens, party_denies):
        return []
    n = len(tokens)
    for k, tok in enumerate(tokens):
        span, stance = None, "attributed"
        if _suspected_victims(tokens, k):
            continue
        if tok.low in BLAME_BEFORE_PARTY and tok.low not in ("accused", "accuses"):
            # (an accusation names whoever it is aimed at, often for some other deed)
            # "attributed the attack to X", "blamed it on X", "suspected the involvement of X"
            to = next(
                (
                    x
                    for x in range(k + 1, min(n, k + 6))
                    if tokens[x].low in ("to", "on") or (tokens[x].low == "of" and tokens[x - 1].low == "involvement")
                ),
                None,
            )
            after = to + 1 if to is not None else k + 1
            span = _parent_of_faction(tokens, _named_group(tokens, after)) or _cause_group(tokens, after)
            if tok.low == "suspected" and k + 1 < n and tokens[k + 1].low == "that":
                span = _did_it(tokens, _named_group(tokens, k + 2))  # "suspected that X carried out the attack"
        elif tok.low == "claimed" and k + 1 < n and tokens[k + 1].low == "responsibility" and k > 0:
            # the group is the subject, not what it is "linked to": "A group linked to X claimed …"
            start = next(
                (
                    x
                    for x in range(k)
                    if _opens_clause(tokens, x - 1 if x > 0 and tokens[x - 1].low in ("the", "a", "an") else x)
                    and (_named_group(tokens, x) == (x, k) or _cause_group(tokens, x) == (x, k))
                ),
                None,
            )
            span, stance = (start, k) if start is not None else _faction_claiming(tokens, k), "claimed"
        if span is None:
            continue
        first, last = tokens[span[0]], tokens[span[1] - 1]
        # a known party inside the name ("the Al-Barnawi faction … of Boko Haram") is its name
        known = [p for p in parties if first.start <= p[0] and p[1] <= last.end]
        name = known[-1][2] if known else _joined(tokens[span[0] : span[1]])
        return [Statement(name, stance, first.start, last.end)]
    return []


# Kinds of party that are named by their cause, not a proper name ("attributed the attack to
# separatists", "dissident Republicans", "a left-wing extremist claimed responsibility").
_CAUSE_HEADS = _GROUP_HEADS | frozenset(
    "extremist separatist jihadist anarchists anarchist republicans activists supremacists".split()
)
_BARE_TOO_VAGUE = frozenset("militants rebels insurgents militia militias settlers".split())  # need a modifier


def _cause_group(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """Token span of a party named by its kind ("separatists", "Mapuche activists", "a Muslim
    extremist"), at most two modifiers before the head; None when nothing of the sort is there."""
    n = len(tokens)
    if j < n and tokens[j].low in ("a", "an", "the"):
        j += 1
    for k in range(j, min(n, j + 5)):  # "left - wing extremists": a hyphen is its own token
        if tokens[k].low in _CAUSE_HEADS:
            if k == j and tokens[k].low in _BARE_TOO_VAGUE:
                return None
            return j, k + 1
        word = tokens[k].text == "-" or re.sub(r"['’]", "", tokens[k].text).isalpha()
        if not word or tokens[k].low in _NOT_GROUPS | _NAME_LINKS:
            return None
    return None


def _faction_claiming(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """ "The Al Barnawi (ISWAP) faction of Boko Haram claimed responsibility": the group whose
    faction is the subject of "claimed" at ``k``."""
    for x in range(k):
        if not _opens_clause(tokens, x - 1 if x > 0 and tokens[x - 1].low == "the" else x):
            continue
        name = _named_group(tokens, x)
        group = _parent_of_faction(tokens, name)
        if group is not None and group != name and group[1] == k:
            return group
    return None


def _past_brackets(tokens: list[Token], j: int) -> int:
    """The token after a bracketed aside opening at ``j`` (an acronym, a group's other name), or
    ``j`` when none opens there."""
    if j < len(tokens) and tokens[j].low == "(":
        return next((x + 1 for x in range(j, min(len(tokens), j + 15)) if tokens[x].low == ")"), j)
    return j


def _parent_of_faction(tokens: list[Token], span: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "the Al-Barnawi faction (ISWAP) of Boko Haram": the group whose faction it is, as for a
    faction that claims an attack; ``span`` itself otherwise."""
    if span is None:
        return span
    j = _past_brackets(tokens, span[1])  # "the Al Barnawi (ISWAP) faction of …"
    if j >= len(tokens) or tokens[j].low != "faction":
        return span
    j += 1
    j = _past_brackets(tokens, j)
    if j >= len(tokens) or tokens[j].low != "of":
        return span
    return _named_group(tokens, j + 1) or span  # (which passes over a leading "the")


def figure_word(t: Token) -> bool:
    """A figure, in digits or words ("30", "thirty", "two")."""
    return t.is_number or t.low in UNITS or t.low in TENS


def _suspected_victims(tokens: list[Token], k: int) -> bool:
    """ "kills 25 suspected Islamists", "a suspected militant", "targeted suspected ISIS positions":
    "suspected" after a figure, an article or a verb of force says who the victims or targets were
    thought to be; it blames no one."""
    return (
        tokens[k].low == "suspected"
        and k > 0
        and (figure_word(tokens[k - 1]) or tokens[k - 1].low in _NOUN_OPENERS or tokens[k - 1].low in TARGET_BEFORE)
    )


_NOUN_OPENERS = frozenset({"a", "an", "several", "dozens", "scores"})


def _did_it(tokens: list[Token], span: tuple[int, int] | None) -> tuple[int, int] | None:
    """``span`` when the group in it is said to have done the attack: "X carried out", "X was
    behind", "X were responsible", "X was involved"."""
    if span is None or span[1] + 1 >= len(tokens):
        return None
    verb, what = tokens[span[1]].low, tokens[span[1] + 1].low
    done = (verb == "carried" and what == "out") or (
        verb in ("was", "were") and what in ("behind", "responsible", "involved")
    )
    return span if done else None


def _opens_clause(tokens: list[Token], x: int) -> bool:
    return x == 0 or tokens[x - 1].low in (",", ";", "however")


def _joined(tokens: list[Token]) -> str:
    out = tokens[0].text
    for a, b in pairwise(tokens):
        out += (" " if b.start > a.end else "") + b.text
    return out


def _attribution(
    tokens: list[Token], parties: list[tuple[int, int, str]], party_denies: bool = False
) -> list[Statement]:
    """ "Sources attributed the attack to the Taliban", "police blamed Boko Haram": the party named
    just after the word of blame; a sentence that denies holds no one responsible (``_denies``)."""
    if _denies(tokens, party_denies):
        return []
    for k, tok in enumerate(tokens):
        if tok.low not in BLAME_BEFORE_PARTY or _suspected_victims(tokens, k):
            continue
        # the party in the same clause: "blamed 'Russian aircraft', while others referred to the
        # coalition" does not blame the coalition
        stop = next((t.start for t in tokens[k + 1 :] if t.text in _CLAUSE_ENDS), tok.end + BLAME_REACH)
        after = [
            p
            for p in parties
            if tok.end <= p[0] <= min(stop, tok.end + BLAME_REACH) and not _only_related(tokens, p[0])
        ]
        if after:
            start, end, name = after[0]
            return [Statement(name, "attributed", start, end)]
    return []


_CLAUSE_ENDS = frozenset({",", ";", ":", "."})


def _speech(tokens: list[Token], parties: list[tuple[int, int, str]]) -> list[Statement]:
    for i in range(len(tokens)):
        hit = _TRIGGERS.match(tokens, i)
        if hit is None:
            continue
        k, stance = hit
        if stance == "investigating" and tokens[i + k - 1].low in ("investigation", "inquiry", "probe"):
            window = {t.low for t in tokens[max(0, i - 5) : i]}
            if not window & INVESTIGATION_VERBS:
                continue
        before = [p for p in parties if p[1] <= tokens[i].start and not _only_related(tokens, p[0])]
        if before:
            start, _, name = before[-1]
            return [Statement(name, stance, start, tokens[i + k - 1].end)]
    return []


def _only_related(tokens: list[Token], start: int) -> bool:
    """Whether the party starting at character ``start`` follows "linked to", "an offshoot of" …"""
    k = next((x for x, t in enumerate(tokens) if t.start == start), None)
    if k is None or k < 2:
        return False
    j = k - 1 if tokens[k - 1].low != "the" else k - 2
    return j >= 1 and (tokens[j - 1].low, tokens[j].low) in RELATED_TO
