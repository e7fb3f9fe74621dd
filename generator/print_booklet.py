"""The booklet for print: imposed for the office printer, with bleed and crop marks for a print shop.

Both are the A5 booklet's own pages, padded to a multiple of four (see generator/padding.py), so a
copy from either folds and staples into the same booklet, page numbers and all. Neither lays
the booklet out again: imposition places its pages on sheets, and the bleed is added to them
(generator/bleed.py).
"""

from __future__ import annotations

from generator.artefact import BuildContext, Output
from generator.bleed import add_bleed
from generator.crop_marks import add_crop_marks
from generator.errors import RenderError
from generator.imposition import impose
from generator.pdfx import make_pdfx4
from generator.padding import PaddedBooklet
from generator.pdf import RenderedPdf, render_pdf
from generator.kinds import BY_MODULE

KINDS = BY_MODULE["print_booklet"]
NEEDS = ("booklet",)


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    booklet = padded_booklet(earlier["booklet"])
    notes = tuple(booklet.notes)
    instructions = _instructions(context, booklet.pdf.pages)
    sheets = impose(
        booklet.pdf.data, instructions.data, title=f"{context.pack.title}: booklet for printing on A4, double-sided"
    )
    print_shop = _print_shop(context, booklet)
    return [
        Output(
            "booklet-imposed", "booklet-imposed.pdf", sheets, instructions.pages + booklet.pdf.pages // 2, notes=notes
        ),
        Output("booklet-print", "booklet-print.pdf", print_shop, booklet.pdf.pages, booklet.html, notes=notes),
    ]


def padded_booklet(booklet: Output) -> PaddedBooklet:
    """The booklet as built: it pads itself to a multiple of four pages (generator/padding.py)."""
    notes_pages = booklet.handoff.notes_pages
    as_built = RenderedPdf(booklet.data, booklet.pages)
    return PaddedBooklet(booklet.html, as_built, notes_pages, booklet.pages - notes_pages)


def _print_shop(context: BuildContext, booklet: PaddedBooklet) -> bytes:
    """The booklet's own pages, given a 3 mm bleed and crop marks outside it, as PDF/X-4: laid out once."""
    return make_pdfx4(add_crop_marks(add_bleed(booklet.pdf.data)), context.built, what="the print-shop booklet")


def _instructions(context: BuildContext, pages: int) -> RenderedPdf:
    """An A4 sheet for the person at the printer, with a blank back so the booklet starts on a fresh sheet."""
    html = context.render(
        "print-instructions.html.j2",
        pages=pages,
        sheets=pages // 4,
        first_page=3,
        last_page=2 + pages // 2,
    )
    pdf = render_pdf(html, context.templates, context.readable_roots, what="the printing instructions")
    if pdf.pages != 2:
        raise RenderError(
            f"the printing instructions came out at {pdf.pages} pages, not one sheet; nothing was written"
        )
    return pdf
