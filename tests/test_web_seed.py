"""Hand-built seed records for the web tests: the Manbij strike, the Ghouta attack, the tolls beside them.

The records are built the way the stages build them (real ``Document``, ``Claim`` and ``Incident``
objects stored with ``Ledger.add_document`` and ``Ledger.replace_incidents``), so the web tests do
not depend on how well extraction and reconciliation do on the seed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from harmledger.records import (
    Claim,
    Count,
    Document,
    Figures,
    Incident,
    PlaceRef,
    Source,
    Span,
    sha256_hex,
)
from harmledger.store import Ledger

SEED_FILE = Path(__file__).parent.parent / "samples" / "000_211a3c4709587a4d.txt"
MANBIJ = PlaceRef(text="Manbij", name="Manbij", lat=36.5281, lon=37.9549, country="SY", admin1="Aleppo", precision=1)
GHOUTA = PlaceRef(text="Ghouta", name="Ghouta", lat=33.52, lon=36.4, country="SY", admin1="Rif Dimashq", precision=2)
COALITION = "International Anti-ISIS Coalition"

# (key, sentence, figure, outcome, count, scope, source, perpetrator, event, place)
SEED_CLAIMS: tuple[tuple[Any, ...], ...] = (
    (
        "strike",
        "one of them killed at least 56 civilians on Tuesday, northeast of Aleppo.",
        "at least 56",
        "killed",
        Count(56, None, None, "at_least", text="at least 56"),
        "incident",
        None,
        COALITION,
        "airstrike",
        MANBIJ,
    ),
    (
        "jazeera",
        "Al-Jazeera reported as many as 200 casualties, including many children.",
        "as many as 200",
        "casualties",
        Count(None, 200, None, "up_to", text="as many as 200"),
        None,
        "Al-Jazeera",
        COALITION,
        "airstrike",
        MANBIJ,
    ),
    (
        "toll125",
        "The civilian death toll of the airstrikes in the region is now over 125, according to most sources.",
        "over 125",
        "killed",
        Count(126, None, None, "more_than", text="over 125"),
        "cumulative",
        "most sources",
        COALITION,
        "airstrike",
        MANBIJ,
    ),
    (
        "amnesty60",
        "They were able to confirm 60 civilian casualties in the last couple of days",
        "60",
        "casualties",
        Count(60, 60, 60, "exact", text="60"),
        "cumulative",
        "Amnesty International",
        COALITION,
        "airstrike",
        MANBIJ,
    ),
    (
        "chemical",
        "(between 136 to 1300)",
        "between 136 to 1300",
        "killed",
        Count(136, 1300, None, "range", text="between 136 to 1300"),
        "incident",
        None,
        "Syrian government",
        "chemical attack",
        GHOUTA,
    ),
)


def seed_document(
    text: str | None = None, *, outlet: str = "Seed Weekly", title: str = "Coalition strike near Manbij"
) -> Document:
    """The seed article (or ``text``) as a document, normalised the way the reader does it."""
    from harmledger.documents.normalise import normalise

    raw = SEED_FILE.read_bytes() if text is None else text.encode("utf-8")
    normalised = normalise(raw.decode("utf-8")).text
    return Document(
        id=sha256_hex(raw),
        original=raw,
        text=normalised,
        origin=str(SEED_FILE) if text is None else "test",
        title=title,
        outlet=outlet,
        genre="news",
    )


def make_claim(
    doc: Document,
    sentence: str,
    figure: str,
    outcome: str,
    count: Count,
    scope: str | None,
    source: str | None,
    perpetrator: str | None,
    event: str | None,
    place: PlaceRef | None,
) -> Claim:
    """A casualty claim whose spans point at ``figure`` inside ``sentence`` in the document text."""
    s_start = doc.text.index(sentence)
    f_start = doc.text.index(figure, s_start)
    span = Span(f_start, f_start + len(figure))
    return Claim(
        id=Claim.make_id(doc.id, span, "casualty", outcome),
        document_id=doc.id,
        kind="casualty",
        outcome=outcome,
        count=count,
        victims="civilians",
        span=span,  # type: ignore[arg-type]
        sentence=Span(s_start, s_start + len(sentence)),
        quote=sentence,
        event_type=event,
        perpetrator=perpetrator,
        source=Source(source, kind="media") if source else None,
        scope=scope,
        place=place,  # type: ignore[arg-type]
    )


def build_seed(ledger: Ledger) -> dict[str, Any]:
    """Store the seed document, its claims and three incidents; returns the ids by name."""
    doc = seed_document()
    claims = {row[0]: make_claim(doc, *row[1:]) for row in SEED_CLAIMS}
    ledger.add_document(doc, list(claims.values()))
    manbij_ids = (claims["strike"].id, claims["jazeera"].id)
    manbij = Incident(
        id=Incident.make_id(manbij_ids),
        kind="incident",
        claim_ids=manbij_ids,
        deaths=Figures(low=56, high=200, rule="lowest floor, highest ceiling"),
        civilian_deaths=Figures(low=56, high=200),
        place=MANBIJ,
        event_type="airstrike",
        perpetrator=COALITION,
        victims="civilians",
        grade="fair",
        n_sources=2,
        explanation=("56 is the floor the writer gives",),
    )
    ghouta = Incident(
        id=Incident.make_id((claims["chemical"].id,)),
        kind="incident",
        claim_ids=(claims["chemical"].id,),
        deaths=Figures(low=136, high=1300),
        civilian_deaths=Figures(low=136, high=1300),
        place=GHOUTA,
        event_type="chemical attack",
        perpetrator="Syrian government",
        victims="civilians",
        grade="weak",
        n_sources=1,
    )
    toll_ids = (claims["toll125"].id, claims["amnesty60"].id)
    toll = Incident(
        id=Incident.make_id(toll_ids),
        kind="aggregate",
        claim_ids=toll_ids,
        deaths=Figures(low=126),
        place=MANBIJ,
        perpetrator=COALITION,
        event_type="airstrike",
        grade="weak",
        n_sources=2,
        related_incident_id=manbij.id,
    )
    ledger.replace_incidents([manbij, ghouta, toll])
    return {
        "document": doc.id,
        "manbij": manbij.id,
        "ghouta": ghouta.id,
        "toll": toll.id,
        **{key: claim.id for key, claim in claims.items()},
    }


# -- helpers shared by the web tests (their fixtures, ``seeded`` and ``client``, are in conftest.py) --

PASSWORD = "correct horse battery"


def add_user(ledger: Ledger, name: str, role: str) -> str:
    """Create ``name`` with ``role`` and return a fresh API token for them."""
    from harmledger.store.users import Users

    users = Users(ledger)
    users.add(name, PASSWORD, role)
    return users.issue_token(name, "tests")


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def log_in(client: Any, name: str, password: str = PASSWORD) -> str:
    """Log ``name`` in through the login form; returns the session's CSRF token."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"username": name, "password": password, "csrf": token, "next": "/"}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/login").text)
