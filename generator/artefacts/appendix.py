"""The A4 agenda appendix: the booklet's content for a committee papers pack."""

from __future__ import annotations

from generator.artefacts.base import BuildContext, Output
from generator.artefacts.guidance_html import guidance_html
from generator.pdf.render import lay_out
from generator.pdf.rebalance import balanced
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["appendix"].kinds, BY_NAME["appendix"].needs  # its registry entry


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    html, laid = balanced(
        guidance_html(context, layout="appendix"),
        lambda page_html: lay_out(page_html, context.templates, context.readable_roots, "the agenda appendix"),
    )
    pdf = laid.written()
    return [Output("appendix", "appendix.pdf", pdf.data, pdf.pages, html, notes=pdf.notes)]
