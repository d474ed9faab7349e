"""Who may do what: roles and tokens on every review endpoint, CSRF on every form, login limits, cookies."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from harmledger.store.schema import api_tokens, users
from harmledger.store.users import UserError, Users
from harmledger.web.auth import LoginLimiter
from tests.test_web_seed import PASSWORD, add_user, csrf_of, log_in

# (name, path with {ids}, JSON body with {ids}, action recorded, target name, payload stored)
REVIEW_ENDPOINTS = [
    (
        "confirm",
        "/api/claims/{strike}/confirm",
        {"reason": "checked"},
        "confirm",
        "strike",
        {"reason": "checked", "incident": None},
    ),
    (
        "reject",
        "/api/claims/{jazeera}/reject",
        {"incident": "{manbij}"},
        "reject",
        "jazeera",
        {"reason": "", "incident": "{manbij}"},
    ),
    ("merge", "/api/incidents/{manbij}/merge", {"with": ["{ghouta}"]}, "merge", "manbij", {"with": ["{ghouta}"]}),
    (
        "keep_apart",
        "/api/incidents/{manbij}/keep-apart",
        {"with": "{ghouta}"},
        "keep_apart",
        "manbij",
        {"with": "{ghouta}", "groups": [["{strike}", "{jazeera}"], ["{chemical}"]]},
    ),
    (
        "split",
        "/api/incidents/{manbij}/split",
        {"groups": [["{strike}"], ["{jazeera}"]]},
        "split",
        "manbij",
        {"groups": [["{strike}"], ["{jazeera}"]]},
    ),
    ("grade", "/api/incidents/{ghouta}/grade", {"grade": "contested"}, "grade", "ghouta", {"grade": "contested"}),
    (
        "note",
        "/api/incidents/{ghouta}/notes",
        {"text": "two reports, one source"},
        "note",
        "ghouta",
        {"text": "two reports, one source"},
    ),
    (
        "publish_date",
        "/api/documents/{document}/published",
        {"published": "2016-07-20"},
        "publish_date",
        "document",
        {"published": "2016-07-20"},
    ),
]
ADMIN_ENDPOINTS = [
    ("/api/users", {"username": "newbie", "password": "long enough pw", "role": "viewer"}),
    ("/api/users/viewer/tokens", {"label": "script"}),
]
# (endpoint, body with a mistake, status, words of the error)
INVALID_REVIEWS = [
    ("/api/incidents/{ghouta}/grade", {"grade": "certain"}, 400, "grade 'certain' is not one of"),
    ("/api/incidents/{manbij}/split", {"groups": [["{strike}"], ["{chemical}"]]}, 400, "is not part of incident"),
    ("/api/incidents/{manbij}/split", {"groups": [["{strike}"], ["{strike}"]]}, 400, "in more than one group"),
    ("/api/incidents/{manbij}/merge", {"with": ["{manbij}"]}, 400, "cannot be merged with itself"),
    ("/api/incidents/{manbij}/merge", {"with": ["feedfacefeedface"]}, 404, "no incident 'feedfacefeedface'"),
    ("/api/incidents/{manbij}/keep-apart", {"with": "{manbij}"}, 400, "keep_apart needs the id of the other"),
    ("/api/incidents/{manbij}/keep-apart", {"with": "feedfacefeedface"}, 404, "no incident 'feedfacefeedface'"),
    ("/api/documents/{document}/published", {"published": "20 July"}, 400, "published '20 July' is not a date"),
    ("/api/incidents/{ghouta}/notes", {"text": ""}, 422, "text"),
    ("/api/claims/0123456789abcdef/reject", {}, 404, "no claim '0123456789abcdef'"),
    ("/api/incidents/0123456789abcdef/grade", {"grade": "weak"}, 404, "no incident '0123456789abcdef'"),
]


def fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(("name", "path", "body", "action", "target", "payload"), REVIEW_ENDPOINTS)
def test_review_endpoint_refuses_anonymous_viewer_and_bad_tokens(
    client: Any, seeded: Any, name: str, path: str, body: dict[str, Any], action: str, target: str, payload: Any
) -> None:
    ledger, ids = seeded
    viewer = add_user(ledger, "viewer", "viewer")
    url, data = fill(path, ids), fill(body, ids)
    assert client.post(url, json=data).json() == {
        "ok": False,
        "status": 401,
        "error": "log in (or send an API token) as analyst or above to do this",
    }
    refused = client.post(url, json=data, headers=bearer(viewer))
    assert refused.status_code == 403 and "'viewer' is a viewer" in refused.json()["error"]
    assert client.post(url, json=data, headers=bearer("hl_made_up")).status_code == 401
    assert ledger.decision_rows() == [] and ledger.audit_entries(ids[target]) == []


@pytest.mark.parametrize(("name", "path", "body", "action", "target", "payload"), REVIEW_ENDPOINTS)
def test_review_endpoint_records_the_decision_and_its_audit_entry_for_an_analyst(
    client: Any, seeded: Any, name: str, path: str, body: dict[str, Any], action: str, target: str, payload: Any
) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post(fill(path, ids), json=fill(body, ids), headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.json()["row"]["action"] == action
    decision = ledger.decision_rows()[-1]
    assert (decision["action"], decision["target"], decision["username"]) == (action, ids[target], "ana")
    assert decision["payload"] == fill(payload, ids)
    entry = ledger.audit_entries(ids[target])[-1]
    assert (entry["username"], entry["action"]) == ("ana", action)
    assert ledger.verify() == []


@pytest.mark.parametrize(
    ("path", "body", "target"),
    [
        ("/api/claims/{jazeera}/reject", {"reason": "the channel retracted it", "incident": "{manbij}"}, "jazeera"),
        ("/api/claims/{strike}/correct", {"best": 58, "reason": "the final hospital count"}, "strike"),
        ("/api/incidents/{ghouta}/correct", {"perpetrator": "unknown", "reason": "no one claimed it"}, "ghouta"),
    ],
    ids=["reject", "correct claim", "correct incident"],
)
def test_an_analysts_reason_is_kept_in_the_audit_trail(
    client: Any, seeded: Any, path: str, body: dict[str, Any], target: str
) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post(fill(path, ids), json=fill(body, ids), headers=bearer(token))
    assert response.status_code == 200, response.text
    assert ledger.audit_entries(ids[target])[-1]["after"]["reason"] == body["reason"]
    assert ledger.decision_rows()[-1]["payload"]["reason"] == body["reason"]


def test_rejecting_a_rejected_claim_again_records_nothing_new(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    for _ in range(2):
        answer = client.post(f"/api/claims/{ids['jazeera']}/reject", json={}, headers=bearer(token))
        assert answer.status_code == 200
    assert [d["action"] for d in ledger.decision_rows()] == ["reject"]
    assert len(ledger.audit_entries(ids["jazeera"])) == 1
    # a reason given again is the analyst's new word: kept
    client.post(f"/api/claims/{ids['jazeera']}/reject", json={"reason": "checked twice"}, headers=bearer(token))
    assert len(ledger.decision_rows()) == 2


@pytest.mark.parametrize("path", ["/api/incidents/{manbij}/merge", "/api/incidents/{manbij}/keep-apart"])
def test_the_other_incident_may_be_named_by_the_short_id_the_pages_print(client: Any, seeded: Any, path: str) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    short = ids["ghouta"][:10]
    body = {"with": [short]} if path.endswith("merge") else {"with": short}
    response = client.post(fill(path, ids), json=body, headers=bearer(token))
    assert response.status_code == 200, response.text
    assert ledger.decision_rows()[-1]["payload"]["with"] in ([ids["ghouta"]], ids["ghouta"])


@pytest.mark.parametrize(("name", "path", "body", "action", "target", "payload"), REVIEW_ENDPOINTS)
def test_review_endpoint_with_a_session_needs_the_csrf_header(
    client: Any, seeded: Any, name: str, path: str, body: dict[str, Any], action: str, target: str, payload: Any
) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    url, data = fill(path, ids), fill(body, ids)
    assert client.post(url, json=data).status_code == 403
    assert client.post(url, json=data, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert ledger.decision_rows() == []
    assert client.post(url, json=data, headers={"X-CSRF-Token": csrf}).status_code == 200


@pytest.mark.parametrize(("path", "body", "status", "words"), INVALID_REVIEWS)
def test_invalid_review_is_refused_and_records_nothing(
    client: Any, seeded: Any, path: str, body: dict[str, Any], status: int, words: str
) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post(fill(path, ids), json=fill(body, ids), headers=bearer(token))
    assert response.status_code == status
    assert words in response.json()["error"]
    assert ledger.decision_rows() == []


def test_a_rejected_claim_stays_visible_as_rejected(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    client.post(f"/api/claims/{ids['jazeera']}/reject", json={"incident": ids["manbij"]}, headers=bearer(token))
    assert ledger.claim_status() == {ids["jazeera"]: "rejected"}
    holder = next(i for i in ledger.incidents() if ids["strike"] in i.claim_ids)
    claims = client.get(f"/api/incidents/{holder.id}").json()["row"]["claims"]
    assert {c["id"]: c["status"] for c in claims}[ids["jazeera"]] == "rejected"


@pytest.mark.parametrize(("path", "body"), ADMIN_ENDPOINTS)
def test_user_administration_needs_an_admin(client: Any, seeded: Any, path: str, body: dict[str, Any]) -> None:
    ledger, _ = seeded
    add_user(ledger, "viewer", "viewer")
    analyst, admin = add_user(ledger, "ana", "analyst"), add_user(ledger, "root", "admin")
    assert client.post(path, json=body).status_code == 401
    assert client.post(path, json=body, headers=bearer(analyst)).status_code == 403
    assert client.post(path, json=body, headers=bearer(admin)).status_code == 201


def test_an_issued_token_works_and_only_its_hash_is_stored(client: Any, seeded: Any) -> None:
    ledger, _ = seeded
    admin = add_user(ledger, "root", "admin")
    add_user(ledger, "bot", "analyst")
    token = client.post("/api/users/bot/tokens", json={"label": "cron"}, headers=bearer(admin)).json()["row"]["token"]
    assert client.get("/api/me", headers=bearer(token)).json()["row"] == {"username": "bot", "role": "analyst"}
    with ledger.engine.connect() as conn:
        stored = [r.token_hash for r in conn.execute(sa.select(api_tokens.c.token_hash))]
        hashes = [r.password_hash for r in conn.execute(sa.select(users.c.password_hash))]
    assert token not in stored and all(len(h) == 64 for h in stored)
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


@pytest.mark.parametrize(
    ("username", "password", "role", "words"),
    [
        ("ok", "short", "viewer", "at least 8 characters"),
        ("ok", PASSWORD, "owner", "role 'owner' is not one of"),
        ("no spaces", PASSWORD, "viewer", "must be 1-64 letters"),
        ("ana", PASSWORD, "viewer", "already exists"),
    ],
)
def test_users_refuse_bad_accounts(seeded: Any, username: str, password: str, role: str, words: str) -> None:
    users = Users(seeded[0])
    users.add("ana", PASSWORD, "analyst")
    with pytest.raises(UserError, match=words):
        users.add(username, password, role)


def test_login_sets_a_signed_httponly_lax_cookie_and_logout_clears_it(client: Any, seeded: Any) -> None:
    add_user(seeded[0], "ana", "analyst")
    csrf = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/api/me").json()["row"] == {"username": "ana", "role": "analyst"}
    csrf = csrf_of(client.get("/").text)
    client.post("/logout", data={"csrf": csrf})
    assert client.get("/api/me").json()["row"] is None


def test_a_signed_in_page_is_never_kept_in_the_browsers_cache(client: Any, seeded: Any) -> None:
    """After logging out, Back showed the analyst's page with its edit forms."""
    assert "cache-control" not in client.get("/").headers  # a public page may be cached
    add_user(seeded[0], "ana", "analyst")
    csrf = csrf_of(client.get("/login").text)
    client.post("/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf})
    assert client.get(f"/incidents/{seeded[1]['ghouta']}").headers["cache-control"] == "no-store"


def test_session_cookie_is_secure_over_https(seeded: Any) -> None:
    from fastapi.testclient import TestClient

    from harmledger.web import create_app

    https = TestClient(create_app(seeded[0], secret="s"), base_url="https://testserver")
    assert "Secure" in https.get("/login").headers["set-cookie"]


def test_a_tampered_session_cookie_is_ignored(client: Any, seeded: Any) -> None:
    add_user(seeded[0], "ana", "analyst")
    log_in(client, "ana")
    value = client.cookies["harmledger_session"]
    client.cookies.clear()
    client.cookies.set("harmledger_session", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert client.get("/api/me").json()["row"] is None


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"username": "ana", "password": "wrong password"}, 401),
        ({"username": "nobody", "password": PASSWORD}, 401),
        ({"username": "ana", "password": PASSWORD, "csrf": "forged"}, 403),
    ],
)
def test_login_refusals(client: Any, seeded: Any, data: dict[str, str], status: int) -> None:
    add_user(seeded[0], "ana", "analyst")
    form = {"csrf": csrf_of(client.get("/login").text), **data}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == status
    assert client.get("/api/me").json()["row"] is None


def test_login_is_rate_limited_even_for_the_right_password(client: Any, seeded: Any) -> None:
    add_user(seeded[0], "ana", "analyst")
    csrf = csrf_of(client.get("/login").text)
    for _ in range(5):
        client.post("/login", data={"username": "ana", "password": "guess", "csrf": csrf})
    response = client.post("/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf})
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0
    assert client.get("/api/me").json()["row"] is None


def test_the_limiter_forgets_failures_after_its_window(seeded: Any) -> None:
    from datetime import UTC, datetime, timedelta

    from harmledger.store.sessions import LoginFailures

    now = [datetime(2026, 1, 5, 9, 0, tzinfo=UTC)]
    limiter = LoginLimiter(LoginFailures(seeded[0], window=60, clock=lambda: now[0]), max_failures=2)
    limiter.failed("203.0.113.9", "ana")
    limiter.failed("203.0.113.9", "ana")
    assert limiter.retry_after("203.0.113.9", "ana") == 61
    now[0] += timedelta(seconds=61)
    assert limiter.retry_after("203.0.113.9", "ana") is None


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/map", "/map"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
    ],
)
def test_login_only_redirects_within_the_site(client: Any, seeded: Any, next_url: str, lands_on: str) -> None:
    add_user(seeded[0], "ana", "analyst")
    csrf = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf, "next": next_url}, follow_redirects=False
    )
    assert response.headers["location"] == lands_on


# (role, CSRF token sent, status of the review form post)
FORM_CASES = [
    (None, False, 403),
    ("viewer", False, 403),
    ("viewer", True, 403),
    ("analyst", False, 403),
    ("analyst", True, 303),
    ("admin", True, 303),
]


@pytest.mark.parametrize(("role", "with_csrf", "status"), FORM_CASES)
@pytest.mark.parametrize("action", ["reject", "grade", "note"])
def test_review_forms_need_an_analyst_session_and_the_csrf_token(
    client: Any, seeded: Any, role: str | None, with_csrf: bool, status: int, action: str
) -> None:
    ledger, ids = seeded
    csrf = csrf_of(client.get("/login").text)
    if role:
        add_user(ledger, "someone", role)
        csrf = log_in(client, "someone")
    form = {"action": action, "claim": ids["jazeera"], "grade": "contested", "text": "a note"}
    if with_csrf:
        form["csrf"] = csrf
    response = client.post(f"/incidents/{ids['manbij']}/review", data=form, follow_redirects=False)
    assert response.status_code == status
    assert len(ledger.decision_rows()) == (1 if status == 303 else 0)


def test_admin_page_needs_an_admin(client: Any, seeded: Any) -> None:
    add_user(seeded[0], "ana", "analyst")
    assert client.get("/admin/users").status_code == 401
    log_in(client, "ana")
    assert client.get("/admin/users").status_code == 403
