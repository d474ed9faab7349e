"""The analyst's day in Debian's Chromium: paste a report, correct it, find it everywhere, keep it, search, merge.

Screenshots of the review queue, a correction, a search and the timeline go to ``artifacts/``
(the README's come from there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harmledger.store import Ledger
from tests.test_browser import ARTIFACTS, log_in, serving
from tests.test_web_seed import add_user, build_seed

pytestmark = pytest.mark.browser

# Our own report (no monitor's text): a figure the machine misreads ("2022" is a year, not a toll).
REPORT = (
    "Shelling hits a wedding party near Tell Rifaat\n\n"
    "TELL RIFAAT, Syria (Reuters) - Artillery shells struck a wedding party in Tell Rifaat, in Aleppo "
    "province, on Sunday, and 2022 people were killed, a local rescue group said.\n\n"
    "Rescuers said the guests had gathered in a courtyard when the first shell landed.\n"
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, dict[str, Any], Ledger]]:
    ledger = Ledger(f"sqlite:///{tmp_path / 'analyst.db'}")
    ids = build_seed(ledger)
    add_user(ledger, "ana", "analyst")
    with serving(ledger) as url:
        yield url, ids, ledger
    ledger.close()


def test_the_analysts_loop(page: Any, served: Any, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect

    from harmledger.pipeline import ingest, rebuild_incidents

    base, _ids, ledger = served
    ARTIFACTS.mkdir(exist_ok=True)
    log_in(page, base, "ana")

    # Paste the report.
    page.click("nav >> text=Add")
    page.fill("textarea[name=text]", REPORT)
    page.fill("input[name=published]", "2024-03-04")
    page.click("#add-submit")
    expect(page.locator(".flash")).to_have_text("Recorded: add document.", timeout=60_000)  # analysed meanwhile
    expect(page.locator("h1")).to_have_text("Shelling hits a wedding party near Tell Rifaat")
    page.locator("#doc-incidents a").first.click()

    # Its incident reads 2022 deaths; correct the figure to nine.
    expect(page.locator("#deaths")).to_have_text("2022")
    card = page.locator("#claims article", has_text="2022 people")
    card.locator("details.correct summary").click()
    card.locator("input[name=best]").fill("9")
    card.locator("input[name=source]").fill("a local rescue group")
    card.screenshot(path=str(ARTIFACTS / "correction-form.png"))
    card.get_by_role("button", name="Save correction").click()
    expect(page.locator(".flash")).to_have_text("Recorded: correct claim.")
    expect(page.locator("#deaths")).to_have_text("9")
    card = page.locator("#claims article", has_text="2022 people")
    expect(card.locator(".corrected")).to_have_text("corrected by ana")
    expect(card.locator(".machine")).to_contain_text("figure 2022")
    expect(page.locator("#audit tbody tr", has_text="correct_claim")).to_contain_text("ana")
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "correction.png"))
    incident_url = page.url.split("?")[0]
    incident_id = incident_url.rsplit("/", 1)[-1]

    # The corrected figure in the list, the map data and the claims export.
    place = ledger.get_incident(incident_id).place.name
    page.goto(f"{base}/?place={place}")
    expect(page.locator("#incidents tbody tr")).to_have_count(1)
    expect(page.locator("#incidents tbody tr td.num").first).to_have_text("9")
    with page.expect_download() as download:
        page.click("#export-claims-csv")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    row = next(line for line in exported.splitlines() if "2022 people" in line)
    assert ",9,9,9," in row and "ana" in row and incident_id in row
    features = page.request.get(f"{base}/api/map?place={place}").json()["features"]
    assert [f["properties"]["deaths"] for f in features] == [9]
    page.goto(f"{base}/map?place={place}")
    expect(page.locator("#map")).to_have_attribute("data-count", "1")
    expect(page.locator("#map-legend")).to_contain_text("1000")
    expect(page.locator(".place-label")).to_have_text(place)

    # The review queue lists what nobody has reviewed yet (the corrected incident has left it).
    page.click("nav >> text=Review")
    expect(page.locator("#queue-incidents tbody tr")).to_have_count(2)
    expect(page.locator(f"#queue-incidents tr[data-incident='{incident_id}']")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)

    # Re-ingest the same report and re-reconcile: the correction is kept.
    copy = tmp_path / "again.txt"
    copy.write_text(REPORT, encoding="utf-8")
    assert ingest(ledger, [copy]).skipped == 1
    rebuild_incidents(ledger)
    page.goto(incident_url)
    expect(page.locator("#deaths")).to_have_text("9")

    # Search finds a quoted phrase, marked.
    page.fill("header form.search input[name=q]", '"wedding party"')
    page.press("header form.search input[name=q]", "Enter")
    expect(page.locator("#claim-hits li").first).to_contain_text("killed: 9")
    expect(page.locator("#claim-hits li .corrected").first).to_have_text("corrected by ana")
    expect(page.locator("#document-hits mark").first).to_have_text(re.compile("wedding party", re.I))
    page.screenshot(path=str(ARTIFACTS / "search.png"))

    # The timeline counts the corrected figure (a March 2024 column of 9 deaths).
    page.goto(f"{base}/timeline")
    expect(page.locator("#timeline g[data-month='2024-03']")).to_have_attribute("data-deaths", "9")
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)


def test_merge_from_the_review_queue_by_ticking(page: Any, served: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    base, ids, ledger = served
    log_in(page, base, "ana")
    page.click("nav >> text=Review")
    expect(page.locator("#suggestions-link")).to_have_attribute("href", "/suggestions")
    page.check(f"#queue-incidents tr[data-incident='{ids['manbij']}'] input[name=pick]")
    page.check(f"#queue-incidents tr[data-incident='{ids['ghouta']}'] input[name=pick]")
    page.click("#merge-ticked")
    expect(page.locator(".flash")).to_have_text("Recorded: merge.")
    expect(page.locator("#claims article")).to_have_count(3)
    merged = [i for i in ledger.incidents() if ids["strike"] in i.claim_ids]
    assert len(merged) == 1 and ids["chemical"] in merged[0].claim_ids


def test_uploading_files_from_the_page_reports_each_one(page: Any, served: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    base, _ids, ledger = served
    log_in(page, base, "ana")
    page.goto(f"{base}/add")
    page.set_input_files(
        "input[name=files]",
        [
            {"name": "report.txt", "mimeType": "text/plain", "buffer": REPORT.encode("utf-8")},
            {"name": "photo.txt", "mimeType": "text/plain", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8},
        ],
    )
    page.click("#add-submit")
    report = page.locator("#intake-report")
    expect(report).to_contain_text("1 document(s) added", timeout=60_000)
    expect(report.locator(".errors")).to_contain_text("photo.txt")
    expect(page.locator("#add-progress")).to_have_count(1)
    assert sum(1 for d in ledger.documents() if d.origin == "report.txt") == 1


def test_the_audit_logs_of_a_merged_incident_and_of_one_split_off_it_say_who_merged_and_split(
    page: Any,
    served: Any,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    from harmledger.web.review import incident_holding

    base, ids, ledger = served
    log_in(page, base, "ana")
    # Merged from Ghouta's page, the incident keeps Manbij's id (it holds more of the claims).
    page.goto(f"{base}/incidents/{ids['ghouta']}")
    page.fill("input[name=with]", ids["manbij"])
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.locator(".flash")).to_have_text("Recorded: merge.")
    expect(page.locator("#audit tbody tr", has_text="merge")).to_contain_text("ana")

    page.check(f"#claim-{ids['jazeera']} input[name=split]")
    page.locator("#split-form button").click()
    expect(page.locator(".flash")).to_contain_text("Recorded: split.")
    expect(page.locator("#audit tbody tr .action")).to_have_text(["merge", "split"])

    page.goto(f"{base}/incidents/{incident_holding(ledger, [ids['jazeera']])}")
    expect(page.locator("#claims article")).to_have_count(1)
    expect(page.locator("#audit tbody tr", has_text="split")).to_contain_text("ana")


def test_after_a_split_the_analyst_follows_the_link_to_the_incident_the_ticked_claims_now_form(
    page: Any,
    served: Any,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    from harmledger.web.review import incident_holding

    base, ids, ledger = served
    log_in(page, base, "ana")
    page.goto(f"{base}/incidents/{ids['manbij']}")
    page.check(f"#claim-{ids['jazeera']} input[name=split]")
    page.locator("#split-form button").click()

    flash = page.locator(".flash")
    expect(flash).to_contain_text("Recorded: split. The claims split off now form incident")
    stays = page.url.split("?")[0]
    flash.get_by_role("link").click()  # the incident Al-Jazeera's figure moved to
    expect(page.locator("#claims article")).to_have_count(1)
    expect(page.locator(f"#claim-{ids['jazeera']}")).to_be_visible()
    assert page.url.split("?")[0] == f"{base}/incidents/{incident_holding(ledger, [ids['jazeera']])}"
    # and back: the part split off names the incident the rest stayed in
    back = page.locator(".split-note")
    expect(back).to_contain_text("Split off incident")
    back.get_by_role("link").click()
    assert page.url.split("?")[0] == stays
    expect(page.locator(f"#claim-{ids['strike']}")).to_be_visible()
    expect(page.locator(".split-note")).to_contain_text("Split by ana")
