"""The small typed records every stage shares.

Data flows one way: ``Document`` → ``Claim`` (with ``Count``, ``Source``, ``PlaceRef``,
``DateRef``) → ``Incident``. Records are frozen; ids are derived from content so every
write is an upsert and a re-run changes nothing.
"""

from __future__ import annotations

import hashlib
import string
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, cast, overload

Outcome = Literal["killed", "injured", "casualties", "missing", "detained", "displaced"]
Victims = Literal["civilians", "combatants", "people"]
# "named": people the text names or describes one by one ("Reyes was killed"); at least that many.
Qualifier = Literal["exact", "at_least", "more_than", "up_to", "approximately", "range", "vague", "named"]
Scope = Literal["incident", "cumulative"]
Genre = Literal["news", "opinion"]
DatePrecision = Literal["day", "week", "month", "year"]
# "attributed" is not a party's own word: a report holding the party responsible for the attack.
Stance = Literal["reported", "confirmed", "claimed", "denied", "admitted", "investigating", "attributed"]
Grade = Literal["confirmed", "fair", "weak", "contested", "discounted"]

OUTCOMES: tuple[str, ...] = ("killed", "injured", "casualties", "missing", "detained", "displaced")
GRADES: tuple[str, ...] = ("confirmed", "fair", "weak", "contested", "discounted")

# UCDP-GED `where_prec`: 1 exact place, 2 within ~25 km of a named place, 3 second-order
# administrative division, 4 first-order division, 5 linear feature or region, 6 country,
# 7 international waters / unknown.
WHERE_PREC_EXACT = 1
WHERE_PREC_NEAR = 2
WHERE_PREC_ADM2 = 3
WHERE_PREC_ADM1 = 4
WHERE_PREC_REGION = 5
WHERE_PREC_COUNTRY = 6
# In a place's reason: a name the gazetteer lacks, placed at the area it is said to lie in.
AREA_FALLBACK_NOTE = "its name kept"
# A claim's date that is only when its figure was reported (the text dates no event): the event
# was on that day or before it.
REPORTED_DATE_NOTE = "when it was reported: the text gives no date for the event"


HEADLINE_WORDS = 25  # a longer first line is a body's first paragraph, not its headline


def headline_end(text: str) -> int:
    """Where a headline on the text's first line ends (short, no sentence end, a body after it),
    else 0: claims before it are the headline's, which drops what its body says (a period, a day)."""
    end = text.find("\n")
    if end <= 0 or not text[end:].strip():
        return 0
    line = text[:end].strip()
    return 0 if len(line.split()) > HEADLINE_WORDS or line.endswith((".", "!", "?")) else end


def same_figure(a: Claim, b: Claim) -> bool:
    """One outcome and one figure, told with or without its qualifier ("tops 1,000", "more than 1,000")."""
    if a.count is None or b.count is None or a.outcome != b.outcome:
        return False
    return abs((a.count.point or 0) - (b.count.point or 0)) <= 1


def sha256_hex(data: bytes | str) -> str:
    """SHA-256 of bytes (strings are UTF-8 encoded) as lowercase hex."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def content_id(*parts: Any, length: int = 16) -> str:
    """A short stable id derived from the given parts (used for claims and incidents)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return sha256_hex(joined)[:length]


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into a document's normalised text."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its original bytes (kept verbatim) and the normalised text stages read.

    ``id`` is the SHA-256 of ``original``. For an article split out of a file holding several,
    ``original`` is that article's slice of the file's bytes and ``parent_id`` is the file's id.
    """

    id: str
    original: bytes
    text: str
    origin: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    published: date | None = None
    published_precision: DatePrecision | None = None
    published_source: str | None = None  # "metadata", "dateline", "cli", "sidecar" …
    # None until decided: reading leaves the genre to analysis (``pipeline.analyse_document`` sets
    # it once, with ``documents.decide_genre``); what is stored, and what extraction reads, has one.
    genre: Genre | None = None
    parent_id: str | None = None
    offset_in_parent: int | None = None  # character offset of this article in the parent text
    encoding: str = "utf-8"
    record_id: str | None = None  # e.g. WARC-Record-ID or JSONL line number
    captured_at: str | None = None  # when an archive captured the page (WARC-Date), not publication
    notes: tuple[str, ...] = ()  # what the reader had to guess or leave out (encoding, a bad date), naming where


@dataclass(frozen=True, slots=True)
class Count:
    """A casualty figure as the text gives it: never collapsed into one number.

    "at least 56" → low=56; "over 125" → low=126; "as many as 200" → high=200;
    "about a hundred" → best=100; "between 136 to 1300" → low=136, high=1300.
    """

    low: int | None
    high: int | None
    best: int | None
    qualifier: Qualifier
    vague: bool = False
    text: str = ""

    @property
    def point(self) -> int | None:
        """One figure for totals: best, else low, else high."""
        for value in (self.best, self.low, self.high):
            if value is not None:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Source:
    """Who the text says gave a figure ("Al-Jazeera reported", "according to Amnesty")."""

    name: str
    stance: Stance = "reported"
    kind: str | None = None  # media, ngo, official, belligerent, unnamed, aggregate
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place mention and, when resolved, the gazetteer entry it points to.

    An unresolved mention keeps its text and ``lat``/``lon`` stay ``None``: it is never dropped.
    """

    text: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    feature: str | None = None  # GeoNames feature code: PPL, ADM1, PCLI …
    precision: int | None = None  # UCDP where_prec, see WHERE_PREC_*
    bearing: str | None = None  # "NE" for "northeast of Aleppo"
    span: Span | None = None
    reason: str | None = None  # why unresolved, or how it was chosen

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def placed_by_area(self) -> bool:
        """A name the gazetteer lacks, placed at the area the text puts it in ("Wulgo, Borno" at
        Borno's point): its point is the area's, its name its own."""
        return self.reason is not None and AREA_FALLBACK_NOTE in self.reason


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date mention resolved against the publication date, or honestly unresolved."""

    text: str
    start: date | None = None
    end: date | None = None
    precision: DatePrecision | None = None
    span: Span | None = None
    reason: str | None = None  # e.g. "no publication date to resolve 'on Tuesday' against"

    @property
    def resolved(self) -> bool:
        return self.start is not None

    @property
    def only_reported(self) -> bool:
        """The day a figure was reported, standing in where the text dates no event (``REPORTED_DATE_NOTE``)."""
        return (self.reason or "").startswith(REPORTED_DATE_NOTE)


# The identity cue extract sets on a figure of another event a report mentions in passing ("came
# two days after a mortar attack that wounded three"); incidents keeps it apart from the report's
# own event.
OTHER_EVENT_CUE = "event:other"
# A figure a report gives as a risen toll ("the death toll rose to 54"): the update of an event
# reported before, at the same place and day, with a figure no higher.
TOLL_UPDATE_CUE = "event:update"
# A figure of a sentence that shares out a total given before ("Nine of them were killed in Kafr
# Nabl, while three died in Maarat al-Numan"): a part of that total, wherever its town.
PART_OF_TOTAL_CUE = "event:part"
# The identity cue of a figure a report tells as a new event of its own ("A drone strike on a
# water queue killed five, and an air strike on a tent killed four"), numbered in the report:
# "event:story1", "event:story2" … (the first event has none). Two of one report's figures of
# different stories are different events.
STORY_CUE_PREFIX = "event:story"
# … and of a figure whose sentence names another family than the figures before it ("In Gaza
# City, nine members of the Ajour family were killed" after the Hamdan home's 22): another event
# where the two figures' towns differ, the same strike's neighbours where they do not.
HOUSEHOLD_CUE_PREFIX = "event:household"
# The identity cue of a locality as small as a village ("Kadawa village"; a quarter the gazetteer
# lacks, placed by its town): "village:kadawa". Two reports sharing it on one day are one attack.
VILLAGE_CUE_PREFIX = "village:"
# … of a facility the text says was hit ("site:nour hospital") and of a quarter, street or camp
# ("area:rimal"): written by extract, read by incidents
SITE_CUE_PREFIX = "site:"
AREA_CUE_PREFIX = "area:"
# The victim groups of the two sides of a battle, where the noun alone says which ("soldiers",
# "police": state forces; "militants", "rebels": armed groups; not "fighters", "forces", a rank):
# written by extract, read by incidents (one report's dead of both sides add up).
STATE_SIDE = "state forces"
ARMED_SIDE = "armed groups"
# Words shared by extract and places, which may not import each other.
# Before the name of an event a text only refers to ("a commander linked to the Cotabato City market
# bombing"): neither its place nor its kind is the text's own event's.
REFERRED_EVENT_CUES = (
    r"linked\s+to|blamed\s+for|responsible\s+for|behind|suspects?\s+in|involved\s+in|mastermind\s+of|"
    r"wanted\s+for|convicted\s+(?:of|for)|sentenced\s+for|anniversary\s+of|"
    # "Gunmen kill 12 in Agatu, days after Yelwata massacre": the earlier event set beside this one
    r"(?:hours?|days?|weeks?|months?)\s+after"
)
# Nouns after a name that make it a family's ("the Hamdan family"), not a place's.
KIN_NOUNS = ("family", "families", "clan", "household")
# Verbs of a toll that grew or was revised ("the toll rose to 17"): the figure after them is an update.
TOLL_RISE_VERBS = (
    "rose rises risen climbed climbs increased increases jumped jumps mounted mounts grew reached "
    "revised raised lowered"
).split()
# … and the particle a revision may take: "the toll was revised down to 52"
TOLL_REVISION_PARTICLE = r"(?:\s+(?:up|down|upwards?|downwards?))?"


@dataclass(frozen=True, slots=True)
class Claim:
    """One casualty figure (kind="casualty") or belligerent statement (kind="statement")."""

    id: str
    document_id: str
    kind: Literal["casualty", "statement"]
    outcome: Outcome | None
    count: Count | None
    victims: Victims | None
    span: Span  # the figure itself
    sentence: Span  # the supporting sentence
    quote: str
    victim_groups: tuple[str, ...] = ()
    event_type: str | None = None
    perpetrator: str | None = None
    source: Source | None = None
    scope: Scope | None = None
    period: str | None = None  # "since March 31st", "in the last couple of days"
    hedged: bool = False
    negated: bool = False
    place: PlaceRef | None = None
    date: DateRef | None = None
    genre: Genre = "news"
    party: str | None = None  # for statements: the belligerent speaking
    stance: Stance | None = None  # for statements: admitted, denied, investigating …
    # The figure adds to the one before it in its sentence: another group sharing the harm
    # ("6 police officers and 3 Taliban were killed", "a woman and her three children").
    joint: bool = False
    # What identifies the event beyond place and time, from the text around the figure:
    # "family:haddad", "name:ahmed saleh", "site:al shifa hospital", "area:rimal", "time:night".
    identity: tuple[str, ...] = ()
    # Of the figure, how many the text says were children / women ("killed 12 people, including
    # six children": children 6; "two children were killed": children 2); None when it does not say.
    children: int | None = None
    women: int | None = None
    extractor: str = "rules@1"

    @staticmethod
    def make_id(document_id: str, span: Span, kind: str, outcome: str | None) -> str:
        return content_id(document_id, span.start, span.end, kind, outcome)

    def cue(self, prefix: str) -> str:
        """The claim's identity cue that starts with ``prefix`` ("event:story2"), or "" when none."""
        return next((c for c in self.identity if c.startswith(prefix)), "")

    @property
    def reports_none(self) -> bool:
        """A negated zero: "no one was killed", "there were no casualties". It reports that nobody
        came to that harm, where a negated figure ("no one was killed by the 30 rockets") denies one."""
        return self.negated and self.count is not None and self.count.high == 0


@dataclass(frozen=True, slots=True)
class Figures:
    """low / best / high for one outcome of an incident; ``rule`` says how each was chosen."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    rule: str = ""

    def __post_init__(self) -> None:
        # Every incident holds five of these and their rules come from a few templates: one
        # shared copy of each rule keeps a whole ledger's incidents small enough to reconcile.
        object.__setattr__(self, "rule", sys.intern(self.rule))


class Template:
    """The wording of one kind of explanation line: a ``str.format`` pattern over positional
    fields ("{} low {}: lowest minimum, source {} (claims {})"), one object for every line it writes."""

    __slots__ = ("text", "arity")

    def __init__(self, text: str) -> None:
        self.text = text
        self.arity = sum(1 for _, name, _, _ in string.Formatter().parse(text) if name is not None)

    def __call__(self, *args: object) -> Line:
        """The line this template writes of ``args``, held unwritten."""
        if len(args) != self.arity:
            raise ValueError(f"template {self.text!r} takes {self.arity} values, not {len(args)}: {args!r}")
        return Line(self, args)

    def __repr__(self) -> str:
        return f"Template({self.text!r})"


@dataclass(frozen=True, slots=True)
class Line:
    """One explanation line before it is written: its template and the values it names."""

    template: Template
    args: tuple[object, ...]

    def __str__(self) -> str:
        return self.template.text.format(*self.args)


class Explanation(Sequence[str]):
    """An incident's explanation lines, read as strings, held as the templates and values that write them.

    A line is either a string (an analyst's line, one read back from a ledger) or a ``Line``,
    kept as its template followed by its values in one flat tuple: the values are the claims'
    own ids, quotes and names, so a million incidents' explanations hold little of their own.
    Each line is written when it is read; equal to a tuple of the same lines.
    """

    __slots__ = ("_parts",)

    def __init__(self, lines: Iterable[str | Line] = ()) -> None:
        parts: list[object] = []
        for line in lines:
            if isinstance(line, Line):
                parts.append(line.template)
                parts.extend(line.args)
            else:
                parts.append(line)
        self._parts = tuple(parts)

    def __iter__(self) -> Iterator[str]:
        parts, i = self._parts, 0
        while i < len(parts):
            part = parts[i]
            if isinstance(part, Template):
                yield part.text.format(*parts[i + 1 : i + 1 + part.arity])
                i += 1 + part.arity
            else:
                yield cast(str, part)  # a part that is no template is a line's string
                i += 1

    def __len__(self) -> int:
        parts, i, n = self._parts, 0, 0
        while i < len(parts):
            part = parts[i]
            i += 1 + (part.arity if isinstance(part, Template) else 0)
            n += 1
        return n

    def __bool__(self) -> bool:
        return bool(self._parts)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return tuple(self)[index]

    def __add__(self, more: Iterable[str | Line]) -> Explanation:
        """These lines, then ``more`` (an analyst's lines after the machine's)."""
        joined = Explanation()
        joined._parts = self._parts + Explanation(more)._parts
        return joined

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Explanation):
            return self._parts == other._parts or tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))  # as the tuple of its lines, which it equals

    def __repr__(self) -> str:
        return f"Explanation({list(self)!r})"


NO_EXPLANATION = Explanation()


@dataclass(frozen=True, slots=True)
class Incident:
    """Claims about one event (kind="incident") or a cumulative toll (kind="aggregate")."""

    id: str
    kind: Literal["incident", "aggregate"]
    claim_ids: tuple[str, ...]
    deaths: Figures = field(default_factory=Figures)
    injured: Figures = field(default_factory=Figures)
    civilian_deaths: Figures = field(default_factory=Figures)
    # Children and women among the dead, reconciled like the deaths (see incidents.counts).
    child_deaths: Figures = field(default_factory=Figures)
    women_deaths: Figures = field(default_factory=Figures)
    place: PlaceRef | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: DatePrecision | None = None
    event_type: str | None = None
    perpetrator: str | None = None
    victims: Victims | None = None
    grade: Grade = "weak"
    n_sources: int = 0
    explanation: Explanation = NO_EXPLANATION
    related_incident_id: str | None = None  # for aggregates: the incident they sit beside

    def __post_init__(self) -> None:
        # Lines given written out (read back from a ledger, or by hand) are held as given.
        if not isinstance(self.explanation, Explanation):
            object.__setattr__(self, "explanation", Explanation(self.explanation))

    @staticmethod
    def make_id(claim_ids: tuple[str, ...] | list[str]) -> str:
        return content_id(*sorted(claim_ids))


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two incidents that may be one event: scored close to a join, but not joined.

    Reconciliation joins reports of different documents only on identifying evidence; pairs that
    score well without it are put to an analyst, who merges them or keeps them apart.
    """

    id: str  # content_id of the two incident ids, sorted
    incident_a: str
    incident_b: str
    score: float  # the link weight of the strongest pair of their claims
    claim_a: str  # that pair
    claim_b: str
    evidence_for: tuple[str, ...] = ()  # the comparisons that weigh for one event
    evidence_against: tuple[str, ...] = ()  # ... and against, with why it was not joined

    @staticmethod
    def make_id(incident_a: str, incident_b: str) -> str:
        return content_id("suggestion", *sorted((incident_a, incident_b)))


def incident_fields(inc: Incident) -> dict[str, Any]:
    """An incident's flat fields (dates as dates): the ledger's indexed columns and the exports' rows."""
    place = inc.place
    return {
        "id": inc.id,
        "kind": inc.kind,
        "place": (place.name or place.text) if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "date_start": inc.date_start,
        "date_end": inc.date_end,
        "event_type": inc.event_type,
        "perpetrator": inc.perpetrator,
        "victims": inc.victims,
        "deaths_low": inc.deaths.low,
        "deaths_best": inc.deaths.best,
        "deaths_high": inc.deaths.high,
        "injured_low": inc.injured.low,
        "injured_best": inc.injured.best,
        "injured_high": inc.injured.high,
        "grade": inc.grade,
        "n_sources": inc.n_sources,
    }


def to_jsonable(record: Any) -> Any:
    """A record (or nested records) as plain JSON-ready data; dates become ISO strings."""
    fields = getattr(record, "__dataclass_fields__", None)
    if fields is not None and not isinstance(record, type):
        # Field by field, as ``asdict`` would give them, without its deep copy of every value.
        return {k: to_jsonable(getattr(record, k)) for k in fields if k != "original"}
    if isinstance(record, dict):
        return {k: to_jsonable(v) for k, v in record.items() if k != "original"}
    if isinstance(record, (list, tuple, Explanation)):
        return [to_jsonable(v) for v in record]
    if isinstance(record, date):
        return record.isoformat()
    if isinstance(record, bytes):
        return None
    return record
