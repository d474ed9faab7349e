"""Intake from the API and the /add page: paste or upload, stored with its hash and who added it,
analysed, reconciled."""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

import pytest

from tests.badinput import page, warc
from tests.test_web_seed import add_user, csrf_of, log_in

# Our own sentences (no monitor's text): one report of one strike, in every format we take.
REPORT = (
    "Drone strike hits a wedding party in Marib\n\n"
    "MARIB, Yemen (Reuters) - A drone strike on a wedding party in Marib province killed 14 civilians "
    "on Saturday, local health officials said.\n"
)
HTML = page(
    "<article><h1>Drone strike hits a wedding party</h1><p>A drone strike on a wedding party in Marib "
    "province killed 14 civilians on Saturday, local health officials said.</p>"
    "<p>Six more people were wounded, the officials said.</p></article>",
    title="Drone strike hits a wedding party",
)
JSONL = (
    json.dumps(
        {"text": REPORT, "url": "https://news.example/marib", "published": "2024-02-11", "outlet": "Example Wire"}
    ).encode()
    + b"\n"
)

# (file name, bytes) of every format an analyst may upload
FORMATS = [
    ("report.txt", REPORT.encode()),
    ("report.html", HTML),
    ("reports.jsonl", JSONL),
    ("crawl.warc", warc([HTML], gz=False)),
    ("crawl.warc.gz", warc([HTML], gz=True)),
    ("report.txt.gz", gzip.compress(REPORT.encode())),
    ("reports.jsonl.gz", gzip.compress(JSONL)),
]

# (file name, bytes, words the error names)
BAD_FILES = [
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "photo.txt"),
    ("broken.txt.gz", b"\x1f\x8b\x08\x00not really gzip", "broken.txt.gz: not a readable gzip file"),
    ("empty.txt", b"   \n", "empty.txt"),
    ("bad.jsonl", b"{not json}\n", "bad.jsonl"),
]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_intake_refuses_anonymous_and_viewers_and_stores_nothing(client: Any, seeded: Any) -> None:
    ledger, _ids = seeded
    viewer = add_user(ledger, "vic", "viewer")
    before = ledger.counts()
    assert client.post("/api/documents", json={"text": REPORT}).status_code == 401
    assert client.post("/api/documents", json={"text": REPORT}, headers=bearer(viewer)).status_code == 403
    assert (
        client.post(
            "/api/documents", files={"files": ("report.txt", REPORT.encode())}, headers=bearer(viewer)
        ).status_code
        == 403
    )
    assert ledger.counts() == before


@pytest.mark.parametrize(("name", "data"), FORMATS)
def test_an_uploaded_file_is_stored_with_its_hash_and_who_added_it_and_analysed(
    client: Any, seeded: Any, name: str, data: bytes
) -> None:
    ledger, _ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post(
        "/api/documents", files={"files": (name, data)}, data={"outlet": "Example Wire"}, headers=bearer(token)
    )
    assert response.status_code == 201, response.text
    row = response.json()["row"]
    assert len(row["added"]) == 1 and row["errors"] == [] and row["claims"] >= 1
    doc = ledger.get_document(row["added"][0])
    assert "killed 14 civilians" in doc.text
    assert "/tmp" not in doc.origin and "harmledger-intake" not in doc.origin
    entry = ledger.audit_entries(doc.id)[-1]
    assert (entry["username"], entry["action"], entry["after"]["sha256"]) == ("ana", "add_document", doc.id)
    # The incidents the report touched are named, and they hold its claims.
    assert row["incidents"], "the report's claims are in no incident"
    holding = ledger.get_incident(row["incidents"][0])
    assert set(holding.claim_ids) & {c.id for c in ledger.claims(document_id=doc.id)}
    assert ledger.verify() == []
    # The same file again adds nothing.
    again = client.post("/api/documents", files={"files": (name, data)}, headers=bearer(token)).json()["row"]
    assert again["added"] == [] and again["skipped"] == row["added"]


def test_a_pasted_text_takes_its_url_outlet_and_date(client: Any, seeded: Any) -> None:
    ledger, _ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post(
        "/api/documents",
        headers=bearer(token),
        json={
            "text": REPORT,
            "url": "https://news.example/marib-strike",
            "outlet": "Example Wire",
            "published": "2024-02-11",
        },
    )
    assert response.status_code == 201, response.text
    doc = ledger.get_document(response.json()["row"]["added"][0])
    assert (doc.url, doc.outlet, doc.published.isoformat()) == (
        "https://news.example/marib-strike",
        "Example Wire",
        "2024-02-11",
    )
    incident = ledger.get_incident(response.json()["row"]["incidents"][0])
    assert incident.deaths.best == 14 and str(incident.date_start) == "2024-02-10"


def test_json_files_may_come_as_text_or_base64(client: Any, seeded: Any) -> None:
    ledger, _ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post(
        "/api/documents",
        headers=bearer(token),
        json={
            "files": [
                {"name": "a.txt", "content": REPORT},
                {"name": "b.html", "base64": base64.b64encode(HTML).decode()},
            ]
        },
    )
    assert response.status_code == 201, response.text
    assert len(response.json()["row"]["added"]) == 2


@pytest.mark.parametrize(("name", "data", "words"), BAD_FILES)
def test_a_bad_file_is_refused_by_name_and_stores_nothing(
    client: Any, seeded: Any, name: str, data: bytes, words: str
) -> None:
    ledger, _ids = seeded
    token = add_user(ledger, "ana", "analyst")
    before = {k: v for k, v in ledger.counts().items() if k != "audit_log"}
    response = client.post("/api/documents", files={"files": (name, data)}, headers=bearer(token))
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and words in body["error"] and "/tmp" not in body["error"]
    assert {k: v for k, v in ledger.counts().items() if k != "audit_log"} == before


def test_a_bad_file_beside_a_good_one_does_not_stop_it(client: Any, seeded: Any) -> None:
    ledger, _ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post(
        "/api/documents",
        headers=bearer(token),
        files=[("files", ("photo.txt", BAD_FILES[0][1])), ("files", ("report.txt", REPORT.encode()))],
    )
    assert response.status_code == 201
    row = response.json()["row"]
    assert len(row["added"]) == 1 and len(row["errors"]) == 1 and "photo.txt" in row["errors"][0]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({}, "nothing to add"),
        ({"text": "   "}, "nothing to add"),
        ({"text": REPORT, "published": "last week"}, "published 'last week' is not a date"),
        ({"files": [{"content": "x"}]}, "files[0] needs a name"),
        ({"files": [{"name": "a.txt", "base64": "***"}]}, "base64 is not valid"),
    ],
)
def test_an_empty_or_malformed_intake_says_what_to_send(
    client: Any, seeded: Any, body: dict[str, Any], words: str
) -> None:
    ledger, _ids = seeded
    token = add_user(ledger, "ana", "analyst")
    response = client.post("/api/documents", json=body, headers=bearer(token))
    assert response.status_code == 400 and words in response.json()["error"]


def test_the_add_page_pastes_a_report_and_shows_its_claims_and_incident(client: Any, seeded: Any) -> None:
    ledger, _ids = seeded
    add_user(ledger, "ana", "analyst")
    assert client.get("/add").status_code == 401
    log_in(client, "ana")
    csrf = csrf_of(client.get("/add").text)
    response = client.post(
        "/add",
        data={"csrf": csrf, "text": REPORT, "outlet": "Example Wire", "published": "2024-02-11"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    shown = client.get(response.headers["location"]).text
    assert "Recorded: add document" in shown and "killed: 14" in shown and 'id="doc-incidents"' in shown
    refused = client.post("/add", data={"csrf": "forged", "text": REPORT + "x"})
    assert refused.status_code == 403


def test_anonymous_readers_see_file_names_never_server_paths(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    origin = ledger.get_document(ids["document"]).origin
    assert "/" in origin
    rows = client.get("/api/documents").json()["rows"]
    assert [r["origin"] for r in rows] == [origin.rsplit("/", 1)[-1]]
    assert (
        client.get(f"/api/documents/{ids['document']}").json()["row"]["document"]["origin"] == origin.rsplit("/", 1)[-1]
    )
    for path in ("/documents", f"/documents/{ids['document']}"):
        assert origin not in client.get(path).text


def test_a_pasted_text_and_the_same_article_as_a_file_are_one_document(client: Any, seeded: Any, tmp_path: Any) -> None:
    from harmledger.pipeline import ingest
    from harmledger.records import sha256_hex

    ledger, _ids = seeded
    token = add_user(ledger, "ana", "analyst")
    pasted = client.post("/api/documents", json={"text": REPORT.replace("\n", "\r\n")}, headers=bearer(token))
    file = tmp_path / "report.txt"
    file.write_bytes(REPORT.encode("utf-8"))
    assert ingest(ledger, [file]).skipped == 1
    assert pasted.json()["row"]["added"] == [sha256_hex(REPORT.encode("utf-8"))]
