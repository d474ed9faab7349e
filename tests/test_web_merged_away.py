"""A decision taken on an incident that an analyst has since merged away is refused, never applied
to the incident its claims went to.

One analyst merges Ghouta's incident into another while a second still has Ghouta's page open
(or a script still holds its id). Whatever the second then decides about Ghouta (its grade, a
note, a correction, one of its claims) was judged against claims that are now part of another
incident: the API answers 409 naming that incident, the page says so with a link to it, and
nothing is recorded. Viewing the old id still leads to the incident holding its claims.
"""

from __future__ import annotations

import html
from typing import Any

import pytest

from tests.test_web_seed import add_user, log_in


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def merged_away(client: Any, seeded: Any) -> dict[str, Any]:
    """The seed with Ghouta's incident merged into Manbij's by ana; a token for ana's colleague bo."""
    ledger, ids = seeded
    ana, bo = add_user(ledger, "ana", "analyst"), add_user(ledger, "bo", "analyst")
    done = client.post(f"/api/incidents/{ids['manbij']}/merge", json={"with": [ids["ghouta"]]}, headers=bearer(ana))
    assert done.status_code == 200, done.text
    assert ledger.get_incident(ids["ghouta"]) is None and ledger.get_incident(ids["manbij"]) is not None
    return {**ids, "gone": ids["ghouta"], "kept": ids["manbij"], "bo": bo}


def trail(ledger: Any) -> tuple[int, int]:
    return len(ledger.decision_rows()), len(ledger.audit_entries())


# (path, body) of every decision on an incident, made on Ghouta's id after it was merged away
ON_THE_INCIDENT = [
    ("/api/incidents/{gone}/grade", {"grade": "contested"}),
    ("/api/incidents/{gone}/notes", {"text": "Checked with the health directorate."}),
    ("/api/incidents/{gone}/correct", {"perpetrator": "Unknown"}),
    ("/api/incidents/{gone}/reviewed", {}),
    ("/api/incidents/{gone}/split", {"groups": [["{chemical}"], ["{strike}"]]}),
    ("/api/incidents/{gone}/merge", {"with": ["{toll}"]}),
    ("/api/incidents/{kept}/merge", {"with": ["{gone}"]}),
    ("/api/incidents/{gone}/keep-apart", {"with": "{kept}"}),
    ("/api/claims", {"incident": "{gone}", "outside": {"text": "A medic: 140 dead"}, "best": 140}),
    # one of its claims, reviewed on its page
    ("/api/claims/{chemical}/reject", {"incident": "{gone}", "reason": "a later toll"}),
    ("/api/claims/{chemical}/confirm", {"incident": "{gone}"}),
    ("/api/claims/{chemical}/correct", {"incident": "{gone}", "best": 1400}),
]


def filled(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [filled(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: filled(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("path", "body"), ON_THE_INCIDENT, ids=[f"{p} {sorted(b)}" for p, b in ON_THE_INCIDENT])
def test_the_api_refuses_a_decision_on_an_incident_merged_away_with_409_naming_the_one_to_review(
    client: Any, seeded: Any, merged_away: dict[str, Any], path: str, body: dict[str, Any]
) -> None:
    ledger, ids = seeded[0], merged_away
    before = trail(ledger)
    for given in (ids["gone"], ids["gone"][:10]):  # as the pages and as the CLI print it
        response = client.post(
            filled(path, ids | {"gone": given}), json=filled(body, ids | {"gone": given}), headers=bearer(ids["bo"])
        )
        assert response.status_code == 409, response.text
        error = response.json()
        assert error["ok"] is False and error["status"] == 409
        assert f"incident {given[:12]} was merged into incident {ids['kept'][:12]}" in error["error"]
        assert "nothing was recorded" in error["error"]
    assert trail(ledger) == before  # nothing recorded: no decision, no audit entry


def test_a_claim_reviewed_by_its_own_id_is_still_reviewed_wherever_its_incident_went(
    client: Any, seeded: Any, merged_away: dict[str, Any]
) -> None:
    ledger, ids = seeded[0], merged_away
    response = client.post(f"/api/claims/{ids['chemical']}/confirm", json={}, headers=bearer(ids["bo"]))
    assert response.status_code == 200 and response.json()["row"]["incident"] == ids["kept"]
    assert ledger.claim_status()[ids["chemical"]] == "confirmed"


def test_a_grade_from_a_page_left_open_says_where_the_claims_went_and_records_nothing(
    client: Any, seeded: Any, merged_away: dict[str, Any]
) -> None:
    ledger, ids = seeded[0], merged_away
    before, grade = trail(ledger), ledger.get_incident(ids["kept"]).grade
    csrf = log_in(client, "bo")
    for form in (
        {"action": "grade", "grade": "confirmed"},
        {"action": "reject", "claim": ids["chemical"], "reason": "a cumulative toll"},
        {"action": "correct_incident", "perpetrator": "Unknown"},
    ):
        page = client.post(f"/incidents/{ids['gone']}/review", data={"csrf": csrf, **form}, follow_redirects=False)
        assert page.status_code == 409, form
        message = html.unescape(page.text.split('id="error-message">', 1)[1].split("</p>", 1)[0])
        assert message == (
            f"incident {ids['gone'][:12]} was merged into incident {ids['kept'][:12]}; "
            "nothing was recorded: review that one and decide again"
        )
        assert f'<a id="now-in" href="/incidents/{ids["kept"]}">' in page.text
    assert trail(ledger) == before
    assert ledger.get_incident(ids["kept"]).grade == grade
    assert ledger.claim_status().get(ids["chemical"], "auto") == "auto"
    # viewing the old id still leads to the incident holding its claims
    seen = client.get(f"/incidents/{ids['gone']}", follow_redirects=False)
    assert seen.status_code == 303 and seen.headers["location"] == f"/incidents/{ids['kept']}?moved={ids['gone']}"


def test_an_id_never_stored_is_still_a_404(client: Any, seeded: Any, merged_away: dict[str, Any]) -> None:
    response = client.post(
        "/api/incidents/0123456789abcdef/grade", json={"grade": "weak"}, headers=bearer(merged_away["bo"])
    )
    assert response.status_code == 404 and "no incident '0123456789abcdef'" in response.json()["error"]
