"""Reading throughput and peak memory of ``read_sources`` on a generated JSON Lines file.

    python benchmarks/bench_read.py            # 1 GB
    python benchmarks/bench_read.py --mb 100   # smaller

Generates realistic news records (varied lengths, some metadata missing) in a temporary folder,
then times, in this one process: reading the file line by line (the floor), and
``read_sources`` over it. Prints MB/s for both, their ratio, and the peak RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from harmledger.documents import ReadOptions, read_sources
from harmledger.errors import InputError

SENTENCES = (
    "At least {n} civilians were killed on {day} when an airstrike hit a market in {place}, local officials said.",
    "The {group} said the toll could rise as rescue workers searched the rubble for survivors.",
    "Witnesses told reporters that the strike came shortly after midday, when the streets were crowded.",
    "{n} people were wounded and taken to hospitals in the area, according to the health ministry.",
    "The army denied targeting civilians and said it had struck a weapons depot used by militants.",
    "Human rights groups called for an independent investigation into the attack on {place}.",
    "Fighting in the province has displaced more than {n}00 families since the start of the month.",
    "“We heard the planes and then everything was dust,” said a resident who gave only his first name.",
)
PLACES = ("Manbij", "Idlib", "Kunduz", "Marawi", "Taiz", "Sirte", "Bama", "Gao", "Mosul", "Kherson")
GROUPS = ("Syrian Observatory for Human Rights", "United Nations", "Red Crescent", "local council")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def article(rng: random.Random) -> str:
    """One synthetic report of 6 to 40 sentences in paragraphs."""
    paragraphs = []
    for _ in range(rng.randint(2, 10)):
        paragraphs.append(" ".join(
            rng.choice(SENTENCES).format(n=rng.randint(2, 90), day=rng.choice(DAYS), place=rng.choice(PLACES), group=rng.choice(GROUPS))
            for _ in range(rng.randint(3, 4))
        ))
    return "\n\n".join(paragraphs)


def generate(path: Path, megabytes: float, seed: int = 7) -> int:
    """Write about ``megabytes`` MB of JSON Lines to ``path``; return the number of records."""
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    written = count = 0
    with path.open("w", encoding="utf-8") as f:
        while written < target:
            count += 1
            record = {"id": f"r{count}", "text": article(rng)}
            if rng.random() < 0.7:
                record["title"] = f"Strike in {rng.choice(PLACES)} kills {rng.randint(2, 90)}"
            if rng.random() < 0.6:
                record["published"] = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if rng.random() < 0.5:
                record["url"] = f"https://news.example/{count}"
            line = json.dumps(record, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
    return count


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1024.0, help="size of the generated JSONL in MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        t0 = time.perf_counter()
        records = generate(path, args.mb)
        size_mb = path.stat().st_size / (1024 * 1024)
        print(f"generated {size_mb:.0f} MB, {records} records in {time.perf_counter() - t0:.1f} s; RSS {peak_rss_mb():.0f} MB")

        t0 = time.perf_counter()
        lines = 0
        with path.open("rb") as f:
            for _ in f:
                lines += 1
        floor = time.perf_counter() - t0
        print(f"line by line:  {size_mb / floor:8.1f} MB/s ({floor:.1f} s, {lines} lines)")

        rss_before = peak_rss_mb()
        t0 = time.perf_counter()
        docs = errs = 0
        for item in read_sources([path], ReadOptions()):
            if isinstance(item, InputError):
                errs += 1
            else:
                docs += 1
        took = time.perf_counter() - t0
        print(f"read_sources:  {size_mb / took:8.1f} MB/s ({took:.1f} s, {docs} documents, {errs} errors)")
        print(f"ratio (read_sources time / line-by-line time): {took / floor:.0f}x")
        print(f"peak RSS: {peak_rss_mb():.0f} MB (before reading: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
