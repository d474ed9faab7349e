"""Debian's Chromium, driven by Playwright, through the real server on a loopback port.

Screenshots of the map and of an incident page go to ``artifacts/`` (the README's come from there).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from harmledger.store import Ledger
from tests.test_web_seed import PASSWORD, SEED_FILE, add_user, build_seed

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent.parent / "artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(ledger: Ledger) -> Iterator[str]:
    """Run the app under uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    from harmledger.web import create_app

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(ledger, secret="browser tests"), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[str, dict[str, Any], Ledger]]:
    """The server over the hand-built seed, with a viewer and an analyst."""
    ledger = Ledger(f"sqlite:///{tmp_path / 'built.db'}")
    ids = build_seed(ledger)
    add_user(ledger, "vera", "viewer")
    add_user(ledger, "ana", "analyst")
    with serving(ledger) as url:
        yield url, ids, ledger
    ledger.close()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The server over a ledger the real pipeline filled from ``samples/``."""
    from harmledger.documents import ReadOptions
    from harmledger.pipeline import ingest

    ledger = Ledger(f"sqlite:///{tmp_path_factory.mktemp('ingested') / 'seed.db'}")
    # NOTICE (the sample's licence) is no article: left out on purpose, as `make demo` does.
    report = ingest(ledger, [SEED_FILE.parent], ReadOptions(exclude=("NOTICE",)))
    assert report.errors == [], report.errors
    with serving(ledger) as url:
        yield url
    ledger.close()


def log_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#whoami")


def test_the_ingested_seed_shows_two_incidents_on_the_map_and_the_al_jazeera_quote(page: Any, ingested: str) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{ingested}/map")
    expect(page.locator("#map-status")).to_contain_text("2 incidents on the map")
    expect(page.locator("#map")).to_have_attribute("data-borders", "drawn")
    expect(page.locator("#map")).to_have_attribute("data-ready", "true")
    expect(page.locator(".leaflet-overlay-pane path").first).to_be_attached()
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    page.goto(f"{ingested}/")
    page.get_by_role("link", name=re.compile("Manbij")).first.click()
    quote = page.locator("blockquote.quote", has_text="Al-Jazeera").first
    expect(quote.locator("mark")).to_have_text(re.compile("200"))
    quote.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "incident.png"), full_page=True)


def test_map_over_the_built_seed_shows_both_incidents(page: Any, built: Any) -> None:
    from playwright.sync_api import expect

    base, _, _ = built
    page.goto(f"{base}/map")
    expect(page.locator("#map-status")).to_have_text("2 incidents on the map.")
    expect(page.locator("#map")).to_have_attribute("data-count", "2")


def test_the_aggregates_page_fits_a_laptop_screen_without_sideways_scrolling(page: Any, tmp_path: Path) -> None:
    from datetime import date

    from harmledger.records import Figures, Incident, PlaceRef

    ledger = Ledger(f"sqlite:///{tmp_path / 'wide.db'}")
    place = PlaceRef(text="Kandahar", name="Kandahar", lat=31.6, lon=65.7, country="AF", precision=1)
    ledger.replace_incidents(
        [
            Incident(
                id=f"i{n}",
                kind="incident",
                claim_ids=(),
                deaths=Figures(1234, 1234, 12345),
                place=place,
                date_start=date(2021, 5, 3),
                event_type="landmine/IED",
                perpetrator="Islamic State West Africa Province",
            )
            for n in range(3)
        ]
    )
    with serving(ledger) as base:
        page.set_viewport_size({"width": 1200, "height": 900})
        page.goto(f"{base}/aggregates")
        page.wait_for_selector("table")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    ledger.close()
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"


@pytest.mark.parametrize("path", ["/", "/incidents/{manbij}", "/documents"])
def test_a_phone_screen_shows_the_pages_without_sideways_scrolling(page: Any, built: Any, path: str) -> None:
    """At 390 px the header, the incident table and the forms were 661-797 px wide, Log out off-screen."""
    base, ids, _ = built
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, base, "ana")
    page.goto(base + path.format(**ids))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    box = page.locator("#logout").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390


def test_analyst_rejects_a_claim_sees_it_in_the_audit_log_and_logs_out(page: Any, built: Any) -> None:
    from playwright.sync_api import expect

    base, ids, ledger = built
    log_in(page, base, "ana")
    page.goto(f"{base}/incidents/{ids['manbij']}")
    card = page.locator(f"article#claim-{ids['jazeera']}")
    expect(card.locator("mark")).to_have_text("as many as 200")
    card.locator("input[name=reason]").fill("counts injured too")
    card.get_by_role("button", name="Reject").click()
    expect(page.locator(".flash")).to_have_text("Recorded: reject.")
    expect(page.locator(f"#claim-{ids['jazeera']} .status")).to_have_text("rejected")
    row = page.locator("#audit tbody tr", has_text="reject")
    expect(row).to_contain_text("ana")
    expect(row).to_contain_text('"rejected"')
    page.click("#logout")
    expect(page.locator("#login-link")).to_be_visible()
    assert ledger.claim_status() == {ids["jazeera"]: "rejected"}


def test_a_viewer_cannot_reach_review_actions(page: Any, built: Any) -> None:
    from playwright.sync_api import expect

    base, ids, ledger = built
    log_in(page, base, "vera")
    page.goto(f"{base}/incidents/{ids['manbij']}")
    expect(page.locator("#claims article")).to_have_count(2)
    expect(page.get_by_role("button", name="Reject")).to_have_count(0)
    expect(page.locator("#review")).to_have_count(0)
    csrf = page.evaluate("document.cookie")  # HttpOnly: the session is out of the page's reach
    assert "harmledger_session" not in csrf
    response = page.request.post(f"{base}/api/claims/{ids['jazeera']}/reject", data={})
    assert response.status == 403 and "'vera' is a viewer" in response.json()["error"]
    page.goto(f"{base}/admin/users")
    expect(page.locator("#error-message")).to_contain_text("this needs the admin role")
    assert ledger.decision_rows() == []


def test_hostile_text_stays_inert_in_the_browser(page: Any, hostile: Any) -> None:
    from playwright.sync_api import expect

    ledger, ids = hostile
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    with serving(ledger) as base:
        for url in ("/", f"/incidents/{ids['incident']}", f"/documents/{ids['document']}", "/map"):
            page.goto(base + url)
        page.goto(f"{base}/documents/{ids['document']}")
        expect(page.locator("#doctext")).to_contain_text('<script>alert("x")</script>')
        page.goto(f"{base}/map")
        expect(page.locator("#map-status")).to_contain_text("1 incident on the map")
        page.locator(".hl-marker").first.click()
        expect(page.locator(".leaflet-popup-content")).to_contain_text("<img src=x")
    assert dialogs == [] and errors == []
    assert page.locator("img[src=x]").count() == 0
