"""The office-printer booklet (imposed on A4) and the print-shop booklet (bleed, crop marks), read back.

Page order is proved from the page numbers printed on each half of each A4 side, read with
pdftotext, and from a model of a folded stack: not from the imposition code's arithmetic.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import edit, pdf_page_texts, run_cli, tool
from generator.artefacts.base import BuildContext
from generator.artefacts.guidance_html import guidance_html
from generator.pdf.imposition import impose
from generator.content.reader import load_pack
from generator.artefacts.padding import pad_to_four
from generator.pdf.render import lay_out, render_pdf

MM = 72 / 25.4
STAMP = "Version 1.0 · Review due 1 March 2022"  # context.stamp for the default pack

# What saddle stitching needs, written out by hand: (left, right) for each A4 side in print order.
SADDLE_STITCH = {
    4: [(4, 1), (2, 3)],
    12: [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)],
    16: [(16, 1), (2, 15), (14, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)],
}


# --- reading the imposed PDF back -------------------------------------------------------------


def half_text(path, page: int, half: str) -> str:
    """The text printed on the left or right half of one A4 landscape page (1-based)."""
    width, height = 842, 595
    x = 0 if half == "left" else width // 2
    result = subprocess.run(
        [
            tool("pdftotext"),
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            str(x),
            "-y",
            "0",
            "-W",
            str(width // 2),
            "-H",
            str(height),
            str(path),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return re.sub(r"\s+", " ", result.stdout)


def printed_number(text: str) -> tuple[int, int | None]:
    """(n, N) from the one "Page n of N" footer printed on a half; (1, None) for the cover, which
    carries no page number."""
    found = re.findall(r"Page (\d+) of (\d+)", text)
    if not found and text.lstrip().startswith("Milton Keynes Council Social media guidance"):
        return 1, None
    if not found and "Who to contact" in text:
        return -1, None  # the back cover carries no page number either (issue 25): it is the last page
    assert len(found) == 1, f"expected one page footer on this half, found {found}: {text[:200]!r}"
    return int(found[0][0]), int(found[0][1])


def printed_sides(path, first_side: int = 1) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """((n, N) on the left half, (n, N) on the right half) for every A4 side from `first_side`."""
    pages = len(PdfReader(path).pages)
    sides = [
        (printed_number(half_text(path, p, "left")), printed_number(half_text(path, p, "right")))
        for p in range(first_side, pages + 1)
    ]
    # the cover and the back cover print no N: it is the one every other page prints
    total = max(half[1] or 0 for side in sides for half in side)
    return [tuple((total if half[0] == -1 else half[0], total) for half in side) for side in sides]


def folded_reading_order(sides: list[tuple[int, int]]) -> list[int]:
    """The page numbers a reader meets in the stack of sheets folded in half, first sheet outside.

    Each sheet is (front, back), as printed. Flipped on the short edge, the back's left half
    lies behind the front's right half. Reading goes in through the right-hand leaves (front
    right, then back left) to the middle sheet, then out through the left-hand ones.
    """
    sheets = list(zip(sides[0::2], sides[1::2]))
    inwards = [n for (front, back) in sheets for n in (front[1], back[0])]
    outwards = [n for (front, back) in reversed(sheets) for n in (back[1], front[0])]
    return inwards + outwards


# --- synthetic booklets -----------------------------------------------------------------------


def synthetic_booklet(tmp_path, content_pages: int, notes_pages: int = 0, back_cover: bool = False):
    """A5 pages that each print "Page n of N" in the footer, as the real booklet does."""
    sections = [f"<section><h1>Content page</h1><p>Words {n}.</p></section>" for n in range(1, content_pages + 1)]
    sections += ['<section id="notes"><p>Notes</p></section>'][:notes_pages]  # as the booklet marks its first
    sections += ["<section><p>Notes</p></section>"] * max(notes_pages - 1, 0)
    sections += ["<section><p>Back cover</p></section>"] if back_cover else []
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Synthetic booklet</title><style>'
        '@page { size: A5; margin: 15mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); } }'
        "section + section { break-before: page; }</style></head><body>" + "".join(sections) + "</body></html>"
    )
    return html, render_pdf(html, tmp_path, [tmp_path], what="a synthetic booklet")


def synthetic_layouts(tmp_path, content_pages: int, laid_out: list[int] | None = None):
    """The synthetic booklet with a back cover as pad_to_four takes it: its HTML for a number of
    Notes pages, and its layout (the Notes pages of each recorded in `laid_out`)."""

    def lay_out_html(html: str):
        if laid_out is not None:
            laid_out.append(html.count("<p>Notes</p>"))
        return lay_out(html, tmp_path, [tmp_path], "a synthetic booklet")

    return lambda notes: synthetic_booklet(tmp_path, content_pages, notes, back_cover=True)[0], lay_out_html


@pytest.mark.parametrize("pages", [4, 12, 16])
def test_halves_of_each_sheet_hold_the_pages_saddle_stitching_needs(tmp_path, pages):
    _, booklet = synthetic_booklet(tmp_path, pages)
    imposed = tmp_path / "imposed.pdf"
    imposed.write_bytes(impose(booklet.data))

    sides = printed_sides(imposed)
    assert [(left[0], right[0]) for left, right in sides] == SADDLE_STITCH[pages]
    assert all(left[1] == right[1] == pages for left, right in sides)
    assert folded_reading_order([(left[0], right[0]) for left, right in sides]) == list(range(1, pages + 1))


def test_thirteen_pages_are_padded_with_notes_pages_before_the_back_cover(tmp_path):
    padded = pad_to_four(*synthetic_layouts(tmp_path, 12))
    assert (padded.unpadded_pages, padded.notes_pages, padded.pdf.pages) == (13, 3, 16)
    assert padded.notes == [
        "The booklet has 13 A5 pages, which is not a multiple of four, so the printed booklet "
        "has 3 ruled Notes pages (pages 13 to 15) before the back cover (Who to contact, now "
        "page 16): 16 pages in all."
    ]
    imposed = tmp_path / "imposed.pdf"
    imposed.write_bytes(impose(padded.pdf.data))

    sides = printed_sides(imposed)
    assert [(left[0], right[0]) for left, right in sides] == SADDLE_STITCH[16]
    assert all(left[1] == right[1] == 16 for left, right in sides), "every page must say 'of 16' once padded"
    halves = {
        number: half_text(imposed, side, half)
        for side, pair in enumerate(SADDLE_STITCH[16], start=1)
        for number, half in zip(pair, ("left", "right"))
    }
    assert all("Content page" in halves[n] for n in range(1, 13))
    assert all("Notes" in halves[n] for n in (13, 14, 15))
    assert "Back cover" in halves[16]


@pytest.mark.parametrize(
    ("content_pages", "hint", "layouts"),
    [
        (12, 3, [3]),  # the last build's count, still right: one layout
        (12, 1, [1, 3]),  # no longer right: laid out again with the count its pages call for
        (8, 3, [3, 0]),  # right, but 9 pages padded to 12 gain a digit: checked without Notes pages
        (11, 0, [0]),  # no hint, and none needed
    ],
)
def test_the_last_builds_notes_count_saves_a_layout_and_changes_nothing(tmp_path, content_pages, hint, layouts):
    """packgen build hands the booklet the Notes pages of the last build (manifest.json's
    `notes_pages`); the padded booklet is the one a build without the hint makes, byte for byte."""
    laid_out: list[int] = []
    hinted = pad_to_four(*synthetic_layouts(tmp_path, content_pages, laid_out), hint=hint)
    assert laid_out == layouts
    plain = pad_to_four(*synthetic_layouts(tmp_path, content_pages))
    assert (hinted.pdf.data, hinted.notes_pages, hinted.unpadded_pages) == (
        plain.pdf.data,
        plain.notes_pages,
        plain.unpadded_pages,
    )


def test_the_manifest_records_the_booklets_notes_pages(default_build):
    manifest = json.loads((default_build / "manifest.json").read_text(encoding="utf-8"))
    booklet = next(entry for entry in manifest["artefacts"] if entry["kind"] == "booklet")
    notes = sum("Notes" in text.split("\n")[0] for text in pdf_page_texts(default_build / "booklet.pdf"))
    pages = len(pdf_page_texts(default_build / "booklet.pdf"))
    assert booklet["notes_pages"] == notes and 0 < notes < 4 and pages % 4 == 0


# --- the default pack, as built ---------------------------------------------------------------


def test_default_booklet_folds_into_page_order_after_the_instruction_sheet(default_build):
    imposed = default_build / "booklet-imposed.pdf"
    booklet_pages = len(PdfReader(default_build / "booklet.pdf").pages)
    sides = printed_sides(imposed, first_side=3)

    assert len(sides) * 2 == booklet_pages  # two A5 pages a side: the default booklet needs no padding
    assert all(left[1] == right[1] == booklet_pages for left, right in sides)
    assert folded_reading_order([(left[0], right[0]) for left, right in sides]) == list(range(1, booklet_pages + 1))
    assert "Social media guidance for councillors" in half_text(imposed, 3, "right")  # the front cover
    assert "Who to contact" in half_text(imposed, 3, "left")  # the back cover


def test_instruction_sheet_says_how_to_print_and_fold(default_build):
    imposed = default_build / "booklet-imposed.pdf"
    instructions, back = pdf_page_texts(imposed)[:2]
    last = len(PdfReader(imposed).pages)
    middle = len(PdfReader(default_build / "booklet.pdf").pages) // 2
    for words in (
        f"Pages: 3 to {last}",
        "Print on both sides",
        "flip on the short edge",
        "100% or actual size",
        "Fold the stack in half",
        "Staple twice along the fold",
        f"pages {middle} and {middle + 1} goes in the middle",
    ):
        assert words in instructions
    assert "This page is intentionally blank" in back


def test_print_dialog_is_preset_for_duplex_short_edge_at_actual_size(default_build):
    with pikepdf.open(default_build / "booklet-imposed.pdf") as pdf:
        preferences = pdf.Root.ViewerPreferences
        assert preferences.Duplex == pikepdf.Name.DuplexFlipShortEdge
        assert preferences.PrintScaling == pikepdf.Name("/None")
        assert list(preferences.PrintPageRange) == [3, len(pdf.pages)]
        for page in pdf.pages:
            box = page.mediabox
            assert (round(float(box[2] - box[0]) / MM), round(float(box[3] - box[1]) / MM)) == (297, 210)


def test_every_page_and_every_half_carries_the_stamp(default_build):
    imposed = default_build / "booklet-imposed.pdf"
    instructions = pdf_page_texts(imposed)[:2]
    assert all(STAMP in text for text in instructions)
    for side in range(3, len(PdfReader(imposed).pages) + 1):
        for half in ("left", "right"):
            assert STAMP in half_text(imposed, side, half), f"imposed page {side}, {half} half"
    assert all(STAMP in text for text in pdf_page_texts(default_build / "booklet-print.pdf"))


def test_print_shop_pages_have_trim_and_bleed_boxes(default_build):
    with pikepdf.open(default_build / "booklet-print.pdf") as pdf:
        assert len(pdf.pages) == len(PdfReader(default_build / "booklet.pdf").pages)
        for page in pdf.pages:
            trim, bleed, media = (pikepdf.Rectangle(page.obj[box]) for box in ("/TrimBox", "/BleedBox", "/MediaBox"))
            assert (round(trim.width / MM, 1), round(trim.height / MM, 1)) == (148, 210)
            assert (round(bleed.width / MM, 1), round(bleed.height / MM, 1)) == (154, 216)
            assert round((trim.llx - bleed.llx) / MM, 1) == round((trim.lly - bleed.lly) / MM, 1) == 3
            assert (
                media.llx <= bleed.llx and media.lly <= bleed.lly and media.urx >= bleed.urx and media.ury >= bleed.ury
            )


def test_print_shop_fonts_are_all_embedded(default_build):
    with pikepdf.open(default_build / "booklet-print.pdf") as pdf:
        descriptors = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.FontDescriptor
        ]
        assert descriptors
        assert all(any(key in d for key in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors)


def test_print_shop_pages_say_what_the_booklet_says(default_build):
    assert pdf_page_texts(default_build / "booklet-print.pdf") == pdf_page_texts(default_build / "booklet.pdf")


SCALE = 4  # pixels a point: a 0.25 pt crop mark is a whole pixel


def render_page(path, page: int, tmp_path) -> Image.Image:
    """One page at SCALE pixels a point, its top-left pixel the MediaBox's top-left corner."""
    subprocess.run(
        [
            tool("pdftoppm"),
            "-r",
            str(72 * SCALE),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(tmp_path / f"page{page}"),
        ],
        check=True,
    )
    return Image.open(tmp_path / f"page{page}.png").convert("RGB")


def test_cover_tint_runs_to_the_bleed_edge_and_crop_marks_sit_outside_it(default_build, tmp_path):
    path = default_build / "booklet-print.pdf"
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        media, bleed, trim = (pikepdf.Rectangle(page.obj[box]) for box in ("/MediaBox", "/BleedBox", "/TrimBox"))
    cover, inside = render_page(path, 1, tmp_path), render_page(path, 2, tmp_path)

    def pixel(image, x, y):  # PDF points (y up) to image pixels (y down)
        return image.getpixel((round((x - media.llx) * SCALE), round((media.ury - y) * SCALE)))

    def darkest_near(image, x, y):
        return min(sum(pixel(image, x + dx / SCALE, y + dy / SCALE)) for dx in range(-2, 3) for dy in range(-2, 3))

    def near(colour, expected):
        return all(abs(a - b) <= 3 for a, b in zip(colour, expected))

    middle_x, middle_y = (trim.llx + trim.urx) / 2, (trim.lly + trim.ury) / 2
    in_the_bleed = [
        (bleed.llx + 1, middle_y),
        (bleed.urx - 1.5, middle_y),
        (middle_x, bleed.lly + 1),
        (middle_x, bleed.ury - 1.5),
    ]
    # the tint as the file's colour management renders it (sRGB, proofed to the output intent), read
    # just inside the trim, must reach the bleed edge
    tint = pixel(cover, trim.llx + 2 * MM, middle_y)
    assert max(tint) < 250 and not near(tint, (255, 255, 255)), "the cover is not tinted"
    assert all(near(pixel(cover, x, y), tint) for x, y in in_the_bleed), "the cover tint stops short of the bleed edge"
    assert all(near(pixel(inside, x, y), (255, 255, 255)) for x, y in in_the_bleed)

    # crop marks: dark ink on the trim lines' extensions beyond the bleed, none on the bleed's corners
    mark_points = [
        (trim.llx, bleed.lly - 4 * MM),
        (bleed.llx - 4 * MM, trim.lly),
        (trim.urx, bleed.ury + 4 * MM),
        (bleed.urx + 4 * MM, trim.ury),
    ]
    assert all(darkest_near(cover, x, y) < 3 * 100 for x, y in mark_points), "a crop mark is missing"
    bleed_corner = [
        pixel(cover, bleed.llx + dx / SCALE, bleed.lly + dy / SCALE)
        for dx in range(1, round(3 * MM * SCALE) - 1)
        for dy in range(1, round(3 * MM * SCALE) - 1)
    ]
    assert all(near(colour, tint) for colour in bleed_corner), "something is drawn over the bleed"


# --- a pack whose booklet is not a multiple of four pages ----------------------------------------


def unpadded_booklet_pages(pack_dir) -> int:
    """The booklet's page count before any Notes pages."""
    context = BuildContext(load_pack(pack_dir), pack_dir.resolve(), dt.date(2021, 6, 1))
    return render_pdf(guidance_html(context, "booklet"), context.templates, context.readable_roots, "booklet").pages


def lengthen_until_not_a_multiple_of_four(pack_dir) -> int:
    """Add paragraphs to the first section until the booklet's page count needs padding."""
    purpose = pack_dir / "sections" / "purpose.yaml"
    paragraph = "  - >-\n    " + "A paragraph added to lengthen the booklet for this test. " * 12 + "\n"
    for _ in range(12):
        edit(purpose, "  - >-\n    Importantly", paragraph + "  - >-\n    Importantly")
        pages = unpadded_booklet_pages(pack_dir)
        if pages % 4:
            return pages
    raise AssertionError("could not make the booklet a page count that needs padding")


@pytest.mark.slow  # builds of its own
def test_a_booklet_that_needs_padding_gets_notes_pages_and_a_warning(pack_copy, tmp_path):
    from generator.pipeline.build import BuildRequest, build

    unpadded = lengthen_until_not_a_multiple_of_four(pack_copy)
    padded = unpadded + (4 - unpadded % 4)
    result = build(
        BuildRequest(pack_copy, tmp_path / "out", only=("booklet-imposed", "booklet-print"), as_of=dt.date(2021, 6, 1))
    )
    out = tmp_path / "out" / "social-media"

    notes = {o.kind: list(o.notes) for o in result.written}
    assert notes["booklet-imposed"] == notes["booklet-print"]
    assert f"The booklet has {unpadded} A5 pages, which is not a multiple of four" in notes["booklet-print"][0]
    assert f"now page {padded}" in notes["booklet-print"][0]

    sides = printed_sides(out / "booklet-imposed.pdf", first_side=3)
    assert all(left[1] == right[1] == padded for left, right in sides)
    assert folded_reading_order([(left[0], right[0]) for left, right in sides]) == list(range(1, padded + 1))
    shop = pdf_page_texts(out / "booklet-print.pdf")
    assert len(shop) == padded
    assert all(text.startswith("Notes") for text in shop[unpadded - 1 : padded - 1])
    assert "Who to contact" in shop[-1] and "Document control" in shop[unpadded - 2]
    assert re.search(rf"Who to contact[ .]*{padded}\b", shop[1]), (
        "the contents page should give the back cover's new page"
    )


@pytest.mark.slow  # a build of its own
def test_only_builds_just_the_print_files(tmp_path):
    from conftest import DEFAULT_PACK

    result = run_cli("build", DEFAULT_PACK, "--out", tmp_path, "--only", "booklet-print", "--as-of", "2021-06-01")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "social-media").iterdir())
    assert written == ["booklet-print.pdf", "manifest.json"]


@pytest.mark.slow
def test_imposed_cover_tint_stops_in_an_even_frame_inside_the_sheet_edge(tmp_path):
    """Office printers cannot print to the paper's edge: nothing within 5 mm of it, tint included."""
    from conftest import DEFAULT_PACK

    result = run_cli("build", DEFAULT_PACK, "--out", tmp_path, "--only", "booklet-imposed", "--as-of", "2021-06-01")
    assert result.exit_code == 0, result.output
    path = tmp_path / "social-media" / "booklet-imposed.pdf"
    sheet = render_page(path, 3, tmp_path)  # after the instruction sheet: the outside of sheet 1, with the cover
    width, height = sheet.size
    frame = round(4.8 * MM * SCALE)
    edge_pixels = [
        sheet.getpixel((x, y)) for x in range(0, width, 7) for y in (0, frame - 1, height - frame, height - 1)
    ]
    edge_pixels += [
        sheet.getpixel((x, y)) for y in range(0, height, 7) for x in (0, frame - 1, width - frame, width - 1)
    ]
    assert all(min(pixel) >= 250 for pixel in edge_pixels), "something is printed within 5 mm of the sheet's edge"
    cover_tint = sheet.getpixel((width - frame - 10, height // 2))
    assert min(cover_tint) < 250, "the cover should still be tinted inside the frame"
