"""The flip booklet (tête-bêche): two A5 booklets bound as one, each read from its own cover.

Held one way up, the first language's booklet reads from the front cover to the centre spread;
turned over and round, the second language's reads the same way from the other cover. In reading
order from the first cover the pages are therefore: the first booklet's pages, then the second
booklet's pages backwards, each turned 180 degrees. Both halves end at the centre spread, so each
is padded to the same length (blank pages before its back page, which stays last of its half:
the two back pages face each other across the centre). The imposition is the office printer's
(generator/pdf/imposition.py): A4 landscape, double-sided, flip on the short edge, saddle-stitched.

A pure function: rendered booklets in, the flip booklet's pages and its imposed sheets out.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

import pikepdf

from generator.pdf.imposition import impose

PAGES_PER_SHEET = 4


@dataclass(frozen=True)
class Leaf:
    """One page of the flip booklet: which booklet it comes from (0 first, 1 second), its page
    there (None: a blank added so the halves meet at the centre), and whether it is upside down."""

    booklet: int
    page: int | None
    turned: bool


@dataclass(frozen=True)
class FlipBooklet:
    pages: bytes  # in reading order from the first booklet's cover, the second half turned
    sheets: bytes  # the pages imposed on A4 for the office printer, after any front matter
    half: int  # pages in each half (both the same), so 2 * half pages in all


def half_length(*page_counts: int) -> int:
    """The pages each half takes: the longer booklet's, rounded up so the whole is whole sheets."""
    longest = max(page_counts)
    if longest <= 0:
        raise ValueError("a flip booklet needs two booklets with pages")
    return -(-longest // 2) * 2  # two halves of an even length make a multiple of four


def flip_order(first_pages: int, second_pages: int) -> list[Leaf]:
    """The flip booklet's pages in reading order from the first booklet's front cover."""
    half = half_length(first_pages, second_pages)
    first = _padded(0, first_pages, half, turned=False)
    second = _padded(1, second_pages, half, turned=True)
    return first + second[::-1]


def _padded(booklet: int, pages: int, half: int, turned: bool) -> list[Leaf]:
    """A booklet's pages with blanks before its last page (the back page) up to `half`."""
    leaves = [Leaf(booklet, number, turned) for number in range(1, pages)]
    leaves += [Leaf(booklet, None, turned)] * (half - pages)
    return leaves + [Leaf(booklet, pages, turned)]


def flip_booklet(first: bytes, second: bytes, front_matter: bytes | None = None, title: str = "") -> FlipBooklet:
    """The flip booklet of `first` (read from the front cover) and `second` (from the back, turned)."""
    with contextlib.ExitStack() as open_files:
        sources = [open_files.enter_context(pikepdf.open(io.BytesIO(data))) for data in (first, second)]
        order = flip_order(len(sources[0].pages), len(sources[1].pages))
        flipped = open_files.enter_context(pikepdf.new())
        for leaf in order:
            _add_leaf(flipped, sources, leaf)
        flipped.Root.Lang = sources[0].Root.get("/Lang", pikepdf.String("en-GB"))
        if title:
            flipped.docinfo.Title = pikepdf.String(title)
        out = io.BytesIO()
        flipped.save(out, deterministic_id=True)
        pages = out.getvalue()
    return FlipBooklet(pages, impose(pages, front_matter, title=title), len(order) // 2)


def _add_leaf(flipped: pikepdf.Pdf, sources: list[pikepdf.Pdf], leaf: Leaf) -> None:
    source = sources[leaf.booklet]
    if leaf.page is None:
        box = source.pages[-1].mediabox
        flipped.add_blank_page(page_size=(float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
    else:
        flipped.pages.append(source.pages[leaf.page - 1])
    page = flipped.pages[-1]
    for key in ("/StructParents", "/Annots"):  # the structure tree stays behind: this file is for a printer
        if key in page.obj:
            del page.obj[key]
    if leaf.turned:
        page.obj.Rotate = (int(page.obj.get("/Rotate", 0)) + 180) % 360
