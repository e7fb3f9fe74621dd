"""Pocket cards for a print shop: one face to a page, 85 x 55 mm with 3 mm bleed, PDF/X-4.

A module of its own, beside the office sheet (cards.py), so the two are rendered side by side
and a cards.yaml edit waits for the longer of them, not for both. Both measure the faces
first: either may be built alone (`--only cards-print`).
"""

from __future__ import annotations

from generator.artefact import BuildContext, Output
from generator.cards import measure, page_html
from generator.kinds import BY_MODULE
from generator.pdf import render_pdf
from generator.pdfx import make_pdfx4

KINDS = BY_MODULE["cards_print"]
NEEDS = ()


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    if context.pack.cards is None:
        return []  # the pack has no cards.yaml
    measure(context)
    html = page_html(context, "print")
    what = "the pocket cards print file"
    pdf = render_pdf(html, context.templates, context.readable_roots, what=what)
    return [Output("cards-print", "cards-print.pdf", make_pdfx4(pdf.data, context.built, what=what), pdf.pages, html)]
