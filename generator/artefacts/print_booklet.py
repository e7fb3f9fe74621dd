"""The booklet for print: imposed for the office printer, with bleed and crop marks for a print shop.

Both are the A5 booklet's own pages, padded to a multiple of four (see generator/artefacts/padding.py), so a
copy from either folds and staples into the same booklet, page numbers and all. Neither lays
the booklet out again: imposition places its pages on sheets, and the bleed is added to them
(generator/pdf/bleed.py).
"""

from __future__ import annotations

import io

import pikepdf

from generator.artefacts.base import BookletPages, BuildContext, Output
from generator.pdf.bleed import add_bleed
from generator.pdf.crop_marks import add_crop_marks
from generator.errors import RenderError
from generator.pdf.imposition import impose
from generator.html.branding import colours_of
from generator.pdf.pdfx import make_pdfx4, print_colours
from generator.artefacts.padding import PaddedBooklet
from generator.pdf.render import RenderedPdf, render_pdf
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["print_booklet"].kinds, BY_NAME["print_booklet"].needs  # its registry entry


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    booklet = padded_booklet(earlier["booklet"])
    instructions = _instructions(context, booklet.pdf.pages)
    notes = (*booklet.notes, *instructions.notes)  # the padding told, and WeasyPrint's harmless notices
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
    """The booklet as built: it pads itself to a multiple of four pages (generator/artefacts/padding.py)."""
    handoff, html, pages = booklet.handoff, booklet.html, booklet.pages
    if not isinstance(handoff, BookletPages) or html is None or pages is None:
        raise RenderError("the booklet came without its pages and HTML, which the print files are made from")
    as_built = RenderedPdf(booklet.data, pages)
    return PaddedBooklet(html, as_built, handoff.notes_pages, pages - handoff.notes_pages)


def _print_shop(context: BuildContext, booklet: PaddedBooklet) -> bytes:
    """The booklet's own pages, given a 3 mm bleed and crop marks outside it, as PDF/X-4: laid out once."""
    bled = add_crop_marks(add_bleed(booklet.pdf.data))
    return make_pdfx4(
        bled, context.built, what="the print-shop booklet", cmyk_for=print_colours(colours_of(context.pack))
    )


def _instructions(context: BuildContext, pages: int) -> RenderedPdf:
    """An A4 sheet for the person at the printer, with a blank back so the booklet starts on a fresh sheet."""
    return instructions(context, pages, booklets=0)


def instructions(context: BuildContext, pages: int, booklets: int, flip: bool = False) -> RenderedPdf:
    """The printing instructions for one booklet of `pages` pages, or (`booklets` > 0) for a print
    job of that many named booklets, each after a slip sheet naming its person, or (`flip`) for a
    flip booklet, saying which way up each language reads."""
    sides = pages // 2 + (2 if booklets else 0)  # a named booklet's sheets follow its slip (front and back)
    html = context.render(
        "print-instructions.html.j2",
        pages=pages,
        sheets=pages // 4,
        first_page=3,
        last_page=2 + sides * max(booklets, 1),
        booklets=booklets,
        flip=flip,
    )
    pdf = render_pdf(html, context.templates, context.readable_roots, what="the printing instructions")
    if pdf.pages != 2:
        raise RenderError(
            f"the printing instructions came out at {pdf.pages} pages, not one sheet; nothing was written"
        )
    return pdf


def with_slips(imposed: bytes, slips: bytes, sides_per_booklet: int, front_pages: int = 2) -> bytes:
    """The imposed print job with a slip sheet (two pages of `slips`, front and back) before each
    booklet's sheets, so each person's booklet comes off the printer already set apart."""
    with pikepdf.open(io.BytesIO(imposed)) as job, pikepdf.open(io.BytesIO(slips)) as slip_pdf:
        booklets = (len(job.pages) - front_pages) // sides_per_booklet
        if len(slip_pdf.pages) != 2 * booklets:
            raise RenderError(
                f"the slip sheets came out at {len(slip_pdf.pages)} pages, not {2 * booklets}; nothing was written"
            )
        for index in range(booklets):
            at = front_pages + index * (sides_per_booklet + 2)
            for offset in (0, 1):
                job.pages.insert(at + offset, slip_pdf.pages[2 * index + offset])
                page = job.pages[at + offset]
                if "/StructParents" in page.obj:
                    del page.obj["/StructParents"]  # the slips' structure tree stays behind: a print job
        job.Root.ViewerPreferences.PrintPageRange = pikepdf.Array([front_pages + 1, len(job.pages)])
        out = io.BytesIO()
        job.save(out, deterministic_id=True)
        return out.getvalue()
