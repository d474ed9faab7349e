"""The claims export: one row per claim, in the CLI, the API and the list page's download button."""

from __future__ import annotations

import csv
import io
from typing import Any

from harmledger.export_claims import CLAIM_COLUMNS
from tests.test_web_seed import add_user


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_api_exports_one_row_per_claim_with_its_provenance(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    response = client.get("/api/export/claims?format=csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0] == ",".join(CLAIM_COLUMNS)
    rows = {r["claim_id"]: r for r in rows_of(response.text)}
    assert set(rows) == {ids["strike"], ids["jazeera"], ids["chemical"]}
    strike = rows[ids["strike"]]
    doc = ledger.get_document(ids["document"])
    assert (strike["incident_id"], strike["low"], strike["high"], strike["qualifier"]) == (
        ids["manbij"],
        "56",
        "",
        "at_least",
    )
    assert strike["document_sha256"] == doc.id and strike["quote"] in doc.text
    assert doc.text[int(strike["start"]) : int(strike["end"])] == "at least 56"
    assert strike["document"] == doc.origin.rsplit("/", 1)[-1]  # the file name, never the server's path
    assert rows[ids["jazeera"]]["source"] == "Al-Jazeera"


def test_the_claims_export_honours_the_filters_and_the_kind(client: Any, seeded: Any) -> None:
    _ledger, ids = seeded
    rows = rows_of(client.get("/api/export/claims?format=csv&place=ghouta").text)
    assert [r["claim_id"] for r in rows] == [ids["chemical"]]
    tolls = client.get("/api/export/claims?format=json&kind=aggregate").json()
    assert {r["claim_id"] for r in tolls} == {ids["toll125"], ids["amnesty60"]}
    assert client.get("/api/export/claims?format=xls").status_code == 400


def test_a_corrected_claim_is_exported_as_corrected_and_says_by_whom(client: Any, seeded: Any) -> None:
    ledger, ids = seeded
    token = add_user(ledger, "ana", "analyst")
    client.post(
        f"/api/claims/{ids['chemical']}/correct", json={"best": 9}, headers={"Authorization": f"Bearer {token}"}
    )
    row = next(r for r in client.get("/api/export/claims?format=json").json() if r["claim_id"] == ids["chemical"])
    assert (row["low"], row["best"], row["high"], row["corrected_by"]) == (9, 9, 9, "ana")


def test_the_list_page_offers_the_claims_download_with_its_filters(client: Any, seeded: Any) -> None:
    page = client.get("/?place=ghouta").text
    assert 'href="/api/export/claims?format=csv&amp;kind=incident&amp;place=ghouta"' in page


def test_the_cli_exports_claims(tmp_path: Any, seeded: Any) -> None:
    from click.testing import CliRunner

    from harmledger.cli import main

    ledger, ids = seeded
    result = CliRunner().invoke(
        main, ["export", "--claims", "--format", "csv", "--place", "manbij", "--db", ledger.url]
    )
    assert result.exit_code == 0, result.output
    assert {r["claim_id"] for r in rows_of(result.output)} == {ids["strike"], ids["jazeera"]}
    bad = CliRunner().invoke(main, ["export", "--claims", "--format", "ucdp", "--db", ledger.url])
    assert bad.exit_code == 2 and "csv or json" in bad.output
