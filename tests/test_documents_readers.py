"""Readers: every format on real-shaped input, and bad input reported without stopping the batch."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from harmledger.documents import ReadOptions, decide_genre, read_sources
from harmledger.errors import BinaryInput, EmptyInput, InputError, RecordError, UnreadableInput
from harmledger.records import Document

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
PAGE = (FIXTURES / "news_page.html").read_bytes()


def read_all(paths, **options):
    return list(read_sources([str(p) for p in paths], ReadOptions(**options)))


def docs(items):
    return [i for i in items if isinstance(i, Document)]


def errors(items):
    return [i for i in items if isinstance(i, InputError)]


# --- HTML ---------------------------------------------------------------------------------------


def test_html_page_gives_main_text_and_metadata():
    (doc,) = read_all([FIXTURES / "news_page.html"])
    assert doc.title == "Airstrike on market kills 12 civilians near Manbij"
    assert doc.author == "Rania Haddad"
    assert doc.outlet == "The Levant Observer"
    assert (doc.published, doc.published_source) == (date(2016, 7, 20), "metadata")
    assert "At least 12 civilians were killed on Tuesday" in doc.text
    assert "“The market was full of families" in doc.text  # curly quotes kept
    for boilerplate in ("cookies", "Most read", "All rights reserved", "dataLayer"):
        assert boilerplate not in doc.text
    assert doc.original == PAGE
    assert doc.id == hashlib.sha256(PAGE).hexdigest()
    assert (doc.language, doc.genre) == ("en", None)  # the genre is analysis: reading leaves it undecided
    assert decide_genre(doc).genre == "news"


def test_a_short_articles_navigation_footer_and_side_panel_stay_out_of_its_text(tmp_path):
    # With one sentence of article, trafilatura falls back to the whole body: a menu's "12 killed
    # in 3 ways" would have become a casualty claim.
    page = tmp_path / "short.html"
    page.write_text(
        "<html><body><nav>Home | 12 killed in 3 ways to save</nav>"
        "<article><p>Gunmen killed 4 traders in Kaduna on Monday, police said.</p></article>"
        "<aside>Most read: 7 dead in flood</aside><footer>Top 10 stories of 2026</footer></body></html>",
        encoding="utf-8",
    )
    [doc] = list(read_sources([page]))
    assert isinstance(doc, Document)
    assert doc.text == "Gunmen killed 4 traders in Kaduna on Monday, police said."


def test_a_read_more_link_inside_the_article_stays_out_of_its_text(tmp_path):
    # "Read more: <another story's headline>" between paragraphs became an incident of that story
    page = tmp_path / "inline.html"
    page.write_text(
        "<html><body><article><h1>Blast at Kismayo port kills 2</h1>"
        "<p>A roadside bomb killed two dock workers at the port of Kismayo on Monday, officials said.</p>"
        '<p><strong>Read more:</strong> <a href="/other">Militants kill 30 in raid on Baidoa base</a></p>'
        "<p>Security forces closed the port road for several hours after the explosion.</p>"
        "<p>Related: talks on the port's management resume next week.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [doc] = list(read_sources([page]))
    assert "Baidoa" not in doc.text and "closed the port road" in doc.text
    assert "talks on the port" in doc.text  # a label without a link is the writer's own sentence (a guard)


def test_html_with_only_scripts_is_reported_empty():
    (item,) = read_all([FIXTURES / "scripts_only.html"])
    assert isinstance(item, EmptyInput)
    assert "scripts_only.html" in str(item) and "no article text" in str(item)


# --- JSON Lines ---------------------------------------------------------------------------------

JSONL_EXPECTED = [
    # record_id, title, url, outlet, published, text starts with
    (
        "a1",
        "Roadside bomb kills two",
        "https://news.example/a1",
        "Example News",
        date(2021, 5, 30),
        "Two people were killed",
    ),
    ("a2", None, None, None, None, "Shelling of a residential"),
    (
        "a5",
        "Fourteen detained",
        "https://news.example/a5",
        "Wire Example",
        date(2022, 1, 9),
        "Security forces detained 14",
    ),
    ("a8", None, None, None, None, "An aid convoy reached"),
]
JSONL_ERRORS = [
    # line, error class, words in the message
    (3, RecordError, "no text field 'text'"),
    (4, RecordError, "not JSON"),
    (7, RecordError, "not an object"),
    (8, EmptyInput, "no text"),
]


@pytest.fixture(scope="module")
def jsonl_items():
    return read_all([FIXTURES / "records.jsonl"])


@pytest.mark.parametrize(("record_id", "title", "url", "outlet", "published", "start"), JSONL_EXPECTED)
def test_jsonl_record_becomes_document(jsonl_items, record_id, title, url, outlet, published, start):
    (doc,) = [d for d in docs(jsonl_items) if d.record_id == record_id]
    assert (doc.title, doc.url, doc.outlet, doc.published) == (title, url, outlet, published)
    assert doc.text.startswith(start)
    assert json.loads(doc.original)["id"] == record_id  # the line itself, verbatim


@pytest.mark.parametrize(("line", "kind", "words"), JSONL_ERRORS)
def test_jsonl_bad_line_is_reported_and_reading_goes_on(jsonl_items, line, kind, words):
    matching = [e for e in errors(jsonl_items) if e.where.endswith(f"records.jsonl:{line}")]
    assert len(matching) == 1 and isinstance(matching[0], kind) and words in matching[0].reason


def test_jsonl_counts(jsonl_items):
    assert (len(docs(jsonl_items)), len(errors(jsonl_items))) == (4, 4)


def test_jsonl_configured_field_names(tmp_path):
    path = tmp_path / "api.jsonl"
    path.write_text(
        json.dumps({"story": "A car bomb killed three soldiers at a checkpoint, the army said.", "when": 1622332800})
        + "\n"
    )
    (doc,) = read_all([path], text_field="story", date_field="when")
    assert doc.published == date(2021, 5, 30) and doc.record_id == "line 1"


def test_jsonl_overlong_line_is_skipped_and_next_line_read(tmp_path):
    path = tmp_path / "big.jsonl"
    big = json.dumps({"text": "x " * 5000})
    path.write_text(big + "\n" + json.dumps({"text": "Five people were injured in a stabbing, police said."}) + "\n")
    items = read_all([path], max_record_bytes=2000)
    assert isinstance(items[0], RecordError) and items[0].where.endswith("big.jsonl:1") and "limit" in items[0].reason
    assert docs(items)[0].text.startswith("Five people")


@pytest.mark.parametrize(
    ("content", "n_docs"),
    [
        ('[{"text": "Three killed in clashes, officials said."}, {"text": "Ten wounded in a blast."}]', 2),
        ('{"text": "Three killed in clashes, officials said.", "title": "Clashes"}', 1),
        ('{"text": "One line of JSON Lines."}\n{"text": "Another line."}\n', 2),
    ],
)
def test_json_file_array_object_or_lines(tmp_path, content, n_docs):
    path = tmp_path / "export.json"
    path.write_text(content)
    found = docs(read_all([path]))
    assert len(found) == n_docs
    assert all(content.encode().find(d.original) >= 0 for d in found)  # originals are verbatim slices


# --- WARC ---------------------------------------------------------------------------------------


def write_warc(path: Path, gz: bool) -> None:
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        pages = [
            ("https://levant-observer.example/2016/07/20/manbij", PAGE, "text/html; charset=utf-8"),
            ("https://levant-observer.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"),
            ("https://levant-observer.example/empty", (FIXTURES / "scripts_only.html").read_bytes(), "text/html"),
        ]
        for uri, body, ctype in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2016-07-21T09:30:00Z"},
            )
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path, name):
    path = tmp_path / name
    write_warc(path, gz=name.endswith(".gz"))
    items = read_all([path])
    (doc,) = docs(items)
    assert doc.url == "https://levant-observer.example/2016/07/20/manbij"
    assert doc.record_id and doc.record_id.startswith("<urn:uuid:")
    assert doc.captured_at == "2016-07-21T09:30:00Z"
    assert doc.published == date(2016, 7, 20)  # the page's own date, not the capture date
    assert doc.original == PAGE
    (empty,) = errors(items)  # the scripts-only page; the PNG is skipped silently
    assert isinstance(empty, EmptyInput) and name in empty.where


def test_truncated_warc_gz_keeps_earlier_records_and_names_offset(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, gz=True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 300])
    items = read_all([cut])
    assert len(docs(items)) == 1
    assert isinstance(items[-1], RecordError) and "cut.warc.gz @ byte" in items[-1].where


# --- text files and bad input -------------------------------------------------------------------


def test_latin1_text_file_is_decoded():
    (doc,) = read_all([FIXTURES / "latin1_report.txt"])
    assert "ont été tués mercredi" in doc.text and "Alep" in doc.text
    assert doc.encoding.lower().replace("_", "-") in {"latin-1", "iso-8859-1", "cp1252", "windows-1252", "iso-8859-15"}
    assert doc.language == "fr"
    assert doc.original == (FIXTURES / "latin1_report.txt").read_bytes()


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # short Western text scores alike in several Latin encodings: its accents stay its own
        # (the French line was read as cp1250, "à" as "ŕ"; the Portuguese one is a guard)
        ("Ataque em São Tomé: três mortos no café da praça, diz a polícia.\n", "latin-1"),
        ("Attentat à Bamako : neuf morts près du marché, selon la police.\n", "cp1252"),
        # UTF-16 saved without a byte-order mark (it was "NUL byte at offset 1: binary data")
        ("Gunmen killed six villagers near Djibo on Sunday, residents said.\n", "utf-16-le"),
        ("Gunmen killed six villagers near Djibo on Sunday, residents said.\n", "utf-16-be"),
        # … and Central European text, which cp1252 would garble, stays cp1250 (a guard)
        ("Zginęło trzech żołnierzy, a łącznie rannych zostało 12 osób w Łodzi.\n", "cp1250"),
    ],
)
def test_a_legacy_encoded_text_keeps_its_letters(tmp_path, text, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = read_all([path])
    assert doc.text.strip() == text.strip()


@pytest.mark.parametrize(
    ("name", "content", "kind", "words"),
    [
        ("nul.txt", b"Five killed\x00\x00\x01\x02 in a strike", BinaryInput, "NUL byte at offset 11"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput, "PNG image"),
        ("empty.txt", b"", EmptyInput, "empty"),
        ("blank.md", b"  \n\n\t \n", EmptyInput, "empty"),
        ("empty.jsonl", b"\n\n", EmptyInput, "empty"),
    ],
)
def test_bad_file_is_reported_by_name(tmp_path, name, content, kind, words):
    path = tmp_path / name
    path.write_bytes(content)
    (item,) = read_all([path])
    assert isinstance(item, kind) and name in item.where and words in item.reason


def test_missing_path_is_reported_and_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Gunmen killed four villagers in an overnight raid, residents said.")
    items = read_all([tmp_path / "nope.txt", good])
    assert isinstance(items[0], UnreadableInput) and "no such file" in items[0].reason
    assert docs(items)[0].origin == str(good)


def test_folder_is_walked_with_globs_and_sidecar(tmp_path):
    (tmp_path / "keep").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "keep" / "one.txt").write_text(
        "Militants attacked a police post, killing two officers, officials said."
    )
    (tmp_path / "keep" / "one.txt.meta.json").write_text('{"published": "2019-03-02", "outlet": "Sidecar Times"}')
    (tmp_path / "keep" / "two.md").write_text("# Flooding\n\nHeavy rain displaced 300 families, the Red Crescent said.")
    (tmp_path / "keep" / "notes.csv").write_text("a,b\n1,2\n")
    (tmp_path / "drafts" / "three.txt").write_text("Draft text that must not be read.")
    (tmp_path / ".cache" / "four.txt").write_text("Hidden text that must not be read.")
    found = docs(read_all([tmp_path], exclude=("drafts",)))
    assert sorted(Path(d.origin).name for d in found) == ["one.txt", "two.md"]
    one = next(d for d in found if d.origin.endswith("one.txt"))
    assert (one.published, one.published_source, one.outlet) == (date(2019, 3, 2), "sidecar", "Sidecar Times")
    only_md = docs(read_all([tmp_path], include=("*.md",)))
    assert [Path(d.origin).name for d in only_md] == ["two.md"]


def test_links_that_lead_nowhere_and_an_empty_folder_are_reported_by_name(tmp_path):
    loop = tmp_path / "loop"
    loop.mkdir()
    (loop / "a.txt").symlink_to(loop / "b.txt")
    (loop / "b.txt").symlink_to(loop / "a.txt")
    (loop / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "empty").mkdir()
    items = read_all([loop, loop / "a.txt", tmp_path / "empty"])
    assert [(Path(i.where).name, "link" in i.reason) for i in items[:4]] == [
        ("a.txt", True),
        ("b.txt", True),
        ("gone.txt", True),
        ("a.txt", True),
    ]
    assert Path(items[4].where).name == "empty" and "no file to read" in items[4].reason
    assert len(items) == 5


def test_a_folder_that_cannot_be_listed_is_reported_and_the_rest_is_read(tmp_path):
    # run without the superuser's right to read anything (CI runs as root), as a user would be
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "inside.txt").write_text("Gunmen killed two guards at a mine, police said.")
    (tmp_path / "open.txt").write_text("A bomb killed three people at a market, officials said.")
    (tmp_path / "closed").chmod(0o000)
    script = (
        "import sys; from harmledger.documents import read_sources\n"
        "for item in read_sources([sys.argv[1]]):\n"
        "    print(type(item).__name__, getattr(item, 'origin', '') or getattr(item, 'where', ''), "
        "getattr(item, 'reason', ''))\n"
    )
    drop = [
        "setpriv",
        "--bounding-set",
        "-dac_override,-dac_read_search",
        "--inh-caps",
        "-dac_override,-dac_read_search",
    ]
    try:
        out = subprocess.run([*drop, sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True)
    finally:
        (tmp_path / "closed").chmod(0o755)
    lines = out.stdout.splitlines()
    assert any(line.startswith("Document ") and line.split()[1].endswith("open.txt") for line in lines), out
    assert any("closed" in line and "permission denied" in line for line in lines), out


def test_published_option_fills_only_missing_dates():
    options = {"published": date(2016, 7, 22)}
    page = docs(read_all([FIXTURES / "news_page.html"], **options))[0]
    text = docs(read_all([FIXTURES / "latin1_report.txt"], **options))[0]
    assert (page.published, page.published_source) == (date(2016, 7, 20), "metadata")
    assert (text.published, text.published_source) == (date(2016, 7, 22), "cli")


STDIN_SCRIPT = (
    "import sys; from harmledger.documents import read_sources\n"
    "for item in read_sources(['-']):\n"
    "    print(type(item).__name__, getattr(item, 'record_id', None) or '', getattr(item, 'where', ''))\n"
)


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (
            b'{"id": "s1", "text": "Two killed in a blast."}\nnot json\n{"id": "s2", "text": "Nine hurt."}\n',
            ["Document s1 ", "RecordError  -:2", "Document s2 "],
        ),
        (b"Gunmen killed four villagers in an overnight raid, residents said.\n", ["Document  "]),
        (PAGE, ["Document  "]),
    ],
)
def test_stdin_is_sniffed_and_read(stdin, expected):
    run = subprocess.run([sys.executable, "-c", STDIN_SCRIPT], input=stdin, capture_output=True, check=True)
    assert run.stdout.decode().splitlines() == expected
