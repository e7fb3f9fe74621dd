"""The report's PDF appendices, agenda-ready: the guidance (the `appendix` artefact's layout) and
the changes appendix, each keeping the bottom 15 mm of every page clear for the agenda's own page
numbers (templates/report/agenda.css) and, when asked, numbering its pages from a given page."""

from __future__ import annotations

from dataclasses import replace

from generator.artefacts.base import BuildContext
from generator.artefacts.guidance_html import guidance_html
from generator.committee.changes import SectionChanges
from generator.pdf.rebalance import balanced
from generator.pdf.render import RenderedPdf, lay_out

AGENDA_STYLESHEET = '<link rel="stylesheet" href="report/agenda.css">'


def agenda_head(first_page: int | None) -> str:
    """What goes at the end of an appendix's <head> for the agenda: the clear foot, and with a
    first page, "Page N" counted from it (a total would mislead once the pages are in a pack)."""
    numbering = (
        f"<style>@page :first {{ counter-reset: page {int(first_page)}; }} "
        '@page { @bottom-right { content: "Page " counter(page); } }</style>'
        if first_page
        else ""
    )
    return AGENDA_STYLESHEET + numbering


def guidance_appendix(context: BuildContext, label: str, first_page: int | None) -> RenderedPdf:
    """The guidance on A4 as `packgen build` makes appendix.pdf, with `label` on every page and
    the agenda's clear foot (the build's own appendix.pdf is left as it is)."""
    context = replace(context, appendix_label=label)
    html = guidance_html(context, layout="appendix").replace("</head>", agenda_head(first_page) + "\n</head>", 1)
    _, laid = balanced(html, lambda page_html: lay_out(page_html, context.templates, context.readable_roots, label))
    return laid.written()


def changes_appendix(
    context: BuildContext, label: str, old_version: str, sections: tuple[SectionChanges, ...], first_page: int | None
) -> tuple[str, RenderedPdf]:
    """The changes appendix as HTML (kept for its tags) and as an agenda-ready PDF."""
    html = context.render(
        "report/changes.html.j2",
        label=label,
        old_version=old_version,
        sections=sections,
        agenda=True,
        first_page=first_page,
    )
    return html, lay_out(html, context.templates, context.readable_roots, f"the changes appendix ({label})").written()
