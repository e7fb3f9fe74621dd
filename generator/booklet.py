"""The A5 booklet for induction packs."""
from __future__ import annotations

from generator.artefact import BuildContext, Output
from generator.guidance_html import guidance_html
from generator.pdf import render_pdf

KINDS = ("booklet",)
NEEDS = ()


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    html = guidance_html(context, layout="booklet")
    pdf = render_pdf(html, context.templates, context.readable_roots, what="the booklet")
    return [Output("booklet", "booklet.pdf", pdf.data, pdf.pages, html, {"anchor_pages": pdf.anchor_pages})]
