"""A record's URL becomes a link only when it is an http(s) address: checked in Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harmledger.documents import ReadOptions, decide_genre, read_sources
from harmledger.records import Document
from harmledger.store import Ledger
from harmledger.web.present import web_link
from tests.test_browser import serving

pytestmark = pytest.mark.browser

HOSTILE_URLS = [
    "javascript:document.title='owned'",
    "JavaScript:document.title='owned'",
    " javascript:document.title='owned'",
    "java\tscript:document.title='owned'",
    "data:text/html,<script>document.title='owned'</script>",
    "vbscript:msgbox(1)",
    "//evil.example/path",
    "/documents",
    "https://",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_http_and_https_addresses_make_links(url: str) -> None:
    assert web_link(url) is None


@pytest.mark.parametrize(
    "url", ["https://example.org/news/strike?id=4#top", "http://example.org", "HTTPS://EXAMPLE.ORG/"]
)
def test_web_addresses_stay_links(url: str) -> None:
    assert web_link(url) == url


def _documents(tmp_path: Path, urls: list[str]) -> list[Document]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps(
                {
                    "text": f"Report {n}: shelling killed 3 people in a market on Monday.",
                    "url": url,
                    "title": f"Report {n}",
                }
            )
            + "\n"
            for n, url in enumerate(urls)
        ),
        encoding="utf-8",
    )
    docs = [decide_genre(d) for d in read_sources([feed], ReadOptions()) if isinstance(d, Document)]
    assert [d.url for d in docs] == urls
    return docs


def test_a_javascript_url_from_a_jsonl_record_is_text_in_chromium(page: Any, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect

    ledger = Ledger(f"sqlite:///{tmp_path / 'links.db'}")
    hostile, fine = _documents(tmp_path, ["javascript:document.title='owned'", "https://example.org/report"])
    for doc in (hostile, fine):
        ledger.add_document(doc, [])
    with serving(ledger) as base:
        page.goto(f"{base}/documents/{hostile.id}")
        url = page.locator("#doc-url")
        expect(url).to_contain_text("javascript:document.title='owned'")
        expect(url).to_contain_text("shown as text")
        assert url.locator("a").count() == 0
        assert page.locator("a[href^='javascript' i]").count() == 0
        title = page.title()
        url.click()  # clicking the text does nothing
        assert page.title() == title != "owned"
        page.goto(f"{base}/documents/{fine.id}")
        expect(page.locator("#doc-url a")).to_have_attribute("href", "https://example.org/report")
    ledger.close()
