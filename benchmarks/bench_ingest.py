"""Benchmark ingestion: in-process with 1 and 2 workers, and Spark local[1] and local[2].

    python benchmarks/bench_ingest.py                      # 1k and 10k documents
    python benchmarks/bench_ingest.py --sizes 1000,10000,100000 --runs local1,local2,spark2

Documents are generated (``benchmarks/corpus.py``: seed-article sentences with varied numbers,
places and dates, ~800 characters each) and written as JSON lines. Every run is its own process
on a fresh SQLite ledger, so its peak memory is its own: the largest sum of resident memory over
the process tree (driver, pool workers, Spark's JVM and Python workers), sampled every 0.1 s.
"CPU" is the CPU time of the whole tree during ingest, and "cores used" CPU / wall time: on a
shared machine it shows how much of the cores a run got. "ingest" is read → analyse → store (the map, what the engines differ in); "reconcile" is the
reduce, the same code for every engine, timed apart. Spark's session start is timed apart too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Run label → (engine, workers or Spark master).
RUNS: dict[str, tuple[str, str]] = {
    "local1": ("local", "1"),
    "local2": ("local", "2"),
    "spark1": ("spark", "local[1]"),
    "spark2": ("spark", "local[2]"),
}
DEFAULT_SIZES = (1_000, 10_000)


def _tree(root: int) -> tuple[int, float]:
    """Resident bytes, and CPU seconds used so far, of ``root`` and all its descendants (from /proc).

    CPU includes reaped children (cutime/cstime), so finished pool workers still count.
    """
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        cpu[pid] = sum(int(v) for v in fields[11:15]) / tick
    total, seconds, stack = 0, 0.0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        seconds += cpu.get(pid, 0.0)
        stack.extend(children.get(pid, []))
    return total, seconds


def tree_rss(root: int) -> int:
    return _tree(root)[0]


def tree_cpu(root: int) -> float:
    return _tree(root)[1]


class PeakMemory:
    """Samples the process tree's resident memory in a thread; ``peak`` is the largest seen."""

    def __init__(self, interval: float = 0.1) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)

    def _run(self, interval: float) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(os.getpid()))
            self._stop.wait(interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss(os.getpid()))


def one_run(label: str, corpus: Path, workdir: Path) -> dict[str, object]:
    """Ingest ``corpus`` with run ``label`` into a fresh ledger; returns the measurements."""
    from harmledger.pipeline import ingest, rebuild_incidents
    from harmledger.store import Ledger

    engine, how = RUNS[label]
    ledger = Ledger(f"sqlite:///{workdir / f'{label}.db'}")
    startup = 0.0
    with PeakMemory() as memory:
        if engine == "spark":
            from harmledger.spark import ingest_spark, spark_session

            t0 = time.perf_counter()
            session = spark_session(how)
            startup = time.perf_counter() - t0
            t0, cpu0 = time.perf_counter(), tree_cpu(os.getpid())
            report = ingest_spark(ledger, [str(corpus)], spark=session, reconcile_after=False)
        else:
            t0, cpu0 = time.perf_counter(), tree_cpu(os.getpid())
            report = ingest(ledger, [str(corpus)], workers=int(how), reconcile_after=False)
        ingest_s = time.perf_counter() - t0
        cpu_s = tree_cpu(os.getpid()) - cpu0
        t0 = time.perf_counter()
        incidents = rebuild_incidents(ledger)
        reconcile_s = time.perf_counter() - t0
        if engine == "spark":
            session.stop()
    return {
        "run": label, "docs": report.added, "claims": report.claims, "errors": len(report.errors),
        "incidents": incidents, "startup_s": startup, "ingest_s": ingest_s, "cpu_s": cpu_s, "reconcile_s": reconcile_s,
        "peak_mb": memory.peak / 2**20,
    }


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM, Python {platform.python_version()}, {platform.system()}"


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "| run | docs | claims | startup s | ingest s | docs/s | ms/doc | CPU ms/doc | cores used | reconcile s | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        docs = max(int(r["docs"]), 1)  # type: ignore[call-overload]
        ingest_s = float(r["ingest_s"])  # type: ignore[arg-type]
        cpu = float(r.get("cpu_s", 0.0))  # type: ignore[arg-type]
        lines.append(
            f"| {r['run']} | {r['docs']} | {r['claims']} | {float(r['startup_s']):.1f} | {ingest_s:.1f} | "  # type: ignore[arg-type]
            f"{docs / ingest_s:.1f} | {1000 * ingest_s / docs:.1f} | {1000 * cpu / docs:.1f} | {cpu / ingest_s:.2f} | "
            f"{float(r['reconcile_s']):.1f} | "  # type: ignore[arg-type]
            f"{float(r['peak_mb']):.0f} |"  # type: ignore[arg-type]
        )
    return "\n".join(lines)


def ratios(results: list[dict[str, object]], sizes: list[int]) -> list[str]:
    """2-worker / 1-worker throughput at each size; per-document cost at the largest size / the smallest."""
    cost = {(r["run"], r["size"]): float(r["ingest_s"]) / max(int(r["docs"]), 1) for r in results}  # type: ignore[arg-type, call-overload]
    out = []
    for one, two in (("local1", "local2"), ("spark1", "spark2")):
        for size in sizes:
            if (one, size) in cost and (two, size) in cost:
                out.append(f"scaling {two}/{one} at {size}: {cost[(one, size)] / cost[(two, size)]:.2f}x")
    small, large = min(sizes), max(sizes)
    for run in RUNS:
        if large != small and (run, small) in cost and (run, large) in cost:
            out.append(f"per-doc cost {run} {large}/{small}: {cost[(run, large)] / cost[(run, small)]:.2f}x")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated corpus sizes")
    parser.add_argument("--runs", default=",".join(RUNS), help=f"comma-separated, from {','.join(RUNS)}")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one", nargs=3, metavar=("RUN", "CORPUS", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one[0], Path(args.one[1]), Path(args.one[2]))))
        return
    from benchmarks.corpus import write_corpus

    sizes = [int(s) for s in args.sizes.split(",")]
    runs = [r for r in args.runs.split(",") if r]
    print(f"machine: {machine()}; load average now {os.getloadavg()[0]:.1f} (other processes share the cores)")
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="harmledger-bench-") as tmp:
        for size in sizes:
            corpus = write_corpus(Path(tmp) / f"corpus-{size}.jsonl", size)
            for run in runs:
                workdir = Path(tmp) / f"{run}-{size}"
                workdir.mkdir()
                done = subprocess.run([sys.executable, __file__, "--one", run, str(corpus), str(workdir)],
                                      capture_output=True, text=True)
                if done.returncode:
                    print(f"{run} at {size} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
                    continue
                result = {**json.loads(done.stdout.strip().splitlines()[-1]), "size": size}
                results.append(result)
                print(table([result]).splitlines()[-1], flush=True)
    print()
    print(table(results))
    print()
    print("\n".join(ratios(results, sizes)))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=1))


if __name__ == "__main__":
    main()
