"""low / best / high figures of one incident, in the spirit of Airwars' min–max ranges.

The rules, for one outcome (killed or injured; civilian deaths are the same over claims whose
victims are civilians):

1. Only event claims count: cumulative tolls, negated claims, statements and claims an analyst
   rejected never do. Hedged claims count fully when the incident has no unhedged one (then the
   hedged account is all there is, and the grade is at most weak), or when no unhedged claim
   has their outcome; beside unhedged claims of their outcome they can raise high only.
   ``assemble`` picks them.
2. Inside one document the figures of one event are not added up (and beside a stated figure its
   vague ones, a headline's "dozens", are left out, even when the stated one is credited to a
   source: "kills dozens" over "killing 38, police said"), except groups the text
   itself adds (a figure the extractor marks ``joint``: "6 police officers and 3 Taliban were
   killed", "a woman and her three children", "a further 3 died later") and a civilian and a
   combatant figure (two disjoint groups; the attackers are a third, apart from the soldiers or
   police, or the people, they attacked; and the two sides of a battle, where every combatant
   figure's noun says which, "nine militants" and "two soldiers", are two more): the
   document's figure is the larger of its largest claim (or joint sum) and that sum. Its low is
   not raised above the minimum of a lead figure stated as a range or a minimum ("between 13
   and 15", "at least 10", hedged or not): the document's first figure of that outcome is the
   writer's summary of the event. The attackers' dead the writer tells beside a source's count
   of those they attacked ("Two soldiers were killed, the army said. The gunman was killed by
   troops.") join that source's figure (2d).
3. Documents from one independent source (one outlet, its syndicated copies, or the same named
   source) give that source's figure: the largest (a source's later update supersedes it).
4. Civilian deaths come from claims about civilians; when no claim names civilians or
   combatants, from claims that leave the victims unspecified. Unspecified dead that a civilian
   figure of their sentence adds to are civilians, and so is the lead figure (the first of the
   dead) of a document that calls some of its dead civilians and none combatants; hedged civilian
   deaths count fully when no civilian death is stated outright.
5. low = the lowest minimum among the independent sources ("at least 12" gives 12, "7" gives 7,
   "as many as 200" gives none); best = the figure of the most reliable source that reports the
   event itself rather than in passing while telling of another, and is no party claiming what its
   own attack did ("saying it killed more than 100 soldiers") (then one that gives the toll as
   risen, then one that verified its figure, then the latest report, then the median of equally
   trusted ones, of those that state a figure rather than "dozens", and never below a minimum one
   of them states: "at least 12" beside "7" gives 12); high = the highest figure any source
   reported.
6. "casualties" (killed or injured, unspecified) can raise deaths' high but never set deaths' low
   or best: 200 casualties says at most 200 were killed, not that anyone was.
7. People named one by one (qualifier ``named``) are at least that many: beside a source that
   states a figure they never set low, and best is never below them. One named in a later
   sentence after a count that names nobody is one of those counted, even "also killed"; so is
   one person a report singles out after its count, in another voice ("Nine soldiers were
   killed, the army said. A commander was killed in the attack."), unless told as one more.
8. A source whose figures count only combatants ("all five attackers were killed") gives no
   total: beside a source that counts everyone it sets no low of total deaths; nor does one that
   counts only civilians where another source counts combatants (the total holds both). Where
   every source counts one side only (a command's militants, residents' herders), they are parts
   of the dead: best is never below the largest of them.
9. A report that nobody came to harm ("no one was killed", "there were no casualties") is a
   figure, zero, where a negated figure ("no one was killed by the 30 rockets") is none. "No
   casualties" is zero killed and zero injured; "no civilians were killed" is zero civilian
   deaths and says nothing of the dead in all.
10. A report of wounded that speaks of no dead ("five civilians were injured in the blast") says
   nobody died: an incident whose claims give injured figures and none of the dead (no killed or
   "casualties" figure at all, hedged or not, and no word of death anywhere in their documents)
   has deaths 0, as monitors (ACLED, GTD) code it; so has one whose claims count only the abducted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise

from harmledger.records import (
    ARMED_SIDE,
    OTHER_EVENT_CUE,
    PART_OF_TOTAL_CUE,
    STATE_SIDE,
    TOLL_UPDATE_CUE,
    Claim,
    Count,
    Figures,
    Line,
    Template,
)

NO_FIGURE = "no figure reported"
# One record for every outcome no claim states (most incidents count no injured, children or women).
NO_FIGURES = Figures(rule=NO_FIGURE)

# Each figure's line names its outcome ("civilian killed"), the figure, and the source and claims
# that set it (``Explanation``: written when read).
LOW_LINE = Template("{} low {}: lowest minimum, source {} (claims {})")
BEST_LINE = Template("{} best {}: most reliable, latest source(s) ({})")
SIDES_BEST_LINE = Template("{} best {}: no source counts every side; the largest side's count ({})")
HIGH_LINE = Template("{} high {}: highest figure, source {} (claims {})")


@dataclass(frozen=True, slots=True)
class Reported:
    """A usable casualty claim with the independent source it belongs to."""

    claim: Claim
    source: str  # independent source key
    reliability: int
    published: date | None
    upper_only: bool = False  # a hedged figure beside outright ones: it can raise high only


@dataclass(slots=True)
class _Fig:
    low: int | None = None
    high: int | None = None
    best: int | None = None
    claims: tuple[str, ...] = ()


def _bounds(claim: Claim, upper_only: bool) -> _Fig:
    count = claim.count
    if count is None:
        return _Fig()
    low = None if upper_only else (count.low if count.low is not None else count.best)
    if low is None and not upper_only and count.qualifier == "exact":
        low = count.high
    high = count.high if count.high is not None else count.point
    best = None if upper_only else (count.best if count.best is not None else count.low)
    if count.best is None and count.qualifier == "up_to":
        # "nearly 36 people, including nine women": a ceiling says no best, though its parts
        # give it a floor (the nine women are at least nine dead, not the toll)
        best = None
    return _Fig(low, high, best, (claim.id,))


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _combine(figs: Sequence[_Fig]) -> _Fig:
    out = _Fig()
    for f in figs:
        out.low, out.high, out.best = _max(out.low, f.low), _max(out.high, f.high), _max(out.best, f.best)
        out.claims += f.claims
    return out


def _sum(figs: Sequence[_Fig]) -> _Fig:
    return _Fig(
        low=sum(f.low or 0 for f in figs) or None,
        high=sum(f.high or 0 for f in figs) or None,
        best=sum(f.best or f.low or 0 for f in figs) or None,
        claims=tuple(c for f in figs for c in f.claims),
    )


def _with_joint_heads(reported: Sequence[Reported]) -> list[Reported]:
    """A ``joint`` figure belongs to the source of the figure it adds to: "Eighteen … lost their
    lives. Neighbours said two more people … were also killed" is one account of 20."""
    out = list(reported)
    if not any(r.claim.joint for r in out):
        return out
    head: dict[tuple[str, str | None], Reported] = {}
    order = sorted(range(len(out)), key=lambda i: (out[i].claim.document_id, out[i].claim.span.start))
    for i in order:
        r = out[i]
        key = (r.claim.document_id, r.claim.outcome)
        if r.claim.joint and not r.upper_only and key in head:
            out[i] = replace(r, source=head[key].source)
        if not r.upper_only:
            head[key] = out[i]
    return out


def _joint_sums(items: Sequence[tuple[Reported, bool]]) -> list[tuple[Reported, bool, _Fig]]:
    """Rule 2a: a figure marked ``joint`` adds to the one before it in its document ("6 police
    officers and 3 Taliban were killed" is 9); each run of joint figures becomes one sum."""
    ordered = sorted(items, key=lambda it: it[0].claim.span.start)
    out: list[tuple[Reported, bool, _Fig]] = []
    for r, upper in ordered:
        fig = _bounds(r.claim, upper)
        prev = out[-1] if out else None
        if (
            r.claim.joint
            and not upper
            and prev is not None
            and not prev[1]
            and prev[0].claim.outcome == r.claim.outcome
            and not _one_of_those_counted(prev[0].claim, r.claim)
        ):
            out[-1] = (prev[0], False, _sum([prev[2], fig]))
            continue
        out.append((r, upper, fig))
    return out


def _singled_out(by_source: dict[str, dict[str, list[tuple[Reported, bool]]]]) -> set[str]:
    """Rule 7 again: the ids of figures of one person that a report tells, not as one more ("also",
    ``joint``), in a sentence after its count of more ("Nine soldiers were killed, the army said. A
    commander was killed in the attack."): one of those counted, not a rival count of one."""
    by_doc: dict[str, list[tuple[Reported, bool]]] = {}
    for docs in by_source.values():
        for doc_id, items in docs.items():
            by_doc.setdefault(doc_id, []).extend(items)
    out: set[str] = set()
    for items in by_doc.values():
        counts = [r.claim for r, upper in items if not upper and r.claim.count is not None]
        for c in counts:
            if c.joint or c.negated or c.count is None or c.count.point != 1 or c.count.qualifier != "exact":
                continue
            if any(
                o.outcome == c.outcome and o.sentence.start < c.sentence.start and (o.count and o.count.point or 0) > 1
                for o in counts
            ):
                out.add(c.id)
    return out


def _one_of_those_counted(counted: Claim, named: Claim) -> bool:
    """ "… two civilians were killed. A 12-year-old boy named Ali was also killed in the strike":
    a person named in a later sentence, after a count that names nobody, is one of those counted
    ("also" beside the other victims), not one more (unlike "two more people were also killed")."""
    return (
        named.count is not None
        and named.count.qualifier == "named"
        and counted.count is not None
        and counted.count.qualifier != "named"
        and (counted.count.point or 0) > 1
        and named.sentence != counted.sentence
    )


def _precise_only(items: Sequence[tuple[Reported, bool]]) -> Sequence[tuple[Reported, bool]]:
    """Rule 2b: beside a figure the document states ("43 people were killed"), its vague ones
    (a headline's "dozens") add nothing: their documented range would only blur it."""
    precise = [it for it in items if not it[1] and it[0].claim.count is not None and not it[0].claim.count.vague]
    if not precise:
        return items
    return [it for it in items if it[0].claim.count is None or not it[0].claim.count.vague]


def _document_figure(items: Sequence[tuple[Reported, bool]]) -> _Fig:
    """Rule 2: the largest claim, or civilians + combatants when both are given."""
    if len(items) == 1:  # most documents give one figure per outcome
        return _bounds(items[0][0].claim, items[0][1])
    summed_items = _joint_sums(_precise_only(items))
    items = [(r, upper) for r, upper, _ in summed_items]
    figs = [fig for _, _, fig in summed_items]
    largest = _combine(figs)
    by_class: dict[str, list[_Fig]] = {}
    attackers = any("attackers" in r.claim.victim_groups and not upper for r, upper in items)
    sides: list[str | None] = []  # the side of each combatant figure, where its noun says
    for (r, upper), fig in zip(items, figs, strict=True):
        if not upper and (
            r.claim.victims in ("civilians", "combatants") or (attackers and r.claim.victims == "people")
        ):
            # the attackers are a group apart from those they attacked: "four police officers
            # were killed while two assailants died in the clash" is six, and "seven people were
            # injured before the assailant was shot and injured" is eight
            side: str = "attackers" if "attackers" in r.claim.victim_groups else r.claim.victims or ""
            if side == "combatants":
                sides.append(_side(r.claim))
                side = sides[-1] or side
            by_class.setdefault(side, []).append(fig)
    if None in sides and len(set(sides)) > 1:
        # "nine soldiers, including a commander": a figure whose noun names no side may be either
        # side's; the combatants are then one class, as when no noun names a side
        by_class["combatants"] = [f for side in (STATE_SIDE, ARMED_SIDE, "combatants") for f in by_class.pop(side, [])]
    if len(by_class) >= 2:
        summed = _sum([_combine(v) for v in by_class.values()])
        if (summed.best or 0) > (largest.best or 0):
            largest.low, largest.best = _max(largest.low, summed.low), summed.best
            largest.high = _max(largest.high, summed.high)
    lead = _lead_minimum(summed_items)
    if lead is not None and (largest.low is None or lead < largest.low):
        largest.low = lead
    revision = _revised_down(items)
    if revision is not None and largest.best is not None and revision.best is not None and revision.best < largest.best:
        # "… 68 killed. The toll was later revised down to 52": the document's own last count
        # supersedes its first; the first stays its high
        largest.best = revision.best
        largest.low = revision.low if largest.low is None or revision.low is None else min(largest.low, revision.low)
    return largest


def _side(claim: Claim) -> str | None:
    """Which side a combatant figure counts when its noun says ("soldiers": state forces,
    "militants": armed groups), else None ("fighters", "a commander")."""
    sides = [g for g in claim.victim_groups if g in (STATE_SIDE, ARMED_SIDE)]
    return sides[0] if len(sides) == 1 else None


def _revised_down(items: Sequence[tuple[Reported, bool]]) -> _Fig | None:
    """The bounds of the document's last figure when it gives the toll as revised, else None."""
    stated = [r for r, upper in items if not upper and r.claim.count is not None]
    if not stated:
        return None
    last = max(stated, key=lambda r: r.claim.span.start)
    return _bounds(last.claim, False) if TOLL_UPDATE_CUE in last.claim.identity else None


def _lead_minimum(items: Sequence[tuple[Reported, bool, _Fig]]) -> int | None:
    """Rule 2c: the minimum of a lead figure stated as a range or a minimum ("between 13 and 15
    were killed", "at least 10 people died"), the first figure of its outcome in the document:
    the writer's own summary of the event. Later point figures inside it (15, 12) do not raise
    the document's low above it. A hedged lead ("were reportedly killed") counts here too: a
    summary's minimum is not raised by the sources it summarises. A share of a toll ("at least
    two of the seven killed") is no summary of it."""
    stated = [
        (r, fig)
        for r, _, fig in items
        if r.claim.count is not None
        and not r.claim.count.vague
        and r.claim.outcome != "casualties"
        and PART_OF_TOTAL_CUE not in r.claim.identity
    ]
    if not stated:
        return None
    first, fig = min(stated, key=lambda it: it[0].claim.span.start)
    count = first.claim.count
    if count is None or count.qualifier not in ("range", "at_least") or len(fig.claims) > 1:
        return None
    return count.low


def civilian_figures(
    reported: Sequence[Reported],
    leads: frozenset[str] = frozenset(),
    deaths: tuple[Figures, list[Line | str]] | None = None,
) -> tuple[Figures, list[Line | str]]:
    """Civilian deaths: from claims about civilians; when no claim names civilians or combatants,
    from claims that leave the victims unspecified (monitors count the reported dead as civilians
    unless a source says they were combatants). Claims about combatants never count.

    A figure of unspecified dead that a civilian figure in the same sentence adds to is civilian
    too ("Sami was killed along with his three children" is four civilians), unless the document
    counts some of its dead as combatants (the named man may be one).

    ``deaths`` (``figures(reported, "killed")``, when already reckoned) are the civilian deaths
    themselves, relabelled, where every claim's victims are civilians, or every claim's unspecified.
    """
    if deaths is not None and (rule := _all_civilian(reported)) is not None:
        fig, lines = deaths
        if rule and (fig.low is not None or fig.high is not None):
            fig = Figures(fig.low, fig.best, fig.high, fig.rule + rule)
        return fig, [_as_civilian(line) for line in lines]
    reported = _hedged_civilians(_writers_civilians(reported, leads))
    fig, lines = figures(reported, "killed", victims=("civilians",))
    # Only figures of the dead say who died ("injured civilians" says nothing about the dead).
    kinds = {r.claim.victims for r in reported if r.claim.outcome in ("killed", "casualties")}
    if fig.low is not None and "combatants" not in kinds and kinds & {"people", None}:
        # Beside civilian figures (and none about combatants) a lower figure of unnamed victims
        # ("three people were brought in dead") is a lower account of the same dead: it may
        # lower the civilian low, never raise the high.
        wide, wide_lines = figures(reported, "killed", victims=("civilians", "people", None))
        if wide.low is not None and wide.low < fig.low:
            best = None if fig.best is None else max(wide.low, fig.best)
            lines += [line for line in wide_lines if " low " in str(line)]
            fig = Figures(wide.low, best, fig.high, fig.rule + "; a lower figure of unnamed victims sets low")
    named = kinds & {"civilians", "combatants"}
    if fig.low is None and fig.high is None and not named:
        fig, lines = figures(reported, "killed", victims=("people", None))
        if fig.low is not None or fig.high is not None:
            fig = Figures(fig.low, fig.best, fig.high, fig.rule + "; victims unspecified, taken as civilians")
    return fig, lines


def _all_civilian(reported: Sequence[Reported]) -> str | None:
    """What ``civilian_figures`` adds to the deaths' rule when the civilian deaths are the deaths
    (every claim names civilians, or every claim leaves its victims unspecified, and none reports
    that nobody came to harm), else None."""
    kinds = {r.claim.victims for r in reported}
    if any(r.claim.negated for r in reported):
        return None
    if kinds == {"civilians"}:
        return ""
    return "; victims unspecified, taken as civilians" if kinds <= {"people", None} else None


def _as_civilian(line: Line | str) -> Line | str:
    """A line of the deaths as the same line of the civilian deaths ("killed low 3" → "civilian killed low 3")."""
    if isinstance(line, Line) and line.args and line.args[0] == "killed":
        return Line(line.template, (CIVILIAN_KILLED, *line.args[1:]))
    return line


CIVILIAN_KILLED = sys.intern("civilian killed")


def _hedged_civilians(reported: list[Reported]) -> list[Reported]:
    """Rule 1 for civilians: hedged civilian deaths count fully when no civilian death is stated
    outright ("one woman and three children were reportedly killed" beside an outright "four
    people died" is still the only account of civilians)."""
    civilian = [r for r in reported if r.claim.outcome == "killed" and r.claim.victims == "civilians"]
    if not civilian or not all(r.upper_only for r in civilian):
        return reported
    return [
        replace(r, upper_only=False)
        if r.upper_only and r.claim.outcome == "killed" and r.claim.victims == "civilians"
        else r
        for r in reported
    ]


def _writers_civilians(reported: Sequence[Reported], leads: frozenset[str]) -> list[Reported]:
    """Unspecified dead read as civilians where a civilian figure of the same sentence adds to them
    or they add to one, and the lead figure (``leads``: each document's first figure of the dead) of a document whose
    dead are civilians and never combatants."""
    heads: set[str] = set()
    by_sentence: dict[tuple[str, int], list[Claim]] = {}
    fighters = {r.claim.document_id for r in reported if r.claim.victims == "combatants"}
    for r in reported:
        if r.claim.outcome == "killed" and r.claim.document_id not in fighters:
            by_sentence.setdefault((r.claim.document_id, r.claim.sentence.start), []).append(r.claim)
    for claims in by_sentence.values():
        claims.sort(key=lambda c: c.span.start)
        for before, after in pairwise(claims):
            if after.joint and after.victims == "civilians" and before.victims in ("people", None):
                heads.add(before.id)
            # "a journalist was killed along with his grandfather and a neighbour": people added
            # to a civilian figure, in a report that counts no fighters, are civilians too
            civilian = before.victims == "civilians" or before.id in heads
            if after.joint and civilian and after.victims in ("people", None):
                heads.add(after.id)
    # The lead figure of a document that calls some of its dead civilians (and none combatants)
    # is its summary of those dead: "Between 19 and 22 people were killed" then counts civilians.
    claims = [c for cs in by_sentence.values() for c in cs]
    civilian_docs = {c.document_id for c in claims if c.victims == "civilians"}
    heads.update(
        c.id for c in claims if c.id in leads and c.document_id in civilian_docs and c.victims in ("people", None)
    )
    return [replace(r, claim=replace(r.claim, victims="civilians")) if r.claim.id in heads else r for r in reported]


def _fighters_only(docs: dict[str, list[tuple[Reported, bool]]]) -> bool:
    """Whether a source's figures all count combatants (soldiers, militants, attackers)."""
    return all(r.claim.victims == "combatants" for items in docs.values() for r, _ in items)


def _civilians_only(docs: dict[str, list[tuple[Reported, bool]]]) -> bool:
    """Whether a source's figures all count civilians."""
    return all(r.claim.victims == "civilians" for items in docs.values() for r, _ in items)


def _vague_only(docs: dict[str, list[tuple[Reported, bool]]]) -> bool:
    """Whether a source gives only vague figures ("dozens", "scores")."""
    return all(r.claim.count is None or r.claim.count.vague for items in docs.values() for r, _ in items)


def _attackers_beside_their_targets(by_source: dict[str, dict[str, list[tuple[Reported, bool]]]]) -> None:
    """Rule 2d: one document's account of two sides. "Two soldiers were killed, the military said.
    The gunman was killed by troops.": the attackers' dead the writer tells join a source's count
    of those they attacked in the same document (2 + 1), as they would in one source's (rule 2);
    the writer keeps them only beside figures of its own. (Attackers a named source counts stay
    that source's: "All five attackers were killed, a police spokesman said.")"""
    documents = {doc for docs in by_source.values() for doc in docs}
    for doc in documents:
        holders = [s for s, docs in by_source.items() if doc in docs]
        if len(holders) < 2:
            continue
        sides = {
            s: [
                it
                for it in by_source[s][doc]
                if not it[1] and "attackers" in it[0].claim.victim_groups and it[0].claim.source is None
            ]
            for s in holders
        }
        telling = [s for s in holders if sides[s]]
        if len(telling) != 1:
            continue
        teller = telling[0]
        attacked = [s for s in holders if s != teller and any(not upper for _, upper in by_source[s][doc])]
        if not attacked:
            continue
        for s in attacked:
            by_source[s][doc] = by_source[s][doc] + sides[teller]
        if len(sides[teller]) == len(by_source[teller][doc]):
            del by_source[teller][doc]
            if not by_source[teller]:
                del by_source[teller]


def _stated_minimum(docs: dict[str, list[tuple[Reported, bool]]]) -> int:
    """The largest minimum a source states outright ("at least 47", "more than 40"), else 0."""
    return max(
        (
            r.claim.count.low
            for items in docs.values()
            for r, upper in items
            if not upper
            and r.claim.count is not None
            and r.claim.count.low is not None
            and r.claim.count.qualifier in ("at_least", "more_than")
        ),
        default=0,
    )


def figures(
    reported: Sequence[Reported], outcome: str, victims: tuple[str | None, ...] | None = None, group: str = ""
) -> tuple[Figures, list[Line | str]]:
    """low/best/high for ``outcome`` ("killed" or "injured") and lines explaining each number;
    ``victims`` restricts the claims to those victim types; ``group`` ("children") names the
    part of the dead counted, in the lines."""
    civilians_only = victims is not None
    upper_outcomes = ("casualties",) if outcome == "killed" else ()

    def states(c: Claim) -> bool:
        # Rule 9: "no casualties" says that nobody was killed and nobody injured.
        return c.outcome == outcome or (c.negated and c.outcome == "casualties" and c.reports_none)

    if not any(states(r.claim) or r.claim.outcome in upper_outcomes for r in reported):
        return NO_FIGURES, []  # most incidents count no injured: nothing to weigh
    reported = _with_joint_heads(reported)
    if victims is not None:
        reported = [r for r in reported if r.claim.victims in victims]
    elif any(r.claim.negated for r in reported):
        # Rule 9: "no civilians were killed" is a zero of civilians, not of the dead in all.
        reported = [
            r for r in reported if not (r.claim.reports_none and r.claim.victims in ("civilians", "combatants"))
        ]

    precise_docs = {
        r.claim.document_id
        for r in reported
        if states(r.claim) and not r.upper_only and r.claim.count is not None and not r.claim.count.vague
    }
    # Rule 2c: an opinion piece's figure is the writer's comment on the news ("a drone killed
    # dozens this week"): beside a news report of the outcome it sets none of the figures.
    reported_in_news = any(r.claim.genre != "opinion" and states(r.claim) for r in reported)
    by_source: dict[str, dict[str, list[tuple[Reported, bool]]]] = {}
    for r in reported:
        c = r.claim
        if c.source is None and c.count is not None and c.count.vague and c.document_id in precise_docs:
            continue  # rule 2b across sources: the writer's "dozens" beside the report's "38, police said"
        if c.genre == "opinion" and reported_in_news:
            continue
        if states(c) or c.outcome in upper_outcomes:
            docs = by_source.setdefault(r.source, {})
            docs.setdefault(c.document_id, []).append((r, not states(c) or r.upper_only))
    if not by_source:
        return NO_FIGURES, []
    if len(by_source) > 1:
        _attackers_beside_their_targets(by_source)
    per_source: dict[str, _Fig] = {}
    for source, docs in by_source.items():
        figs = [_document_figure(items) for items in docs.values()]
        per_source[source] = figs[0] if len(figs) == 1 else _combine(figs)
    # Rule 7: people named one by one are at least that many; beside a source that states a
    # figure they never set the low (naming one victim does not say only one died), and the
    # best is never below them.
    # A share of a total told before it ("Nine of them were killed in Kafr Nabl") is as such people,
    # and so is one person a report singles out after its count ("A commander was killed in the attack").
    singled = _singled_out(by_source) if len(by_source) > 1 else set()
    named = {
        s
        for s, docs in by_source.items()
        if all(
            r.claim.count is not None
            and (r.claim.count.qualifier == "named" or PART_OF_TOTAL_CUE in r.claim.identity or r.claim.id in singled)
            for items in docs.values()
            for r, _ in items
        )
    }
    stated = [s for s in per_source if s not in named]
    # Rule 8: a source that counts only fighters ("all five attackers were killed") gives no
    # total: beside one that counts everyone, it sets no low; nor does one that counts only the
    # civilians where another counts fighters ("ten soldiers" / "three civilians, a leader said").
    fighters_counted = any(
        r.claim.victims == "combatants" for docs in by_source.values() for items in docs.values() for r, _ in items
    )
    whole = [
        s
        for s in stated
        if not _fighters_only(by_source[s]) and not (fighters_counted and _civilians_only(by_source[s]))
    ]
    lows = [
        (f.low, s)
        for s, f in per_source.items()
        if f.low is not None and (s in stated or not stated) and (s in whole or not whole or victims is not None)
    ]
    highs = [(f.high, s) for s, f in per_source.items() if f.high is not None]
    low = min(lows) if lows else None
    high = max(highs) if highs else None

    first_day = min((r.published or date.min for r in reported), default=date.min)

    def trust(source: str) -> tuple[bool, bool, bool, bool, bool, int, bool, bool, date, str]:
        items = [r for docs in by_source[source].values() for r, _ in docs]
        latest = max((r.published or date.min for r in items), default=date.min)
        # A report of the event itself beats one that mentions it in passing while telling of
        # another ("three days earlier, the first strike on the home had killed …").
        about_it = any(OTHER_EVENT_CUE not in r.claim.identity for r in items)
        # At equal reliability, a source that verified its figure ("UNAMA verified 11") beats
        # one that reported it ("the governor's spokesman gave 9", even "later revised to 13").
        verified = any(r.claim.source is not None and r.claim.source.stance == "confirmed" for r in items)
        # … and one that gives the toll as risen ("has risen to 13") says the lower counts of its
        # day are out of date.
        risen = any(TOLL_UPDATE_CUE in r.claim.identity for r in items)
        # A source that gives only a word ("dozens injured") states no figure: beside one that
        # counts them ("wounding 30"), however reliable or recent, it does not set the best.
        counts = not _vague_only(by_source[source])
        # A party claiming what its own attack did ("JNIM … saying it killed more than 100 soldiers")
        # speaks for its cause: beside any other source it does not set the best.
        boast = all(
            r.claim.source is not None and r.claim.source.kind == "belligerent" and r.claim.source.stance == "claimed"
            for r in items
        )
        # A toll given as risen in a later day's report ("the toll from Thursday night's assault has
        # risen to 20") says the first day's counts are out of date, whoever gave them.
        risen_since = risen and latest > first_day
        # Rule 8 again: a source counting only fighters ("the air force killed 30 members of the
        # PDF") beside one that counts everyone does not set the best either.
        everyone = not _fighters_only(by_source[source]) or not whole
        return (
            about_it,
            not boast,
            counts,
            everyone,
            risen_since,
            max(r.reliability for r in items),
            verified,
            risen,
            latest,
            source,
        )

    giving = [s for s, f in per_source.items() if f.best is not None]
    best = None
    if giving:
        # Sources equally trusted and equally recent: the (lower) median of their figures, of
        # those that state one when some do ("dozens" beside "38" says nothing against 38),
        # and never below a minimum one of them states ("at least 47" beside "30"). One source
        # giving a figure (most incidents) needs no ranking.
        if len(giving) == 1:
            top = giving
        else:
            trusted = {s: trust(s) for s in giving}
            ranked = sorted(trusted, key=trusted.__getitem__, reverse=True)
            top = [s for s in ranked if trusted[s][:-1] == trusted[ranked[0]][:-1]]
        stating = [s for s in top if not _vague_only(by_source[s])] or top
        tied = sorted(per_source[s].best or 0 for s in stating)
        best = max(tied[(len(tied) - 1) // 2], max((_stated_minimum(by_source[s]) for s in stating), default=0))
    sides_best = None
    if best is not None and victims is None and len(giving) > 1:
        # Rule 8 again: sources that each count one side only ("12 militants were killed", the army
        # said; "three herders were among those killed", residents said) give parts of the dead,
        # not rival counts of them: the best is never below the largest part.
        sides = {
            "fighters" if _fighters_only(by_source[s]) else "civilians" if _civilians_only(by_source[s]) else ""
            for s in giving
        }
        largest = max(giving, key=lambda s: per_source[s].best or 0)
        if sides == {"fighters", "civilians"} and (per_source[largest].best or 0) > best:
            best, sides_best = per_source[largest].best, largest
    floor = max((per_source[s].low or 0 for s in named), default=0)
    if best is not None and floor:
        best = max(best, floor)
    if best is not None and low is not None:
        best = max(best, low[0])
    if best is not None and high is not None:
        best = min(best, high[0])
    n = len(per_source)
    # civilians are the only subset; the label recurs in every incident: one shared copy
    label = sys.intern(f"{group + ' ' if group else ''}{'civilian ' if civilians_only else ''}{outcome}")
    rule = (
        f"low = lowest minimum among {n} independent source(s); best = figure of the most "
        f"reliable source, then latest; high = highest figure reported"
        + ("; 'casualties' raise high only" if upper_outcomes else "")
    )
    lines: list[Line | str] = []
    if low is not None:
        lines.append(LOW_LINE(label, low[0], low[1], ", ".join(per_source[low[1]].claims)))
    if best is not None:
        if sides_best is not None:
            lines.append(SIDES_BEST_LINE(label, best, sides_best))
        else:
            lines.append(BEST_LINE(label, best, ", ".join(top)))
    if high is not None:
        lines.append(HIGH_LINE(label, high[0], high[1], ", ".join(per_source[high[1]].claims)))
    return Figures(low[0] if low else None, best, high[0] if high else None, rule), lines


def breakdown_figures(reported: Sequence[Reported], group: str, deaths: Figures) -> tuple[Figures, list[Line | str]]:
    """Children (``group="children"``) or women among the dead, reconciled as the deaths are (rules
    1-5) over the part each claim of the dead counts ("killed 12, including six children" gives 6;
    "two children were killed" gives 2; "a woman and her three children" gives women 1, children
    3). A part is as the text states it: a whole figure about the group keeps its qualifier ("at
    least 5 children"), a part inside a larger figure is exact. Never above the deaths' high."""
    parts: list[Reported] = []
    for r in reported:
        c = r.claim
        n = getattr(c, group, None)
        if c.outcome != "killed" or not n or c.count is None:
            continue
        stated = next((v for v in (c.count.best, c.count.high, c.count.low) if v is not None), None)
        count = c.count if n == stated else Count(n, n, n, "exact", text=c.count.text)
        parts.append(replace(r, claim=replace(c, count=count)))
    if not parts:
        return NO_FIGURES, []
    fig, lines = figures(parts, "killed", group=group)
    cap = deaths.high

    def clip(v: int | None) -> int | None:
        return v if v is None or cap is None else min(v, cap)

    rule = f"{group} among the dead: " + fig.rule + ("; never above deaths high" if cap is not None else "")
    return Figures(clip(fig.low), clip(fig.best), clip(fig.high), rule), lines


NONE_BESIDE_INJURED = "no dead reported beside the injured: none"


def none_beside_injured(
    claims: Sequence[Claim], injured: Figures, silent_on_death: frozenset[str]
) -> tuple[Figures, list[Line | str]] | None:
    """Rule 10: deaths of 0 where the incident's reports count wounded and speak of no dead;
    None where any claim speaks of the dead (or of "casualties", which may hold them), or any of
    their documents is not in ``silent_on_death`` (those whose texts hold no word of death: a
    death the extractor read no figure from still leaves the toll open)."""
    if any(c.outcome in ("killed", "casualties") or c.document_id not in silent_on_death for c in claims):
        return None
    if injured.low is None and injured.best is None and injured.high is None:
        # … and so do reports of an abduction ("kidnapped four travellers") that speak of no dead
        taken = [c.count.point for c in claims if c.outcome == "detained" and c.count is not None and c.count.point]
        if not taken:
            return None
        return Figures(0, 0, 0, NONE_BESIDE_INJURED), [f"killed 0: {max(taken)} abducted reported and no dead"]
    figure = injured.best if injured.best is not None else injured.low if injured.low is not None else injured.high
    return Figures(0, 0, 0, NONE_BESIDE_INJURED), [f"killed 0: {figure} injured reported and no dead"]
