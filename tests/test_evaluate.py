"""`evaluate` end to end on small gold sets, with hand-made predictions standing in for the pipeline."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from harmledger.evaluate import SECTION_KEYS, evaluate, format_errors, format_table
from harmledger.evaluate.gold import load_gold
from harmledger.evaluate.inputs import View
from harmledger.evaluate.metrics import Scoring, score_segments
from harmledger.evaluate.predictions import Predictions
from harmledger.pipeline import Analysis
from harmledger.records import Claim, Count, DateRef, Document, Figures, Incident, PlaceRef, Source, Span

SEED = Path(__file__).parent / "fixtures" / "seed"

# The README's "What `harmledger eval DIR --json` prints", key for key.
README_SHAPE = {
    "segments": ["n_gold", "found", "missed", "spurious", "genre_accuracy"],
    "claims": [
        "n_gold",
        "n_pred",
        "precision",
        "recall",
        "f1",
        "count_exact",
        "qualifier_exact",
        "scope_exact",
        "source_exact",
        "victims_exact",
        "negatives_n",
        "negatives_hit",
    ],
    "places": ["n", "within_25km", "within_161km", "median_km", "mean_km"],
    "dates": ["n", "exact"],
    "events": ["n", "killed_exact", "killed_exact_nonzero", "injured_exact", "within_25km", "within_161km"],
    "incidents": ["n_gold", "n_pred", "pairwise_precision", "pairwise_recall", "pairwise_f1", "deaths_in_range"],
}

# Our keys after the README's: per-document figures and the cost of joins (docs/accuracy.md).
OURS = {
    "events": [
        "killed_exact_document",
        "killed_exact_nonzero_document",
        "injured_exact_document",
        "within_25km_document",
        "within_161km_document",
        "perpetrator_agrees",
        "perpetrator_unknown_named",
        "date_within_week",
    ],
    "incidents": ["wrong_join_rate", "pairs_gold", "pairs_predicted", "pairs_both", "deaths_in_range_document"],
}

Edit = Callable[[int, dict[str, Any], Claim], Claim | None]


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def claim_for(doc: Document, row: dict[str, Any]) -> Claim | None:
    """The claim a perfect extractor would give for one gold claim line, or None if not in ``doc``."""
    start = doc.text.find(row["quote"])
    if start < 0:
        return None
    span = Span(start, start + len(row["quote"]))
    outcome = row["outcome"][0]
    count = Count(low=row["low"], high=row["high"], best=row["best"], qualifier=row["qualifier"])
    day = date.fromisoformat(row["date"]) if row.get("date") else None
    return Claim(
        id=Claim.make_id(doc.id, span, "casualty", outcome),
        document_id=doc.id,
        kind="casualty",
        outcome=outcome,
        count=count,
        victims=row.get("victims"),
        span=span,
        sentence=span,
        quote=row["quote"],
        scope=row.get("scope"),
        source=Source(row["source"]) if row.get("source") else None,
        date=DateRef(row["date"], start=day, end=day, precision="day") if day else None,
    )


def seed_analyser(
    edit: Edit | None = None,
    extra: Callable[[Document], list[Claim]] | None = None,
    join: dict[str, list[int]] | None = None,
):
    """A stand-in pipeline answering the seed gold exactly, changed by ``edit`` where given."""
    gold = rows(SEED / "claims.jsonl")
    incidents_gold = rows(SEED / "incidents.jsonl")

    def analyse(documents: Iterable[Document]) -> Analysis:
        docs = list(documents)
        claims: list[Claim] = []
        by_line: dict[int, Claim] = {}
        for doc in docs:
            for n, row in enumerate(gold):
                claim = claim_for(doc, row)
                if claim is not None and edit is not None:
                    claim = edit(n, row, claim)
                if claim is not None:
                    claims.append(claim)
                    by_line[n] = claim
            claims.extend(extra(doc) if extra else [])
        incidents = []
        for row in incidents_gold:
            lines = row["claims"] + (join or {}).get(row["id"], [])
            ids = tuple(by_line[n].id for n in lines if n in by_line)
            figures = Figures(low=row["deaths_low"], high=row["deaths_high_at_most"])
            incidents.append(
                Incident(
                    id=Incident.make_id(ids), kind="incident", claim_ids=ids, deaths=figures, civilian_deaths=figures
                )
            )
        return Analysis(documents=docs, claims=claims, places={d.id: [] for d in docs}, incidents=incidents)

    return analyse


def nothing(documents: Iterable[Document]) -> Analysis:
    docs = list(documents)
    return Analysis(documents=docs, claims=[], places={}, incidents=[])


def test_json_has_the_readme_keys_in_order_then_ours() -> None:
    report = evaluate(SEED, analyse=seed_analyser()).to_json()
    assert set(report) <= set(README_SHAPE)
    for name, section in report.items():
        assert list(section) == README_SHAPE[name] + OURS.get(name, [])
    assert {k: list(v) for k, v in SECTION_KEYS.items()} == {k: v + OURS.get(k, []) for k, v in README_SHAPE.items()}


def test_a_perfect_prediction_scores_one() -> None:
    claims = evaluate(SEED, analyse=seed_analyser()).to_json()["claims"]
    assert claims == {
        "n_gold": 6,
        "n_pred": 6,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "count_exact": 1.0,
        "qualifier_exact": 1.0,
        "scope_exact": 1.0,
        "source_exact": 1.0,
        "victims_exact": 1.0,
        "negatives_n": 9,
        "negatives_hit": 0,
    }


def test_a_perfect_prediction_groups_and_brackets_incidents() -> None:
    incidents = evaluate(SEED, analyse=seed_analyser()).to_json()["incidents"]
    readme = {k: v for k, v in incidents.items() if k in README_SHAPE["incidents"]}
    assert readme == {
        "n_gold": 2,
        "n_pred": 2,
        "pairwise_precision": 1.0,
        "pairwise_recall": 1.0,
        "pairwise_f1": 1.0,
        "deaths_in_range": 1.0,
    }
    assert incidents["wrong_join_rate"] == 0.0


@pytest.mark.parametrize(
    ("join", "pairwise_precision", "deaths_in_range", "wrong_join_rate"),
    [
        ({"manbij-strike": [2]}, 1.0, 1.0, 0.0),  # a figure the gold puts in no incident counts neither way
        # The Ghouta claim in the Manbij incident: a wrong join that spoils both gold incidents.
        ({"manbij-strike": [5]}, 0.0, 0.5, 1.0),
    ],
)
def test_incident_joins(
    join: dict[str, list[int]], pairwise_precision: float, deaths_in_range: float, wrong_join_rate: float
) -> None:
    incidents = evaluate(SEED, analyse=seed_analyser(join=join)).to_json()["incidents"]
    assert (incidents["pairwise_precision"], incidents["deaths_in_range"]) == (pairwise_precision, deaths_in_range)
    assert incidents["wrong_join_rate"] == wrong_join_rate
    assert incidents["pairs_predicted"] == (1 if wrong_join_rate else 0)


def test_an_empty_prediction_has_recall_zero() -> None:
    report = evaluate(SEED, analyse=nothing, collect_errors=True)
    claims = report.to_json()["claims"]
    assert (claims["n_pred"], claims["recall"], claims["f1"], claims["precision"]) == (0, 0.0, 0.0, None)
    assert report.to_json()["incidents"]["deaths_in_range"] == 0.0
    assert sum(1 for e in report.errors if e.section == "claims" and e.kind == "missed") == 6


def count_plus_one(n: int, row: dict[str, Any], claim: Claim) -> Claim:
    assert claim.count is not None
    c = claim.count
    if n != 0:
        return claim
    return replace(claim, count=replace(c, low=(c.low or 0) + 1))


def alias_source(n: int, row: dict[str, Any], claim: Claim) -> Claim:
    names = {"Amnesty International": "AI", "Al-Jazeera": "Al Jazeera"}
    return replace(claim, source=Source(names[row["source"]])) if row.get("source") in names else claim


def other_source(n: int, row: dict[str, Any], claim: Claim) -> Claim:
    return replace(claim, source=Source("Human Rights Watch")) if row.get("source") == "Al-Jazeera" else claim


def drop_first(n: int, row: dict[str, Any], claim: Claim) -> Claim | None:
    return None if n == 0 else claim


def injured_outcome(n: int, row: dict[str, Any], claim: Claim) -> Claim:
    return replace(claim, outcome="injured") if n == 0 else claim


def wrong_scope(n: int, row: dict[str, Any], claim: Claim) -> Claim:
    return replace(claim, scope="cumulative") if n == 0 else claim


@pytest.mark.parametrize(
    ("edit", "figure", "value"),
    [
        (count_plus_one, "count_exact", 0.8333),  # 5 of 6 counts right
        (count_plus_one, "recall", 1.0),  # a wrong count still matches the quote
        (alias_source, "source_exact", 1.0),  # "AI", "Al Jazeera" name the gold sources
        (other_source, "source_exact", 0.75),  # 3 of the 4 graded sources right
        (drop_first, "recall", 0.8333),
        (drop_first, "precision", 1.0),
        (injured_outcome, "recall", 0.8333),  # an unaccepted outcome does not match
        (injured_outcome, "precision", 0.8333),
        (wrong_scope, "scope_exact", 0.8),  # 5 graded scopes (one gold scope is null)
    ],
)
def test_a_changed_prediction_is_scored(edit: Edit, figure: str, value: float) -> None:
    assert evaluate(SEED, analyse=seed_analyser(edit)).to_json()["claims"][figure] == value


def claims_on_negatives(doc: Document) -> list[Claim]:
    """Two false claims: one on a negative's figure, one on plain text outside every quote."""
    out = []
    for quote in ("gathered 30 of his counterparts", "The Syrian official opposition"):
        start = doc.text.find(quote)
        if start >= 0:
            span = Span(start, start + 10)
            out.append(
                Claim(
                    id=Claim.make_id(doc.id, span, "casualty", "killed"),
                    document_id=doc.id,
                    kind="casualty",
                    outcome="killed",
                    count=Count(30, 30, 30, "exact"),
                    victims="people",
                    span=span,
                    sentence=span,
                    quote=quote,
                )
            )
    return out


def test_a_claim_on_a_negative_is_counted() -> None:
    report = evaluate(SEED, analyse=seed_analyser(extra=claims_on_negatives), collect_errors=True)
    claims = report.to_json()["claims"]
    assert (claims["negatives_hit"], claims["n_pred"], claims["precision"]) == (1, 8, 0.75)
    assert [e.kind for e in report.errors if e.section == "negatives"] == ["false"]
    assert sum(1 for e in report.errors if e.section == "claims" and e.kind == "false") == 2


def test_table_and_errors_name_each_figure_with_its_n() -> None:
    report = evaluate(SEED, analyse=seed_analyser(count_plus_one), collect_errors=True)
    table = format_table(report)
    assert "count_exact" in table and "(5/6)" in table and "recall" in table and "(6/6)" in table
    errors = format_errors(report)
    assert "[claims] wrong" in errors and "at least 56 civilians" in errors


def write_set(root: Path, **files: list[dict[str, Any]]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (root / f"{name}.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return root


GEO_DOCS = [
    {"id": "g1", "text": "Pigs were culled in Pandi, Bulacan on Sunday."},
    {"id": "g2", "text": "Cases rose in Manila and in Cebu."},
]
GEO_PLACES = [
    {"doc": "g1", "quote": "andi,", "start": 21, "end": 26, "lat": 14.87, "lon": 120.95, "name": "Pandi"},
    {"doc": "g1", "quote": "Bulacan", "start": 27, "end": 34, "lat": 15.0, "lon": 121.08, "name": "Bulacan"},
    {"doc": "g2", "quote": "Manila", "lat": 14.6, "lon": 120.98, "name": "Manila"},
    {"doc": "g2", "quote": "Cebu", "lat": 10.3, "lon": 123.9, "name": "Cebu", "max_km": 10},
]


def geo_analyser(answers: dict[str, tuple[float, float] | None]):
    """Predicts each named place at the given coordinates (None: found but unresolved)."""

    def analyse(documents: Iterable[Document]) -> Analysis:
        docs = list(documents)
        places: dict[str, list[PlaceRef]] = {}
        for doc in docs:
            for name, where in answers.items():
                start = doc.text.find(name)
                if start >= 0:
                    lat, lon = where if where else (None, None)
                    places.setdefault(doc.id, []).append(
                        PlaceRef(name, name=name, lat=lat, lon=lon, span=Span(start, start + len(name)))
                    )
        return Analysis(documents=docs, claims=[], places=places, incidents=[])

    return analyse


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"Pandi": (14.87, 120.95), "Bulacan": (15.0, 121.08), "Manila": (14.6, 120.98), "Cebu": (10.3, 123.9)},
            {"n": 4, "within_25km": 1.0, "within_161km": 1.0, "median_km": 0.0, "mean_km": 0.0},
        ),
        ({}, {"n": 4, "within_25km": 0.0, "within_161km": 0.0, "median_km": None, "mean_km": None}),
        # Cebu 50 km off is beyond its own max_km (10); Manila unresolved counts as not within.
        (
            {"Pandi": (14.87, 120.95), "Bulacan": (15.0, 121.08), "Manila": None, "Cebu": (10.75, 123.9)},
            {"n": 4, "within_25km": 0.5, "within_161km": 0.5, "median_km": 0.0, "mean_km": 16.7},
        ),
    ],
)
def test_places(tmp_path: Path, answers: dict[str, tuple[float, float] | None], expected: dict[str, Any]) -> None:
    gold = write_set(tmp_path / "geo", documents=GEO_DOCS, places=GEO_PLACES)
    assert evaluate(gold, analyse=geo_analyser(answers)).to_json() == {"places": expected}


HEADLINES = [
    {"id": "h1", "text": "Five killed in Misrata strike", "published": "2017-10-04"},
    {"id": "h2", "text": "Airstrike kills five in Misrata", "published": "2017-10-04"},
    {"id": "h3", "text": "Two soldiers killed, three hurt in Gwoza", "published": "2018-05-15"},
]
EVENTS = [
    {"doc": "h1", "killed": 5, "injured": None, "lat": 32.37, "lon": 15.09, "max_km": 25},
    {"doc": "h2", "killed": 5, "injured": None, "lat": 32.37, "lon": 15.09, "max_km": 25},
    {"doc": "h3", "killed": 2, "injured": 3, "lat": 11.1, "lon": 13.71},
]
INCIDENTS = [
    {"id": "misrata", "docs": ["h1", "h2"], "deaths_low": 5, "deaths_high_at_most": 5},
    {"id": "gwoza", "docs": ["h3"], "deaths_low": 2, "deaths_high_at_most": 2},
]


def headline_analyser(
    groups: list[tuple[tuple[str, ...], int, int, tuple[float, float] | None]], aggregate: bool = False
):
    """One claim per headline; incidents group headlines (by a word they hold) with given figures.

    With ``aggregate``, a cumulative toll over every headline is added (it must change nothing).
    """

    def analyse(documents: Iterable[Document]) -> Analysis:
        docs = list(documents)
        claims = [
            Claim(
                id=f"c-{d.id[:8]}",
                document_id=d.id,
                kind="casualty",
                outcome="killed",
                count=None,
                victims="people",
                span=Span(0, 4),
                sentence=Span(0, len(d.text)),
                quote=d.text,
            )
            for d in docs
        ]
        incidents = []
        for words, killed, injured, where in groups:
            ids = tuple(c.id for c, d in zip(claims, docs, strict=True) if any(w in d.text for w in words))
            place = PlaceRef("x", lat=where[0], lon=where[1]) if where else None
            incidents.append(
                Incident(
                    id=Incident.make_id(ids),
                    kind="incident",
                    claim_ids=ids,
                    deaths=Figures(best=killed),
                    injured=Figures(best=injured),
                    place=place,
                )
            )
        if aggregate:
            ids = tuple(c.id for c in claims)
            incidents.append(Incident(id="all", kind="aggregate", claim_ids=ids, deaths=Figures(best=99)))
        return Analysis(documents=docs, claims=claims, places={}, incidents=incidents)

    return analyse


@pytest.mark.parametrize(
    ("groups", "events", "incidents"),
    [
        (  # right grouping, totals and places
            [(("Misrata",), 5, 0, (32.37, 15.09)), (("Gwoza",), 2, 3, (11.1, 13.71))],
            {
                "n": 3,
                "killed_exact": 1.0,
                "killed_exact_nonzero": 1.0,
                "injured_exact": 1.0,
                "within_25km": 1.0,
                "within_161km": 1.0,
            },
            {
                "n_gold": 2,
                "n_pred": 2,
                "pairwise_precision": 1.0,
                "pairwise_recall": 1.0,
                "pairwise_f1": 1.0,
                "deaths_in_range": 1.0,
                "wrong_join_rate": 0.0,
            },
        ),
        (  # Misrata headlines split apart; Gwoza toll wrong and placed 50 km off
            [
                (("Five killed",), 5, 0, (32.37, 15.09)),
                (("kills five",), 5, 0, (32.37, 15.09)),
                (("Gwoza",), 4, 3, (11.55, 13.71)),
            ],
            {
                "n": 3,
                "killed_exact": 0.6667,
                "killed_exact_nonzero": 0.6667,
                "injured_exact": 1.0,
                "within_25km": 0.6667,
                "within_161km": 1.0,
            },
            {
                "n_gold": 2,
                "n_pred": 3,
                "pairwise_precision": 1.0,
                "pairwise_recall": 0.0,
                "pairwise_f1": 0.0,
                "deaths_in_range": 0.5,
                "wrong_join_rate": 0.0,
            },
        ),
        (  # everything merged into one incident
            [(("Misrata", "Gwoza"), 7, 3, (32.37, 15.09))],
            {
                "n": 3,
                "killed_exact": 0.0,
                "killed_exact_nonzero": 0.0,
                "injured_exact": 1.0,
                "within_25km": 0.6667,
                "within_161km": 0.6667,
            },
            {
                "n_gold": 2,
                "n_pred": 1,
                "pairwise_precision": 0.3333,
                "pairwise_recall": 1.0,
                "pairwise_f1": 0.5,
                "deaths_in_range": 0.0,
                "wrong_join_rate": 1.0,
            },
        ),
    ],
)
def test_events_and_incidents(tmp_path: Path, groups, events: dict[str, Any], incidents: dict[str, Any]) -> None:
    gold = write_set(tmp_path / "ucdp", documents=HEADLINES, events=EVENTS, incidents=INCIDENTS)
    report = evaluate(gold, analyse=headline_analyser(groups)).to_json()
    assert {
        name: {k: report[name][k] for k in figures} for name, figures in (("events", events), ("incidents", incidents))
    } == {"events": events, "incidents": incidents}


def test_a_cumulative_aggregate_is_left_out_of_events_and_incidents(tmp_path: Path) -> None:
    gold = write_set(tmp_path / "ucdp", documents=HEADLINES, events=EVENTS, incidents=INCIDENTS)
    groups = [(("Misrata",), 5, 0, (32.37, 15.09)), (("Gwoza",), 2, 3, (11.1, 13.71))]
    plain = evaluate(gold, analyse=headline_analyser(groups)).to_json()
    assert evaluate(gold, analyse=headline_analyser(groups, aggregate=True)).to_json() == plain


def doc(text: str, genre: str = "news") -> Document:
    return Document(id=text[:8], original=text.encode(), text=text, origin="t", genre=genre)  # type: ignore[arg-type]


FILE = "Headline one\nFirst story starts here. Body.\n\nSecond story opens now. More.\n\nThird piece begins. End."


@pytest.mark.parametrize(
    ("cuts", "expected"),
    [
        (
            [(0, "news"), (45, "opinion"), (76, "opinion")],
            {"n_gold": 3, "found": 3, "missed": 0, "spurious": 0, "genre_accuracy": 1.0},
        ),
        ([(0, "news")], {"n_gold": 3, "found": 1, "missed": 2, "spurious": 0, "genre_accuracy": 1.0}),
        (
            [(0, "news"), (45, "news"), (76, "opinion"), (90, "news")],
            {"n_gold": 3, "found": 3, "missed": 0, "spurious": 1, "genre_accuracy": 0.6667},
        ),
    ],
)
def test_segments(cuts: list[tuple[int, str]], expected: dict[str, Any]) -> None:
    gold = [
        {"doc": "f.txt", "starts_with": "First story starts", "genre": "news"},
        {"doc": "f.txt", "starts_with": "Second story opens", "genre": "opinion"},
        {"doc": "f.txt", "starts_with": "Third piece begins", "genre": "opinion"},
    ]
    ends = [c[0] for c in cuts[1:]] + [len(FILE)]
    parts = [(doc(FILE[start:end], genre), start) for (start, genre), end in zip(cuts, ends, strict=True)]
    view = View(gold_id="f.txt", text=FILE, parts=parts)
    scoring = Scoring(views={"f.txt": view}, pred=Predictions(), collect=False)
    assert score_segments(gold, scoring).to_json() == expected


def test_seed_fixture_finds_its_article_file() -> None:
    gold = load_gold(SEED)
    assert [d.id for d in gold.documents] == ["000_211a3c4709587a4d.txt"]


def test_no_errors_says_so(tmp_path: Path) -> None:
    names = ("claims", "negatives", "incidents")
    gold = write_set(tmp_path / "seed", **{n: rows(SEED / f"{n}.jsonl") for n in names})
    report = evaluate(
        gold, analyse=seed_analyser(), collect_errors=True, files_dir=Path(__file__).parents[1] / "samples"
    )
    assert format_errors(report).startswith("errors by family: none")
