"""A bad-input corpus built by code: hostile and broken files with good articles mixed in.

``build_corpus(folder)`` writes every file and returns what a reader must make of each: the
errors it must report (naming the file, and the line or record) and the good articles it must
keep. Nothing is stored in the repository: the corpus is rebuilt in a temporary folder.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from harmledger.documents import ReadOptions

# Read with a 2 MB record limit so the oversized records are refused without 50 MB files.
LIMIT = 2 * 1024 * 1024
OPTIONS = ReadOptions(max_record_bytes=LIMIT)

# Good articles: each sentence is a phrase the stored text must contain.
ARTICLES = [
    "An airstrike killed at least 12 civilians in a market in Idlib on Tuesday, rescue workers said.",
    "Shelling of a residential district of Aleppo killed 7 people and wounded 20 others, medics said.",
    "A car bomb exploded near a checkpoint in Mosul, killing 4 soldiers, the army said on Friday.",
    "Gunmen attacked a village near Kabul overnight, killing 9 people including 3 children, police said.",
    "Two rockets hit a school in Gaza on Monday, wounding 15 pupils, the health ministry said.",
    "Clashes in Sanaa left 11 fighters dead on Sunday, according to local officials.",
    "A drone strike on a convoy in Raqqa killed 5 people on Wednesday, monitors said.",
    "Mortar fire on a refugee camp near Homs injured 8 women, the Red Crescent said on Thursday.",
    "Security forces detained 14 protesters in Baghdad on Saturday, witnesses said.",
    "An explosion at a bus station in Kirkuk killed 6 passengers, officials said.",
    "Police said 3 people were killed when a bomb went off in a market in Fallujah.",
    "The hospital in Deir ez-Zor received 10 wounded civilians after the strike, doctors said.",
    "1e999 killed in the overnight shelling of Hama, a post on social media claimed, without evidence.",
    "10,000,000,000 dead, a spam message said of Idlib; local medics counted 2 dead on Monday.",
]
SCRIPT_PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(2)" onclick="alert(3)"></a>',
    "<svg onload=alert(4)></svg>",
    '<iframe src="javascript:alert(5)"></iframe>',
    "<style>body{background:url(javascript:alert(6))}</style>",
]


@dataclass
class Corpus:
    """The folder, the errors a run must report and the articles it must store."""

    folder: Path
    errors: list[tuple[str, type]] = field(default_factory=list)  # (words every report names, error class)
    good: list[str] = field(default_factory=list)  # a phrase of each good article
    forbidden: list[str] = field(default_factory=list)  # text that must never reach a stored document
    paths: list[Path] = field(default_factory=list)  # what to ingest: the folder, and files named alone


def page(body: str, title: str = "Report") -> bytes:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def warc(records: list[bytes], gz: bool) -> bytes:
    """A WARC holding one HTML response per payload."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for i, payload in enumerate(records):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{i}",
                "response",
                payload=io.BytesIO(payload),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2016-07-21T09:30:00Z"},
            )
        )
    return buffer.getvalue()


def _add_text_files(c: Corpus, write: Callable[[str, bytes], Path]) -> None:
    for i, text in enumerate(ARTICLES[:3]):
        write(f"good/article-{i}.txt", text.encode())
        c.good.append(text)
    write("numbers.txt", (ARTICLES[12] + "\n\n" + ARTICLES[13] + "\n").encode())
    c.good += ARTICLES[12:14]
    write("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    c.errors.append(("binary.txt", _errors().BinaryInput))
    write("nul-bytes.txt", ARTICLES[3].encode().replace(b" ", b"\x00"))
    c.errors.append(("nul-bytes.txt", _errors().BinaryInput))
    # Invalid UTF-8 inside an English article: read (as a legacy encoding), never refused.
    write("invalid-utf8.txt", ARTICLES[4].encode().replace(b"Monday", b"Mon\xff\xfeday") + b"\xc3\x28 \xa0\xa1")
    c.good.append("Two rockets hit a school in Gaza")
    write("empty.txt", b"  \n\t\n")
    c.errors.append(("empty.txt", _errors().EmptyInput))
    write("ten-mb-line.txt", b"killed 5 " * (10 * 1024 * 1024 // 9 + 1))
    c.errors.append(("ten-mb-line.txt", _errors().RecordError))
    # Gzipped text is read by its content, whether named or found in a folder.
    c.paths.append(write("loose/notes.txt.gz", gzip.compress(ARTICLES[5].encode())))
    c.good.append("Clashes in Sanaa left 11 fighters dead")
    # A file in no format we read is named in the folder's one summary line.
    write("casualties.csv", b"date,killed\n2016-07-20,12\n")
    c.errors.append(("skipped 1 file not in a readable format: casualties.csv", _errors().SkippedFiles))


def _add_json(c: Corpus, write: Callable[[str, bytes], Path]) -> None:
    lines = [
        json.dumps({"id": "j1", "title": "Good line", "text": ARTICLES[6], "published": "2016-07-20"}).encode(),
        json.dumps({"id": "j2", "text": 12345}).encode(),  # text of the wrong type
        json.dumps({"id": "j3", "text": ["a", "list"]}).encode(),
        json.dumps(["an", "array", "not", "an", "object"]).encode(),
        json.dumps(
            {"id": "j5", "title": {"nested": True}, "published": {"$date": None}, "author": [1, 2], "text": ARTICLES[7]}
        ).encode(),  # metadata of wrong types: the article still counts
        b'{"id": "j6", "text": "cut off',
        json.dumps({"id": "j7", "body": None}).encode(),
        json.dumps({"id": "j8", "text": "x" * (LIMIT + 10)}).encode(),  # a line over the limit
        json.dumps({"id": "j9", "text": ARTICLES[8], "published": "1e999"}).encode(),
        b'{"id": "j10", "text": "\xff\xfe not utf-8"}',  # invalid UTF-8
        json.dumps({"id": "j11", "text": "   "}).encode(),
        json.dumps({"id": "j12", "text": ARTICLES[9], "published": -1, "url": 3.5, "outlet": False}).encode(),
        b"\x00\x01binary line",
    ]
    write("wrong-types.jsonl", b"\n".join(lines) + b"\n")
    c.good += [ARTICLES[6], ARTICLES[7], ARTICLES[8], ARTICLES[9]]
    E = _errors()
    c.errors += [
        ("wrong-types.jsonl:2", E.RecordError),
        ("wrong-types.jsonl:3", E.RecordError),
        ("wrong-types.jsonl:4", E.RecordError),
        ("wrong-types.jsonl:6", E.RecordError),
        ("wrong-types.jsonl:7", E.RecordError),
        ("wrong-types.jsonl:8", E.RecordError),
        ("wrong-types.jsonl:10", E.RecordError),
        ("wrong-types.jsonl:11", E.EmptyInput),
        ("wrong-types.jsonl:13", E.RecordError),
    ]
    array = [{"text": ARTICLES[10]}, {"text": None}, 42, {"text": ARTICLES[11], "published": [2016, 7, 20]}]
    write("array.json", json.dumps(array).encode())
    c.good += [ARTICLES[10], ARTICLES[11]]
    c.errors += [("array.json [item 2]", E.RecordError), ("array.json [item 3]", E.RecordError)]
    write("cut.json", json.dumps({"text": ARTICLES[0]})[:-20].encode())
    c.errors.append(("cut.json", E.RecordError))


def _add_html(c: Corpus, write: Callable[[str, bytes], Path]) -> None:
    E = _errors()
    hostile = "".join(SCRIPT_PAYLOADS)
    body = (
        f"{hostile}<article><p>Fighting near Daraa killed 13 civilians on Tuesday, a monitoring group said.</p>"
        f'<p onmouseover="alert(7)">Residents fled the town overnight {SCRIPT_PAYLOADS[1]} as shelling went on.</p>'
        "</article>"
    )
    write("hostile.html", page(body, title="Daraa<script>alert(8)</script>"))
    c.good.append("Fighting near Daraa killed 13 civilians")
    c.forbidden += ["alert(", "onerror", "onclick", "javascript:", "<script"]
    write("scripts-only.html", page("".join(SCRIPT_PAYLOADS)))
    c.errors.append(("scripts-only.html", E.EmptyInput))
    # Nesting far past what lxml parses (256 levels): the page is reported, not half-read.
    nested = (
        "<div>" * 5000
        + "<p>A landmine killed 2 shepherds near Tal Afar on Sunday, officials said.</p>"
        + "</div>" * 5000
    )
    write("deeply-nested.html", page(nested))
    c.errors.append(("deeply-nested.html", E.EmptyInput))
    nested = "<div>" * 100 + "<p>A sniper killed 2 farmers near Sinjar on Monday, officials said.</p>" + "</div>" * 100
    write("nested.html", page(nested))
    c.good.append("A sniper killed 2 farmers near Sinjar")
    write("binary.html", b"\x00\x00\x01\x00" + bytes(range(256)))
    c.errors.append(("binary.html", E.BinaryInput))


def _add_warc(c: Corpus, write: Callable[[str, bytes], Path]) -> None:
    E = _errors()
    first = page(
        "<article><p>An airstrike on a bakery in Maarat al-Numan killed 16 people, residents said.</p></article>"
    )
    second = page("<article><p>Shelling of Douma wounded 22 civilians on Thursday, rescuers said.</p></article>")
    whole = warc([first, second], gz=True)
    write("crawl.warc.gz", whole)
    c.good += ["bakery in Maarat al-Numan killed 16", "Shelling of Douma wounded 22"]
    # The same two records, but the file cut in the middle of the second: the first is still read.
    third = page("<article><p>A suicide bomber killed 19 worshippers at a mosque in Quetta, police said.</p></article>")
    cut = warc([third, second.replace(b"22", b"23")], gz=True)
    write("truncated.warc.gz", cut[: len(cut) - 60])
    c.good.append("killed 19 worshippers at a mosque in Quetta")
    c.errors.append(("truncated.warc.gz @ byte", E.RecordError))
    plain = warc([page("<p>Airstrikes on Ariha killed 8 members of one family, neighbours said.</p>")], gz=False)
    write("truncated.warc", plain[: len(plain) // 2])
    c.errors.append(("truncated.warc @ byte", E.RecordError))
    # A decompression bomb: a tiny gzip member whose page inflates past the record limit.
    bomb = warc(
        [
            page("<p>" + "A" * (LIMIT * 3) + "</p>"),
            page("<p>Gunfire at a protest in Basra killed 3 demonstrators, medics said.</p>"),
        ],
        gz=True,
    )
    assert len(bomb) < LIMIT // 50, "the bomb must be small on disk"
    write("bomb.warc.gz", bomb)
    c.good.append("Gunfire at a protest in Basra killed 3 demonstrators")
    c.errors.append(("bomb.warc.gz [<urn:uuid:", E.RecordError))


def _errors():  # noqa: ANN202 - the module, imported late so this file reads top-down
    from harmledger import errors

    return errors


def build_corpus(folder: Path) -> Corpus:
    """Write the whole bad-input corpus (about 25 MB, mostly the oversized lines) under ``folder``."""
    corpus = Corpus(folder, paths=[folder])

    def write(name: str, data: bytes) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    _add_text_files(corpus, write)
    _add_json(corpus, write)
    _add_html(corpus, write)
    _add_warc(corpus, write)
    return corpus
