"""Sessions end, tokens revoke, roles change without losing the last admin, lockouts stay personal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from harmledger.cli import main
from harmledger.store.users import UserError, Users
from harmledger.web import create_app
from harmledger.web.limits import WebSettings
from tests.test_web_seed import PASSWORD, add_user, csrf_of, log_in


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- sessions ------------------------------------------------------------------------------------


def test_a_cookie_kept_from_before_logout_is_refused_after_it(seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    app = create_app(ledger, secret="s")
    with TestClient(app) as browser:
        csrf = log_in(browser, "ana")
        stolen = dict(browser.cookies)
        assert browser.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    with TestClient(app, cookies=stolen) as thief:
        assert thief.get("/api/me").json()["row"] is None
        response = thief.post(
            f"/api/incidents/{ids['ghouta']}/notes", json={"text": "planted"}, headers={"X-CSRF-Token": csrf}
        )
        assert response.status_code == 401
        assert thief.get("/admin/users").status_code == 401
    assert ledger.decision_rows() == []


def test_a_cookie_still_works_until_logout(seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    app = create_app(ledger, secret="s")
    with TestClient(app) as browser:
        csrf = log_in(browser, "ana")
        copy = dict(browser.cookies)
    with TestClient(app, cookies=copy) as other_tab:
        response = other_tab.post(
            f"/api/incidents/{ids['ghouta']}/notes", json={"text": "seen"}, headers={"X-CSRF-Token": csrf}
        )
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("idle", "absolute", "pause", "alive"),
    [
        (600, 3600, timedelta(minutes=9), True),
        (600, 3600, timedelta(minutes=11), False),  # idle too long
        (600, 900, timedelta(minutes=16), False),  # past the absolute lifetime
    ],
)
def test_sessions_end_after_their_idle_and_absolute_lifetimes(
    seeded: Any, idle: int, absolute: int, pause: timedelta, alive: bool
) -> None:
    ledger, _ = seeded
    add_user(ledger, "ana", "analyst")
    app = create_app(ledger, secret="s", settings=WebSettings(session_idle_seconds=idle, session_max_seconds=absolute))
    with TestClient(app) as browser:
        log_in(browser, "ana")
        assert browser.get("/api/me").json()["row"]["username"] == "ana"
        later = datetime.now(UTC) + pause
        app.state.sessions.clock = lambda: later
        me = browser.get("/api/me").json()["row"]
        assert (me is not None) == alive


def test_active_use_keeps_a_session_alive_only_until_its_absolute_lifetime(seeded: Any) -> None:
    ledger, _ = seeded
    add_user(ledger, "ana", "analyst")
    app = create_app(ledger, secret="s", settings=WebSettings(session_idle_seconds=600, session_max_seconds=1800))
    start = datetime.now(UTC)
    with TestClient(app) as browser:
        log_in(browser, "ana")
        for minutes in (8, 16, 24):  # a request every 8 minutes: never idle for 10
            app.state.sessions.clock = lambda m=minutes: start + timedelta(minutes=m)
            assert browser.get("/api/me").json()["row"] is not None
        app.state.sessions.clock = lambda: start + timedelta(minutes=31)
        assert browser.get("/api/me").json()["row"] is None


def test_session_lifetimes_come_from_the_environment_and_bad_values_are_named() -> None:
    settings = WebSettings.from_env({"HARMLEDGER_SESSION_IDLE_SECONDS": "900", "HARMLEDGER_MAX_BODY_BYTES": "2048"})
    assert (settings.session_idle_seconds, settings.max_body_bytes) == (900, 2048)
    from harmledger.errors import SettingsError

    with pytest.raises(SettingsError, match="HARMLEDGER_SESSION_MAX_SECONDS='a day'"):
        WebSettings.from_env({"HARMLEDGER_SESSION_MAX_SECONDS": "a day"})


# -- API tokens ------------------------------------------------------------------------------------


def test_a_revoked_token_is_refused_at_once(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    admin = add_user(ledger, "root", "admin")
    token = add_user(ledger, "bot", "analyst")
    note = f"/api/incidents/{ids['ghouta']}/notes"
    assert client.post(note, json={"text": "before"}, headers=bearer(token)).status_code == 200
    listed = client.get("/api/users/bot/tokens", headers=bearer(admin)).json()["rows"]
    assert [(t["label"], t["active"]) for t in listed] == [("tests", True)]
    assert token not in str(listed)
    revoked = client.delete(f"/api/users/bot/tokens/{listed[0]['id']}", headers=bearer(admin))
    assert revoked.status_code == 200 and revoked.json()["row"]["active"] is False
    assert client.post(note, json={"text": "after"}, headers=bearer(token)).status_code == 401
    assert [d["payload"]["text"] for d in ledger.decision_rows()] == ["before"]
    assert [e["action"] for e in ledger.audit_entries("bot")][-1] == "revoke_token"


def test_tokens_are_listed_and_revoked_from_the_cli(seeded: Any) -> None:
    ledger, _ = seeded
    token = add_user(ledger, "bot", "analyst")
    listing = CliRunner().invoke(main, ["user", "tokens", "bot", "--db", ledger.url])
    assert listing.exit_code == 0 and "tests" in listing.output and "active" in listing.output
    token_id = Users(ledger).tokens("bot")[0]["id"]
    revoked = CliRunner().invoke(main, ["user", "revoke", "bot", str(token_id), "--db", ledger.url])
    assert revoked.exit_code == 0, revoked.output
    assert Users(ledger).user_for_token(token) is None
    assert "revoked" in CliRunner().invoke(main, ["user", "tokens", "bot", "--db", ledger.url]).output
    unknown = CliRunner().invoke(main, ["user", "revoke", "bot", "999", "--db", ledger.url])
    assert unknown.exit_code == 2 and "has no token 999" in unknown.output


def test_an_admin_revokes_a_token_on_the_admin_page(client: Any, seeded: Any) -> None:
    ledger, _ = seeded
    add_user(ledger, "root", "admin")
    token = add_user(ledger, "bot", "analyst")
    csrf = log_in(client, "root")
    page = client.get("/admin/users").text
    token_id = Users(ledger).tokens("bot")[0]["id"]
    assert f'name="token" value="{token_id}"' in page
    response = client.post(
        "/admin/users", data={"csrf": csrf, "action": "revoke", "username": "bot", "token": str(token_id)}
    )
    assert response.status_code == 200 and "revoked" in response.text
    assert Users(ledger).user_for_token(token) is None


# -- roles and the last admin ------------------------------------------------------------------------


def test_user_role_changes_a_role_from_the_cli(seeded: Any) -> None:
    ledger, _ = seeded
    add_user(ledger, "ana", "viewer")
    result = CliRunner().invoke(main, ["user", "role", "ana", "analyst", "--db", ledger.url])
    assert result.exit_code == 0, result.output
    assert Users(ledger).get("ana").role == "analyst"
    assert [e["after"] for e in ledger.audit_entries("ana")][-1] == {"role": "analyst"}


def test_the_last_admin_cannot_be_demoted_or_removed(client: Any, seeded: Any) -> None:
    ledger, _ = seeded
    root = add_user(ledger, "root", "admin")
    users = Users(ledger)
    with pytest.raises(UserError, match="last admin"):
        users.set_role("root", "analyst", by="root")
    with pytest.raises(UserError, match="last admin"):
        users.remove("root", by="root")
    refused = client.post("/api/users/root/role", json={"role": "viewer"}, headers=bearer(root))
    assert refused.status_code == 409 and "last admin" in refused.json()["error"]
    cli = CliRunner().invoke(main, ["user", "role", "root", "viewer", "--db", ledger.url])
    assert cli.exit_code == 2 and "last admin" in cli.output
    assert users.get("root").role == "admin"
    # With a second admin, either may step down.
    add_user(ledger, "second", "admin")
    assert client.post("/api/users/root/role", json={"role": "analyst"}, headers=bearer(root)).status_code == 200
    with pytest.raises(UserError, match="last admin"):
        users.set_role("second", "viewer", by="second")


def test_removing_a_user_ends_their_sessions_and_tokens(seeded: Any) -> None:
    ledger, _ = seeded
    add_user(ledger, "root", "admin")
    token = add_user(ledger, "ana", "analyst")
    app = create_app(ledger, secret="s")
    with TestClient(app) as browser:
        log_in(browser, "ana")
        result = CliRunner().invoke(main, ["user", "remove", "ana", "--db", ledger.url])
        assert result.exit_code == 0, result.output
        assert browser.get("/api/me").json()["row"] is None
    assert Users(ledger).user_for_token(token) is None and Users(ledger).get("ana") is None


# -- login throttling per address and user name --------------------------------------------------------


def _login(client: TestClient, name: str, password: str) -> int:
    csrf = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"username": name, "password": password, "csrf": csrf}, follow_redirects=False
    ).status_code


def test_a_lockout_from_one_address_does_not_block_the_user_from_another(seeded: Any) -> None:
    ledger, _ = seeded
    add_user(ledger, "ana", "analyst")
    app = create_app(ledger, secret="s")
    with TestClient(app, client=("198.51.100.7", 4000)) as attacker:
        for _ in range(5):
            assert _login(attacker, "ana", "wrong guess") == 401
        assert _login(attacker, "ana", PASSWORD) == 429
    with TestClient(app, client=("203.0.113.20", 4000)) as office:
        assert _login(office, "ana", PASSWORD) == 303
        assert office.get("/api/me").json()["row"]["username"] == "ana"


def test_a_lockout_survives_a_server_restart(seeded: Any) -> None:
    ledger, _ = seeded
    add_user(ledger, "ana", "analyst")
    with TestClient(create_app(ledger, secret="s"), client=("198.51.100.7", 4000)) as before:
        for _ in range(5):
            _login(before, "ana", "wrong guess")
    with TestClient(create_app(ledger, secret="s"), client=("198.51.100.7", 4000)) as after:
        csrf = csrf_of(after.get("/login").text)
        response = after.post("/login", data={"username": "ana", "password": PASSWORD, "csrf": csrf})
        assert response.status_code == 429 and int(response.headers["retry-after"]) > 0


# -- the same store, on SQLite and PostgreSQL ----------------------------------------------------------


def test_sessions_tokens_and_lockouts_on_each_backend(ledger: Any) -> None:
    from harmledger.store.sessions import LoginFailures, Sessions

    users = Users(ledger)
    ana = users.add("ana", PASSWORD, "admin")
    now = [datetime(2026, 3, 1, 9, 0, tzinfo=UTC)]
    sessions = Sessions(ledger, idle=600, absolute=3600, clock=lambda: now[0])
    key = sessions.start(ana)
    assert sessions.user(key) == ana and sessions.user("forged") is None
    now[0] += timedelta(minutes=5)
    assert sessions.user(key) == ana
    sessions.end(key)
    assert sessions.user(key) is None and sessions.count(ana) == 0
    failures = LoginFailures(ledger, window=300, clock=lambda: now[0])
    failures.add("198.51.100.7|ana", "198.51.100.7|")
    now[0] += timedelta(minutes=6)
    failures.add("198.51.100.7|ana")
    assert len(failures.recent("198.51.100.7|ana")) == 1 and failures.recent("198.51.100.7|") == []
    token = users.issue_token("ana", "cron")
    users.revoke_token("ana", int(users.tokens("ana")[0]["id"]), by="ana")  # type: ignore[call-overload]
    assert users.user_for_token(token) is None
    with pytest.raises(UserError, match="last admin"):
        users.set_role("ana", "viewer", by="ana")
    assert ledger.verify() == []


@pytest.mark.parametrize("token_id", ["9223372036854775808", "0", "-1"])
def test_revoking_a_token_id_no_database_can_hold_is_a_client_error(token_id: str, tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from harmledger.store import Ledger
    from harmledger.store.users import UserError, Users
    from harmledger.web import create_app

    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    users = Users(ledger)
    users.add("root", "a long password", "admin")
    token = users.issue_token("root", "tests")
    with pytest.raises(UserError, match="has no token"):
        users.revoke_token("root", int(token_id), by="tests")
    with TestClient(create_app(ledger, secret="s")) as client:
        response = client.delete(f"/api/users/root/tokens/{token_id}", headers={"Authorization": f"Bearer {token}"})
    assert 400 <= response.status_code < 500
