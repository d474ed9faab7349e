"""Parts of a figure: the children and women counted among it, and the groups it names.

"12 people, including six children" keeps 12 as the figure and six as its children; "Up to four
civilians, including two sisters" makes two a floor; "8 civilians, 3 of them children" and "among
the dead were two women" add parts to the figure they belong to.
"""

from __future__ import annotations

from dataclasses import replace

from harmledger.extract.counts import find_counts
from harmledger.extract.harm import Mention
from harmledger.extract.text import Token
from harmledger.extract.vocab import AMONG_OUTCOME, AMONG_WHOM, HARM_AFTER, SUBSET_BEFORE, VICTIM_NOUNS
from harmledger.records import Count

_ONE = Count(1, 1, 1, "exact")


def part_floor(whole: Mention, part: Count) -> None:
    """ "Up to four civilians, including two young sisters, were killed": the part counted among
    them is a floor for a figure that gives only its ceiling."""
    floor = part.low if part.low is not None else part.best
    count = whole.count
    if floor is None or part.vague or count.low is not None or count.high is None or floor > count.high:
        return
    whole.count = replace(count, low=floor)


# The victim groups counted as parts of a figure (kept per claim and per incident).
BREAKDOWN_GROUPS = ("children", "women")


def breakdown_group(groups: list[str]) -> str | None:
    """The one breakdown group of a phrase: "six children" → children; "women and children" → None."""
    found = [g for g in groups if g in BREAKDOWN_GROUPS]
    return found[0] if len(found) == 1 else None


def own_part(m: Mention, groups: list[str]) -> None:
    """ "Two children were killed": the whole figure is the group's (``groups``: its own phrase's)."""
    group = breakdown_group(groups)
    point = m.count.point
    if group is not None and point is not None and not m.count.vague:
        m.parts.setdefault(group, point)


def add_part(whole: Mention, groups: list[str], part: Count) -> None:
    """ "12 people, among them three women and five children": a counted part of the figure. A
    part larger than the whole is not a part of it (nor recorded)."""
    group = breakdown_group(groups)
    point = part.point
    if group is None or point is None or part.vague:
        return
    total = whole.parts.get(group, 0) + point
    ceiling = whole.count.high if whole.count.high is not None else whole.count.point
    if ceiling is not None and total > ceiling:
        return
    whole.parts[group] = total


def add_part_groups(tokens: list[Token], j: int, m: Mention, part: Count | None = None) -> None:
    for k in range(j, min(len(tokens), j + 4)):
        group = VICTIM_NOUNS.get(tokens[k].low, ("", None))[1]
        if group and group not in m.groups:
            m.groups.append(group)
        if group and part is not None:
            add_part(m, [group], part)  # "8 civilians, 3 of them children"
            part = None


def add_groups(tokens: list[Token], m: Mention) -> None:
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
                add_part(m, [group], _ONE)  # "among them a child and four women"
            # "200 casualties, including many children" reads as civilian harm; "including 78
            # civilians" says only part of the figure is civilian, so the type stays.
            if m.victims == "people" and kind == "civilians" and group:
                m.victims = "civilians"


def parts_among(tokens: list[Token]) -> list[tuple[str, str, Count]]:
    """ "Two children were among the dead", "Among those killed were three women and two
    children": parts of a figure an earlier sentence gave, as (outcome, group, count); they add no
    one to it. Groups listed with "and" or commas share the list's "among"."""
    lows = [t.low for t in tokens]
    if "among" not in lows:
        return []
    items: list[tuple[int, int, str, Count]] = []  # first token, noun token, group, count
    for m in find_counts(tokens):
        k = m.last
        while k < len(tokens) and k < m.last + 3 and tokens[k].low not in VICTIM_NOUNS:
            k += 1  # "two young children", "three elderly women"
        if k >= len(tokens) or tokens[k].low not in VICTIM_NOUNS or m.count.vague or m.count.point is None:
            continue  # "three years old and among …": no victims after the figure
        group = breakdown_group([VICTIM_NOUNS[tokens[k].low][1] or ""])
        if group is not None:
            items.append((m.first, k, group, m.count))
    out: list[tuple[str, str, Count]] = []
    run: list[tuple[int, int, str, Count]] = []
    for n, item in enumerate(items):
        run.append(item)
        following = items[n + 1] if n + 1 < len(items) else None
        if following is not None and set(lows[item[1] + 1 : following[0]]) <= {",", "and"}:
            continue  # the list goes on
        whom = _among_whom(lows, run[0][0], run[-1][1])
        if whom in AMONG_WHOM:
            out.extend((AMONG_OUTCOME.get(whom, "killed"), group, count) for _, _, group, count in run)
        run = []
    return out


def _among_whom(lows: list[str], first: int, noun: int) -> str | None:
    """Whom a list of groups from ``first`` to ``noun`` is among: "dead" in "… were among the
    dead" after it or "Among the dead were …" before it; else None."""
    after, before = lows[noun + 1 : noun + 5], lows[max(0, first - 5) : first]
    if after[:2] in (["were", "among"], ["was", "among"], ["are", "among"]) and len(after) >= 4:
        return after[3]  # "were among the dead", "were among those killed"
    if len(before) >= 4 and before[-4] == "among" and before[-1] in ("were", "was", "are"):
        return before[-2]  # "Among the dead were two children"
    return None
