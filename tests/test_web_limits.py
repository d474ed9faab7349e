"""Request bodies are capped before anything parses them: 413, and the server's memory stays flat.

The memory test runs `harmledger serve` as a separate process on a loopback port and reads its
resident size from /proc, before and after a 200 MB anonymous POST.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from harmledger.web import create_app
from harmledger.web.limits import MB, WebSettings
from tests.test_browser import free_port

HARMLEDGER = Path(sys.executable).with_name("harmledger")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for process {pid}")


def post_huge(port: int, path: str, size: int, *, chunked: bool) -> str:
    """POST ``size`` bytes to ``path`` (declared or chunked) and return the response's status line.

    A thread reads the answer while the body is being sent, since the server answers and closes
    the connection long before the last byte.
    """
    sock = socket.create_connection(("127.0.0.1", port))
    answer: list[bytes] = []

    def read() -> None:
        try:
            while not answer or b"\r\n" not in b"".join(answer):
                data = sock.recv(4096)
                if not data:
                    break
                answer.append(data)
        except OSError:
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    length = b"Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}".encode()
    sock.sendall(
        b"POST "
        + path.encode()
        + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + length
        + b"\r\n\r\n"
    )
    chunk = b"[" * MB
    try:
        for _ in range(size // MB):
            if not reader.is_alive():
                break
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk)
    except OSError:
        pass  # the server closed the connection after refusing the body
    reader.join(timeout=60)
    sock.close()
    return b"".join(answer).split(b"\r\n", 1)[0].decode()


@pytest.fixture
def server(seeded: Any, tmp_path: Path) -> Any:
    port = free_port()
    env = {**os.environ, "HARMLEDGER_DB": seeded[0].url}
    process = subprocess.Popen(
        [str(HARMLEDGER), "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port)).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("harmledger serve did not start") from None
            time.sleep(0.2)
    yield port, process
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_200_mb_anonymous_post_gets_413_and_the_server_memory_stays_flat(
    server: Any, seeded: Any, chunked: bool
) -> None:
    port, process = server
    ghouta = seeded[1]["ghouta"]
    # Warm up: the first requests load templates and caches.
    for _ in range(3):
        assert post_huge(port, f"/api/incidents/{ghouta}/notes", 0, chunked=False).startswith("HTTP/1.1 ")
    before = rss_kb(process.pid)
    status = post_huge(port, f"/api/incidents/{ghouta}/notes", 200 * MB, chunked=chunked)
    after = rss_kb(process.pid)
    assert status.startswith("HTTP/1.1 413"), status
    assert after - before < 20 * 1024, f"the server grew from {before} kB to {after} kB"
    assert seeded[0].decision_rows() == []


def test_an_oversized_body_gets_the_json_error_envelope_under_api(client: Any, seeded: Any) -> None:
    response = client.post(
        f"/api/incidents/{seeded[1]['ghouta']}/notes",
        content=b"x" * (MB + 1),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {
        "ok": False,
        "status": 413,
        "error": "the request body is larger than the 1 MB this server accepts",
    }


def test_an_oversized_login_form_is_refused_before_it_is_parsed(client: Any) -> None:
    response = client.post(
        "/login", content=b"username=" + b"a" * (2 * MB), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413 and "1 MB" in response.text


def test_upload_routes_get_their_own_larger_cap(seeded: Any) -> None:
    settings = WebSettings(max_body_bytes=1000, max_upload_bytes=5000, upload_paths=("/api/uploads",))
    assert (settings.body_limit("/api/uploads"), settings.body_limit("/api/uploads/text")) == (5000, 5000)
    assert (settings.body_limit("/api/uploadsx"), settings.body_limit("/login")) == (1000, 1000)
    with TestClient(create_app(seeded[0], secret="s", settings=settings)) as small:
        # Within the upload cap the request reaches routing (404: no such route in this build) ...
        assert small.post("/api/uploads", content=b"x" * 4000).status_code == 404
        assert small.post("/api/uploads", content=b"x" * 6000).status_code == 413
        # ... while anywhere else 4000 bytes is already too much.
        assert small.post("/api/users", content=b"x" * 4000).status_code == 413


def test_every_web_setting_is_documented_in_the_readme() -> None:
    from dataclasses import fields

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for field in fields(WebSettings):
        assert f"HARMLEDGER_{field.name.upper()}" in readme, field.name


def test_a_burst_of_concurrent_decisions_is_answered_and_recorded_once_each(server: Any, seeded: Any) -> None:
    """Forty decisions posted at once by two analysts: each answers 200 (none refused for
    incidents "changing" under it though its decision was stored), each is recorded once, and
    the stored incidents then reflect the last of them."""
    import httpx

    from harmledger.pipeline import derive_incidents
    from tests.test_web_seed import add_user

    port, _ = server
    ledger, ids = seeded
    tokens = [add_user(ledger, "ana", "analyst"), add_user(ledger, "bob", "analyst")]
    before = len(ledger.decision_rows())
    posts = []
    for n in range(20):
        posts.append(
            (tokens[0], f"/api/claims/{ids['jazeera']}/{'reject' if n % 2 else 'confirm'}", {"reason": f"pass {n}"})
        )
        posts.append((tokens[1], f"/api/incidents/{ids['manbij']}/grade", {"grade": ("fair", "confirmed")[n % 2]}))

    def post(item: tuple[str, str, dict[str, Any]]) -> int:
        token, path, body = item
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
            return http.post(path, json=body, headers={"Authorization": f"Bearer {token}"}).status_code

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(post, posts))
    assert statuses == [200] * len(posts)
    assert len(ledger.decision_rows()) - before == len(posts)
    documents = {doc.id: doc for doc in ledger.documents(with_text=False)}
    derived, _ = derive_incidents(ledger, documents, ledger.claims())
    assert sorted((i.id, i.claim_ids, i.grade) for i in derived) == sorted(
        (i.id, i.claim_ids, i.grade) for i in ledger.incidents(kind=None)
    )
