"""A poisoned render cache costs time, never a wrong artefact (issue 23, item 3).

Each test takes one real build (its cache included), forges an entry the way someone who can
write OUT/.packgen-cache/ could, builds again through the CLI and checks the published bytes
against the first, cold build's. Forgeries are made both without the user's cache key (what
an outsider can do) and signed with it (what a packgen bug could write), so every check on an
entry is proved, not only the signature.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import stat
import signal
from pathlib import Path

import pytest

from conftest import BUILT_ON, DEFAULT_PACK, run_cli, snapshot

from generator.pipeline.cache_entry import SEAL_CONTEXT

# The handout needs no PDF renderer: each build takes well under a second, so `make test` runs them.
ONLY = ("--only", "handout")
# Unsigned forgeries are stopped by the seal (proved once below, in make test); the same forgery
# signed with the user's key proves the check on each field, so the unsigned copies wait for test-all.
UNSIGNED_SIGNED = [pytest.param(False, id="unsigned", marks=pytest.mark.slow), pytest.param(True, id="signed")]
IGNORED = "ignored a cache entry for"


@pytest.fixture(scope="module", autouse=True)
def config_home(tmp_path_factory):
    """The cache key lives in the user's config folder: these tests use a folder of their own."""
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("config")
        patch.setenv("XDG_CONFIG_HOME", str(home))
        yield home


@pytest.fixture(scope="module")
def cold(tmp_path_factory, config_home) -> Path:
    """One cold build of the handout, cache and all, for each test to copy."""
    out = tmp_path_factory.mktemp("cold")
    result = run_cli("build", DEFAULT_PACK, "--out", out, "--as-of", BUILT_ON, *ONLY)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def out(cold, tmp_path) -> Path:
    return Path(shutil.copytree(cold, tmp_path / "out", symlinks=True))


def build(out: Path, *options: str):
    return run_cli("build", DEFAULT_PACK, "--out", out, "--as-of", BUILT_ON, *ONLY, *options)


def published(out: Path) -> dict[str, str]:
    return snapshot(out / "social-media")


def entry_of(out: Path, module: str) -> Path:
    for entry in (out / ".packgen-cache" / "social-media").iterdir():
        if json.loads((entry / "entry.json").read_text())["module"] == module:
            return entry
    raise AssertionError(f"no cache entry for {module}")


def forge(entry: Path, change, data: bytes | None = None, signed: bool = False) -> None:
    """Rewrite entry.json through `change(item)` (and 0.bin with `data`), with hashes to match;
    `signed`: sealed with the user's own key, as only packgen itself could."""
    facts = json.loads((entry / "entry.json").read_text())
    item = facts["outputs"][0]
    if data is not None:
        (entry / "0.bin").write_bytes(data)
        item |= {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    change(item)
    raw = json.dumps(facts, indent=1).encode()
    (entry / "entry.json").write_bytes(raw)
    if signed:
        key = (Path(os.environ["XDG_CONFIG_HOME"]) / "packgen" / "cache-key").read_bytes()
        (entry / "entry.hmac").write_bytes(hmac.new(key, SEAL_CONTEXT + raw, hashlib.sha256).hexdigest().encode())


def assert_rebuilt_as_cold(result, out: Path, cold: Path, module: str = "handout") -> None:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.output.count(IGNORED) == 1, result.output
    assert f"{IGNORED} {module} (" in result.output and "rendered it again" in result.output
    assert published(out) == published(cold)  # manifest.json included: pages, kinds and names as cold


def test_forged_bytes_with_a_matching_hash_are_not_published(out, cold):
    forge(entry_of(out, "handout"), lambda item: None, data=b"PK forged by someone else")
    result = build(out)
    assert_rebuilt_as_cold(result, out, cold)
    assert "handout.docx (handout): rendered" in result.output


def test_bytes_edited_under_a_sound_entry_are_not_published(out, cold):
    blob = entry_of(out, "handout") / "0.bin"
    blob.write_bytes(blob.read_bytes()[:-9] + b"tampered!")
    result = build(out)
    assert_rebuilt_as_cold(result, out, cold)
    assert "(0.bin is not the file packgen stored)" in result.output


def test_an_entry_without_its_seal_is_ignored(out, cold):
    (entry_of(out, "handout") / "entry.hmac").unlink()  # as entries were before they were signed
    result = build(out)
    assert_rebuilt_as_cold(result, out, cold)
    assert "(a file of it is missing)" in result.output


@pytest.mark.parametrize("signed", UNSIGNED_SIGNED)
def test_an_entry_naming_the_manifest_is_ignored_and_force_still_works(out, cold, signed):
    forge(entry_of(out, "handout"), lambda item: item.update(filename="manifest.json"), b"{}", signed=signed)
    assert_rebuilt_as_cold(build(out), out, cold)
    forge(entry_of(out, "handout"), lambda item: item.update(filename="manifest.json"), b"{}", signed=signed)
    forced = build(out, "--force")
    assert forced.exit_code == 0, forced.output
    assert published(out) == published(cold)


@pytest.mark.parametrize(
    "name", ["people/ann-smith/booklet.pdf", "../escaped.docx", "/tmp/escaped.docx", "booklet.pdf", "handout.pdf"]
)
@pytest.mark.parametrize("signed", UNSIGNED_SIGNED)
def test_an_entry_naming_a_file_its_module_does_not_make_is_ignored(out, cold, tmp_path, name, signed):
    forge(entry_of(out, "handout"), lambda item: item.update(filename=name), b"forged", signed=signed)
    assert_rebuilt_as_cold(build(out), out, cold)
    assert not (out / "social-media" / "people").exists()
    assert not (out / "escaped.docx").exists() and not Path("/tmp/escaped.docx").exists()


@pytest.mark.slow  # an induction as well as the rebuild
def test_an_entry_naming_a_persons_booklet_leaves_it_alone(out, cold, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("name,role,ward,email\nAnn Smith,Councillor,Abbey,\n", encoding="utf-8")
    inducted = run_cli(
        "induct", DEFAULT_PACK, "--people", people, "--out", out, "--as-of", BUILT_ON,
        "--session-date", "2026-05-12", "--venue", "Council Chamber", "--quiet",
    )  # fmt: skip
    assert inducted.exit_code == 0, inducted.output
    booklet = out / "social-media" / "people" / "ann-smith" / "booklet.pdf"
    before = (booklet.read_bytes(), stat.S_IMODE(os.stat(booklet).st_mode))
    forge(entry_of(out, "handout"), lambda item: item.update(filename="people/ann-smith/booklet.pdf"), b"forged")
    result = build(out)
    assert result.exit_code == 0, result.output
    assert result.output.count(IGNORED) == 1, result.output
    assert (booklet.read_bytes(), stat.S_IMODE(os.stat(booklet).st_mode)) == (before[0], 0o600)
    assert (out / "social-media" / "handout.docx").read_bytes() == (cold / "social-media" / "handout.docx").read_bytes()


@pytest.mark.parametrize("kind", ["booklet", "manifest", "cards-sheet"])
def test_an_entry_holding_a_kind_its_module_does_not_make_is_ignored(out, cold, kind):
    forge(entry_of(out, "handout"), lambda item: item.update(kind=kind), signed=True)
    assert_rebuilt_as_cold(build(out), out, cold)


@pytest.mark.parametrize("pages", ["x", -1, [1, 2], 1.5, True])
@pytest.mark.parametrize("signed", UNSIGNED_SIGNED)
def test_a_page_count_that_is_not_a_whole_number_is_ignored(out, cold, pages, signed):
    forge(entry_of(out, "handout"), lambda item: item.update(pages=pages), signed=signed)
    result = build(out)
    assert_rebuilt_as_cold(result, out, cold)
    assert "handout.docx (handout): rendered" in result.output


@pytest.mark.parametrize("note", ["\x1b[2J\x1b[31mall clear", "line\nbreak", "bidi \u202eevil", "bell \x07"])
@pytest.mark.parametrize("signed", UNSIGNED_SIGNED)
def test_notes_with_terminal_escapes_are_never_printed(out, cold, note, signed):
    forge(entry_of(out, "handout"), lambda item: item.update(notes=[note]), signed=signed)
    result = build(out)
    assert_rebuilt_as_cold(result, out, cold)
    for character in "\x1b\x07\u202e":
        assert character not in result.output
    assert "all clear" not in result.output and "evil" not in result.output


def test_a_hand_off_of_the_wrong_shape_is_ignored(out, cold):
    forge(entry_of(out, "handout"), lambda item: item.update(handoff={"type": "QuizVersion", "code": 1}), signed=True)
    assert_rebuilt_as_cold(build(out), out, cold)


class Hung(Exception):
    pass


def stop_hung(signum, frame):
    raise Hung("the build hung")


def test_a_fifo_in_an_entry_does_not_hang_the_build(out, cold):
    blob = entry_of(out, "handout") / "0.bin"
    blob.unlink()
    os.mkfifo(blob)
    previous = signal.signal(signal.SIGALRM, stop_hung)  # a read from the FIFO would wait for ever
    signal.alarm(60)
    try:
        result = build(out)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert_rebuilt_as_cold(result, out, cold)
    assert f"{IGNORED} handout (0.bin is a link or not a plain file)" in result.output
    assert stat.S_ISREG(os.lstat(entry_of(out, "handout") / "0.bin").st_mode)  # stored afresh


@pytest.mark.parametrize("signed", UNSIGNED_SIGNED)
def test_a_link_in_an_entry_is_never_followed(out, cold, tmp_path, signed):
    outside = tmp_path / "officer-notes.docx"
    outside.write_bytes(b"an officer's own file")
    os.chmod(outside, 0o640)
    before = os.stat(outside)
    entry = entry_of(out, "handout")
    digest = hashlib.sha256(outside.read_bytes()).hexdigest()
    forge(entry, lambda item: item.update(sha256=digest, size=21), signed=signed)
    (entry / "0.bin").unlink()
    (entry / "0.bin").symlink_to(outside)
    assert_rebuilt_as_cold(build(out), out, cold)
    after = os.stat(outside)
    assert outside.read_bytes() == b"an officer's own file"
    assert (after.st_mode, after.st_mtime_ns, after.st_nlink) == (before.st_mode, before.st_mtime_ns, before.st_nlink)


def test_a_linked_cache_folder_is_not_used_and_nothing_outside_is_touched(out, cold, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(out / ".packgen-cache" / "social-media", elsewhere)
    (out / ".packgen-cache" / "social-media").symlink_to(elsewhere)
    forge(entry_of(out, "handout"), lambda item: None, data=b"PK forged")
    before = snapshot(elsewhere)
    result = build(out)
    assert result.exit_code == 0, result.output
    assert result.output.count("packgen did not use its cache") == 1, result.output
    assert "is a link or not a folder" in result.output
    assert published(out) == published(cold)
    assert snapshot(elsewhere) == before


def test_a_cache_key_others_can_read_is_not_used(out, cold, config_home):
    key = config_home / "packgen" / "cache-key"
    os.chmod(key, 0o644)
    try:
        result = build(out)
    finally:
        os.chmod(key, 0o600)
    assert result.exit_code == 0, result.output
    assert result.output.count("packgen did not use its cache") == 1, result.output
    assert f"{key} is not a private file of yours" in result.output
    assert "unchanged, from the cache" not in result.output
    assert published(out) == published(cold)


@pytest.mark.parametrize("umask", [0o000, 0o077, 0o022])
def test_the_cache_is_private_whatever_the_umask(tmp_path, config_home, umask):
    previous = os.umask(umask)
    try:
        result = run_cli("build", DEFAULT_PACK, "--out", tmp_path, "--as-of", BUILT_ON, "--only", "handout")
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    cache = tmp_path / ".packgen-cache"
    found = [cache, *cache.rglob("*")]
    assert len(found) > 4  # the pack's folder, one entry and its files
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(os.lstat(p).st_mode) for p in found}
    assert modes == {name: 0o700 if (tmp_path / name).is_dir() else 0o600 for name in modes}
    assert stat.S_IMODE(os.stat(config_home / "packgen" / "cache-key").st_mode) == 0o600


def test_a_sound_entry_is_still_reused(out, cold):
    result = build(out)
    assert result.exit_code == 0, result.output
    assert IGNORED not in result.output
    assert result.output.count("unchanged, from the cache") == 1, result.output
    assert published(out) == published(cold)
