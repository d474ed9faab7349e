"""One cluster of claims → one ``Incident`` that explains itself (sources, copies, figures, grade)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, TypeVar

from harmledger.incidents import rules
from harmledger.incidents.counts import (
    NO_FIGURE,
    Reported,
    breakdown_figures,
    civilian_figures,
    figures,
    none_beside_injured,
)
from harmledger.incidents.grade import grade
from harmledger.incidents.syndication import Syndication
from harmledger.records import (
    Claim,
    DatePrecision,
    Document,
    Explanation,
    Figures,
    Incident,
    Line,
    PlaceRef,
    Template,
    Victims,
)

_Name = TypeVar("_Name", bound=str)  # a victims Literal stays a Literal

MAX_CLAIM_LINES = 30
MAX_LINK_LINES = 20
PUBLISHED_WEEK_DAYS = 6  # a date known only from publication: the week before it

# The lines that name claims and documents, held unwritten (``Explanation``): their values are
# the claims' own ids, quotes and names. A quote is cut at 140 characters, a document id at 12.
CLAIM_LINE = Template("claim {}: {} — “{:.140}” (document {:.12}, source {}){}")
COPY_LINE = Template("copy: document {:.12} repeats {:.12} (shingle Jaccard {}), counted as one source")


@dataclass(slots=True)
class Context:
    """What every incident of one run shares."""

    documents: Mapping[str, Document]
    syndication: Syndication
    rejected: frozenset[str]
    leads: frozenset[str] = frozenset()  # each document's first death figure (its summary)
    silent_on_death: frozenset[str] = frozenset()  # documents whose texts hold no word of death


def usable(claim: Claim, rejected: frozenset[str], allow_hedged: bool = False) -> bool:
    """Whether a casualty claim may add to counts (not hedged, negated or rejected); a report
    that nobody was harmed is a figure, zero, not a negation."""
    return (
        claim.kind == "casualty"
        and claim.count is not None
        and (allow_hedged or not claim.hedged)
        and (not claim.negated or claim.reports_none)
        and claim.id not in rejected
    )


def _source_keys(claims: Sequence[Claim], ctx: Context) -> tuple[dict[str, str], dict[str, str], list[Line]]:
    """claim id → independent source key, claim id → the report that carries it (its outlet, a
    syndicated copy counted as its original), and lines naming the syndicated copies."""
    copies = ctx.syndication.copies([c.document_id for c in claims])
    root = {cp.copy: cp.original for cp in copies}
    keys: dict[str, str] = {}
    reports: dict[str, str] = {}
    for c in claims:
        doc_id = root.get(c.document_id, c.document_id)
        doc = ctx.documents.get(doc_id)
        outlet = rules.norm_name(doc.outlet) if doc is not None and doc.outlet else ""  # outlets recur: cached
        reports[c.id] = outlet or f"document {doc_id[:12]}"
        src = c.source
        keys[c.id] = (
            rules.norm_name(src.name) if src is not None and src.name and src.kind != "unnamed" else reports[c.id]
        )
    keys = _short_names_as_full(claims, keys)
    return keys, reports, [COPY_LINE(cp.copy, cp.original, cp.similarity) for cp in copies]


def _short_names_as_full(claims: Sequence[Claim], keys: dict[str, str]) -> dict[str, str]:
    """A source named again in short within one report ("the defence ministry said …, the
    ministry said") is the same source: its short name takes the full one."""
    named: dict[str, set[str]] = {}
    for c in claims:
        if _said(c):
            named.setdefault(c.document_id, set()).add(keys[c.id])
    if all(len(names) < 2 for names in named.values()):
        return keys
    out = dict(keys)
    for c in claims:
        names = named.get(c.document_id, set())
        key = keys[c.id]
        if key in names:
            # "a police spokesman said" beside "police said": the body speaking through its spokesman
            body = _SPEAKER_ROLE.sub("", key)
            key = body if body != key and body in names else key
            longer = sorted(n for n in names if n.endswith(" " + key))
            out[c.id] = longer[0] if longer else key
    return out


_SPEAKER_ROLE = re.compile(r"\s+(?:spokes(?:man|woman|person)|officials?|sources?|chief|commander)$")


def _independent_keys(claims: Sequence[Claim], keys: Mapping[str, str]) -> dict[str, str]:
    """``keys`` for counting independent sources: a figure the writer gives without a source,
    beside the same figure attributed in the same report (a headline's "kills seven" over "seven
    people were killed, police said"), is the outlet passing on that source's account, not a
    second one. (The figures keep ``keys``: the writer's own account still sets its numbers.)"""
    attributed: dict[tuple[str, str | None, int | None], str] = {}
    for c in claims:
        if c.count is not None and _said(c):
            attributed.setdefault((c.document_id, c.outcome, c.count.point), keys[c.id])
    out = dict(keys)
    for c in claims:
        if c.count is not None and not _said(c):
            out[c.id] = attributed.get((c.document_id, c.outcome, c.count.point), keys[c.id])
    return out


def _relayed_keys(claims: Sequence[Claim], keys: Mapping[str, str], independent: Mapping[str, str]) -> dict[str, str]:
    """``keys`` for the figures, but where a report's writer gives no figure of its own, only
    ones its sources give ("Two soldiers killed" over "two soldiers were shot dead, a military
    spokesman said"), the writer's figures count with the source they pass on, whose account may
    hold more ("... the rebels said three of their fighters also died"): no rival count of one
    side. A writer with figures of its own keeps them all (its summary's range)."""
    own = {c.document_id for c in claims if c.count is not None and independent[c.id] == keys[c.id] and not _said(c)}
    return {c.id: independent[c.id] if c.document_id not in own else keys[c.id] for c in claims}


def _said(claim: Claim) -> bool:
    """Whether a named source gives the claim's figure."""
    return claim.source is not None and bool(claim.source.name) and claim.source.kind != "unnamed"


def _place(claims: Sequence[Claim]) -> PlaceRef | None:
    places = [c.place for c in claims if c.place is not None and c.place.resolved]
    if not places:
        places = [c.place for c in claims if c.place is not None and c.place.country]
    if not places:
        return None
    names = Counter((p.name or p.text) for p in places)
    return min(places, key=lambda p: (p.precision or 7, -names[p.name or p.text]))


def _dates(claims: Sequence[Claim], ctx: Context) -> tuple[date | None, date | None, DatePrecision | None]:
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    dated = [c.date for c in claims if c.date is not None and c.date.start is not None]
    # The event's own dates, where some report gives one, over days figures were only reported on
    dated = [d for d in dated if not d.only_reported] or dated
    if dated:
        finest = min(order.get(d.precision or "year", 3) for d in dated)
        chosen = [d for d in dated if order.get(d.precision or "year", 3) == finest]
        start = min(d.start for d in chosen if d.start)
        end = max((d.end or d.start) for d in chosen if d.start)
        return start, end, chosen[0].precision
    published = [
        ctx.documents[c.document_id].published
        for c in claims
        if c.document_id in ctx.documents and ctx.documents[c.document_id].published
    ]
    if not published:
        return None, None, None
    first = min(p for p in published if p)
    return first - timedelta(days=PUBLISHED_WEEK_DAYS), first, "week"


def _most_common(values: Sequence[_Name | None]) -> _Name | None:
    named = [v for v in values if v]
    if not named:
        return None
    if all(v == named[0] for v in named):  # most incidents: one claim, or all agree
        return named[0]
    return Counter(named).most_common(1)[0][0]


def _perpetrator(claims: Sequence[Claim], statements: Sequence[Claim]) -> tuple[str | None, list[str]]:
    """The party most figures name; failing that, one that claimed or admitted the attack, then
    one the reports hold responsible ("attributed the attack to …"), with a line saying so."""
    named = _most_common([c.perpetrator for c in claims])
    if named is not None:
        return named, []
    for stances, how in (
        (("claimed", "admitted"), "claimed or admitted it"),
        (("attributed",), "the reports attribute it"),
    ):
        party = _most_common([s.perpetrator for s in statements if s.stance in stances])
        if party is not None:
            return party, [f"perpetrator {party}: no figure names one; {how}"]
    return None, []


def _claim_line(c: Claim, key: str, rejected: frozenset[str], hedged_counted: bool) -> Line:
    figure = (
        c.count.text if c.count is not None and c.count.text else (str(c.count.point) if c.count is not None else "")
    )
    what = c.kind if c.kind == "statement" else f"{c.outcome} {figure}".strip()
    notes = [
        n
        for n, on in (
            ("rejected by an analyst", c.id in rejected),
            ("hedged", c.hedged and not hedged_counted),
            ("negated", c.negated and not c.reports_none),
            ("cumulative", c.scope == "cumulative"),
        )
        if on
    ]
    tail = f" [{', '.join(notes)}: not counted]" if notes else ""
    # "killed 3" and the notes recur across claims: one shared copy of each
    return CLAIM_LINE(c.id, sys.intern(what), c.quote, c.document_id, key, sys.intern(tail))


def _at_least_civilians(
    deaths: Figures, civilian: Figures, lines: list[Line | str]
) -> tuple[Figures, list[Line | str]]:
    """Civilian deaths are never above total deaths: where a source counts more civilians than
    the total says (the total from another account), the total rises to the civilian figure."""
    if not any((civilian.low, civilian.best, civilian.high)):
        return deaths, lines  # "no civilians were killed" says nothing of the dead in all
    low = deaths.low if deaths.low is not None else civilian.low
    best = max((v for v in (deaths.best, civilian.best) if v is not None), default=None)
    high = max((v for v in (deaths.high, civilian.high) if v is not None), default=None)
    if (low, best, high) == (deaths.low, deaths.best, deaths.high):
        return deaths, lines
    line = (
        f"killed raised to civilian deaths {civilian.low}/{civilian.best}/{civilian.high}: "
        "civilians are part of the total"
    )
    return Figures(low, best, high, deaths.rule + "; never below civilian deaths"), [*lines, line]


def _dead(
    reported: Sequence[Reported], claims: Sequence[Claim], injured: Figures, ctx: Context, kind: str
) -> tuple[tuple[Figures, list[Line | str]], tuple[Figures, list[Line | str]]]:
    """Deaths and civilian deaths, each with its lines; an incident whose reports count only
    wounded, and never speak of death, has none (``counts.none_beside_injured``)."""
    deaths, death_lines = figures(reported, "killed")
    civilian, civilian_lines = civilian_figures(reported, ctx.leads, (deaths, death_lines))
    deaths, death_lines = _at_least_civilians(deaths, civilian, death_lines)
    if kind == "incident" and deaths.rule == NO_FIGURE:
        nobody = none_beside_injured(claims, injured, ctx.silent_on_death)
        if nobody is not None:
            deaths, death_lines = nobody
            if civilian.rule == NO_FIGURE:
                civilian = deaths
    return (deaths, death_lines), (civilian, civilian_lines)


def build(
    incident_id: str,
    kind: Literal["incident", "aggregate"],
    claims: Sequence[Claim],
    statements: Sequence[Claim],
    ctx: Context,
    links: Sequence[Line | str] = (),
    related: str | None = None,
) -> Incident:
    """Assemble one incident (or aggregate) from its claims and the statements attached to it."""
    everything = list(claims) + list(statements)
    keys, report_of, copy_lines = _source_keys(everything, ctx)
    good = [c for c in claims if usable(c, ctx.rejected)]
    hedged_only = False
    if not good:
        # A figure the text hedges ("a likely sarin attack on 136 to 1300") is still the only
        # account there is: it gives the figures, and the grade says how little it proves.
        good = [c for c in claims if usable(c, ctx.rejected, allow_hedged=True)]
        hedged_only = bool(good)
    # Hedged figures beside outright ones: "reportedly up to 20 injured" is the only injured
    # figure when no outright one exists, and "between 11 and 15 reportedly killed" still says
    # how high the reports went (it raises high, never low or best).
    stated = {c.outcome for c in good}
    hedged = [] if hedged_only else [c for c in claims if c.hedged and usable(c, ctx.rejected, allow_hedged=True)]
    independent = _independent_keys(everything, keys)
    relayed = _relayed_keys(claims, keys, independent)
    reported = []
    for c, upper in [*((c, False) for c in good), *((c, c.outcome in stated) for c in hedged)]:
        doc = ctx.documents.get(c.document_id)
        # A figure the writer states is the document's own finding (in an assessment, the
        # assessor's), as reliable as a named monitor's; a named source of unknown kind is not.
        reliability = (
            rules.SOURCE_RELIABILITY.get(c.source.kind, 2) if c.source is not None else rules.WRITER_RELIABILITY
        )
        reported.append(Reported(c, relayed[c.id], reliability, doc.published if doc is not None else None, upper))
    injured, injured_lines = figures(reported, "injured")
    (deaths, death_lines), (civilian, civilian_lines) = _dead(reported, claims, injured, ctx, kind)
    children, children_lines = breakdown_figures(reported, "children", deaths)
    women, women_lines = breakdown_figures(reported, "women", deaths)
    genres: dict[str, str] = {}
    for c in good:
        genre = c.genre
        doc = ctx.documents.get(c.document_id)
        if doc is not None and doc.genre == "opinion":
            genre = "opinion"
        if genres.get(independent[c.id]) != "news":
            genres[independent[c.id]] = genre
    live_statements = [s for s in statements if s.id not in ctx.rejected]
    news_reports = {report_of[c.id] for c in good if genres.get(independent[c.id]) == "news"}
    the_grade, grade_line = grade(good, live_statements, genres, len(news_reports))
    if hedged_only and the_grade in ("confirmed", "fair"):
        the_grade, grade_line = "weak", "weak: every figure is hedged in the text"
    start, end, precision = _dates(claims or everything, ctx)  # a statement's date is its own
    # Beside news, an opinion piece is comment on the news, not a further account (as in the
    # figures and the grade): it is no source of its own in the count either.
    opinion = {key for key, genre in genres.items() if genre == "opinion"} if "news" in genres.values() else set()
    n_sources = len({independent[c.id] for c in good} - opinion) if good else len({independent[c.id] for c in claims})
    # Few incidents' summaries differ ("incident: 1 claim(s) and 0 statement(s) …"): one shared copy of each
    header = sys.intern(
        f"{kind}: {len(claims)} claim(s) and {len(statements)} statement(s) from "
        f"{len({c.document_id for c in everything})} document(s); {n_sources} independent "
        f"source(s)" + (f", besides {len(opinion)} opinion piece(s)" if opinion else "")
    )
    lines: list[Line | str] = [header]
    lines += [_claim_line(c, keys[c.id], ctx.rejected, hedged_only) for c in everything[:MAX_CLAIM_LINES]]
    if len(everything) > MAX_CLAIM_LINES:
        lines.append(f"… and {len(everything) - MAX_CLAIM_LINES} more claim(s)")
    if hedged_only:
        lines.append("figures from hedged claims: no claim states them outright")
    lines += (
        list(links[:MAX_LINK_LINES])
        + copy_lines
        + death_lines
        + civilian_lines
        + children_lines
        + women_lines
        + injured_lines
    )
    if kind == "aggregate":
        lines.append("aggregate: a cumulative toll or a total over several places, never added to incident counts")
    perpetrator, perpetrator_lines = _perpetrator(claims, statements)
    lines += [*perpetrator_lines, sys.intern(grade_line)]
    victims: Victims | None = _most_common([c.victims for c in good]) if good else None
    return Incident(
        id=incident_id,
        kind=kind,
        claim_ids=tuple(c.id for c in everything),
        deaths=deaths,
        injured=injured,
        civilian_deaths=civilian,
        child_deaths=children,
        women_deaths=women,
        place=_place(claims) or _place(everything),
        date_start=start,
        date_end=end,
        date_precision=precision,
        event_type=_most_common([c.event_type for c in claims]),
        perpetrator=perpetrator,
        victims=victims,
        grade=the_grade,
        n_sources=n_sources,
        explanation=Explanation(lines),
        related_incident_id=related,
    )
