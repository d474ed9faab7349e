"""Inputs are read by what they are and nothing is passed over without a word.

gzip files are read by content; a folder walk names every file it skips, with the reason, and
the exit code says so; text that is not UTF-8 and a `published` value that is not a date are
named (file, offset or line) while the document is still stored.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from harmledger.cli import main
from harmledger.documents import ReadOptions, decide_genre, read_sources
from harmledger.errors import InputError, SkippedFiles
from harmledger.evaluate.gold import read_jsonl
from harmledger.records import Document

ARTICLE = (
    "KABUL, March 3, 2021 — A roadside bomb killed four civilians and wounded nine others on a "
    "highway outside the city on Wednesday, a provincial spokesman said.\n"
)
PAGE = f"<html><head><title>Bomb on the highway</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
WARC_RECORD = (
    "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\n"
    "WARC-Date: 2021-03-03T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
    "Content-Type: application/http; msgtype=response\r\nContent-Length: {n}\r\n\r\n{http}\r\n\r\n"
)


def warc_bytes() -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{PAGE}"
    return WARC_RECORD.format(n=len(http.encode()), http=http).encode()


def docs_and_errors(paths: list[Path], options: ReadOptions = ReadOptions()) -> tuple[list[Document], list[InputError]]:
    items = list(read_sources(paths, options))
    # Analysis decides the genre; these documents are stored as they are, so decide it here.
    return [decide_genre(i) for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("article.txt.gz", ARTICLE.encode()),
        ("page.html.gz", PAGE.encode()),
        ("feed.jsonl.gz", (json.dumps({"text": ARTICLE, "url": "https://example.org/bomb"}) + "\n").encode()),
        ("capture.gz", warc_bytes()),  # no inner name: a WARC by its content
        ("mystery.gz", ARTICLE.encode()),  # no inner name: text by its content
    ],
)
def test_a_gzip_file_is_read_by_its_content(tmp_path: Path, name: str, payload: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(payload))
    [doc], errors = docs_and_errors([path])
    assert errors == []
    assert "roadside bomb killed four civilians" in doc.text
    assert doc.origin == str(path)


def test_a_gzipped_article_on_stdin_is_read(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("harmledger")), "ingest", "-", "--db", str(db)],
        input=gzip.compress(ARTICLE.encode()),
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"1 documents added" in result.stdout


def test_a_damaged_gzip_file_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(ARTICLE.encode() * 50)[:60])
    fake = tmp_path / "fake.txt.gz"
    fake.write_bytes(b"this is not gzip at all")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    docs, errors = docs_and_errors([broken, fake, good])
    assert [d.origin for d in docs] == [str(good)]
    assert [e.where for e in errors] == [str(broken), str(fake)]
    assert "truncated or corrupt" in errors[0].reason and "not gzip data" in errors[1].reason
    assert "a text file is not" in errors[0].reason  # it said what was read was kept: nothing was


def test_a_folder_walk_names_every_file_it_skips_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt.gz").write_bytes(gzip.compress(ARTICLE.replace("four", "five").encode()))
    (folder / "casualties.csv").write_text("date,killed\n2021-03-03,4\n", encoding="utf-8")
    (folder / "sub" / "blob.bin").write_bytes(b"\x00\x01\x02")
    (folder / "README").write_text("notes for the team\n", encoding="utf-8")
    (folder / ".hidden.csv").write_text("x\n", encoding="utf-8")
    (folder / "a.txt.meta.json").write_text('{"outlet": "Wire"}', encoding="utf-8")
    docs, errors = docs_and_errors([folder])
    assert sorted(Path(d.origin).name for d in docs) == ["a.txt", "b.txt.gz"]
    [summary] = errors
    assert isinstance(summary, SkippedFiles) and summary.where == str(folder)
    assert summary.reason.startswith("skipped 3 files")
    for name, reason in [
        ("casualties.csv", ".csv is not a format harmledger reads"),
        ("sub/blob.bin", ".bin is not a format"),
        ("README", "no extension"),
    ]:
        assert name in summary.reason and reason in summary.reason
    assert ".hidden" not in summary.reason and "meta.json" not in summary.reason


def test_the_cli_prints_the_skipped_files_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "casualties.csv").write_text("date,killed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "l.db"), "-q"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "skipped 1 file" in line]
    assert len(lines) == 1 and "casualties.csv" in lines[0] and lines[0].startswith("error: ")
    assert "1 documents added" in result.output


def test_text_that_is_not_utf8_is_stored_and_the_first_bad_byte_and_the_encoding_are_named(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "KABUL, 3 March 2021 - Des tirs ont tué quatre civils près du marché, a déclaré un porte-parole.\n"
    data = text.encode("cp1252")
    path.write_bytes(data)
    [doc], errors = docs_and_errors([path])
    assert errors == [] and "tué quatre civils" in doc.text
    [note] = doc.notes
    offset = data.index("é".encode("cp1252"))
    assert note.startswith(f"{path}: not UTF-8 (byte 0xe9 at offset {offset}); decoded as ")
    assert doc.encoding in note
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "l.db"), "-q"])
    assert result.exit_code == 0
    assert f"warning: {path}: not UTF-8 (byte 0xe9 at offset {offset})" in result.output


@pytest.mark.parametrize(
    ("published", "given", "expected"),
    [
        ("not-a-date", None, None),
        ("32/13/2021", "2021-03-04", "2021-03-04"),
    ],
)
def test_a_published_value_that_is_not_a_date_is_named_with_file_and_line(
    tmp_path: Path, published: str, given: str | None, expected: str | None
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": ARTICLE.replace("KABUL, March 3, 2021 — ", ""), "published": "2021-03-03"})
        + "\n"
        + json.dumps(
            {"text": ARTICLE.replace("four", "six").replace("KABUL, March 3, 2021 — ", ""), "published": published}
        )
        + "\n",
        encoding="utf-8",
    )
    from datetime import date

    options = ReadOptions(published=date.fromisoformat(given) if given else None)
    first, second = docs_and_errors([feed], options)[0]
    assert first.notes == () and str(first.published) == "2021-03-03"
    assert (str(second.published) if second.published else None) == expected
    [note] = second.notes
    assert note.startswith(f"{feed}:2: published value {published!r} is not a date")
    assert ("used --published" in note) == bool(given) and ("left undated" in note) != bool(given)


def test_the_gold_reader_splits_lines_on_newline_only(tmp_path: Path) -> None:
    gold = tmp_path / "claims.jsonl"
    # JSON allows U+0085, U+2028 and a form feed unescaped inside a string; str.splitlines() splits there.
    gold.write_text(
        json.dumps({"doc": "d1", "quote": "killed\u0085 3", "note": "a\u2028b\x0cc"}, ensure_ascii=False)
        + "\r\n"
        + json.dumps({"doc": "d2", "quote": "two"})
        + "\n",
        encoding="utf-8",
    )
    rows = read_jsonl(gold)
    assert [r["doc"] for r in rows] == ["d1", "d2"]
    assert rows[0]["quote"] == "killed\u0085 3" and rows[0]["note"] == "a\u2028b\x0cc"


def test_the_document_page_shows_its_reading_notes(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from harmledger.store import Ledger
    from harmledger.web import create_app

    path = tmp_path / "latin.txt"
    path.write_bytes("Des tirs ont tué quatre civils près du marché lundi.\n".encode("cp1252"))
    [doc], _ = docs_and_errors([path])
    with Ledger(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        ledger.add_document(doc, [])
        assert ledger.get_document(doc.id).notes == doc.notes != ()
        with TestClient(create_app(ledger, secret="s")) as client:
            page = client.get(f"/documents/{doc.id}").text
    assert "Reading notes" in page and f"decoded as {doc.encoding}" in page
