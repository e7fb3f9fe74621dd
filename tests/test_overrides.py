"""A council's own templates: a folder holding only the files it changes, the rest packgen's own,
still run in the sandbox."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BUILT_ON, ROOT, pdf_page_texts, run_cli

pytestmark = pytest.mark.slow  # each test builds a booklet with its own templates
EXAMPLE = ROOT / "examples" / "fenmarsh"


def build_booklet(pack: Path, out: Path, *extra) -> Path:
    result = run_cli("build", pack, "--out", out, "--as-of", BUILT_ON, "--only", "booklet", *extra)
    assert result.exit_code == 0, result.output
    return out / pack.name / "booklet.pdf"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_templates_folder_with_one_file_falls_back_for_the_rest(pack_copy, tmp_path):
    templates = tmp_path / "ours"
    cover = (ROOT / "templates" / "parts" / "cover.html.j2").read_text(encoding="utf-8")
    write(
        templates / "parts" / "cover.html.j2",
        cover.replace("</section>", "<p>Issued by Member Services</p>\n</section>"),
    )
    booklet = build_booklet(pack_copy, tmp_path / "out", "--templates", templates)
    pages = pdf_page_texts(booklet)
    assert "Issued by Member Services" in pages[0]
    assert "Contents" in pages[1]  # packgen's own contents page, stylesheets and fonts
    assert sorted(p.name for p in templates.rglob("*") if p.is_file()) == ["cover.html.j2"]  # nothing copied in


def test_a_stylesheet_override_keeps_packgens_fonts(pack_copy, tmp_path):
    templates = tmp_path / "ours"
    booklet_css = (ROOT / "templates" / "styles" / "booklet.css").read_text(encoding="utf-8")
    write(templates / "styles" / "booklet.css", booklet_css + "\n.cover h1 { font-size: 30pt; }\n")
    booklet = build_booklet(pack_copy, tmp_path / "out", "--templates", templates)
    assert "Social media guidance for councillors" in pdf_page_texts(booklet)[0]


def test_a_template_may_extend_packgens_and_override_one_block(pack_copy, tmp_path):
    templates = tmp_path / "ours"
    write(
        templates / "document.html.j2",
        '{% extends "packgen/document.html.j2" %}\n'
        '{% block contact %}<section class="contact" id="contact"><h2>Who to contact</h2>'
        "<p>Ring Member Services on 01234 567890.</p></section>{% endblock %}\n",
    )
    pages = pdf_page_texts(build_booklet(pack_copy, tmp_path / "out", "--templates", templates))
    assert "Ring Member Services on 01234 567890." in pages[-1]
    assert "Social media guidance for councillors" in pages[0]  # the cover block is packgen's


def test_a_templates_folder_beside_council_yaml_is_used_without_an_option(tmp_path):
    council = Path(shutil.copytree(EXAMPLE, tmp_path / "fenmarsh"))
    write(council / "templates" / "parts" / "watermark.html.j2", "<p>Fenmarsh house template</p>\n")
    pages = pdf_page_texts(build_booklet(council / "meeting-rooms", tmp_path / "out"))
    assert "Fenmarsh house template" in pages[0]


def test_an_override_is_still_sandboxed(pack_copy, tmp_path):
    templates = tmp_path / "ours"
    write(templates / "parts" / "contents.html.j2", "<p>{{ pack.__class__.__mro__ }}</p>\n")
    result = run_cli(
        "build",
        pack_copy,
        "--out",
        tmp_path / "out",
        "--as-of",
        BUILT_ON,
        "--only",
        "booklet",
        "--templates",
        templates,
    )
    assert result.exit_code == 3
    assert "template parts/contents.html.j2, line 1: access to attribute '__class__'" in result.output
    assert not (tmp_path / "out" / pack_copy.name / "booklet.pdf").exists()


def test_an_override_cannot_read_outside_its_folder(pack_copy, tmp_path):
    templates = tmp_path / "ours"
    write(templates / "parts" / "contents.html.j2", '<img src="../../../../../../etc/hostname" alt="x">\n')
    result = run_cli(
        "build",
        pack_copy,
        "--out",
        tmp_path / "out",
        "--as-of",
        BUILT_ON,
        "--only",
        "booklet",
        "--templates",
        templates,
    )
    assert result.exit_code == 3 and "refused to read" in result.output


@pytest.mark.parametrize("only_file", ["parts/contact.html.j2", "cards.html.j2"])
def test_every_kind_builds_with_a_partial_templates_folder_beside_council_yaml(tmp_path, only_file):
    """docs/council.md's own example, a templates folder beside council.yaml holding one file:
    card measuring and induction names once laid out without the council's fallback, so `check`
    passed and every build with cards ended in a traceback."""
    packs = tmp_path / "packs"
    shutil.copytree(EXAMPLE, packs, ignore=shutil.ignore_patterns("meeting-rooms"))
    shutil.copytree(ROOT / "content" / "social-media", packs / "social-media")
    write(packs / "templates" / only_file, (ROOT / "templates" / only_file).read_text(encoding="utf-8"))
    assert run_cli("check", packs / "social-media").exit_code == 0
    result = run_cli("build", packs / "social-media", "--out", tmp_path / "out", "--as-of", BUILT_ON)
    assert result.exit_code == 0, result.output
    manifest = (tmp_path / "out" / "social-media" / "manifest.json").read_text(encoding="utf-8")
    for kind in ("booklet", "cards-sheet", "cards-print", "quiz-key", "booklet-print", "web"):
        assert f'"kind": "{kind}"' in manifest, kind
