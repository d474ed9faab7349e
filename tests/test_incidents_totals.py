"""Spec: a report's total over several places ("strikes on two towns killed 31 … 19 in one, 12 in
the other") is kept beside the towns' incidents as an aggregate, never as one town's toll."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from harmledger.incidents import reconcile
from harmledger.incidents.totals import totals_over_places
from harmledger.records import Incident
from tests.test_incidents_builder import claim, doc

D = date(2016, 7, 19)
LEAD = "Air strikes on two towns in northern Syria killed at least 31 civilians on Tuesday."


def deaths(incident: Incident) -> tuple[int | None, int | None, int | None]:
    return (incident.deaths.low, incident.deaths.best, incident.deaths.high)


def by_place(incidents: list[Incident], kind: str = "incident") -> dict[str, Incident]:
    return {i.place.text if i.place else "": i for i in incidents if i.kind == kind}


def test_a_lead_total_over_two_towns_is_an_aggregate_beside_each_towns_incident() -> None:
    claims = [
        claim("r", low=31, qualifier="at_least", place="aleppo-province", day=D, quote=LEAD),
        claim("r", low=19, high=19, best=19, place="manbij", day=D),
        claim("r", low=12, high=12, best=12, place="raqqa", day=D),
    ]
    incidents = reconcile(claims, {"r": doc("r")})
    towns = by_place(incidents)
    assert set(towns) == {"Manbij", "Raqqa"}
    assert deaths(towns["Manbij"]) == (19, 19, 19)
    assert deaths(towns["Raqqa"]) == (12, 12, 12)
    [total] = [i for i in incidents if i.kind == "aggregate"]
    assert total.deaths.low == 31 and total.claim_ids == (claims[0].id,)
    assert any("total over 2 places (19 at Manbij + 12 at Raqqa)" in line for line in total.explanation)


def test_a_total_refined_to_one_of_its_towns_is_still_a_total() -> None:
    # The place finder put the lead's "two towns" figure at the first town named after it.
    claims = [
        claim("r", low=31, high=31, best=31, place="manbij", day=D, quote=LEAD),
        claim("r", low=19, high=19, best=19, place="manbij", day=D),
        claim("r", low=12, high=12, best=12, place="raqqa", day=D),
    ]
    assert set(totals_over_places(claims)) == {claims[0].id}
    towns = by_place(reconcile(claims, {"r": doc("r")}))
    assert deaths(towns["Manbij"]) == (19, 19, 19)


def test_the_same_total_in_headline_and_lead_is_one_aggregate() -> None:
    claims = [
        claim("r", low=31, high=31, best=31, place="syria", day=D, quote="Air strikes kill 31 in two Syrian towns"),
        claim("r", low=31, qualifier="at_least", place="aleppo-province", day=D, quote=LEAD),
        claim("r", low=19, high=19, best=19, place="manbij", day=D),
        claim("r", low=12, high=12, best=12, place="raqqa", day=D),
    ]
    incidents = reconcile(claims, {"r": doc("r")})
    [total] = [i for i in incidents if i.kind == "aggregate"]
    assert set(total.claim_ids) == {claims[0].id, claims[1].id}
    assert total.place is not None and total.place.text == "Syria"  # the area its towns are in
    assert len([i for i in incidents if i.kind == "incident"]) == 2


def test_a_towns_own_toll_that_happens_to_equal_two_others_is_not_a_total() -> None:
    claims = [
        claim("r", low=12, high=12, best=12, place="manbij", day=D, quote=LEAD),
        claim("r", low=5, high=5, best=5, place="raqqa", day=D),
        claim("r", low=7, high=7, best=7, place="deir-ez-zor", day=D),
    ]
    assert totals_over_places(claims) == {}
    assert all(i.kind == "incident" for i in reconcile(claims, {"r": doc("r")}))


def test_a_lead_figure_that_does_not_say_it_spans_places_is_the_events_toll() -> None:
    # The dead of one strike, some of them from elsewhere: the lead does not say "two towns".
    claims = [
        claim("r", low=31, high=31, best=31, place="manbij", day=D, quote="A strike on a market killed 31 people."),
        claim("r", low=19, high=19, best=19, place="manbij", day=D),
        claim("r", low=12, high=12, best=12, place="raqqa", day=D),
    ]
    assert totals_over_places(claims) == {}


def test_only_the_lead_figure_is_read_as_a_total() -> None:
    # A long report's later figures add up to one another by chance.
    claims = [
        claim("r", low=40, high=40, best=40, place="syria", day=D, quote=LEAD),
        claim("r", low=3, high=3, best=3, place="syria", day=D, quote="Three died in separate attacks."),
        claim("r", low=2, high=2, best=2, place="manbij", day=D),
        claim("r", low=1, high=1, best=1, place="raqqa", day=D),
    ]
    assert totals_over_places(claims) == {}


def test_figures_at_one_place_or_in_other_reports_make_no_total() -> None:
    one_place = [
        claim("a", low=10, high=10, best=10, place="aleppo-province", day=D, quote=LEAD),
        claim("a", low=6, high=6, best=6, place="manbij", day=D),
        claim("a", low=4, high=4, best=4, place="manbij", day=D),
    ]
    other_reports = [
        claim("b", low=10, high=10, best=10, place="syria", day=D, quote=LEAD),
        claim("c", low=6, high=6, best=6, place="manbij", day=D),
        claim("d", low=4, high=4, best=4, place="raqqa", day=D),
    ]
    assert totals_over_places(one_place) == {}
    assert totals_over_places(other_reports) == {}


def test_a_total_broken_down_by_town_in_its_own_sentence_is_an_aggregate(tmp_path: Path) -> None:
    # "killed nine: five in A and four in B" says it spans places without "two towns"; a colon
    # and a spaced dash both open the breakdown.
    from harmledger import pipeline
    from harmledger.documents import ReadOptions
    from harmledger.store import Ledger

    reports = {
        "colon.txt": "Shelling on Friday killed nine people: five in Ariha and four in Saraqib, rescuers said.\n",
        "dash.txt": "Nine people died - five in Ariha and four in Saraqib - when shells hit the towns on Friday.\n",
    }
    for name, text in reports.items():
        folder = tmp_path / name.removesuffix(".txt")
        folder.mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        ledger = Ledger(f"sqlite:///{folder / 'ledger.db'}")
        try:
            pipeline.ingest(ledger, [folder / name], ReadOptions(published=D))
            incidents = ledger.incidents(kind=None)
        finally:
            ledger.close()
        towns = {i.place.name: deaths(i) for i in incidents if i.kind == "incident" and i.place}
        assert towns == {"Arīḩā": (5, 5, 5), "Saraqib": (4, 4, 4)}, name
        [total] = [i for i in incidents if i.kind == "aggregate"]
        assert deaths(total) == (9, 9, 9), name


def test_figures_of_one_sentence_at_two_towns_that_do_not_sum_to_its_lead_make_no_total() -> None:
    same = "Shelling killed nine people, five in Ariha and three in Saraqib."
    claims = [
        claim("r", low=9, high=9, best=9, place="manbij", day=D, quote=same),
        claim("r", low=5, high=5, best=5, place="manbij", day=D, quote=same),
        claim("r", low=3, high=3, best=3, place="raqqa", day=D, quote=same),
    ]
    claims = [replace(c, sentence=claims[0].sentence) for c in claims]
    assert totals_over_places(claims) == {}


def test_a_headline_repeating_the_total_joins_its_aggregate_wherever_it_was_placed() -> None:
    # "Strikes on two towns in Aleppo province kill 31", the headline put at a third town.
    claims = [
        claim("r", low=31, high=31, best=31, place="deir-ez-zor", day=D, quote="Strikes on two towns kill 31"),
        claim("r", low=31, qualifier="at_least", place="aleppo-province", day=D, quote=LEAD),
        claim("r", low=19, high=19, best=19, place="manbij", day=D),
        claim("r", low=12, high=12, best=12, place="raqqa", day=D),
    ]
    assert set(totals_over_places(claims)) == {claims[0].id, claims[1].id}
    incidents = reconcile(claims, {"r": doc("r")})
    [total] = [i for i in incidents if i.kind == "aggregate"]
    assert set(total.claim_ids) == {claims[0].id, claims[1].id}
    assert {i.place.text for i in incidents if i.kind == "incident" and i.place} == {"Manbij", "Raqqa"}


def test_a_running_toll_in_headline_and_lead_is_one_aggregate_however_each_words_its_period() -> None:
    # "at least 180 killed since fighting began" over "since clashes erupted in early March, at least
    # 180 people have been killed in the province"
    headline = claim("r", low=180, qualifier="at_least", scope="cumulative", place="aleppo-province", day=D)
    lead = claim("r", low=180, qualifier="at_least", scope="cumulative", place="aleppo-province", day=D)
    headline = replace(headline, period="since fighting began")
    lead = replace(lead, period="since clashes erupted in early March")
    other = replace(claim("r", low=40, high=40, best=40, scope="cumulative", place="syria", day=D), period="this year")
    aggregates = [i for i in reconcile([headline, lead, other], {"r": doc("r")}) if i.kind == "aggregate"]
    assert sorted(len(a.claim_ids) for a in aggregates) == [1, 2]
