"""A sentence's harm mentions: figures tied to harms, parts of figures, and lone victims.

Read left to right, each figure goes through named rules, in order:
  NOT_FIGURES  numbers that count no one ("No one was hurt", "Ali, 52,", "of one family")
  a part       after "including"/"among", in an aside, or before the last figure's verb: its
               group and count join the last figure (``parts``), it is not counted again
  TIES         the first rule that ties the figure to a harm (``harm`` walks the words on
               each side); a figure no rule ties waits for a later verb ("Twelve soldiers,
               26 insurgents killed") or is no claim
Then the sentence as a whole: revised tolls replace earlier ones ("rose to"), lone victims with
no figure (``singulars``: "Civilian killed", "no civilians were killed") and named persons
(``persons``) are added. Plural victims with no figure ("Taliban killed in airstrike") yield no
mention: there is no figure to record. Word lists are in ``vocab``; each rule has its spec rows
in ``tests/test_extract_rules.py`` and ``tests/test_extract_claims.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from harmledger.extract.counts import CountMatch, find_counts
from harmledger.extract.harm import (
    Mention,
    elliptic,
    negated_between,
    place_follows,
    toll_victims,
    verb_back,
    walk_left,
    walk_right,
)
from harmledger.extract.parts import add_groups, add_part, add_part_groups, own_part, part_floor
from harmledger.extract.persons import persons
from harmledger.extract.singulars import figures_before_one, join_objects, lone_rule_names, lone_victims, rule_name
from harmledger.extract.text import Token, too_at
from harmledger.extract.vocab import (
    ADDITIVE,
    AUX,
    CLAUSE_VERBS,
    DASHES,
    DEATH_CUES,
    FAMILY_WORDS,
    FIGURE_NOUNS,
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    HYPOTHETICAL,
    JOIN,
    MONTHS,
    NONHARM_NOUNS,
    POSSESSIVES,
    PRONOUNS,
    REVISED_TO,
    REVISION_ADVERBS,
    SUBSET_BEFORE,
    TIME_UNITS,
    VICTIM_NOUNS,
)

# --- one sentence's reading ----------------------------------------------------------------------


@dataclass(slots=True)
class _Figure:
    """A figure as the rules see it: where it stands, and what lies on each side of it."""

    tokens: list[Token]
    m: CountMatch
    cues: frozenset[str]
    before: list[Mention]  # the sentence's mentions so far
    out_r: str | None  # the harm read after the figure ("15 killed")
    victims: str | None
    groups: list[str]
    harm_r: int
    end: int  # after the victims phrase
    out_l: str | None  # the harm read before the figure ("killed 15")
    harm_l: int
    toll_at: int


@dataclass(slots=True)
class _Tie:
    """What a rule ties a figure to: its harm, where the harm word is, and who was harmed."""

    outcome: str
    harm_at: int
    victims: str | None
    groups: list[str]
    joint: bool = False  # another group sharing an earlier figure's harm
    along: bool = False  # "X was killed along with his three children"


def _harm_beside(f: _Figure) -> _Tie | None:
    """ "15 Afghan Taliban killed", "killed at least 56 civilians", "the massacre of 40", "the death
    toll … is now over 125": a harm word right after or before the figure."""
    if f.out_r is None and f.out_l is None:
        return None
    outcome = f.out_r or f.out_l
    harm_at = f.harm_r if f.out_r else f.harm_l
    if (
        f.out_r
        and f.out_l
        and f.out_l != f.out_r
        and f.harm_l == f.m.first - 1
        and f.tokens[f.harm_r - 1].low not in AUX
    ):
        # "executed 3 YPG fighters captured near Jinderes": the verb before the figure is its
        # fate; the participle after the victims only describes them.
        outcome, harm_at = f.out_l, f.harm_l
    assert outcome is not None
    return _Tie(outcome, harm_at, f.victims, f.groups)


def _victims_in_brackets(f: _Figure) -> _Tie | None:
    """ "… killed a number of civilians (12) …": a figure in brackets after the victims, in a
    sentence about deaths (or harm of another kind)."""
    first, tokens = f.m.first, f.tokens
    if first < 2 or tokens[first - 1].text != "(" or tokens[first - 2].low not in VICTIM_NOUNS:
        return None
    kind, group = VICTIM_NOUNS[tokens[first - 2].low]
    f.victims, f.groups = kind, [group] if group else []  # who, even when the sentence says no harm
    outcome = "killed" if f.cues & DEATH_CUES else ("casualties" if f.cues else None)
    return None if outcome is None else _Tie(outcome, first - 2, f.victims, f.groups)


def _ellipsis(f: _Figure) -> _Tie | None:
    """ "60 civilian casualties … and about a hundred": a bare figure after "and" borrows the harm
    (and the victims, unless it names its own) of the figure before it."""
    if not f.before or not elliptic(f.tokens, f.m, f.victims):
        return None
    prev = f.before[-1]
    if f.victims is None or f.victims == "people":
        return _Tie(prev.outcome, prev.harm_at, prev.victims, list(prev.groups))
    return _Tie(prev.outcome, prev.harm_at, f.victims, f.groups)


def _shared_verb(f: _Figure) -> _Tie | None:
    """ "killed a woman and her three children": victims after "and" share the verb before."""
    if f.victims is None:
        return None
    outcome, harm_at = verb_back(f.tokens, f.m.first)
    if outcome is None and f.before:
        # "the bodies of three women and two children": the figure just before, with its own
        # victims and "and" between, took a harm word before it; so does this one
        prev = f.before[-1]
        between = f.tokens[prev.last : f.m.first]
        if (
            0 <= prev.harm_at < prev.first
            and prev.phrase_end == f.m.first - 1
            and f.tokens[prev.phrase_end].low == "and"
            and all(t.text[0].isalnum() for t in between)  # "…, including three women, and up to 30" is no pair
        ):
            outcome, harm_at = prev.outcome, prev.harm_at
    return None if outcome is None else _Tie(outcome, harm_at, f.victims, f.groups, joint=True)


def _along_with_figure(f: _Figure) -> _Tie | None:
    """ "Six civilians were killed, along with 18 fighters": the figure shares the last harm."""
    if f.victims is None or not f.before or not _along_with(f.tokens, f.m.first):
        return None
    prev = f.before[-1]
    return _Tie(prev.outcome, prev.harm_at, f.victims, f.groups, joint=True)


def _along_with_person(f: _Figure) -> _Tie | None:
    """ "Reyes was killed along with his three children": the victims share the person's verb."""
    if f.victims is None or not _along_with(f.tokens, f.m.first):
        return None
    outcome, harm_at = _participle_before(f.tokens, f.m.first)
    return None if outcome is None else _Tie(outcome, harm_at, f.victims, f.groups, along=True)


_THEM = frozenset({"them", "both"})
_THEM_REACH = 14  # tokens from the victims to "killing them"


def _harmed_them(f: _Figure) -> _Tie | None:
    """ "Troops fired on the two assailants, killing them": the object pronoun of a later harm
    verb in the clause stands for the figure's victims."""
    tokens, n = f.tokens, len(f.tokens)
    if f.victims is None or f.end < 0:
        return None
    nouns = 0
    for k in range(f.m.last, min(n - 1, f.end + _THEM_REACH)):
        low = tokens[k].low
        if tokens[k].is_number or low in (";", ":") or (low == "." and k + 1 < n):
            return None  # another figure, or the clause is over
        nouns += low in VICTIM_NOUNS
        if nouns > 1:
            return None  # "two gunmen attacked the guards, killing them": them are the guards
        outcome = HARM_BEFORE.get(low)
        if outcome is not None and tokens[k + 1].low in _THEM:
            return _Tie(outcome, k, f.victims, f.groups)
    return None


# How a figure finds its harm: tried in order, the first rule that answers ties it. A figure no
# rule ties waits for a later verb ("Twelve soldiers, 26 insurgents killed") or is no claim.
TIES: tuple[Callable[[_Figure], _Tie | None], ...] = (
    _harm_beside,
    _victims_in_brackets,
    _ellipsis,
    _shared_verb,
    _along_with_figure,
    _along_with_person,
    _harmed_them,
)


def _no_one(tokens: list[Token], m: CountMatch) -> bool:
    """ "No one was hurt": a zero, read with the lone victims, not the figure one."""
    return tokens[m.first].low == "one" and m.first > 0 and tokens[m.first - 1].low in ("no", "not")


def _is_age(tokens: list[Token], m: CountMatch) -> bool:
    """A number that gives someone's age: after "aged", or set off by commas after a name."""
    first, last = m.first, m.last
    if first > 0 and tokens[first - 1].low in ("aged", "age", "ages"):
        return True
    if first > 1 and tokens[first - 2].low in ("aged", "ages") and tokens[first - 1].low in ("between", "from"):
        return True
    if m.count.qualifier != "exact" or not tokens[first].is_number:
        return False
    after = tokens[last].text if last < len(tokens) else ""
    return (
        first > 1
        and tokens[first - 1].text in (",", "(")
        and tokens[first - 2].is_title
        and tokens[first - 2].low not in MONTHS
        and after in (",", ")", ";", ".")
    )


def _which_family(tokens: list[Token], m: CountMatch) -> bool:
    """ "three members of one family": which family, not a figure."""
    return (
        tokens[m.first].low == "one"
        and m.first > 0
        and tokens[m.first - 1].low == "of"
        and m.last < len(tokens)
        and tokens[m.last].low in FAMILY_WORDS
    )


# Numbers that count no one harmed, checked before any other rule.
_NUMBERED_NAMES = frozenset(
    "district zone sector ward block precinct battalion brigade regiment division route highway "
    "gate checkpoint camp phase unit no".split()
)


def _part_of_a_name(tokens: list[Token], m: CountMatch) -> bool:
    """ "the commander of Police District 4", "Route 66", "Brigade 19": a number that names a
    place or a unit, not a count."""
    first = m.first
    return (
        first > 0
        and tokens[first].is_number
        and m.count.qualifier == "exact"
        and tokens[first - 1].low in _NUMBERED_NAMES
        and (m.last >= len(tokens) or tokens[m.last].low not in VICTIM_NOUNS)
    )


def _a_duration(tokens: list[Token], m: CountMatch) -> bool:
    """ "over three days", "in two weeks": a length of time, not people (it took the verb from the
    figure before it: "At least 80 people were killed over three days" gave no claim)."""
    return m.last < len(tokens) and tokens[m.last].low in TIME_UNITS


NOT_FIGURES: tuple[Callable[[list[Token], CountMatch], bool], ...] = (
    _no_one,
    _is_age,
    _which_family,
    _part_of_a_name,
    _a_duration,
)

_Waiting = tuple[CountMatch, str | None, list[str], int]  # a figure, its victims and groups, its end


@dataclass(slots=True)
class _Sentence:
    """The running state of one sentence's reading, figure by figure, left to right."""

    tokens: list[Token]
    cues: frozenset[str]
    mentions: list[Mention] = field(default_factory=list)
    pending: list[_Waiting] = field(default_factory=list)  # "Twelve soldiers, …" waiting for a verb
    orphans: list[_Waiting] = field(default_factory=list)  # waited for a verb in vain
    prev_end: int = 0
    scanned: int = 0
    in_subset: bool = False  # after "including"/"among": figures are parts
    aside: bool = False  # inside "(…)" or spaced dashes right after a figure
    breakdown: tuple[Mention, set[str]] | None = None  # "3,812 casualties (1,366 deaths and …)"

    def scan_to(self, m: CountMatch) -> None:
        """Once "including"/"among" is seen, later figures are parts until a new verb or ";".
        Figures in an aside right after a figure ("four people - two women and two children -",
        "(…)") are parts too, unless they break "casualties" down into killed and injured."""
        tokens = self.tokens
        for k in range(self.scanned, m.first):
            low = tokens[k].low
            if low in SUBSET_BEFORE:
                self.in_subset = True
            elif low in HARM_BEFORE and low not in HARM_AFTER or low == ";":
                self.in_subset = self.aside = False
            elif low == "," and k + 1 < len(tokens) and tokens[k + 1].low in CLAUSE_VERBS:
                self.in_subset = False  # ", including four children, were killed and 15 others …"
            elif low == "," and m.first == k + 2 and tokens[k + 1].low == "and":
                # "Five were killed, including two assailants, and four soldiers … were wounded":
                # the aside is closed; the figure after ", and" is a group of its own
                self.in_subset = False
            elif _opens_aside(tokens, k) and self.mentions and not self.aside:
                self.aside = True
                parent = self.mentions[-1]
                self.breakdown = (parent, set()) if parent.outcome == "casualties" else None
            elif _closes_aside(tokens, k) and self.aside:
                self.aside = False
        self.scanned = m.last
        if self.in_subset and walk_left(tokens, m.first)[1] >= m.first - 3:
            self.in_subset = False  # "…, including 8 children, and injured dozens more": a new verb
        if self.in_subset and self.mentions and walk_right(tokens, m)[0] not in (None, self.mentions[-1].outcome):
            self.in_subset = False  # "12 killed, including 3 soldiers, and more than 20 were injured"

    def take_part(self, m: CountMatch) -> bool:
        """ "12 people, including six children", "four people - two women and two children -", "six
        members of one family, four children and two women, were killed": a part of the last
        figure; its victim group joins that figure, it is not counted again."""
        if not self.mentions or not (
            self.in_subset or (self.aside and self.breakdown is None) or _before_verb_of(self.mentions, m)
        ):
            return False
        if not self.in_subset and _the_whole_of(self.tokens, self.mentions[-1], m):
            return False
        if self.aside and not self.in_subset and place_follows(self.tokens, m.last):
            return False  # "killed seven: four in Idlib and three in Ariha": a toll of its own place
        whole = self.mentions[-1]
        _, _, groups, _, _, _ = walk_right(self.tokens, m)
        for g in groups:
            if g not in whole.groups:
                whole.groups.append(g)
        add_part(whole, groups, m.count)
        if self.in_subset:
            part_floor(whole, m.count)
        self.prev_end = m.last
        return True

    def wait(self, f: _Figure) -> None:
        """A figure with victims but no harm yet: it may share a later verb."""
        if self.pending and f.m.first < self.pending[-1][3]:
            return  # inside the last waiting figure's phrase: "Six guards, including five soldiers, …"
        if f.victims is not None and f.end < len(self.tokens) and self.tokens[f.end].low in JOIN:
            self.pending.append((f.m, f.victims, f.groups, f.end))
        else:
            self.orphans.extend(self.pending)
            self.pending.clear()

    def waiting_figures_share_verb(self, f: _Figure, tie: _Tie) -> bool:
        """ "Twelve soldiers, 26 insurgents killed", "three civilians, six guards, and 30 assailants
        were killed": the waiting figures share this figure's verb. Whether this figure is joint."""
        joint = tie.joint
        if f.out_r is not None and self.pending and _only_joins(self.tokens, self.pending[-1][3], f.m.first):
            for n, (pm, pv, pg, pend) in enumerate(self.pending):
                shared = Mention(pm.first, pm.last, pm.count, tie.outcome, pv or "people", pg, tie.harm_at, pend)
                shared.joint, shared.rule = n > 0, rule_name(_Sentence.waiting_figures_share_verb)
                self.mentions.append(shared)
                own_part(shared, pg)
            # "at least four civilians … and up to six civilians were killed": one range, not two groups
            joint = {self.pending[-1][0].count.qualifier, f.m.count.qualifier} != {"at_least", "up_to"}
            self.pending.clear()
        self.orphans.extend(self.pending)
        self.pending.clear()
        return joint

    def read(self, m: CountMatch) -> None:
        """Read one figure: a part of the last, tied to a harm by the first rule of ``TIES`` that
        answers, left waiting for a verb, or dropped."""
        tokens = self.tokens
        self.scan_to(m)
        if self.take_part(m):
            return
        out_r, victims, groups, harm_r, end, rejected = walk_right(tokens, m)
        if rejected:
            if self.mentions and m.last + 1 < len(tokens) and tokens[m.last + 1].low in PRONOUNS:
                add_part_groups(tokens, m.last + 2, self.mentions[-1], m.count)  # "8 civilians, 3 of them children"
            return
        out_l, harm_l, toll_at = walk_left(tokens, m.first)
        # "Two BSF men among eight killed": a part of the next figure; but "killed eight people
        # including two children" has its verb before it and is the whole.
        if out_r is None and out_l is None and end < len(tokens) and tokens[end].low in ("among", "including"):
            return
        f = _Figure(tokens, m, self.cues, self.mentions, out_r, victims, groups, harm_r, end, out_l, harm_l, toll_at)
        rule, tie = next(((r, t) for r in TIES if (t := r(f)) is not None), (None, None))
        if tie is None or rule is None:
            self.wait(f)
            return
        if toll_at >= 0 and tie.victims is None:
            tie.victims = toll_victims(tokens, toll_at, m.first)
        joint = self.waiting_figures_share_verb(f, tie)
        harm_at = tie.harm_at
        lo = harm_at - 4 if harm_at >= 0 and harm_at < m.first else m.first - 4
        if any(tokens[x].low in HYPOTHETICAL for x in range(max(lo - 2, self.prev_end, 0), max(harm_at, m.first))):
            return  # "could cause up to 2,000 deaths": a projection, not harm done
        neg = negated_between(tokens, max(lo, self.prev_end), max(harm_at, m.first))
        mention = Mention(
            m.first,
            m.last,
            m.count,
            tie.outcome,
            tie.victims or "people",
            tie.groups,
            harm_at,
            max(end, m.last),
            toll_at,
            neg,
            joint=(joint and bool(self.mentions))
            or tie.along
            or (_another(tokens, m) and not any(_revised_to(tokens, e.first) for e in self.mentions))
            or _also(tokens, m, harm_at, max(end, m.last), first=not self.mentions)
            or _in_addition(tokens),
        )
        mention.rule = rule_name(rule)
        self.mentions.append(mention)
        own_part(mention, tie.groups)
        if self.aside and self.breakdown is not None:
            self.breakdown[1].add(tie.outcome)
            if tie.victims is None:
                mention.victims = self.breakdown[0].victims
        self.prev_end = max(end, m.last)


def rule_names() -> list[str]:
    """The names of every rule that reads a mention, as mentions carry them (each has spec rows
    in ``tests/test_extract_rules.py``)."""
    return [
        *(rule_name(rule) for rule in TIES),
        rule_name(_Sentence.waiting_figures_share_verb),
        *lone_rule_names(),
    ]


# Words that say a sentence is about harm at all, and of which kind (deaths or other).
_CUE_WORDS = DEATH_CUES | HARM_AFTER.keys() | HARM_NOUNS.keys()


def read_mentions(tokens: list[Token]) -> list[Mention]:
    """Every harm mention in one sentence's tokens, in order."""
    sentence = _Sentence(tokens, frozenset(t.low for t in tokens) & _CUE_WORDS)
    for m in find_counts(tokens):
        if not any(not_a_figure(tokens, m) for not_a_figure in NOT_FIGURES):
            sentence.read(m)
    mentions = sentence.mentions
    breakdown = sentence.breakdown
    if breakdown is not None and {"killed", "injured"} <= breakdown[1]:
        mentions.remove(breakdown[0])  # the killed and injured figures replace the sum
    mentions.sort(key=lambda x: x.first)
    mentions = _revisions(tokens, mentions)
    for mention in mentions:
        add_groups(tokens, mention)
    orphans = [*sentence.orphans, *sentence.pending]
    lone = lone_victims(tokens, mentions)
    walked = len(mentions)
    mentions.extend(figures_before_one(tokens, orphans, lone))
    mentions.extend(lone)
    mentions.extend(persons(tokens, mentions))  # sees the singulars: a person is not counted twice
    for mention in mentions[walked:]:
        own_part(mention, mention.groups)  # "a woman", "two children were …": their own group
    join_objects(tokens, mentions[walked:], mentions[:walked])
    mentions.sort(key=lambda x: x.first)
    return mentions


def _also(tokens: list[Token], m: CountMatch, harm_at: int, end: int, *, first: bool) -> bool:
    """ "Six attackers were also killed" (or "were killed too", ``end`` being where the harm's
    phrase ends): a sentence opening with a figure whose verb has "also" adds it to the dead before
    (GTD counts the attackers in the total), and so does the ``first`` figure of a sentence that
    opens with who said it ("The commissioner said 14 fighters also died"). Deeper in a sentence
    ("… gave seven, adding that two neighbours had also died") it may only explain a figure."""
    opening = m.first <= ALSO_OPENING_TOKENS or (first and m.first > 0 and tokens[m.first - 1].low in _SAID_BEFORE)
    return (
        opening
        and m.last <= harm_at
        and (any(tokens[x].low == "also" for x in range(m.last, harm_at)) or too_at(tokens, end))
    )


_SAID_BEFORE = frozenset({"said", "says", "that", "added", "reported", "confirmed"})


def _in_addition(tokens: list[Token]) -> bool:
    """ "In addition, two civilians were wounded by stray bullets": a sentence opening so adds its
    figures to the report's before it (six soldiers wounded, and two civilians: eight)."""
    opening = [t.low for t in tokens[:3]]
    return opening == ["in", "addition", ","] or opening[:2] == ["additionally", ","]


ALSO_OPENING_TOKENS = 3  # "At least six attackers were also killed": the figure opens the sentence


def _only_joins(tokens: list[Token], lo: int, hi: int) -> bool:
    """Whether tokens ``[lo, hi)`` are only list joints ("," and "and"), and there is one at least."""
    return lo < hi and all(tokens[k].low in JOIN for k in range(lo, hi))


def _before_verb_of(mentions: list[Mention], m: CountMatch) -> bool:
    """Whether ``m`` stands between the last figure and that figure's verb: a part of it ("six
    members of one family, four children and two women, were killed")."""
    if not mentions:
        return False
    prev = mentions[-1]
    return prev.last <= m.first and m.last <= prev.harm_at and not prev.negated


def _the_whole_of(tokens: list[Token], prev: Mention, m: CountMatch) -> bool:
    """ "at least two of the seven people killed": ``m`` is the whole the last figure is a share
    of, a toll of its own (``identity`` marks the share as one), not a part of the share."""
    return m.first == prev.last + 2 and tokens[prev.last].low == "of" and tokens[prev.last + 1].low == "the"


def _revisions(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "Four were killed, though that number later rose to six": the later figure is the
    sentence's figure for that harm, and the earlier ones of the same harm give way to it."""
    out = list(mentions)
    for k, tok in enumerate(tokens):
        if tok.low not in REVISED_TO:
            continue
        j = k + 1
        if j >= len(tokens) or tokens[j].low != "to":
            continue
        b = k - 1
        while b >= 0 and tokens[b].low in REVISION_ADVERBS:
            b -= 1
        # the subject must be the figure itself ("that number", "the toll", "deaths"), not floods
        if b < 0 or not any(
            tokens[x].low in FIGURE_NOUNS or tokens[x].low in HARM_NOUNS for x in range(max(0, b - 2), b + 1)
        ):
            continue
        earlier = [m for m in out if m.last <= k]
        if not earlier:
            continue
        head = earlier[-1]
        later = next((m for m in out if m.first == j + 1), None)
        if later is None:
            match = next((c for c in find_counts(tokens[j + 1 : j + 6]) if c.first == 0), None)
            if match is None or (j + 1 + match.last < len(tokens) and tokens[j + 1 + match.last].low in NONHARM_NOUNS):
                continue
            first, last = j + 1, j + 1 + match.last
            later = Mention(first, last, match.count, head.outcome, head.victims, list(head.groups), k, last, -1, False)
            out.append(later)
        gone = [m for m in earlier if m.outcome == later.outcome and not m.joint and not m.negated]
        out = [m for m in out if m not in gone]
    out.sort(key=lambda x: x.first)
    return out


def _along_with(tokens: list[Token], first: int) -> bool:
    """ "… were killed, along with 18 fighters", "as well as 3 soldiers", "plus 2 police",
    "alongside his two sons", "together with her four children"."""
    at = first - 1 if first > 0 and tokens[first - 1].low in POSSESSIVES else first
    before = [t.low for t in tokens[max(0, at - 3) : at]]
    return (
        before[-2:] in (["along", "with"], ["together", "with"])
        or before[-3:] == ["as", "well", "as"]
        or before[-1:] in (["plus"], ["alongside"])
    )


def _participle_before(tokens: list[Token], first: int) -> tuple[str | None, int]:
    """The passive harm verb shortly before ``first``: "was killed along with …" → (killed, index)."""
    for x in range(first - 2, max(-1, first - 8), -1):
        low = tokens[x].low
        if low in (".", ";", ":") or tokens[x].is_number:
            break
        if low in HARM_AFTER and x > 0 and tokens[x - 1].low in AUX:
            return HARM_AFTER[low], x
    return None, -1


def _revised_to(tokens: list[Token], first: int) -> bool:
    """Whether the figure at ``first`` is a toll's new total ("the toll rose to nine"): the "two
    more" found after it in its sentence are inside it, not added to it."""
    return first >= 2 and tokens[first - 1].low == "to" and tokens[first - 2].low in REVISED_TO


def _another(tokens: list[Token], m: CountMatch) -> bool:
    """ "… and a further 3 died later", "another 2", "and two more": the figure adds to an earlier one."""
    first = m.first
    if first > 0 and tokens[first - 1].low in ADDITIVE:
        return True
    if first > 1 and tokens[first - 2].low in ADDITIVE and tokens[first - 1].low in ("a", "an"):
        return True
    # "two more people were killed" (not "two more than …")
    return (
        m.count.qualifier == "exact"
        and m.last + 1 < len(tokens)
        and tokens[m.last].low == "more"
        and tokens[m.last + 1].low != "than"
    )


def _opens_aside(tokens: list[Token], k: int) -> bool:
    """ "(" or a spaced dash ("people - two women …"; "al-Bab" has an unspaced one)."""
    tok = tokens[k]
    if tok.text == "(" or tok.text == ":":
        return True
    return tok.text in DASHES and k > 0 and tokens[k - 1].end != tok.start


def _closes_aside(tokens: list[Token], k: int) -> bool:
    return tokens[k].text == ")" or _opens_aside(tokens, k) and tokens[k].text != "("
