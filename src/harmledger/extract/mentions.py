"""A sentence's harm mentions: figures tied to harms, parts of figures, and lone victims.

``harm`` reads each figure on its own; this module reads them together: figures after
"including"/"among" are parts of an earlier figure (their victim group joins it, they are not
counted again); "Twelve soldiers, 26 insurgents killed" share one verb; a bare figure after
"and" borrows the harm before it; "Civilian killed" is one person and "no civilians were
killed" a zero, negated. Plural victims with no figure ("Taliban killed in airstrike") yield
no mention: there is no figure to record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from harmledger.extract.counts import CountMatch, find_counts
from harmledger.extract.harm import (
    CLAUSE_VERBS,
    DEATH_CUES,
    JOIN,
    OF_NOUNS,
    PLURAL_ONLY,
    PREPOSITIONS,
    PRONOUNS,
    SINGULAR_DETS,
    ZERO_WORDS,
    Mention,
    elliptic,
    negated_between,
    participles,
    toll_victims,
    verb_back,
    walk_left,
    walk_right,
)
from harmledger.extract.persons import persons
from harmledger.extract.phrases import phrase_ending_at, starts_phrase
from harmledger.extract.text import Token
from harmledger.extract.vocab import (
    ADDITIVE,
    AUX,
    DASHES,
    FAMILY_WORDS,
    FIGURE_NOUNS,
    HARM_AFTER,
    HARM_BEFORE,
    HARM_NOUNS,
    HYPOTHETICAL,
    MONTHS,
    NONHARM_NOUNS,
    POSSESSIVES,
    REVISED_TO,
    SUBSET_BEFORE,
    VICTIM_NOUNS,
)
from harmledger.records import Count

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


# How a figure finds its harm: tried in order, the first rule that answers ties it. A figure no
# rule ties waits for a later verb ("Twelve soldiers, 26 insurgents killed") or is no claim.
TIES: tuple[Callable[[_Figure], _Tie | None], ...] = (
    _harm_beside,
    _victims_in_brackets,
    _ellipsis,
    _shared_verb,
    _along_with_figure,
    _along_with_person,
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
NOT_FIGURES: tuple[Callable[[list[Token], CountMatch], bool], ...] = (_no_one, _is_age, _which_family)

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
        whole = self.mentions[-1]
        _, _, groups, _, _, _ = walk_right(self.tokens, m)
        for g in groups:
            if g not in whole.groups:
                whole.groups.append(g)
        _add_part(whole, groups, m.count)
        if self.in_subset:
            _part_floor(whole, m.count)
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

    def release(self, f: _Figure, tie: _Tie) -> bool:
        """ "Twelve soldiers, 26 insurgents killed", "three civilians, six guards, and 30 assailants
        were killed": the waiting figures share this figure's verb. Whether this figure is joint."""
        joint = tie.joint
        if f.out_r is not None and self.pending and _only_joins(self.tokens, self.pending[-1][3], f.m.first):
            for n, (pm, pv, pg, pend) in enumerate(self.pending):
                shared = Mention(pm.first, pm.last, pm.count, tie.outcome, pv or "people", pg, tie.harm_at, pend)
                shared.joint, shared.rule = n > 0, "shared verb ahead"
                self.mentions.append(shared)
                _own_part(shared, pg)
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
                _add_part_groups(tokens, m.last + 2, self.mentions[-1], m.count)  # "8 civilians, 3 of them children"
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
        joint = self.release(f, tie)
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
            joint=(joint and bool(self.mentions)) or tie.along or _another(tokens, m) or _also(tokens, m, harm_at),
        )
        mention.rule = _rule_name(rule)
        self.mentions.append(mention)
        _own_part(mention, tie.groups)
        if self.aside and self.breakdown is not None:
            self.breakdown[1].add(tie.outcome)
            if tie.victims is None:
                mention.victims = self.breakdown[0].victims
        self.prev_end = max(end, m.last)


def rule_names() -> list[str]:
    """The names of the tie rules, in the order they are tried (each has spec rows in the tests)."""
    return [_rule_name(rule) for rule in TIES]


def _rule_name(rule: Callable[[_Figure], _Tie | None]) -> str:
    return rule.__name__.strip("_").replace("_", " ")


# Words that say a sentence is about harm at all, and of which kind (deaths or other).
_CUE_WORDS = frozenset({"deadly", "lethal", "death", "deaths", "killing", *HARM_AFTER, *HARM_NOUNS})


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
        _add_groups(tokens, mention)
    orphans = [*sentence.orphans, *sentence.pending]
    singulars = _singulars(tokens, mentions)
    walked = len(mentions)
    mentions.extend(_before_singulars(tokens, orphans, singulars))
    mentions.extend(singulars)
    mentions.extend(persons(tokens, mentions))  # sees the singulars: a person is not counted twice
    for mention in mentions[walked:]:
        _own_part(mention, mention.groups)  # "a woman", "two children were …": their own group
    mentions.sort(key=lambda x: x.first)
    return mentions


def _also(tokens: list[Token], m: CountMatch, harm_at: int) -> bool:
    """ "Six attackers were also killed": a sentence opening with a figure whose verb has "also"
    adds it to the dead before (GTD counts the attackers in the total). Deeper in a sentence
    ("… gave seven, adding that two neighbours had also died") it may only explain a figure."""
    return (
        m.first <= ALSO_OPENING_TOKENS
        and m.last <= harm_at
        and any(tokens[x].low == "also" for x in range(m.last, harm_at))
    )


ALSO_OPENING_TOKENS = 3  # "At least six attackers were also killed": the figure opens the sentence


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


def _only_joins(tokens: list[Token], lo: int, hi: int) -> bool:
    """Whether tokens ``[lo, hi)`` are only list joints ("," and "and"), and there is one at least."""
    return lo < hi and all(tokens[k].low in JOIN for k in range(lo, hi))


_ONE_PERSON_DETS = frozenset({"a", "an", "one", "the"})


def _before_singulars(
    tokens: list[Token], waiting: list[tuple[CountMatch, str | None, list[str], int]], singulars: list[Mention]
) -> list[Mention]:
    """ "At least two civilians and a police officer were killed": figures listed before one
    person share that person's verb, and the person adds to them."""
    out: list[Mention] = []
    for m, victims, groups, end in waiting:
        k = end
        while k < len(tokens) and tokens[k].low in JOIN:
            k += 1
        if k == end or k >= len(tokens) or tokens[k].low not in _ONE_PERSON_DETS:
            continue
        one = next((s for s in singulars if k < s.first <= k + 3 and s.harm_at > s.first and not s.negated), None)
        if one is None:
            continue
        out.append(Mention(m.first, m.last, m.count, one.outcome, victims or "people", groups, one.harm_at, end))
        one.joint = True
    return out


def _before_verb_of(mentions: list[Mention], m: CountMatch) -> bool:
    """Whether ``m`` stands between the last figure and that figure's verb: a part of it ("six
    members of one family, four children and two women, were killed")."""
    if not mentions:
        return False
    prev = mentions[-1]
    return prev.last <= m.first and m.last <= prev.harm_at and not prev.negated


_LATER = frozenset({"later", "subsequently", "then", "since", "eventually", "has", "had", "have", "was", "been"})


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
        while b >= 0 and tokens[b].low in _LATER:
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


def _part_floor(whole: Mention, part: Count) -> None:
    """ "Up to four civilians, including two young sisters, were killed": the part counted among
    them is a floor for a figure that gives only its ceiling."""
    floor = part.low if part.low is not None else part.best
    count = whole.count
    if floor is None or part.vague or count.low is not None or count.high is None or floor > count.high:
        return
    whole.count = replace(count, low=floor)


def _opens_aside(tokens: list[Token], k: int) -> bool:
    """ "(" or a spaced dash ("people - two women …"; "al-Bab" has an unspaced one)."""
    tok = tokens[k]
    if tok.text == "(" or tok.text == ":":
        return True
    return tok.text in DASHES and k > 0 and tokens[k - 1].end != tok.start


def _closes_aside(tokens: list[Token], k: int) -> bool:
    return tokens[k].text == ")" or _opens_aside(tokens, k) and tokens[k].text != "("


# The victim groups counted as parts of a figure (kept per claim and per incident).
BREAKDOWN_GROUPS = ("children", "women")


def _breakdown_group(groups: list[str]) -> str | None:
    """The one breakdown group of a phrase: "six children" → children; "women and children" → None."""
    found = [g for g in groups if g in BREAKDOWN_GROUPS]
    return found[0] if len(found) == 1 else None


def _own_part(m: Mention, groups: list[str]) -> None:
    """ "Two children were killed": the whole figure is the group's (``groups``: its own phrase's)."""
    group = _breakdown_group(groups)
    point = m.count.point
    if group is not None and point is not None and not m.count.vague:
        m.parts.setdefault(group, point)


def _add_part(whole: Mention, groups: list[str], part: Count) -> None:
    """ "12 people, among them three women and five children": a counted part of the figure. A
    part larger than the whole is not a part of it (nor recorded)."""
    group = _breakdown_group(groups)
    point = part.point
    if group is None or point is None or part.vague:
        return
    total = whole.parts.get(group, 0) + point
    ceiling = whole.count.high if whole.count.high is not None else whole.count.point
    if ceiling is not None and total > ceiling:
        return
    whole.parts[group] = total


def _add_part_groups(tokens: list[Token], j: int, m: Mention, part: Count | None = None) -> None:
    for k in range(j, min(len(tokens), j + 4)):
        group = VICTIM_NOUNS.get(tokens[k].low, ("", None))[1]
        if group and group not in m.groups:
            m.groups.append(group)
        if group and part is not None:
            _add_part(m, [group], part)  # "8 civilians, 3 of them children"
            part = None


def _singulars(tokens: list[Token], found: list[Mention]) -> list[Mention]:
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
_OBJECT_STARTS = frozenset(
    "a an the his her their its two three four five six seven eight nine ten dozens scores".split()
)


def _object_follows(tokens: list[Token], end: int) -> bool:
    """The participle has an object ("killed a policeman", "killed 5"): it is an active verb."""
    return tokens[end].is_number or tokens[end].low in _OBJECT_STARTS or tokens[end].low in POSSESSIVES


# After "injuring her": the pronoun is the object when no noun follows ("injuring her son" is not).
_AFTER_OBJECT = frozenset("and or in at on near with while as before after outside inside during".split())


def _person_before(tokens: list[Token], k: int) -> bool:
    """ "a woman …, injuring her": the pronoun's person is named in the same sentence (a victim
    named sentences earlier may already be counted there)."""
    return any(
        tokens[x].low in VICTIM_NOUNS and not tokens[x].low.endswith("s") and tokens[x - 1].low in ("a", "an", "the")
        for x in range(1, k)
    )


def _object_pronoun(tokens: list[Token], k: int) -> bool:
    return k + 1 >= len(tokens) or not tokens[k + 1].text.isalpha() or tokens[k + 1].low in _AFTER_OBJECT


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


_FIND_VERBS = frozenset(
    "found find finds discovered discover discovers recovered recover recovers retrieved located locate locates".split()
)


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
    return any(tokens[x].low in _FIND_VERBS for x in near)


_ONE = Count(1, 1, 1, "exact")


def _add_groups(tokens: list[Token], m: Mention) -> None:
    """ "… 200 casualties, including many children": the group joins the mention's victims."""
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
            if group and tokens[k - 1].low in ("a", "an"):
                _add_part(m, [group], _ONE)  # "among them a child and four women"
            # "200 casualties, including many children" reads as civilian harm; "including 78
            # civilians" says only part of the figure is civilian, so the type stays.
            if m.victims == "people" and kind == "civilians" and group:
                m.victims = "civilians"


_AMONG_WHOM = frozenset({"dead", "killed", "victims", "fatalities", "wounded", "injured"})
_AMONG_OUTCOME = {"wounded": "injured", "injured": "injured"}


def parts_among(tokens: list[Token]) -> list[tuple[str, str, Count]]:
    """ "Two children were among the dead", "Among those killed were three women": parts of a figure
    an earlier sentence gave, as (outcome, group, count); they add no one to it."""
    lows = [t.low for t in tokens]
    if "among" not in lows:
        return []
    out: list[tuple[str, str, Count]] = []
    for m in find_counts(tokens):
        k = m.last
        while k < len(tokens) and k < m.last + 3 and tokens[k].low not in VICTIM_NOUNS:
            k += 1  # "two young children", "three elderly women"
        if k >= len(tokens) or tokens[k].low not in VICTIM_NOUNS or m.count.vague or m.count.point is None:
            continue  # "three years old and among …": no victims after the figure
        group = _breakdown_group([VICTIM_NOUNS[tokens[k].low][1] or ""])
        if group is None:
            continue
        after, before = lows[k + 1 : k + 5], lows[max(0, m.first - 5) : m.first]
        if after[:2] in (["were", "among"], ["was", "among"], ["are", "among"]) and len(after) >= 4:
            whom = after[3]  # "were among the dead", "were among those killed"
        elif len(before) >= 4 and before[-4] == "among" and before[-1] in ("were", "was", "are"):
            whom = before[-2]  # "Among the dead were two children"
        else:
            continue
        if whom in _AMONG_WHOM:
            out.append((_AMONG_OUTCOME.get(whom, "killed"), group, m.count))
    return out
