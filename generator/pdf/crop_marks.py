"""Crop marks outside the bleed, and the page boxes a print shop's preflight reads.

WeasyPrint 70's own `marks: crop` draws 1.5 mm marks inside the 3 mm bleed, over the page
background, and makes the MediaBox the BleedBox. Print shops expect marks outside the bleed,
so pages are laid out with `bleed: 3mm` alone and the marks are drawn here on a wider sheet:
TrimBox (the finished page) inside BleedBox (trim + 3 mm) inside MediaBox (room for the marks).
"""

from __future__ import annotations

import io

import pikepdf

from generator.errors import RenderError

MM = 72 / 25.4
BLEED = 3 * MM
MARK_GAP = 2 * MM  # from the bleed edge to where a mark starts, so no mark touches the artwork
MARK_LENGTH = 5 * MM
SLUG = BLEED + MARK_GAP + MARK_LENGTH + 2 * MM  # how far the sheet reaches beyond the trim
MARK_STYLE = b"0.25 w 0 J [] 0 d 1 1 1 1 K"  # hairline in registration colour: on every plate


def add_crop_marks(pdf_data: bytes) -> bytes:
    """Every page of a PDF laid out with a 3 mm bleed, with crop marks and its boxes set."""
    with pikepdf.open(io.BytesIO(pdf_data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            trim = pikepdf.Rectangle(page.trimbox)
            _check_bleed(page, trim, number)
            page.obj.TrimBox = trim.as_array()
            page.obj.BleedBox = _grown(trim, BLEED).as_array()
            page.obj.MediaBox = _grown(trim, SLUG).as_array()
            page.contents_add(b"q\n", prepend=True)  # the page's own drawing state ends before the marks
            page.contents_add(b"Q\n" + _marks(trim))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _check_bleed(page: pikepdf.Page, trim: pikepdf.Rectangle, number: int) -> None:
    media = pikepdf.Rectangle(page.mediabox)
    if abs(media.width - trim.width - 2 * BLEED) > 0.5 or abs(media.height - trim.height - 2 * BLEED) > 0.5:
        raise RenderError(
            f"the print-shop booklet's page {number} was laid out without a 3 mm bleed; nothing was written"
        )


def _grown(box: pikepdf.Rectangle, by: float) -> pikepdf.Rectangle:
    return pikepdf.Rectangle(box.llx - by, box.lly - by, box.urx + by, box.ury + by)


def _marks(trim: pikepdf.Rectangle) -> bytes:
    """Two short lines at each corner, on the trim lines' extensions, starting beyond the bleed."""
    near, far = BLEED + MARK_GAP, BLEED + MARK_GAP + MARK_LENGTH
    lines = []
    for x, outward_x in ((trim.llx, -1), (trim.urx, 1)):
        for y, outward_y in ((trim.lly, -1), (trim.ury, 1)):
            lines.append((x + outward_x * near, y, x + outward_x * far, y))
            lines.append((x, y + outward_y * near, x, y + outward_y * far))
    path = " ".join(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l" for x1, y1, x2, y2 in lines)
    return b"/Artifact BMC q " + MARK_STYLE + b" " + path.encode() + b" S Q EMC\n"
