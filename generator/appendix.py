"""The A4 agenda appendix: the booklet's content for a committee papers pack."""

from __future__ import annotations

from generator.artefact import BuildContext, Output
from generator.guidance_html import guidance_html
from generator.pdf import render_pdf
from generator.kinds import BY_MODULE

KINDS = BY_MODULE["appendix"]
NEEDS = ()


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    html = guidance_html(context, layout="appendix")
    pdf = render_pdf(html, context.templates, context.readable_roots, what="the agenda appendix")
    return [Output("appendix", "appendix.pdf", pdf.data, pdf.pages, html)]
