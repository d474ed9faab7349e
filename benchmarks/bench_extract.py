"""Claims-extraction speed against the plain spaCy pipeline, on one core, over generated news.

    python benchmarks/bench_extract.py [--docs 5000] [--spacy-docs 150] [--seed 0]

The corpus is generated as a stream: each document is 20–40 sentences drawn (deterministically)
from the seed article, the UCDP headlines and the GeoVirus WikiNews articles in the shared gold
data (the seed article alone when that folder is absent), in paragraphs of 3–5 sentences — about
news length, and denser in casualty sentences than real news. ``extract_claims`` runs over every
document; the plain spaCy pipeline (``load_pipeline()``, every component) runs over every
sentence of the first ``--spacy-docs`` documents of the same stream and its time is extrapolated
to the whole corpus (it manages ~6k words/s, so a full pass over 5,000 documents would take
most of an hour); the script says so in its output. Peak memory is the process's max RSS, read
after the first half and after all of the extraction pass (flat = streaming).
"""

from __future__ import annotations

import argparse
import json
import random
import os
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from harmledger.extract import extract_claims  # noqa: E402
from harmledger.extract.text import split_sentences  # noqa: E402
from harmledger.nlp import load_pipeline  # noqa: E402
from harmledger.records import Document, sha256_hex  # noqa: E402

SEED_TEXT = ROOT / "samples" / "000_211a3c4709587a4d.txt"
# The development gold sets sit beside the checkout (../shared/data); the seed alone also works.
SHARED = Path(os.environ.get("HARMLEDGER_GOLD_DATA", ROOT.parent / "shared" / "data"))
GOLD_FILES = (SHARED / "ucdp-headlines" / "documents.jsonl", SHARED / "geovirus" / "documents.jsonl")
WORD = re.compile(r"\S+")


def sentence_pool() -> list[str]:
    """Every sentence of the gold texts that are present."""
    texts = [SEED_TEXT.read_text(encoding="utf-8")]
    for path in GOLD_FILES:
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = [text[s:e] for text in texts for s, e in split_sentences(text)]
    return [s for s in pool if len(s.split()) >= 4]


def documents(n: int, seed: int, pool: list[str]) -> Iterator[Document]:
    """``n`` generated documents, one at a time."""
    rng = random.Random(seed)
    for i in range(n):
        sentences = rng.sample(pool, rng.randint(20, 40))
        paragraphs, k = [], 0
        while k < len(sentences):
            size = rng.randint(3, 5)
            paragraphs.append(" ".join(sentences[k : k + size]))
            k += size
        text = "\n\n".join(paragraphs)
        yield Document(id=sha256_hex(f"{seed}-{i}-{text}"), original=text.encode(), text=text, origin=f"bench-{i}", genre="news")


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--spacy-docs", type=int, default=150, help="documents the spaCy pass samples")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    pool = sentence_pool()
    print(f"sentence pool: {len(pool)} sentences; corpus: {args.docs} documents (streamed)")

    words = claims = 0
    half_rss = 0.0
    extract_s = extract_cpu = 0.0  # only the extract_claims calls are timed, not the generator
    for i, doc in enumerate(documents(args.docs, args.seed, pool)):
        words += len(WORD.findall(doc.text))
        started, cpu_started = time.perf_counter(), time.process_time()
        claims += len(extract_claims(doc))
        extract_s += time.perf_counter() - started
        extract_cpu += time.process_time() - cpu_started
        if i + 1 == args.docs // 2:
            half_rss = max_rss_mb()
    full_rss = max_rss_mb()
    print(f"extract_claims: {args.docs / extract_s:,.0f} docs/s, {words / extract_s:,.0f} words/s wall "
          f"({args.docs / extract_cpu:,.0f} docs/s, {words / extract_cpu:,.0f} words/s CPU time; "
          f"{words:,} words, {words / args.docs:.0f} words/doc, {claims:,} claims, {extract_s:.1f} s)")
    print(f"peak RSS after half the corpus: {half_rss:.0f} MB; after all of it: {full_rss:.0f} MB")

    nlp = load_pipeline()
    sample = list(documents(min(args.spacy_docs, args.docs), args.seed, pool))
    sentences = [doc.text[s:e] for doc in sample for s, e in split_sentences(doc.text)]
    sample_words = sum(len(WORD.findall(doc.text)) for doc in sample)
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(sentences, batch_size=256):
        pass
    spacy_s = time.perf_counter() - started
    spacy_cpu = time.process_time() - cpu_started
    spacy_words_per_s = sample_words / spacy_s
    extrapolated = words / spacy_words_per_s
    print(f"plain spaCy ({'+'.join(nlp.pipe_names)}) over every sentence of the first {len(sample)} "
          f"documents: {len(sample) / spacy_s:,.1f} docs/s, {spacy_words_per_s:,.0f} words/s; "
          f"extrapolated to the whole corpus: {extrapolated:,.0f} s (sampled, not run in full)")
    cpu_ratio = (words / (sample_words / spacy_cpu)) / extract_cpu
    print(f"speed ratio extract_claims / plain spaCy: {extrapolated / extract_s:.1f}x wall, "
          f"{cpu_ratio:.1f}x CPU time (targets: >= 5x and >= 300 docs/s)")
    print(f"peak RSS with spaCy loaded: {max_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
