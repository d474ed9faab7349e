"""Finding toponyms in text: capitalised n-grams confirmed by the gazetteer and spaCy NER."""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from harmledger.places.gazetteer import Entry, Gazetteer
from harmledger.places.geo import BEARINGS
from harmledger.places.normalise import strict_key
from harmledger.places.reporting import dateline_span
from harmledger.places.vocab import (
    ABBREVIATIONS_AFTER_COMMA,
    CHAIN_HEADS,
    DEMONYMS,
    INSTITUTION_HEADS,
    KIN_WORDS,
    LOCATIVE_CUES,
    NAME_CONNECTORS,
    NON_PLACE_HEADS,
    NON_PLACE_WORDS,
    NOT_NAME_START,
    OTHER_LABELS,
    PERSON_TITLES,
    PLACE_ABBREVIATIONS,
    PLACE_HEADS,
    PLACE_LABELS,
    REGION_DEMONYMS,
    SPEECH_VERBS,
)
from harmledger.records import KIN_NOUNS

# A word (a possessive 's stays outside it) or a dotted abbreviation such as "U.S.".
_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’‘][^\W\d_]{2,})*")
MAX_WORDS = 6
# Words allowed to follow a name not confirmed by NER without making it an adjective
# ("Aleppo pepper" is not a place; "Aleppo and", "Aleppo was" may be).
_FOLLOW_OK = frozenset(
    """and or but is was were are has had have said says where which who that as on in at to for
    from with by after before since during until while when than be been being will would could
    can may might should did does do not also where's overnight yesterday today tonight again""".split()
)
# A nationality before a weapon or an attack names who struck ("Russian shelling", "a Russian
# drone", "Israeli air strikes", "Russian-occupied"), not the country the report is about.
_ATTACKER_AFTER_RE = re.compile(
    r"(?:[-‐‑](?:led|made|launched|fired|backed|occupied|controlled)\b|\s+(?:air\s+strikes?|airstrikes?|"
    r"drones?|missiles?|shelling|shells|strikes?|attacks?|bombardments?|bombing|bombs?|jets?|warplanes?|"
    r"artillery|rockets?|aircraft|offensive|invasion|occupation|gunfire|raids?|barrage)\b)",
    re.IGNORECASE,
)


def names_attacker(text: str, end: int) -> bool:
    """Whether the nationality word ending at ``end`` is the attacker's ("Russian shelling")."""
    return _ATTACKER_AFTER_RE.match(text, end) is not None


_BEARING_RE = re.compile(
    r"(?:(?P<dist>\d+(?:\.\d+)?)\s*(?:km|kilometres|kilometers|miles|mi)\s+)?"
    r"\b(?P<dir>(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?\s+(?:of\s+)?"
    r"(?:the\s+(?:\w+\s+){0,3}?(?:city|town|village|province|governorate|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_BETWEEN_RE = re.compile(r"\bbetween\s+(?:the\s+)?[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}\s+and\s+$")
_NEAR_RE = re.compile(
    r"\b(?P<cue>near|outside|around|close to|nearby|outskirts of|vicinity of|countryside of|"
    r"edge of|south of|north of|east of|west of|between)\s+(?:of\s+)?"
    r"(?:(?:the|a)\s+(?:[\w-]+\s+){0,4}?(?:city|town|village|province|capital)\s+"
    r"(?:of\s+|called\s+)?)?$",
    re.IGNORECASE,
)


_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(k).replace(r"\.", r"\.\s?") for k in sorted(PLACE_ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w])"
)
ORG_NOTE = "inside the name"
_ROAD_NAME_RE = re.compile(
    r"\b[A-Z][\w'’]*(?:-[A-Z][\w'’]*)+\s+(?:[Rr]oad|[Hh]ighway|[Ee]xpressway|[Mm]otorway|[Rr]ailway|"
    r"(?:(?:[Oo]il|[Gg]as)\s+)?[Pp]ipeline)\b"
)
# Jihadist groups name themselves after the lands they claim: "Islamic State West Africa
# Province", "al-Qaeda in the Arabian Peninsula". NER rarely reads those as one organisation.
_GROUP_BEFORE_RE = re.compile(
    r"\b(?:Islamic State|al[- ]Qa[e']?[i]?da|ISIS|ISIL)(?:\s+in)?(?:\s+the)?\s+$", re.IGNORECASE
)
DEMONYM_NOTE = "a nationality word"
_DEMONYM_RE = re.compile(r"\b[A-Z][a-z]+\b")
SENTENCE_LOOK_BACK = 2000  # characters searched back for the start of a sentence


@dataclass(slots=True)
class Mention:
    """A place name found in the text, with its gazetteer candidates and modifiers."""

    start: int
    end: int
    surface: str
    candidates: tuple[Entry, ...]
    match: str  # "exact", "loose" or "" (not in the gazetteer)
    confirmed: bool  # NER also calls it a place
    prefer: str = ""
    weak: bool = False  # NER calls it a person/organisation, or nothing marks it as a place
    near: bool = False
    bearing: str | None = None
    notes: list[str] = field(default_factory=list)
    reporting: bool = False  # names where the report was written or said
    in_person: bool = False  # part of a person's name as NER reads it ("Khalil Ibrahim al-Ahmad")
    person_like: bool = False  # read as a person's name by its context ("Hoda's sister"); weak too
    name_tail: bool = False  # the last word of a longer capitalised name ("Kone" of "Let Yet Kone")

    @property
    def votes(self) -> bool:
        """Whether the mention is evidence of the document's countries and divisions."""
        return not (self.reporting or self.in_person or self.name_tail)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text with its character offsets."""

    start: int
    end: int
    text: str


def tokens_of(text: str, within: Sequence[tuple[int, int]] | None = None) -> list[Token]:
    """The words of ``text`` in order, or of its character ranges ``within`` (in order)."""
    ranges = [(0, len(text))] if within is None else within
    return [Token(m.start(), m.end(), m.group()) for a, b in ranges for m in _TOKEN_RE.finditer(text, a, b)]


def _strong(h: Entry) -> bool:
    """A place big or curated enough to be named without a cue: a country, a province, a city."""
    return h.feature in ("PCLI", "ADM1", "CONT", "RGN") or h.population >= 50_000 or not h.source.startswith("geonames")


_INITIALS_RE = re.compile(r"[^\W\d_][\w'’]*")


def _spelled_out_before(text: str, start: int, end: int) -> bool:
    """An all-capital name in brackets whose letters are the initials of the capitalised words
    just before them: an acronym ("Central Reserve Police Force (CRPF)")."""
    surface = text[start:end]
    if not (surface.isupper() and text[start - 1 : start] == "(" and text[end : end + 1] == ")"):
        return False
    words = _INITIALS_RE.findall(text, max(0, start - 40 * len(surface)), start - 1)
    initials = "".join(w[0] for w in words if w[0].isupper())
    return len(surface) >= 2 and initials.endswith(surface.replace(".", ""))


def _area(h: Entry) -> bool:
    """A country, a province or a curated entry: its abbreviations and other names are its own."""
    return h.feature in ("PCLI", "ADM1") or not h.source.startswith("geonames")


def _own_name(h: Entry) -> bool:
    """The name looked up is the place's main one, or an area's (``_area``)."""
    return h.primary or _area(h)


def _capitalised(word: str) -> bool:
    """A capital first letter, also after an apostrophe or an elided article ("d'Ivoire")."""
    if word[:1].isupper() or (word[:1] in "'’‘" and word[1:2].isupper()):
        return True
    return len(word) > 2 and word[1] in "'’" and word[2:3].isupper()


_EZAFE = frozenset({"e", "i", "ye"})


def _ezafe(text: str, tokens: list[Token], k: int) -> bool:
    """``tokens[k]`` links two parts of a Persian name after a hyphen ("Sar-e Pul", "Pul-i-Khumri")."""
    return k > 0 and tokens[k].text in _EZAFE and text[tokens[k].start - 1 : tokens[k].start] in ("-", "‐", "‑")


def _unknown_hyphen_tail(text: str, tokens: list[Token], k: int, gaz: Gazetteer) -> bool:
    """``tokens[k]``, only another name of the places it reads as, is joined by a hyphen to a
    capitalised word that names no place itself ("Maiduguri" of "Maiduguri-Chabal" is a city's own
    name, and stays)."""
    nxt = tokens[k + 1]
    return (
        text[tokens[k].end : nxt.start] in ("-", "‐", "‑")
        and _capitalised(nxt.text)
        and not nxt.text.isupper()  # "Watertown-ML": a team's suffix
        and nxt.text.lower() not in NAME_CONNECTORS
        and gaz.find(nxt.text)[1] != "exact"  # a transliteration's namesake says nothing
        and not any(_own_name(h) for h in gaz.find(tokens[k].text)[0])
    )


def _joinable(text: str, left: Token, right: Token) -> bool:
    """Two words may sit in one name when only a space or a hyphen separates them."""
    gap = text[left.end : right.start]
    return gap in (" ", "-", "‐", "‑", "'s ", "’s ")


def _ent_at(ents: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int, str]]:
    """Entities overlapping ``[start, end)``; ``ents`` are spaCy's (in order, never overlapping)."""
    i = bisect.bisect_right(ents, start, key=lambda e: e[1])  # a scan made long texts quadratic
    out = []
    while i < len(ents) and ents[i][0] < end:
        out.append(ents[i])
        i += 1
    return out


def _lowercase_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\b[a-z][a-z]+\b", text))


UNKNOWN_NAME = "unknown"  # how a candidate span matched: a typed name the gazetteer lacks (``_unknown_name``)


def candidate_spans(text: str, tokens: list[Token], gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Longest capitalised n-grams that the gazetteer knows, left to right (token index spans),
    and names it lacks whose words it knows apart (matched ``UNKNOWN_NAME``)."""
    out = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.text in ("Operation", "Operations"):
            # "Operation Peace Spring", "Operation Inherent Resolve": a name, not places.
            i += 1
            while i < len(tokens) and _capitalised(tokens[i].text) and _joinable(text, tokens[i - 1], tokens[i]):
                i += 1
            continue
        if not _capitalised(tok.text) or tok.text.lower() in NOT_NAME_START:
            i += 1
            continue
        found = None
        last = i
        # Extend right while words are joinable and capitalised or connectors.
        j = i
        while j + 1 < len(tokens) and j + 1 - i < MAX_WORDS and _joinable(text, tokens[j], tokens[j + 1]):
            nxt = tokens[j + 1].text
            if not (_capitalised(nxt) or nxt.lower() in NAME_CONNECTORS or _ezafe(text, tokens, j + 1)):
                break
            j += 1
        last = j
        for k in range(last, i - 1, -1):
            if not _capitalised(tokens[k].text):
                continue
            surface = text[tok.start : tokens[k].end]
            hits, how = gaz.find(surface)
            if hits:
                found = (i, k, how)
                break
        if _unknown_name(text, tokens, i, last, found, gaz):
            # "Shirin Tagab district", "the Mir Ali area": a name the gazetteer does not know;
            # its words alone ("Tagab", "Ali") name other places.
            out.append((i, last, UNKNOWN_NAME))
            i = last + 1
            continue
        if found and found[1] < last and _unknown_hyphen_tail(text, tokens, found[1], gaz):
            # "Pont-Sondé", "Kafr-Zita": one name the gazetteer lacks; its first part alone
            # ("Pont", a French town's other name) is another place ("Gaza-Israel" names two;
            # in "the Maiduguri-Chabal-Magumeri road" the words after the tail are read on)
            i = found[1] + 2
            continue
        if found and found[1] < last and _ezafe(text, tokens, found[1] + 1):
            # "Pul-e-Matak", "Dasht-e-Barchi": a Persian compound the gazetteer lacks; its head
            # alone ("Pul", "Dasht") names some other place, and so may its tail.
            i = last + 1
            continue
        if found:
            out.append(found)
            i = found[1] + 1
        else:
            i += 1
    return out


# First words that do not make a longer name of the place after them: "Northern Kunduz",
# "Greater Cairo", "Two Afghans", "March"; demonyms and weekdays (``NOT_NAME_START``) are checked apart.
_NOT_A_NAME_HEAD = frozenset(
    {
        *BEARINGS,
        *(name.lower() for name in calendar.month_name if name),
        *"central upper lower greater inner outer old new rural downtown metropolitan".split(),
        *"one two three four five six seven eight nine ten".split(),
    }
)


def _unknown_name(
    text: str, tokens: list[Token], i: int, last: int, found: tuple[int, int, str] | None, gaz: Gazetteer
) -> bool:
    """Whether the capitalised words ``tokens[i..last]``, before a place-type noun in lower case
    ("Shirin Tagab district", "the Mir Ali area"), are one name the gazetteer lacks although it
    knows some of its words as small places: "Tagab" and "Ali" are other places. Not when a part
    is the own name of a country, a province or a big city ("Ali" is only another name of Ağrı),
    nor before a capitalised noun, which is often an institution's ("Rapides Parish Fire District")."""
    typed = (
        last + 1 < len(tokens)
        and tokens[last + 1].text in PLACE_HEADS
        and text[tokens[last].end : tokens[last + 1].start] == " "
    )
    run = tokens[i : last + 1]
    # an article or particle may join its words ("Bab al-Tabbaneh district", "Deir el-Ahmar area"),
    # not "of" or "the" ("Residents of the Jenin camp", "Achguara of the Ochamchire district")
    inner = [t.text for t in run[1:-1] if t.text.lower() not in _NAME_PARTICLES]
    if (
        not typed
        or last == i
        or any(not _capitalised(w) or w.lower() in PLACE_HEADS for w in (run[0].text, *inner, run[-1].text))
    ):
        return False
    head = run[0].text.lower()
    if head in _NOT_A_NAME_HEAD or head in DEMONYMS or head in NOT_NAME_START or run[0].text.isupper():
        return False
    if found is not None and (
        found[1] >= last or any(_big(h) for h in gaz.find(text[run[0].start : tokens[found[1]].end])[0])
    ):
        return False
    first = i + 1 if found is None else found[1] + 1
    rest = [
        gaz.find(text[tokens[j].start : tokens[k].end])[0] for j in range(first, last + 1) for k in range(j, last + 1)
    ]
    return any(rest) and not any(_big(h) for hits in rest for h in hits)


# Nouns of a facility or an outlet a place may be named after (see ``detect``); not "school",
# "home", "hospital", which follow a place that says where they are ("a Springfield school",
# "his parents' Algiers home") as often as one they are named after.
FACILITY_HEADS = frozenset(
    """roundabout junction intersection mosque church street square bridge tower hall complex
    news today press agency tv channel network radio newspaper ps""".split()
)
# French, Spanish and Portuguese put the facility's noun before its name: "l'hôpital
# Saint-Nicolas", "el hospital San Juan", "a escola Santa Rita" name a hospital, not a town.
ROMANCE_FACILITY_NOUNS = frozenset(
    """hôpital hopital hospital école escuela escola église iglesia igreja mosquée mezquita mesquita
    marché mercado prison prisión prisão cathédrale catedral université universidad universidade
    lycée collège colegio colégio stade estadio estádio clinique clínica""".split()
)
_NAME_PARTICLES = NAME_CONNECTORS - {"of", "the", "and", "y"}
# "a residential district of Benghazi", "the commercial district of Aden": a quarter of the city
_DIVISION_OF_RE = re.compile(r"\b(?:province|governorate|district|state|region) of\s+$", re.IGNORECASE)
# "dans la région de Mopti", "en la provincia de Ituri", "no estado do Pará": the division, not its seat
_ROMANCE_DIVISION_OF_RE = re.compile(
    r"\b(?:région|province|provincia|província|región|região|departamento|estado)\s+(?:de|du|do|da|d['’])\s*$",
    re.IGNORECASE,
)
_CITY_QUARTER_RE = re.compile(
    r"(?:\b(?:residential|commercial|business|industrial|central|old|poor|crowded|densely[- ]populated|"
    r"market|diplomatic|government|police)|\d(?:st|nd|rd|th))\s+district\s+of\s+$",
    re.IGNORECASE,
)
_KIN_HEADS = frozenset(KIN_NOUNS)
# A person's age after a name: "Sofia, 8,", "Ahmad (12)", "Ali, 34;".
# The first words of Arabic names ("Abu Salim", "Umm Qasr", "Kafr Nabl", "Souq al-Juma"): alone
# before another capitalised word they begin a longer name, never a town of their own ("Abu", India).
_ARABIC_NAME_HEADS = frozenset(
    "abu abou umm bani bir beir deir dayr beit bayt ain ein ayn kafr kfar tal tell ras wadi jabal jebel "
    "khirbet khirbat sheikh shaykh bab souq suq qasr hay".split()
)
_ARABIC_ARTICLE_AFTER = re.compile(r" (?:al|el|ad|ar|as|ash|az|an|at|adh|ath)[-‑](?=[^\W\d_])", re.IGNORECASE)
_ORDINAL_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th) \Z", re.IGNORECASE)
# "…, Rivers, Nigeria", "…, West, Cameroon": the country an address ends in, after a division
_COUNTRY_ENDING_AN_ADDRESS = re.compile(
    r"\s*,\s*([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|of|the)){0,4})\s*(?:[.,;:)]|$)"
)


def _division_in_an_address(text: str, start: int, end: int, hits: Sequence[Entry], gaz: Gazetteer) -> bool:
    """A word that is no place elsewhere ("Rivers", "West", "Southern") names a first-level
    division where an address has it before the country that division is of: "Elimgbu, Rivers,
    Nigeria", "Kombou, West, Cameroon"."""
    if not any(h.feature == "ADM1" for h in hits) or not text[:start].rstrip().endswith(","):
        return False
    after = _COUNTRY_ENDING_AN_ADDRESS.match(text, end)
    if after is None:
        return False
    countries = {h.country for h in gaz.find(after.group(1))[0] if h.feature == "PCLI"}
    return any(h.feature == "ADM1" and h.country in countries for h in hits)


_AGE_AFTER = re.compile(r",\s*(?:aged\s+)?\d{1,2}\s*(?:[,;)]|\.(?!\d))|\s*\(\s*(?:aged\s+)?\d{1,2}\s*\)")


# "Hoda's sister", "Sali's daughter": the name of someone whose relative is spoken of.
_POSSESSIVE_KIN_RE = re.compile(
    r"['’]s\s+(?:" + "|".join(sorted(KIN_WORDS | {"grandchildren", "grandsons", "granddaughters"})) + r")\b",
    re.IGNORECASE,
)
# A name that can be told apart from a person's by its size alone: a country, a province, a city
# of a million.
MAJOR_PLACE_POPULATION = 1_000_000


def _tail_of_a_name(text: str, tokens: list[Token], i: int) -> bool:
    """Whether the two words before token ``i`` are capitalised and run into it inside a sentence."""
    a, b = tokens[i - 2], tokens[i - 1]
    return (
        _capitalised(a.text)
        and _capitalised(b.text)
        and text[a.end : b.start] == " "
        and text[b.end : tokens[i].start] == " "
        and a.start > _sentence_start(text, tokens[i].start)
    )


def _major(h: Entry) -> bool:
    return h.feature in ("PCLI", "ADM1", "CONT", "RGN") or h.population >= MAJOR_PLACE_POPULATION


def _big(h: Entry) -> bool:
    """A country, a province or a big city under its own name (``_strong`` and ``_own_name``)."""
    return _strong(h) and _own_name(h)


def detect(
    text: str, ents: list[tuple[int, int, str]], gaz: Gazetteer, within: Sequence[tuple[int, int]] | None = None
) -> list[Mention]:
    """Every place mention in ``text``: gazetteer n-grams kept by the rules, plus NER places;
    with ``within``, names are looked for only in those character ranges (in order)."""
    tokens = tokens_of(text, within)
    lower_words = _lowercase_words(text)
    person_words = {
        w.lower() for s, e, lbl in ents if lbl == "PERSON" for w in text[s:e].split()[1:]
    } | _titled_or_speaking(text, tokens)
    # Every word of a person's full name ("Hoda Samir al-Khatib", "Lina Ali Hassan
    # Nouri"): where such a word recurs alone without a word of place ("Hoda's sister", "Hassan
    # and Ahmed were killed"), it is that person, one sense per text, unless a major place.
    full_name_words = {
        w.lower()
        for s, e, lbl in ents
        if lbl == "PERSON"
        and len(words := text[s:e].split()) > 1
        and not any(w.lower() in PLACE_HEADS or w.lower() in INSTITUTION_HEADS for w in words)  # "Village Malakal"
        for w in words
    }
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    dateline = dateline_span(text)
    roads = [r.span() for r in _ROAD_NAME_RE.finditer(text)]
    for start, end, full in abbreviations(text):
        hits, how = gaz.find(full)
        if hits:
            mentions.append(_modified(text, Mention(start, end, text[start:end], hits, how, True)))
            taken.append((start, end))
    spans = [
        (i, k, how)
        for i, k, how in candidate_spans(text, tokens, gaz)
        if not any(s < tokens[k].end and tokens[i].start < e for s, e in taken)
    ]
    # One sense per text: a name used once as "X virus" / "X pepper" is not a place anywhere.
    named_after = {
        strict_key(text[tokens[i].start : tokens[k].end])
        for i, k, _ in spans
        if k + 1 < len(tokens)
        and tokens[k + 1].text.lower() in NON_PLACE_HEADS
        and text[tokens[k].end : tokens[k + 1].start] in (" ", "-")
    }
    # … and an acronym spelled out once ("the Nigeria Immigration Service (NIS)") names that body
    # wherever it recurs ("three NIS officers"), not the city of Niš.
    acronyms = {
        text[tokens[i].start : tokens[k].end]
        for i, k, _ in spans
        if _spelled_out_before(text, tokens[i].start, tokens[k].end)
    }
    for i, k, how in spans:
        start, end = tokens[i].start, tokens[k].end
        surface = text[start:end]
        if how == UNKNOWN_NAME:  # unresolved here, with its whole name; the chain places it
            mentions.append(Mention(start, end, surface, (), "", False))
            taken.append((start, end))
            continue
        hits, _ = gaz.find(surface)
        if surface in acronyms and not any(_area(h) for h in hits):
            continue
        overlapping = _ent_at(ents, start, end)
        confirmed = any(lbl in PLACE_LABELS for _, _, lbl in overlapping)
        exact_norp = any(s == start and e == end and lbl == "NORP" for s, e, lbl in overlapping)
        if surface.lower() in DEMONYMS or strict_key(surface) in named_after:
            continue
        # Part of a longer NER place ("Nueva Ecija", "West Java"): the whole name decides.
        if any(lbl in PLACE_LABELS and _inside_longer_name(text, s, e, start, end) for s, e, lbl in overlapping):
            continue
        strong = any(_strong(h) for h in hits)
        # An organisation, person or title that merely contains the name is not a place use;
        # a country naming an organisation's nationality ("the U.S. Army") is kept, marked.
        inside = [
            text[s:e]
            for s, e, lbl in overlapping
            if lbl in OTHER_LABELS
            and (s < start or e > end)
            and not _head_suffix(text, end, e)
            and not (e == end and _ARTICLE_PREFIX_RE.fullmatch(text, s, start))
            and not _link_of_a_chain(text, s, e, start, end, lbl)
        ]
        group = _GROUP_BEFORE_RE.search(text[max(0, start - 40) : start])
        if group is not None and not inside:
            inside = [group.group(0) + surface]  # "Islamic State West Africa Province": a group
        road = next((text[a:b] for a, b in roads if a <= start and end <= b), None)
        if road is not None and not inside:
            inside = [road]  # "the Maiduguri-Damboa road" runs between towns: it is neither of them
        # A name inside an organisation's ("the Platte County Sheriff's Office", "University of
        # Toronto") is still a toponym: kept, marked, so it never places an event.
        exact_other = any(s == start and e == end and lbl in OTHER_LABELS for s, e, lbl in overlapping)
        weak = exact_other and not strong
        single = i == k
        word = tokens[i].text.lower()
        prev = tokens[i - 1].text.lower() if i > 0 else ""
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        # "near Manbij", and "the town of Kafr Zita": a type noun then "of".
        typed = prev == "of" and i > 1 and tokens[i - 2].text.lower() in PLACE_HEADS
        cue = (prev in LOCATIVE_CUES or typed) and tokens[i - 1].end > _sentence_start(text, start)
        if (
            single
            and (
                word in NON_PLACE_WORDS
                or (word in STOP_WORDS and not surface.isupper())
                or (word in lower_words and not confirmed)
            )
            and not _division_in_an_address(text, start, end, hits, gaz)
        ):
            continue
        # A surname elsewhere in the text ("Hajrit S. Sajjan" … "Sajjan said") is a person, and so
        # is the last of a run of capitalised words NER calls a person ("One soldier (Naik Aqeel Abbas)").
        if single and word in person_words and not strong:
            continue
        if (
            prev.rsplit("'", 1)[-1].rsplit("’", 1)[-1] in ROMANCE_FACILITY_NOUNS  # "l'hôpital"
            and text[tokens[i - 1].end : start] == " "
            and not any(_major(h) for h in hits)
        ):
            continue  # "l'hôpital Saint-Nicolas": the hospital's name
        if _ORDINAL_BEFORE.search(text, max(0, start - 12), start):
            continue  # "20th Street", "the 5th Battalion": a numbered street or unit, not a town
        if _ARABIC_ARTICLE_AFTER.match(text, end) and not any(_major(h) for h in hits):
            continue  # "Tal al-Hawa", "Beit el-Din": the first word of a longer name, not a small town
        if (
            single
            and word in _ARABIC_NAME_HEADS
            and nxt is not None
            and _capitalised(nxt.text)
            and text[end : nxt.start] == " "
            and not any(_major(h) for h in hits)
        ):
            continue  # "clashes in Abu Salim": the first word of a name the gazetteer lacks
        if single and _AGE_AFTER.match(text, end):
            continue  # "sisters Sofia, 8, and Anna, 5", "Ahmad (12)": a person and her age, whatever the name
        if single and prev == "the" and nxt is not None and nxt.text.lower() in _KIN_HEADS:
            continue  # "the Hassan family" is a family's name ("a Tacoma family" is one from Tacoma)
        if (
            single
            and not any(_strong(h) and _own_name(h) for h in hits)  # "Abbas" is Fort Abbas's other name
            and i > 0
            and _capitalised(tokens[i - 1].text)
            and text[tokens[i - 1].end : start] == " "
            and tokens[i - 1].start > _sentence_start(text, start)
            and any(s == start and e == end and lbl == "PERSON" for s, e, lbl in overlapping)
        ):
            continue
        if not confirmed and (prev in PERSON_TITLES or prev in KIN_WORDS):
            continue  # "Mayor Bingham", "Sheriff Beauregard", "his son Adam"
        if (
            single
            and prev in KIN_WORDS
            and tokens[i - 1].end > _sentence_start(text, start)
            and not any(_major(h) for h in hits)
        ):
            taken.append((start, end))  # nor does NER's place reading of it come back below
            continue  # "their daughter, Maymana", whatever NER thought: Maymana is also a town in Afghanistan
        # "Hoda's sister", "Yusuf and Hala's son"; "Hassan and his cousins" after "Hassan Omar
        # al-Nouri" (that name itself is kept, marked): a person, unless the document's own places
        # say otherwise (``keep_weak``: in a report on Greer, South Carolina, "Greer" stays a town).
        person_like = (
            single
            and not cue
            and not any(_major(h) for h in hits)
            and (
                _POSSESSIVE_KIN_RE.match(text, end) is not None
                or (
                    word in full_name_words
                    and not confirmed
                    and all(s == start and e == end for s, e, _ in overlapping)
                )
            )
        )
        # Short all-capital words are acronyms ("AI", "WHO", the agency "SANA") unless a
        # curated/strong name that is a place's own name ("GAZA"), a country's or a province's:
        # another place's alternate spelling ("Sana" for Sanaa) is not enough.
        at_dateline = dateline is not None and dateline.start <= start < dateline.end  # "KHAR: …"
        if surface.isupper() and len(surface) <= 4 and not any(_strong(h) and _own_name(h) for h in hits):
            if not at_dateline:
                continue
        # "(DRC)", "(NSW)" spelled out are still places (``acronyms`` above)
        adjective = (
            nxt is not None
            and nxt.text.islower()
            and text[end : nxt.start] == " "
            and nxt.text not in _FOLLOW_OK
            and nxt.text not in PLACE_HEADS
        )
        # Before a noun, a big city's other name ("Molotov" for Perm, "Abo" for Turku) is as often
        # a word of something else ("Molotov cocktails", "the Abo church"): only its own name
        # counts; before a verb ("Shelling of Douma killed") any of its names does.
        before_noun = adjective and nxt is not None and not nxt.text.endswith("ed")
        big = any(_strong(h) and _own_name(h) for h in hits) if before_noun else strong
        # A name before a facility's or an outlet's noun may be that facility's name ("the Kuwait
        # roundabout" in Gaza, "Safa news") or say where it is ("a Kabul mosque"): the document's
        # own places decide (``keep_weak``).
        named_facility = (
            single
            and not cue
            and nxt is not None
            and nxt.text.lower() in FACILITY_HEADS
            and text[end : nxt.start] in (" ", ".")
            and not any(h.feature in ("ADM1", "CONT", "RGN") for h in hits)
        )
        if (adjective and not (confirmed or exact_norp or cue or big)) or named_facility:
            weak = True  # "Esperance residents" or "Aleppo soap": decided by the context
        if not (confirmed or exact_norp or strong or cue or how == "exact" and not single):
            weak = True
        if (typed or at_dateline) and how == "exact":
            weak = False  # "the village of X" and a dateline say it is a place, whatever NER thought
        if how == "loose" and surface.isupper():
            continue  # acronyms ("ANA") never match by transliteration
        if how == "loose" and not (confirmed or cue):
            weak = True  # "Hawija" for Al Hawijah: kept when it sits among the document's places
        weak = weak or person_like
        mention = _modified(
            text, Mention(start, end, surface, hits, how, confirmed, weak=weak, person_like=person_like)
        )
        if inside:
            mention.notes.append(f"{ORG_NOTE} '{inside[0]}'")
            # Inside a person's name ("Khalil Ibrahim al-Ahmad", "Nour Ali"): no evidence of the
            # document's countries, however big the namesake ("Khalil" is also Hebron).
            # (not a name typed as a division: "Rapides Parish Fire" read as a person is a parish's
            # fire district, and a person is never named "X County")
            mention.in_person = not _typed_division(surface) and any(
                lbl == "PERSON" and s == start and e > end for s, e, lbl in overlapping
            )
        elif _owner_head(text, end) in INSTITUTION_HEADS and any(h.feature == "PCLI" for h in hits):
            # "a US military investigation", "US-made bombs", "Turkey's Defence Ministry": whose, not where.
            mention.notes.append(f"{ORG_NOTE} '{surface} {_owner_head(text, end)}'")
        elif weak and single and i > 1 and not strong and _tail_of_a_name(text, tokens, i):
            # "Let Yet Kone bombing": the last word of a name the gazetteer lacks; its namesake
            # abroad (Koné) is no evidence of the report's country
            mention.name_tail = True
        mentions.append(mention)
        taken.append((start, end))
    # NER places the gazetteer does not know are kept, unresolved, with their text.
    taken_ents = sorted((ts, te, "") for ts, te in taken)  # in text order, like the entities
    for s, e, lbl in ents:
        if lbl not in ("GPE", "LOC") or _ent_at(taken_ents, s, e):
            continue
        e = _ezafe_tail(text, e)  # NER cuts "Gulshan-e-Maymar" at its first hyphen
        surface = text[s:e]
        if surface.lower().startswith("the "):
            s, surface = s + 4, surface[4:]
        if surface.endswith(("'s", "’s")):
            e, surface = e - 2, surface[:-2]  # "St. Petersburg’s mayor": the name, not its 's
        if (
            not surface
            or surface.lower() in DEMONYMS
            or not _capitalised(surface)
            or surface.lower() in NON_PLACE_WORDS
            or surface.lower() in lower_words
            or (surface.lower() in STOP_WORDS and not surface.isupper())
        ):
            continue
        if strict_key(surface) in named_after or _head_word(text, e) in NON_PLACE_HEADS:
            continue
        if " " not in surface and _AGE_AFTER.match(text, e):
            continue  # "Sofia, 8," is a girl, whatever NER thought
        if (
            " " not in surface
            and surface.lower() in person_words
            and not any(h.population >= 50_000 or h.feature in ("PCLI", "ADM1") for h in gaz.find(surface)[0])
        ):
            continue  # "Bingham to offer plan …" where "Mayor Ryan Bingham" names the man
        short = surface.replace(" ", "")
        if short in ABBREVIATIONS_AFTER_COMMA and not re.search(r"\w,\s*$", text[max(0, s - 3) : s]):
            continue  # "attended Mass." even when NER calls it a place
        hits, how = gaz.find(PLACE_ABBREVIATIONS.get(short, surface))
        words = surface.split()
        if not hits and len(words) > 1 and words[-1].lower() in PLACE_HEADS:
            hits, how = gaz.find(" ".join(words[:-1]))
        if (not hits or how == "loose") and (surface.isupper() or len(surface) < 3):
            continue
        mention = _modified(text, Mention(s, e, surface, hits, how, True))
        if len(words) > 1 and words[-1].lower() in PLACE_HEADS:
            mention.prefer = mention.prefer or PLACE_HEADS[words[-1].lower()]
        mentions.append(mention)
    mentions.extend(_names_before_divisions(text, mentions))
    mentions.sort(key=lambda m: m.start)
    return mentions


_NAME_BEFORE_AREA_RE = re.compile(
    r"(?P<name>[A-Z][\w'’]+(?:[ -](?:[A-Z][\w'’]+|al|el|e|ad|ar|as|ash|az|de|du|la))*)"
    r"(?:\s+(?:" + "|".join(sorted(CHAIN_HEADS, key=len, reverse=True)) + r"))?,\s*$"
)


def _names_before_divisions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names the gazetteer and NER miss, found by the sentence's shape: "X, Badghis, Afghanistan"
    or "in X, Badghis province" (a division after the comma, and a country after it or a
    locative word before X). They stay unresolved here; the chain places them."""
    out = []
    for m in mentions:
        if not any(c.feature in ("ADM1", "ADM2") for c in m.candidates):
            continue
        lo = max(0, m.start - 80)
        found = _NAME_BEFORE_AREA_RE.search(text, lo, m.start)
        if found is None or found.end() != m.start:
            continue
        start, end = found.span("name")
        words = found.group("name").split()
        if words[0].lower() in NOT_NAME_START or words[0].lower() in NON_PLACE_WORDS:
            continue
        if any(o.start < end and start < o.end for o in mentions):
            continue
        before = re.search(r"(\w+)\s+(?:the\s+)?$", text[max(0, start - 30) : start])
        cue = before is not None and (
            before.group(1).lower() in LOCATIVE_CUES or before.group(1).lower() in CHAIN_HEADS
        )
        country_next = re.match(
            r"(?:\s+(?:province|governorate|state|region|district))?,\s*[A-Z]", text[m.end : m.end + 30]
        )
        if cue or country_next:
            out.append(Mention(start, end, text[start:end], (), "", False))
    return out


def _titled_or_speaking(text: str, tokens: list[Token]) -> set[str]:
    """Surnames by their shape: after a title ("Mayor Ryan Bingham") or before a verb of saying
    ("Bingham said"); one sense per text, so "Bingham" is a person everywhere in it."""
    out = set()
    for i, tok in enumerate(tokens):
        if tok.text.lower() in PERSON_TITLES and text[tok.end : tok.end + 2].strip(". ") == "":
            j = i + 1
            while (
                j < len(tokens)
                and _capitalised(tokens[j].text)
                and _joinable(text, tokens[j - 1], tokens[j])
                or (j == i + 1 and j < len(tokens) and _capitalised(tokens[j].text))
            ):
                j += 1
            if j > i + 1:
                out.add(tokens[j - 1].text.lower())
        elif (
            tok.text in SPEECH_VERBS
            and i > 0
            and _capitalised(tokens[i - 1].text)
            and text[tokens[i - 1].end : tok.start] == " "
        ):
            out.add(tokens[i - 1].text.lower())
    return out


def _sentence_start(text: str, pos: int) -> int:
    """Offset where the sentence holding ``pos`` starts (a cheap look-back for . ! ? or newline)."""
    lo = max(0, pos - SENTENCE_LOOK_BACK)  # bounded: a 1 MB line without a full stop is no sentence
    cut = max(
        text.rfind(". ", lo, pos), text.rfind("\n", lo, pos), text.rfind("? ", lo, pos), text.rfind("! ", lo, pos)
    )
    return cut + 1 if cut >= 0 else lo


def _owner_head(text: str, end: int) -> str:
    """The word after a name, past a possessive ("Turkey's Defence" → "defence")."""
    m = re.match(r"(?:['’]s)?[ -](\w+)", text[end : end + 30])
    return m.group(1).lower() if m else ""


def _head_word(text: str, end: int) -> str:
    """The lowercased word right after ``end`` (after one space or hyphen), or ""."""
    m = re.match(r"[ -](\w+)", text[end : end + 30])
    return m.group(1).lower() if m else ""


_NOT_NAME_PARTS = frozenset({"the", "of", *PLACE_HEADS, *BEARINGS})


def _inside_longer_name(text: str, s: int, e: int, start: int, end: int) -> bool:
    """True when entity [s, e) holds the name plus other capitalised words, with no comma."""
    if s > start or e < end or (s == start and e == end) or _head_suffix(text, end, e):
        return False
    if re.search(r"[,;:()/]|\s[-–—]\s| and ", text[s:e]):
        return False  # a list or an apposition ("Central Africa - Nigeria"), not one name
    before = [w for w in text[s:start].split() if w.lower() not in _NOT_NAME_PARTS]
    if not before and " " in text[start:end]:
        return False  # a known multi-word name heads a longer, unknown one ("Orange County …")
    extra = (text[s:start] + " " + text[end:e]).strip()
    # "the City of Santa Ana", "Northern Europe": type nouns and compass words are not a name.
    return any(_capitalised(w) and w.lower() not in _NOT_NAME_PARTS for w in extra.split())


# An entity that only adds the Arabic article before the name ("al-Mayadin", "ar-Raqqa") is the
# name itself, whatever NER called it, not an organisation holding it.
_ARTICLE_PREFIX_RE = re.compile(r"(?:al|el|ar|as|ad|ash|az|an|at)[-‐‑]", re.IGNORECASE)


# the division kinds of ``PLACE_HEADS``, and Louisiana's parishes
_DIVISION_TYPE_WORDS = frozenset(w for w, kind in PLACE_HEADS.items() if kind in ("ADM", "ADM2", "STATE")) | {"parish"}


def _typed_division(surface: str) -> bool:
    """A name that carries its division's type word ("Rapides Parish", "Platte County")."""
    words = surface.split()
    return len(words) > 1 and words[-1].lower() in _DIVISION_TYPE_WORDS


_CHAIN_LINK_RE = re.compile(r",\s*|\s+and\s+")
_IN_LINK_RE = re.compile(r",\s*|\s+and\s+|\s+in\s+")


def _link_of_a_chain(text: str, ent_start: int, ent_end: int, start: int, end: int, label: str) -> bool:
    """True when an entity is a chain of names and this one is a whole link of it: "Rann, Borno"
    or "Imo and Anambra, Nigeria" taken for an organisation are places named one inside the
    next, not a name holding a place ("the Air Force School in Beersheba", "Sitio Bohe Bekew").
    Only an organisation's name holds "in" ("Islamic State in Iraq"): "Sisay Fida in Dembi Dolo",
    whatever label it was given, is a person and where, "the massacre in Bucha" an event and where.
    """
    links = list((_CHAIN_LINK_RE if label == "ORG" else _IN_LINK_RE).finditer(text, ent_start, ent_end))
    if not links:
        return False
    return (start == ent_start or any(m.end() == start for m in links)) and (
        end == ent_end or any(m.start() == end for m in links)
    )


def _head_suffix(text: str, end: int, ent_end: int) -> bool:
    """True when an entity only extends the name by a place noun ("Aleppo Province")."""
    rest = text[end:ent_end].strip().lower()
    return rest in PLACE_HEADS


_EZAFE_TAIL_RE = re.compile(r"(?:[-‐‑](?:e|i|ye|ul|ur|al)[-‐‑][A-Z][\w'’]*)+")


def _ezafe_tail(text: str, end: int) -> int:
    """Where a name cut at a Persian or Urdu link ends: "Gulshan" of "Gulshan-e-Maymar"."""
    m = _EZAFE_TAIL_RE.match(text, end)
    return m.end() if m else end


def _modified(text: str, m: Mention) -> Mention:
    """Apply the words around a mention: place-type heads, bearings and near cues."""
    after = re.match(r"\s+(\w+)", text[m.end : m.end + 30])
    head = after.group(1).lower() if after else ""
    before = text[max(0, m.start - 80) : m.start]
    own = m.surface.split()[-1].lower() if " " in m.surface else ""
    if own in PLACE_HEADS and PLACE_HEADS[own] != "NEAR":
        m.prefer = PLACE_HEADS[own]  # "Plateau State", "Kunar Province": the name says its kind
    if head in PLACE_HEADS:
        kind = PLACE_HEADS[head]
        if kind == "NEAR":
            m.near = True
            m.notes.append(f"'{head}' after the name")
        elif head == "village" and any(c.feature == "ADM1" for c in m.candidates):
            # "Junta airstrike on Sagaing village", "an Idlib village": a village of the
            # province, not the town that shares its name
            m.prefer = "ADM"
        else:
            m.prefer = kind
    if m.prefer == "PPL" and head in ("city", "town"):
        pass  # "the district of Kandahar city": the name's own head says which
    elif (_DIVISION_OF_RE.search(before) and not _CITY_QUARTER_RE.search(before)) or _ROMANCE_DIVISION_OF_RE.search(
        before
    ):
        m.prefer = "ADM"
    elif re.search(r"\b(?:city|town|village) of\s+$", before, re.I):
        # "the town of Marib": the settlement, not the province that shares its name.
        m.prefer = m.prefer or "PPL"
    bearing = _BEARING_RE.search(before)
    if bearing:
        m.bearing = BEARINGS.get(
            bearing.group("dir").lower().replace(" ", "-"), BEARINGS.get(bearing.group("dir").lower())
        )
        m.near = True
        m.notes.append(f"'{bearing.group(0).strip()}' before the name")
    elif near := _NEAR_RE.search(before):
        m.near = True
        m.notes.append(f"'{near.group('cue')}' before the name")
    elif _BETWEEN_RE.search(before):
        m.near = True  # "between Ouallam and Banibangou": the road, at either end
        m.notes.append("'between' before the name")
    adj = re.search(
        r"\b(northern|southern|eastern|western|north-eastern|north-western|"
        r"south-eastern|south-western|northeastern|northwestern|southeastern|"
        r"southwestern)\s+$",
        before,
        re.I,
    )
    if adj:
        m.bearing = BEARINGS.get(adj.group(1).lower())
        m.notes.append(f"'{adj.group(1)}' part of the place")
    return m


def abbreviations(text: str) -> list[tuple[int, int, str]]:
    """Abbreviated place names ("Lowell, Mass.", "S.C.", "W. Va.") as (start, end, full name)."""
    out = []
    for m in _ABBREVIATION_RE.finditer(text):
        key = m.group().replace(" ", "")
        if key not in PLACE_ABBREVIATIONS:
            continue
        if key in ABBREVIATIONS_AFTER_COMMA and not re.search(r"\w,\s*$", text[max(0, m.start() - 3) : m.start()]):
            continue  # "attended Mass." is a service; "Lowell, Mass." a state
        out.append((m.start(), m.end(), PLACE_ABBREVIATIONS[key]))
    return out


def demonyms(text: str, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Nationality words ("Palestinian", "Sri Lankan", "Russians") as (start, end, ISO2), and
    those of regions ("Chechen", "Texans") as (start, end, the region's name).

    They name a country without placing anything in it ("Russian artists"), so they are kept as
    toponyms of the country but never used as an event's place.
    """
    out = []
    words = list(_DEMONYM_RE.finditer(text))
    skip_to = 0
    for i, m in enumerate(words):
        if m.start() < skip_to:
            continue
        start, word = m.start(), m.group()
        nxt = words[i + 1] if i + 1 < len(words) else None
        two = f"{word} {nxt.group()}".lower() if nxt is not None else ""
        if (
            nxt is not None
            and two
            and text[m.end() : nxt.start()] == " "
            and any(t in table for t in (two, two[:-1]) for table in (DEMONYMS, REGION_DEMONYMS))
        ):
            word = text[start : nxt.end()]  # "Sri Lankan", "South Africans"
        key = word.lower()
        iso2 = (
            DEMONYMS.get(key)
            or (DEMONYMS.get(key[:-1]) if key.endswith("s") else None)
            or REGION_DEMONYMS.get(key)
            or (REGION_DEMONYMS.get(key[:-1]) if key.endswith("s") else None)
        )
        if iso2 is None:
            continue
        skip_to = end = start + len(word)
        if any(lbl == "LANGUAGE" and s <= start < e for s, e, lbl in _ent_at(ents, start, end)):
            continue  # "speaks Russian" names a language
        out.append((start, end, iso2))
    return out


def focus_evidence(text: str, ents: list[tuple[int, int, str]]) -> list[str]:
    """Countries hinted by nationality adjectives (spaCy NORP spans)."""
    out = []
    for s, e, lbl in ents:
        if lbl == "NORP" and not names_attacker(text, e):
            cc = DEMONYMS.get(strict_key(text[s:e]))
            if cc:
                out.append(cc)
    return out
