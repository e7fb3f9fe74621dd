"""Measure every card face as WeasyPrint lays it out, so no card is ever printed clipped.

Each face is laid out alone on a tall page with its height left free (cards.html.j2,
layout "measure"), with the same width, fonts and styles as on the sheet. A face taller
than the card is a content error at the cards.yaml line of the first line that does not
fit, saying how much too long the face is.

Positions are read through WeasyPrint's public API only: `Page.anchors`, the (x, y) of
each element with an id, in CSS pixels. Ids are added here to the measuring copy of the
markup (the card, its face, each line, the end of the list and of the face).
"""

from __future__ import annotations

import math
import re

from generator.artefacts.base import BuildContext
from generator.content.card_set import Card, CardFace
from generator.errors import ContentError, Problem, RenderError
from generator.pdf.render import weasyprint_layout

PX_TO_MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels
TOLERANCE_MM = 0.05
DEFAULT_ROW_MM = 3.2
CARD_START = '<div class="card">'
MARKER = '<div id="{}" style="height: 0; margin: 0; padding: 0; border: 0"></div>'


def check_fit(context: BuildContext, measure_html: str, card_height_mm: float = 55) -> None:
    """Raise ContentError listing every face whose text is taller than the card."""
    html = with_anchors(measure_html)
    document = weasyprint_layout(html, context.templates, context.readable_roots, "the pocket cards")
    cards = context.pack.cards
    if cards is None:
        return  # no cards.yaml: nothing to measure
    faces = [(card, face) for card in cards.cards for face in (card.front, card.back)]
    if len(document.pages) != len(faces):  # a face taller than the measuring page: limits keep this from happening
        raise RenderError(
            f"the pocket cards could not be measured ({len(document.pages)} pages for {len(faces)} faces)"
        )
    problems = [
        problem
        for number, (page, (card, face)) in enumerate(zip(document.pages, faces))
        if (problem := _overflow(Face(page.anchors, number), card, face, cards.path, card_height_mm))
    ]
    if problems:
        raise ContentError(problems)


def with_anchors(html: str) -> str:
    """The measuring markup with an id on each face's parts, numbered in page order."""
    head, *cards = html.split(CARD_START)
    marked = [head]
    for number, card in enumerate(cards):
        card = re.sub(r'<li data-line="(\d+)"', rf'<li id="fit-{number}-line-\1" data-line="\1"', card)
        card = card.replace('<div class="face ', f'<div id="fit-{number}-face" class="face ', 1)
        card = card.replace("</ul>", "</ul>" + MARKER.format(f"fit-{number}-list-end"), 1)
        close = card.rindex("</div>")  # the card's own closing tag: nothing after it is a div
        card = card[:close] + MARKER.format(f"fit-{number}-end") + card[close:]
        marked.append(f'<div class="card" id="fit-{number}">' + card)
    return "".join(marked)


class Face:
    """Where the parts of one measured face are, in mm from the top of its card."""

    def __init__(self, anchors: dict, number: int):
        self.anchors, self.prefix = anchors, f"fit-{number}"

    def top(self, part: str = "") -> float | None:
        place = self.anchors.get(self.prefix + (f"-{part}" if part else ""))
        return None if place is None else (place[1] - self.anchors[self.prefix][1]) * PX_TO_MM

    def at(self, part: str) -> float:
        """Like top(), for a part every measured face has (every face has one page: check_fit)."""
        top = self.top(part)
        if top is None:
            raise RenderError(f"the pocket cards could not be measured ({self.prefix}-{part} was not laid out)")
        return top

    def height(self) -> float:
        """The card's height as laid out: its content and its padding (the same above and below)."""
        padding = self.at("face")
        return self.at("end") + padding

    def line_bottoms(self, count: int) -> list[float]:
        """The bottom of each list line: where the next line starts, or the end of the list (or column)."""
        tops = [self.top(f"line-{n}") for n in range(count)]
        list_end = self.top("list-end")
        end = self.at("end") if list_end is None else list_end  # a council's card template may have no list
        return [
            after if after is not None and top is not None and after > top else end
            for top, after in zip(tops, [*tops[1:], None])
        ]

    def row_height(self, count: int) -> float:
        tops = [self.top(f"line-{n}") for n in range(count)]
        heights = [
            bottom - top for top, bottom in zip(tops, self.line_bottoms(count)) if top is not None and bottom > top
        ]
        return min(heights) if heights else DEFAULT_ROW_MM


def _overflow(measured: Face, card: Card, face: CardFace, path: str, card_height_mm: float) -> Problem | None:
    excess = measured.height() - card_height_mm
    if excess <= TOLERANCE_MM:
        return None
    rows = math.ceil(excess / measured.row_height(len(face.lines)))
    where = f'card "{card.title}", {face.side}: the text is {excess:.1f} mm (about {_rows(rows)}) too long for the card'
    first = _first_line_that_does_not_fit(measured.line_bottoms(len(face.lines)), excess)
    if first is None:
        return Problem(path, face.line, f"{where}; shorten the heading or the note")
    line = face.lines[first]
    origin = f"{line.source}, " if line.source else ""
    if line.source:
        fix = "write the lines out under lines: in fewer words, or move some to the other side"
    else:
        fix = "shorten the lines or remove some, or move some to the other side"
    return Problem(path, line.line, f'{where}; from {origin}"{line.text}" on it does not fit: {fix}')


def _first_line_that_does_not_fit(bottoms: list[float], excess_mm: float) -> int | None:
    """The first list line that would still stick out if everything after the list stayed put."""
    if not bottoms:
        return None
    list_bottom = max(bottoms)
    return next((n for n, bottom in enumerate(bottoms) if bottom > list_bottom - excess_mm + TOLERANCE_MM), None)


def _rows(count: int) -> str:
    return "1 line" if count == 1 else f"{count} lines"
