"""Build the offline gazetteer (src/harmledger/data/gazetteer.sqlite, or $HARMLEDGER_GAZETTEER)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from harmledger.places.build import build
from harmledger.places.gazetteer import default_path


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer file and print what went in, how long it took and its size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="output path")
    args = parser.parse_args(argv)
    out = args.out or default_path()
    started = time.perf_counter()
    counts = build(out)
    took = time.perf_counter() - started
    size = out.stat().st_size / 1e6
    summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    print(f"gazetteer: {out} ({size:.1f} MB) in {took:.1f} s: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
