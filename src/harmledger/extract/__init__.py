"""Claims: every casualty figure in a document, with qualifier, outcome, victims, source, scope.

The extractor is rules over tokens: sentences are split with one linear regex, a pre-filter
keeps only those holding a harm word or a statement trigger, and only those are tokenised and
read (``harm`` ties figures to harms, ``context`` finds sources, scope, event, perpetrator).
Places and dates are left for ``harmledger.places.locate_claims``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from itertools import pairwise

from harmledger.extract.anaphora import carried_mention, definite_group
from harmledger.extract.context import (
    acronyms,
    event_type,
    figure_word,
    find_sources,
    last_organisation,
    named_coalition,
    over_places,
    perpetrators,
    resolve_name,
    scope_of,
    statements,
)
from harmledger.extract.counts import parse_count, small_number
from harmledger.extract.foiled import foiled_weapon, foils, may_tell_foiled, tells_harm
from harmledger.extract.harm import Mention
from harmledger.extract.identity import tells_another_event
from harmledger.extract.mentions import read_mentions
from harmledger.extract.parts import parts_among
from harmledger.extract.romance import LANGUAGES as ROMANCE_LANGUAGES
from harmledger.extract.romance import extract_romance_claims
from harmledger.extract.text import MAX_SENTENCE, Token, candidate_spans, split_sentences, tokenize
from harmledger.extract.vocab import (
    BARE_COALITION,
    DEATH_CUES,
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    HARM_OBJECT_STARTS,
    HARMED_AUX,
    HEDGE_ADJECTIVES,
    HEDGED_ACCOUNTS,
    HEDGES,
    NATION_PLURALS,
    ONE_EVENT_NOUNS,
    PASSIVE_AUX,
    PERFECT_AFTER,
    PERFECT_AUX,
    PRONOUN_SOURCES,
    RANK_WORDS,
    RELATIVE_PRONOUNS,
    VICTIM_NOUNS,
)
from harmledger.records import Claim, Count, Document, Genre, Source, Span, headline_end, same_figure

__all__ = ["extract_claims", "parse_count"]

EXTRACTOR = "rules@1"
_CONTEXT_BACK = 2  # sentences looked back for an event type or perpetrator
_LIST_ITEM = re.compile(r"\s*(?:[-•*▪–—]|\d{1,2}[.)])\s+\S")  # "- On 4 February, …", "2. Shelling of …"
_SOURCE_BACK = 3  # sentences looked back to resolve "They"


class _Doc:
    """Per-document state: sentences and the acronyms the text defines (computed once)."""

    def __init__(self, doc: Document) -> None:
        if doc.genre is None:
            raise ValueError(f"{doc.origin}: the genre is not decided (the pipeline decides it before extracting)")
        self.doc = doc
        self.genre: Genre = doc.genre  # every claim carries its document's genre
        self.text = doc.text
        self.sentences = split_sentences(doc.text)
        self._acros: dict[str, str] | None = None
        self.attacks = _attacks_in(doc.text)  # "one of three related attacks": 3
        self._perps: dict[int, list[tuple[int, int, str]]] = {}
        self._another: dict[int, bool] = {}

    @property
    def acros(self) -> dict[str, str]:
        if self._acros is None:
            self._acros = acronyms(self.text)
        return self._acros

    def sentence_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.text[s:e]

    def perpetrators(self, i: int) -> list[tuple[int, int, str]]:
        """Perpetrator aliases in sentence ``i`` (cached: several claims may look back to it)."""
        if i not in self._perps:
            s, e = self.sentences[i]
            tokens = tokenize(self.text[s:e], s)
            starts = [t.start for t in tokens]
            self._perps[i] = [p for p in perpetrators(tokens) if not _counted_party(tokens, starts, p[0], p[1])]
        return self._perps[i]

    def another_event(self, i: int) -> bool:
        """Whether sentence ``i`` tells of another event than the one before it (cached: each of
        its figures asks, and a sentence may be long): the writer says so, or the sentence opens
        an item of a list (a roundup's bullets tell one event each)."""
        if i not in self._another:
            sentence = self.sentence_text(i)
            self._another[i] = _LIST_ITEM.match(sentence) is not None or tells_another_event(sentence)
        return self._another[i]

    def before(self, i: int, k: int) -> list[str]:
        return [self.sentence_text(j) for j in range(max(0, i - k), i)]


def extract_claims(doc: Document) -> list[Claim]:
    """Every casualty claim and belligerent statement in ``doc``, in text order (a report in
    French, Spanish or Portuguese: its casualty figures, ``extract.romance``)."""
    if doc.language in ROMANCE_LANGUAGES:
        return _headline_as_body(doc.text, extract_romance_claims(doc))
    state = _Doc(doc)
    claims: list[Claim] = []
    for i, (start, end) in enumerate(state.sentences):
        for s, e in candidate_spans(state.text, start, end):
            found = _sentence_claims(state, i, s, e, state.text[s:e])
            among = [c for c in found if _told_among_the_harmed(state.text, c)]
            if not found or among:
                _add_parts_among(state, i, s, e, claims)
            claims.extend(
                c if c not in among else _at_least(c)
                for c in found
                if c not in among or _a_figure_of_its_own(state, i, claims, c)
            )
    if not any(c.kind == "casualty" for c in claims) and not tells_harm(state.text):
        claims.extend(_foiled_attack(state))
    claims.sort(key=lambda c: (c.span.start, c.span.end))
    return _settle_coalition(state, _headline_as_body(state.text, claims))


def _foiled_attack(state: _Doc) -> list[Claim]:
    """The zero of casualties of a report that tells of a weapon foiled and of no harm
    (``extract.foiled``), from the first sentence of its body that tells it (its headline's
    only when the body does not: a headline drops the day and the place)."""
    headline: list[Claim] = []
    body_start = headline_end(state.text)
    for i, (start, end) in enumerate(state.sentences):
        sentence = state.text[start:end]
        if end - start <= MAX_SENTENCE and may_tell_foiled(sentence):
            zero = _sentence_claims(state, i, start, end, sentence, foiled=True)
            if zero and start >= body_start:
                return zero
            headline = headline or zero
    return headline


def _over_time(claim: Claim) -> bool:
    """A running total over a period ("since Thursday", "in at least 30 massacres"), not a total
    over places ("two villages"), whose headline may still name the raid as one event."""
    return claim.scope == "cumulative" and not over_places(claim.period)


HEADLINE_TOTAL_MIN = 10  # "two killed" in a headline and in a body's year count may be a coincidence


def _headline_as_body(text: str, claims: list[Claim]) -> list[Claim]:
    """A headline drops the period its body gives: "Monitor says over 300 civilians killed" over
    "… had killed more than 300 civilians since Thursday" is that running total, not an event."""
    end = headline_end(text)
    body = [c for c in claims if c.span.start > end and c.kind == "casualty"]
    out = []
    for c in claims:
        if c.span.end <= end and c.scope == "incident" and c.count and (c.count.point or 0) >= HEADLINE_TOTAL_MIN:
            same = [b for b in body if same_figure(b, c) or _within_word(c, b)]
            if same and all(_over_time(b) for b in same):
                c = replace(c, scope="cumulative", period=same[0].period)
        out.append(c)
    return out


def _within_word(headline: Claim, body: Claim) -> bool:
    """Whether a headline's word for a figure ("kill dozens") holds the body's figure (60)."""
    h, b = headline.count, body.count
    if h is None or b is None or not h.vague or b.vague or headline.outcome != body.outcome:
        return False
    return h.low is not None and h.high is not None and h.low <= (b.point or 0) <= h.high


# "three herders, including a boy, were among those killed": a figure told as part of the harmed
_AMONG_THE_HARMED = re.compile(
    r"[^.;:]*?\b(?:was|were|are|is)\s+(?:(?:also|reportedly|reported|listed|counted|said\s+to\s+be)\s+)?among\s+"
    r"(?:the|those)\s+(?:dead|killed|wounded|injured)\b"
)


# "Among the dead were four children": the figures after it, so told
_AMONG_THE_HARMED_WERE = re.compile(
    r"\W*among\s+(?:the|those)\s+(?:dead|killed|wounded|injured)\s+(?:was|were|are|is)\b", re.IGNORECASE
)


_AMONG_BACK = 5  # sentences back in which "those killed" may have been counted


def _told_among_the_harmed(text: str, claim: Claim) -> bool:
    """ "three herders were among those killed", "Among the dead were two children"."""
    return (
        _AMONG_THE_HARMED.match(text, claim.span.end, claim.sentence.end) is not None
        or _AMONG_THE_HARMED_WERE.match(text, claim.sentence.start, claim.span.start) is not None
    )


def _a_figure_of_its_own(state: _Doc, i: int, claims: list[Claim], among: Claim) -> bool:
    """Whether a figure told among the harmed stands alone: "Two children were among the dead" is
    a part of the figure before it, none of its own; with no figure before ("three herders were
    among those killed") it is at least that many. "No soldiers were among the dead" says who
    the dead were, not how many."""
    counts_none = among.negated or (among.count is not None and among.count.point == 0)
    return not counts_none and _whole_before(state, i, claims, among.outcome, _AMONG_BACK) is None


def _at_least(claim: Claim) -> Claim:
    """A figure told among the harmed ("three herders were among those killed"): at least that many."""
    count = claim.count
    if count is None or count.point is None or count.qualifier != "exact":
        return claim
    return replace(claim, count=replace(count, low=count.point, best=None, high=None, qualifier="at_least"))


def _whole_before(state: _Doc, i: int, claims: list[Claim], outcome: str | None, back: int = 2) -> int | None:
    """Where in ``claims`` the figure of ``outcome`` stands that a part told in sentence ``i`` is
    of: the last one up to ``back`` sentences back, of one event (not a running total, not a zero)."""
    since = state.sentences[max(0, i - back)][0]
    return next(
        (
            n
            for n in range(len(claims) - 1, -1, -1)
            if claims[n].kind == "casualty"
            and claims[n].outcome == outcome
            and claims[n].span.start >= since
            and not claims[n].negated
            and claims[n].scope != "cumulative"
        ),
        None,
    )


def _add_parts_among(state: _Doc, i: int, s: int, e: int, claims: list[Claim]) -> None:
    """ "The strike killed 12 people. Two children were among the dead.": the children are a part
    of the earlier figure (up to two sentences back), never a figure of their own."""
    parts = parts_among(tokenize(state.text[s:e], s))
    if not parts:
        return
    for outcome, group, count in parts:
        at = _whole_before(state, i, claims, outcome)
        if at is None:
            continue
        whole = claims[at]
        have = getattr(whole, group) or 0
        ceiling = whole.count.high if whole.count and whole.count.high is not None else None
        if ceiling is None and whole.count is not None:
            ceiling = whole.count.point
        n = max(have, count.point or 0)  # a part told again ("including two children … two children were among") is one
        if ceiling is None or n <= ceiling:
            claims[at] = replace(whole, children=n) if group == "children" else replace(whole, women=n)


def _settle_coalition(state: _Doc, claims: list[Claim]) -> list[Claim]:
    """A bare "coalition" takes the coalition the document settles (``vocab.BARE_COALITION``)."""
    if not any(c.perpetrator == BARE_COALITION for c in claims):
        return claims
    named = {p[2] for i in range(len(state.sentences)) for p in state.perpetrators(i)}
    name = named_coalition(state.text, named)
    if name is None:
        return claims
    settled = []
    for c in claims:
        if c.perpetrator == BARE_COALITION:
            source = c.source
            if source is not None and source.name == BARE_COALITION:
                source = replace(source, name=name)
            c = replace(c, perpetrator=name, source=source)
        settled.append(c)
    return settled


def _with_carried_figure(state: _Doc, i: int, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "The police officers were shot and killed": the figure of the sentences before, when the
    sentence opens with a group it names by its definite noun and no figure of its own."""
    group = definite_group(tokens)
    if group is None or any(m.first <= group[0] for m in mentions):
        return mentions
    before = [tokenize(state.sentence_text(j), state.sentences[j][0]) for j in range(i - 1, max(-1, i - 3), -1)]
    carried = carried_mention(tokens, group, before)
    return mentions if carried is None else [carried, *mentions]


# A correction notice: "An earlier version of this story said 30 were killed; the figure is 13."
_MISREPORTED = frozenset({"version", "incorrectly", "erroneously", "mistakenly", "misstated", "misreported"})


def _standing(tokens: list[Token], lows: frozenset[str], mentions: list[Mention]) -> list[Mention]:
    """The figures that count harm as the sentence reports it: not one a correction retracts, nor
    captives set free."""
    if lows & _MISREPORTED:
        mentions = [m for m in mentions if m.first >= _retracted_until(tokens)]
    if lows & _SET_FREE:
        mentions = [m for m in mentions if not _set_free(tokens, m.first, m.last, m.outcome)]
    if "buried" in lows:
        mentions = [m for m in mentions if not _buried_alive(tokens, m.harm_at)]
    return mentions


# "Twelve people were buried under the rubble": trapped, not dead and buried
_TRAPPED_AFTER = frozenset("alive under beneath rubble debris ruins".split())


def _buried_alive(tokens: list[Token], harm_at: int) -> bool:
    if harm_at < 0 or tokens[harm_at].low != "buried":
        return False
    return any(t.low in _TRAPPED_AFTER for t in tokens[harm_at + 1 : harm_at + 4])


# "officers rescued 12 kidnapped villagers", "30 abducted schoolgirls were freed": the figure
# counts captives set free, no harm of the report's event (their abduction was another day's).
_SET_FREE = frozenset("rescued freed released liberated rescuing freeing releasing".split())


def _set_free(tokens: list[Token], first: int, last: int, outcome: str) -> bool:
    if outcome != "detained":
        return False
    before = [t.low for t in tokens[max(0, first - 3) : first]]
    if any(w in _SET_FREE for w in before) and not any(w in (",", ";", ".") for w in before):
        return True
    # "… were freed", "… have since been released", in the figure's own clause
    after = [t.low for t in tokens[last : last + 6]]
    after = after[: next((n for n, w in enumerate(after) if w in (",", ";", ".", "and", "but")), len(after))]
    return any(w in _SET_FREE and aux in PASSIVE_AUX for aux, w in pairwise(after))


def _retracted_until(tokens: list[Token]) -> int:
    """The end of a clause that retracts what an earlier version said (its figures are no
    claims), or 0 when the sentence retracts nothing."""
    lows = [t.low for t in tokens]
    said_wrongly = any(w in lows for w in _MISREPORTED - {"version"}) or any(
        a == "earlier" and b == "version" for a, b in pairwise(lows)
    )
    if not said_wrongly:
        return 0
    start = next(k for k, w in enumerate(lows) if w in _MISREPORTED)
    return next((k for k in range(start, len(lows)) if lows[k] in (";", ":", "but", ".")), len(lows))


def _sentence_mentions(state: _Doc, i: int, tokens: list[Token], lows: frozenset[str]) -> list[Mention]:
    mentions = _standing(tokens, lows, read_mentions(tokens))
    if tokens and tokens[0].low == "the":
        mentions = _with_carried_figure(state, i, tokens, mentions)
    return mentions


def _foiled_mentions(tokens: list[Token], sentence: str, s: int) -> list[Mention]:
    zero = foiled_weapon(tokens, sentence, s)
    return [zero] if zero is not None else []


def _sentence_claims(state: _Doc, i: int, s: int, e: int, sentence: str, foiled: bool = False) -> list[Claim]:
    """The claims of one sentence (with ``foiled``, only the zero of a weapon foiled in it)."""
    tokens = tokenize(sentence, s)
    lows = frozenset(t.low for t in tokens)
    mentions = _sentence_mentions(state, i, tokens, lows) if not foiled else _foiled_mentions(tokens, sentence, s)
    parties = perpetrators(tokens)
    stmts = statements(tokens, parties) if not foiled else []
    if not mentions and not stmts:
        return []
    starts = [t.start for t in tokens]
    # not the harmed, nor the owner of the target ("a prison run by Yemen's Houthi movement")
    acting = [p for p in parties if not _counted_party(tokens, starts, p[0], p[1]) and not _owner(tokens, starts, p[0])]
    sides = [p for p in acting if _one_side_of(tokens, starts, p[0])]
    unnamed_at = next((t.end for t in tokens if t.low in _UNNAMED_ATTACKERS), None)  # "gunmen", once a sentence
    acting = [p for p in acting if p not in sides]
    if foiled and mentions:
        acting = [p for p in acting if not foils(tokens, p[0], p[1], mentions[0].harm_at)]
    doc = state.doc
    sources = _sources(state, i, tokens, sentence, s)
    fallback = None
    for st in stmts:
        if st.stance in ("admitted", "claimed"):  # a denial gives no figure of its own
            fallback = Source(st.party, st.stance, "belligerent", Span(st.start, st.end))  # type: ignore[arg-type]
    # "may have died" hedges as "reportedly" does ("May" the month does not).
    hedged = _hedges_figures(tokens, lows) or any(
        a.low in ("may", "might", "could") and b.low == "have" and a.text.islower() for a, b in pairwise(tokens)
    )
    # The sentences before say how the figure's event was carried out, unless it is another one.
    context = [sentence] if state.another_event(i) else [sentence, *reversed(state.before(i, _CONTEXT_BACK))]
    event = event_type(context)
    span_sentence = Span(s, e)
    lead = _lead_scope(state, i, tokens, mentions, sentence, s)
    scopes = _scopes(tokens, mentions, lead, sentence, s)
    out: list[Claim] = []
    for n, m in enumerate(mentions):
        span = Span(tokens[m.first].start, tokens[m.last - 1].end)
        c = m.count
        scope, period = _beyond_one_event(tokens, m, sentence, scopes[n])
        count = Count(c.low, c.high, c.best, c.qualifier, c.vague, span.slice(state.text))
        shared = _shared_by(tokens, m.last, state.attacks)
        if state.attacks <= 1 and c.point is not None and shared > c.point:
            shared = 1  # "five fighters were killed in 73 strikes": a wave's toll, not a share of each strike
        if shared > 1 and c.point:
            # "20 soldiers were killed across the five attacks": this report's attack had about
            # a fifth of them (GTD codes each attack's share). The total stays the high when this
            # report tells of every attack; when it is one of N records ("This was one of five
            # related attacks"), each with the same sentence, the total bounds no one of them:
            # as each incident's high it would be counted N times in any sum of highs.
            count = Count(
                None,
                None if state.attacks > 1 else c.high if c.high is not None else c.point,
                max(1, c.point // shared),
                "approximately",
                c.vague,
                count.text,
            )
        out.append(
            Claim(
                id=Claim.make_id(doc.id, span, "casualty", m.outcome),
                document_id=doc.id,
                kind="casualty",
                outcome=m.outcome,  # type: ignore[arg-type]
                count=count,
                victims=m.victims,  # type: ignore[arg-type]
                span=span,
                sentence=span_sentence,
                quote=sentence,
                victim_groups=tuple(m.groups),
                event_type=event,
                # the sides of a war the sentence names are not one of them, nor an actor before
                perpetrator=_perpetrator(state, i, acting, tokens, m, unnamed_at, scope == "cumulative")
                if acting or not sides
                else None,
                source=_figure_source(tokens, sources, m.first, fallback),
                scope=scope,  # type: ignore[arg-type]
                period=period,
                hedged=hedged,
                negated=m.negated,
                joint=m.joint,
                children=m.parts.get("children"),
                women=m.parts.get("women"),
                genre=state.genre,
                extractor=EXTRACTOR,
            )
        )
    for st in stmts:
        span = Span(st.start, st.end)
        out.append(
            Claim(
                id=Claim.make_id(doc.id, span, "statement", None),
                document_id=doc.id,
                kind="statement",
                outcome=None,
                count=None,
                victims=None,
                span=span,
                sentence=span_sentence,
                quote=sentence,
                event_type=event,
                perpetrator=st.party,
                # a party's own word, or (stance "attributed") the report holding it responsible
                source=None if st.stance == "attributed" else Source(st.party, st.stance, "belligerent", span),  # type: ignore[arg-type]
                hedged=hedged,
                genre=state.genre,
                party=st.party,
                stance=st.stance,  # type: ignore[arg-type]
                extractor=EXTRACTOR,
            )
        )
    return out


def _scopes(
    tokens: list[Token], mentions: list[Mention], lead: tuple[str, str | None], sentence: str, s: int
) -> list[tuple[str, str | None]]:
    """Each mention's scope and period (``scope_of`` on the words after it, then before it).

    Figures joined by "and" share a period said after the last of them: "192 people have been
    killed and 1,230 injured since 10 May" is a running total of both."""
    scopes: list[tuple[str, str | None]] = []
    for n, m in enumerate(mentions):
        hi = mentions[n + 1].first if n + 1 < len(mentions) else len(tokens)
        lo = mentions[n - 1].phrase_end if n > 0 else 0
        scope, period = scope_of(tokens, m.last, hi, m.toll_at, sentence, s)
        if scope == "incident":
            scope, period = lead if lead[0] == "cumulative" else scope_of(tokens, lo, m.first, m.toll_at, sentence, s)
        scopes.append((scope, period))
    for n in range(len(mentions) - 2, -1, -1):
        later = scopes[n + 1]
        between = {t.low for t in tokens[mentions[n].last : mentions[n + 1].first]}
        if scopes[n][0] == "incident" and later[0] == "cumulative" and later[1] and "and" in between:
            if not between & {",", ";", ".", ":", "but", "while", "whereas"}:  # ", and 300 have died since …"
                scopes[n] = later
    return scopes


# "Around 40,000 people have been wounded": a toll in the thousands told in the present perfect,
# with no single event named, is a running total, not one incident's.
RUNNING_TOLL_MIN = 1000


def _running_toll(tokens: list[Token], point: int | None) -> bool:
    if point is None or point < RUNNING_TOLL_MIN:
        return False
    perfect = any(a.low in PERFECT_AUX and b.low in PERFECT_AFTER for a, b in pairwise(tokens))
    return (perfect or _displaced_now(tokens)) and not any(t.low in ONE_EVENT_NOUNS for t in tokens)


def _beyond_one_event(
    tokens: list[Token], m: Mention, sentence: str, found: tuple[str, str | None]
) -> tuple[str, str | None]:
    """The figure's scope and period: as its clause gives them (``found``), unless the figure is
    a running toll ("has killed 300") or a day's toll over a whole country."""
    if found[0] != "incident":
        return found
    if _running_toll(tokens, m.count.point):
        return "cumulative", found[1]
    if _nationwide(tokens, m, sentence):
        return "cumulative", NATIONWIDE
    return found


NATIONWIDE_MIN = 50  # a nation's dead of a day: a monitor's count over the country
NATIONWIDE = "nationwide"  # the period of such a count: a total over places (``context.over_places``)
_PLACE_NAMED = re.compile(r"\b(?i:in|near|at|outside|around)\s+(?i:the\s+)?[A-Z]")


def _nationwide(tokens: list[Token], m: Mention, sentence: str) -> bool:
    """ "More than 200 Syrians were killed yesterday": the victims are the nation's, no place and no
    single event (an attack, a strike) narrow them; a day's toll over the country, no incident."""
    if m.count.point is None or m.count.point < NATIONWIDE_MIN:
        return False
    victims = tokens[m.last : max(m.last + 1, m.phrase_end)]
    if not any(t.low in NATION_PLURALS for t in victims):
        return False
    if any(t.low in ONE_EVENT_NOUNS for t in tokens):
        return False
    return _PLACE_NAMED.search(sentence) is None


# "More than two million people are internally displaced in the country": a count of those
# displaced now, over every flight that made them so, not one attack's.
_NOW_DISPLACED = frozenset({"are", "is", "remain", "remains", "remained", "now", "currently", "still"})


def _displaced_now(tokens: list[Token]) -> bool:
    return any(
        t.low == "displaced" and any(b.low in _NOW_DISPLACED for b in tokens[max(0, k - 2) : k])
        for k, t in enumerate(tokens)
    )


def _hedges_figures(tokens: list[Token], lows: frozenset[str]) -> bool:
    """Whether a hedge word doubts the figures: "reportedly killed 12" does; "an alleged
    airstrike killed 12" or "a suspected chemical attack" doubts who or what, not the deaths
    (only "unconfirmed reports", "alleged deaths" and the like doubt them)."""
    if not lows & HEDGES:
        return False
    for k, tok in enumerate(tokens):
        if tok.low not in HEDGES:
            continue
        if tok.low not in HEDGE_ADJECTIVES:
            return True
        ahead = {t.low for t in tokens[k + 1 : k + 3]}
        if ahead & HEDGED_ACCOUNTS:
            return True
    return False


_ATTACK_NOUNS = r"(?:attacks|incidents|assaults|raids|bombings|clashes|strikes|explosions|blasts|attack)"
_ONE_OF_RE = re.compile(r"\bone of (?:at least )?(\w+) (?:[\w-]+ ){0,2}?" + _ATTACK_NOUNS + r"\b", re.IGNORECASE)


def _attacks_in(text: str) -> int:
    """N in "This was one of three related attacks" (the report covers N attacks), else 0."""
    match = _ONE_OF_RE.search(text)
    return small_number(match.group(1).lower()) if match else 0


_SPREAD_OVER = frozenset({"across", "in", "between", "during"})


def _shared_by(tokens: list[Token], after: int, attacks: int) -> int:
    """How many attacks a figure is spread over: "across both attacks" 2, "between two of the
    attacks" 2, "across the four raids" 4, "in the clashes" / "across the attacks" the report's
    N, else 1. After "in", "between" or "during" only the first such phrase counts, and only a
    plural in the words after it ("killed in the bombing of … in three raids" is one attack)."""
    for k in range(after, len(tokens) - 1):
        prep = tokens[k].low
        if prep not in _SPREAD_OVER:
            continue
        words = [t.low for t in tokens[k + 1 : k + 6]]
        nouns = [x for x, w in enumerate(words) if re.fullmatch(_ATTACK_NOUNS + "|incident", w)]
        if not nouns or (prep != "across" and words[nouns[0]] in ("attack", "incident")):
            return 1
        for w in words[: nouns[0]]:
            if small_number(w) > 1:
                return small_number(w)
        return attacks if attacks > 1 else 1
    return 1


def _sources(state: _Doc, i: int, tokens: list[Token], sentence: str, s: int) -> list[tuple[int, Source, bool]]:
    """The sentence's sources with their token index and whether they open a relative clause;
    "They" resolved to an organisation, and failing that (as "he" and "she") to the source the
    sentences before last named ("…, local officials said. Three others were wounded, they added")."""
    out = []
    named_here: str | None = None  # the last source named so far in this sentence
    for at, raw, stance, span in find_sources(tokens, sentence, s):
        if stance == "denied":
            continue  # a denial is the party's statement, not its figure ("denied the raid in which 155 died")
        if raw.lower() in PRONOUN_SOURCES:
            # "Mooab News reported that … when they reported that 15 had been killed": the
            # sentence's own source first, then an organisation or a source of the sentences before
            resolved = (
                named_here
                or _denier_just_before(state, i)
                or (
                    last_organisation(state.before(i, _SOURCE_BACK), state.acros)
                    if raw.lower() in ("they", "it")
                    else None
                )
            )
            resolved = resolved or _last_source(state, i)
            if resolved is None:
                continue
            raw = resolved
        named_here = raw
        name, kind = resolve_name(raw, state.acros)
        relative = at > 0 and tokens[at - 1].low in RELATIVE_PRONOUNS
        out.append((at, Source(name, stance, kind, span), relative))  # type: ignore[arg-type]
    return out


# "… were killed in the first six months of 2021, the UN said. It documented 1,659 civilians
# killed": a count the sentence before set in its period.
_CONTINUED_COUNT = re.compile(
    r"\W*(?:it|they|this|the\s+(?:report|mission|office|agency|monitor|study|survey|figures?|data|tally))\s+"
    r"(?:also\s+|has\s+|have\s+|had\s+)?(?:documented|recorded|counted|verified|registered|tallied|listed|attributed)\b",
    re.IGNORECASE,
)


def _lead_scope(
    state: _Doc, i: int, tokens: list[Token], mentions: list[Mention], sentence: str, s: int
) -> tuple[str, str | None]:
    """A period that opens the sentence ("Between January and June, …") scopes all its figures,
    and so does the period of the sentence before when this one continues its count."""
    if not mentions:
        return ("incident", None)
    lead = scope_of(tokens, 0, mentions[0].first, -1, sentence, s)
    if lead[0] == "incident" and i > 0 and _CONTINUED_COUNT.match(sentence):
        return _period_before(state, i)
    if lead[0] == "incident" and i > 0 and _TOLL_COMPARED.match(sentence):
        return _period_before(state, i, back=2)
    return lead


# "The toll far exceeds the 773 deaths previously announced": an earlier count of the toll just told
_TOLL_COMPARED = re.compile(
    r"\W*the\s+(?:death\s+)?toll\s+(?:\w+\s+)?(?:exceeds|exceeded|surpasses|surpassed|dwarfs|tops|is\s+(?:\w+\s+)?"
    r"(?:higher|more|greater|above))\b",
    re.IGNORECASE,
)


def _period_before(state: _Doc, i: int, back: int = 1) -> tuple[str, str | None]:
    """The running-total scope of the nearest of the ``back`` sentences before ``i`` that has one
    (its period), else an incident's."""
    for j in range(i - 1, max(-1, i - 1 - back), -1):
        s, e = state.sentences[j]
        tokens = tokenize(state.text[s:e], s)
        found = scope_of(tokens, 0, len(tokens), -1, state.text[s:e], s)
        if found[0] == "cumulative":
            return found
    return ("incident", None)


def _denier_just_before(state: _Doc, i: int) -> str | None:
    """The party the sentence before has deny something ("The military government denied targeting
    civilians. … it said the air force had killed 30"): "it" goes on speaking for it."""
    if i == 0:
        return None
    start, text = state.sentences[i - 1][0], state.sentence_text(i - 1)
    denying = [raw for _, raw, stance, _ in find_sources(tokenize(text, start), text, start) if stance == "denied"]
    return denying[-1] if denying and denying[-1].lower() not in PRONOUN_SOURCES else None


def _last_source(state: _Doc, i: int) -> str | None:
    """The source named last in the few sentences before sentence ``i`` (as written), if any."""
    for j in range(i - 1, max(-1, i - 1 - _SOURCE_BACK), -1):
        start, text = state.sentences[j][0], state.sentence_text(j)
        named = [
            raw
            for _, raw, stance, _ in find_sources(tokenize(text, start), text, start)
            if stance != "denied" and raw.lower() not in PRONOUN_SOURCES
        ]
        if named:
            return named[-1]
    return None


_ATTACK_WORDS = frozenset(
    "attack attacks bombing bombings blast blasts explosion strike strikes airstrike raid ambush assault "
    "shooting massacre".split()
)
_DESCRIBING = frozenset("that which killing leaving".split())
_SPEECH = frozenset("saying said says claiming adding stating".split())


def _figure_source(
    tokens: list[Token], sources: list[tuple[int, Source, bool]], at: int, fallback: Source | None
) -> Source | None:
    """The figure's source; a party that claims the attack is not the source of the toll the
    sentence gives it ("IS claimed the bombing that killed 63, officials said"), only of one it
    states ("… claimed responsibility, saying it had killed 12 soldiers")."""
    chosen = _nearest(sources, at) or fallback
    if chosen is None or chosen.stance != "claimed" or not _describes_attack(tokens, at):
        return chosen
    others = [src for k, src, relative in sources if src.stance != "claimed" and not (relative and k > at)]
    return others[-1] if others else None


def _describes_attack(tokens: list[Token], at: int) -> bool:
    """The figure at ``at`` sits in a clause about an attack ("the bombing that killed 63", "a
    blast killing 5") with no speech of the claimant between them."""
    for k in range(at - 1, max(-1, at - 8), -1):
        low = tokens[k].low
        if low in _SPEECH:
            return False
        if low in _DESCRIBING and any(t.low in _ATTACK_WORDS for t in tokens[max(0, k - 4) : k]):
            return True
    return False


def _nearest(sources: list[tuple[int, Source, bool]], at: int) -> Source | None:
    """The source named last before token ``at``, else the first one after it that does not
    speak inside a relative clause."""
    before = [src for k, src, _ in sources if k < at]
    if before:
        return before[-1]
    after = [src for _, src, relative in sources if not relative]
    return after[0] if after else None


_OWNED = frozenset("run controlled held operated used occupied administered managed owned".split())
_OWNER_TIES = frozenset("belonging loyal affiliated linked allied".split())


def _owner(tokens: list[Token], starts: list[int], start: int) -> bool:
    """The party is named as whose the target was: "a prison run by Yemen's Houthi movement",
    "a checkpoint held by the Taliban", "a base belonging to the militia"."""
    first = bisect.bisect_left(starts, start)
    for k in range(first - 1, max(0, first - 5), -1):
        low = tokens[k].low
        if low == "by":
            return k > 0 and tokens[k - 1].low in _OWNED
        if low in ("to", "with"):
            return k > 0 and tokens[k - 1].low in _OWNER_TIES
        if not (tokens[k].is_title or low in ("the", "'s", "’s")):
            return False
    return False


def _counted_party(tokens: list[Token], starts: list[int], start: int, end: int) -> bool:
    """ "neutralised 3 PKK terrorists", "At least 30 Taliban killed", "Iraqi troops were killed",
    "Taliban key commander killed in clash": a party's people counted by a figure, or named as
    the ones harmed, are harmed, not harming ("3 Israeli airstrikes" counts strikes, and "Taliban
    fighters killed two policemen" is the party acting: it stays). ``starts`` are the tokens'
    start offsets: found by bisection, so a sentence with many parties stays linear."""
    first = bisect.bisect_left(starts, start)
    if first == len(starts) or starts[first] != start:
        return False
    after = bisect.bisect_left(starts, end, first)
    counted = first > 0 and figure_word(tokens[first - 1])
    if counted and after < len(tokens) and tokens[after].low in VICTIM_NOUNS:
        return True
    before = first - 1 if first > 0 and tokens[first - 1].low != "the" else first - 2
    if before >= 0 and tokens[before].low in RELATIVE_PRONOUNS:
        return False  # "… whom the Taliban killed": the party acts
    j = after
    while j < len(tokens) and j - after < 3 and (tokens[j].low in VICTIM_NOUNS or tokens[j].low in RANK_WORDS):
        j += 1
    return _harmed_at(tokens, j)


_SIDES_BACK = 8  # tokens looked back from a party for the "between" of "fighting between X and Y"


def _one_side_of(tokens: list[Token], starts: list[int], start: int) -> bool:
    """ "Since fighting between the army and the RSF broke out, 15,000 have been killed": the
    two sides of a war are neither one its toll's perpetrator."""
    first = bisect.bisect_left(starts, start)
    for j in range(first - 1, max(-1, first - 1 - _SIDES_BACK), -1):
        if tokens[j].low == "between":
            return True
        if tokens[j].text in (",", ".", ";", ":"):
            return False
    return False


def _harmed_at(tokens: list[Token], j: int) -> bool:
    """Whether a passive verb of harm starts at token ``j`` ("were killed", "killed in a clash",
    "died"): its subject was harmed. A harm verb followed by a figure or a determiner has an
    object ("killed two policemen"): its subject did the harm."""
    n = len(tokens)
    while j < n and tokens[j].low in HARMED_AUX:
        j += 1
    if j >= n or HARM_AFTER.get(tokens[j].low) not in ("killed", "injured"):
        return False
    nxt = tokens[j + 1] if j + 1 < n else None
    return nxt is None or not (figure_word(nxt) or nxt.low in HARM_OBJECT_STARTS)


def _after_apposition(tokens: list[Token], end: int) -> int:
    """Past "(YBS), a PKK-affiliated militia," after the victims: who they were, not who harmed them."""
    n = len(tokens)
    if end + 2 < n and tokens[end].text == "(" and tokens[end + 2].text == ")":
        end += 3
    if end + 1 < n and tokens[end].text == "," and tokens[end + 1].low in ("a", "an"):
        close = next((k for k in range(end + 2, min(n, end + 14)) if tokens[k].text in (",", ".", ";")), None)
        if close is not None:
            return close
    return end


def _perpetrator(
    state: _Doc,
    i: int,
    parties: list[tuple[int, int, str]],
    tokens: list[Token],
    m: Mention,
    unnamed_at: int | None,
    cumulative: bool = False,
) -> str | None:
    """The alias nearest the figure (outside the victims phrase), else in the sentences before;
    ``unnamed_at`` is where the sentence's first unnamed attacker ends, if it names one. A
    cumulative toll takes an actor before its sentence only when it points back to one ("the group
    has killed 300 since January"): the actor of the last attack told did not do all it counts."""
    lo = tokens[m.first].start
    hi = tokens[_after_apposition(tokens, min(max(m.phrase_end, m.last), len(tokens))) - 1].end
    hits = [p for p in parties if (p[1] <= lo or p[0] >= hi) and not _only_speaks(tokens, p, lo)]
    if hits:
        before = [p for p in hits if p[1] <= lo]
        return (before[-1] if before else hits[0])[2]
    if state.another_event(i):
        return None  # "Separately, an air strike on a market killed six": not the last sentence's actor
    if unnamed_at is not None and unnamed_at <= lo:
        return None  # "In Herat, gunmen shot dead a scholar": the sentence names its actor, as nobody known
    if cumulative and _POINTS_BACK.isdisjoint(t.low for t in tokens):
        return None  # "More than 250 people have been killed in ethnic violence since May 2023"
    for j in range(i - 1, max(-1, i - 1 - _CONTEXT_BACK), -1):
        found = state.perpetrators(j)
        if found and _tells_of_violence(state.sentence_text(j)):
            return found[0][2]  # the sentence's first actor, usually its subject
    return None


# Words by which a sentence points back to an actor named before it.
_POINTS_BACK = frozenset("group it its they their them whose".split())
# Who attacked, said without a name: the sentence's own actor, which no name before it replaces.
_UNNAMED_ATTACKERS = frozenset("gunmen gunman assailants assailant attackers attacker".split())
_SAYS = frozenset("said says say told stated added announced".split())
_OWN = frozenset({"its", "their", "our", "it", "they", "we"})


def _only_speaks(tokens: list[Token], party: tuple[int, int, str], figure_at: int) -> bool:
    """Whether the party only gives the account ("… killed two workers, the coalition said"), not
    the attack: followed by a verb of saying, with no "its"/"it"/"their" between it and the figure
    ("the army said its troops killed 12", "Israel said it struck …" are their own deeds)."""
    k = next((x for x, t in enumerate(tokens) if t.start >= party[1]), len(tokens))
    while k < len(tokens) and tokens[k].low in ("has", "have", "had", "also", "later"):
        k += 1
    if k >= len(tokens) or tokens[k].low not in _SAYS:
        return False
    if k + 1 < len(tokens) and tokens[k + 1].low in HARM_BEFORE:
        return False  # a headline's "Turkish troops say kill 33 rebels": they say they did it
    between = [t.low for t in tokens if party[1] <= t.start < figure_at]
    return _OWN.isdisjoint(between)


_HARM_WORDS = DEATH_CUES | HARM_AFTER.keys() | HARM_BEFORE.keys() | HARM_NOUNS.keys()
_WORD_RE = re.compile(r"[a-z]+")
# Acts of force that name no harm: "ISWAP fighters attacked a base", "advanced on IS-held villages".
_FORCE_RE = re.compile(
    r"\b(?:attack|assault|advanc|offensive|raid|storm|seiz|captur|ambush|clash|fight|fought|fire[ds]?\b|"
    r"shell|bomb|blew|blow|detonat|explo|strike|struck|abduct|kidnap|besieg|siege|shot|shoot|gun)"
)


def _tells_of_violence(text: str) -> bool:
    """Whether a sentence tells of force or harm: "Peace talks between the army and the RSF
    resumed" names two actors and lends neither to the next sentence's shelling."""
    lowered = text.lower()
    return (
        event_type([text]) is not None
        or _FORCE_RE.search(lowered) is not None
        or not _HARM_WORDS.isdisjoint(_WORD_RE.findall(lowered))
    )
