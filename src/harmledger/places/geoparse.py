"""End-to-end geoparsing of a document: find toponyms, then resolve them together."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TypeVar

from spacy.lang.en.stop_words import STOP_WORDS

from harmledger.places.chain import TYPED_AREA_GAP, chain_areas, inside
from harmledger.places.finder import DEMONYM_NOTE, Mention, demonyms, detect, focus_evidence
from harmledger.places.gazetteer import Entry, Gazetteer, get_gazetteer
from harmledger.places.geo import haversine_km
from harmledger.places.normalise import strict_key
from harmledger.places.reporting import SPEAKER_NOTE, dateline_span, reporting_note, speaks_for_government
from harmledger.places.resolve import (
    NEARBY_KM,
    Scored,
    contains,
    country_focus,
    precision_of,
    region_key,
    score_candidates,
)
from harmledger.records import (
    AREA_FALLBACK_NOTE,
    WHERE_PREC_ADM2,
    WHERE_PREC_EXACT,
    WHERE_PREC_NEAR,
    Document,
    PlaceRef,
    Span,
)

K = TypeVar("K")
# The NER component embeds its own tok2vec: the shared one feeds only the tagger and parser, and
# leaving it out gives the same entities for a third less time (lgl-dev, 200 articles).
NER_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
MAX_NER_CHARS = 200_000
NER_CONTEXT_WORDS = 5  # words read either side of a capitalised word (``name_stretches``)
_NER_WORD_RE = re.compile(r"\w+|[^\w\s]")  # words and marks, about as spaCy splits them
_SENTENCE_ENDS = frozenset('.!?"“”:')
HIERARCHY_BONUS = 3.0
POSSESSIVE_KM = 50.0  # "X's Y": how far from X a Y may lie
WEAK_SHARE = 0.3  # a weak mention's country must carry this share of the sure places …
WEAK_SHARE_ALONE = 0.5  # … and be near one of them, unless its country has this share
WEAK_NEAR_KM = 400.0  # longer texts are read by NER in chunks of this size
MAX_CONTEXT_PLACES = 200  # distinct co-mentioned places a mention is scored against
# Passes with co-mentions after the first (focus-only) pass. lgl-dev within 161 km: one pass
# 0.761, two 0.771, three 0.770 (n=4,462); geovirus unchanged. Each costs one scoring of every mention.
CONTEXT_PASSES = 2


def ner_entities(text: str, within: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """spaCy entity spans as (start, end, label), NER component only (fast), over the whole
    text or only the character ranges ``within`` (in order, not overlapping).

    NER reads only the stretches around capitalised words (``name_stretches``): every label the
    places stages use names something capitalised, and a long lowercase run between two names
    costs as much to read as the names themselves.
    """
    return read_entities([(text, within)])[0]


def read_entities(
    items: Sequence[tuple[str, Sequence[tuple[int, int]] | None]],
) -> list[list[tuple[int, int, str]]]:
    """``ner_entities`` of several texts (each with its ``within``) in one pass of NER: the model
    works on bigger batches (on 1,029 reports' place windows, 8.3 s against 10.0 s one by one)."""
    from harmledger.nlp import load_pipeline

    nlp = load_pipeline(NER_EXCLUDE)
    chunks: list[tuple[int, int, int]] = []  # (item, start, end)
    for n, (text, within) in enumerate(items):
        ranges = [(0, len(text))] if within is None else within
        for a, b in (s for r in ranges for s in name_stretches(text, *r)):
            chunks.extend((n, offset, min(offset + MAX_NER_CHARS, b)) for offset in range(a, b, MAX_NER_CHARS))
    out: list[list[tuple[int, int, str]]] = [[] for _ in items]
    pieces = (items[n][0][a:b] for n, a, b in chunks)
    for (n, offset, _), doc in zip(chunks, nlp.pipe(pieces), strict=True):
        out[n].extend((e.start_char + offset, e.end_char + offset, e.label_) for e in doc.ents)
    return out


def reads_english(doc: Document) -> bool:
    """Whether the English NER model can read ``doc`` (English, or too short to tell): on
    "selon des élus locaux de la commune de Saint-Marc" it finds an organisation, hiding the town."""
    return doc.language in (None, "en")


def name_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` within ``NER_CONTEXT_WORDS`` words of a capitalised word
    (a sentence's opening stop word, "The", "In", is none; "US" is one), merged, in order.

    NER's view of a word reaches four words either side (its CNN's width), so a margin of five
    leaves its reading of the names inside nearly unchanged: on 1,029 real reports' place windows
    it found 99.9 % of the same entities for 71 % of the text and 64 % of the time.
    """
    words = list(_NER_WORD_RE.finditer(text, start, end))
    out: list[tuple[int, int]] = []
    for i, word in enumerate(words):
        w = word.group()
        if not w[:1].isupper():
            continue
        if w.lower() in STOP_WORDS and not w.isupper() and (i == 0 or words[i - 1].group() in _SENTENCE_ENDS):
            continue  # "The", "In"; but "US" may be the country
        a = words[max(0, i - NER_CONTEXT_WORDS)].start()
        b = words[min(len(words) - 1, i + NER_CONTEXT_WORDS)].end()
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _top(scored: list[Scored]) -> Scored | None:
    return scored[0] if scored else None


def hierarchy_bonus(text: str, mentions: list[Mention]) -> dict[int, tuple[float, str]]:
    """ "Savannah, Georgia" / "Pandi, Bulacan": candidates that nest in the next name rise."""
    bonus: dict[int, tuple[float, str]] = {}
    # "Georgia, Oklahoma, Pennsylvania and Wisconsin" is a list of states, not a chain of areas.
    lists = like_lists(text, mentions)
    listed = {id(mentions[i]): n for n, (run, _) in enumerate(lists) for i in run}
    # "Zhari district, Kandahar, Afghanistan": a name between a place and a country is the
    # division holding the place, not the town of the same name.
    for before, middle, after in zip(mentions, mentions[1:], mentions[2:], strict=False):
        if (
            not (id(before) in listed and listed.get(id(before)) == listed.get(id(after)))
            and not _city_quarter(text, before, middle)
            and _comma_link(text, before, middle)
            and text[middle.end : after.start].strip() == ","
            and any(c.feature == "PCLI" for c in after.candidates)
        ):
            for c in middle.candidates:
                if c.feature in ("ADM1", "ADM2"):
                    bonus[c.id] = (HIERARCHY_BONUS, f"a division between {before.surface!r} and {after.surface!r}")
    middle_bonus = dict(bonus)
    for inner, outer in pairwise(mentions):
        if text[inner.end : outer.start] in ("'s ", "’s "):
            # "Mosul's Al Jadida district": the second name lies in or beside the first.
            bonus.update(_part_bonus(outer, inner, "before"))
            continue
        if _PART_OF_GAP.match(text, inner.end, outer.start):
            # "the Kyivskyi district of Kharkiv": the first name lies in or beside the second.
            bonus.update(_part_bonus(inner, outer, "after"))
            continue
        gap = text[inner.end : outer.start]
        if (gap.strip() != "," and not TYPED_AREA_GAP.match(gap)) or (
            id(inner) in listed and listed.get(id(inner)) == listed.get(id(outer))
        ):
            continue  # "El Tambo, in the southwestern department of Cauca" nests as "El Tambo, Cauca"
        held_any: set[int] = set()
        holders: set[int] = set()
        for area in outer.candidates:
            held = [c for c in inner.candidates if contains(area, c)]
            if held:
                holders.add(area.id)
                bonus[area.id] = _add(
                    middle_bonus.get(area.id), HIERARCHY_BONUS, f"holds the {inner.surface!r} before it"
                )
                for c in held:
                    bonus[c.id] = _add(middle_bonus.get(c.id), HIERARCHY_BONUS, f"inside the {area.name!r} after it")
                    held_any.add(c.id)
        if held_any and not any(c.feature == "PCLI" for c in inner.candidates):
            # "Paris, Texas": the text says which Paris; a namesake outside it is ruled out,
            # however many of the document's other places lie near that namesake. A country
            # before the comma makes it a list ("Georgia, Iraq, Iran"), not a chain.
            for c in inner.candidates:
                if c.id not in held_any:
                    bonus[c.id] = (-2 * HIERARCHY_BONUS, f"outside the {outer.surface!r} it is said to lie in")
            # … and the second name is the area that holds it: "Mississauga, Ontario" is the
            # province, not a town called Ontario in another state ("Queens, New York" may be
            # the city, which lies in the state that holds Queens).
            regions = {region_key(a) for a in outer.candidates if a.id in holders}
            for area in outer.candidates:
                if area.id not in holders and area.id not in bonus and region_key(area) not in regions:
                    bonus[area.id] = (-2 * HIERARCHY_BONUS, f"holds no {inner.surface!r} though named as its area")
    _list_bonus(lists, mentions, bonus)
    return bonus


# A compass word before a name ("eastern Nangarhar", "south-west Kabul")
_COMPASS = r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)"
# "X district of Y", "the X neighbourhood of the city of Y": the gap that makes X a part of Y.
_PART_OF_GAP = re.compile(
    rf"\s+(?:district|neighbou?rhood|quarter|suburb|outskirts)\s+of\s+(?:the\s+)?(?:city\s+of\s+)?{_COMPASS}?$",
    re.IGNORECASE,
)
# A reading of a district or quarter outside the place the text says holds it ("Khogyani district
# of eastern Nangarhar province" read as a village in Ghazni): no place of the report's event.
PART_ELSEWHERE_NOTE = "far from the place it belongs to"


# Words that make a name a part of a town, not of a province: "Pol-e-Menarha neighborhood, Herat",
# "Martyr Sadeq Road, Herat", "Precinct No Eleven, Herat" lie in the city named like its province.
_QUARTER_WORDS = frozenset(
    "neighborhood neighbourhood road street avenue square precinct bazaar market roundabout quarter suburb".split()
)


def _city_quarter(text: str, before: Mention, middle: Mention) -> bool:
    """Whether the name before ``middle`` is typed as a quarter or a street of a town."""
    words = [*before.surface.lower().split(), *text[before.end : middle.start].lower().replace(",", " ").split()]
    return not _QUARTER_WORDS.isdisjoint(words)


def _part_bonus(part: Mention, holder: Mention, where: str) -> dict[int, tuple[float, str]]:
    """Readings of ``part`` (a district or quarter of ``holder``) up or down: a province holds it
    ("Indonesia's Aceh province"), a town has it nearby; a country, an island or a region has it
    somewhere in its country ("Mali's Bankass district", "the Kabanjahe district of Sumatra")."""
    out = {}
    for c in part.candidates:
        near = any(
            (contains(a, c) if a.feature == "ADM1" else False)
            or (a.feature.startswith("PPL") and haversine_km(c.lat, c.lon, a.lat, a.lon) <= POSSESSIVE_KM)
            or (a.feature != "ADM1" and not a.feature.startswith("PPL") and a.country == c.country)
            for a in holder.candidates
        )
        out[c.id] = (
            (HIERARCHY_BONUS, f"beside the {holder.surface!r} {where} it")
            if near
            else (-2 * HIERARCHY_BONUS, f"{PART_ELSEWHERE_NOTE} ({holder.surface!r})")
        )
    return out


LIST_SEPARATOR = re.compile(r"\s*,\s*|\s*,?\s+(?:and|or)\s+")
LIST_MIN = 3  # names in a list of like areas
_LIST_CONJUNCTION = re.compile(r"\b(?:and|or)\b")


def _area_kind(c: Entry) -> tuple[str, str] | None:
    """A country, or a first-level division of one country; None for any other reading."""
    if c.feature == "PCLI":
        return ("PCLI", "")
    if c.feature == "ADM1":
        return ("ADM1", c.country or "")
    return None


def like_lists(text: str, mentions: list[Mention]) -> list[tuple[list[int], tuple[str, str]]]:
    """Lists of three or more names ("A, B, C and D") that can all but one be one kind of area:
    countries, or first-level divisions of one country. Each list is its mentions' indices and
    the kind."""
    runs: list[list[int]] = []
    for i, m in enumerate(mentions):
        if runs and LIST_SEPARATOR.fullmatch(text[mentions[runs[-1][-1]].end : m.start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        if len(run) < LIST_MIN:
            continue
        kinds = Counter(k for i in run for k in {_area_kind(c) for c in mentions[i].candidates} if k)
        kind, n = max(kinds.items(), key=lambda kv: (kv[1], kv[0]), default=(("", ""), 0))
        # One name of another kind is allowed in a list that says it is one ("A, B, C and D"):
        # without the conjunction, "Yakila, Niger, Nigeria" is a village's address, not a list.
        joined = _LIST_CONJUNCTION.search(text[mentions[run[-2]].end : mentions[run[-1]].start])
        if n >= len(run) - (1 if joined else 0):
            out.append((run, kind))
    return out


def _list_bonus(
    lists: list[tuple[list[int], tuple[str, str]]], mentions: list[Mention], bonus: dict[int, tuple[float, str]]
) -> None:
    """ "Armenia, Azerbaijan, Georgia, Iraq" / "Georgia, Oklahoma, Pennsylvania and Wisconsin":
    a name listed among countries (or states of one country) is one too, not a town called like
    it nor a namesake division elsewhere."""
    for run, kind in lists:
        for i in run:
            for c in mentions[i].candidates:
                if _area_kind(c) == kind and c.id not in bonus:
                    bonus[c.id] = (HIERARCHY_BONUS, "listed among names of the same kind of area")


def _comma_link(text: str, inner: Mention, outer: Mention) -> bool:
    """ "X, Y" or "X district, Y": the names are one link of a chain."""
    return bool(re.match(r"^(?:\s+[a-z-]+)?\s*,\s*$", text[inner.end : outer.start]))


def _add(old: tuple[float, str] | None, score: float, why: str) -> tuple[float, str]:
    return (old[0] + score, f"{old[1]}; {why}") if old else (score, why)


def _unambiguous_country(m: Mention) -> str | None:
    """The country a mention names when its only country-or-division reading is a country."""
    big = [c for c in m.candidates if c.feature in ("PCLI", "ADM1")]
    if len(big) == 1 and big[0].feature == "PCLI" and big[0].primary:
        return big[0].country
    return None


def _sure_country(m: Mention) -> str | None:
    """The country of a mention whose candidates all lie in one country (not a country name)."""
    if m.candidates and len({c.country for c in m.candidates}) == 1 and m.candidates[0].feature != "PCLI":
        return m.candidates[0].country
    return None


def dateline_focus(mentions: list[Mention], dateline: Span) -> list[str]:
    """The country a dateline names ("JUBA, South Sudan, June 15 (AFP) -"), as the document's
    focus when the text names no country of its own: "… near Bor" is then South Sudan's Bor, not
    Russia's. A dateline's town alone says no more than where the writer sat: "WASHINGTON (AP) -
    … in Paris" is no Paris in Texas."""
    if any(_unambiguous_country(m) for m in mentions if m.votes and not dateline.start <= m.start < dateline.end):
        return []
    return [c for m in mentions if dateline.start <= m.start < dateline.end and (c := _unambiguous_country(m))]


def resolve_mentions(
    mentions: list[Mention], extra_focus: list[str], bonus: dict[int, tuple[float, str]] | None = None
) -> list[Scored | None]:
    """Best candidate per mention: a focus pass, then a pass with co-mentioned places as context.

    A mention is never evidence for itself: "Al Jadida" in a Mosul report has only Moroccan
    candidates, and counting them as the document's focus would confirm Morocco.
    """
    # Where the report was written ("GENEVA (AP) -") says nothing of where the event was, nor
    # does a name read inside a person's ("Khalil" is not Hebron's Arabic name there).
    sure = [_sure_country(m) if m.votes else None for m in mentions]
    countries = [c for c in (_unambiguous_country(m) for m in mentions if m.votes) if c]
    focus = country_focus([c for c in sure if c] + countries + extra_focus)
    first = [
        _top(score_candidates(m.candidates, match=m.match, focus=focus, prefer=m.prefer, bonus=bonus)) for m in mentions
    ]
    # Two passes with co-mentions: the second reads the divisions the first settled on, so one
    # famous namesake chosen early does not keep pulling the rest of a local story abroad.
    picks = first
    cluster = candidate_clusters(mentions)
    for _ in range(CONTEXT_PASSES):
        picks = _context_pass(mentions, sure, picks, extra_focus, bonus, cluster)
    return picks


CLUSTER_KM = 100.0  # readings of two names this close make a cluster …
CLUSTER_MAX_READINGS = 30  # … unless a name has so many readings that one is near anything


def candidate_clusters(mentions: list[Mention]) -> dict[int, int]:
    """For each local reading of each name, how many other names have a local reading near it.

    A Nebraska story names Columbus, Norfolk and Platte County: each has a famous namesake
    elsewhere, but only in Nebraska do readings of all three lie together. Counted over every
    reading, not the ones a pass chose, so the famous picks cannot confirm one another.
    """
    readings: dict[str, dict[int, Entry]] = {}
    for m in mentions:
        if not m.votes or not m.candidates or len(m.candidates) > CLUSTER_MAX_READINGS:
            continue
        if any(c.feature in ("PCLI", "ADM1", "CONT", "RGN") for c in m.candidates):
            continue  # a list of states or countries is not a cluster of towns named like them
        local = {
            c.id: c
            for c in m.candidates
            if (c.feature.startswith("PPL") or c.feature == "ADM2") and (c.primary or c.source != "geonames")
        }
        if local and (len(readings) < MAX_CONTEXT_PLACES or strict_key(m.surface) in readings):
            readings.setdefault(strict_key(m.surface), {}).update(local)
    if len(readings) < 2:
        return {}
    cells: dict[tuple[int, int], list[tuple[str, Entry]]] = {}
    for name, entries in readings.items():
        for e in entries.values():
            cells.setdefault((int(e.lat // 1), int(e.lon // 1)), []).append((name, e))
    out: dict[int, int] = {}
    for name, entries in readings.items():
        for e in entries.values():
            cell = (int(e.lat // 1), int(e.lon // 1))
            near = {
                other
                for dlat in (-1, 0, 1)
                for dlon in (-2, -1, 0, 1, 2)
                for other, o in cells.get((cell[0] + dlat, cell[1] + dlon), ())
                if other != name and haversine_km(e.lat, e.lon, o.lat, o.lon) <= CLUSTER_KM
            }
            if near:
                out[e.id] = max(out.get(e.id, 0), len(near))
    return out


def _context_pass(
    mentions: list[Mention],
    sure: list[str | None],
    first: list[Scored | None],
    extra_focus: list[str],
    bonus: dict[int, tuple[float, str]] | None,
    cluster: dict[int, int] | None = None,
) -> list[Scored | None]:
    """Each mention rescored against the places the previous pass chose for the others."""
    chosen = [s.entry for m, s in zip(mentions, first, strict=True) if s is not None and m.votes]
    # Refine the focus with what the previous pass chose, then rescore with co-mentions. Each
    # distinct name votes once: "Paris" said five times in a Texas story is one vote, not five.
    country_votes: dict[str, set[str]] = {}
    for m, own_sure, s in zip(mentions, sure, first, strict=True):
        if not m.votes:
            continue
        votes = country_votes.setdefault(strict_key(m.surface), set())
        votes.update(c for c in (own_sure, _unambiguous_country(m), s.entry.country if s else None) if c)
    all_votes = Counter(c for c in extra_focus if c)
    for cs in country_votes.values():
        all_votes.update(cs)
    # Whether a small town abroad is a stray is judged on every mention, repeats included: a
    # Raqqa report names Raqqa six times, and that, not its one-off names, is its focus.
    occurrences: Counter[str] = Counter(c for c in extra_focus if c)
    by_name: dict[str, Counter[str]] = {}
    for m, own_sure, s in zip(mentions, sure, first, strict=True):
        if m.votes:
            said = Counter(c for c in (own_sure, _unambiguous_country(m), s.entry.country if s else None) if c)
            occurrences.update(said)
            by_name.setdefault(strict_key(m.surface), Counter()).update(said)
    # Each chosen place is one co-mention however often it is named: the pass stays linear in
    # mentions on run-on text (a 1 MB line naming the same towns took hours).
    # More distinct places than any report names (a list of villages) are cut off at
    # MAX_CONTEXT_PLACES, so the pass is never quadratic in the text's length.
    distinct = list({e.id: e for e in chosen}.values())[:MAX_CONTEXT_PLACES]
    keys = [strict_key(e.name) for e in distinct]
    regions = region_votes(mentions, first)
    region_total: Counter[tuple[str, str]] = Counter()
    for name_votes in regions.values():
        region_total.update(name_votes)
    out: list[Scored | None] = []
    for m, mine, _own_sure in zip(mentions, first, sure, strict=True):
        surface = strict_key(m.surface)
        own_id = mine.entry.id if mine is not None else None
        others = [e for e, key in zip(distinct, keys, strict=True) if key != surface and e.id != own_id]
        focus = focus_without(all_votes, list(country_votes.get(surface, ())))
        region_focus = shares(region_total, regions.get(surface))
        ranked = score_candidates(
            m.candidates,
            match=m.match,
            focus=focus,
            context=others,
            prefer=m.prefer,
            bonus=bonus,
            region_focus=region_focus,
            cluster=cluster,
        )
        best = _local_namesake(ranked, focus, region_focus, others, bonus) or _top(ranked)
        # A transliteration or fuzzy match is trusted only inside the countries the rest of the
        # document is about ("Al-Shaafa" in a Raqqa report is not Vanuatu's Shefa province).
        if best is not None and m.match in ("loose", "fuzzy") and focus and not _leading(best.entry.country, focus):
            best = None
        if (
            best is not None
            and m.match in ("loose", "fuzzy")
            and best.entry.feature not in ("PCLI", "ADM1")
            and any(e.feature not in ("PCLI", "CONT", "ADM1", "RGN") for e in others)
            and not any(
                haversine_km(e.lat, e.lon, best.entry.lat, best.entry.lon) <= LOOSE_NEAR_KM
                for e in others
                if e.feature not in ("PCLI", "CONT")
            )
        ):
            # "Lanexa" among Virginia towns is not Lenexa, Kansas: a name known only roughly
            # must lie near the document's other places, not merely in the same country.
            best = None
        if best is not None and bonus and bonus.get(best.entry.id, (0.0, ""))[0] < 0:
            # The text ties the name to another place: its best reading there, if any.
            best = next(
                (
                    r
                    for r in ranked
                    if bonus.get(r.entry.id, (0.0, ""))[0] >= 0
                    and not (m.match in ("loose", "fuzzy") and focus and r.entry.country not in focus)
                ),
                None,
            )
        if best is not None:
            elsewhere = occurrences - by_name[surface] if surface in by_name else occurrences
            if sum(elsewhere.values()) >= STRAY_MIN_EVIDENCE and _stray(best.entry, shares(elsewhere, None), others):
                best = None  # "the Old City" in a Raqqa report is not the Old City of Jerusalem
        out.append(best)
    return out


LOOSE_NEAR_KM = 500.0  # how far from the document's other places a loose match may lie
LOCAL_FOCUS = 0.5  # the country most of a document's other names lie in …
FOREIGN_FOCUS = 0.2  # … against one they barely point to
LOCAL_REGION = 0.25  # a division this share of the other names lie in


def _local_namesake(
    ranked: list[Scored],
    focus: dict[str, float],
    region_focus: dict[tuple[str, str], float],
    context: list[Entry],
    bonus: dict[int, tuple[float, str]] | None,
) -> Scored | None:
    """A namesake inside the document's focus that beats a more famous one abroad.

    Local news names the Paris in Texas, the Alexandria in Louisiana: when nearly every other
    place of a report lies in one country, a candidate there that sits in the same first-level
    division as the others, or near one of them, wins over a bigger place elsewhere, unless the
    text ties the name to the foreign place ("Paris, France").
    """
    if len(ranked) < 2 or not focus:
        return None
    top = ranked[0]
    home = max(focus, key=lambda c: focus[c])
    if (
        focus[home] < LOCAL_FOCUS
        or top.entry.country == home
        or focus.get(top.entry.country or "", 0.0) >= FOREIGN_FOCUS
        or (bonus and top.entry.id in bonus)
    ):
        return None
    for s in ranked[1:]:
        e = s.entry
        if e.country != home or e.feature in ("PCLI", "CONT"):
            continue
        region = (e.country, strict_key(e.admin1)) if e.admin1 else None
        beside = any(
            haversine_km(e.lat, e.lon, c.lat, c.lon) < NEARBY_KM
            for c in context
            if c.feature not in ("PCLI", "CONT", "RGN") and c.id != e.id
        )
        if beside or (region and region_focus.get(region, 0.0) >= LOCAL_REGION):
            why = "the document's places lie around it; the namesake abroad is not named as such"
            return Scored(e, s.score, (*s.why, why))
    return None


REGION_VOTE_NAMED = 2  # a first-level division named outright ("Ohio") outweighs a town in it


def region_of(entry: Entry) -> tuple[tuple[str, str], int] | None:
    """The (country, first-level division) an entry lies in, with the weight of its vote."""
    if entry.country is None:
        return None
    if entry.feature == "ADM1":
        return (entry.country, strict_key(entry.admin1 or entry.name)), REGION_VOTE_NAMED
    if entry.admin1 and (entry.feature.startswith("PPL") or entry.feature.startswith("ADM")):
        return (entry.country, strict_key(entry.admin1)), 1
    return None


def region_votes(mentions: list[Mention], first: list[Scored | None]) -> dict[str, Counter[tuple[str, str]]]:
    """First-pass votes for first-level divisions, one per distinct name (a name said ten times
    is one place); keyed by the name so a mention can leave its own vote out."""
    votes: dict[str, Counter[tuple[str, str]]] = {}
    for m, s in zip(mentions, first, strict=True):
        region = region_of(s.entry) if s is not None and m.votes else None
        if region is None:
            continue
        key = strict_key(m.surface)
        votes.setdefault(key, Counter())
        votes[key][region[0]] = max(votes[key][region[0]], region[1])
    return votes


def shares(total: Counter[K], own: Counter[K] | None) -> dict[K, float]:
    """Each key's share of the other names' votes (a mention never votes for itself)."""
    rest = total - own if own else total
    n = sum(rest.values())
    return {k: v / n for k, v in rest.items()} if n else {}


STRAY_POPULATION = 100_000  # a town this small abroad needs its country named to be believed
STRAY_FOCUS = 0.5
# … and the rest of the document must point there more than once: one nationality word ("fled
# to the Turkish border") is no firm focus against "the town of Saraqeb".
STRAY_MIN_EVIDENCE = 2
STRAY_NEIGHBOUR_KM = 200.0  # a namesake this close to another named place is a neighbour


def _stray(entry: Entry, focus: dict[str, float], context: Sequence[Entry] = ()) -> bool:
    """A small town in a country the rest of the document never points to, while it points
    firmly elsewhere, and far from every other place it names: more likely a namesake of a
    local place than a trip abroad. Across a border from them it is a neighbour ("Erie" in a
    London, Ontario story; a Turkish town across from Tal Abyad)."""
    if not (
        entry.feature.startswith("PPL")
        and entry.population < STRAY_POPULATION
        and entry.source.startswith("geonames")
        and focus.get(entry.country or "", 0.0) == 0.0
        and max(focus.values(), default=0.0) >= STRAY_FOCUS
    ):
        return False
    return not any(
        haversine_km(entry.lat, entry.lon, c.lat, c.lon) <= STRAY_NEIGHBOUR_KM
        for c in context
        if c.feature.startswith("PPL") or c.feature.startswith("ADM")
    )


def _leading(country: str | None, focus: dict[str, float]) -> bool:
    """Whether ``country`` has the largest share of the document's evidence (ties included)."""
    return country is not None and focus.get(country, 0.0) >= max(focus.values())


def focus_without(counts: Counter[str], own: list[str | None]) -> dict[str, float]:
    """Each country's share of the evidence once a mention's own items are taken out."""
    rest = Counter(counts)
    for country in own:
        if country and rest[country] > 0:
            rest[country] -= 1
    total = sum(rest.values())
    return {c: n / total for c, n in rest.items() if n > 0} if total else {}


def to_place_ref(m: Mention, best: Scored | None) -> PlaceRef:
    """A PlaceRef for a mention: resolved with a precision and reason, or kept unresolved."""
    span = Span(m.start, m.end)
    if best is None:
        reason = "not in the gazetteer" if not m.candidates else "no candidate chosen"
        return PlaceRef(text=m.surface, span=span, bearing=m.bearing, reason=reason)
    e: Entry = best.entry
    precision = precision_of(e)
    if m.near and precision == WHERE_PREC_EXACT:
        precision = WHERE_PREC_NEAR
    notes = [f"{m.match} name match", *best.why[:4], *m.notes]
    if len(m.candidates) > 1:
        notes.append(f"best of {len(m.candidates)} candidates")
    return PlaceRef(
        text=m.surface,
        name=e.name,
        lat=e.lat,
        lon=e.lon,
        country=e.country,
        admin1=e.admin1,
        admin2=e.admin2,
        geonameid=e.geonameid,
        feature=e.feature,
        precision=precision,
        bearing=m.bearing,
        span=span,
        reason="; ".join(notes),
    )


def find_places(
    doc: Document,
    gazetteer: Gazetteer | None = None,
    *,
    within: Sequence[tuple[int, int]] | None = None,
    entities: list[tuple[int, int, str]] | None = None,
) -> list[PlaceRef]:
    """Every toponym in ``doc.text`` with its span, resolved where the gazetteer allows.

    ``within`` (character ranges, in order, not overlapping) limits the search to those parts
    of the text: NER, most of the cost, then reads only them, and names elsewhere neither count
    as places nor vote for the document's countries. ``entities`` are NER's reading of those
    parts when already made (``read_entities`` of several documents at once).
    """
    gaz = gazetteer or get_gazetteer()
    text = doc.text
    if not text.strip():
        return []
    if not reads_english(doc):
        ents: list[tuple[int, int, str]] = []  # English NER calls French phrases organisations
    else:
        ents = ner_entities(text, within) if entities is None else entities
    mentions = detect(text, ents, gaz, within)
    if within is not None:
        mentions = [m for m in mentions if _inside(within, m.start)]
    dateline = dateline_span(text)
    for m in mentions:
        note = reporting_note(text, m.start, m.end, dateline)
        if note:
            m.notes.append(note)
            m.reporting = True
    nationalities = [n for n in demonyms(text, ents) if within is None or _inside(within, n[0])]
    evidence = focus_evidence(text, ents)
    if dateline is not None and not evidence:
        evidence = dateline_focus(mentions, dateline)
    best = resolve_mentions(mentions, evidence, hierarchy_bonus(text, mentions))
    if dateline is not None:
        best = _no_loose_match_abroad(mentions, best, dateline)
    for m, b in zip(mentions, best, strict=True):
        if b is not None and not m.reporting and speaks_for_government(text, m.end, b.entry.feature):
            m.notes.append(SPEAKER_NOTE)
            m.reporting = True
    kept = keep_weak(mentions, best, text)
    filed_in = _filed_in(gaz, {strict_key(m.surface) for m in mentions})
    chains = {
        i: chain
        for i, chain in chain_areas(text, mentions, best, filed_in).items()
        # "Karim Jan, Badghis governor": one comma is not a chain unless NER or a type noun
        # ("Muqur district, Badghis") says the name is a place.
        if chain.links >= 2 or (kept[i] and (mentions[i].confirmed or mentions[i].prefer))
    }
    # One name, one place in a document: "Palma, Cabo Delgado, Mozambique" says which Palma the
    # report's other "Palma"s are.
    sense = {strict_key(mentions[i].surface): i for i in sorted(chains, reverse=True)}
    refs = []
    for i, (m, b, k) in enumerate(zip(mentions, best, kept, strict=True)):
        chain = chains.get(i)
        if chain is None and k and (j := sense.get(strict_key(m.surface))) is not None:
            chain = chains[j]
            if b is not None and (b.entry.id == chain.area.id or inside(chain.area, b.entry, filed_in)):
                chain = None  # this mention already reads as a place inside that area
            elif chain.inside:
                b = best[j]
        if chain is not None and chain.reading is not None:
            b = Scored(chain.reading, b.score if b else 0.0, (f"in the address ending in {chain.area.name}",))
        holder = None
        if chain is None:
            holder = _holder_after(text, mentions, best, i) if b is None else _namesake_abroad(text, mentions, best, i)
        if chain is not None and not chain.inside:
            refs.append(area_fallback(m, chain.seat or chain.area))  # the sentence says it is a place
        elif holder is not None:
            ref = area_fallback(m, holder, WHERE_PREC_NEAR)
            if b is not None:  # a namesake abroad the gazetteer offered: the text's town says otherwise
                ref = replace(ref, reason=f"{ref.reason}; not {b.entry.name}, {b.entry.country}, a namesake abroad")
            refs.append(ref)
        elif k or chain is not None:
            refs.append(to_place_ref(m, b))
    taken = [(r.span.start, r.span.end) for r in refs if r.span is not None]
    for start, end, what in nationalities:
        entry = gaz.country(what) if len(what) == 2 else _region(gaz, what)
        if entry is None or any(s < end and start < e for s, e in taken):
            continue
        refs.append(
            PlaceRef(
                text=text[start:end],
                name=entry.name,
                lat=entry.lat,
                lon=entry.lon,
                country=entry.country,
                geonameid=entry.geonameid,
                feature=entry.feature,
                precision=precision_of(entry),
                span=Span(start, end),
                reason=DEMONYM_NOTE,
            )
        )
        capital = _CAPITAL_AFTER_RE.match(text, end) if len(what) == 2 else None
        if capital is not None and (city := gaz.capital(what)) is not None:
            # "the Libyan capital" is the city, not the country's middle 750 km away: the word
            # "capital" names it, the nationality word stays the country's toponym
            refs.append(
                to_place_ref(
                    Mention(capital.start() + 1, capital.end(), "capital", (city,), "exact", True),
                    Scored(city, 0.0, (f"the capital of {entry.name}",)),
                )
            )
    refs.sort(key=lambda p: p.span.start if p.span else 0)
    return refs


_CAPITAL_AFTER_RE = re.compile(r" capital\b")


def _no_loose_match_abroad(mentions: list[Mention], best: list[Scored | None], dateline: Span) -> list[Scored | None]:
    """A transliteration or fuzzy reading is dropped when it lies outside the dateline town's
    country and no other place of the text is in its country: "MOGADISHU - … in Hodan district"
    is not Houdan, France. (A dateline's town gives no focus of its own, so the reading had no
    country to be checked against.)"""
    home = {
        b.entry.country for m, b in zip(mentions, best, strict=True) if b and dateline.start <= m.start < dateline.end
    }
    placed = Counter(b.entry.country for m, b in zip(mentions, best, strict=True) if b and m.votes)
    return [
        None
        if b is not None
        and m.match in ("loose", "fuzzy")
        and home
        and b.entry.country not in home
        and placed[b.entry.country] <= 1  # only this reading itself
        else b
        for m, b in zip(mentions, best, strict=True)
    ]


def _inside(ranges: Sequence[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, pos, key=lambda r: r[0]) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _filed_in(gaz: Gazetteer, named: set[str]) -> Callable[[Entry], Entry | None]:
    """The first-level division the gazetteer files a place in (``chain.inside``), each looked up
    once; None when the text names that division too (a list of districts, "Suba, Migori, Homa
    Bay, Rongo"; "Sassenage, Auvergne-Rhone-Alpes", both halves of a merged region)."""
    found: dict[tuple[str | None, str], Entry | None] = {}

    def filed_in(place: Entry) -> Entry | None:
        key = (place.country, place.admin1 or "")
        if key not in found:
            division = gaz.division(place.country, place.admin1)
            if division is not None and named & {strict_key(division.name), strict_key(division.admin1 or "")}:
                division = None
            found[key] = division
        return found[key]

    return filed_in


def _region(gaz: Gazetteer, name: str) -> Entry | None:
    """The division or region a regional nationality word names (the biggest by its prior)."""
    hits = [e for e in gaz.find(name)[0] if e.feature in ("ADM1", "ADM2", "RGN")]
    return max(hits, key=lambda e: (e.feature == "ADM1", e.feature == "RGN", e.population), default=None)


# "Qala-e-Bakhtiar in southern Kabul", "…, on the south-western edge of Kabul", "…, a village near
# Gusau": the gap after a name the gazetteer lacks that says the next place holds it or lies by it.
_HELD_BY_GAP = re.compile(
    rf"\s+in\s+(?:the\s+)?{_COMPASS}?|"
    rf"\s*,?\s+in\s+the\s+(?:far\s+)?(?:north|south|east|west|centre|center)\s+of\s+|"
    rf"\s*,?\s+(?:on|at|in)\s+the\s+(?:[a-z-]+\s+){{0,2}}(?:edges?|outskirts|fringes?|suburbs?)\s+of\s+"
    rf"(?:the\s+)?(?:(?:city|town)\s+of\s+)?{_COMPASS}?|"
    rf"\s*,\s+(?:a|the)\s+(?:[a-z-]+\s+){{0,2}}(?:suburb|district|neighbou?rhood|quarter|village|town|area)\s+"
    rf"(?:of|in|near|outside)\s+(?:the\s+)?{_COMPASS}?",
    re.IGNORECASE,
)
# … or its bearing from the town: "Ma'an, east of Khan Younis", "the X area, south of the city of Y".
# A town the gazetteer finds abroad under that name is a namesake: the text's town places it.
_BEARING_GAP = re.compile(
    r"(?:\s+(?:area|neighbou?rhood|district|quarter|village|camp))?\s*,\s+(?:just\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?",
    re.IGNORECASE,
)
_HOLDER_GAPS = (_HELD_BY_GAP, _BEARING_GAP)


def _holder_after(
    text: str, mentions: list[Mention], best: list[Scored | None], i: int, gaps: Sequence[re.Pattern[str]] = ()
) -> Entry | None:
    """The place the text says holds mention ``i`` (a name the gazetteer lacks) or lies by it,
    named right after it: the unknown name is placed there, its name kept, as a chain's is.
    ``gaps`` are the words between them that say so (by default ``_HELD_BY_GAP``, ``_BEARING_GAP``)."""
    if i + 1 >= len(mentions) or (after := best[i + 1]) is None or mentions[i + 1].reporting:
        return None
    held = any(gap.fullmatch(text, mentions[i].end, mentions[i + 1].start) for gap in gaps or _HOLDER_GAPS)
    return after.entry if held else None


def _namesake_abroad(text: str, mentions: list[Mention], best: list[Scored | None], i: int) -> Entry | None:
    """The town the text places mention ``i`` by ("Ma'an, east of Khan Younis") when the gazetteer's
    reading of it is a town of that name in another country (Ma'an, Jordan)."""
    b = best[i]
    if b is None or not b.entry.feature.startswith("PPL"):
        return None
    town = _holder_after(text, mentions, best, i, (_BEARING_GAP,))
    return town if town is not None and town.country != b.entry.country and town.feature != "PCLI" else None


def area_fallback(m: Mention, area: Entry, finest: int | None = None) -> PlaceRef:
    """A name the gazetteer lacks inside the area it is said to lie in: the area's point and
    precision, with the name kept ("Barakhanah" at Ghor province, precision 4). A town standing
    for its district ("Takhta, Sari Pul, Afghanistan") places it within that district, unless
    ``finest`` allows more (a quarter the text puts in or by the town: near it)."""
    return PlaceRef(
        text=m.surface,
        # a dateline's capitals ("NASIR, March 5 -") are no part of the name
        name=m.surface.title() if m.surface.isupper() and len(m.surface) > 3 else m.surface,
        lat=area.lat,
        lon=area.lon,
        country=area.country,
        admin1=area.admin1 or (area.name if area.feature == "ADM1" else None),
        admin2=area.name if area.feature == "ADM2" else None,
        feature=area.feature,
        precision=max(precision_of(area), WHERE_PREC_ADM2 if finest is None else finest),
        bearing=m.bearing,
        span=Span(m.start, m.end),
        reason=f"not in the gazetteer inside {area.name}: placed at {area.name}, {AREA_FALLBACK_NOTE}",
    )


def keep_weak(mentions: list[Mention], best: list[Scored | None], text: str) -> list[bool]:
    """Weak mentions stay only when their place sits among the document's other places, or when
    two of them are written as an address of ``text`` ("in Uson, Masbate": ``_weak_addresses``).

    spaCy's small model calls rare toponyms ORG or PERSON ("Randwick", "Dadaab"); a name the
    gazetteer knows is kept when it lies in the document's main country near a sure place.
    """
    sure = [b.entry for m, b in zip(mentions, best, strict=True) if b is not None and not m.weak]
    countries = Counter(e.country for e in sure if e.country)
    namesakes = Counter(
        (m.surface, b.entry.country) for m, b in zip(mentions, best, strict=True) if b is not None and not m.weak
    )
    total = sum(countries.values())
    # Distinct places, capped like the co-mentions: the check stays linear on run-on text.
    anchors = [o for o in {o.id: o for o in sure}.values() if o.feature not in ("PCLI", "CONT", "RGN")][
        :MAX_CONTEXT_PLACES
    ]
    out = []
    addressed = _weak_addresses(text, mentions, best)
    for n, (m, b) in enumerate(zip(mentions, best, strict=True)):
        if not m.weak or n in addressed:
            out.append(True)
            continue
        if b is None or not total:
            out.append(False)
            continue
        e = b.entry
        share = countries.get(e.country or "", 0) / total
        if m.person_like:
            # "Hassan and his cousins" is not anchored by the "Hassan" of "Hassan Omar al-Nouri"
            own = namesakes[(m.surface, e.country)]
            share = (countries.get(e.country or "", 0) - own) / max(1, total - own)
        near = any(haversine_km(e.lat, e.lon, o.lat, o.lon) < WEAK_NEAR_KM for o in anchors if o.id != e.id)
        out.append(share >= WEAK_SHARE_ALONE or (share >= WEAK_SHARE and near))
    return out


def _weak_addresses(text: str, mentions: list[Mention], best: list[Scored | None]) -> set[int]:
    """The weak names written as an address, a place and then the division it lies in ("in Uson,
    Masbate", both read as organisations by NER): each vouches for the other."""
    out: set[int] = set()
    for i in range(len(mentions) - 1):
        m, o, b = mentions[i], mentions[i + 1], best[i]
        if b is None or not (m.weak and o.weak) or text[m.end : o.start] != ", ":
            continue
        areas = [c for c in o.candidates if c.feature in ("ADM1", "ADM2") and c.id != b.entry.id]
        if any(inside(a, b.entry) for a in areas):
            out.update((i, i + 1))
    return out
