"""Benchmark: gazetteer load time and toponym lookups per second on one core.

Run: ``python benchmarks/bench_geocode.py`` (builds the gazetteer first if it is missing).
"""

from __future__ import annotations

import random
import sqlite3
import time

from harmledger.places.gazetteer import Gazetteer, default_path, get_gazetteer

SEED_NAMES = ("Manbij", "Aleppo", "Damascus", "Ghouta", "Kobane", "Mosul", "Fallujah", "Syria",
              "Iraq", "Raqqa", "Deir ez-Zor", "Idlib", "Homs", "Canada", "US", "Washington")


def sample_names(path: str, n: int) -> list[str]:
    """``n`` distinct stored names (as written in the source data) plus the seed names."""
    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM places ORDER BY random() LIMIT ?", (n,))]
    con.close()
    return names + list(SEED_NAMES)


def main() -> None:
    """Print load time, cold (distinct names) and warm (news-like repeats) lookups per second."""
    get_gazetteer()  # build on first use, outside the timing
    path = default_path()
    started = time.perf_counter()
    gaz = Gazetteer(path)
    load = time.perf_counter() - started
    gaz.find("Aleppo")  # the first lookup pays for nothing more than any other
    names = sample_names(str(path), 20_000)
    started, cpu = time.perf_counter(), time.process_time()
    for name in names:
        gaz.find(name)
    cold = len(names) / (time.perf_counter() - started)
    cold_cpu = len(names) / (time.process_time() - cpu)
    # News repeats names: 200,000 lookups drawn from 2,000 names, Zipf-like.
    rng = random.Random(7)
    pool = names[:2_000]
    stream = [pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)] for _ in range(200_000)]
    started, cpu = time.perf_counter(), time.process_time()
    for name in stream:
        gaz.find(name)
    warm = len(stream) / (time.perf_counter() - started)
    warm_cpu = len(stream) / (time.process_time() - cpu)
    print(f"gazetteer {path} ({path.stat().st_size / 1e6:.1f} MB): load {load * 1000:.0f} ms")
    # Wall-clock rates suffer when other processes share the core; CPU-time rates do not.
    print(f"cold lookups (distinct names): {cold:,.0f}/s wall, {cold_cpu:,.0f}/s CPU time")
    print(f"warm lookups (news-like repeats, cached): {warm:,.0f}/s wall, {warm_cpu:,.0f}/s CPU")


if __name__ == "__main__":
    main()
