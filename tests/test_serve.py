"""`packgen serve`: the preview server's refusals over real HTTP, its stop on Ctrl-C, and the page in
Chromium showing a save's new words and a content error's line while the last good pages stay."""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect
from conftest import BUILT_ON, ROOT, edit, line_of
from pypdf import PdfReader

from generator.artefacts.base import Output
from generator.serve.server import PreviewServer
from generator.serve.state import Preview

SMALL_PACK = ROOT / "tests" / "packs" / "meeting-rooms"


def one_page_pdf() -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(420, 595)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def server():
    """A preview server on a free port of the loopback, holding a one-page booklet and a web page."""
    preview = Preview()
    preview.ready("booklet", [Output("booklet", "booklet.pdf", one_page_pdf(), pages=1)], seconds=0.1)
    preview.ready("web", [Output("web", "web/index.html", b"<!doctype html><title>t</title>")], seconds=0.1)
    running = PreviewServer(("127.0.0.1", 0), preview)
    running.start()
    yield running
    running.stop()


def ask(server, method: str, path: str, host: str | None = None, body: bytes | None = None):
    """One real HTTP request, the path sent exactly as written (no client-side clean-up)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host or f"127.0.0.1:{server.server_address[1]}")
    connection.putheader("Content-Length", str(len(body or b"")))
    connection.endheaders(body)
    answer = connection.getresponse()
    data = answer.read()
    connection.close()
    return answer.status, dict(answer.getheaders()), data


def test_the_page_its_status_the_build_files_and_page_pictures_are_served(server):
    status, headers, page = ask(server, "GET", "/")
    assert status == 200 and b"/serve.js" in page and "script-src" not in headers["Content-Security-Policy"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    shown = json.loads(ask(server, "GET", "/status.json")[2])
    booklet = next(f for f in shown["files"] if f["kind"] == "booklet")
    assert booklet["paged"] and booklet["pages"] == 1
    status, headers, data = ask(server, "GET", "/files/booklet.pdf")
    assert status == 200 and data.startswith(b"%PDF") and headers["Content-Type"] == "application/pdf"
    status, headers, picture = ask(server, "GET", f"/pages/{booklet['sha256']}/1.png")
    assert status == 200 and picture.startswith(b"\x89PNG") and headers["Content-Type"] == "image/png"
    assert ask(server, "GET", f"/pages/{booklet['sha256']}/2.png")[0] == 404  # no such page


@pytest.mark.parametrize(
    "path",
    [
        "/files/../../../../etc/passwd",
        "/files/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/files/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/files/..%2f..%2fetc%2fpasswd",
        "/files//etc/passwd",
        "/files/%2Fetc%2Fpasswd",
        "/../../etc/passwd",
        "/files/web/../../../etc/passwd",
        "/files/./booklet.pdf/",
        "/etc/passwd",
        "/files/",  # no listing
        "/files/web/",
        "/files",
        "/pages/",
        "/pages/" + "0" * 64 + "/1.png",  # a hash of no file of the build
    ],
)
def test_nothing_outside_the_build_and_no_listing(server, path):
    status, _, data = ask(server, "GET", path)
    assert status == 404, path
    assert b"root:" not in data


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_writes_are_refused(server, method):
    status, headers, _ = ask(server, method, "/files/booklet.pdf", body=b"%PDF-overwritten")
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    assert ask(server, "GET", "/files/booklet.pdf")[2].startswith(b"%PDF-1")  # unchanged


def test_a_request_for_another_host_name_is_refused(server):
    """A page elsewhere cannot read the preview through a name that resolves to 127.0.0.1."""
    assert ask(server, "GET", "/status.json", host="attacker.example:80")[0] == 421
    assert ask(server, "GET", "/status.json", host=f"localhost:{server.server_address[1]}")[0] == 200


def test_a_bilingual_pack_shows_both_languages_booklet_first_welsh_first():
    """A module reports once per language (the build's progress): the Welsh booklet stays when the
    English arrives, the next build's files replace the last build's, and the page lists the
    booklets first, Welsh first, however the languages arrive; each is served by its path."""
    preview = Preview()
    old = Output("booklet", "booklet.pdf", b"%PDF-old", pages=1)  # from before the pack had Welsh
    preview.ready("booklet", [old], seconds=0.1)
    preview.started("pack.cy.yaml")
    preview.ready("cards", [Output("cards-sheet", "en/cards-sheet.pdf", one_page_pdf(), pages=1)], seconds=0.1)
    preview.ready("booklet", [Output("booklet", "en/booklet.pdf", one_page_pdf(), pages=1)], seconds=0.2)
    preview.ready("booklet", [Output("booklet", "cy/booklet.pdf", one_page_pdf(), pages=1)], seconds=0.3)
    preview.ready("cards", [Output("cards-sheet", "cy/cards-sheet.pdf", one_page_pdf(), pages=1)], seconds=0.3)
    flip = Output("booklet-bilingual", "booklet-bilingual.pdf", one_page_pdf(), pages=1)
    preview.ready("bilingual_booklet", [flip], seconds=0.4)
    shown = [f["filename"] for f in preview.status()["files"]]
    assert shown == [
        "cy/booklet.pdf",
        "en/booklet.pdf",
        "cy/cards-sheet.pdf",
        "en/cards-sheet.pdf",
        "booklet-bilingual.pdf",
    ]
    running = PreviewServer(("127.0.0.1", 0), preview)
    running.start()
    try:
        for name in shown:
            status, _, data = ask(running, "GET", f"/files/{name}")
            assert status == 200 and data.startswith(b"%PDF"), name
        assert ask(running, "GET", "/files/booklet.pdf")[0] == 404  # the last build's file went
    finally:
        running.stop()
    preview.started("sections/purpose.cy.yaml")  # the next build: its Welsh booklet replaces both
    preview.ready("booklet", [Output("booklet", "cy/booklet.pdf", b"%PDF-new", pages=1)], seconds=0.1)
    booklets = [f["filename"] for f in preview.status()["files"] if f["kind"] == "booklet"]
    assert booklets == ["cy/booklet.pdf"] and preview.file("cy/booklet.pdf").data == b"%PDF-new"


# packgen serve as an officer runs it -----------------------------------------------------------


class Served:
    """`packgen serve` in its own process on a free port, over a private copy of a pack."""

    def __init__(self, pack: Path, out: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", str(pack), "--out", str(out), "--port", "0"]
            + ["--as-of", BUILT_ON],
            cwd=pack.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line + self.process.stderr.read()
        self.url, self.port = found[0], int(found[1])
        self.server_address = ("127.0.0.1", self.port)

    def status(self) -> dict:
        return json.loads(ask(self, "GET", "/status.json")[2])

    def wait(self, done, seconds: float = 60) -> dict:
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            status = self.status()
            if done(status):
                return status
            time.sleep(0.1)
        raise AssertionError(f"not done in {seconds} s: {status}")

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        try:
            _, errors = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode, errors


@pytest.mark.slow
def test_ctrl_c_stops_serve_with_130(tmp_path):
    """A pack with a content error: no renderer runs, so this is quick; Ctrl-C ends serve with 130."""
    pack = Path(shutil.copytree(SMALL_PACK, tmp_path / "meeting-rooms"))
    edit(pack / "sections" / "rooms.yaml", "\ncons:", "\nconz:")
    served = Served(pack, tmp_path / "out")
    status = served.wait(lambda s: not s["building"] and s["problems"])
    assert f"sections/rooms.yaml:{line_of(pack / 'sections' / 'rooms.yaml', 'conz:')}: unknown key 'conz'" in "\n".join(
        status["problems"]
    )
    code, errors = served.stop()
    assert code == 130, errors
    assert "stopped serving (Ctrl-C)" in errors and "Traceback" not in errors


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve")
    pack = Path(shutil.copytree(SMALL_PACK, work / "meeting-rooms"))
    running = Served(pack, work / "out")
    running.pack, running.out = pack, work / "out" / "meeting-rooms"
    running.wait(lambda s: not s["building"] and s["files"], seconds=120)
    yield running
    code, errors = running.stop()
    assert code == 130, errors


@pytest.mark.slow
def test_a_link_out_of_the_build_folder_and_a_file_the_build_did_not_write_are_not_served(served):
    os.symlink("/etc/passwd", served.out / "passwd.pdf")
    (served.out / "secret.txt").write_text("not the build's own", encoding="utf-8")
    try:
        for name in ("passwd.pdf", "secret.txt", "manifest.json/../passwd.pdf"):
            assert ask(served, "GET", "/files/" + name)[0] == 404
        assert ask(served, "GET", "/files/booklet.pdf")[0] == 200
    finally:
        (served.out / "passwd.pdf").unlink()
        (served.out / "secret.txt").unlink()


@pytest.mark.slow
def test_the_page_shows_a_save_booklet_first_and_a_content_error_with_its_line_over_the_last_good_pages(
    served, chromium
):
    page = chromium.new_page()
    try:
        page.goto(served.url)
        page.wait_for_selector("#pages img[src^='/pages/']")
        assert page.locator("#title").inner_text() == "Booking the council's meeting rooms"
        facts = page.locator("#facts").inner_text()
        assert "0.3" in facts and "draft" in facts and "2022-05-01" in facts
        before = page.locator("#pages img").first.get_attribute("src")
        assert page.evaluate("document.querySelector('#pages img').naturalWidth") > 0  # the picture is drawn

        rooms = served.pack / "sections" / "rooms.yaml"
        edit(rooms, "The large room seats up to 60 people.", "The large room seats up to 60 people and a zebra.")
        # the booklet's new pages reach the page before the build has finished the rest
        expect(page.locator("#pages img").first).not_to_have_attribute("src", before, timeout=60_000)
        waiting_when_shown = page.locator("#waiting").inner_text()
        after = page.locator("#pages img").first.get_attribute("src")
        sha = after.split("/")[2]
        booklet = page.request.get(f"{served.url}files/booklet.pdf").body()
        status = served.wait(lambda s: not s["building"])
        shown = {f["kind"]: f for f in status["files"]}
        assert shown["booklet"]["sha256"] == sha
        assert "and a zebra" in " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(booklet)).pages)
        # shown before the build had finished: the print files and the key read the booklet, so they follow it
        assert waiting_when_shown.startswith("Still on their way: "), waiting_when_shown
        page.get_by_role("button", name="web version").click()
        frame = page.frame_locator("#pages iframe")
        assert "and a zebra" in frame.locator("body").inner_text(timeout=30_000)

        page.get_by_role("button", name="booklet", exact=True).click()
        edit(rooms, "\ncons:", "\nconz:")
        problem = page.locator("#problem-list li").filter(has_text="unknown key 'conz'")
        problem.wait_for(timeout=60_000)
        assert re.search(r"sections/rooms\.yaml:7: unknown key 'conz'", problem.inner_text())
        assert page.locator("#problems").is_visible()
        assert page.locator("#pages img").first.get_attribute("src") == after  # the last good pages stay
        assert page.evaluate("document.querySelector('#pages img').naturalWidth") > 0
    finally:
        page.close()
