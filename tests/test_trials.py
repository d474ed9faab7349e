"""The trials' invented reports (tests/fixtures/trials): what holds of their ledgers whatever the figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

TRIALS = FIXTURES / "trials"
# The countries each trial's conflict is fought in: no incident of its ledger lies elsewhere
# (a relative's home in Cairo, an Algerian namesake of a Lebanese village, a victim's name read as
# a town abroad all put one there).
COUNTRIES = {
    "el-fasher": {"SD"},
    "ukraine": {"UA"},
    "plateau": {"NG"},
    "myanmar-idlib": {"MM", "SY"},
    "kabul": {"AF"},
    "gaza-lebanon": {"PS", "LB"},
    "barsalogho": {"BF"},
    "idlib-roundup": {"SY"},
    "mogadishu": {"SO"},
    "haiti": {"HT"},
    "ituri": {"CD"},
    "hodeidah": {"YE", None},
    "pakistan": {"PK"},
    "sahel": {"ML", "BF", "NE"},
    "syria-coast": {"SY"},
    "sinaloa": {"MX"},
    "amhara": {"ET"},  # a ship hit in the Gulf of Aden: a sea is no country's
    "mozambique": {"MZ"},
    "colombia": {"CO"},
    "manipur": {"IN"},
    "cameroon": {"CM"},
    "iraq": {"IQ"},
    "kashmir": {"IN"},
    "zamfara": {"NG"},
    "kordofan": {"SD"},
    "west-bank": {"PS"},
    "somalia-strikes": {"SO"},
    "goma": {"CD"},
    "borno": {"NG"},
    "south-sudan": {"SS"},
    "mindanao": {"PH"},
    "libya": {"LY"},
    "chhattisgarh": {"IN"},
    "papua": {"ID"},
    "benue": {"NG"},
}


def _ledger(path: Path) -> list:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [
        make_document(r["text"], f"{r['id']}.txt", published=date.fromisoformat(r["published"]), outlet=r["outlet"])
        for r in rows
    ]
    return analyse(docs).incidents


def test_every_trial_has_its_countries_listed() -> None:
    assert {p.stem for p in TRIALS.glob("*.jsonl")} == set(COUNTRIES)


@pytest.mark.parametrize("name", sorted(COUNTRIES))
def test_a_trials_incidents_lie_in_its_conflicts_countries(name: str) -> None:
    incidents = [i for i in _ledger(TRIALS / f"{name}.jsonl") if i.kind == "incident"]
    assert incidents, name
    placed = {(i.place.name, i.place.country) for i in incidents if i.place is not None}
    assert {country for _, country in placed} <= COUNTRIES[name], placed
