"""`packgen new --languages`: a Welsh or bilingual starter pack, and Welsh kept out of the English
spelling check.

Through the command line, as an officer runs it; the pack is read back with load_pack and checked
with `packgen check`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli
from generator.content.reader import load_pack

ANSWERS = ("--title", "Planning committee induction", "--organisation", "Anytown Borough Council",
           "--owner", "Monitoring Officer")  # fmt: skip
CONTENT = ["pack.yaml", "quiz.yaml", "cards.yaml"] + [
    f"sections/{name}.yaml"
    for name in ("introduction", "benefits-and-risks", "responsibilities", "legal-issues", "checklist")
]
BILINGUAL = Path(__file__).parent / "packs" / "bilingual"


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_bilingual_pack_starts_with_a_current_welsh_twin_of_every_file(here):
    made = run_cli("new", "p", *ANSWERS, "--languages", "cy,en")
    assert made.exit_code == 0, made.output
    for name in CONTENT:
        twin = here / "p" / name.replace(".yaml", ".cy.yaml")
        text = twin.read_text(encoding="utf-8")
        assert "translated_from:" in text, twin  # recorded as current by packgen, not by hand
        assert "have the council's\n# translators check it before first use" in text, twin
    assert "languages: [cy, en]" in (here / "p" / "pack.yaml").read_text(encoding="utf-8")
    welsh, english = load_pack(here / "p"), load_pack(here / "p", "en")
    assert (welsh.language, english.language) == ("cy", "en")
    assert [s.title for s in welsh.sections] == [
        "Diben y canllawiau hyn",
        "Manteision a risgiau",
        "Eich cyfrifoldebau",
        "Materion cyfreithiol",
        "Rhestr wirio",
    ]
    assert english.sections[0].title == "Purpose of this guidance"
    assert [t.kind for t in welsh.section("checklist").tips] == ["do", "dont"]  # "Peidiwch â ..." is a don't
    assert welsh.quiz.title == "Planning committee induction: gwiriwch eich dealltwriaeth"
    assert welsh.translation_drift == ()
    checked = run_cli("check", "p")
    assert checked.exit_code == 0, checked.output
    assert "translated from" not in checked.output and "has no record" not in checked.output
    assert "Warning" not in checked.output.replace("Welsh spelling not checked", ""), checked.output


def test_a_welsh_only_pack_is_welsh_throughout(here):
    made = run_cli("new", "p", "--title", "Cyflwyniad i'r pwyllgor cynllunio", "--organisation",
                   "Cyngor Sir Enghraifft", "--owner", "Swyddog Monitro", "--languages", "cy")  # fmt: skip
    assert made.exit_code == 0, made.output
    assert not list((here / "p").rglob("*.cy.yaml"))  # the untagged files are the Welsh
    pack = load_pack(here / "p")
    assert (pack.languages, pack.language) == (("cy",), "cy")
    assert pack.audience == "Cynghorwyr a swyddogion Cyngor Sir Enghraifft"
    assert pack.contact == (
        "Os oes gennych gwestiwn am y canllawiau hyn, cysylltwch â'r Swyddog Monitro, Cyngor Sir Enghraifft."
    )
    assert pack.sections[0].title == "Diben y canllawiau hyn"
    assert pack.cards.cards[0].back.note == "Os nad ydych yn siŵr, cysylltwch â'r Swyddog Monitro."
    checked = run_cli("check", "p")
    assert checked.exit_code == 0, checked.output
    assert "British English dictionary" not in checked.output, checked.output  # Welsh is never English


def test_an_unknown_language_is_refused_in_one_line(here):
    refused = run_cli("new", "p", *ANSWERS, "--languages", "cy,fr")
    assert refused.exit_code == 2
    lines = refused.output.strip().splitlines()
    assert lines == ["Error: --languages: 'fr' is not a language packgen prints; use cy (Welsh), en (English), "
                     "e.g. --languages cy,en"]  # fmt: skip
    assert not (here / "p").exists()


def test_check_never_reads_welsh_against_the_english_dictionary(here):
    tool = shutil.which("hunspell")
    if tool is None or b"en_GB" not in subprocess.run([tool, "-D"], capture_output=True, input=b"").stderr:
        pytest.skip("Hunspell's British English dictionary is not installed")
    shutil.copytree(BILINGUAL, here / "bilingual")
    checked = run_cli("check", "bilingual")
    assert checked.exit_code == 0, checked.output
    assert "British English dictionary" not in checked.output, checked.output  # not 'cy', nor any Welsh word


def test_welsh_twins_are_checked_against_a_welsh_dictionary(here, monkeypatch):
    """With a Hunspell Welsh dictionary (here a tiny one of our own, found through DICPATH), a Welsh
    word it lacks is reported as not in the Welsh dictionary; a joined article ("Mae'r") is not a word."""
    if shutil.which("hunspell") is None:
        pytest.skip("Hunspell is not installed")
    shutil.copytree(BILINGUAL, here / "bilingual")
    words = {"diben", "cymryd", "rhan", "yng", "nghyfarfodydd", "y", "cyngor", "mae"}
    dictionaries = here / "dict"
    dictionaries.mkdir()
    (dictionaries / "cy_GB.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (dictionaries / "cy_GB.dic").write_text(f"{len(words)}\n" + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    monkeypatch.setenv("DICPATH", str(dictionaries))
    checked = run_cli("check", "bilingual")
    assert checked.exit_code == 0, checked.output
    assert "'Prawf'" not in checked.output  # the words of the council's name are accepted
    assert "'Cynghorwyr' is not in the Welsh dictionary" in checked.output
    assert "'Mae'r'" not in checked.output
    assert "British English dictionary" not in checked.output
    assert "Welsh spelling not checked" not in checked.output
