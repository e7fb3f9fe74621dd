"""Nothing printed outside the text area (issue 24 item 1): packgen measures every box of every
laid-out page and refuses to write an artefact where anything runs past its margins; the
offenders the print designer found (the appendix's pros and cons, the key's answer tables) fit."""

from __future__ import annotations

import pdfplumber
import pytest

from conftest import run_cli

MM = 72 / 25.4


def council_templates(folder, css: str):
    """A council's templates folder whose document adds `css` after packgen's stylesheets."""
    folder.mkdir()
    (folder / "document.html.j2").write_text(
        '{% extends "packgen/document.html.j2" %}{% block council_head %}<style>' + css + "</style>{% endblock %}",
        encoding="utf-8",
    )
    return folder


@pytest.mark.slow  # a build of its own
def test_a_heading_printed_past_the_margin_stops_the_build(pack_copy, tmp_path):
    templates = council_templates(tmp_path / "templates", ".section > h2 { width: 200mm; background: #eee; }")
    out = tmp_path / "out"
    result = run_cli(
        "build", pack_copy, "--out", out, "--only", "appendix", "--templates", templates, "--as-of", "2024-06-01"
    )
    assert result.exit_code == 3, result.output
    message = result.output.strip().splitlines()[-1]
    assert message.startswith('Error: the agenda appendix, page 1: a heading ("What is the purpose of this guidance?")')
    assert 'in the section "purpose" runs 30.0 mm past the right edge of the text area' in message
    assert "nothing was written" in message
    assert "Traceback" not in result.output
    assert not (out / "social-media" / "appendix.pdf").exists()


@pytest.mark.slow  # a build of its own
def test_a_panel_taller_than_a_page_stops_the_build_naming_the_page(pack_copy, tmp_path):
    """Something that cannot be split (a picture, a box with a fixed height) runs off the foot."""
    templates = council_templates(tmp_path / "templates", ".callout { height: 300mm; }")
    result = run_cli("build", pack_copy, "--out", tmp_path / "out", "--only", "appendix", "--templates", templates)
    assert result.exit_code == 3, result.output
    assert "past the foot of the text area" in result.output
    assert "the agenda appendix, page " in result.output


@pytest.mark.slow  # a build of its own
def test_the_draft_watermark_may_run_out(tmp_path):
    """The DRAFT watermark is set across the page on purpose: a draft pack still builds."""
    from pathlib import Path

    pack = Path(__file__).parent / "packs" / "county-induction"
    result = run_cli("build", pack, "--out", tmp_path, "--only", "appendix", "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output


def furthest_right(path) -> list[tuple[int, float]]:
    """(page, how far in mm the rightmost word, rule or box stands past the right margin), for
    content boxes narrower than the page (a full-width tint is not content)."""
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            edges = [w["x1"] for w in page.extract_words()]
            edges += [r["x1"] for r in page.rects + page.lines if r["x1"] - r["x0"] < page.width * 0.9]
            found.append((number, max(edges, default=0)))
    return found


@pytest.mark.parametrize("name, margin_mm", [("appendix.pdf", 20), ("quiz-key-A.pdf", 18)])
def test_the_pages_the_designer_proofed_stay_inside_the_right_margin(default_build, name, margin_mm):
    with pdfplumber.open(default_build / name) as pdf:
        width = pdf.pages[0].width
    limit = width - margin_mm * MM + 0.5 * MM  # half a millimetre for a border's width
    past = [(page, round((x - limit) / MM, 1)) for page, x in furthest_right(default_build / name) if x > limit]
    assert past == []
