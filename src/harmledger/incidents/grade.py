"""The grade of an incident, in the spirit of Airwars' scale.

Checked in this order (the first that applies wins):

- discounted: no usable casualty claim is left (all hedged, negated or rejected), or the only
  sources are opinion pieces and a belligerent denied it;
- confirmed: a belligerent admitted or confirmed the harm (a statement with that stance);
- contested: sources name different perpetrators, or a belligerent denied it;
- fair: at least ``FAIR_MIN_SOURCES`` independent news sources report it, in as many separate
  reports (one article quoting the army and a hospital is one report of it);
- weak: one source, one report, or only opinion pieces.
"""

from __future__ import annotations

from collections.abc import Sequence

from harmledger.incidents import rules
from harmledger.records import Claim, Grade


def grade(
    usable: Sequence[Claim],
    statements: Sequence[Claim],
    sources: dict[str, str],
    reports: int | None = None,
) -> tuple[Grade, str]:
    """The grade and one line saying why. ``sources`` maps source key → genre of its reports;
    ``reports`` is how many separate news reports (outlets, copies counted once) hold them."""
    admitted = sorted({s.party or "a belligerent" for s in statements if s.stance in rules.ADMITTING_STANCES})
    denied = sorted({s.party or "a belligerent" for s in statements if s.stance in rules.DENYING_STANCES})
    news = sorted(k for k, genre in sources.items() if genre == "news")
    perpetrators = sorted({rules.perpetrator_family(c.perpetrator) for c in usable if c.perpetrator})
    if not usable:
        return "discounted", "discounted: no casualty claim is left to support it"
    if not news and denied:
        return "discounted", f"discounted: only opinion pieces, and {', '.join(denied)} denied it"
    if admitted:
        return "confirmed", f"confirmed: {', '.join(admitted)} admitted or confirmed it"
    if len(perpetrators) > 1:
        return "contested", f"contested: sources blame different parties ({'; '.join(perpetrators)})"
    if denied:
        return "contested", f"contested: {', '.join(denied)} denied it"
    separate = len(news) if reports is None else reports
    if len(news) >= rules.FAIR_MIN_SOURCES and separate >= rules.FAIR_MIN_SOURCES:
        return "fair", f"fair: {len(news)} independent news sources report it"
    if len(news) > 1:
        return "weak", f"weak: a single report, quoting {len(news)} sources"
    if news:
        return "weak", "weak: a single independent source"
    return "weak", "weak: reported only in opinion pieces"
