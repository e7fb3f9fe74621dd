"""Nothing printed outside the text area: every box of every laid-out page is checked against it.

WeasyPrint lets what cannot fit run past the margins without a word (a table wider than the
measure, a word too long for its line, a panel taller than a page), and a printer crops it or
cannot print it at all. After layout, every box of every page is measured against its page's
content box (the text area: the page inside its margins and padding); one that runs more than
TOLERANCE_MM past it stops the render, naming the artefact, the page and the element.

Why the box tree: WeasyPrint's public API (`Page.anchors`) gives the rectangles of elements with
an id only, and nothing gives a page's margins; this check must see every box, ids or not, so it
reads the laid-out page box (`Page._page_box`), the boxes' own geometry (`position_x`,
`border_width()`...) and the CSS transform WeasyPrint worked out for a box while it gathered the
page's anchors (`transformation_matrix`: the cards sheet turns its printing note into the left
margin). That reading lives here and nowhere else.

What is meant to run out is marked so in its template, with the class `runs-out` (the DRAFT
watermark, set across the page on a slant). Page backgrounds, bleeds and crop marks are drawn by
the page itself, not by boxes, so they are never measured. Page margin boxes (running heads and
footers) stand in the margins by design and are not measured either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.errors import RenderError

PX_TO_MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels
TOLERANCE_MM = 0.3  # rounding in layout, a hairline border's half width
MEANT_TO_RUN_OUT = "runs-out"
SIDES = ("left", "right", "top", "bottom")


@dataclass(frozen=True)
class Overflow:
    page: int  # 1-based
    element: str  # what a reader would call it: 'a table ("Pros Cons ...")'
    section: str  # the id of the section it stands in, or ""
    side: str
    by_mm: float

    def sentence(self, what: str) -> str:
        where = f' in the section "{self.section}"' if self.section else ""
        edge = {"left": "left edge", "right": "right edge", "top": "top", "bottom": "foot"}[self.side]
        return (
            f"{what}, page {self.page}: {self.element}{where} runs {self.by_mm:.1f} mm past the {edge} of the "
            "text area, so nothing was written. A word or web address too long to wrap, or a table or panel "
            "too big for the page, is the usual cause: shorten it, or split it"
        )


def refuse_overflow(document, what: str) -> None:
    """Raise a RenderError naming the first element of `document` printed outside its text area."""
    found = overflows(document)
    if found:
        raise RenderError(found[0].sentence(what))


def overflows(document) -> list[Overflow]:
    """Every box of every page that paints outside its page's text area, in page order."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box  # see the module's docstring for why
        left, top = page_box.content_box_x(), page_box.content_box_y()
        context = _Context(number, (left, top, left + page_box.width, top + page_box.height))
        for child in page_box.children:
            if type(child).__name__ != "MarginBox":
                found += _walk(child, context)
    return found


@dataclass(frozen=True)
class _Context:
    page: int
    area: tuple[float, float, float, float]  # left, top, right, bottom, in px
    section: str = ""  # the id of the section being walked
    named: object = None  # the outermost box a reader would name (a table, a paragraph...)
    matrix: object = None  # the CSS transforms of the boxes above, composed


def _walk(box, context: _Context) -> list[Overflow]:
    """A box is measured only where it paints (text, a picture, a background or a border): an
    invisible box's edges include margins that are only white space."""
    element = getattr(box, "element", None)
    if element is not None and MEANT_TO_RUN_OUT in str(element.get("class", "")).split():
        return []
    context = _inside(box, context)
    past = _past(box, context.area, context.matrix) if _paints(box) else None
    if past:
        side, by = past
        return [Overflow(context.page, _describe(context.named or box), context.section, side, round(by * PX_TO_MM, 1))]
    return [found for child in _children(box) for found in _walk(child, context)]


def _inside(box, context: _Context) -> _Context:
    """The context for `box` and what it holds."""
    element, tag = getattr(box, "element", None), box.element_tag
    section = element.get("id") if element is not None and tag == "section" and element.get("id") else context.section
    named = context.named or (box if tag in NAMES or tag in HEADINGS else None)
    matrix, own = context.matrix, getattr(box, "transformation_matrix", None)
    if own is not None:
        matrix = own @ matrix if matrix is not None else own
    return replace(context, section=section, named=named, matrix=matrix)


def _paints(box) -> bool:
    if hasattr(box, "text"):
        return bool(box.text.strip())
    if hasattr(box, "replacement") or getattr(box, "background", None) is not None:
        return True
    return any(getattr(box, f"border_{side}_width", 0) > 0 for side in SIDES)


def _past(box, area, matrix) -> tuple[str, float] | None:
    """(side, distance in px) of the furthest edge of `box` (as transformed) outside `area`, or None."""
    if not hasattr(box, "position_x"):
        return None
    width, height = box.border_width(), box.border_height()
    if width <= 0 or height <= 0:
        return None
    x1, y1, x2, y2 = _bounds(box.border_box_x(), box.border_box_y(), width, height, matrix)
    left, top, right, bottom = area
    distances = dict(zip(SIDES, (left - x1, x2 - right, top - y1, y2 - bottom)))
    side = max(distances, key=lambda name: distances[name])
    return (side, distances[side]) if distances[side] * PX_TO_MM > TOLERANCE_MM else None


def _bounds(x, y, width, height, matrix) -> tuple[float, float, float, float]:
    """The rectangle's bounding box once `matrix` (if any) has moved, turned or scaled it."""
    if matrix is None:
        return x, y, x + width, y + height
    corners = [matrix.transform_point(cx, cy) for cx in (x, x + width) for cy in (y, y + height)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _children(box):
    children = box.all_children() if hasattr(box, "all_children") else ()
    return [child for child in children if hasattr(child, "element_tag")]


NAMES = {"table": "a table", "p": "a paragraph", "li": "a list item", "img": "a picture", "svg": "a picture"}
HEADINGS = ("h1", "h2", "h3", "h4")


def _describe(box) -> str:
    """The element as a reader would find it on the page: its kind and its first words."""
    tag = box.element_tag or "box"
    kind = NAMES.get(tag, "a heading" if tag in HEADINGS else f"a <{tag}>")
    words = " ".join(_text(box).split())
    if len(words) > 50:
        words = words[:50].rsplit(" ", 1)[0] + "…"
    return f'{kind} ("{words}")' if words else kind


def _text(box) -> str:
    if hasattr(box, "text"):
        return box.text
    return " ".join(_text(child) for child in _children(box))


def text_area(page) -> tuple[float, float]:
    """(top, bottom) of a laid-out page's text area, in CSS pixels from the page's top."""
    page_box = page._page_box  # see the module's docstring for why
    return page_box.content_box_y(), page_box.content_box_y() + page_box.height
