"""Corrections as decisions: an analyst sets what the machine misread; every later reconciliation keeps it."""

from __future__ import annotations

from typing import Any

import pytest

from harmledger.pipeline import rebuild_incidents
from tests.test_web_seed import add_user


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def holding(ledger: Any, claim_id: str) -> Any:
    return next(i for i in ledger.incidents(kind=None) if claim_id in i.claim_ids)


# (path template, body) for every endpoint this file adds
ENDPOINTS = [
    ("/api/claims/{chemical}/correct", {"best": 9}),
    ("/api/incidents/{ghouta}/correct", {"perpetrator": "unknown"}),
    ("/api/claims", {"document_id": "{document}", "quote": "60 civilian casualties", "best": 60}),
    ("/api/incidents/{ghouta}/reviewed", {}),
]


def fill(text: str, ids: dict[str, str]) -> str:
    return text.format(**ids)


@pytest.mark.parametrize(("path", "body"), ENDPOINTS)
def test_correction_endpoints_refuse_anonymous_and_viewers(
    client: Any, seeded: Any, path: str, body: dict[str, Any]
) -> None:
    ledger, ids = seeded
    viewer = add_user(ledger, "vic", "viewer")
    body = {k: fill(v, ids) if isinstance(v, str) else v for k, v in body.items()}
    assert client.post(fill(path, ids), json=body).status_code == 401
    assert client.post(fill(path, ids), json=body, headers=bearer(viewer)).status_code == 403
    assert ledger.decision_rows() == []


def test_a_corrected_figure_replaces_the_machines_in_the_incident_and_survives_reconciling(
    client: Any, seeded: Any
) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post(
        f"/api/claims/{ids['chemical']}/correct", json={"best": 9, "incident": ids["ghouta"]}, headers=bearer(token)
    )
    assert response.status_code == 200, response.text
    row = response.json()["row"]
    assert row["before"] == {"low": 136, "best": None, "high": 1300, "qualifier": "range"}
    assert row["after"] == {"low": None, "best": 9, "high": None, "qualifier": "exact", "incident": ids["ghouta"]}
    incident = holding(ledger, ids["chemical"])
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (9, 9, 9)
    # The machine's reading stays in the ledger; the correction is laid over it on each run.
    stored = ledger.claims(ids=[ids["chemical"]])[0]
    assert (stored.count.low, stored.count.high) == (136, 1300)
    rebuild_incidents(ledger)
    rebuild_incidents(ledger)
    assert holding(ledger, ids["chemical"]).deaths.best == 9
    entry = ledger.audit_entries(ids["chemical"])[-1]
    assert (entry["username"], entry["action"], entry["before"]["high"], entry["after"]["best"]) == (
        "ana",
        "correct_claim",
        1300,
        9,
    )
    assert ledger.verify() == []


def test_a_later_correction_wins_field_by_field(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    add_user(ledger, "ben", "analyst")
    ben = add_user(ledger, "ben2", "analyst")
    client.post(
        f"/api/claims/{ids['chemical']}/correct",
        json={"low": 10, "high": 12, "source": "Local clinic"},
        headers=bearer(token),
    )
    client.post(f"/api/claims/{ids['chemical']}/correct", json={"best": 11}, headers=bearer(ben))
    incident = holding(ledger, ids["chemical"])
    # The second figure replaces the first as a whole; the source set before stays.
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (11, 11, 11)
    from harmledger.pipeline import decisions_from_ledger

    fix = decisions_from_ledger(ledger).claim_fixes[ids["chemical"]]
    assert fix.values["source"] == "Local clinic" and fix.by["source"] == "ana" and fix.by["best"] == "ben2"


def test_an_incident_correction_sets_its_fields_and_says_who(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    body = {
        "perpetrator": "Unknown armed group",
        "date": "2013-08-21",
        "event_type": "shelling",
        "place": {"name": "Zamalka", "lat": 33.52, "lon": 36.36, "country": "sy"},
    }
    response = client.post(f"/api/incidents/{ids['ghouta']}/correct", json=body, headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.json()["row"]["before"]["perpetrator"] == "Syrian government"
    rebuild_incidents(ledger)
    incident = holding(ledger, ids["chemical"])
    assert (incident.perpetrator, incident.event_type, incident.date_start.isoformat()) == (
        "Unknown armed group",
        "shelling",
        "2013-08-21",
    )
    assert (incident.place.name, incident.place.country, incident.place.lat) == ("Zamalka", "SY", 33.52)
    assert "perpetrator set to Unknown armed group by ana" in incident.explanation


def test_an_added_claim_on_a_quote_joins_the_incident_it_was_added_to(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    body = {
        "document_id": ids["document"],
        "quote": "a likely use of sarin",
        "best": 1400,
        "qualifier": "approximately",
        "outcome": "killed",
        "victims": "civilians",
        "source": "a rescue group",
        "incident": ids["ghouta"],
    }
    response = client.post("/api/claims", json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    row = response.json()["row"]
    claim = ledger.claims(ids=[row["target"]])[0]
    assert claim.extractor == "analyst:ana" and claim.quote == "a likely use of sarin" and claim.count.best == 1400
    assert ledger.claim_status()[claim.id] == "confirmed"
    rebuild_incidents(ledger)
    assert holding(ledger, claim.id).id == holding(ledger, ids["chemical"]).id


def test_an_added_claim_from_outside_the_ledger_keeps_the_words_it_rests_on(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    body = {
        "outside": {
            "text": "The district health office told us by phone that nine people died.",
            "outlet": "phone call",
            "published": "2016-07-21",
        },
        "best": 9,
        "source": "district health office",
        "incident": ids["manbij"],
    }
    response = client.post("/api/claims", json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    claim = ledger.claims(ids=[response.json()["row"]["target"]])[0]
    note = ledger.get_document(claim.document_id)
    assert note.origin == "entered by ana" and note.outlet == "phone call"
    assert claim.quote == note.text and claim.source.name == "district health office"
    assert holding(ledger, claim.id).id == holding(ledger, ids["strike"]).id
    # Sending it again adds nothing.
    assert client.post("/api/claims", json=body, headers=bearer(token)).status_code == 400
    assert len(ledger.claims(document_id=note.id)) == 1


# (path, body, status, words the error names)
BAD = [
    ("/api/claims/{chemical}/correct", {}, 400, "nothing to correct"),
    ("/api/claims/{chemical}/correct", {"best": "nine"}, 400, "best 'nine' is not a whole number"),
    ("/api/claims/{chemical}/correct", {"low": 20, "high": 10}, 400, "low 20 is above high 10"),
    ("/api/claims/{chemical}/correct", {"outcome": "vanished"}, 400, "outcome 'vanished' is not one of"),
    ("/api/claims/{chemical}/correct", {"colour": "red"}, 400, "cannot correct colour"),
    ("/api/claims/{chemical}/correct", {"date": "yesterday"}, 400, "date 'yesterday' is not a date"),
    ("/api/claims/{chemical}/correct", {"place": {"name": "X", "lat": 100, "lon": 0}}, 400, "not on the globe"),
    ("/api/claims/0000/correct", {"best": 1}, 404, "no claim '0000'"),
    ("/api/incidents/{ghouta}/correct", {"grade": "fair"}, 400, "cannot correct grade"),
    ("/api/incidents/{ghouta}/correct", {"victims": "cats"}, 400, "victims 'cats'"),
    ("/api/claims", {"best": 1}, 400, "give document_id"),
    (
        "/api/claims",
        {"document_id": "{document}", "quote": "not in the text at all", "best": 1},
        400,
        "is not in document",
    ),
    ("/api/claims", {"document_id": "{document}", "quote": "the", "best": 1}, 400, "occurs more than once"),
    ("/api/claims", {"outside": {"text": ""}, "best": 1}, 400, "needs the source's words"),
]


@pytest.mark.parametrize(("path", "body", "status", "words"), BAD)
def test_a_bad_correction_says_what_is_wrong_and_records_nothing(
    client: Any, seeded: Any, path: str, body: dict[str, Any], status: int, words: str
) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    body = {k: fill(v, ids) if isinstance(v, str) else v for k, v in body.items()}
    before = ledger.counts()
    response = client.post(fill(path, ids), json=body, headers=bearer(token))
    assert response.status_code == status
    assert words in response.json()["error"]
    assert ledger.counts() == before


def test_the_incident_page_corrects_a_figure_and_shows_who_beside_the_machines_reading(
    client: Any, seeded: Any
) -> None:
    from tests.test_web_seed import log_in

    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    page = client.get(f"/incidents/{ids['ghouta']}").text
    assert 'value="correct_claim"' in page and 'value="correct_incident"' in page
    response = client.post(
        f"/incidents/{ids['ghouta']}/review",
        follow_redirects=False,
        data={"csrf": csrf, "action": "correct_claim", "claim": ids["chemical"], "best": "9", "low": "", "source": ""},
    )
    assert response.status_code == 303
    where = response.headers["location"].split("?")[0]
    page = client.get(where).text
    assert "corrected by ana" in page and "The machine read: figure 136–1300" in page
    assert '<dd id="deaths">9</dd>' in page
    response = client.post(
        where + "/review",
        follow_redirects=False,
        data={"csrf": csrf, "action": "correct_incident", "perpetrator": "Unknown armed group", "date": ""},
    )
    page = client.get(response.headers["location"].split("?")[0]).text
    assert 'Unknown armed group <span class="corrected">corrected by ana</span>' in page


def test_the_cli_corrects_by_short_id_and_a_reingest_and_reconcile_keep_it(tmp_path: Any) -> None:
    from click.testing import CliRunner

    from harmledger.cli import main
    from harmledger.store import Ledger

    article = tmp_path / "report.txt"
    article.write_text(
        "Shelling hits a market\n\nA shell struck the market of Tell Rifaat in Aleppo province on "
        "Monday, killing 2022 people, a rescue worker said.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "l.db")
    run = CliRunner().invoke
    assert run(main, ["ingest", str(article), "--db", db, "--published", "2024-03-05", "-q"]).exit_code == 0
    assert (
        run(
            main, ["user", "add", "ana", "--role", "analyst", "--password-stdin", "--db", db], input="a long password\n"
        ).exit_code
        == 0
    )
    ledger = Ledger(db)
    claim = next(c for c in ledger.claims() if c.count and c.count.best == 2022)
    done = run(main, ["correct", "claim", claim.id[:10], "--best", "9", "--by", "ana", "--db", db])
    assert done.exit_code == 0, done.output
    assert '"before": {"best": 2022' in done.output
    refused = run(main, ["correct", "claim", claim.id[:10], "--best", "9", "--by", "nobody", "--db", db])
    assert refused.exit_code == 2 and "not an analyst" in refused.output
    assert run(main, ["ingest", str(article), "--db", db, "-q"]).exit_code == 0
    assert run(main, ["reconcile", "--db", db]).exit_code == 0
    assert [i.deaths.best for i in ledger.incidents()] == [9]
    shown = run(main, ["show", ledger.incidents()[0].id[:8], "--db", db])
    assert shown.exit_code == 0 and "Tell Rifaat" in shown.output
    # a point with no place name would be dropped without a word: the CLI says what it needs
    pointless = run(
        main, ["correct", "incident", ledger.incidents()[0].id[:8], "--lat", "36.5", "--by", "ana", "--db", db]
    )
    assert pointless.exit_code == 2 and "--place" in pointless.output


def test_the_incident_page_adds_a_claim_from_a_source_outside_the_ledger(client: Any, seeded: Any) -> None:
    from tests.test_web_seed import log_in

    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    response = client.post(
        f"/incidents/{ids['ghouta']}/review",
        follow_redirects=False,
        data={
            "csrf": csrf,
            "action": "add_claim",
            "outside": "A field doctor told us by phone that 40 people died.",
            "url": "",
            "outlet": "phone interview",
            "best": "40",
            "outcome": "killed",
            "victims": "civilians",
            "source": "a field doctor",
        },
    )
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"].split("?")[0]).text
    assert "added by ana" in page and "A field doctor told us by phone" in page
    added = next(c for c in ledger.claims() if c.extractor == "analyst:ana")
    assert holding(ledger, added.id).id == holding(ledger, ids["chemical"]).id


def test_corrections_are_replayed_on_both_backends(ledger: Any) -> None:
    from harmledger.store.users import Users
    from harmledger.web.review import add_claim, apply_review
    from tests.test_web_seed import PASSWORD, build_seed

    ids = build_seed(ledger)
    ana = Users(ledger).add("ana", PASSWORD, "analyst")
    apply_review(ledger, ana, "correct_claim", ids["chemical"], {"values": {"best": 9}})
    apply_review(
        ledger,
        ana,
        "correct_incident",
        holding(ledger, ids["chemical"]).id,
        {"values": {"perpetrator": "Unknown armed group"}},
    )
    added = add_claim(
        ledger,
        ana,
        {
            "outside": {"text": "A nurse said 12 were killed."},
            "best": 12,
            "incident": holding(ledger, ids["strike"]).id,
        },
    )
    rebuild_incidents(ledger)
    ghouta = holding(ledger, ids["chemical"])
    assert (ghouta.deaths.best, ghouta.perpetrator) == (9, "Unknown armed group")
    assert holding(ledger, added.target).id == holding(ledger, ids["strike"]).id
    assert ledger.verify() == []


def test_the_api_shows_a_corrected_claim_with_the_machines_reading_beside_it(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    assert (
        client.post(f"/api/claims/{ids['chemical']}/correct", json={"best": 9}, headers=bearer(token)).status_code
        == 200
    )
    incident = holding(ledger, ids["chemical"])
    response = client.get(f"/api/incidents/{incident.id}")
    assert response.status_code == 200, response.text
    claim = next(c for c in response.json()["row"]["claims"] if c["id"] == ids["chemical"])
    assert claim["count"]["best"] == 9 and claim["correction"]["values"]["best"] == 9
    assert (claim["machine"]["count"]["low"], claim["machine"]["count"]["high"]) == (136, 1300)
