"""The print-shop files (booklet-print, cards-print) are PDF/X-4, read back with pikepdf.

What a print shop's preflight looks for: an output intent with a CMYK profile, the PDF/X
version in the XMP metadata, TrimBox and BleedBox on every page, and black text on the black
plate alone. The sizes the docs promise are checked against the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from generator.pdf import pdfx

MM = 72 / 25.4
DOCS = Path(__file__).resolve().parent.parent / "docs"
PRINT_FILES = ["booklet-print.pdf", "cards-print.pdf"]
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def size_mm(box) -> tuple[float, float]:
    box = pikepdf.Rectangle(box)
    return round(box.width / MM, 1), round(box.height / MM, 1)


def text_fill_colours(pdf: pikepdf.Pdf):
    """(colour operator, operands) in force for every text-showing operator on every page and form."""
    found = []

    def walk(target, resources):
        fill, stack = ("none", ()), []
        for operands, operator in pikepdf.parse_content_stream(target):
            name = str(operator)
            if name == "q":
                stack.append(fill)
            elif name == "Q":
                fill = stack.pop() if stack else fill
            elif name in ("rg", "k", "g", "sc", "scn"):
                fill = (name, tuple(float(o) for o in operands if not isinstance(o, pikepdf.Name)))
            elif name in TEXT_SHOWING:
                found.append(fill)
            elif name == "Do":
                xobject = resources.XObject[operands[0]]
                if xobject.get("/Subtype") == pikepdf.Name.Form:
                    walk(xobject, xobject.get("/Resources", resources))

    for page in pdf.pages:
        walk(page, page.Resources)
    return found


@pytest.mark.parametrize("name", PRINT_FILES)
def test_print_files_have_a_pdfx_output_intent_with_a_cmyk_profile(default_build, name):
    with pikepdf.open(default_build / name) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert intent.DestOutputProfile.N == 4
        assert intent.DestOutputProfile.read_bytes()[16:20] == b"CMYK"  # the ICC header's colour space


@pytest.mark.parametrize("name", PRINT_FILES)
def test_print_files_say_pdfx4_in_their_metadata_and_not_pdfua(default_build, name):
    with pikepdf.open(default_build / name) as pdf:
        assert pdf.pdf_version == "1.6"
        meta = pdf.open_metadata()
        assert meta["{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["pdf:Trapped"] == "False"
        assert not any("pdfua" in key for key in meta)
        assert str(pdf.docinfo.Trapped) == "/False"
        # dates from the build clock (the tests build "as of" 1 June 2021), not the wall clock
        assert str(pdf.docinfo.CreationDate).startswith("D:20210601")
        assert meta["xmp:CreateDate"].startswith("2021-06-01")


@pytest.mark.parametrize(
    "name, trim, bleed, media",
    [
        ("booklet-print.pdf", (148, 210), (154, 216), (172, 234)),
        ("cards-print.pdf", (85, 55), (91, 61), (91, 61)),
    ],
)
def test_every_print_page_has_the_trim_bleed_and_media_sizes_the_docs_give(default_build, name, trim, bleed, media):
    with pikepdf.open(default_build / name) as pdf:
        for page in pdf.pages:
            assert size_mm(page.obj.TrimBox) == trim
            assert size_mm(page.obj.BleedBox) == bleed
            assert size_mm(page.mediabox) == media
    docs = (DOCS / "printing.md").read_text() + (DOCS / "cards.md").read_text()
    for width, height in {trim, bleed, media}:
        assert re.search(rf"\b{width} x {height} mm\b", docs), f"the docs do not give {width} x {height} mm"


@pytest.mark.parametrize("name", PRINT_FILES)
def test_black_text_prints_as_100_percent_k_and_other_rgb_is_tagged_srgb(default_build, name):
    with pikepdf.open(default_build / name) as pdf:
        fills = text_fill_colours(pdf)
        black = [f for f in fills if f == ("k", (0.0, 0.0, 0.0, 1.0))]
        near_black_rgb = [f for f in fills if f[0] == "rg" and max(f[1]) <= 0.2]
        assert near_black_rgb == []
        assert len(black) > len(fills) / 2, "most text should be body text in 100% K"
        for page in pdf.pages:
            default_rgb = page.Resources.ColorSpace.DefaultRGB
            assert default_rgb[0] == pikepdf.Name.ICCBased and default_rgb[1].N == 3


def test_office_files_stay_accessible_pdf_ua_not_pdfx(default_build):
    with pikepdf.open(default_build / "booklet.pdf") as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "pdfuaid:part" in str(pdf.open_metadata())


def test_a_page_without_trim_and_bleed_boxes_is_refused(tmp_path):
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        path = tmp_path / "plain.pdf"
        pdf.save(path)
    with pytest.raises(Exception, match="page 1 has no trim and bleed box"):
        pdfx.make_pdfx4(path.read_bytes(), __import__("datetime").date(2021, 6, 1), what="a test file")
