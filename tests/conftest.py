"""Shared fixtures: a copy of the default pack to break, and one real build to read back."""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import html
import re
import shutil
import socket
import threading
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PACK = ROOT / "content" / "social-media"
BUILT_ON = "2021-06-01"  # a day between the default pack's issue and review dates


# Outside programs the tests read outputs with, and the Debian package of each (see apt-packages.txt).
TOOL_PACKAGES = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "zbarimg": "zbar-tools",
    "soffice": "libreoffice-writer-nogui",
}


def tool(program: str) -> str:
    """The path of an outside program a test needs; a missing one fails the test with one line."""
    path = shutil.which(program)
    if path is None:
        pytest.fail(
            f"{program} is not installed: apt-get install {TOOL_PACKAGES[program]} "
            "(every package the tests need is in apt-packages.txt)",
            pytrace=False,
        )
    return path


def run_cli(*args: str):
    """Run packgen in-process as a user would, returning click's Result (output, exit_code)."""
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="session", autouse=True)
def private_config_home(tmp_path_factory):
    """packgen keeps its cache key in the user's config folder: the tests use one of their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        yield


@pytest.fixture
def pack_copy(tmp_path) -> Path:
    """A private copy of the default pack, for a test to edit."""
    return Path(shutil.copytree(DEFAULT_PACK, tmp_path / "social-media"))


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there exactly once) with `new` in a content file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should appear once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def set_version(pack: Path, version: str) -> None:
    """Issue a new version the way an officer would: bump `version` and add a history entry."""
    edit(pack / "pack.yaml", '\nversion: "1.0"', f'\nversion: "{version}"')
    with open(pack / "pack.yaml", "a", encoding="utf-8") as stream:  # history is the file's last key
        stream.write(
            f'  - version: "{version}"\n    date: 2021-04-01\n    changes: Test change.\n'
            "    approved_by: Standards Committee\n"
        )


def line_of(path: Path, fragment: str) -> int:
    """The 1-based line where `fragment` first appears in `path`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its hash: to prove a failed build changed nothing."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def printed(text: str) -> str:
    """Content text as a PDF prints it: typeset (don't -> don’t, addresses without https://),
    whitespace collapsed."""
    from generator.html.typeset import typeset

    shown = html.unescape(re.sub(r"<[^>]+>", "", str(typeset(text))))
    return " ".join(shown.replace("\u200b", "").replace("\u2060", "").split())  # address break marks print nothing


def pdf_page_texts(path: Path) -> list[str]:
    """The text of each page, whitespace collapsed, as a reader's copy-paste would give it."""
    written = Path(path).stat()
    return list(_page_texts(str(path), written.st_mtime_ns, written.st_size))


@functools.lru_cache(maxsize=64)
def _page_texts(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """Read once per file as written: many tests read the shared build's PDFs."""
    return tuple(re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def default_build(tmp_path_factory, worker_id) -> Path:
    """The default pack built once for the whole run, as `packgen build` makes it. Under
    pytest-xdist (`make test` runs two workers) the first worker to ask builds it in the run's
    shared temporary folder while the other waits on a lock: one build, not one per worker.
    Tests only read it; a test that needs to change a build copies it first."""
    if worker_id == "master":
        out = tmp_path_factory.mktemp("build")
        result = run_cli("build", DEFAULT_PACK, "--out", out, "--as-of", BUILT_ON, "--keep-html")
        assert result.exit_code == 0, result.output
        return out / "social-media"
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker of this run
    out, done = shared / "default-build", shared / "default-build.done"
    with open(shared / "default-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)  # half a build from a worker that failed
            result = run_cli("build", DEFAULT_PACK, "--out", out, "--as-of", BUILT_ON, "--keep-html")
            assert result.exit_code == 0, result.output
            done.touch()
    return out / "social-media"


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """pytest-xdist's name for this worker ("gw0", ...), or "master" without xdist (as xdist's
    own fixture says; defined here too so the suite runs without the plugin installed)."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"


def structure(path):
    """(tag, element) for every element of the PDF's structure tree, in reading order."""
    found = []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append((str(node.S), node))
            if "/K" in node:
                walk(node.K)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
        return [(tag, dict(node.items())) for tag, node in found]


class Loopback:
    """A listener on 127.0.0.1 that records every connection made to it while a test runs."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(5)
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.connections: list = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch)
        self._thread.start()

    def _watch(self):
        while not self._stop.is_set():
            try:
                self.connections.append(self.socket.accept())
            except socket.timeout:
                pass

    def close(self):
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def loopback():
    """Proves no request is made: a test asserts `loopback.connections == []` after its build."""
    listener = Loopback()
    yield listener
    listener.close()


CHROMIUM = Path(os.environ.get("PACKGEN_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright, once for the whole session: Playwright's sync API
    allows one at a time, so every browser test shares this one."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need playwright (pip install -e '.[test]')", pytrace=False)
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need chromium (apt-get install chromium)", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()
