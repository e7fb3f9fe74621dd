"""The A5 booklet for induction packs, padded with Notes pages to fold into sheets of four."""
from __future__ import annotations

from generator.artefact import BuildContext, Output
from generator.padding import render_padded_booklet
from generator.kinds import BY_MODULE

KINDS = BY_MODULE["booklet"]
NEEDS = ()


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    booklet = render_padded_booklet(context)
    pdf = booklet.pdf
    facts = {"anchor_pages": pdf.anchor_pages, "anchor_last_pages": pdf.anchor_last_pages,
             "notes_pages": booklet.notes_pages, "notes": booklet.notes}
    return [Output("booklet", "booklet.pdf", pdf.data, pdf.pages, booklet.html, facts)]
