"""packgen new: a starter pack that is valid at once, and never written over anything."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import ROOT, run_cli, snapshot
from generator import cli
from generator.commands import packs
from generator.content import model
from generator.content.reader import load_pack

OPTIONS = (
    "--title",
    "Planning committee induction",
    "--organisation",
    "Anytown Borough Council",
    "--owner",
    "Democratic Services Manager",
)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 2, 29, 12, tzinfo=dt.timezone.utc).timestamp())))


def test_new_writes_a_draft_pack_that_passes_check(tmp_path):
    folder = tmp_path / "induction"
    result = run_cli("new", folder, *OPTIONS)
    assert result.exit_code == 0, result.output
    assert "DRAFT" in result.output and f"packgen build {folder}" in result.output
    pack = load_pack(folder)
    assert pack.status == "draft" and pack.title == "Planning committee induction"
    assert pack.organisation == "Anytown Borough Council" and pack.owner == "Democratic Services Manager"
    assert pack.issued == dt.date(2024, 2, 29) and pack.review_due == dt.date(2025, 2, 28)  # a year on
    assert pack.audience == "Councillors and officers of Anytown Borough Council"
    assert pack.quiz is not None and pack.cards is not None and pack.council.name == "Anytown Borough Council"
    assert run_cli("check", folder).exit_code == 0


def test_there_is_a_commented_example_of_every_section_kind(tmp_path):
    folder = tmp_path / "induction"
    assert run_cli("new", folder, *OPTIONS).exit_code == 0
    pack = load_pack(folder)
    assert sorted(section.kind for section in pack.sections) == sorted(model.SECTION_KINDS)
    for section in pack.sections:
        text = (folder / "sections" / f"{section.id}.yaml").read_text(encoding="utf-8")
        assert text.startswith(f'# An example of a "{section.kind}" section')


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "induction"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    before = snapshot(folder)
    result = run_cli("new", folder, *OPTIONS)
    assert result.exit_code == 2 and "is not empty" in result.output
    assert snapshot(folder) == before


def test_an_empty_folder_is_used(tmp_path):
    folder = tmp_path / "induction"
    folder.mkdir()
    assert run_cli("new", folder, *OPTIONS).exit_code == 0
    assert (folder / "pack.yaml").is_file()


def test_without_a_terminal_a_missing_answer_names_the_option(tmp_path):
    result = run_cli("new", tmp_path / "induction", "--organisation", "Anytown Borough Council")
    assert result.exit_code == 2 and "give --title" in result.output
    assert not (tmp_path / "induction").exists()


def test_at_a_terminal_it_asks(tmp_path, monkeypatch):
    monkeypatch.setattr(packs, "_interactive", lambda: True)
    from click.testing import CliRunner

    answers = "Planning committee induction\nAnytown Borough Council\nMonitoring Officer\n\n\n\n"
    result = CliRunner().invoke(cli.main, ["new", str(tmp_path / "induction")], input=answers)
    assert result.exit_code == 0, result.output
    assert "Title of the pack" in result.output
    assert load_pack(tmp_path / "induction").owner == "Monitoring Officer"


def test_an_answer_the_content_rules_refuse_writes_nothing(tmp_path):
    folder = tmp_path / "induction"
    result = run_cli("new", folder, "--title", "Planning committee induction " * 400, *OPTIONS[2:])
    assert result.exit_code == 1 and "the limit is 150" in result.output
    assert not folder.exists()


def test_a_control_character_in_an_answer_is_refused(tmp_path):
    folder = tmp_path / "induction"
    result = run_cli("new", folder, "--title", "Planning\x0bcommittee induction", *OPTIONS[2:])  # pasted from Word
    assert result.exit_code == 2 and "--title contains a control character" in result.output
    assert not folder.exists()


def test_answers_are_written_as_text_whatever_they_hold(tmp_path):
    folder = tmp_path / "induction"
    title = 'Code of conduct: "gifts" & hospitality # not a comment'
    assert run_cli("new", folder, "--title", title, *OPTIONS[2:]).exit_code == 0
    assert load_pack(folder).title == title


def test_a_council_yaml_beside_the_folder_is_used_not_copied(tmp_path):
    shutil.copy(ROOT / "examples" / "fenmarsh" / "council.yaml", tmp_path / "council.yaml")
    shutil.copy(ROOT / "examples" / "fenmarsh" / "logo.svg", tmp_path / "logo.svg")
    shutil.copytree(ROOT / "examples" / "fenmarsh" / "fonts", tmp_path / "fonts")
    folder = tmp_path / "standards"
    result = run_cli("new", folder, "--title", "Standards committee induction")
    assert result.exit_code == 0, result.output
    assert not (folder / "council.yaml").exists()
    pack = load_pack(folder)
    assert pack.organisation == "Fenmarsh District Council" and pack.owner == "Democratic Services Manager"
    assert pack.logo is not None and pack.council.colours.primary == "#5b2a86"
