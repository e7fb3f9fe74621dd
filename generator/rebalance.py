"""No page under a third full before a page that must start afresh: move blocks over to it.

The booklet, the appendix and large print run their sections on, but document control, the
Notes pages and "Who to contact" start a page of their own. When the section before one of them
ends with a line or a panel alone on a page (one tip, 15% full), a compositor moves blocks from
the page before over to it, so that both pages are reasonably full. This does the same: after
layout it finds such a page, picks the block of the page before from which on the two pages
balance, and lays the document out again with a page break before that block.

Positions come from WeasyPrint's public `Page.anchors` (the rectangle of each element with an
id), the text area from generator/overflow.py. Only blocks a section template gives a numbered
id (`<section>--<n>`: a paragraph, a list item, a tip) are moved.
"""

from __future__ import annotations

import re
from typing import Callable

from generator.overflow import text_area

SHORT = 1 / 3  # a page less full than this before a fresh page is moved onto
BALANCED = 0.45  # ... until it is at least this full
KEEP = 0.5  # the page before keeps at least this much
FRESH_PAGES = ("document-control", "notes", "contact")  # what starts a page of its own
BLOCK = re.compile(r"^(?P<section>.+)--\d+$")
MAX_ROUNDS = 3

LayOut = Callable[[str], object]  # html -> a LaidOut (generator/pdf.py)


def balanced(html: str, lay_out: LayOut):
    """`html` laid out by `lay_out`, with page breaks added where a page would be under a third
    full before a fresh page. Returns (html as laid out, the LaidOut)."""
    laid = lay_out(html)
    for _ in range(MAX_ROUNDS):
        block = block_to_move(laid.document.pages)
        if block is None:
            break
        html = html.replace("</head>", f"<style>#{block} {{ break-before: page; }}</style>\n</head>", 1)
        laid = lay_out(html)
    return html, laid


def block_to_move(pages) -> str | None:
    """The id of the first block to move to the next page, or None when no page needs it."""
    for index in range(1, len(pages) - 1):
        page, before = pages[index], pages[index - 1]
        if not any(name in pages[index + 1].anchors for name in FRESH_PAGES):
            continue
        top, bottom = text_area(page)
        height = bottom - top
        filled = (_content_bottom(page) - top) / height
        if filled >= SHORT or not _section_goes_on(before, page):
            continue
        before_bottom = _content_bottom(before)
        for name, (_, y1, _, _) in sorted(before.anchors.items(), key=lambda item: -item[1][1]):
            if not BLOCK.match(name) or name in page.anchors:
                continue
            moved = (before_bottom - y1) / height
            if filled + moved >= BALANCED and (y1 - top) / height >= KEEP:
                return name
    return None


def _content_bottom(page) -> float:
    return max((y2 for _, _, _, y2 in page.anchors.values()), default=0)


def _section_goes_on(before, page) -> bool:
    """The short page continues a section of the page before (a section's own anchor is on every
    page it is laid out on)."""
    sections = {match["section"] for name in page.anchors if (match := BLOCK.match(name))}
    return any(section in before.anchors for section in sections)
