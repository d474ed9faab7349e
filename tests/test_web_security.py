"""Web security beyond test_web_auth.py: schemathesis over the API, every form's CSRF and roles, login limits.

test_web_auth.py already covers the JSON review endpoints (anonymous 401, viewer 403, CSRF with
a session), the reject/grade/note review forms and a login limited per user name. Here: the
OpenAPI schema fuzzed in-process (no 500 for anonymous, viewer or admin requests), the
remaining forms (confirm, merge, split, publication date, user administration, logout), CSRF
tokens bound to their session, and a login limit per client address across user names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmledger.store import Ledger
from harmledger.web import create_app
from tests.test_web_seed import PASSWORD, add_user, build_seed, csrf_of, log_in

# -- schemathesis: no request the schema allows makes the server fail ---------------------------


# Path parameters the fuzzer also tries with ids that exist, so writes get past "not found".
KNOWN_IDS: dict[str, list[str]] = {}


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str]]]:
    """The app over a seeded ledger, and a token per role for the fuzzer's requests."""
    ledger = Ledger(f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'ledger.db'}")
    ids = build_seed(ledger)
    tokens = {role: add_user(ledger, f"fuzz-{role}", role) for role in ("viewer", "analyst", "admin")}
    KNOWN_IDS.update(
        {
            "incident_id": [ids["manbij"], ids["ghouta"], ids["toll"]],
            "claim_id": [ids["strike"], ids["jazeera"], ids["chemical"]],
            "document_id": [ids["document"]],
            "username": ["fuzz-viewer", "fuzz-analyst"],
        }
    )
    yield create_app(ledger, secret="schemathesis"), tokens
    ledger.close()


# Examples per operation, each sent three times (anonymous, viewer, admin): about a minute in all.
EXAMPLES_PER_OPERATION = 20


def test_no_request_the_schema_allows_makes_a_server_error(fuzzed: Any) -> None:
    app, tokens = fuzzed
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15  # every API route is in the schema (test_web_api checks which)
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(), data=st.data())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def send(case: Any, data: st.DataObject) -> None:
            for name in list(case.path_parameters or {}):
                if name in KNOWN_IDS and data.draw(st.booleans(), label=f"known {name}"):
                    case.path_parameters[name] = data.draw(st.sampled_from(KNOWN_IDS[name]), label=name)
            # Each example is sent anonymously, as a viewer and as an admin (who reaches every write).
            for role in (None, "viewer", "admin"):
                headers = {"Authorization": f"Bearer {tokens[role]}"} if role else {}
                response = case.call(headers=headers)
                assert response.status_code < 500, (
                    f"{role or 'anonymous'}: {case.method} {case.formatted_path} {case.query or ''}"
                    f" {case.body!r:.200} → {response.status_code} {response.text[:300]}"
                )

        try:
            send()
        except AssertionError as exc:
            failures.append(f"{operation.label}: {exc}")
    assert failures == []


# -- every state-changing form: analyst session and CSRF token both needed ---------------------

# (name, form path with {ids}, form fields with {ids}, decision recorded when allowed)
REVIEW_FORMS = [
    ("confirm a claim", "/incidents/{manbij}/review", {"action": "confirm", "claim": "{strike}"}, "confirm"),
    ("merge incidents", "/incidents/{manbij}/review", {"action": "merge", "with": "{ghouta}"}, "merge"),
    ("split an incident", "/incidents/{manbij}/review", {"action": "split", "split": "{jazeera}"}, "split"),
    ("set a publication date", "/documents/{document}/published", {"published": "2016-07-20"}, "publish_date"),
]
# (role logged in, CSRF token sent, status)
WHO = [
    (None, False, 403),
    (None, True, 401),
    ("viewer", False, 403),
    ("viewer", True, 403),
    ("analyst", False, 403),
    ("analyst", True, 303),
]


def fill(value: str, ids: dict[str, str]) -> str:
    return value.format(**ids)


@pytest.mark.parametrize(("role", "with_csrf", "status"), WHO)
@pytest.mark.parametrize(("name", "path", "fields", "action"), REVIEW_FORMS)
def test_review_forms_need_an_analyst_and_the_csrf_token(
    client: Any,
    seeded: Any,
    name: str,
    path: str,
    fields: dict[str, str],
    action: str,
    role: str | None,
    with_csrf: bool,
    status: int,
) -> None:
    ledger, ids = seeded
    csrf = csrf_of(client.get("/login").text)  # an anonymous session has a token too
    if role:
        add_user(ledger, "someone", role)
        csrf = log_in(client, "someone")
    form = {k: fill(v, ids) for k, v in fields.items()}
    if with_csrf:
        form["csrf"] = csrf
    response = client.post(fill(path, ids), data=form, follow_redirects=False)
    assert response.status_code == status
    assert [d["action"] for d in ledger.decision_rows()] == ([action] if status == 303 else [])
    assert ledger.verify() == []


# (admin form action, fields)
ADMIN_FORMS = [
    ("add", {"username": "newbie", "password": "long enough pw", "role": "viewer"}),
    ("role", {"username": "someone", "role": "admin"}),
    ("token", {"username": "someone", "label": "script"}),
]
ADMIN_WHO = [
    (None, True, 401),
    ("analyst", True, 403),
    ("admin", False, 403),
    ("admin", True, 200),
]


@pytest.mark.parametrize(("role", "with_csrf", "status"), ADMIN_WHO)
@pytest.mark.parametrize(("action", "fields"), ADMIN_FORMS)
def test_user_administration_form_needs_an_admin_and_the_csrf_token(
    client: Any, seeded: Any, action: str, fields: dict[str, str], role: str | None, with_csrf: bool, status: int
) -> None:
    ledger, _ = seeded
    csrf = csrf_of(client.get("/login").text)
    add_user(ledger, "someone", role or "viewer")
    if role:
        csrf = log_in(client, "someone")
    before = [(u.username, u.role) for u in _users(ledger)]
    form = {"action": action, **fields, **({"csrf": csrf} if with_csrf else {})}
    response = client.post("/admin/users", data=form, follow_redirects=False)
    assert response.status_code == status
    if status != 200:
        assert [(u.username, u.role) for u in _users(ledger)] == before


def _users(ledger: Ledger) -> list[Any]:
    from harmledger.store.users import Users

    return Users(ledger).all()


def test_logout_needs_the_csrf_token(client: Any, seeded: Any) -> None:
    add_user(seeded[0], "ana", "analyst")
    csrf = log_in(client, "ana")
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403
    assert client.get("/api/me").json()["row"]["username"] == "ana"
    assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert client.get("/api/me").json()["row"] is None


def test_a_csrf_token_works_only_in_its_own_session(seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    add_user(ledger, "bob", "analyst")
    app = create_app(ledger, secret="test secret")
    with TestClient(app) as ana, TestClient(app) as bob:
        ana_csrf = log_in(ana, "ana")
        log_in(bob, "bob")
        stolen = bob.post(
            f"/incidents/{ids['ghouta']}/review",
            data={"action": "note", "text": "x", "csrf": ana_csrf},
            follow_redirects=False,
        )
        assert stolen.status_code == 403
        assert (
            bob.post(
                f"/api/incidents/{ids['ghouta']}/notes", json={"text": "x"}, headers={"X-CSRF-Token": ana_csrf}
            ).status_code
            == 403
        )
    assert ledger.decision_rows() == []


def test_a_session_cookie_does_not_survive_a_new_secret(seeded: Any) -> None:
    ledger, _ = seeded
    add_user(ledger, "ana", "analyst")
    with TestClient(create_app(ledger, secret="first secret")) as first:
        log_in(first, "ana")
        cookies = dict(first.cookies)
    with TestClient(create_app(ledger, secret="second secret"), cookies=cookies) as second:
        assert second.get("/api/me").json()["row"] is None


# -- login rate limiting per client address ------------------------------------------------------


def test_login_is_limited_per_address_across_user_names(seeded: Any) -> None:
    from harmledger.web.limits import WebSettings

    add_user(seeded[0], "ana", "analyst")
    settings = WebSettings(login_max_failures_per_address=5)
    with TestClient(create_app(seeded[0], secret="s", settings=settings)) as client:
        csrf = csrf_of(client.get("/login").text)
        for i in range(5):  # one guess each at five different accounts, from one address
            assert (
                client.post("/login", data={"username": f"user{i}", "password": "guess", "csrf": csrf}).status_code
                == 401
            )
        response = client.post("/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf})
        assert response.status_code == 429 and int(response.headers["retry-after"]) > 0
        assert client.get("/api/me").json()["row"] is None


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer ", "Basic YW5hOnB3", "bearer hl_" + "x" * 5000, "Bearer hl_' OR 1=1 --"]
)
def test_odd_authorization_headers_are_refused_or_ignored_never_a_server_error(
    client: Any, seeded: Any, header: str
) -> None:
    ledger, ids = seeded
    response = client.post(
        f"/api/incidents/{ids['ghouta']}/notes", json={"text": "x"}, headers={"Authorization": header}
    )
    assert response.status_code in (401, 403)
    assert ledger.decision_rows() == []
