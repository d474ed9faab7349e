"""The review queue (/review) and the small reading fixes: deaths sort, literal place filters, HEAD /."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from harmledger.records import Count, Figures
from tests.test_web_seed import MANBIJ, add_user, csrf_of, log_in, make_claim, seed_document


def test_the_queue_needs_an_analyst(client: Any, seeded: Any) -> None:
    ledger, _ids = seeded
    assert client.get("/review").status_code == 401
    add_user(ledger, "vic", "viewer")
    log_in(client, "vic")
    assert client.get("/review").status_code == 403


def test_the_queue_lists_unreviewed_incidents_by_deaths_and_claims_in_doubt(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    # A second report puts the Manbij dead at 300: more than twice the writer's 56.
    doc = seed_document("Local medics said 300 people were killed in the strike on Manbij.", title="Medics' count")
    other = make_claim(
        doc,
        "Local medics said 300 people were killed in the strike on Manbij.",
        "300",
        "killed",
        Count(300, 300, 300, "exact", text="300"),
        "incident",
        "Local medics",
        None,
        "airstrike",
        MANBIJ,
    )
    ledger.add_document(doc, [other])
    manbij = ledger.get_incident(ids["manbij"])
    ledger.replace_incidents(
        [
            replace(manbij, claim_ids=(*manbij.claim_ids, other.id)),
            ledger.get_incident(ids["ghouta"]),
            ledger.get_incident(ids["toll"]),
        ]
    )
    add_user(ledger, "ana", "analyst")
    log_in(client, "ana")
    page = client.get("/review").text
    # Ghouta (136 or more) before Manbij (56 or more).
    assert page.index(f'data-incident="{ids["ghouta"]}"') < page.index(f'data-incident="{ids["manbij"]}"')
    assert f'data-claim="{other.id}"' in page and "conflicts with 56" in page
    # "As many as 200 casualties" counts killed and injured together: no conflict with 56 killed.
    assert f'data-claim="{ids["jazeera"]}"' not in page
    assert 'href="/suggestions"' in page
    # "Looks right" takes an incident off the queue, with an audit entry.
    csrf = csrf_of(page)
    response = client.post(
        "/review", data={"csrf": csrf, "action": "reviewed", "incident": ids["ghouta"]}, follow_redirects=False
    )
    assert response.status_code == 303
    page = client.get("/review").text
    assert f'data-incident="{ids["ghouta"]}"' not in page and f'data-incident="{ids["manbij"]}"' in page
    assert ledger.audit_entries(ids["ghouta"])[-1]["action"] == "reviewed"


def test_a_claim_rejected_from_the_queue_is_rejected_and_the_queue_comes_back(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    log_in(client, "ana")
    csrf = csrf_of(client.get("/review").text)
    response = client.post(
        f"/incidents/{ids['manbij']}/review",
        follow_redirects=False,
        data={"csrf": csrf, "action": "reject", "claim": ids["jazeera"], "back": "/review"},
    )
    assert response.headers["location"].startswith("/review")
    assert ledger.claim_status()[ids["jazeera"]] == "rejected"


def test_ticked_incidents_are_merged_from_the_queue(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    log_in(client, "ana")
    csrf = csrf_of(client.get("/review").text)
    refused = client.post("/review", data={"csrf": csrf, "action": "merge", "pick": [ids["ghouta"]]})
    assert refused.status_code == 400 and "tick at least two" in refused.text
    response = client.post(
        "/review",
        data={"csrf": csrf, "action": "merge", "pick": [ids["manbij"], ids["ghouta"]]},
        follow_redirects=False,
    )
    assert response.status_code == 303
    merged = [i for i in ledger.incidents() if ids["strike"] in i.claim_ids]
    assert len(merged) == 1 and ids["chemical"] in merged[0].claim_ids


def test_most_deaths_first_means_the_best_figure_not_the_ceiling(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    manbij, ghouta = ledger.get_incident(ids["manbij"]), ledger.get_incident(ids["ghouta"])
    toll = ledger.get_incident(ids["toll"])
    # Manbij: 9 by the best account, though one report went as high as 5,000; Ghouta: 136.
    ledger.replace_incidents([replace(manbij, deaths=Figures(low=9, best=9, high=5000)), ghouta, toll])
    rows = client.get("/api/incidents?sort=-deaths").json()["rows"]
    assert [r["id"] for r in rows] == [ids["ghouta"], ids["manbij"]]
    assert [i.id for i in ledger.incidents(sort="-deaths")] == [ids["ghouta"], ids["manbij"]]


def test_percent_and_underscore_in_a_place_filter_match_themselves(client: Any, seeded: Any) -> None:
    assert client.get("/api/incidents?place=%25").json()["rows"] == []
    assert client.get("/api/incidents?place=_").json()["rows"] == []
    assert len(client.get("/api/incidents?place=a").json()["rows"]) == 2


def test_head_of_the_front_page_answers(client: Any, seeded: Any) -> None:
    response = client.head("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


def test_the_timeline_has_a_column_for_every_month_and_stacks_deaths_by_victims(seeded: Any) -> None:
    from harmledger.web.timeline import columns, months_between

    assert months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    cols = columns(
        [
            {"month": "2024-01", "victims": "civilians", "incidents": 2, "deaths": 10},
            {"month": "2024-01", "victims": "combatants", "incidents": 1, "deaths": 5},
            {"month": "2024-04", "victims": None, "incidents": 1, "deaths": 3},
            {"month": None, "victims": "civilians", "incidents": 4, "deaths": 40},
        ]
    )
    assert [c.key for c in cols] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert [c.deaths for c in cols] == [15, 0, 0, 3] and cols[1].segments == () and cols[1].count_y is None
    january = cols[0]
    assert [(s.victims, s.deaths) for s in january.segments] == [("civilians", 10), ("combatants", 5)]
    # Stacked: the combatants sit on top of the civilians, and the tallest column fills the chart.
    assert january.segments[1].y + january.segments[1].h == january.segments[0].y
    assert abs(sum(s.h for s in january.segments) - (260.0 - 2 * 34.0)) < 1e-6


def test_the_timeline_page_shows_the_breakdowns(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    from dataclasses import replace
    from datetime import date

    manbij = ledger.get_incident(ids["manbij"])
    ledger.replace_incidents(
        [
            replace(manbij, date_start=date(2016, 7, 19), date_end=date(2016, 7, 19)),
            replace(ledger.get_incident(ids["ghouta"]), date_start=date(2016, 10, 2), date_end=date(2016, 10, 2)),
            ledger.get_incident(ids["toll"]),
        ]
    )
    page = client.get("/timeline").text
    assert page.count('class="bucket') == 4  # July to October, August and September empty
    assert 'id="by-country"' in page and "Syria" in page and "International Anti-ISIS Coalition" in page


def test_a_short_id_of_eight_or_more_characters_finds_its_incident(client: Any, seeded: Any) -> None:
    _ledger, ids = seeded
    full = ids["manbij"]
    assert client.get(f"/api/incidents/{full[:8]}").json()["row"]["incident"]["id"] == full
    assert client.get(f"/api/claims?incident_id={full[:10]}").json()["rows"]
    page = client.get(f"/incidents/{full[:8]}", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == f"/incidents/{full}"
    # Seven characters are too few to be sure of; an unknown prefix names itself.
    assert client.get(f"/api/incidents/{full[:7]}").status_code == 404
    assert "no incident 'ffffffff'" in client.get("/api/incidents/ffffffff").json()["error"]
