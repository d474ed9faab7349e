"""Ingest of one large text file, 0.3, 1 and 3 MB, as a single line and as real prose.

    python benchmarks/bench_large_input.py                  # 0.3, 1 and 3 MB
    python benchmarks/bench_large_input.py --sizes 0.3,1

Builds each input from real report text: the seed article, the team's fixtures
(``tests/fixtures/*/documents.jsonl``) and, when present, the gold sets' documents read in place
from ``../shared/data`` (never copied into the repository). Kinds:

- ``one-line``: all of it on one line (paragraph breaks become spaces);
- ``no-punct``: one line with every punctuation mark removed (no sentence ends at all);
- ``prose``: the texts as written, separated by blank lines (the reader splits the file into
  articles, so this measures the ordinary per-article pipeline, not a bound).

Each run ingests one file into a fresh SQLite ledger in a fresh process (spaCy and the
gazetteer loaded first, not timed) and prints the wall time, claims, documents, the time per MB
and its ratio to the smallest size's (1.0 = linear), and the first warning of the ingest report.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent.parent / "shared"  # /work/shared beside /work/wt/<name> or /work/main
KINDS = ("one-line", "no-punct", "prose")


def source_texts() -> list[str]:
    texts = [Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(ROOT / "samples" / "*.txt")))]
    files = sorted(glob.glob(str(ROOT / "tests" / "fixtures" / "*" / "documents.jsonl")))
    for extra in (SHARED / "data", Path("/work/shared/data")):
        if extra.is_dir():
            files += sorted(glob.glob(str(extra / "*" / "documents.jsonl")))
            break
    for name in files:
        with open(name, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts


def build(kind: str, megabytes: float, texts: list[str]) -> str:
    # Shuffled once (fixed seed), so every size has the same mix of kinds of report; repeated
    # only past the 3.2 MB the sources hold (a repeated article is skipped as already stored).
    texts = list(texts)
    random.Random(7).shuffle(texts)
    prose = "\n\n".join(texts)
    if kind == "one-line":
        base, sep = " ".join(prose.split()), " "
    elif kind == "no-punct":
        base, sep = " ".join(re.sub(r"[^\w\s]", " ", prose).split()), " "
    else:
        base, sep = prose, "\n\n"
    size = int(megabytes * 1_000_000)
    out = (base + sep) * (size // len(base) + 1)
    return out[:size].rstrip() + "\n"


CHILD = r"""
import json, sys, time
from harmledger.nlp import load_pipeline
from harmledger.pipeline import ingest
from harmledger.places import get_gazetteer
from harmledger.places.geoparse import NER_EXCLUDE
from harmledger.store import Ledger
load_pipeline(NER_EXCLUDE); get_gazetteer()
ledger = Ledger(sys.argv[2])
t = time.perf_counter()
report = ingest(ledger, [sys.argv[1]])
print(json.dumps({"s": time.perf_counter() - t, "docs": report.added, "claims": report.claims,
                  "errors": report.errors, "warnings": report.warnings}))
"""


def run(path: Path, db: Path) -> dict:
    # This checkout's code, not whichever one the venv installed (a worktree measures itself).
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(db)], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.3,1,3", help="file sizes in MB, comma-separated")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    texts = source_texts()
    print(f"source: {len(texts)} texts, {sum(map(len, texts)) / 1e6:.1f} M characters")
    print(f"{'kind':<9} {'MB':>5} {'seconds':>8} {'s/MB':>6} {'×smallest':>9} {'docs':>5} {'claims':>7}  warning")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            first = None
            for mb in sizes:
                path = Path(tmp) / f"{kind}-{mb}.txt"
                path.write_text(build(kind, mb, texts), encoding="utf-8")
                got = run(path, Path(tmp) / f"{kind}-{mb}.db")
                per_mb = got["s"] / mb
                first = first or per_mb
                warning = (got["errors"] or got["warnings"] or [""])[0]
                print(f"{kind:<9} {mb:>5} {got['s']:>8.2f} {per_mb:>6.2f} {per_mb / first:>9.2f} "
                      f"{got['docs']:>5} {got['claims']:>7}  {warning[:90]}", flush=True)


if __name__ == "__main__":
    main()
