"""The server-rendered pages: what each shows, quotes with the figure marked, hostile text kept inert."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from harmledger.records import Count
from harmledger.web.present import count_text
from tests.conftest import XSS
from tests.test_web_seed import add_user, log_in

# (url with {ids}, text the page must show)
PAGES = [
    ("/", "Manbij"),
    ("/", "Ghouta"),
    ("/?sort=place&grade=weak", "Ghouta"),
    ("/?kind=aggregate", "Cumulative tolls"),
    ("/incidents?sort=place&grade=weak", "Ghouta"),  # where a user guesses the list is: it, at /
    ("/map", 'data-incidents="/api/map?format=compact"'),  # the compact form: a third of the bytes
    ("/map?country=SY", 'data-incidents="/api/map?country=SY&amp;format=compact"'),
    ("/timeline", "have no resolved date"),
    ("/aggregates", "Syria"),
    ("/aggregates", "chemical attack"),
    ("/incidents/{manbij}", "International Anti-ISIS Coalition"),
    ("/incidents/{manbij}", "56–200"),
    ("/incidents/{manbij}", "Cumulative tolls reported beside it"),
    ("/documents", "Seed Weekly"),
    ("/documents/{document}", "northeast of Aleppo"),
    ("/login", "User name"),
    ("/api/docs", "/api/incidents/{incident_id}"),
]
# (url, status, words on the error page)
PAGE_ERRORS = [
    ("/incidents/nope", 404, "no incident &#39;nope&#39;"),
    ("/documents/nope", 404, "no document &#39;nope&#39;"),
    ("/?date_from=someday", 400, "date_from &#39;someday&#39; is not a date"),
    ("/?sort=size", 400, "sort &#39;size&#39;"),
    # a page past SQLite's integers was a 500
    ("/?page=999999999999999999", 422, "page"),
    ("/documents?page=999999999999999999", 422, "page"),
]


def marks(html: str) -> list[str]:
    return re.findall(r"<mark[^>]*>(.*?)</mark>", html)


@pytest.mark.parametrize(("url", "text"), PAGES)
def test_page_shows(client: Any, seeded: Any, url: str, text: str) -> None:
    response = client.get(url.format(**seeded[1]))
    assert response.status_code == 200
    assert text in response.text


@pytest.mark.parametrize(("url", "status", "words"), PAGE_ERRORS)
def test_page_errors_are_pages_that_say_what_is_wrong(client: Any, url: str, status: int, words: str) -> None:
    response = client.get(url)
    assert response.status_code == status and response.headers["content-type"].startswith("text/html")
    assert words in response.text


def test_incident_page_quotes_each_sentence_with_its_figure_marked(client: Any, seeded: Any) -> None:
    ids = seeded[1]
    html = client.get(f"/incidents/{ids['manbij']}").text
    assert 'Al-Jazeera reported <mark title="casualties: as many as 200">as many as 200</mark> casualties' in html
    assert marks(html) == ["at least 56", "as many as 200", "over 125", "60"]
    assert f'href="/documents/{ids["document"]}#claim-{ids["jazeera"]}"' in html
    assert "source: Al-Jazeera" in html and "scope: cumulative" in html


def test_document_page_shows_the_whole_text_with_every_claim_marked(client: Any, seeded: Any) -> None:
    ids = seeded[1]
    html = client.get(f"/documents/{ids['document']}").text
    assert marks(html) == ["at least 56", "over 125", "as many as 200", "60", "between 136 to 1300"]
    assert f'id="claim-{ids["jazeera"]}"' in html
    assert "Can you believe it? The Americans are actually winning" in html


@pytest.mark.parametrize(
    ("role", "sees_review"), [(None, False), ("viewer", False), ("analyst", True), ("admin", True)]
)
def test_only_analysts_see_review_forms(client: Any, seeded: Any, role: str | None, sees_review: bool) -> None:
    ledger, ids = seeded
    if role:
        add_user(ledger, "someone", role)
        log_in(client, "someone")
    html = client.get(f"/incidents/{ids['manbij']}").text
    assert ('value="reject"' in html) is sees_review
    assert ('id="review"' in html) is sees_review


def test_rejecting_on_the_incident_page_shows_in_its_audit_log(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    page = client.post(
        f"/incidents/{ids['manbij']}/review",
        data={"csrf": csrf, "action": "reject", "claim": ids["jazeera"], "reason": "double count"},
    )
    assert page.status_code == 200 and "Recorded: reject." in page.text
    audit = page.text.split('id="audit"', 1)[1]
    assert "ana" in audit and ">reject<" in audit and "rejected" in audit
    assert "badge-rejected" in page.text


def test_hostile_text_is_escaped_on_every_page(hostile: Any) -> None:
    from fastapi.testclient import TestClient

    from harmledger.web import create_app

    ledger, ids = hostile
    add_user(ledger, "ana", "analyst")
    client = TestClient(create_app(ledger, secret="s"))
    csrf = log_in(client, "ana")
    client.post(f"/incidents/{ids['incident']}/review", data={"csrf": csrf, "action": "note", "text": XSS})
    for url in (
        "/",
        f"/incidents/{ids['incident']}",
        f"/documents/{ids['document']}",
        "/documents",
        "/aggregates",
        "/?kind=aggregate",
        "/timeline",
    ):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html, url
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in client.get(f"/incidents/{ids['incident']}").text


def test_pages_forbid_inline_scripts_and_framing(client: Any) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in client.get("/map").text.replace("</script>", "").replace("<script src=", "")


def test_split_form_moves_the_ticked_claims_into_their_own_group(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    client.post(f"/incidents/{ids['manbij']}/review", data={"csrf": csrf, "action": "split", "split": [ids["jazeera"]]})
    decision = ledger.decision_rows()[-1]
    assert (decision["action"], decision["target"]) == ("split", ids["manbij"])
    assert decision["payload"] == {"groups": [[ids["jazeera"]], [ids["strike"]]]}


def test_merge_form_takes_ids_separated_by_commas_or_spaces(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    client.post(
        f"/incidents/{ids['manbij']}/review", data={"csrf": csrf, "action": "merge", "with": f" {ids['ghouta']}, "}
    )
    assert ledger.decision_rows()[-1]["payload"] == {"with": [ids["ghouta"]]}


def test_publication_date_form_on_the_document_page(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    page = client.post(f"/documents/{ids['document']}/published", data={"csrf": csrf, "published": "2016-07-20"})
    assert "Recorded: publish date." in page.text
    assert '"2016-07-20"' in html.unescape(page.text.split("Audit log", 1)[1])
    assert ledger.decision_rows()[-1]["payload"] == {"published": "2016-07-20"}


def test_admin_page_adds_a_user_and_shows_a_new_token_once(client: Any, seeded: Any) -> None:
    ledger, _ = seeded
    add_user(ledger, "root", "admin")
    csrf = log_in(client, "root")
    client.post(
        "/admin/users",
        data={"csrf": csrf, "action": "add", "username": "vera", "password": "long password", "role": "viewer"},
    )
    page = client.post("/admin/users", data={"csrf": csrf, "action": "token", "username": "vera", "label": "cron"})
    token = re.search(r'id="new-token">([^<]+)<', page.text).group(1)  # type: ignore[union-attr]
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["row"]["username"] == "vera"
    assert token not in client.get("/admin/users").text
    refused = client.post(
        "/admin/users",
        data={"csrf": csrf, "action": "add", "username": "vera", "password": "long password", "role": "viewer"},
    )
    assert refused.status_code == 400 and "already exists" in refused.text


# A claim's figure is shown as its source put it, qualifier and all.
SHOWN_FIGURES = [
    (Count(201, None, 201, "more_than", False, "more than 200"), ">200"),
    (Count(56, None, 56, "at_least", False, "at least 56"), "≥56"),
    (Count(None, 200, None, "up_to", False, "as many as 200"), "≤200"),
    (Count(2, 4, None, "up_to", False, "up to four"), "2–4"),  # "…, including two sisters"
    (Count(36, 44, 40, "approximately", False, "some 40"), "~40"),
    (Count(136, 1300, 136, "range", False, "between 136 to 1300"), "136–1300 (best 136)"),
    (Count(24, 99, 24, "vague", True, "dozens"), "dozens (24–99)"),
    (Count(3, 3, 3, "exact", False, "three"), "3"),
]


@pytest.mark.parametrize(("count", "shown"), SHOWN_FIGURES, ids=[c.text for c, _ in SHOWN_FIGURES])
def test_a_claims_figure_keeps_its_qualifier(count: Count, shown: str) -> None:
    assert count_text(count) == shown


def test_a_country_wide_aggregates_heading_names_the_country_once(tmp_path: Any) -> None:
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from harmledger.records import Figures, Incident, PlaceRef
    from harmledger.store import Ledger
    from harmledger.web import create_app

    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    syria = PlaceRef(text="Syria", name="Syria", lat=35.0, lon=38.0, country="SY", precision=6)
    toll = Incident(id="toll", kind="aggregate", claim_ids=(), deaths=Figures(31, 31, 31), place=syria)
    town = replace(
        toll,
        id="town",
        kind="incident",
        place=replace(syria, text="Manbij", name="Manbij", precision=1),
        event_type="landmine/IED",
    )
    ledger.replace_incidents([toll, town])
    with TestClient(create_app(ledger, secret="test secret")) as client:
        headings = {i: re.search(r"<h1>(.*?)</h1>", client.get(f"/incidents/{i}").text, re.S) for i in ("toll", "town")}
    ledger.close()
    assert headings["toll"] is not None and headings["town"] is not None
    assert "in Syria" in headings["toll"].group(1) and "Syria, Syria" not in headings["toll"].group(1)
    assert "aggregate, never added to incidents" in headings["toll"].group(1)
    assert "Syria <small>" in headings["toll"].group(1)  # a space between the heading and its note
    assert "in Manbij, Syria" in headings["town"].group(1)
    assert headings["town"].group(1).startswith("Landmine/IED in")  # the type keeps its capitals


def test_a_list_names_a_country_wide_incidents_country_once(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from harmledger.records import Figures, Incident, PlaceRef
    from harmledger.store import Ledger
    from harmledger.web import create_app

    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    niger = PlaceRef(text="Niger", name="Niger", lat=17.0, lon=9.0, country="NE", precision=6)
    ledger.replace_incidents([Incident(id="wide", kind="incident", claim_ids=(), deaths=Figures(9, 9, 9), place=niger)])
    with TestClient(create_app(ledger, secret="test secret")) as client:
        listing = client.get("/").text
    ledger.close()
    assert "Niger</a>" in listing and "Niger</a> <small>Niger</small>" not in listing


@contextmanager
def one_report_ingested(tmp_path: Any, text: str) -> Iterator[tuple[Any, Any]]:
    """A ledger holding one ingested report, and the web app over it."""
    from harmledger.pipeline import ingest
    from harmledger.store import Ledger
    from harmledger.web import create_app

    report = tmp_path / "report.txt"
    report.write_text(text)
    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    try:
        ingest(ledger, [report])
        yield ledger, create_app(ledger, secret="test secret")
    finally:
        ledger.close()


def only_incident_and_page(ledger: Any, app: Any) -> tuple[Any, str]:
    from fastapi.testclient import TestClient

    [incident] = [i for i in ledger.incidents() if i.kind == "incident"]
    with TestClient(app) as client:
        return incident, client.get(f"/incidents/{incident.id}").text


def test_a_report_that_nobody_was_harmed_shows_zero_deaths_and_says_why(tmp_path: Any) -> None:
    text = (
        "Rocket hits school in Ariha\n\nA rocket struck an empty primary school in Ariha, Syria, on Tuesday. "
        "No one was killed or injured, a teacher said.\n"
    )
    with one_report_ingested(tmp_path, text) as (ledger, app):
        incident, html = only_incident_and_page(ledger, app)
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (0, 0, 0)
    assert re.search(r'<dd id="deaths">\s*0\s*</dd>', html), html[:2000]
    assert "nobody harmed" in html and "negated" not in html


def test_a_report_of_wounded_alone_shows_zero_deaths_and_keeps_them_when_rederived(tmp_path: Any) -> None:
    from harmledger.pipeline import rebuild_incidents

    text = (
        "Bomb hits checkpoint in Herat\n\nA roadside bomb went off beside a police checkpoint in Herat, "
        "Afghanistan, on Monday. Four police officers were wounded, a provincial spokesman said.\n"
    )
    with one_report_ingested(tmp_path, text) as (ledger, app):
        [ingested] = [i for i in ledger.incidents() if i.kind == "incident"]
        rebuild_incidents(ledger)  # documents read back without their texts: the texts are loaded for the rule
        incident, html = only_incident_and_page(ledger, app)
    assert ingested.deaths == incident.deaths
    assert (incident.deaths.low, incident.deaths.best, incident.deaths.high) == (0, 0, 0)
    assert incident.injured.best == 4
    assert re.search(r'<dd id="deaths">\s*0\s*</dd>', html), html[:2000]
    assert "4 injured reported and no dead" in html


def test_an_untitled_documents_page_names_its_file_and_record_never_the_servers_path(client: Any, seeded: Any) -> None:
    from dataclasses import replace

    from tests.test_web_seed import seed_document

    ledger = seeded[0]
    doc = replace(
        seed_document("Gunmen killed two guards at a depot, police said."),
        title=None,
        origin="/srv/feeds/2024/batch.jsonl",
        record_id="line 7",
    )
    ledger.add_document(doc, [])
    page = client.get(f"/documents/{doc.id}").text
    assert "<h1>batch.jsonl [line 7]</h1>" in page and "/srv/feeds" not in page


def test_the_audit_trail_reads_as_the_analyst_wrote_it(client: Any, seeded: Any) -> None:
    from tests.test_web_seed import add_user

    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    note = "Vérifié — <b>deux</b> sources"
    client.post(
        f"/api/incidents/{ids['ghouta']}/notes", json={"text": note}, headers={"Authorization": f"Bearer {token}"}
    )
    page = client.get(f"/incidents/{ids['ghouta']}").text
    assert "Vérifié — &lt;b&gt;deux&lt;/b&gt; sources" in page and "\\u00e9" not in page and "<b>deux" not in page


def test_a_merged_away_incidents_page_leads_to_the_incident_holding_its_claims(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    client.post(f"/incidents/{ids['manbij']}/review", data={"csrf": csrf, "action": "merge", "with": ids["ghouta"]})
    gone = next(i for i in (ids["manbij"], ids["ghouta"]) if ledger.get_incident(i) is None)
    kept = next(i for i in (ids["manbij"], ids["ghouta"]) if i != gone)
    response = client.get(f"/incidents/{gone}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/incidents/{kept}?moved={gone}"
    page = client.get(response.headers["location"]).text
    assert f"Incident {gone[:12]} is no longer kept apart" in page
    assert client.get("/incidents/0123456789abcdef").status_code == 404  # never stored: still a 404


def test_splitting_a_merged_incident_moves_the_ticked_claims_out_and_a_later_merge_brings_them_back(
    client: Any, seeded: Any
) -> None:
    from harmledger.pipeline import rebuild_incidents
    from harmledger.web.review import incident_holding

    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")

    def review(incident_id: str, **form: Any) -> str:
        page = client.post(f"/incidents/{incident_id}/review", data={"csrf": csrf, **form})
        assert page.status_code == 200, page.text
        return str(page.url.path).rsplit("/", 1)[-1]

    merged = review(ids["manbij"], action="merge", **{"with": ids["ghouta"]})
    review(merged, action="split", split=[ids["jazeera"]])
    rebuild_incidents(ledger)  # and on every later reconciliation
    moved_out = incident_holding(ledger, [ids["jazeera"]])
    assert moved_out != incident_holding(ledger, [ids["strike"]])
    assert incident_holding(ledger, [ids["strike"]]) == incident_holding(ledger, [ids["chemical"]])

    review(merged, action="merge", **{"with": moved_out})
    assert len({incident_holding(ledger, [ids[c]]) for c in ("jazeera", "strike", "chemical")}) == 1


def test_a_merged_away_incidents_short_id_leads_to_the_incident_holding_its_claims(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    client.post(f"/incidents/{ids['ghouta']}/review", data={"csrf": csrf, "action": "merge", "with": ids["manbij"]})
    gone = next(i for i in (ids["manbij"], ids["ghouta"]) if ledger.get_incident(i) is None)
    kept = next(i for i in (ids["manbij"], ids["ghouta"]) if i != gone)
    response = client.get(f"/incidents/{gone[:12]}")  # as the audit log and the CLI print it
    assert response.status_code == 200 and str(response.url.path) == f"/incidents/{kept}"


def test_a_review_form_that_cannot_be_done_says_why_in_the_analysts_words(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")

    def refused(incident_id: str, **form: Any) -> str:
        page = client.post(f"/incidents/{incident_id}/review", data={"csrf": csrf, **form})
        assert 400 <= page.status_code < 500
        return html.unescape(page.text.split('id="error-message">', 1)[1].split("</p>", 1)[0])

    manbij, ghouta = ids["manbij"], ids["ghouta"]
    assert "tick the claims to move" in refused(manbij, action="split")
    assert "tick the claims to move" in refused(manbij, action="split", split=[ids["strike"], ids["jazeera"]])
    assert "cannot be merged with itself" in refused(manbij, action="merge", **{"with": manbij[:10]})

    # A page left open while the incident was merged away: its form says where the claims are now.
    client.post(f"/incidents/{manbij}/review", data={"csrf": csrf, "action": "merge", "with": ghouta})
    gone, kept = (ghouta, manbij) if ledger.get_incident(ghouta) is None else (manbij, ghouta)
    assert f"was merged into incident {kept[:12]}; nothing was recorded" in refused(gone, action="grade", grade="weak")
    assert ledger.decision_rows()[-1]["action"] == "merge"  # nothing recorded


def test_after_a_split_the_page_links_the_incident_the_claims_split_off_now_form(client: Any, seeded: Any) -> None:
    from harmledger.web.review import incident_holding

    ledger, ids = seeded
    add_user(ledger, "ana", "analyst")
    csrf = log_in(client, "ana")
    # Move Al-Jazeera's "as many as 200 casualties" out of the Manbij strike's incident.
    page = client.post(
        f"/incidents/{ids['manbij']}/review", data={"csrf": csrf, "action": "split", "split": [ids["jazeera"]]}
    )
    assert page.status_code == 200
    moved_to, stays = incident_holding(ledger, [ids["jazeera"]]), incident_holding(ledger, [ids["strike"]])
    assert moved_to and stays and moved_to != stays
    # The analyst stays with the claim left unticked (whichever part kept the old id) ...
    assert str(page.url.path) == f"/incidents/{stays}"
    link = f'incident <a href="/incidents/{moved_to}">{moved_to[:12]}</a>'
    assert f"Recorded: split. The claims split off now form {link}." in page.text
    # ... and the link stays on the page once the message is gone,
    later = client.get(f"/incidents/{stays}").text
    assert "Recorded" not in later
    assert re.search(
        rf'id="split-1">Split by ana on [0-9: -]+ UTC: the claims split off now form {re.escape(link)}\.', later
    )
    # while the incident split off links back to where the rest stayed.
    there = client.get(f"/incidents/{moved_to}").text
    assert f'Split off incident <a href="/incidents/{stays}">{stays[:12]}</a> by ana' in there
