"""Pocket cards: the A4 sheet for the office printer (the print shop's file is cards_print.py).

The sheet holds ten 85 x 55 mm cards (two columns, five rows). Page 1 carries the fronts,
page 2 the backs, each back placed where its front is mirrored left to right, so the two
line up when the sheet is printed double-sided flipping on the long edge. The pack's cards
are placed in reading order and repeated until the sheet is full (two cards give five sets,
one set to a row); more than ten cards take more sheets. Before anything is drawn, every
face is measured (generator.artefacts.cards_fit, through WeasyPrint's public API): text that would not fit stops the build.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass


from generator.artefacts.base import BuildContext, Output
from generator.html.qr import qr_svg
from generator.artefacts.cards_fit import check_fit
from generator.content.card_set import Card, CardFace
from generator.pdf.render import render_pdf
from generator.i18n import _, words_for
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["cards"].kinds, BY_NAME["cards"].needs  # its registry entry


@dataclass(frozen=True)
class Geometry:
    """Sizes in millimetres."""

    card_width: float = 85
    card_height: float = 55
    safe: float = 5  # text stays this far inside the trim
    bleed: float = 3
    page_width: float = 210
    page_height: float = 297
    columns: int = 2
    rows: int = 5
    column_gap: float = 6
    row_gap: float = 0  # rows share one cut: the sheet's top and bottom margins then hold marks 5 mm clear of the edge
    edge: float = 5  # nothing is printed nearer the paper's edge: office printers cannot print there
    mark_gap: float = 1  # crop marks stop short of the card edge
    mark_length: float = 5
    mark_thickness: float = 0.15

    @property
    def margin_x(self) -> float:
        return (self.page_width - self.columns * self.card_width - (self.columns - 1) * self.column_gap) / 2

    @property
    def margin_y(self) -> float:
        return (self.page_height - self.rows * self.card_height - (self.rows - 1) * self.row_gap) / 2

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def front_position(self, slot: int) -> tuple[float, float]:
        row, column = divmod(slot, self.columns)
        return (
            self.margin_x + column * (self.card_width + self.column_gap),
            self.margin_y + row * (self.card_height + self.row_gap),
        )

    def back_position(self, slot: int) -> tuple[float, float]:
        """Behind the front after a long-edge flip: the same height, mirrored left to right."""
        x, y = self.front_position(slot)
        return self.page_width - x - self.card_width, y


GEOMETRY = Geometry()


@dataclass(frozen=True)
class Slot:
    x: float
    y: float
    card: Card
    face: CardFace
    repeat: bool = False  # a copy filling the sheet: tagged once, the copies are artifacts


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class SheetPage:
    slots: tuple[Slot, ...]
    marks: tuple[Mark, ...] = ()


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.cards is None:
        return []  # the pack has no cards.yaml
    measure(context)
    html = page_html(context, "sheet")
    pdf = render_pdf(html, context.templates, context.readable_roots, what="the pocket cards sheet")
    return [Output("cards-sheet", "cards-sheet.pdf", office_print_settings(pdf.data), pdf.pages, html, notes=pdf.notes)]


def measure(context: BuildContext) -> None:
    """Raise ContentError naming every card face whose text is taller than the card.

    `packgen check` runs this too: a card that does not fit is a content problem.
    """
    if context.pack.cards is not None:
        check_fit(context, page_html(context, "measure"), GEOMETRY.card_height)


def page_html(context: BuildContext, layout: str, geometry: Geometry = GEOMETRY) -> str:
    pack = context.pack
    page_size = {
        "sheet": f"{geometry.page_width}mm {geometry.page_height}mm",
        "print": f"{geometry.card_width}mm {geometry.card_height}mm",
        "measure": f"{geometry.card_width}mm 1000mm",
    }[layout]
    what = (
        _("Pocket cards (office sheet): %(title)s")
        if layout == "sheet"
        else _("Pocket cards (print-shop file): %(title)s")
    )
    return context.render(
        "cards.html.j2",
        layout=layout,
        title=words_for(pack).phrase(what, title=pack.title),
        page_size=page_size,
        geometry=geometry,
        sheets=sheet_pages(pack.cards.cards, geometry) if layout == "sheet" and pack.cards else (),
        qr_svg=qr_svg(pack.url) if pack.url else "",
    )


def sheet_pages(cards: tuple[Card, ...], geometry: Geometry = GEOMETRY) -> list[SheetPage]:
    """Fronts then backs for each sheet; the cards repeated in order until every slot is filled.
    A screen reader meets each card once: every copy after the first is marked a repeat."""
    sheets = math.ceil(len(cards) / geometry.per_sheet)
    pages = []
    for sheet in range(sheets):
        numbers = [sheet * geometry.per_sheet + slot for slot in range(geometry.per_sheet)]
        on_sheet = [(cards[n % len(cards)], n >= len(cards)) for n in numbers]
        fronts = tuple(
            Slot(*geometry.front_position(i), card, card.front, repeat) for i, (card, repeat) in enumerate(on_sheet)
        )
        backs = tuple(
            Slot(*geometry.back_position(i), card, card.back, repeat) for i, (card, repeat) in enumerate(on_sheet)
        )
        pages += [SheetPage(fronts, crop_marks(geometry)), SheetPage(backs)]
    return pages


def crop_marks(geometry: Geometry) -> tuple[Mark, ...]:
    """Short lines in the sheet's margins on the line of every cut, stopping short of the cards."""
    g = geometry
    cuts_x = sorted(
        {x + dx for slot in range(g.columns) for x, _ in [g.front_position(slot)] for dx in (0, g.card_width)}
    )
    cuts_y = sorted(
        {
            y + dy
            for slot in range(0, g.per_sheet, g.columns)
            for _, y in [g.front_position(slot)]
            for dy in (0, g.card_height)
        }
    )
    half = g.mark_thickness / 2
    top_end, bottom_start = g.margin_y - g.mark_gap, g.page_height - g.margin_y + g.mark_gap
    left_end, right_start = g.margin_x - g.mark_gap, g.page_width - g.margin_x + g.mark_gap
    top_start = max(g.edge, top_end - g.mark_length)
    vertical = [
        Mark(x - half, y, g.mark_thickness, length)
        for x in cuts_x
        for y, length in (
            (top_start, top_end - top_start),
            (bottom_start, min(g.mark_length, g.page_height - g.edge - bottom_start)),
        )
    ]
    left_start = max(g.edge, left_end - g.mark_length)
    horizontal = [
        Mark(x, y - half, length, g.mark_thickness)
        for y in cuts_y
        for x, length in (
            (left_start, left_end - left_start),
            (right_start, min(g.mark_length, g.page_width - g.edge - right_start)),
        )
    ]
    return tuple(vertical + horizontal)


def office_print_settings(pdf: bytes) -> bytes:
    """Ask PDF readers to default to duplex, long-edge flip and actual size (no 'fit to page')."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        preferences = document.Root.get("/ViewerPreferences", pikepdf.Dictionary())
        preferences.Duplex = pikepdf.Name.DuplexFlipLongEdge
        preferences.PrintScaling = pikepdf.Name("/None")
        document.Root.ViewerPreferences = preferences
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()
