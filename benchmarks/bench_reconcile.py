"""Benchmark ``reconcile`` on synthetic claims with a realistic place and date spread.

    python benchmarks/bench_reconcile.py            # 10k, 100k, 1M
    python benchmarks/bench_reconcile.py --max 100000
    python benchmarks/bench_reconcile.py --max 100000 --engine spark   # pairs scored on local[2]

Events are spread over 60 countries × 15 provinces × 50 towns and ten years (about the reach of
a global conflict-event dataset); each event is
reported 1–6 times (different outlets, a day or two apart, rounded or updated figures, town or
only province or only country named); a few claims are cumulative tolls or statements. Each size
runs in its own process so its peak memory (max RSS, including the generated claims) is its own;
the per-claim cost is CPU time, which other work on a shared machine disturbs less than wall time.

The generator knows which event each report is about, so each row also gives the joins' pairwise
precision and recall: over pairs of event claims from different documents, the share of pairs
put in one incident that are one event, and the share of one event's pairs put in one incident.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from typing import Any, TypeVar

from harmledger.incidents import reconcile
from harmledger.records import Claim, Count, DateRef, Document, Incident, PlaceRef, Span

T = TypeVar("T")
SIZES = (10_000, 100_000, 1_000_000)
START = date(2014, 1, 1)
DAYS = 3650
EVENTS = ("airstrike", "shelling", "suicide bombing", "shooting", "attack", None)
PERPETRATORS = ("ISIS", "Taliban", "government forces", "coalition", "al-Shabaab", None)


def synthetic(n: int, seed: int = 7) -> tuple[list[Claim], dict[str, Document], dict[str, int]]:
    """About ``n`` claims about n/3 events, one document per report, and each document's event.

    Equal parts (places, dates, counts, outlets) are one object, as ``Ledger.claims`` and
    ``Ledger.documents`` read them back (``store.codec.Shared``, not imported: the store's
    libraries would add to the peak): the claims a user's ledger gives ``reconcile``.
    """
    rnd = random.Random(seed)
    seen: dict[object, Any] = {}

    def shared(value: T) -> T:
        return seen.setdefault(value, value)

    countries = [(f"C{c}", rnd.uniform(-30, 50), rnd.uniform(-20, 100)) for c in range(60)]
    claims: list[Claim] = []
    docs: dict[str, Document] = {}
    event_of: dict[str, int] = {}
    k = events = 0
    while len(claims) < n:
        code, clat, clon = rnd.choice(countries)
        province = rnd.randrange(15)
        plat, plon = clat + (province // 4) * 1.5 - 3, clon + (province % 4) * 1.5 - 3
        town = rnd.randrange(50)
        lat, lon = plat + (town % 7) * 0.12, plon + (town // 7) * 0.12
        day = START + timedelta(days=rnd.randrange(DAYS))
        event, perp = rnd.choice(EVENTS), rnd.choice(PERPETRATORS)
        deaths = max(1, int(rnd.expovariate(1 / 8)))
        events += 1
        for r in range(rnd.choice((1, 1, 2, 3, 4, 6))):
            k += 1
            doc_id = f"doc{k}"
            event_of[doc_id] = events
            published = shared(day + timedelta(days=rnd.choice((0, 0, 1, 2))))
            docs[doc_id] = Document(id=doc_id, original=b"", text=f"report {k} {deaths}", origin="bench",
                                    published=published, outlet=shared(f"outlet{rnd.randrange(300)}"))
            level = rnd.random()
            if level < 0.6:
                place = shared(PlaceRef("t", f"town{town}", lat, lon, code, f"P{province}", precision=1))
            elif level < 0.85:
                place = shared(PlaceRef("p", f"P{province}", plat, plon, code, f"P{province}", precision=4))
            elif level < 0.97:
                place = shared(PlaceRef("c", code, clat, clon, code, None, precision=6))
            else:
                place = None
            figure = max(1, deaths + rnd.choice((0, 0, -1, 1, 3)))
            span = Span(r * 10, r * 10 + 5)
            kind, scope = "casualty", "incident"
            roll = rnd.random()
            if roll < 0.03:
                scope, figure = "cumulative", figure * 20
            elif roll < 0.05:
                kind = "statement"
            outcome = "killed" if kind == "casualty" else None
            claims.append(Claim(
                id=Claim.make_id(doc_id, span, kind, outcome), document_id=doc_id, kind=kind,  # type: ignore[arg-type]
                outcome=outcome, count=shared(Count(figure, figure, figure, "exact")) if kind == "casualty" else None,
                victims="civilians", span=span, sentence=shared(span), quote=f"{figure} killed",
                event_type=event, perpetrator=perp, scope=scope,  # type: ignore[arg-type]
                place=place, stance="denied" if kind == "statement" else None,
                date=shared(DateRef("d", day, day, "day")) if rnd.random() < 0.5 else None))
    return claims[:n], docs, event_of


def pairwise_joins(incidents: list[Incident], claims: list[Claim], event_of: dict[str, int]) -> tuple[float, float]:
    """Precision and recall of the joins over pairs of event claims from different documents."""
    doc_of = {c.id: c.document_id for c in claims}
    joined = right = 0
    for incident in incidents:
        if incident.kind != "incident":
            continue
        docs = [doc_of[c] for c in incident.claim_ids if c in doc_of]
        for a, b in combinations(docs, 2):
            if a != b:
                joined += 1
                right += event_of[a] == event_of[b]
    per_event = Counter(event_of[c.document_id] for c in claims if c.kind == "casualty" and c.scope == "incident")
    same = sum(k * (k - 1) // 2 for k in per_event.values())  # one report gives one event claim
    return right / max(1, joined), right / max(1, same)


def run_one(n: int, engine: str = "memory") -> dict[str, float]:
    """Reconcile ``n`` synthetic claims in this process; time and peak memory.

    With ``engine="spark"`` the candidate pairs are scored on a local[2] Spark session (started
    before the clock starts); CPU time then counts the driver only, so compare wall time.
    """
    claims, docs, event_of = synthetic(n)
    find_edges = None
    if engine == "spark":
        from harmledger.spark import spark_edges, spark_session

        find_edges = spark_edges(spark_session("local[2]"))
    t0, c0 = time.perf_counter(), time.process_time()
    incidents = reconcile(claims, docs, find_edges=find_edges)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    precision, recall = pairwise_joins(incidents, claims, event_of)
    return {"claims": n, "incidents": len(incidents), "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2), "us_per_claim": round(cpu / n * 1e6, 1),
            "peak_rss_mb": round(peak_mb), "precision": round(precision, 4), "recall": round(recall, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=max(SIZES), help="largest size to run")
    parser.add_argument("--engine", choices=("memory", "spark"), default="memory",
                        help="score candidate pairs in memory (default) or on Spark local[2]")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.engine)))
        return
    rows = []
    for n in (s for s in SIZES if s <= args.max):
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--engine", args.engine],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout))
        base = rows[0]["us_per_claim"]
        row = rows[-1]
        print(f"{row['claims']:>9,} claims  {row['incidents']:>9,} incidents  {row['seconds']:>8.2f} s wall  "
              f"{row['cpu_seconds']:>8.2f} s CPU  {row['us_per_claim']:>7.1f} CPU µs/claim "
              f"(×{row['us_per_claim'] / base:.2f} of the smallest)  "
              f"peak {row['peak_rss_mb']:>6,} MB  joins: precision {row['precision']:.3f} "
              f"recall {row['recall']:.3f}", flush=True)


if __name__ == "__main__":
    main()
