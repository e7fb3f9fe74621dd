"""The A5 booklet for induction packs, padded with Notes pages to fold into sheets of four."""

from __future__ import annotations

from generator.artefacts.base import BookletPages, BuildContext, Output
from generator.artefacts.padding import render_padded_booklet
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["booklet"].kinds, BY_NAME["booklet"].needs  # its registry entry


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    booklet = render_padded_booklet(context)
    pdf = booklet.pdf
    pages = BookletPages(pdf.anchor_pages, pdf.anchor_last_pages, booklet.notes_pages)
    notes = (*booklet.notes, *pdf.notes)  # the padding told, and WeasyPrint's harmless notices
    return [Output("booklet", "booklet.pdf", pdf.data, pdf.pages, booklet.html, pages, notes)]
