"""Large print (`booklet-large`): A4, RNIB Clear Print sizes, the booklet's stamps and tags, for
two packs of different shapes in draft and approved states."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from conftest import BUILT_ON, DEFAULT_PACK, ROOT, edit, pdf_page_texts, run_cli
from pypdf import PdfReader
from test_pdf_ua import content_findings, elements, reached_marks

SECOND_PACK = ROOT / "tests" / "packs" / "meeting-rooms"
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module", params=["social-media-approved", "meeting-rooms-draft", "social-media-draft"])
def large(request, tmp_path_factory) -> tuple[str, Path]:
    name, status = request.param.rsplit("-", 1)
    work = tmp_path_factory.mktemp(f"large-{request.param}")
    pack = Path(shutil.copytree(DEFAULT_PACK if name == "social-media" else SECOND_PACK, work / name))
    written = "approved" if name == "social-media" else "draft"
    if status != written:
        edit(pack / "pack.yaml", f"status: {written}", f"status: {status}")
    result = run_cli("build", pack, "--out", work / "out", "--only", "booklet-large", "--as-of", BUILT_ON)
    assert result.exit_code == 0, result.output
    return status, work / "out" / name / "booklet-large.pdf"


def text_sizes(path: Path) -> Counter:
    """Characters drawn at each size in points (font size times the text and page scaling),
    leaving out text inside a picture (an SVG logo's own lettering is part of the image)."""
    sizes = Counter()
    for page in PdfReader(path).pages:
        _page_sizes(page, sizes)
    return sizes


def _page_sizes(page, sizes: Counter) -> None:
    tags = []

    def before(operator, operands, cm, tm):
        if operator in (b"BDC", b"BMC"):
            tags.append(str(operands[0]))
        elif operator == b"EMC" and tags:
            tags.pop()

    def text(chunk, cm, tm, font, size):
        if chunk.strip() and "/Figure" not in tags:
            sizes[round(size * (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * abs(cm[3]), 1)] += len(chunk.strip())

    page.extract_text(visitor_operand_before=before, visitor_text=text)


@pytest.mark.slow  # builds of its own
def test_large_print_is_a4_with_16_pt_text_or_larger_and_headings_larger_still(large):
    _, path = large
    for page in PdfReader(path).pages:
        assert [round(float(v) / PT_PER_MM) for v in (page.mediabox.width, page.mediabox.height)] == [210, 297]
    sizes = text_sizes(path)
    assert min(size for size, count in sizes.items() if count) >= 16, sizes
    body = sizes.most_common(1)[0][0]
    assert body >= 16
    with pikepdf.open(path) as pdf:
        fonts = {
            str(font.get("/BaseFont", "")) for page in pdf.pages for font in page.Resources.get("/Font", {}).values()
        }
    assert fonts and not [f for f in fonts if "Italic" in f or "Oblique" in f], fonts


@pytest.mark.slow  # builds of its own
def test_large_print_has_the_booklets_stamps_and_tags(large):
    status, path = large
    pages = len(PdfReader(path).pages)
    for number, text in enumerate(pdf_page_texts(path), start=1):
        assert "Review due" in text, f"page {number}"
        numbered = 1 < number < pages  # the cover and the back cover carry no page number (issue 25)
        assert (f"of {pages}" in text) == numbered, f"page {number}: the covers have no number, the rest do"
        assert ("DRAFT" in text) == (status == "draft"), f"page {number}"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        tags = [str(element.S) for element, _ in elements(pdf)]
        assert tags.count("/H1") == 1 and "/H2" in tags and "/Table" in tags
        assert content_findings(pdf, reached_marks(pdf)) == []
        for element, _ in elements(pdf):
            if element.S == "/TH":
                assert str(element.A.Scope) in ("/Row", "/Column")


@pytest.mark.slow  # builds of its own
@pytest.mark.parametrize("folder", [DEFAULT_PACK, SECOND_PACK], ids=["social-media", "meeting-rooms"])
def test_the_longest_stamp_fits_one_line_and_the_page_number_keeps_its_place(folder, tmp_path):
    """An overdue stamp at 16 pt takes the whole foot of an A4 page; "Page n of N" stands top right."""
    import pdfplumber

    out = tmp_path / "out"
    result = run_cli("build", folder, "--out", out, "--only", "booklet-large", "--as-of", "2026-11-30")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out / folder.name / "booklet-large.pdf") as pdf:
        pages = pdf.pages
        for number, page in enumerate(pages, start=1):
            words = page.extract_words()
            foot = [w for w in words if w["top"] > page.height - 24 * PT_PER_MM]
            assert len({round(w["top"]) for w in foot}) == 1, f"page {number}: the stamp is not one line"
            assert " ".join(w["text"] for w in foot).endswith("Review overdue"), f"page {number}"
            head = " ".join(w["text"] for w in words if w["bottom"] < 20 * PT_PER_MM)
            if number in (1, len(pages)):
                assert "Page" not in head, "the cover and the back cover carry no page number"
            else:
                assert head.endswith(f"Page {number} of {len(pages)}"), f"page {number}: {head!r}"
                right = max(w["x1"] for w in words if w["bottom"] < 20 * PT_PER_MM)
                assert right == pytest.approx(page.width - 20 * PT_PER_MM, abs=1), f"page {number}"


@pytest.mark.slow  # builds of its own
def test_section_headings_that_start_a_page_stand_at_one_height(large):
    from pagination import findings

    _, path = large
    assert [f for f in findings(path) if "different heights" in f] == []
