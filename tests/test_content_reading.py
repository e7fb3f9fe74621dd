"""Content is read once, from plain files inside the pack, and hashed as read (issue 11, items 3, 6, 7).

Every test drives the real CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import edit, run_cli, set_version, snapshot

import generator.pipeline.build

BOTH = ("--only", "booklet", "--only", "handout", "--as-of", "2021-06-01")


def manifest(out: Path) -> dict:
    return json.loads((out / "social-media" / "manifest.json").read_text())


# 11.3 The content hash is of the bytes that were loaded ----------------------------------------


@pytest.mark.slow  # builds of its own
def test_a_version_saved_during_a_build_never_mixes_versions(pack_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run_cli("build", pack_copy, "--out", out, *BOTH).exit_code == 0
    before = snapshot(out)
    write = generator.pipeline.build._write

    def save_a_new_version_then_write(*args):
        set_version(pack_copy, "1.1")  # an officer saves pack.yaml after it was read, before the files are written
        return write(*args)

    monkeypatch.setattr(generator.pipeline.build, "_write", save_a_new_version_then_write)
    result = run_cli("build", pack_copy, "--out", out, *BOTH)
    assert result.exit_code == 1, result.output
    assert "pack.yaml:1: changed while the build was running, so nothing was written; build again" in result.output
    assert snapshot(out) == before
    monkeypatch.undo()

    result = run_cli("build", pack_copy, "--out", out, "--only", "handout", "--as-of", "2021-06-01")
    assert result.exit_code == 0, result.output
    built = manifest(out)
    assert built["version"] == "1.1"
    assert [entry["kind"] for entry in built["artefacts"]] == ["handout"]  # the 1.0 booklet is gone
    assert sorted(p.name for p in (out / "social-media").iterdir()) == ["handout.docx", "manifest.json"]


@pytest.mark.slow  # builds of its own
def test_a_logo_changed_during_a_build_is_caught(pack_copy, tmp_path, monkeypatch):
    shutil.copy(Path(__file__).parent / "fixtures" / "logo.svg", pack_copy / "logo.svg")
    with open(pack_copy / "pack.yaml", "a", encoding="utf-8") as stream:
        stream.write("logo:\n  file: logo.svg\n  alt: Anytown Council\n")
    write = generator.pipeline.build._write

    def replace_the_logo_then_write(*args):
        edit(pack_copy / "logo.svg", "</svg>", "<rect width='1' height='1'/></svg>")
        return write(*args)

    monkeypatch.setattr(generator.pipeline.build, "_write", replace_the_logo_then_write)
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "handout")
    assert result.exit_code == 1, result.output
    assert "logo.svg:1: changed while the build was running" in result.output
    assert not (tmp_path / "out" / "social-media").exists()


@pytest.mark.slow  # builds of its own
def test_only_files_packgen_reads_are_hashed(pack_copy, tmp_path):
    """Notes, a pipe and a file whose name is not UTF-8 beside the content change nothing."""
    out = tmp_path / "out"
    assert run_cli("build", pack_copy, "--out", out, "--only", "handout").exit_code == 0
    clean = manifest(out)["content_sha256"]
    (pack_copy / "notes.txt").write_text("officer's notes")
    os.mkfifo(pack_copy / "scratch")
    with open(os.path.join(os.fsencode(pack_copy), b"caf\xe9.txt"), "wb") as stream:  # a Latin-1 name
        stream.write(b"notes")
    shutil.rmtree(out)
    result = run_cli("build", pack_copy, "--out", out, "--only", "handout")
    assert result.exit_code == 0, result.output
    assert manifest(out)["content_sha256"] == clean
    assert "no problems found" in run_cli("check", pack_copy).output


# 11.6 Only plain files inside the pack, read with the limit applied ----------------------------


@pytest.mark.parametrize("command", ["check", pytest.param("build", marks=pytest.mark.slow)])
def test_a_content_file_that_is_a_pipe_is_refused_at_once(pack_copy, tmp_path, command):
    (pack_copy / "quiz.yaml").unlink()
    os.mkfifo(pack_copy / "quiz.yaml")
    start = time.monotonic()
    result = run_cli(command, pack_copy, *(["--out", tmp_path / "out"] if command == "build" else []))
    assert time.monotonic() - start < 60  # it used to wait for a writer for ever
    assert result.exit_code == 1, result.output
    assert (
        "quiz.yaml:1: is not a plain file (a pipe, a device or a folder); replace it with an ordinary file"
        in result.output
    )


def test_status_lists_a_pack_whose_pack_yaml_is_a_pipe(pack_copy):
    (pack_copy / "pack.yaml").unlink()
    os.mkfifo(pack_copy / "pack.yaml")
    result = run_cli("status", pack_copy.parent)
    assert result.exit_code == 0, result.output
    assert "social-media: cannot be read (1 problem)" in result.output


def test_a_section_that_is_a_folder_is_a_content_problem(pack_copy):
    (pack_copy / "sections" / "purpose.yaml").unlink()
    (pack_copy / "sections" / "purpose.yaml").mkdir()
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert "sections/purpose.yaml:1: is not a plain file" in result.output


@pytest.mark.parametrize("target", ["/dev/zero", "outside.yaml"])
def test_a_content_file_linked_outside_the_pack_is_refused_unread(pack_copy, tmp_path, target):
    outside = tmp_path / "outside.yaml"
    outside.write_text("kind: prose\ntitle: Secret\nbody:\n  - A private note from outside the pack.\n")
    (pack_copy / "sections" / "purpose.yaml").unlink()
    (pack_copy / "sections" / "purpose.yaml").symlink_to(target if target.startswith("/") else outside)
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1, result.output
    assert (
        "sections/purpose.yaml:1: is a link to a file outside the pack folder; copy the file itself into the pack"
        in result.output
    )
    assert "Secret" not in result.output


def test_a_link_inside_the_pack_is_read(pack_copy):
    (pack_copy / "sections" / "purpose.yaml").rename(pack_copy / "purpose-text.yaml")
    (pack_copy / "sections" / "purpose.yaml").symlink_to(pack_copy / "purpose-text.yaml")
    assert run_cli("check", pack_copy).exit_code == 0


def test_a_content_file_over_the_limit_is_refused(pack_copy):
    with open(pack_copy / "quiz.yaml", "a", encoding="utf-8") as stream:
        stream.write("#" * 1_000_001 + "\n")
    result = run_cli("check", pack_copy)
    assert result.exit_code == 1
    assert "quiz.yaml:1: is more than 1,000,000 bytes, the limit for one content file" in result.output


# Reading again -----------------------------------------------------------------------------------


def test_text_read_again_is_not_parsed_again_and_each_reader_gets_its_own_copy(pack_copy, monkeypatch):
    """Parsing is most of what reading a pack costs; `check` then `build`, watch and the tests read
    the same files again and again. Unchanged text is parsed once; a changed file is parsed anew."""
    from generator.content import yamlio

    parsed = []
    parse = yamlio._parse
    monkeypatch.setattr(yamlio, "_parse", lambda text, shown_as: parsed.append(text) or parse(text, shown_as))
    path = pack_copy / "pack.yaml"
    edit(path, "title: Social media guidance for councillors", f"title: Read by {pack_copy}")  # text of its own
    first = yamlio.read_yaml(path, "pack.yaml")
    first.data["title"] = "changed by one reader"
    second = yamlio.read_yaml(path, "elsewhere/pack.yaml")  # the same text under another name
    assert len(parsed) == 1
    assert second.data["title"] == f"Read by {pack_copy}" and second.lines == first.lines
    assert second.path == "elsewhere/pack.yaml"
    edit(path, f"title: Read by {pack_copy}", f"title: Revised by {pack_copy}")
    assert yamlio.read_yaml(path, "pack.yaml").data["title"] == f"Revised by {pack_copy}" and len(parsed) == 2
    edit(path, f"title: Revised by {pack_copy}", "title: [unclosed")
    name = "pack.yaml"
    for _ in range(2):  # a file with a problem is parsed (and its problem reported) every time
        with pytest.raises(yamlio.YamlProblems):
            yamlio.read_yaml(path, name)
    assert len(parsed) == 4
