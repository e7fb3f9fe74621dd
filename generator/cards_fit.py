"""Measure every card face as WeasyPrint lays it out, so no card is ever printed clipped.

Each face is laid out alone on a tall page with its height left free (cards.html.j2,
layout "measure"), with the same width, fonts and styles as on the sheet. A face taller
than the card is a content error at the cards.yaml line of the first line that does not
fit, saying how much too long the face is.
"""
from __future__ import annotations

import math

from generator.artefact import BuildContext
from generator.content.card_set import Card, CardFace
from generator.errors import ContentError, Problem, RenderError
from generator.pdf import confined_fetcher

PX_TO_MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels
TOLERANCE_MM = 0.05


def check_fit(context: BuildContext, measure_html: str, card_height_mm: float = 55) -> None:
    """Raise ContentError listing every face whose text is taller than the card."""
    import weasyprint

    document = weasyprint.HTML(
        string=measure_html, base_url=context.templates.resolve().as_uri() + "/",
        url_fetcher=confined_fetcher(context.readable_roots),
    ).render()
    cards = context.pack.cards
    faces = [(card, face) for card in cards.cards for face in (card.front, card.back)]
    if len(document.pages) != len(faces):  # a face taller than the measuring page: limits keep this from happening
        raise RenderError(f"the pocket cards could not be measured ({len(document.pages)} pages for {len(faces)} faces)")
    problems = [problem for page, (card, face) in zip(document.pages, faces)
                if (problem := _overflow(page._page_box, card, face, cards.path, card_height_mm))]
    if problems:
        raise ContentError(problems)


def face_height_mm(page_box) -> float:
    card = next(box for box in page_box.descendants() if _is(box, "div", "card"))
    return card.margin_height() * PX_TO_MM


def _overflow(page_box, card: Card, face: CardFace, path: str, card_height_mm: float) -> Problem | None:
    excess = face_height_mm(page_box) - card_height_mm
    if excess <= TOLERANCE_MM:
        return None
    items = [box for box in page_box.descendants() if _is(box, "li")]
    rows = math.ceil(excess / _row_height_mm(page_box))
    where = f'card "{card.title}", {face.side}: the text is {excess:.1f} mm (about {_rows(rows)}) too long for the card'
    first = _first_line_that_does_not_fit(items, excess)
    if first is None:
        return Problem(path, face.line, f"{where}; shorten the heading or the note")
    line = face.lines[int(first.element.get("data-line"))]
    origin = f"{line.source}, " if line.source else ""
    if line.source:
        fix = "write the lines out under lines: in fewer words, or move some to the other side"
    else:
        fix = "shorten the lines or remove some, or move some to the other side"
    return Problem(path, line.line, f'{where}; from {origin}"{line.text}" on it does not fit: {fix}')


def _first_line_that_does_not_fit(items: list, excess_mm: float):
    """The first list item that would still stick out if everything after the list stayed put."""
    if not items:
        return None
    list_bottom = max(_bottom_mm(box) for box in items)
    return next((box for box in items if _bottom_mm(box) > list_bottom - excess_mm + TOLERANCE_MM), None)


def _bottom_mm(box) -> float:
    return (box.position_y + box.margin_height()) * PX_TO_MM


def _row_height_mm(page_box) -> float:
    from weasyprint.formatting_structure.boxes import LineBox

    heights = [box.height for box in page_box.descendants() if isinstance(box, LineBox) and box.height]
    return min(heights) * PX_TO_MM if heights else 3.2


def _rows(count: int) -> str:
    return "1 line" if count == 1 else f"{count} lines"


def _is(box, tag: str, css_class: str | None = None) -> bool:
    if box.element_tag != tag or box.element is None:
        return False
    return css_class is None or css_class in (box.element.get("class") or "").split()
