"""Pages a compositor would accept, where CSS alone cannot see the whole page.

- No page under a third full before a page that starts afresh (document control, Notes, the
  contact page, or a section whose first panel did not fit below): blocks move over to it.
- No page under half full because a panel kept whole (a tip) went over to the next page: that
  panel may break after all, its title staying with its first lines.

The booklet, the appendix and large print run their sections on, but document control, the
Notes pages and "Who to contact" start a page of their own. When the section before one of them
ends with a line or a panel alone on a page (one tip, 15% full), a compositor moves blocks from
the page before over to it, so that both pages are reasonably full. This does the same: after
layout it finds such a page, picks the block of the page before from which on the two pages
balance, and lays the document out again with a page break before that block. Likewise, a page
left under half full by a panel that could not fit whole lets that panel run over the page.

Positions come from WeasyPrint's public `Page.anchors` (the rectangle of each element with an
id), the text area from generator/pdf/overflow.py. Only blocks a section template gives a numbered
id (`<section>--<n>`: a paragraph, a list item, a tip) are moved.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from generator.pdf.overflow import text_area

# Fill is measured to the foot of the text area; a reader's eye (and layout-check) measures to the
# running footer, 6.5 mm lower: hence a little over a third and a half.
SHORT = 0.37  # a page less full than this before a fresh page is moved onto
HALF = 0.55  # a page less full than this, its section going on, lets a whole panel break
BALANCED = 0.4  # ... until it is at least this full
KEEP = 0.5  # the page before keeps at least this much
FRESH_PAGES = ("document-control", "notes", "contact")  # what starts a page of its own
BLOCK = re.compile(r"^(?P<section>.+)--\d+$")
PANEL = re.compile(r'<(?:div|p) class="(?:tip|callout)\b[^"]*" id="([^"]+)"')  # kept whole by CSS
RELEASED = re.compile(r"^#(\S+) \{ break-inside: auto; \}$")  # a panel let break by next_rule
MAX_ROUNDS = 3

LayOut = Callable[[str], Any]  # html -> a LaidOut (generator/pdf/render.py)


def balanced(html: str, lay_out: LayOut):
    """`html` laid out by `lay_out`, with page breaks added where a page would be under a third
    full before a fresh page. Returns (html as laid out, the LaidOut)."""
    laid, rules = lay_out(html), list[str]()
    for _ in range(MAX_ROUNDS):
        rule = next_rule(html, laid.document.pages, rules)
        if not rule:
            break
        rules.append(rule)
        html = with_rule(html, rule)
        laid = lay_out(html)
    return html, laid


def next_rule(html: str, pages, rules: Sequence[str] = ()) -> str | None:
    """The CSS rule `balanced` adds next to `html` laid out as `pages`, `rules` added so far (a
    panel is let break once); None when the pages are balanced."""
    released = {match[1] for rule in rules if (match := RELEASED.match(rule))}
    panel = panel_to_break(pages, set(PANEL.findall(html)) - released)
    if panel:
        return f"#{panel} {{ break-inside: auto; }}"
    block = block_to_move(pages)
    return f"#{block} {{ break-before: page; }}" if block else None


def with_rule(html: str, rule: str) -> str:
    """`html` with `rule` added last in its head, after every rule added before it."""
    return html.replace("</head>", f"<style>{rule}</style>\n</head>", 1)


def panel_to_break(pages, panels: set[str]) -> str | None:
    """The id of a panel kept whole at the top of a page, leaving the page before it under half
    full while its section goes on over the page; or None."""
    for before, page in zip(pages, pages[1:]):
        top, bottom = text_area(before)
        if (_content_bottom(before) - top) / (bottom - top) >= HALF or not _section_goes_on(before, page):
            continue
        blocks = [(y1, name) for name, (_, y1, _, _) in page.anchors.items() if BLOCK.match(name)]
        first = min(blocks, default=None)
        if first and first[1] in panels and first[1] not in before.anchors and first[0] - text_area(page)[0] < 1:
            return first[1]
    return None


def block_to_move(pages) -> str | None:
    """The id of the first block to move to the next page, or None when no page needs it."""
    for index in range(1, len(pages) - 1):
        page, before = pages[index], pages[index - 1]
        if not _next_starts_afresh(page, pages[index + 1]):
            continue
        top, bottom = text_area(page)
        height = bottom - top
        filled = (_content_bottom(page) - top) / height
        if filled >= SHORT:
            continue
        before_bottom = _content_bottom(before)
        for name, (_, y1, _, _) in sorted(before.anchors.items(), key=lambda item: -item[1][1]):
            if not BLOCK.match(name) or name in page.anchors:
                continue
            moved = (before_bottom - y1) / height
            if filled + moved >= BALANCED and (y1 - top) / height >= KEEP:
                return name
    return None


def _next_starts_afresh(page, following) -> bool:
    """The page after `page` starts a part of its own, or a section that could not begin lower on
    `page` (its first block kept whole with its heading did not fit)."""
    if any(name in following.anchors for name in FRESH_PAGES):
        return True
    top = text_area(following)[0]
    return any(
        "--" not in name and name not in page.anchors and y1 - top < 1
        for name, (_, y1, _, _) in following.anchors.items()
    )


def _content_bottom(page) -> float:
    """Where the page's text ends: the lowest of its blocks. A section's own anchor is no guide:
    a section that goes on over the page fills its page to the foot."""
    blocks = [y2 for name, (_, _, _, y2) in page.anchors.items() if "--" in name]
    return max(blocks or [y2 for _, _, _, y2 in page.anchors.values()] or [0])


def _section_goes_on(before, page) -> bool:
    """The short page continues a section of the page before (a section's own anchor is on every
    page it is laid out on)."""
    sections = {match["section"] for name in page.anchors if (match := BLOCK.match(name))}
    return any(section in before.anchors for section in sections)
