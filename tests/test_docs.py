"""The README documents every command, option, kind and exit code the tool has."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, run_cli
from generator import cli
from generator import errors
from generator.pipeline.build import KINDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_artefact_module_makes_the_kinds_the_one_list_gives_it():
    from generator.pipeline import build
    from generator.artefacts import registry as kinds

    from generator.commands import build as build_command

    assert build_command.KINDS is kinds.KINDS
    assert {name: module.KINDS for name, module in build.ARTEFACTS.items()} == kinds.BY_MODULE


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_in_the_readme(kind):
    assert f"| `{kind}` |" in README


@pytest.mark.parametrize("name, command", sorted(cli.main.commands.items()))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name, command):
    result = run_cli(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"### `packgen {name}" in README
    for option in command.params:
        for flag in getattr(option, "opts", []):
            if flag.startswith("--") and flag != "--help":
                assert f"`{flag}" in README, f"{flag} of {name} is not in the README"


def test_every_exit_code_is_in_the_readme():
    codes = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", README, re.M)}
    assert codes == documented


def test_readme_test_command_is_what_ci_runs():
    assert "make test" in README and "make test-all" in README
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("make test-all")


def test_ci_installs_the_system_packages_the_readme_names():
    assert "apt-packages.txt" in README
    assert "apt-packages.txt" in (ROOT / ".ci" / "run").read_text()
    packages = {line.split("#")[0].strip() for line in (ROOT / "apt-packages.txt").read_text().splitlines()} - {""}
    assert {"poppler-utils", "zbar-tools", "libreoffice-writer-nogui", "libharfbuzz-subset0"} <= packages


def test_every_picture_in_the_readme_is_a_png_in_docs():
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README)
    assert {"docs/booklet-spread.png", "docs/cards-sheet.png", "docs/imposed-sheet.png"} <= set(pictures)
    for picture in pictures:
        assert (ROOT / picture).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture
