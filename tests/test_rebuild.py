"""Rebuilding only what changed: the cache and --only decide by each artefact's declared inputs.

Every test here checks bytes, not time: a rebuild that reuses the cache must give exactly the
files a cold build gives, and every kind of change must reach the artefacts that show it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, pdf_page_texts, run_cli, set_version

from generator.pipeline import stamps

ALL_KINDS = {
    "booklet",
    "appendix",
    "handout",
    "quiz-sheet",
    "quiz-key",
    "quiz-moodle",
    "quiz-gift",
    "cards-sheet",
    "cards-print",
    "booklet-imposed",
    "booklet-print",
    "booklet-large",
    "web",
}


def build(pack: Path, out: Path, *options) -> set[str]:
    """Build, and return the kinds the build rendered (the rest came from the cache)."""
    result = run_cli("build", pack, "--out", out, "--as-of", BUILT_ON, *options)
    assert result.exit_code == 0, result.output
    return {m.group(1) for m in re.finditer(r"^\S+ \(([a-z-]+)[,)].*: rendered", result.output, re.M)}


def files(out: Path, pack: str) -> dict[str, str]:
    folder = out / pack
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def manifest(out: Path, pack: str) -> dict:
    return json.loads((out / pack / "manifest.json").read_text(encoding="utf-8"))


def small_pack(tmp_path: Path) -> Path:
    """A pack of another shape: three sections, no quiz, no cards."""
    pack = Path(shutil.copytree(DEFAULT_PACK, tmp_path / "short-pack"))
    (pack / "quiz.yaml").unlink()
    (pack / "cards.yaml").unlink()
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    listed = re.findall(r"^  - ([a-z0-9-]+\.yaml)$", text, re.M)
    for name in listed[3:]:
        text = text.replace(f"  - {name}\n", "", 1)
        (pack / "sections" / name).unlink()
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    return pack


@pytest.mark.slow  # several whole builds, or templates or a council of its own
def test_every_kind_of_change_reaches_what_shows_it_and_matches_a_cold_build(pack_copy, tmp_path):
    """After each change, the cached rebuild renders what shows the change (and no more where the
    inputs say so), and gives byte for byte what a cold build of the same content gives."""
    cached, cold = tmp_path / "cached", tmp_path / "cold"
    templates = Path(shutil.copytree(ROOT / "templates", tmp_path / "council-templates"))
    assert build(pack_copy, cached, "--templates", templates) == ALL_KINDS
    assert build(pack_copy, cached, "--templates", templates) == set()  # nothing changed: all reused
    section = pack_copy / "sections" / "acting-in-capacity.yaml"
    label = ("--appendix-label", "Appendix 3")
    changes = [  # (what changes, how, options, the kinds that must be rendered: exactly, bar the section)
        (
            "cards.yaml",
            lambda: edit(pack_copy / "cards.yaml", "who you are.", "who you are, always."),
            (),
            {"cards-sheet", "cards-print", "web"},
        ),  # the web page ends with the cards' words
        ("quiz template", lambda: _touch_css(templates / "styles" / "quiz.css"), (), {"quiz-sheet", "quiz-key"}),
        ("appendix label", lambda: None, label, {"appendix"}),
        (
            "a section",
            lambda: edit(section, "a subjective test.", "a subjective test, always."),
            label,
            {"booklet", "appendix", "handout", "booklet-imposed", "booklet-print", "booklet-large", "web"},
        ),
    ]
    for what, change, options, must_render in changes:
        change()
        rendered = build(pack_copy, cached, "--templates", templates, *options)
        assert must_render <= rendered, f"{what}: rendered only {rendered}"
        if what != "a section":
            assert rendered == must_render, f"{what}: rendered {rendered}, not just {must_render}"
        build(pack_copy, cold, "--templates", templates, "--force", *options)
        assert files(cached, "social-media") == files(cold, "social-media"), what


def _touch_css(path: Path) -> None:
    with open(path, "a", encoding="utf-8") as stream:
        stream.write("\nh1 { letter-spacing: 0.01em; }\n")


@pytest.mark.slow  # builds of its own
def test_a_cached_rebuild_of_another_shape_of_pack_gives_the_same_bytes(tmp_path):
    pack = small_pack(tmp_path)
    cached, cold = tmp_path / "cached", tmp_path / "cold"
    build(pack, cached)
    set_version(pack, "1.2")
    assert build(pack, cached) == {
        "booklet",
        "appendix",
        "handout",
        "booklet-imposed",
        "booklet-print",
        "booklet-large",
        "web",
    }
    assert build(pack, cached) == set()
    build(pack, cold)
    assert files(cached, "short-pack") == files(cold, "short-pack")
    assert not any(entry["kind"].startswith(("quiz", "cards")) for entry in manifest(cached, "short-pack")["artefacts"])


def test_manifest_records_each_artefacts_inputs(default_build):
    record = json.loads((default_build / "manifest.json").read_text(encoding="utf-8"))
    content = record["inputs"]["content"]
    assert "pack.yaml" in content and "quiz.yaml" in content and "cards.yaml" in content
    assert record["inputs"]["software"]["packgen"]
    by_kind = {entry["kind"]: entry for entry in record["artefacts"]}
    for entry in record["artefacts"]:
        assert re.fullmatch(r"[0-9a-f]{64}", entry["inputs"]["sha256"])
        assert set(entry["inputs"]["content"]) <= set(content)
        assert entry["inputs"]["options"]["built"] == BUILT_ON
    assert "cards.yaml" not in by_kind["booklet"]["inputs"]["content"]
    assert "quiz.yaml" not in by_kind["cards-sheet"]["inputs"]["content"]
    assert by_kind["quiz-key"]["inputs"]["options"]["seed"] == record["quiz_seed"]
    # the key reads the booklet's pages its answers are on (their hash is recorded), the print files its bytes
    assert set(by_kind["quiz-key"]["inputs"]["after"]) == {"booklet.pdf#pages"}
    assert by_kind["booklet-print"]["inputs"]["after"]["booklet.pdf"] == by_kind["booklet"]["sha256"]


@pytest.mark.slow  # builds of its own
def test_only_with_other_quiz_options_leaves_no_sheet_of_another_quiz(pack_copy, tmp_path):
    """Issue 11 item 4: three variants with seed 1, then --only quiz-key with one variant and seed 2."""
    out = tmp_path / "out"
    build(pack_copy, out, "--quiz-variants", "3", "--seed", "1")
    build(pack_copy, out, "--only", "quiz-key", "--quiz-variants", "1", "--seed", "2")
    record = manifest(out, "social-media")
    quiz = [e for e in record["artefacts"] if e["kind"].startswith("quiz")]
    assert sorted(e["path"] for e in quiz) == ["quiz-key-A.pdf", "quiz-sheet-A.pdf"]
    assert {e["code"] for e in quiz} == {quiz[0]["code"]}  # the sheet and the key are one quiz
    assert all(e["inputs"]["options"]["seed"] == 2 for e in quiz) and record["quiz_seed"] == 2
    assert not (out / "social-media" / "quiz-sheet-B.pdf").exists()
    sheet_code = quiz[0]["code"]
    assert sheet_code in " ".join(pdf_page_texts(out / "social-media" / "quiz-sheet-A.pdf"))
    assert sheet_code in " ".join(pdf_page_texts(out / "social-media" / "quiz-key-A.pdf"))
    _assert_manifest_describes_folder(out / "social-media", record)


@pytest.mark.slow  # builds of its own
def test_only_one_card_file_after_an_edit_makes_the_other_again(pack_copy, tmp_path):
    """The office sheet and the print-shop file are separate modules that go together
    (kinds.TOGETHER): --only one of them after a cards.yaml edit renders both, never keeps one
    with the old words."""
    out = tmp_path / "out"
    build(pack_copy, out)
    edit(pack_copy / "cards.yaml", "Be honest about who you are.", "Be honest about who you are, always.")
    assert build(pack_copy, out, "--only", "cards-print") >= {"cards-print", "cards-sheet"}
    for name in ("cards-sheet.pdf", "cards-print.pdf"):
        assert "always." in " ".join(pdf_page_texts(out / "social-media" / name)), name
    _assert_manifest_describes_folder(out / "social-media", manifest(out, "social-media"))


@pytest.mark.slow  # several whole builds, or templates or a council of its own
def test_only_booklet_with_other_templates_rebuilds_the_key_and_drops_what_it_cannot_vouch_for(pack_copy, tmp_path):
    out = tmp_path / "out"
    build(pack_copy, out)
    before = manifest(out, "social-media")
    big = Path(shutil.copytree(ROOT / "templates", tmp_path / "big"))
    with open(big / "styles" / "booklet.css", "a", encoding="utf-8") as stream:
        stream.write("\nbody { font-size: 15pt; }\n")
    with open(big / "styles" / "appendix.css", "a", encoding="utf-8") as stream:  # read by the appendix only
        stream.write("\n.not-used { color: black; }\n")
    result = run_cli("build", pack_copy, "--out", out, "--as-of", BUILT_ON, "--only", "booklet", "--templates", big)
    assert result.exit_code == 0, result.output
    record = manifest(out, "social-media")
    by_kind = {e["kind"]: e for e in record["artefacts"]}
    assert by_kind["booklet"]["pages"] > {e["kind"]: e for e in before["artefacts"]}["booklet"]["pages"]
    for dependant in ("booklet-imposed", "booklet-print"):  # they read the booklet
        assert by_kind[dependant]["inputs"]["after"]["booklet.pdf"] == by_kind["booklet"]["sha256"]
    old_key = {e["kind"]: e for e in before["artefacts"]}["quiz-key"]["inputs"]["after"]
    assert by_kind["quiz-key"]["inputs"]["after"] != old_key  # its answers moved with the larger type
    assert by_kind["quiz-sheet"]["code"] == by_kind["quiz-key"]["code"]  # made again with its key
    assert by_kind["quiz-sheet"]["inputs"]["templates_sha256"] == by_kind["quiz-key"]["inputs"]["templates_sha256"]
    assert "handout" in by_kind  # the handout reads no CSS: its inputs are all the same, so it stays
    assert "appendix" not in by_kind and not (out / "social-media" / "appendix.pdf").exists()
    assert "removed appendix" in result.output
    _assert_manifest_describes_folder(out / "social-media", record)


@pytest.mark.slow  # builds of its own
def test_only_keeps_an_artefact_whose_inputs_are_all_the_same(pack_copy, tmp_path):
    out = tmp_path / "out"
    build(pack_copy, out)
    before = {e["path"]: e["sha256"] for e in manifest(out, "social-media")["artefacts"]}
    edit(pack_copy / "cards.yaml", "Be honest about who you are.", "Be honest about who you are, always.")
    assert build(pack_copy, out, "--only", "handout") == set()  # from the cache: its inputs are the same
    after = {e["path"]: e["sha256"] for e in manifest(out, "social-media")["artefacts"]}
    made_from_old_cards = {"cards-sheet.pdf", "cards-print.pdf"} | {path for path in before if path.startswith("web/")}
    assert set(after) == set(before) - made_from_old_cards  # the web page ends with the cards' words
    assert all(after[path] == before[path] for path in after)


def _assert_manifest_describes_folder(folder: Path, record: dict) -> None:
    listed = {e["path"]: e["sha256"] for e in record["artefacts"]}
    present = {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }  # the web version's files sit in web/
    assert present == listed


@pytest.mark.slow  # builds of its own
def test_a_damaged_or_foreign_cache_entry_is_ignored_with_a_note(pack_copy, tmp_path):
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(pack_copy, out, "--only", "cards-sheet", "--only", "handout")
    cache = out / ".packgen-cache" / "social-media"
    entries = sorted(cache.iterdir())
    damaged = next(e for e in entries if "cards-sheet" in (e / "entry.json").read_text())
    blob = damaged / "0.bin"
    blob.write_bytes(blob.read_bytes()[:-10] + b"0123456789")
    handout_entry = next(e for e in entries if "handout" in (e / "entry.json").read_text())
    entry = json.loads((handout_entry / "entry.json").read_text())
    entry["outputs"][0]["filename"] = "../../escaped.docx"
    (handout_entry / "entry.json").write_text(json.dumps(entry))
    result = run_cli(
        "build", pack_copy, "--out", out, "--as-of", BUILT_ON, "--only", "cards-sheet", "--only", "handout"
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("ignored a cache entry") == 2, result.output
    assert not (tmp_path / "escaped.docx").exists() and not (out / "escaped.docx").exists()
    build(pack_copy, cold, "--only", "cards-sheet", "--only", "handout")
    assert files(out, "social-media") == files(cold, "social-media")


@pytest.mark.slow  # builds of its own
def test_force_renders_everything_again(pack_copy, tmp_path):
    out = tmp_path / "out"
    build(pack_copy, out, "--only", "handout", "--only", "appendix")
    assert build(pack_copy, out, "--only", "handout", "--only", "appendix") == set()
    assert build(pack_copy, out, "--only", "handout", "--only", "appendix", "--force") == {"handout", "appendix"}


def test_a_handout_only_build_never_imports_weasyprint(pack_copy, tmp_path):
    """Importing WeasyPrint is refused in the build process and so in every worker forked from it."""
    script = (
        "import sys; sys.modules['weasyprint'] = None\n"
        "from generator.cli import main\n"
        f"main(['build', {str(pack_copy)!r}, '--out', {str(tmp_path / 'out')!r}, '--only', 'handout'])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "social-media" / "handout.docx").is_file()


def next_line(watcher) -> str:
    """The watch's next line, skipping a build's notes (e.g. "Note: ... Notes pages ...")."""
    line = watcher.stdout.readline()
    while line.startswith("  Note:"):
        line = watcher.stdout.readline()
    return line


@pytest.mark.slow  # several whole builds, or templates or a council of its own
def test_watch_rebuilds_what_a_save_reaches_shows_errors_and_keeps_the_last_good_build(pack_copy, tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "generator", "watch", str(pack_copy), "--out", str(out), "--as-of", BUILT_ON]
    watcher = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Ctrl-C as a terminal delivers it: a shell running the tests in the background has
        # SIGINT ignored, and a child would inherit that and never stop.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert "watching" in next_line(watcher)
        first = next_line(watcher)
        assert "first build: rendered booklet" in first, first
        good = files(out, "social-media")
        edit(pack_copy / "cards.yaml", "who you are.", "who you are, always.")
        line = next_line(watcher)
        assert re.search(r"changed cards.yaml: rendered cards-sheet, cards-print, web \(\d+ kinds unchanged\)", line), (
            line
        )
        good = files(out, "social-media")
        edit(pack_copy / "pack.yaml", "review_due: 2022-03-01", "review_due: 2022-02-30")
        line = next_line(watcher)
        assert "changed pack.yaml: not built, the last good build is kept" in line, line
        assert "pack.yaml:" in next_line(watcher)  # the content error itself, path:line first
        assert files(out, "social-media") == good
        edit(pack_copy / "pack.yaml", "review_due: 2022-02-30", "review_due: 2022-03-01")
        while "changed pack.yaml" not in (line := next_line(watcher)):
            assert line, "the watch stopped"
        assert "nothing to render" in line, line  # back to the content of the last good build
        assert watcher.poll() is None
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.communicate(timeout=60)


@pytest.mark.slow  # several whole builds, or templates or a council of its own
def test_a_council_yaml_edit_reaches_the_packs_beside_it(tmp_path):
    """council.yaml sits outside the pack folder, yet every artefact reads it (name, colours, fonts)."""
    council = Path(shutil.copytree(ROOT / "examples" / "fenmarsh", tmp_path / "fenmarsh"))
    pack, cached, cold = council / "meeting-rooms", tmp_path / "cached", tmp_path / "cold"
    assert build(pack, cached, "--only", "handout") == {"handout"}
    text = (council / "council.yaml").read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", text, re.M).group(1)
    (council / "council.yaml").write_text(text.replace(f"name: {name}", f"name: {name} Test", 1), encoding="utf-8")
    assert build(pack, cached, "--only", "handout") == {"handout"}
    assert "council/council.yaml" in manifest(cached, "meeting-rooms")["artefacts"][0]["inputs"]["content"]
    build(pack, cold, "--only", "handout")
    assert files(cached, "meeting-rooms") == files(cold, "meeting-rooms")


# Saying what is happening -------------------------------------------------------------------


def _on_a_terminal(*arguments: str) -> tuple[int, str]:
    """Run packgen with its output on a pseudo-terminal, as in a terminal window; exit code and output."""
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *arguments], cwd=ROOT, stdout=follower, stderr=subprocess.DEVNULL
    )
    os.close(follower)
    output = b""
    while chunk := _read(leader):
        output += chunk
    os.close(leader)
    return process.wait(timeout=120), output.decode()


def _read(fd: int) -> bytes:
    import os

    try:
        return os.read(fd, 4096)
    except OSError:  # the other end closed: Linux reports EIO
        return b""


@pytest.mark.slow  # a build of its own
def test_a_build_in_a_terminal_shows_a_bar_under_one_line_per_artefact(tmp_path):
    code, output = _on_a_terminal(
        "build", str(DEFAULT_PACK), "--out", str(tmp_path), "--only", "handout", "--only", "quiz-gift"
    )
    assert code == 0, output
    assert "Building  [" in output and "2/2" in output
    assert "\x1b[Khandout.docx (handout): rendered, ready at " in output  # each line clears the bar first
    assert output.rstrip().splitlines()[-1].startswith("wrote ")


def test_a_build_not_in_a_terminal_prints_lines_and_no_bar(tmp_path):
    result = run_cli("build", DEFAULT_PACK, "--out", tmp_path, "--only", "handout")
    assert result.exit_code == 0, result.output
    assert "Building" not in result.output and "\r" not in result.output
    assert "handout.docx (handout): rendered, ready at " in result.output


def test_renderers_start_importing_weasyprint_at_once_only_when_content_changed(default_build, pack_copy):
    """The guess that lets a rebuild's renderers import WeasyPrint while the content loads: made
    from the content files' stat (no byte read) against the time the build before wrote its manifest."""
    previous = json.loads((default_build / "manifest.json").read_text(encoding="utf-8"))
    unchanged = stamps.stamps(DEFAULT_PACK)
    assert not stamps.changed_since(unchanged, previous, default_build)
    edit(pack_copy / "cards.yaml", "who you are.", "who you are, always.")
    assert stamps.changed_since(stamps.stamps(pack_copy), previous, default_build)
    assert stamps.changed_since(unchanged, None, default_build)  # no build before: a render is certain
    outside = previous | {"inputs": {"content": previous["inputs"]["content"] | {"council/logo.svg": "0" * 64}}}
    assert not stamps.changed_since(unchanged, outside, default_build)  # a council file not stamped
