"""Bounded load on loopback: hundreds of concurrent readers and one analyst writing, nothing lost.

    python benchmarks/bench_load.py                                  # 3,000 incidents, 300 readers, 30 s
    python benchmarks/bench_load.py --readers 100 --seconds 10 --json out/bench_load.json

A SQLite ledger is filled with one-claim reports of distinct events, reconciled into as many
incidents (so a review action, which re-derives incidents, keeps their ids); uvicorn serves the app
in its own process on a loopback port, and one asyncio client (httpx) runs ``--readers``
concurrent readers looping over the read routes while one analyst, through an API token, posts
review actions (notes and grades, alternating) as fast as they are answered. Reported: requests,
errors (any non-2xx or transport error), requests a second, p50/p99 latency for reads and writes.
Then the check: every write that was answered 200 has its audit entry (matched by note text
and grade), no audit entry is missing or extra, and ``Ledger.verify()`` finds nothing wrong.
Exit status 1 when anything was lost or any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_api import free_port, percentile  # noqa: E402

READ_ROUTES = ("/api/incidents?limit=50", "/api/incidents?sort=-date&limit=20", "/api/map", "/api/aggregates?by=country",
               "/api/incidents/{incident}", "/", "/incidents/{incident}")
GRADES = ("confirmed", "fair", "weak", "contested")


def fill_distinct(url: str, n: int, seed: int = 11) -> int:
    """Store ``n`` one-claim reports of distinct events (place and day apart), reconciled; returns incidents."""
    from harmledger.pipeline import rebuild_incidents
    from harmledger.records import Claim, Count, DateRef, Document, PlaceRef, Span, sha256_hex
    from harmledger.store import Ledger

    rng = random.Random(seed)
    ledger = Ledger(url)
    for i in range(n):
        day = date(2010, 1, 1) + timedelta(days=i * 3 + rng.randrange(2))
        lat, lon = 12 + (i % 60) * 0.5, 30 + (i // 60) * 0.5
        deaths = rng.randint(1, 80)
        text = f"An airstrike killed at least {deaths} civilians in village {i} on {day:%d %B %Y}, officials said."
        raw = text.encode()
        doc = Document(id=sha256_hex(raw), original=raw, text=text, origin=f"load/{i}.txt", outlet="Load", published=day, genre="news")
        start = text.index("at least")
        span = Span(start, start + len(f"at least {deaths}"))
        claim = Claim(id=Claim.make_id(doc.id, span, "casualty", "killed"), document_id=doc.id, kind="casualty",
                      outcome="killed", count=Count(deaths, None, None, "at_least", text=f"at least {deaths}"),
                      victims="civilians", span=span, sentence=Span(0, len(text)), quote=text, scope="incident",
                      event_type="airstrike", place=PlaceRef(text=f"village {i}", name=f"Village {i}", lat=lat, lon=lon,
                                                             country="SY", precision=1),
                      date=DateRef(text=f"{day:%d %B %Y}", start=day, end=day, precision="day"))
        ledger.add_document(doc, [claim])
    count = rebuild_incidents(ledger)
    ledger.close()
    return count


async def reader(client: object, stop: float, incidents: list[str], n: int, lat: list[float], errors: list[str]) -> None:
    """Loop over the read routes until ``stop``, recording latencies and failures."""
    i = n
    while time.monotonic() < stop:
        path = READ_ROUTES[i % len(READ_ROUTES)].format(incident=incidents[i % len(incidents)])
        i += 1
        t0 = time.perf_counter()
        try:
            response = await client.get(path)  # type: ignore[attr-defined]
            if response.status_code != 200:
                errors.append(f"GET {path}: {response.status_code}")
        except Exception as exc:  # noqa: BLE001 - a transport error is a failed request, counted
            errors.append(f"GET {path}: {type(exc).__name__}: {exc}")
        lat.append((time.perf_counter() - t0) * 1000)


async def analyst(client: object, stop: float, token: str, incidents: list[str], lat: list[float], errors: list[str],
                  written: list[tuple[str, str, dict[str, str]]]) -> None:
    """Post review actions until ``stop``; ``written`` keeps every one answered 200."""
    headers = {"Authorization": f"Bearer {token}"}
    i = 0
    while time.monotonic() < stop:
        target = incidents[(i * 7) % len(incidents)]
        if i % 2:
            action, path, body = "grade", f"/api/incidents/{target}/grade", {"grade": GRADES[i % len(GRADES)]}
        else:
            action, path, body = "note", f"/api/incidents/{target}/notes", {"text": f"load note {i}"}
        i += 1
        t0 = time.perf_counter()
        try:
            response = await client.post(path, json=body, headers=headers)  # type: ignore[attr-defined]
            if response.status_code == 200:
                written.append((action, target, body))
            else:
                errors.append(f"POST {path}: {response.status_code} {response.text[:200]}")
        except Exception as exc:  # noqa: BLE001
            errors.append(f"POST {path}: {type(exc).__name__}: {exc}")
        lat.append((time.perf_counter() - t0) * 1000)


async def run_load(base: str, readers: int, seconds: float, token: str, incidents: list[str]) -> dict[str, object]:
    import httpx

    limits = httpx.Limits(max_connections=readers + 1, max_keepalive_connections=readers + 1)
    read_lat: list[float] = []
    write_lat: list[float] = []
    errors: list[str] = []
    written: list[tuple[str, str, dict[str, str]]] = []
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        stop = time.monotonic() + seconds
        started = time.perf_counter()
        await asyncio.gather(
            analyst(client, stop, token, incidents, write_lat, errors, written),
            *(reader(client, stop, incidents, n, read_lat, errors) for n in range(readers)),
        )
        elapsed = time.perf_counter() - started
    return {"read_lat": read_lat, "write_lat": write_lat, "errors": errors, "written": written, "elapsed": elapsed}


def check_writes(url: str, written: list[tuple[str, str, dict[str, str]]], audit_before: int) -> list[str]:
    """What was lost: answered writes without their audit entry, entries nobody wrote, verify problems."""
    from collections import Counter

    from harmledger.store import Ledger

    ledger = Ledger(url, migrate=False)
    try:
        entries = [e for e in ledger.audit_entries() if e["username"] == "load-analyst"]
        problems = [str(p) for p in ledger.verify()]
        total = len(ledger.audit_entries())
        notes = {d["payload"].get("text") for d in ledger.decision_rows() if d["action"] == "note"}
    finally:
        ledger.close()
    answered = Counter((action, target) for action, target, _ in written)
    audited = Counter((e["action"], e["target_id"]) for e in entries)
    if answered != audited:
        problems.append(f"answered writes and audit entries differ: {sorted((answered - audited).items())[:3]}"
                        f" missing, {sorted((audited - answered).items())[:3]} extra")
    missing_notes = [b["text"] for a, _, b in written if a == "note" and b["text"] not in notes]
    if missing_notes:
        problems.append(f"{len(missing_notes)} notes answered 200 are not stored, e.g. {missing_notes[:3]}")
    if total != audit_before + len(entries):
        problems.append(f"audit log grew by {total - audit_before}, the analyst wrote {len(entries)}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=3000)
    parser.add_argument("--readers", type=int, default=300, help="concurrent reading clients")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="harmledger-bench-load-")
    url = f"sqlite:///{Path(tmp.name) / 'load.db'}"
    n_incidents = fill_distinct(url, args.incidents)
    from harmledger.store import Ledger
    from harmledger.store.users import Users

    ledger = Ledger(url)
    incidents = [i.id for i in ledger.incidents()][:200]
    users = Users(ledger)
    users.add("load-analyst", "load test password", "analyst")
    token = users.issue_token("load-analyst", "bench_load")
    audit_before = len(ledger.audit_entries())
    ledger.close()

    port = free_port()
    env = {**os.environ, "BENCH_DB": url, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "benchmarks.bench_api:app_factory", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log", "--backlog", "4096",
         # Longer than any pause between a reader's requests: uvicorn closing an idle kept-alive
         # connection just as the client reuses it is a client-side ReadError, not a server failure.
         "--timeout-keep-alive", "120"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        if not _wait_up(base, server):
            print("error: the server did not start", file=sys.stderr)
            return 1
        result = asyncio.run(run_load(base, args.readers, args.seconds, token, incidents))
    finally:
        server.terminate()
        server.wait(timeout=30)
    problems = check_writes(url, result["written"], audit_before)  # type: ignore[arg-type]
    reads, writes = result["read_lat"], result["write_lat"]
    errors: list[str] = result["errors"]  # type: ignore[assignment]
    elapsed: float = result["elapsed"]  # type: ignore[assignment]
    report = {
        "incidents": n_incidents, "readers": args.readers, "writers": 1, "seconds": round(elapsed, 1),
        "requests": len(reads) + len(writes), "reads": len(reads), "writes": len(writes), "errors": len(errors),
        "requests_per_s": round((len(reads) + len(writes)) / elapsed, 1),
        "read_p50_ms": _pct(reads, 0.5), "read_p99_ms": _pct(reads, 0.99),
        "write_p50_ms": _pct(writes, 0.5), "write_p99_ms": _pct(writes, 0.99),
        "writes_answered_200": len(result["written"]), "lost_or_inconsistent": problems,  # type: ignore[arg-type]
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, Python {platform.python_version()}",
    }
    print(f"{n_incidents:,} incidents; {args.readers} concurrent readers + 1 analyst writing for {elapsed:.0f} s")
    print(f"requests {report['requests']:,} ({report['requests_per_s']}/s), errors {len(errors)}")
    print(f"reads  {len(reads):7,}  p50 {report['read_p50_ms']} ms  p99 {report['read_p99_ms']} ms")
    print(f"writes {len(writes):7,}  p50 {report['write_p50_ms']} ms  p99 {report['write_p99_ms']} ms")
    print(f"writes answered 200: {report['writes_answered_200']}; in the audit log and verify clean: "
          f"{'yes' if not problems else 'NO'}")
    for line in (errors[:5] + problems):
        print(f"  {line}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if errors or problems else 0


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return round(statistics.median(values) if q == 0.5 else percentile(values, q), 1)


def _wait_up(base: str, server: subprocess.Popen[bytes]) -> bool:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            httpx.get(base + "/api/me", timeout=2)
            return True
        except httpx.TransportError:
            time.sleep(0.2)
    return False


if __name__ == "__main__":
    sys.exit(main())
