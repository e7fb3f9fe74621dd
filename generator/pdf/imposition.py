"""Saddle-stitch imposition: A5 pages two to a side of A4 landscape, in the order that folds into a booklet.

Printed double-sided (flip on the short edge), stacked in the order they come out and folded
in half, the sheets read page 1, 2, 3 ... The pages are placed as they are (form XObjects,
100% scale), never laid out again.
"""

from __future__ import annotations

import contextlib
import io

import pikepdf

MM = 72 / 25.4
A4_LANDSCAPE = (297 * MM, 210 * MM)
TOLERANCE = 0.01  # points: PDFs round their boxes' millimetres differently
# Office printers cannot print to the paper's edge: a tint running off the page (the cover's)
# would end in an uneven white frame. It stops in an even 5 mm frame instead (not at the fold).
SHEET_EDGE = 5 * MM


def sheet_sides(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers for every printed side, sheet by sheet, front then back.

    For 8 pages: sheet 1 front (8, 1), back (2, 7); sheet 2 front (6, 3), back (4, 5).
    """
    if pages <= 0 or pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of four pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        outside, inside = pages - 2 * sheet, 1 + 2 * sheet
        sides += [(outside, inside), (inside + 1, outside - 1)]
    return sides


def impose(booklet: bytes, front_matter: bytes | None = None, title: str = "") -> bytes:
    """The booklet's pages on A4 sheets, after `front_matter` (whole pages, e.g. printing instructions)."""
    return impose_booklets([booklet], front_matter, title)


def impose_booklets(booklets: list[bytes], front_matter: bytes | None = None, title: str = "") -> bytes:
    """Several booklets imposed one after another, as one print job (e.g. every named induction booklet)."""
    with contextlib.ExitStack() as open_files:  # sources stay open until the save: their data is copied then
        imposed = open_files.enter_context(pikepdf.new())
        if front_matter:
            imposed.pages.extend(open_files.enter_context(pikepdf.open(io.BytesIO(front_matter))).pages)
        for page in imposed.pages:
            if "/StructParents" in page.obj:
                del page.obj["/StructParents"]  # the structure tree stays behind: this file is for a printer
        front_pages = len(imposed.pages)
        language = ""
        for booklet in booklets:
            source = open_files.enter_context(pikepdf.open(io.BytesIO(booklet)))
            language = language or str(source.Root.get("/Lang", ""))
            forms = [imposed.copy_foreign(page.as_form_xobject()) for page in source.pages]
            for left, right in sheet_sides(len(forms)):
                _add_side(imposed, forms[left - 1], forms[right - 1])
        _set_print_preferences(imposed, front_pages + 1, len(imposed.pages), title, language or "en-GB")
        out = io.BytesIO()
        imposed.save(out, deterministic_id=True, min_version="1.7")  # 1.7: the duplex preset
        return out.getvalue()


def _add_side(imposed: pikepdf.Pdf, left: pikepdf.Object, right: pikepdf.Object) -> None:
    """One side of A4: the two pages meet at the fold, the middle of the sheet."""
    width, height = A4_LANDSCAPE
    fold = width / 2
    side = imposed.add_blank_page(page_size=A4_LANDSCAPE)
    for form, x, name in ((left, fold - _width(left), "/Left"), (right, fold, "/Right")):
        if _width(form) > fold + TOLERANCE or _height(form) > height + TOLERANCE:
            raise ValueError("a booklet page is larger than half a sheet of A4")
        placed = pikepdf.Rectangle(x, 0, x + _width(form), _height(form))
        # named here: add_overlay would invent random names, and the same content must give the same bytes
        side.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(name))
        placement = side.calc_form_xobject_placement(
            form, pikepdf.Name(name), placed, allow_shrink=False, allow_expand=False
        )
        side.contents_add(b"q " + _clip_to_printable(x, _width(form), name == "/Left") + placement + b" Q\n")
    side.contents_coalesce()


def _clip_to_printable(x: float, width: float, left: bool) -> bytes:
    """A clipping path inside the sheet's 5 mm edge on the top, bottom and outer side of a page."""
    _, height = A4_LANDSCAPE
    x0 = x + SHEET_EDGE if left else x
    clip_width = width - SHEET_EDGE
    return f"{x0:.3f} {SHEET_EDGE:.3f} {clip_width:.3f} {height - 2 * SHEET_EDGE:.3f} re W n ".encode()


def _width(form: pikepdf.Object) -> float:
    return float(form.BBox[2]) - float(form.BBox[0])


def _height(form: pikepdf.Object) -> float:
    return float(form.BBox[3]) - float(form.BBox[1])


def _set_print_preferences(imposed: pikepdf.Pdf, first: int, last: int, title: str, language: str) -> None:
    """Preset the print dialog (Acrobat and others honour these): duplex, short edge, actual size, sheets
    only; the language is the (first) booklet's own."""
    imposed.Root.ViewerPreferences = pikepdf.Dictionary(
        Duplex=pikepdf.Name.DuplexFlipShortEdge,
        PrintScaling=pikepdf.Name("/None"),
        PrintPageRange=pikepdf.Array([first, last]),
        DisplayDocTitle=True,
    )
    imposed.Root.Lang = pikepdf.String(language)
    if title:
        imposed.docinfo.Title = pikepdf.String(title)
