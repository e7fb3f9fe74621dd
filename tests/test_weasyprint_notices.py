"""A harmless WeasyPrint notice is a note, once per build; every other warning still fails (issue 19).

The renderers are forked from the test process, so a change made here to WeasyPrint's font
module (HarfBuzz-Subset made unavailable) is what they see too.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import weasyprint.pdf.fonts

from conftest import DEFAULT_PACK, pdf_page_texts, run_cli

from generator.pdf.render import sort_messages
from generator.html.templating import TEMPLATES

# WeasyPrint's own test: HarfBuzz-Subset 4.1 or newer is used, else fontTools (no libharfbuzz-subset0).
HARFBUZZ_SUBSET = bool(weasyprint.pdf.fonts.harfbuzz_subset) and weasyprint.pdf.fonts.harfbuzz.hb_version_atleast(
    4, 1, 0
)
FALLBACK_NOTE = (
    "Note: fonts are subset with fontTools, which is slower; install libharfbuzz-subset0 "
    "(HarfBuzz-Subset 4.1 or newer) for faster builds."
)


@pytest.fixture
def without_harfbuzz_subset(monkeypatch):
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)


@pytest.fixture(scope="module")
def fonttools_build(tmp_path_factory):
    """The whole default pack, built as on a machine without HarfBuzz-Subset."""
    out = tmp_path_factory.mktemp("fonttools")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
        result = run_cli("build", DEFAULT_PACK, "--out", out, "--as-of", "2021-06-01")
    return out / "social-media", result


@pytest.mark.slow  # builds of its own
def test_every_artefact_is_written_and_the_note_is_printed_once(fonttools_build):
    folder, result = fonttools_build
    assert result.exit_code == 0, result.output
    assert result.output.count(FALLBACK_NOTE) == 1
    assert "WeasyPrint reported a problem" not in result.output
    manifest = json.loads((folder / "manifest.json").read_text())
    assert len(manifest["artefacts"]) >= 9
    for entry in manifest["artefacts"]:
        assert hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    assert "Social media guidance for councillors" in pdf_page_texts(folder / "booklet.pdf")[0]


@pytest.mark.slow  # builds of its own
def test_fonttools_builds_are_reproducible(fonttools_build, tmp_path, without_harfbuzz_subset):
    """What the note and the README say: the same subsetter gives the same bytes."""
    folder, _ = fonttools_build
    again = run_cli("build", DEFAULT_PACK, "--out", tmp_path, "--as-of", "2021-06-01", "--only", "booklet")
    assert again.exit_code == 0, again.output
    assert (tmp_path / "social-media" / "booklet.pdf").read_bytes() == (folder / "booklet.pdf").read_bytes()


@pytest.mark.slow  # builds of its own
@pytest.mark.skipif(
    not HARFBUZZ_SUBSET, reason="HarfBuzz-Subset is not installed here, so every build already uses fontTools"
)
def test_fonttools_and_harfbuzz_builds_differ(fonttools_build, default_build):
    """Why the README warns that machines with different subsetters make different bytes."""
    folder, _ = fonttools_build
    assert (default_build / "booklet.pdf").read_bytes() != (folder / "booklet.pdf").read_bytes()


@pytest.mark.slow  # builds of its own
def test_a_real_problem_still_fails_the_build_and_the_fallback_does_not_hide_it(
    pack_copy, tmp_path, without_harfbuzz_subset
):
    templates = Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))
    with open(templates / "styles" / "booklet.css", "a", encoding="utf-8") as stream:
        stream.write("\nh1 { colour: red; }\n")  # an unknown property: WeasyPrint warns and ignores it
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--templates", templates, "--only", "booklet")
    assert result.exit_code == 3, result.output
    problem = result.output.split("WeasyPrint reported a problem, so nothing was written: ")[1]
    assert "colour" in problem and "fontTools" not in problem
    assert not (tmp_path / "out" / "social-media").exists()


def test_only_the_listed_messages_are_harmless():
    problems, notes = sort_messages(
        [
            'Using fontTools instead of HarfBuzz-Subset for font "Atkinson Hyperlegible". This will be unsupported',
            'Using fontTools instead of HarfBuzz-Subset for font "DejaVu Sans". This will be unsupported',
            'Unable to subset "DejaVu Sans" with HarfBuzz',
            'Failed to load image at "logo.png"',
            "Ignored `colour: red` at 1:1, unknown property.",
        ]
    )
    assert problems == [
        'Unable to subset "DejaVu Sans" with HarfBuzz',
        'Failed to load image at "logo.png"',
        "Ignored `colour: red` at 1:1, unknown property.",
    ]
    assert len(notes) == 1 and notes[0].startswith("fonts are subset with fontTools")
