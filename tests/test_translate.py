"""Bilingual packs: twins of the same shape as their source, kept in step, through XLIFF and back.

Through `packgen check` and `packgen translate`, on a copy of tests/packs/bilingual
(languages: [cy, en]: English files with Welsh twins beside them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import edit, line_of, run_cli
from generator.authoring.xliff import Xliff12, parse_id
from generator.content.reader import load_pack

PACK = Path(__file__).parent / "packs" / "bilingual"
PURPOSE = "sections/purpose.yaml"
PURPOSE_CY = "sections/purpose.cy.yaml"


@pytest.fixture
def pack(tmp_path, monkeypatch) -> Path:
    """A copy of the bilingual pack, with packgen run beside it (so messages name bilingual/...)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(PACK, tmp_path / "bilingual")
    return Path("bilingual")


def test_the_pack_reads_in_welsh_first_and_in_english(pack):
    welsh, english = load_pack(pack), load_pack(pack, "en")
    assert (welsh.language, welsh.languages) == ("cy", ("cy", "en"))
    assert welsh.title == "Cymryd rhan yng nghyfarfodydd y cyngor"
    assert english.title == "Taking part in council meetings"
    assert welsh.section("purpose").body[1].text.startswith("Cewch siarad yn Gymraeg")
    assert welsh.quiz.questions[0].answer == "Cymraeg neu Saesneg"  # the option at the English answer's place
    assert [t.kind for t in welsh.section("before-the-meeting").tips] == ["do", "do", "dont"]
    assert welsh.translation_drift == ()


def test_a_changed_english_paragraph_warns_naming_the_twin_until_accepted(pack):
    edit(pack / PURPOSE, "Simultaneous translation is provided.", "Simultaneous translation is always provided.")
    warning = (
        f"bilingual/{PURPOSE_CY}:{line_of(pack / PURPOSE_CY, 'Cewch siarad')}: translated from an earlier wording "
        f"of bilingual/{PURPOSE}:{line_of(pack / PURPOSE, 'You may speak')}; update the Welsh"
    )
    result = run_cli("check", pack)
    assert result.exit_code == 0, result.output
    assert f"Warning: {warning}" in result.output
    strict = run_cli("check", pack, "--strict")
    assert strict.exit_code == 1
    assert f"{warning} (refused because of --strict)" in strict.output

    accepted = run_cli("translate", pack, "--accept", PURPOSE_CY)
    assert accepted.exit_code == 0, accepted.output
    after = run_cli("check", pack, "--strict")
    assert after.exit_code == 0, after.output
    assert "translated from" not in after.output


def test_a_twin_missing_a_paragraph_is_a_content_error_naming_both_files(pack):
    edit(
        pack / PURPOSE_CY,
        "  - Cewch siarad yn Gymraeg neu yn Saesneg mewn unrhyw gyfarfod. Darperir cyfieithu ar y pryd.\n",
        "",
    )
    result = run_cli("check", pack)
    assert result.exit_code == 1
    assert (
        f"bilingual/{PURPOSE_CY}:{line_of(pack / PURPOSE_CY, 'body:')}: body has 3 entries but "
        f"bilingual/{PURPOSE}:{line_of(pack / PURPOSE, 'body:')} has 4"
    ) in result.output


def test_a_twin_of_another_kind_of_block_or_another_id_is_a_content_error(pack):
    edit(pack / PURPOSE_CY, "  - subheading: Ar gyfer pwy y mae", "  - list: [Ar gyfer pwy y mae]")
    edit(pack / "quiz.cy.yaml", "id: papers-published", "id: papers")
    result = run_cli("check", pack)
    assert result.exit_code == 1
    assert f"bilingual/{PURPOSE_CY}:5: item 3 of body is a list: but bilingual/{PURPOSE}:6 has a subheading:" in (
        result.output
    )
    assert (
        f'bilingual/quiz.cy.yaml:{line_of(pack / "quiz.cy.yaml", "id: papers")}: id is "papers" but '
        f'bilingual/quiz.yaml:{line_of(pack / "quiz.yaml", "id: papers-published")} has "papers-published"'
    ) in result.output


def test_a_missing_twin_names_the_file_to_create(pack):
    (pack / "sections/responsibilities.cy.yaml").unlink()
    result = run_cli("check", pack)
    assert result.exit_code == 1
    assert (
        "bilingual/sections/responsibilities.yaml:1: its Welsh twin bilingual/sections/responsibilities.cy.yaml "
        "does not exist; create it"
    ) in result.output


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ("[cy, fr]", "language 'fr' is not one packgen can print; use one of: cy (Welsh), en (English)"),
        ("[cy, en-GB]", "language 'en-GB' is not one packgen can print; write en"),
        ("[cy, en, cy]", "language cy is listed twice (first on line 7); list it once"),
    ],
)
def test_an_unknown_or_repeated_language_is_refused_with_its_line(pack, languages, message):
    edit(pack / "pack.yaml", "languages: [cy, en]", f"languages: {languages}")
    result = run_cli("check", pack)
    assert result.exit_code == 1
    assert f"bilingual/pack.yaml:7: {message}" in result.output


def _twin_text(folder: Path, file: str, path: tuple) -> str:
    """The Welsh at `path` in the twin of `file`, read independently of packgen's reader."""
    data = YAML(typ="safe").load((folder / file.replace(".yaml", ".cy.yaml")).read_text(encoding="utf-8"))
    for part in path:
        data = data[part]
    return data


def _content(pack):
    """What a pack says, without where each part was read from (file names and lines)."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("path", "line")}
        if isinstance(value, (list, tuple)):
            return [strip(v) for v in value]
        return value

    return strip(pack.model_dump())


def test_export_then_import_round_trips_every_block(pack, tmp_path):
    bare = tmp_path / "bare" / "bilingual"  # the same pack with no Welsh at all yet
    shutil.copytree(pack, bare)
    for twin in bare.rglob("*.cy.yaml"):
        twin.unlink()
    exported = run_cli("translate", bare, "--export", "cy", "--out", "bare.xlf")
    assert exported.exit_code == 0, exported.output
    store = Xliff12.parsefile("bare.xlf")
    assert store.document.getroot().get("version") == "1.2"
    units = list(store.unit_iter())
    sources = {parse_id(u.xmlelement.get("id"))[0] for u in units}
    assert sources == {p.relative_to(pack).as_posix() for p in pack.rglob("*.yaml") if ".cy." not in p.name}
    for unit in units:  # the translation unit's work: here, the Welsh the pack already has
        file, path, _ = parse_id(unit.xmlelement.get("id"))
        unit.target = _twin_text(pack, file, path)
    Path("bare.xlf").write_bytes(bytes(store))

    imported = run_cli("translate", bare, "--import", "bare.xlf")
    assert imported.exit_code == 0, imported.output
    assert _content(load_pack(bare)) == _content(load_pack(pack))
    checked = run_cli("check", bare, "--strict")
    assert checked.exit_code == 0, checked.output
    again = run_cli("translate", bare, "--export", "cy", "--out", "again.xlf")
    assert "nothing to translate" in again.output and not Path("again.xlf").exists()


def test_export_holds_only_what_changed_and_import_keeps_the_officers_comments(pack):
    edit(pack / PURPOSE, "Simultaneous translation is provided.", "Simultaneous translation is always provided.")
    edit(pack / PURPOSE_CY, "title: Pam", "# Checked by the translation unit, May 2026\ntitle: Pam")
    assert run_cli("translate", pack, "--export", "cy", "--out", "changed.xlf").exit_code == 0
    store = Xliff12.parsefile("changed.xlf")
    (unit,) = store.unit_iter()
    assert parse_id(unit.xmlelement.get("id"))[:2] == (PURPOSE, ("body", 1))
    assert "Earlier Welsh: Cewch siarad" in unit.getnotes()
    unit.target = "Cewch siarad yn Gymraeg neu yn Saesneg mewn unrhyw gyfarfod. Darperir cyfieithu ar y pryd bob amser."
    Path("changed.xlf").write_bytes(bytes(store))
    assert run_cli("translate", pack, "--import", "changed.xlf").exit_code == 0
    text = (pack / PURPOSE_CY).read_text(encoding="utf-8")
    assert "# Checked by the translation unit, May 2026" in text
    assert "cyfieithu ar y pryd bob amser." in text
    assert run_cli("check", pack, "--strict").exit_code == 0
