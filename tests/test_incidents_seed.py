"""The seed article through the whole pipeline: the incidents the issue's quality bar names."""

from __future__ import annotations

from pathlib import Path

from harmledger.documents import read_sources
from harmledger.pipeline import analyse
from harmledger.records import Document

SEED = Path(__file__).resolve().parent.parent / "samples" / "000_211a3c4709587a4d.txt"


def test_seed_gives_the_manbij_strike_with_aggregates_beside_it_and_the_ghouta_attack():
    docs = [d for d in read_sources([SEED]) if isinstance(d, Document)]
    out = analyse(docs).incidents
    incidents = [i for i in out if i.kind == "incident"]
    aggregates = [i for i in out if i.kind == "aggregate"]
    assert len(incidents) == 2
    strike = next(
        i for i in incidents if i.place is not None and i.place.country == "SY" and i.civilian_deaths.low == 56
    )
    assert strike.civilian_deaths.high is not None and strike.civilian_deaths.high <= 200
    ghouta = next(i for i in incidents if i is not strike)
    assert (ghouta.civilian_deaths.low, ghouta.civilian_deaths.high) == (136, 1300)
    figures = {(a.deaths.low, a.deaths.best, a.deaths.high) for a in aggregates}
    assert len(aggregates) == 3 and {a.related_incident_id for a in aggregates} == {strike.id}
    assert (126, 126, 126) in figures
    assert all(line for i in out for line in i.explanation)
