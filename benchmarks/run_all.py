"""Run every ``benchmarks/bench_*.py`` in turn, each in its own process, with modest sizes (`make bench`)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Arguments that keep a script's run to minutes; a script not named here runs with its defaults.
MODEST_ARGS: dict[str, list[str]] = {
    "bench_api.py": ["--incidents", "10000", "--requests", "100"],
    "bench_extract.py": ["--docs", "2000"],
    "bench_ingest.py": ["--sizes", "1000"],
    "bench_read.py": ["--mb", "100"],
    "bench_reconcile.py": ["--max", "100000"],
}


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        command = [sys.executable, str(script), *MODEST_ARGS.get(script.name, [])]
        print(f"== {script.name} {' '.join(command[2:])}", flush=True)
        started = time.perf_counter()
        if subprocess.run(command, cwd=HERE.parent).returncode:  # output streams straight through
            failed.append(script.name)
        print(f"== {script.name} took {time.perf_counter() - started:.0f} s\n", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
