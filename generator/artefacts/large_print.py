"""Large print on request: the booklet's pages set on A4 as RNIB Clear Print describes large print.

The same document as the booklet (cover, contents, sections, document control, contact), the
same stamps and the same tags, with body text at 18 pt (16 pt is the floor), headings larger,
each section starting a new page, and nothing printed over a picture.
"""

from __future__ import annotations

from generator.artefacts.base import BuildContext, Output
from generator.artefacts.guidance_html import guidance_html
from generator.pdf.render import lay_out
from generator.pdf.rebalance import balanced
from generator.artefacts.registry import BY_NAME

KINDS, NEEDS = BY_NAME["large_print"].kinds, BY_NAME["large_print"].needs  # its registry entry


def render(context: BuildContext, earlier: dict[str, Output]) -> list[Output]:
    html, laid = balanced(
        guidance_html(context, layout="large"),
        lambda page_html: lay_out(page_html, context.templates, context.readable_roots, "the large-print booklet"),
    )
    pdf = laid.written()
    return [Output("booklet-large", "booklet-large.pdf", pdf.data, pdf.pages, html, notes=pdf.notes)]
