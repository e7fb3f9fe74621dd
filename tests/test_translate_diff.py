"""`packgen diff` on a bilingual pack: compared in the language its twins translate, with a line for
each twin block the newer version leaves out of step; `build --strict` says it refuses that too.

On copies of tests/packs/bilingual (languages: [cy, en]) and of the default pack, through the CLI.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DEFAULT_PACK, edit, run_cli

BILINGUAL = Path(__file__).parent / "packs" / "bilingual"


@pytest.fixture
def versions(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """Two versions of the bilingual pack side by side, the newer at 1.1, run from beside them."""
    monkeypatch.chdir(tmp_path)
    old, new = Path("old"), Path("new")
    shutil.copytree(BILINGUAL, old)
    shutil.copytree(BILINGUAL, new)
    edit(new / "pack.yaml", 'version: "1.0"', 'version: "1.1"')
    return old, new


def test_diff_names_each_twin_block_the_english_has_left_behind(versions):
    old, new = versions
    edit(new / "sections/purpose.yaml", "translation is provided", "translation is always provided")
    text = run_cli("diff", old, new)
    assert text.exit_code == 0, text.output
    assert text.output.splitlines() == [
        "Changes to Taking part in council meetings from version 1.0 to version 1.1:",
        '- Version changed from "1.0" to "1.1".',
        '- In "Why this guidance matters", changed: "You may speak in Welsh or in English at any meeting. '
        'Simultaneous translation is [added: always] provided."',
        "- new/sections/purpose.cy.yaml:4: translated from an earlier wording of new/sections/purpose.yaml:5; "
        "update the Welsh",
    ]
    markdown = run_cli("diff", old, new, "--format", "markdown")
    assert markdown.exit_code == 0, markdown.output
    translations = markdown.output.split("## Translations\n\n", 1)[1]
    assert translations.startswith("- new/sections/purpose.cy.yaml:4: translated from an earlier wording")


def test_diff_of_a_bilingual_pack_in_step_reads_as_before_in_english(versions):
    old, new = versions
    text = run_cli("diff", old, new)
    assert text.exit_code == 0, text.output
    assert text.output == (
        "Changes to Taking part in council meetings from version 1.0 to version 1.1:\n"
        '- Version changed from "1.0" to "1.1".\n'
    )
    assert "Translations" not in run_cli("diff", old, new, "--format", "markdown").output


def test_diff_says_when_a_pack_gains_a_language(versions):
    old, new = versions
    shutil.rmtree(old)
    shutil.copytree(DEFAULT_PACK, old)
    shutil.rmtree(new)
    shutil.copytree(DEFAULT_PACK, new)
    edit(new / "pack.yaml", "\ntitle:", "\nlanguages: [en]\ntitle:")  # the default, written out: no change
    assert "Languages changed" not in run_cli("diff", old, new).output
    edit(new / "pack.yaml", "\nlanguages: [en]\n", "\nlanguages: [cy, en]\n")
    for path in sorted(new.rglob("*.yaml")):  # a Welsh-only pack's files are its own "twins" in cy
        if path.name != "council.yaml" and not path.name.endswith(".cy.yaml"):
            shutil.copy(path, path.with_name(path.name.replace(".yaml", ".cy.yaml")))
    text = run_cli("diff", old, new)
    assert "- Languages changed from English to Welsh and English." in text.output, text.output


def test_build_strict_help_names_translations_out_of_step():
    help_text = " ".join(run_cli("build", "--help").output.split())
    assert "translations are out of step" in help_text
