"""More failures that were tracebacks, now one line and a documented exit code (issue 23, item 16).

A council's font file that is damaged or not a font at all is a content error on its line of
council.yaml (exit 1), found by `packgen check` before any render. `packgen new` into a place
it cannot write is one line, exit 2 (the folder named cannot be used) or 4 (it cannot be
written), and leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

import pytest

from conftest import ROOT, line_of, run_cli

COUNCIL = ROOT / "examples" / "fenmarsh"
LATO = COUNCIL / "fonts" / "Lato-Regular.ttf"
DAMAGED = (
    "is damaged or is not a font (it cannot be read as TrueType or OpenType); "
    "use the .ttf or .otf file the foundry supplies"
)


def with_table_cut(font: bytes, tag: str, length: int) -> bytes:
    """The font with table `tag` declared `length` bytes long in the table directory: truncated."""
    tables = struct.unpack(">H", font[4:6])[0]
    damaged = bytearray(font)
    for record in range(12, 12 + 16 * tables, 16):
        if font[record : record + 4] == tag.encode("latin-1"):
            damaged[record + 12 : record + 16] = struct.pack(">I", length)
            return bytes(damaged)
    raise AssertionError(f"no {tag} table")


FONT = LATO.read_bytes()
DAMAGED_FONTS = {
    "OS/2 table truncated": with_table_cut(FONT, "OS/2", 10),
    "head table truncated": with_table_cut(FONT, "head", 8),
    "cmap table truncated": with_table_cut(FONT, "cmap", 6),
    "hhea table truncated": with_table_cut(FONT, "hhea", 4),
    "file cut in half": FONT[: len(FONT) // 2],
    "table directory cut": FONT[:40],
    "zero-length file": b"",
    "random bytes": bytes(range(256)) * 20,
    "a PNG named .ttf": (ROOT / "docs" / "cards-sheet.png").read_bytes(),
}


@pytest.fixture
def council(tmp_path) -> Path:
    """A private copy of the example council (council.yaml, its fonts and a pack beside them)."""
    return Path(shutil.copytree(COUNCIL, tmp_path / "fenmarsh"))


# 23.16 (a) A damaged council font -------------------------------------------------------------


@pytest.mark.parametrize("weight, file", [("regular", "Lato-Regular.ttf"), ("bold", "Lato-Bold.ttf")])
@pytest.mark.parametrize("damage", DAMAGED_FONTS)
def test_a_damaged_council_font_is_a_content_error_on_its_line(council, damage, weight, file):
    (council / "fonts" / file).write_bytes(DAMAGED_FONTS[damage])
    result = run_cli("check", council / "meeting-rooms")
    assert result.exit_code == 1, result.output
    line = line_of(council / "council.yaml", f"{weight}: fonts/{file}")
    assert f"council.yaml:{line}: font file 'fonts/{file}' {DAMAGED}" in result.output
    assert isinstance(result.exception, SystemExit), result.exception  # a message and its exit code, no traceback


def test_a_sound_council_font_still_passes(council):
    result = run_cli("check", council / "meeting-rooms")
    assert result.exit_code == 0, result.output


# 23.16 (b) packgen new where it cannot write ----------------------------------------------------

OPTIONS = ("--title", "Planning committee induction", "--organisation", "Anytown Borough Council", "--owner", "Clerk")


def one_error_line(result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


def test_new_under_proc_is_one_line_and_exit_4():
    result = run_cli("new", "/proc/packgen-new-test", *OPTIONS)
    assert result.exit_code == 4, result.output
    assert one_error_line(result) == (
        "Error: cannot write the new pack in '/proc/packgen-new-test': the system does not allow "
        "new folders there; nothing was written"
    )


@pytest.mark.parametrize("below", ["pack", "deeper/pack"])
def test_new_under_a_file_is_one_line_and_exit_2(tmp_path, below):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("new", tmp_path / "notes.txt" / below, *OPTIONS)
    assert result.exit_code == 2, result.output
    assert one_error_line(result) == (
        f"Error: {tmp_path / 'notes.txt'} is a file, not a folder; give a folder path for the new pack"
    )
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


@pytest.mark.parametrize("where", ["", "new/"])
def test_a_300_character_folder_name_is_one_line_and_exit_2_and_nothing_is_made(tmp_path, where):
    result = run_cli("new", tmp_path / f"{where}{'a' * 300}", *OPTIONS)
    assert result.exit_code == 2, result.output
    assert one_error_line(result) == (
        f"Error: the folder name '{'a' * 40}...{'a' * 12}' is too long: at most 255 letters; choose a shorter one"
    )
    assert os.listdir(tmp_path) == []


def test_a_path_too_long_as_a_whole_is_one_line_and_exit_2(tmp_path):
    result = run_cli("new", tmp_path / "/".join(["folder"] * 700), *OPTIONS)
    assert result.exit_code == 2, result.output
    assert one_error_line(result).endswith("cannot be used: the path is too long")
    assert os.listdir(tmp_path) == []


def test_a_refused_answer_removes_the_parent_folders_new_made_too(tmp_path):
    result = run_cli("new", tmp_path / "council" / "packs" / "induction", "--title", "Planning " * 40, *OPTIONS[2:])
    assert result.exit_code == 1, result.output
    assert os.listdir(tmp_path) == []  # not even council/packs/, made for the pack
