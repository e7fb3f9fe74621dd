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
from generator.pdf.rebalance import MAX_ROUNDS, balanced, next_rule, with_rule

PAGES_PER_SHEET = 4
HtmlFor = Callable[[int], str]  # notes pages -> the booklet's HTML
LayOut = Callable[[str], LaidOut]  # HTML -> laid out, not yet written


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
    html_for, lay_out_booklet = booklet_layouts(context)
    return pad_to_four(html_for, lay_out_booklet, hint=context.booklet_notes_hint)


def booklet_layouts(context: BuildContext) -> tuple[HtmlFor, LayOut]:
    """The booklet's HTML with a given number of Notes pages, and how it is laid out."""
    return (
        lambda notes_pages: guidance_html(context, "booklet", notes_pages),
        lambda html: lay_out(html, context.templates, context.readable_roots, "the booklet"),
    )


def pad_to_four(html_for: HtmlFor, lay_out: LayOut, hint: int = 0) -> PaddedBooklet:
    """The booklet balanced (generator/pdf/rebalance.py) with as many Notes pages as it takes to
    reach a multiple of four pages. Only the last layout is written as a PDF.

    What it is, is defined by `_in_turn`: balance the booklet without Notes pages, count the pages
    short of a multiple of four, and balance the booklet with that many Notes pages from the start.
    That takes twice the layouts it needs, so `_foreseen` tries first to reach the same booklet in
    fewer: each layout already holds the Notes pages its predecessor's count calls for (the last
    build's count, `hint`, for the first), and the rules balancing finds go on to the next layout
    whatever the Notes count. This finds what `_in_turn` finds because Notes pages change nothing
    before them: they come after every section and change only the page total in the footers
    (margin boxes, outside the text's flow) and the back cover's number on the contents page. With
    as many digits that number is as wide (the bundled fonts' figures are tabular) or nearly so,
    the leader dots take up the difference, and the short "Who to contact" line does not wrap: no
    page break moves. So a page count that gains a digit with the Notes pages is not trusted, and
    each rule found on pages with Notes pages must be the one found on the same pages without
    them. When anything is not as this expects, `_in_turn` makes the booklet as it always has.
    """
    laid_out: dict[str, LaidOut] = {}  # a layout `_foreseen` made is not made again by `_in_turn`

    def remembered(html: str) -> LaidOut:
        if html not in laid_out:
            laid_out[html] = lay_out(html)
        return laid_out[html]

    foreseen = _foreseen(html_for, remembered, hint if 0 < hint < PAGES_PER_SHEET else 0)
    return foreseen or _in_turn(html_for, remembered)


def _in_turn(html_for: HtmlFor, lay_out: LayOut) -> PaddedBooklet:
    """Balanced without Notes pages, then again from the start with the Notes pages that needs.
    Adding pages can in principle move the layout on, so the count is checked after each render."""
    html, laid = balanced(html_for(0), lay_out)
    unpadded, notes_pages = laid.pages, 0
    for _ in range(PAGES_PER_SHEET):
        short = -laid.pages % PAGES_PER_SHEET
        if not short:
            return PaddedBooklet(html, laid.written(), notes_pages, unpadded)
        notes_pages += short
        html, laid = balanced(html_for(notes_pages), lay_out)
    raise RenderError(
        f"the booklet could not be padded to a multiple of four pages: with {notes_pages} "
        f"Notes pages it has {laid.pages}; nothing was written"
    )


def _foreseen(html_for: HtmlFor, lay_out: LayOut, notes_pages: int) -> PaddedBooklet | None:
    """What `_in_turn` makes, in as few layouts as the pages allow (one when `notes_pages` is right
    and the pages need no balancing); None when that cannot be shown from the layouts made."""
    rules: list[str] = []
    counts: list[tuple[int, int]] = []  # every layout's pages, with and without its Notes pages
    for _ in range(MAX_ROUNDS + PAGES_PER_SHEET):  # each layout adds a rule or corrects the count
        html = html_for(notes_pages)
        for earlier in rules:
            html = with_rule(html, earlier)
        laid = lay_out(html)
        pages, unpadded = laid.document.pages, laid.pages - notes_pages
        if notes_pages and "notes" not in pages[unpadded - 1].anchors:
            return None  # the Notes pages are not where they are expected: the back cover is not one page
        counts.append((laid.pages, unpadded))
        rule = next_rule(html, pages, rules) if len(rules) < MAX_ROUNDS else None
        if notes_pages and len(rules) < MAX_ROUNDS:
            if rule != next_rule(html, pages[: unpadded - 1] + pages[-1:], rules):
                return None  # the Notes pages themselves called for a rule
        if rule:
            rules.append(rule)
        elif laid.pages % PAGES_PER_SHEET == 0:
            totals = {total for pair in counts for total in pair} | {bare + notes_pages for _, bare in counts}
            if len({len(str(total)) for total in totals}) > 1:
                return None  # a page number gained a digit: the contents page may have moved
            return PaddedBooklet(html, laid.written(), notes_pages, unpadded)
        notes_pages = -unpadded % PAGES_PER_SHEET
    return None
