"""Benchmark the API: latency of the incident list and the map data with many incidents stored.

    python benchmarks/bench_api.py                         # 100,000 incidents, 200 requests a route
    python benchmarks/bench_api.py --incidents 10000 --requests 100 --json out/bench_api.json

A SQLite ledger is filled with synthetic documents, claims and incidents (real records through
``Ledger.add_document`` and ``Ledger.replace_incidents``; spread over the Middle East, dated over
ten years), then the app is served by uvicorn in its own process on a loopback port and one client
sends the requests one after another (a bounded load: no concurrency, nothing leaves the machine).
Reported per route: p50, p90, p99 and max latency in milliseconds and the response size, for
repeated requests (answered from the read cache, which lasts until the ledger changes) and for
requests the cache has not seen (``--uncached`` of them; the database answers).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# route label → path (the map's default limit is the one the map page asks for; since issue 15 the
# page asks for the compact form, and GeoJSON stays the default for scripts)
ROUTES: dict[str, str] = {
    "incidents (first page, most deaths)": "/api/incidents?limit=50",
    "incidents (filtered, by date)": "/api/incidents?country=SY&event_type=airstrike&sort=-date&limit=50",
    "incidents (page 100)": "/api/incidents?limit=50&cursor={cursor100}",
    "map data (5,000 points)": "/api/map",
    "map data (compact, the map page's)": "/api/map?format=compact",
    "map data (filtered)": "/api/map?country=IQ&grade=weak",
    "incidents page (HTML)": "/?sort=-deaths",
}
PLACES = (("Manbij", 36.53, 37.95, "SY"), ("Aleppo", 36.2, 37.16, "SY"), ("Idlib", 35.93, 36.63, "SY"),
          ("Mosul", 36.34, 43.13, "IQ"), ("Fallujah", 33.35, 43.78, "IQ"), ("Sanaa", 15.37, 44.19, "YE"),
          ("Gaza", 31.5, 34.47, "PS"), ("Kabul", 34.53, 69.17, "AF"))
EVENTS = ("airstrike", "shelling", "bombing", "shooting", "clash")
GRADES = ("confirmed", "fair", "weak", "contested")
SENTENCE = "An airstrike killed at least 12 civilians near the town on Tuesday, officials said. "
CLAIMS_PER_DOC = 100


def fill(url: str, n_incidents: int, seed: int = 7) -> None:
    """Store ``n_incidents`` synthetic incidents, one claim each, 100 claims a document."""
    from harmledger.records import Claim, Count, Document, Figures, Incident, PlaceRef, Span, sha256_hex
    from harmledger.store import Ledger

    rng = random.Random(seed)
    ledger = Ledger(url)
    text = SENTENCE * CLAIMS_PER_DOC
    incidents = []
    for d in range(0, n_incidents, CLAIMS_PER_DOC):
        raw = f"{d}\n{text}".encode()
        doc = Document(id=sha256_hex(raw), original=raw, text=raw.decode(), origin=f"bench/{d}.txt", outlet="Bench", genre="news")
        claims = []
        offset = len(f"{d}\n")
        for i in range(min(CLAIMS_PER_DOC, n_incidents - d)):
            start = offset + i * len(SENTENCE)
            span = Span(start + 20, start + 31)
            deaths = int(rng.paretovariate(1.3) * 3)
            claim = Claim(id=Claim.make_id(doc.id, span, "casualty", "killed"), document_id=doc.id, kind="casualty",
                          outcome="killed", count=Count(deaths, None, None, "at_least", text=f"at least {deaths}"),
                          victims="civilians", span=span, sentence=Span(start, start + len(SENTENCE) - 1),
                          quote=SENTENCE.strip(), scope="incident")
            claims.append(claim)
            name, lat, lon, country = rng.choice(PLACES)
            day = date(2014, 1, 1) + timedelta(days=rng.randrange(3650))
            incidents.append(Incident(
                id=Incident.make_id([claim.id]), kind="incident", claim_ids=(claim.id,),
                deaths=Figures(low=deaths, best=deaths if rng.random() < 0.5 else None, high=deaths * 2),
                place=PlaceRef(text=name, name=name, lat=lat + rng.uniform(-0.5, 0.5), lon=lon + rng.uniform(-0.5, 0.5),
                               country=country, precision=1),
                date_start=day, date_end=day, date_precision="day", event_type=rng.choice(EVENTS),
                perpetrator=rng.choice(("Syrian government", "coalition", "ISIS", None)), victims="civilians",
                grade=rng.choice(GRADES), n_sources=1,
            ))
        ledger.add_document(doc, claims)
    ledger.replace_incidents(incidents)
    ledger.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_factory() -> object:
    """The app over ``$BENCH_DB`` (uvicorn --factory calls this in the server process)."""
    from harmledger.store import Ledger
    from harmledger.web import create_app

    return create_app(Ledger(os.environ["BENCH_DB"], migrate=False), secret="bench")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(base: str, routes: dict[str, str], n_requests: int, cold: int) -> dict[str, dict[str, float]]:
    import httpx

    results: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        cursor = client.get("/api/incidents?limit=50").json()["next"]
        for _ in range(98):  # walk to page 100 once, to time a deep page
            cursor = client.get(f"/api/incidents?limit=50&cursor={cursor}").json()["next"]
        for label, path in routes.items():
            path = path.format(cursor100=cursor)
            for _ in range(3):  # warm the page cache and the connection
                client.get(path)
            times, size = [], 0
            for _ in range(n_requests):
                t0 = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()
                size = len(response.content)
            # A parameter the app ignores makes each URL new to the read cache: the database answers.
            sep = "&" if "?" in path else "?"
            cold_times = []
            for i in range(cold):
                t0 = time.perf_counter()
                client.get(f"{path}{sep}_bench={i}").raise_for_status()
                cold_times.append((time.perf_counter() - t0) * 1000)
            results[label] = {"p50_ms": round(statistics.median(times), 1), "p90_ms": round(percentile(times, 0.9), 1),
                              "p99_ms": round(percentile(times, 0.99), 1), "max_ms": round(max(times), 1),
                              "bytes": size, "requests": n_requests,
                              "uncached_p50_ms": round(statistics.median(cold_times), 1) if cold_times else None,
                              "uncached_p99_ms": round(percentile(cold_times, 0.99), 1) if cold_times else None}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per route (sent one at a time)")
    parser.add_argument("--uncached", type=int, default=20, help="requests per route that miss the read cache")
    parser.add_argument("--db", type=Path, help="reuse or create this SQLite file (default: a temp file)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="harmledger-bench-api-")
    db = args.db or Path(tmp.name) / "bench.db"
    url = f"sqlite:///{db}"
    t0 = time.perf_counter()
    if not db.exists():
        fill(url, args.incidents)
    fill_s = time.perf_counter() - t0

    port = free_port()
    env = {**os.environ, "BENCH_DB": url, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "benchmarks.bench_api:app_factory", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/me", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("error: the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        results = measure(base, ROUTES, args.requests, args.uncached)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {"incidents": args.incidents, "fill_s": round(fill_s, 1), "routes": results,
              "machine": f"{platform.machine()} {os.cpu_count()} cpu, Python {platform.python_version()}"}
    print(f"{args.incidents:,} incidents (ledger built in {fill_s:.0f} s); {args.requests} sequential requests a route")
    print(f"{'route':38} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'bytes':>10}"
          f" {'uncached p50':>13} {'p99':>7}")
    for label, r in results.items():
        print(f"{label:38} {r['p50_ms']:7.1f} {r['p90_ms']:7.1f} {r['p99_ms']:7.1f} {r['max_ms']:7.1f} {r['bytes']:10,}"
              f" {r['uncached_p50_ms'] or 0:13.1f} {r['uncached_p99_ms'] or 0:7.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
