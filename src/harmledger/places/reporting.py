"""Where a report was written or said (or its attackers came from, or an earlier event it refers
to happened), as opposed to where its event happened.

A wire dateline ("BEIRUT, Dec 22 (Reuters) -"), the seat of a reporting body ("the
Britain-based monitor") and the place a statement was made ("said in Geneva") name the writer's
or speaker's whereabouts. They stay toponyms (a places gold set counts them), but a claim never
takes its place from them, and a date inside a dateline is the day of writing, not of the event.
"""

from __future__ import annotations

import re

from harmledger.places.vocab import SPEECH_BEFORE_IN, SPEECH_VERBS
from harmledger.records import REFERRED_EVENT_CUES, TOLL_REVISION_PARTICLE, TOLL_RISE_VERBS, Span

# How far into a document a dateline may start (after a title line or two).
DATELINE_WINDOW = 400
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_RE = re.compile(
    # accented capitals too ("POPAYÁN, Colombia -", "SÉGOU, Mali -")
    r"(?:^|\n)[ \t]*(?P<place>[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ.'’ -]{1,40}?)"
    r"(?P<region>,[ \t]*[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ.'’ ]{1,30}?)?"
    rf"(?P<date>,[ \t]*(?:{_MON}[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+{_MON})(?:,?[ \t]+\d{{4}})?)?"
    r"[ \t]*(?P<agency>\([A-Z][\w.&'’ -]{1,30}\))?"
    r"[ \t]*(?:--|-|–|—)[ \t]"
)
# "KHAR: At least 44 people …": South Asian papers end the dateline's capitals with a colon.
_COLON_DATELINE_RE = re.compile(r"(?:^|\n)[ \t]*(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]{2,40}?):[ \t]")
_BASED_RE = re.compile(r"[-‐‑ ]based\b", re.IGNORECASE)
_WEEKDAY = r"(?:\s+(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
_SAID_IN_RE = re.compile(
    r"\b(?:" + "|".join(SPEECH_BEFORE_IN) + rf"){_WEEKDAY}\s+(?:in|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# "armed youth from Pibor raided cattle camps in Twic East": where the attackers came from, not
# where they struck.
_ATTACKERS_FROM_RE = re.compile(
    r"\b(?:youths?|gunmen|militants|fighters|raiders|attackers|assailants|militia(?:men|s)?|bandits|rebels|"
    r"insurgents)\s+from\s+(?:the\s+)?(?:neighbouring\s+|neighboring\s+|nearby\s+)?$",
    re.IGNORECASE,
)

# "Gulak, an Adamawa State politician, was shot dead in Imo": where a person is from or serves,
# said of the person, not where the event was.
_PERSON_OF_BEFORE_RE = re.compile(r"\b(?:an?|the|former|ex-)\s+$", re.IGNORECASE)
_PERSON_OF_AFTER_RE = re.compile(
    r"(?:\s+(?:State|Province|County|state|province|county))?\s+(?:politician|lawmaker|legislator|senator|"
    r"businessman|businesswoman|native|trader|footballer|singer|musician|artist|pastor|imam)s?\b"
)

# "a sub-leader the military linked to the Cotabato City market bombing": the place of an event
# the text only refers to, named in the event's name (the place of its own event is told apart).
_REFERRED_EVENT_BEFORE_RE = re.compile(rf"\b(?:{REFERRED_EVENT_CUES})\s+(?:the\s+)?(?:\d{{4}}\s+)?$", re.IGNORECASE)
_REFERRED_EVENT_AFTER_RE = re.compile(
    r"(?:\s+[A-Za-z]+){0,2}?\s+(?:bombings?|attacks?|blasts?|massacres?|siege|raids?|ambush|explosions?|killings?)\b",
    re.IGNORECASE,
)

DATELINE_NOTE = "where the report was written (dateline)"
BASED_NOTE = "seat of a reporting body ('-based')"
SAID_IN_NOTE = "where a statement was made"
SPEAKER_NOTE = "a capital speaking for its government"
BODY_NOTE = "seat of the officials who spoke"
ORIGIN_NOTE = "where the attackers came from"
REFERRED_NOTE = "the place of an event the text refers to"
PERSON_NOTE = "where a person named in the report is from"
REPORTING_NOTES = (
    DATELINE_NOTE,
    BASED_NOTE,
    SAID_IN_NOTE,
    SPEAKER_NOTE,
    BODY_NOTE,
    ORIGIN_NOTE,
    REFERRED_NOTE,
    PERSON_NOTE,
)
# "Guanajuato prosecutors said on Monday", "Borno police said": the place names whose officials
# spoke, not where the event was (read as the city of Guanajuato, it moved a Salvatierra shooting)
_BODY_SPEAKS_RE = re.compile(
    r"\s+(?:state\s+|provincial\s+|regional\s+|local\s+)?(?:prosecutors|prosecutor['’]s\s+office|police|officials|"
    r"authorities)\s+(?:have\s+|has\s+|had\s+|also\s+|later\s+)?(?:said|says|say|told|reported|confirmed|announced)\b"
)

# "Moscow has denied involvement", "Kabul said": the capital is the government speaking.
_SPEAKS_RE = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+|quickly\s+)?(?:said|says|denied|denies|announced|accused|"
    r"blamed|claimed|confirmed|insisted|warned|rejected|condemned|responded|retaliated)\b"
)


def speaks_for_government(text: str, end: int, feature: str) -> bool:
    """True when a national capital ending at ``end`` is the subject of a verb of saying."""
    return feature == "PPLC" and _SPEAKS_RE.match(text, end) is not None


def dateline_span(text: str) -> Span | None:
    """The dateline at the head of a wire report, from its place to the dash, or None.

    A dateline names a place in capitals ("KABUL -", "KHAR:"), or carries an agency ("Kabul (AP) -")
    or a date ("Kabul, March 3 -"); a sentence that merely starts with a name and a dash has none.
    """
    head = text[:DATELINE_WINDOW]
    m = _DATELINE_RE.search(head)
    if m is None:
        colon = _COLON_DATELINE_RE.search(head)
        if colon is None or len(colon.group("place").split()) > 4:
            return None
        return Span(colon.start("place"), colon.end())
    place = m.group("place").strip()
    letters = [ch for ch in place if ch.isalpha()]
    shouting = len(letters) >= 3 and place.isupper()
    if not (shouting or m.group("agency") or m.group("date")):
        return None
    if len(place.split()) > 4:
        return None  # a headline, not a city
    return Span(m.start("place"), m.end())


def reporting_note(text: str, start: int, end: int, dateline: Span | None) -> str | None:
    """Why the mention at ``[start, end)`` names where a report was made, or None."""
    if dateline is not None and dateline.start <= start < dateline.end:
        return DATELINE_NOTE
    if _BASED_RE.match(text, end):
        return BASED_NOTE
    if _BODY_SPEAKS_RE.match(text, end):
        return BODY_NOTE
    line_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), start - 120)
    if _SAID_IN_RE.search(text[max(line_start, 0) : start]):
        return SAID_IN_NOTE
    if _ATTACKERS_FROM_RE.search(text, max(0, start - 60), start):
        return ORIGIN_NOTE
    if _REFERRED_EVENT_BEFORE_RE.search(text, max(0, start - 40), start) and _REFERRED_EVENT_AFTER_RE.match(text, end):
        return REFERRED_NOTE
    if _PERSON_OF_BEFORE_RE.search(text, max(0, start - 12), start) and _PERSON_OF_AFTER_RE.match(text, end):
        return PERSON_NOTE
    return None


def is_reporting(reason: str | None) -> bool:
    """True when a place's reason marks it as where the report was written or said."""
    return bool(reason) and any(note in reason for note in REPORTING_NOTES)  # type: ignore[operator]


_SPEECH = "|".join(sorted(SPEECH_VERBS))
_SAID_ON_RE = re.compile(
    rf"\b(?:{_SPEECH})(?:\s+(?:reporters|journalists|[A-Z][\w.]*\w))?"  # "told RFA. On Tuesday": a new sentence
    r"(?:\s+(?:in\s+)?(?:a|its|his|her|their)\s+(?:statement|report|briefing|post))?\s+(?:on\s+|late\s+|early\s+)?$"
)
_ON_SAID_RE = re.compile(rf"^(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:{_SPEECH})\b")
_STATEMENT_ON_RE = re.compile(
    r"\b(?:statement|report|briefing|conference)(?:\s+(?:issued|released|published|held))?\s+(?:on\s+)?$",
    re.IGNORECASE,
)


# "… was injured and later rescued by security forces on February 6": a date in a clause of what
# happened later dates that development, not the event.
_LATER_RE = re.compile(r"\b(?:later|subsequently|afterwards|eventually)\b[^.;,]{0,60}$", re.IGNORECASE)
# "The toll from Sunday's strike rose to 17 on Tuesday": the day a toll grew, not the strike's.
_RISEN_ON_RE = re.compile(
    rf"\b(?:{'|'.join(TOLL_RISE_VERBS)}){TOLL_REVISION_PARTICLE}\s+to\s+"
    r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+)?[\w,.]+"
    r"(?:\s+(?:dead|deaths|people|victims|civilians))?\s+(?:on|by|late\s+on|early\s+on)?\s*$",
    re.IGNORECASE,
)


# "The toll rose to 16 after troops recovered two more bodies on Wednesday": the day the bodies
# that raised a toll were found, not the event's.
_RISEN_AFTER_RE = re.compile(
    rf"\b(?:{'|'.join(TOLL_RISE_VERBS)}){TOLL_REVISION_PARTICLE}\s+to\s+[\w,.]+\s+(?:after|as|when)\s+"
    r"[^.;:!?]{0,80}?(?:\s(?:on|late\s+on|early\s+on))?\s*$",
    re.IGNORECASE,
)


def date_is_reporting(text: str, span: Span, dateline: Span | None) -> bool:
    """True when the date at ``span`` dates the report, a statement or a later development, not
    the event."""
    if dateline is not None and dateline.start <= span.start < dateline.end:
        return True
    before = text[max(0, span.start - 80) : span.start]
    if any(r.search(before) for r in (_SAID_ON_RE, _STATEMENT_ON_RE, _LATER_RE, _RISEN_ON_RE)):
        return True
    if _RISEN_AFTER_RE.search(text, max(0, span.start - 160), span.start):
        return True
    return bool(_ON_SAID_RE.match(text[span.end : span.end + 40]))
