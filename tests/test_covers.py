"""Issue 25: covers read title first, named covers keep the whole status panel, and the back cover
is a designed page of its own: read back from the PDFs packgen writes."""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pytest
from PIL import Image

from conftest import DEFAULT_PACK, ROOT, pdf_page_texts, run_cli, tool

LOGO_PACK = ROOT / "tests" / "packs" / "meeting-rooms"  # a draft with an SVG logo
FENMARSH = ROOT / "examples" / "fenmarsh"
OVERDUE = "2023-06-01"
STATUS_SENTENCE = (
    "This guidance was due for review on 1 March 2022. Check with the Monitoring Officer that it is still current."
)
MM = 72 / 25.4
pytestmark = pytest.mark.slow  # each fixture is a build of its own


@pytest.fixture(scope="module")
def overdue_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("covers")
    only = ("--only", "booklet", "--only", "booklet-large", "--only", "appendix")
    result = run_cli("build", DEFAULT_PACK, "--out", out, "--as-of", OVERDUE, *only)
    assert result.exit_code == 0, result.output
    return out / "social-media"


PEOPLE = (
    "name,role,ward,email\nSiân Angharad Llewelyn-Prys,Councillor,Newport Pagnell North,\n"
    "Dame Margaret Fotheringham-Worthington,Co-opted member,,\nAisha Khan,Councillor,Olney,\n"
)
NAMED = {
    "default": (OVERDUE, STATUS_SENTENCE),
    "fenmarsh": (  # a logo as well as the whole status panel
        "2026-06-01",
        "This guidance was due for review on 1 April 2026. Check with the Democratic Services Manager "
        "that it is still current.",
    ),
}


@pytest.fixture(scope="module", params=sorted(NAMED))
def named_covers(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("named")
    if request.param == "fenmarsh":
        pack = shutil.copytree(FENMARSH, tmp / "fenmarsh") / "meeting-rooms"
        (pack / "quiz.yaml").unlink()  # the covers are what this test is about
    else:
        pack = DEFAULT_PACK
    (tmp / "people.csv").write_text(PEOPLE, encoding="utf-8")
    as_of, sentence = NAMED[request.param]
    result = run_cli("induct", pack, "--people", tmp / "people.csv", "--out", tmp / "out", "--as-of", as_of)
    assert result.exit_code == 0, result.output
    return tmp / "out" / pack.name / "people", sentence


def top_of(page, words: str) -> float:
    """The top of the first line holding `words` (whitespace-insensitive) on a pdfplumber page."""
    lines = page.extract_text_lines()
    for line in lines:
        if words in line["text"]:
            return line["top"]
    raise AssertionError(f"{words!r} not on the page: {[line['text'] for line in lines]}")


def test_every_named_cover_holds_the_whole_status_sentence(named_covers):
    folder, sentence = named_covers
    covers = [pdf_page_texts(path)[0] for path in sorted(folder.glob("*/booklet.pdf"))]
    assert len(covers) == 3
    for cover in covers:
        assert "Review overdue" in cover and sentence in cover.replace("’", "'") and "Prepared for" in cover


@pytest.mark.parametrize("name", ["booklet.pdf", "booklet-large.pdf", "appendix.pdf"])
def test_the_title_is_read_before_the_status_panel(overdue_build, name):
    with pdfplumber.open(overdue_build / name) as pdf:
        cover = pdf.pages[0]
        title, banner = top_of(cover, "Social media guidance"), top_of(cover, "Review overdue")
        facts = top_of(cover, "Version") if name != "appendix.pdf" else None
    assert title < banner
    if facts is not None:
        assert banner < facts  # the panel stands between the title block and the facts


def inked_rows_above(path, words: str, tmp_path) -> int:
    """How many pixel rows (72 dpi: one a point) above the line holding `words` on page 1 hold ink."""
    subprocess.run(
        [tool("pdftoppm"), "-r", "72", "-f", "1", "-l", "1", "-singlefile", "-png", path, tmp_path / "cover"],
        check=True,
    )
    with pdfplumber.open(path) as pdf:
        top = top_of(pdf.pages[0], words)
    image = Image.open(tmp_path / "cover.png").convert("L")
    pixels = image.load()
    return sum(1 for y in range(int(top) - 2) if any(pixels[x, y] < 150 for x in range(image.width)))


def test_one_cover_design_no_block_of_colour_above_the_large_print_title(overdue_build, tmp_path):
    """The organisation stands under a thin rule on both covers (the large print once had a 10 mm block)."""
    for name in ("booklet.pdf", "booklet-large.pdf"):
        rows = inked_rows_above(overdue_build / name, "Milton Keynes Council", tmp_path)
        assert 1 <= rows <= 4, f"{name}: {rows} rows of ink above the organisation"


@pytest.mark.parametrize("name", ["booklet.pdf", "booklet-large.pdf"])
def test_the_back_cover_has_no_folio_and_says_other_formats_once(overdue_build, name):
    pages = pdf_page_texts(overdue_build / name)
    back = pages[-1]
    assert back.lstrip().startswith("Who to contact") or "Who to contact" in back
    assert not re.search(r"Page \d+ of \d+", back), "the back cover carries no page number"
    assert f"Page {len(pages) - 1} of {len(pages)}" in pages[-2]  # the page before it still does
    assert back.count("other formats") == 1 and back.count("large print") == 2  # the pack's, then packgen's
    assert back.count("available in") == 1 and back.count("also published") == 1
    assert "Version 1.0" in back  # the stamp stays on every page


def test_the_back_cover_carries_the_councils_logo_and_contact_panel(tmp_path):
    result = run_cli("build", LOGO_PACK, "--out", tmp_path, "--only", "booklet")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "meeting-rooms" / "booklet.pdf") as pdf:
        back = pdf.pages[-1]
        heading = top_of(back, "Who to contact")
        stamp = top_of(back, "Review due")  # the closing stamp, above the logo
        panels = [r for r in back.rects if r["width"] > 80 * MM and r["height"] > 15 * MM and r["top"] > heading]
        drawn_below = [c for c in back.curves + back.rects if c["top"] >= stamp and c not in panels]
    assert drawn_below, "the council's logo is not at the foot of the back cover, under the closing stamp"
    assert panels, "no contact panel under the heading"
    assert len(pdf_page_texts(tmp_path / "meeting-rooms" / "booklet.pdf")) % 4 == 0


def test_a_long_title_and_the_status_panel_fit_the_large_print_cover(tmp_path):
    """The county pack's four-line title, its draft panel and all four facts on the A4 cover
    (the Status row once spilled onto a page of its own)."""
    county = ROOT / "tests" / "packs" / "county-induction"
    result = run_cli("build", county, "--out", tmp_path, "--only", "booklet-large", "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output
    cover, second = pdf_page_texts(tmp_path / "county-induction" / "booklet-large.pdf")[:2]
    assert "Draft: not yet approved" in cover and "Status Draft, not yet approved" in cover
    assert second.lstrip().startswith("Contents")
