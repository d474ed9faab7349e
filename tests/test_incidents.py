"""Spec for reconcile: linking, counts, aggregates, copies, grades, stable ids and decisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from harmledger.incidents import Decisions, reconcile
from harmledger.records import OTHER_EVENT_CUE, TOLL_UPDATE_CUE, Claim, Count, Document, Incident, PlaceRef
from tests.test_incidents_builder import claim, doc

D = date(2016, 7, 19)


def only_incidents(incidents: list[Incident]) -> list[Incident]:
    return [i for i in incidents if i.kind == "incident"]


def one_strike(claims: list[Claim]) -> list[Claim]:
    """The claims, each naming the same family: reports of different outlets that identify one
    strike (without such evidence, reports from different documents are only suggested)."""
    return [replace(c, identity=("family:haddad",)) for c in claims]


def test_seed_shaped_article_gives_one_strike_one_chemical_attack_and_aggregates_beside():
    docs = {"a": doc("a")}
    coalition = "International Anti-ISIS Coalition"
    claims = [
        claim(
            "a",
            low=56,
            qualifier="at_least",
            victims="civilians",
            place="manbij",
            event="airstrike",
            perpetrator=coalition,
        ),
        claim(
            "a",
            low=126,
            qualifier="more_than",
            scope="cumulative",
            place="manbij",
            event="airstrike",
            perpetrator=coalition,
            victims="civilians",
        ),
        claim(
            "a",
            "casualties",
            high=200,
            qualifier="up_to",
            scope=None,
            victims="civilians",
            source="Al-Jazeera",
            source_kind="media",
        ),
        claim(
            "a",
            "casualties",
            60,
            60,
            60,
            scope="cumulative",
            place="manbij",
            period="in the last couple of days",
            source="Amnesty International",
        ),
        claim(
            "a",
            "casualties",
            best=100,
            qualifier="approximately",
            scope="cumulative",
            place="manbij",
            period="since March 31st",
            source="Amnesty International",
        ),
        claim(
            "a",
            low=136,
            high=1300,
            qualifier="range",
            place="ghouta",
            victims="civilians",
            event="chemical attack",
            perpetrator="Syrian government",
            genre="opinion",
        ),
        claim("a", kind="statement", stance="investigating", party="United States", place="manbij", outcome="killed"),
    ]
    out = reconcile(claims, docs)
    events = only_incidents(out)
    assert len(events) == 2
    strike = next(i for i in events if i.event_type == "airstrike")
    chemical = next(i for i in events if i.event_type == "chemical attack")
    assert (strike.deaths.low, strike.deaths.high) == (56, 200)
    assert (chemical.deaths.low, chemical.deaths.high) == (136, 1300)
    aggregates = [i for i in out if i.kind == "aggregate"]
    assert len(aggregates) == 3
    assert {a.related_incident_id for a in aggregates} == {strike.id}
    assert claims[-1].id in strike.claim_ids  # the statement sits with the strike


@pytest.mark.parametrize(
    ("reports", "low", "best", "high"),
    [
        # (outcome, low, high, best, qualifier, document, source kind), one report a tuple
        # two equally trusted reports of the same day: best is the lower median ...
        ([("killed", 7, 7, 7, "exact", "a", None), ("killed", 9, 9, 9, "exact", "b", None)], 7, 7, 9),
        # ... but never below a minimum one of them states: "at least 12" says 7 is too few
        ([("killed", 7, 7, 7, "exact", "a", None), ("killed", 12, None, None, "at_least", "b", None)], 7, 12, 12),
        # the writer's own figure is trusted as a monitor's
        ([("killed", 7, 7, 7, "exact", "a", None), ("killed", 12, None, None, "at_least", "b", "ngo")], 7, 12, 12),
        ([("killed", 7, 7, 7, "exact", "a", "ngo"), ("killed", 12, None, None, "at_least", "b", "media")], 7, 7, 12),
        ([("killed", 7, 7, 7, "exact", "a", "media"), ("killed", 12, None, None, "at_least", "b", "ngo")], 7, 12, 12),
        (
            [("killed", 56, None, None, "at_least", "a", None), ("casualties", None, 200, None, "up_to", "b", None)],
            56,
            56,
            200,
        ),
        ([("casualties", None, 200, None, "up_to", "a", None)], None, None, 200),
        ([("killed", 136, 1300, None, "range", "a", None)], 136, 136, 1300),
        (
            [("killed", None, None, 100, "approximately", "a", None), ("killed", 90, 90, 90, "exact", "b", "ngo")],
            90,
            90,
            100,
        ),
        ([("killed", 4, 4, 4, "exact", "a", None), ("killed", 5, 5, 5, "exact", "a", None)], 5, 5, 5),
    ],
)
def test_counts_rules(reports, low, best, high):
    docs = {d: doc(d) for d in "ab"}
    claims = [
        claim(d, o, lo, hi, be, q, place="misrata", day=D, source=f"src-{d}" if k else None, source_kind=k)
        for o, lo, hi, be, q, d, k in reports
    ]
    [inc] = only_incidents(reconcile(one_strike(claims), docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (low, best, high)
    assert inc.deaths.rule.startswith("low = lowest minimum among")  # each figure says how it was set


def _vague(c: Claim) -> Claim:
    assert c.count is not None
    return replace(c, count=replace(c.count, vague=True))


def test_a_headlines_vague_figure_gives_way_to_the_figure_the_report_states():
    """ "Blast kills dozens" over "killing 38 people, police said": the writer's "dozens" (24 to 99)
    neither sets low nor best beside the report's own stated figure, whoever gave that figure."""
    docs = {"a": doc("a")}
    claims = [
        _vague(claim("a", low=24, high=99, qualifier="vague", place="misrata", day=D)),
        claim("a", low=38, high=38, best=38, place="misrata", day=D, source="police", source_kind="official"),
    ]
    [inc] = only_incidents(reconcile(claims, docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (38, 38, 38)


def test_a_vague_figure_of_another_source_can_raise_high_but_not_set_best():
    """Two equally trusted accounts, "dozens" and "30": best is the stated 30, "dozens" still says
    how high the reports went."""
    docs = {d: doc(d) for d in "ab"}
    claims = one_strike(
        [
            _vague(claim("a", low=24, high=99, qualifier="vague", place="misrata", day=D)),
            claim("b", low=30, high=30, best=30, place="misrata", day=D),
        ]
    )
    [inc] = only_incidents(reconcile(claims, docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (24, 30, 99)


def test_a_later_more_reliable_vague_figure_does_not_set_best_over_a_stated_one():
    """Health officials a day later say "dozens injured", a ministry spokesman said "30 others":
    the word is no count, so best is the stated 30 however the sources rank."""
    docs = {"a": doc("a", published=D), "b": doc("b", published=D + timedelta(days=1))}
    claims = one_strike(
        [
            claim("a", low=30, high=30, best=30, place="misrata", day=D, source="ministry spokesman"),
            _vague(claim("b", low=24, high=99, qualifier="vague", place="misrata", day=D, source="health officials")),
        ]
    )
    [inc] = only_incidents(reconcile(claims, docs))
    assert inc.deaths.best == 30


def test_an_opinion_pieces_figure_sets_nothing_beside_the_news_of_the_same_event():
    """A column's "a drone killed dozens this week" is the writer's comment on the reports of
    "at least 23" and "31": the incident keeps their figures, not the column's 99."""
    docs = {d: doc(d) for d in "abc"}
    claims = one_strike(
        [
            claim("a", low=23, qualifier="at_least", place="misrata", day=D),
            claim("b", low=31, high=31, best=31, place="misrata", day=D),
            _vague(claim("c", low=24, high=99, qualifier="vague", place="misrata", day=D, genre="opinion")),
        ]
    )
    [inc] = only_incidents(reconcile(claims, docs))
    assert inc.deaths.high == 31 and inc.deaths.low == 23
    alone = [c for c in claims if c.genre == "opinion"]
    [inc] = only_incidents(reconcile(alone, docs))
    assert inc.deaths.high == 99  # with nothing else, the column's figure is all there is


def test_an_opinion_piece_is_no_source_of_its_own_beside_the_news():
    docs = {d: doc(d) for d in "abc"}
    claims = one_strike(
        [
            claim("a", low=23, qualifier="at_least", place="misrata", day=D),
            claim("b", low=31, high=31, best=31, place="misrata", day=D),
            claim("c", low=30, high=30, best=30, place="misrata", day=D, genre="opinion"),
        ]
    )
    [inc] = only_incidents(reconcile(claims, docs))
    assert inc.n_sources == 2
    assert "2 independent source(s), besides 1 opinion piece(s)" in inc.explanation[0]
    [inc] = only_incidents(reconcile([c for c in claims if c.genre == "opinion"], docs))
    assert inc.n_sources == 1  # a column alone is still one account


def test_civilians_and_combatants_of_one_document_add_up_but_repeats_do_not():
    docs = {"a": doc("a")}
    claims = [
        claim("a", low=8, high=8, best=8, victims="combatants", place="misrata", day=D),
        claim("a", low=20, qualifier="more_than", victims="civilians", place="misrata", day=D),
        claim("a", low=20, qualifier="at_least", victims="civilians", place="misrata", day=D),
    ]
    [inc] = only_incidents(reconcile(claims, docs))
    assert inc.deaths.low == 28
    assert inc.civilian_deaths.low == 20


def test_the_attackers_killed_add_to_the_soldiers_they_attacked_but_not_to_each_other():
    docs = {"a": doc("a")}
    soldiers = claim("a", low=4, high=4, best=4, victims="combatants", place="kabul", day=D)
    attackers = replace(
        claim("a", low=2, high=2, best=2, victims="combatants", place="kabul", day=D), victim_groups=("attackers",)
    )
    [inc] = only_incidents(reconcile([soldiers, attackers], docs))
    assert (inc.deaths.best, inc.deaths.high) == (6, 6)
    assert inc.civilian_deaths.best is None  # neither side is civilian
    again = replace(attackers, id="again", span=replace(attackers.span, start=900, end=905))
    [inc] = only_incidents(reconcile([attackers, again], docs))
    assert inc.deaths.best == 2  # the same attackers told twice


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # the two sides of a battle, each named by its noun, told apart: eleven dead
        (
            "Troops killed nine militants in a raid on a camp near Tamra, while two soldiers died "
            "in the fighting, the army said.",
            11,
        ),
        ("Four policemen were killed when rebels stormed the post in Tamra. Six rebels also died.", 10),
        # "also" after who said it: the commissioner's rebels are more dead, not a rival count
        (
            "Fighting near Tamra has killed at least 27 soldiers, officials said. The county commissioner "
            "said 14 rebels also died in the clashes.",
            41,
        ),
        # one side told twice is one count, not two
        ("Nine militants were killed in a raid near Tamra. Police said the nine militants were armed.", 9),
    ],
)
def test_one_reports_dead_of_both_sides_add_up(text: str, deaths: int) -> None:
    inc = _reconciled_text(text)
    assert inc.deaths.best == deaths, inc.explanation


def test_beside_a_figure_whose_noun_names_no_side_the_sides_do_not_add_up() -> None:
    docs = {"a": doc("a")}

    def fighters(n: int, *groups: str) -> Claim:
        c = claim("a", low=n, high=n, best=n, victims="combatants", place="kabul", day=D)
        return replace(c, victim_groups=groups)

    [inc] = only_incidents(reconcile([fighters(9, "state forces"), fighters(3, "armed groups")], docs))
    assert inc.deaths.best == 12
    # "two fighters" may be either side's: the soldiers' nine may already hold them
    sides = [fighters(9, "state forces"), fighters(3, "armed groups"), fighters(2)]
    [inc] = only_incidents(reconcile(sides, docs))
    assert inc.deaths.best == 9


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # one person a report singles out after its count, from another voice, is one of them
        (
            "Nine soldiers were killed in an ambush near Tamra, the army said. A commander was killed in the attack.",
            (9, 9, 9),
        ),
        ("Nine people were killed in an ambush near Tamra, police said. A woman was killed in the attack.", (9, 9, 9)),
        # "too", "as well" and "another" tell one more, as "also" does
        ("Nine soldiers were killed in an ambush near Tamra, the army said. A commander was killed too.", (10, 10, 10)),
        ("Nine soldiers were killed in an ambush near Tamra, the army said. Two guards died as well.", (11, 11, 11)),
        (
            "Nine people were killed in an ambush near Tamra, police said. Another man was killed nearby, "
            "residents said.",
            (10, 10, 10),
        ),
        # "as well as" joins two groups of one figure's verb
        ("Nine soldiers were killed as well as two civilians in an ambush near Tamra.", (11, 11, 11)),
    ],
)
def test_one_person_told_after_a_count(text: str, deaths: tuple[int, int, int]) -> None:
    inc = _reconciled_text(text)
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == deaths, inc.explanation


@pytest.mark.parametrize(
    ("flags", "low", "best", "high", "grade"),
    [
        ([{}, {}], 10, 10, 30, "fair"),  # two equal sources: best is the lower median
        ([{}, {"hedged": True}], 10, 10, 30, "weak"),  # the hedged 30 raises high only
        ([{"hedged": True}, {"hedged": True}], 10, 10, 30, "weak"),  # only hedged accounts: they give the figures
        ([{}, {"negated": True}], 10, 10, 10, "weak"),  # "no one was killed by the 30 rockets"
        ([{"negated": True}, {"negated": True}], None, None, None, "discounted"),
    ],
)
def test_hedged_and_negated_claims(flags, low, best, high, grade):
    docs = {d: doc(d) for d in "ab"}
    claims = [
        claim("a", low=10, high=10, best=10, place="kabul", day=D, **flags[0]),
        claim("b", low=30, high=30, best=30, place="kabul", day=D, **flags[1]),
    ]
    [inc] = only_incidents(reconcile(one_strike(claims), docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high, inc.grade) == (low, best, high, grade)
    assert set(inc.claim_ids) == {c.id for c in claims}


def zero(doc_id: str, **fields) -> Claim:
    """A report that nobody came to the harm: the extractor gives a negated zero."""
    return claim(doc_id, low=0, high=0, best=0, negated=True, place="kabul", day=D, **fields)


def test_a_report_that_nobody_was_killed_gives_zero_deaths_not_none():
    [inc] = only_incidents(reconcile([zero("a")], {"a": doc("a")}))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (0, 0, 0)
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == (0, 0)
    assert inc.grade == "weak"  # one source said it; not discounted as a denial would be
    assert not any("not counted" in line for line in inc.explanation)


def test_no_casualties_is_zero_killed_and_zero_injured():
    [inc] = only_incidents(reconcile([zero("a", outcome="casualties")], {"a": doc("a")}))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (0, 0, 0)
    assert (inc.injured.low, inc.injured.best, inc.injured.high) == (0, 0, 0)


def test_a_later_report_of_deaths_beside_an_early_report_of_none_gives_a_range_from_zero():
    docs = {"a": doc("a"), "b": doc("b")}
    claims = one_strike([zero("a"), claim("b", low=3, high=3, best=3, place="kabul", day=D)])
    [inc] = only_incidents(reconcile(claims, docs))
    assert (inc.deaths.low, inc.deaths.high) == (0, 3)


def test_no_civilians_killed_is_zero_civilian_deaths_and_says_nothing_of_all_the_dead():
    [inc] = only_incidents(reconcile([zero("a", victims="civilians")], {"a": doc("a")}))
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == (0, 0)
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (None, None, None)


def test_no_civilians_killed_never_lowers_the_dead_that_another_source_counts():
    docs = {"a": doc("a"), "b": doc("b")}
    claims = one_strike(
        [zero("a", victims="civilians"), claim("b", low=4, high=4, best=4, victims="combatants", place="kabul", day=D)]
    )
    [inc] = only_incidents(reconcile(claims, docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (4, 4, 4)
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == (0, 0)


def wounded(doc_id: str, text: str, **fields) -> tuple[Claim, Document]:
    """A report whose only figure is of the injured, with its text."""
    return claim(doc_id, "injured", 5, 5, 5, place="kabul", day=D, **fields), doc(doc_id, text)


def test_a_report_of_wounded_that_speaks_of_no_dead_gives_zero_deaths():
    c, d = wounded("a", "A bomb went off at a checkpoint. Five police officers were injured.")
    [inc] = only_incidents(reconcile([c], {"a": d}))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (0, 0, 0)
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == (0, 0)
    assert (inc.injured.low, inc.injured.best, inc.injured.high) == (5, 5, 5)
    assert "killed 0: 5 injured reported and no dead" in inc.explanation


def test_a_report_of_an_abduction_that_speaks_of_no_dead_gives_zero_deaths():
    c = claim("a", "detained", 4, 4, 4, place="kabul", day=D)
    d = doc("a", "Gunmen kidnapped four travellers on the highway. Two were freed the next day.")
    [inc] = only_incidents(reconcile([c], {"a": d}))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (0, 0, 0)
    assert "killed 0: 4 abducted reported and no dead" in inc.explanation
    d = doc("a", "Gunmen kidnapped four travellers on the highway. The body of one was found the next day.")
    [inc] = only_incidents(reconcile([c], {"a": d}))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "The driver and a guard were killed and five police officers were injured.",  # no figure read
        "Five people were injured. The body of a sixth was found the next morning.",
        "Five people were wounded in the deadly blast.",
    ],
)
def test_a_report_of_wounded_that_speaks_of_death_leaves_the_deaths_open(text):
    c, d = wounded("a", text)
    [inc] = only_incidents(reconcile([c], {"a": d}))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (None, None, None)


def test_wounded_beside_casualties_or_any_figure_of_the_dead_take_no_zero():
    c, d = wounded("a", "Five people were injured.")
    casualties = claim("a", "casualties", 9, 9, 9, place="kabul", day=D)
    [inc] = only_incidents(reconcile([c, casualties], {"a": d}))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (None, None, 9)
    hedged = claim("a", "killed", 2, 2, 2, place="kabul", day=D, hedged=True)
    [inc] = only_incidents(reconcile([c, hedged], {"a": d}))
    assert inc.deaths.best == 2


def test_a_hedged_figure_is_used_for_an_outcome_no_plain_claim_gives():
    docs = {d: doc(d) for d in "ab"}
    claims = [
        claim("a", low=10, high=10, best=10, place="kabul", day=D),
        claim("b", low=20, high=20, best=20, place="kabul", day=D, outcome="injured", hedged=True),
    ]
    [inc] = only_incidents(reconcile(one_strike(claims), docs))
    assert (inc.deaths.low, inc.deaths.high) == (10, 10)
    assert (inc.injured.low, inc.injured.best, inc.injured.high) == (20, 20, 20)


def test_cumulative_tolls_are_aggregates_and_never_add_to_incidents():
    docs = {d: doc(d) for d in "ab"}
    claims = [
        claim("a", low=5, high=5, best=5, place="kabul", day=D),
        claim("a", low=300, scope="cumulative", place="kabul", period="this year"),
        claim("b", low=301, scope="cumulative", place="kabul", period="this year"),
    ]
    out = reconcile(claims, docs)
    [inc] = only_incidents(out)
    assert inc.deaths.high == 5
    assert all(i.kind == "aggregate" and i.related_incident_id == inc.id for i in out if i is not inc)


HADDAD = ("family:haddad",)


@pytest.mark.parametrize(
    ("second", "same"),
    [
        (dict(doc_id="a", low=56, qualifier="at_least", place="manbij"), True),  # headline + lead
        (dict(doc_id="a", low=56, qualifier="at_least"), True),  # "Tuesday's strike" without place
        (dict(doc_id="a", low=3, high=3, best=3, place="ghouta"), False),  # another town
        (dict(doc_id="a", low=9, high=9, best=9, place="manbij", day=date(2016, 6, 1)), False),
        # Another outlet, the same town and day, another figure, nothing that identifies the
        # strike: only a suggestion for an analyst, never a join.
        (dict(doc_id="b", low=90, place="manbij-outskirts", day=D), False),
        (dict(doc_id="b", low=90, place="aleppo-province", day=D, event="airstrike"), False),
        # ... the same with the family both name: one strike.
        (dict(doc_id="b", low=60, place="manbij-outskirts", day=D, identity=HADDAD), True),
        (dict(doc_id="b", low=60, place="aleppo-province", day=D, event="airstrike", identity=HADDAD), True),
        # ... or with the same figure, or a near one (rare enough in the ledger to be telling).
        (dict(doc_id="b", low=56, qualifier="at_least", place="manbij-outskirts", day=D), True),
        (dict(doc_id="b", low=60, place="manbij-outskirts", day=D), True),
        (dict(doc_id="b", low=60, place="manbij", day=date(2016, 7, 30), identity=HADDAD), False),  # 11 days on
        (dict(doc_id="b", low=60, place="kabul", day=D, identity=HADDAD), False),  # another country
        (dict(doc_id="b", low=2, high=2, best=2, place="syria", day=D), False),  # only a country
    ],
)
def test_linking(second, same):
    docs = {d: doc(d) for d in "ab"}
    first = claim("a", low=56, qualifier="at_least", place="manbij", day=D, event="airstrike", identity=HADDAD)
    fields = {k: v for k, v in second.items() if k != "doc_id"}
    other = claim(second["doc_id"], **{"day": D, **fields})
    out = only_incidents(reconcile([first, other], docs))
    assert (len(out) == 1) is same


def test_a_chain_never_joins_claims_that_clash():
    # Three villages 27 km apart in a row: each agrees with its neighbour, the two ends clash.
    docs = {d: doc(d) for d in "abc"}
    villages = {
        d: PlaceRef(f"village {d}", f"village {d}", 36.0, 37.0 + 0.3 * n, "SY", "Aleppo", precision=n % 2 + 1)
        for n, d in enumerate("abc")
    }
    claims = one_strike([replace(claim(d, low=10, high=10, best=10, day=D), place=villages[d]) for d in "abc"])
    out = only_incidents(reconcile(claims, docs))
    assert not any({claims[0].id, claims[2].id} <= set(i.claim_ids) for i in out)
    # The middle report fits both ends equally: it joins neither (a suggestion for each).
    assert len(out) == 3


def test_syndicated_copies_count_as_one_source():
    wire = "Four dead in suicide bombing in Libya's Misrata on Wednesday, security sources said"
    docs = {
        "a": doc("a", wire, outlet="AFP"),
        "b": doc("b", wire + ".", outlet="Yahoo"),
        "c": doc("c", "Islamic State attacks Misrata court", outlet="AP"),
    }
    claims = [claim(d, low=4, high=4, best=4, place="misrata", day=D) for d in "abc"]
    [inc] = only_incidents(reconcile(claims, docs))
    assert inc.n_sources == 2
    assert any(line.startswith("copy: document b") for line in inc.explanation)


def test_a_source_named_again_in_short_in_one_report_is_one_source():
    # "the defence ministry said … two soldiers were also killed, the ministry said"
    claims = [
        claim("a", low=18, high=18, best=18, place="kabul", day=D, source="defence ministry", source_kind="official"),
        claim("a", low=2, high=2, best=2, place="kabul", day=D, source="ministry", source_kind="official"),
    ]
    [inc] = only_incidents(reconcile(claims, {"a": doc("a")}))
    assert inc.n_sources == 1
    assert inc.grade == "weak"


def test_one_report_quoting_two_sources_is_not_fair():
    """An article gives the army's 11 and the disaster office's 11: two sources of the figure,
    one report of the event. Fair takes independent sources in separate reports."""
    docs = {"a": doc("a", outlet="Wire"), "b": doc("b", outlet="Other Wire")}
    army = claim("a", low=11, high=11, best=11, place="kabul", day=D, source="the army", source_kind="military")
    office = claim(
        "a", low=11, high=11, best=11, place="kabul", day=D, source="disaster office", source_kind="official"
    )
    [inc] = only_incidents(reconcile([army, office], docs))
    assert (inc.n_sources, inc.grade) == (2, "weak")
    assert inc.explanation[-1] == "weak: a single report, quoting 2 sources"
    second = claim("b", low=11, high=11, best=11, place="kabul", day=D, source="police", source_kind="official")
    [inc] = only_incidents(reconcile(one_strike([army, office, second]), docs))
    assert inc.grade == "fair"


def test_a_headline_restating_its_reports_sourced_figure_is_not_a_second_source():
    # "Gunmen kill three shepherds" over "... killed three shepherds, local officials said".
    docs = {"a": doc("a", outlet="Wire")}
    headline = claim("a", low=3, high=3, best=3, place="kabul", day=D)
    body = claim("a", low=3, high=3, best=3, place="kabul", day=D, source="local officials", source_kind="official")
    [inc] = only_incidents(reconcile([headline, body], docs))
    assert inc.n_sources == 1 and inc.grade == "weak"


def test_a_writers_own_figure_unlike_the_sourced_one_stays_the_outlets_account():
    docs = {"a": doc("a", outlet="Wire")}
    headline = claim("a", low=12, high=12, best=12, place="kabul", day=D)
    body = claim("a", low=3, high=3, best=3, place="kabul", day=D, source="local officials", source_kind="official")
    [inc] = only_incidents(reconcile([headline, body], docs))
    assert inc.n_sources == 2


@pytest.mark.parametrize(
    ("extra", "grade"),
    [
        ([], "weak"),
        ([dict(doc_id="b")], "fair"),
        ([dict(doc_id="b", perpetrator="Taliban")], "contested"),
        ([dict(doc_id="a", kind="statement", stance="denied", party="ISAF")], "contested"),
        ([dict(doc_id="b", kind="statement", stance="admitted", party="ISAF")], "confirmed"),
        ([dict(doc_id="b", genre="opinion")], "weak"),
    ],
)
def test_grade(extra, grade):
    docs = {d: doc(d) for d in "ab"}
    claims = [claim("a", low=9, high=9, best=9, place="kabul", day=D, perpetrator="ISAF")]
    for e in map(dict, extra):  # a copy: parametrize's dicts are shared between reruns
        d = e.pop("doc_id")
        base = {} if e.get("kind") == "statement" else dict(low=9, high=9, best=9)
        claims.append(claim(d, **{"place": "kabul", "day": D, "perpetrator": "ISAF", **base, **e}))
    [inc] = only_incidents(reconcile(one_strike(claims), docs))
    assert inc.grade == grade
    assert inc.explanation[-1].startswith(grade)


def test_rejected_hedged_only_incident_is_discounted():
    docs = {"a": doc("a")}
    c = claim("a", low=9, high=9, best=9, place="kabul", day=D)
    [inc] = reconcile([c], docs, decisions=Decisions(rejected=frozenset({c.id})))
    assert inc.grade == "discounted" and inc.deaths.high is None and inc.claim_ids == (c.id,)


def test_ids_stay_stable_when_new_documents_arrive():
    docs = {d: doc(d) for d in "abc"}
    kabul = claim("a", low=5, high=5, best=5, place="kabul", day=D)
    kandahar = claim("b", low=7, high=7, best=7, place="kandahar", day=D)
    first = reconcile([kabul, kandahar], docs)
    previous = {i.id: i.claim_ids for i in first}
    late = claim("c", low=6, high=6, best=6, place="kabul", day=D)
    second = reconcile(one_strike([kabul, kandahar, late]), docs, previous=previous)
    assert {i.id for i in second} == {i.id for i in first}
    grown = next(i for i in second if late.id in i.claim_ids)
    assert kabul.id in grown.claim_ids


def test_decisions_merge_split_and_grade_survive_a_rerun():
    docs = {d: doc(d) for d in "abc"}
    kabul_a = claim("a", low=5, high=5, best=5, place="kabul", day=D)
    kabul_b = claim("b", low=5, high=5, best=5, place="kabul", day=D)
    kandahar = claim("c", low=7, high=7, best=7, place="kandahar", day=D)
    first = reconcile([kabul_a, kabul_b, kandahar], docs)
    previous = {i.id: i.claim_ids for i in first}
    kabul = next(i.id for i in first if kabul_a.id in i.claim_ids)
    split = Decisions(splits={kabul: ((kabul_a.id,), (kabul_b.id,))}, grades={kabul: "confirmed"})
    out = reconcile([kabul_a, kabul_b, kandahar], docs, previous=previous, decisions=split)
    assert len(out) == 3
    assert next(i for i in out if i.id == kabul).grade == "confirmed"
    far = next(i.id for i in first if kandahar.id in i.claim_ids)
    merged = reconcile(
        [kabul_a, kabul_b, kandahar], docs, previous=previous, decisions=Decisions(merges=((kabul, far),))
    )
    assert len(merged) == 1 and merged[0].id in (kabul, far)


def test_one_town_spelled_two_ways_is_one_town_for_a_toll_that_rose():
    """ "Hodeida" and "Al Hudaydah", one gazetteer town: the report whose toll rose from 9 to 17
    joins the first, as it would had both spelled the town alike."""
    docs = {d: doc(d) for d in "ab"}
    town = PlaceRef("Hodeida", "Al Hudaydah", 14.8, 42.95, "YE", "Al Hudaydah", precision=1)
    first = replace(claim("a", low=9, qualifier="at_least", day=D, event="airstrike"), place=town)
    risen = claim("b", low=17, high=17, best=17, day=D, event="airstrike", identity=(TOLL_UPDATE_CUE,))
    risen = replace(risen, place=replace(town, text="Al Hudaydah"))
    [inc] = only_incidents(reconcile([first, risen], docs))
    assert inc.deaths.best == 17


def test_each_group_of_an_analysts_split_stays_one_incident_with_its_statements():
    """The wounded figure (report a) tied the dead (report a) to report b's wounded; an analyst
    splits the dead off with report b's claims and its statement: linking alone would leave b's
    claims apart from the dead once the tie is gone, and the statement with whichever scored best."""
    docs = {d: doc(d) for d in "ab"}
    wording = "Twenty people were wounded when a bomb went off near a bus station in Kabul, police said."
    dead = claim("a", low=7, high=7, best=7, place="kabul", day=D)
    tie = claim("a", outcome="injured", low=20, high=20, best=20, place="kabul", day=D, quote=wording)
    wounded_b = claim("b", outcome="injured", low=20, high=20, best=20, place="kabul", day=D, quote=wording)
    said = claim("b", kind="statement", party="Taliban", stance="denied", place="kabul", day=D)
    claims = [dead, tie, wounded_b, said]
    [whole] = only_incidents(reconcile(claims, docs))
    assert set(whole.claim_ids) == {c.id for c in claims}  # one incident before the split
    groups = ((tie.id,), (dead.id, wounded_b.id, said.id))
    out = only_incidents(
        reconcile(claims, docs, previous={whole.id: whole.claim_ids}, decisions=Decisions(splits={whole.id: groups}))
    )
    assert sorted(sorted(i.claim_ids) for i in out) == sorted(sorted(g) for g in groups)


@pytest.mark.parametrize(
    ("quote_b", "figure_b", "same"),
    [
        ("Three Turkish soldiers killed in Kurdish militant attack - sources", 3, True),
        ("Three Turkish soldiers killed in Kurdish militant attack - sources", 4, False),
        ("Three killed as flooding sweeps through market", 3, False),
    ],
)
def test_placeless_reports_link_only_through_wording_or_perpetrator(quote_b, figure_b, same):
    docs = {d: doc(d) for d in "ab"}
    a = claim(
        "a",
        low=3,
        high=3,
        best=3,
        day=D,
        quote="Three Turkish soldiers killed in Kurdish militant attack: security sources",
    )
    b = claim("b", low=figure_b, high=figure_b, best=figure_b, day=D, quote=quote_b)
    assert (len(only_incidents(reconcile([a, b], docs))) == 1) is same


def test_long_assessment_keeps_a_dated_event_and_its_undated_follow_up_together():
    docs = {"a": doc("a", published=date(2016, 11, 30))}
    dated = claim("a", low=12, high=12, best=12, place="manbij", day=date(2016, 3, 3), event="airstrike")
    follow_up = claim("a", low=5, high=5, best=5, victims="civilians", place="manbij")
    [inc] = only_incidents(reconcile([dated, follow_up], docs))
    assert inc.date_start == date(2016, 3, 3)


@pytest.mark.parametrize(
    ("victims", "civilian"),
    [
        (["civilians", "people"], (4, 4)),  # a civilian figure is given: a higher unnamed one does not raise it
        (["people", "civilians"], (4, 6)),  # a lower figure of unnamed victims lowers the civilian low
        (["people", "people"], (4, 6)),  # nobody says who: taken as civilians
        (["combatants", "people"], (None, None)),  # someone counts combatants: no civilian figure
        (["combatants"], (None, None)),
    ],
)
def test_civilian_deaths(victims, civilian):
    docs = {d: doc(d) for d in "ab"}
    claims = [
        claim(d, low=n, high=n, best=n, victims=v, place="kabul", day=D)
        for d, n, v in zip("ab", (4, 6), victims, strict=False)
    ]  # one claim when one victims
    [inc] = only_incidents(reconcile(one_strike(claims), docs))
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == civilian


@pytest.mark.parametrize("victims", ["civilians", "people", None])
@pytest.mark.parametrize(
    "figures",
    [
        [(4, 4, 4, "exact"), (6, 6, 6, "exact")],
        [(12, None, 12, "at_least"), (None, 20, None, "up_to")],  # a floor and a ceiling
        [(3, 3, 3, "exact"), (5, 9, 7, "range")],
    ],
)
def test_civilian_deaths_read_from_the_deaths_are_the_ones_reckoned_apart(victims, figures) -> None:
    """Where every claim names civilians, or none says who died, the civilian deaths are the deaths:
    read from them (relabelled), never reckoned twice, with the same figures and lines."""
    from harmledger.incidents.counts import Reported, civilian_figures
    from harmledger.incidents.counts import figures as reckon

    claims = [
        claim(d, low=lo, high=hi, best=best, qualifier=q, victims=victims, place="kabul", day=D)
        for d, (lo, hi, best, q) in zip("ab", figures, strict=True)
    ]
    reported = [Reported(c, c.document_id, 2, date(2016, 7, 20)) for c in claims]
    fig, lines = civilian_figures(reported, deaths=reckon(reported, "killed"))
    apart, apart_lines = civilian_figures(reported)
    assert fig == apart and fig.low is not None
    assert [str(line) for line in lines] == [str(line) for line in apart_lines]
    assert all(str(line).startswith("civilian killed") for line in lines)


def test_nothing_in_nothing_out_and_a_repeated_claim_counts_once():
    assert reconcile([], {}) == []
    c = claim("a", low=3, high=3, best=3, place="kabul", day=D)
    [inc] = reconcile([c, c], {"a": doc("a")})
    assert inc.claim_ids == (c.id,) and inc.deaths.high == 3


def test_a_toll_since_a_distant_date_still_sits_beside_its_incident():
    docs = {"a": doc("a"), "b": doc("b")}
    strike = claim("a", low=56, qualifier="at_least", place="manbij", day=D, event="airstrike")
    since = claim(
        "a",
        best=100,
        qualifier="approximately",
        scope="cumulative",
        place="manbij",
        day=date(2016, 3, 31),
        period="since March 31st",
        event="airstrike",
    )
    elsewhere = claim(
        "b",
        best=400,
        qualifier="approximately",
        scope="cumulative",
        place="manbij",
        day=date(2016, 3, 31),
        period="since March 31st",
        event="airstrike",
    )
    out = reconcile([strike, since, elsewhere], docs)
    [inc] = only_incidents(out)
    assert all(a.related_incident_id == inc.id for a in out if a.kind == "aggregate")


def test_one_reports_claims_join_across_a_place_it_names_beside_the_event():
    # "Two displaced families from Deir ez-Zor" in a report on a Raqqa strike, 120 km away.
    docs = {"a": doc("a")}
    claims = [
        claim("a", low=6, high=9, qualifier="range", place="raqqa", day=D, event="airstrike"),
        claim("a", low=6, high=6, best=6, place="deir-ez-zor", day=D, event="airstrike"),
    ]
    [inc] = only_incidents(reconcile(claims, docs))
    assert (inc.deaths.low, inc.deaths.high) == (6, 9)


def test_two_reports_do_not_join_across_that_distance():
    docs = {d: doc(d) for d in "ab"}
    claims = [
        claim("a", low=6, high=6, best=6, place="raqqa", day=D, event="airstrike"),
        claim("b", low=6, high=6, best=6, place="deir-ez-zor", day=D, event="airstrike"),
    ]
    assert len(only_incidents(reconcile(claims, docs))) == 2


def test_one_reports_claims_with_their_own_different_dates_stay_apart():
    from datetime import timedelta

    docs = {"a": doc("a")}
    claims = [
        claim("a", low=6, high=6, best=6, place="raqqa", day=D, event="airstrike"),
        claim("a", low=3, high=3, best=3, place="deir-ez-zor", day=D - timedelta(days=3), event="airstrike"),
    ]
    assert len(only_incidents(reconcile(claims, docs))) == 2


def test_a_verified_figure_is_best_among_equally_reliable_sources():
    from dataclasses import replace

    docs = {d: doc(d) for d in "ab"}
    verified = claim("a", low=11, high=11, best=11, place="kabul", day=D, source="UNAMA", source_kind="ngo")
    reported = claim(
        "b", low=9, high=9, best=9, place="kabul", day=D, source="Governor's office", source_kind="official"
    )
    verified = replace(verified, source=replace(verified.source, stance="confirmed"))
    [inc] = only_incidents(reconcile(one_strike([verified, reported]), docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (9, 11, 11)


def test_a_party_claiming_what_its_own_attack_did_does_not_set_the_best():
    # "the group claimed the attack, saying it killed more than 100 soldiers" beside "around 50,
    # security sources said": a boast is a high, not the best, however sure its minimum sounds.
    from dataclasses import replace

    docs = {d: doc(d) for d in "ab"}
    boast = claim("a", low=101, place="kabul", day=D, qualifier="more_than", source="JNIM", source_kind="belligerent")
    boast = replace(boast, source=replace(boast.source, stance="claimed"))
    counted = claim(
        "b", low=50, high=50, best=50, place="kabul", day=D, source="Security sources", source_kind="unnamed"
    )
    [inc] = only_incidents(reconcile(one_strike([boast, counted]), docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (50, 50, 101)


def test_a_party_claiming_what_its_own_attack_did_does_not_set_the_best_beside_a_vague_account():
    # "the army said it repelled the assault, killing dozens" beside "the group said it had killed
    # more than 100 soldiers": the only stated number is the party's own claim; the best stays
    # with the other account, the claim its high (the ledger showed 101 as the best)
    from dataclasses import replace

    docs = {d: doc(d) for d in "ab"}
    boast = claim(
        "a", low=101, place="kabul", day=D, qualifier="more_than", source="the group", source_kind="belligerent"
    )
    boast = replace(boast, source=replace(boast.source, stance="claimed"))
    vague = claim("b", low=24, high=99, place="kabul", day=D, qualifier="vague", source="army", source_kind="official")
    vague = replace(vague, count=replace(vague.count, vague=True))
    [inc] = only_incidents(reconcile(one_strike([boast, vague]), docs))
    assert inc.deaths.best is not None and inc.deaths.best < 101, inc.explanation
    assert inc.deaths.high == 101


def test_a_toll_given_as_risen_is_best_beside_an_equally_reliable_count_of_the_same_day():
    from dataclasses import replace

    from harmledger.records import TOLL_UPDATE_CUE

    docs = {d: doc(d) for d in "ab"}
    first = claim(
        "a", low=11, high=11, best=11, place="kabul", day=D, source="Governor's office", source_kind="official"
    )
    risen = claim(
        "b", low=13, high=13, best=13, place="kabul", day=D, source="Health department", source_kind="official"
    )
    first, risen = one_strike([first, risen])
    risen = replace(risen, identity=(*risen.identity, TOLL_UPDATE_CUE))  # "the death toll has risen to 13"
    [inc] = only_incidents(reconcile([first, risen], docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (11, 13, 13)


def test_a_toll_given_as_risen_the_next_day_is_best_beside_a_more_reliable_first_count():
    # police: "at least 12" on Friday; a day later a rights monitor: "the toll … has risen to 20"
    docs = {"a": doc("a", published=date(2024, 10, 4)), "b": doc("b", published=date(2024, 10, 5))}
    first = claim("a", low=12, place="kabul", day=D, qualifier="at_least", source="Police", source_kind="official")
    risen = claim("b", low=20, high=20, best=20, place="kabul", day=D, source="a rights group", source_kind="unnamed")
    first, risen = one_strike([first, risen])
    risen = replace(risen, identity=(*risen.identity, TOLL_UPDATE_CUE))
    [inc] = only_incidents(reconcile([first, risen], docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (12, 20, 20)
    # (a guard: in one day's reports, the more reliable source still sets the best)
    docs["b"] = doc("b", published=date(2024, 10, 4))
    [inc] = only_incidents(reconcile([first, risen], docs))
    assert inc.deaths.best == 12


def test_a_headlines_vague_figure_adds_nothing_beside_the_figure_its_report_states():
    docs = {"a": doc("a")}
    dozens = replace(
        claim("a", low=24, high=99, qualifier="vague", place="kabul", day=D), count=Count(24, 99, None, "vague", True)
    )  # "kills dozens" in the headline
    stated = claim("a", low=43, high=43, best=43, place="kabul", day=D)
    [inc] = only_incidents(reconcile([dozens, stated], docs))
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (43, 43, 43)


def test_civilian_deaths_are_never_above_total_deaths():
    # one source counts 98 civilians, a more trusted one puts everyone killed at 24
    docs = {"a": doc("a"), "b": doc("b")}
    civilians = claim("a", low=98, high=98, best=98, victims="civilians", place="kabul", day=D)
    total = claim("b", low=24, high=24, best=24, victims="people", place="kabul", day=D, source="UN", source_kind="ngo")
    [inc] = only_incidents(reconcile(one_strike([civilians, total]), docs))
    assert inc.civilian_deaths.best is not None and inc.deaths.best is not None
    assert inc.civilian_deaths.best <= inc.deaths.best
    assert inc.civilian_deaths.high <= inc.deaths.high


def test_people_named_one_by_one_never_set_the_low_beside_a_stated_figure():
    # an assessment names one victim; a monitor says 16 were killed
    docs = {"a": doc("a")}
    named = replace(
        claim("a", low=1, high=1, best=1, victims="civilians", place="kabul", day=D), count=Count(1, 1, 1, "named")
    )
    stated = claim(
        "a",
        low=16,
        high=16,
        best=16,
        victims="civilians",
        place="kabul",
        day=D,
        source="Civil Defence",
        source_kind="official",
    )
    [inc] = only_incidents(reconcile([named, stated], docs))
    assert (inc.civilian_deaths.low, inc.civilian_deaths.best) == (16, 16)


def test_people_named_one_by_one_are_at_least_that_many():
    docs = {"a": doc("a")}
    named = [
        replace(claim("a", low=1, high=1, best=1, place="kabul", day=D), count=Count(1, 1, 1, "named"), joint=n > 0)
        for n in range(3)
    ]
    [inc] = only_incidents(reconcile(named, docs))
    assert inc.deaths.low == 3 and inc.deaths.best == 3


def test_injured_civilians_do_not_stop_the_unnamed_dead_counting_as_civilians():
    docs = {"a": doc("a")}
    dead = claim("a", low=2, high=2, best=2, victims="people", place="kabul", day=D)
    hurt = claim("a", "injured", low=5, high=5, best=5, victims="civilians", place="kabul", day=D)
    [inc] = only_incidents(reconcile([dead, hurt], docs))
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == (2, 2)


def _reconciled_text(text: str) -> Incident:
    from harmledger.extract import extract_claims
    from harmledger.records import Document, sha256_hex

    d = Document(id=sha256_hex(text), original=text.encode(), text=text, origin="test", genre="news")  # type: ignore[arg-type]
    [inc] = only_incidents(reconcile(extract_claims(d), {d.id: d}))
    return inc


@pytest.mark.parametrize(
    ("text", "civilian"),
    [
        # a civilian figure that adds to an unspecified one in its sentence makes it civilian too
        ("Sami Haddad was killed along with his three children when the house in Tamra was hit.", (4, 4)),
        ("His wife and five children were killed in the strike on the house in Tamra.", (6, 6)),
    ],
)
def test_the_dead_a_civilian_figure_adds_to_are_civilians(text: str, civilian: tuple[int, int]) -> None:
    inc = _reconciled_text(text)
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == civilian


def test_beside_combatants_the_dead_named_with_children_stay_unspecified() -> None:
    inc = _reconciled_text(
        "A militia commander was killed along with his two sons when the house in Tamra "
        "was hit. Two fighters also died."
    )
    # "also" adds the two fighters to the three dead before them
    assert inc.civilian_deaths.low is None and inc.deaths.high == 5


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # the lead's range or minimum is the writer's summary: later figures inside it do not raise low
        (
            "Between 9 and 12 people were killed when a shell hit the market in Tamra. "
            "Local medics later said 12 had died.",
            (9, 12, 12),
        ),
        # also when the lead is hedged, beside an outright figure from a source it cites
        (
            "At least 7 people were reportedly killed in the strike on the house in Tamra. "
            "A local radio station reported that more than 7 people were killed.",
            (7, 8, 8),
        ),
        # an early and a later point figure: no summary range, the later figure is the low
        ("Medics first counted 9 dead in the market in Tamra, and later said 12 had died.", (12, 12, 12)),
    ],
)
def test_a_lead_range_or_minimum_sets_the_documents_low(text: str, deaths: tuple[int, int, int]) -> None:
    inc = _reconciled_text(text)
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == deaths


def test_hedged_civilian_deaths_count_when_no_civilian_death_is_stated_outright() -> None:
    inc = _reconciled_text(
        "One woman and three children were reportedly killed in the strike on the house "
        "in Tamra. Two people died there, a neighbour said."
    )
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == (4, 4)


@pytest.mark.parametrize(
    ("text", "civilian"),
    [
        # the lead figure of a report whose dead are civilians (and never combatants) counts them
        (
            "Between 11 and 14 people were killed when a bomb hit the Tamimi home in Tamra. "
            "Relatives named six children among the dead civilians.",
            (11, 14),
        ),
        # beside combatants the lead stays unspecified, and civilians come from civilian figures
        (
            "Between 11 and 14 people were killed when a bomb hit the base in Tamra. "
            "Two soldiers and three civilians were killed.",
            (3, 3),
        ),
    ],
)
def test_a_lead_figure_counts_civilians_when_the_report_names_no_combatants(text: str, civilian: tuple) -> None:
    inc = _reconciled_text(text)
    assert (inc.civilian_deaths.low, inc.civilian_deaths.high) == civilian


def _report(text: str, kinds: tuple[str, ...] = ("incident",)) -> list[Incident]:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    return [
        i
        for i in analyse([make_document(text, "report.txt", published=date(2026, 10, 2))]).incidents
        if i.kind in kinds
    ]


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # a new event told in the writer's voice: an indefinite event noun before its figure
        (
            "A drone strike on people queuing for water in Jabalia killed five on Saturday, and an air strike on "
            "a tent in Nuseirat killed four.",
            [4, 5],
        ),
        # another family in another town
        (
            "An air strike on the Hamdan family home in Jabalia killed 22 people on Saturday. In Gaza City, nine "
            "members of the Ajour family were killed in Sheikh Radwan.",
            [9, 22],
        ),
        # a sentence opening on another day
        (
            "On Tuesday, soldiers killed 11 fighters near Omdurman, the army said. On Wednesday, shells fell on a "
            "hospital in Omdurman, killing seven.",
            [7, 11],
        ),
        # guards: the same strike's neighbours, a strike retold by a source, one named in passing
        (
            "An air strike on the Daher family home in Jabalia killed 7 people on Saturday. Four members of the "
            "Nasser family living next door in Jabalia were also killed.",
            [11],  # one incident: the neighbours were "also killed"
        ),
        (
            "An air strike killed 12 people in Jabalia on Monday, medics said. The ministry later reported that "
            "an Israeli air strike on the camp had killed 14.",
            [14],
        ),
    ],
    ids=["indefinite event", "other family and town", "other day", "neighbours", "retold"],
)
def test_a_reports_events_are_told_apart_by_how_it_tells_them(text: str, deaths: list[int]) -> None:
    assert sorted(i.deaths.best for i in _report(text)) == deaths


def test_a_headline_passing_on_one_sides_figure_is_no_rival_count_of_the_battle() -> None:
    # the headline's two soldiers are the spokesman's, whose account the rebels' dead complete
    [inc] = _report(
        "Two soldiers killed in highland shootout\n\nTwo soldiers were shot dead in a firefight with rebel "
        "fighters in Sugapa on Sunday, a military spokesman said. The rebels said three of their fighters also "
        "died in the clash."
    )
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (5, 5, 5)


def test_the_killing_that_set_off_fighting_is_an_event_of_its_own_not_a_count_of_the_fighting() -> None:
    incidents = _report(
        "Clashes in Misrata after militia leader killed\n\nHeavy fighting broke out in Misrata overnight after "
        "the leader of a powerful armed group was killed at a meeting. The health ministry said six people were "
        "killed in the fighting and 20 were wounded."
    )
    deaths = sorted((i.deaths.low, i.deaths.best, i.deaths.high) for i in incidents)
    assert deaths == [(1, 1, 1), (6, 6, 6)]


def test_a_share_of_a_toll_told_by_other_voices_is_part_of_that_toll_not_its_minimum() -> None:
    """Residents who say some of the dead were farmers speak of the army's toll: one incident of
    nine, whose low is not the share."""
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    day = date(2026, 10, 4)
    army = "Nine gunmen were killed in an army raid on a camp near Tala village on Saturday, the army said."
    residents = (
        "Residents of Tala village said at least two of the nine people killed in Saturday's raid "
        "were herders who had no part in the fighting."
    )
    docs = [make_document(t, f"{n}.txt", published=day) for n, t in enumerate((army, residents))]
    [inc] = [i for i in analyse(docs).incidents if i.kind == "incident"]
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (9, 9, 9)
    assert inc.n_sources == 2


def test_a_roundups_families_do_not_join_its_next_event_to_another_report() -> None:
    """The family a roundup names for one strike is no cue of the strike it tells next."""
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    day = date(2026, 10, 4)
    alone = "An air strike on the Hamdan family home in Jabalia killed 22 people on Saturday, medics said."
    roundup = (
        "The deadliest strike hit the Hamdan family home in Jabalia, where 22 died on Saturday. "
        "An air strike on a tent in Jabalia killed four people the same day, medics said."
    )
    docs = [make_document(t, f"{n}.txt", published=day) for n, t in enumerate((alone, roundup))]
    incidents = [i for i in analyse(docs).incidents if i.kind == "incident"]
    assert sorted((i.deaths.best, i.n_sources) for i in incidents) == [(4, 1), (22, 2)]


def test_a_roundups_events_told_on_days_of_their_own_are_incidents_of_their_own() -> None:
    incidents = _report(
        "Weekly security update for the province. "
        "On 21 September, gunmen killed four farmers near Muidumbe. "
        "On 24 September, soldiers killed nine insurgents in a clash near Muidumbe."
    )
    assert sorted(i.deaths.best for i in incidents) == [4, 9]


def test_an_earlier_day_told_in_a_figures_own_sentence_is_an_earlier_event() -> None:
    # the police operation is Sunday's (told the sentence before); the gang's killings, Friday's
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "A police operation in Solino on Sunday repelled an attack by a gang coalition. A police spokesman "
        "said three gang members were killed. Residents said the gang had killed five people there on Friday evening."
    )
    monday = date(2026, 10, 5)
    incidents = analyse([make_document(text, "report.txt", published=monday)]).incidents
    assert sorted(i.deaths.best for i in incidents if i.kind == "incident") == [3, 5]


def test_a_later_death_of_the_same_events_wounded_stays_with_it() -> None:
    # guard: the date inside the sentence is a turn of the same event, not a roundup's next event
    incidents = _report(
        "On 21 September, shelling killed four farmers near Muidumbe. "
        "A monitor later gave a toll of five, including a man who died of his wounds on 23 September."
    )
    assert [(i.deaths.low, i.deaths.high) for i in incidents] == [(4, 5)]


def test_an_earlier_attack_mentioned_in_passing_is_its_own_incident() -> None:
    incidents = _report(
        "A car bomb exploded at a checkpoint in Mogadishu on Sunday, killing eight people, police said. "
        "The blast came two days after a mortar attack on the port that wounded three soldiers. "
        "Al-Shabaab claimed responsibility for the bombing."
    )
    figures = sorted(((i.deaths.best, i.injured.best) for i in incidents), key=str)
    assert figures == [(8, None), (None, 3)]


def test_an_attack_said_to_come_days_after_another_keeps_the_others_dead_apart() -> None:
    # "came days after the drone strike … that killed four": the other strike's dead, though
    # "the" names it, are not the checkpoint attack's
    incidents = _report(
        "Two soldiers were killed on Friday when a gunman opened fire at a checkpoint north of Jenin, the "
        "army said. The attack came days after the drone strike in a nearby village that killed four men."
    )
    assert sorted(i.deaths.best or 0 for i in incidents) == [2, 4]


def test_the_attacker_the_writer_says_was_killed_adds_to_those_a_source_counts() -> None:
    # the army's two soldiers and the writer's gunman are two sides of one account: 3, not a
    # choice between the army's 2 and the writer's 1
    [incident] = _report(
        "Two soldiers were killed and eight others wounded on Friday when a gunman opened fire at a "
        "checkpoint north of Jenin, the army said. The gunman was killed by troops."
    )
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (3, 3, 3)


def test_sources_counting_one_side_each_give_the_best_of_the_larger_side() -> None:
    # the army's 12 militants and the UN's three herders are parts of the dead, not rival counts
    # of them: the best is 12 (not the more reliable source's 3), the civilians' 3
    [incident] = _report(
        "The army said the strike near the village killed 12 militants on Monday. The UN human rights office "
        "said the strike killed three herders."
    )
    assert (incident.deaths.best, incident.deaths.high) == (12, 12)
    assert (incident.civilian_deaths.low, incident.civilian_deaths.best) == (3, 3)
    assert any("no source counts every side" in line for line in incident.explanation)


def test_an_earlier_operation_a_report_dates_its_event_by_is_its_own_incident() -> None:
    incidents = _report(
        "Rebels hacked seven farmers to death near the town of Oicha on Wednesday, a local leader said, a day "
        "after the army said it had killed 12 rebel fighters in an operation in the mountains."
    )
    assert sorted(i.deaths.best for i in incidents) == [7, 12]


def test_a_figure_the_report_gives_to_a_separate_incident_is_its_own() -> None:
    incidents = _report(
        "A tank shell hit a car on the coast road on Monday, killing three people, relatives said. "
        "Their cousins are counted in a separate incident earlier that day, in which 22 civilians were killed."
    )
    assert sorted(i.deaths.best for i in incidents) == [3, 22]


def test_an_update_after_the_attack_is_the_same_incident() -> None:
    incidents = _report(
        "A car bomb exploded at a checkpoint in Mogadishu on Sunday, killing eight people, police said. "
        "Two days after the bombing, officials said 11 people had died."
    )
    assert [(i.deaths.low, i.deaths.high) for i in incidents] == [(8, 11)]


def test_the_party_that_claimed_the_attack_is_its_perpetrator_when_no_report_names_one() -> None:
    incidents = _report(
        "A car bomb exploded at a checkpoint in Mogadishu on Sunday, killing eight people, police said. "
        "Al-Shabaab claimed responsibility for the bombing."
    )
    assert [i.perpetrator for i in incidents] == ["Al-Shabaab"]


def test_a_blamed_party_that_denies_it_makes_the_incident_contested() -> None:
    [incident] = _report("A drone strike killed four people on Sunday. Officials blamed the Houthis, who denied it.")
    assert (incident.perpetrator, incident.grade) == ("Houthis", "contested")


def test_a_party_whose_name_holds_a_region_still_gives_its_report_a_perpetrator() -> None:
    """ "West Africa" inside the party's name is a region across countries: its point, far from the
    town, must not keep the claim of responsibility away from the report's own event."""
    incidents = _report(
        "Gunmen stormed an army post in Diffa, Niger, on Sunday, killing four soldiers. "
        "The Islamic State West Africa Province claimed responsibility for the attack."
    )
    assert [(i.deaths.best, i.perpetrator) for i in incidents] == [(4, "ISWAP")]


@pytest.mark.parametrize(
    "text",
    [
        # the claim's sentence names the country the attackers came from, not where they struck
        "A drone hit a fuel depot in Jizan, Saudi Arabia, on Sunday, injuring two workers. The Houthis "
        "claimed responsibility for the attack and said it answered the coalition's strikes in Yemen.",
        # the claim's sentence names another town the group struck that day
        "A rocket struck a house in Sderot, Israel, on Monday, wounding three people. Hamas claimed "
        "responsibility for the attack, its second after one on Ashkelon that morning.",
    ],
)
def test_a_claim_of_responsibility_belongs_to_the_only_incident_of_its_report(text: str) -> None:
    [incident] = _report(text)
    assert incident.perpetrator in ("Houthis", "Hamas") and incident.perpetrator in text, incident


def test_a_party_named_after_a_town_abroad_still_gives_its_report_a_perpetrator() -> None:
    """Al-Khobar is a town in Saudi Arabia and a gang in the Philippines: the party's name is no
    place of the attribution, which belongs to the report's bombing."""
    incidents = _report(
        "A bomb went off on a bus in Isulan, Philippines, on Monday, killing one passenger. "
        "Police attributed the attack to Al-Khobar."
    )
    assert [(i.deaths.best, i.perpetrator) for i in incidents] == [(1, "Al-Khobar")]


@pytest.mark.parametrize(
    ("sentence", "deaths"),
    [
        ("A drone strike on a house in Marib on Thursday killed a woman and her three children.", 4),
        ("A drone strike on a house in Marib on Thursday killed a father, his wife and their three children.", 5),
        ("Gunmen in Marib on Thursday killed a soldier, his commander said.", 1),
    ],
)
def test_victims_listed_after_one_verb_add_up(sentence: str, deaths: int) -> None:
    assert [i.deaths.best for i in _report(sentence)] == [deaths]


@pytest.mark.parametrize(
    ("sentence", "deaths"),
    [
        # figures listed before one verb share it and add up, whatever stands between them
        ("At least three civilians, six militia members, and 30 assailants were killed in the attack.", (39, 39)),
        ("Six guards, including five soldiers and one police officer, and five assailants were killed.", (11, 11)),
        ("At least two civilians and a police officer were killed in the blast.", (3, 3)),
        # "at least N … and up to M" is one range, not two groups
        ("At least four civilians, including two workers, and up to six civilians were killed.", (4, 6)),
    ],
)
def test_figures_listed_before_one_verb(sentence: str, deaths: tuple[int, int]) -> None:
    [incident] = _report(sentence)
    assert (incident.deaths.low, incident.deaths.high) == deaths


def test_a_source_counting_only_the_attackers_sets_no_low_of_the_total() -> None:
    [incident] = _report(
        "A car bomb exploded at the gate of a hotel on Thursday evening, killing at least 15 people, "
        "medical sources said. All five attackers were killed, a police spokesman said."
    )
    assert incident.deaths.low == 15


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # a person named after a count that names nobody is one of those counted ...
        (
            "An air strike on a house killed two civilians on Monday. A 12-year-old boy named Ali Hassan "
            "was also killed in the strike.",
            2,
        ),
        # ... a person named after another named person is one more
        ("An air strike on a house killed Ahmed Saleh on Monday. His brother Omar Saleh was also killed.", 2),
        # ... and so are people the text says are more
        ("An air strike on a house killed two civilians on Monday. Two more people were also killed.", 4),
    ],
)
def test_a_person_named_after_a_count_is_one_of_those_counted(text: str, dead: int) -> None:
    [incident] = _report(text)
    assert incident.deaths.best == dead, incident.explanation


def test_an_attacker_hurt_after_the_people_he_hurt_adds_to_them() -> None:
    [incident] = _report(
        "A man armed with a knife attacked shoppers at a market on Saturday. At least five people were "
        "injured before the assailant was shot and wounded by police."
    )
    assert incident.injured.best == 6


def test_dead_attackers_the_report_adds_with_also_count_in_the_total() -> None:
    [incident] = _report(
        "A suicide bomber rammed a truck into an army post on Tuesday, killing 23 soldiers, the military "
        "said. Six attackers were also killed in the gun battle that followed."
    )
    assert incident.deaths.best == 29


def test_one_person_described_by_age_is_one_death() -> None:
    [incident] = _report("Shelling killed a 62-year-old man in a village north of the city on Sunday.")
    assert incident.deaths.best == 1


@pytest.mark.parametrize(
    ("one", "other", "agree"),
    [
        ("bombing", "suicide attack", True),  # a suicide bomber's blast is a bombing
        ("bombing", "landmine/IED", True),
        ("bombing", "airstrike", True),  # bombs also fall from aircraft
        ("car bomb", "airstrike", False),
        ("suicide attack", "shooting", False),
    ],
)
def test_event_kinds_the_extractor_names_agree_by_family(one: str, other: str, agree: bool) -> None:
    from harmledger.incidents import rules

    assert rules.events_agree(rules.event_family(one), rules.event_family(other)) is agree


# Short reports of the kind a new user tried, in our own words: each must come out right end to end.
@pytest.mark.parametrize(
    ("text", "deaths", "injured"),
    [
        # a headline's "dozens" gives way to the figure the report states, whoever gave it
        (
            "Blast at cattle market kills dozens\n\nA bomb went off in a crowded cattle market in Wudil on "
            "Friday, killing 38 people and injuring 61, police said.",
            (38, 38, 38),
            (61, 61, 61),
        ),
        # the year of a dateline is never a toll
        (
            "ZAKHO, Iraq, August 14, 2021 - Artillery fire killed nine holidaymakers and wounded 23 others "
            "at a river resort on Sunday, local officials said.",
            (9, 9, 9),
            (23, 23, 23),
        ),
        # "suspected" doubts the weapon, not the deaths; the minimum stays the minimum
        (
            "Suspected gas attack kills dozens\n\nA suspected chemical attack on the town of Saraqeb killed "
            "at least 47 people on Tuesday, rescue workers said.",
            (47, 47, 47),
            (None, None, None),
        ),
    ],
)
def test_short_reports_end_to_end(text: str, deaths: tuple, injured: tuple) -> None:
    [inc] = _report(text)
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == deaths
    assert (inc.injured.low, inc.injured.best, inc.injured.high) == injured
    assert inc.civilian_deaths.best is None or inc.civilian_deaths.best <= (inc.deaths.best or 0)


def test_a_running_toll_of_the_wounded_sits_beside_the_strike_not_in_it() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "An air strike on a house in the Nuseirat camp killed 11 people overnight, the civil defence said. "
        "Around 40,000 people have been wounded in the territory, according to the health ministry."
    )
    out = analyse([make_document(text, "report.txt", published=date(2026, 10, 2))]).incidents
    [strike] = [i for i in out if i.kind == "incident"]
    assert (strike.deaths.best, strike.injured.best) == (11, None)
    assert [i.injured.best for i in out if i.kind == "aggregate"] == [40000]


@pytest.mark.parametrize(
    "opening",
    ["Separately,", "Elsewhere,", "In a separate attack,", "In another incident on Friday,"],
)
def test_a_sentence_opened_as_another_event_is_its_own_incident(opening: str) -> None:
    incidents = _report(
        "A missile hit an apartment block in the centre of Kharkiv late on Saturday, killing seven people "
        f"and injuring 24, the regional governor said. {opening} shelling of a village north of the city "
        "killed two men, the governor said."
    )
    figures = sorted((i.deaths.best, i.injured.best) for i in incidents)
    assert figures == [(2, None), (7, 24)]


@pytest.mark.parametrize(
    "answer",
    [
        "Troops later killed six militants in a follow-up operation in the same district.",
        "In a retaliatory air strike the next day, the air force killed six fighters near the border.",
    ],
)
def test_the_operation_that_answered_an_attack_is_its_own_incident_with_its_own_actor(answer: str) -> None:
    incidents = _report(
        "A suicide bomber drove a car into an army convoy near Bannu on Saturday, killing five soldiers, "
        f"officials said. The Pakistani Taliban claimed responsibility. {answer}"
    )
    by_deaths = {i.deaths.best: i for i in incidents}
    assert sorted(by_deaths) == [5, 6]
    assert by_deaths[5].perpetrator == "Tehrik-i-Taliban Pakistan"
    assert by_deaths[6].perpetrator != by_deaths[5].perpetrator  # the bomber's group did not kill its own
    assert by_deaths[6].event_type != "suicide attack"


@pytest.mark.parametrize(
    "other",
    [
        "The day before, another alleged strike on the same street killed two men.",
        "The group said the raid was in retaliation for the killing of two of its commanders.",
        "Its fighters attacked the post to avenge the deaths of two comrades.",
        "The house belonged to a man jailed in 2009 for killing two shepherds.",
        "The group said the strike was in response to a raid on its base that killed two fighters.",
        "It was the second attack in two days, after Monday's mosque bombing in the old city that killed two men.",
        "The strike came two days after gunmen killed two men in a nearby village.",
    ],
)
def test_another_strike_or_the_deaths_an_attack_avenges_are_not_the_reports_event(other: str) -> None:
    main = "A drone strike hit a house in the north of the town on Sunday, killing seven people and injuring 24, the local council said."
    assert deaths_and_injured_beside(main, other) == [(2, 0), (7, 24)]


def deaths_and_injured_beside(main: str, other: str) -> list[tuple[int, int]]:
    """(deaths, injured) of each incident of a report of ``main`` followed by ``other``."""
    return sorted((i.deaths.best or 0, i.injured.best or 0) for i in _report(f"{main} {other}"))


@pytest.mark.parametrize(
    "other",
    [
        "The day before, a guided bomb hit a hypermarket in the city, killing two people.",
        "Three days earlier, a missile struck a school in the same district, killing two people.",
        "Last week, a drone hit a bus station in the city and killed two people.",
    ],
)
def test_a_sentence_opened_on_another_day_tells_of_another_event(other: str) -> None:
    main = (
        "A missile struck an apartment block in the centre of the city on Saturday evening, killing "
        "seven people and injuring 24, the regional governor said."
    )
    assert deaths_and_injured_beside(main, other) == [(2, 0), (7, 24)]


def test_an_earlier_toll_given_on_another_day_is_the_same_events() -> None:
    [incident] = _report(
        "A missile struck an apartment block in the centre of the city on Saturday evening, killing "
        "seven people, the regional governor said on Sunday. A day earlier, officials had put the toll at five."
    )
    assert (incident.deaths.low, incident.deaths.high) == (5, 7)


def test_a_report_of_the_event_sets_best_before_one_that_mentions_it_in_passing() -> None:
    # the second report tells of a later strike and recalls this one on its way ("three days
    # earlier, the first strike on the home killed three of them"), counting fewer of its dead
    docs = {"a": doc("a", published=D), "b": doc("b", published=date(2016, 7, 25))}
    about_it = claim("a", low=8, best=8, high=8, place="manbij", day=D, identity=("family:haddad",))
    in_passing = claim("b", low=3, best=3, high=3, place="manbij", day=D, identity=("family:haddad", OTHER_EVENT_CUE))
    [incident] = only_incidents(reconcile([about_it, in_passing], docs))
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (3, 8, 8)


def test_a_roundups_towns_each_named_for_their_own_toll_are_their_own_incidents() -> None:
    incidents = _report(
        "Air strikes killed 9 civilians in Kafr Nabl, Idlib, on Sunday, rescuers said. In Khan Sheikhoun, "
        "shelling killed 2 people. In Maarat al-Numan, a barrel bomb killed 3."
    )
    assert sorted((i.place.name if i.place else "", i.deaths.best) for i in incidents) == [
        ("Kafranbel", 9),
        ("Khān Shaykhūn", 2),
        ("Ma‘arrat an Nu‘mān", 3),
    ]


def test_a_total_shared_out_among_towns_is_their_aggregate_and_each_town_an_incident() -> None:
    # the towns' figures are parts of the 14: each town's share is its incident (as monitors code
    # events by place), and the 14 sits beside them as an aggregate, never added to them
    incidents = _report(
        "At least 14 civilians were killed on Sunday in air strikes on towns in Idlib province, rescuers said. "
        "Nine of them were killed in Kafr Nabl, while three died in Maarat al-Numan and two in Khan Sheikhoun.",
        kinds=("incident", "aggregate"),
    )
    assert sorted((i.kind, i.deaths.best) for i in incidents) == [
        ("aggregate", 14),
        ("incident", 2),
        ("incident", 3),
        ("incident", 9),
    ]


def test_the_town_its_wounded_were_taken_to_is_no_second_incident_of_the_report() -> None:
    # a roundup's towns count one harm each; the wounded of the raid are counted where they lie
    [incident] = _report(
        "Gunmen killed 12 villagers in Bassa, Plateau State, Nigeria, on Sunday night, police said. "
        "Three other people were injured and taken to hospital in Jos."
    )
    assert (incident.deaths.best, incident.injured.best) == (12, 3)


def test_a_reports_headline_and_body_in_one_town_stay_one_incident() -> None:
    # a guard: the same town named twice, the toll given twice, is one event
    [incident] = _report(
        "Strikes kill 9 in Kafr Nabl\n\nAir strikes killed 9 civilians in Kafr Nabl, Idlib, on Sunday, "
        "rescuers said. Four of the dead in Kafr Nabl were children."
    )
    assert incident.deaths.best == 9


def test_the_incident_says_where_its_perpetrator_came_from() -> None:
    [incident] = _report(
        "Gunmen killed five villagers in a market on Sunday. Security sources attributed the attack to Boko Haram."
    )
    assert "perpetrator Boko Haram: no figure names one; the reports attribute it" in incident.explanation


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        # the report holds a party responsible after the figures: the incident takes it
        (
            "Gunmen killed five villagers in a market on Sunday. No group said it carried out the raid, "
            "but security sources attributed the attack to Boko Haram.",
            "Boko Haram",
        ),
        (
            "A drone strike on a fuel station killed four people on Sunday. The government blamed the Houthis.",
            "Houthis",
        ),
        # a denial in the sentence holds no one responsible
        ("A bomb killed three people at a bus stop on Sunday. The Taliban denied any role in the blast.", None),
        # ... unless the party blamed denies it: the blame stands beside its denial (graded contested)
        ("A drone strike killed four people on Sunday. Officials blamed the Houthis, who denied it.", "Houthis"),
        # the party blamed is in the blaming clause, not the next one
        (
            "An air strike killed four people on Sunday. One outlet blamed unmarked jets, while others "
            "pointed to the Saudi-led coalition.",
            None,
        ),
        # a party named only as what the claimant is linked to did not claim it
        (
            "A suicide bomber killed 23 soldiers at an army post on Tuesday. A new group believed to be "
            "linked to the Pakistani Taliban claimed responsibility.",
            None,
        ),
        # the party that did the killing in the figure's own sentence wins over a blamed one
        (
            "Israeli airstrikes killed six people in a village on Sunday. Israel blamed Hamas for the escalation.",
            "Israel",
        ),
    ],
)
def test_the_party_a_report_holds_responsible_is_the_perpetrator_when_none_is_named(
    text: str, perpetrator: str | None
) -> None:
    assert [i.perpetrator for i in _report(text)] == [perpetrator]


def test_a_place_name_that_is_a_victims_name_is_no_place() -> None:
    # "Valencia" is also a town in Colombia, 470 km away; here it is the man who was killed.
    incidents = _report(
        "Gunmen abducted Pedro Alonso Valencia from his farm in Moralia, Valle del Cauca, Colombia. "
        "Valencia, a local councillor, was shot and killed a short time later."
    )
    places = [i.place.name if i.place else None for i in incidents]
    assert places and "Valencia" not in places


def test_a_town_before_a_faith_describes_where_the_victim_was_from() -> None:
    # "Belfast Catholic" is a Catholic from Belfast, not a person named Belfast.
    incidents = _report("Loyalist gunmen say they killed Belfast Catholic.")
    assert [i.place.name if i.place else None for i in incidents] == ["Belfast"]


def test_the_names_of_the_dead_are_no_place() -> None:
    # "Adam" is also a settlement in the West Bank; here it is one of the two sons.
    [incident] = _report(
        "An air strike hit a home in Gaza City on Tuesday. Rana Saleh, her husband Karim Odeh, their two "
        "sons Adam and Yusuf, and their daughter Lina were killed, relatives said."
    )
    assert (incident.deaths.best, incident.place.name if incident.place else None) == (5, "Gaza")


def test_people_added_to_a_civilian_figure_are_civilians_too() -> None:
    # A journalist (a civilian) killed along with two relatives, in a report that counts no fighters.
    [incident] = _report(
        "An air strike hit a house in Gaza City on Monday. Lina Saleh, a journalist, was killed in the "
        "strike along with her uncle Omar Saleh and Khalil Haddad."
    )
    assert (incident.civilian_deaths.low, incident.civilian_deaths.best) == (3, 3)
