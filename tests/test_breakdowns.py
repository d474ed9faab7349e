"""Children and women among the dead, end to end: an article's "including four children" is kept on
its claim, reconciled into the incident's figures, stored, and shown by the API, the incident page
and the exports; ledgers written before these figures existed still read and verify."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient

from harmledger import pipeline
from harmledger.documents import ReadOptions
from harmledger.export import render
from harmledger.extract import extract_claims
from harmledger.incidents import reconcile
from harmledger.records import Document, Figures, sha256_hex
from harmledger.store import Ledger
from harmledger.store.integrity import sealed
from harmledger.store.schema import claims as claims_table
from harmledger.store.schema import incidents as incidents_table
from harmledger.web import create_app
from tests.test_incidents_builder import claim, doc

ARTICLE = (
    "Airstrike kills 11 in Idlib village\n\n"
    "IDLIB, Syria, March 3, 2021 - An airstrike on a house in the village of Kafr Nabl killed 11 civilians "
    "on Tuesday, among them two women and five children, the civil defence said.\n"
    "Rescue workers searched the rubble for hours.\n"
)


def test_children_and_women_go_from_an_article_to_the_incident_the_api_and_the_exports(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    try:
        pipeline.ingest(ledger, [tmp_path / "in"], ReadOptions())
        # the headline's 11 says nothing of who died; the body's 11 counts its children and women
        found = [(c.count.point, c.children, c.women) for c in ledger.claims() if c.kind == "casualty" and c.count]
        assert sorted(found, key=str) == [(11, 5, 2), (11, None, None)]
        [inc] = [i for i in ledger.incidents() if i.kind == "incident"]
        assert inc.deaths.best == 11
        assert (inc.child_deaths.low, inc.child_deaths.best, inc.child_deaths.high) == (5, 5, 5)
        assert (inc.women_deaths.low, inc.women_deaths.best, inc.women_deaths.high) == (2, 2, 2)
        assert any(line.startswith("children killed best 5") for line in inc.explanation)

        with TestClient(create_app(ledger, secret="test secret")) as client:
            row = client.get(f"/api/incidents/{inc.id}").json()["row"]
            assert row["incident"]["child_deaths"]["best"] == 5
            assert row["incident"]["women_deaths"]["best"] == 2
            assert sorted((c["children"], c["women"]) for c in row["claims"] if c["children"]) == [(5, 2)]
            listed = client.get("/api/incidents").json()["rows"][0]
            assert (listed["child_deaths_best"], listed["women_deaths_best"]) == (5, 2)
            schema = client.get("/api/openapi.json").json()
            response = schema["paths"]["/api/incidents/{incident_id}"]["get"]["responses"]["200"]
            fields = response["content"]["application/json"]["schema"]["properties"]["row"]["properties"]
            assert {"child_deaths", "women_deaths"} <= set(fields["incident"]["properties"])
            assert {"children", "women"} <= set(fields["claims"]["items"]["properties"])
            page = client.get(f"/incidents/{inc.id}").text
            assert "Children among the dead" in page and "Women among the dead" in page

        ucdp = next(csv.DictReader(io.StringIO(render("ucdp", [inc], ledger))))
        assert (ucdp["deaths_civilians"], ucdp["deaths_children"], ucdp["deaths_women"]) == ("11", "5", "2")
        flat = next(csv.DictReader(io.StringIO(render("csv", [inc], ledger))))
        assert (flat["child_deaths_best"], flat["women_deaths_best"]) == ("5", "2")
        assert "children" not in render("acled", [inc], ledger).splitlines()[0]  # ACLED has no such column
        rows = list(csv.DictReader(io.StringIO(pipeline.claims_export(ledger, [inc], "csv"))))
        assert sorted((r["n_children"], r["n_women"]) for r in rows) == [("", ""), ("5", "2")]
    finally:
        ledger.close()


def test_children_are_reconciled_across_sources_like_the_deaths() -> None:
    # Two outlets on one strike: one counts 4 children among 9 dead, the other 6 among 10.
    claims = [
        claim("a", best=9, victims="civilians", place="manbij", identity=("family:haddad",)),
        claim("b", best=10, victims="civilians", place="manbij", identity=("family:haddad",)),
    ]
    claims = [replace(c, children=n) for c, n in zip(claims, (4, 6), strict=True)]
    docs = {"a": doc("a", outlet="Outlet A"), "b": doc("b", outlet="Outlet B")}
    [inc] = [i for i in reconcile(claims, docs) if i.kind == "incident"]
    assert (inc.deaths.low, inc.deaths.high) == (9, 10)
    assert (inc.child_deaths.low, inc.child_deaths.high) == (4, 6)
    assert inc.child_deaths.best in (4, 6)
    assert inc.women_deaths == Figures(rule="no figure reported")


def test_a_ledger_written_before_breakdowns_still_reads_and_verifies(tmp_path: Path) -> None:
    ledger = Ledger(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "strike.txt").write_text(ARTICLE, encoding="utf-8")
        pipeline.ingest(ledger, [tmp_path / "in"], ReadOptions())
        # Rewrite the rows as an older version wrote them: no breakdown keys in their JSON.
        with ledger.engine.begin() as conn:
            for table, keys in (
                (claims_table, ("children", "women")),
                (incidents_table, ("child_deaths", "women_deaths")),
            ):
                for row in conn.execute(sa.select(table)).mappings().all():
                    data = {k: v for k, v in dict(row["data"]).items() if k not in keys}
                    values = {k: v for k, v in dict(row).items() if k != "digest"}
                    values["data"] = data
                    conn.execute(sa.update(table).where(table.c.id == row["id"]).values(sealed(table, values)))
        [inc] = [i for i in ledger.incidents() if i.kind == "incident"]
        assert inc.child_deaths == Figures() and inc.deaths.best == 11
        assert all(c.children is None for c in ledger.claims())
        assert ledger.verify() == []  # their seals, written as the older version wrote them, hold
        assert json.loads(render("json", [inc], ledger))[0]["child_deaths"]["best"] is None
    finally:
        ledger.close()


def test_a_person_and_a_group_sharing_the_verb_add_up_in_the_incident() -> None:
    text = "A shell hit the house in Kafr Nabl on Sunday, killing a woman and her three children."
    document = Document(id=sha256_hex(text), original=text.encode(), text=text, origin="test", genre="news")
    [inc] = [i for i in reconcile(extract_claims(document), {document.id: document}) if i.kind == "incident"]
    assert (inc.deaths.best, inc.child_deaths.best, inc.women_deaths.best) == (4, 3, 1)


def test_children_never_exceed_the_deaths_high() -> None:
    # One record counts 5 children among "up to 4" dead (a slip, or an analyst's hand), another 3 of 3.
    claims = [
        replace(claim("a", high=4, qualifier="up_to", place="manbij", identity=("family:haddad",)), children=5),
        replace(claim("b", best=3, place="manbij", identity=("family:haddad",)), children=3),
    ]
    docs = {"a": doc("a", outlet="Outlet A"), "b": doc("b", outlet="Outlet B")}
    [inc] = [i for i in reconcile(claims, docs) if i.kind == "incident"]
    assert inc.deaths.high == 4 and inc.child_deaths.high == 4 and inc.child_deaths.low == 3


def test_women_among_a_ceiling_give_a_floor_and_their_own_figure_but_no_best() -> None:
    # "nearly 36 people, including nine women": at least nine dead, at most 36, no best; the
    # nine were the best (a part read as the toll)
    text = "Gunmen killed nearly 36 people, including nine women, at a funeral in Muqdadiya on Thursday."
    d = Document(id=sha256_hex(text), original=text.encode(), text=text, origin="t.txt", genre="news")
    [inc] = [i for i in reconcile(extract_claims(d), {d.id: d}) if i.kind == "incident"]
    assert (inc.deaths.low, inc.deaths.best, inc.deaths.high) == (9, None, 36)
    assert inc.women_deaths.best == 9
