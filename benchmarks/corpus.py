"""Generated news-like documents for scaling tests and benchmarks, written as JSON lines.

Each document is a headline and a few sentences taken from the seed article and the gold quotes
in ``tests/fixtures/seed``, with every number, the place names and the publication date varied,
so the pipeline meets real sentence shapes at any corpus size (deterministic for a given seed).
"""

from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "samples" / "000_211a3c4709587a4d.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "seed"

# Places swapped in for the seed's own (same country first, then elsewhere).
PLACES: tuple[str, ...] = (
    "Aleppo", "Manbij", "Raqqa", "Idlib", "Homs", "Deir ez-Zor", "Mosul", "Fallujah", "Kabul",
    "Kandahar", "Sanaa", "Taiz", "Hodeidah", "Mogadishu", "Maiduguri", "Benghazi", "Tripoli",
    "Donetsk", "Kharkiv", "Khan Younis", "Rafah", "Gao", "Timbuktu", "Goma",
)
SEED_PLACE_NAMES: tuple[str, ...] = ("Aleppo", "Manbij", "Syria", "Tokhar", "Hoshariye")
OUTLETS: tuple[str, ...] = ("Al-Jazeera", "Reuters", "AFP", "BBC News", "The Guardian", "AP", "Anadolu")
CASUALTY_WORDS = re.compile(r"\b(killed|dead|died|deaths?|casualties|wounded|injured|toll|civilians)\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
NUMBER = re.compile(r"\b\d+\b")
SEED_PLACES = re.compile(r"\b(?:" + "|".join(SEED_PLACE_NAMES) + r")\b")


def _sentences() -> tuple[list[str], list[str]]:
    """(casualty sentences, other sentences) from the seed article and the fixture quotes."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    found = [s.strip() for para in text.split("\n") for s in SENTENCE_END.split(para) if s.strip()]
    for name in ("claims.jsonl", "negatives.jsonl"):
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            quote = json.loads(line).get("quote") or ""
            if quote:
                found.append(quote[0].upper() + quote[1:] + ("" if quote.endswith((".", "”")) else "."))
    found = [s for s in dict.fromkeys(found) if 5 <= len(s.split()) <= 70]
    casualty = [s for s in found if CASUALTY_WORDS.search(s) and NUMBER.search(s)]
    other = [s for s in found if s not in casualty]
    return casualty, other


def _vary(sentence: str, rng: random.Random, place: str) -> str:
    sentence = NUMBER.sub(lambda m: str(rng.randint(2, 400)) if int(m.group()) > 1 else m.group(), sentence)
    return SEED_PLACES.sub(place, sentence)


def generate(n: int, seed: int = 0) -> list[dict[str, str]]:
    """``n`` JSON records with ``text``, ``title``, ``url``, ``published`` and ``outlet``."""
    rng = random.Random(seed)
    casualty, other = _sentences()
    start = date(2015, 1, 1)
    records = []
    for i in range(n):
        place = rng.choice(PLACES)
        body = [_vary(s, rng, place) for s in rng.sample(casualty, rng.randint(1, 3))]
        body += [_vary(s, rng, place) for s in rng.sample(other, rng.randint(2, 5))]
        rng.shuffle(body)
        paragraphs = "\n\n".join(" ".join(body[j : j + 2]) for j in range(0, len(body), 2))
        records.append({
            "text": paragraphs,
            "title": f"Strike near {place} kills {rng.randint(2, 90)}",
            "url": f"https://news.example.org/{i:07d}",
            "published": (start + timedelta(days=rng.randint(0, 2000))).isoformat(),
            "outlet": rng.choice(OUTLETS),
        })
    return records


def write_corpus(path: Path, n: int, seed: int = 0) -> Path:
    """Write ``generate(n, seed)`` to ``path`` as JSON lines (one compact record per line)."""
    from harmledger.spark import record_line

    with path.open("wb") as out:
        for record in generate(n, seed):
            out.write(record_line(record) + b"\n")
    return path
