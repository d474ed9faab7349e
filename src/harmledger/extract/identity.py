"""Identity cues: what names one event beyond its place and day.

Where strikes are many (a city under bombardment, a province with several attacks a day), two
reports of the same town and day are often different events; what tells them apart, or shows
them to be one, is in the text around the figure: the family whose home was hit ("the Haddad
family"), the victims' names ("Ahmad Saleh (41)"), a named site ("Al-Nour Hospital"), the
neighbourhood, street or camp ("the Rimal neighbourhood", "Jabalia camp": a camp is a whole
district, not a target), and the time of day ("at dawn").

``attach_identity`` sets ``Claim.identity`` to cues such as ``family:haddad``,
``name:ahmad saleh``, ``site:al nour hospital``, ``area:rimal`` and ``time:night``, found in the
claim's sentence and the sentences either side of it (``WINDOW_CHARS``). Reconciliation compares
them across documents (``incidents.rules``: shared cues join, clearly different ones keep apart).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace

from harmledger.records import (
    AREA_CUE_PREFIX,
    HOUSEHOLD_CUE_PREFIX,
    KIN_NOUNS,
    OTHER_EVENT_CUE,
    PART_OF_TOTAL_CUE,
    SITE_CUE_PREFIX,
    STORY_CUE_PREFIX,
    TOLL_REVISION_PARTICLE,
    TOLL_RISE_VERBS,
    TOLL_UPDATE_CUE,
    VILLAGE_CUE_PREFIX,
    Claim,
    Document,
    Span,
)

# How far around the claim's sentence cues are looked for: about one sentence either side.
WINDOW_CHARS = 250

# "Haddad", "al-Masri", "Abu Hamad", "Dasht-e-Barchi" (a Persian name joined by its "-e-")
_NAME_WORD = (
    r"(?:(?:[Aa]l|[Ee]l|Abu|Abou|Bani|Beit|Bin|Ben|Abd|Abdel|Abdul)[-\s])?[A-Z][\w'’]+(?:-(?:[ei]-)?[A-Z][\w'’]+)?"
)

# "the Haddad family", "the al-Masri family home", "the Abu Hamad families", "Bani Suheila clan"
_FAMILY = re.compile(rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+(?:{'|'.join(KIN_NOUNS)})\b")
# "the family of Khalil Awad" names a person, not a family name: not taken.

# Words that start a capitalised phrase without naming a family or a site.
_NOT_NAMES = frozenset(
    {
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "one",
        "each",
        "every",
        "another",
        "other",
        "same",
        "whole",
        "entire",
        "extended",
        "royal",
        "first",
        "second",
        "third",
        "this",
        "that",
        "these",
        "those",
        "whose",
        "which",
        "local",
        "victim",
        "victims",
        "civilian",
        "civilians",
        "palestinian",
        "israeli",
        "syrian",
        "afghan",
        "iraqi",
        "yemeni",
        "nigerian",
        "somali",
        "kurdish",
        "arab",
        "muslim",
        "christian",
        "gaza",
        "displaced",
        "bereaved",
        "large",
        "big",
        "small",
        "single",
        "nuclear",
        "host",
        "crime",
        "ruling",
        "in",
        "on",
        "at",
        "of",
        "from",
        "and",
        "but",
        "when",
        "after",
        "before",
        "while",
        "where",
        "killed",
        "wounded",
        "injured",
        "including",
        "among",
        "both",
        "all",
        "several",
        "many",
        "most",
        "some",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    }
)

_FACILITY_NAMES = (
    "Hospital|School|Mosque|Church|Market|Bakery|University|Clinic|Tower|Stadium|"
    "Medical Complex|Medical Center|Medical Centre|Health Center|Health Centre|Shelter|"
    "Hotel|Restaurant|Cafe|Café|Prison|Jail|Mall|Bazaar|Temple|Shrine|Madrasa|Madrassa|Seminary|"
    "Airport|Wedding Hall|Police Station"
)
_FACILITY = f"(?i:{_FACILITY_NAMES})"
# A named facility is the event's site only when the text says it was hit ("a strike on the
# Al-Nour Hospital", "shelling near the Central Market"); the hospital the wounded were taken to,
# or where a source spoke, is not.
_TARGETED = re.compile(
    r"\b(?:hit|hits|struck|strikes?|attack(?:ed|s)?|bomb(?:ed|ing|s)?|shell(?:ed|ing)?|"
    r"target(?:ed|ing)?|storm(?:ed|ing)?|raid(?:ed|s)?|fired? on|inside|courtyard|sieges?|besieged|assault|"
    r"near|outside|destroy(?:ed|ing)?|damag(?:ed|ing))\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# "Al-Nour Hospital", "the al-Shifa hospital", "Jabalia Camp" (the facility word may be lower case)
_SITE = re.compile(rf"\b((?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,2}})\s+({_FACILITY})\b")
_SITE_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}$")

# "the Rimal neighbourhood", "Omar Mukhtar Street", "the Kuwait roundabout", "the neighbourhood of Rimal"
_AREA_AFTER = re.compile(
    rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s+(?i:neighbou?rhood|quarter|street|road|roundabout|square|"
    rf"refugee camp|camp|junction|intersection)\b"
)
# "Kadawa village", "Kadawa community", "the village of Kadawa": a village the gazetteer may lack,
# named alike by every report of its attack (a city's neighbourhood is hit again and again; a
# village's day, seldom)
_VILLAGE = re.compile(rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+(?i:village|community|hamlet|settlement)\b")
_VILLAGE_PAIR = re.compile(  # "the Mushu and Hurti communities": two villages of one attack
    rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+and\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+"
    r"(?i:villages|communities|hamlets|settlements)\b"
)
_VILLAGE_OF = re.compile(rf"\b(?i:village|hamlet|settlement)\s+of\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?)")
# A site for displaced people is named like a village, and hit as seldom on one day: "the Lala
# displacement site", "a camp for displaced people at Lala", "the displacement site of Plaine Savo"
_DISPLACEMENT_SITE = re.compile(
    rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+(?i:displacement|IDP)\s+(?i:site|camp)\b|"
    rf"\b(?i:displacement\s+(?:site|camp)|(?:site|camp)\s+for\s+(?:internally\s+)?displaced\s+(?:people|persons))"
    rf"\s+(?i:at|in|of|near)\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)
_AREA_BEFORE = re.compile(
    rf"\bthe\s+(?:neighbou?rhood|quarter|area|district)\s+of\s+({_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)

# "Ahmad Saleh (41)", "Mona Saleh, 35,", "identified as Omar Khaled"
_AGED_NAME = re.compile(rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*(?:\((\d{{1,2}})\)|,\s*(\d{{1,2}}),)")
_NAMED_AS = re.compile(rf"\b(?:named|identified)\s+as\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})")

_TIMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "night",
        re.compile(
            r"\b(?:overnight|at night|late at night|midnight|late-night|in the night|"
            r"during the night|before dawn|pre-dawn|predawn|early hours|last night|"
            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+night)\b",
            re.IGNORECASE,
        ),
    ),
    ("morning", re.compile(r"\b(?:at dawn|in the morning|early morning|morning|at sunrise)\b", re.IGNORECASE)),
    ("afternoon", re.compile(r"\b(?:in the afternoon|afternoon|at noon|midday)\b", re.IGNORECASE)),
    ("evening", re.compile(r"\b(?:in the evening|evening|at dusk|at sunset|after iftar)\b", re.IGNORECASE)),
)

# What each cue's pattern cannot match without, looked for in the lowered window first: most
# windows hold none of it, and the patterns' own scans (from every position, for a capitalised
# name) were a twentieth of ingest. Each is implied by its pattern, so no cue is lost.
_NEEDS: dict[re.Pattern[str], re.Pattern[str]] = {
    _FAMILY: re.compile("|".join(KIN_NOUNS)),
    _SITE: re.compile(_FACILITY_NAMES.lower()),
    _AREA_AFTER: re.compile(r"neighbo|quarter|street|road|roundabout|square|camp|junction|intersection"),
    _VILLAGE: re.compile(r"village|community|hamlet|settlement"),
    _VILLAGE_OF: re.compile(r"(?:village|hamlet|settlement) of"),
    _VILLAGE_PAIR: re.compile(r"villages|communities|hamlets|settlements"),
    _DISPLACEMENT_SITE: re.compile(r"displace|idp"),
    _AREA_BEFORE: re.compile(r"neighbo|quarter|area|district"),
    _AGED_NAME: re.compile(r"[(,]\s*\d"),
    _NAMED_AS: re.compile(r"named|identified"),
    _TIMES[0][1]: re.compile(r"night|dawn|early hours"),
    _TIMES[1][1]: re.compile(r"dawn|morning|sunrise"),
    _TIMES[2][1]: re.compile(r"afternoon|noon|midday"),
    _TIMES[3][1]: re.compile(r"evening|dusk|sunset|iftar"),
}


def _found(pattern: re.Pattern[str], text: str, lowered: str) -> Iterator[re.Match[str]]:
    return pattern.finditer(text) if _NEEDS[pattern].search(lowered) else iter(())


_PREFIX = re.compile(r"^(?:al|el)[-\s]+", re.IGNORECASE)
_PUNCT = re.compile(r"[^\w\s]")


def normalise_name(text: str) -> str:
    """Lower case, no punctuation, no leading article ("al-Masri" and "Masri" are one family)."""
    text = _PREFIX.sub("", text.replace("’", "'").strip())
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def _first_word_ok(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and words[0].lower().strip("'’") not in _NOT_NAMES


def identity_cues(text: str) -> tuple[str, ...]:
    """Every identity cue in ``text``, sorted, each as ``kind:value``."""
    cues: set[str] = set()
    lowered = text.lower()
    for m in _found(_FAMILY, text, lowered):
        phrase = _trim_leading(m.group(1))
        if phrase and _first_word_ok(phrase):
            cues.add("family:" + normalise_name(phrase))
    for m in _found(_SITE, text, lowered):
        name = _after_possessive(_trim_leading(m.group(1)))
        before = text[max(0, m.start() - 60) : m.end(1) - len(name)]
        if (
            name
            and _first_word_ok(name)
            and _SITE_NAME.match(name)
            and not _OPERATOR.fullmatch(name)
            and _TARGETED.search(before)
        ):
            cues.add(f"{SITE_CUE_PREFIX}{normalise_name(name)} {m.group(2).lower()}")
    for m in _found(_AREA_AFTER, text, lowered):
        name = _after_possessive(_trim_leading(m.group(1)))
        if name and _first_word_ok(name) and name[0].isupper():
            cues.add(AREA_CUE_PREFIX + normalise_name(name))
    for pattern in (_VILLAGE, _VILLAGE_OF, _VILLAGE_PAIR, _DISPLACEMENT_SITE):
        for m in _found(pattern, text, lowered):
            for group in m.groups():
                name = _trim_leading(group or "")
                if name and _first_word_ok(name) and name[0].isupper():
                    cues.add(VILLAGE_CUE_PREFIX + normalise_name(name))
    for m in _found(_AREA_BEFORE, text, lowered):
        if _first_word_ok(m.group(1)):
            cues.add(AREA_CUE_PREFIX + normalise_name(m.group(1)))
    for m in _found(_AGED_NAME, text, lowered):
        name = _trim_leading(m.group(1))
        if name and len(name.split()) >= 2 and _first_word_ok(name):
            cues.add("name:" + normalise_name(name))
    for m in _found(_NAMED_AS, text, lowered):
        if _first_word_ok(m.group(1)):
            cues.add("name:" + normalise_name(m.group(1)))
    for label, pattern in _TIMES:
        if next(_found(pattern, text, lowered), None):
            cues.add("time:" + label)
    return tuple(sorted(cues))


# Who runs a facility, not its name: "a UN school", "the UNRWA school", "a government hospital";
# another acronym is the facility's own name ("the SYL Hotel", "the KFC restaurant")
_OPERATOR = re.compile(
    r"UN|UNRWA|UNICEF|UNHCR|UNDP|WFP|WHO|IOM|ICRC|IRC|NRC|MSF|NGO|"
    r"(?i:United Nations|Red Cross|Red Crescent|Government|State|Public|Private|Military)"
)


def _after_possessive(name: str) -> str:
    """The name after a town's possessive ("Gaza's Nuseirat" → "Nuseirat"): the town says where."""
    for mark in ("'s ", "’s "):
        if mark in name:
            name = name.rsplit(mark, 1)[1]
    return name


def _trim_leading(phrase: str) -> str:
    """Drop leading words that only introduce a name ("The Haddad" → "Haddad")."""
    words = phrase.split()
    while words and words[0].lower() in _NOT_NAMES:
        words.pop(0)
    return " ".join(words)


# "The blast came two days after a mortar attack on the palace that wounded three soldiers": the
# figure belongs to another, earlier (or later) event the report mentions in passing. An
# indefinite article (or any phrase but "the attack", "the bombing") marks it as another event; a
# comma before the figure would end the phrase ("two days after the bombing, the toll rose to 40"
# is the same event's update).
_CAME_APART = (
    r"(?:(?:came|comes|happened|occurred)\s+(?:(?:just|only|barely|hours?|days?|weeks?|months?|a|an|one|two|"
    r"three|four|five|six|several|few|\d+)\s+){0,3}(?:after|before)\s|"
    # "The attack followed days of clashes … in which dozens have died": the fighting before it
    r"(?:followed|follows|came\s+after)\s+(?:several\s+)?(?:days|weeks|months|years)\s+of\s)"
)
_CAME_APART_RE = re.compile(r"\b" + _CAME_APART, re.IGNORECASE)
_OTHER_EVENT = re.compile(
    # "… a day after the army said it had killed 12 fighters": another event, though "the" opens it
    r"\b(?:(?:hours?|days?|weeks?|months?)\s+(?:after|before)\s+"
    r"(?!(?:the|this|that|its)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|bombings?|strikes?|blasts?|explosions?|raids?|"
    r"massacres?|assaults?|shootings?|shelling|fighting|clashes|incident|ambush)\b)|"
    # "… after Monday's mosque bombing in the old city that killed 11"
    r"(?:after|before|following)\s+(?:last\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s\s|"
    # "The attack came days after the drone strike on the camp that killed four": the report's event
    # set beside another, whichever article names it
    rf"{_CAME_APART})[^,;:]*$",
    re.IGNORECASE,
)
# "… came a day after the militants fired mortars at the airport, injuring two contractors": the
# earlier attack's own harm, told in a participle after it ("two days after the bombing, the toll
# rose to 40" tells no such harm, and stays the report's event)
_OTHER_EVENT_HARMING = re.compile(
    r"\b(?:hours?|days?|weeks?|months?)\s+(?:after|before)\s+[^;:.]*,\s+(?:killing|injuring|wounding|leaving)\s+$",
    re.IGNORECASE,
)
# "Separately, shelling of a village north of the city killed two men": a sentence the writer
# opens as another event ("separately", "elsewhere", "in a separate attack", "in another
# incident") reports one of its own, whatever it shares with the report's main event.
_ANOTHER_EVENT_OPENING = re.compile(
    r"^\W*(?:separately|elsewhere|in\s+(?:a\s+separate|another|an\s+unrelated)\s+\w+)\b", re.IGNORECASE
)
# "The day before, a guided bomb hit a market in the city, killing 19": a sentence opening on
# another day tells of another event. A toll given that day ("A day earlier, officials had put
# the toll at 12") is the same event's earlier count, so a statement is not one.
_ANOTHER_DAY_OPENING = re.compile(
    r"^\W*(?:the\s+(?:day|night|week)\s+(?:before|prior)|the\s+previous\s+(?:day|night|week)|"
    r"(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?)\s+(?:earlier|before)|"
    r"last\s+week|earlier\s+(?:this|that|last)\s+(?:week|month)|"
    # "The following day, two fishermen were killed near …": a later day's event
    r"the\s+(?:following|next)\s+(?:day|morning|night|week)|the\s+day\s+after|"
    r"(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+days?\s+later)\s*,",
    re.IGNORECASE,
)
# "The next day, two more died of their wounds": the same event's later dead, not another's
_SAME_EVENTS_LATER_DEAD = re.compile(r"\b(?:more|further|additional|succumbed|wounds|injuries)\b", re.IGNORECASE)
# "Another policeman was killed in a separate attack in Daquq": told after the figure
_SEPARATE_EVENT_AFTER = re.compile(
    r"[^.;]{0,40}?\bin\s+(?:a\s+separate|an\s+unrelated|another)\s+(?:incident|attack|strike|air\s?strike|raid|"
    r"bombing|ambush|shooting|explosion|blast)\b",
    re.IGNORECASE,
)
# "Troops later killed six militants in a follow-up operation": the operation that answered the
# report's attack is an event of its own, wherever its sentence names it.
_FOLLOW_UP = re.compile(
    r"\b(?:follow-up|follow-on|subsequent|retaliatory|mop-up)\s+(?:military\s+|security\s+|air\s+|ground\s+)?"
    r"(?:operations?|raids?|strikes?|air\s?strikes?|offensive|assault)\b",
    re.IGNORECASE,
)
_STATEMENT = re.compile(
    r"\b(?:toll|said|says|reported|announced|confirmed|put|gave|according|posted|published|named|listed|"
    r"identified|mourned|buried|funerals?)\b",
    re.IGNORECASE,
)
# "… are assessed in a separate incident earlier that day, in which 22 civilians were killed":
# a separate event named anywhere before the figure in its sentence.
# "The previous day, another alleged strike on the family's home killed …": "another" strike is
# not the one the report is about; nor are the deaths an attack was revenge for.
_SEPARATE_EVENT = re.compile(
    r"\b(?:a|another)\s+separate\s+(?:incident|attack|strike|raid|bombing|event|assessment|clash|shooting|ambush|"
    r"explosion|blast)\b|"
    r"\ban\s+unrelated\s+(?:incident|attack|strike|raid|bombing|event)\b|"
    r"\banother\s+(?:[\w-]+\s+){0,3}?(?:incident|attack|strike|air\s?strike|raid|bombing|shelling)\b|"
    # "in retaliation for the killing of 12 of its fighters": the deaths an attack avenges
    r"\b(?:retaliation|revenge|reprisal)\s+for\b|\bto\s+avenge\b|"
    # "the attack was in response to an overnight air strike that killed 41": the event answered
    r"\bin\s+response\s+to\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}?(?:strike|air\s?strike|attack|raid|bombing|shelling|operation|killing)s?\b|"
    # "a man convicted of killing two people in 1997": a crime already tried is a past event
    r"\b(?:convicted|sentenced|jailed|imprisoned|acquitted|guilty)(?:\s+\w+){0,3}?\s+(?:of|for|over)\s+(?:\w+\s+){0,2}?"
    r"(?:killing|murdering|murder|wounding|attacking)\b|"
    # "Heavy fighting broke out after the leader of an armed group was killed": the killing that
    # set off the fighting (or protests) is an event of its own
    r"\b(?:fighting|clashes|violence|protests|riots|unrest)\s+(?:(?:[\w'’-]+\s+){0,3}?(?:broke\s+out|erupted|"
    r"flared(?:\s+up)?|began|started|spread|resumed|intensified|escalated)\s+(?:[\w'’-]+\s+){0,6}?|"
    r"in\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+)?(?:after|following)\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


# "Bajaur blast death toll rises to 54", "the toll from Sunday's bombing rose to 54 on Monday"
_TO_A_FIGURE = r"\s+to\s+(?:at\s+least\s+|over\s+|more\s+than\s+|nearly\s+)?$"
_TOLL_RISE = re.compile(
    # "the number of worshippers killed in Wednesday's attack on a mosque has risen to 12": the
    # number of one attack's dead is a toll too (a running number of the dead is not)
    rf"\b(?:toll|number\s+of\s+(?:[\w-]+\s+){{0,3}}?(?:killed|dead)\s+(?:in|by|from)\s+[^.;:!?]{{0,40}}?"
    rf"\b(?:attack|bombing|strike|air\s?strike|raid|blast|explosion|ambush|massacre|shelling|bombardment|assault|"
    rf"shooting)s?\b)[^.;:!?]{{0,120}}?"
    rf"\b(?:{'|'.join(TOLL_RISE_VERBS)}){TOLL_REVISION_PARTICLE}{_TO_A_FIGURE}|"
    # "…, raising the toll to seven", "bringing the death toll to 12"
    r"\b(?:raising|bringing|taking|pushing|lifting)\s+(?:the\s+)?(?:overall\s+|total\s+|official\s+)?"
    rf"(?:(?:death\s+)?(?:toll|total)|number\s+of\s+(?:dead|deaths|fatalities|victims|people\s+killed)){_TO_A_FIGURE}",
    re.IGNORECASE,
)


# "Nine of them, including four children, were killed in Kafr Nabl, while three died in …",
# "Of the dead, six were in the market": the sentence shares out a total given before it.
# "… rose to 34, as three more wounded passengers succumbed": the wounded who died are a share of
# the toll told before them, not a toll of their own
_WOUNDED_WHO_DIED = re.compile(r"\s+(?:more\s+|further\s+|other\s+)?(?:wounded|injured)\s", re.IGNORECASE)
_SHARES_OUT = re.compile(
    # "Two of the people wounded …", "Four of the 15 injured …": a share too
    r"^\W*(?:(?:\w+\s+){1,2}of\s+(?:them|those|these|the\s+(?:people\s+|\d+\s+)?(?:dead|victims|killed|wounded|injured))\b|"
    r"(?:of|among)\s+(?:them|those|these|the\s+(?:dead|victims|killed|wounded|injured))\b)",
    re.IGNORECASE,
)


SHARE_REACH = 32  # "Two | of the people wounded": the share's words may follow its figure

# … and anywhere in a sentence, right after its figure: "residents said at least two of the seven
# people killed were farmers", "police said three of those wounded died".
_SHARE_AFTER_FIGURE = re.compile(
    r"\s+(?:of|among)\s+(?:them|those|these|the\s+(?:[\w-]+\s+){0,2}?"
    r"(?:dead|victims|killed|wounded|injured|casualties|fatalities))\b",
    re.IGNORECASE,
)

# "A family of six was killed", "six members of one family": the dead of one household, a share
# of the event's toll where the report gives one (as people named one by one are).
_FAMILY_OF = re.compile(r"\bfamil(?:y|ies)\s+of\s+$", re.IGNORECASE)
_MEMBERS_OF_ONE_FAMILY = re.compile(
    r"^\s+(?:members|relatives)\s+of\s+(?:one|a|the\s+same|a\s+single)\s+(?:family|household)\b", re.IGNORECASE
)


def _one_household(before: str, after: str) -> bool:
    return _FAMILY_OF.search(before) is not None or _MEMBERS_OF_ONE_FAMILY.match(after) is not None


def _smaller_than_a_toll_before(claim: Claim, claims: list[Claim]) -> bool:
    """Whether an earlier sentence gave a larger figure of the same harm: the household's dead
    are its share ("killed 23 … A family of six was killed"), not a count of their own (a lead
    "Five members of one family were killed", a councillor's "ten members of one family")."""
    mine = claim.count.point if claim.count is not None else None
    return mine is not None and any(
        c.outcome == claim.outcome
        and c.sentence.end <= claim.sentence.start
        and c.count is not None
        and (c.count.point or 0) > mine
        for c in claims
    )


def tells_another_event(sentence: str) -> bool:
    """Whether ``sentence`` tells of an event other than the one before it: the writer opens it
    so ("Separately, …", "Elsewhere, …"), names the operation that answered it ("… in a
    follow-up operation") or sets the report's event apart from it in time ("The blast came a day
    after an air strike in the north killed 12")."""
    return (
        _ANOTHER_EVENT_OPENING.match(sentence) is not None
        or _FOLLOW_UP.search(sentence) is not None
        or _CAME_APART_RE.search(sentence) is not None
    )


# A new event told in the writer's own voice: an indefinite event noun before the figure ("A
# drone strike on people queuing for water killed five", "… and an air strike on a tent killed
# four"). One retold by a source ("Wafa reported that an airstrike killed 7") is the same event
# in another account, and so is one after its figure ("5 were killed in an air strike").
_NEW_EVENT = re.compile(
    # the words between describe the event ("a Russian drone strike"), never lead past it ("an
    # hour after the strike" is the strike told before)
    r"(?:^|[^\w'’-])(?:a|an|another)\s+(?:(?!(?:the|after|before|since|of|that|this|its|from|following)\s)[\w'’-]+\s+){0,3}?"
    r"(?:air\s?strike|strike|attack|bombing|bomb|blast|"
    r"explosion|raid|shelling|ambush|massacre|shooting|suicide\s+bomber)s?\b|"
    # "the first blast hit a school, killing six, and the second struck a minibus, killing four"
    r"\bthe\s+(?:second|third|fourth|fifth|last)\s+(?:(?:air\s?strike|strike|attack|bombing|bomb|blast|explosion|"
    r"raid|suicide\s+bomber)\b|(?=(?:struck|hit|targeted|exploded|detonated|went\s+off|tore)\b))",
    re.IGNORECASE,
)
# A sentence that opens on a day: "On Tuesday, …", "On 26 March, …", "On March 26, …"
_DAY_OPENING = re.compile(
    r"\W*On\s+((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})\b"
)
_SENTENCE_DAY_OPENING = re.compile(
    r"(?:^|[.!?][\"”’]?\s+|\n|\s[-–—]\s+)\W*On\s+((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d{1,2}\s+[A-Z][a-z]+|"
    r"[A-Z][a-z]+\s+\d{1,2})\b"
)


# The day a sentence names its event by, when it opens on none ("Wednesday's attack on a market")
_DAY_NAMED = re.compile(r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)['’]s\s")


def _last_day_opening(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The sentence right before ``hi`` (after ``lo``), when it opens on a day."""
    found = next(reversed(list(_SENTENCE_DAY_OPENING.finditer(text, lo, hi))), None)
    if found is None or _SENTENCE_END.search(text[found.end() : hi].rstrip()[:-1]):
        return None  # a sentence or more between the day and the figure: a narrative moves on
    return found


_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s")


_TOLD_BY = re.compile(
    r"\b(?:said|says|say|saying|reported|reports|report|reporting|according|told|telling|added|adding|stated|"
    r"stating|announced|claimed|claiming|confirmed|documented|recorded|cited|citing|quoted|assessed|concluded)\b",
    re.IGNORECASE,
)
# "The blast came two days after a bombing in Shula, in which 4 died": an event named after a
# preposition is mentioned in passing (``_OTHER_EVENT``), not the next event the report tells.
_IN_PASSING_BEFORE = re.compile(
    r"\b(?:after|before|following|since|than|like|of|in|from|by|during|amid|with|to|on|at|as|into)\s*$",
    re.IGNORECASE,
)


# A sentence opening on a place of its own: "In Hama countryside, …", "Meanwhile in the Sumy region, …"
_LOCATIVE_OPENING = r"(?i:(?:(?:meanwhile|elsewhere),?\s+)?(?:in|at|near)\s+(?:the\s+)?)"
_PLACE_OPENING = re.compile(rf"\W*{_LOCATIVE_OPENING}[A-Z]")
_PLACE_OPENING_NAME = re.compile(rf"\W*{_LOCATIVE_OPENING}([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


# "In Mushu village, the attackers shot dead 11": the attack told before, in one of its places
_TOLD_ATTACK = re.compile(
    r"\bthe\s+(?:attackers|assailants|gunmen|militants|raiders|attack|attacks|strike|strikes|blast|explosion|"
    r"raid|bombing|assault)\b",
    re.IGNORECASE,
)


def _new_place_opening(text: str, sentence_start: int, story_start: int, sentence_end: int) -> bool:
    """Whether the sentence opens on a place ("In Hama countryside, …") the story never named,
    and tells its own harm rather than the attack told before ("the attackers", "the strike")."""
    m = _PLACE_OPENING_NAME.match(text, sentence_start)
    return (
        m is not None
        and text.find(m.group(1), story_start, sentence_start) < 0
        and _TOLD_ATTACK.search(text, m.end(), sentence_end) is None
    )


def _stories(doc: Document, claims: list[Claim]) -> tuple[dict[str, tuple[str, ...]], list[int]]:
    """claim id → its story cues, and where each story (or household) after the first starts.

    A figure told as a new event (``_NEW_EVENT``, or a sentence opening on another day) starts a
    story (``STORY_CUE_PREFIX``); one whose sentence names another family than the story's before
    it starts a household (``HOUSEHOLD_CUE_PREFIX``): a roundup's next strike, or the same strike's
    neighbours, which only places tell apart (``incidents.link``)."""
    cues: dict[str, tuple[str, ...]] = {}
    starts: list[int] = []
    families_of: dict[Span, set[str]] = {}  # each sentence's families, read once
    story = household = 0
    previous: Claim | None = None
    families: set[str] = set()  # the families the current household's sentences name
    day = ""  # the day the current story's sentence opened on ("On Tuesday, …"), if any
    title_end = _title_end(doc.text)
    for claim in sorted(claims, key=lambda c: c.span.start):
        if claim.count is None:
            continue
        if claim.sentence not in families_of:
            sentence = doc.text[claim.sentence.start : claim.sentence.end]
            families_of[claim.sentence] = {c for c in identity_cues(sentence) if c.startswith("family:")}
        own = families_of[claim.sentence]
        new_sentence = previous is None or previous.sentence != claim.sentence
        opening = _DAY_OPENING.match(doc.text, claim.sentence.start, claim.span.start)
        if opening is None and new_sentence:
            # "On Wednesday a bomb struck a plant. Three workers were injured …": the sentence
            # before, with no figure of its own, opened the day
            lo = previous.sentence.end if previous is not None else title_end
            opening = _last_day_opening(doc.text, lo, claim.sentence.start)
        # A headline and its lead tell one event ("Blast kills dozens" / "A bomb went off …").
        if previous is not None and previous.span.start >= title_end:
            lo = claim.sentence.start if new_sentence else previous.span.end
            before = doc.text[lo : claim.span.start]
            told = any(
                not _TOLD_BY.search(before, 0, found.start())
                and not _IN_PASSING_BEFORE.search(before, 0, found.start() + 1)
                for found in _NEW_EVENT.finditer(before)
            ) or (new_sentence and _ANOTHER_EVENT_OPENING.match(before) is not None)  # "In a separate attack, …"
            # "In Hama countryside, regime forces shelled …" after figures told of Idlib's towns: a
            # roundup's next place, one its story so far never named
            told = told or (
                new_sentence
                and _new_place_opening(doc.text, claim.sentence.start, starts[-1] if starts else 0, claim.sentence.end)
            )
            # "On Wednesday, shells fell on the hospital" after "On Tuesday, an air strike …"; not
            # "On Wednesday, two more of the wounded died, raising the toll to seven"
            other_day = (
                new_sentence
                and opening is not None
                and day != ""
                and opening.group(1).lower() != day
                and not _SAME_EVENTS_LATER_DEAD.search(doc.text, claim.sentence.start, claim.sentence.end)
            )
            # "In Gaza City, nine members of the Ajour family were killed" after the Hamdan home's 22
            other_family = new_sentence and bool(own and families and not own & families)
            if told or other_day:
                story += 1
            if told or other_day or other_family:
                household += 1
                starts.append(lo)
                families = set()
        if opening is not None and new_sentence:
            day = opening.group(1).lower()
        elif (
            new_sentence and not day and (named := _DAY_NAMED.search(doc.text, claim.sentence.start, claim.span.start))
        ):
            day = named.group(1).lower()  # "the toll from Wednesday's attack has risen to 14"
        families |= own
        previous = claim
        marks = ((f"{STORY_CUE_PREFIX}{story}",) if story else ()) + (
            (f"{HOUSEHOLD_CUE_PREFIX}{household}",) if household else ()
        )
        if marks:
            cues[claim.id] = marks
    return cues, starts


TITLE_MAX_CHARS = 200  # a first line this short, without a sentence's end, is a headline


def _title_end(text: str) -> int:
    """Where a headline on the first line ends (0 when the text opens on a sentence)."""
    stripped = len(text) - len(text.lstrip())
    line_end = text.find("\n", stripped)
    if (
        line_end < 0
        or line_end - stripped > TITLE_MAX_CHARS
        or text[stripped:line_end].rstrip().endswith((".", "!", "?"))
    ):
        return 0
    return line_end


def _within_story(start: int, end: int, at: int, starts: list[int]) -> tuple[int, int]:
    """``[start, end)`` cut to the story holding position ``at``: a roundup's families and sites
    name its own events, not the one told before or after."""
    k = bisect.bisect_right(starts, at)
    if k:
        start = max(start, starts[k - 1])
    if k < len(starts):
        end = min(end, starts[k])
    return start, end


VILLAGE_REACH = 120  # characters before a claim's sentence its village may be named in


# A sentence after the claim's that opens on a place of its own ("In Kherson, …"), or a paragraph
# that does ("\n\nIn the village of X, …"): the text turns to another place there.
_NEXT_PLACE_OPENING = re.compile(rf"(?:[.!?][\"”’]?\s+|\n\s*)(?i:separately,?\s+)?{_LOCATIVE_OPENING}[A-Z]")


def _before_another_place(text: str, start: int, end: int) -> int:
    """Where the text after ``start`` (up to ``end``) turns to another place, else ``end``."""
    turn = _NEXT_PLACE_OPENING.search(text, start, end)
    return turn.start() + 1 if turn is not None else end


def _villages_near(cues: tuple[str, ...], text: str, start: int, end: int) -> tuple[str, ...]:
    """``cues`` without villages named only further off than the end of the sentence before the
    claim's, or after the text turns to another place: a roundup's next paragraph ("In the
    village of X, …") tells another attack, where "Jets bombed X village" after a lead tells its."""
    if not any(c.startswith(VILLAGE_CUE_PREFIX) for c in cues):
        return cues
    near = normalise_name(text[start:end])
    return tuple(c for c in cues if not c.startswith(VILLAGE_CUE_PREFIX) or c[len(VILLAGE_CUE_PREFIX) :] in near)


def attach_identity(doc: Document, claims: list[Claim]) -> list[Claim]:
    """``claims`` with ``identity`` set from the text around each claim's sentence."""
    out: list[Claim] = []
    seen: dict[tuple[int, int], tuple[str, ...]] = {}  # claims of one sentence share its window
    answering: dict[Span, bool] = {}

    def _answers(sentence: Span) -> bool:
        """Whether the sentence names the operation that answered an attack (once a sentence)."""
        if sentence not in answering:
            answering[sentence] = _FOLLOW_UP.search(doc.text, sentence.start, sentence.end) is not None
        return answering[sentence]

    stories, starts = _stories(doc, claims)
    for claim in claims:
        start = max(0, claim.sentence.start - WINDOW_CHARS)
        end = min(len(doc.text), claim.sentence.end + WINDOW_CHARS)
        start, end = _within_story(start, end, claim.span.start, starts)
        cues = seen.get((start, end))
        if cues is None:
            cues = seen[(start, end)] = identity_cues(doc.text[start:end])
        own_place = _PLACE_OPENING.match(doc.text, claim.sentence.start, claim.span.start) is not None
        lo = claim.sentence.start if own_place else max(start, claim.sentence.start - VILLAGE_REACH)
        cues = _villages_near(cues, doc.text, lo, _before_another_place(doc.text, claim.sentence.end, end))
        before = doc.text[claim.sentence.start : claim.span.start]
        if (
            _OTHER_EVENT.search(before)
            or _OTHER_EVENT_HARMING.search(before)
            or _ANOTHER_EVENT_OPENING.match(before)
            or _SEPARATE_EVENT.search(before)
            or _answers(claim.sentence)
            or _SEPARATE_EVENT_AFTER.match(doc.text, claim.span.end, claim.sentence.end)
            or (
                _ANOTHER_DAY_OPENING.match(before)
                and not _STATEMENT.search(doc.text, claim.sentence.start, claim.sentence.end)
                and not _SAME_EVENTS_LATER_DEAD.search(doc.text, claim.sentence.start, claim.sentence.end)
            )
        ):
            # another event's figure: the words around it tell the report's own event ("a bomb at a
            # tea shop in Ex-Control Afgoye, in the evening"), only its sentence tells the other
            own_span = (claim.sentence.start, claim.sentence.end)
            if own_span not in seen:
                seen[own_span] = identity_cues(doc.text[claim.sentence.start : claim.sentence.end])
            cues = (*(c for c in cues if c in seen[own_span]), OTHER_EVENT_CUE)
        elif claim.outcome == "killed" and _WOUNDED_WHO_DIED.match(doc.text, claim.span.end, claim.sentence.end):
            cues = (*cues, PART_OF_TOTAL_CUE)
        elif _TOLL_RISE.search(before):
            cues = (*cues, TOLL_UPDATE_CUE)
        elif (
            _SHARES_OUT.match(doc.text[claim.sentence.start : min(claim.span.end + SHARE_REACH, claim.sentence.end)])
            or _SHARE_AFTER_FIGURE.match(doc.text, claim.span.end, claim.sentence.end)
        ) or (
            _one_household(before, doc.text[claim.span.end : claim.span.end + SHARE_REACH + 10])
            and _smaller_than_a_toll_before(claim, claims)
        ):
            cues = (*cues, PART_OF_TOTAL_CUE)
        if claim.id in stories:
            cues = (*cues, *stories[claim.id])
        out.append(replace(claim, identity=cues) if cues != claim.identity else claim)
    return out
