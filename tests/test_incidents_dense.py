"""Spec for reconciliation where conflict is dense: reports join only on evidence, the rest is
suggested to an analyst, and the analyst's answer holds on every later run.

Every report here is written for the test: several strikes on one city on one day, told by
different outlets with differing figures.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from harmledger.documents import ReadOptions
from harmledger.incidents import link, reconcile_with_suggestions, rules
from harmledger.incidents.suggest import TORN
from harmledger.pipeline import ingest, rebuild_incidents
from harmledger.records import WHERE_PREC_NEAR, Span
from harmledger.store import Ledger
from harmledger.store.users import Users
from harmledger.web.review import apply_review
from tests.test_incidents_builder import claim, doc

PUBLISHED = date(2023, 10, 18)

# Two outlets on the strike on one family's home (their figures differ), another family's home hit
# the same day in the same city, and two reports that name nothing but the city and the day.
REPORTS = {
    "haddad_agency.txt": "An air strike on Tuesday hit the home of the Haddad family in the Rimal neighbourhood "
    "of Gaza City, killing 9 people, including four children, the civil defence said.",
    "haddad_paper.txt": "A strike on a house in Gaza City killed eleven members of the Haddad family on Tuesday, "
    "according to the health ministry.",
    "saleh.txt": "Another strike on Tuesday destroyed the home of the Saleh family in the Shujaiya neighbourhood "
    "of Gaza City, killing 7 people, medics said.",
    "school.txt": "A separate strike on Tuesday in Gaza City killed 15 people near a school, local journalists said.",
    "city.txt": "An air strike in Gaza City on Tuesday killed 21 people, the health ministry said.",
}


@pytest.fixture
def dense(tmp_path: Path) -> tuple[Ledger, Path]:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    report = ingest(ledger, [folder], ReadOptions(published=PUBLISHED))
    assert report.errors == [] and report.added == len(REPORTS)
    return ledger, folder


def incident_of(ledger: Ledger, document_name: str) -> Any:
    """The incident holding the claim of the report in ``document_name``."""
    doc_id = next(d.id for d in ledger.documents() if d.origin.endswith(document_name))
    claim_ids = {c.id for c in ledger.claims(document_id=doc_id)}
    found = [i for i in ledger.incidents(kind=None) if claim_ids & set(i.claim_ids)]
    assert len(found) == 1, found
    return found[0]


def test_two_outlets_on_one_familys_home_join_despite_differing_figures(dense: tuple[Ledger, Path]) -> None:
    ledger, _ = dense
    strike = incident_of(ledger, "haddad_agency.txt")
    assert strike.id == incident_of(ledger, "haddad_paper.txt").id
    assert (strike.deaths.low, strike.deaths.high) == (9, 11)
    assert any("shared family:haddad" in line for line in strike.explanation)


def test_strikes_on_different_families_homes_in_one_city_on_one_day_stay_apart(dense: tuple[Ledger, Path]) -> None:
    ledger, _ = dense
    haddad, saleh = incident_of(ledger, "haddad_agency.txt"), incident_of(ledger, "saleh.txt")
    assert haddad.id != saleh.id
    assert saleh.deaths.best == 7 and haddad.deaths.best == 9
    # Clearly different families are never even suggested as one event.
    pairs = {frozenset((s.incident_a, s.incident_b)) for s in ledger.suggestions()}
    assert frozenset((haddad.id, saleh.id)) not in pairs


def test_reports_naming_nothing_but_city_and_day_are_suggested_not_joined(dense: tuple[Ledger, Path]) -> None:
    ledger, _ = dense
    school, city = incident_of(ledger, "school.txt"), incident_of(ledger, "city.txt")
    assert school.id != city.id
    assert (school.deaths.best, city.deaths.best) == (15, 21)
    suggestion = next(s for s in ledger.suggestions() if {s.incident_a, s.incident_b} == {school.id, city.id})
    assert suggestion.score >= rules.SUGGEST_THRESHOLD
    assert any("nothing identifies the event" in line for line in suggestion.evidence_against)
    assert any(line.startswith("places") for line in suggestion.evidence_for)


def analyst(ledger: Ledger) -> Any:
    users = Users(ledger)
    users.add("ana", "a long password", "analyst")
    found = users.get("ana")
    assert found is not None
    return found


def test_a_kept_apart_pair_is_no_longer_suggested_and_stays_apart_after_reingest_and_reconcile(
    dense: tuple[Ledger, Path],
) -> None:
    ledger, folder = dense
    school, city = incident_of(ledger, "school.txt"), incident_of(ledger, "city.txt")
    apply_review(ledger, analyst(ledger), "keep_apart", school.id, {"with": city.id})

    def suggested() -> set[frozenset[str]]:
        return {
            frozenset((incident_of(ledger, a).id, incident_of(ledger, b).id)) for a, b in [("school.txt", "city.txt")]
        } & {frozenset((s.incident_a, s.incident_b)) for s in ledger.suggestions()}

    assert suggested() == set()
    (folder / "later.txt").write_text(
        "Medics said on Wednesday that an air strike in Gaza City on Tuesday killed 15 people.\n", encoding="utf-8"
    )
    ingest(ledger, [folder], ReadOptions(published=PUBLISHED))
    rebuild_incidents(ledger)
    assert incident_of(ledger, "school.txt").id != incident_of(ledger, "city.txt").id
    assert suggested() == set()
    assert [d["action"] for d in ledger.decision_rows()] == ["keep_apart"]
    assert ledger.audit_entries(school.id)[-1]["action"] == "keep_apart"


def test_a_merged_suggestion_disappears_and_the_merge_survives_reconcile(dense: tuple[Ledger, Path]) -> None:
    ledger, _ = dense
    school, city = incident_of(ledger, "school.txt"), incident_of(ledger, "city.txt")
    assert any({s.incident_a, s.incident_b} == {school.id, city.id} for s in ledger.suggestions())
    apply_review(ledger, analyst(ledger), "merge", school.id, {"with": [city.id]})
    rebuild_incidents(ledger)
    merged = incident_of(ledger, "school.txt")
    assert merged.id == incident_of(ledger, "city.txt").id
    assert all(
        merged.id not in (s.incident_a, s.incident_b) or {s.incident_a, s.incident_b} != {school.id, city.id}
        for s in ledger.suggestions()
    )
    assert (merged.deaths.low, merged.deaths.high) == (15, 21)


def test_a_later_merge_of_a_kept_apart_pair_wins(dense: tuple[Ledger, Path]) -> None:
    ledger, _ = dense
    ana = analyst(ledger)
    school, city = incident_of(ledger, "school.txt"), incident_of(ledger, "city.txt")
    apply_review(ledger, ana, "keep_apart", school.id, {"with": city.id})
    school, city = incident_of(ledger, "school.txt"), incident_of(ledger, "city.txt")
    apply_review(ledger, ana, "merge", school.id, {"with": [city.id]})
    rebuild_incidents(ledger)
    assert incident_of(ledger, "school.txt").id == incident_of(ledger, "city.txt").id
    assert [d["action"] for d in ledger.decision_rows()] == ["keep_apart", "merge"]


# -- the scorer: crowding and evidence, on hand-built claims ------------------------------------

D = date(2016, 7, 19)


def pair_score(crowd_figures: list[int]) -> tuple[float, bool]:
    """Score of two reports of one town and day (figures 30 and 44), beside ``crowd_figures``
    reported there the same day by other documents."""
    docs = {d: doc(d) for d in ["a", "b", *[f"x{n}" for n in range(len(crowd_figures))]]}
    claims = [
        claim("a", low=30, high=30, best=30, place="manbij", day=D),
        claim("b", low=44, high=44, best=44, place="manbij", day=D),
    ]
    claims += [claim(f"x{n}", low=f, high=f, best=f, place="manbij", day=D) for n, f in enumerate(crowd_figures)]
    feats = link.build_features(claims, docs)
    weight = link.score(feats[0], feats[1])
    assert weight is not None
    return weight, link.linked(feats[0], feats[1], weight)


def test_agreement_on_town_and_day_weighs_less_where_many_tolls_are_reported() -> None:
    quiet, _ = pair_score([])
    crowded, _ = pair_score([1, 3, 7, 90, 400, 2000])
    assert crowded < quiet - 2.0


def test_the_same_event_told_by_many_outlets_is_not_a_crowd() -> None:
    quiet, _ = pair_score([])
    retold, _ = pair_score([30, 31, 32, 44, 45])
    assert retold == quiet


def test_close_figures_join_two_documents_only_where_the_town_is_quiet() -> None:
    weight, joined = pair_score([])
    assert weight >= rules.LINK_THRESHOLD and joined
    weight, joined = pair_score([90])
    assert weight >= rules.LINK_THRESHOLD and not joined


def early_and_late_toll(others: list[int], *, late_day: date = D) -> bool:
    """Whether an early toll (7 killed) and a later one (10 killed) of one town, told by two
    documents with nothing else in common, join beside ``others`` reported there that day."""
    docs = {d: doc(d) for d in ["early", "late", *[f"x{n}" for n in range(len(others))]]}
    claims = [
        claim("early", low=7, high=7, best=7, place="manbij", day=D),
        claim("late", low=10, high=10, best=10, place="manbij", day=late_day),
    ]
    claims += [claim(f"x{n}", low=f, high=f, best=f, place="manbij", day=D) for n, f in enumerate(others)]
    feats = link.build_features(claims, docs)
    weight = link.score(feats[0], feats[1])
    return weight is not None and link.linked(feats[0], feats[1], weight)


def test_an_updated_toll_joins_the_first_report_where_nothing_else_was_reported() -> None:
    assert early_and_late_toll([])
    # A third outlet with a figure close to both is the same event retold, not a crowd.
    assert early_and_late_toll([8])
    # An injured figure or a single death beside them is no other toll of that size.
    assert early_and_late_toll([1])


def test_an_updated_toll_stays_apart_where_another_toll_was_reported_that_day() -> None:
    assert not early_and_late_toll([40])
    assert not early_and_late_toll([2, 40])


def clash_told_twice(*, parts_told_together: bool) -> bool:
    """Whether the army's account of a clash (a soldier killed, three rebels killed; two soldiers
    wounded) joins a paper's "four dead" of that town and day, beside the figures of another
    clash reported there that day (2 killed, 5 wounded); all three tell of clashes."""
    docs = {d: doc(d) for d in ["army", "paper", "other"]}
    soldier = claim("army", low=1, high=1, best=1, place="manbij", day=D, event="clashes")
    rebels = claim("army", low=3, high=3, best=3, place="manbij", day=D, event="clashes")
    if parts_told_together:  # "A soldier and three rebels were killed": one sentence, the rebels added
        rebels = replace(rebels, sentence=Span(soldier.sentence.start, rebels.sentence.end), joint=True)
        soldier = replace(soldier, sentence=rebels.sentence)
    claims = [
        soldier,
        rebels,
        claim("army", "injured", low=2, high=2, best=2, place="manbij", day=D, event="clashes"),
        claim("paper", low=4, high=4, best=4, place="manbij", day=D, event="clashes"),
        claim("other", low=2, high=2, best=2, place="manbij", day=D, event="clashes"),
        claim("other", "injured", low=5, high=5, best=5, place="manbij", day=D, event="clashes"),
    ]
    feats = link.build_features(claims, docs)
    weight = link.score(feats[1], feats[3])
    return weight is not None and link.linked(feats[1], feats[3], weight)


def test_a_reports_parts_told_together_are_its_toll_and_identify_it_in_another_report() -> None:
    # 1 + 3 = 4: the sum is a telling figure, where "three" beside "four" alone is not.
    assert clash_told_twice(parts_told_together=True)


def test_parts_told_apart_are_no_sum_and_identify_nothing_where_other_tolls_were_reported() -> None:
    assert not clash_told_twice(parts_told_together=False)


def test_close_figures_on_different_days_need_more_than_a_quiet_place() -> None:
    assert not early_and_late_toll([], late_day=D + timedelta(days=2))


def test_a_range_of_days_holding_the_others_day_says_less_than_the_same_day() -> None:
    """ "Sometime between the 16th and the 21st" holds the 19th but is no same-day agreement."""
    from dataclasses import replace

    from harmledger.records import DateRef

    docs = {d: doc(d) for d in ["a", "b"]}
    a = claim("a", low=30, high=30, best=30, place="manbij", day=D)
    b = claim("b", low=30, high=30, best=30, place="manbij", day=D)
    ranged = replace(b, date=DateRef("between", D - timedelta(days=3), D + timedelta(days=2), "day"))
    same_day = link.build_features([a, b], docs)
    in_range = link.build_features([a, ranged], docs)
    assert link.score(*in_range) < link.score(*same_day)  # type: ignore[operator]


def village(name: str) -> Any:
    """A village the gazetteer lacks, placed at its province's point with its own name."""
    from harmledger.records import AREA_FALLBACK_NOTE, PlaceRef

    reason = f"not in the gazetteer inside Aleppo: placed at Aleppo, {AREA_FALLBACK_NOTE}"
    return PlaceRef(name, name, 36.2, 37.16, "SY", "Aleppo", feature="ADM1", precision=4, reason=reason)


@pytest.mark.parametrize(("other", "joined"), [("Tell Hamid", False), ("Kafr Sabt", True)])
def test_two_villages_placed_at_their_provinces_point_are_two_places(other: str, joined: bool) -> None:
    from dataclasses import replace

    docs = {d: doc(d) for d in ["a", "b"]}
    a = claim("a", low=7, high=7, best=7, place="manbij", day=D)
    b = claim("b", low=9, high=9, best=9, place="manbij", day=D)
    feats = link.build_features([replace(a, place=village("Kafr Sabt")), replace(b, place=village(other))], docs)
    weight = link.score(feats[0], feats[1])
    assert (weight is not None and link.linked(feats[0], feats[1], weight)) is joined


@pytest.mark.parametrize(("other", "joined"), [("Tell Hamid", False), ("Kafr Sabt", True)])
def test_close_figures_identify_nothing_between_two_villages_placed_at_one_point(other: str, joined: bool) -> None:
    # the same party's attack of the same kind on the same day: the weights reach the threshold,
    # and only the two villages' names say these are two attacks
    from dataclasses import replace

    docs = {d: doc(d) for d in ["a", "b"]}
    a = claim("a", low=4, high=4, best=4, place="manbij", day=D, event="attack", perpetrator="Taliban")
    b = claim("b", low=5, high=5, best=5, place="manbij", day=D, event="attack", perpetrator="Taliban")
    feats = link.build_features([replace(a, place=village("Kafr Sabt")), replace(b, place=village(other))], docs)
    weight = link.score(feats[0], feats[1])
    assert weight is not None and weight >= 2
    assert link.linked(feats[0], feats[1], weight) is joined


def test_a_shared_figure_identifies_nothing_between_two_towns_named_apart() -> None:
    # two camps of one besieged city, their points 3 km apart, on consecutive days: "21 killed"
    # in each is a coincidence to put to an analyst, not one strike
    from dataclasses import replace

    from harmledger.records import PlaceRef

    docs = {d: doc(d) for d in ["a", "b"]}
    east = PlaceRef("Camp East", "Camp East", 36.53, 37.95, "SY", "Aleppo", precision=1)
    west = PlaceRef("Camp West", "Camp West", 36.53, 37.92, "SY", "Aleppo", precision=1)
    a = replace(claim("a", low=21, high=21, best=21, place="manbij", day=D, event="airstrike"), place=east)
    b = replace(claim("b", low=21, high=21, best=21, place="manbij", day=D, event="airstrike"), place=west)
    feats = link.build_features([a, b], docs)
    weight = link.score(feats[0], feats[1])
    assert weight is not None and weight >= 2 and link.telling_figure(feats[0], feats[1])
    assert not link.linked(feats[0], feats[1], weight)
    same_camp = link.build_features([a, replace(b, place=east)], docs)
    assert link.linked(same_camp[0], same_camp[1], link.score(same_camp[0], same_camp[1]))  # type: ignore[arg-type]


def test_figures_too_far_apart_are_no_update_even_in_a_quiet_place() -> None:
    docs = {d: doc(d) for d in ["a", "b"]}
    claims = [
        claim("a", low=5, high=5, best=5, place="manbij", day=D),
        claim("b", low=30, high=30, best=30, place="manbij", day=D),
    ]
    feats = link.build_features(claims, docs)
    weight = link.score(feats[0], feats[1])
    assert weight is None or not link.linked(feats[0], feats[1], weight)


# -- a report that names no place ------------------------------------------------------------


def test_a_report_naming_no_place_joins_the_one_event_its_figure_fits() -> None:
    docs = {d: doc(d) for d in ["kabul", "wire"]}
    claims = [
        claim("kabul", low=12, high=12, best=12, place="kabul", day=D, event="bombing"),
        claim("wire", low=12, high=12, best=12, day=D, event="bombing"),
    ]
    incidents = reconcile_with_suggestions(claims, docs).incidents
    assert len(incidents) == 1 and incidents[0].n_sources == 2


def test_a_report_naming_no_place_that_fits_two_events_joins_neither_and_is_suggested_for_both() -> None:
    """Twelve killed in Kabul and twelve in Misrata the same day: a wire line "a bombing killed
    12" could be either, and joining it to one would add a source to an event it may not be about."""
    docs = {d: doc(d) for d in ["kabul", "misrata", "wire"]}
    claims = [
        claim("kabul", low=12, high=12, best=12, place="kabul", day=D, event="bombing"),
        claim("misrata", low=12, high=12, best=12, place="misrata", day=D, event="bombing"),
        claim("wire", low=12, high=12, best=12, day=D, event="bombing"),
    ]
    result = reconcile_with_suggestions(claims, docs)
    assert sorted(len(i.claim_ids) for i in result.incidents) == [1, 1, 1]
    wire = next(i.id for i in result.incidents if i.claim_ids == (claims[2].id,))
    suggested = [s for s in result.suggestions if wire in (s.incident_a, s.incident_b)]
    assert len(suggested) == 2
    assert all(TORN in s.evidence_against for s in suggested)


def test_a_report_naming_no_place_joins_the_event_it_fits_clearly_better() -> None:
    """The same two tolls, but the wire line and the Kabul report also name the same perpetrator:
    Kabul is the clearly stronger fit (by more than ``rules.TORN_MARGIN``), so the line joins it."""
    docs = {d: doc(d) for d in ["kabul", "misrata", "wire"]}
    claims = [
        claim("kabul", low=12, high=12, best=12, place="kabul", day=D, event="bombing", perpetrator="Taliban"),
        claim("misrata", low=12, high=12, best=12, place="misrata", day=D, event="bombing"),
        claim("wire", low=12, high=12, best=12, day=D, event="bombing", perpetrator="Taliban"),
    ]
    incidents = reconcile_with_suggestions(claims, docs).incidents
    assert sorted(len(i.claim_ids) for i in incidents) == [1, 2]
    joined = next(i for i in incidents if len(i.claim_ids) == 2)
    assert set(joined.claim_ids) == {claims[0].id, claims[2].id}


def placeless_update_joins(others: list[tuple[str, int]]) -> bool:
    """Whether a wire line naming no place (7 killed) and a Kabul report (10 killed) the same
    day, both blaming the Taliban, join beside ``others`` (place, figure) reported that day."""
    docs = {d: doc(d) for d in ["wire", "kabul", *[f"x{n}" for n in range(len(others))]]}
    claims = [
        claim("wire", low=7, high=7, best=7, day=D, perpetrator="Taliban"),
        claim("kabul", low=10, high=10, best=10, place="kabul", day=D, perpetrator="Taliban"),
    ]
    claims += [claim(f"x{n}", low=f, high=f, best=f, place=p, day=D) for n, (p, f) in enumerate(others)]
    feats = link.build_features(claims, docs)
    weight = link.score(feats[0], feats[1])
    return weight is not None and link.linked(feats[0], feats[1], weight)


def test_a_report_naming_no_place_meets_a_quiet_day_only_when_the_whole_ledger_is_quiet() -> None:
    """Close figures join an early and a late toll only where no other toll was reported; a line
    naming no place could be about a toll anywhere, so a toll in another country counts too."""
    assert placeless_update_joins([])
    assert not placeless_update_joins([("misrata", 40)])
    assert not placeless_update_joins([("raqqa", 25), ("misrata", 40)])


# -- the API and the page ---------------------------------------------------------------------


@pytest.fixture
def dense_client(dense: tuple[Ledger, Path]) -> Any:
    from fastapi.testclient import TestClient

    from harmledger.web import create_app

    with TestClient(create_app(dense[0], secret="test secret")) as test_client:
        yield test_client


def test_suggestions_api_needs_an_analyst_and_shows_both_sides(dense: tuple[Ledger, Path], dense_client: Any) -> None:
    from tests.test_web_seed import add_user

    ledger, _ = dense
    assert dense_client.get("/api/suggestions").status_code == 401
    viewer = add_user(ledger, "vic", "viewer")
    assert dense_client.get("/api/suggestions", headers={"Authorization": f"Bearer {viewer}"}).status_code == 403
    token = add_user(ledger, "ana", "analyst")
    body = dense_client.get("/api/suggestions", headers={"Authorization": f"Bearer {token}"}).json()
    school, city = incident_of(ledger, "school.txt"), incident_of(ledger, "city.txt")
    row = next(r for r in body["rows"] if {r["incident_a"], r["incident_b"]} == {school.id, city.id})
    assert {row["a"]["deaths_best"], row["b"]["deaths_best"]} == {15, 21}
    assert {row["quote_a"], row["quote_b"]} == {c.quote for c in ledger.claims(ids=[row["claim_a"], row["claim_b"]])}
    assert row["evidence_against"] and row["evidence_for"]


def test_keeping_a_pair_apart_from_the_page(dense: tuple[Ledger, Path], dense_client: Any) -> None:
    from tests.test_web_seed import add_user, csrf_of, log_in

    ledger, _ = dense
    add_user(ledger, "ana", "analyst")
    assert dense_client.get("/suggestions").status_code == 401
    log_in(dense_client, "ana")
    page = dense_client.get("/suggestions")
    school, city = incident_of(ledger, "school.txt"), incident_of(ledger, "city.txt")
    pair = next(s for s in ledger.suggestions() if {s.incident_a, s.incident_b} == {school.id, city.id})
    assert f'id="s-{pair.id}"' in page.text
    response = dense_client.post(
        f"/suggestions/{pair.id}", data={"action": "keep_apart", "csrf": csrf_of(page.text)}, follow_redirects=False
    )
    assert response.status_code == 303
    assert f'id="s-{pair.id}"' not in dense_client.get("/suggestions").text
    assert ledger.decision_rows()[-1]["action"] == "keep_apart"


def test_the_review_queue_offers_the_strongest_possible_duplicates(
    dense: tuple[Ledger, Path], dense_client: Any
) -> None:
    from tests.test_web_seed import add_user, log_in

    ledger, _ = dense
    add_user(ledger, "ana", "analyst")
    log_in(dense_client, "ana")
    page = dense_client.get("/review").text
    strongest = ledger.suggestions(limit=1)[0]
    assert f'data-suggestion="{strongest.id}"' in page
    assert f'action="/suggestions/{strongest.id}"' in page


def test_verify_holds_after_a_keep_apart_and_deep_verify_rederives_the_same_incidents(
    dense: tuple[Ledger, Path],
) -> None:
    from harmledger.pipeline import verify_deep

    ledger, _ = dense
    school, city = incident_of(ledger, "school.txt"), incident_of(ledger, "city.txt")
    apply_review(ledger, analyst(ledger), "keep_apart", school.id, {"with": city.id})
    assert ledger.verify() == []
    assert [p for p in verify_deep(ledger) if p.kind == "incident"] == []


def risen_toll_joins(others: list[int], *, late: int = 10, late_day: date = D) -> bool:
    """Whether an early toll (7 killed) and a later report that the toll "rose to" ``late`` join,
    beside ``others`` reported in that town that day."""
    from dataclasses import replace

    from harmledger.records import TOLL_UPDATE_CUE

    docs = {d: doc(d) for d in ["early", "late", *[f"x{n}" for n in range(len(others))]]}
    risen = claim("late", low=late, high=late, best=late, place="manbij", day=late_day)
    claims = [
        claim("early", low=7, high=7, best=7, place="manbij", day=D),
        replace(risen, identity=(TOLL_UPDATE_CUE,)),
    ]
    claims += [claim(f"x{n}", low=f, high=f, best=f, place="manbij", day=D) for n, f in enumerate(others)]
    feats = link.build_features(claims, docs)
    weight = link.score(feats[0], feats[1])
    return weight is not None and link.linked(feats[0], feats[1], weight)


def test_a_toll_said_to_have_risen_joins_the_first_report_even_beside_another_toll() -> None:
    # "the death toll rose to 10" is the update of an event already reported there
    assert risen_toll_joins([40])
    assert risen_toll_joins([], late_day=D + timedelta(days=1))


def test_a_risen_toll_joins_no_report_with_a_higher_figure_or_one_far_lower_or_days_away() -> None:
    # a guard: these stayed apart before the update rule, and must stay apart with it
    assert not risen_toll_joins([40], late=6)  # a toll does not rise to less
    assert not risen_toll_joins([40], late=30)  # nor to four times itself overnight
    assert not risen_toll_joins([40], late_day=D + timedelta(days=3))


def test_a_risen_toll_in_a_headline_is_read_as_an_update() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse
    from harmledger.records import TOLL_UPDATE_CUE

    first = make_document(
        "At least 44 people were killed when a suicide bomber struck a rally in Khar on Sunday, officials said.",
        "first.txt",
        published=date(2023, 7, 30),
    )
    later = make_document(
        "Bajaur blast death toll rises to 54\n\nThe death toll from Sunday's suicide bombing at a rally in Khar "
        "rose to 54 on Monday, the health minister said.",
        "later.txt",
        published=date(2023, 7, 31),
    )
    found = analyse([first, later])
    assert any(TOLL_UPDATE_CUE in c.identity for c in found.claims)
    [incident] = [i for i in found.incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.high) == (44, 54)
    assert any("one gives the other's toll as risen" in line for line in incident.explanation)


def test_a_toll_that_rose_days_later_joins_the_attack_it_counts_and_the_incident_keeps_the_attacks_day() -> None:
    # "rose to 60 on Thursday" dates only the count: the attack was then or before, and the
    # first report's own day is the incident's. "by rebels" says who attacked, not who died.
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    first = make_document(
        "Rebels killed at least 40 villagers in an attack on Kalunguta near Beni late on Sunday, an official said.",
        "first.txt",
        published=date(2025, 6, 10),
    )
    later = make_document(
        "The death toll from an attack by rebels on Kalunguta near Beni rose to 60 on Thursday, the administrator said.",
        "later.txt",
        published=date(2025, 6, 12),
    )
    found = analyse([first, later])
    assert [c.victims for c in found.claims if c.document_id == later.id] == ["people"]
    [incident] = [i for i in found.incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (40, 60, 60)
    assert (incident.date_start, incident.date_end) == (date(2025, 6, 8), date(2025, 6, 8))


def test_a_relative_singled_out_among_the_dead_never_sets_the_low_beside_the_toll() -> None:
    # "his daughter was killed" is one of the 27, not a count of one: it was the incident's low
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "Soldiers opened fire on a boat carrying villagers near Maungdaw on Monday, killing 27 people, the UN "
        "said. Ahmed, a fisherman, said his 16-year-old daughter was killed."
    )
    found = analyse([make_document(text, "boat.txt", published=date(2024, 8, 7))])
    [incident] = [i for i in found.incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (27, 27, 27)


def test_a_day_opened_by_the_sentence_before_the_figures_keeps_a_weeks_strikes_apart() -> None:
    # each day's event is told in two sentences, the figures in the second: Monday's four dead
    # are not Wednesday's "nobody was killed" (it was one incident of 0/0/4)
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "A hard week in Sumy\n"
        "SUMY, March 9 (Reuters) - On Monday a missile struck a school in Sumy. Four people were killed and "
        "19 were injured, the governor said.\n"
        "On Wednesday a glide bomb struck a depot in Sumy. Three workers were injured and nobody was killed, "
        "the mayor said."
    )
    found = analyse([make_document(text, "week.txt", published=date(2025, 3, 9))])
    deaths = sorted((i.deaths.low, i.deaths.best, i.deaths.high) for i in found.incidents if i.kind == "incident")
    assert deaths == [(0, 0, 0), (4, 4, 4)]


@pytest.mark.parametrize(
    "share",
    [
        "Nine of them were killed in Kafr Nabl.",
        "A family of six was killed when a shell struck a tea stall in the market.",
        "Six members of one family were killed when a shell struck their home.",
    ],
)
def test_a_share_of_a_toll_told_after_it_never_sets_the_low_or_the_best(share: str) -> None:
    # the writer's share (the dead of one town, of one household) beside a monitor's toll of the
    # whole attack: a part of it, not a competing count
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse
    from harmledger.records import PART_OF_TOTAL_CUE

    text = f"Shelling killed at least 23 people in Idlib province on Sunday, the Syrian Observatory said. {share}"
    found = analyse([make_document(text.encode(), "report.txt", published=date(2024, 3, 8))])
    assert any(PART_OF_TOTAL_CUE in c.identity for c in found.claims)
    [incident] = [i for i in found.incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (23, 23, 23)


def test_a_households_dead_told_first_are_a_count_of_their_own() -> None:
    # (a guard) a lead about one family, then a doctor's larger toll: two counts, neither a share
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse
    from harmledger.records import PART_OF_TOTAL_CUE

    text = (
        "Four members of one family were killed when an air strike destroyed their house in Hawija on Monday, "
        "a relative said. A doctor at the town's hospital said six civilians were killed."
    )
    found = analyse([make_document(text.encode(), "report.txt", published=date(2024, 3, 8))])
    assert len(found.claims) == 2 and not any(PART_OF_TOTAL_CUE in c.identity for c in found.claims)


def test_a_toll_told_again_after_the_story_of_the_strike_is_one_incident() -> None:
    # the lead gives the final toll, the body retells the strike and the same toll: "an hour
    # after the strike" tells of the strike before, not of a new one (it was two incidents of 14)
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "ODESA, Ukraine - By the time rescuers finished on Friday, officials said 11 people had been killed. "
        "A missile hit an apartment block on Seaside Street early on Tuesday. The governor wrote an hour after "
        "the strike that two people had been killed; on Friday the emergency service said the final toll was "
        "11 dead and 30 injured."
    )
    found = analyse([make_document(text, "odesa.txt", published=date(2024, 6, 15))])
    [incident] = [i for i in found.incidents if i.kind == "incident"]
    assert (incident.deaths.best, incident.injured.best) == (11, 30)


@pytest.mark.parametrize(
    "later",
    [
        "The following day, militants killed two fishermen on the beach at Pemba.",
        "Another policeman was killed in a separate attack on a checkpoint in Pemba.",
    ],
)
def test_a_later_days_or_a_separate_attack_told_after_the_first_is_an_incident_of_its_own(later: str) -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = f"Militants killed at least five villagers in an attack on Pemba on Sunday, police said. {later}"
    found = analyse([make_document(text, "pemba.txt", published=date(2024, 5, 22))])
    incidents = sorted(i.deaths.best for i in found.incidents if i.kind == "incident")
    assert incidents in ([1, 5], [2, 5])


def test_a_toll_revised_down_in_the_same_report_is_its_best() -> None:
    # "68 … the toll was revised down to 52 on 20 April": one event, the revision its best (it
    # was two incidents, 68 and 52, the second dated by the revision)
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "Our first update recorded 68 people killed in attacks on villages near Bokkos on 14 April. "
        "After checking burial lists, the toll was revised down to 52 on 20 April."
    )
    found = analyse([make_document(text, "bokkos.txt", published=date(2025, 4, 25))])
    [incident] = [i for i in found.incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (52, 52, 68)
    assert incident.date_start == date(2025, 4, 14)


def test_two_reports_naming_one_village_the_gazetteer_lacks_are_one_attack() -> None:
    # each report places the raid by its district's town or its state, but both name Kadawa
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    first = make_document(
        "GUSAU, Nigeria - Armed bandits killed at least 21 villagers in an attack on Kadawa village in Zamfara "
        "state's Gusau local government area on Tuesday, the state police spokesman said.",
        "a.txt",
        published=date(2024, 6, 12),
    )
    second = make_document(
        "GUSAU, Nigeria - More than 30 people were killed when bandits attacked Kadawa community in Gusau Local "
        "Government Area of Zamfara State on Tuesday night, residents said. The governor put the death toll at 17.",
        "b.txt",
        published=date(2024, 6, 12),
    )
    [incident] = [i for i in analyse([first, second]).incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.high) == (17, 31)


def test_two_reports_naming_one_quarter_of_a_city_the_gazetteer_lacks_are_one_attack() -> None:
    # Kabul has many attacks a day; the quarter both reports name, as small as a village, says which
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    first = make_document(
        "KABUL - A suicide bomber killed six people and wounded 13 on Monday in Qala-e-Bakhtiar, on the "
        "south-western edge of Kabul, police said.",
        "a.txt",
        published=date(2024, 9, 3),
    )
    second = make_document(
        "KABUL - A suicide blast at a checkpoint in Qala-e-Bakhtiar in southern Kabul on Monday caused at least "
        "20 casualties, a government spokesman said.",
        "b.txt",
        published=date(2024, 9, 2),
    )
    [incident] = [i for i in analyse([first, second]).incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.high, incident.place.name) == (6, 20, "Qala-e-Bakhtiar")


def test_victims_named_like_towns_abroad_leave_the_attack_in_one_place() -> None:
    # "Hassan" is a city in India, "Kuwait" names a roundabout in Khan Younis: the family's strike
    # was split into Gaza (13) and Hassan, India (11), and the drone strike placed in Kuwait
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    texts = [
        "GAZA, Oct 20 - An Israeli airstrike on a house in the Tal al-Hawa neighbourhood, south-west of Gaza City, "
        "killed 11 members of the Abu Kheir family early on Friday, the civil defence said. Among the dead were "
        "Hoda Abu Kheir, 34, and her daughter, Salma. Hoda's husband, Hassan, was pulled alive from the rubble. "
        "Hassan's brother said the family had fled there from Beit Hanoun a week earlier.",
        "The death toll from Friday's strike on the Abu Kheir family home in Gaza City's Tal al-Hawa district has "
        "risen to 13, the Gaza health ministry said on Saturday.",
        "KHAN YOUNIS, Oct 20 - A drone strike near the Kuwait roundabout killed four men on Friday afternoon, Safa "
        "news reported. One of the dead was named as Amina's son, Ali, 19.",
    ]
    published = [date(2023, 10, 20), date(2023, 10, 21), date(2023, 10, 20)]
    docs = [make_document(t, f"{n}.txt", published=p) for n, (t, p) in enumerate(zip(texts, published, strict=True))]
    incidents = [i for i in analyse(docs).incidents if i.kind == "incident"]
    assert sorted((i.deaths.best, i.place.country) for i in incidents) == [(4, "PS"), (13, "PS")]


def test_a_quarter_hit_on_two_days_is_two_attacks() -> None:
    # a city's quarter under bombardment is hit again the next day: the quarter's name alone
    # identifies an attack on one day only (two reports of one day's strike there still join, above)
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    texts = [
        (
            "On Wednesday, 11 October 2023, an airstrike on a house in Ma'an, east of Khan Younis, killed a woman "
            "and a child, relatives said.",
            date(2023, 10, 12),
        ),
        (
            "In the early hours of Thursday, 12 October 2023, an airstrike on the Saqr family home in Ma'an, east "
            "of Khan Younis, killed nine people, relatives said.",
            date(2023, 10, 13),
        ),
    ]
    docs = [make_document(t, f"{n}.txt", published=p) for n, (t, p) in enumerate(texts)]
    incidents = [i for i in analyse(docs).incidents if i.kind == "incident"]
    assert sorted(i.deaths.best for i in incidents) == [2, 9], [(i.deaths, i.explanation) for i in incidents]
    assert {i.place.name for i in incidents} == {"Ma'an"}


def test_reports_naming_two_quarters_of_one_city_are_two_attacks() -> None:
    # guard: the quarter's name identifies; two names of one city's quarters speak against
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    texts = [
        "KABUL - A suicide bomber killed six people on Monday in Qala-e-Bakhtiar, on the south-western edge of "
        "Kabul, police said.",
        "KABUL - A bomb killed six people on Monday in Qala-e-Wazir, on the eastern edge of Kabul, police said.",
    ]
    docs = [make_document(t, f"{n}.txt", published=date(2024, 9, 2)) for n, t in enumerate(texts)]
    incidents = [i for i in analyse(docs).incidents if i.kind == "incident"]
    assert sorted(i.place.name for i in incidents) == ["Qala-e-Bakhtiar", "Qala-e-Wazir"]


def test_sibling_attacks_in_a_town_the_gazetteer_lacks_placed_at_its_province_stay_two_events() -> None:
    # guard: a name placed only at its province may be a district or a town; two attacks of one
    # day in it share it, and a series' siblings join only on what names the attack itself
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    texts = [
        "A roadside bomb hit a security checkpoint in Qzxwa, Middle Shebelle, Somalia. Two civilians were killed "
        "in the blast. This was one of two related attacks in Qzxwa on this date.",
        "A second bomb struck soldiers responding to the earlier attack in Qzxwa, Middle Shebelle, Somalia. One "
        "soldier was killed and eight were injured in the blast. This was one of two related attacks in Qzxwa on "
        "this date.",
    ]
    docs = [make_document(t, f"{n}.txt", published=date(2021, 1, 3)) for n, t in enumerate(texts)]
    incidents = [i for i in analyse(docs).incidents if i.kind == "incident"]
    assert sorted(i.deaths.best for i in incidents) == [1, 2]


def test_records_of_one_of_at_least_n_attacks_are_a_series_too() -> None:
    # two records of a series share its total sentence word for word: that names no one attack
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    total = (
        "This was one of at least three related attacks around the city within 24 hours. At least 90 people, "
        "including 30 soldiers and 60 assailants, were killed across the attacks."
    )
    texts = [
        f"Assailants attacked government forces stationed around Zqxwa city, Marib, Yemen. {total}",
        f"Assailants attacked government forces stationed at Qzxwa hill, Marib, Yemen. {total}",
    ]
    docs = [make_document(t, f"{n}.txt", published=date(2021, 4, 14)) for n, t in enumerate(texts)]
    incidents = [i for i in analyse(docs).incidents if i.kind == "incident"]
    assert sorted(i.n_sources for i in incidents) == [1, 1], [i.explanation for i in incidents]


def test_a_sentence_opening_on_the_next_day_tells_a_new_attack_after_one_named_by_its_day() -> None:
    # the market strike is named by its day ("Monday's strike"), the shelling opens on the next:
    # one report, two attacks (they were one incident of 2/14/14 over two days)
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "The death toll from Monday's missile strike on a market in Kupiansk has risen to 14, regional officials "
        "said on Tuesday, after rescuers recovered three more bodies from the rubble. Forty people were injured. "
        "On Tuesday morning, artillery shelled a residential street in the same town, killing two men and "
        "wounding a woman, prosecutors said."
    )
    incidents = [i for i in analyse([make_document(text, "k.txt", published=date(2024, 6, 11))]).incidents]
    assert sorted((i.deaths.best, i.date_start) for i in incidents) == [(2, date(2024, 6, 11)), (14, date(2024, 6, 10))]


def test_the_next_days_later_dead_of_an_attack_raise_its_toll_not_start_another() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "On Tuesday, a car bomb killed five people at a market in Kirkuk, police said. On Wednesday, two more of "
        "the wounded died in hospital, raising the toll to seven."
    )
    [incident] = [i for i in analyse([make_document(text, "k.txt", published=date(2024, 5, 15))]).incidents]
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (5, 7, 7)


def test_the_number_killed_in_a_shelling_risen_the_next_day_updates_the_first_reports_toll() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    first = make_document(
        "At least 18 people were killed and about 40 wounded on Tuesday when shells struck the livestock market "
        "in El Fasher, medics said.",
        "a.txt",
        published=date(2024, 6, 11),
    )
    second = make_document(
        "The number of people killed in Tuesday's shelling of the livestock market in El Fasher has risen to 26, "
        "a resistance committee said on Wednesday, after three of the wounded died overnight.",
        "b.txt",
        published=date(2024, 6, 12),
    )
    [incident] = [i for i in analyse([first, second]).incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (18, 26, 26)


def test_a_spokesman_of_a_body_is_that_body_and_its_report_adds_the_attackers_to_the_dead() -> None:
    # "police said" 7 policemen, "a police spokesman said" 4 attackers: one source, two groups
    # (4 alone had been the best, as a second source's count of the same dead)
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "BANNU: Seven policemen were killed and 12 others injured when a suicide bomber rammed a vehicle into a "
        "checkpoint on the Bannu-Miranshah road on Saturday, police said. Four attackers who tried to storm the "
        "post after the blast were killed in the exchange of fire, a police spokesman said."
    )
    [incident] = [i for i in analyse([make_document(text, "b.txt", published=date(2024, 6, 15))]).incidents]
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (11, 11, 11)
    # the dateline's town, named again only inside the road's name, is near the event
    assert (incident.place.name, incident.place.precision) == ("Bannu", WHERE_PREC_NEAR)


def test_a_place_of_the_reports_separate_story_does_not_refine_the_first_storys_place() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "Six fighters of the Syrian Democratic Forces were killed on Saturday when Islamic State militants "
        "ambushed their vehicle in eastern Deir ez-Zor, a war monitor said. Separately, a landmine left over "
        "from the war killed four shepherds in the desert near Mayadin on Friday."
    )
    incidents = analyse([make_document(text, "s.txt", published=date(2024, 6, 15))]).incidents
    assert sorted((i.kind, i.deaths.best, i.place.name) for i in incidents) == [
        ("incident", 4, "Al Mayādīn"),
        ("incident", 6, "Deir ez-Zor"),
    ]


def test_wounded_who_died_later_are_a_share_of_the_risen_toll_not_a_toll_of_their_own() -> None:
    # "two of the people wounded … died" counted as a toll of its own (beside the arrests) made the
    # state look crowded that day, and the follow-up's risen toll no longer met the first report's
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    docs = [
        make_document(
            "SALVATIERRA, Mexico (AP) - Gunmen burst into a party in the town of Salvatierra in Guanajuato state "
            "late Saturday, killing at least 10 people and wounding several others, prosecutors said.",
            "a.txt",
            published=date(2024, 6, 16),
        ),
        make_document(
            "Two of the people wounded in Saturday night's shooting at a family party in Salvatierra died in "
            "hospital, bringing the number of dead to 12, Guanajuato prosecutors said on Monday. Police arrested "
            "three suspects.",
            "b.txt",
            published=date(2024, 6, 17),
        ),
    ]
    incidents = sorted((i.deaths.low, i.deaths.best, i.deaths.high) for i in analyse(docs).incidents)
    assert incidents == [(10, 12, 12)]


def test_a_separate_attack_told_after_the_first_in_one_sentence_has_its_own_figure_and_place() -> None:
    # the six were lost (the verb "killed" is shared through the 23), then placed at Musakhel
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "Separatist fighters killed at least 23 people at a highway blockade in Musakhel on June 17, and at least "
        "six people, including four soldiers, in a separate attack on a security post in Kalat district the same "
        "night, officials said."
    )
    incidents = analyse([make_document(text, "p.txt", published=date(2024, 6, 18))]).incidents
    assert sorted((i.deaths.low, i.place.name) for i in incidents) == [(6, "Kalat"), (23, "Musa Khel Bazar")]


def test_an_earlier_event_told_first_in_its_sentence_keeps_the_place_before_its_figure() -> None:
    # guard: "a strike on the city of Sumy killed two" is placed at Sumy, not at the next
    # event's town after its figure
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "A guided bomb hit a school in Kharkiv on Thursday, killing four people, officials said. The attack "
        "came a day after a strike on the city of Sumy killed two people, and four days after a missile hit a "
        "market in the town of Kostiantynivka, killing 17 people."
    )
    incidents = analyse([make_document(text, "k.txt", published=date(2024, 8, 16))]).incidents
    assert ("Sumy", 2) in {(i.place.name, i.deaths.best) for i in incidents}


def test_a_party_counting_only_the_fighters_it_killed_sets_no_best_beside_a_toll_of_everyone() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "A military jet bombed a school in Depayin township, Sagaing Region, on Monday, killing 22 people, the "
        "NUG said. The military government denied targeting civilians. In a statement carried by state media, "
        "it said the air force had killed 30 members of the PDF."
    )
    [incident] = [i for i in analyse([make_document(text, "s.txt", published=date(2025, 5, 14))]).incidents]
    assert (incident.deaths.low, incident.deaths.best) == (22, 22)


def test_the_harm_of_an_earlier_attack_told_in_passing_is_not_the_reports_event() -> None:
    # the airport's two wounded contractors were the restaurant attack's injured (0/0/0, 2 injured)
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "MOGADISHU, Somalia - Al-Shabaab militants stormed a beach restaurant in Mogadishu on Thursday night, "
        "killing at least nine people and wounding 27, police said. The attack came a day after the militants "
        "fired mortars at the airport compound, injuring two contractors."
    )
    found = analyse([make_document(text, "m.txt", published=date(2024, 3, 15))])
    restaurant = next(i for i in found.incidents if i.deaths.best == 9)
    assert restaurant.injured.best == 27


def test_a_number_of_dead_that_has_risen_is_an_update_and_where_the_wounded_died_is_no_new_place() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse
    from harmledger.records import TOLL_UPDATE_CUE

    first = make_document(
        "KATSINA, Nigeria - Bandits killed eight worshippers and injured 15 others at a mosque in Faskari, "
        "Katsina State, on Wednesday, police said.",
        "a.txt",
        published=date(2024, 6, 14),
    )
    later = make_document(
        "KATSINA, Nigeria - The number of worshippers killed in Wednesday's bandit attack on a mosque in Faskari, "
        "Katsina State, has risen to 12, a hospital source said on Saturday. Four of the 15 injured died at the "
        "General Hospital in Funtua, the source said.",
        "b.txt",
        published=date(2024, 6, 15),
    )
    found = analyse([first, later])
    assert any(TOLL_UPDATE_CUE in c.identity for c in found.claims)
    [incident] = [i for i in found.incidents if i.kind == "incident"]
    assert (incident.deaths.low, incident.deaths.best) == (8, 12)


def test_a_risen_toll_joins_its_attack_beside_a_separate_attack_told_after_it() -> None:
    # the second report's "In a separate attack …" sentence names its own neighbourhood: it is
    # another story, not the risen toll's (whose report names a place the gazetteer lacks)
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    first = make_document(
        "PORT-AU-PRINCE, Haiti (AP) - Gang members killed at least 12 people in an overnight attack on the "
        "Solino neighbourhood of Haiti's capital, police said on Friday.",
        "a.txt",
        published=date(2024, 10, 4),
    )
    later = make_document(
        "PORT-AU-PRINCE, Haiti - The death toll from Thursday night's gang assault on Solino has risen to 20, a "
        "human rights group said on Saturday. In a separate attack on Friday, gunmen killed four people in the "
        "Carrefour-Feuilles neighbourhood, witnesses said.",
        "b.txt",
        published=date(2024, 10, 5),
    )
    found = analyse([first, later])
    bests = sorted((i.deaths.low, i.deaths.best) for i in found.incidents if i.kind == "incident")
    assert bests == [(4, 4), (12, 20)]


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        # "In addition, …" adds its figures to the report's before it
        (
            "KIDAL, March 1 - Militants attacked an army post in Kidal on Monday. Four soldiers were killed and "
            "six were wounded. In addition, two civilians were wounded by stray bullets, the army said.",
            8,
        ),
        # the minister's "not harmed" does not negate his guard's wound (it was read as a zero)
        (
            "Gunmen fired on the governor's convoy near Zawiya, Libya, on Sunday. The governor was not harmed "
            "although one of his bodyguards was wounded. In addition, one attacker was killed and two others "
            "were wounded, police said.",
            3,
        ),
    ],
)
def test_a_reports_own_figures_add_up(text: str, injured: int) -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    [incident] = [i for i in analyse([make_document(text, "a.txt")]).incidents if i.kind == "incident"]
    assert (incident.injured.low, incident.injured.best) == (injured, injured), incident.explanation


def test_a_relative_abroad_does_not_place_the_attack_abroad() -> None:
    # the sentence holding the injured names no place; the one before it names where a son lives
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "An airstrike on a house in Jabalia killed seven members of the Salem family on Tuesday, relatives "
        "said. Shelling also hit Rafah, Khan Younis and Beit Lahia overnight. The eldest son, who lives in "
        "Toronto, said he learned of the deaths online. Four of the dead were children, and three more "
        "people were injured."
    )
    incidents = analyse([make_document(text, "a.txt", published=date(2023, 10, 24))]).incidents
    assert incidents and {i.place.country for i in incidents} == {"PS"}, [(i.place, i.deaths) for i in incidents]


def _analysed(reports: list[tuple[str, date]], kind: str = "incident") -> list:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    docs = [make_document(t, f"{n}.txt", published=p) for n, (t, p) in enumerate(reports)]
    return [i for i in analyse(docs).incidents if i.kind == kind]


def test_a_market_named_by_its_town_is_the_market_another_report_names() -> None:
    # "the El Fasher market" says which town, not which market: it neither matches nor clashes with
    # "the Naivasha market" there (it clashed, and one strike stood as two incidents, 12 and 19)
    incidents = _analysed(
        [
            (
                "Drone strike on El Fasher market kills at least 12\n\nA drone strike on a crowded market in El "
                "Fasher, North Darfur, killed at least 12 people and wounded more than 30 on Saturday, "
                "activists said.",
                date(2025, 5, 4),
            ),
            (
                "The death toll from Saturday's drone attack on the Naivasha market in El Fasher has risen to "
                "19, a doctors' network said on Sunday.",
                date(2025, 5, 5),
            ),
        ]
    )
    assert [(i.deaths.low, i.deaths.best) for i in incidents] == [(12, 19)], [i.explanation for i in incidents]


def test_the_village_of_a_raid_named_alike_joins_and_stays_with_its_own_paragraph() -> None:
    # two reports name "the village of Um Sumeima" for one raid (7, then a toll risen to 11); the
    # shelling told in the paragraph before it in the second report is another attack elsewhere
    incidents = _analysed(
        [
            (
                "Army says it repelled assault on El Fasher\n\nThe army said on Monday it had repelled a large "
                "assault by the RSF on El Fasher, killing dozens of fighters. The RSF said it had killed more "
                "than 100 soldiers in the fighting.\n\nMeanwhile in Kordofan, at least seven people were "
                "killed when RSF fighters attacked the village of Um Sumeima, west of El Obeid, on Sunday, "
                "residents said.",
                date(2025, 5, 6),
            ),
            (
                "Three dead as RSF shells Abu Shouk again\n\nEL FASHER, 7 May 2025 - Three people were killed "
                "on Tuesday when shells fell on the Abu Shouk camp for displaced people, north of El Fasher, a "
                "camp official said.\n\nIn the village of Um Sumeima in North Kordofan, residents said the "
                "toll from Sunday's RSF attack had risen to 11.",
                date(2025, 5, 7),
            ),
        ]
    )
    tolls = sorted((i.deaths.low, i.deaths.best, i.deaths.high) for i in incidents if (i.deaths.best or 99) < 20)
    assert tolls == [(3, 3, 3), (7, 11, 11)], [i.explanation for i in incidents]


def test_where_a_survivor_lives_does_not_place_the_attack() -> None:
    # the camp the shells hit is not in the gazetteer; the sentence before names where a trader's
    # brother lives: the five dead (and the wounded) were placed in Cairo
    incidents = _analysed(
        [
            (
                "Toll from El Fasher market attack rises to 19\n\nMay 5, 2025 (EL FASHER) - The death toll "
                "from Saturday's drone attack on the Naivasha market in El Fasher has risen to 19, doctors "
                "said on Sunday.\n\nThe doctors said 41 people were being treated for wounds. Yusuf Idris, a "
                "trader whose brother lives in Cairo, said he lost two cousins in the strike.\n\nOn Sunday, "
                "shelling hit the Abu Shouk camp again, killing five, including two women, a camp spokesman "
                "said.",
                date(2025, 5, 5),
            )
        ]
    )
    assert incidents and {i.place.country for i in incidents} == {"SD"}, [(i.place, i.deaths) for i in incidents]


def test_a_toll_risen_over_a_raids_villages_joins_the_first_report_of_them() -> None:
    # the second report names both villages ("the Kufai and Ramin Dawa communities") and gives the
    # toll of "the attacks" as risen: one raid, 12 then 19 (they stood as two incidents)
    incidents = _analysed(
        [
            (
                "Gunmen kill 12 in Plateau villages\n\nJOS, Dec 25 - Gunmen attacked two villages in the Riyom "
                "area of Plateau State on Tuesday night, killing at least 12 people, residents said.\n\nIn Kufai "
                "village, the attackers shot dead eight people, a community leader said. In nearby Ramin Dawa, "
                "four people were killed.",
                date(2024, 12, 25),
            ),
            (
                "The number of people killed in the attacks on the Kufai and Ramin Dawa communities in Riyom "
                "has risen to 19, the council chairman, Monday Dalyop, said on Wednesday.",
                date(2024, 12, 25),
            ),
        ]
    )
    assert [(i.deaths.low, i.deaths.best) for i in incidents] == [(12, 19)], [i.explanation for i in incidents]


def test_a_village_named_after_the_lead_joins_a_later_toll_naming_it() -> None:
    # the first report names the village in the sentence after its lead; the second gives the toll
    # as risen and names the village in its own sentence (they stood apart: 31 and 38)
    incidents = _analysed(
        [
            (
                "Junta air strike on Sagaing village kills 31\n\nA military air strike on a village in Sagaing "
                "region's Kanbalu township killed at least 31 people on Friday, residents said.\n\nTwo jets dropped bombs on Let Yet Kone village as villagers gathered for a "
                "ceremony.",
                date(2025, 4, 12),
            ),
            (
                "The number of civilians killed in Friday's air attack on Let Yet Kone village in Kanbalu "
                "Township has climbed to 38, the local administration said.",
                date(2025, 4, 13),
            ),
        ]
    )
    assert [(i.deaths.low, i.deaths.best) for i in incidents] == [(31, 38)], [i.explanation for i in incidents]


def test_two_blasts_in_one_city_told_in_one_sentence_stay_two_incidents_and_their_sum_an_aggregate() -> None:
    # "the first blast …, killing six, and the second …, killing four": one report's two events in
    # one city (whose quarters the gazetteer lacks); its "two explosions … killed 10" is their sum.
    # All three reports were one incident of 10.
    reports = [
        (
            "An explosion near a boys' school in the Dasht-e-Barchi area of western Kabul killed at least six "
            "students on Tuesday morning, police said.",
            date(2022, 4, 19),
        ),
        (
            "A roadside bomb hit a minibus in the Karte Parwan area of Kabul on Tuesday afternoon, killing "
            "four passengers, a security official said.",
            date(2022, 4, 19),
        ),
        (
            "Twin blasts kill 10 in Kabul\n\nKABUL - Two explosions in Kabul on Tuesday killed 10 people, "
            "police said. The first blast hit near a school in Dasht-e-Barchi, killing six, and the second "
            "struck a minibus in Karte Parwan, killing four.",
            date(2022, 4, 20),
        ),
    ]
    incidents = _analysed(reports)
    assert sorted(i.deaths.best for i in incidents) == [4, 6], [(i.deaths, i.explanation) for i in incidents]
    assert [a.deaths.best for a in _analysed(reports, kind="aggregate")] == [10]


def test_a_roundups_shares_of_its_toll_are_the_towns_incidents_and_its_toll_their_aggregate() -> None:
    # "17 killed … Seven of them in Kafr Nabl, four in Maarat, three in Khan Sheikhoun and three in
    # Jisr al-Shughur countryside" beside a wire report of Kafr Nabl's seven: the 17 stood as Kafr
    # Nabl's best, two towns' shares went missing, and the next paragraph's wounded in Hama joined
    reports = [
        (
            "Escalation in Idlib: 17 civilians killed in air strikes\n\nThe monitor documented the deaths of 17 "
            "civilians on Thursday in air strikes on the de-escalation zone. Seven of them were killed in Kafr "
            "Nabl, four in Maarat al-Numan, three in Khan Sheikhoun and three in Jisr al-Shughur countryside."
            "\n\nIn Hama countryside, government forces shelled Kafr Zita, wounding five people.",
            date(2019, 5, 10),
        ),
        (
            "Air strikes on the town of Kafr Nabl in Idlib province killed seven people on Thursday, rescuers said.",
            date(2019, 5, 9),
        ),
    ]
    incidents = _analysed(reports)
    by_place = sorted((i.place.name, i.deaths.best, i.injured.best) for i in incidents)
    assert by_place == [
        ("Jisr ash Shughūr", 3, None),
        ("Kafr Zaytā", None, 5),
        ("Kafranbel", 7, None),
        ("Khān Shaykhūn", 3, None),
        ("Ma‘arrat an Nu‘mān", 4, None),
    ], by_place
    assert [a.deaths.best for a in _analysed(reports, kind="aggregate")] == [17]


def test_records_of_one_nights_raids_hold_shares_and_no_total_as_high(tmp_path: Path) -> None:
    """Three records of one night's raids (an event database's convention: one record an attack),
    each ending with the same total: each incident holds about its share, and the total is no
    incident's high, which summed over the three would count it three times."""
    folder = tmp_path / "records"
    folder.mkdir()
    total = (
        "This was one of three related raids in the district that night. Fifteen farmers were killed across the raids."
    )
    for village in ("Umuogudu", "Ezzamgbo", "Effium"):
        (folder / f"{village}.txt").write_text(f"Gunmen raided {village}, Ohaukwu, Ebonyi, Nigeria. {total}\n")
    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    report = ingest(ledger, [folder], ReadOptions(published=PUBLISHED))
    assert report.errors == [] and report.added == 3
    assert [(i.deaths.low, i.deaths.best, i.deaths.high) for i in ledger.incidents()] == [(5, 5, 5)] * 3


def test_two_undated_reports_days_apart_with_one_figure_stay_apart(tmp_path: Path) -> None:
    """Reports dated only by publication cover the days before it: published three days apart,
    the same modest toll in one quiet province identifies no single event."""
    first = (
        "A roadside bomb struck a minibus carrying university staff in Charikar, Parwan, Afghanistan. "
        "At least four civilians were killed and 11 others were injured in the blast."
    )
    later = (
        "A bomb hit the car of a provincial official in a village of Parwan province, Afghanistan. The "
        "official was unhurt, but at least four people were killed and four others were injured."
    )
    incidents = _analysed([(first, date(2021, 5, 29)), (later, date(2021, 6, 1))])
    assert sorted(i.n_sources for i in incidents) == [1, 1], [i.explanation for i in incidents]


def test_a_toll_risen_by_wounded_who_died_joins_the_first_report_and_past_months_stay_out() -> None:
    """A convoy attack told on its day and again the next, when three of its wounded had died:
    "wounded" only says who they were, so the later report holds no separate injured figure, and
    the feud's toll "in recent months" beside it is no toll of that day. One incident, 31 to 34."""
    first = (
        "Gunmen fired on a convoy of buses near Parachinar in Kurram on Monday, killing at least 31 "
        "passengers and wounding 15, officials said. Tribal feuding in the district has killed dozens "
        "of people in recent months, a local official said."
    )
    later = (
        "The death toll from Monday's attack on a convoy in Kurram rose to 34 on Tuesday, as three more "
        "wounded passengers succumbed to their injuries, a hospital official said."
    )
    incidents = _analysed([(first, date(2024, 3, 11)), (later, date(2024, 3, 12))])
    assert [(i.deaths.low, i.deaths.best, i.deaths.high, i.n_sources) for i in incidents] == [(31, 34, 34, 2)], [
        i.explanation for i in incidents
    ]
    assert incidents[0].injured.best == 15


def test_a_french_report_placed_by_its_region_joins_the_english_report_of_the_village() -> None:
    """An English report places a village the gazetteer lacks near its town; a French one names
    the village and its region ("dans la région de Mopti"): the region is no clash with the town
    inside it, and the same figure on the same day in a quiet region makes them one incident."""
    english = "Gunmen killed eleven herders in an attack on the village of Koundougou near Bandiagara on Monday, an official said."
    french = "Dans la région de Mopti, au Mali, onze éleveurs ont été tués lundi à Koundougou, selon un élu local."
    incidents = _analysed([(english, date(2024, 5, 7)), (french, date(2024, 5, 8))])
    assert [(i.deaths.best, i.n_sources) for i in incidents] == [(11, 2)], [i.explanation for i in incidents]


def test_a_village_the_gazetteer_lacks_is_not_placed_at_a_town_named_after_it() -> None:
    """One report names the village and, in its next sentence, a town it moved on to; the other
    names the village near a city. The town named after is not the village's place: its country
    holds the claim, and the village they share makes one incident."""
    first = "Gunmen killed at least 18 men in the village of Tell Qarmouta near Latakia on Friday, residents said."
    later = (
        "Reprisals spread along the coast over the weekend.\n\n"
        "Gunmen shot dead at least 19 men in the village of Tell Qarmouta on Friday, according to a monitor. "
        "In Baniyas, residents said shops stayed shut."
    )
    incidents = _analysed([(first, date(2025, 2, 15)), (later, date(2025, 2, 16))])
    assert [(i.deaths.low, i.deaths.high, i.n_sources) for i in incidents] == [(18, 19, 2)], [
        (i.place, i.explanation) for i in incidents
    ]


def test_a_running_total_in_a_headline_and_its_body_is_one_aggregate() -> None:
    text = (
        "Monitor says over 400 civilians killed in coastal reprisals\n\n"
        "A monitor said on Sunday that gunmen had killed more than 400 civilians in the coastal "
        "region of Syria since Friday."
    )
    report = [(text, date(2025, 2, 16))]
    assert _analysed(report) == []
    assert [a.deaths.low for a in _analysed(report, kind="aggregate")] == [401]


def test_a_source_counting_only_the_civilians_beside_one_counting_soldiers_sets_no_low_of_the_total() -> None:
    """One report gives ten soldiers in its words and three civilians in a village chief's; a later
    one gives both: the chief's three is no one's count of all the dead."""
    first = (
        "Ataque em Mueda: pelo menos 10 militares mortos\n\n"
        "Pelo menos 10 militares morreram no ataque de sexta-feira à vila de Mueda, disseram fontes locais. "
        "Três civis também foram mortos, segundo um líder comunitário."
    )
    later = "Insurgents raided the town of Mueda on Friday. At least 10 soldiers and three civilians were killed."
    [incident] = _analysed([(first, date(2024, 5, 11)), (later, date(2024, 5, 13))])
    assert incident.deaths.low == 13, incident.explanation


def test_a_headlines_word_for_its_bodys_running_total_is_no_incident() -> None:
    text = (
        "Clan clashes kill dozens in Hiran region\n\n"
        "Fighting between two clan militias has killed at least 45 people in Somalia's Hiran region since "
        "Thursday, elders said on Saturday."
    )
    assert _analysed([(text, date(2025, 3, 8))]) == []


def test_headlines_take_their_bodys_days_and_two_killings_days_apart_stay_two() -> None:
    """Two outlets' headlines, each dated only by publication, tell five shot and six found dead
    in one city; their bodies date them Sunday and Tuesday. A headline drops the day its body
    gives: with it, close figures in a quiet city two days apart are not one killing."""
    first = (
        "Five shot dead in Tepic as gang feud rages\n\n"
        "Gunmen killed five men in the city of Tepic late on Sunday, state prosecutors said."
    )
    later = (
        "Six bodies found on road outside Tepic\n\n"
        "The bodies of six men were found on Tuesday morning beside a road outside Tepic, police said."
    )
    incidents = _analysed([(first, date(2024, 9, 16)), (later, date(2024, 9, 18))])
    assert sorted(i.deaths.best for i in incidents) == [5, 6], [i.explanation for i in incidents]


THREE_OUTLETS = {
    "agency.txt": "An air strike on Tuesday hit the home of the Haddad family in Gaza City, killing 9 people, "
    "the civil defence said.",
    "paper.txt": "A strike on a house in Gaza City killed nine members of the Haddad family on Tuesday, medics said.",
    "ministry.txt": "An air strike on the Haddad family home in Gaza City on Tuesday killed 9 people, according "
    "to the health ministry.",
}


def _three_outlets_ledger(tmp_path: Path) -> tuple[Ledger, list[str]]:
    """One strike told by three outlets, ingested as one incident; its claims in the files' order."""
    folder = tmp_path / "three"
    folder.mkdir()
    for name, text in THREE_OUTLETS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    ledger = Ledger(f"sqlite:///{tmp_path / 'three.db'}")
    ingest(ledger, [folder], ReadOptions(published=PUBLISHED))
    [incident] = ledger.incidents()
    origin = {d.id: d.origin for d in ledger.documents()}
    by_file = {origin[c.document_id].rsplit("/", 1)[-1]: c.id for c in ledger.claims()}
    assert set(incident.claim_ids) == set(by_file.values())
    return ledger, [by_file[name] for name in THREE_OUTLETS]


def _together(ledger: Ledger) -> list[list[str]]:
    return sorted(sorted(i.claim_ids) for i in ledger.incidents())


def test_a_second_split_of_an_incident_keeps_the_claim_the_first_moved_out(tmp_path: Path) -> None:
    ledger, (a, b, c) = _three_outlets_ledger(tmp_path)
    ana = analyst(ledger)
    first = next(i for i in ledger.incidents())
    apply_review(ledger, ana, "split", first.id, {"groups": [[a], [b, c]]})
    rest = next(i for i in ledger.incidents() if b in i.claim_ids)
    apply_review(ledger, ana, "split", rest.id, {"groups": [[b], [c]]})
    assert _together(ledger) == sorted([[a], [b], [c]])
    rebuild_incidents(ledger)  # and on every later reconciliation
    assert _together(ledger) == sorted([[a], [b], [c]])


def test_a_split_after_a_merge_undid_the_first_split_stands_alone(tmp_path: Path) -> None:
    ledger, (a, b, c) = _three_outlets_ledger(tmp_path)
    ana = analyst(ledger)
    whole = next(i for i in ledger.incidents())
    apply_review(ledger, ana, "split", whole.id, {"groups": [[a], [b, c]]})
    moved = next(i for i in ledger.incidents() if a in i.claim_ids)
    kept = next(i for i in ledger.incidents() if b in i.claim_ids)
    apply_review(ledger, ana, "merge", kept.id, {"with": [moved.id]})
    again = next(i for i in ledger.incidents() if a in i.claim_ids)
    apply_review(ledger, ana, "split", again.id, {"groups": [[a, b], [c]]})
    assert _together(ledger) == sorted([sorted([a, b]), [c]])


def test_a_claim_is_not_placed_at_the_town_of_another_story_told_beside_it() -> None:
    """A report of funerals for a drone strike's victims, dated by its dateline's town, then "In a
    separate incident" shelling of another town: the toll is the first town's, and joins the
    report of the strike there."""
    strike = (
        "Drone strike kills 21 in Dangila\n\n"
        "A drone strike killed at least 21 people in the town of Dangila in Amhara region on Sunday, "
        "a health official said."
    )
    funerals = (
        "Funerals held in Dangila after drone attack\n\n"
        "Funerals were held on Wednesday for victims of Sunday's drone attack, which residents said "
        "killed 22 civilians. In a separate incident on Tuesday, three people were killed when "
        "federal forces shelled the outskirts of Bahir Dar, residents said."
    )
    incidents = _analysed([(strike, date(2023, 8, 14)), (funerals, date(2023, 8, 17))])
    by_best = {i.deaths.best: i for i in incidents}
    assert by_best[22].place is not None and by_best[22].place.name != "Bahir Dar"
    assert by_best[22].n_sources == 2, [i.explanation for i in incidents]


@pytest.mark.parametrize(("days_later", "joined"), [(1, True), (6, False)])
def test_a_towns_attacks_told_in_stock_words_a_week_apart_are_two_events(days_later: int, joined: bool) -> None:
    # a monitor's summaries reuse their sentences: the same figure in nearly the same words is one
    # story retold on the next day, and a second attack on the town six days later
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    first = make_document(
        "A roadside bomb went off beside an army truck in Kandahar city, Kandahar, Afghanistan. At least four "
        "soldiers were wounded in the explosion. No group said it carried out the attack.",
        "a.txt",
        published=date(2021, 3, 2),
    )
    second = make_document(
        "A roadside bomb went off beside a police truck in Kandahar city, Kandahar, Afghanistan. At least four "
        "police officers were wounded in the explosion. No group said it carried out the attack.",
        "b.txt",
        published=date(2021, 3, 2) + timedelta(days=days_later),
    )
    incidents = [i for i in analyse([first, second]).incidents if i.kind == "incident"]
    assert len(incidents) == (1 if joined else 2)
    assert {i.injured.best for i in incidents} == {4}


def test_a_market_named_by_its_province_is_the_market_its_town_names() -> None:
    # "a North Kordofan market" names no one market: it neither sets the report apart from one
    # naming "the Um Sumeima market" nor joins it; the figures, day and place do
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    un = make_document(
        "Flash update\n\n- On 10 July, a drone strike hit the Um Sumeima market in North Kordofan, killing at "
        "least 11 civilians and injuring 17 others, according to local authorities.",
        "un.txt",
        published=date(2025, 7, 14),
    )
    paper = make_document(
        "Drone attack on North Kordofan market kills 13\n\nEL OBEID - Thirteen civilians were killed and more "
        "than 20 wounded when a drone struck the weekly market in Um Sumeima, west of El Obeid, on Thursday, a "
        "local official said.",
        "paper.txt",
        published=date(2025, 7, 11),
    )
    incidents = [i for i in analyse([un, paper]).incidents if i.kind == "incident"]
    assert len(incidents) == 1, [(i.place and i.place.name, i.deaths) for i in incidents]
    assert (incidents[0].deaths.low, incidents[0].deaths.high) == (11, 13)


def test_a_separate_clash_in_a_district_the_gazetteer_lacks_joins_another_outlets_report_of_it() -> None:
    """A UN toll for a city's fighting, then "a separate clash in Souq al-Juma" (a district the
    gazetteer lacks) killed three: that claim is not placed at the city of the sentence before,
    so it meets the other outlet's "the Souq al-Juma district of Tripoli" as one clash."""
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    running = (
        "Libya: at least 10 dead in three days of fighting in Tripoli\n\nAt least 10 people, including two "
        "civilians, have been killed in three days of fighting between rival armed groups in Tripoli, according "
        "to the UN Support Mission in Libya. A separate clash in Souq al-Juma on Wednesday killed three fighters "
        "of the Radaa force, a security source said."
    )
    district = (
        "Three Radaa fighters killed in Souq al-Juma as truce holds in Abu Salim\n\nTRIPOLI, May 14 (Reuters) - "
        "Three fighters of the Radaa Deterrence force were killed in a clash with a rival group in the Souq al-Juma "
        "district of Tripoli on Wednesday, a Radaa spokesman said, as a truce brokered by elders held in Abu Salim."
    )
    docs = [
        make_document(running, "afp.txt", published=date(2025, 5, 15)),
        make_document(district, "reuters.txt", published=date(2025, 5, 14)),
    ]
    clashes = [i for i in analyse(docs).incidents if i.kind == "incident" and i.deaths.best == 3]
    assert len(clashes) == 1 and clashes[0].n_sources == 2, clashes
