"""Casualty figures in French, Spanish and Portuguese reports: the figure, its qualifier and its harm.

The English extractor reads a sentence's grammar; this one reads only the commonest shapes of a
toll in the press of francophone Africa, Haiti, Latin America and Brazil, enough to give such a
report its figures and let it join an incident:

    "11 morts dans deux villages", "au moins 200 personnes ont été tuées", "fait 3 morts",
    "le bilan s'est alourdi à 115 morts", "siete personas asesinadas", "mueren dos soldados",
    "Duas pessoas morrem", "mais sete mortos", "Homem é assassinado", "Sept blessés".

A figure it cannot tie to a harm word gives no claim, as in English. Its source is who the sentence
names after "selon", "según" or "segundo", its perpetrator an armed group it names (the English
aliases: "CODECO", "les ADF"); event types are left to the analyst;
a toll "since" a date, or per day, is cumulative.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from harmledger.extract.context import perpetrators
from harmledger.extract.text import split_sentences, tokenize
from harmledger.records import Claim, Count, Document, Source, Span

LANGUAGES = frozenset({"fr", "es", "pt"})
EXTRACTOR = "rules-romance@1"

_NUMBERS: dict[str, int] = {
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
    # Spanish
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "cien": 100,
    # Portuguese
    "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "sete": 7, "oito": 8,
    "nove": 9, "dez": 10, "doze": 12, "treze": 13, "vinte": 20, "trinta": 30,
    "quarenta": 40, "cem": 100,
}  # fmt: skip
# "une dizaine", "una decena", "uma dezena": about that many
_ABOUT_NOUNS: dict[str, int] = {
    "dizaine": 10, "vingtaine": 20, "trentaine": 30, "cinquantaine": 50, "centaine": 100,
    "decena": 10, "veintena": 20, "treintena": 30, "centenar": 100,
    "dezena": 10, "vintena": 20, "centena": 100,
}  # fmt: skip
_QUALIFIERS: dict[str, str] = {
    "au moins": "at_least", "plus de": "more_than", "près de": "approximately", "environ": "approximately",
    "quelque": "approximately", "jusqu'à": "up_to", "jusqu’à": "up_to",
    "al menos": "at_least", "por lo menos": "at_least", "más de": "more_than", "cerca de": "approximately",
    "unos": "approximately", "unas": "approximately", "alrededor de": "approximately", "hasta": "up_to",
    "pelo menos": "at_least", "ao menos": "at_least", "mais de": "more_than", "quase": "approximately",
    "aproximadamente": "approximately", "até": "up_to",
}  # fmt: skip

_KILLED = (
    r"morts?|mortes?|tu[ée]e?s?|décès|victimes|péri|assassin[ée]e?s?|"
    r"muert[oa]s?|asesinad[oa]s?|fallecid[oa]s?|ejecutad[oa]s?|homicidios|asesinatos|cadáveres|cuerpos|"
    r"mort[oa]s?|assassinad[oa]s?|executad[oa]s?|homicídios|assassinatos|corpos"
)
_INJURED = r"bless[ée]e?s?|herid[oa]s?|ferid[oa]s?"  # "tuée", "blessées": every gender and number
# Verbs whose subject is the dead ("Duas pessoas morrem", "mueren dos soldados", "meurent")
_DIE = (
    r"meurent|meurt|sont\s+mort(?:e)?s|ont\s+péri|ont\s+trouvé\s+la\s+mort|"
    r"mueren|murieron|muere|murió|morrem|morreram|morre|morreu"
)
# Verbs whose object is the dead ("tue 12 civils", "matan a cinco", "mata quatro pessoas")
_KILL = r"tue|tuent|ont\s+tué|a\s+tué|matan|mataron|mató|asesinaron|asesinan|mata|matam|mataram|matou"
_NUMBER = r"\d[\d\s.,]{0,12}\d|\d|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
_QUALIFIER = "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
_ABOUT = r"(?:une|una|uma|des|unas|umas)\s+(?P<about>" + "|".join(_ABOUT_NOUNS) + r")s?(?:\s+(?:de|d['’]))?"
# "une vingtaine" before "une": the article of an approximate number is not the figure one
_FIGURE = rf"(?:(?P<qual>{_QUALIFIER})\s+)?(?:{_ABOUT}|(?P<num>{_NUMBER}))"
_WORDS = r"(?:[\w'’-]+\s+){0,3}?"  # "personnes", "civils", "soldats angolais"
_BE = r"ont|ont\s+été|sont|été|a\s+été|est|fueron|han\s+sido|fue|ha\s+sido|foram|são|foi|é"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "11 morts", "au moins 200 personnes ont été tuées", "sept blessés", "siete personas asesinadas";
    # "le bilan s'est alourdi à 115 morts", "fait 3 morts"
    re.compile(rf"\b{_FIGURE}\s+{_WORDS}(?:(?:{_BE})\s+)?(?P<harm>{_KILLED}|{_INJURED})\b", re.I),
    # "Duas pessoas morrem", "trois soldats meurent"
    re.compile(rf"\b{_FIGURE}\s+{_WORDS}(?P<harm>{_DIE})\b", re.I),
    # "mueren dos soldados", "meurent cinq civils"
    re.compile(rf"\b(?P<harm>{_DIE})\s+{_FIGURE}\b", re.I),
    # "tue 12 civils", "matan a cinco", "mata quatro pessoas"
    re.compile(rf"\b(?P<harm>{_KILL})\s+(?:a\s+)?{_FIGURE}\b", re.I),
)
# One person named by a noun: "Homem é assassinado", "Soldado Angolano morto", "un civil tué"
_ONE = re.compile(
    r"\b(?P<who>homme|femme|soldat|policier|civil|enfant|jeune|hombre|mujer|joven|soldado|policía|policial|"
    r"niño|niña|homem|mulher|criança|jovem|agente|militar|membro|líder|chef|dirigente)\b"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:(?:est|a\s+été|es|fue|é|foi)\s+(?:[\w]+\s+e\s+)?(?:encontrad[oa]\s+)?)?"
    r"(?P<harm>tu[ée]e?|assassin[ée]e?|mort[aeo]?|muert[oa]|asesinad[oa]|assassinad[oa]|executad[oa]|meurt|muere|morre|ferid[oa]|herid[oa]|bless[ée]e?)\b",
    re.I,
)
_CUMULATIVE = re.compile(
    r"\b(?:depuis|desde|en\s+lo\s+que\s+va|suman|acumulan|somam|fim\s+de\s+semana|fin\s+de\s+semana|week-end|par\s+jour|por\s+d[ií]a|diarios|por\s+dia|cette\s+année|este\s+año|"
    r"este\s+ano|en\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)|"
    r"en\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))\b",
    re.I,
)


# "selon des élus locaux", "según la policía", "segundo a polícia", "d'après l'ONU": who gave the
# figures of the sentence (up to the next comma or the sentence's end)
_ACCORDING_TO = re.compile(
    r"\b(?:selon|d['’]après|según|de\s+acuerdo\s+con|segundo|de\s+acordo\s+com)\s+"
    r"(?:(?:les|des|la|le|l['’]|los|las|el|la|os|as|o|a|do|da|dos|das|del)\s*)?(?P<who>[^,;.:()]{2,60})",
    re.IGNORECASE,
)
# Who said it, kept to its first words: "élus locaux de la commune de Saint-Marc" → "élus locaux"
_SOURCE_WORDS = 4


Figure = tuple[tuple[int, int], int, str, Count]  # (span in the sentence, its harm word's start, outcome, count)


def extract_romance_claims(doc: Document) -> list[Claim]:
    """Casualty claims of a French, Spanish or Portuguese ``doc``, in text order."""
    claims: list[Claim] = []
    for start, end in split_sentences(doc.text) or [(0, len(doc.text))]:
        sentence = doc.text[start:end]
        figures = _one_each(_figures(sentence))
        if not figures:
            continue
        source = _source(sentence, start)
        # an armed group the sentence names, by the aliases English reports are read with
        # ("tuées par les miliciens CODECO", "une attaque des ADF")
        named = [name for _, _, name in perpetrators(tokenize(sentence, start))]
        for span, outcome, count in figures:
            at = Span(start + span[0], start + span[1])
            victims = _victims(sentence, span)
            claims.append(
                Claim(
                    id=Claim.make_id(doc.id, at, "casualty", outcome),
                    document_id=doc.id,
                    kind="casualty",
                    outcome=outcome,  # type: ignore[arg-type]
                    count=count,
                    victims=victims,  # type: ignore[arg-type]
                    span=at,
                    sentence=Span(start, end),
                    quote=sentence,
                    source=source,
                    perpetrator=named[0] if named else None,
                    scope="cumulative" if _CUMULATIVE.search(_clause(sentence, span)) else "incident",
                    genre=doc.genre or "news",
                    extractor=EXTRACTOR,
                )
            )
    return sorted(claims, key=lambda c: (c.span.start, c.span.end))


# Who the dead or wounded were, by the word that names them (either number, any gender).
_VICTIM_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "civil civils civile civiles civis enfant enfants niño niños niña niñas criança crianças femme femmes "
        "mujer mujeres mulher mulheres villageois habitant habitants campesino campesinos aldeano aldeanos "
        "morador moradores pescador pescadores pêcheur pêcheurs fidèle fidèles élève élèves étudiant étudiants "
        "estudiante estudiantes aluno alunos manifestant manifestants manifestante manifestantes passager "
        "passagers pasajero pasajeros passageiro passageiros déplacé déplacés".split(),
        "civilians",
    ),
    **dict.fromkeys(
        "soldat soldats soldado soldados militar militares militaire militaires policier policiers policía "
        "policías policial policiais gendarme gendarmes guérillero guérilleros guerrillero guerrilleros "
        "jihadiste jihadistes djihadiste djihadistes terroriste terroristes terrorista terroristas insurgé "
        "insurgés insurgente insurgentes rebelle rebelles rebelde rebeldes milicien miliciens miliciano "
        "milicianos combattant combattants combatiente combatientes combatente combatentes assaillant "
        "assaillants".split(),
        "combatants",
    ),
}
_VICTIM_REACH = 3  # words after the figure that may name the victims ("10 militares moçambicanos")


def _victims(sentence: str, span: tuple[int, int]) -> str:
    """Who a figure counts, by the first word after it (or the figure's own noun, "un civil")
    that names civilians or fighters; else people."""
    words = re.findall(r"[\w'’-]+", sentence[span[0] : span[1]].lower())[-1:]
    words += re.findall(r"[\w'’-]+", sentence[span[1] :].lower())[:_VICTIM_REACH]
    return next((_VICTIM_WORDS[w] for w in words if w in _VICTIM_WORDS), "people")


def _clause(sentence: str, span: tuple[int, int]) -> str:
    """The part of ``sentence`` between semicolons (or colons) that holds ``span``: "Hallan siete
    cuerpos en Navolato; suman 60 muertos" tells a find, then a running total."""
    start = max(sentence.rfind(";", 0, span[0]), sentence.rfind(":", 0, span[0])) + 1
    ends = [i for i in (sentence.find(";", span[1]), sentence.find(":", span[1])) if i >= 0]
    return sentence[start : min(ends, default=len(sentence))]


def _one_each(found: Iterator[Figure]) -> list[tuple[tuple[int, int], str, Count]]:
    """The figures of one sentence, the first read of each: one figure, one claim, and one harm
    word, one figure ("Um homem é assassinado" is "Um" or "homem", not both)."""
    out: list[tuple[tuple[int, int], str, Count]] = []
    harms: set[int] = set()
    for (a, b), harm_at, outcome, count in found:
        if harm_at in harms or any(x < b and a < y for (x, y), _, _ in out):
            continue
        harms.add(harm_at)
        out.append(((a, b), outcome, count))
    return out


def _source(sentence: str, offset: int) -> Source | None:
    """Who the sentence says gave its figures, if it says so."""
    m = _ACCORDING_TO.search(sentence)
    if m is None:
        return None
    words = m.group("who").split()
    cut = next((n for n, w in enumerate(words) if w.lower() in ("de", "du", "del", "do", "da", "des")), len(words))
    name = " ".join(words[: max(1, min(cut, _SOURCE_WORDS))])
    return Source(name, "reported", None, Span(offset + m.start("who"), offset + m.start("who") + len(name)))


def _figures(sentence: str) -> Iterator[Figure]:
    """(span of the figure, where its harm word starts, outcome, count) of each toll in one sentence."""
    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            value = _value(m)
            if value is None:
                continue
            outcome = _outcome(m.group("harm"))
            qualifier = _QUALIFIERS.get((m.group("qual") or "").lower(), "exact")
            if m.group("about"):
                qualifier = "approximately"
            low, high, best = _bounds(value, qualifier)
            begin = m.start("qual") if m.group("qual") else m.start("num") if m.group("num") else m.start("about")
            finish = m.end("num") if m.group("num") else m.end("about")
            count = Count(low, high, best, qualifier, False, sentence[begin:finish])  # type: ignore[arg-type]
            yield (begin, finish), m.start("harm"), outcome, count
    for m in _ONE.finditer(sentence):
        one = Count(1, 1, 1, "exact", False, m.group("who"))
        yield (m.start("who"), m.end("who")), m.start("harm"), _outcome(m.group("harm")), one


def _value(m: re.Match[str]) -> int | None:
    if m.group("about"):
        return _ABOUT_NOUNS[m.group("about").lower()]
    raw = m.group("num").lower()
    if raw in _NUMBERS:
        return _NUMBERS[raw]
    digits = re.sub(r"[\s.,]", "", raw)
    if not digits.isdigit() or len(digits) > 6:
        return None
    return int(digits)


def _outcome(harm: str) -> str:
    return "injured" if re.fullmatch(_INJURED, harm, re.I) else "killed"


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None, int | None]:
    if qualifier == "at_least":
        return value, None, None
    if qualifier == "more_than":
        return value + 1, None, None
    if qualifier == "up_to":
        return None, value, None
    if qualifier == "approximately":
        return None, None, value
    return value, value, value
