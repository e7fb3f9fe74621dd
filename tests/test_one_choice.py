"""One door to WeasyPrint, and one choice of templates and inputs for build, check, induct and
watch (issue 30 items 2 and 3): a council's templates/ folder beside council.yaml counts for
every command, as --templates does."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from conftest import BUILT_ON, ROOT, pdf_page_texts, run_cli
from generator.paths import TEMPLATES
from generator.pipeline import choice

EXAMPLE = ROOT / "examples" / "fenmarsh"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def council(tmp_path) -> Path:
    """A copy of examples/fenmarsh: council.yaml, its logo and fonts, and the meeting-rooms pack beside them."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "fenmarsh"))


# One door to WeasyPrint ---------------------------------------------------------------------

DOOR = ROOT / "generator" / "pdf" / "render.py"
WEASYPRINT_MAKERS = {"HTML", "CSS", "Document"}  # what lays out or loads a document
WRITERS = {"write_pdf", "write_png"}


def weasyprint_calls(path: Path) -> list[str]:
    """Every place a module builds a WeasyPrint document or writes one itself: `weasyprint.HTML(...)`,
    `from weasyprint import HTML`, any `.write_pdf(...)` call (a laid-out document's `.render()` can
    only be had from weasyprint.HTML)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "weasyprint":
            found += [
                f"line {node.lineno}: from {node.module} import {a.name}"
                for a in node.names
                if a.name in WEASYPRINT_MAKERS
            ]
        elif isinstance(node, ast.Attribute) and node.attr in WEASYPRINT_MAKERS:
            if isinstance(node.value, ast.Name) and node.value.id == "weasyprint":
                found.append(f"line {node.lineno}: weasyprint.{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITERS:
            found.append(f"line {node.lineno}: .{node.func.attr}()")
    return found


def test_only_pdf_render_calls_weasyprint():
    """Every layout and PDF write goes through generator/pdf/render.py, which applies the council's
    overrides, the confined fetcher and the error handling."""
    elsewhere = {
        path.relative_to(ROOT).as_posix(): calls
        for path in sorted((ROOT / "generator").rglob("*.py"))
        if path != DOOR and (calls := weasyprint_calls(path))
    }
    assert elsewhere == {}
    assert weasyprint_calls(DOOR)  # the scan sees the door's own calls


# One choice of templates and inputs ---------------------------------------------------------


def test_the_choice_is_templates_beside_council_yaml_else_packgens_own(council, tmp_path):
    pack = council / "meeting-rooms"
    assert choice.templates_in_use(pack) == TEMPLATES
    (council / "templates").mkdir()
    assert choice.templates_in_use(pack) == council / "templates"
    assert choice.templates_in_use(pack, tmp_path) == tmp_path  # --templates first
    reads = choice.reads(pack)
    assert reads.folders == (pack.resolve(), (council / "templates").resolve(), TEMPLATES)
    assert {p.relative_to(council.resolve()).as_posix() for p in reads.council_files} == {
        "council.yaml",
        "logo.svg",
        "fonts/Lato-Regular.ttf",
        "fonts/Lato-Bold.ttf",
    }


TOO_BIG = "\n.face-lines li { font-size: 24pt; }\n"  # no card's words fit in a card at this size


def test_check_measures_the_cards_with_the_councils_templates(council, tmp_path):
    """check measured the cards with packgen's own templates, whatever build would use."""
    pack = council / "meeting-rooms"
    assert run_cli("check", pack).exit_code == 0
    cards_css = (TEMPLATES / "cards.css").read_text(encoding="utf-8")
    write(tmp_path / "ours" / "cards.css", cards_css + TOO_BIG)
    checked = run_cli("check", pack, "--templates", tmp_path / "ours")
    assert checked.exit_code == 1 and "meeting-rooms/cards.yaml:4: " in checked.output, checked.output
    write(council / "templates" / "cards.css", cards_css + TOO_BIG)  # beside council.yaml: no option needed
    checked = run_cli("check", pack)
    assert checked.exit_code == 1 and "meeting-rooms/cards.yaml:4: " in checked.output, checked.output


@pytest.mark.slow  # a build of its own
def test_check_refuses_what_build_refuses_with_the_councils_templates(council, tmp_path):
    """A council stylesheet that makes the cards' text too big for a card: build refused it and
    check passed."""
    cards_css = (TEMPLATES / "cards.css").read_text(encoding="utf-8")
    write(council / "templates" / "cards.css", cards_css + TOO_BIG)
    pack = council / "meeting-rooms"
    built = run_cli("build", pack, "--out", tmp_path / "out", "--only", "cards-sheet")  # today, as check
    assert built.exit_code == 1, built.output
    checked = run_cli("check", pack)
    assert checked.exit_code == 1, checked.output
    problems = [line for line in built.output.splitlines() if "cards.yaml:" in line]
    assert problems and all(line in checked.output for line in problems)


@pytest.mark.slow  # a build and an induction of their own
def test_induct_uses_the_templates_folder_beside_council_yaml(council, tmp_path):
    """Named booklets were laid out with packgen's own templates while booklet.pdf used the council's."""
    contact = (TEMPLATES / "parts" / "contact.html.j2").read_text(encoding="utf-8")
    ours = contact.replace(
        '<div class="contact-panel">', '<p>Ring Fenmarsh Member Services.</p>\n<div class="contact-panel">'
    )
    assert ours != contact
    write(council / "templates" / "parts" / "contact.html.j2", ours)
    pack, out = council / "meeting-rooms", tmp_path / "out"
    built = run_cli("build", pack, "--out", out, "--as-of", BUILT_ON, "--only", "booklet")
    assert built.exit_code == 0, built.output
    assert "Ring Fenmarsh Member Services." in pdf_page_texts(out / "meeting-rooms" / "booklet.pdf")[-1]
    write(tmp_path / "people.csv", "name,role,ward,email\nAlex Jones,Councillor,Fen Ward,\n")
    inducted = run_cli("induct", pack, "--people", tmp_path / "people.csv", "--out", out, "--as-of", BUILT_ON, "-q")
    assert inducted.exit_code == 0, inducted.output
    named = out / "meeting-rooms" / "people" / "alex-jones" / "booklet.pdf"
    assert "Ring Fenmarsh Member Services." in pdf_page_texts(named)[-1]
