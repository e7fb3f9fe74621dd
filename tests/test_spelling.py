"""Spelling (issue 28, point 5): packgen check warns about words not in the British English
dictionary, with file:line, accepts the pack's words.txt, and on a machine without Hunspell says
once that spelling was not checked, never failing."""

from __future__ import annotations

import shutil

import pytest

from conftest import DEFAULT_PACK, edit, line_of, run_cli
from test_officer import officer  # noqa: F401  (the officer's folder, with packgen new's pack in it)

needs_hunspell = pytest.mark.skipif(
    shutil.which("hunspell") is None, reason="hunspell is not installed: apt-get install hunspell hunspell-en-gb"
)


@needs_hunspell
def test_a_misspelt_word_is_a_warning_with_its_file_line_and_a_suggestion(officer):  # noqa: F811
    section = officer / "sections" / "introduction.yaml"
    edit(section, "body:\n  - ", "body:\n  - Councillors recieve this guidance.\n  - ")
    result = run_cli("check", "code-of-conduct")
    assert result.exit_code == 0, result.output  # a warning: the officer decides
    assert (
        f"Warning: packs/code-of-conduct/sections/introduction.yaml:{line_of(section, 'recieve')}: 'recieve' is not in "
        "the British English dictionary (did you mean 'receive'?); correct it, or add it to words.txt beside pack.yaml"
    ) in result.output


@needs_hunspell
def test_american_spelling_is_reported_against_the_british_dictionary(officer):  # noqa: F811
    edit(officer / "pack.yaml", 'audience: "Councillors"', 'audience: "Councillors of every color"')
    result = run_cli("check", "code-of-conduct")
    assert "'color' is not in the British English dictionary (did you mean 'colour'?)" in result.output


@needs_hunspell
def test_a_word_in_words_txt_is_accepted_and_the_councils_own_name_needs_no_entry(officer):  # noqa: F811
    section = officer / "sections" / "introduction.yaml"
    edit(section, "body:\n  - ", "body:\n  - Ask Councillor Blenkinsopp at Fenmarsh about the Nolan principles.\n  - ")
    warned = run_cli("check", "code-of-conduct").output
    assert "'Blenkinsopp' is not in the British English dictionary" in warned
    assert "'Fenmarsh'" not in warned  # in the council's name (council.yaml)
    with open(officer / "words.txt", "a", encoding="utf-8") as words:
        words.write("Blenkinsopp\n")
    result = run_cli("check", "code-of-conduct")
    assert result.exit_code == 0 and "Warning" not in result.output, result.output


@needs_hunspell
def test_the_social_media_pack_is_checked_as_the_seed_wrote_it(tmp_path):
    """The seed's "residents groups", "time-to-time" and "case by case" are punctuation, kept as the
    guidance printed them: no dictionary reports them. Its words.txt names the two names it uses."""
    pack = shutil.copytree(DEFAULT_PACK, tmp_path / "social-media")
    text = " ".join(p.read_text(encoding="utf-8") for p in (pack / "sections").glob("*.yaml"))
    assert "residents groups" in text and "time-to-time" in text and "case by case" in text
    result = run_cli("check", pack)
    assert "dictionary" not in result.output, result.output
    (pack / "words.txt").unlink()
    names = run_cli("check", pack).output
    assert "'Euan' is not in the British English dictionary" in names and "'Semple'" in names
    assert "residents" not in names and "time-to-time" not in names


def test_without_hunspell_check_says_once_that_spelling_was_not_checked(officer, monkeypatch, tmp_path):  # noqa: F811
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    edit(officer / "sections" / "introduction.yaml", "body:\n  - ", "body:\n  - Councillors recieve this.\n  - ")
    result = run_cli("check", "code-of-conduct")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if "spelling" in line]
    assert notes == [
        "Note: spelling was not checked: the British English dictionary is not installed "
        "(apt-get install hunspell hunspell-en-gb)"
    ]
