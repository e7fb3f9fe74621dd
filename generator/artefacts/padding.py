"""Pad the A5 booklet to a multiple of four pages with ruled Notes pages before the back cover.

A saddle-stitched booklet is folded from sheets of four pages each. The spare pages are
rendered into the booklet itself (not blanks slipped in afterwards), so every page's
"Page n of N" and the contents page stay true, and the back cover stays the last page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from generator.artefacts.base import BuildContext
from generator.errors import RenderError
from generator.artefacts.guidance_html import guidance_html
from generator.pdf.render import LaidOut, RenderedPdf, lay_out
from generator.pdf.rebalance import balanced

PAGES_PER_SHEET = 4
Render = Callable[[int], tuple[str, LaidOut]]  # notes pages -> (html, laid out, not yet written)


@dataclass(frozen=True)
class PaddedBooklet:
    html: str
    pdf: RenderedPdf
    notes_pages: int
    unpadded_pages: int

    @property
    def notes(self) -> list[str]:
        """What the person building the pack should be told about the padding."""
        if not self.notes_pages:
            return []
        first, last = self.unpadded_pages, self.unpadded_pages + self.notes_pages - 1
        if self.notes_pages == 1:
            added = f"1 ruled Notes page (page {first})"
        elif self.notes_pages == 2:
            added = f"2 ruled Notes pages (pages {first} and {last})"
        else:
            added = f"{self.notes_pages} ruled Notes pages (pages {first} to {last})"
        return [
            f"The booklet has {self.unpadded_pages} A5 pages, which is not a multiple of four, so the "
            f"printed booklet has {added} before the back cover (Who to contact, now page "
            f"{self.pdf.pages}): {self.pdf.pages} pages in all."
        ]


def render_padded_booklet(context: BuildContext) -> PaddedBooklet:
    """The A5 booklet, with Notes pages if its page count needs them."""
    return pad_to_four(booklet_renderer(context), hint=context.booklet_notes_hint)


def booklet_renderer(context: BuildContext) -> Render:
    """A function laying out the booklet with a given number of Notes pages."""

    def render(notes_pages: int) -> tuple[str, LaidOut]:
        html = guidance_html(context, "booklet", notes_pages)
        return balanced(
            html, lambda page_html: lay_out(page_html, context.templates, context.readable_roots, "the booklet")
        )

    return render


def pad_to_four(render: Render, hint: int = 0) -> PaddedBooklet:
    """Render with as many Notes pages as it takes to reach a multiple of four pages.

    Adding pages can in principle move the layout on (the contents page's numbers change),
    so the count is checked again after each render. Only the last layout is written as a PDF.

    `hint`, the Notes pages the last build needed, is tried first and saves the layout without
    notes when it is still right. It changes nothing else: it is taken only when the pages before
    the notes cannot differ from a layout without them, so the result is the one the layout
    without notes leads to. Notes pages come after every section; they change only the page
    total in the footers (margin boxes, outside the text's flow) and the back cover's number on
    the contents page. With as many digits that number is as wide (the bundled fonts' figures
    are tabular) or nearly so, the leader dots take up the difference, and the short "Who to
    contact" line does not wrap: no page break moves. A number that gains a digit is not trusted.
    """
    if 0 < hint < PAGES_PER_SHEET:
        html, laid = render(hint)
        unpadded = laid.pages - hint
        if laid.pages % PAGES_PER_SHEET == 0 and len(str(unpadded)) == len(str(laid.pages)):
            return PaddedBooklet(html, laid.written(), hint, unpadded)
    html, pdf = render(0)
    unpadded, notes_pages = pdf.pages, 0
    for _ in range(PAGES_PER_SHEET):
        short = -pdf.pages % PAGES_PER_SHEET
        if not short:
            return PaddedBooklet(html, pdf.written(), notes_pages, unpadded)
        notes_pages += short
        html, pdf = render(notes_pages)
    raise RenderError(
        f"the booklet could not be padded to a multiple of four pages: with {notes_pages} "
        f"Notes pages it has {pdf.pages}; nothing was written"
    )
