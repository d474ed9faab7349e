"""Spec for casualty figures in French, Spanish and Portuguese reports (sentences our own)."""

from __future__ import annotations

import pytest

from harmledger.documents.make import make_document
from harmledger.extract import extract_claims


def figures(text: str) -> list[tuple]:
    """(language, outcome, figure text, low, best, high, scope) of each claim."""
    doc = make_document(text, "report.txt")
    return [
        (doc.language, c.outcome, c.count.text, c.count.low, c.count.best, c.count.high, c.scope)
        for c in extract_claims(doc)
        if c.count is not None
    ]


CASES = [
    (
        "Au moins 45 personnes ont été tuées dans l'attaque du camp de déplacés, selon un responsable local.",
        [("fr", "killed", "Au moins 45", 45, None, None, "incident")],
    ),
    (
        "Le bilan de l'attaque contre le village s'est alourdi à 38 morts et 12 blessés, selon la société civile.",
        [("fr", "killed", "38", 38, 38, 38, "incident"), ("fr", "injured", "12", 12, 12, 12, "incident")],
    ),
    (
        "Une nouvelle incursion des miliciens fait trois morts dans le territoire de Djugu.",
        [("fr", "killed", "trois", 3, 3, 3, "incident")],
    ),
    (
        "Hombres armados asesinaron a siete personas el lunes en una comunidad rural del estado.",
        [("es", "killed", "siete", 7, 7, 7, "incident")],
    ),
    (
        "Más de 20 soldados murieron en el ataque contra el cuartel, informó el ejército.",
        [("es", "killed", "Más de 20", 21, None, None, "incident")],
    ),
    (
        "Duas pessoas morrem durante um tiroteio na periferia da cidade, segundo a polícia militar.",
        [("pt", "killed", "Duas", 2, 2, 2, "incident")],
    ),
    (
        "Um homem é assassinado a tiros dentro do próprio carro no centro da cidade.",
        [("pt", "killed", "Um", 1, 1, 1, "incident")],
    ),
    # an approximate number's article is not the figure one; every gender and number of the participle
    (
        "Une vingtaine de gendarmes ont été tués mardi dans l'embuscade, selon une source sécuritaire.",
        [("fr", "killed", "vingtaine", None, 20, None, "incident")],
    ),
    (
        "Une femme a été tuée et deux fillettes ont été blessées lors de l'incursion des assaillants.",
        [("fr", "killed", "Une", 1, 1, 1, "incident"), ("fr", "injured", "deux", 2, 2, 2, "incident")],
    ),
    # a running total in one clause leaves the find told in the other an event's toll
    (
        "Localizan seis cuerpos en un canal de riego; suman 52 asesinatos en el municipio",
        [("es", "killed", "seis", 6, 6, 6, "incident"), ("es", "killed", "52", 52, 52, 52, "cumulative")],
    ),
    # a toll since a date is a running total
    (
        "Depuis janvier, plus de 600 civils ont été tués dans la province, selon les Nations unies.",
        [("fr", "killed", "plus de 600", 601, None, None, "cumulative")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_a_toll_in_french_spanish_or_portuguese_is_a_claim(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement a débloqué deux millions de dollars pour les familles des victimes de la région.",
        "El ministerio anunció que 300 policías serán desplegados en la zona durante las fiestas.",
        "A prefeitura entregou 40 casas populares para as famílias desabrigadas pela enchente.",
    ],
)
def test_numbers_that_are_not_harm_give_no_claim(text: str) -> None:
    assert figures(text) == []


def test_a_french_report_joins_the_english_reports_of_its_attack() -> None:
    from datetime import date

    from harmledger.pipeline import analyse

    english = make_document(
        "Militiamen attacked a displacement camp at Lala in Ituri province overnight, killing at least 45 people, "
        "a local official said on Monday.",
        "wire.txt",
        published=date(2023, 6, 13),
    )
    french = make_document(
        "Le bilan de l'attaque de la milice contre le site de déplacés de Lala, en Ituri, est passé à 46 morts, "
        "selon la société civile locale.",
        "radio.txt",
        published=date(2023, 6, 14),
    )
    incidents = [i for i in analyse([english, french]).incidents if i.kind == "incident"]
    assert [(i.deaths.low, i.deaths.high, i.n_sources) for i in incidents] == [(45, 46, 2)], [
        i.explanation for i in incidents
    ]


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Pelo menos 10 militares moçambicanos morreram no ataque, disseram fontes locais.", ["combatants"]),
        ("Dos soldados murieron y tres civiles fueron asesinados en Tibú.", ["combatants", "civilians"]),
        ("Trois enfants ont été tués et 12 personnes blessées par l'explosion.", ["civilians", "people"]),
    ],
)
def test_who_the_dead_were(text: str, victims: list[str]) -> None:
    assert [c.victims for c in extract_claims(make_document(text, "report.txt"))] == victims


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Le bilan s'est alourdi à 115 morts, selon des élus locaux de la commune de Saint-Marc.", "élus locaux"),
        ("Más de 20 soldados murieron en el ataque contra el cuartel, según la policía estatal.", "policía estatal"),
        ("Duas pessoas morrem durante um tiroteio na periferia, segundo a polícia militar.", "polícia militar"),
    ],
)
def test_who_gave_the_figure_is_its_source(text: str, source: str) -> None:
    [claim] = extract_claims(make_document(text, "report.txt"))
    assert claim.source is not None and claim.source.name == source


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Au moins 200 personnes ont été tuées samedi lors d'une attaque contre la commune.", "2024-08-24"),
        ("El lunes asesinaron a siete personas en una comunidad rural del estado.", "2024-08-26"),
        ("Duas pessoas morreram ontem durante um tiroteio na periferia da cidade.", "2024-08-26"),
    ],
)
def test_a_weekday_or_yesterday_dates_the_toll(text: str, day: str) -> None:
    from datetime import date

    from harmledger.places import find_places, locate_claims

    doc = make_document(text, "report.txt", published=date(2024, 8, 27))  # a Tuesday
    [claim] = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert claim.date is not None and claim.date.start is not None and claim.date.start.isoformat() == day


def test_a_weekday_name_in_an_english_report_is_no_romance_date() -> None:
    from datetime import date

    from harmledger.places.dates import find_dates

    doc = make_document(
        "Police in Santo Domingo said three men were shot dead.", "report.txt", published=date(2024, 8, 27)
    )
    assert [d.text for d in find_dates(doc)] == []


def test_an_armed_group_the_sentence_names_is_the_perpetrator() -> None:
    [claim] = extract_claims(
        make_document("Ituri : deux personnes tuées par les miliciens CODECO au village.", "r.txt")
    )
    assert claim.perpetrator == "CODECO"
