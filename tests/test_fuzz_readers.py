"""Fuzzing every reader through ``read_sources``: arbitrary bytes and mangled shapes never raise.

Each example is written to a file in a temporary folder and read the way a user's folder is
read. The contract under test: ``read_sources`` yields only ``Document``, ``SourceFile`` and
``InputError`` items (it never raises for input), every error names the file it is about,
and every document's id is the SHA-256 of the bytes it keeps.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from harmledger.documents import ReadOptions, SourceFile, read_sources
from harmledger.errors import InputError
from harmledger.records import Document, sha256_hex

# Examples per test: the whole fuzz set (this file and test_fuzz_text.py) runs in well under a minute.
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Every file name a reader is chosen by, plus names that make read_sources sniff the bytes.
SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".json", ".warc", ".warc.gz", ".dat", ""]

PAGE = (
    b"<html><head><title>Strike on market</title></head><body><article><p>An airstrike killed "
    b"at least 12 civilians in a market near Manbij on Tuesday, local officials said.</p><p>Rescue "
    b"workers searched the rubble for survivors through the night.</p></article></body></html>"
)


def read_file(folder: Path, name: str, data: bytes, options: ReadOptions = ReadOptions()) -> list[object]:
    """Write ``data`` to ``folder/name`` and read it back, checking the reader's contract."""
    path = folder / name
    path.write_bytes(data)
    items = list(read_sources([str(path)], options))
    for item in items:
        assert isinstance(item, (Document, SourceFile, InputError)), type(item)
        if isinstance(item, InputError):
            assert str(path) in item.where, f"error does not name the file: {item}"
        if isinstance(item, Document):
            assert item.id == sha256_hex(item.original)
            assert item.origin == str(path)
            assert item.text.strip()
    return items


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-readers")


# -- arbitrary bytes under every name ----------------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
@FEW
@given(data=st.binary(max_size=2048))
def test_arbitrary_bytes_under_every_name_are_read_or_reported(folder: Path, suffix: str, data: bytes) -> None:
    read_file(folder, f"input{suffix}", data)


# Bytes that look like the start of each format, then noise: reach past the readers' first checks.
PREFIXES = [b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"<!DOCTYPE html><html><body>", b'{"text": "', b"[{", b"\xef\xbb\xbf"]


@pytest.mark.parametrize("suffix", SUFFIXES)
@FEW
@given(prefix=st.sampled_from(PREFIXES), tail=st.binary(max_size=1024))
def test_format_headers_followed_by_noise_are_reported(folder: Path, suffix: str, prefix: bytes, tail: bytes) -> None:
    read_file(folder, f"noise{suffix}", prefix + tail)


@SOME
@given(text=st.text(max_size=3000), encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1256", "utf-8-sig"]))
def test_any_text_in_any_encoding_is_read_or_reported(folder: Path, text: str, encoding: str) -> None:
    read_file(folder, "article.txt", text.encode(encoding, errors="replace"))


# -- JSON of every shape -----------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=200),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
FIELDS = ["text", "content", "title", "url", "published", "date", "outlet", "source", "author", "id"]
# An article record whose fields may hold any JSON type (a number where the text goes, a list of dates …).
RECORDS = st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | st.text(max_size=300), max_size=8)


@SOME
@given(records=st.lists(RECORDS | JSON_VALUES, max_size=6))
def test_json_lines_with_wrong_types_are_read_or_reported_per_line(folder: Path, records: list[object]) -> None:
    data = b"\n".join(json.dumps(r).encode() for r in records)
    items = read_file(folder, "records.jsonl", data)
    # one item at most per line, never an extra (an empty file is one error: nothing to read)
    assert len(items) <= max(1, len(records))


@SOME
@given(value=st.lists(RECORDS, max_size=5) | RECORDS | JSON_VALUES, cut=st.integers(min_value=0, max_value=400))
def test_json_files_whole_or_cut_short_are_read_or_reported(folder: Path, value: object, cut: int) -> None:
    data = json.dumps(value).encode()
    read_file(folder, "whole.json", data)
    read_file(folder, "cut.json", data[: len(data) - cut])


@FEW
@given(dates=st.lists(JSON_VALUES | st.text(max_size=40), min_size=1, max_size=4))
def test_publication_dates_of_any_shape_are_parsed_or_ignored(folder: Path, dates: list[object]) -> None:
    lines = [json.dumps({"text": "Shelling killed 4 people in Homs.", "published": d, "date": d}) for d in dates]
    items = read_file(folder, "dated.jsonl", "\n".join(lines).encode())
    assert all(isinstance(i, Document) for i in items)


# -- HTML of any markup ------------------------------------------------------------------------

TAGS = ["p", "div", "article", "script", "style", "a", "table", "td", "iframe", "svg", "b", "span", "html", "body"]
ATTRS = ["", ' onclick="alert(1)"', ' onerror="alert(1)"', ' href="javascript:alert(1)"', ' class="x"', ' src="x"']


@st.composite
def markup(draw: st.DrawFn) -> str:
    """Random, often unbalanced markup: tags, attributes with handlers, text, comments."""
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=30))):
        kind = draw(st.integers(min_value=0, max_value=4))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            parts.append(f"<{tag}{draw(st.sampled_from(ATTRS))}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.text(max_size=80)))
        elif kind == 3:
            parts.append("<!-- " + draw(st.text(max_size=20)) + " -->")
        else:
            parts.append("An airstrike killed 9 civilians in Idlib on Monday, rescuers said. ")
    return "".join(parts)


@SOME
@given(html=markup())
def test_any_markup_is_read_or_reported(folder: Path, html: str) -> None:
    read_file(folder, "page.html", html.encode())


@FEW
@given(depth=st.integers(min_value=1, max_value=5000), tag=st.sampled_from(["div", "span", "b", "table"]))
def test_deeply_nested_markup_is_read_or_reported(folder: Path, depth: int, tag: str) -> None:
    html = f"<{tag}>" * depth + "Shelling killed 3 people in Hama on Friday, medics said." + f"</{tag}>" * depth
    read_file(folder, "nested.html", f"<html><body>{html}</body></html>".encode())


# -- WARC files, whole, cut and corrupted ------------------------------------------------------


def warc_bytes(n_records: int, gz: bool) -> bytes:
    """A WARC of ``n_records`` HTML responses (one article each)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for i in range(n_records):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example/{i}",
            "response",
            payload=io.BytesIO(PAGE.replace(b"12", str(10 + i).encode())),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2016-07-21T09:30:00Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


def record_ends(data: bytes) -> set[int]:
    """Byte offsets where a whole record of ``data`` ends (a cut there leaves a valid, shorter WARC)."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(io.BytesIO(data))
    ends = {0}
    for record in records:
        record.content_stream().read()
        end = records.get_record_offset() + records.get_record_length()
        ends.update(range(end, end + 5))  # a cut in the blank lines after a record loses nothing
    return ends


WARCS = {gz: warc_bytes(3, gz) for gz in (False, True)}
ENDS = {gz: record_ends(data) for gz, data in WARCS.items()}


@pytest.mark.parametrize("gz", [False, True])
@SOME
@given(cut=st.integers(min_value=0, max_value=4000))
def test_warc_cut_anywhere_keeps_the_records_before_the_cut(folder: Path, gz: bool, cut: int) -> None:
    whole = WARCS[gz]
    data = whole[: max(0, len(whole) - cut)]
    items = read_file(folder, "cut.warc.gz" if gz else "cut.warc", data)
    n_docs = len([i for i in items if isinstance(i, Document)])
    assert items[:n_docs] == [i for i in items if isinstance(i, Document)]  # the records before the cut, in order
    if n_docs < 3 and len(data) not in ENDS[gz]:
        assert isinstance(items[-1], InputError), "a cut inside a record must be reported"


@pytest.mark.parametrize("gz", [False, True])
@SOME
@given(
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=8)
)
def test_warc_with_corrupted_bytes_is_read_or_reported(folder: Path, gz: bool, flips: list[tuple[int, int]]) -> None:
    data = bytearray(WARCS[gz])
    for at, value in flips:
        data[at % len(data)] = value
    read_file(folder, "flipped.warc.gz" if gz else "flipped.warc", bytes(data))


# -- a folder of everything at once ------------------------------------------------------------


def test_folder_of_mixed_garbage_reports_each_bad_file_and_reads_the_good_one(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Shelling killed 5 people in Aleppo on Sunday, medics said.\n")
    for suffix in SUFFIXES[1:-2]:
        (tmp_path / f"bad{suffix}").write_bytes(b"\x00\x01\x02\xff" * 64)
    items = list(read_sources([str(tmp_path)]))
    assert [i.origin for i in items if isinstance(i, Document)] == [str(tmp_path / "good.txt")]
    named = {Path(i.where.split(" ")[0].split(":")[0]).name for i in items if isinstance(i, InputError)}
    assert named == {f"bad{s}" for s in SUFFIXES[1:-2]}
